#!/usr/bin/env bash
# Brings up what the services need on this machine, idempotently: PostgreSQL, Redis (and nginx
# when GATEWAY=1) from Debian, the licensing role and databases, and development token keys (one pair per kind).
# Sourced by run.sh and test.sh; safe to run again while everything is up.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

need_pkgs=()
command -v pg_ctlcluster >/dev/null 2>&1 || need_pkgs+=(postgresql)
command -v redis-server >/dev/null 2>&1 || need_pkgs+=(redis-server)
if [ "${GATEWAY:-0}" = 1 ] && ! command -v nginx >/dev/null 2>&1; then need_pkgs+=(nginx-light); fi
command -v openssl >/dev/null 2>&1 || need_pkgs+=(openssl)
if [ ${#need_pkgs[@]} -gt 0 ]; then
  echo "==> installing ${need_pkgs[*]} from Debian"
  if [ "$(id -u)" != 0 ]; then echo "run as root to install packages" >&2; exit 1; fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_pkgs[@]}" >/dev/null
fi

# PostgreSQL
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  echo "==> starting PostgreSQL"
  ver=$(ls /etc/postgresql | sort -V | tail -1)
  pg_ctlcluster "$ver" main start || service postgresql start
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
psql_admin() { su postgres -c "psql -v ON_ERROR_STOP=1 -qAt $*"; }
# Four services with their pools, plus parallel test JVMs, need more than the default 100 connections.
if [ "$(psql_admin "-c \"SHOW max_connections\"")" -lt 300 ]; then
  echo "==> raising PostgreSQL max_connections to 300 (restart)"
  psql_admin "-c \"ALTER SYSTEM SET max_connections = 300\""
  ver=$(ls /etc/postgresql | sort -V | tail -1)
  pg_ctlcluster "$ver" main restart
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
if [ "$(psql_admin "-c \"SELECT 1 FROM pg_roles WHERE rolname='licensing'\"")" != 1 ]; then
  psql_admin "-c \"CREATE ROLE licensing LOGIN PASSWORD 'licensing'\""
fi
for db in licensing licensing_test ${LM_DB:-} ${LM_TEST_DB:-}; do
  if [ "$(psql_admin "-c \"SELECT 1 FROM pg_database WHERE datname='$db'\"")" != 1 ]; then
    echo "==> creating database $db"
    psql_admin "-c \"CREATE DATABASE $db OWNER licensing\""
  fi
done

# Redis (streams want persistence: AOF on, everysec)
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  echo "==> starting Redis"
  mkdir -p /var/lib/redis
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --appendonly yes --appendfsync everysec \
    --dir /var/lib/redis --save "" --logfile /var/log/redis-licensing.log
  for _ in $(seq 1 30); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 0.5; done
fi

# Development token keys, one pair per token kind (never committed: deploy/local/keys is
# git-ignored). A checkout that still has only the old single jwt-*.pem pair gets the new files here.
bash "$HERE/token-keys.sh" init "$HERE/keys"

# Real mail: an SMTP sink on 127.0.0.1:2525 (Debian's python3-aiosmtpd) that stores every message
# it receives in a Maildir (LM_MAILDIR, default /var/tmp/licensing-mail: one sink and one Maildir
# per machine, shared by every checkout, so tests find their message by a recipient address of
# their own). license-service's %dev and %test profiles, and run.sh, send there.
LM_MAILDIR="${LM_MAILDIR:-/var/tmp/licensing-mail}"
if [ ! -f /usr/lib/python3/dist-packages/aiosmtpd/__init__.py ]; then
  echo "==> installing python3-aiosmtpd from Debian"
  if [ "$(id -u)" != 0 ]; then echo "run as root to install packages" >&2; exit 1; fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-aiosmtpd >/dev/null
fi
if ! (exec 3<>/dev/tcp/127.0.0.1/2525) 2>/dev/null; then
  echo "==> starting the SMTP sink on 127.0.0.1:2525 (Maildir $LM_MAILDIR)"
  mkdir -p "$LM_MAILDIR"/{cur,new,tmp}
  # /usr/bin/python3: the python3 first on PATH may be another interpreter without Debian's packages.
  setsid nohup /usr/bin/python3 -m aiosmtpd -n -l 127.0.0.1:2525 -c aiosmtpd.handlers.Mailbox "$LM_MAILDIR" \
    > "$LM_MAILDIR.log" 2>&1 < /dev/null &
  echo $! > "$LM_MAILDIR.pid"
  for _ in $(seq 1 30); do (exec 3<>/dev/tcp/127.0.0.1/2525) 2>/dev/null && break; sleep 0.5; done
fi
