-- PostgreSQL's floor for the aggregator: one statement upserting 500 distinct per-device daily rows
-- (what a production-like batch does per table), into a scratch copy of stats.usage_daily:
--   psql ... -c "CREATE TABLE public.floor_daily (LIKE stats.usage_daily INCLUDING ALL) WITH (fillfactor=70)"
--   pgbench -n -f stats-service/probe/upsert-floor.sql -c 2 -T 10 ...; then DROP TABLE public.floor_daily
\set base random(0, 199) * 500
INSERT INTO public.floor_daily AS d (scope, scope_id, day, logins, usage_seconds, heartbeats)
SELECT 'device', (:base + g)::text, current_date, 0, 60, 1 FROM generate_series(1, 500) g
ON CONFLICT (scope, scope_id, day) DO UPDATE SET usage_seconds = d.usage_seconds + EXCLUDED.usage_seconds,
  heartbeats = d.heartbeats + EXCLUDED.heartbeats;
