-- Read views: what other services may read of this schema (issue 16). Their SQL names these views,
-- never the tables. A migration that changes a column a view shows drops and recreates the view.

-- What device-service and session-service know of a license on a cache miss (common's
-- LicenseSnapshots, the one reader; the same fields as the Redis snapshot).
CREATE VIEW license_snapshots AS
    SELECT l.id, l.key_hash, l.product_id, p.code AS product_code, l.seller_id, l.owner_account_id, l.status, l.type,
           l.privilege, l.term, l.max_devices, l.max_sessions, l.expires_at, l.usage_limits, l.domain_restrictions,
           l.ip_restrictions
    FROM licenses l JOIN products p ON p.id = l.product_id;

-- Who owns and sells a license: stats-service's access rule (stats access/LicenseOwners).
CREATE VIEW license_owners AS
    SELECT l.id AS license_id, l.seller_id, p.seller_id AS product_seller_id, l.owner_account_id
    FROM licenses l JOIN products p ON p.id = l.product_id;

-- Which accounts exist, for stats-service's per-account statistics (stats access/AccountDirectory).
CREATE VIEW account_directory AS
    SELECT id, role FROM accounts;

-- accounts.hwid_reset_count / hwid_last_reset_at were shown but never written: HWID resets are
-- device-service's (device.hwid_resets, answered by its reset endpoints). Dropped, not faked.
ALTER TABLE accounts DROP COLUMN hwid_reset_count, DROP COLUMN hwid_last_reset_at;
