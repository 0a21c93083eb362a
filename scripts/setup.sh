#!/usr/bin/env bash
# Installs everything the project needs that a fresh machine lacks, and skips
# what is already there. Safe to run repeatedly.
#   - rustup target wasm32-unknown-unknown
#   - trunk 0.21.14 and wasm-bindgen-cli (exact version from Cargo.lock) via cargo install
#   - Debian chromium + chromium-driver (browser tests), when root and missing
#   - npm devDependencies (binaryen's wasm-opt, playwright-core, twilio for benchmarks)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*" >&2; }

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock 2>/dev/null || true)
WASM_BINDGEN_VERSION=${WASM_BINDGEN_VERSION:-0.2.130}
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
export PATH="$ROOT/node_modules/.bin:$CARGO_BIN:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

want_tools=${SETUP_TOOLS:-all}

if [ "$want_tools" = all ] || [ "$want_tools" = wasm ]; then
  if ! command -v wasm-bindgen >/dev/null || [ "$(wasm-bindgen --version | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
    log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (cold: ~7 min)"
    # no --locked: its lockfile pins a webpki-roots version the registry lacks
    cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION"
  fi
  if ! command -v trunk >/dev/null || [ "$(trunk --version | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
    log "installing trunk $TRUNK_VERSION (cold: ~15 min)"
    cargo install trunk --version "$TRUNK_VERSION" --locked
  fi
fi

if [ "$want_tools" = all ] || [ "$want_tools" = browser ]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    if [ "$(id -u)" = 0 ]; then
      log "installing Debian chromium + chromium-driver"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq
      apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
    else
      log "chromium missing and not root: run 'sudo apt-get install chromium chromium-driver'"
      exit 1
    fi
  fi
fi

if [ -f package-lock.json ]; then
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "installing npm devDependencies (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
fi
if [ -f npm/package-lock.json ]; then
  if [ ! -d npm/node_modules ] || [ npm/package-lock.json -nt npm/node_modules/.package-lock.json ]; then
    log "installing npm/ devDependencies (npm ci: twilio for the peer checks and benchmarks)"
    (cd npm && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
log "toolchain ready"
