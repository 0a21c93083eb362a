// Arguments of the wrong type become JS Errors whose message names the function and the
// argument; nothing panics (a panic would surface as a RuntimeError: unreachable).
import assert from "node:assert/strict";
import { test } from "node:test";

import { loadNodeBuild } from "../lib/helpers.mjs";

const twi = loadNodeBuild();

function throwsError(fn, pattern) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof Error, `not an Error: ${e}`);
    assert.match(e.message, pattern);
    return true;
  });
}

test("inspect: input must be a string", () => {
  throwsError(() => twi.inspect(42), /inspect: `input` must be a string, got number/);
  throwsError(() => twi.inspect(undefined), /inspect: `input` must be a string, got undefined/);
  throwsError(() => twi.inspect(null), /inspect: `input` must be a string, got null/);
  throwsError(() => twi.inspect(["a=b"]), /inspect: `input` must be a string, got an array/);
  throwsError(() => twi.inspect(new Uint8Array(2)), /inspect: `input` must be a string, got object/);
});

test("inspect: options must be an object of the documented members", () => {
  throwsError(() => twi.inspect("a=b", "url"), /inspect: `options` must be an object, got string/);
  throwsError(() => twi.inspect("a=b", [1]), /inspect: `options` must be an object, got an array/);
  throwsError(() => twi.inspect("a=b", { format: "yaml" }), /inspect: bad `options`: unknown variant `yaml`/);
  throwsError(() => twi.inspect("a=b", { url: 5 }), /inspect: bad `options`: invalid type: integer `5`/);
  throwsError(() => twi.inspectJson("a=b", { authTokens: [1] }), /inspect: bad `options`/);
});

test("the module still works after errors", () => {
  for (let i = 0; i < 50; i++) assert.throws(() => twi.inspect(i));
  assert.equal(typeof twi.inspect("a=b").kind.id, "string");
});

test("signature functions: every argument is checked", () => {
  const url = "https://example.com/sms";
  throwsError(() => twi.validateRequest(undefined, "sig", url, {}), /validateRequest: `authToken` must be a string, got undefined/);
  throwsError(() => twi.validateRequest("t", 7, url, {}), /validateRequest: `signature` must be a string, got number/);
  throwsError(() => twi.validateRequest("t", "sig", null, {}), /validateRequest: `url` must be a string, got null/);
  throwsError(() => twi.validateRequest("t", "sig", url, "a=b"), /validateRequest: `params` must be an object of strings, got string/);
  throwsError(() => twi.validateRequest("t", "sig", url, { a: { b: "c" } }), /validateRequest: `params.a` must be a string or an array of strings, got object/);
  throwsError(() => twi.validateRequest("t", "sig", url, { a: ["x", null] }), /validateRequest: `params.a` must be a string or an array of strings, got null/);
  throwsError(() => twi.validateRequestWithBody("t", "sig", url, 5), /validateRequestWithBody: `body` must be a string or a Uint8Array\/Buffer, got number/);
  throwsError(() => twi.getExpectedTwilioSignature("t", 1, {}), /getExpectedTwilioSignature: `url` must be a string, got number/);
  throwsError(() => twi.verifySignature(5, "sig", url, ""), /verifySignature: `authTokens` must be a string, got number/);
  throwsError(() => twi.verifySignature(["t", 5], "sig", url, ""), /verifySignature: `authTokens\[1\]` must be a string, got number/);
  throwsError(() => twi.verifySignature("t", "sig", url, {}), /verifySignature: `rawBody` must be a string or a Uint8Array\/Buffer, got object/);
  throwsError(() => twi.verifySignature("t", "sig", url, "", "json"), /verifySignature: `options` must be an object, got string/);
  throwsError(() => twi.verifySignature("t", "sig", url, "", { contentType: 1 }), /verifySignature: `options.contentType` must be a string, got number/);
});
