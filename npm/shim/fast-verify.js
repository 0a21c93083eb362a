// The package entry's only code (scripts/npm-build.sh wraps it for CommonJS and for ES
// modules): verifySignature's fast path. When the arguments have the documented types it
// passes them as plain strings/bytes to `__verifyText`/`__verifyBytes` and unpacks the
// number they return (no JS objects cross the boundary, which is most of the cost of a
// call). Anything else goes to the wasm-bindgen `verifySignature`, which checks every
// argument and throws the Error. The number's layout (shift and mask of each field) and
// the string tables come from Rust (`__verifyLayout`, defined once in the core's
// `signature::packed`); nothing about them is written here.
function fastVerify(glue) {
  let layout;
  const field = (code, [shift, mask]) => (code >>> shift) & mask;
  const isText = (x) => x === undefined || x === null || typeof x === "string";
  return function verifySignature(authTokens, signature, url, rawBody, options) {
    let tokens = authTokens;
    if (Array.isArray(authTokens) && authTokens.every((t) => typeof t === "string" && !t.includes("\0"))) {
      tokens = authTokens.join("\0");
    }
    const o = options === undefined || options === null ? {} : options;
    if (
      typeof tokens === "string" &&
      (typeof authTokens !== "string" || !authTokens.includes("\0")) &&
      isText(signature) &&
      typeof url === "string" &&
      typeof o === "object" &&
      !Array.isArray(o) &&
      isText(o.contentType) &&
      isText(o.method) &&
      isText(o.signatureSettings)
    ) {
      const args = [tokens, signature ?? "", url, rawBody, o.contentType ?? "", o.method ?? "", o.signatureSettings ?? ""];
      let code;
      if (typeof rawBody === "string") code = glue.__verifyText(...args);
      else if (rawBody instanceof Uint8Array) code = glue.__verifyBytes(...args);
      if (code !== undefined) {
        layout ??= JSON.parse(glue.__verifyLayout());
        const f = layout.fields;
        const valid = field(code, f.valid) === 1;
        return {
          valid,
          matched: valid
            ? { tokenIndex: field(code, f.token), candidate: layout.candidates[field(code, f.candidate)] }
            : null,
          algorithm: layout.algorithms[field(code, f.algorithm)],
          reason: layout.reasons[field(code, f.reason)],
        };
      }
    }
    return glue.verifySignature(authTokens, signature, url, rawBody, options);
  };
}

// validateRequest's fast path: an object of string (or string-array) values is flattened
// in JS into one NUL-joined string ("k0\0v0\0k1\0v1…") and crosses once; `__validateFlat`
// splits it and runs the same check. It answers -1 when the split does not give the pairs
// back (a NUL inside a key or value); that, and every other shape, goes to the wasm-bindgen
// `validateRequest`, which converts field by field and throws the documented Errors.
function fastValidate(glue) {
  const own = Object.prototype.hasOwnProperty;
  return function validateRequest(authToken, signature, url, params) {
    if (
      typeof authToken === "string" &&
      (typeof signature === "string" || signature === undefined || signature === null) &&
      typeof url === "string" &&
      params !== null &&
      typeof params === "object" &&
      !Array.isArray(params)
    ) {
      const parts = [];
      let plain = true;
      for (const key in params) {
        if (!own.call(params, key)) continue;
        const value = params[key];
        if (typeof value === "string") parts.push(key, value);
        else if (Array.isArray(value) && value.every((v) => typeof v === "string")) for (const v of value) parts.push(key, v);
        else {
          plain = false;
          break;
        }
      }
      if (plain) {
        const code = glue.__validateFlat(authToken, signature ?? "", url, parts.join("\0"), parts.length);
        if (code >= 0) return code === 1;
      }
    }
    return glue.validateRequest(authToken, signature, url, params);
  };
}
