-- Client sessions (requirement 003 client_sessions, 001 user_sessions). The live state of a
-- session (lease, last heartbeat, credited usage) is in Redis (session:{id}); PostgreSQL holds
-- the record: written at start and at end, never on the heartbeat path.
CREATE TABLE client_sessions (
    id                UUID         PRIMARY KEY,
    token_hash        CHAR(64)     UNIQUE,              -- SHA-256 hex of the session token; NULL for legacy heartbeat sessions
    jti               VARCHAR(64),                      -- the token's id, blacklisted when the session ends
    token_expires_at  TIMESTAMPTZ,
    origin            VARCHAR(8)   NOT NULL DEFAULT 'API' CHECK (origin IN ('API', 'LEGACY')),
    license_id        BIGINT       NOT NULL,            -- license.licenses(id)
    device_id         BIGINT       NOT NULL,            -- device.devices(id), the device ROW id
    account_id        BIGINT,                           -- license.accounts(id), the license owner
    ip_address        VARCHAR(45)  NOT NULL,
    user_agent        TEXT,
    client_version    VARCHAR(50)  NOT NULL,
    language          VARCHAR(10)  DEFAULT 'en',
    session_data      JSONB,
    started_at        TIMESTAMPTZ  NOT NULL,
    last_heartbeat_at TIMESTAMPTZ,                      -- written when the session ends
    ended_at          TIMESTAMPTZ,
    duration_seconds  INT,
    usage_seconds     BIGINT,                           -- sum of the seconds credited by its heartbeats
    end_reason        VARCHAR(32),
    created_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX client_sessions_open_idx ON client_sessions (license_id) WHERE ended_at IS NULL;
CREATE INDEX client_sessions_device_idx ON client_sessions (device_id, started_at);
CREATE INDEX client_sessions_account_idx ON client_sessions (account_id, started_at);
CREATE INDEX client_sessions_heartbeat_idx ON client_sessions (last_heartbeat_at);
