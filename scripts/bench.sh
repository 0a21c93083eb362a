#!/usr/bin/env bash
# Benchmarks, side by side with twilio-node, in one run on this machine (not a test: nothing
# is judged on time). Prints:
#   1. Node: twilio-node's pipeline vs verifySignature / validateRequest / inspect (npm/bench/peer.mjs),
#      and the verify entry side by side with twilio-node and the full entry (npm/bench/verify.mjs),
#      and lintTwiml on a 10 KB voice document vs building it with twilio-node (npm/bench/twiml.mjs)
#   2. native Rust (criterion): inspect and verification per input vs the bare HMAC-SHA1 floor
#   3. sizes: the npm package's wasm and the web app's wasm, raw and gzipped
#   4. browser: paste → rendered report in headless Chromium (tests/e2e/bench/render.mjs)
# Usage: bash scripts/bench.sh            (QUICK=1 for shorter criterion runs)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
step() { printf '\n\033[1;35m==> %s\033[0m\n' "$*"; }

bash scripts/setup.sh
bash scripts/npm-build.sh
if [ ! -f npm/node_modules/.package-lock.json ] || [ npm/package-lock.json -nt npm/node_modules/.package-lock.json ]; then
  (cd npm && npm ci --no-audit --no-fund --loglevel=error)   # twilio-node: a benchmark/test dependency only
fi

step "Node $(node --version): ours vs twilio-node (medians of interleaved rounds)"
node npm/bench/peer.mjs

step "Node: the verify entry (twilio-webhook-inspector/verify) vs twilio-node and the full entry"
node npm/bench/verify.mjs

step "Node: lintTwiml on a 10 KB voice document vs building it with twilio-node (npm/bench/twiml.mjs)"
node npm/bench/twiml.mjs

step "native Rust (criterion), one core"
if [ -n "${QUICK:-}" ]; then
  cargo bench --bench native -- --warm-up-time 1 --measurement-time 2
else
  cargo bench --bench native
fi

step "native rows of issue 15, with their goals (from criterion's run above)"
python3 scripts/bench_goals.py

step "web app build (trunk, release)"
trunk build --release >/dev/null
# Size budgets (issue 15), gzip -9 bytes; "-" = no budget. Every row prints its goal and
# whether it is met; the exceeded ones are listed at the end of this step.
EXCEEDED=()
size_row() {
  local raw gz goal verdict
  raw=$(wc -c < "$2"); gz=$(gzip -9 -c "$2" | wc -c); goal=${3:--}
  if [ "$goal" = "-" ]; then verdict="-"
  elif [ "$gz" -le "$goal" ]; then verdict="met"
  else verdict="EXCEEDED by $((gz - goal))"; EXCEEDED+=("$1: $gz > $goal"); fi
  printf '| %s | %s | %s | %s | %s |\n' "$1" "$raw" "$gz" "$goal" "$verdict"
}
step "sizes (bytes)"
echo "| module | raw | gzip -9 | goal (gzip) | budget |"
echo "|---|---:|---:|---:|---|"
size_row "npm package wasm (pkg/web, loaded by both builds)" pkg/web/twilio_webhook_inspector_bg.wasm 204800
size_row "npm verify entry wasm, web (pkg/verify/verify.wasm)" pkg/verify/verify.wasm 40960
size_row "npm verify entry wasm, Node (pkg/verify/verify-node.wasm)" pkg/verify/verify-node.wasm
size_row "web app wasm (dist/)" "$(ls dist/*.wasm | head -n1)" 256000
if [ ${#EXCEEDED[@]} -gt 0 ]; then
  echo "Size budgets exceeded:"; printf '  - %s\n' "${EXCEEDED[@]}"
else
  echo "Every size budget is met."
fi

step "browser: paste → rendered report"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
python3 -m http.server --bind 127.0.0.1 --directory dist "$PORT" >/dev/null 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true' EXIT
sleep 1
E2E_BASE_URL="http://127.0.0.1:$PORT/" node tests/e2e/bench/render.mjs
