#!/usr/bin/env bash
# The console's browser tests (console/e2e, Playwright driving Debian's headless Chromium) through
# the running stack's gateway ($GATEWAY_URL): a seller's journey and an admin's. First checks that
# the committed OpenAPI snapshots (console/openapi/) still equal what the services serve, so the
# console's generated API types cannot drift from the API. Screenshots go to console/test-results/.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
if [ ! -x /usr/bin/chromium ]; then
  echo "==> installing Debian's chromium"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
bash "$HERE/console.sh"          # npm ci + build when needed (run.sh normally did it already)
. "$HERE/node.sh"
cd "$ROOT/console"
node scripts/openapi.mjs --check
rm -rf test-results
GATEWAY_URL="${GATEWAY_URL:-http://127.0.0.1:8080}" npx playwright test
