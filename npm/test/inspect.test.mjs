// inspect(), inspectJson(), catalog() and version() of the built package against the
// native core: for every vector in tests/data/inspect/*.toml the report from wasm must
// equal the one the native CLI prints (`inspect --batch`), and its kind and format must
// be the ones the vector expects.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";

import { inspectVectors, loadNodeBuild, PKG_DIR, runCli } from "../lib/helpers.mjs";

const twi = loadNodeBuild();
const vectors = inspectVectors();

// One native run for all vectors: JSON Lines in, one `{line, report}` per line out.
const batch = vectors.map((v) => JSON.stringify({ input: v.input, ...(v.options ?? {}) })).join("\n");
const native = runCli(["inspect", "--batch"], batch + "\n")
  .split("\n")
  .filter((l) => l.trim() !== "")
  .map((l) => JSON.parse(l));

/** Paths of every `null` in a value (the declarations type absent members as optional). */
function nullPaths(value, path = "$") {
  if (value === null) return [path];
  if (Array.isArray(value)) return value.flatMap((x, i) => nullPaths(x, `${path}[${i}]`));
  if (typeof value === "object") return Object.entries(value).flatMap(([k, x]) => nullPaths(x, `${path}.${k}`));
  return [];
}

test("the native CLI answered every vector", () => {
  assert.equal(native.length, vectors.length);
  assert.ok(vectors.length > 0, "no vectors found under tests/data/inspect");
});

describe("inspect() equals the native report", () => {
  vectors.forEach((v, i) => {
    test(`${v.file}: ${v.name}`, () => {
      const report = twi.inspect(v.input, v.options);
      assert.deepEqual(report, native[i].report);
      if (v.kind !== undefined) assert.equal(report.kind.id, v.kind, "kind");
      if (v.format !== undefined) assert.equal(report.format, v.format, "format");
      assert.deepEqual(nullPaths(report), [], "a member typed optional is null");
      assert.deepEqual(JSON.parse(twi.inspectJson(v.input, v.options)), report);
    });
  });
});

test("every kind the vectors name is reported for at least one input", () => {
  const kinds = new Set(vectors.map((v) => v.kind).filter(Boolean));
  const seen = new Set(vectors.map((v) => twi.inspect(v.input, v.options).kind.id));
  for (const k of kinds) assert.ok(seen.has(k), `no input is reported as ${k}`);
});

test("options may be omitted, undefined or null", () => {
  const input = vectors[0].input;
  const base = twi.inspect(input, {});
  assert.deepEqual(twi.inspect(input), base);
  assert.deepEqual(twi.inspect(input, undefined), base);
  assert.deepEqual(twi.inspect(input, null), base);
  assert.deepEqual(twi.inspect(input, { url: undefined }), base);
});

test("catalog() equals `catalog --json`", () => {
  assert.deepEqual(twi.catalog(), JSON.parse(runCli(["catalog", "--json"])));
});

test("version() is the package version", () => {
  const pkg = JSON.parse(readFileSync(join(PKG_DIR, "package.json"), "utf8"));
  assert.equal(twi.version(), pkg.version);
});

test("redacted, template and placeholder values are labeled in inspect() (issue 11)", () => {
  const report = twi.inspect(
    "MessageSid=SMXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX&AccountSid={{AccountSid}}&MessageStatus=delivered&From=%2B1555XXXXXXX&To=%2B14155550199",
  );
  const field = (name) => report.fields.find((f) => f.name === name);
  assert.equal(report.kind.id, "message-status-callback");
  assert.equal(field("MessageSid").placeholder, "redacted");
  assert.equal(field("AccountSid").placeholder, "template");
  assert.equal(field("From").placeholder, "redacted");
  assert.equal(field("To").placeholder, undefined, "a real number is not a placeholder");
  assert.match(field("MessageSid").display, /redacted — not checked/);
  const codes = report.fields.flatMap((f) => f.findings.map((x) => x.code));
  assert.ok(codes.includes("redacted-value"));
  assert.ok(!codes.includes("invalid-sid") && !codes.includes("wrong-sid-prefix"));
});
