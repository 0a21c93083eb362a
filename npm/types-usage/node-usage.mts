// Type-checked (tsc --strict --noEmit, module node16) against the installed package in
// the blank-project test: Node ESM resolution picks the `node` build's declarations.
import {
  catalog,
  inspect,
  inspectJson,
  version,
  validateRequest,
  validateRequestWithBody,
  getExpectedTwilioSignature,
  verifySignature,
  type Candidate,
  type VerifyResult,
  type VerifyOptions,
  type Catalog,
  type Code,
  type Finding,
  type InspectOptions,
  type Report,
  type Severity,
} from "twilio-webhook-inspector";

const options: InspectOptions = { url: "https://example.com/sms", authTokens: ["12345"], format: "form" };
const report: Report = inspect("From=%2B14155550100&Body=hi", options);
const bare: Report = inspect("From=%2B14155550100");
const codes: Code[] = report.findings.map((f: Finding) => f.code);
const worst: Severity | undefined = report.fields.flatMap((f) => f.findings).map((f) => f.severity)[0];
const label: string | undefined = report.fields[0]?.label;
const method: string | undefined = report.request.method;
const kind: string = report.kind.id;
const confidence: number = report.kind.confidence;
const json: string = inspectJson("a=b", {});
const cat: Catalog = catalog();
const firstKind: string | undefined = cat.kinds[0]?.id;
const v: string = version();
const expected: string = getExpectedTwilioSignature("token", "https://example.com/sms", { To: "+1", Binding: ["a", "b"] });
const ok: boolean = validateRequest("token", expected, "https://example.com/sms", { To: "+1" });
const okHeaderMissing: boolean = validateRequest("token", undefined, "https://example.com/sms", {});
const okJson: boolean = validateRequestWithBody("token", expected, "https://example.com/hook?bodySHA256=00", '{"a":1}');
const verifyOptions: VerifyOptions = { contentType: "application/x-www-form-urlencoded", method: "POST" };
const result: VerifyResult = verifySignature(["primary", "secondary"], expected, "https://example.com/sms", new Uint8Array(0), verifyOptions);
const viaString: VerifyResult = verifySignature("token", expected, "https://example.com/sms", "To=%2B1");
const candidate: Candidate | undefined = result.matched?.candidate;
const index: number | undefined = result.matched?.tokenIndex;
const why: "valid" | "missing-signature" | "no-token" | "mismatch" = result.reason;
// @ts-expect-error: the body is a string or bytes
verifySignature("token", expected, "https://example.com/sms", 42);
// @ts-expect-error: input must be a string
inspect(42);
// @ts-expect-error: unknown format id
inspect("a=b", { format: "yaml" });
export { bare, codes, worst, label, method, kind, confidence, json, firstKind, v, ok, okHeaderMissing, okJson, viaString, candidate, index, why };
