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
