#!/usr/bin/env bash
# The Java SDK against the running stack (sdk/java SdkIntegrationTest): seller, product, keys and a
# customer through the API; then activate, validate, a session with heartbeats, a suspension
# reaching the session listener, a certificate verified offline and a tampered one refused, a clock
# set back, and grace mode while the gateway (this stack's nginx) is stopped; then the example
# program (examples/java-cli) for a few seconds. nginx is started again on every way out.
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
KEY_FILE="$ROOT/sdk/java/target/example-license-key"
rm -f "$KEY_FILE"
# only the SDK and its example: neither depends on the services' modules
mvn -B -ntp -q -pl sdk/java,examples/java-cli verify -Dtest=SdkIntegrationTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dlicensing.gateway="$GATEWAY_URL" -Dlicensing.nginx.run="$RUN" -Dlicensing.example.key-file="$KEY_FILE"
report="$ROOT/sdk/java/target/surefire-reports/TEST-org.licensing.sdk.SdkIntegrationTest.xml"
tests=$(grep -o 'tests="[0-9]*"' "$report" | head -1 | tr -dc 0-9)
skipped=$(grep -o 'skipped="[0-9]*"' "$report" | head -1 | tr -dc 0-9)
[ "$skipped" = 0 ] || { echo "sdk-java: $skipped of $tests integration tests skipped"; exit 1; }
# the example program, as the README runs it: activate, validate, a session for a few seconds
out=$(java -cp sdk/java/target/classes:examples/java-cli/target/classes org.licensing.examples.cli.LicensingCli \
  --gateway "$GATEWAY_URL" --key "$(cat "$KEY_FILE")" --product SDKJ --seconds 4 --beat-every 1 --store "$ROOT/sdk/java/target/example-store.json")
echo "$out" | sed 's/^/    example: /'
for line in '^validation: VALID' '^heartbeat ok' '^session closed'; do
  echo "$out" | grep -q "$line" || { echo "sdk-java: the example printed no line matching $line"; exit 1; }
done
echo "sdk-java: $tests integration tests passed, the example ran"
