-- Seller webhook endpoints and their deliveries (signed, retried with backoff by a scheduled job).
CREATE TABLE webhook_endpoints (
    id          BIGSERIAL PRIMARY KEY,
    seller_id   BIGINT        NOT NULL REFERENCES accounts (id),
    url         VARCHAR(2048) NOT NULL,
    events      JSONB         NOT NULL DEFAULT '["*"]'::jsonb,  -- event types, "*" for all
    secret      VARCHAR(128)  NOT NULL,                          -- HMAC-SHA256 signing secret
    enabled     BOOLEAN       NOT NULL DEFAULT TRUE,
    created_at  TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE INDEX webhook_endpoints_seller_idx ON webhook_endpoints (seller_id) WHERE enabled;

CREATE TABLE webhook_deliveries (
    id               BIGSERIAL PRIMARY KEY,
    endpoint_id      BIGINT       NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    event_id         VARCHAR(64)  NOT NULL,
    event_type       VARCHAR(64)  NOT NULL,
    payload          TEXT         NOT NULL,
    status           VARCHAR(16)  NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
    attempts         INT          NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    last_status_code INT,
    last_error       VARCHAR(512),
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    delivered_at     TIMESTAMPTZ,
    UNIQUE (endpoint_id, event_id)                           -- an event is delivered once per endpoint
);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, created_at);
