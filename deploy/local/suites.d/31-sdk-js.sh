#!/usr/bin/env bash
# The TypeScript SDK (sdk/js): build with tsc, its unit tests, the main entry in headless Chromium,
# then its integration tests against
# the running stack through $GATEWAY_URL (Node's own test runner). The grace test stops this
# stack's nginx and starts it again, also when it fails (here too, as a last resort).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
. "$HERE/node.sh"
. "$HERE/instance.sh"
restart_gateway() {
  curl -fsS -o /dev/null "$GATEWAY_URL/health/license/live" 2>/dev/null || nginx -p "$RUN" -c "$RUN/nginx.conf" || true
}
trap restart_gateway EXIT
cd "$ROOT/sdk/js"
[ -x node_modules/.bin/tsc ] || npm ci --silent --no-audit --no-fund
npx tsc -p tsconfig.json
node --test "test/unit/*.test.mjs"
if [ -x /usr/bin/chromium ] || [ -n "${CHROMIUM:-}" ]; then node test/browser/check.mjs; else echo "sdk-js: no Chromium, browser check skipped"; fi
LICENSING_ADMIN_PASSWORD="${LICENSING_ADMIN_PASSWORD:-admin-change-me}" \
  node --test --test-concurrency=1 "test/integration/*.test.mjs"
