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

use crate::text::part;

mod compute;
mod content;
mod doctor;
mod json;
mod node;
mod punycode;
mod python;
mod quick;
mod report;
mod sign;
mod url_variants;
mod verify;
mod visible;

pub(crate) use content::{decide_mode, decode_form, looks_like_json};
pub use content::{signed_content, url_has_body_sha};

use crate::finding::{Code, Finding, Severity};
use compute::{Keyed, Ordered};

pub use quick::{
    packed, verify_quick, verify_quick_cached, verify_quick_hashed, KeyCache, QuickReason,
    QuickRequest, QuickVerdict, QUICK_CANDIDATES,
};
pub use report::*;
pub use sign::{sign_request, SignRequest, SignedRequest};
pub(crate) use verify::malformed_reason;
pub use verify::verify;
pub use visible::make_visible;

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
    is_valid_pairs(token, signature, url, params)
}

/// [`is_valid`] over borrowed pairs: what a caller holding the decoded parameters as text
/// slices (the npm drop-ins, which receive them joined in one buffer) uses without copying.
pub fn is_valid_borrowed(token: &str, signature: &str, url: &str, params: &[(&str, &str)]) -> bool {
    is_valid_pairs(token, signature, url, params)
}

/// [`is_valid`] over any decoded pairs (owned, or borrowed from a form body).
pub(crate) fn is_valid_pairs<P: compute::PairText>(
    token: &str,
    signature: &str,
    url: &str,
    params: &[P],
) -> bool {
    is_valid_keyed(
        &Keyed::new(token, Algorithm::HmacSha1),
        token,
        signature,
        url,
        params,
    )
}

/// [`is_valid`] over borrowed pairs with the token's HMAC-SHA1 key state kept in `keys`
/// (see [`KeyCache`]): what the npm verify entry's drop-in calls request after request.
pub fn is_valid_borrowed_cached(
    keys: &mut KeyCache,
    token: &str,
    signature: &str,
    url: &str,
    params: &[(&str, &str)],
) -> bool {
    is_valid_keyed(keys.sha1(token), token, signature, url, params)
}

/// [`is_valid_pairs`] with the token's MAC already keyed (`keyed` is `token`'s HMAC-SHA1).
pub(crate) fn is_valid_keyed<P: compute::PairText>(
    keyed: &Keyed,
    token: &str,
    signature: &str,
    url: &str,
    params: &[P],
) -> bool {
    let sig = signature.as_bytes();
    let idx = compute::sorted_indices(params, KeyOrder::Utf16);
    let ordered = Ordered { params, idx: &idx };
    if direct_candidates(url)
        .iter()
        .any(|url| compute::mac_of(keyed, url, ordered).matches_header(sig))
    {
        return true;
    }
    if !needs_fallback(url, params) {
        return false;
    }
    fallback_valid(token, signature, url, params)
}

/// The URLs [`is_valid`] signs first, in order, as pieces: the port removed, then the
/// scheme's default port added (what every library tries; pieces avoid a copy).
fn direct_candidates(url: &str) -> [[&str; 4]; 2] {
    let [a, b, c] = url_variants::port_removed(url);
    [[a, b, c, ""], url_variants::port_added(url)]
}

/// True when [`is_valid`] must try node's and python's re-serialised URLs and orders after
/// the [`direct_candidates`] failed. For a URL every library leaves as it is, and
/// parameters that node (UTF-16 order) and python (code point order) sort the same way — no
/// key or value pairs a character above U+FFFF with one in U+E000..=U+FFFF — the fallbacks
/// would sign the same two strings again (repeated keys included: both sort and
/// de-duplicate their values).
fn needs_fallback<P: compute::PairText>(url: &str, params: &[P]) -> bool {
    !url_is_canonical(url)
        || compute::orders_may_differ(params.iter().flat_map(|p| [p.name(), p.value()]))
}

/// [`is_valid`]'s last resort: both libraries' emulations ([`evaluate`]) for one token.
fn fallback_valid<P: compute::PairText>(
    token: &str,
    signature: &str,
    url: &str,
    params: &[P],
) -> bool {
    let sig = signature.as_bytes();
    let owned: Vec<(String, String)> = params
        .iter()
        .map(|p| (p.name().to_string(), p.value().to_string()))
        .collect();
    let prep = Prepared::new(url, Mode::Form, owned, &[]);
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
        Some(i) => (part(rest, ..i), part(rest, i..)),
        None => return false,
    };
    let (host, port) = match authority.split_once(':') {
        // `host:` with no digits: `new URL()` drops the colon, python adds `:443` after it.
        Some((_, "")) => return false,
        Some((host, port)) => (host, port),
        None => (authority, ""),
    };
    let host_ok = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
        && ipv4_host_is_canonical(host);
    // Digits without a leading zero, at most 65535 (`new URL()` throws above it and
    // python's `.port` raises).
    let port_ok = port.bytes().all(|b| b.is_ascii_digit())
        && (port.is_empty() || (!port.starts_with('0') && port.len() <= 5))
        && port.parse::<u32>().map_or(port.is_empty(), |p| p <= 65_535);
    let chars_ok = path_query.bytes().all(|b| {
        b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/' | b'=' | b'&' | b'?')
    });
    let (path, query) = path_query.split_once('?').unwrap_or((path_query, "x"));
    // node's legacy querystring round trip groups repeated query keys together.
    let keys: Vec<&str> = query
        .split('&')
        .map(|kv| kv.split('=').next().unwrap_or(""))
        .collect();
    // Pairwise (queries have few keys; longer ones are simply not treated as canonical):
    // no copy of the standard sort in the wasm builds.
    let unique_keys = keys.len() <= 32
        && keys
            .iter()
            .enumerate()
            .all(|(i, k)| !keys[i + 1..].contains(k))
        && (query == "x"
            || query
                .split('&')
                .all(|kv| kv.matches('=').count() == 1 && !kv.starts_with('=')));
    host_ok
        && port_ok
        && chars_ok
        && unique_keys
        && !path.as_bytes().windows(2).any(|w| w == b"/.")
        && !query.is_empty()
        && !query.contains('?')
        && (port.is_empty() || authority.ends_with(port))
}

/// False when `new URL()` would rewrite a host its IPv4 parser reads (one whose last label
/// is a number: `0177.0.0.1`, `127.1`, `0x7f.1` all become dotted decimal): only four
/// decimal parts of 0 to 255 without leading zeros stay as written.
fn ipv4_host_is_canonical(host: &str) -> bool {
    let last = host.trim_end_matches('.').rsplit('.').next().unwrap_or("");
    if !last.bytes().next().is_some_and(|b| b.is_ascii_digit()) {
        return true;
    }
    let parts: Vec<&str> = host.split('.').collect();
    parts.len() == 4
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.len() <= 3
                && (p.len() == 1 || !p.starts_with('0'))
                && p.bytes().all(|b| b.is_ascii_digit())
                && p.parse::<u16>().is_ok_and(|n| n <= 255)
        })
}

/// [`is_valid`] on a raw `application/x-www-form-urlencoded` body, decoded the way
/// twilio-node's `querystring.parse` does (the server fast path: no report, no findings).
pub fn is_valid_form_body(token: &str, signature: &str, url: &str, body: &[u8]) -> bool {
    let text = crate::percent::utf8_lossy(body);
    is_valid_pairs(token, signature, url, &crate::percent::form_pairs_of(&text))
}

/// True when twilio-node's `validateRequestWithBody` or twilio-python's
/// `validate(url, body, signature)` accepts a JSON (non-form) webhook: the URL-only
/// HMAC-SHA1 matches and `bodySHA256` equals the body's SHA-256.
pub fn is_valid_with_body(token: &str, signature: &str, url: &str, body: &[u8]) -> bool {
    is_valid_with_body_hash(token, signature, url, body, None)
}

/// [`is_valid_with_body`] with the lower-case hex SHA-256 of `body` already computed by the
/// caller (`None`: computed here), e.g. by a host whose crypto has SHA instructions.
pub fn is_valid_with_body_hash(
    token: &str,
    signature: &str,
    url: &str,
    body: &[u8],
    body_sha256: Option<&str>,
) -> bool {
    let keyed = Keyed::new(token, Algorithm::HmacSha1);
    if let Some(answer) = body_check_canonical(&keyed, signature.as_bytes(), url, body, body_sha256)
    {
        return answer.is_some();
    }
    let hash = body_sha256.map(str::to_string);
    let prep = Prepared::with_body_hash(url, Mode::Body, Vec::new(), body, hash);
    let ev = evaluate(
        &prep,
        &[token.to_string()],
        signature.as_bytes(),
        Ok(Algorithm::HmacSha1),
    );
    ev.node_valid == Some(true) || ev.python_valid == Some(true)
}

/// The first `bodySHA256` value of the URL's query, when it is not blank.
fn first_body_sha(url: &str) -> Option<&str> {
    let (_, query) = url.split('#').next()?.split_once('?')?;
    query
        .split('&')
        .find_map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (k == "bodySHA256").then_some(v)
        })
        .filter(|v| !v.is_empty())
}

/// The HMAC-SHA1 `bodySHA256` check without the libraries' re-serialised URLs, when they
/// cannot change the answer: for a URL every library leaves as it is ([`url_is_canonical`])
/// whose first `bodySHA256` is not blank, twilio-node and twilio-python both sign one of
/// the two port candidates and compare that value with the body's hash. `Some(Some(kind))`
/// when valid (the candidate that matched), `Some(None)` when invalid, `None` when the full
/// emulation must decide. The body is hashed only when the HMAC matches.
pub(crate) fn body_check_canonical(
    keyed: &Keyed,
    sig: &[u8],
    url: &str,
    body: &[u8],
    body_sha256: Option<&str>,
) -> Option<Option<CandidateKind>> {
    if !url_is_canonical(url) {
        return None;
    }
    let in_url = first_body_sha(url)?;
    let has_port = url_variants::split_authority(url).is_some_and(|a| a.has_port());
    let empty = compute::Ordered::EMPTY;
    let kind = if compute::mac_of(keyed, &url_variants::port_removed(url), empty)
        .matches_header(sig)
    {
        if has_port {
            CandidateKind::PortRemoved
        } else {
            CandidateKind::AsReceived
        }
    } else if compute::mac_of(keyed, &url_variants::port_added(url), empty).matches_header(sig) {
        if has_port {
            CandidateKind::AsReceived
        } else {
            CandidateKind::PortAdded
        }
    } else {
        return Some(None);
    };
    let computed;
    let expected = match body_sha256 {
        Some(h) => h,
        None => {
            computed = compute::sha256_hex(body);
            &computed
        }
    };
    Some(compute::ct_eq(in_url.as_bytes(), expected.as_bytes()).then_some(kind))
}

/// The `bodySHA256` Twilio puts on the URL of a request with this body: the lower-case hex
/// SHA-256 of the raw bytes (twilio-node's `getExpectedBodyHash`).
pub fn body_sha256(body: &[u8]) -> String {
    compute::sha256_hex(body)
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

/// twilio-node's fallback URLs for one request.
struct NodeFallbacks {
    /// `[whatwg without port, whatwg with port]`, `None` = `new URL()` throws.
    whatwg: Option<(node::WUrl, [String; 2])>,
    /// The legacy-querystring fallbacks (`None` = throws).
    legacy: [Option<String>; 2],
}

/// A request ready for checking: the URL, what is signed besides it, and the
/// candidate URLs of both libraries.
pub(crate) struct Prepared<'a> {
    pub url: &'a str,
    pub mode: Mode,
    /// The form params (empty unless `Mode::Form`).
    pub params: Vec<(String, String)>,
    pub body: &'a [u8],
    pub node_idx: Vec<u32>,
    pub py_idx: Vec<u32>,
    /// node's fallbacks, computed on first use (a signature that matches the URL as
    /// received never needs them): see [`Prepared::node_fallbacks`].
    node_fallbacks: std::cell::OnceCell<NodeFallbacks>,
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
        Prepared::with_body_hash(url, mode, params, body, None)
    }

    /// [`Prepared::new`] with the lower-case hex SHA-256 of `body` already computed by the
    /// caller (`None`: computed here when the mode needs it). The npm verify entry hands
    /// the hash of a large body to the host's crypto, which has SHA instructions.
    pub(crate) fn with_body_hash(
        url: &'a str,
        mode: Mode,
        params: Vec<(String, String)>,
        body: &'a [u8],
        body_sha_hex: Option<String>,
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
            node_fallbacks: std::cell::OnceCell::new(),
            python: python::candidates(url),
            py_body_sha,
            body_sha_hex: (mode == Mode::Body)
                .then(|| body_sha_hex.unwrap_or_else(|| compute::sha256_hex(body))),
            params,
            body,
        }
    }

    /// node's fallback URLs: twilio-node 6.2's `new URL(url).toString()`, then the same
    /// string surgery on the port as for the URL as received (so an empty `?` or `#`
    /// stays), and its legacy-querystring round trip of each.
    fn node_fallbacks(&self) -> &NodeFallbacks {
        self.node_fallbacks.get_or_init(|| {
            let whatwg = node::WUrl::parse(self.url).map(|w| {
                let normalized = w.href(true);
                let pair = [
                    url_variants::join(&url_variants::port_removed(&normalized)),
                    url_variants::join(&url_variants::port_added(&normalized)),
                ];
                (w, pair)
            });
            let legacy = match &whatwg {
                Some((_, [a, b])) => [
                    node::with_legacy_querystring(a),
                    node::with_legacy_querystring(b),
                ],
                None => [None, None],
            };
            NodeFallbacks { whatwg, legacy }
        })
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
        self.node_fallbacks()
            .whatwg
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
    if prep.mode == Mode::Body && prep.node_fallbacks().whatwg.is_none() {
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
        match &prep.node_fallbacks().whatwg {
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
            for c in &prep.node_fallbacks().legacy {
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
