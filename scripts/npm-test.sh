#!/usr/bin/env bash
# Builds the npm package (scripts/npm-build.sh) and tests it with Node's own test runner:
#   npm/test/signature.test.mjs  every signature vector through validateRequest,
#                                validateRequestWithBody and verifySignature
#   npm/test/inspect.test.mjs    every inspect vector: wasm report == native CLI report
#   npm/test/errors.test.mjs     wrong argument types become Errors with a message
#   npm/test/package.test.mjs    npm pack + install into a blank project; require, import,
#                                the web build, the verify entry, the exact file list, and
#                                tsc --strict over the declarations
#   npm/test/verify-entry.test.mjs   the verify entry (Node and web builds): every vector and
#                                rule case, equal to the full entry; drop-ins; errors
#   npm/test/verify-cache.test.mjs   what the verify entry keeps between calls (encoded
#                                arguments, HMAC key states) changes no answer
#   npm/test/verify-browser.test.mjs the verify entry's web build in headless Chromium
#   npm/test/middleware.test.mjs real Express and Fastify servers, requests signed by the
#                                official twilio library
# Idempotent: npm ci in npm/ only when its lockfile changed; wasm-opt only when needed.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
log() { printf '\033[1;34m[npm-test]\033[0m %s\n' "$*" >&2; }

bash scripts/npm-build.sh

if [ ! -f npm/node_modules/.package-lock.json ] || [ npm/package-lock.json -nt npm/node_modules/.package-lock.json ]; then
  log "installing npm/ devDependencies (npm ci)"
  (cd npm && npm ci --no-audit --no-fund --loglevel=error)
fi

log "building the native CLI (the reference the wasm reports are compared with)"
cargo build --quiet --bin twilio-webhook-inspector
export TWI_CLI="$ROOT/target/debug/twilio-webhook-inspector"

log "node --test npm/test/*.test.mjs"
bash scripts/node-test.sh npm/test
