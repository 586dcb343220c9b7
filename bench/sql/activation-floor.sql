-- One activation's PostgreSQL floor: one write transaction that serializes on the license.
\set l random(1, 400)
BEGIN;
SELECT license_id FROM floor_slots WHERE license_id = :l FOR UPDATE;
SELECT count(*) FROM floor_devices WHERE license_id = :l AND bound;
INSERT INTO floor_devices (license_id, device_id) VALUES (:l, md5(random()::text)) ON CONFLICT DO NOTHING;
UPDATE floor_slots SET last_bind_at = now() WHERE license_id = :l;
INSERT INTO floor_outbox (type, payload) VALUES ('device.activated', '{"license_id": 1}');
COMMIT;
