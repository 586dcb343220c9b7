#!/usr/bin/env bash
# Benchmark of the hot paths, on 127.0.0.1 only, bounded in time (about 2-3 minutes).
# Restarts the local stack with rate limits lifted (the benchmark is one client IP hammering a
# few thousand keys), seeds data through the API, runs wrk, prints one table, writes
# bench/RESULTS.md, and stops the stack again (KEEP_STACK=1 leaves it running).
# Not part of the test suite. Needs wrk (Debian package, installed when missing).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
command -v wrk >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

export RATE_LIMIT_DEFAULT=1000000000 RATE_LIMIT_BLOCK_AFTER=1000000000 RATE_LIMIT_VALIDATE_PER_IP=1000000000 \
  RATE_LIMIT_VALIDATE_PER_KEY=1000000000 RATE_LIMIT_SESSION_START=1000000000 RATE_LIMIT_ACTIVATION=1000000000 \
  RATE_LIMIT_AUTH=1000000000 RATE_LIMIT_HEARTBEAT_LOOKUP=1000000000 HEARTBEAT_LIMIT=1000000000 \
  RATE_LIMIT_HEARTBEAT_PER_IP=1000000000 RATE_LIMIT_CERTIFICATES=1000000000
# Sessions seeded early must outlive the later seeding and runs of bench/scale.py: a long grace, not a
# shorter interval (the paced runs model the production 60 s interval).
export HEARTBEAT_GRACE="${HEARTBEAT_GRACE:-3600s}"
export LOG_LEVEL=WARN
# A supplied admin password (bench.py signs in with it): without one the admin must change it first.
export LICENSING_ADMIN_PASSWORD="${LICENSING_ADMIN_PASSWORD:-admin-change-me-bench}"

bash deploy/local/stop.sh >/dev/null 2>&1 || true
# BENCH_REDIS_CLUSTER=1: the same rows with the stack on a local three-master Redis Cluster
# (ports BENCH_CLUSTER_PORT_BASE+1..3, default 7601-7603; printed only, RESULTS.md is left alone)
if [ "${BENCH_REDIS_CLUSTER:-0}" = 1 ]; then
  export LM_CLUSTER_PORT_BASE="${BENCH_CLUSTER_PORT_BASE:-7600}" BENCH_SCALE=0
  bash deploy/local/redis-cluster.sh start
  LM_REDIS_CLUSTER="$(bash deploy/local/redis-cluster.sh hosts)"
  export LM_REDIS_CLUSTER BENCH_CLUSTER_FIRST_PORT=$((LM_CLUSTER_PORT_BASE + 1))
fi
bash deploy/local/run.sh
trap '[ "${KEEP_STACK:-0}" = 1 ] || bash deploy/local/stop.sh; [ -z "${LM_REDIS_CLUSTER:-}" ] || bash deploy/local/redis-cluster.sh stop' EXIT
/usr/bin/python3 bench/bench.py
# how cost grows with live sessions (issue 22); BENCH_SCALE=0 skips it, BENCH_ONLY skips it unless it names "scale"
if [ "${BENCH_SCALE:-1}" = 1 ] && { [ -z "${BENCH_ONLY:-}" ] || [[ ",${BENCH_ONLY}," == *,scale,* ]]; }; then
  /usr/bin/python3 bench/scale.py
fi
