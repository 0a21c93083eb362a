// Differential signature vectors, step 3 of 3 (see tools/sigdiff/README.md): reads
// python.py's JSON Lines on stdin, sets `node_valid` from twilio-node's validateRequest
// (form: the pairs as querystring.parse gives them; GET: {}) or validateRequestWithBody
// (JSON), writes the final vectors (the fields of tests/data/signature/*.jsonl).
import { createRequire } from "node:module";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

import { paramsObject } from "../../npm/lib/helpers.mjs";

const require = createRequire(join(dirname(fileURLToPath(import.meta.url)), "../../npm/package.json"));
const twilio = require("twilio");

for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const row = JSON.parse(line);
  const notes = [row.sign.how];
  let nodeValid;
  // twilio-node 6.2 has no SharedKey support: an algorithm header leaves node out, as in
  // signature-vectors-sha256.jsonl (null).
  const sharedKey = /algorithm\s*=/i.test(row.signature_settings ?? "") && !/algorithm\s*=\s*HMAC_SHA1\s*(,|$)/i.test(row.signature_settings);
  if (sharedKey) nodeValid = null;
  else try {
    nodeValid =
      row.content_type === "application/json"
        ? twilio.validateRequestWithBody(row.auth_token, row.signature, row.url, row.body)
        : twilio.validateRequest(row.auth_token, row.signature, row.url, row.method === "GET" ? {} : paramsObject(row.params));
  } catch (e) {
    nodeValid = false;
    notes.push(`node throws ${e.name}: ${e.message}`);
  }
  if (row.python_note) notes.push(row.python_note);
  if (row.sign.token !== row.auth_token) notes.push(`signed with token ${JSON.stringify(row.sign.token)}`);
  if (nodeValid !== null && Boolean(nodeValid) !== row.python_valid) notes.unshift("DISAGREEMENT");
  const out = {
    id: row.id,
    auth_token: row.auth_token,
    url: row.url,
    method: row.method,
    content_type: row.content_type,
    body: row.body,
    params: row.params,
    signature: row.signature,
    ...(row.signature_settings !== undefined ? { signature_settings: row.signature_settings } : {}),
    node_valid: nodeValid === null ? null : Boolean(nodeValid),
    python_valid: row.python_valid,
    note: notes.join("; "),
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}
