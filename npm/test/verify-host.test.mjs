// The Node build's host route (verify-node.wasm with the host exports): the core writes the
// strings to sign and node:crypto runs the HMAC-SHA1. The route is taken from a size up, so
// these tests use `__hostHmacEntry(0)` (the route for every request that can take it) and
// hold it, on every signature vector and rule case and on the cases that exercise its edges
// (port candidates, several tokens, long and empty tokens, URLs and characters that need the
// core's fallback), to the portable entry (web.mjs over verify.wasm, no Node built-ins, the
// module's own HMAC) and to the full entry. They also check that the route was taken.
import assert from "node:assert/strict";
import { hash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { before, describe, test } from "node:test";

import { PKG_DIR, ROOT, loadNodeBuild, readJsonl } from "../lib/helpers.mjs";

const require = createRequire(import.meta.url);
const full = loadNodeBuild();
const node = require(join(PKG_DIR, "verify", "index.js"));
const twilio = require("twilio");
const sha1 = readJsonl("tests/data/signature/signature-vectors.jsonl");
const sha256 = readJsonl("tests/data/signature/signature-vectors-sha256.jsonl");
const { cases: ruleCases } = JSON.parse(readFileSync(join(ROOT, "tests/data/signature/rule-cases.json"), "utf8"));
const hostAvailable = typeof hash === "function";

let web;
before(async () => {
  web = await import(pathToFileURL(join(PKG_DIR, "verify", "web.mjs")).href);
  web.initSync({ module: readFileSync(join(PKG_DIR, "verify", "verify.wasm")) });
});

const host = node.__hostHmacEntry(0);
const never = node.__hostHmacEntry(Infinity);
function paramsObject(pairs) {
  const out = {};
  for (const [k, v] of pairs) {
    if (!Object.hasOwn(out, k)) out[k] = v;
    else if (Array.isArray(out[k])) out[k].push(v);
    else out[k] = [out[k], v];
  }
  return out;
}

/** Runs `f` on the host route, the module's HMAC and the portable entry; all must agree. */
function agree(what, f) {
  const want = f(web);
  assert.deepEqual(f(host), want, `host route vs portable entry: ${what}`);
  assert.deepEqual(f(never), want, `Node module's own HMAC vs portable entry: ${what}`);
  assert.deepEqual(f(node), want, `default Node entry vs portable entry: ${what}`);
  return want;
}

test("the host route is available on this Node and taken by the default entry for an SMS", { skip: !hostAvailable && "node:crypto has no one-shot hash (Node < 20.12)" }, () => {
  const before = host.sha1Calls();
  host.verifySignature("t", "x", "https://example.com/sms", "Body=hi", { contentType: "application/x-www-form-urlencoded" });
  assert.equal(host.sha1Calls() - before, 4, "two candidates, two SHA-1 each");
  const n = never.sha1Calls();
  never.verifySignature("t", "x", "https://example.com/sms", "Body=hi", { contentType: "application/x-www-form-urlencoded" });
  assert.equal(never.sha1Calls(), n, "Infinity never takes the route");
});

describe("host route: verifySignature on every vector and rule case equals the portable and full entries", () => {
  for (const v of [...sha1, ...sha256]) {
    test(v.id, () => {
      const options = { contentType: v.content_type, method: v.method, signatureSettings: v.signature_settings };
      const want = agree(v.id, (e) => e.verifySignature(v.auth_token, v.signature, v.url, v.body, options));
      assert.deepEqual(want, full.verifySignature(v.auth_token, v.signature, v.url, v.body, options));
      assert.equal(want.valid, Boolean(v.node_valid || v.python_valid), v.note);
      const bad = `${v.signature.slice(0, -2)}A=`;
      agree(`${v.id} tampered`, (e) => e.verifySignature(v.auth_token, bad, v.url, Buffer.from(v.body), options));
      for (const tokens of [["0".repeat(32), v.auth_token], [v.auth_token, v.auth_token], ["", v.auth_token]]) {
        const got = agree(`${v.id} tokens`, (e) => e.verifySignature(tokens, v.signature, v.url, v.body, options));
        assert.deepEqual(got, full.verifySignature(tokens, v.signature, v.url, v.body, options));
      }
      if (!v.content_type.startsWith("application/json") && !v.signature_settings) {
        const params = paramsObject(v.params);
        agree(`${v.id} validateRequest`, (e) => e.validateRequest(v.auth_token, v.signature, v.url, params));
        agree(`${v.id} validateRequest tampered`, (e) => e.validateRequest(v.auth_token, bad, v.url, params));
      }
    });
  }
  for (const c of ruleCases) {
    test(`rule case ${c.id}`, () => {
      const options = { method: c.method ?? undefined, contentType: c.content_type ?? undefined };
      const got = agree(c.id, (e) => e.verifySignature(c.token, c.signature, c.url, c.body, options));
      assert.equal(got.valid, c.valid, c.note);
      assert.deepEqual(got, full.verifySignature(c.token, c.signature, c.url, c.body, options));
    });
  }
});

test("host route: port candidates, fallbacks, long and empty tokens, many parameters agree with twilio-node", () => {
  const form = { contentType: "application/x-www-form-urlencoded" };
  const bodies = [
    "To=%2B14155550199&From=%2B14155550100&Body=Hello+%F0%9F%91%8B",
    // supplementary and U+E000..U+FFFF characters: node's and python's orders may differ
    "Body=%F0%9F%98%80&%EF%BC%A1=x&%F0%9F%98%81=y&a=1&a=1&a=2",
    Array.from({ length: 60 }, (_, i) => `Key${(i * 7919) % 60}=v${i}`).join("&"),
    "",
    "flag&=v&k=&a=b=c",
  ];
  const urls = [
    "https://example.com/sms?tenant=acme",
    "https://example.com:443/sms",
    "http://example.com:8080/sms",
    "https://Example.com/a%20b/sms?x=1&x=2",
    "https://example.com/sms?b=2&a=1;c",
  ];
  const tokens = ["12345678901234567890123456789012", "k".repeat(64), "long".repeat(40), "é-token"];
  for (const body of bodies) {
    const params = paramsObject([...new URLSearchParams(body)]);
    for (const url of urls) {
      for (const token of tokens) {
        for (const signedUrl of [url, url.replace(":443", ""), url.replace("example.com/", "example.com:443/")]) {
          const sig = twilio.getExpectedTwilioSignature(token, signedUrl, params);
          const want = full.verifySignature(token, sig, url, body, form);
          const got = agree(`${url} ${token.length} ${signedUrl}`, (e) => e.verifySignature(token, sig, url, body, form));
          assert.deepEqual(got, want);
          if (signedUrl === url) assert.equal(got.valid, true, `${url} ${body}`);
          const drop = agree(`drop-in ${url}`, (e) => e.validateRequest(token, sig, url, params));
          assert.equal(drop, full.validateRequest(token, sig, url, params));
          agree("two tokens", (e) => e.verifySignature(["wrong", token], sig, url, body, form));
          agree("GET", (e) => e.verifySignature(token, sig, url, "", { method: "GET" }));
        }
      }
    }
  }
});

test("host route: the answer's buffers are reused safely across calls of different sizes", () => {
  const form = { contentType: "application/x-www-form-urlencoded" };
  const token = "12345678901234567890123456789012";
  for (const n of [1, 200, 5, 5000, 3]) {
    const body = Array.from({ length: n }, (_, i) => `P${i}=${"x".repeat(i % 50)}`).join("&");
    const url = `https://example.com/hook${n}`;
    const sig = twilio.getExpectedTwilioSignature(token, url, paramsObject([...new URLSearchParams(body)]));
    assert.equal(host.verifySignature(token, sig, url, body, form).valid, true, String(n));
    assert.equal(host.verifySignature(token, `${sig.slice(0, -2)}B=`, url, body, form).valid, false, String(n));
  }
});
