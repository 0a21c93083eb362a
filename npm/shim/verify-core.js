// The signature API of `twilio-webhook-inspector/verify` over the small wasm module built
// from verify-wasm/ (scripts/npm-build.sh wraps this file for Node and for the web). The
// module has no imports and exports functions over numbers only: arguments go through one
// buffer in its memory (a header of u32 byte lengths, then the pieces as UTF-8 or raw
// bytes), the verdict comes back as one number whose layout is read from the module
// (`twv_layout`, defined once in the core's `signature::packed`). Every decision (what is
// signed, the URL candidates, both libraries' rules) is the core's; this file only checks
// argument types, with the full entry's error messages, and copies bytes.
//
// `host.sha256(body)` (Node: node:crypto, which has SHA instructions), when given, hashes
// the body when the core says it is signed through bodySHA256 (`twv_verify` answers
// NEED_HASH); without it the module hashes bodies itself.
function verifyEntry(wasm, host) {
  const NEED_HASH = -1; // twv_verify: "hash the body" (u32::MAX seen as an i32)
  const memory = wasm.memory;
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  let bytes = new Uint8Array(0);
  let capacity = 0;
  let slot = 0; // where the next piece's length goes
  let pos = 0; // where the next piece's bytes go

  const typeName = (v) => (v === null ? "null" : Array.isArray(v) ? "an array" : typeof v);
  const fail = (f, what, v) => {
    throw new TypeError(`${f}: \`${what}\` must be ${what === "rawBody" || what === "body" ? "a string or a Uint8Array/Buffer" : what === "options" ? "an object" : "a string"}, got ${typeName(v)}`);
  };
  const str = (f, what, v) => (typeof v === "string" ? v : fail(f, what, v));
  const optStr = (f, what, v) => (v === undefined || v === null ? "" : str(f, what, v));
  const bodyArg = (f, what, v) =>
    typeof v === "string" || v instanceof Uint8Array ? v : v === undefined || v === null ? "" : fail(f, what, v);

  // Reserves the buffer for `pieces` pieces of at most `bound` bytes in all.
  function begin(pieces, bound) {
    const need = pieces * 4 + bound;
    let base;
    if (need > capacity) {
      base = wasm.twv_buffer(need);
      capacity = need;
    } else base = wasm.twv_buffer(0);
    if (bytes.buffer !== memory.buffer) bytes = new Uint8Array(memory.buffer);
    slot = base;
    pos = base + pieces * 4;
  }
  function length(n) {
    bytes[slot] = n;
    bytes[slot + 1] = n >>> 8;
    bytes[slot + 2] = n >>> 16;
    bytes[slot + 3] = n >>> 24;
    slot += 4;
  }
  // One string as UTF-8: short ASCII strings byte by byte, the rest by encodeInto
  // (what the buffer holds: 3 bytes per UTF-16 unit at most).
  function text(s) {
    const start = pos;
    const n = s.length;
    let i = 0;
    if (n <= 128) {
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c > 0x7f) break;
        bytes[pos++] = c;
      }
    }
    if (i < n) pos += encoder.encodeInto(i === 0 ? s : s.slice(i), bytes.subarray(pos)).written;
    length(pos - start);
  }
  // The arguments a server passes unchanged on every request (URL, tokens, content type,
  // method, settings): each slot keeps its last string's UTF-8, so an unchanged one is one
  // copy instead of an encoding (~0.5 µs per SMS check; npm/bench/verify.mjs). Signatures
  // and bodies change every time and are not kept.
  const lastText = [];
  const lastBytes = [];
  function repeated(i, s) {
    if (lastText[i] !== s) {
      lastText[i] = s;
      lastBytes[i] = encoder.encode(s);
    }
    const b = lastBytes[i];
    bytes.set(b, pos);
    pos += b.length;
    length(b.length);
  }
  function piece(v) {
    if (typeof v === "string") return text(v);
    bytes.set(v, pos);
    pos += v.length;
    length(v.length);
  }
  const bound = (v) => (typeof v === "string" ? v.length * 3 : v.length);
  // Text the module wrote at the start of the buffer.
  function output(n) {
    capacity = 0; // the buffer may have moved
    const base = wasm.twv_buffer(0);
    if (bytes.buffer !== memory.buffer) bytes = new Uint8Array(memory.buffer);
    return decoder.decode(bytes.subarray(base, base + n));
  }

  let layout;
  function unpack(code) {
    layout ??= JSON.parse(output(wasm.twv_layout()));
    const f = layout.fields;
    const field = ([shift, mask]) => (code >>> shift) & mask;
    const valid = field(f.valid) === 1;
    return {
      valid,
      matched: valid ? { tokenIndex: field(f.token), candidate: layout.candidates[field(f.candidate)] } : null,
      algorithm: layout.algorithms[field(f.algorithm)],
      reason: layout.reasons[field(f.reason)],
    };
  }

  // twilio-node style params (Express's req.body) as [key, value, key, value…]: values are
  // strings, numbers or booleans (as JS prints them), or arrays of those.
  function flatten(f, params) {
    const parts = [];
    if (params === undefined || params === null) return parts;
    if (typeof params !== "object" || Array.isArray(params)) {
      throw new TypeError(`${f}: \`params\` must be an object of strings, got ${typeName(params)}`);
    }
    const one = (key, v) => {
      if (typeof v === "string") parts.push(key, v);
      else if (typeof v === "number" || typeof v === "boolean") parts.push(key, String(v));
      else throw new TypeError(`${f}: \`params.${key}\` must be a string or an array of strings, got ${typeName(v)}`);
    };
    for (const key of Object.keys(params)) {
      const v = params[key];
      if (Array.isArray(v)) for (const x of v) one(key, x);
      else one(key, v);
    }
    return parts;
  }
  const sum = (list) => list.reduce((n, s) => n + s.length * 3, 0);

  function verifySignature(authTokens, signature, url, rawBody, options) {
    const F = "verifySignature";
    const tokens = Array.isArray(authTokens)
      ? authTokens.map((t, i) => str(F, `authTokens[${i}]`, t))
      : [str(F, "authTokens", authTokens)];
    const sig = optStr(F, "signature", signature);
    str(F, "url", url);
    const body = bodyArg(F, "rawBody", rawBody);
    let ct = "";
    let method = "";
    let settings = "";
    if (options !== undefined && options !== null) {
      if (typeof options !== "object") fail(F, "options", options);
      ct = optStr(F, "options.contentType", options.contentType);
      method = optStr(F, "options.method", options.method);
      settings = optStr(F, "options.signatureSettings", options.signatureSettings);
    }
    const pieces = 7 + tokens.length;
    begin(pieces, 3 * (sig.length + url.length + ct.length + method.length + settings.length) + bound(body) + sum(tokens) + 64);
    text(sig);
    repeated(0, url);
    piece(body);
    repeated(1, ct);
    repeated(2, method);
    repeated(3, settings);
    for (let i = 0; i < tokens.length; i++) {
      if (i < 2) repeated(4 + i, tokens[i]);
      else text(tokens[i]);
    }
    const hashSlot = slot;
    const hashPos = pos;
    length(0);
    let code = wasm.twv_verify(pieces, host.sha256 ? 1 : 0);
    if (code === NEED_HASH) {
      // The core says the body is signed through bodySHA256: the host hashes it.
      const hex = host.sha256(body);
      if (bytes.buffer !== memory.buffer) bytes = new Uint8Array(memory.buffer);
      slot = hashSlot;
      pos = hashPos;
      text(hex);
      code = wasm.twv_verify(pieces, 0);
    }
    return unpack(code);
  }

  function validateRequest(authToken, signature, url, params) {
    const F = "validateRequest";
    str(F, "authToken", authToken);
    const sig = optStr(F, "signature", signature);
    str(F, "url", url);
    const parts = flatten(F, params);
    const head = 3 * (authToken.length + sig.length + url.length);
    // The keys and values cross as one NUL-joined piece; the module answers 2 when a NUL
    // inside one of them breaks the split, and then they cross one by one.
    const flat = parts.join("\0");
    begin(4, head + 3 * flat.length);
    repeated(4, authToken);
    text(sig);
    repeated(0, url);
    text(flat);
    const code = wasm.twv_validate(4, parts.length);
    if (code !== 2) return code === 1;
    begin(3 + parts.length, head + sum(parts));
    text(authToken);
    text(sig);
    text(url);
    for (const p of parts) text(p);
    return wasm.twv_validate(3 + parts.length, -1) === 1;
  }

  function validateRequestWithBody(authToken, signature, url, body) {
    const F = "validateRequestWithBody";
    str(F, "authToken", authToken);
    const sig = optStr(F, "signature", signature);
    str(F, "url", url);
    const b = bodyArg(F, "body", body);
    const hex = host.sha256 ? host.sha256(b) : "";
    begin(5, 3 * (authToken.length + sig.length + url.length) + bound(b) + 64);
    text(authToken);
    text(sig);
    text(url);
    piece(b);
    text(hex);
    return wasm.twv_validate_body(5) === 1;
  }

  function getExpectedTwilioSignature(authToken, url, params) {
    const F = "getExpectedTwilioSignature";
    str(F, "authToken", authToken);
    str(F, "url", url);
    const parts = flatten(F, params);
    begin(2 + parts.length, 3 * (authToken.length + url.length) + sum(parts));
    text(authToken);
    text(url);
    for (const p of parts) text(p);
    return output(wasm.twv_sign(2 + parts.length));
  }

  function getExpectedBodyHash(body) {
    const b = bodyArg("getExpectedBodyHash", "body", body);
    if (host.sha256) return host.sha256(b);
    begin(1, bound(b));
    piece(b);
    return output(wasm.twv_body_hash(1));
  }

  const validateBody = (body, bodyHash) => getExpectedBodyHash(body) === String(bodyHash ?? "");

  return {
    verifySignature,
    validateRequest,
    validateRequestWithBody,
    getExpectedTwilioSignature,
    getExpectedBodyHash,
    validateBody,
  };
}
