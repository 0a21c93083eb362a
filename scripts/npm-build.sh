#!/usr/bin/env bash
# Builds the npm package into pkg/:
#   pkg/node/  wasm-bindgen --target nodejs (CommonJS, loads the wasm synchronously)
#   pkg/web/   wasm-bindgen --target web    (ES module with `init()`, for browsers and bundlers)
#              and the one wasm module both builds load
#   pkg/verify/ the verify-only entry: verify-wasm/ built without wasm-bindgen (a size-
#              tuned verify.wasm for the web, a speed-tuned verify-node.wasm for Node), a
#              CommonJS build for Node and an ES module for the rest
#   pkg/package.json, README.md, LICENSE
# Steps: check npm/types.d.ts against the Rust types (ts-rs), build the core for
# wasm32 with the size profile, run wasm-bindgen, shrink with wasm-opt -Oz (npm binaryen
# 132, default feature detection), print the gzipped sizes. Idempotent: wasm-opt is
# skipped when its input did not change.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

log() { printf '\033[1;34m[npm-build]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[npm-build]\033[0m %s\n' "$*" >&2; exit 1; }

CRATE=twilio_webhook_inspector
NAME=twilio-webhook-inspector
VERSION=$(cargo metadata --no-deps --format-version 1 \
  | node -e 'const m=JSON.parse(require("fs").readFileSync(0,"utf8"));console.log(m.packages.find(p=>p.name==="'$NAME'").version)')
BINDGEN_WANT=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
BINARYEN_VERSION=132.0.0

# --- tools ---------------------------------------------------------------------------
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
if ! command -v wasm-bindgen >/dev/null || [ "$(wasm-bindgen --version | awk '{print $2}')" != "$BINDGEN_WANT" ]; then
  log "installing wasm-bindgen-cli $BINDGEN_WANT (cold: ~7 min)"
  # no --locked: its lockfile pins a webpki-roots version the registry lacks
  cargo install wasm-bindgen-cli --version "=$BINDGEN_WANT"
fi
# wasm-opt: npm binaryen 132 (never Debian's binaryen: it corrupts wasm-bindgen output).
# The root package.json pins it; until then (or without a root npm ci) fall back to a
# private install under target/.
WASM_OPT=""
if [ -x "$ROOT/node_modules/.bin/wasm-opt" ]; then
  WASM_OPT="$ROOT/node_modules/.bin/wasm-opt"
elif [ -f package.json ] && grep -q '"binaryen"' package.json; then
  log "installing root npm devDependencies (npm ci) for binaryen"
  npm ci --no-audit --no-fund --loglevel=error
  WASM_OPT="$ROOT/node_modules/.bin/wasm-opt"
else
  TOOLS="$ROOT/target/npm-tools"
  if [ ! -x "$TOOLS/node_modules/.bin/wasm-opt" ]; then
    log "installing binaryen@$BINARYEN_VERSION into target/npm-tools"
    mkdir -p "$TOOLS"
    npm install --prefix "$TOOLS" --no-save --no-audit --no-fund --loglevel=error "binaryen@$BINARYEN_VERSION"
  fi
  WASM_OPT="$TOOLS/node_modules/.bin/wasm-opt"
fi
"$WASM_OPT" --version | grep -q "version ${BINARYEN_VERSION%%.*}" \
  || die "wasm-opt is not binaryen ${BINARYEN_VERSION%%.*}: $("$WASM_OPT" --version)"

# --- TypeScript declarations from the Rust types --------------------------------------
# Checked, never written: the build fails when the committed npm/types.d.ts is not what
# ts-rs generates from the Rust types. A developer updates it explicitly with
#   UPDATE_TYPES=1 cargo test --lib --no-default-features --features ts wasm::ts_export
log "checking npm/types.d.ts against the Rust types (ts-rs)"
cargo test --quiet --lib --no-default-features --features ts wasm::ts_export >/dev/null \
  || die "npm/types.d.ts is stale: run UPDATE_TYPES=1 cargo test --lib --no-default-features --features ts wasm::ts_export"

# --- wasm ----------------------------------------------------------------------------
log "cargo build (wasm32, profile wasm-release)"
# strip = "debuginfo" instead of the profile's `true`: a full strip drops the
# target_features section, and without it wasm-bindgen and wasm-opt cannot tell which
# wasm features (bulk-memory, sign-ext, ...) the module uses (wasm-opt then rejects it).
# wasm-opt removes the names afterwards anyway.
# opt-level 3 instead of the profile's "z", for speed: measured 2026-12-07 (after wasm-opt
# -Oz, gzip -9), "z" makes the module 26% smaller (503,910 B vs 679,183 B) but `inspect`
# 3x slower (0.03x vs 0.10x twilio-node) and `verifySignature` 2.7x slower in Node
# (docs/performance.md). Build with CARGO_PROFILE_WASM_RELEASE_OPT_LEVEL=z to trade back.
export CARGO_PROFILE_WASM_RELEASE_OPT_LEVEL=${CARGO_PROFILE_WASM_RELEASE_OPT_LEVEL:-3}
CARGO_PROFILE_WASM_RELEASE_STRIP=debuginfo cargo build --quiet --profile wasm-release --target wasm32-unknown-unknown --lib \
  --no-default-features --features wasm
RAW="target/wasm32-unknown-unknown/wasm-release/$CRATE.wasm"

STAMPS="target/npm-build"
mkdir -p "$STAMPS" pkg
for t in node web; do
  case $t in node) target=nodejs ;; web) target=web ;; esac
  out="target/npm-build/$t"
  rm -rf "$out" "pkg/$t"
  wasm-bindgen --target "$target" --out-dir "$out" --out-name "$CRATE" "$RAW"
  mkdir -p "pkg/$t"
  cp -R "$out"/. "pkg/$t/"
  # The raw exports' declarations: no entry's declarations refer to them.
  rm -f "pkg/$t/${CRATE}_bg.wasm.d.ts" "pkg/$t/${CRATE}_bg.wasm"
done
# One wasm file for both builds: wasm-bindgen emits the same module for --target nodejs
# and --target web (same imports, same exports; checked here byte for byte), so it is
# optimised once and shipped once, in web/ (where bundlers look for it, next to the ES
# glue); the CommonJS glue reads it from there. That one path is the only change to the
# generated glue.
cmp -s "target/npm-build/node/${CRATE}_bg.wasm" "target/npm-build/web/${CRATE}_bg.wasm" \
  || die "the nodejs and web builds' wasm differ: they can no longer share one file"
bg="target/npm-build/web/${CRATE}_bg.wasm"
sum=$(sha256sum "$bg" | cut -d' ' -f1)
if [ "$(cat "$STAMPS/full.sha256" 2>/dev/null)" != "$sum" ] || [ ! -f "$STAMPS/full.opt.wasm" ]; then
  log "wasm-opt -Oz (the full package's module)"
  "$WASM_OPT" -Oz "$bg" -o "$STAMPS/full.opt.wasm"
  echo "$sum" >"$STAMPS/full.sha256"
fi
cp "$STAMPS/full.opt.wasm" "pkg/web/${CRATE}_bg.wasm"
NODE_GLUE="pkg/node/$CRATE.js"
grep -q "^const wasmPath = \`\${__dirname}/${CRATE}_bg.wasm\`;$" "$NODE_GLUE" \
  || die "$NODE_GLUE no longer reads its wasm as expected; update the shared-wasm step"
sed -i "s|^const wasmPath = \`\${__dirname}/${CRATE}_bg.wasm\`;$|const wasmPath = require('path').join(__dirname, '..', 'web', '${CRATE}_bg.wasm');|" "$NODE_GLUE"
# --- entry points ---------------------------------------------------------------------
# index.js re-exports the wasm-bindgen module unchanged, except that verifySignature gets
# the fast path of npm/shim/fast-verify.js. The generated glue is not edited (but for the
# shared wasm path above); the
# declarations are the generated ones (same names, same signatures).
NAMES=$(node -e 'console.log(Object.keys(require(process.argv[1])).filter(n=>!n.startsWith("__")).join(" "))' "$ROOT/pkg/node/$CRATE.js")
{
  echo '"use strict";'
  echo "// Generated by scripts/npm-build.sh from npm/shim/fast-verify.js. Do not edit."
  echo "const glue = require(\"./$CRATE.js\");"
  cat npm/shim/fast-verify.js
  for n in $NAMES; do
    [ "$n" = verifySignature ] || [ "$n" = validateRequest ] || echo "exports.$n = glue.$n;"
  done
  echo "exports.verifySignature = fastVerify(glue);"
  echo "exports.validateRequest = fastValidate(glue);"
} >pkg/node/index.js
printf 'export * from "./%s.js";\n' "$CRATE" >pkg/node/index.d.ts
{
  echo "// Generated by scripts/npm-build.sh from npm/shim/fast-verify.js. Do not edit."
  echo "import * as glue from \"./$CRATE.js\";"
  echo "export * from \"./$CRATE.js\";"
  echo "export { default } from \"./$CRATE.js\";"
  cat npm/shim/fast-verify.js
  echo "export const verifySignature = fastVerify(glue);"
  echo "export const validateRequest = fastValidate(glue);"
} >pkg/web/index.js
printf 'export * from "./%s.js";\nexport { default } from "./%s.js";\n' "$CRATE" "$CRATE" >pkg/web/index.d.ts

# --- the verify entry (twilio-webhook-inspector/verify) ---------------------------------
# verify-wasm/ is a cdylib of the core's signature checks only (no catalog, no doctor, no
# inspect), without wasm-bindgen: a module with no imports, loaded by the hand-written JS
# of npm/shim/verify-*.js. Built twice from the same source:
#   verify.wasm       profile wasm-verify (opt-level "z"): the portable module of the web
#                     build (browsers, workers), where size counts
#   verify-node.wasm  profile wasm-release (opt-level 3, as the full package): the Node
#                     build's, where speed counts (~1.4x faster, ~8 KB more gzipped)
rm -rf pkg/verify
mkdir -p pkg/verify
for v in verify verify-node; do
  case $v in verify) profile=wasm-verify ;; verify-node) profile=wasm-release ;; esac
  log "cargo build verify-wasm (wasm32, profile $profile)"
  CARGO_PROFILE_WASM_RELEASE_STRIP=debuginfo cargo build --quiet --profile "$profile" --target wasm32-unknown-unknown \
    -p twilio-webhook-verify-wasm
  raw="target/wasm32-unknown-unknown/$profile/twilio_webhook_verify.wasm"
  vsum=$(sha256sum "$raw" | cut -d' ' -f1)
  if [ "$(cat "$STAMPS/$v.sha256" 2>/dev/null)" != "$vsum" ] || [ ! -f "$STAMPS/$v.opt.wasm" ]; then
    log "wasm-opt -Oz ($v)"
    "$WASM_OPT" -Oz --converge --strip-producers --strip-target-features "$raw" -o "$STAMPS/$v.opt.wasm"
    echo "$vsum" >"$STAMPS/$v.sha256"
  fi
  cp "$STAMPS/$v.opt.wasm" "pkg/verify/$v.wasm"
done
# The JS ships without its comment lines (they are in npm/shim/).
{
  echo '"use strict";'
  echo "// Generated by scripts/npm-build.sh from npm/shim/verify-{core,middleware,node}.js. Do not edit."
  echo 'const { readFileSync } = require("node:fs");'
  echo 'const { join } = require("node:path");'
  echo 'const { createHash, hash } = require("node:crypto");'
  cat npm/shim/verify-core.js npm/shim/verify-middleware.js npm/shim/verify-node.js | sed -E '/^ *\/\/ /d'
} >pkg/verify/index.js
{
  echo "// Generated by scripts/npm-build.sh from npm/shim/verify-{core,middleware,web}.js. Do not edit."
  cat npm/shim/verify-core.js npm/shim/verify-middleware.js npm/shim/verify-web.js | sed -E '/^ *\/\/ /d'
} >pkg/verify/web.mjs
cp npm/shim/verify.d.ts pkg/verify/index.d.ts
{
  cat npm/shim/verify.d.ts
  cat <<'TS'

/** What `init` and `initSync` accept: the module, its bytes, or where to fetch it. */
export type VerifyModuleInput = WebAssembly.Module | BufferSource | Response | Request | URL | string;

/**
 * Instantiates verify.wasm (by default fetched next to this file); the functions above
 * are usable once it resolves. Calling it again does nothing.
 */
export default function init(input?: VerifyModuleInput | Promise<VerifyModuleInput> | { module_or_path: VerifyModuleInput }): Promise<void>;

/** `init` without waiting: from a compiled module (Cloudflare Workers) or the bytes. */
export function initSync(input: WebAssembly.Module | BufferSource | { module: WebAssembly.Module | BufferSource }): void;
TS
} >pkg/verify/web.d.mts

# --- package files -------------------------------------------------------------------
# The web build is ES module code in a "type": "commonjs" package: say so for its folder.
printf '{ "type": "module" }\n' >pkg/web/package.json
cp npm/README.md pkg/README.md
cp npm/LICENSE pkg/LICENSE
node - "$VERSION" "$CRATE" >pkg/package.json <<'JS'
const [version, crate] = process.argv.slice(2);
const node = "./node/index", web = "./web/index";
// Node (require and import) gets the CommonJS build: it loads the wasm synchronously and
// Node's ESM loader finds its named exports (`exports.inspect = ...`). Everything else
// (browsers, bundlers, Deno, workers) gets the ES module build, which needs `await init()`.
const nodeEntry = { types: `${node}.d.ts`, default: `${node}.js` };
const webEntry = { types: `${web}.d.ts`, default: `${web}.js` };
const verifyWeb = { types: "./verify/web.d.mts", default: "./verify/web.mjs" };
const pkg = {
  name: "twilio-webhook-inspector",
  version,
  description:
    "Decode, label, check and verify Twilio webhooks (X-Twilio-Signature) in Node, bundlers and browsers: the WebAssembly build of the Rust core.",
  license: "MIT OR Apache-2.0",
  keywords: ["twilio", "webhook", "x-twilio-signature", "signature", "validation", "wasm"],
  type: "commonjs",
  main: `${node}.js`,
  module: `${web}.js`,
  browser: `${web}.js`,
  types: `${node}.d.ts`,
  exports: {
    ".": {
      node: { types: `${node}.d.ts`, import: `${node}.js`, require: `${node}.js` },
      browser: webEntry,
      import: webEntry,
      require: nodeEntry,
      default: webEntry,
    },
    // The verify entry: Node gets the CommonJS build (sync, node:crypto for large hashes);
    // Workers, browsers, bundlers and anything else the ES module build, which needs init().
    "./verify": {
      workerd: verifyWeb,
      worker: verifyWeb,
      browser: verifyWeb,
      node: { types: "./verify/index.d.ts", default: "./verify/index.js" },
      default: verifyWeb,
    },
    "./verify/web": verifyWeb,
    "./verify/verify.wasm": "./verify/verify.wasm",
    "./node": nodeEntry,
    "./web": webEntry,
    [`./web/${crate}_bg.wasm`]: `./web/${crate}_bg.wasm`,
    "./package.json": "./package.json",
  },
  files: ["node/", "web/", "verify/", "README.md", "LICENSE"],
  sideEffects: false,
  engines: { node: ">=18" },
};
process.stdout.write(JSON.stringify(pkg, null, 2) + "\n");
JS

# --- sizes ---------------------------------------------------------------------------
f="pkg/web/${CRATE}_bg.wasm"
printf '%-6s %s: %7d bytes, %7d bytes gzipped (-9)\n' "full" "$f" "$(wc -c <"$f")" "$(gzip -9 -c "$f" | wc -c)"
for f in pkg/verify/verify.wasm pkg/verify/verify-node.wasm pkg/verify/index.js pkg/verify/web.mjs; do
  printf '%-6s %s: %7d bytes, %7d bytes gzipped (-9)\n' verify "$f" "$(wc -c <"$f")" "$(gzip -9 -c "$f" | wc -c)"
done
log "built pkg/ ($NAME $VERSION)"
