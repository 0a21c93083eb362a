// Shared by the tests and benchmarks: where things are, how to load the built package
// and the test vectors. The vectors are read from tests/data/ at run time (nothing is
// copied), so the JS suite cannot drift from the Rust suite.
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseToml } from "smol-toml";

export const NPM_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");
export const ROOT = join(NPM_DIR, "..");
export const PKG_DIR = join(ROOT, "pkg");
export const CRATE = "twilio_webhook_inspector";

const require = createRequire(import.meta.url);

/** The Node (CommonJS) build in pkg/node, through the package entry `index.js`. */
export function loadNodeBuild() {
  return require(join(PKG_DIR, "node", "index.js"));
}

/** Every line of a JSON Lines file under tests/data/. */
export function readJsonl(rel) {
  return readFileSync(join(ROOT, rel), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l));
}

/** Every `[[vector]]` of every tests/data/inspect/*.toml file, tagged with its file. */
export function inspectVectors() {
  const dir = join(ROOT, "tests/data/inspect");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".toml"))
    .sort()
    .flatMap((f) =>
      (parseToml(readFileSync(join(dir, f), "utf8")).vector ?? []).map((v) => ({ file: f, ...v })),
    );
}

/** The native CLI built by scripts/npm-test.sh (`cargo build --bin twilio-webhook-inspector`). */
export function cliPath() {
  return process.env.TWI_CLI ?? join(ROOT, "target/debug/twilio-webhook-inspector");
}

/** Runs the native CLI; returns its standard output. Never passes TWILIO_AUTH_TOKEN on. */
export function runCli(args, input) {
  const env = { ...process.env };
  delete env.TWILIO_AUTH_TOKEN;
  try {
    return execFileSync(cliPath(), args, { input, env, maxBuffer: 256 << 20, encoding: "utf8" });
  } catch (e) {
    // Exit code 1 means "the report has errors"; the output is still complete.
    if (e.status === 1 && typeof e.stdout === "string") return e.stdout;
    throw e;
  }
}

/** The wasm-bindgen module itself (no entry wrapper), to compare both verify paths. */
export function loadGlue() {
  return require(join(PKG_DIR, "node", `${CRATE}.js`));
}

/** Every `[[vector]]` of every tests/data/response/*.toml file, tagged with its file. */
export function responseVectors() {
  const dir = join(ROOT, "tests/data/response");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".toml"))
    .sort()
    .flatMap((f) =>
      (parseToml(readFileSync(join(dir, f), "utf8")).vector ?? []).map((v) => ({ file: f, ...v })),
    );
}

/** Express's `req.body` for decoded pairs: a repeated key becomes an array of its values. */
export function paramsObject(pairs) {
  const out = {};
  for (const [k, v] of pairs) {
    if (!Object.hasOwn(out, k)) out[k] = v;
    else if (Array.isArray(out[k])) out[k].push(v);
    else out[k] = [out[k], v];
  }
  return out;
}

/**
 * A seeded xorshift32 generator: `rand(n)` is a whole number in 0..n, the same sequence for
 * the same seed on every run (generated tests and tools/sigdiff).
 */
export function xorshift32(seed) {
  let x = seed >>> 0 || 1;
  return (n) => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x % n;
  };
}
