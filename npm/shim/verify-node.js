// Node's tail of `twilio-webhook-inspector/verify` (CommonJS; Node's ESM loader finds the
// named exports): loads verify-node.wasm (the module built for speed, with the host exports)
// synchronously. node:crypto has SHA instructions, WebAssembly has none, so two jobs go to it:
// the SHA-256 of bodies signed through bodySHA256 (0.9 µs for 128 bytes and 2 µs for 2 KB,
// against 3 and 17 µs in wasm), and, from Node 20.12 (one-shot `crypto.hash`), the
// HMAC-SHA1 over the strings to sign the module writes (two hash calls, about half the
// wasm HMAC of an SMS; createHmac costs more than the wasm HMAC: npm/bench/verify.mjs).
const wasm = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(join(__dirname, "verify-node.wasm"))), {}).exports;
const sha1 = typeof oneShotHash === "function" ? (data, encoding) => oneShotHash("sha1", data, encoding) : undefined;
const sha256 = (body) => createHash("sha256").update(body).digest("hex");
const api = verifyEntry(wasm, { sha256, sha1 });
// For the tests and benchmarks only: the same functions with node:crypto's HMAC from
// `minBytes` of URL and body (0: always, Infinity: never), counting its SHA-1 calls.
exports.__hostHmacEntry = (minBytes) => {
  let calls = 0;
  const counted = sha1 && ((data, encoding) => (calls++, sha1(data, encoding)));
  return { ...verifyEntry(wasm, { sha256, sha1: counted, hostMin: minBytes }), sha1Calls: () => calls };
};
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
