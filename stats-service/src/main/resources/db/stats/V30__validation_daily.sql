-- Validation outcomes per UTC day, valid vs refused, per seller and per license (console charts, issue 18).
-- Counted in the same statement that stores license.validated events in event_log, from the rows that
-- statement actually inserted, so a redelivered or republished event is counted once, as it is stored once.
-- The seller is the event's seller_id (the license's seller); a validation of an unknown key has neither.
CREATE TABLE validation_daily (
    scope     VARCHAR(16) NOT NULL CHECK (scope IN ('seller', 'license')),
    scope_id  BIGINT      NOT NULL,
    day       DATE        NOT NULL,
    valid     BIGINT      NOT NULL DEFAULT 0,
    refused   BIGINT      NOT NULL DEFAULT 0,
    PRIMARY KEY (scope, scope_id, day)
);

-- What the event log already holds (its retention bounds it), so the charts start with the history.
INSERT INTO validation_daily (scope, scope_id, day, valid, refused)
SELECT k.scope, k.scope_id, (e.created_at AT TIME ZONE 'UTC')::date,
       count(*) FILTER (WHERE e.details -> 'valid' = 'true'::jsonb),
       count(*) FILTER (WHERE e.details -> 'valid' IS DISTINCT FROM 'true'::jsonb)
FROM event_log e
CROSS JOIN LATERAL (VALUES
    ('seller', CASE WHEN e.details ->> 'seller_id' ~ '^[0-9]{1,18}$' THEN (e.details ->> 'seller_id')::bigint END),
    ('license', e.license_id)) AS k(scope, scope_id)
WHERE e.type = 'license.validated' AND k.scope_id IS NOT NULL
GROUP BY 1, 2, 3;
