// verifySignature on the raw body vs what a twilio-node server does: querystring.parse
// the body, then twilio.validateRequest. Same request, valid signature, interleaved
// rounds, median time per request. Run: node npm/bench/verify.mjs (after npm-build.sh).
import { createRequire } from "node:module";
import querystring from "node:querystring";

import { loadNodeBuild } from "../lib/helpers.mjs";

const twi = loadNodeBuild();
const twilio = createRequire(import.meta.url)("twilio");

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
const signature = twilio.getExpectedTwilioSignature(token, url, querystring.parse(body));
const options = { contentType: "application/x-www-form-urlencoded" };

const variants = {
  "twilio-node: querystring.parse + validateRequest": () =>
    twilio.validateRequest(token, signature, url, querystring.parse(bytes.toString("utf8"))),
  "verifySignature(Buffer body)": () => twi.verifySignature(token, signature, url, bytes, options).valid,
  "verifySignature(string body)": () => twi.verifySignature(token, signature, url, body, options).valid,
};
for (const [name, f] of Object.entries(variants)) if (f() !== true) throw new Error(`${name} rejected the request`);

const N = Number(process.env.N ?? 5000);
const rounds = Number(process.env.ROUNDS ?? 9);
for (const f of Object.values(variants)) for (let i = 0; i < N; i++) f();
const times = {};
for (let r = 0; r < rounds; r++) {
  for (const [name, f] of Object.entries(variants)) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < N; i++) f();
    (times[name] ??= []).push(Number(process.hrtime.bigint() - t0) / N / 1000);
  }
}
const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
const base = median(times["twilio-node: querystring.parse + validateRequest"]);
const rows = Object.entries(times).map(([name, a]) => ({ name, us: median(a), speedup: base / median(a) }));
for (const r of rows) console.log(`${r.name.padEnd(52)} ${r.us.toFixed(2).padStart(7)} µs/request  ${r.speedup.toFixed(2)}x`);
if (process.env.BENCH_JSON) console.log(JSON.stringify(rows));
