#!/usr/bin/env bash
# Stops what run.sh started (by its recorded PIDs, nothing else). PostgreSQL and Redis stay up,
# unless --infra is given: then the local Redis and PostgreSQL are stopped too (infra.sh, run.sh and
# test.sh start them again).
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/instance.sh"
if [ -f "$RUN/nginx.pid" ] && kill -0 "$(cat "$RUN/nginx.pid")" 2>/dev/null; then
  nginx -p "$RUN" -c "$RUN/nginx.conf" -s quit && echo "stopped the gateway"
fi
for f in "$RUN"/pids/*.pid; do
  [ -f "$f" ] || continue
  pid=$(cat "$f"); n=$(basename "$f" .pid)
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    echo "stopped $n-service"
  fi
  rm -f "$f"
done

if [ "${1:-}" = --infra ]; then
  redis-cli -h 127.0.0.1 -p 6379 shutdown 2>/dev/null && echo "stopped Redis"
  ver=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)
  [ -n "$ver" ] && pg_ctlcluster "$ver" main stop 2>/dev/null && echo "stopped PostgreSQL $ver"
fi
exit 0
