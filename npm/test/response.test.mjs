// lintTwiml() and explainError() of the built package against the native core: for every
// vector in tests/data/response/*.toml the response report from wasm must equal the one the
// native CLI prints (`lint --json`), and its verdict must be the one the vector expects.
// inspect() carries the same report in its `response` member for a request + response paste.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { loadNodeBuild, responseVectors, runCli } from "../lib/helpers.mjs";

const twi = loadNodeBuild();
const vectors = responseVectors().filter((v) => !v.via_inspect);

function cliArgs(v) {
  const args = ["lint", "--json"];
  if (v.document) args.push("--document", v.document);
  if (v.kind) args.push("--kind", v.kind);
  if (v.url) args.push("--url", v.url);
  return args;
}

test("there are response vectors", () => {
  assert.ok(vectors.length >= 40, `only ${vectors.length} vectors`);
});

describe("lintTwiml() equals `lint --json`", () => {
  for (const v of vectors) {
    test(`${v.file}: ${v.name}`, () => {
      const options = { document: v.document, kind: v.kind, url: v.url };
      const report = twi.lintTwiml(v.input, options);
      assert.deepEqual(report, JSON.parse(runCli(cliArgs(v), v.input)));
      assert.equal(report.accepted, v.accepted, report.verdict);
      for (const code of v.codes ?? []) {
        assert.ok(report.findings.some((f) => f.code === code), `missing ${code}`);
      }
      for (const t of v.twilio ?? []) {
        assert.ok(report.findings.some((f) => f.twilioErrorCode === t), `missing Twilio code ${t}`);
      }
    });
  }
});

test("lintTwiml: options may be omitted; document selects the vocabulary", () => {
  const xml = "<Response><Message>Hi</Message></Response>";
  assert.equal(twi.lintTwiml(xml).accepted, true);
  assert.equal(twi.lintTwiml(xml, null).accepted, true);
  const voice = twi.lintTwiml(xml, { document: "voice" });
  assert.equal(voice.accepted, false);
  assert.equal(voice.findings[0].code, "twiml-document-mismatch");
  assert.equal(voice.findings[0].line, 1);
  assert.equal(voice.findings[0].twilioErrorCode, 12200);
  assert.match(voice.verdict, /^Twilio would reject this: 12200 at line 1, column 11/);
});

test("lintTwiml: wrong argument types become Errors", () => {
  assert.throws(() => twi.lintTwiml(42), /lintTwiml: `input` must be a string, got number/);
  assert.throws(() => twi.lintTwiml("<Response/>", "voice"), /lintTwiml: `options` must be an object, got string/);
  assert.throws(() => twi.lintTwiml("<Response/>", { document: "pager" }), /lintTwiml: bad `options`/);
});

test("explainError() explains confirmed codes only", () => {
  const e = twi.explainError(12100);
  assert.equal(e.code, 12100);
  assert.equal(e.source, "https://www.twilio.com/docs/api/errors/12100");
  assert.ok(e.causes.length > 0);
  assert.equal(twi.explainError(30037), undefined);
  assert.equal(twi.explainError(1), undefined);
});

test("inspect() of a request followed by its response has the response section", () => {
  const paste =
    "POST /voice HTTP/1.1\nHost: example.com\nContent-Type: application/x-www-form-urlencoded\n\n" +
    "CallSid=CA5a1f0c2e9b7d4a6c8e0f1a2b3c4d5e6f&CallStatus=ringing&Direction=inbound\n\n" +
    "HTTP/1.1 200 OK\nContent-Type: text/xml\n\n<Response><Say>Hello</Say></Response>";
  const report = twi.inspect(paste);
  assert.equal(report.format, "http");
  assert.equal(report.response.inputKind, "exchange");
  assert.equal(report.response.accepted, true);
  assert.equal(twi.inspect("CallSid=CA5a1f0c2e9b7d4a6c8e0f1a2b3c4d5e6f").response, undefined);
});
