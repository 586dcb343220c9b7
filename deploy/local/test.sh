#!/usr/bin/env bash
# Runs every test: the same infrastructure as run.sh (PostgreSQL, Redis, dev keys), then mvn verify.
# Tests use the licensing_test database and Redis database 1, never the running stack's data.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bash "$ROOT/deploy/local/infra.sh"
cd "$ROOT"
exec mvn -B -ntp verify "$@"
