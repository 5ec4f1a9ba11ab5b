#!/usr/bin/env bash
# Installs what the offline real-editor tests need (scripts/test-vscode-offline.mjs), from the
# npm registry and Debian's packages only:
#   - Debian: chromium (the browser showing the workbench), libkrb5-dev (headers for
#     code-server's `kerberos` native module), ripgrep (stands in for @vscode/ripgrep's
#     download), neovim (the third-party LSP client of test/lsp);
#   - code-server 4.100.3 (VS Code 1.100.3's server + web workbench; newer ones need Node 22)
#     into the git-ignored .cache/code-server/, never into the project's node_modules.
# Idempotent: each step is skipped when its result is already there. See
# ../shared/real-vscode-offline.md for why each environment variable below is needed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CODE_SERVER_VERSION="4.100.3"
CS_DIR="$ROOT/.cache/code-server"
CS_BIN="$CS_DIR/node_modules/.bin/code-server"
RG_CACHE_NAME="vscode-ripgrep-cache-1.15.11"
RG_TARBALL="ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"

log() { printf '[install-vscode-offline] %s\n' "$*"; }

# --- Debian packages -------------------------------------------------------------------
APT_PACKAGES=(chromium libkrb5-dev ripgrep neovim)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
if ((${#missing[@]})); then
  log "apt-get install ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  log "Debian packages present: ${APT_PACKAGES[*]}"
fi

# --- code-server -----------------------------------------------------------------------
# code-server writes a config file (with a password) on its first start, even for
# --version: keep it and its logs inside .cache, never in the user's home.
export XDG_CONFIG_HOME="$ROOT/.cache/vscode-offline/xdg-config"
export XDG_DATA_HOME="$ROOT/.cache/vscode-offline/xdg-data"

installed_version() {
  [ -x "$CS_BIN" ] || return 1
  "$CS_BIN" --version 2>/dev/null | grep -oE '^[0-9]+\.[0-9]+\.[0-9]+' | head -n1
}

# The pieces its postinstall builds or fetches; without them the workbench starts but
# terminals, search or file watching fail later in obscure ways.
REQUIRED=(
  "node_modules/code-server/lib/vscode/node_modules/node-pty/build/Release/pty.node"
  "node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"
  "node_modules/code-server/lib/vscode/extensions/node_modules"
)
missing_piece() {
  local piece
  for piece in "${REQUIRED[@]}"; do
    if [ ! -e "$CS_DIR/$piece" ]; then echo "$piece"; return 0; fi
  done
  return 1
}

if [ "$(installed_version || true)" = "$CODE_SERVER_VERSION" ] && ! missing_piece >/dev/null; then
  log "code-server $CODE_SERVER_VERSION present in ${CS_DIR#"$ROOT"/}"
  exit 0
fi

log "installing code-server $CODE_SERVER_VERSION into ${CS_DIR#"$ROOT"/} (about 40 s, 300 MB)"
mkdir -p "$CS_DIR"
# A package.json of its own so npm treats this folder as the project root and never
# touches the repository's package.json / package-lock.json.
cat >"$CS_DIR/package.json" <<'JSON'
{
  "name": "capl-ids-code-server",
  "private": true,
  "description": "code-server for the offline real-editor tests; installed by scripts/install-editor-deps.sh"
}
JSON

# @vscode/ripgrep's postinstall downloads rg from GitHub unless it finds this tarball in
# $TMPDIR first; Debian's rg satisfies it.
INSTALL_TMP="$(mktemp -d "${TMPDIR:-/tmp}/capl-ids-cs-install.XXXXXX")"
trap 'rm -rf "$INSTALL_TMP"' EXIT
mkdir -p "$INSTALL_TMP/$RG_CACHE_NAME" "$INSTALL_TMP/rg"
cp "$(command -v rg)" "$INSTALL_TMP/rg/rg"
tar -C "$INSTALL_TMP/rg" -czf "$INSTALL_TMP/$RG_CACHE_NAME/$RG_TARBALL" rg

(
  cd "$CS_DIR"
  # unsafe_perm: code-server's postinstall refuses root otherwise; yes: node-pty's
  # postinstall runs `npx node-gyp`.
  TMPDIR="$INSTALL_TMP" \
  npm_config_unsafe_perm=true \
  npm_config_yes=true \
  npm_config_fund=false \
  npm_config_audit=false \
  npm_config_update_notifier=false \
    npm install --omit=dev --no-package-lock "code-server@$CODE_SERVER_VERSION"
)

if piece="$(missing_piece)"; then
  log "code-server's postinstall did not complete: missing $piece"
  exit 1
fi
got="$(installed_version || true)"
if [ "$got" != "$CODE_SERVER_VERSION" ]; then
  log "code-server did not install (got '${got:-nothing}')"
  exit 1
fi
log "code-server $got installed"
