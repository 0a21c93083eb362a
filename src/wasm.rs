//! The JavaScript API of the npm package: a thin layer that only converts.
//!
//! Every export takes JS values, turns them into core arguments, calls the core and turns
//! the result back; no webhook logic lives here. Reports cross the boundary as JSON text
//! parsed by the engine's `JSON.parse` (measured faster than building objects field by
//! field, see `npm/bench/`). The signature exports avoid serde entirely.
//!
//! Bad arguments become JS `Error`s with a message naming the function and the argument;
//! nothing panics across the boundary (`Result<_, JsError>` everywhere).
//!
//! The TypeScript declarations of the report, options and catalog types are generated from
//! the Rust types by ts-rs (feature `ts`) into `npm/types.d.ts`, which is embedded here as
//! a custom section so wasm-bindgen writes it into the package's `.d.ts`.

use js_sys::{Array, Object, Reflect, Uint8Array, JSON};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::catalog::{self, EnumSpec, KindSpec, ParamSpec, SidPrefix};

/// The response side: `lintTwiml`, `explainError`.
mod response;
use crate::inspect::Options;
use crate::signature;

/// The allocator of the npm package's module: talc instead of Rust's default dlmalloc on
/// wasm. Callgrind over Node running `inspect` on an SMS: 6.41M → 5.32M instructions per
/// call (−17%; reports are many small strings); the module is 3.9 KB larger gzipped.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("../npm/types.d.ts");

#[wasm_bindgen]
extern "C" {
    /// The `options` argument of `inspect` (typed `InspectOptions` in the declarations).
    #[wasm_bindgen(typescript_type = "InspectOptions")]
    pub type InspectOptionsArg;
}

/// The whole catalog as `catalog()` returns it (the same shape as `catalog --json`).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Catalog {
    /// Every webhook kind and request the inspector knows.
    kinds: &'static [KindSpec],
    /// Every parameter row (a name may have several rows, one per API version or kind group).
    params: &'static [ParamSpec],
    /// Every documented value set.
    enums: &'static [EnumSpec],
    /// Every SID prefix and what it names.
    sid_prefixes: &'static [SidPrefix],
}

/// Reads a required string argument.
fn string_arg(function: &str, name: &str, value: &JsValue) -> Result<String, JsError> {
    value.as_string().ok_or_else(|| {
        JsError::new(&format!(
            "{function}: `{name}` must be a string, got {}",
            type_name(value)
        ))
    })
}

/// A short description of a JS value's type for error messages.
fn type_name(value: &JsValue) -> String {
    if value.is_null() {
        "null".into()
    } else if Array::is_array(value) {
        "an array".into()
    } else {
        value.js_typeof().as_string().unwrap_or_default()
    }
}

/// Reads the optional `options` object of `inspect` (undefined or null: defaults).
fn inspect_options(value: &JsValue) -> Result<Options, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(Options::default());
    }
    if !value.is_object() || Array::is_array(value) {
        return Err(JsError::new(&format!(
            "inspect: `options` must be an object, got {}",
            type_name(value)
        )));
    }
    // JSON.stringify drops undefined members, so `{ url: undefined }` means "not given".
    let text: String = JSON::stringify(value)
        .map_err(|_| JsError::new("inspect: `options` cannot be converted to JSON"))?
        .into();
    serde_json::from_str(&text).map_err(|e| JsError::new(&format!("inspect: bad `options`: {e}")))
}

/// Inspects a captured webhook: decodes `input` (form body, query, URL, raw HTTP request,
/// curl command, JSON or XML), detects the kind, labels and checks every field and
/// verifies `X-Twilio-Signature` when `options` gives the auth token(s). Never throws for
/// bad webhook input (problems are findings); throws only for arguments of the wrong type.
#[wasm_bindgen(js_name = inspect, unchecked_return_type = "Report")]
pub fn inspect_js(
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
    options: Option<InspectOptionsArg>,
) -> Result<JsValue, JsError> {
    let json = inspect_json(input, options)?;
    JSON::parse(&json).map_err(|_| JsError::new("inspect: internal error (report is not JSON)"))
}

/// `inspect`, returning the report as JSON text (the CLI's `--json` output, compact).
#[wasm_bindgen(js_name = inspectJson)]
pub fn inspect_json(
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
    options: Option<InspectOptionsArg>,
) -> Result<String, JsError> {
    let input = string_arg("inspect", "input", &input)?;
    let options = inspect_options(&options.map(JsValue::from).unwrap_or(JsValue::UNDEFINED))?;
    let report = crate::inspect(&input, &options);
    serde_json::to_string(&report).map_err(|e| JsError::new(&format!("inspect: {e}")))
}

/// Reads an optional string argument: `undefined` and `null` are `None`.
fn opt_string_arg(function: &str, name: &str, value: &JsValue) -> Result<Option<String>, JsError> {
    if value.is_undefined() || value.is_null() {
        Ok(None)
    } else {
        string_arg(function, name, value).map(Some)
    }
}

/// Reads a body given as a string or as bytes (`Uint8Array`, Node's `Buffer`).
fn body_arg(function: &str, name: &str, value: &JsValue) -> Result<Vec<u8>, JsError> {
    if let Some(text) = value.as_string() {
        Ok(text.into_bytes())
    } else if let Some(bytes) = value.dyn_ref::<Uint8Array>() {
        Ok(bytes.to_vec())
    } else if value.is_undefined() || value.is_null() {
        Ok(Vec::new())
    } else {
        Err(JsError::new(&format!(
            "{function}: `{name}` must be a string or a Uint8Array/Buffer, got {}",
            type_name(value)
        )))
    }
}

/// Reads twilio-node style `params`: a plain object whose values are strings or arrays of
/// strings (Express's `req.body`). Numbers and booleans are taken as JS would print them;
/// `undefined`/`null` mean no parameters. Pairs keep the object's key order; repeated
/// values of a key follow the array order.
fn params_arg(function: &str, value: &JsValue) -> Result<Vec<(String, String)>, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(Vec::new());
    }
    if !value.is_object() || Array::is_array(value) {
        return Err(JsError::new(&format!(
            "{function}: `params` must be an object of strings, got {}",
            type_name(value)
        )));
    }
    let entries = Object::entries(value.unchecked_ref());
    let mut pairs = Vec::with_capacity(entries.length() as usize);
    for entry in entries.iter() {
        let entry: Array = entry.unchecked_into();
        let key = entry.get(0).as_string().unwrap_or_default();
        let item = entry.get(1);
        if Array::is_array(&item) {
            for element in item.unchecked_ref::<Array>().iter() {
                pairs.push((key.clone(), param_value(function, &key, &element)?));
            }
        } else {
            pairs.push((key.clone(), param_value(function, &key, &item)?));
        }
    }
    Ok(pairs)
}

/// One parameter value as a string (see [`params_arg`]).
fn param_value(function: &str, key: &str, value: &JsValue) -> Result<String, JsError> {
    if let Some(text) = value.as_string() {
        Ok(text)
    } else if value.as_f64().is_some() {
        // As JS prints it (`1`, not `1.0`): what `key + value` gives in twilio-node.
        Ok(value
            .unchecked_ref::<js_sys::Number>()
            .to_string_with_radix(10)
            .map(String::from)
            .unwrap_or_default())
    } else if let Some(flag) = value.as_bool() {
        Ok(flag.to_string())
    } else {
        Err(JsError::new(&format!(
            "{function}: `params.{key}` must be a string or an array of strings, got {}",
            type_name(value)
        )))
    }
}

/// The first three arguments of the twilio-node validators: token, signature (a missing
/// one is the empty string, which never validates) and URL.
fn validator_args(
    f: &str,
    auth_token: &JsValue,
    signature: &JsValue,
    url: &JsValue,
) -> Result<(String, String, String), JsError> {
    Ok((
        string_arg(f, "authToken", auth_token)?,
        opt_string_arg(f, "signature", signature)?.unwrap_or_default(),
        string_arg(f, "url", url)?,
    ))
}

/// Validates an `X-Twilio-Signature` like twilio-node's `validateRequest`: the signature
/// over `url` plus the sorted `params` (Express's `req.body`), with the port variants
/// (URL with and without its default port). A missing signature is simply invalid.
#[wasm_bindgen(js_name = validateRequest)]
pub fn validate_request(
    #[wasm_bindgen(js_name = authToken, unchecked_param_type = "string")] auth_token: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | null | undefined")] signature: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] url: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Record<string, string | string[]>")] params: JsValue,
) -> Result<bool, JsError> {
    const F: &str = "validateRequest";
    let (token, signature, url) = validator_args(F, &auth_token, &signature, &url)?;
    let params = params_arg(F, &params)?;
    Ok(signature::is_valid(&token, &signature, &url, &params))
}

/// Internal (used by the package entry `index.js`): `validateRequest` with the parameters
/// flattened by JS into `"k0\0v0\0k1\0v1…"` (`parts` = number of keys plus values). Returns
/// 1 (valid), 0 (invalid) or -1 when the text does not split back into `parts` pieces (a
/// NUL inside a key or value: the caller then uses `validateRequest`).
#[wasm_bindgen(js_name = __validateFlat, skip_typescript)]
pub fn validate_flat(token: &str, signature: &str, url: &str, flat: &str, parts: u32) -> i32 {
    let pieces: Vec<&str> = if parts == 0 {
        Vec::new()
    } else {
        flat.split('\0').collect()
    };
    if pieces.len() != parts as usize || parts % 2 != 0 {
        return -1;
    }
    let params: Vec<(&str, &str)> = pieces.chunks_exact(2).map(|kv| (kv[0], kv[1])).collect();
    i32::from(signature::is_valid_borrowed(token, signature, url, &params))
}

/// Validates a JSON (or other non-form) webhook like twilio-node's
/// `validateRequestWithBody`: the signature over `url`, which must carry `bodySHA256`, the
/// lower-case hex SHA-256 of `body` (the raw body: a string or a Uint8Array/Buffer).
#[wasm_bindgen(js_name = validateRequestWithBody)]
pub fn validate_request_with_body(
    #[wasm_bindgen(js_name = authToken, unchecked_param_type = "string")] auth_token: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | null | undefined")] signature: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] url: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] body: JsValue,
) -> Result<bool, JsError> {
    const F: &str = "validateRequestWithBody";
    let (token, signature, url) = validator_args(F, &auth_token, &signature, &url)?;
    let body = body_arg(F, "body", &body)?;
    Ok(signature::is_valid_with_body(
        &token, &signature, &url, &body,
    ))
}

/// The `X-Twilio-Signature` Twilio would send for `url` and `params` (HMAC-SHA1, base64),
/// like twilio-node's `getExpectedTwilioSignature`.
#[wasm_bindgen(js_name = getExpectedTwilioSignature)]
pub fn get_expected_twilio_signature(
    #[wasm_bindgen(js_name = authToken, unchecked_param_type = "string")] auth_token: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] url: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Record<string, string | string[]>")] params: JsValue,
) -> Result<String, JsError> {
    const F: &str = "getExpectedTwilioSignature";
    let token = string_arg(F, "authToken", &auth_token)?;
    let url = string_arg(F, "url", &url)?;
    let params = params_arg(F, &params)?;
    Ok(signature::compute_signature(
        &token,
        &url,
        &params,
        signature::Algorithm::HmacSha1,
    ))
}

/// Which HMAC signed the request.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ts", ts(rename_all = "lowercase"))]
enum SignatureAlgorithm {
    /// HMAC-SHA1 with the auth token (`X-Twilio-Signature`, 28 base64 characters).
    Sha1,
    /// HMAC-SHA256 with a shared key (`X-Twilio-Webhooks-Signature-Settings:
    /// algorithm=HMAC_SHA256`, 44 base64 characters).
    Sha256,
}

impl SignatureAlgorithm {
    /// The JS string (the core's table, in declaration order).
    fn id(self) -> &'static str {
        signature::packed::ALGORITHMS[self as usize]
    }
}

/// Why `verifySignature` said what it said.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ts", ts(rename_all = "kebab-case"))]
enum VerifyReason {
    /// The signature matched (see `matched`).
    Valid,
    /// No `X-Twilio-Signature` was given.
    MissingSignature,
    /// No auth token was given.
    NoToken,
    /// The signature matched no token and no URL variant (or the body hash is wrong).
    Mismatch,
}

impl VerifyReason {
    /// The JS string (the core's [`signature::QuickReason`], in declaration order).
    fn id(self) -> &'static str {
        signature::QuickReason::ALL[self as usize].id()
    }
}

/// Which variant of the URL was signed.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ts", ts(rename_all = "kebab-case"))]
enum Candidate {
    /// The URL exactly as received.
    AsReceived,
    /// The URL with the scheme's default port added (`:443`, `:80`).
    PortAdded,
    /// The URL with its port removed.
    PortRemoved,
}

impl Candidate {
    /// The JS string (the core's [`signature::QUICK_CANDIDATES`], in declaration order).
    fn id(self) -> &'static str {
        signature::QUICK_CANDIDATES[self as usize].id()
    }
}

/// The token and URL variant that produced the matching signature.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename_all = "camelCase"))]
struct Matched {
    /// Index of the matching token in the `authTokens` argument (0 for a single token).
    token_index: u32,
    /// The URL variant that was signed.
    candidate: Candidate,
}

/// The result of `verifySignature`.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename_all = "camelCase"))]
struct VerifyResult {
    /// True when the signature matches one of the tokens.
    valid: bool,
    /// Which token and URL variant matched; `null` when none did.
    matched: Option<Matched>,
    /// The HMAC that was checked.
    algorithm: SignatureAlgorithm,
    /// Why: `valid`, `missing-signature`, `no-token` or `mismatch`.
    reason: VerifyReason,
}

impl VerifyResult {
    /// Builds the JS object (the validating path; the entry's fast path uses [`Self::code`]).
    fn to_js(&self) -> JsValue {
        let object = Object::new();
        let set = |target: &Object, key: &str, value: &JsValue| {
            // OK to ignore: setting a data property on a fresh plain object cannot fail.
            let _ = Reflect::set(target, &JsValue::from_str(key), value);
        };
        set(&object, "valid", &JsValue::from_bool(self.valid));
        match &self.matched {
            Some(m) => {
                let inner = Object::new();
                set(&inner, "tokenIndex", &JsValue::from(m.token_index));
                set(&inner, "candidate", &JsValue::from_str(m.candidate.id()));
                set(&object, "matched", &inner);
            }
            None => set(&object, "matched", &JsValue::NULL),
        }
        set(
            &object,
            "algorithm",
            &JsValue::from_str(self.algorithm.id()),
        );
        set(&object, "reason", &JsValue::from_str(self.reason.id()));
        object.into()
    }
}

/// The `options` of `verifySignature`: the request headers that change what is signed.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename_all = "camelCase", optional_fields = nullable))]
#[allow(dead_code)] // Only describes the shape for the declarations; read with `Reflect`.
struct VerifyOptions {
    /// The `Content-Type` header. Form bodies are signed by their decoded parameters; any
    /// other body (JSON) through `bodySHA256` in the URL. When absent: through `bodySHA256`
    /// if the URL carries it or the body starts with `{`/`[`, else form.
    content_type: Option<String>,
    /// The HTTP method. Only a POST has a signed body: for any other method the URL alone is
    /// signed and the body is ignored. When absent: POST if there is a body.
    method: Option<String>,
    /// The `X-Twilio-Webhooks-Signature-Settings` header (`algorithm=HMAC_SHA256` selects
    /// SHA-256 with a shared key).
    signature_settings: Option<String>,
}

#[wasm_bindgen]
extern "C" {
    /// The `options` argument of `verifySignature`.
    #[wasm_bindgen(typescript_type = "VerifyOptions")]
    pub type VerifyOptionsArg;
}

/// Reads one optional string member of an options object.
fn option_member(function: &str, options: &JsValue, key: &str) -> Result<Option<String>, JsError> {
    let value = Reflect::get(options, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
    opt_string_arg(function, &format!("options.{key}"), &value)
}

/// Verifies `X-Twilio-Signature` on the body exactly as received: the fast path for
/// servers. `authTokens` is one token or several (primary, secondary, sub-account);
/// `rawBody` is the raw body (string or Uint8Array/Buffer), form-encoded or JSON, with no
/// decoding needed on the JS side. Returns `{ valid, matched, algorithm, reason }`.
#[wasm_bindgen(js_name = verifySignature, unchecked_return_type = "VerifyResult")]
pub fn verify_signature(
    #[wasm_bindgen(js_name = authTokens, unchecked_param_type = "string | string[]")]
    auth_tokens: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | null | undefined")] signature: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] url: JsValue,
    #[wasm_bindgen(js_name = rawBody, unchecked_param_type = "string | Uint8Array")]
    raw_body: JsValue,
    options: Option<VerifyOptionsArg>,
) -> Result<JsValue, JsError> {
    const F: &str = "verifySignature";
    let tokens: Vec<String> = if Array::is_array(&auth_tokens) {
        let list: &Array = auth_tokens.unchecked_ref();
        let mut tokens = Vec::with_capacity(list.length() as usize);
        for (i, token) in list.iter().enumerate() {
            tokens.push(string_arg(F, &format!("authTokens[{i}]"), &token)?);
        }
        tokens
    } else {
        vec![string_arg(F, "authTokens", &auth_tokens)?]
    };
    let signature = opt_string_arg(F, "signature", &signature)?.unwrap_or_default();
    let url = string_arg(F, "url", &url)?;
    let body = body_arg(F, "rawBody", &raw_body)?;
    let (content_type, method, settings) = match options.map(JsValue::from) {
        Some(o) if o.is_object() => (
            option_member(F, &o, "contentType")?,
            option_member(F, &o, "method")?,
            option_member(F, &o, "signatureSettings")?,
        ),
        Some(o) => {
            return Err(JsError::new(&format!(
                "{F}: `options` must be an object, got {}",
                type_name(&o)
            )))
        }
        None => (None, None, None),
    };
    let tokens: Vec<&str> = tokens.iter().map(String::as_str).collect();
    let request = signature::QuickRequest {
        signature: &signature,
        url: &url,
        body: &body,
        content_type: content_type.as_deref(),
        method: method.as_deref(),
        settings: settings.as_deref(),
    };
    Ok(verify(&tokens, &request).to_js())
}

/// `verifySignature` once its arguments are read: the core's [`signature::verify_quick`].
fn verify(tokens: &[&str], request: &signature::QuickRequest<'_>) -> VerifyResult {
    VerifyResult::from(signature::verify_quick(tokens, request))
}

impl From<signature::QuickVerdict> for VerifyResult {
    /// The wasm enums are declared in the core tables' order (`X as usize` indexes them); the
    /// declarations list the core's ids (`signature::packed_verdict_layout_is_defined_once`).
    fn from(v: signature::QuickVerdict) -> VerifyResult {
        const CANDIDATES: [Candidate; 3] = [
            Candidate::AsReceived,
            Candidate::PortAdded,
            Candidate::PortRemoved,
        ];
        const REASONS: [VerifyReason; 4] = [
            VerifyReason::Valid,
            VerifyReason::MissingSignature,
            VerifyReason::NoToken,
            VerifyReason::Mismatch,
        ];
        let index_of = |c| {
            signature::QUICK_CANDIDATES
                .iter()
                .position(|k| *k == c)
                .unwrap_or(0)
        };
        let reason = signature::QuickReason::ALL
            .iter()
            .position(|r| *r == v.reason)
            .unwrap_or(0);
        VerifyResult {
            valid: v.valid,
            matched: v.matched.map(|(token, candidate)| Matched {
                token_index: u32::try_from(token).unwrap_or(u32::MAX),
                candidate: CANDIDATES[index_of(candidate)],
            }),
            algorithm: match v.algorithm {
                signature::Algorithm::HmacSha1 => SignatureAlgorithm::Sha1,
                signature::Algorithm::HmacSha256 => SignatureAlgorithm::Sha256,
            },
            reason: REASONS[reason],
        }
    }
}

/// Internal (used by the package entry `index.js`): `verifySignature` with arguments the
/// entry has already type-checked, tokens joined by NUL, absent options as `""`; returns
/// the result packed by [`signature::packed::pack`]. No JS objects cross the boundary.
#[wasm_bindgen(js_name = __verifyText, skip_typescript)]
pub fn verify_text(
    tokens: &str,
    signature: &str,
    url: &str,
    body: &str,
    content_type: &str,
    method: &str,
    settings: &str,
) -> u32 {
    verify_raw(
        tokens,
        signature,
        url,
        body.as_bytes(),
        content_type,
        method,
        settings,
    )
}

/// Internal: [`verify_text`] for a body given as bytes.
#[wasm_bindgen(js_name = __verifyBytes, skip_typescript)]
pub fn verify_bytes(
    tokens: &str,
    signature: &str,
    url: &str,
    body: &[u8],
    content_type: &str,
    method: &str,
    settings: &str,
) -> u32 {
    verify_raw(tokens, signature, url, body, content_type, method, settings)
}

/// The common part of [`verify_text`] and [`verify_bytes`].
fn verify_raw(
    tokens: &str,
    signature: &str,
    url: &str,
    body: &[u8],
    content_type: &str,
    method: &str,
    settings: &str,
) -> u32 {
    let tokens: Vec<&str> = tokens.split('\0').collect();
    let request = signature::QuickRequest {
        signature,
        url,
        body,
        content_type: Some(content_type).filter(|s| !s.is_empty()),
        method: Some(method).filter(|s| !s.is_empty()),
        settings: Some(settings).filter(|s| !s.is_empty()),
    };
    signature::packed::pack(&signature::verify_quick(&tokens, &request))
}

/// Internal: the layout of the number [`verify_text`] returns and the strings it indexes,
/// as JSON ([`signature::packed::layout_json`]), read once by `index.js`.
#[wasm_bindgen(js_name = __verifyLayout, skip_typescript)]
pub fn verify_layout() -> String {
    signature::packed::layout_json()
}

/// The catalog: every webhook kind, parameter, value set and SID prefix the inspector knows.
#[wasm_bindgen(unchecked_return_type = "Catalog")]
pub fn catalog() -> Result<JsValue, JsError> {
    let value = Catalog {
        kinds: catalog::KINDS,
        params: catalog::PARAMS,
        enums: catalog::ENUMS,
        sid_prefixes: catalog::SID_PREFIXES,
    };
    let json = serde_json::to_string(&value).map_err(|e| JsError::new(&format!("catalog: {e}")))?;
    JSON::parse(&json).map_err(|_| JsError::new("catalog: internal error"))
}

/// The version of the package (and of the Rust core it was built from).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").into()
}

#[cfg(all(test, feature = "ts"))]
mod ts_export {
    //! Checks `npm/types.d.ts` against the Rust types (run by `scripts/test.sh` and
    //! `scripts/npm-build.sh`): fails when the committed file is stale. Only an explicit
    //! `UPDATE_TYPES=1 cargo test --lib --no-default-features --features ts wasm::ts_export`
    //! rewrites it.
    use std::collections::BTreeSet;

    use ts_rs::{Config, TypeVisitor, TS};

    struct Collect<'a> {
        cfg: &'a Config,
        seen: BTreeSet<String>,
        decls: Vec<(String, String)>,
    }

    impl TypeVisitor for Collect<'_> {
        fn visit<T: TS + 'static + ?Sized>(&mut self) {
            if T::output_path().is_none() {
                return;
            }
            let name = T::ident(self.cfg);
            if !self.seen.insert(name.clone()) {
                return;
            }
            let docs = T::docs().unwrap_or_default();
            let decl = format!("{docs}export {}", T::decl(self.cfg));
            self.decls.push((name, decl));
            T::visit_dependencies(self);
        }
    }

    #[test]
    fn types_d_ts_is_fresh() {
        let cfg = Config::new().with_large_int("number");
        let mut c = Collect {
            cfg: &cfg,
            seen: BTreeSet::new(),
            decls: Vec::new(),
        };
        c.visit::<crate::Report>();
        c.visit::<crate::Options>();
        c.visit::<super::Catalog>();
        c.visit::<super::VerifyResult>();
        c.visit::<super::VerifyOptions>();
        c.visit::<crate::timeline::Timeline>();
        c.visit::<crate::timeline::Capture>();
        c.visit::<crate::diff::Diff>();
        c.visit::<super::response::LintOptions>();
        c.visit::<crate::response::ExplainedError>();
        let mut out = String::from(
            "// Generated from the Rust types by ts-rs: `cargo test --lib --features ts wasm::`.\n\
             // Do not edit by hand.\n\n",
        );
        // Sorted by name: ts-rs's visiting order is not stable from one compilation to the next.
        c.decls.sort();
        for (_, d) in &c.decls {
            out.push_str(d);
            out.push_str("\n\n");
        }
        out.push_str(
            "/** Options of `inspect`: every member may be left out. */\n\
             export type InspectOptions = Partial<Options>;\n\n\
             /** One capture given to `timeline`: its text, plus any option of `inspect`. */\n\
             export type CaptureInput = Partial<Capture> & Partial<Options> & { input: string };\n",
        );
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/npm/types.d.ts");
        let old = std::fs::read_to_string(path).unwrap_or_default();
        if old != out {
            if std::env::var_os("UPDATE_TYPES").is_some() {
                std::fs::write(path, &out).expect("write npm/types.d.ts");
            } else {
                panic!("npm/types.d.ts is stale: run `UPDATE_TYPES=1 cargo test --lib --no-default-features --features ts wasm::ts_export`");
            }
        }
    }
}
