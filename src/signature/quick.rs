//! The server fast path: is this raw request signed by one of these tokens? No report, no
//! findings, no doctor — the npm package's `verifySignature` (through `src/wasm.rs`) and
//! any Rust server. What is signed is decided by [`super::signed_content`], the same rule
//! the full [`super::verify`] uses, and a form body is decoded by
//! [`crate::percent::form_pairs`].
//!
//! [`packed`] defines the one number `verifySignature`'s JS fast path receives; the JS side
//! reads the layout from [`packed::layout_json`] at run time, so it is written down once.

use super::{
    decode_form, is_valid, is_valid_with_body, signed_content, verify, Algorithm, CandidateKind,
    SignMode, SignatureInput,
};

/// A request as a server receives it.
#[derive(Debug, Clone, Copy, Default)]
pub struct QuickRequest<'a> {
    /// `X-Twilio-Signature` (empty when missing).
    pub signature: &'a str,
    /// The URL Twilio requested.
    pub url: &'a str,
    /// The raw body.
    pub body: &'a [u8],
    /// `Content-Type`, if known.
    pub content_type: Option<&'a str>,
    /// The HTTP method, if known.
    pub method: Option<&'a str>,
    /// `X-Twilio-Webhooks-Signature-Settings`, if sent.
    pub settings: Option<&'a str>,
}

/// Why [`verify_quick`] said what it said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuickReason {
    /// The signature matched.
    Valid,
    /// No `X-Twilio-Signature` was given.
    MissingSignature,
    /// No (non-empty) token was given.
    NoToken,
    /// No token and no URL candidate matched (or the body hash is wrong).
    Mismatch,
}

impl QuickReason {
    /// Every value, in code order (the packed number stores the index).
    pub const ALL: [QuickReason; 4] = [
        QuickReason::Valid,
        QuickReason::MissingSignature,
        QuickReason::NoToken,
        QuickReason::Mismatch,
    ];

    /// The kebab-case id.
    pub fn id(self) -> &'static str {
        match self {
            QuickReason::Valid => "valid",
            QuickReason::MissingSignature => "missing-signature",
            QuickReason::NoToken => "no-token",
            QuickReason::Mismatch => "mismatch",
        }
    }
}

/// The URL candidates [`verify_quick`] names (the port variants every library tries).
pub const QUICK_CANDIDATES: [CandidateKind; 3] = [
    CandidateKind::AsReceived,
    CandidateKind::PortAdded,
    CandidateKind::PortRemoved,
];

/// The answer of [`verify_quick`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuickVerdict {
    /// True when a token's signature matched.
    pub valid: bool,
    /// The matching token's index and URL candidate (one of [`QUICK_CANDIDATES`]).
    pub matched: Option<(usize, CandidateKind)>,
    /// The HMAC checked: HMAC-SHA256 only when the settings header says so.
    pub algorithm: Algorithm,
    /// Why.
    pub reason: QuickReason,
}

/// Verifies a raw request against each token in turn (twilio-node's and twilio-python's
/// acceptance, like [`super::is_valid`]).
pub fn verify_quick(tokens: &[&str], request: &QuickRequest<'_>) -> QuickVerdict {
    let algorithm = match request
        .settings
        .filter(|s| !s.is_empty())
        .map(|s| Algorithm::from_settings_header(Some(s)))
    {
        Some(Ok(Algorithm::HmacSha256)) => Algorithm::HmacSha256,
        _ => Algorithm::HmacSha1,
    };
    let mut result = QuickVerdict {
        valid: false,
        matched: None,
        algorithm,
        reason: QuickReason::Mismatch,
    };
    if request.signature.is_empty() {
        result.reason = QuickReason::MissingSignature;
        return result;
    }
    if tokens.iter().all(|t| t.is_empty()) {
        result.reason = QuickReason::NoToken;
        return result;
    }
    let mode = signed_content(
        request.method,
        request.content_type,
        request.url,
        request.body,
    );
    let params = if mode == SignMode::FormParams {
        decode_form(request.body)
    } else {
        Vec::new()
    };
    if algorithm == Algorithm::HmacSha256 {
        // SharedKey HMAC-SHA256 is rare: the full verification handles it.
        let owned: Vec<String> = tokens.iter().map(|t| t.to_string()).collect();
        let report = verify(&SignatureInput {
            url: Some(request.url),
            method: request.method,
            content_type: request.content_type,
            body: request.body,
            params: &params,
            signature: Some(request.signature),
            settings_header: request.settings,
            tokens: &owned,
            ..Default::default()
        });
        let valid = report.is_valid();
        if let Some(m) = report.matched.filter(|_| valid) {
            result.valid = true;
            result.reason = QuickReason::Valid;
            let candidate = match m.candidate {
                CandidateKind::PortAdded | CandidateKind::PortRemoved => m.candidate,
                _ => CandidateKind::AsReceived,
            };
            result.matched = Some((m.token_index, candidate));
        }
        return result;
    }
    for (index, token) in tokens.iter().enumerate() {
        let ok = match mode {
            SignMode::BodyHash => {
                is_valid_with_body(token, request.signature, request.url, request.body)
            }
            SignMode::UrlOnly | SignMode::FormParams => {
                is_valid(token, request.signature, request.url, &params)
            }
        };
        if ok {
            result.valid = true;
            result.reason = QuickReason::Valid;
            result.matched = Some((index, CandidateKind::AsReceived));
            break;
        }
    }
    result
}

/// [`QuickVerdict`] packed in one `u32`, for the npm fast path (one number crosses the
/// wasm boundary instead of an object). Fields, low bit first:
///
/// | field | shift | mask | value |
/// |---|---|---|---|
/// | valid | 0 | 1 | 1 when valid |
/// | algorithm | 1 | 7 | index in `["sha1", "sha256"]` |
/// | reason | 4 | 15 | index in [`QuickReason::ALL`] |
/// | candidate | 8 | 255 | index in [`QUICK_CANDIDATES`] |
/// | token | 16 | 65535 | the matching token's index (capped) |
pub mod packed {
    use super::{QuickReason, QuickVerdict, QUICK_CANDIDATES};
    use crate::signature::Algorithm;

    /// `(shift, mask)` of each field.
    const VALID: (u32, u32) = (0, 1);
    const ALGORITHM: (u32, u32) = (1, 7);
    const REASON: (u32, u32) = (4, 15);
    const CANDIDATE: (u32, u32) = (8, 0xff);
    const TOKEN: (u32, u32) = (16, 0xffff);

    /// `(name, shift, mask)` of every field, low bit first: what [`layout_json`] publishes.
    pub const FIELDS: [(&str, u32, u32); 5] = [
        ("valid", VALID.0, VALID.1),
        ("algorithm", ALGORITHM.0, ALGORITHM.1),
        ("reason", REASON.0, REASON.1),
        ("candidate", CANDIDATE.0, CANDIDATE.1),
        ("token", TOKEN.0, TOKEN.1),
    ];

    /// The algorithm ids, in the order the packed number indexes them.
    pub const ALGORITHMS: [&str; 2] = ["sha1", "sha256"];

    /// `value` (capped at the mask) in its field.
    fn put((shift, mask): (u32, u32), value: u32) -> u32 {
        value.min(mask) << shift
    }

    /// Packs a verdict.
    pub fn pack(v: &QuickVerdict) -> u32 {
        let algorithm = match v.algorithm {
            Algorithm::HmacSha1 => 0,
            Algorithm::HmacSha256 => 1,
        };
        let reason = QuickReason::ALL
            .iter()
            .position(|r| *r == v.reason)
            .unwrap_or(0) as u32;
        let (candidate, token) = match v.matched {
            Some((token, c)) => (
                QUICK_CANDIDATES.iter().position(|k| *k == c).unwrap_or(0) as u32,
                u32::try_from(token).unwrap_or(u32::MAX),
            ),
            None => (0, 0),
        };
        put(VALID, u32::from(v.valid))
            | put(ALGORITHM, algorithm)
            | put(REASON, reason)
            | put(CANDIDATE, candidate)
            | put(TOKEN, token)
    }

    /// The layout and the string tables as JSON, read once by the JS fast path:
    /// `{"fields":{"valid":[0,1],…},"algorithms":[…],"reasons":[…],"candidates":[…]}`.
    pub fn layout_json() -> String {
        let list = |items: &[&str]| format!("[\"{}\"]", items.join("\",\""));
        let fields: Vec<String> = FIELDS
            .iter()
            .map(|(n, s, m)| format!("\"{n}\":[{s},{m}]"))
            .collect();
        format!(
            "{{\"fields\":{{{}}},\"algorithms\":{},\"reasons\":{},\"candidates\":{}}}",
            fields.join(","),
            list(&ALGORITHMS),
            list(&QuickReason::ALL.map(QuickReason::id)),
            list(&QUICK_CANDIDATES.map(|c| c.id())),
        )
    }
}
