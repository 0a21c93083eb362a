#!/usr/bin/env bash
# Builds and serves the web app at http://127.0.0.1:8080 (release build, size profile).
#   bash scripts/serve.sh            # setup (skips what is installed), cargo fetch, trunk serve
#   PORT=9000 bash scripts/serve.sh  # another port
# Everything is offline after setup: trunk never downloads (Trunk.toml: offline = true) and
# uses wasm-bindgen from ~/.cargo/bin and wasm-opt from npm binaryen (node_modules/.bin).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

bash scripts/setup.sh
cargo fetch --quiet
exec trunk serve --release --address 127.0.0.1 --port "${PORT:-8080}"
