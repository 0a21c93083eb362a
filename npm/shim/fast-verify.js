// The package entry's only code (scripts/npm-build.sh wraps it for CommonJS and for ES
// modules): verifySignature's fast path. When the arguments have the documented types it
// passes them as plain strings/bytes to `__verifyText`/`__verifyBytes` and unpacks the
// number they return (no JS objects cross the boundary, which is most of the cost of a
// call). Anything else goes to the wasm-bindgen `verifySignature`, which checks every
// argument and throws the Error. The string tables come from Rust (`__verifyStrings`).
function fastVerify(glue) {
  let strings;
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
        strings ??= JSON.parse(glue.__verifyStrings());
        const valid = (code & 1) === 1;
        return {
          valid,
          matched: valid ? { tokenIndex: code >>> 16, candidate: strings.candidates[(code >>> 8) & 0xff] } : null,
          algorithm: strings.algorithms[(code >>> 1) & 7],
          reason: strings.reasons[(code >>> 4) & 15],
        };
      }
    }
    return glue.verifySignature(authTokens, signature, url, rawBody, options);
  };
}
