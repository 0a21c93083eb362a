#!/usr/bin/env bash
# End-to-end tests of the web app in headless Chromium (Debian chromium + playwright-core).
#   bash scripts/e2e.sh               # setup, release build into dist/, serve, node --test tests/e2e/*.test.mjs
#   E2E_SKIP_BUILD=1 bash scripts/e2e.sh   # reuse the existing dist/
# Serves dist/ with a tiny static server on a free 127.0.0.1 port, runs the tests with Node's
# test runner (its summary line ends the output), stops the server, exits with the tests' status.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
log() { printf '\033[1;34m[e2e]\033[0m %s\n' "$*" >&2; }

if [ -z "${E2E_SKIP_BUILD:-}" ]; then
  bash scripts/setup.sh
  cargo fetch --quiet
  log "trunk build --release"
  trunk build --release
fi
[ -f dist/index.html ] || { log "dist/index.html missing: build first"; exit 1; }
for f in embed.html embed.js embed-demo.html; do
  [ -f "dist/$f" ] || { log "dist/$f missing: the embeds' post-build hook (scripts/embed-hook.sh) did not run"; exit 1; }
done

WASM=$(ls dist/*.wasm | head -n1)
log "wasm: $(wc -c < "$WASM") bytes, $(gzip -9 -c "$WASM" | wc -c) gzipped"

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
python3 -m http.server --bind 127.0.0.1 --directory dist "$PORT" >/tmp/e2e-httpd.$$.log 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  if python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/')" 2>/dev/null; then break; fi
  sleep 0.1
done
log "serving dist/ on http://127.0.0.1:$PORT (pid $SERVER)"

set +e
E2E_BASE_URL="http://127.0.0.1:$PORT/" bash scripts/node-test.sh tests/e2e --test-concurrency=1
STATUS=$?
set -e
exit $STATUS
