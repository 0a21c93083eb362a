#!/usr/bin/env bash
# Sets up whatever is missing (scripts/setup.sh) and runs every test. Every step is
# mandatory: a missing script, an empty test directory or zero tests run is a failure.
#   1. cargo fmt --check and clippy -D warnings (core, CLI, web app)
#   2. generated files are fresh: npm/types.d.ts against the Rust types (ts-rs); the
#      catalog table against data/catalog.json is checked in step 3
#      (catalog::table_rs_is_generated)
#   3. native tests: the core's data-driven suite (one integration binary) and the web
#      app's state tests, plus doc tests
#   4. the fuzz crate compiles (cargo check on stable; fuzzing itself needs nightly)
#   5. the npm package: build with wasm-bindgen, run Node's test runner on it
#   6. the web app end to end in headless Chromium
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
bash scripts/setup.sh
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

step() { printf '\n\033[1;35m==> %s\033[0m\n' "$*"; }

step "format and lints"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings
# The web app's components only compile for the browser: lint them there too.
cargo clippy -p www --target wasm32-unknown-unknown -- -D warnings

step "generated files are fresh (npm/types.d.ts)"
cargo test --quiet --lib --no-default-features --features ts wasm::ts_export

step "native tests (core + CLI + web app state)"
cargo test --workspace

step "fuzz targets compile (stable, cargo check)"
cargo check --manifest-path fuzz/Cargo.toml

step "npm package (wasm) tests"
bash scripts/npm-test.sh

step "web app end-to-end tests (headless Chromium)"
bash scripts/e2e.sh

step "all tests passed"
