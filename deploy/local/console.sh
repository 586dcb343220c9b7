#!/usr/bin/env bash
# Builds the console (console/) for the gateway when console/dist is missing or any of its sources
# is newer than the last build: Node 24 (node.sh), npm ci from the committed lock file, npm run build.
# run.sh calls it before starting the gateway; SKIP_CONSOLE=1 skips it.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
C="$ROOT/console"
[ "${SKIP_CONSOLE:-0}" = 1 ] && exit 0
[ -f "$C/package.json" ] || exit 0
stamp="$C/dist/index.html"
newer() {
  find "$C" \( -path "$C/node_modules" -o -path "$C/dist" -o -path "$C/test-results" -o -path "$C/playwright-report" -o -path "$C/src/api/schema" \) -prune \
    -o -type f -newer "$stamp" -print -quit
}
if [ -f "$stamp" ] && [ -z "$(newer)" ]; then exit 0; fi
echo "==> building the console (npm ci, npm run build)"
. "$HERE/node.sh"
cd "$C"
# npm ci only when the installed tree is older than the lock file (npm writes node_modules/.package-lock.json).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
fi
log="$(mktemp)"
if ! npm run build > "$log" 2>&1; then
  cat "$log" >&2; rm -f "$log"; echo "console build failed" >&2; exit 1
fi
rm -f "$log"
echo "    console built into console/dist"
