-- Read views: what other services may read of this schema (issue 16). Their SQL names these views,
-- never the tables. A migration that changes a column a view shows drops and recreates the view.

-- Seconds of sessions per device, shown in device-service's device list (devices/DeviceUsage).
CREATE VIEW device_usage AS
    SELECT scope_id AS device_id, usage_seconds
    FROM usage_totals
    WHERE scope = 'device';
