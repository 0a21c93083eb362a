//! The server fast path split with a host that has its own SHA-1 (the npm verify entry in
//! Node, whose `node:crypto` uses the CPU's SHA instructions; WebAssembly has none).
//!
//! The core still decides everything a signature depends on — which route a request takes
//! ([`super::quick`]), the URL candidates and their order ([`super::direct_candidates`]),
//! the decoded and sorted parameters, and when the libraries' re-serialised URLs must be
//! tried ([`super::needs_fallback`]). It writes the exact bytes to sign, and the host only
//! runs HMAC-SHA1 over them with the key blocks of [`hmac_sha1_key_blocks`] and compares
//! the base64 result with the header. When no string matches and `fallback` is set, the
//! host asks the core's own check ([`super::verify_quick_hashed`] or [`super::is_valid`]),
//! which gives the exact answer.

use sha1::{Digest, Sha1};

use super::compute::{self, Ordered, PairText};
use super::quick::{direct_params, route, QuickRequest, QuickVerdict, Route};
use super::{direct_candidates, needs_fallback_joined, KeyOrder, QuickReason};
use crate::percent;
use crate::signature::CandidateKind;

/// SHA-1's block size: the bytes left free before each string to sign, where the host puts
/// the HMAC's inner key block (so one hash call covers key block and message).
pub const KEY_BLOCK: usize = 64;

/// The strings to sign that [`host_strings`] and [`quick_host_strings`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HostStrings {
    /// `(start, end)` byte offsets in the output of each string to sign, in the order to
    /// try them; each range starts with [`KEY_BLOCK`] free bytes.
    pub ranges: [(usize, usize); 2],
    /// How many of `ranges` are used (1 or 2).
    pub count: usize,
    /// When none of the strings matches for a token, the core's own check must still
    /// decide for that token (node's and python's re-serialised URLs or parameter orders
    /// may differ from the strings written).
    pub fallback: bool,
}

/// What [`quick_host_strings`] found for a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostRoute {
    /// The verdict, known without a MAC (no signature, no token).
    Decided(QuickVerdict),
    /// The core checks this request itself ([`super::verify_quick_hashed`]): SharedKey
    /// HMAC-SHA256, or a body signed through `bodySHA256`.
    Core,
    /// HMAC-SHA1 over these strings, token by token; [`host_verdict`] names the answer.
    Strings(HostStrings),
}

/// What the strings to sign take from the URL alone, worked out once for a URL a server
/// sees on every request: the [`direct_candidates`] and whether the libraries leave the
/// URL as it is ([`super::url_is_canonical`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlPlan {
    url: String,
    candidates: [String; 2],
    count: usize,
    canonical: bool,
}

impl UrlPlan {
    /// The plan for `url`.
    pub fn new(url: &str) -> UrlPlan {
        let [a, b] = direct_candidates(url).map(|pieces| pieces.concat());
        // The two candidates are the same string when the URL has no authority to edit.
        let count = if a == b { 1 } else { 2 };
        UrlPlan {
            url: url.to_string(),
            candidates: [a, b],
            count,
            canonical: super::url_is_canonical(url),
        }
    }

    /// The URL this plan is for.
    pub fn url(&self) -> &str {
        &self.url
    }
}

/// Appends the strings to sign for the plan's URL and decoded `params` (twilio-node's
/// `validateRequest` on a parameter object) to `out`, each after [`KEY_BLOCK`] zero bytes.
pub fn host_strings(plan: &UrlPlan, params: &[(&str, &str)], out: &mut Vec<u8>) -> HostStrings {
    write_strings(plan, params, out)
}

fn write_strings<P: PairText>(plan: &UrlPlan, params: &[P], out: &mut Vec<u8>) -> HostStrings {
    let idx = compute::sorted_indices(params, KeyOrder::Utf16);
    let ordered = Ordered { params, idx: &idx };
    let body: usize = ordered.iter().map(|(k, v)| k.len() + v.len()).sum();
    let mut ranges = [(0, 0); 2];
    let mut fallback = !plan.canonical;
    let mut joined = 0..0;
    for (range, url) in ranges.iter_mut().zip(&plan.candidates).take(plan.count) {
        let start = out.len();
        out.reserve(KEY_BLOCK + url.len() + body);
        out.resize(start + KEY_BLOCK, 0);
        out.extend_from_slice(url.as_bytes());
        if joined.is_empty() {
            // The parameters once, piece by piece; the next candidate copies them whole.
            let from = out.len();
            for (k, v) in ordered.iter() {
                out.extend_from_slice(k.as_bytes());
                out.extend_from_slice(v.as_bytes());
            }
            joined = from..out.len();
            fallback = needs_fallback_joined(plan.canonical, &out[joined.clone()]);
        } else {
            out.extend_from_within(joined.clone());
        }
        *range = (start, out.len());
    }
    HostStrings {
        ranges,
        count: plan.count,
        fallback,
    }
}

/// The fast path of [`super::verify_quick`] for a host with its own HMAC-SHA1: decides the
/// route, and for the common one (HMAC-SHA1 over the URL and the form's parameters) appends
/// the strings to sign to `out` (see [`host_strings`]).
/// `plan` is the [`UrlPlan`] of `request.url` (made here when it is for another URL).
pub fn quick_host_strings(
    tokens: &[&str],
    request: &QuickRequest<'_>,
    plan: &mut UrlPlan,
    out: &mut Vec<u8>,
) -> HostRoute {
    match route(tokens, request) {
        (verdict, Route::Decided) => HostRoute::Decided(verdict),
        (_, Route::Evaluated(_)) => HostRoute::Core,
        (_, Route::Direct(mode)) => {
            let text = percent::utf8_lossy(request.body);
            let params = direct_params(mode, &text);
            if plan.url != request.url {
                *plan = UrlPlan::new(request.url);
            }
            HostRoute::Strings(write_strings(plan, &params, out))
        }
    }
}

/// The verdict of a [`HostRoute::Strings`] request: valid with the index of the first
/// token whose MAC matched, or a mismatch (`None`: no token matched and no fallback was
/// due).
pub fn host_verdict(token: Option<usize>) -> QuickVerdict {
    QuickVerdict {
        valid: token.is_some(),
        matched: token.map(|t| (t, CandidateKind::AsReceived)),
        algorithm: super::Algorithm::HmacSha1,
        reason: if token.is_some() {
            QuickReason::Valid
        } else {
            QuickReason::Mismatch
        },
    }
}

/// HMAC-SHA1's two key blocks for a token (RFC 2104): the key (its SHA-1 when longer than a
/// block) padded with zeros, XOR 0x36 (inner) then XOR 0x5c (outer). The MAC of `m` is
/// `SHA1(outer ++ SHA1(inner ++ m))`.
pub fn hmac_sha1_key_blocks(token: &str) -> [u8; 2 * KEY_BLOCK] {
    let mut key = [0u8; KEY_BLOCK];
    let bytes = token.as_bytes();
    if bytes.len() > KEY_BLOCK {
        key[..20].copy_from_slice(&Sha1::digest(bytes));
    } else {
        key[..bytes.len()].copy_from_slice(bytes);
    }
    let mut blocks = [0u8; 2 * KEY_BLOCK];
    for (i, k) in key.iter().enumerate() {
        blocks[i] = k ^ 0x36;
        blocks[KEY_BLOCK + i] = k ^ 0x5c;
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signature::{compute_signature, is_valid_borrowed, verify_quick, Algorithm};

    /// HMAC-SHA1 the way the host runs it: two plain SHA-1 over the key blocks.
    fn host_mac(token: &str, message: &[u8]) -> String {
        let blocks = hmac_sha1_key_blocks(token);
        let mut inner = blocks[..KEY_BLOCK].to_vec();
        inner.extend_from_slice(message);
        let mut outer = blocks[KEY_BLOCK..].to_vec();
        outer.extend_from_slice(&Sha1::digest(&inner));
        base64_of(&Sha1::digest(&outer))
    }

    fn base64_of(bytes: &[u8]) -> String {
        const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut s = String::new();
        for c in bytes.chunks(3) {
            let b = |i: usize| u32::from(c.get(i).copied().unwrap_or(0));
            let v = b(0) << 16 | b(1) << 8 | b(2);
            for i in 0..4 {
                s.push(if i <= c.len() {
                    A[(v >> (18 - 6 * i)) as usize & 63] as char
                } else {
                    '='
                });
            }
        }
        s
    }

    /// The host's answer, computed as the npm Node entry does.
    fn host_valid(token: &str, sig: &str, url: &str, params: &[(&str, &str)]) -> Option<bool> {
        let mut out = Vec::new();
        let s = host_strings(&UrlPlan::new(url), params, &mut out);
        let hit = s.ranges[..s.count]
            .iter()
            .any(|&(a, b)| host_mac(token, &out[a + KEY_BLOCK..b]) == sig);
        if hit {
            Some(true)
        } else if s.fallback {
            None
        } else {
            Some(false)
        }
    }

    #[test]
    fn key_blocks_make_the_same_mac() {
        let params = vec![("A".to_string(), "1".to_string())];
        for token in ["", "12345", &"k".repeat(64), &"long".repeat(40)] {
            let url = "https://example.com/x";
            let want = compute_signature(token, url, &params, Algorithm::HmacSha1);
            assert_eq!(host_mac(token, b"https://example.com/xA1"), want, "{token}");
        }
    }

    #[test]
    fn host_strings_agree_with_is_valid() {
        let params = [
            ("To", "+1555"),
            ("Body", "hi 😀"),
            ("From", "+1444"),
            ("Body", "again"),
            ("To", "+1555"),
        ];
        let owned: Vec<(String, String)> = params
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        for url in [
            "https://example.com/hook?a=1",
            "https://example.com:443/hook",
            "http://example.com:8080/hook",
            "https://Example.com/a%20b",
            "not a url",
            "",
        ] {
            for signed in [
                url.to_string(),
                url.replace(":443", ""),
                url.replace("example.com/", "example.com:443/"),
                "https://example.com/other".to_string(),
            ] {
                let sig = compute_signature("tok", &signed, &owned, Algorithm::HmacSha1);
                let want = is_valid_borrowed("tok", &sig, url, &params);
                match host_valid("tok", &sig, url, &params) {
                    Some(got) => assert_eq!(got, want, "{url} signed as {signed}"),
                    None => assert!(!want || url_is_not_canonical(url), "{url}"),
                }
            }
        }
    }

    fn url_is_not_canonical(url: &str) -> bool {
        !crate::signature::url_is_canonical(url)
    }

    #[test]
    fn quick_routes() {
        let body = b"To=%2B1555&Body=hi";
        let mut request = QuickRequest {
            signature: "x",
            url: "https://example.com/hook",
            body,
            content_type: Some("application/x-www-form-urlencoded"),
            method: Some("POST"),
            settings: None,
        };
        let mut out = Vec::new();
        let mut plan = UrlPlan::new("");
        let HostRoute::Strings(s) = quick_host_strings(&["t"], &request, &mut plan, &mut out)
        else {
            panic!("a form body takes the host's route");
        };
        assert_eq!(s.count, 2);
        let (a, b) = s.ranges[0];
        assert_eq!(
            &out[a + KEY_BLOCK..b],
            b"https://example.com/hookBodyhiTo+1555"
        );
        assert!(!s.fallback);
        assert_eq!(
            quick_host_strings(&["", ""], &request, &mut plan, &mut out),
            HostRoute::Decided(verify_quick(&["", ""], &request))
        );
        request.content_type = Some("application/json");
        assert_eq!(
            quick_host_strings(&["t"], &request, &mut plan, &mut out),
            HostRoute::Core
        );
        request.content_type = None;
        request.settings = Some("algorithm=HMAC_SHA256");
        assert_eq!(
            quick_host_strings(&["t"], &request, &mut plan, &mut out),
            HostRoute::Core
        );
        assert_eq!(host_verdict(None), {
            let mut r = request;
            r.settings = None;
            r.content_type = Some("application/x-www-form-urlencoded");
            verify_quick(&["t"], &r)
        });
    }
}
