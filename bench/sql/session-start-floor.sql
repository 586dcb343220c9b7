-- One session start's PostgreSQL floor: SessionService.INSERT_SQL's shape, in autocommit.
\set d random(1, 1000)
WITH device AS (SELECT 1 FROM floor_device_states WHERE id = :d AND license_id = (:d - 1) / 5 + 1 AND bound AND NOT blocked),
started AS (INSERT INTO floor_sessions (id, token_hash, jti, token_expires_at, origin, license_id, device_id, account_id,
    ip_address, user_agent, client_version, language, session_data, started_at)
  SELECT gen_random_uuid(), md5(random()::text) || md5(random()::text), md5(random()::text), now() + interval '1 day', 'API',
    (:d - 1) / 5 + 1, :d, 3, '127.0.0.1', 'bench', '1.0.0', 'en', '{"app":"bench"}'::jsonb, now() FROM device RETURNING id)
INSERT INTO floor_session_outbox (event_id, event_type, partition_key, payload)
SELECT gen_random_uuid(), 'session.started', 'license:' || ((:d - 1) / 5 + 1),
  '{"type":"session.started","license_id":1,"device_id":"1","data":{"session_id":"00000000-0000-0000-0000-000000000000"}}'
FROM started;
