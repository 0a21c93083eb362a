// The CommonJS view of the same package (require resolution, node16).
import twi = require("twilio-webhook-inspector");

const report: twi.Report = twi.inspect("CallSid=CA0123456789abcdef0123456789abcdef");
const n: number = report.counts.error + report.counts.warning + report.counts.info;
export = n;
