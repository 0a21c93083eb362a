// The verify-only entry (`twilio-webhook-inspector/verify`, pkg/verify/): every signature
// vector and every rule case through its Node build (verify-node.wasm; node:crypto hashes
// bodySHA256 bodies) and its web build (verify.wasm, which hashes itself), each compared with the
// vectors' expectations AND with the full entry on the same arguments; the drop-in
// functions against twilio-node; argument errors with the full entry's messages; and the
// module's contents (no catalog, no doctor, no imports).
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { before, describe, test } from "node:test";

import { PKG_DIR, ROOT, loadNodeBuild, paramsObject, readJsonl } from "../lib/helpers.mjs";

const require = createRequire(import.meta.url);
const full = loadNodeBuild();
const node = require(join(PKG_DIR, "verify", "index.js"));
const twilio = require("twilio");
const sha1 = readJsonl("tests/data/signature/signature-vectors.jsonl");
const sha256 = readJsonl("tests/data/signature/signature-vectors-sha256.jsonl");
const differential = readJsonl("tests/data/signature/differential.jsonl");
const realVectors = readJsonl("tests/data/signature/real-vectors.jsonl");
const { cases: ruleCases } = JSON.parse(readFileSync(join(ROOT, "tests/data/signature/rule-cases.json"), "utf8"));
const WASM = join(PKG_DIR, "verify", "verify.wasm");

let web;
before(async () => {
  web = await import(pathToFileURL(join(PKG_DIR, "verify", "web.mjs")).href);
  web.initSync({ module: readFileSync(WASM) });
});

const acceptable = (v) => Boolean(v.node_valid || v.python_valid);
const isJson = (v) => v.content_type.startsWith("application/json");
const builds = () => [
  ["node", node],
  ["web", web],
];

describe("verify entry: verifySignature on every vector equals the expectation and the full entry", () => {
  for (const v of [...sha1, ...sha256]) {
    test(`${v.id}: ${acceptable(v) ? "acceptable" : "rejected"}`, () => {
      const options = { contentType: v.content_type, method: v.method, signatureSettings: v.signature_settings };
      const expected = full.verifySignature(v.auth_token, v.signature, v.url, v.body, options);
      assert.equal(expected.valid, acceptable(v), v.note);
      for (const [name, entry] of builds()) {
        for (const body of [v.body, Buffer.from(v.body, "utf8")]) {
          assert.deepEqual(entry.verifySignature(v.auth_token, v.signature, v.url, body, options), expected, `${name}: ${v.note}`);
        }
        const two = entry.verifySignature(["0".repeat(32), v.auth_token], v.signature, v.url, v.body, options);
        assert.deepEqual(two, full.verifySignature(["0".repeat(32), v.auth_token], v.signature, v.url, v.body, options), name);
      }
    });
  }
});

test("verify entry: the generated differential vectors (tools/sigdiff) through both builds", () => {
  const wrong = [];
  for (const v of differential) {
    const want = acceptable(v);
    const options = { contentType: v.content_type, method: v.method, signatureSettings: v.signature_settings };
    for (const [name, entry] of builds()) {
      const verdict = entry.verifySignature(v.auth_token, v.signature, v.url, Buffer.from(v.body, "utf8"), options).valid;
      // The drop-ins check twilio-node's HMAC-SHA1 only; SharedKey rows go to verifySignature.
      const dropIn =
        v.signature_settings !== undefined
          ? want
          : isJson(v)
            ? entry.validateRequestWithBody(v.auth_token, v.signature, v.url, v.body)
            : entry.validateRequest(v.auth_token, v.signature, v.url, paramsObject(v.params));
      if (verdict !== want || dropIn !== want) wrong.push(`${name} ${v.id}: verifySignature ${verdict}, drop-in ${dropIn}, want ${want} (${v.note})`);
    }
  }
  assert.deepEqual(wrong, []);
});

test("verify entry: the public-source vectors (official libraries' own tests, real captures) through both builds and the full entry", () => {
  // tests/data/signature/real-vectors.jsonl: every row carries the verdicts of the real
  // twilio-node 6.2.0 and twilio-python 9.13.0 (tools/realvec); acceptable = either accepts.
  const wrong = [];
  let accepted = 0;
  for (const v of realVectors) {
    const want = Boolean(v.node_6_2_0 || v.python_9_13_0);
    accepted += want;
    const options = { contentType: v.content_type, method: v.method };
    const fullVerdict = full.verifySignature(v.auth_token, v.signature, v.url, v.body, options).valid;
    if (fullVerdict !== want) wrong.push(`full ${v.id}: verifySignature ${fullVerdict}, want ${want}`);
    for (const [name, entry] of builds()) {
      const verdict = entry.verifySignature(v.auth_token, v.signature, v.url, Buffer.from(v.body, "utf8"), options).valid;
      const dropIn = isJson(v)
        ? entry.validateRequestWithBody(v.auth_token, v.signature, v.url, v.body)
        : entry.validateRequest(v.auth_token, v.signature, v.url, paramsObject(v.params));
      if (verdict !== want || dropIn !== want) wrong.push(`${name} ${v.id}: verifySignature ${verdict}, drop-in ${dropIn}, want ${want}`);
    }
  }
  assert.deepEqual(wrong, []);
  // Both outcomes are exercised (52 of 70 rows are accepted by a real library today).
  assert.ok(accepted > 40 && realVectors.length - accepted > 10, `${accepted} of ${realVectors.length} accepted`);
});

describe("verify entry: the drop-in functions on every vector", () => {
  for (const v of sha1) {
    test(v.id, () => {
      const want = acceptable(v);
      for (const [name, entry] of builds()) {
        if (isJson(v)) {
          assert.equal(entry.validateRequestWithBody(v.auth_token, v.signature, v.url, v.body), want, `${name}: ${v.note}`);
          assert.equal(entry.validateRequestWithBody(v.auth_token, v.signature, v.url, Buffer.from(v.body)), want, name);
        } else {
          const params = paramsObject(v.params);
          assert.equal(entry.validateRequest(v.auth_token, v.signature, v.url, params), want, `${name}: ${v.note}`);
          assert.equal(entry.getExpectedTwilioSignature(v.auth_token, v.url, params), full.getExpectedTwilioSignature(v.auth_token, v.url, params), name);
        }
      }
    });
  }
});

describe("verify entry: the core's rule for what is signed (rule-cases.json)", () => {
  assert.ok(ruleCases.length >= 10);
  for (const c of ruleCases) {
    test(`${c.id}: ${c.valid ? "valid" : "invalid"} (${c.mode})`, () => {
      const options = { method: c.method ?? undefined, contentType: c.content_type ?? undefined };
      for (const [name, entry] of builds()) {
        const r = entry.verifySignature(c.token, c.signature, c.url, c.body, options);
        assert.equal(r.valid, c.valid, `${name}: ${c.note}`);
        assert.deepEqual(r, full.verifySignature(c.token, c.signature, c.url, c.body, options), name);
      }
    });
  }
});

test("verify entry: JSON bodies of many sizes — valid, tampered, wrong hash, several tokens", () => {
  const token = "0123456789abcdef0123456789abcdef";
  for (const size of [100, 511, 512, 2048, 70000]) {
    const body = JSON.stringify({ data: randomBytes(size).toString("base64").slice(0, size), unicode: "é😀" });
    for (const base of ["https://example.com/hook", "https://Example.com:8443/a%20b/hook?x=1", "https://example.com/hook?x=1&x=2"]) {
      const hash = createHash("sha256").update(body).digest("hex");
      const url = `${base}${base.includes("?") ? "&" : "?"}bodySHA256=${hash}`;
      const sig = twilio.getExpectedTwilioSignature(token, url, {});
      const json = { contentType: "application/json" };
      const cases = [
        [body, sig, true],
        [`${body} `, sig, false],
        [body, twilio.getExpectedTwilioSignature(token, url.replace(hash, "0".repeat(64)), {}), false],
      ];
      for (const [b, s, want] of cases) {
        const expected = full.verifySignature(token, s, url, b, json);
        assert.equal(expected.valid, want, `${size} ${base}`);
        assert.equal(twilio.validateRequestWithBody(token, s, url, b), want);
        for (const [name, entry] of builds()) {
          assert.deepEqual(entry.verifySignature(token, s, url, b, json), expected, `${name} ${size} ${base}`);
          assert.deepEqual(entry.verifySignature(token, s, url, Buffer.from(b), json), expected, name);
          assert.deepEqual(entry.verifySignature(["x", token], s, url, b, json), full.verifySignature(["x", token], s, url, b, json), name);
          assert.equal(entry.validateRequestWithBody(token, s, url, b), want, name);
        }
      }
      for (const [, entry] of builds()) {
        assert.equal(entry.getExpectedBodyHash(body), hash);
        assert.equal(entry.getExpectedBodyHash(Buffer.from(body)), hash);
        assert.equal(entry.validateBody(body, hash), true);
        assert.equal(entry.validateBody(body, hash.toUpperCase()), false);
      }
    }
  }
});

// The Node build answers `true` from JS when the URL as received matches (its fast path);
// everything else goes to the module. Generated requests, signed over each of
// twilio-node's candidates or not at all, must get twilio-node's answer from both builds.
test("verify entry: the Node build's as-received fast path equals twilio-node and the web build", () => {
  let seed = 0x2545f491;
  const rand = (n) => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) % n;
  };
  const pick = (list) => list[rand(list.length)];
  const words = ["To", "From", "Body", "b", "B", "a_b", "Zeta", "é", "\u{1F44B}", "\uFF21", "NumMedia", "x y", "Digits"];
  const values = ["", "+14155550100", "héllo 👋", "a&b=c", "0", "%41", "\uFFFD"];
  const urls = ["https://example.com/sms", "https://example.com:443/sms?x=1", "http://example.com/a b?q=é", "https://user@EXAMPLE.com/p?a=1&a=2", "https://example.com:8443/p"];
  const tokens = ["12345", "t".repeat(65), "token-é-✓"];
  const seen = { true: 0, false: 0 };
  for (let i = 0; i < 600; i++) {
    const params = {};
    for (let k = rand(12); k > 0; k--) {
      const key = pick(words) + (rand(3) === 0 ? String(rand(3)) : "");
      const kind = rand(8);
      params[key] = kind === 0 ? [pick(values), pick(values), pick(values)] : kind === 1 ? rand(100) : kind === 2 ? rand(2) === 0 : pick(values);
    }
    const url = pick(urls);
    const token = pick(tokens);
    const signedUrl = pick([url, url.replace(":443", ""), url.replace("example.com/", "example.com:443/"), "https://other.example/"]);
    const sig = rand(5) === 0 ? "AAAAAAAAAAAAAAAAAAAAAAAAAAA=" : twilio.getExpectedTwilioSignature(pick([token, token, "other"]), signedUrl, params);
    const want = twilio.validateRequest(token, sig, url, params);
    const label = JSON.stringify({ token, url, signedUrl, params });
    assert.equal(node.validateRequest(token, sig, url, params), want, `node ${label}`);
    assert.equal(web.validateRequest(token, sig, url, params), want, `web ${label}`);
    seen[want]++;
  }
  assert.ok(seen.true > 150 && seen.false > 150, JSON.stringify(seen));
});

test("verify entry: drop-in validateRequest equals twilio-node on Express-style params", () => {
  const token = "12345";
  const url = "https://example.com/sms?tenant=acme";
  const params = { To: "+14155550100", MessagingBinding: ["b", "a", "a"], NumMedia: 0, Flag: true, Body: "x\0y", "Key\0": "nul" };
  const sig = twilio.getExpectedTwilioSignature(token, url, params);
  for (const [name, entry] of builds()) {
    assert.equal(entry.getExpectedTwilioSignature(token, url, params), sig, name);
    assert.equal(entry.validateRequest(token, sig, url, params), true, name);
    assert.equal(entry.validateRequest(token, sig, url, { ...params, Extra: "1" }), false, name);
    assert.equal(entry.validateRequest(token, sig, url, { ...params, To: "+14155550101" }), false, name);
    const bare = twilio.getExpectedTwilioSignature(token, url, {});
    for (const empty of [undefined, null, {}, Object.create({ Inherited: "x" })]) {
      assert.equal(entry.validateRequest(token, bare, url, empty), true, `${name} ${JSON.stringify(empty)}`);
    }
    assert.equal(entry.validateRequest(token, undefined, url, {}), false, name);
  }
});

test("verify entry: wrong argument types throw the full entry's messages", () => {
  const url = "https://example.com/sms";
  const calls = [
    ["validateRequest", [undefined, "sig", url, {}]],
    ["validateRequest", ["t", 7, url, {}]],
    ["validateRequest", ["t", "sig", null, {}]],
    ["validateRequest", ["t", "sig", url, "a=b"]],
    ["validateRequest", ["t", "sig", url, [1]]],
    ["validateRequest", ["t", "sig", url, { a: { b: "c" } }]],
    ["validateRequest", ["t", "sig", url, { a: ["x", null] }]],
    ["validateRequestWithBody", ["t", "sig", url, 5]],
    ["getExpectedTwilioSignature", ["t", 1, {}]],
    ["verifySignature", [5, "sig", url, ""]],
    ["verifySignature", [["t", 5], "sig", url, ""]],
    ["verifySignature", ["t", "sig", url, {}]],
    ["verifySignature", ["t", "sig", url, "", "json"]],
    ["verifySignature", ["t", "sig", url, "", { contentType: 1 }]],
    ["verifySignature", ["t", "sig", url, "", { method: [] }]],
    ["verifySignature", ["t", "sig", url, "", { signatureSettings: null, contentType: false }]],
  ];
  for (const [fn, args] of calls) {
    let message;
    assert.throws(() => full[fn](...args), (e) => ((message = e.message), true));
    for (const [name, entry] of builds()) {
      assert.throws(() => entry[fn](...args), (e) => e instanceof Error && e.message === message, `${name} ${fn}: ${message}`);
    }
  }
  // The entries still work after errors.
  assert.equal(node.verifySignature("t", "", url, "").reason, "missing-signature");
});

test("verify entry: both modules hold the signature checks only (no catalog, no doctor, no imports)", () => {
  const fullWasm = readFileSync(join(PKG_DIR, "web", "twilio_webhook_inspector_bg.wasm")).toString("latin1");
  // Strings only the full package has: catalog ids and descriptions, the doctor's wording,
  // report finding codes (checked to be in the full build, so the probes are real).
  const probes = ["SmsMessageSid", "Twilio signed", "signature-valid", "URL candidate #", "TwiML"];
  for (const s of probes) assert.ok(fullWasm.includes(s), s);
  for (const file of ["verify.wasm", "verify-node.wasm"]) {
    const bytes = readFileSync(join(PKG_DIR, "verify", file));
    const module = new WebAssembly.Module(bytes);
    assert.deepEqual(WebAssembly.Module.imports(module), [], file);
    const exported = WebAssembly.Module.exports(module).map((e) => e.name).filter((n) => n.startsWith("twv_")).sort();
    assert.deepEqual(exported, ["twv_body_hash", "twv_buffer", "twv_layout", "twv_sign", "twv_validate", "twv_validate_body", "twv_verify"], file);
    const text = bytes.toString("latin1");
    for (const s of probes) assert.ok(!text.includes(s), `${file} contains ${JSON.stringify(s)}`);
    const gz = gzipSync(bytes, { level: 9 }).length;
    console.log(`# verify entry: ${file} ${bytes.length} bytes, ${gz} gzipped`);
  }
  for (const file of ["index.js", "web.mjs"]) {
    console.log(`# verify entry: ${file} ${gzipSync(readFileSync(join(PKG_DIR, "verify", file)), { level: 9 }).length} bytes gzipped`);
  }
});

test("verify entry: the web build uses no Node built-ins and needs init first", async () => {
  const source = readFileSync(join(PKG_DIR, "verify", "web.mjs"), "utf8");
  for (const s of ["require(", "node:", "__dirname", "process.env", "import.meta.resolve"]) {
    assert.ok(!source.includes(s), `web.mjs uses ${s}`);
  }
  assert.match(source, /^export default async function init/m);
  // A fresh copy of the module (another URL): nothing works before init.
  const fresh = await import(`${pathToFileURL(join(PKG_DIR, "verify", "web.mjs")).href}?fresh`);
  assert.throws(() => fresh.verifySignature("t", "s", "https://h/", ""), /call `await init\(\)`/);
  const verify = fresh.requestVerifier({ authToken: "t" });
  assert.throws(() => verify({ method: "POST", url: "/x", headers: { "x-twilio-signature": "s", host: "h" }, rawBody: "" }), /init/);
  await fresh.default(new WebAssembly.Module(readFileSync(WASM)));
  const v = sha1[0];
  assert.equal(fresh.verifySignature(v.auth_token, v.signature, v.url, v.body, { contentType: v.content_type }).valid, true);
});
