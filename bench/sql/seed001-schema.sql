-- Requirement 001's heartbeat design (seeds/000 + 001: app_users and user_sessions, translated
-- from MySQL), in a scratch database of its own, 1,000 users with one open session each. One index
-- is added that the seed lacks (user_sessions by key and device): without it every beat scans the
-- whole session table, and the baseline would be slower than the design can be.
DROP TABLE IF EXISTS app_users, user_sessions;
CREATE TABLE app_users (
    id                  SERIAL PRIMARY KEY,
    license_key         VARCHAR(255) NOT NULL,
    user_name           VARCHAR(255) NOT NULL,
    device_id           VARCHAR(255) NOT NULL,
    first_login_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    last_login_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    total_usage_seconds BIGINT       NOT NULL DEFAULT 0,
    is_blocked          BOOLEAN      NOT NULL DEFAULT FALSE,
    UNIQUE (license_key, device_id)
);
CREATE TABLE user_sessions (
    id                       SERIAL PRIMARY KEY,
    license_key              VARCHAR(255) NOT NULL,
    device_id                VARCHAR(255) NOT NULL,
    login_time               TIMESTAMPTZ  NOT NULL DEFAULT now(),
    logout_time              TIMESTAMPTZ,
    session_duration_seconds INT          NOT NULL DEFAULT 0
);
CREATE INDEX user_sessions_open ON user_sessions (license_key, device_id) WHERE logout_time IS NULL;
INSERT INTO app_users (license_key, user_name, device_id)
    SELECT 'KEY-' || g, 'user' || g, 'DEV-' || g FROM generate_series(1, 1000) g;
INSERT INTO user_sessions (license_key, device_id) SELECT 'KEY-' || g, 'DEV-' || g FROM generate_series(1, 1000) g;
