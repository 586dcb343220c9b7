#!/usr/bin/env bash
# Creates the two Secrets the services need (see base/secret-template.yaml), generating every
# value with openssl (token keys: one pair per kind, deploy/local/token-keys.sh). Existing Secrets
# are left alone unless FORCE=1 (regenerating the key-hash, checksum or encryption secrets on a
# running system breaks every issued key; key rollovers: docs/security.md).
#   bash deploy/k8s/create-secrets.sh [namespace]        (default namespace: licensing)
# Environment: DB_USER, DB_PASSWORD (use the managed database's credentials in production),
# REDIS_PASSWORD, LICENSING_ADMIN_USERNAME, LICENSING_ADMIN_EMAIL, LICENSING_ADMIN_PASSWORD.
set -euo pipefail
NS="${1:-licensing}"
command -v kubectl >/dev/null || { echo "kubectl is required" >&2; exit 1; }
command -v openssl >/dev/null || { echo "openssl is required" >&2; exit 1; }
kubectl get namespace "$NS" >/dev/null 2>&1 || kubectl create namespace "$NS"

exists() { kubectl -n "$NS" get secret "$1" >/dev/null 2>&1; }

if exists licensing-secrets && [ "${FORCE:-0}" != 1 ]; then
  echo "secret licensing-secrets exists in $NS: kept (FORCE=1 to replace)"
else
  admin_password="${LICENSING_ADMIN_PASSWORD:-$(openssl rand -base64 18)}"
  args=(
    --from-literal=DB_USER="${DB_USER:-licensing}"
    --from-literal=DB_PASSWORD="${DB_PASSWORD:-$(openssl rand -base64 24 | tr -d '/+=')}"
    --from-literal=LICENSE_KEY_HASH_SECRET="$(openssl rand -hex 32)"
    --from-literal=LICENSE_KEY_CHECKSUM_SECRET="$(openssl rand -hex 32)"
    --from-literal=LICENSE_KEY_ENCRYPTION_KEY="$(openssl rand -base64 32)"
    --from-literal=CERTIFICATE_SIGNING_SEED="$(openssl rand -hex 32)"
    --from-literal=LICENSING_ADMIN_USERNAME="${LICENSING_ADMIN_USERNAME:-admin}"
    --from-literal=LICENSING_ADMIN_EMAIL="${LICENSING_ADMIN_EMAIL:-admin@example.com}"
    --from-literal=LICENSING_ADMIN_PASSWORD="$admin_password"
  )
  if [ -n "${REDIS_PASSWORD:-}" ]; then args+=(--from-literal=REDIS_PASSWORD="$REDIS_PASSWORD"); fi
  kubectl -n "$NS" create secret generic licensing-secrets "${args[@]}" --dry-run=client -o yaml \
    | kubectl apply -f -
  if [ -z "${LICENSING_ADMIN_PASSWORD:-}" ]; then
    echo "first admin: ${LICENSING_ADMIN_USERNAME:-admin} / $admin_password (change it after signing in)"
  fi
fi

if exists licensing-jwt-keys && [ "${FORCE:-0}" != 1 ]; then
  echo "secret licensing-jwt-keys exists in $NS: kept (FORCE=1 to replace)"
else
  tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
  bash "$(dirname "$0")/../local/token-keys.sh" init "$tmp" >/dev/null
  kubectl -n "$NS" create secret generic licensing-jwt-keys \
    --from-file=access-private.pem="$tmp/access-private.pem" --from-file=access-public.pem="$tmp/access-public.pem" \
    --from-file=refresh-private.pem="$tmp/refresh-private.pem" --from-file=refresh-public.pem="$tmp/refresh-public.pem" \
    --from-file=session-private.pem="$tmp/session-private.pem" --from-file=session-public.pem="$tmp/session-public.pem" \
    --dry-run=client -o yaml | kubectl apply -f -
fi
