// Server-side verification, side by side in one Node process: twilio-node 6.2.0, the full
// entry (`twilio-webhook-inspector`) and the verify entry (`twilio-webhook-inspector/verify`)
// on the same requests: an inbound SMS form body (~700 bytes; valid, invalid signature, and
// the drop-in validateRequest on the decoded object) and a 2 KB JSON body signed through
// bodySHA256. Then the figures behind the verify entry's design: node:crypto's per-call
// cost against the wasm module's own hashing. Interleaved rounds after warm-up; medians of
// wall-clock and of CPU time per call (CPU time is steadier on a busy machine). Figures are
// printed, not judged. Run: node npm/bench/verify.mjs (after scripts/npm-build.sh).
import { createHash, createHmac, hash as oneShotHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import querystring from "node:querystring";

import { PKG_DIR, loadNodeBuild } from "../lib/helpers.mjs";
import { status } from "./inputs.mjs";

const require = createRequire(import.meta.url);
const full = loadNodeBuild();
const verify = require(join(PKG_DIR, "verify", "index.js"));
const web = await import(pathToFileURL(join(PKG_DIR, "verify", "web.mjs")).href);
web.initSync({ module: readFileSync(join(PKG_DIR, "verify", "verify.wasm")) });
const twilio = require("twilio");

const token = "12345678901234567890123456789012";
const url = "https://example.com/twilio/sms?tenant=acme";
// A realistic inbound SMS webhook: 22 parameters, about 700 bytes.
const body =
  "ToCountry=US&ToState=CA&SmsMessageSid=SM0123456789abcdef0123456789abcdef&NumMedia=0&ToCity=SAN+FRANCISCO" +
  "&FromZip=94105&SmsSid=SM0123456789abcdef0123456789abcdef&FromState=CA&SmsStatus=received&FromCity=SAN+FRANCISCO" +
  "&Body=Hello+from+the+benchmark%21+%F0%9F%91%8B+How+are+you%3F&FromCountry=US&To=%2B14155550199&ToZip=94105" +
  "&NumSegments=1&MessageSid=SM0123456789abcdef0123456789abcdef&AccountSid=AC0123456789abcdef0123456789abcdef" +
  "&From=%2B14155550100&ApiVersion=2010-04-01&MessagingServiceSid=MG0123456789abcdef0123456789abcdef" +
  "&ReferralNumMedia=0&NumMedia=0";
const bytes = Buffer.from(body);
const decoded = querystring.parse(body);
const good = twilio.getExpectedTwilioSignature(token, url, decoded);
const bad = `${good.slice(0, -3)}AA=`;
const form = { contentType: "application/x-www-form-urlencoded" };
const statusUrl = "https://example.com/twilio/status?tenant=acme";
const statusBytes = Buffer.from(status);
const statusGood = twilio.getExpectedTwilioSignature(token, statusUrl, querystring.parse(status));
const statusBad = `${statusGood.slice(0, -3)}AA=`;

// A 2 KB JSON body (an event list), signed through bodySHA256 in the URL.
const events = [];
while (JSON.stringify(events).length < 2000) {
  events.push({ sid: `EV${String(events.length).padStart(32, "0")}`, type: "com.twilio.messaging.message.delivered", ts: "2025-06-03T17:12:41Z" });
}
const jsonText = JSON.stringify(events);
const jsonBytes = Buffer.from(jsonText);
const jsonUrl = `${url}&bodySHA256=${createHash("sha256").update(jsonText).digest("hex")}`;
const jsonGood = twilio.getExpectedTwilioSignature(token, jsonUrl, {});
const json = { contentType: "application/json" };

const N = Number(process.env.N ?? 2000);
const ROUNDS = Number(process.env.ROUNDS ?? 9);
const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
const cpu = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

/** Times the variants (name → [fn, expected]); returns name → { wall, cpu } in µs. */
function time(variants) {
  for (const [name, [f, want]] of Object.entries(variants)) {
    const got = f();
    if (got !== want) throw new Error(`${name} returned ${got}, expected ${want}`);
  }
  for (const [f] of Object.values(variants)) for (let i = 0; i < N; i++) f();
  const wall = {};
  const cpus = {};
  for (let r = 0; r < ROUNDS; r++) {
    for (const [name, [f]] of Object.entries(variants)) {
      const t0 = process.hrtime.bigint();
      const c0 = cpu();
      for (let i = 0; i < N; i++) f();
      (cpus[name] ??= []).push((cpu() - c0) / N);
      (wall[name] ??= []).push(Number(process.hrtime.bigint() - t0) / N / 1000);
    }
  }
  return Object.fromEntries(Object.keys(variants).map((n) => [n, { wall: median(wall[n]), cpu: median(cpus[n]) }]));
}

const TW = "twilio-node";
const groups = [
  {
    title: "SMS form body, valid signature (peer: querystring.parse + validateRequest)",
    peer: `${TW}: querystring.parse + validateRequest`,
    variants: {
      [`${TW}: querystring.parse + validateRequest`]: [() => twilio.validateRequest(token, good, url, querystring.parse(bytes.toString("utf8"))), true],
      "full entry: verifySignature(Buffer)": [() => full.verifySignature(token, good, url, bytes, form).valid, true],
      "verify entry: verifySignature(Buffer)": [() => verify.verifySignature(token, good, url, bytes, form).valid, true],
      "verify entry: verifySignature(string)": [() => verify.verifySignature(token, good, url, body, form).valid, true],
      "verify entry, web build: verifySignature(Buffer)": [() => web.verifySignature(token, good, url, bytes, form).valid, true],
    },
  },
  {
    title: "status callback, valid signature (peer: querystring.parse + validateRequest)",
    peer: `${TW}: querystring.parse + validateRequest`,
    variants: {
      [`${TW}: querystring.parse + validateRequest`]: [() => twilio.validateRequest(token, statusGood, statusUrl, querystring.parse(statusBytes.toString("utf8"))), true],
      "full entry: verifySignature(Buffer)": [() => full.verifySignature(token, statusGood, statusUrl, statusBytes, form).valid, true],
      "verify entry: verifySignature(Buffer)": [() => verify.verifySignature(token, statusGood, statusUrl, statusBytes, form).valid, true],
    },
  },
  {
    title: "status callback, invalid signature (peer: the same, invalid)",
    peer: `${TW}: invalid signature`,
    variants: {
      [`${TW}: invalid signature`]: [() => twilio.validateRequest(token, statusBad, statusUrl, querystring.parse(statusBytes.toString("utf8"))), false],
      "verify entry: verifySignature(Buffer), invalid": [() => verify.verifySignature(token, statusBad, statusUrl, statusBytes, form).valid, false],
    },
  },
  {
    title: "SMS form body, invalid signature (peer: the same, invalid)",
    peer: `${TW}: invalid signature`,
    variants: {
      [`${TW}: invalid signature`]: [() => twilio.validateRequest(token, bad, url, querystring.parse(bytes.toString("utf8"))), false],
      "full entry: verifySignature(Buffer), invalid": [() => full.verifySignature(token, bad, url, bytes, form).valid, false],
      "verify entry: verifySignature(Buffer), invalid": [() => verify.verifySignature(token, bad, url, bytes, form).valid, false],
    },
  },
  {
    title: "JSON 2 KB with bodySHA256 (peer: validateRequestWithBody)",
    peer: `${TW}: validateRequestWithBody`,
    variants: {
      [`${TW}: validateRequestWithBody`]: [() => twilio.validateRequestWithBody(token, jsonGood, jsonUrl, jsonText), true],
      "full entry: verifySignature(Buffer)": [() => full.verifySignature(token, jsonGood, jsonUrl, jsonBytes, json).valid, true],
      "verify entry: verifySignature(Buffer)": [() => verify.verifySignature(token, jsonGood, jsonUrl, jsonBytes, json).valid, true],
      "verify entry: validateRequestWithBody(string)": [() => verify.validateRequestWithBody(token, jsonGood, jsonUrl, jsonText), true],
      "verify entry, web build (wasm SHA-256)": [() => web.verifySignature(token, jsonGood, jsonUrl, jsonBytes, json).valid, true],
    },
  },
  {
    title: "drop-in validateRequest(decoded object) (peer: twilio-node's)",
    peer: `${TW}: validateRequest(decoded object)`,
    variants: {
      [`${TW}: validateRequest(decoded object)`]: [() => twilio.validateRequest(token, good, url, decoded), true],
      "full entry: validateRequest": [() => full.validateRequest(token, good, url, decoded), true],
      "verify entry: validateRequest": [() => verify.validateRequest(token, good, url, decoded), true],
    },
  },
];

console.log(`\nNode ${process.version}, twilio ${twilio.VERSION ?? "6.2.0"}: median µs per call (wall / CPU) and speed-up over the peer (CPU)\n`);
console.log("| case | variant | µs wall | µs CPU | × peer |\n|---|---|---:|---:|---:|");
const rows = [];
for (const g of groups) {
  const t = time(g.variants);
  for (const [name, m] of Object.entries(t)) {
    const ratio = t[g.peer].cpu / m.cpu;
    rows.push({ case: g.title, name, wall: m.wall, cpu: m.cpu, ratio });
    console.log(`| ${g.title} | ${name} | ${m.wall.toFixed(2)} | ${m.cpu.toFixed(2)} | ${ratio.toFixed(2)}× |`);
  }
}

// Issue 15's rows for the verify entry, each with its goal.
const GOALS = [
  ["SMS form body, valid signature", "verify entry: verifySignature(Buffer)", 3],
  ["status callback, valid signature", "verify entry: verifySignature(Buffer)", 3],
  ["SMS form body, invalid signature", "verify entry: verifySignature(Buffer), invalid", 5],
  ["status callback, invalid signature", "verify entry: verifySignature(Buffer), invalid", 5],
  ["JSON 2 KB with bodySHA256", "verify entry: verifySignature(Buffer)", 1],
  ["drop-in validateRequest(decoded object)", "verify entry: validateRequest", 1.5],
];
console.log("\nIssue 15 rows (verify entry vs twilio-node 6.2.0, this run)\n\n| case | × twilio-node | goal | met |\n|---|---:|---:|---|");
for (const [title, name, goal] of GOALS) {
  const r = rows.find((x) => x.case.startsWith(title) && x.name === name);
  if (r) console.log(`| ${title} | ${r.ratio.toFixed(2)}× | ≥ ${goal}× | ${r.ratio >= goal ? "met" : "NOT MET"} |`);
}

// Why the HMACs stay in wasm and large bodies go to node:crypto.
const smsString = full.inspect(body, { url, authTokens: [token], signature: good }).signature.stringToSign ?? "";
const design = {};
for (const size of [128, 512, 2048, 16384]) {
  const b = Buffer.alloc(size, 97);
  Object.assign(design, {
    [`SHA-256 of ${size} B: node:crypto createHash`]: [() => createHash("sha256").update(b).digest("hex").length, 64],
    [`SHA-256 of ${size} B: wasm (web build)`]: [() => web.getExpectedBodyHash(b).length, 64],
  });
}
design["HMAC-SHA1 of the SMS string-to-sign: node:crypto createHmac"] = [() => createHmac("sha1", token).update(smsString).digest("base64").length, 28];
// getExpectedTwilioSignature with no params signs the URL string alone: one HMAC in wasm,
// call included.
design["HMAC-SHA1 of the SMS string-to-sign: wasm (verify entry)"] = [() => verify.getExpectedTwilioSignature(token, smsString, {}).length, 28];
if (typeof oneShotHash === "function") {
  // HMAC-SHA1 as two calls of node:crypto's one-shot hash (Node >= 20.12): SHA-1 over (inner
  // key block ++ string), then over (outer key block ++ that hash). Faster than the wasm HMAC
  // alone, but a route where the module writes the strings to sign back for it measured
  // slower than the module's own HMAC overall (README, "Performance and size").
  const key = Buffer.alloc(64);
  key.write(token);
  const inner = Buffer.concat([key.map((b) => b ^ 0x36), Buffer.from(smsString)]);
  const outer = Buffer.concat([key.map((b) => b ^ 0x5c), Buffer.alloc(20)]);
  design["HMAC-SHA1 of the SMS string-to-sign: two one-shot node:crypto SHA-1"] = [() => {
    const h = oneShotHash("sha1", inner, "latin1");
    for (let i = 0; i < 20; i++) outer[64 + i] = h.charCodeAt(i);
    return oneShotHash("sha1", outer, "base64").length;
  }, 28];
}
design["whole SMS verification in wasm (verify entry, valid)"] = [() => verify.verifySignature(token, good, url, bytes, form).valid, true];
const d = time(design);
console.log("\nDesign figures (µs per call, wall / CPU)\n\n| operation | µs wall | µs CPU |\n|---|---:|---:|");
for (const [name, m] of Object.entries(d)) console.log(`| ${name} | ${m.wall.toFixed(2)} | ${m.cpu.toFixed(2)} |`);
if (process.env.BENCH_JSON) console.log(JSON.stringify({ rows, design: d }));
