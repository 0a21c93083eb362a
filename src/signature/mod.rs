//! `X-Twilio-Signature` verification that agrees with Twilio's official libraries, and a
//! "signature doctor" that explains failures.
//!
//! The string to sign is the full URL Twilio requested followed, for form-encoded POSTs,
//! by every decoded parameter as `key` + `value`, keys sorted and each key's distinct
//! values sorted. It is signed with HMAC-SHA1 keyed by the auth token (or HMAC-SHA256 keyed
//! by a SharedKey when `X-Twilio-Webhooks-Signature-Settings` says so) and base64-encoded.
//! JSON (and other non-form) bodies are covered through a `bodySHA256` query parameter.
//!
//! [`verify`] emulates **both** twilio-node 6.2 (`validateRequest` /
//! `validateRequestWithBody`) and twilio-python 9.13 (`RequestValidator.validate`)
//! independently, including the URL candidates each one tries (port removed / added,
//! node's WHATWG and legacy-querystring re-serialisations, python's `urlparse().geturl()`),
//! and reports what each library would say. A signature is `valid` when at least one of
//! them accepts it. When none does, the doctor tries realistic variants of the request
//! (scheme, port, trailing slash, query encoding and order, missing or extra parameters,
//! form vs JSON, other tokens…) and says which one Twilio actually signed.
//!
//! ```
//! use twilio_webhook_inspector::signature::{compute_signature, is_valid, Algorithm};
//!
//! let params = vec![
//!     ("CallSid".to_string(), "CA1234567890ABCDE".to_string()),
//!     ("Caller".to_string(), "+14158675309".to_string()),
//!     ("Digits".to_string(), "1234".to_string()),
//!     ("From".to_string(), "+14158675309".to_string()),
//!     ("To".to_string(), "+18005551212".to_string()),
//! ];
//! let url = "https://mycompany.com/myapp.php?foo=1&bar=2";
//! let sig = compute_signature("12345", url, &params, Algorithm::HmacSha1);
//! assert_eq!(sig, "RSOYDt4T1cUTdK1PDd93/VVr8B8=");
//! assert!(is_valid("12345", &sig, url, &params));
//! ```

mod compute;
mod doctor;
mod json;
mod node;
mod punycode;
mod python;
mod quick;
mod sign;
mod url_variants;
mod visible;

use serde::{Deserialize, Serialize};

use crate::finding::{Code, Finding, Severity};
use compute::{Keyed, Ordered};

pub use quick::{packed, verify_quick, QuickReason, QuickRequest, QuickVerdict, QUICK_CANDIDATES};
pub use sign::{sign_request, SignRequest, SignedRequest};
pub use visible::make_visible;

/// The MAC algorithm of a signature.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Algorithm {
    /// HMAC-SHA1 keyed by the auth token: the classic `X-Twilio-Signature` (28 base64 chars).
    #[serde(rename = "hmac-sha1")]
    HmacSha1,
    /// HMAC-SHA256 keyed by a SharedKey secret (44 base64 chars), announced by
    /// `X-Twilio-Webhooks-Signature-Settings: key=…,algorithm=HMAC_SHA256`.
    #[serde(rename = "hmac-sha256")]
    HmacSha256,
}

impl Algorithm {
    /// The id used in JSON (`hmac-sha1`, `hmac-sha256`).
    pub fn id(self) -> &'static str {
        match self {
            Algorithm::HmacSha1 => "hmac-sha1",
            Algorithm::HmacSha256 => "hmac-sha256",
        }
    }

    /// The name Twilio uses in the settings header (`HMAC_SHA1`, `HMAC_SHA256`).
    pub fn twilio_name(self) -> &'static str {
        match self {
            Algorithm::HmacSha1 => "HMAC_SHA1",
            Algorithm::HmacSha256 => "HMAC_SHA256",
        }
    }

    /// Parses an id (`hmac-sha256`) or a Twilio name (`HMAC_SHA256`), any case.
    pub fn from_name(name: &str) -> Option<Algorithm> {
        match name.trim().to_ascii_uppercase().replace('-', "_").as_str() {
            "HMAC_SHA1" | "SHA1" => Some(Algorithm::HmacSha1),
            "HMAC_SHA256" | "SHA256" => Some(Algorithm::HmacSha256),
            _ => None,
        }
    }

    /// Reads `X-Twilio-Webhooks-Signature-Settings` the way twilio-python 9.13 does:
    /// comma-separated `name=value` parts, whitespace-stripped; no header or no
    /// `algorithm=` part means HMAC-SHA1; the name is upper-cased and must be `HMAC_SHA1`
    /// or `HMAC_SHA256`.
    pub fn from_settings_header(header: Option<&str>) -> Result<Algorithm, UnknownAlgorithm> {
        let Some(h) = header else {
            return Ok(Algorithm::HmacSha1);
        };
        for part in h.split(',') {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            if k.trim().eq_ignore_ascii_case("algorithm") {
                let name = v.trim().to_ascii_uppercase();
                return match name.as_str() {
                    "HMAC_SHA1" => Ok(Algorithm::HmacSha1),
                    "HMAC_SHA256" => Ok(Algorithm::HmacSha256),
                    _ => Err(UnknownAlgorithm {
                        name: v.trim().to_string(),
                    }),
                };
            }
        }
        Ok(Algorithm::HmacSha1)
    }
}

/// `X-Twilio-Webhooks-Signature-Settings` names an algorithm other than `HMAC_SHA1` and
/// `HMAC_SHA256` (twilio-python then rejects the request).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownAlgorithm {
    /// The name as the header gives it (trimmed, case kept).
    pub name: String,
}

/// Displays the unknown name alone, so callers can put it in their own sentence.
impl std::fmt::Display for UnknownAlgorithm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name)
    }
}

impl std::error::Error for UnknownAlgorithm {}

/// How parameter names (and a repeated name's values) are ordered.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum KeyOrder {
    /// By UTF-16 code unit: JavaScript's default sort (twilio-node, Java, C#).
    Utf16,
    /// By Unicode code point: python's `sorted`, Go, Ruby.
    CodePoint,
}

impl KeyOrder {
    /// The kebab-case id (`utf16`, `code-point`).
    pub fn id(self) -> &'static str {
        match self {
            KeyOrder::Utf16 => "utf16",
            KeyOrder::CodePoint => "code-point",
        }
    }

    /// The order with this id.
    pub fn from_id(id: &str) -> Option<KeyOrder> {
        [KeyOrder::Utf16, KeyOrder::CodePoint]
            .into_iter()
            .find(|k| k.id() == id)
    }

    /// The order in words (as the web app's signature panel says it).
    pub fn describe(self) -> &'static str {
        match self {
            KeyOrder::Utf16 => "keys sorted by UTF-16 code unit, as twilio-node does",
            KeyOrder::CodePoint => "keys sorted by code point, as twilio-python does",
        }
    }
}

/// The verdict.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SignatureStatus {
    /// Nothing to check: no signature and no token were given.
    #[default]
    NotChecked,
    /// A token was given but the request has no `X-Twilio-Signature`.
    NoSignature,
    /// A signature is present but no auth token (or shared key) was given.
    NoToken,
    /// A signature is present but the full URL Twilio requested is unknown.
    NoUrl,
    /// At least one official library (node or python) accepts the signature.
    Valid,
    /// No official library accepts the signature.
    Invalid,
    /// The header is not a well-formed base64 SHA-1/SHA-256 signature (and nothing accepts it).
    Malformed,
}

impl SignatureStatus {
    /// The kebab-case id.
    pub fn id(self) -> &'static str {
        match self {
            SignatureStatus::NotChecked => "not-checked",
            SignatureStatus::NoSignature => "no-signature",
            SignatureStatus::NoToken => "no-token",
            SignatureStatus::NoUrl => "no-url",
            SignatureStatus::Valid => "valid",
            SignatureStatus::Invalid => "invalid",
            SignatureStatus::Malformed => "malformed",
        }
    }
}

/// Which URL candidate a match was found on.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CandidateKind {
    /// The URL exactly as received.
    AsReceived,
    /// The URL with its port removed (every library tries this).
    PortRemoved,
    /// The URL with the scheme's default port added (every library tries this).
    PortAdded,
    /// twilio-node's `new URL(url).toString()` fallback (lower-cased host, percent-encoded,
    /// dot segments resolved, punycode…), with or without the port.
    NodeWhatwg,
    /// twilio-node's legacy `querystring` parse + stringify fallback.
    NodeQuerystring,
    /// twilio-python's `urlparse(url).geturl()` re-serialisation (lower-cased scheme,
    /// empty `?`/`#`/`;` dropped, port cut at the first `:`).
    PythonGeturl,
}

impl CandidateKind {
    /// Every candidate kind, in declaration order.
    pub const ALL: [CandidateKind; 6] = [
        CandidateKind::AsReceived,
        CandidateKind::PortRemoved,
        CandidateKind::PortAdded,
        CandidateKind::NodeWhatwg,
        CandidateKind::NodeQuerystring,
        CandidateKind::PythonGeturl,
    ];

    /// The candidate kind with this kebab-case id.
    pub fn from_id(id: &str) -> Option<CandidateKind> {
        CandidateKind::ALL.into_iter().find(|k| k.id() == id)
    }

    /// The kebab-case id.
    pub fn id(self) -> &'static str {
        match self {
            CandidateKind::AsReceived => "as-received",
            CandidateKind::PortRemoved => "port-removed",
            CandidateKind::PortAdded => "port-added",
            CandidateKind::NodeWhatwg => "node-whatwg",
            CandidateKind::NodeQuerystring => "node-querystring",
            CandidateKind::PythonGeturl => "python-geturl",
        }
    }

    /// The candidate in words ("the URL as received"), as reports and the web app say it.
    pub fn describe(self) -> &'static str {
        match self {
            CandidateKind::AsReceived => "the URL as received",
            CandidateKind::PortRemoved => "the URL with its port removed",
            CandidateKind::PortAdded => "the URL with the default port added",
            CandidateKind::NodeWhatwg => "twilio-node's new URL() re-serialisation of the URL",
            CandidateKind::NodeQuerystring => {
                "twilio-node's legacy-querystring re-encoding of the URL"
            }
            CandidateKind::PythonGeturl => "twilio-python's urlparse().geturl() form of the URL",
        }
    }
}

/// What was signed besides the URL.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SignMode {
    /// GET (or no body): the URL alone, its query included.
    UrlOnly,
    /// Form-encoded POST: the URL followed by the sorted decoded parameters.
    FormParams,
    /// JSON (or other non-form) body: the URL alone, which carries `bodySHA256`.
    BodyHash,
}

impl SignMode {
    /// Every mode, in declaration order.
    pub const ALL: [SignMode; 3] = [SignMode::UrlOnly, SignMode::FormParams, SignMode::BodyHash];

    /// The kebab-case id (`url-only`, `form-params`, `body-hash`).
    pub fn id(self) -> &'static str {
        match self {
            SignMode::UrlOnly => "url-only",
            SignMode::FormParams => "form-params",
            SignMode::BodyHash => "body-hash",
        }
    }

    /// The mode with this id.
    pub fn from_id(id: &str) -> Option<SignMode> {
        SignMode::ALL.into_iter().find(|m| m.id() == id)
    }

    /// What is signed, in words (as the web app's signature panel says it).
    pub fn describe(self) -> &'static str {
        match self {
            SignMode::UrlOnly => "the URL alone (GET, or no body)",
            SignMode::FormParams => "the URL followed by the sorted form parameters",
            SignMode::BodyHash => "the URL alone, which carries bodySHA256 (JSON body)",
        }
    }
}

/// The token and URL candidate that matched.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Match {
    /// Index into the tokens given (0-based).
    pub token_index: usize,
    /// `token #1 (…a1b2)`: never more than the last 4 characters of a token.
    pub token_hint: String,
    /// Which URL candidate matched.
    pub candidate: CandidateKind,
    /// The URL that was signed.
    pub url: String,
    /// The parameter order of the library that matched.
    pub key_order: KeyOrder,
}

/// The `bodySHA256` check of a JSON (non-form) webhook.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BodyHash {
    /// Lower-case hex SHA-256 of the raw body.
    pub expected_hex: String,
    /// The `bodySHA256` value in the URL (first occurrence, decoded), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_url: Option<String>,
    /// True when they are equal (exactly: upper-case hex does not match).
    pub matches: bool,
}

macro_rules! diagnosis_codes {
    ($($variant:ident => $id:literal : $doc:literal,)*) => {
        /// What the doctor found: a stable kebab-case id per kind of mismatch.
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[non_exhaustive]
        pub enum DiagnosisCode {
            $(#[doc = $doc] #[serde(rename = $id)] $variant,)*
        }

        impl DiagnosisCode {
            /// Every code, in priority order.
            pub const ALL: &'static [DiagnosisCode] = &[$(DiagnosisCode::$variant,)*];

            /// The kebab-case id.
            pub fn id(self) -> &'static str {
                match self { $(DiagnosisCode::$variant => $id,)* }
            }

            /// Looks a code up by its id.
            pub fn from_id(id: &str) -> Option<DiagnosisCode> {
                match id { $($id => Some(DiagnosisCode::$variant),)* _ => None }
            }
        }
    };
}

diagnosis_codes! {
    SignatureFormat => "signature-format": "The header holds the right MAC, but encoded wrongly (hex, base64url, no padding, whitespace).",
    WrongToken => "wrong-token": "Another of the tokens given signed the request.",
    TokenWhitespace => "token-whitespace": "The token matches once its surrounding whitespace is removed.",
    Sha256Settings => "sha256-settings": "The algorithm differs from what X-Twilio-Webhooks-Signature-Settings says (or the header is missing).",
    OtherUrlCandidate => "other-url-candidate": "One of the other plausible URLs (Host vs X-Forwarded-*…) is the one Twilio signed.",
    SchemeMismatch => "scheme-mismatch": "Twilio signed the other scheme (http vs https): a TLS-terminating proxy.",
    PortMismatch => "port-mismatch": "Twilio signed a different port (beyond the standard default-port quirk).",
    TrailingSlash => "trailing-slash": "The path differs by a trailing slash.",
    HostCase => "host-case": "The host differs in letter case.",
    EmptyQuery => "empty-query": "The URL differs by an empty '?'.",
    Fragment => "fragment": "The URL differs by a '#fragment'.",
    QueryOrder => "query-order": "The query parameters were signed in another order.",
    QueryEncoding => "query-encoding": "The query was signed with another percent-encoding (', +, %20, hex case…).",
    PathEncoding => "path-encoding": "The path was signed with another percent-encoding.",
    PathCase => "path-case": "The path was signed in lower case (paths are case-sensitive).",
    FormVsJson => "form-vs-json": "A JSON body was validated as form parameters, or the reverse.",
    JsonReserialised => "json-reserialised": "The URL is signed, but the JSON body was re-serialised, so bodySHA256 no longer matches.",
    BodyWhitespace => "body-whitespace": "The URL is signed, and the body matches bodySHA256 once surrounding whitespace (added by copying or an editor) is removed.",
    BodyModified => "body-modified": "The URL is signed, but the body does not hash to bodySHA256: it was changed after signing.",
    ParamAdded => "param-added": "A parameter in the request was not part of what was signed.",
    ParamMissing => "param-missing": "A signed parameter is missing from the parameters validated.",
    TrimmedValues => "trimmed-values": "The signature matches the values with surrounding whitespace trimmed.",
    RawValues => "raw-values": "The signature was computed over the still-encoded (raw) values.",
    ParamSorting => "param-sorting": "The parameters were appended unsorted, case-insensitively sorted, or without removing duplicates.",
}

/// The doctor's word when no variant of the request matches.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NoMatch {
    /// What was tried (variants, both libraries' rules, tokens).
    pub tried: Vec<String>,
    /// The likely causes, most likely first.
    pub likely_causes: Vec<String>,
    /// What to compare next.
    pub compare_next: String,
}

/// One explanation from the doctor: what differs, and the variant that matches.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnosis {
    /// Stable kebab-case id.
    pub code: DiagnosisCode,
    /// What happened, as an action sentence.
    pub message: String,
    /// What to do about it.
    pub hint: String,
    /// The URL of the variant that matched (made visible).
    pub url: String,
    /// The string-to-sign of the variant that matched (made visible).
    pub string_to_sign: String,
    /// The signature of the variant (equals the received one, correctly encoded).
    pub signature: String,
    /// Which token (0-based) matched the variant.
    pub token_index: usize,
}

/// The signature verdict carried in every report.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignatureReport {
    /// `not-checked`, `no-signature`, `no-token`, `no-url`, `valid`, `invalid`, `malformed`.
    pub status: SignatureStatus,
    /// The algorithm that applies (from `X-Twilio-Webhooks-Signature-Settings`; HMAC-SHA1
    /// when absent). `None` when there is no signature or the header names an unknown
    /// algorithm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub algorithm: Option<Algorithm>,
    /// What was signed besides the URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<SignMode>,
    /// The token and URL candidate that matched (when valid).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matched: Option<Match>,
    /// What twilio-node 6.2 would say; `None` when not applicable (not checked, SHA-256).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_valid: Option<bool>,
    /// What twilio-python 9.13 would say; `None` when not checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub python_valid: Option<bool>,
    /// When exactly one library accepts: which one rejects, and why, in one sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disagreement: Option<String>,
    /// The primary string-to-sign (URL as received + sorted params), made visible.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub string_to_sign: Option<String>,
    /// The signature computed over the primary string with token #1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    /// The `X-Twilio-Signature` received (made visible).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received: Option<String>,
    /// The `bodySHA256` check, for JSON (non-form) bodies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_hash: Option<BodyHash>,
    /// The doctor's explanations, most likely first.
    #[serde(default)]
    pub diagnoses: Vec<Diagnosis>,
    /// When the signature is invalid and no variant explains it: what was tried, the
    /// likely causes in order, and what to compare next.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_match: Option<NoMatch>,
    /// Findings with the signature codes.
    #[serde(default)]
    pub findings: Vec<Finding>,
}

impl SignatureReport {
    /// The report for a request whose signature was not checked.
    pub fn not_checked() -> SignatureReport {
        SignatureReport::default()
    }

    /// True when at least one official library accepts the signature.
    pub fn is_valid(&self) -> bool {
        self.status == SignatureStatus::Valid
    }
}

/// Everything [`verify`] needs to know about a captured request.
#[derive(Debug, Clone, Copy, Default)]
pub struct SignatureInput<'a> {
    /// The URL Twilio requested, as received (scheme, host, port, path, query).
    pub url: Option<&'a str>,
    /// Other plausible URLs (e.g. built from Host vs X-Forwarded-*), tried by the doctor in order.
    pub url_candidates: &'a [String],
    /// `GET` or `POST`; `None` infers POST when there is a body or parameters.
    pub method: Option<&'a str>,
    /// The `Content-Type` header.
    pub content_type: Option<&'a str>,
    /// The raw body exactly as received.
    pub body: &'a [u8],
    /// Decoded form-body parameters in wire order (empty for GET and JSON). When empty
    /// for a form POST, the body is decoded here.
    pub params: &'a [(String, String)],
    /// The `X-Twilio-Signature` header value.
    pub signature: Option<&'a str>,
    /// The `X-Twilio-Webhooks-Signature-Settings` header value.
    pub settings_header: Option<&'a str>,
    /// Candidate auth tokens / shared keys (primary, secondary, sub-account…).
    pub tokens: &'a [String],
    /// The AccountSid from the payload, to help name which token should have signed.
    pub account_sid: Option<&'a str>,
}

// ---------------------------------------------------------------------------------------
// Simple API
// ---------------------------------------------------------------------------------------

/// The string to sign: `url` followed by each parameter's `key` + `value`, keys sorted by
/// UTF-16 code unit (as twilio-node does), a repeated key's distinct values sorted.
pub fn string_to_sign(url: &str, params: &[(String, String)]) -> String {
    let idx = compute::sorted_indices(params, KeyOrder::Utf16);
    compute::build_string(&[url], Ordered { params, idx: &idx })
}

/// The signature over `url` (verbatim) and `params` (twilio-node's
/// `getExpectedTwilioSignature`; for JSON bodies pass empty params and a URL that carries
/// `bodySHA256`).
pub fn compute_signature(
    token: &str,
    url: &str,
    params: &[(String, String)],
    alg: Algorithm,
) -> String {
    let keyed = Keyed::new(token, alg);
    let idx = compute::sorted_indices(params, KeyOrder::Utf16);
    compute::mac_of(&keyed, &[url], Ordered { params, idx: &idx }).to_b64_string()
}

/// True when twilio-node's `validateRequest(token, signature, url, params)` or
/// twilio-python's `validate(url, params, signature)` accepts the request (HMAC-SHA1).
///
/// The two candidates every library tries (port removed, default port added) are checked
/// first, with no allocation beyond the sorted index list; node's and python's
/// re-serialised URLs are only built when those fail.
pub fn is_valid(token: &str, signature: &str, url: &str, params: &[(String, String)]) -> bool {
    let keyed = Keyed::new(token, Algorithm::HmacSha1);
    let sig = signature.as_bytes();
    let idx = compute::sorted_indices(params, KeyOrder::Utf16);
    let ordered = Ordered { params, idx: &idx };
    if compute::mac_of(&keyed, &url_variants::port_removed(url), ordered).matches_header(sig)
        || compute::mac_of(&keyed, &url_variants::port_added(url), ordered).matches_header(sig)
    {
        return true;
    }
    // For a URL every library leaves as it is, with no repeated key and no key whose order
    // differs between node and python, the fallbacks would sign the same two strings again.
    if url_is_canonical(url)
        && !has_repeated_key(params)
        && !compute::orders_may_differ(params.iter().map(|(k, _)| k.as_str()))
    {
        return false;
    }
    let prep = Prepared::new(url, Mode::Form, params.to_vec(), &[]);
    let ev = evaluate(&prep, &[token.to_string()], sig, Ok(Algorithm::HmacSha1));
    ev.node_valid == Some(true) || ev.python_valid == Some(true)
}

/// True when twilio-node (`new URL()`, legacy querystring) and twilio-python (`urlparse`)
/// re-serialise `url` to itself: lower-case http(s) scheme and host, optional port, and a
/// path and query of unreserved characters, `/`, `=` and `&` only (no `%`, `+`, `;`, `#`,
/// dot segments or empty query).
fn url_is_canonical(url: &str) -> bool {
    let rest = match url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    {
        Some(r) => r,
        None => return false,
    };
    let (authority, path_query) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => return false,
    };
    let (host, port) = authority.split_once(':').unwrap_or((authority, ""));
    let host_ok = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-');
    let port_ok =
        port.bytes().all(|b| b.is_ascii_digit()) && (port.is_empty() || !port.starts_with('0'));
    let chars_ok = path_query.bytes().all(|b| {
        b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/' | b'=' | b'&' | b'?')
    });
    let (path, query) = path_query.split_once('?').unwrap_or((path_query, "x"));
    // node's legacy querystring round trip groups repeated query keys together.
    let mut keys: Vec<&str> = query
        .split('&')
        .map(|kv| kv.split('=').next().unwrap_or(""))
        .collect();
    keys.sort_unstable();
    let unique_keys = keys.windows(2).all(|w| w[0] != w[1])
        && (query == "x"
            || query
                .split('&')
                .all(|kv| kv.matches('=').count() == 1 && !kv.starts_with('=')));
    host_ok
        && port_ok
        && chars_ok
        && unique_keys
        && !path.contains("/.")
        && !query.is_empty()
        && !query.contains('?')
        && (port.is_empty() || authority.ends_with(port))
}

fn has_repeated_key(params: &[(String, String)]) -> bool {
    let mut keys: Vec<&str> = params.iter().map(|(k, _)| k.as_str()).collect();
    keys.sort_unstable();
    keys.windows(2).any(|w| w[0] == w[1])
}

/// [`is_valid`] on a raw `application/x-www-form-urlencoded` body, decoded the way
/// twilio-node's `querystring.parse` does (the server fast path: no report, no findings).
pub fn is_valid_form_body(token: &str, signature: &str, url: &str, body: &[u8]) -> bool {
    is_valid(token, signature, url, &decode_form(body))
}

/// True when twilio-node's `validateRequestWithBody` or twilio-python's
/// `validate(url, body, signature)` accepts a JSON (non-form) webhook: the URL-only
/// HMAC-SHA1 matches and `bodySHA256` equals the body's SHA-256.
pub fn is_valid_with_body(token: &str, signature: &str, url: &str, body: &[u8]) -> bool {
    let prep = Prepared::new(url, Mode::Body, Vec::new(), body);
    let ev = evaluate(
        &prep,
        &[token.to_string()],
        signature.as_bytes(),
        Ok(Algorithm::HmacSha1),
    );
    ev.node_valid == Some(true) || ev.python_valid == Some(true)
}

// ---------------------------------------------------------------------------------------
// Library emulation
// ---------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    UrlOnly,
    Form,
    Body,
}

impl Mode {
    fn public(self) -> SignMode {
        match self {
            Mode::UrlOnly => SignMode::UrlOnly,
            Mode::Form => SignMode::FormParams,
            Mode::Body => SignMode::BodyHash,
        }
    }
}

/// A request ready for checking: the URL, what is signed besides it, and the
/// precomputed candidate URLs of both libraries.
pub(crate) struct Prepared<'a> {
    pub url: &'a str,
    pub mode: Mode,
    /// The form params (empty unless `Mode::Form`).
    pub params: Vec<(String, String)>,
    pub body: &'a [u8],
    pub node_idx: Vec<u32>,
    pub py_idx: Vec<u32>,
    /// node's fallbacks: `[whatwg without port, whatwg with port]`, `None` = `new URL()` throws.
    pub whatwg: Option<(node::WUrl, [String; 2])>,
    /// node's legacy-querystring fallbacks (`None` = throws).
    pub legacy: [Option<String>; 2],
    pub python: Result<[String; 2], python::PyError>,
    /// python's `parse_qs(query)["bodySHA256"][0]`.
    pub py_body_sha: Option<String>,
    pub body_sha_hex: Option<String>,
}

impl<'a> Prepared<'a> {
    pub(crate) fn new(
        url: &'a str,
        mode: Mode,
        params: Vec<(String, String)>,
        body: &'a [u8],
    ) -> Prepared<'a> {
        let params = if mode == Mode::Form {
            params
        } else {
            Vec::new()
        };
        let node_idx = compute::sorted_indices(&params, KeyOrder::Utf16);
        let py_idx = if compute::orders_may_differ(
            params.iter().flat_map(|(k, v)| [k.as_str(), v.as_str()]),
        ) {
            compute::sorted_indices(&params, KeyOrder::CodePoint)
        } else {
            node_idx.clone()
        };
        let whatwg = node::WUrl::parse(url).map(|w| {
            let pair = [w.remove_port(), w.add_port()];
            (w, pair)
        });
        let legacy = match &whatwg {
            Some((_, [a, b])) => [
                node::with_legacy_querystring(a),
                node::with_legacy_querystring(b),
            ],
            None => [None, None],
        };
        let py_url = python::PyUrl::parse(url);
        let py_body_sha = match (&py_url, mode) {
            (Ok(u), Mode::Body) => python::parse_qs_first(&u.query, "bodySHA256"),
            _ => None,
        };
        Prepared {
            url,
            mode,
            node_idx,
            py_idx,
            whatwg,
            legacy,
            python: python::candidates(url),
            py_body_sha,
            body_sha_hex: (mode == Mode::Body).then(|| compute::sha256_hex(body)),
            params,
            body,
        }
    }

    pub(crate) fn ordered(&self, order: KeyOrder) -> Ordered<'_> {
        match order {
            KeyOrder::Utf16 => Ordered {
                params: &self.params,
                idx: &self.node_idx,
            },
            KeyOrder::CodePoint => Ordered {
                params: &self.params,
                idx: &self.py_idx,
            },
        }
    }

    fn orders_differ(&self) -> bool {
        self.node_idx != self.py_idx
    }

    /// node's `searchParams.get("bodySHA256")`.
    fn node_body_sha(&self) -> Option<String> {
        self.whatwg
            .as_ref()
            .and_then(|(w, _)| w.search_param("bodySHA256"))
    }

    fn classify(&self, candidate: &str) -> CandidateKind {
        if candidate == self.url {
            CandidateKind::AsReceived
        } else if candidate == url_variants::join(&url_variants::port_removed(self.url)) {
            CandidateKind::PortRemoved
        } else if candidate == url_variants::join(&url_variants::port_added(self.url)) {
            CandidateKind::PortAdded
        } else {
            CandidateKind::PythonGeturl
        }
    }
}

/// A signature match found for one library and token.
#[derive(Debug, Clone)]
struct LibMatch {
    token: usize,
    kind: CandidateKind,
    url: String,
    order: KeyOrder,
}

/// One library's answer over all tokens.
#[derive(Debug, Clone, Default)]
struct LibOutcome {
    /// Applicable at all (node: only for HMAC-SHA1).
    applicable: bool,
    accepted: Option<LibMatch>,
    /// The HMAC matched a candidate but the body hash check failed.
    url_only: Option<LibMatch>,
    /// The library raised / threw instead of answering.
    error: Option<String>,
    /// Why the body check failed (body mode).
    body_problem: Option<String>,
}

pub(crate) struct Evaluation {
    node: LibOutcome,
    python: LibOutcome,
    node_valid: Option<bool>,
    python_valid: Option<bool>,
}

fn check(keyed: &Keyed, url: &str, params: Ordered<'_>, sig: &[u8]) -> bool {
    compute::mac_of(keyed, &[url], params).matches_header(sig)
}

fn eval_node(prep: &Prepared<'_>, keyed: &Keyed, token: usize, sig: &[u8], out: &mut LibOutcome) {
    let params = prep.ordered(KeyOrder::Utf16);
    let mk = |kind, url: String| LibMatch {
        token,
        kind,
        url,
        order: KeyOrder::Utf16,
    };
    // validateRequestWithBody parses the URL first.
    if prep.mode == Mode::Body && prep.whatwg.is_none() {
        out.error = Some("new URL() throws on this URL".into());
        return;
    }
    let has_port = url_variants::split_authority(prep.url).is_some_and(|a| a.has_port());
    let removed = url_variants::port_removed(prep.url);
    let added = url_variants::port_added(prep.url);
    let mut found = None;
    if compute::mac_of(keyed, &removed, params).matches_header(sig) {
        let kind = if has_port {
            CandidateKind::PortRemoved
        } else {
            CandidateKind::AsReceived
        };
        found = Some(mk(kind, url_variants::join(&removed)));
    } else if compute::mac_of(keyed, &added, params).matches_header(sig) {
        let kind = if has_port {
            CandidateKind::AsReceived
        } else {
            CandidateKind::PortAdded
        };
        found = Some(mk(kind, url_variants::join(&added)));
    } else {
        match &prep.whatwg {
            None => {
                out.error = Some("new URL() throws on this URL".into());
                return;
            }
            Some((_, w)) => {
                for c in w {
                    if check(keyed, c, params, sig) {
                        found = Some(mk(CandidateKind::NodeWhatwg, c.clone()));
                        break;
                    }
                }
            }
        }
        if found.is_none() {
            for c in &prep.legacy {
                match c {
                    None => {
                        out.error = Some("new URL() throws on this URL".into());
                        return;
                    }
                    Some(c) if check(keyed, c, params, sig) => {
                        found = Some(mk(CandidateKind::NodeQuerystring, c.clone()));
                        break;
                    }
                    Some(_) => {}
                }
            }
        }
    }
    let Some(m) = found else { return };
    if prep.mode == Mode::Body {
        let in_url = prep.node_body_sha().unwrap_or_default();
        let expected = prep.body_sha_hex.as_deref().unwrap_or("");
        if !compute::ct_eq(in_url.as_bytes(), expected.as_bytes()) {
            out.body_problem = Some(if in_url.is_empty() {
                "twilio-node's validateRequestWithBody needs a non-empty bodySHA256 in the URL"
                    .into()
            } else {
                "twilio-node finds that bodySHA256 in the URL is not the SHA-256 of the body".into()
            });
            if out.url_only.is_none() {
                out.url_only = Some(m);
            }
            return;
        }
    }
    if out.accepted.is_none() {
        out.accepted = Some(m);
    }
}

fn eval_python(prep: &Prepared<'_>, keyed: &Keyed, token: usize, sig: &[u8], out: &mut LibOutcome) {
    let cands = match &prep.python {
        Ok(c) => c,
        Err(e) => {
            out.error = Some(e.describe());
            return;
        }
    };
    let mut hash_ok = true;
    if prep.mode == Mode::Body {
        match &prep.py_body_sha {
            Some(h) => {
                let expected = prep.body_sha_hex.as_deref().unwrap_or("");
                hash_ok = compute::ct_eq(h.as_bytes(), expected.as_bytes());
                if !hash_ok {
                    out.body_problem = Some(
                        "twilio-python finds that bodySHA256 in the URL is not the SHA-256 of the body"
                            .into(),
                    );
                }
            }
            None if !prep.body.is_empty() => {
                out.error = Some(
                    "with no (non-blank) bodySHA256 in the URL, python treats the body string as params and raises TypeError"
                        .into(),
                );
                return;
            }
            None => {}
        }
    }
    let params = prep.ordered(KeyOrder::CodePoint);
    for c in cands {
        if check(keyed, c, params, sig) {
            let m = LibMatch {
                token,
                kind: prep.classify(c),
                url: c.clone(),
                order: KeyOrder::CodePoint,
            };
            if hash_ok {
                if out.accepted.is_none() {
                    out.accepted = Some(m);
                }
            } else if out.url_only.is_none() {
                out.url_only = Some(m);
            }
            return;
        }
    }
}

/// Runs both libraries over every token.
pub(crate) fn evaluate(
    prep: &Prepared<'_>,
    tokens: &[String],
    sig: &[u8],
    settings: Result<Algorithm, String>,
) -> Evaluation {
    let mut node = LibOutcome {
        applicable: settings == Ok(Algorithm::HmacSha1),
        ..LibOutcome::default()
    };
    let mut py = LibOutcome {
        applicable: true,
        ..LibOutcome::default()
    };
    if let Err(name) = &settings {
        py.error = Some(format!(
            "X-Twilio-Webhooks-Signature-Settings names an unknown algorithm '{name}', so python returns False"
        ));
    }
    for (i, token) in tokens.iter().enumerate() {
        if token.is_empty() {
            continue;
        }
        if node.applicable && node.accepted.is_none() {
            let keyed = Keyed::new(token, Algorithm::HmacSha1);
            eval_node(prep, &keyed, i, sig, &mut node);
        }
        if let Ok(alg) = settings {
            if py.accepted.is_none() {
                let keyed = Keyed::new(token, alg);
                eval_python(prep, &keyed, i, sig, &mut py);
            }
        }
        if node.accepted.is_some() && py.accepted.is_some() {
            break;
        }
    }
    Evaluation {
        node_valid: node.applicable.then_some(node.accepted.is_some()),
        python_valid: Some(py.accepted.is_some()),
        node,
        python: py,
    }
}

// ---------------------------------------------------------------------------------------
// verify
// ---------------------------------------------------------------------------------------

/// `token #2 (…a1b2)`: at most the last 4 characters, fewer for short tokens.
pub(crate) fn token_hint(tokens: &[String], index: usize) -> String {
    let t = tokens.get(index).map(String::as_str).unwrap_or("");
    let n = t.chars().count();
    let show = (n / 4).min(4);
    if show == 0 {
        format!("token #{}", index + 1)
    } else {
        let tail: String = t.chars().skip(n - show).collect();
        format!("token #{} (…{})", index + 1, make_visible(&tail))
    }
}

/// Decodes a form body as twilio-node's callers get it ([`crate::percent::form_pairs`]).
pub(crate) fn decode_form(body: &[u8]) -> Vec<(String, String)> {
    crate::percent::form_pairs(body)
}

/// True for an `application/x-www-form-urlencoded` media type (parameters ignored).
fn is_form_type(ct: &str) -> bool {
    ct.split(';')
        .next()
        .unwrap_or("")
        .trim()
        .eq_ignore_ascii_case("application/x-www-form-urlencoded")
}

pub(crate) fn looks_like_json(body: &[u8]) -> bool {
    matches!(
        body.iter().find(|b| !b.is_ascii_whitespace()),
        Some(b'{') | Some(b'[')
    )
}

/// True when the URL's query has a `bodySHA256` parameter (the mark Twilio puts on the URL
/// of every request whose body it signs by hash).
pub fn url_has_body_sha(url: &str) -> bool {
    let query = url.split('#').next().unwrap_or("");
    let Some((_, query)) = query.split_once('?') else {
        return false;
    };
    query
        .split('&')
        .any(|p| p.split('=').next() == Some("bodySHA256"))
}

/// What `X-Twilio-Signature` covers besides the URL — the one rule used by [`verify`],
/// [`sign_request`], [`verify_quick`] (the npm package's `verifySignature`) and the
/// inspector.
///
/// - Only a POST has a signed body: any other method (GET, or a body-less request whose
///   method is unknown) signs the URL alone, its query included. Twilio never sends a body
///   with GET, and the official validators are called with no parameters for it.
/// - A POST with a `Content-Type` is signed by its decoded parameters when the media type
///   is `application/x-www-form-urlencoded`, and by the `bodySHA256` in the URL otherwise
///   (JSON and every other body type).
/// - A POST without a `Content-Type` is signed through `bodySHA256` when the URL carries
///   one (twilio-node's `webhook()` middleware decides this way, and python's `validate`
///   checks the hash whenever the query has it) or when the body is JSON (`{`/`[` first);
///   otherwise it is a form.
///
/// `method` `None` means POST when `body` is not empty, else GET.
///
/// ```
/// use twilio_webhook_inspector::signature::{signed_content, SignMode};
/// let url = "https://example.com/hook";
/// assert_eq!(signed_content(Some("GET"), None, url, b"A=1"), SignMode::UrlOnly);
/// assert_eq!(signed_content(None, None, url, b"A=1"), SignMode::FormParams);
/// assert_eq!(signed_content(None, None, url, b"{}"), SignMode::BodyHash);
/// assert_eq!(signed_content(None, None, "https://h/x?bodySHA256=ab", b"A=1"), SignMode::BodyHash);
/// assert_eq!(signed_content(Some("POST"), Some("application/json"), url, b"A=1"), SignMode::BodyHash);
/// ```
pub fn signed_content(
    method: Option<&str>,
    content_type: Option<&str>,
    url: &str,
    body: &[u8],
) -> SignMode {
    signed_content_of(method, content_type, url, body, false)
}

/// [`signed_content`] for a request that may come with its form parameters already decoded
/// (`has_params`): they count as a body, and without a `Content-Type` they are a form.
fn signed_content_of(
    method: Option<&str>,
    content_type: Option<&str>,
    url: &str,
    body: &[u8],
    has_params: bool,
) -> SignMode {
    let post = match method.map(str::trim).filter(|m| !m.is_empty()) {
        Some(m) => m.eq_ignore_ascii_case("POST"),
        None => !body.is_empty() || has_params,
    };
    if !post {
        return SignMode::UrlOnly;
    }
    match content_type.map(str::trim).filter(|c| !c.is_empty()) {
        Some(ct) if is_form_type(ct) => SignMode::FormParams,
        Some(_) => SignMode::BodyHash,
        None if has_params && body.is_empty() => SignMode::FormParams,
        None if url_has_body_sha(url) || looks_like_json(body) => SignMode::BodyHash,
        None => SignMode::FormParams,
    }
}

/// Decides what is signed besides the URL ([`signed_content`]), and the params.
fn decide_mode(input: &SignatureInput<'_>) -> (Mode, Vec<(String, String)>) {
    let mode = signed_content_of(
        input.method,
        input.content_type,
        input.url.unwrap_or(""),
        input.body,
        !input.params.is_empty(),
    );
    match mode {
        SignMode::UrlOnly => (Mode::UrlOnly, Vec::new()),
        SignMode::BodyHash => (Mode::Body, Vec::new()),
        SignMode::FormParams if input.params.is_empty() => (Mode::Form, decode_form(input.body)),
        SignMode::FormParams => (Mode::Form, input.params.to_vec()),
    }
}

/// Why a signature header is not a well-formed base64 HMAC, if it is not.
pub(crate) fn malformed_reason(sig: &str) -> Option<String> {
    if sig.is_empty() {
        return Some("The X-Twilio-Signature header is empty.".into());
    }
    if sig.trim() != sig {
        return Some(format!(
            "The X-Twilio-Signature value has surrounding whitespace ('{}'): libraries compare it exactly.",
            make_visible(sig)
        ));
    }
    let n = sig.len();
    let b = sig.as_bytes();
    if (n == 40 || n == 64) && b.iter().all(|c| c.is_ascii_hexdigit()) {
        return Some("The X-Twilio-Signature value is hex; Twilio signatures are base64.".into());
    }
    if sig.contains(['-', '_']) {
        return Some(
            "The X-Twilio-Signature value uses the base64url alphabet (- _); Twilio uses standard base64 (+ /).".into(),
        );
    }
    if (n == 27 || n == 43) && !sig.contains('=') {
        return Some("The X-Twilio-Signature value lost its '=' padding.".into());
    }
    // 20 bytes → 27 base64 characters + '=', 32 bytes → 43 + '='.
    let well_formed = (n == 28 || n == 44)
        && b[n - 1] == b'='
        && b[..n - 1]
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || *c == b'+' || *c == b'/');
    if well_formed {
        None
    } else {
        Some(format!(
            "The X-Twilio-Signature value is not 28 (SHA-1) or 44 (SHA-256) base64 characters ({n} characters)."
        ))
    }
}

fn token_problem(token: &str) -> Option<String> {
    let t = token.trim();
    if t.len() != token.len() {
        return Some("has surrounding whitespace (a copied newline?)".into());
    }
    if t.len() == 34 && (t.starts_with("AC") || t.starts_with("SK")) {
        return Some(format!(
            "looks like a {} SID, not an auth token",
            if t.starts_with("AC") {
                "Account"
            } else {
                "API Key"
            }
        ));
    }
    if t.len() != 32 || !t.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Some(format!(
            "is {} characters; auth tokens are 32 hex characters",
            t.chars().count()
        ));
    }
    None
}

/// Verifies the request's signature the way twilio-node 6.2 and twilio-python 9.13 do, and
/// runs the doctor when neither accepts it.
pub fn verify(input: &SignatureInput<'_>) -> SignatureReport {
    let mut r = SignatureReport::default();
    let tokens: Vec<String> = input.tokens.to_vec();
    let has_token = tokens.iter().any(|t| !t.is_empty());
    let settings =
        Algorithm::from_settings_header(input.settings_header.filter(|h| !h.trim().is_empty()))
            .map_err(|e| e.name);

    let Some(sig) = input.signature else {
        if has_token {
            r.status = SignatureStatus::NoSignature;
            r.findings.push(
                Finding::new(
                    Code::SignatureMissing,
                    "The request has no X-Twilio-Signature header, so it cannot be authenticated.",
                )
                .hint("Twilio signs every webhook; capture the X-Twilio-Signature header with the request."),
            );
        }
        return r;
    };
    r.received = Some(make_visible(sig));
    let malformed = malformed_reason(sig);

    if let Err(name) = &settings {
        r.findings.push(
            Finding::new(
                Code::SignatureSettingsInvalid,
                format!("X-Twilio-Webhooks-Signature-Settings names an unknown algorithm '{name}'."),
            )
            .hint("Twilio sends algorithm=HMAC_SHA1 or algorithm=HMAC_SHA256; twilio-python returns False for anything else."),
        );
    }
    r.algorithm = settings.clone().ok();

    let url = match input.url.filter(|u| !u.trim().is_empty()) {
        None => None,
        Some(u) if u.starts_with('/') => {
            r.status = SignatureStatus::NoUrl;
            r.findings.push(
                Finding::new(
                    Code::SignatureNoUrl,
                    format!("Only the path ({u}) is known, not the full URL Twilio requested."),
                )
                .hint("Give the full URL (scheme, host and port as Twilio called it) to check the signature."),
            );
            return finish_early(r, malformed);
        }
        Some(u) => Some(u),
    };
    if !has_token {
        r.status = SignatureStatus::NoToken;
        r.findings.push(
            Finding::new(
                Code::SignatureNoToken,
                "An X-Twilio-Signature is present but no auth token was given to check it.",
            )
            .hint("Pass the auth token of the account (or sub-account) that owns the number, or the SharedKey secret."),
        );
        if let Some(u) = url {
            let (mode, params) = decide_mode(input);
            r.mode = Some(mode.public());
            let prep = Prepared::new(u, mode, params, input.body);
            r.string_to_sign = Some(make_visible(&compute::build_string(
                &[u],
                prep.ordered(KeyOrder::Utf16),
            )));
        }
        return finish_early(r, malformed);
    }
    let Some(url) = url else {
        r.status = SignatureStatus::NoUrl;
        r.findings.push(
            Finding::new(
                Code::SignatureNoUrl,
                "An X-Twilio-Signature is present but the URL Twilio requested is unknown.",
            )
            .hint("The URL is part of what is signed: give the full URL, with the query string, as Twilio called it."),
        );
        return finish_early(r, malformed);
    };

    let alg_for_tokens = settings.clone().unwrap_or(Algorithm::HmacSha1);
    if alg_for_tokens == Algorithm::HmacSha1 {
        for (i, t) in tokens.iter().enumerate() {
            if t.is_empty() {
                continue;
            }
            if let Some(p) = token_problem(t) {
                r.findings.push(
                    Finding::new(Code::TokenLooksWrong, format!("{} {p}.", token_hint(&tokens, i)))
                        .hint("Use the Auth Token shown in the Twilio Console for the account that owns the webhook."),
                );
            }
        }
    }

    let (mode, params) = decide_mode(input);
    r.mode = Some(mode.public());
    let prep = Prepared::new(url, mode, params, input.body);
    let primary = compute::build_string(&[url], prep.ordered(KeyOrder::Utf16));
    r.string_to_sign = Some(make_visible(&primary));
    if let Some(first) = tokens.iter().find(|t| !t.is_empty()) {
        let keyed = Keyed::new(first, alg_for_tokens);
        r.expected =
            Some(compute::mac_of(&keyed, &[url], prep.ordered(KeyOrder::Utf16)).to_b64_string());
    }
    if mode == Mode::Body {
        let expected_hex = prep.body_sha_hex.clone().unwrap_or_default();
        let in_url = prep.node_body_sha().or_else(|| prep.py_body_sha.clone());
        let matches = in_url.as_deref() == Some(expected_hex.as_str());
        r.body_hash = Some(BodyHash {
            expected_hex,
            in_url,
            matches,
        });
    }

    let ev = evaluate(&prep, &tokens, sig.as_bytes(), settings.clone());
    r.node_valid = ev.node_valid;
    r.python_valid = ev.python_valid;
    let valid = ev.node_valid == Some(true) || ev.python_valid == Some(true);

    // The match to report: node's shared candidates, then python's, then node's fallbacks;
    // lowest token index first.
    let best = [ev.node.accepted.as_ref(), ev.python.accepted.as_ref()]
        .into_iter()
        .flatten()
        .min_by_key(|m| {
            let rank = match (m.order, m.kind) {
                (
                    KeyOrder::Utf16,
                    CandidateKind::AsReceived
                    | CandidateKind::PortAdded
                    | CandidateKind::PortRemoved,
                ) => 0,
                (KeyOrder::CodePoint, _) => 1,
                _ => 2,
            };
            (m.token, rank)
        })
        .cloned();
    r.matched = best.as_ref().map(|m| Match {
        token_index: m.token,
        token_hint: token_hint(&tokens, m.token),
        candidate: m.kind,
        url: make_visible(&m.url),
        key_order: m.order,
    });

    if valid {
        r.status = SignatureStatus::Valid;
        let m = best.as_ref();
        let how = m.map_or("the request", |m| m.kind.describe());
        let who = m.map_or_else(String::new, |m| {
            format!(" with {}", token_hint(&tokens, m.token))
        });
        r.findings.push(Finding::new(
            Code::SignatureValid,
            format!("X-Twilio-Signature matches {how}{who}."),
        ));
        if let (Some(n), Some(p)) = (ev.node_valid, ev.python_valid) {
            if n != p {
                let d = disagreement(&prep, &ev, n);
                r.findings.push(
                    Finding::new(Code::SignatureLibraryDisagreement, d.clone()).hint(
                        "Validate with the library that accepts it, or fix the URL/params your server rebuilds so both agree.",
                    ),
                );
                r.disagreement = Some(d);
            }
        }
    } else {
        r.status = if malformed.is_some() {
            SignatureStatus::Malformed
        } else {
            SignatureStatus::Invalid
        };
        if let Some(why) = &malformed {
            r.findings.push(
                Finding::new(Code::SignatureMalformed, why.clone())
                    .hint("Pass the X-Twilio-Signature header value exactly as received."),
            );
        } else {
            let url_signed = ev.node.url_only.is_some() || ev.python.url_only.is_some();
            let mut f = Finding::new(
                Code::SignatureInvalid,
                if url_signed {
                    "X-Twilio-Signature matches the URL, but the body fails the bodySHA256 check, so the libraries reject the request."
                } else {
                    "X-Twilio-Signature matches none of the URLs and tokens twilio-node and twilio-python try."
                },
            );
            let mut hint = String::from(
                "The URL must be byte-for-byte the one Twilio requested (scheme, host, port, path, query) and the token must belong to the account that owns the webhook.",
            );
            if let Some(sid) = input.account_sid.filter(|s| !s.is_empty()) {
                hint.push_str(&format!(
                    " This request's AccountSid is {sid}: if that is a sub-account, its webhooks are signed with the sub-account's own auth token."
                ));
            }
            f = f.hint(hint);
            r.findings.push(f);
        }
    }

    // Body hash findings (JSON webhooks).
    if let Some(bh) = &r.body_hash {
        match &bh.in_url {
            None => r.findings.push(
                Finding::new(
                    Code::BodyHashMissing,
                    "The body is not form-encoded, so Twilio signs it through a bodySHA256 query parameter, and the URL has none.",
                )
                .hint("Use the URL exactly as Twilio requested it, including ?bodySHA256=…; if the body is really a form, send Content-Type: application/x-www-form-urlencoded."),
            ),
            Some(h) if h.is_empty() => r.findings.push(
                Finding::new(Code::BodyHashMissing, "bodySHA256 in the URL is empty.")
                    .hint("Twilio puts the lower-case hex SHA-256 of the raw body there."),
            ),
            Some(h) if !bh.matches => {
                let upper = h.eq_ignore_ascii_case(&bh.expected_hex);
                r.findings.push(
                    Finding::new(
                        Code::BodyHashMismatch,
                        if upper {
                            format!("bodySHA256 in the URL ({h}) is the body's hash in upper-case hex; it must be lower-case.")
                        } else {
                            format!(
                                "bodySHA256 in the URL ({h}) is not the SHA-256 of the body ({}).",
                                bh.expected_hex
                            )
                        },
                    )
                    .hint("Hash the raw body bytes exactly as received — not a parsed and re-serialised JSON object."),
                )
            }
            Some(_) => {}
        }
    }

    // The doctor.
    let run_doctor = !valid || best.as_ref().is_some_and(|m| m.token > 0);
    if run_doctor {
        let ctx = doctor::Context {
            input,
            prep: &prep,
            tokens: &tokens,
            sig,
            settings: settings.clone(),
            matched: best.as_ref().map(|m| (m.token, m.url.clone(), m.order)),
            url_only_match: ev
                .node
                .url_only
                .as_ref()
                .or(ev.python.url_only.as_ref())
                .map(|m| (m.token, m.url.clone())),
        };
        let outcome = doctor::run(&ctx);
        if !valid && malformed.is_none() && outcome.diagnoses.is_empty() {
            let nm = doctor::no_match(&ctx, &outcome);
            r.findings.push(
                Finding::new(
                    Code::SignatureUnexplained,
                    format!(
                        "No variant of the request matches the signature ({}). Most likely: {}",
                        nm.tried
                            .first()
                            .map(String::as_str)
                            .unwrap_or("nothing could be tried"),
                        nm.likely_causes
                            .first()
                            .map(String::as_str)
                            .unwrap_or_default()
                    ),
                )
                .hint(nm.compare_next.clone()),
            );
            r.no_match = Some(nm);
        }
        r.diagnoses = outcome.diagnoses;
        for d in &r.diagnoses {
            let sev = if valid {
                Severity::Warning
            } else {
                Code::SignatureDiagnosis.default_severity()
            };
            r.findings.push(
                Finding::new(Code::SignatureDiagnosis, d.message.clone())
                    .hint(d.hint.clone())
                    .severity(sev),
            );
        }
    }
    r
}

fn finish_early(mut r: SignatureReport, malformed: Option<String>) -> SignatureReport {
    if let Some(why) = malformed {
        r.findings.push(
            Finding::new(Code::SignatureMalformed, why)
                .hint("Pass the X-Twilio-Signature header value exactly as received."),
        );
    }
    r
}

/// One sentence naming the library that rejects and why.
fn disagreement(prep: &Prepared<'_>, ev: &Evaluation, node_accepts: bool) -> String {
    let (rejecter, other) = if node_accepts {
        (&ev.python, &ev.node)
    } else {
        (&ev.node, &ev.python)
    };
    let (rej_name, acc_name) = if node_accepts {
        ("twilio-python", "twilio-node")
    } else {
        ("twilio-node", "twilio-python")
    };
    let prefix = format!("{acc_name} accepts this signature but {rej_name} rejects it");
    if let Some(e) = &rejecter.error {
        return format!("{prefix}: {e}.");
    }
    if let Some(b) = &rejecter.body_problem {
        return format!("{prefix}: {b}.");
    }
    let Some(m) = &other.accepted else {
        return format!("{prefix}.");
    };
    let visible_url = make_visible(&m.url);
    match m.kind {
        CandidateKind::NodeWhatwg => format!(
            "{prefix}: only node's new URL() re-serialisation ({visible_url}) reproduces the signed URL ({}), and python signs the URL as received.",
            describe_whatwg(prep.url, &m.url)
        ),
        CandidateKind::NodeQuerystring => format!(
            "{prefix}: only node's legacy-querystring re-encoding of the query ({visible_url}) reproduces the signed URL, and python signs the query as received."
        ),
        _ => {
            let same_urls = match (&prep.python, node_accepts) {
                (Ok(py), true) => py.contains(&m.url),
                (Ok(_), false) => {
                    let removed = url_variants::join(&url_variants::port_removed(prep.url));
                    let added = url_variants::join(&url_variants::port_added(prep.url));
                    m.url == removed || m.url == added
                }
                (Err(_), _) => false,
            };
            if same_urls && prep.orders_differ() {
                format!(
                    "{prefix}: node sorts parameter names and values by UTF-16 code unit and python by code point, and here the two orders differ ({acc_name}'s order was signed)."
                )
            } else if node_accepts {
                let py = prep
                    .python
                    .as_ref()
                    .map(|c| make_visible(&c[0]))
                    .unwrap_or_default();
                format!(
                    "{prefix}: {} (python signs {py}), but {visible_url} was signed.",
                    python_reason(prep.url)
                )
            } else {
                format!(
                    "{prefix}: node signs the URL as received ({}), while {} and that form ({visible_url}) is what was signed.",
                    make_visible(prep.url),
                    python_reason(prep.url)
                )
            }
        }
    }
}

/// What python's `urlparse().geturl()` / `remove_port` does to this URL, in a few words.
fn python_reason(url: &str) -> String {
    let mut why: Vec<String> = Vec::new();
    if let Some(a) = url_variants::split_authority(url) {
        let scheme = &url[..a.scheme_end];
        if scheme.bytes().any(|b| b.is_ascii_uppercase()) {
            why.push("urlparse() lower-cases the scheme".into());
        }
        let userinfo = a.host_start > a.auth_start;
        let ipv6 = url[a.host_start..].starts_with('[');
        if a.has_port() && (userinfo || ipv6) {
            why.push(format!(
                "remove_port() cuts the {} at its first ':'",
                if userinfo {
                    "user:password@host"
                } else {
                    "[IPv6] host"
                }
            ));
        }
    }
    let main = url.split('#').next().unwrap_or(url);
    if main.ends_with('?') {
        why.push("geturl() drops the empty '?'".into());
    }
    if url.ends_with('#') {
        why.push("geturl() drops the empty '#'".into());
    }
    if main.split('?').next().unwrap_or("").ends_with(';') {
        why.push("geturl() drops the empty ';'".into());
    }
    if why.is_empty() {
        "python re-serialises the URL with urlparse().geturl()".into()
    } else {
        format!("python's {}", why.join(" and "))
    }
}

/// What node's WHATWG serialisation changed, in a few words.
fn describe_whatwg(received: &str, normalised: &str) -> String {
    let mut changes: Vec<&str> = Vec::new();
    let (a, b) = (
        url_variants::Parts::parse(received),
        url_variants::Parts::parse(normalised),
    );
    if let (Some(a), Some(b)) = (&a, &b) {
        if a.scheme != b.scheme {
            changes.push("lower-cases the scheme");
        }
        if a.host != b.host {
            if a.host.is_ascii() {
                changes.push("lower-cases the host");
            } else {
                changes.push("converts the host to punycode");
            }
        }
        if a.port.is_some() && b.port.is_none() {
            changes.push("drops the port");
        }
        if a.path.is_empty() && b.path == "/" {
            changes.push("adds '/' for the empty path");
        } else if a.path.contains("/.") && !b.path.contains("/.") {
            changes.push("resolves dot segments");
        } else if a.path != b.path {
            changes.push("percent-encodes the path");
        }
        if a.query != b.query {
            if a.query.as_deref().is_some_and(|q| q.contains('\'')) {
                changes.push("encodes ' as %27 in the query");
            } else {
                changes.push("percent-encodes the query");
            }
        }
    }
    if changes.is_empty() {
        "it re-serialises the URL".into()
    } else {
        format!("it {}", changes.join(", "))
    }
}
