// The verify entry under bundler resolution (browsers, Workers): the web build, with init().
import init, { initSync, verifySignature, verifyFetchRequest, type VerifyResult, type WebhookVerdict } from "twilio-webhook-inspector/verify";

export async function run(): Promise<VerifyResult> {
  await init();
  return verifySignature("token", "sig", "https://example.com/sms", "a=b");
}
export function workers(module: WebAssembly.Module): VerifyResult {
  initSync({ module });
  return verifySignature("token", "sig", "https://example.com/sms", new Uint8Array(0));
}
export async function handle(request: Request): Promise<WebhookVerdict> {
  await init(new URL("https://cdn.example.com/verify.wasm"));
  return verifyFetchRequest(request, { authToken: "token" });
}
