// The verify entry under Node ESM resolution (node16): the Node build's declarations.
import {
  verifySignature,
  validateRequest,
  validateRequestWithBody,
  getExpectedTwilioSignature,
  getExpectedBodyHash,
  validateBody,
  requestVerifier,
  webhook,
  keepRawBody,
  fastifyRawBody,
  fastifyWebhook,
  verifyFetchRequest,
  type VerifyResult,
  type VerifyOptions,
  type WebhookOptions,
  type WebhookVerdict,
} from "twilio-webhook-inspector/verify";

const options: VerifyOptions = { contentType: "application/json", method: "POST" };
const result: VerifyResult = verifySignature(["primary", "secondary"], "sig", "https://example.com/hook", new Uint8Array(0), options);
const why: "valid" | "missing-signature" | "no-token" | "mismatch" = result.reason;
const index: number | undefined = result.matched?.tokenIndex;
const expected: string = getExpectedTwilioSignature("token", "https://example.com/sms", { To: "+1", Binding: ["a", "b"] });
const ok: boolean = validateRequest("token", expected, "https://example.com/sms", { To: "+1" }) && validateRequestWithBody("token", undefined, "https://example.com/h?bodySHA256=00", "{}");
const hash: string = getExpectedBodyHash("{}");
const same: boolean = validateBody("{}", hash);
const webhookOptions: WebhookOptions = { authToken: "token", trustForwardedHeaders: true, development: false, log: (line) => void line };
const check = requestVerifier(webhookOptions);
const verdict: WebhookVerdict = check({ method: "POST", url: "/sms", headers: { "x-twilio-signature": "sig", host: "example.com" }, rawBody: "a=b" });
const status: 200 | 400 | 403 | 500 = verdict.status;
const express = webhook("token", { url: (req) => `https://example.com${req.originalUrl ?? ""}` });
express({}, { statusCode: 200, setHeader: () => undefined, end: () => undefined }, () => undefined);
keepRawBody({}, {}, new Uint8Array(0));
const fastifyHook = fastifyWebhook({ authToken: "token" });
const plugin: typeof fastifyRawBody = fastifyRawBody;
export async function fetchStyle(request: Request): Promise<boolean> {
  return (await verifyFetchRequest(request, { authTokens: ["a", "b"] })).valid;
}
// @ts-expect-error: the body is a string or bytes
verifySignature("token", "sig", "https://example.com/sms", 42);
// @ts-expect-error: params values are strings
validateRequest("token", "sig", "https://example.com/sms", { To: { nested: true } });
export { why, index, ok, same, status, fastifyHook, plugin };
