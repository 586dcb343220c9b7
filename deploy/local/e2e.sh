#!/usr/bin/env bash
# The whole journey end to end, through the gateway only: brings the stack up with run.sh
# (reusing the jars test.sh just built), runs e2e_journey.py against http://127.0.0.1:8080,
# and stops what it started. Prints "N passed, N failed"; exits non-zero on any failure.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/instance.sh"
started=0
if ! curl -fsS -o /dev/null "$GATEWAY_URL/health/license/ready" 2>/dev/null; then
  started=1
fi
cleanup() { [ "$started" = 1 ] && bash "$HERE/stop.sh" >/dev/null 2>&1 || true; }
trap cleanup EXIT
SKIP_BUILD="${SKIP_BUILD:-1}" bash "$HERE/run.sh"
rc=0
/usr/bin/python3 "$HERE/e2e_journey.py" "$GATEWAY_URL" || rc=$?
if [ "$rc" != 0 ]; then
  echo "--- last log lines of each service ---"
  for f in "$RUN"/logs/*-service.log; do echo "== $f"; tail -n 30 "$f"; done
fi
exit $rc
