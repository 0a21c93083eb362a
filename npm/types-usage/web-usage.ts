// Bundler resolution (what Vite/webpack/esbuild users get): the `web` build, with init().
import init, { inspect, initSync, verifySignature, type Report, type VerifyResult } from "twilio-webhook-inspector";

export async function run(): Promise<Report> {
  await init();
  return inspect("From=%2B14155550100&Body=hi", { kind: "messaging-request" });
}
export function runSync(bytes: BufferSource): Report {
  initSync({ module: bytes });
  return inspect("From=%2B14155550100");
}
export function check(body: Uint8Array): VerifyResult {
  return verifySignature("token", "sig", "https://example.com/sms", body, { contentType: "application/x-www-form-urlencoded" });
}
