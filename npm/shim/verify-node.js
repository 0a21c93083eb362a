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
api.validateRequest = asReceivedFirst(api.validateRequest);

// The drop-in's fast path. twilio-node 6's validateRequest accepts as soon as the HMAC of
// the URL exactly as received (its first candidate: removePort and addPort give it back
// unchanged when it has, resp. has not, a port) followed by the sorted keys and values
// matches. The parameters are already JS strings here, so that one candidate is computed
// in JS with node:crypto's one-shot SHA-1 (key blocks kept for the last token), which
// costs less than carrying the object into wasm memory. Anything else (no match, an
// empty token, values that are not strings, numbers or booleans, arrays of non-strings)
// goes to the module, which decides every other candidate; so this path only ever
// answers `true`, and only where twilio-node does.
function asReceivedFirst(checked) {
  // crypto.hash (Node 20.12 and 21.7 on) skips the Hash object; createHash elsewhere.
  const sha1 = typeof hash === "function" ? (data, enc) => hash("sha1", data, enc) : (data, enc) => createHash("sha1").update(data).digest(enc);
  let token = null;
  let inner = Buffer.alloc(0);
  const outer = Buffer.alloc(84);
  function keyBlocks(authToken) {
    let key = Buffer.from(authToken, "utf8");
    if (key.length > 64) key = sha1(key, "buffer");
    const ipad = Buffer.alloc(64, 0x36);
    outer.fill(0x5c, 0, 64);
    for (let i = 0; i < key.length; i++) {
      ipad[i] ^= key[i];
      outer[i] ^= key[i];
    }
    inner = Buffer.concat([ipad, inner.subarray(64)]);
    token = authToken;
  }
  // Array.prototype.sort's order for strings (UTF-16 code units, as `<` compares them);
  // an insertion sort for the usual few dozen keys, twice as fast as sort() on them.
  // The last key list and its order: a server gets the same webhook's keys, in the same
  // order, request after request, and comparing them costs less than sorting.
  let lastKeys = [];
  let lastSorted = [];
  function sorted(keys) {
    if (keys.length === lastKeys.length && keys.every((k, i) => k === lastKeys[i])) return lastSorted;
    lastKeys = keys.slice();
    if (keys.length > 32) return (lastSorted = keys.sort());
    for (let i = 1; i < keys.length; i++) {
      const k = keys[i];
      let j = i - 1;
      while (j >= 0 && keys[j] > k) {
        keys[j + 1] = keys[j];
        j--;
      }
      keys[j + 1] = k;
    }
    return (lastSorted = keys);
  }
  // url + key + value…, as twilio-node's getExpectedTwilioSignature builds it; null when
  // a value needs the module's checks.
  function stringToSign(url, params) {
    let data = url;
    for (const key of sorted(Object.keys(params))) {
      const v = params[key];
      if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") data += key + v;
      else if (Array.isArray(v) && v.every((x) => typeof x === "string")) for (const x of Array.from(new Set(v)).sort()) data += key + x;
      else return null;
    }
    return data;
  }
  return function validateRequest(authToken, signature, url, params) {
    if (typeof authToken !== "string" || authToken === "" || typeof signature !== "string" || signature.length !== 28 || typeof url !== "string" || typeof params !== "object" || params === null || Array.isArray(params)) {
      return checked(authToken, signature, url, params);
    }
    const data = stringToSign(url, params);
    if (data === null) return checked(authToken, signature, url, params);
    if (token !== authToken) keyBlocks(authToken);
    const need = 64 + 3 * data.length;
    if (inner.length < need) inner = Buffer.concat([inner.subarray(0, 64), Buffer.alloc(Math.max(need, 2 * inner.length) - 64)]);
    const n = inner.write(data, 64, "utf8");
    sha1(inner.subarray(0, 64 + n), "buffer").copy(outer, 64);
    const expected = sha1(outer, "base64");
    let diff = 0;
    for (let i = 0; i < 28; i++) diff |= expected.charCodeAt(i) ^ signature.charCodeAt(i);
    return diff === 0 || checked(authToken, signature, url, params);
  };
}
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
