-- The least a session start must do in PostgreSQL (see session/sessions/SessionService.INSERT_SQL):
-- one statement that checks the device is bound and not blocked, inserts the session row and appends
-- session.started to the outbox. The tables have session.client_sessions' and session.outbox's
-- columns and indexes; 1,000 bound devices on 200 licenses, as in the bench.
DROP TABLE IF EXISTS floor_device_states, floor_sessions, floor_session_outbox;
CREATE TABLE floor_device_states (id BIGINT PRIMARY KEY, license_id BIGINT NOT NULL, bound BOOLEAN NOT NULL DEFAULT TRUE,
                                  blocked BOOLEAN NOT NULL DEFAULT FALSE);
INSERT INTO floor_device_states (id, license_id) SELECT g, (g - 1) / 5 + 1 FROM generate_series(1, 1000) g;
CREATE TABLE floor_sessions (
    id UUID PRIMARY KEY, token_hash CHAR(64) UNIQUE, jti VARCHAR(64), token_expires_at TIMESTAMPTZ,
    origin VARCHAR(8) NOT NULL DEFAULT 'API' CHECK (origin IN ('API', 'LEGACY')), license_id BIGINT NOT NULL,
    device_id BIGINT NOT NULL, account_id BIGINT, ip_address VARCHAR(45) NOT NULL, user_agent TEXT,
    client_version VARCHAR(50) NOT NULL, language VARCHAR(10) DEFAULT 'en', session_data JSONB,
    started_at TIMESTAMPTZ NOT NULL, last_heartbeat_at TIMESTAMPTZ, ended_at TIMESTAMPTZ, duration_seconds INTEGER,
    usage_seconds BIGINT, end_reason VARCHAR(32), created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now());
CREATE INDEX ON floor_sessions (account_id, started_at);
CREATE INDEX ON floor_sessions (device_id, started_at);
CREATE INDEX ON floor_sessions (last_heartbeat_at);
CREATE INDEX ON floor_sessions (license_id) WHERE ended_at IS NULL;
CREATE TABLE floor_session_outbox (id BIGSERIAL PRIMARY KEY, event_id UUID NOT NULL UNIQUE, event_type VARCHAR(64) NOT NULL,
    partition_key VARCHAR(128) NOT NULL, payload TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_at TIMESTAMPTZ);
CREATE INDEX ON floor_session_outbox (id) WHERE published_at IS NULL;
CREATE INDEX ON floor_session_outbox (published_at) WHERE published_at IS NOT NULL;
