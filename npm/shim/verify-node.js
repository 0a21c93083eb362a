// Node's tail of `twilio-webhook-inspector/verify` (CommonJS; Node's ESM loader finds the
// named exports): loads verify.wasm synchronously and hands large JSON bodies' SHA-256 to
// node:crypto. The HMACs stay in wasm: node:crypto's createHmac costs more per call than
// the wasm HMAC of a whole SMS (npm/bench/verify.mjs prints both).
const wasm = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(join(__dirname, "verify.wasm"))), {}).exports;
const api = verifyEntry(wasm, {
  sha256: (body) => createHash("sha256").update(body).digest("hex"),
  hashFrom: HASH_FROM,
});
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
