// Node's tail of `twilio-webhook-inspector/verify` (CommonJS; Node's ESM loader finds the
// named exports): loads verify-node.wasm (the module built for speed) synchronously and hands the SHA-256 of bodies signed
// through bodySHA256 to node:crypto, which has SHA instructions (0.9 µs for 128 bytes and
// 2 µs for 2 KB, against 3 and 17 µs in wasm: npm/bench/verify.mjs). The HMACs stay in wasm:
// one createHmac call costs more than the wasm HMAC; two one-shot `crypto.hash` SHA-1 cost
// less (1.2 against 2.9 µs for an SMS), but having the module write the strings to sign
// and key blocks out for them, and hashing and comparing in JS, made a whole SMS check
// slower, not faster (6.39 against 5.98 µs CPU, measured side by side on 2026-12-06).
const wasm = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(join(__dirname, "verify-node.wasm"))), {}).exports;
const api = verifyEntry(wasm, { sha256: (body) => createHash("sha256").update(body).digest("hex") });
let full;
const web = webhookEntry(api, {
  env: (name) => process.env[name],
  // The full package, loaded on the first diagnosis only (development).
  doctor: () => {
    if (full === undefined) {
      try {
        full = require("../node/index.js");
      } catch {
        full = null;
      }
    }
    return full;
  },
});
exports.verifySignature = api.verifySignature;
exports.validateRequest = api.validateRequest;
exports.validateRequestWithBody = api.validateRequestWithBody;
exports.getExpectedTwilioSignature = api.getExpectedTwilioSignature;
exports.getExpectedBodyHash = api.getExpectedBodyHash;
exports.validateBody = api.validateBody;
exports.requestVerifier = web.requestVerifier;
exports.webhook = web.webhook;
exports.keepRawBody = web.keepRawBody;
exports.fastifyRawBody = web.fastifyRawBody;
exports.fastifyWebhook = web.fastifyWebhook;
exports.verifyFetchRequest = web.verifyFetchRequest;
