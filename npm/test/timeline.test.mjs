// timeline() and diff() of the built package against the native core: for every vector in
// tests/data/timeline/*.toml the wasm timeline must equal the one the native CLI prints
// (`timeline --json`), and for every vector in tests/data/diff/*.toml the wasm diff must
// equal `diff --json`. Then the array form of timeline() and the argument errors.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { parse as parseToml } from "smol-toml";

import { loadNodeBuild, ROOT, runCli } from "../lib/helpers.mjs";

const twi = loadNodeBuild();
const tmp = mkdtempSync(join(tmpdir(), "twi-timeline-"));

function vectors(dir) {
  const full = join(ROOT, dir);
  return readdirSync(full)
    .filter((f) => f.endsWith(".toml"))
    .sort()
    .flatMap((f) => (parseToml(readFileSync(join(full, f), "utf8")).vector ?? []).map((v) => ({ file: f, ...v })));
}

describe("timeline() equals the native timeline", () => {
  const vs = vectors("tests/data/timeline");
  test("there are vectors", () => assert.ok(vs.length >= 10));
  vs.forEach((v, i) => {
    test(`${v.file}: ${v.name}`, () => {
      const path = join(tmp, `t${i}.txt`);
      writeFileSync(path, v.input);
      const native = JSON.parse(runCli(["timeline", "--json", path]));
      const t = twi.timeline(v.input);
      assert.deepEqual(t, native);
      if (v.format !== undefined) assert.equal(t.format, v.format);
      if (v.captures !== undefined) assert.equal(t.captures, v.captures);
    });
  });
});

describe("diff() equals the native diff", () => {
  vectors("tests/data/diff")
    .filter((v) => v.options_a === undefined && v.options_b === undefined)
    .forEach((v, i) => {
      test(`${v.file}: ${v.name}`, () => {
        const a = join(tmp, `a${i}.txt`);
        const b = join(tmp, `b${i}.txt`);
        writeFileSync(a, v.a);
        writeFileSync(b, v.b);
        const native = JSON.parse(runCli(["diff", "--json", a, b]));
        assert.deepEqual(twi.diff(v.a, v.b), native);
      });
    });
  test("options reach both sides: https vs http breaks B's signature", () => {
    const body = "CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1234&From=%2B14158675309&To=%2B18005551212";
    const common = { signature: "RSOYDt4T1cUTdK1PDd93/VVr8B8=", authTokens: ["12345"] };
    const d = twi.diff(body, body, { ...common, url: "https://mycompany.com/myapp.php?foo=1&bar=2" }, { ...common, url: "http://mycompany.com/myapp.php?foo=1&bar=2" });
    assert.equal(d.signature.a, "valid");
    assert.equal(d.signature.b, "invalid");
    assert.equal(d.signature.differences[0].code, "scheme-mismatch");
    assert.ok(!JSON.stringify(d).includes("12345\""), "the token is never echoed");
  });
});

describe("timeline() of an array of captures", () => {
  const sid = "SM0cec4ed334e74bcbb64eb8b6684e9654";
  test("strings and objects, ordered by receivedAt, retry found", () => {
    const t = twi.timeline([
      { input: `MessageSid=${sid}&MessageStatus=delivered`, receivedAt: "2024-05-29T10:57:59Z" },
      `MessageSid=${sid}&MessageStatus=sent`,
      { input: `MessageSid=${sid}&MessageStatus=delivered`, receivedAt: "2024-05-29T10:58:30Z", headers: { "X-Twilio-Signature": "x" } },
    ]);
    assert.equal(t.captures, 3);
    assert.equal(t.groups.length, 1);
    const lane = t.groups[0].lanes[0];
    assert.equal(lane.orderedBy, "input-order");
    assert.deepEqual(lane.entries.map((e) => e.status), ["delivered", "sent", "delivered"]);
    assert.ok(lane.entries[2].findings.some((f) => f.code === "timeline-duplicate"));
  });
  test("wrong argument types throw Errors naming the function", () => {
    assert.throws(() => twi.timeline(42), /timeline: `captures` must be/);
    assert.throws(() => twi.timeline([{ input: 5 }]), /timeline: bad capture/);
    assert.throws(() => twi.diff("a", 3), /diff: `a` and `b` must be strings/);
    assert.throws(() => twi.diff("a", "b", [1]), /diff: `optionsA` must be an object/);
  });
});
