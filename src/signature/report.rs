//! The signature report's types: what was checked, what matched, the doctor's
//! diagnoses, and the words each id is shown with.

use serde::{Deserialize, Serialize};

use crate::finding::Finding;

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
    TrailingSlash => "trailing-slash": "The path differs by a trailing slash, or by a doubled '/' (a base URL ending in '/' joined to the path).",
    HostCase => "host-case": "The host differs in letter case.",
    EmptyQuery => "empty-query": "The URL differs by an empty '?'.",
    Fragment => "fragment": "The URL differs by a '#fragment'.",
    QueryOrder => "query-order": "The query parameters were signed in another order.",
    QueryEncoding => "query-encoding": "The query was signed with another percent-encoding (', +, %20, hex case…).",
    PathEncoding => "path-encoding": "The path was signed with another percent-encoding.",
    PathCase => "path-case": "The path was signed in lower case (paths are case-sensitive).",
    FormVsJson => "form-vs-json": "A JSON body was validated as form parameters, or the reverse.",
    BodyHashDropped => "body-hash-dropped": "Twilio signed the URL with bodySHA256 (the JSON body's hash) in its query; the URL validated lost it.",
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
