#!/usr/bin/env bash
# Everything again on a three-master Redis Cluster (deploy/local/redis-cluster.sh), beside the
# standalone runs of deploy/local/test.sh and e2e.sh:
#   1. the integration tests of license, device, session and stats with
#      LM_TEST_REDIS_CLIENT_TYPE=cluster (the tests that cut Redis through the TCP proxy are disabled
#      there by their own annotation: a proxy cannot front a cluster, whose nodes hand out their addresses);
#   2. a second local stack (gateway on LM_CLUSTER_STACK_PORT, default 18080, its own database) with
#      REDIS_CLIENT_TYPE=cluster, and the end-to-end journey (e2e_journey.py) through its gateway.
# Ports LM_CLUSTER_PORT_BASE+1..+3 (default 7001-7003); the cluster and the stack stop again on exit.
# CLUSTER_PARTS="tests" or "journey" runs one part; CLUSTER_TESTS=Class1,Class2 narrows part 1.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$ROOT"
export LM_CLUSTER_PORT_BASE="${LM_CLUSTER_PORT_BASE:-7000}"
PARTS="${CLUSTER_PARTS:-tests journey}"
STACK_PORT="${LM_CLUSTER_STACK_PORT:-18080}"
STACK_DB="${LM_CLUSTER_STACK_DB:-licensing_ci_cluster}"
# the journey signs in as admin with the password the stack was started with (as e2e.sh sets it)
export LICENSING_ADMIN_PASSWORD="${LICENSING_ADMIN_PASSWORD:-admin-change-me-e2e}"
bash deploy/local/redis-cluster.sh start
HOSTS="$(bash deploy/local/redis-cluster.sh hosts)"
stop_all() {
  LM_PORT_BASE="$STACK_PORT" LM_DB="$STACK_DB" bash deploy/local/stop.sh >/dev/null 2>&1 || true
  bash deploy/local/redis-cluster.sh stop >/dev/null 2>&1 || true
}
trap stop_all EXIT
failed=()

if [[ " $PARTS " == *" tests "* ]]; then
  started=$(date +%s)
  log="$(mktemp)"
  args=()
  [ -n "${CLUSTER_TESTS:-}" ] && args=(-Dtest="$CLUSTER_TESTS" -Dsurefire.failIfNoSpecifiedTests=false)
  # `test`, not `verify`: packaging would rewrite the jars the running stack loads its classes from
  # (license-service hung loading a class from its rewritten jar in one CI run)
  if LM_TEST_REDIS_CLIENT_TYPE=cluster LM_TEST_REDIS_HOSTS="$HOSTS" LM_TEST_DB="${LM_TEST_DB:-licensing_test}" \
      mvn -B -ntp -o -pl common,license-service,device-service,session-service,stats-service -am test "${args[@]}" >"$log" 2>&1; then
    echo "redis-cluster: integration tests passed on $HOSTS in $(( $(date +%s) - started )) s:"
  else
    echo "redis-cluster: integration tests FAILED on $HOSTS:"
    grep -E "<<< (FAILURE|ERROR)|^\[ERROR\]   |Tests run:.*Fail" "$log" | grep -v "Failures: 0, Errors: 0" | head -60
    failed+=(tests)
  fi
  # one line per module: how many ran, and how many were skipped (the proxy-based outage tests)
  grep -E "^\[(INFO|WARNING|ERROR)\] Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+$" "$log" | sed 's/^/    /'
  rm -f "$log"
fi

if [[ " $PARTS " == *" journey "* ]]; then
  su postgres -c "psql -qAt -c 'DROP DATABASE IF EXISTS $STACK_DB WITH (FORCE)'" >/dev/null 2>&1
  started=$(date +%s)
  # the stack starts on an empty cluster (each master flushed on its own: FLUSHALL is per node)
  for p in 1 2 3; do redis-cli -h 127.0.0.1 -p "$((LM_CLUSTER_PORT_BASE + p))" flushall >/dev/null 2>&1 || true; done
  if LM_PORT_BASE="$STACK_PORT" LM_DB="$STACK_DB" LM_REDIS_CLUSTER="$HOSTS" SKIP_BUILD=1 bash deploy/local/run.sh >/dev/null \
      && /usr/bin/python3 deploy/local/e2e_journey.py "http://127.0.0.1:$STACK_PORT"; then
    echo "redis-cluster: journey passed through a stack on $HOSTS in $(( $(date +%s) - started )) s"
  else
    echo "redis-cluster: journey FAILED through the stack on $HOSTS (logs: deploy/local/.run-$STACK_PORT/logs)"
    for f in deploy/local/.run-"$STACK_PORT"/logs/*-service.log; do
      [ -f "$f" ] && { echo "== $f"; grep -E "ERROR|WARN" "$f" | tail -n 8; }
    done
    failed+=(journey)
  fi
fi

[ ${#failed[@]} -eq 0 ] || { echo "redis-cluster: FAILED parts: ${failed[*]}"; exit 1; }
