// The web tail of `twilio-webhook-inspector/verify` (an ES module with no Node built-ins:
// browsers, bundlers, Cloudflare Workers, Deno, Bun). The module is instantiated once by
// `await init()` (fetches verify.wasm next to this file, or takes a URL, Response, bytes or
// a compiled WebAssembly.Module) or `initSync(moduleOrBytes)` (Workers import the .wasm as
// a module); the functions are synchronous afterwards. The module hashes bodies itself.
let api = null;
function ready() {
  if (api === null) throw new Error("twilio-webhook-inspector/verify: call `await init()` or `initSync(module)` first");
  return api;
}
function start(instance) {
  api ??= verifyEntry(instance.exports, {});
}
export function initSync(input) {
  if (api !== null) return;
  let m = input?.module ?? input;
  if (!(m instanceof WebAssembly.Module)) m = new WebAssembly.Module(m);
  start(new WebAssembly.Instance(m, {}));
}
export default async function init(input) {
  if (api !== null) return;
  let m = input?.module_or_path ?? input?.module ?? input ?? new URL("./verify.wasm", import.meta.url);
  if (typeof m === "string" || m instanceof URL || (typeof Request === "function" && m instanceof Request)) m = fetch(m);
  m = await m;
  if (typeof Response === "function" && m instanceof Response) {
    const streaming = typeof WebAssembly.instantiateStreaming === "function" && /^application\/wasm/.test(m.headers.get("content-type") ?? "");
    start(streaming ? (await WebAssembly.instantiateStreaming(m, {})).instance : (await WebAssembly.instantiate(await m.arrayBuffer(), {})).instance);
  } else if (m instanceof WebAssembly.Module) start(await WebAssembly.instantiate(m, {}));
  else start((await WebAssembly.instantiate(m, {})).instance);
}
export const verifySignature = (a, b, c, d, e) => ready().verifySignature(a, b, c, d, e);
export const validateRequest = (a, b, c, d) => ready().validateRequest(a, b, c, d);
export const validateRequestWithBody = (a, b, c, d) => ready().validateRequestWithBody(a, b, c, d);
export const getExpectedTwilioSignature = (a, b, c) => ready().getExpectedTwilioSignature(a, b, c);
export const getExpectedBodyHash = (a) => ready().getExpectedBodyHash(a);
export const validateBody = (a, b) => ready().validateBody(a, b);
const web = webhookEntry(
  { verifySignature, validateRequest },
  { env: (name) => globalThis.process?.env?.[name], doctor: () => null },
);
export const { requestVerifier, webhook, keepRawBody, fastifyRawBody, fastifyWebhook, verifyFetchRequest } = web;
