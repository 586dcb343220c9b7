#!/usr/bin/env bash
# Token kinds, forwarded addresses and Idempotency-Key through the gateway (docs/security.md).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec /usr/bin/python3 "$HERE/../e2e_tokens.py" "${GATEWAY_URL:?}"
