-- One device table unifying requirement 000 app_users, 002 device_links and 003 account_devices.
-- session-service and license-service read it (never write it).
CREATE TABLE devices (
    id              BIGSERIAL PRIMARY KEY,               -- "device id" in Redis keys, events and tokens
    license_id      BIGINT       NOT NULL,               -- license.licenses(id)
    account_id      BIGINT,                              -- license.accounts(id), owner at binding time
    device_id       VARCHAR(255) NOT NULL,               -- the client's own device identifier
    hwid_hash       CHAR(64),                            -- SHA-256 hex of the hardware id; never the HWID
    name            VARCHAR(255),
    user_name       VARCHAR(255),                        -- requirement 000's per-device user name
    fingerprint     JSONB,
    ip_address      VARCHAR(45),
    country_code    CHAR(2),
    user_agent      TEXT,
    first_seen_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    last_seen_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    bound_at        TIMESTAMPTZ,
    unbound_at      TIMESTAMPTZ,
    bound           BOOLEAN      NOT NULL DEFAULT TRUE,
    blocked         BOOLEAN      NOT NULL DEFAULT FALSE,
    blocked_reason  VARCHAR(255),
    blocked_at      TIMESTAMPTZ,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (license_id, device_id)
);
CREATE INDEX devices_bound_idx ON devices (license_id) WHERE bound;
CREATE INDEX devices_account_idx ON devices (account_id, last_seen_at);
CREATE INDEX devices_hwid_idx ON devices (hwid_hash);
