#!/usr/bin/env bash
# OpenAPI: the four services' documents and the gateway's merged one lint clean with Redocly's
# recommended rules (deploy/openapi/redocly.yaml), and the merged document holds every operation.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
. "$HERE/node.sh"
TOOLS="$ROOT/deploy/openapi"
[ -x "$TOOLS/node_modules/.bin/redocly" ] || (cd "$TOOLS" && npm ci --silent --no-audit --no-fund)
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
base="${LM_PORT_BASE:-8080}"
i=1
for s in license device session stats; do
  curl -fsS -o "$OUT/$s.json" "http://127.0.0.1:$((base + i))/q/openapi?format=json"
  i=$((i + 1))
done
curl -fsS -o "$OUT/merged.json" "$GATEWAY_URL/api/v1/openapi.json"
# Lint: 0 errors and 0 warnings (--max-problems so nothing is hidden; warnings fail it too).
(cd "$TOOLS" && ./node_modules/.bin/redocly lint --config redocly.yaml --format=stylish \
  "$OUT/license.json" "$OUT/device.json" "$OUT/session.json" "$OUT/stats.json" "$OUT/merged.json" > "$OUT/lint.txt" 2>&1) \
  || { cat "$OUT/lint.txt"; echo "openapi: lint failed"; exit 1; }
if grep -Eq '(warning|error) ' "$OUT/lint.txt"; then cat "$OUT/lint.txt"; echo "openapi: lint reported warnings"; exit 1; fi
# The merged document is the union: every operation of the four, each with an operationId.
/usr/bin/python3 - "$OUT" <<'PY'
import json, sys
d = sys.argv[1]
M = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
def ops(doc):
    return {(m, p): op for p, item in doc["paths"].items() for m, op in item.items() if m in M}
parts = {}
for s in ("license", "device", "session", "stats"):
    parts.update(ops(json.load(open(f"{d}/{s}.json"))))
merged = ops(json.load(open(f"{d}/merged.json")))
missing = sorted(set(parts) - set(merged))
assert not missing, f"missing in the merged document: {missing}"
assert len(merged) == len(parts), (len(merged), len(parts))
no_id = [k for k, op in merged.items() if not op.get("operationId")]
assert not no_id, f"operations without operationId: {no_id}"
anonymous = [k for k, op in merged.items() if op.get("security") == []]
print(f"openapi: {len(merged)} operations in the merged document, {len(anonymous)} anonymous; lint clean")
PY
