// What the verify entry keeps between calls changes no answer: its JS keeps the UTF-8 of
// the last URL, tokens, content type, method and settings, and its module the HMAC key
// states of the last few tokens (signature::KeyCache). Both builds (Node: verify-node.wasm;
// portable: web.mjs over verify.wasm) go through every signature vector several times, in
// shuffled orders, with valid and tampered signatures and token lists that change, move and
// outnumber the cache, and must give the full entry's answers each time.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { before, test } from "node:test";

import { PKG_DIR, loadNodeBuild, paramsObject, readJsonl } from "../lib/helpers.mjs";

const require = createRequire(import.meta.url);
const full = loadNodeBuild();
const node = require(join(PKG_DIR, "verify", "index.js"));
const vectors = [...readJsonl("tests/data/signature/signature-vectors.jsonl"), ...readJsonl("tests/data/signature/signature-vectors-sha256.jsonl")];

let web;
before(async () => {
  web = await import(pathToFileURL(join(PKG_DIR, "verify", "web.mjs")).href);
  web.initSync({ module: readFileSync(join(PKG_DIR, "verify", "verify.wasm")) });
});

// A fixed shuffle (no randomness in tests): every third, then the rest.
const orders = [vectors, [...vectors].reverse(), vectors.filter((_, i) => i % 3 === 0).concat(vectors.filter((_, i) => i % 3 !== 0))];
const others = ["0".repeat(32), "k".repeat(80), "é".repeat(20), "", "another-token", "x"];


test("verify entry: kept encodings and key states never change an answer (every vector, shuffled, both builds)", () => {
  let n = 0;
  for (const order of orders) {
    for (const v of order) {
      const options = { contentType: v.content_type, method: v.method, signatureSettings: v.signature_settings };
      const tampered = `${v.signature.slice(0, -2)}A=`;
      const lists = [
        v.auth_token,
        [others[n % others.length], v.auth_token],
        [v.auth_token, others[(n + 1) % others.length]],
        [...others.slice(0, 5), v.auth_token],
      ];
      for (const sig of [v.signature, tampered]) {
        for (const tokens of lists) {
          const want = full.verifySignature(tokens, sig, v.url, v.body, options);
          for (const [name, entry] of [["node", node], ["web", web]]) {
            assert.deepEqual(entry.verifySignature(tokens, sig, v.url, v.body, options), want, `${name} ${v.id}`);
          }
        }
        if (!v.content_type.startsWith("application/json") && !v.signature_settings) {
          const params = paramsObject(v.params);
          const want = full.validateRequest(v.auth_token, sig, v.url, params);
          for (const entry of [node, web]) {
            assert.equal(entry.validateRequest(v.auth_token, sig, v.url, params), want, v.id);
            assert.equal(entry.validateRequest(others[n % others.length], sig, v.url, params), full.validateRequest(others[n % others.length], sig, v.url, params), v.id);
          }
        }
      }
      n++;
    }
  }
});

test("verify entry: the same token with alternating URLs and content types, and a token that changes in place", () => {
  const token = "12345678901234567890123456789012";
  const body = "To=%2B14155550199&From=%2B14155550100&Body=Hi";
  const urls = ["https://example.com/sms", "https://example.com/sms?x=1", "https://example.com:443/sms"];
  const params = paramsObject([...new URLSearchParams(body)]);
  for (let round = 0; round < 3; round++) {
    for (const signedUrl of urls) {
      const sig = full.getExpectedTwilioSignature(token, signedUrl, params);
      for (const url of urls) {
        for (const contentType of ["application/x-www-form-urlencoded", "text/plain", undefined]) {
          for (const t of [token, `${token.slice(0, -1)}3`, token]) {
            const want = full.verifySignature(t, sig, url, body, { contentType });
            assert.deepEqual(node.verifySignature(t, sig, url, body, { contentType }), want, `${url} ${contentType} ${t}`);
            assert.deepEqual(web.verifySignature(t, sig, url, body, { contentType }), want, `${url} ${contentType} ${t}`);
          }
        }
      }
    }
  }
});
