#!/usr/bin/env bash
# Everything that runs against the whole stack, through the gateway only: brings the stack up
# with run.sh (reusing the jars test.sh just built), runs the journey (e2e_journey.py), then every
# suite in deploy/local/suites.d/ in name order (browser tests, SDK tests, the API fuzz test, ...)
# with GATEWAY_URL set, and stops what it started. Exits non-zero if anything failed.
# SUITES="20-console 30-sdk-js" runs only the suites whose names start with those words.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/instance.sh"
# Suites sign in as admin with "$LICENSING_ADMIN_PASSWORD" (supplied, so no forced change).
export LICENSING_ADMIN_PASSWORD="${LICENSING_ADMIN_PASSWORD:-admin-change-me-e2e}"
started=0
if ! curl -fsS -o /dev/null "$GATEWAY_URL/health/license/ready" 2>/dev/null; then
  started=1
fi
cleanup() { [ "$started" = 1 ] && bash "$HERE/stop.sh" >/dev/null 2>&1 || true; }
trap cleanup EXIT
SKIP_BUILD="${SKIP_BUILD:-1}" bash "$HERE/run.sh"
failed=()
if [ -z "${SUITES:-}" ]; then
  echo "==> suite: journey"
  # kept like a suite's output, so its failures are printed last too (pipefail: the journey's status)
  /usr/bin/python3 "$HERE/e2e_journey.py" "$GATEWAY_URL" 2>&1 | tee "$RUN/logs/suite-journey.log" || failed+=(journey)
fi
for suite in "$HERE"/suites.d/*.sh; do
  [ -f "$suite" ] || continue
  name=$(basename "$suite" .sh)
  if [ -n "${SUITES:-}" ]; then
    keep=0; for w in $SUITES; do case "$name" in "$w"*) keep=1 ;; esac; done
    [ "$keep" = 1 ] || continue
  fi
  echo "==> suite: $name"
  t0=$(date +%s)
  # Each suite's output is kept, so a failure's own lines can be printed last (CI shows the tail).
  if bash "$suite" 2>&1 | tee "$RUN/logs/suite-$name.log"; test "${PIPESTATUS[0]}" = 0; then
    echo "    $name passed in $(( $(date +%s) - t0 )) s"
  else
    failed+=("$name")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "--- last log lines of each service ---"
  for f in "$RUN"/logs/*-service.log; do echo "== $f"; tail -n 30 "$f"; done
  for name in "${failed[@]}"; do
    [ -f "$RUN/logs/suite-$name.log" ] || continue
    echo "--- what failed in $name (its last lines) ---"
    grep -vE '^\s*$' "$RUN/logs/suite-$name.log" | tail -n 60
  done
  echo "FAILED suites: ${failed[*]}"
  exit 1
fi
echo "all stack suites passed"
