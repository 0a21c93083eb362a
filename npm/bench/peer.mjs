// Side by side with twilio-node, in one process, on the same inputs (the same requests as
// benches/inputs.rs): a ~20-parameter SMS, a 10-media MMS, a ~25-parameter status
// callback, and a 2 KB JSON body signed through bodySHA256.
//
// Peer pipeline (what an app runs today): querystring.parse(raw body) + validateRequest
// (validateRequestWithBody for JSON). Ours: verifySignature on the raw body (valid and
// invalid signature), the drop-in validateRequest with the same decoded object, and the full
// inspect (report object included). Variants run interleaved, several rounds after warm-up;
// the table shows medians: operations per second and the ratio to the peer pipeline.
//
// Run: node npm/bench/peer.mjs (after scripts/npm-build.sh), or bash scripts/bench.sh.
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import querystring from "node:querystring";

import { loadNodeBuild } from "../lib/helpers.mjs";
import { status } from "./inputs.mjs";

const ours = loadNodeBuild();
const twilio = createRequire(import.meta.url)("twilio");

const token = "12345678901234567890123456789012";
const url = "https://example.com/twilio/hook?tenant=acme";

const sms =
  "ToCountry=US&ToState=CA&SmsMessageSid=SM0123456789abcdef0123456789abcdef&NumMedia=0&ToCity=SAN+FRANCISCO" +
  "&FromZip=94105&SmsSid=SM0123456789abcdef0123456789abcdef&FromState=CA&SmsStatus=received&FromCity=SAN+FRANCISCO" +
  "&Body=Hello+from+the+benchmark%21+%F0%9F%91%8B+How+are+you%3F&FromCountry=US&To=%2B14155550199&ToZip=94105" +
  "&NumSegments=1&MessageSid=SM0123456789abcdef0123456789abcdef&AccountSid=AC0123456789abcdef0123456789abcdef" +
  "&From=%2B14155550100&ApiVersion=2010-04-01&MessagingServiceSid=MG0123456789abcdef0123456789abcdef";
let mms =
  "ToCountry=US&ToState=CA&SmsMessageSid=MM0123456789abcdef0123456789abcdef&NumMedia=10&ToCity=SAN+FRANCISCO" +
  "&FromZip=94105&SmsSid=MM0123456789abcdef0123456789abcdef&FromState=CA&SmsStatus=received&FromCity=SAN+FRANCISCO" +
  "&Body=Photos+from+the+trip&FromCountry=US&To=%2B14155550199&ToZip=94105&NumSegments=1" +
  "&MessageSid=MM0123456789abcdef0123456789abcdef&AccountSid=AC0123456789abcdef0123456789abcdef" +
  "&From=%2B14155550100&ApiVersion=2010-04-01";
for (let i = 0; i < 10; i++) {
  mms +=
    `&MediaContentType${i}=image%2Fjpeg&MediaUrl${i}=https%3A%2F%2Fapi.twilio.com%2F2010-04-01%2FAccounts%2F` +
    `AC0123456789abcdef0123456789abcdef%2FMessages%2FMM0123456789abcdef0123456789abcdef%2FMedia%2FME0123456789abcdef0123456789abcde${i}`;
}

// A 2 KB JSON body (an event list), signed through bodySHA256 in the URL.
const events = [];
while (JSON.stringify(events).length < 2000) {
  events.push({ sid: `EV${String(events.length).padStart(32, "0")}`, type: "com.twilio.messaging.message.delivered", ts: "2025-06-03T17:12:41Z" });
}
const jsonText = JSON.stringify(events);
const jsonUrl = `${url}&bodySHA256=${createHash("sha256").update(jsonText).digest("hex")}`;

const form = { contentType: "application/x-www-form-urlencoded" };
const peers = {
  "ours: verifySignature(raw Buffer), valid": "twilio-node: querystring.parse + validateRequest",
  "ours: verifySignature(raw Buffer), invalid": "twilio-node, invalid signature",
  "ours: validateRequest(decoded object)": "twilio-node: validateRequest(decoded object)",
  "ours: inspect (full report object)": "twilio-node: querystring.parse + validateRequest",
  "ours: validateRequestWithBody": "twilio-node: validateRequestWithBody",
};
const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];

function run(label, variants, baseName) {
  for (const [name, [f, want]] of Object.entries(variants)) {
    const got = f();
    if (got !== want) throw new Error(`${label}: ${name} returned ${got}, expected ${want}`);
  }
  const N = Number(process.env.N ?? 2000);
  const rounds = Number(process.env.ROUNDS ?? 9);
  for (const [f] of Object.values(variants)) for (let i = 0; i < N; i++) f();
  const times = {};
  for (let r = 0; r < rounds; r++) {
    for (const [name, [f]] of Object.entries(variants)) {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < N; i++) f();
      (times[name] ??= []).push(Number(process.hrtime.bigint() - t0) / N);
    }
  }
  const base = median(times[baseName]);
  // Each of ours is also compared with the peer doing the same thing (same validity, same
  // decoded object); `peers` maps our variant to that peer variant.
  return Object.entries(times).map(([name, t]) => {
    const peer = peers[name];
    return {
      input: label,
      name,
      opsPerSec: 1e9 / median(t),
      ratio: base / median(t),
      same: peer && times[peer] ? median(times[peer]) / median(t) : null,
    };
  });
}

const rows = [];
const reportBytes = {};
for (const [label, body] of [["sms", sms], ["mms", mms], ["status", status]]) {
  const bytes = Buffer.from(body);
  const decoded = querystring.parse(body);
  const good = twilio.getExpectedTwilioSignature(token, url, decoded);
  const bad = "AAAAAAAAAAAAAAAAAAAAAAAAAAA=";
  const peer = "twilio-node: querystring.parse + validateRequest";
  const inspectOptions = { url, signature: good, authTokens: [token] };
  // The floor of any report handed over as JSON: parsing this input's report text alone.
  const reportJson = ours.inspectJson(body, inspectOptions);
  reportBytes[label] = Buffer.byteLength(reportJson);
  rows.push(
    ...run(
      label,
      {
        [peer]: [() => twilio.validateRequest(token, good, url, querystring.parse(bytes.toString("utf8"))), true],
        "twilio-node, invalid signature": [() => twilio.validateRequest(token, bad, url, querystring.parse(bytes.toString("utf8"))), false],
        "ours: verifySignature(raw Buffer), valid": [() => ours.verifySignature(token, good, url, bytes, form).valid, true],
        "ours: verifySignature(raw Buffer), invalid": [() => ours.verifySignature(token, bad, url, bytes, form).valid, false],
        "twilio-node: validateRequest(decoded object)": [() => twilio.validateRequest(token, good, url, decoded), true],
        "ours: validateRequest(decoded object)": [() => ours.validateRequest(token, good, url, decoded), true],
        "ours: inspect (full report object)": [() => ours.inspect(body, inspectOptions).signature.status, "valid"],
        "floor: JSON.parse(report JSON) alone": [() => JSON.parse(reportJson).signature.status, "valid"],
      },
      peer,
    ),
  );
}
{
  const bytes = Buffer.from(jsonText);
  const good = twilio.getExpectedTwilioSignature(token, jsonUrl, {});
  const peer = "twilio-node: validateRequestWithBody";
  rows.push(
    ...run(
      "json 2 KB",
      {
        [peer]: [() => twilio.validateRequestWithBody(token, good, jsonUrl, bytes.toString("utf8")), true],
        "ours: verifySignature(raw Buffer), valid": [() => ours.verifySignature(token, good, jsonUrl, bytes, { contentType: "application/json" }).valid, true],
        "ours: validateRequestWithBody": [() => ours.validateRequestWithBody(token, good, jsonUrl, jsonText), true],
      },
      peer,
    ),
  );
}

console.log(`\nNode ${process.version}: median ops/s and ratio to the twilio-node ${twilio.VERSION ?? "6.2.0"} pipeline (same process, interleaved rounds)\n`);
console.log(`| input | variant | ops/s | × twilio-node pipeline | × twilio-node, same case |\n|---|---|---:|---:|---:|`);
for (const r of rows) {
  const same = r.same === null ? "" : `${r.same.toFixed(2)}×`;
  console.log(`| ${r.input} | ${r.name} | ${Math.round(r.opsPerSec).toLocaleString("en-US")} | ${r.ratio.toFixed(2)}× | ${same} |`);
}
// Issue 15's row for the full report, with its goal.
// The floor column: the ratio a core costing nothing would reach, because building the
// report object from its JSON (JSON.parse alone, V8's fastest way to make that many
// objects and strings) already costs this much next to the twilio-node pipeline.
console.log("\nIssue 15 row: full inspect() as a JS object vs the twilio-node pipeline (goal ≥ 0.5×)\n\n| input | report bytes | × twilio-node | floor (JSON.parse of the report alone) | met |\n|---|---:|---:|---:|---|");
for (const r of rows.filter((x) => x.name.startsWith("ours: inspect"))) {
  const floor = rows.find((x) => x.input === r.input && x.name.startsWith("floor:"));
  const bytes = reportBytes[r.input];
  console.log(`| ${r.input} | ${bytes} | ${r.ratio.toFixed(2)}× | ${floor.ratio.toFixed(2)}× | ${r.ratio >= 0.5 ? "met" : "NOT MET"} |`);
}
if (process.env.BENCH_JSON) console.log(JSON.stringify(rows));
