// Differential signature vectors, step 1 of 3 (see tools/sigdiff/README.md): random requests
// over the themes of the official vectors (ports, scheme/host case, IDN, IPv6, userinfo,
// paths and queries needing escapes, repeated keys, key order edge cases, JSON with
// bodySHA256), each signed one of several ways. Writes JSON Lines to stdout.
// Usage: node tools/sigdiff/gen.mjs [count] [seed]
import { createHash, createHmac } from "node:crypto";
import querystring from "node:querystring";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

import { paramsObject, xorshift32 } from "../../npm/lib/helpers.mjs";

const require = createRequire(join(dirname(fileURLToPath(import.meta.url)), "../../npm/package.json"));
const twilio = require("twilio");

const count = Number(process.argv[2] ?? 400);
const seedArg = Number(process.argv[3] ?? 1);
const rand = xorshift32(seedArg);
const pick = (list) => list[rand(list.length)];

const schemes = ["https://", "https://", "https://", "http://", "HTTPS://", "Https://"];
const hosts = ["example.com", "example.com", "EXAMPLE.com", "api.example.co.uk", "bücher.example", "xn--bcher-kva.example", "127.0.0.1", "[::1]", "[2001:DB8::1]", "user:pa ss@example.com", "user@example.com", "example.com.", "my_host.example", "0x7f.1", "0177.0.0.1", "EXAMPLE.COM", "ex%41mple.com", "user:p%40ss@host.example", "ñ.example", "Ｅxample.com", "[::ffff:192.168.0.1]", "abc.ngrok-free.app", "a.b.c.d.example"];
const ports = ["", "", "", ":443", ":80", ":8080", ":", ":0443", ":65535", ":00080", ":99999", ":3000"];
const paths = ["/a\\b", "/a%2e%2e/b", "/%2E/x", "/a\tb", "/\u{1F600}", "/a%7e", "/A%3a", "/a:b", "/@x", "/a/%2e", "/sms", "/twilio/voice", "", "/", "/a b", "/ä/ö", "/a%2Fb", "/a/../b", "/a/./b", "//double", "/%7Euser", "/~user", "/path;param", "/é%C3%A9", "/a%zz", "/UPPER/Case", "/trailing/", "/a|b", "/a\"b", "/a{b}", "/a^b`c"];
const queries = ["?bodySHA256=abc", "?a=%", "?a=%zz", "?a=1#b=2", "?%C3%A9=1", "?é=ü", "?a=b=c", "?a=1&A=2", "?x=%7e", "?x=\u{1F600}", "?x=a%26b", "?x=1&&", "?&", "??x=1", "?x=%5B%5D", "", "", "", "?", "?a=1&b=2", "?tenant=acme", "?a=1&a=2", "?q=a+b", "?q=a%20b", "?q=ä", "?q='x'", "?a=1&&b=2", "?=x", "?a", "?b=2&a=1", "?x=%41%42", "?x=%e2%82%ac", "?x=a;b", "?x=a b", "?a[]=1&a[]=2", "?x=%2B1", "?x=+1", "?q=~*!()"];
const frags = ["", "", "", "", "#frag", "#"];
const keys = ["To", "From", "Body", "body", "ToCity", "To_", "CallSid", "Digits", "é", "\u{1F600}", "\uFF21", "\uE000", "A", "a", "MediaUrl0", "MediaUrl10", "MediaUrl2", "", " ", "x y", "k&v", "k=v", "SpeechResult"];
const values = ["", "+14155550100", "hi there", "a+b", "%41", "é", "\u{1F44B}", "\uFF21", "\uE000x", "line\nbreak", "tab\t", " lead", "trail ", "&=?#", "0", "null", "\u00A0", "CA0123456789abcdef0123456789abcdef"];

const rawPieces = ["Body=hi%20there", "Body=hi+there", "Body=h%c3%a9", "Body=héllo", "Body=%FF%FE", "Body=%e2%82", "To=%2b1415", "To=+1415", "flag", "=novalue", "a=b=c", "Body=100%", "Body=%zz", "Body=%2", "x%20y=1", "k+k=v+v", "From=%2B14155550100", "Digits=1234", "MediaUrl0=https%3A%2F%2Fapi.twilio.com%2Fx", "Body=%F0%9F%91%8B", "Body=\u{1F44B}", "Body=%ed%a0%80", "Caller=%2B1%20415", "e%CC%81=1"];

function makeUrl() {
  return pick(schemes) + pick(hosts) + pick(ports) + pick(paths) + pick(queries) + pick(frags);
}

function formBody(pairs) {
  // The wire body a sender would post: each side form-encoded (spaces as '+').
  const enc = (s) => encodeURIComponent(s).replace(/%20/g, "+");
  return pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join("&");
}

// Code point order (python's sorted()), for signatures made the way python makes them.
const byCodePoint = (a, b) => {
  const x = Array.from(a, (c) => c.codePointAt(0));
  const y = Array.from(b, (c) => c.codePointAt(0));
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
};

function hmac(token, data) {
  return createHmac("sha1", token).update(Buffer.from(data, "utf-8")).digest("base64");
}

function signPythonOrder(token, url, pairs) {
  let s = url;
  const ks = [...new Set(pairs.map(([k]) => k))].sort(byCodePoint);
  for (const k of ks) {
    const vs = [...new Set(pairs.filter(([x]) => x === k).map(([, v]) => v))].sort(byCodePoint);
    for (const v of vs) s += k + v;
  }
  return hmac(token, s);
}

function nodeUrlVariants(url) {
  const out = [url];
  try {
    out.push(new URL(url).toString());
  } catch {
    /* new URL() throws: only the URL as received */
  }
  return out;
}

function portSurgery(url, add) {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)/i.exec(url);
  if (!m) return url;
  const authority = m[2];
  const at = authority.lastIndexOf("@");
  const hp = authority.slice(at + 1);
  const colon = hp.indexOf(":", hp.lastIndexOf("]") + 1);
  const host = colon === -1 ? hp : hp.slice(0, colon);
  const port = colon === -1 ? "" : hp.slice(colon);
  const rest = url.slice(m[0].length);
  const pre = m[1] + authority.slice(0, at + 1) + host;
  if (!add) return pre + rest;
  if (port) return url;
  return pre + (m[1].toLowerCase() === "https://" ? ":443" : ":80") + rest;
}

const tokens = ["12345", "d1f5a2c9e8b7a6f5e4d3c2b1a0f9e8d7", "token-é"];

for (let i = 0; i < count; i++) {
  const token = pick(tokens);
  const kind = rand(10) < 7 ? "form" : rand(2) === 0 ? "json" : "get";
  let url = makeUrl();
  let pairs = [];
  let body = "";
  let contentType = "";
  let method = "POST";
  if (kind === "form" && rand(3) === 0) {
    // A body as senders really write them (raw UTF-8, %20 or '+', lower-case hex, %FF, a
    // stray '=' or '&', a name without '='); the parameters are what Express's
    // querystring.parse makes of it, and both libraries are given those.
    contentType = "application/x-www-form-urlencoded";
    body = Array.from({ length: 1 + rand(6) }, () => pick(rawPieces)).join(pick(["&", "&", "&&"]));
    const parsed = querystring.parse(body);
    pairs = Object.keys(parsed).flatMap((k) => (Array.isArray(parsed[k]) ? parsed[k].map((x) => [k, x]) : [[k, parsed[k]]]));
  } else if (kind === "form") {
    contentType = "application/x-www-form-urlencoded";
    for (let n = rand(8); n > 0; n--) pairs.push([pick(keys), pick(values)]);
    if (rand(4) === 0 && pairs.length) pairs.push([pairs[0][0], pick(values)]);
    if (rand(6) === 0 && pairs.length) pairs.push([...pairs[0]]);
    body = formBody(pairs);
  } else if (kind === "json") {
    contentType = "application/json";
    body = JSON.stringify({ property: pick(values), n: rand(100), nested: { k: pick(values) } }, null, rand(2) ? 0 : 2);
    const hash = createHash("sha256").update(Buffer.from(body, "utf-8")).digest("hex");
    const which = rand(8);
    const h = which === 0 ? hash.toUpperCase() : which === 1 ? "0".repeat(64) : which === 2 ? "" : hash;
    const sep = url.includes("?") ? (url.endsWith("?") ? "" : "&") : "?";
    const hashAt = url.indexOf("#");
    const base = hashAt === -1 ? url : url.slice(0, hashAt);
    const frag = hashAt === -1 ? "" : url.slice(hashAt);
    url = `${base}${base.includes("?") ? (base.endsWith("?") ? "" : "&") : sep === "?" ? "?" : "&"}bodySHA256=${h}${frag}`;
  } else {
    method = "GET";
  }
  const obj = paramsObject(pairs);
  const signer = rand(20);
  let how;
  let signature;
  const signToken = rand(12) === 0 ? "54321" : token;
  const variants = [url, portSurgery(url, false), portSurgery(url, true), ...nodeUrlVariants(url).slice(1)];
  if (signer < 11) {
    const v = pick(variants);
    how = `node getExpectedTwilioSignature over ${JSON.stringify(v)}`;
    signature = twilio.getExpectedTwilioSignature(signToken, v, kind === "form" ? obj : {});
  } else if (signer < 15) {
    const v = pick(variants);
    how = `HMAC-SHA1 in python's key order (code points) over ${JSON.stringify(v)}`;
    signature = signPythonOrder(signToken, v, kind === "form" ? pairs : []);
  } else if (signer < 17) {
    how = "python compute_signature over its add_port/remove_port URL (filled in by python.py)";
    signature = null;
  } else if (signer < 18 && kind !== "json") {
    how = "SharedKey: python compute_signature with HMAC_SHA256 (filled in by python.py)";
    signature = null;
  } else if (signer < 18) {
    how = "a signature with a trailing newline";
    signature = `${twilio.getExpectedTwilioSignature(signToken, url, kind === "form" ? obj : {})}\n`;
  } else {
    how = "garbage";
    signature = pick(["", "AAAAAAAAAAAAAAAAAAAAAAAAAAA=", "not base64", hmac(signToken, "unrelated")]);
  }
  const row = {
    id: `gen-${seedArg}-${String(i + 1).padStart(4, "0")}`,
    auth_token: token,
    url,
    method,
    content_type: contentType,
    body,
    params: pairs,
    signature,
    sign: { how, token: signToken, python_add_port: rand(2) === 0 },
  };
  if (how.startsWith("SharedKey")) {
    row.signature_settings = pick(["key=webhooks_sharedkey_01hz,algorithm=HMAC_SHA256", "algorithm=HMAC_SHA256", "key=k, algorithm=hmac_sha256", "key=k,algorithm=HMAC_SHA512", "key=k"]);
  } else if (rand(40) === 0) {
    row.signature_settings = pick(["key=k,algorithm=HMAC_SHA1", "", "key=k"]);
  }
  process.stdout.write(`${JSON.stringify(row)}\n`);
}
