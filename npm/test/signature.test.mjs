// Every vector of tests/data/signature/*.jsonl through validateRequest,
// validateRequestWithBody and verifySignature. A signature is acceptable exactly when at
// least one official library accepts it (node_valid || python_valid), which is what the
// Rust core's is_valid / is_valid_with_body implement. getExpectedTwilioSignature must
// equal twilio-node's own (the npm `twilio` package, a devDependency of npm/).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, test } from "node:test";

import { ROOT, loadGlue, loadNodeBuild, paramsObject, readJsonl } from "../lib/helpers.mjs";

const twi = loadNodeBuild();
const glue = loadGlue();
const twilio = createRequire(import.meta.url)("twilio");
const sha1 = readJsonl("tests/data/signature/signature-vectors.jsonl");
const sha256 = readJsonl("tests/data/signature/signature-vectors-sha256.jsonl");


const isJson = (v) => v.content_type.startsWith("application/json");
const acceptable = (v) => Boolean(v.node_valid || v.python_valid);

describe("validateRequest / validateRequestWithBody", () => {
  for (const v of sha1) {
    test(`${v.id}: ${acceptable(v) ? "acceptable" : "rejected"}`, () => {
      const got = isJson(v)
        ? twi.validateRequestWithBody(v.auth_token, v.signature, v.url, v.body)
        : twi.validateRequest(v.auth_token, v.signature, v.url, paramsObject(v.params));
      assert.equal(got, acceptable(v), v.note);
      if (!isJson(v)) {
        // The entry's fast path (one flattened string) and the checked wasm-bindgen path agree.
        assert.equal(glue.validateRequest(v.auth_token, v.signature, v.url, paramsObject(v.params)), got);
      }
    });
  }
});

test("validateRequest: values with a NUL, numbers and inherited keys take the checked path", () => {
  const token = "12345678901234567890123456789012";
  const url = "https://example.com/hook";
  for (const params of [{ A: "x\0y", B: "z" }, { "A\0": "x" }, { NumMedia: 0, Body: "hi" }, Object.create({ Inherited: "x" })]) {
    const sig = glue.getExpectedTwilioSignature(token, url, params);
    assert.equal(twi.validateRequest(token, sig, url, params), true, JSON.stringify(params));
    assert.equal(twi.validateRequest(token, sig, url, { ...params, Extra: "1" }), false);
  }
});

describe("verifySignature on the raw body", () => {
  for (const v of [...sha1, ...sha256]) {
    test(`${v.id}`, () => {
      const options = { contentType: v.content_type, method: v.method, signatureSettings: v.signature_settings };
      const asString = twi.verifySignature(v.auth_token, v.signature, v.url, v.body, options);
      assert.equal(asString.valid, acceptable(v), v.note);
      const asBytes = twi.verifySignature([v.auth_token], v.signature, v.url, Buffer.from(v.body, "utf8"), options);
      assert.deepEqual(asBytes, asString);
      // The entry's fast path and the checked wasm-bindgen path agree.
      assert.deepEqual(glue.verifySignature(v.auth_token, v.signature, v.url, v.body, options), asString);
      if (asString.valid) {
        assert.equal(asString.matched.tokenIndex, 0);
        assert.equal(typeof asString.matched.candidate, "string");
        assert.equal(asString.reason, "valid");
        // A second token: the right one is found wherever it is in the list.
        const two = twi.verifySignature(["0".repeat(32), v.auth_token], v.signature, v.url, v.body, options);
        assert.equal(two.matched?.tokenIndex, 1);
      } else {
        assert.equal(asString.matched, null);
      }
    });
  }
});

test("verifySignature: missing signature, no token, wrong token", () => {
  const v = sha1[0];
  const options = { contentType: v.content_type };
  assert.equal(twi.verifySignature(v.auth_token, undefined, v.url, v.body, options).reason, "missing-signature");
  assert.equal(twi.verifySignature(v.auth_token, "", v.url, v.body, options).reason, "missing-signature");
  assert.equal(twi.verifySignature([], v.signature, v.url, v.body, options).reason, "no-token");
  const wrong = twi.verifySignature("f".repeat(32), v.signature, v.url, v.body, options);
  assert.deepEqual(wrong, { valid: false, matched: null, algorithm: "sha1", reason: "mismatch" });
  // Without a content type a body is read as a form unless the URL carries bodySHA256.
  assert.equal(twi.verifySignature(v.auth_token, v.signature, v.url, v.body).valid, true);
});

describe("getExpectedTwilioSignature equals twilio-node's", () => {
  for (const v of sha1.filter((v) => !isJson(v))) {
    test(v.id, () => {
      const params = paramsObject(v.params);
      assert.equal(
        twi.getExpectedTwilioSignature(v.auth_token, v.url, params),
        twilio.getExpectedTwilioSignature(v.auth_token, v.url, params),
      );
    });
  }
});

test("validateRequest takes Express-style params: arrays, numbers, null/undefined", () => {
  const token = "12345";
  const url = "https://example.com/sms";
  const params = { To: "+14155550100", MessagingBinding: ["b", "a"], NumMedia: 0, Flag: true };
  const expected = twilio.getExpectedTwilioSignature(token, url, params);
  assert.equal(twi.getExpectedTwilioSignature(token, url, params), expected);
  assert.equal(twi.validateRequest(token, expected, url, params), true);
  const bare = twilio.getExpectedTwilioSignature(token, url, {});
  assert.equal(twi.validateRequest(token, bare, url, undefined), true);
  assert.equal(twi.validateRequest(token, bare, url, null), true);
  assert.equal(twi.validateRequest(token, undefined, url, {}), false);
});

// What a signature covers is one rule, the core's `signature::signed_content`: the same
// cases as tests/it/signature.rs (`one_rule_for_what_is_signed`, which runs them through the
// CLI's inspect) give the same verdict here, through the fast path (string and Buffer
// bodies) and the checked wasm-bindgen path.
describe("verifySignature: the core's rule for what is signed", () => {
  const { cases } = JSON.parse(readFileSync(join(ROOT, "tests/data/signature/rule-cases.json"), "utf8"));
  assert.ok(cases.length >= 10, `only ${cases.length} rule cases`);
  for (const c of cases) {
    test(`${c.id}: ${c.valid ? "valid" : "invalid"} (${c.mode})`, () => {
      const options = { method: c.method ?? undefined, contentType: c.content_type ?? undefined };
      for (const body of [c.body, Buffer.from(c.body)]) {
        const r = twi.verifySignature(c.token, c.signature, c.url, body, options);
        assert.equal(r.valid, c.valid, c.note);
        assert.equal(r.reason, c.valid ? "valid" : "mismatch", c.note);
        assert.equal(glue.verifySignature(c.token, c.signature, c.url, body, options).valid, c.valid, c.note);
      }
    });
  }
});
