-- Notifications already sent, so each expiry warning / renewal reminder goes out once per license and expiry.
CREATE TABLE notifications_sent (
    id          BIGSERIAL PRIMARY KEY,
    license_id  BIGINT       NOT NULL REFERENCES licenses (id),
    kind        VARCHAR(32)  NOT NULL,          -- EXPIRY_30D, EXPIRY_7D, EXPIRY_1D, RENEWAL_REMINDER
    expires_at  TIMESTAMPTZ  NOT NULL,          -- the expiry the notice was about (an extension warns again)
    sent_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (license_id, kind, expires_at)
);
