#!/usr/bin/env bash
# Sets up whatever is missing (scripts/setup.sh) and runs every test:
#   1. cargo fmt --check and clippy -D warnings (core, CLI, web app)
#   2. native tests: the core's data-driven suite (one integration binary) and the web
#      app's state tests, plus doc tests
#   3. the npm package: build with wasm-bindgen, run Node's test runner on it (if present)
#   4. the web app end to end in headless Chromium (if present)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
bash scripts/setup.sh
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

step() { printf '\n\033[1;35m==> %s\033[0m\n' "$*"; }

step "format and lints"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings

step "native tests (core + CLI + web app state)"
cargo test --workspace

if [ -f scripts/npm-test.sh ]; then
  step "npm package (wasm) tests"
  bash scripts/npm-test.sh
fi

if [ -f scripts/e2e.sh ]; then
  step "web app end-to-end tests (headless Chromium)"
  bash scripts/e2e.sh
fi
step "all tests passed"
