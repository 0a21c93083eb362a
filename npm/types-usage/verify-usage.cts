// The verify entry from CommonJS (require resolution, node16).
import verify = require("twilio-webhook-inspector/verify");

const r: verify.VerifyResult = verify.verifySignature("token", "sig", "https://example.com/sms", "a=b");
const middleware = verify.webhook({ authToken: "token" });
export = [r.valid, typeof middleware];
