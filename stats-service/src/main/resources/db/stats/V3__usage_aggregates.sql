-- Usage aggregates fed by lm:heartbeats and lm:events (DESIGN section 4, requirement 003 usage_statistics).
-- Written only by stats-service's aggregation, one transaction per stream batch. device-service may read
-- usage_totals (scope 'device') to show each device's usage in its device list.

-- Last stream entry applied per stream partition key (e.g. lm:heartbeats:3). The row is locked
-- (FOR UPDATE SKIP LOCKED) for the whole read-apply of a batch: one consumer owns a partition at a time,
-- and entries with an id <= last_id are skipped, so a redelivered or claimed batch never counts twice.
CREATE TABLE stream_offsets (
    stream_key      VARCHAR(200) PRIMARY KEY,
    last_id         VARCHAR(64)  NOT NULL DEFAULT '0-0',
    last_entry_at   TIMESTAMPTZ,                 -- ts carried by the last applied entry (lag = now - this)
    entries_applied BIGINT       NOT NULL DEFAULT 0,
    updated_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Running totals per scope: 'global' (scope_id ''), 'account', 'license', 'device' (device row id),
-- 'server' (the session-service instance that took the heartbeat or started the session).
CREATE TABLE usage_totals (
    scope          VARCHAR(16)  NOT NULL CHECK (scope IN ('global', 'account', 'license', 'device', 'server')),
    scope_id       VARCHAR(128) NOT NULL,
    logins         BIGINT       NOT NULL DEFAULT 0,   -- session starts
    usage_seconds  BIGINT       NOT NULL DEFAULT 0,   -- credited heartbeat seconds
    heartbeats     BIGINT       NOT NULL DEFAULT 0,
    license_id     BIGINT,                            -- device scope: license of the last entry (access checks)
    account_id     BIGINT,                            -- device scope: account of the last entry
    first_seen_at  TIMESTAMPTZ,
    last_seen_at   TIMESTAMPTZ,
    updated_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, scope_id)
);
CREATE INDEX usage_totals_device_license_idx ON usage_totals (license_id) WHERE scope = 'device';

-- The same per UTC day, for charts.
CREATE TABLE usage_daily (
    scope          VARCHAR(16)  NOT NULL,
    scope_id       VARCHAR(128) NOT NULL,
    day            DATE         NOT NULL,
    logins         BIGINT       NOT NULL DEFAULT 0,
    usage_seconds  BIGINT       NOT NULL DEFAULT 0,
    heartbeats     BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (scope, scope_id, day)
);

-- Requirement 003's usage_statistics shape (stat_type 0=global, 1=user, 2=license, 3=server), as a view.
CREATE VIEW usage_statistics AS
SELECT CASE t.scope WHEN 'global' THEN 0 WHEN 'account' THEN 1 WHEN 'license' THEN 2 ELSE 3 END AS stat_type,
       t.scope || CASE WHEN t.scope_id = '' THEN '' ELSE ':' || t.scope_id END || ':' || k.name AS stat_key,
       k.value::numeric(15, 2) AS stat_value,
       t.updated_at
FROM usage_totals t
CROSS JOIN LATERAL (VALUES ('logins', t.logins), ('usage_seconds', t.usage_seconds)) AS k(name, value)
WHERE t.scope IN ('global', 'account', 'license', 'server');
