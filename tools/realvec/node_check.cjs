const twilio = require('twilio');
const fs = require('fs');
const lines = fs.readFileSync('tests/data/signature/real-vectors.jsonl','utf8').split('\n').filter(Boolean);
for (const l of lines) {
  const v = JSON.parse(l);
  let ok;
  if (v.content_type === 'application/json') ok = twilio.validateRequestWithBody(v.auth_token, v.signature, v.url, v.body);
  else { const p = {}; for (const [k,val] of v.params) { if (k in p) { p[k] = [].concat(p[k], val); } else p[k] = val; } ok = twilio.validateRequest(v.auth_token, v.signature, v.url, p); }
  console.log(v.id, 'node', ok, 'source', v.valid, ok===v.valid?'':'  <== DIFF');
}
