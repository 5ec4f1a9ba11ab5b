#!/usr/bin/env bash
# Installs what the test suites need beyond `npm ci`:
#   - Neovim 0.7+ (Debian package `neovim`): the third-party LSP client that
#     test/lsp/neovim.test.ts runs headless against dist/server.js.
# Idempotent: installs only what is missing, so CI can run it on every build.
# Needs root or sudo for apt-get (Debian/Ubuntu).
set -euo pipefail

need_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

nvim_ok() {
  command -v nvim >/dev/null 2>&1 || return 1
  # "NVIM v0.7.2" -> 0 7; the test uses vim.lsp.start_client/buf_attach_client and vim.diagnostic (0.7).
  local version major minor
  version="$(nvim --version | head -n 1 | sed -n 's/^NVIM v\([0-9]*\)\.\([0-9]*\).*/\1 \2/p')"
  read -r major minor <<<"$version"
  [ -n "${major:-}" ] && { [ "$major" -gt 0 ] || [ "$minor" -ge 7 ]; }
}

if nvim_ok; then
  echo "install-test-deps: $(nvim --version | head -n 1) is installed"
else
  echo "install-test-deps: installing neovim"
  export DEBIAN_FRONTEND=noninteractive
  need_root apt-get update
  need_root apt-get install -y --no-install-recommends neovim
  if ! nvim_ok; then
    echo "install-test-deps: nvim 0.7 or newer is required, found: $(nvim --version 2>/dev/null | head -n 1)" >&2
    exit 1
  fi
  echo "install-test-deps: $(nvim --version | head -n 1) installed"
fi
