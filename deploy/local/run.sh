#!/usr/bin/env bash
# Starts the whole platform locally: PostgreSQL, Redis and nginx (installed from Debian when
# missing), builds the services, starts the four of them and the gateway on :8080, waits until
# all are ready. Running it again while everything is up is harmless. Stop with stop.sh.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
. "$HERE/instance.sh"
GATEWAY=1 bash "$HERE/infra.sh"
mkdir -p "$RUN/logs" "$RUN/pids" "$RUN/nginx-tmp"


alive() { [ -f "$RUN/pids/$1.pid" ] && kill -0 "$(cat "$RUN/pids/$1.pid")" 2>/dev/null; }

# Build only while no service of this stack runs: a build rewrites target/quarkus-app, which a running
# JVM still loads classes from. With some services up, the missing ones start from the jars they were
# built with (quick, and safe for the running ones); stop.sh first to pick up code changes.
# SKIP_BUILD=1 reuses existing jars (test.sh just built them).
running=(); have_jars=1
for s in "${SERVICES[@]}"; do
  n=${s%%:*}
  alive "$n" && running+=("$n")
  [ -f "$ROOT/$n-service/target/quarkus-app/quarkus-run.jar" ] || have_jars=0
done
if [ ${#running[@]} -gt 0 ]; then
  [ "$have_jars" = 1 ] || { echo "jars are missing while ${running[*]} run: bash deploy/local/stop.sh, then run.sh again" >&2; exit 1; }
  [ ${#running[@]} -lt ${#SERVICES[@]} ] && echo "==> ${running[*]} running: starting the others from the existing jars (no rebuild)"
elif [ "$have_jars" = 0 ] || [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "==> building (mvn package, tests skipped; deploy/local/test.sh runs the tests)"
  (cd "$ROOT" && mvn -B -ntp -q -DskipTests package)
fi

# Settings a production deployment takes from its Secret/ConfigMap; local development values here.
export DB_HOST=127.0.0.1 DB_PORT=5432 DB_NAME="$LM_DB" DB_USER=licensing DB_PASSWORD=licensing
# LM_REDIS_CLUSTER=<hosts> (from `deploy/local/redis-cluster.sh hosts`) runs the stack on a Redis Cluster instead.
if [ -n "${LM_REDIS_CLUSTER:-}" ]; then
  export REDIS_CLIENT_TYPE=cluster REDIS_URL="$LM_REDIS_CLUSTER"
else
  export REDIS_URL="redis://127.0.0.1:6379/$LM_REDIS_DB"
fi
export QUARKUS_HTTP_HOST=127.0.0.1   # local runs listen on loopback only; the gateway is the way in
# Token keys per kind: every service gets the public keys; only the signer its private key (the
# services read only the settings of the kinds they verify or sign).
for kind in ACCESS REFRESH SESSION; do
  k=$(echo "$kind" | tr A-Z a-z)
  export "JWT_${kind}_PUBLIC_KEYS=file:$HERE/keys/$k-public.pem"
done
signing_keys() { # the private keys one service may hold
  case "$1" in
    license) echo "JWT_ACCESS_SIGNING_KEY=file:$HERE/keys/access-private.pem JWT_REFRESH_SIGNING_KEY=file:$HERE/keys/refresh-private.pem" ;;
    session) echo "JWT_SESSION_SIGNING_KEY=file:$HERE/keys/session-private.pem" ;;
  esac
}
export LOG_JSON="${LOG_JSON:-false}"
# Mail goes to the local SMTP sink that infra.sh starts (127.0.0.1:2525, Maildir ${LM_MAILDIR:-/var/tmp/licensing-mail}).
export MAIL_MOCK="${MAIL_MOCK:-false}" SMTP_HOST="${SMTP_HOST:-127.0.0.1}" SMTP_PORT="${SMTP_PORT:-2525}"
export SMTP_START_TLS="${SMTP_START_TLS:-DISABLED}" MAIL_FROM="${MAIL_FROM:-licensing@localhost}"
export LICENSING_PUBLIC_URL="${LICENSING_PUBLIC_URL:-http://127.0.0.1:$LM_PORT_BASE}"
# A local stack lets unverified sellers issue (production requires a verified e-mail address).
export EMAIL_VERIFICATION_REQUIRED="${EMAIL_VERIFICATION_REQUIRED:-false}"
export LICENSING_ADMIN_USERNAME="${LICENSING_ADMIN_USERNAME:-admin}"
export LICENSING_ADMIN_EMAIL="${LICENSING_ADMIN_EMAIL:-admin@licensing.local}"
# No default password: without LICENSING_ADMIN_PASSWORD the admin gets admin-change-me and must
# change it at first sign-in (see docs/account-security.md).
[ -f "$HERE/keys/secrets.env" ] || {
  echo "LICENSE_KEY_HASH_SECRET=$(openssl rand -hex 32)" > "$HERE/keys/secrets.env"
  echo "LICENSE_KEY_ENCRYPTION_KEY=$(openssl rand -base64 32)" >> "$HERE/keys/secrets.env"
  echo "LICENSE_KEY_CHECKSUM_SECRET=$(openssl rand -hex 32)" >> "$HERE/keys/secrets.env"
  echo "CERTIFICATE_SIGNING_SEED=$(openssl rand -hex 32)" >> "$HERE/keys/secrets.env"
  chmod 600 "$HERE/keys/secrets.env"
}
set -a; . "$HERE/keys/secrets.env"; set +a

# glibc gives each thread that allocates its own 64 MB malloc arena; a JVM's off-heap (Netty, the
# JIT) needs few: two keep the resident size tens of MB lower at no measured cost.
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
# The heap starts small and gives memory back after a collection (free ratio 10-30 %): the services'
# live data is 15-40 MB, and a heap committed at its 160 MB maximum from the start only fills with
# garbage between collections (license-service was 307 MB resident after the bench, its live set 17 MB).
# The young generation is fixed at 24 MB (eden 18, survivors 3 + 3): sized by the free ratios alone it
# shrank to 1-10 MB, and under load license-service collected it ~180 times a second and promoted
# in-flight requests into an old generation that then needed a full collection (~90 ms, the
# validation p99) every few seconds; stats-service spent 28 us of GC-bound time per validation, 15 after.
# glibc also keeps what the JVM's own malloc users (the JIT, Netty, class loading) freed: trimming it
# every 30 s (JDK 17.0.9+) gave license-service back 30 MB of its 231 MB after the bench's rows.
DEFAULT_JAVA_OPTS="-Xms48m -Xmn24m -XX:SurvivorRatio=6 -Xmx160m -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=40 -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m -Xss512k -XX:+UseSerialGC -XX:TrimNativeHeapInterval=30000"
# license-service first: the others read its schema.
for s in "${SERVICES[@]}"; do
  n=${s%%:*}; p=${s##*:}
  if alive "$n"; then echo "    $n-service already running (pid $(cat "$RUN/pids/$n.pid"))"; continue; fi
  echo "==> starting $n-service on :$p"
  env $(signing_keys "$n") HTTP_PORT=$p HOSTNAME="$(hostname)-$n" nohup java ${JAVA_OPTS:-$DEFAULT_JAVA_OPTS} \
    -jar "$ROOT/$n-service/target/quarkus-app/quarkus-run.jar" > "$RUN/logs/$n-service.log" 2>&1 &
  echo $! > "$RUN/pids/$n.pid"
  if [ "$n" = license ]; then
    for _ in $(seq 1 60); do curl -fsS -o /dev/null "http://127.0.0.1:$p/q/health/ready" 2>/dev/null && break; sleep 1; done
  fi
done

# The console the gateway serves at / (built when missing or older than its sources).
bash "$HERE/console.sh"

# Gateway
sed -e "s#__RUN__#$RUN#g" -e "s#__GW_PORT__#$LM_PORT_BASE#g" -e "s#__LICENSE_PORT__#$((LM_PORT_BASE+1))#g" \
    -e "s#__DEVICE_PORT__#$((LM_PORT_BASE+2))#g" -e "s#__SESSION_PORT__#$((LM_PORT_BASE+3))#g" \
    -e "s#__STATS_PORT__#$((LM_PORT_BASE+4))#g" "$HERE/nginx.conf.template" > "$RUN/nginx.conf"
if [ -f "$RUN/nginx.pid" ] && kill -0 "$(cat "$RUN/nginx.pid")" 2>/dev/null; then
  nginx -p "$RUN" -c "$RUN/nginx.conf" -s reload
else
  echo "==> starting the gateway on :$LM_PORT_BASE"
  nginx -p "$RUN" -c "$RUN/nginx.conf"
fi

echo "==> waiting for readiness"
for s in "${SERVICES[@]}"; do
  n=${s%%:*}; p=${s##*:}
  ok=0
  for _ in $(seq 1 90); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$p/q/health/ready" 2>/dev/null; then ok=1; break; fi
    alive "$n" || break
    sleep 1
  done
  if [ "$ok" != 1 ]; then echo "$n-service did not become ready; see $RUN/logs/$n-service.log" >&2; exit 1; fi
done

# The gateway's one OpenAPI document of the public API, joined from the four services' documents.
mkdir -p "$RUN/openapi"
/usr/bin/python3 "$ROOT/deploy/openapi/merge.py" "$RUN/openapi/openapi.json" \
  $(for s in "${SERVICES[@]}"; do echo "http://127.0.0.1:${s##*:}/q/openapi?format=json"; done) \
  || echo "warning: the merged OpenAPI document could not be built; /api/v1/openapi.json answers 404" >&2

cat <<MSG

The licensing platform is up.
  Gateway (use this):   http://127.0.0.1:$LM_PORT_BASE/api/v1/...
  license-service       http://127.0.0.1:$((LM_PORT_BASE+1))   (OpenAPI: /q/openapi, metrics: /q/metrics)
  device-service        http://127.0.0.1:$((LM_PORT_BASE+2))
  session-service       http://127.0.0.1:$((LM_PORT_BASE+3))
  stats-service         http://127.0.0.1:$((LM_PORT_BASE+4))
  OpenAPI (merged)      http://127.0.0.1:$LM_PORT_BASE/api/v1/openapi.json
  Health via gateway    http://127.0.0.1:$LM_PORT_BASE/health/{license,device,session,stats}/ready
  Data                  PostgreSQL database $LM_DB, Redis database $LM_REDIS_DB
  First admin           ${LICENSING_ADMIN_USERNAME} / ${LICENSING_ADMIN_PASSWORD:-admin-change-me (no LICENSING_ADMIN_PASSWORD supplied: the admin must change it at first sign-in)}
  Mail (SMTP sink)      127.0.0.1:2525, delivered to the Maildir ${LM_MAILDIR:-/var/tmp/licensing-mail}
  Logs                  $RUN/logs
  Stop                  bash deploy/local/stop.sh
MSG
