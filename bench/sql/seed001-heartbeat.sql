-- One heartbeat of requirement 001's heartbeat.php: its four statements, each in autocommit as
-- mysqli runs them (find the user, add the interval to its usage, find the open session, add the
-- interval to it). The PHP layer is not modelled: the baseline is the database work alone.
\set n random(1, 1000)
SELECT id, is_blocked FROM app_users WHERE license_key = 'KEY-' || :n::text AND device_id = 'DEV-' || :n::text;
UPDATE app_users SET total_usage_seconds = total_usage_seconds + 60 WHERE id = :n;
SELECT id FROM user_sessions WHERE license_key = 'KEY-' || :n::text AND device_id = 'DEV-' || :n::text AND logout_time IS NULL;
UPDATE user_sessions SET session_duration_seconds = session_duration_seconds + 60 WHERE id = :n;
