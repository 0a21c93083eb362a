// inspect(), inspectJson(), catalog() and version() of the built package against the
// native core: for every vector in tests/data/inspect/*.toml the report from wasm must
// equal the one the native CLI prints (`inspect --batch`), and its kind and format must
// be the ones the vector expects.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";

import { inspectVectors, loadNodeBuild, PKG_DIR, runCli, xorshift32 } from "../lib/helpers.mjs";

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

// What Express hands a Twilio app is Node's querystring.parse of the body; the report's
// body fields must be exactly that, on bodies as senders really write them (raw UTF-8,
// %20 or '+', lower-case hex, %FF and cut sequences, stray '=' and '&', names without '=',
// repeated keys). Seeded, 3,000 bodies.
test("inspect(): body fields equal querystring.parse on generated form bodies", async () => {
  const querystring = await import("node:querystring");
  const pieces = ["Body=hi%20there", "Body=hi+there", "Body=h%c3%a9", "Body=héllo", "Body=%FF%FE", "Body=%e2%82", "To=%2b1415", "To=+1415", "flag", "=novalue", "a=b=c", "Body=100%", "Body=%zz", "Body=%2", "x%20y=1", "k+k=v+v", "From=%2B14155550100", "Digits=1234", "MediaUrl0=https%3A%2F%2Fapi.twilio.com%2Fx", "Body=%F0%9F%91%8B", "Body=👋", "Body=%ed%a0%80", "Caller=%2B1%20415", "e%CC%81=1", "MessageSid=SM0123456789abcdef0123456789abcdef", "Body=a%0Ab", "Body=%00", "Body=%", "Body=%%41", "Body=%4", "Body=a;b", "Body=%09", "Body=+", "Body=%20%20", "Body=a+%2B+b"];
  const rand = xorshift32(7);
  const wrong = [];
  for (let i = 0; i < 3000; i++) {
    const extra = Array.from({ length: 1 + rand(6) }, () => pieces[rand(pieces.length)]);
    const body = ["AccountSid=AC0123456789abcdef0123456789abcdef", "MessageSid=SM0123456789abcdef0123456789abcdef", ...extra].join(rand(8) === 0 ? "&&" : "&");
    const report = twi.inspect(body, {});
    const got = {};
    for (const f of report.fields.filter((f) => f.source === "body")) {
      got[f.name] = Object.hasOwn(got, f.name) ? [].concat(got[f.name], f.value) : f.value;
    }
    const canonical = (o) => JSON.stringify(Object.keys(o).sort().map((k) => [k, o[k]]));
    const want = querystring.parse(body);
    if (canonical(got) !== canonical(want)) wrong.push(`${JSON.stringify(body)}: ${canonical(got)} != ${canonical(want)}`);
  }
  assert.deepEqual(wrong.slice(0, 5), []);
});
