#!/usr/bin/env bash
# A local three-master Redis Cluster on 127.0.0.1 (Debian's redis-server, no replicas, nothing
# saved to disk), for running the services or their tests against a cluster:
#   bash deploy/local/redis-cluster.sh start|stop|status
# Ports: LM_CLUSTER_PORT_BASE+1 .. +3 (default 7000: 7001-7003). Data (nodes.conf, logs) in
# LM_CLUSTER_DIR (default /tmp/lm-redis-cluster-<base>). `start` is idempotent; it re-creates a
# cluster whose nodes were stopped (stopped nodes lose their data: this is for tests).
# Point the services at it with:
#   REDIS_CLIENT_TYPE=cluster REDIS_URL=redis://127.0.0.1:7001,redis://127.0.0.1:7002,redis://127.0.0.1:7003
# and their tests with LM_TEST_REDIS_CLIENT_TYPE=cluster LM_TEST_REDIS_HOSTS=<the same list>.
set -euo pipefail
BASE="${LM_CLUSTER_PORT_BASE:-7000}"
DIR="${LM_CLUSTER_DIR:-/tmp/lm-redis-cluster-$BASE}"
PORTS=("$((BASE + 1))" "$((BASE + 2))" "$((BASE + 3))")

command -v redis-server >/dev/null || { echo "redis-server is not installed (apt-get install redis-server)" >&2; exit 1; }

up() { redis-cli -h 127.0.0.1 -p "$1" ping >/dev/null 2>&1; }

hosts() {
  local out=""
  for p in "${PORTS[@]}"; do out="${out:+$out,}redis://127.0.0.1:$p"; done
  echo "$out"
}

start() {
  mkdir -p "$DIR"
  local fresh=0
  for p in "${PORTS[@]}"; do
    if ! up "$p"; then
      rm -f "$DIR/nodes-$p.conf"
      redis-server --port "$p" --bind 127.0.0.1 --cluster-enabled yes --cluster-config-file "$DIR/nodes-$p.conf" \
        --cluster-node-timeout 5000 --save '' --appendonly no --dir "$DIR" --daemonize yes \
        --pidfile "$DIR/redis-$p.pid" --logfile "$DIR/redis-$p.log"
      fresh=1
    fi
  done
  for p in "${PORTS[@]}"; do
    for _ in $(seq 1 50); do up "$p" && break; sleep 0.1; done
    up "$p" || { echo "redis on $p did not start (see $DIR/redis-$p.log)" >&2; exit 1; }
  done
  if [ "$fresh" = 1 ] || ! redis-cli -p "${PORTS[0]}" cluster info | grep -q 'cluster_state:ok'; then
    # a node that was just started knows no cluster: reset all three so create finds them empty
    for p in "${PORTS[@]}"; do redis-cli -p "$p" flushall >/dev/null; redis-cli -p "$p" cluster reset hard >/dev/null; done
    local nodes=()
    for p in "${PORTS[@]}"; do nodes+=("127.0.0.1:$p"); done
    redis-cli --cluster create "${nodes[@]}" --cluster-replicas 0 --cluster-yes >/dev/null
  fi
  for _ in $(seq 1 100); do
    redis-cli -p "${PORTS[0]}" cluster info | grep -q 'cluster_state:ok' && break
    sleep 0.1
  done
  redis-cli -p "${PORTS[0]}" cluster info | grep -q 'cluster_state:ok' || { echo "cluster not ok" >&2; exit 1; }
  echo "Redis Cluster up: $(hosts)"
}

stop() {
  for p in "${PORTS[@]}"; do
    if [ -f "$DIR/redis-$p.pid" ] && kill -0 "$(cat "$DIR/redis-$p.pid")" 2>/dev/null; then
      redis-cli -p "$p" shutdown nosave >/dev/null 2>&1 || kill "$(cat "$DIR/redis-$p.pid")"
    fi
    rm -f "$DIR/redis-$p.pid" "$DIR/nodes-$p.conf"
  done
  echo "Redis Cluster on ${PORTS[*]} stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) for p in "${PORTS[@]}"; do printf '%s: ' "$p"; up "$p" && echo up || echo down; done
          redis-cli -p "${PORTS[0]}" cluster info 2>/dev/null | grep cluster_state || true ;;
  hosts) hosts ;;
  *) echo "usage: $0 start|stop|status|hosts" >&2; exit 2 ;;
esac
