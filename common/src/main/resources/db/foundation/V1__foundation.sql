-- Foundation tables every service owns in its own schema.

-- Transactional outbox: events written with the change they describe, relayed to lm:events.
CREATE TABLE outbox (
    id            BIGSERIAL PRIMARY KEY,
    event_id      UUID        NOT NULL UNIQUE,
    event_type    VARCHAR(64) NOT NULL,
    partition_key VARCHAR(128) NOT NULL,
    payload       TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_at  TIMESTAMPTZ
);
CREATE INDEX outbox_pending_idx ON outbox (id) WHERE published_at IS NULL;
CREATE INDEX outbox_published_idx ON outbox (published_at) WHERE published_at IS NOT NULL;

-- IP blocks for repeated rate-limit abuse (requirement 003 ip_rate_limits). Redis enforces; this records.
CREATE TABLE ip_rate_limits (
    id            BIGSERIAL PRIMARY KEY,
    ip_address    VARCHAR(45)  NOT NULL,
    endpoint      VARCHAR(128) NOT NULL,
    request_count BIGINT       NOT NULL DEFAULT 0,
    reason        VARCHAR(255),
    blocked_until TIMESTAMPTZ,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX ip_rate_limits_ip_idx ON ip_rate_limits (ip_address, blocked_until);
CREATE INDEX ip_rate_limits_created_idx ON ip_rate_limits (created_at);
