//! The signature doctor: when no library accepts a signature, try realistic variants of the
//! request and say which one Twilio actually signed.
//!
//! Variants are tried in priority order, each against every token, within a budget of
//! [`MAX_HMACS`] MAC computations. Every match becomes a [`Diagnosis`] with the URL and the
//! string-to-sign that matched.
//!
//! This file is the engine (the budget, de-duplication, one MAC per variant and token) and the
//! order of the families. Each family models one kind of real-world mistake and lives in the
//! file named for what it changes: `token.rs` (the token, the algorithm, the header's text),
//! `url.rs` (the URL the app rebuilt: candidates, scheme, port, slash, host and path case,
//! `?`, `#`), `url_encoding.rs` (path and query re-encoded or re-ordered), `params.rs` (the
//! form parameters added, dropped, trimmed, left encoded or sorted wrongly), `body.rs` (form
//! vs JSON, a re-serialised JSON body). `no_match.rs` says what was tried when nothing matched.

mod body;
mod no_match;
mod params;
mod token;
mod url;
mod url_encoding;

pub(crate) use no_match::no_match;

use super::compute::{self, Keyed, Ordered};
use super::url_variants::{self, Parts};
use super::{
    make_visible, token_hint, Algorithm, Diagnosis, DiagnosisCode, KeyOrder, Mode, Prepared,
    SignatureInput,
};
use crate::signature;

/// The most MACs the doctor computes for one request.
pub(crate) const MAX_HMACS: usize = 200;
/// The most bytes the doctor feeds to MACs for one request (bounds the work on huge bodies).
pub(crate) const MAX_HASHED_BYTES: usize = 8 << 20;
/// The most tokens the doctor tries.
const MAX_TOKENS: usize = 6;
/// The most diagnoses reported.
const MAX_DIAGNOSES: usize = 3;

pub(crate) struct Context<'a> {
    pub input: &'a SignatureInput<'a>,
    pub prep: &'a Prepared<'a>,
    pub tokens: &'a [String],
    pub sig: &'a str,
    pub settings: Result<Algorithm, String>,
    /// When valid: the token, URL and order that matched.
    pub matched: Option<(usize, String, KeyOrder)>,
    /// Body mode: the URL HMAC matched (token, url) but the body hash did not.
    pub url_only_match: Option<(usize, String)>,
}

/// What a variant appends after the URL.
enum Feed {
    /// The request's parameters in node's order.
    Base,
    /// No parameters (URL only).
    Nothing,
    /// Indices into the request's parameters, in this order.
    Indices(Vec<u32>),
    /// Pairs already in signing order.
    Owned(Vec<(String, String)>),
}

struct Variant {
    code: DiagnosisCode,
    url: String,
    feed: Feed,
    /// Override the algorithm (for `sha256-settings`).
    alg: Option<Algorithm>,
    /// Override the token text (for `token-whitespace`): (token index, token).
    token: Option<(usize, String)>,
    message: String,
    hint: String,
}

impl Variant {
    fn new(code: DiagnosisCode, url: String, feed: Feed, message: String, hint: &str) -> Variant {
        Variant {
            code,
            url,
            feed,
            alg: None,
            token: None,
            message,
            hint: hint.to_string(),
        }
    }
}

struct Doctor<'c, 'a> {
    ctx: &'c Context<'a>,
    alg: Algorithm,
    keyed: Vec<(usize, Keyed)>,
    hmacs: usize,
    /// Bytes fed to MACs so far.
    bytes: usize,
    /// Total length of the request's params (keys and values).
    base_bytes: usize,
    seen: Vec<(String, u64)>,
    out: Vec<Diagnosis>,
}

/// A cheap fingerprint (FNV-1a) of a feed, to skip variants identical to one already tried.
fn feed_key(feed: &Feed, base_len: usize) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            h = (h ^ b as u64).wrapping_mul(0x0100_0000_01b3);
        }
        h = (h ^ 0xff).wrapping_mul(0x0100_0000_01b3);
    };
    match feed {
        Feed::Base => eat(&(base_len as u64).to_le_bytes()),
        Feed::Nothing => eat(b"-"),
        Feed::Indices(i) => {
            eat(b"i");
            for x in i {
                eat(&x.to_le_bytes());
            }
        }
        Feed::Owned(p) => {
            eat(b"o");
            for (k, v) in p {
                eat(k.as_bytes());
                eat(v.as_bytes());
            }
        }
    }
    h
}

impl<'c, 'a> Doctor<'c, 'a> {
    fn ordered_feed<'f>(&'f self, feed: &'f Feed) -> (Ordered<'f>, Option<&'f [(String, String)]>) {
        let prep = self.ctx.prep;
        match feed {
            Feed::Base => (prep.ordered(KeyOrder::Utf16), None),
            Feed::Nothing => (Ordered::EMPTY, None),
            Feed::Indices(idx) => (
                Ordered {
                    params: &prep.params,
                    idx,
                },
                None,
            ),
            Feed::Owned(p) => (Ordered::EMPTY, Some(p.as_slice())),
        }
    }

    fn mac(&self, keyed: &Keyed, url: &str, feed: &Feed) -> compute::MacOut {
        let (ordered, owned) = self.ordered_feed(feed);
        let mut m = keyed.clone();
        m.update(url.as_bytes());
        for (k, v) in ordered.iter() {
            m.update(k.as_bytes());
            m.update(v.as_bytes());
        }
        if let Some(p) = owned {
            for (k, v) in p {
                m.update(k.as_bytes());
                m.update(v.as_bytes());
            }
        }
        m.finish()
    }

    fn string_of(&self, url: &str, feed: &Feed) -> String {
        let (ordered, owned) = self.ordered_feed(feed);
        let mut s = compute::build_string(&[url], ordered);
        if let Some(p) = owned {
            for (k, v) in p {
                s.push_str(k);
                s.push_str(v);
            }
        }
        s
    }

    fn done(&self) -> bool {
        self.hmacs >= MAX_HMACS || self.bytes >= MAX_HASHED_BYTES || self.out.len() >= MAX_DIAGNOSES
    }

    /// Counts one MAC over `url` and a feed; false when the budget is spent.
    fn spend(&mut self, url: &str, feed: &Feed) -> bool {
        if self.hmacs >= MAX_HMACS || self.bytes >= MAX_HASHED_BYTES {
            return false;
        }
        let feed_bytes = match feed {
            Feed::Nothing => 0,
            Feed::Base | Feed::Indices(_) => self.base_bytes,
            Feed::Owned(p) => p.iter().map(|(k, v)| k.len() + v.len()).sum(),
        };
        self.hmacs += 1;
        self.bytes += url.len() + feed_bytes;
        true
    }

    fn has(&self, code: DiagnosisCode) -> bool {
        self.out.iter().any(|d| d.code == code)
    }

    /// Tries one variant against every token; records a diagnosis on a match.
    fn try_variant(&mut self, v: Variant) -> bool {
        if self.done() || self.has(v.code) {
            return false;
        }
        let fk = feed_key(&v.feed, self.ctx.prep.params.len());
        let alg = v.alg.unwrap_or(self.alg);
        let dedupe_key = (
            format!(
                "{}|{}|{}",
                v.url,
                alg.id(),
                v.token.as_ref().map_or("", |t| t.1.as_str())
            ),
            fk,
        );
        if self.seen.contains(&dedupe_key) {
            return false;
        }
        self.seen.push(dedupe_key);
        let keyed: Vec<(usize, Keyed)> = match (&v.token, v.alg) {
            (Some((i, t)), _) => vec![(*i, Keyed::new(t, alg))],
            (None, Some(a)) => self
                .ctx
                .tokens
                .iter()
                .enumerate()
                .filter(|(_, t)| !t.is_empty())
                .take(MAX_TOKENS)
                .map(|(i, t)| (i, Keyed::new(t, a)))
                .collect(),
            (None, None) => self.keyed.clone(),
        };
        for (ti, k) in &keyed {
            if !self.spend(&v.url, &v.feed) {
                return false;
            }
            let mac = self.mac(k, &v.url, &v.feed);
            if mac.matches_header(self.ctx.sig.as_bytes()) {
                let mut message = v.message.clone();
                if *ti > 0 && v.token.is_none() {
                    message.push_str(&format!(
                        " (It was signed with {}, not {}.)",
                        token_hint(self.ctx.tokens, *ti),
                        token_hint(self.ctx.tokens, 0)
                    ));
                }
                let sts = self.string_of(&v.url, &v.feed);
                self.out.push(Diagnosis {
                    code: v.code,
                    message,
                    hint: v.hint.clone(),
                    url: make_visible(&v.url),
                    string_to_sign: make_visible(&sts),
                    signature: mac.to_b64_string(),
                    token_index: *ti,
                });
                return true;
            }
        }
        false
    }
}

/// What the doctor did: its diagnoses, and how many variants it tried.
pub(crate) struct Outcome {
    /// The explanations found, most likely first.
    pub diagnoses: Vec<Diagnosis>,
    /// How many distinct variants of the request were signed and compared.
    pub variants: usize,
    /// How many tokens they were signed with.
    pub tokens: usize,
}

/// Runs the doctor.
pub(crate) fn run(ctx: &Context<'_>) -> Outcome {
    let mut variants = 0;
    let tokens = ctx
        .tokens
        .iter()
        .filter(|t| !t.is_empty())
        .count()
        .min(MAX_TOKENS);
    let diagnoses = run_variants(ctx, &mut variants);
    Outcome {
        diagnoses,
        variants,
        tokens,
    }
}

/// Every variant family in turn, most likely mistakes first, until the budget is spent.
fn run_variants(ctx: &Context<'_>, variants: &mut usize) -> Vec<Diagnosis> {
    let alg = ctx.settings.clone().unwrap_or(Algorithm::HmacSha1);
    let keyed: Vec<(usize, Keyed)> = ctx
        .tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| !t.is_empty())
        .take(MAX_TOKENS)
        .map(|(i, t)| (i, Keyed::new(t, alg)))
        .collect();
    let mut d = Doctor {
        ctx,
        alg,
        keyed,
        hmacs: 0,
        bytes: 0,
        base_bytes: ctx.prep.params.iter().map(|(k, v)| k.len() + v.len()).sum(),
        seen: Vec::new(),
        out: Vec::new(),
    };

    // Valid, but not with token #1.
    if let Some((ti, url, order)) = &ctx.matched {
        if *ti > 0 {
            token::wrong_token(&mut d, *ti, url, *order);
        }
        return d.out;
    }

    // Body mode: the URL is signed but the body hash failed.
    if let Some((ti, url)) = &ctx.url_only_match {
        body::body_hash_diagnosis(&mut d, *ti, url);
        return d.out;
    }

    token::signature_format(&mut d);
    if signature::malformed_reason(ctx.sig).is_some() {
        // No MAC's base64 text equals a malformed header: nothing else can match.
        return d.out;
    }
    token::token_whitespace(&mut d);
    token::algorithm_variants(&mut d);
    url::url_candidates(&mut d);
    if let Some(parts) = Parts::parse(ctx.prep.url) {
        url::scheme_variants(&mut d, &parts);
        url::port_variants(&mut d, &parts);
        url::slash_variants(&mut d, &parts);
        url::host_case_variants(&mut d, &parts);
        url::empty_query_variants(&mut d, &parts);
        url::fragment_variants(&mut d, &parts);
        url_encoding::path_encoding_variants(&mut d, &parts);
        url::path_case_variants(&mut d, &parts);
        url_encoding::query_encoding_variants(&mut d, &parts);
        url_encoding::query_order_variants(&mut d, &parts);
    }
    body::form_json_variants(&mut d);
    params::param_variants(&mut d);
    *variants = d.seen.len().max(d.hmacs / d.keyed.len().max(1));
    d.out
}

/// The primary URL candidates: as received, port removed, port added.
fn primary_urls(url: &str) -> Vec<String> {
    let mut v = vec![url.to_string()];
    for c in [
        url_variants::join(&url_variants::port_removed(url)),
        url_variants::join(&url_variants::port_added(url)),
    ] {
        if !v.contains(&c) {
            v.push(c);
        }
    }
    v
}

/// The request's own parameters, as the variants' starting point.
fn base_feed(d: &Doctor<'_, '_>) -> Feed {
    if d.ctx.prep.mode == Mode::Form {
        Feed::Base
    } else {
        Feed::Nothing
    }
}
