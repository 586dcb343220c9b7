-- Read views: what other services may read of this schema (issue 16). Their SQL names these views,
-- never the tables, so a view is the contract and the tables stay free to change behind it. A
-- migration that changes a column a view shows drops and recreates the view in the same script.

-- A device as license-service (validation, certificates, legacy verify) and session-service
-- (session start, remote connections) see it. Read through common's DeviceStates only.
CREATE VIEW device_states AS
    SELECT id, license_id, account_id, device_id, bound, blocked, blocked_reason, hwid_hash
    FROM devices;
