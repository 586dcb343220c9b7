-- Who imposed a license's suspension (docs/security.md "Suspensions"): only that role or a higher
-- one lifts it, so a seller cannot reinstate what an admin suspended. Null for suspensions made
-- before this column existed (anyone who manages the license lifts those, as before).
ALTER TABLE licenses ADD COLUMN suspended_by_account_id BIGINT;
ALTER TABLE licenses ADD COLUMN suspended_by_role       VARCHAR(16);
