// The package as a user gets it: `npm pack` pkg/, install the tarball into a blank
// project (offline: the package has no dependencies), then use it from CommonJS
// (`require`), from an ES module (`import`), through the web build in Node (`initSync`),
// and type-check usage files with `tsc --strict` under Node and bundler resolution.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { NPM_DIR, PKG_DIR } from "../lib/helpers.mjs";

const INPUT = "CallSid=CA0123456789abcdef0123456789abcdef&From=%2B14155550100";
let dir;

function run(cmd, args, opts = {}) {
  return execFileSync(cmd, args, { cwd: dir, encoding: "utf8", stdio: ["pipe", "pipe", "pipe"], ...opts });
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), "twi-blank-"));
  const out = run("npm", ["pack", PKG_DIR, "--pack-destination", dir, "--json", "--loglevel=error"]);
  const tarball = JSON.parse(out)[0].filename;
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "blank", private: true }));
  run("npm", ["install", "--offline", "--no-audit", "--no-fund", "--loglevel=error", join(dir, tarball)]);
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("the tarball holds both builds, the README and the LICENSE", () => {
  const root = join(dir, "node_modules", "twilio-webhook-inspector");
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  for (const f of [pkg.main, pkg.module, pkg.types, "README.md", "LICENSE", "web/twilio_webhook_inspector_bg.wasm"]) {
    assert.ok(readFileSync(join(root, f)).length > 0, f);
  }
});

test("the package ships only what runs: the entries, one wasm for both builds, declarations, README, LICENSE", () => {
  const out = run("npm", ["pack", PKG_DIR, "--dry-run", "--json", "--loglevel=error"]);
  const files = JSON.parse(out)[0].files.map((f) => f.path).sort();
  const crate = "twilio_webhook_inspector";
  const expected = [
    "LICENSE",
    "README.md",
    "package.json",
    "node/index.d.ts",
    "node/index.js",
    `node/${crate}.d.ts`,
    `node/${crate}.js`,
    "verify/index.d.ts",
    "verify/index.js",
    "verify/verify-node.wasm",
    "verify/verify.wasm",
    "verify/web.d.mts",
    "verify/web.mjs",
    "web/index.d.ts",
    "web/index.js",
    "web/package.json",
    `web/${crate}.d.ts`,
    `web/${crate}.js`,
    `web/${crate}_bg.wasm`,
  ].sort();
  assert.deepEqual(files, expected);
});

test("the verify entry: require(), import, and the web build after initSync", () => {
  const vector = {
    token: "12345",
    url: "https://mycompany.com/myapp.php?foo=1&bar=2",
    body: "CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1234&From=%2B14158675309&To=%2B18005551212",
    signature: "RSOYDt4T1cUTdK1PDd93/VVr8B8=",
  };
  const args = JSON.stringify([vector.token, vector.signature, vector.url, vector.body]);
  const cjs = `
    const v = require("twilio-webhook-inspector/verify");
    const r = v.verifySignature(...${args});
    process.stdout.write(JSON.stringify({ valid: r.valid, resolved: require.resolve("twilio-webhook-inspector/verify"), fns: Object.keys(v).sort() }));
  `;
  const a = JSON.parse(run(process.execPath, ["-e", cjs]));
  assert.equal(a.valid, true);
  assert.match(a.resolved, /verify[\\/]index\.js$/);
  assert.deepEqual(a.fns, [
    "fastifyRawBody", "fastifyWebhook", "getExpectedBodyHash", "getExpectedTwilioSignature", "keepRawBody",
    "requestVerifier", "validateBody", "validateRequest", "validateRequestWithBody", "verifyFetchRequest",
    "verifySignature", "webhook",
  ]);
  const esm = `
    import { verifySignature, webhook } from "twilio-webhook-inspector/verify";
    process.stdout.write(JSON.stringify({ valid: verifySignature(...${args}).valid, webhook: typeof webhook }));
  `;
  assert.deepEqual(JSON.parse(run(process.execPath, ["--input-type=module", "-e", esm])), { valid: true, webhook: "function" });
  const web = `
    import { readFileSync } from "node:fs";
    import { createRequire } from "node:module";
    import init, { initSync, verifySignature } from "twilio-webhook-inspector/verify/web";
    const require = createRequire(import.meta.url);
    initSync({ module: readFileSync(require.resolve("twilio-webhook-inspector/verify/verify.wasm")) });
    process.stdout.write(JSON.stringify({ valid: verifySignature(...${args}).valid, init: typeof init }));
  `;
  assert.deepEqual(JSON.parse(run(process.execPath, ["--input-type=module", "-e", web])), { valid: true, init: "function" });
});

test("require() from CommonJS", () => {
  const code = `
    const twi = require("twilio-webhook-inspector");
    const r = twi.inspect(${JSON.stringify(INPUT)});
    process.stdout.write(JSON.stringify({ tool: r.toolVersion, v: twi.version(), fns: Object.keys(twi).sort() }));
  `;
  const res = JSON.parse(run(process.execPath, ["-e", code]));
  assert.equal(res.tool, res.v);
  assert.ok(res.fns.includes("inspect"));
});

test("import from an ES module", () => {
  const code = `
    import { inspect, version } from "twilio-webhook-inspector";
    import * as all from "twilio-webhook-inspector";
    const r = inspect(${JSON.stringify(INPUT)});
    process.stdout.write(JSON.stringify({ tool: r.toolVersion, v: version(), same: all.inspect === inspect }));
  `;
  const res = JSON.parse(run(process.execPath, ["--input-type=module", "-e", code]));
  assert.equal(res.tool, res.v);
  assert.equal(res.same, true);
});

test("the web build (what browsers and bundlers get) works after initSync", () => {
  const code = `
    import { readFileSync } from "node:fs";
    import { createRequire } from "node:module";
    import init, { initSync, inspect } from "twilio-webhook-inspector/web";
    const require = createRequire(import.meta.url);
    const wasm = readFileSync(require.resolve("twilio-webhook-inspector/web/twilio_webhook_inspector_bg.wasm"));
    initSync({ module: wasm });
    const r = inspect(${JSON.stringify(INPUT)});
    process.stdout.write(JSON.stringify({ kind: typeof r.kind.id, init: typeof init }));
  `;
  const res = JSON.parse(run(process.execPath, ["--input-type=module", "-e", code]));
  assert.deepEqual(res, { kind: "string", init: "function" });
});

test("tsc --strict accepts the usage files (node16 and bundler resolution)", () => {
  cpSync(join(NPM_DIR, "types-usage"), dir, { recursive: true });
  const tsc = join(NPM_DIR, "node_modules", "typescript", "bin", "tsc");
  for (const cfg of ["tsconfig.node.json", "tsconfig.web.json"]) {
    try {
      run(process.execPath, [tsc, "-p", cfg]);
    } catch (e) {
      assert.fail(`tsc -p ${cfg}:\n${e.stdout}${e.stderr}`);
    }
  }
});
