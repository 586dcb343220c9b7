#!/usr/bin/env bash
# The Java SDK against the running stack (sdk/java SdkIntegrationTest): seller, product, keys and a
# customer through the API; then activate, validate, a session with heartbeats, a suspension
# reaching the session listener, a certificate verified offline and a tampered one refused, a clock
# set back, and grace mode while the gateway (this stack's nginx) is stopped. nginx is started
# again on every way out.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
. "$HERE/instance.sh"
restart_gateway() {
  if ! curl -s -o /dev/null "$GATEWAY_URL/health/license/live" 2>/dev/null; then
    nginx -p "$RUN" -c "$RUN/nginx.conf" || true
  fi
}
trap restart_gateway EXIT
cd "$ROOT"
# -pl sdk/java alone: the SDK has no dependency on the other modules
mvn -B -ntp -q -pl sdk/java verify -Dtest=SdkIntegrationTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dlicensing.gateway="$GATEWAY_URL" -Dlicensing.nginx.run="$RUN"
report="$ROOT/sdk/java/target/surefire-reports/TEST-org.licensing.sdk.SdkIntegrationTest.xml"
tests=$(grep -o 'tests="[0-9]*"' "$report" | head -1 | tr -dc 0-9)
skipped=$(grep -o 'skipped="[0-9]*"' "$report" | head -1 | tr -dc 0-9)
echo "sdk-java: $tests tests, $skipped skipped, all passed"
[ "$skipped" = 0 ]
