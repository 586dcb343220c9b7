#!/usr/bin/env bash
# Token key pairs, one per kind (docs/security.md "Token kinds and keys"):
#   access  (people's access tokens,  RS256, signed by license-service)
#   refresh (people's refresh tokens, RS256, signed by license-service)
#   session (client session tokens,   Ed25519, signed by session-service)
# Files in DIR: <kind>-private.pem (PKCS#8, the signer's only) and <kind>-public.pem (every public
# key verifiers accept, one PEM block each; the kid of a token is derived from its key).
#
#   token-keys.sh init DIR [KIND...]      create the missing pairs (idempotent)
#   token-keys.sh publish-next DIR KIND   rollover step 1: new pair <kind>-next-private.pem, its public
#                                         key appended to <kind>-public.pem (verifiers accept both)
#   token-keys.sh promote DIR KIND        step 2 (once every verifier has the new public file):
#                                         the next private key becomes <kind>-private.pem
#   token-keys.sh retire DIR KIND         step 3 (after the longest token lifetime): only the current
#                                         key stays in <kind>-public.pem; the old one is refused
set -euo pipefail
ALL_KINDS=(access refresh session)

usage() { sed -n '2,16p' "$0" >&2; exit 2; }
[ $# -ge 2 ] || usage
cmd=$1; dir=$2; shift 2
mkdir -p "$dir"

generate() { # kind file
  if [ "$1" = session ]; then
    openssl genpkey -algorithm ed25519 -out "$2" 2>/dev/null
  else
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$2" 2>/dev/null
  fi
  chmod 600 "$2"
}
public_of() { openssl pkey -in "$1" -pubout; }

case "$cmd" in
  init)
    kinds=("$@"); [ ${#kinds[@]} -gt 0 ] || kinds=("${ALL_KINDS[@]}")
    for k in "${kinds[@]}"; do
      if [ ! -s "$dir/$k-private.pem" ]; then
        echo "==> creating the $k token key pair in $dir"
        generate "$k" "$dir/$k-private.pem"
        public_of "$dir/$k-private.pem" > "$dir/$k-public.pem"
      elif [ ! -s "$dir/$k-public.pem" ]; then
        public_of "$dir/$k-private.pem" > "$dir/$k-public.pem"
      fi
    done ;;
  publish-next)
    k=${1:?kind}
    [ -s "$dir/$k-private.pem" ] || { echo "no $k key pair in $dir: run init first" >&2; exit 1; }
    [ ! -e "$dir/$k-next-private.pem" ] || { echo "$dir/$k-next-private.pem exists: promote it first" >&2; exit 1; }
    generate "$k" "$dir/$k-next-private.pem"
    public_of "$dir/$k-next-private.pem" >> "$dir/$k-public.pem"
    echo "==> $k: next key published beside the current one; deploy $k-public.pem to every verifier, then promote" ;;
  promote)
    k=${1:?kind}
    [ -s "$dir/$k-next-private.pem" ] || { echo "no $dir/$k-next-private.pem: publish-next first" >&2; exit 1; }
    mv "$dir/$k-next-private.pem" "$dir/$k-private.pem"
    echo "==> $k: signing with the new key; retire the old one after the longest $k token lifetime" ;;
  retire)
    k=${1:?kind}
    public_of "$dir/$k-private.pem" > "$dir/$k-public.pem.new" && mv "$dir/$k-public.pem.new" "$dir/$k-public.pem"
    echo "==> $k: only the current key is accepted now" ;;
  *) usage ;;
esac
