//! The server fast path: is this raw request signed by one of these tokens? No report, no
//! findings, no doctor — the npm package's `verifySignature` (through `src/wasm.rs`) and
//! any Rust server. What is signed is decided by [`super::signed_content`], the same rule
//! the full [`super::verify`] uses, and a form body is decoded by
//! [`crate::percent::form_pairs`].
//!
//! [`packed`] defines the one number `verifySignature`'s JS fast path receives; the JS side
//! reads the layout from [`packed::layout_json`] at run time, so it is written down once.

use super::compute::Keyed;
use super::{
    body_check_canonical, decode_form, evaluate, is_valid_keyed, is_valid_pairs, signed_content,
    Algorithm, CandidateKind, Mode, Prepared, SignMode,
};
use std::borrow::Cow;

use crate::percent;

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
    verify_quick_hashed(tokens, request, None)
}

/// [`verify_quick`] with the lower-case hex SHA-256 of the body computed by the caller
/// (`None`: computed here if what is signed needs it). The npm verify entry passes the hash
/// from `node:crypto` for large JSON bodies; it is only read when [`signed_content`] says
/// the body is covered by `bodySHA256`.
pub fn verify_quick_hashed(
    tokens: &[&str],
    request: &QuickRequest<'_>,
    body_sha256: Option<&str>,
) -> QuickVerdict {
    verify_quick_with(None, tokens, request, body_sha256)
}

/// The HMAC-SHA1 key states of the last few tokens a caller verified with (a server checks
/// request after request with the same one or two tokens): keying a MAC costs two SHA-1
/// blocks, a sixth of an SMS check in WebAssembly. The states are as secret as the tokens;
/// the cache lives as long as its owner and is never written anywhere.
#[derive(Clone, Default)]
pub struct KeyCache {
    keys: Vec<(String, Keyed)>,
}

impl core::fmt::Debug for KeyCache {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        // Never the tokens.
        f.debug_struct("KeyCache")
            .field("tokens", &self.keys.len())
            .finish()
    }
}

impl KeyCache {
    /// How many tokens are kept (the oldest goes first).
    const CAPACITY: usize = 4;

    /// `token`'s HMAC-SHA1 key state, keyed now unless kept.
    pub(crate) fn sha1(&mut self, token: &str) -> &Keyed {
        let at = match self.keys.iter().position(|(t, _)| t == token) {
            Some(at) => at,
            None => {
                if self.keys.len() >= Self::CAPACITY {
                    self.keys.remove(0);
                }
                self.keys
                    .push((token.to_string(), Keyed::new(token, Algorithm::HmacSha1)));
                self.keys.len() - 1
            }
        };
        &self.keys[at].1
    }
}

/// [`verify_quick_hashed`] with the tokens' key states kept in `keys` between calls (the
/// npm verify entry keeps one cache for its module).
pub fn verify_quick_cached(
    keys: &mut KeyCache,
    tokens: &[&str],
    request: &QuickRequest<'_>,
    body_sha256: Option<&str>,
) -> QuickVerdict {
    verify_quick_with(Some(keys), tokens, request, body_sha256)
}

fn verify_quick_with(
    mut keys: Option<&mut KeyCache>,
    tokens: &[&str],
    request: &QuickRequest<'_>,
    body_sha256: Option<&str>,
) -> QuickVerdict {
    let (mut result, route) = route(tokens, request);
    let matched = match route {
        Route::Decided => return result,
        Route::Evaluated(mode) => {
            // SharedKey HMAC-SHA256 (python's emulation only) and bodySHA256 bodies: both
            // libraries' emulations over every token at once, as the full `verify` does, so
            // the body is hashed once.
            let params = if mode == SignMode::FormParams {
                decode_form(request.body)
            } else {
                Vec::new()
            };
            evaluated_match(tokens, request, mode, params, body_sha256, result.algorithm)
        }
        Route::Direct(mode) => {
            // The common case: the form's components borrowed from the body where nothing
            // is decoded (no copy per parameter).
            let text = percent::utf8_lossy(request.body);
            let params = direct_params(mode, &text);
            tokens
                .iter()
                .position(|token| match keys.as_deref_mut() {
                    Some(keys) => is_valid_keyed(
                        keys.sha1(token),
                        token,
                        request.signature,
                        request.url,
                        &params,
                    ),
                    None => is_valid_pairs(token, request.signature, request.url, &params),
                })
                .map(|index| (index, CandidateKind::AsReceived))
        }
    };
    if let Some(m) = matched {
        result.valid = true;
        result.reason = QuickReason::Valid;
        result.matched = Some(m);
    }
    result
}

/// How [`verify_quick_hashed`] answers a request.
enum Route {
    /// The verdict is known without a MAC (no signature, no token).
    Decided,
    /// SHA-256, or a body signed through `bodySHA256`: both libraries' emulations.
    Evaluated(SignMode),
    /// HMAC-SHA1 over the URL and the form's parameters (or the URL alone): what
    /// [`super::is_valid`] checks, token by token.
    Direct(SignMode),
}

/// The verdict so far (a mismatch unless decided) and the route to the rest of it.
fn route(tokens: &[&str], request: &QuickRequest<'_>) -> (QuickVerdict, Route) {
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
        return (result, Route::Decided);
    }
    if tokens.iter().all(|t| t.is_empty()) {
        result.reason = QuickReason::NoToken;
        return (result, Route::Decided);
    }
    let mode = signed_content(
        request.method,
        request.content_type,
        request.url,
        request.body,
    );
    if algorithm == Algorithm::HmacSha256 || mode == SignMode::BodyHash {
        (result, Route::Evaluated(mode))
    } else {
        (result, Route::Direct(mode))
    }
}

/// The parameters a [`Route::Direct`] request signs: the form body's, borrowed where
/// nothing is decoded, or none when the URL alone is signed.
fn direct_params(mode: SignMode, text: &str) -> Vec<(Cow<'_, str>, Cow<'_, str>)> {
    if mode == SignMode::FormParams {
        percent::form_pairs_of(text)
    } else {
        Vec::new()
    }
}

/// The match [`super::verify`] reports, without its report: node's and python's
/// emulations ([`evaluate`]) over every token; the lowest token index wins, node's
/// as-received candidates before python's, python's before node's fallbacks. The
/// candidate is named when it is a port variant, else "as received".
fn evaluated_match(
    tokens: &[&str],
    request: &QuickRequest<'_>,
    mode: SignMode,
    params: Vec<(String, String)>,
    body_sha256: Option<&str>,
    algorithm: Algorithm,
) -> Option<(usize, CandidateKind)> {
    // `verify` has no URL to check for an empty or path-only URL.
    if request.url.trim().is_empty() || request.url.starts_with('/') {
        return None;
    }
    if algorithm == Algorithm::HmacSha1 && mode == SignMode::BodyHash {
        let sig = request.signature.as_bytes();
        let mut all_decided = true;
        for (index, token) in tokens.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
            let keyed = Keyed::new(token, algorithm);
            match body_check_canonical(&keyed, sig, request.url, request.body, body_sha256) {
                Some(Some(kind)) => return Some((index, kind)),
                Some(None) => {}
                None => {
                    all_decided = false;
                    break;
                }
            }
        }
        if all_decided {
            return None;
        }
    }
    let mode = match mode {
        SignMode::UrlOnly => Mode::UrlOnly,
        SignMode::FormParams => Mode::Form,
        SignMode::BodyHash => Mode::Body,
    };
    let hash = body_sha256.map(str::to_string);
    let prep = Prepared::with_body_hash(request.url, mode, params, request.body, hash);
    let owned: Vec<String> = tokens.iter().map(|t| t.to_string()).collect();
    let ev = evaluate(&prep, &owned, request.signature.as_bytes(), Ok(algorithm));
    super::verify::best_match(&ev).map(|m| {
        let candidate = match m.kind {
            CandidateKind::PortAdded | CandidateKind::PortRemoved => m.kind,
            _ => CandidateKind::AsReceived,
        };
        (m.token, candidate)
    })
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
        // Pushed piece by piece (no `format!`): the npm verify module stays smaller.
        fn number(out: &mut String, mut n: u32) {
            let mut digits = [0u8; 10];
            let mut i = digits.len();
            loop {
                i -= 1;
                digits[i] = b'0' + (n % 10) as u8;
                n /= 10;
                if n == 0 {
                    break;
                }
            }
            for &d in &digits[i..] {
                out.push(char::from(d));
            }
        }
        fn list(out: &mut String, key: &str, items: &[&str]) {
            out.push_str(",\"");
            out.push_str(key);
            out.push_str("\":[");
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push('"');
                out.push_str(item);
                out.push('"');
            }
            out.push(']');
        }
        let mut out = String::from("{\"fields\":{");
        for (i, (name, shift, mask)) in FIELDS.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push('"');
            out.push_str(name);
            out.push_str("\":[");
            number(&mut out, *shift);
            out.push(',');
            number(&mut out, *mask);
            out.push(']');
        }
        out.push('}');
        list(&mut out, "algorithms", &ALGORITHMS);
        list(&mut out, "reasons", &QuickReason::ALL.map(QuickReason::id));
        list(&mut out, "candidates", &QUICK_CANDIDATES.map(|c| c.id()));
        out.push('}');
        out
    }
}
