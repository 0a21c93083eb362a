// The verify entry's middleware against real servers: Express 5 and Fastify 5 listening on
// a local port, requests sent over HTTP with signatures made by the official `twilio`
// library (6.2.0). Covered: a valid form body, a valid JSON body with bodySHA256, a
// tampered parameter, a wrong URL behind a proxy with and without the forwarded-header
// opt-in (and with an explicit URL), the statuses twilio-node answers (400, 500), the
// development diagnosis line, and the cases where twilio-node's own `webhook()` rejects a
// genuine request because it re-serialises the body, while ours passes.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { request as httpRequest } from "node:http";
import { createRequire } from "node:module";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";

import { PKG_DIR } from "../lib/helpers.mjs";

const require = createRequire(import.meta.url);
const express = require("express");
const fastifyFactory = require("fastify");
const twilio = require("twilio");
const verify = require(join(PKG_DIR, "verify", "index.js"));

const TOKEN = "0123456789abcdef0123456789abcdef";
const PUBLIC = "https://hooks.example.com";
const SMS = {
  AccountSid: "AC0123456789abcdef0123456789abcdef",
  MessageSid: "SM0123456789abcdef0123456789abcdef",
  From: "+14155550100",
  To: "+14155550199",
  Body: "Hi there! ¿Qué tal? 👋 & = + %",
  NumMedia: "0",
};
const formBody = (params) => new URLSearchParams(params).toString();
const sha256 = (text) => createHash("sha256").update(text).digest("hex");

/** One HTTP request to the local server; resolves `{ status, body }`. */
function send(port, path, { method = "POST", headers = {}, body = "" } = {}) {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path, method, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** A signed form request for `url` (as Twilio sends it). */
function signedForm(url, params = SMS) {
  return {
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-twilio-signature": twilio.getExpectedTwilioSignature(TOKEN, url, params),
    },
    body: formBody(params),
  };
}

/** A signed JSON request: `url` gets bodySHA256, the signature covers the URL only. */
function signedJson(url, body) {
  const full = `${url}${url.includes("?") ? "&" : "?"}bodySHA256=${sha256(body)}`;
  return {
    full,
    headers: { "content-type": "application/json", "x-twilio-signature": twilio.getExpectedTwilioSignature(TOKEN, full, {}) },
    body,
  };
}
const pathOf = (url) => url.slice(new URL(url).origin.length);

// A JSON body as Twilio sends it (spacing and key order matter for bodySHA256).
const JSON_BODY = '{"eventType": "com.twilio.messaging.message.delivered",  "data": {"sid":"SM0123","price":null}}';

async function listen(app) {
  return new Promise((resolve) => {
    const server = app.listen(0, "127.0.0.1", () => resolve(server));
  });
}

describe("Express", () => {
  let server;
  let port;
  const logs = [];
  const local = () => `http://127.0.0.1:${port}`;
  before(async () => {
    const app = express();
    const echo = (req, res) => res.json({ body: req.body ?? null, raw: req.rawBody ? Buffer.from(req.rawBody).length : 0 });
    const log = (line) => logs.push(line);
    // Our middleware alone: it reads the body, keeps req.rawBody and sets req.body.
    app.post("/sms", verify.webhook({ authToken: TOKEN, url: (req) => `${PUBLIC}${req.originalUrl}`, development: true, log }), echo);
    // After express.urlencoded/express.json that keep the raw body (keepRawBody).
    app.post(
      "/parsed",
      express.urlencoded({ extended: true, verify: verify.keepRawBody }),
      express.json({ verify: verify.keepRawBody }),
      verify.webhook(TOKEN, { url: (req) => `${PUBLIC}${req.originalUrl}` }),
      echo,
    );
    // Behind a proxy: no URL option, scheme and host from the request.
    app.post("/proxied", verify.webhook({ authToken: TOKEN, development: true, log }), echo);
    app.post("/proxied-trusted", verify.webhook({ authToken: TOKEN, trustForwardedHeaders: true }), echo);
    // The same routes with twilio-node's own middleware, for comparison.
    app.post("/twilio-json", express.json(), twilio.webhook(TOKEN, { protocol: "https", host: "hooks.example.com" }), echo);
    app.post("/twilio-form", express.urlencoded({ extended: true }), twilio.webhook(TOKEN, { protocol: "https", host: "hooks.example.com" }), echo);
    app.post("/no-token", verify.webhook({ authToken: "" }), echo);
    app.post("/small", verify.webhook({ authToken: TOKEN, limit: 64, url: `${PUBLIC}/small` }), echo);
    server = await listen(app);
    port = server.address().port;
  });
  after(() => server.close());

  test("a valid form body passes and the handler gets req.body and req.rawBody", async () => {
    const r = signedForm(`${PUBLIC}/sms?tenant=acme`);
    const res = await send(port, "/sms?tenant=acme", r);
    assert.equal(res.status, 200, res.body);
    const got = JSON.parse(res.body);
    assert.deepEqual(got.body, SMS);
    assert.equal(got.raw, Buffer.byteLength(r.body));
  });

  test("a valid JSON body with bodySHA256 passes (raw bytes hashed, not a re-serialisation)", async () => {
    const r = signedJson(`${PUBLIC}/sms?tenant=acme`, JSON_BODY);
    const res = await send(port, pathOf(r.full), r);
    assert.equal(res.status, 200, res.body);
    assert.deepEqual(JSON.parse(res.body).body, JSON.parse(JSON_BODY));
  });

  test("a tampered parameter is rejected with 403", async () => {
    const r = signedForm(`${PUBLIC}/sms`);
    const tampered = r.body.replace("To=%2B14155550199", "To=%2B14155550198");
    assert.notEqual(tampered, r.body);
    const res = await send(port, "/sms", { ...r, body: tampered });
    assert.equal(res.status, 403);
    assert.equal(res.body, "Twilio Request Validation Failed.");
    const json = signedJson(`${PUBLIC}/sms`, JSON_BODY);
    const bad = await send(port, pathOf(json.full), { ...json, body: JSON_BODY.replace("null", "0.0075") });
    assert.equal(bad.status, 403);
  });

  test("no signature: 400; no token: 500 (as twilio-node answers)", async () => {
    const r = signedForm(`${PUBLIC}/sms`);
    const missing = await send(port, "/sms", { ...r, headers: { "content-type": r.headers["content-type"] } });
    assert.equal(missing.status, 400);
    assert.match(missing.body, /X-Twilio-Signature header does not exist/);
    const noToken = await send(port, "/no-token", r);
    assert.equal(noToken.status, 500);
  });

  test("a body over `limit` is refused with 413 before any check", async () => {
    const r = signedForm(`${PUBLIC}/small`);
    assert.ok(Buffer.byteLength(r.body) > 64);
    const res = await send(port, "/small", r);
    assert.equal(res.status, 413);
    const small = signedForm(`${PUBLIC}/small`, { Body: "hi", To: "+1" });
    assert.equal((await send(port, "/small", small)).status, 200);
  });

  test("after express.urlencoded({ extended: true }) / express.json() with keepRawBody", async () => {
    // A bracketed key: qs turns it into an object, which twilio-node then signs as
    // "[object Object]". The raw body is what Twilio signed.
    const params = { ...SMS, "Memory[twilio][collected_data]": "yes" };
    const r = signedForm(`${PUBLIC}/parsed`, params);
    const res = await send(port, "/parsed", r);
    assert.equal(res.status, 200, res.body);
    assert.deepEqual(JSON.parse(res.body).body.Memory, { twilio: { collected_data: "yes" } });
    const json = signedJson(`${PUBLIC}/parsed`, JSON_BODY);
    assert.equal((await send(port, pathOf(json.full), json)).status, 200);
    const tampered = await send(port, "/parsed", { ...r, body: r.body.replace("yes", "no") });
    assert.equal(tampered.status, 403);
  });

  test("twilio-node's webhook() rejects these genuine requests (re-serialisation); ours accepts them", async () => {
    // JSON: twilio-node hashes `request.rawBody || "{}"`, and Express keeps no rawBody.
    const json = signedJson(`${PUBLIC}/twilio-json`, JSON_BODY);
    const twilioJson = await send(port, pathOf(json.full), json);
    assert.equal(twilioJson.status, 403, "twilio-node should fail here (if it passes, this test no longer shows the problem)");
    const oursJson = signedJson(`${PUBLIC}/sms`, JSON_BODY);
    assert.equal((await send(port, pathOf(oursJson.full), oursJson)).status, 200);
    // Form with a bracketed key after the qs parser: twilio-node signs the parsed object.
    const params = { ...SMS, "Memory[twilio][collected_data]": "yes" };
    const form = signedForm(`${PUBLIC}/twilio-form`, params);
    assert.equal((await send(port, "/twilio-form", form)).status, 403);
    assert.equal((await send(port, "/parsed", signedForm(`${PUBLIC}/parsed`, params))).status, 200);
    assert.equal((await send(port, "/sms", signedForm(`${PUBLIC}/sms`, params))).status, 200);
    // Both accept a plain form body (the comparison routes are configured right).
    assert.equal((await send(port, "/twilio-form", signedForm(`${PUBLIC}/twilio-form`))).status, 200);
  });

  test("behind a proxy: the public URL from X-Forwarded-* only when opted in", async () => {
    const forwarded = { "x-forwarded-proto": "https", "x-forwarded-host": "hooks.example.com" };
    const r = signedForm(`${PUBLIC}/proxied?tenant=acme`);
    logs.length = 0;
    const without = await send(port, "/proxied?tenant=acme", { ...r, headers: { ...r.headers, ...forwarded } });
    assert.equal(without.status, 403, "the app sees http://127.0.0.1:port, Twilio signed the public URL");
    const trusted = signedForm(`${PUBLIC}/proxied-trusted?tenant=acme`);
    const withOptIn = await send(port, "/proxied-trusted?tenant=acme", { ...trusted, headers: { ...trusted.headers, ...forwarded } });
    assert.equal(withOptIn.status, 200, withOptIn.body);
    // The opt-in does not make a wrong signature pass.
    const spoofed = await send(port, "/proxied-trusted?tenant=acme", {
      ...trusted,
      headers: { ...trusted.headers, ...forwarded, "x-forwarded-host": "evil.example.com" },
    });
    assert.equal(spoofed.status, 403);
    // Signed for the URL the app sees: passes without any option.
    const direct = signedForm(`${local()}/proxied`);
    assert.equal((await send(port, "/proxied", direct)).status, 200);
    // In development the rejection is explained in one line, without the token.
    assert.equal(logs.length, 1, logs.join("\n"));
    assert.doesNotMatch(logs[0], /\n/);
    assert.ok(!logs[0].includes(TOKEN));
    assert.match(logs[0], /^twilio-webhook-inspector: 403 for POST http:\/\/127\.0\.0\.1:\d+\/proxied\?tenant=acme: mismatch/);
    assert.match(logs[0], /Twilio signed https:\/\/hooks\.example\.com\/proxied\?tenant=acme/);
    assert.match(logs[0], /trustForwardedHeaders/);
  });

  test("development log for a tampered body names the doctor's finding", async () => {
    logs.length = 0;
    const r = signedForm(`${PUBLIC}/sms`);
    const res = await send(port, "/sms", { ...r, body: `${r.body}&Extra=1` });
    assert.equal(res.status, 403);
    assert.equal(logs.length, 1);
    assert.match(logs[0], /^twilio-webhook-inspector: 403 for POST https:\/\/hooks\.example\.com\/sms: mismatch — /);
    assert.ok(!logs[0].includes(TOKEN));
  });
});

describe("Fastify", () => {
  let app;
  let port;
  before(async () => {
    app = fastifyFactory();
    await app.register(verify.fastifyRawBody);
    const echo = async (request) => ({ body: request.body ?? null, raw: request.rawBody?.length ?? 0 });
    app.post("/sms", { preHandler: verify.fastifyWebhook({ authToken: TOKEN, url: (req) => `${PUBLIC}${req.url}` }) }, echo);
    app.post("/proxied", { preHandler: verify.fastifyWebhook({ authToken: TOKEN }) }, echo);
    app.post("/proxied-trusted", { preHandler: verify.fastifyWebhook({ authToken: TOKEN, trustForwardedHeaders: true }) }, echo);
    await app.listen({ port: 0, host: "127.0.0.1" });
    port = app.server.address().port;
  });
  after(() => app.close());

  test("a valid form body passes; the handler gets the fields and the raw body", async () => {
    const r = signedForm(`${PUBLIC}/sms?tenant=acme`);
    const res = await send(port, "/sms?tenant=acme", r);
    assert.equal(res.status, 200, res.body);
    const got = JSON.parse(res.body);
    assert.deepEqual(got.body, SMS);
    assert.equal(got.raw, Buffer.byteLength(r.body));
  });

  test("a valid JSON body with bodySHA256 passes; a changed byte does not", async () => {
    const r = signedJson(`${PUBLIC}/sms`, JSON_BODY);
    const res = await send(port, pathOf(r.full), r);
    assert.equal(res.status, 200, res.body);
    assert.deepEqual(JSON.parse(res.body).body, JSON.parse(JSON_BODY));
    const bad = await send(port, pathOf(r.full), { ...r, body: JSON_BODY.replace("  ", " ") });
    assert.equal(bad.status, 403);
  });

  test("a tampered parameter: 403; no signature: 400", async () => {
    const r = signedForm(`${PUBLIC}/sms`);
    const res = await send(port, "/sms", { ...r, body: r.body.replace("NumMedia=0", "NumMedia=1") });
    assert.equal(res.status, 403);
    assert.equal(res.body, "Twilio Request Validation Failed.");
    const missing = await send(port, "/sms", { ...r, headers: { "content-type": r.headers["content-type"] } });
    assert.equal(missing.status, 400);
  });

  test("behind a proxy: X-Forwarded-* only with the opt-in", async () => {
    const forwarded = { "x-forwarded-proto": "https", "x-forwarded-host": "hooks.example.com" };
    const a = signedForm(`${PUBLIC}/proxied`);
    assert.equal((await send(port, "/proxied", { ...a, headers: { ...a.headers, ...forwarded } })).status, 403);
    const b = signedForm(`${PUBLIC}/proxied-trusted`);
    assert.equal((await send(port, "/proxied-trusted", { ...b, headers: { ...b.headers, ...forwarded } })).status, 200);
    const direct = signedForm(`http://127.0.0.1:${port}/proxied`);
    assert.equal((await send(port, "/proxied", direct)).status, 200);
  });
});

describe("requestVerifier and verifyFetchRequest", () => {
  test("the plain (req) => verdict on Node-style requests", () => {
    const check = verify.requestVerifier({ authTokens: ["f".repeat(32), TOKEN], url: `${PUBLIC}/sms` });
    const r = signedForm(`${PUBLIC}/sms`);
    const ok = check({ method: "POST", url: "/sms", headers: r.headers, rawBody: r.body });
    assert.equal(ok.valid, true);
    assert.equal(ok.status, 200);
    assert.deepEqual(ok.result.matched, { tokenIndex: 1, candidate: "as-received" });
    assert.equal(ok.url, `${PUBLIC}/sms`);
    const bad = check({ method: "POST", url: "/sms", headers: r.headers, rawBody: `${r.body}x` });
    assert.deepEqual([bad.valid, bad.status, bad.reason], [false, 403, "mismatch"]);
    // A form body a parser already decoded (no raw bytes): checked like twilio-node.
    const decoded = check({ method: "POST", url: "/sms", headers: r.headers, body: { ...SMS } });
    assert.equal(decoded.valid, true);
    // A raw body of another type is not guessed at.
    const odd = check({ method: "POST", url: "/sms", headers: r.headers, rawBody: { text: r.body } });
    assert.deepEqual([odd.status, odd.reason], [403, "no-raw-body"]);
    // A JSON body without its raw bytes cannot be checked.
    const json = signedJson(`${PUBLIC}/sms`, JSON_BODY);
    const noRaw = verify.requestVerifier(TOKEN, { url: json.full })({ method: "POST", url: "/sms", headers: json.headers, body: JSON.parse(JSON_BODY) });
    assert.deepEqual([noRaw.status, noRaw.reason], [403, "no-raw-body"]);
  });

  test("the Fetch API (what Workers, Deno and Bun give a handler)", async () => {
    const json = signedJson(`${PUBLIC}/sms`, JSON_BODY);
    const request = new Request(json.full, { method: "POST", headers: json.headers, body: json.body });
    const v = await verify.verifyFetchRequest(request, { authToken: TOKEN });
    assert.equal(v.valid, true);
    assert.equal(await request.text(), JSON_BODY, "the handler can still read the body");
    const internal = new Request(`http://10.0.0.7:8080${pathOf(json.full)}`, {
      method: "POST",
      headers: { ...json.headers, "x-forwarded-proto": "https", "x-forwarded-host": "hooks.example.com" },
      body: json.body,
    });
    assert.equal((await verify.verifyFetchRequest(internal.clone(), { authToken: TOKEN })).status, 403);
    assert.equal((await verify.verifyFetchRequest(internal, { authToken: TOKEN, trustForwardedHeaders: true })).status, 200);
  });

  test("the token comes from TWILIO_AUTH_TOKEN when not given", () => {
    const saved = process.env.TWILIO_AUTH_TOKEN;
    process.env.TWILIO_AUTH_TOKEN = TOKEN;
    try {
      const r = signedForm(`${PUBLIC}/sms`);
      const v = verify.requestVerifier({ url: `${PUBLIC}/sms` })({ method: "POST", headers: r.headers, rawBody: r.body });
      assert.equal(v.valid, true);
    } finally {
      if (saved === undefined) delete process.env.TWILIO_AUTH_TOKEN;
      else process.env.TWILIO_AUTH_TOKEN = saved;
    }
  });
});
