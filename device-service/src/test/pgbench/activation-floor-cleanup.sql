DELETE FROM device.devices WHERE license_id >= 2000000000;
DELETE FROM device.license_slots WHERE license_id >= 2000000000;
DELETE FROM device.outbox WHERE partition_key >= '2000000000' AND event_type = 'device.bound' AND payload = repeat('x', 310);
