#!/usr/bin/env bash
# API fuzz test through the gateway (issue 15): every operation of every service's OpenAPI
# document gets malformed, wrongly typed, oversized and control-character input; fails on any 5xx
# or any error answer that is not problem+json. Bounded by FUZZ_MAX_REQUESTS / FUZZ_MAX_SECONDS.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec /usr/bin/python3 "$HERE/90-fuzz.py"
