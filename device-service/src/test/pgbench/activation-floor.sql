-- The least an activation must do in PostgreSQL (docs: bench floor): lock the license's slot row,
-- count its bound devices, bind the device, append the event to the outbox; one transaction.
-- Licenses 2000000000+ are never issued, so the probe's rows are recognisable and removable
-- (activation-floor-cleanup.sql).
\set lic random(2000000000, 2000000399)
\set dev random(1, 2000000000)
BEGIN;
INSERT INTO device.license_slots (license_id) VALUES (:lic) ON CONFLICT (license_id) DO UPDATE SET last_bind_at = now();
SELECT count(*) FROM device.devices WHERE license_id = :lic AND bound;
INSERT INTO device.devices (license_id, account_id, device_id, hwid_hash, bound_at, bound)
  VALUES (:lic, 1, 'floor-' || :dev, md5(:dev::text) || md5(:lic::text), now(), true)
  ON CONFLICT (license_id, device_id) DO UPDATE SET last_seen_at = now(), bound = true RETURNING id;
INSERT INTO device.outbox (event_id, event_type, partition_key, payload)
  VALUES (gen_random_uuid(), 'device.bound', :lic::text, repeat('x', 310));
COMMIT;
