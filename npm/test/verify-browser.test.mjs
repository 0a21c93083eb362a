// The verify entry's web build in a real browser (headless Chromium, as the web app's
// end-to-end tests drive it): no Node built-ins exist there. pkg/ is served over HTTP;
// the page imports verify/web.mjs, `await init()` fetches verify.wasm next to it, and
// every signature vector and rule case must give what the full entry gives in Node. A
// second copy is set up the Cloudflare Workers way: a compiled WebAssembly.Module given to
// `initSync`, plus `verifyFetchRequest` on a Fetch API Request.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { after, before, test } from "node:test";

import { PKG_DIR, ROOT, loadNodeBuild, readJsonl } from "../lib/helpers.mjs";

const { chromium } = createRequire(join(ROOT, "package.json"))("playwright-core");
const twilio = createRequire(import.meta.url)("twilio");
const full = loadNodeBuild();
const vectors = [
  ...readJsonl("tests/data/signature/signature-vectors.jsonl"),
  ...readJsonl("tests/data/signature/signature-vectors-sha256.jsonl"),
];
const { cases } = JSON.parse(readFileSync(join(ROOT, "tests/data/signature/rule-cases.json"), "utf8"));

const TYPES = { ".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html" };
let server;
let base;
let context;
let profile;

before(async () => {
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (path === "/") {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<!doctype html><title>verify</title>");
      return;
    }
    const file = normalize(join(PKG_DIR, path));
    if (!file.startsWith(PKG_DIR)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = readFileSync(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${server.address().port}`;
  profile = mkdtempSync(join(tmpdir(), "twi-verify-browser-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
});

after(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  server?.close();
});

const inputs = [
  ...vectors.map((v) => ({
    id: v.id,
    tokens: v.auth_token,
    signature: v.signature,
    url: v.url,
    body: v.body,
    options: { contentType: v.content_type, method: v.method, signatureSettings: v.signature_settings ?? undefined },
  })),
  ...cases.map((c) => ({
    id: c.id,
    tokens: [c.token],
    signature: c.signature,
    url: c.url,
    body: c.body,
    options: { method: c.method ?? undefined, contentType: c.content_type ?? undefined },
  })),
];

test("web build in Chromium: init() fetches verify.wasm; every vector and rule case equals the full entry", async () => {
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${base}/`);
  const got = await page.evaluate(async (inputs) => {
    const m = await import("/verify/web.mjs");
    await m.default();
    return {
      noNode: typeof process === "undefined" && typeof require === "undefined" && typeof Buffer === "undefined",
      results: inputs.map((i) => m.verifySignature(i.tokens, i.signature, i.url, i.body, i.options)),
      bytes: inputs.map((i) => m.verifySignature(i.tokens, i.signature, i.url, new TextEncoder().encode(i.body), i.options).valid),
    };
  }, inputs);
  assert.equal(got.noNode, true);
  assert.equal(got.results.length, inputs.length);
  inputs.forEach((i, n) => {
    assert.deepEqual(got.results[n], full.verifySignature(i.tokens, i.signature, i.url, i.body, i.options), i.id);
    assert.equal(got.bytes[n], got.results[n].valid, i.id);
  });
  assert.ok(got.results.some((r) => r.valid) && got.results.some((r) => !r.valid));
  assert.deepEqual(errors, []);
  await page.close();
});

test("web build in Chromium, the Workers way: initSync(WebAssembly.Module), drop-ins and verifyFetchRequest", async () => {
  const token = "0123456789abcdef0123456789abcdef";
  const params = { From: "+14155550100", Body: "Hi 👋", MessagingBinding: ["b", "a"] };
  const formUrl = "https://hooks.example.com/sms?tenant=acme";
  const formSig = twilio.getExpectedTwilioSignature(token, formUrl, params);
  const json = '{"a": 1, "b": [true, null]}';
  const hash = twilio.getExpectedBodyHash(json);
  const jsonUrl = `https://hooks.example.com/json?bodySHA256=${hash}`;
  const jsonSig = twilio.getExpectedTwilioSignature(token, jsonUrl, {});
  const page = await context.newPage();
  await page.goto(`${base}/`);
  const got = await page.evaluate(
    async ({ token, params, formUrl, formSig, json, jsonUrl, jsonSig }) => {
      const bytes = await (await fetch("/verify/verify.wasm")).arrayBuffer();
      const module = await WebAssembly.compile(bytes);
      const m = await import("/verify/web.mjs?workers");
      m.initSync({ module });
      const request = new Request(jsonUrl, { method: "POST", headers: { "content-type": "application/json", "x-twilio-signature": jsonSig }, body: json });
      const fetched = await m.verifyFetchRequest(request, { authToken: token });
      return {
        validate: m.validateRequest(token, formSig, formUrl, params),
        tampered: m.validateRequest(token, formSig, formUrl, { ...params, Body: "Hi" }),
        expected: m.getExpectedTwilioSignature(token, formUrl, params),
        withBody: m.validateRequestWithBody(token, jsonSig, jsonUrl, json),
        withBadBody: m.validateRequestWithBody(token, jsonSig, jsonUrl, `${json} `),
        hash: m.getExpectedBodyHash(json),
        fetched: { valid: fetched.valid, status: fetched.status, url: fetched.url },
        stillReadable: await request.text(),
      };
    },
    { token, params, formUrl, formSig, json, jsonUrl, jsonSig },
  );
  assert.deepEqual(got, {
    validate: true,
    tampered: false,
    expected: formSig,
    withBody: true,
    withBadBody: false,
    hash,
    fetched: { valid: true, status: 200, url: jsonUrl },
    stillReadable: json,
  });
  await page.close();
});
