-- The one event log (DESIGN section 3, requirement 003 event_logs): every event of lm:events stored once.
-- Partitioned by month on created_at (= the event's own ts, so a republished event lands on the same row);
-- the maintenance job creates partitions ahead and drops those past retention.
-- Uniqueness on a partitioned table must include the partition key: (id, created_at) is unique, and a
-- duplicate delivery carries the same id and ts, so ON CONFLICT DO NOTHING stores it once.
CREATE TABLE event_log (
    id          VARCHAR(64)  NOT NULL,   -- EventEnvelope.id (a UUID from the producers)
    type        VARCHAR(64)  NOT NULL,
    level       VARCHAR(8)   NOT NULL DEFAULT 'info',  -- info | warn | error
    account_id  BIGINT,
    license_id  BIGINT,
    device_id   VARCHAR(64),
    actor_id    BIGINT,
    ip_address  VARCHAR(45),
    source      VARCHAR(64),
    details     JSONB,
    created_at  TIMESTAMPTZ  NOT NULL,
    stored_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (id, created_at)
) PARTITION BY RANGE (created_at);

CREATE INDEX event_log_type_idx ON event_log (type, created_at);
CREATE INDEX event_log_account_idx ON event_log (account_id, created_at);
CREATE INDEX event_log_license_idx ON event_log (license_id, created_at);
CREATE INDEX event_log_actor_idx ON event_log (actor_id);
CREATE INDEX event_log_created_idx ON event_log (created_at);
