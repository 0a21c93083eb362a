// The response side from npm: lintTwiml() on a 10 KB voice document (the same document as
// the native `twiml` group of benches/native.rs: an IVR block repeated — <Gather> with SSML
// <Say>, <Play>, <Dial><Number>), as TwiML alone and as a raw HTTP response.
//
// twilio-node has no TwiML parser or checker, so the side-by-side row is what a server does
// with twilio-node to produce the same answer: build it with `twiml.VoiceResponse` and
// serialise it (`toString()`). The ratio says how much linting costs next to building.
//
// Run: node npm/bench/twiml.mjs (after scripts/npm-build.sh), or bash scripts/bench.sh.
import { createRequire } from "node:module";

import { loadNodeBuild } from "../lib/helpers.mjs";

const ours = loadNodeBuild();
const twilio = createRequire(import.meta.url)("twilio");

const BLOCK = `  <Gather input="dtmf speech" action="https://example.com/ivr/menu?step=STEP" method="POST" timeout="5" numDigits="1" language="en-US" hints="sales, support">
    <Say voice="Polly.Joanna" language="en-US">For sales, press 1. <break time="300ms"/> For <emphasis level="strong">support</emphasis>, press 2.</Say>
    <Play loop="1">https://example.com/audio/menu-STEP.mp3</Play>
  </Gather>
  <Dial timeout="20" callerId="+14155550100" record="record-from-answer" action="/ivr/after-dial"><Number statusCallbackEvent="initiated ringing answered" statusCallback="https://example.com/status">+14155550199</Number></Dial>
`;

/** The document of benches/native.rs `voice_document_10k`, byte for byte. */
function voiceDocument10k() {
  let doc = '<?xml version="1.0" encoding="UTF-8"?>\n<Response>\n';
  let step = 0;
  while (Buffer.byteLength(doc) < 10 * 1024 - 200) {
    doc += BLOCK.replaceAll("STEP", String(step));
    step += 1;
  }
  return { doc: `${doc}  <Hangup/>\n</Response>\n`, blocks: step };
}

/** The same answer built with twilio-node's TwiML builder. */
function buildWithTwilioNode(blocks) {
  const response = new twilio.twiml.VoiceResponse();
  for (let step = 0; step < blocks; step++) {
    const gather = response.gather({
      input: "dtmf speech",
      action: `https://example.com/ivr/menu?step=${step}`,
      method: "POST",
      timeout: 5,
      numDigits: 1,
      language: "en-US",
      hints: "sales, support",
    });
    const say = gather.say({ voice: "Polly.Joanna", language: "en-US" }, "For sales, press 1. ");
    say.break({ time: "300ms" });
    say.addText(" For ");
    say.emphasis({ level: "strong" }, "support");
    say.addText(", press 2.");
    gather.play({ loop: 1 }, `https://example.com/audio/menu-${step}.mp3`);
    const dial = response.dial({ timeout: 20, callerId: "+14155550100", record: "record-from-answer", action: "/ivr/after-dial" });
    dial.number({ statusCallbackEvent: "initiated ringing answered", statusCallback: "https://example.com/status" }, "+14155550199");
  }
  response.hangup();
  return response.toString();
}

const { doc, blocks } = voiceDocument10k();
const http = `HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n\r\n${doc}`;
const options = { kind: "voice-request", url: "https://example.com/ivr/start", document: "voice" };

const built = buildWithTwilioNode(blocks);
const variants = {
  "twilio-node: build with VoiceResponse + toString()": [() => buildWithTwilioNode(blocks).length, built.length],
  "ours: lintTwiml(10 KB document)": [() => ours.lintTwiml(doc, options).accepted, true],
  "ours: lintTwiml(HTTP response with the document)": [() => ours.lintTwiml(http, options).accepted, true],
  "ours: lintTwiml(twilio-node's output)": [() => ours.lintTwiml(built, options).accepted, true],
};
for (const [name, [f, want]] of Object.entries(variants)) {
  const got = f();
  if (got !== want) throw new Error(`${name} returned ${got}, expected ${want}`);
}

const N = Number(process.env.N ?? 200);
const rounds = Number(process.env.ROUNDS ?? 9);
const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
for (const [f] of Object.values(variants)) for (let i = 0; i < N; i++) f();
const times = {};
for (let r = 0; r < rounds; r++) {
  for (const [name, [f]] of Object.entries(variants)) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < N; i++) f();
    (times[name] ??= []).push(Number(process.hrtime.bigint() - t0) / N);
  }
}
const base = median(times["twilio-node: build with VoiceResponse + toString()"]);
console.log(`\nNode ${process.version}: a ${Buffer.byteLength(doc).toLocaleString("en-US")}-byte voice document (${blocks} IVR blocks); medians of ${rounds} interleaved rounds\n`);
console.log("| variant | µs per document | MiB/s | × twilio-node build |\n|---|---:|---:|---:|");
for (const [name, t] of Object.entries(times)) {
  const ns = median(t);
  const mib = Buffer.byteLength(doc) / (ns / 1e9) / (1 << 20);
  console.log(`| ${name} | ${(ns / 1000).toFixed(1)} | ${mib.toFixed(1)} | ${(base / ns).toFixed(2)}× |`);
}
