//! The signature doctor: when no library accepts a signature, try realistic variants of the
//! request and say which one Twilio actually signed.
//!
//! Variants are tried in priority order, each against every token, within a budget of
//! [`MAX_HMACS`] MAC computations. Every match becomes a [`Diagnosis`] with the URL and the
//! string-to-sign that matched.

use super::compute::{self, Keyed, Ordered};
use super::url_variants::{self, Parts};
use super::NoMatch;
use super::{
    json, make_visible, node, token_hint, Algorithm, Diagnosis, DiagnosisCode, KeyOrder, Mode,
    Prepared, SignatureInput,
};

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
            let prep = ctx.prep;
            let sts = compute::build_string(&[url], prep.ordered(*order));
            let sig = match ctx.tokens.get(*ti) {
                Some(t) => compute::mac_of(&Keyed::new(t, alg), &[url], prep.ordered(*order))
                    .to_b64_string(),
                None => String::new(),
            };
            d.out.push(Diagnosis {
                code: DiagnosisCode::WrongToken,
                message: format!(
                    "The request was signed with {}, not {}: a validator configured with {} rejects it.",
                    token_hint(ctx.tokens, *ti),
                    token_hint(ctx.tokens, 0),
                    token_hint(ctx.tokens, 0)
                ),
                hint: wrong_token_hint(ctx),
                url: make_visible(url),
                string_to_sign: make_visible(&sts),
                signature: sig,
                token_index: *ti,
            });
        }
        return d.out;
    }

    // Body mode: the URL is signed but the body hash failed.
    if let Some((ti, url)) = &ctx.url_only_match {
        body_hash_diagnosis(&mut d, *ti, url);
        return d.out;
    }

    signature_format(&mut d);
    if super::malformed_reason(ctx.sig).is_some() {
        // No MAC's base64 text equals a malformed header: nothing else can match.
        return d.out;
    }
    token_whitespace(&mut d);
    algorithm_variants(&mut d);
    url_candidates(&mut d);
    if let Some(parts) = Parts::parse(ctx.prep.url) {
        scheme_variants(&mut d, &parts);
        port_variants(&mut d, &parts);
        slash_variants(&mut d, &parts);
        host_case_variants(&mut d, &parts);
        empty_query_variants(&mut d, &parts);
        fragment_variants(&mut d, &parts);
        path_encoding_variants(&mut d, &parts);
        path_case_variants(&mut d, &parts);
        query_encoding_variants(&mut d, &parts);
        query_order_variants(&mut d, &parts);
    }
    form_json_variants(&mut d);
    param_variants(&mut d);
    *variants = d.seen.len().max(d.hmacs / d.keyed.len().max(1));
    d.out
}

/// When no variant matches: what was tried, the likely causes in order, and what to compare
/// next.
pub(crate) fn no_match(ctx: &Context<'_>, outcome: &Outcome) -> NoMatch {
    let mut tried = vec![
        format!(
            "{} variants of the request, each signed with {} and compared",
            outcome.variants.max(1),
            if outcome.tokens == 1 { "the token".to_string() } else { format!("each of the {} tokens", outcome.tokens) }
        ),
        "both libraries' rules: twilio-node 6.2 (URL with and without the default port, its legacy querystring form) and twilio-python 9.13".into(),
        "URL variants: the other plausible URLs from Host/X-Forwarded-* headers, http vs https, ports, a trailing slash, host case, an empty '?', a '#fragment', path and query re-encoding, query order".into(),
        "parameter variants: each parameter dropped or added, values trimmed or still encoded, other sort orders, duplicates".into(),
        "form vs JSON, token whitespace, HMAC-SHA1 vs HMAC-SHA256".into(),
    ];
    if ctx.tokens.iter().all(|t| t.is_empty()) {
        tried.truncate(0);
    }
    let mut causes = Vec::new();
    let sid = ctx.input.account_sid.filter(|s| !s.is_empty());
    causes.push(format!(
        "A different auth token signed it: a sub-account's own token, the secondary token, a token rotated since (old or new), or test credentials (which never sign webhooks){}.",
        sid.map(|s| format!(" — this request's AccountSid is {s}; use that account's token")).unwrap_or_default()
    ));
    causes.push(
        "More than one thing changed at once between Twilio and the check (e.g. the scheme and a parameter), or a parameter Twilio sent was dropped and another added — single changes were tried."
            .into(),
    );
    causes.push(
        "A proxy, gateway or framework changed the body (re-encoded, re-ordered, converted the charset) before the check."
            .into(),
    );
    NoMatch {
        tried,
        likely_causes: causes,
        compare_next: "Log the exact URL, the raw body and the X-Twilio-Signature your validator sees, and compare them with Twilio's record of the request (Console → Monitor → Logs → the call or message → Request Inspector); then check which account's token you validate with.".into(),
    }
}

/// The advice when another of the given tokens signed the request.
fn wrong_token_hint(ctx: &Context<'_>) -> String {
    let mut h = String::from(
        "Validate with the token that signs this webhook: a sub-account's webhooks are signed with the sub-account's own auth token, and a secondary token signs only once it is promoted to primary.",
    );
    if let Some(sid) = ctx.input.account_sid.filter(|s| !s.is_empty()) {
        h.push_str(&format!(" The request's AccountSid is {sid}."));
    }
    h
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

/// How a header might mis-write a correct signature `good`: compared as text, no decoding.
fn misencoded(header: &str, good: &str, raw: &[u8]) -> Option<&'static str> {
    let t = header.trim();
    if t != header && t == good {
        return Some("with surrounding whitespace (a trailing newline?)");
    }
    if t.eq_ignore_ascii_case(&compute::hex_lower(raw)) {
        return Some("as hex instead of base64");
    }
    let url_safe: String = good
        .chars()
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            c => c,
        })
        .collect();
    if url_safe != good && (t == url_safe || t == url_safe.trim_end_matches('=')) {
        return Some("in the base64url alphabet (- _) instead of standard base64 (+ /)");
    }
    if t != good && t == good.trim_end_matches('=') {
        return Some("without its '=' padding");
    }
    None
}

/// The header holds the right MAC, mis-written: hex instead of base64, base64url, padding
/// dropped, whitespace or quotes added by a logger or a copy.
fn signature_format(d: &mut Doctor<'_, '_>) {
    let sig = d.ctx.sig;
    if super::malformed_reason(sig).is_none() {
        return;
    }
    let prep = d.ctx.prep;
    for url in primary_urls(prep.url) {
        for (ti, k) in d.keyed.clone() {
            if !d.spend(&url, &Feed::Base) {
                return;
            }
            let mac = compute::mac_of(&k, &[&url], prep.ordered(KeyOrder::Utf16));
            let good = mac.to_b64_string();
            if let Some(how) = misencoded(sig, &good, mac.as_bytes()) {
                let sts = compute::build_string(&[&url], prep.ordered(KeyOrder::Utf16));
                d.out.push(Diagnosis {
                    code: DiagnosisCode::SignatureFormat,
                    message: format!(
                        "The header carries the right MAC but written {how}: Twilio's libraries compare the exact base64 text {good}."
                    ),
                    hint: "Pass the X-Twilio-Signature header value exactly as received; do not trim, re-encode or transcode it.".into(),
                    url: make_visible(&url),
                    string_to_sign: make_visible(&sts),
                    signature: good,
                    token_index: ti,
                });
                return;
            }
        }
    }
}

/// The token was pasted with a newline or spaces (an env file, a secrets manager).
fn token_whitespace(d: &mut Doctor<'_, '_>) {
    let url = d.ctx.prep.url.to_string();
    for (i, t) in d.ctx.tokens.iter().enumerate().take(MAX_TOKENS) {
        let trimmed = t.trim();
        if trimmed.len() == t.len() || trimmed.is_empty() {
            continue;
        }
        for u in primary_urls(&url) {
            let mut v = Variant::new(
                DiagnosisCode::TokenWhitespace,
                u,
                Feed::Base,
                format!(
                    "{} matches once its surrounding whitespace is removed: the token was copied with a space or newline.",
                    token_hint(d.ctx.tokens, i)
                ),
                "Trim the auth token where you load it (environment variable, secrets file).",
            );
            v.token = Some((i, trimmed.to_string()));
            if d.try_variant(v) {
                return;
            }
        }
    }
}

/// HMAC-SHA1 vs HMAC-SHA256: the app ignores (or invents) X-Twilio-Webhooks-Signature-Settings.
fn algorithm_variants(d: &mut Doctor<'_, '_>) {
    let header = d.ctx.input.settings_header.filter(|h| !h.trim().is_empty());
    let others: Vec<Algorithm> = match &d.ctx.settings {
        Ok(Algorithm::HmacSha1) => vec![Algorithm::HmacSha256],
        Ok(Algorithm::HmacSha256) => vec![Algorithm::HmacSha1],
        Err(_) => vec![Algorithm::HmacSha1, Algorithm::HmacSha256],
    };
    // Only when the signature's length fits the other algorithm.
    let len = d.ctx.sig.len();
    for alg in others {
        let fits = matches!(
            (alg, len),
            (Algorithm::HmacSha1, 28) | (Algorithm::HmacSha256, 44)
        );
        if !fits {
            continue;
        }
        let message = match (alg, header, &d.ctx.settings) {
            (Algorithm::HmacSha256, None, _) => "The signature is an HMAC-SHA256 (SharedKey) signature, but the request has no X-Twilio-Webhooks-Signature-Settings header, so validators check HMAC-SHA1.".to_string(),
            (Algorithm::HmacSha256, Some(h), Ok(_)) => format!("The signature is an HMAC-SHA256 (SharedKey) signature, but X-Twilio-Webhooks-Signature-Settings ({h}) says HMAC-SHA1."),
            (Algorithm::HmacSha1, Some(h), Ok(_)) => format!("The signature is a plain HMAC-SHA1 signature, but X-Twilio-Webhooks-Signature-Settings ({h}) says HMAC-SHA256."),
            (a, _, Err(name)) => format!("The signature is {}, but X-Twilio-Webhooks-Signature-Settings names the unknown algorithm '{name}'.", if a == Algorithm::HmacSha1 { "a plain HMAC-SHA1 signature" } else { "an HMAC-SHA256 (SharedKey) signature" }),
            (_, None, Ok(_)) => "The signature is a plain HMAC-SHA1 signature, but HMAC-SHA256 was assumed.".to_string(),
        };
        for u in primary_urls(d.ctx.prep.url) {
            let mut v = Variant::new(
                DiagnosisCode::Sha256Settings,
                u,
                Feed::Base,
                message.clone(),
                "Pass the X-Twilio-Webhooks-Signature-Settings header along with X-Twilio-Signature (algorithm=HMAC_SHA256 means the SharedKey secret signs with HMAC-SHA256).",
            );
            v.alg = Some(alg);
            if d.try_variant(v) {
                return;
            }
        }
    }
}

/// The request's own parameters, as the variants' starting point.
fn base_feed(d: &Doctor<'_, '_>) -> Feed {
    if d.ctx.prep.mode == Mode::Form {
        Feed::Base
    } else {
        Feed::Nothing
    }
}

/// Which single thing differs between two URLs, when it is one of the URL codes.
fn classify_difference(received: &str, other: &str) -> Option<DiagnosisCode> {
    let (a, b) = (Parts::parse(received)?, Parts::parse(other)?);
    let same_but = |f: &dyn Fn(&mut Parts)| {
        let (mut x, mut y) = (a.clone(), b.clone());
        f(&mut x);
        f(&mut y);
        x == y
    };
    if a.scheme != b.scheme
        && same_but(&|p: &mut Parts| {
            p.scheme.clear();
            p.port = None;
        })
    {
        return Some(DiagnosisCode::SchemeMismatch);
    }
    if a.host != b.host
        && a.host.eq_ignore_ascii_case(&b.host)
        && same_but(&|p: &mut Parts| {
            p.host.make_ascii_lowercase();
        })
    {
        return Some(DiagnosisCode::HostCase);
    }
    if a.port != b.port && same_but(&|p: &mut Parts| p.port = None) {
        return Some(DiagnosisCode::PortMismatch);
    }
    None
}

/// The app rebuilt the URL from Host while Twilio called the public one (X-Forwarded-*,
/// a tunnel, a load balancer).
fn url_candidates(d: &mut Doctor<'_, '_>) {
    let received = d.ctx.prep.url.to_string();
    let feed_base = d.ctx.prep.mode == Mode::Form;
    for (n, c) in d.ctx.input.url_candidates.iter().enumerate().take(8) {
        let c = c.trim();
        if c.is_empty() || c == received {
            continue;
        }
        let code = classify_difference(&received, c).unwrap_or(DiagnosisCode::OtherUrlCandidate);
        for u in primary_urls(c) {
            let message = format!(
                "Twilio signed {} (URL candidate #{}), not {} — build the URL you validate the way that candidate was built.",
                make_visible(&u),
                n + 1,
                make_visible(&received)
            );
            let v = Variant::new(
                code,
                u,
                if feed_base { Feed::Base } else { Feed::Nothing },
                message,
                "Reconstruct the public URL Twilio called: honour X-Forwarded-Proto / X-Forwarded-Host (or hard-code the URL configured in the Twilio Console) instead of the Host your app server sees.",
            );
            if d.try_variant(v) {
                break;
            }
        }
    }
}

/// A TLS-terminating proxy: Twilio called https, the app sees http (or the reverse).
fn scheme_variants(d: &mut Doctor<'_, '_>, parts: &Parts) {
    let to = if parts.scheme.eq_ignore_ascii_case("http") {
        "https"
    } else if parts.scheme.eq_ignore_ascii_case("https") {
        "http"
    } else {
        return;
    };
    let mut ports: Vec<Option<String>> = vec![None];
    let default = url_variants::default_port_for(to).to_string();
    ports.push(Some(default));
    if let Some(p) = &parts.port {
        ports.push(Some(p.clone()));
    }
    let received = parts.join();
    for port in ports {
        let mut p = parts.with_port(port.as_deref());
        p.scheme = to.to_string();
        let u = p.join();
        let (message, hint) = if to == "https" {
            (
                format!(
                    "Twilio signed {}, your server rebuilt {} — your proxy or load balancer terminates TLS; build the URL from X-Forwarded-Proto.",
                    make_visible(&u),
                    make_visible(&received)
                ),
                "Behind a proxy (ngrok, a load balancer, Heroku, Cloud Run…) use the public https URL: trust X-Forwarded-Proto (Express: app.set('trust proxy', true)) or pass the URL explicitly.",
            )
        } else {
            (
                format!(
                    "Twilio signed {}, but you validated {} — the webhook is configured with plain http; validate against the URL exactly as configured in Twilio.",
                    make_visible(&u),
                    make_visible(&received)
                ),
                "Use the URL exactly as it is configured in Twilio (better: configure the https URL).",
            )
        };
        let feed = base_feed(d);
        if d.try_variant(Variant::new(
            DiagnosisCode::SchemeMismatch,
            u,
            feed,
            message,
            hint,
        )) {
            return;
        }
    }
}

const COMMON_PORTS: &[&str] = &[
    "8080", "3000", "8000", "5000", "8443", "4000", "8888", "9000", "5001", "8081", "3001", "1337",
    "4443", "7000", "8001",
];

/// The app adds or drops a port (the proxy's internal port, :443 written out) beyond the
/// libraries' own default-port quirk.
fn port_variants(d: &mut Doctor<'_, '_>, parts: &Parts) {
    let received = parts.join();
    let mut ports: Vec<&str> = Vec::new();
    let default = parts.default_port();
    match &parts.port {
        Some(p) => {
            if p != default {
                ports.push(default);
            }
        }
        None => {
            ports.extend(COMMON_PORTS.iter().copied());
            ports.push(if default == "443" { "80" } else { "443" });
        }
    }
    for port in ports {
        let u = parts.with_port(Some(port)).join();
        let message = match &parts.port {
            Some(p) => format!(
                "Twilio signed {} (port {port}), your server saw port {p} in {} — a proxy forwards {port} to {p}; validate with the port Twilio called.",
                make_visible(&u),
                make_visible(&received)
            ),
            None => format!(
                "Twilio signed {} (port {port}), your server rebuilt {} without it — the webhook URL includes :{port}; keep the port when you rebuild the URL.",
                make_visible(&u),
                make_visible(&received)
            ),
        };
        let feed = base_feed(d);
        if d.try_variant(Variant::new(
            DiagnosisCode::PortMismatch,
            u,
            feed,
            message,
            "Use the URL exactly as configured in Twilio, port included; behind a proxy use X-Forwarded-Port / X-Forwarded-Host rather than the port your app listens on.",
        )) {
            return;
        }
    }
}

/// A router added or removed a trailing slash before validating.
fn slash_variants(d: &mut Doctor<'_, '_>, parts: &Parts) {
    let received = parts.join();
    let mut p = parts.clone();
    let (what, ok) = if p.path.len() > 1 && p.path.ends_with('/') {
        p.path.pop();
        ("without", true)
    } else if !p.path.ends_with('/') {
        p.path.push('/');
        ("with", true)
    } else {
        ("", false)
    };
    if !ok {
        return;
    }
    let u = p.join();
    let message = format!(
        "Twilio signed {} {what} a trailing slash, your server rebuilt {} — a router added or stripped the slash; use the path exactly as configured in Twilio.",
        make_visible(&u),
        make_visible(&received)
    );
    let feed = base_feed(d);
    d.try_variant(Variant::new(
        DiagnosisCode::TrailingSlash,
        u,
        feed,
        message,
        "Build the URL from the raw request path (not a normalised route) or match the configured webhook URL exactly.",
    ));
}

/// The host's letter case changed (configured in capitals, normalised by a proxy).
fn host_case_variants(d: &mut Doctor<'_, '_>, parts: &Parts) {
    let received = parts.join();
    let mut hosts = vec![
        parts.host.to_ascii_lowercase(),
        parts.host.to_ascii_uppercase(),
    ];
    let title: String = parts
        .host
        .split('.')
        .map(|l| {
            let mut c = l.chars();
            match c.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + &c.as_str().to_ascii_lowercase(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(".");
    hosts.push(title);
    let mut first = parts.host.to_ascii_lowercase();
    if let Some(f) = first.get_mut(0..1) {
        f.make_ascii_uppercase();
    }
    hosts.push(first);
    for h in hosts {
        if h == parts.host {
            continue;
        }
        let mut p = parts.clone();
        p.host = h.clone();
        let u = p.join();
        let message = format!(
            "Twilio signed the host as {h}, your server rebuilt it as {} — host letter case is part of the signed string; use the host exactly as configured in Twilio ({}).",
            parts.host,
            make_visible(&received)
        );
        let feed = base_feed(d);
        if d.try_variant(Variant::new(
            DiagnosisCode::HostCase,
            u,
            feed,
            message,
            "Do not lower-case the Host header when rebuilding the URL (or configure the webhook with a lower-case host).",
        )) {
            return;
        }
    }
}

/// A framework dropped (or added) an empty '?' at the end of the URL.
fn empty_query_variants(d: &mut Doctor<'_, '_>, parts: &Parts) {
    let received = parts.join();
    let mut p = parts.clone();
    let message;
    match &parts.query {
        Some(q) if q.is_empty() => {
            p.query = None;
            message = format!(
                "Twilio signed {} without the empty '?', your URL {} has one — drop the bare '?' when rebuilding the URL.",
                make_visible(&p.join()),
                make_visible(&received)
            );
        }
        None => {
            p.query = Some(String::new());
            message = format!(
                "Twilio signed {} with an empty '?', your URL {} has none — the webhook is configured with a trailing '?'; keep it.",
                make_visible(&p.join()),
                make_visible(&received)
            );
        }
        Some(_) => return,
    }
    let feed = base_feed(d);
    d.try_variant(Variant::new(
        DiagnosisCode::EmptyQuery,
        p.join(),
        feed,
        message,
        "Use the URL exactly as configured in Twilio; a bare '?' counts.",
    ));
}

/// The webhook URL had a '#fragment' (connection overrides): never sent, never signed.
fn fragment_variants(d: &mut Doctor<'_, '_>, parts: &Parts) {
    if parts.fragment.is_none() {
        return;
    }
    let received = parts.join();
    let mut p = parts.clone();
    p.fragment = None;
    let u = p.join();
    let message = format!(
        "Twilio signed {} without the '#fragment' in {} — a fragment is never sent over HTTP; drop it from the URL you validate.",
        make_visible(&u),
        make_visible(&received)
    );
    let feed = base_feed(d);
    d.try_variant(Variant::new(
        DiagnosisCode::Fragment,
        u,
        feed,
        message,
        "Remove the '#…' part (and check whether the configured webhook URL contains a '#' that should be %23).",
    ));
}

/// Changes the case of the hex digits in every `%XX`.
fn hex_case(s: &str, upper: bool) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && b[i + 1].is_ascii_hexdigit()
            && b[i + 2].is_ascii_hexdigit()
        {
            out.push('%');
            for &h in &b[i + 1..i + 3] {
                out.push(if upper {
                    h.to_ascii_uppercase() as char
                } else {
                    h.to_ascii_lowercase() as char
                });
            }
            i += 3;
        } else {
            let ch = s[i..].chars().next().unwrap_or('\u{fffd}');
            out.push(ch);
            i += ch.len_utf8().max(1);
        }
    }
    out
}

/// Decodes `%XX` escapes whose byte is printable ASCII and not in `keep`.
fn decode_safe(s: &str, keep: &[u8]) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Ok(v) = u8::from_str_radix(s.get(i + 1..i + 3).unwrap_or(""), 16) {
                if (0x21..0x7f).contains(&v) && !keep.contains(&v) {
                    out.push(v as char);
                    i += 3;
                    continue;
                }
            }
        }
        let ch = s[i..].chars().next().unwrap_or('\u{fffd}');
        out.push(ch);
        i += ch.len_utf8().max(1);
    }
    out
}

/// The path was decoded or re-encoded (%20 vs +, hex case, safe characters) by a framework.
fn path_encoding_variants(d: &mut Doctor<'_, '_>, parts: &Parts) {
    if !parts.path.contains('%') && parts.path.is_ascii() {
        return;
    }
    let received = parts.join();
    let mut paths = vec![
        hex_case(&parts.path, true),
        hex_case(&parts.path, false),
        decode_safe(&parts.path, b"/?#%"),
    ];
    if !parts.path.is_ascii() {
        let mut enc = String::new();
        for &b in parts.path.as_bytes() {
            if b >= 0x80 {
                enc.push_str(&format!("%{b:02X}"));
            } else {
                enc.push(b as char);
            }
        }
        paths.push(enc);
    }
    for path in paths {
        if path == parts.path {
            continue;
        }
        let mut p = parts.clone();
        p.path = path;
        let u = p.join();
        let message = format!(
            "Twilio signed the path as {}, your URL has {} — a framework re-encoded the path; use the raw request path.",
            make_visible(&p.path),
            make_visible(&parts.path)
        );
        let _ = &received;
        let feed = base_feed(d);
        if d.try_variant(Variant::new(
            DiagnosisCode::PathEncoding,
            u,
            feed,
            message,
            "Percent-escapes and their hex case are part of the signed string: take the path from the raw request line, not a decoded route.",
        )) {
            return;
        }
    }
}

/// The path was lower-cased by a case-insensitive router.
fn path_case_variants(d: &mut Doctor<'_, '_>, parts: &Parts) {
    let lower = parts.path.to_ascii_lowercase();
    if lower == parts.path {
        return;
    }
    let mut p = parts.clone();
    p.path = lower;
    let u = p.join();
    let message = format!(
        "Twilio signed the path as {}, your URL has {} — paths are case-sensitive; use the path exactly as configured in Twilio.",
        make_visible(&p.path),
        make_visible(&parts.path)
    );
    let feed = base_feed(d);
    d.try_variant(Variant::new(
        DiagnosisCode::PathCase,
        u,
        feed,
        message,
        "Take the path from the raw request line and configure the webhook URL with the same letter case your routes use.",
    ));
}

/// Splits a query into `(raw key, raw value-with-=)` pieces.
fn query_pairs(q: &str) -> Vec<&str> {
    q.split('&').collect()
}

/// Re-encodes each key and value of a query with `enc` after decoding it.
fn reencode_query(q: &str, enc: fn(&mut String, &str)) -> String {
    let mut out = String::with_capacity(q.len() + 8);
    for (i, piece) in q.split('&').enumerate() {
        if i > 0 {
            out.push('&');
        }
        match piece.split_once('=') {
            Some((k, v)) => {
                enc(&mut out, &node::percent_decode_lossy(k, true));
                out.push('=');
                enc(&mut out, &node::percent_decode_lossy(v, true));
            }
            None => enc(&mut out, &node::percent_decode_lossy(piece, true)),
        }
    }
    out
}

/// Java `URLEncoder` / PHP `urlencode` style: space as `+`, keep `A-Za-z0-9-_.*`.
fn form_escape_into(out: &mut String, s: &str) {
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'*') {
            out.push(b as char);
        } else if b == b' ' {
            out.push('+');
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
}

/// RFC 3986 style: keep unreserved `A-Za-z0-9-_.~` only.
fn rfc3986_escape_into(out: &mut String, s: &str) {
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
}

/// The query was re-encoded by a framework (space as + or %20, hex case, quotes).
fn query_encoding_variants(d: &mut Doctor<'_, '_>, parts: &Parts) {
    let Some(q) = parts.query.as_deref().filter(|q| !q.is_empty()) else {
        return;
    };
    let variants: Vec<(String, &str)> = vec![
        (q.replace('\'', "%27"), "' written as %27"),
        (q.replace("%27", "'"), "%27 written as '"),
        (q.replace('+', "%20"), "spaces written as %20 instead of +"),
        (q.replace("%20", "+"), "spaces written as + instead of %20"),
        (hex_case(q, true), "upper-case percent-escapes"),
        (hex_case(q, false), "lower-case percent-escapes"),
        (
            decode_safe(q, b"&=+#%"),
            "characters such as : @ / , left unescaped",
        ),
        (
            reencode_query(q, node::qs_escape_into),
            "every parameter re-encoded (encodeURIComponent style)",
        ),
        (
            reencode_query(q, form_escape_into),
            "every parameter re-encoded form-style (space as +)",
        ),
        (
            reencode_query(q, rfc3986_escape_into),
            "every parameter re-encoded RFC 3986 style",
        ),
    ];
    for (vq, how) in variants {
        if vq == q {
            continue;
        }
        let mut p = parts.clone();
        p.query = Some(vq.clone());
        let u = p.join();
        let message = format!(
            "Twilio signed the query with {how} (?{}), your URL has ?{} — something re-encoded the query; use the raw query string as Twilio sent it.",
            make_visible(&vq),
            make_visible(q)
        );
        let feed = base_feed(d);
        if d.try_variant(Variant::new(
            DiagnosisCode::QueryEncoding,
            u,
            feed,
            message,
            "Take the query string from the raw request line (e.g. req.originalUrl, $_SERVER['REQUEST_URI']), not from parsed and re-built parameters.",
        )) {
            return;
        }
    }
}

/// Every order of `n` items (used only for small `n`).
fn permutations(n: usize) -> Vec<Vec<usize>> {
    fn go(prefix: &mut Vec<usize>, rest: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
        if rest.is_empty() {
            out.push(prefix.clone());
            return;
        }
        for i in 0..rest.len() {
            let x = rest.remove(i);
            prefix.push(x);
            go(prefix, rest, out);
            prefix.pop();
            rest.insert(i, x);
        }
    }
    let mut out = Vec::new();
    go(&mut Vec::new(), &mut (0..n).collect(), &mut out);
    out
}

/// A framework re-ordered the query string (parsed into a map and written back).
fn query_order_variants(d: &mut Doctor<'_, '_>, parts: &Parts) {
    let Some(q) = parts.query.as_deref().filter(|q| q.contains('&')) else {
        return;
    };
    let pairs = query_pairs(q);
    let n = pairs.len();
    let mut orders: Vec<Vec<usize>> = Vec::new();
    let mut sorted: Vec<u32> = (0..n as u32).collect();
    let key = |i: u32| {
        pairs
            .get(i as usize)
            .and_then(|p| p.split('=').next())
            .unwrap_or("")
    };
    compute::sort_idx(&mut sorted, &|a, b| key(a).cmp(key(b)));
    orders.push(sorted.into_iter().map(|i| i as usize).collect());
    orders.push((0..n).rev().collect());
    if n <= 4 {
        orders.extend(permutations(n));
    }
    for order in orders {
        let vq = order
            .iter()
            .filter_map(|&i| pairs.get(i).copied())
            .collect::<Vec<_>>()
            .join("&");
        if vq == q {
            continue;
        }
        let mut p = parts.clone();
        p.query = Some(vq.clone());
        let u = p.join();
        let message = format!(
            "Twilio signed the query in the order ?{}, your URL has ?{} — a framework re-ordered the query parameters (Symfony/Laravel fullUrl() sorts them); use the raw request URI.",
            make_visible(&vq),
            make_visible(q)
        );
        let feed = base_feed(d);
        if d.try_variant(Variant::new(
            DiagnosisCode::QueryOrder,
            u,
            feed,
            message,
            "The query is signed verbatim, order included: rebuild the URL from the raw request line, not from a parameter map.",
        )) {
            return;
        }
    }
}

/// A JSON body validated as form parameters, or form parameters validated as a JSON body.
fn form_json_variants(d: &mut Doctor<'_, '_>) {
    let prep = d.ctx.prep;
    let body = d.ctx.input.body;
    match prep.mode {
        Mode::Form => {
            let jsonish = super::looks_like_json(body) || prep.url.contains("bodySHA256");
            if !jsonish || prep.params.is_empty() {
                return;
            }
            for u in primary_urls(prep.url) {
                if d.try_variant(Variant::new(
                    DiagnosisCode::FormVsJson,
                    u,
                    Feed::Nothing,
                    "The signature covers the URL alone: this is a JSON webhook (its body is authenticated by bodySHA256 in the URL), but it was validated as form parameters.".into(),
                    "Validate JSON webhooks with the raw body (twilio-node validateRequestWithBody, twilio-python validate(url, body_string, signature)) and send Content-Type: application/json.",
                )) {
                    return;
                }
            }
        }
        Mode::Body => {
            let mut feeds: Vec<(Vec<(String, String)>, String)> = Vec::new();
            if !super::looks_like_json(body) && !body.is_empty() {
                let p = super::decode_form(body);
                feeds.push((p, "The body is form-encoded, but it was validated as a JSON body: the signature covers the URL plus the sorted form parameters.".into()));
            }
            if let Some(fields) = json::top_level_fields(body) {
                feeds.push((fields, "The signature was computed as if the JSON fields were form parameters (URL + sorted key/value pairs), as validateRequest does when handed a parsed JSON object.".into()));
            }
            if !prep.url.contains("bodySHA256") {
                feeds.push((Vec::new(), "The signature covers the URL alone, like a form POST without parameters — but the body is JSON and the URL has no bodySHA256, so nothing authenticates the body.".into()));
            }
            for (params, message) in feeds {
                let idx = compute::sorted_indices(&params, KeyOrder::Utf16);
                let ordered: Vec<(String, String)> = idx
                    .iter()
                    .filter_map(|&i| params.get(i as usize).cloned())
                    .collect();
                for u in primary_urls(prep.url) {
                    if d.try_variant(Variant::new(
                        DiagnosisCode::FormVsJson,
                        u,
                        Feed::Owned(ordered.clone()),
                        message.clone(),
                        "Match the Content-Type to the body: form bodies are signed as URL + sorted parameters, JSON bodies through bodySHA256 in the URL.",
                    )) {
                        return;
                    }
                }
            }
        }
        Mode::UrlOnly => {}
    }
}

/// The parameters sorted by key, as the string to sign orders them.
fn sorted_owned(params: &[(String, String)]) -> Vec<(String, String)> {
    let idx = compute::sorted_indices(params, KeyOrder::Utf16);
    idx.iter()
        .filter_map(|&i| params.get(i as usize).cloned())
        .collect()
}

/// `A, B and 3 more` for a message.
fn names(list: &[&str]) -> String {
    let mut v: Vec<String> = Vec::new();
    for n in list {
        let s = format!("'{}'", make_visible(n));
        if !v.contains(&s) {
            v.push(s);
        }
    }
    v.join(", ")
}

/// The parameters changed between Twilio and the check: one added by the app's framework
/// (route parameters), one dropped (empty values stripped), values trimmed or left
/// percent-encoded, sorted another way, duplicates appended twice.
fn param_variants(d: &mut Doctor<'_, '_>) {
    let prep = d.ctx.prep;
    if prep.mode != Mode::Form {
        return;
    }
    let url = prep.url.to_string();
    let params = &prep.params;
    let body = d.ctx.input.body;

    // The params given vs the raw body.
    if !d.ctx.input.params.is_empty() && !body.is_empty() {
        let from_body = super::decode_form(body);
        if from_body != params.as_slice() {
            let missing: Vec<&str> = from_body
                .iter()
                .filter(|p| !params.iter().any(|q| q.0 == p.0))
                .map(|p| p.0.as_str())
                .collect();
            let trimmed_only = from_body.len() == params.len()
                && from_body
                    .iter()
                    .zip(params.iter())
                    .all(|(a, b)| a.0 == b.0 && a.1.trim() == b.1.trim());
            let (code, message) = if trimmed_only {
                (DiagnosisCode::TrimmedValues, "The raw body's values have surrounding whitespace that the parameters you validated lack: a framework trimmed them (Laravel TrimStrings) after Twilio signed.".to_string())
            } else if !missing.is_empty() {
                (DiagnosisCode::ParamMissing, format!("The raw body has {} that the parameters you validated lack: something dropped them before validation.", names(&missing)))
            } else {
                (DiagnosisCode::ParamAdded, "The parameters you validated differ from the raw body: something changed them before validation.".to_string())
            };
            let owned = sorted_owned(&from_body);
            if d.try_variant(Variant::new(
                code,
                url.clone(),
                Feed::Owned(owned),
                message,
                "Validate against the body exactly as received (disable TrimStrings / ConvertEmptyStringsToNull for the webhook route, or read the raw body).",
            )) {
                return;
            }
        }
    }

    let query_pairs: Vec<(String, String)> = Parts::parse(&url)
        .and_then(|p| p.query)
        .map(|q| super::decode_form(q.as_bytes()))
        .unwrap_or_default();

    // Query parameters merged into the POST parameters.
    if !query_pairs.is_empty() {
        let keep: Vec<u32> = prep
            .node_idx
            .iter()
            .copied()
            .filter(|&i| {
                params
                    .get(i as usize)
                    .is_some_and(|p| !query_pairs.contains(p))
            })
            .collect();
        if keep.len() < prep.node_idx.len() {
            let dup: Vec<&str> = params
                .iter()
                .filter(|p| query_pairs.contains(p))
                .map(|p| p.0.as_str())
                .collect();
            let message = format!(
                "The query-string parameters {} were merged into the POST parameters you validated (PHP $_REQUEST, Rails params, request.values) — Twilio signs only the POST body's parameters after the URL.",
                names(&dup)
            );
            if d.try_variant(Variant::new(
                DiagnosisCode::ParamAdded,
                url.clone(),
                Feed::Indices(keep),
                message,
                "Pass only the form body's parameters (Flask request.form, Django request.POST, Express req.body).",
            )) {
                return;
            }
        }
        // The reverse: the signer included the query parameters.
        let mut with_query = params.clone();
        with_query.extend(query_pairs.iter().cloned());
        let keys: Vec<&str> = query_pairs.iter().map(|p| p.0.as_str()).collect();
        let message = format!(
            "The signed parameters include the query-string parameters {} as if they were POST parameters, but the parameters you validated do not.",
            names(&keys)
        );
        if d.try_variant(Variant::new(
            DiagnosisCode::ParamMissing,
            url.clone(),
            Feed::Owned(sorted_owned(&with_query)),
            message,
            "Whatever signed this merged the query into the body parameters; Twilio signs the query only as part of the URL.",
        )) {
            return;
        }
    }

    // A single parameter added after signing.
    let mut keys: Vec<&str> = Vec::new();
    for (k, _) in params.iter() {
        if !keys.contains(&k.as_str()) {
            keys.push(k);
        }
    }
    if keys.len() > 1 {
        for k in keys.iter().take(40) {
            let keep: Vec<u32> = prep
                .node_idx
                .iter()
                .copied()
                .filter(|&i| params.get(i as usize).is_some_and(|p| p.0 != *k))
                .collect();
            let message = format!(
                "Parameter '{}' is in the request but was not signed — it was added after Twilio signed (by a proxy, a framework or a test); validate only the parameters Twilio sent.",
                make_visible(k)
            );
            if d.try_variant(Variant::new(
                DiagnosisCode::ParamAdded,
                url.clone(),
                Feed::Indices(keep),
                message,
                "Validate the form body exactly as received; do not add, rename or inject parameters before validation.",
            )) {
                return;
            }
        }
    }

    // Values trimmed.
    if params.iter().any(|(_, v)| v.trim() != v) {
        let trimmed: Vec<(String, String)> = params
            .iter()
            .map(|(k, v)| (k.clone(), v.trim().to_string()))
            .collect();
        let which: Vec<&str> = params
            .iter()
            .filter(|(_, v)| v.trim() != v)
            .map(|(k, _)| k.as_str())
            .collect();
        let message = format!(
            "The signature matches the parameters with surrounding whitespace trimmed from {} — whatever computed it saw trimmed values (a framework middleware such as Laravel TrimStrings).",
            names(&which)
        );
        if d.try_variant(Variant::new(
            DiagnosisCode::TrimmedValues,
            url.clone(),
            Feed::Owned(sorted_owned(&trimmed)),
            message,
            "Validate the raw, untrimmed values: exclude the webhook route from TrimStrings / ConvertEmptyStringsToNull.",
        )) {
            return;
        }
    }

    // Raw (still-encoded) pairs.
    if !body.is_empty() {
        let text = String::from_utf8_lossy(body);
        let raw: Vec<(String, String)> = text
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (k.to_string(), v.to_string())
            })
            .collect();
        if raw.as_slice() != params.as_slice()
            && d.try_variant(Variant::new(
                DiagnosisCode::RawValues,
                url.clone(),
                Feed::Owned(sorted_owned(&raw)),
                "The signature was computed over the raw, still-encoded form values (e.g. 'hello+world' instead of 'hello world').".into(),
                "Decode the form body before signing or validating: '+' is a space and %XX are UTF-8 bytes.",
            ))
        {
            return;
        }
    }

    // Sorting mistakes.
    if params.len() > 1 {
        let wire: Vec<u32> = (0..params.len() as u32).collect();
        if d.try_variant(Variant::new(
            DiagnosisCode::ParamSorting,
            url.clone(),
            Feed::Indices(wire),
            "The parameters were appended in wire order: they must be sorted by name (and a repeated name's values sorted).".into(),
            "Sort the parameters by name, case-sensitively (Body before body), before appending them.",
        )) {
            return;
        }
        let mut by_key: Vec<u32> = (0..params.len() as u32).collect();
        let name = |i: u32| params.get(i as usize).map_or("", |p| p.0.as_str());
        let value = |i: u32| params.get(i as usize).map_or("", |p| p.1.as_str());
        compute::sort_idx(&mut by_key, &|a, b| compute::cmp_utf16(name(a), name(b)));
        if d.try_variant(Variant::new(
            DiagnosisCode::ParamSorting,
            url.clone(),
            Feed::Indices(by_key),
            "The names were sorted but a repeated name's values were appended in wire order: the values must be sorted too.".into(),
            "For a repeated name, append each distinct value in sorted order.",
        )) {
            return;
        }
        let mut ci: Vec<u32> = (0..params.len() as u32).collect();
        compute::sort_idx(&mut ci, &|a, b| {
            let lower = |s: &'_ str| {
                s.bytes()
                    .map(|c| c.to_ascii_lowercase())
                    .collect::<Vec<u8>>()
            };
            lower(name(a))
                .cmp(&lower(name(b)))
                .then_with(|| value(a).cmp(value(b)))
        });
        if d.try_variant(Variant::new(
            DiagnosisCode::ParamSorting,
            url.clone(),
            Feed::Indices(ci),
            "The parameters were sorted case-insensitively: the sort must be case-sensitive (upper-case before lower-case).".into(),
            "Compare names by code unit (ordinal), not with a locale or case-insensitive collation.",
        )) {
            return;
        }
        let mut nodedupe: Vec<u32> = (0..params.len() as u32).collect();
        compute::sort_idx(&mut nodedupe, &|a, b| {
            compute::cmp_utf16(name(a), name(b))
                .then_with(|| compute::cmp_utf16(value(a), value(b)))
        });
        if nodedupe.len() != prep.node_idx.len() {
            d.try_variant(Variant::new(
                DiagnosisCode::ParamSorting,
                url,
                Feed::Indices(nodedupe),
                "A repeated parameter's identical values were appended twice: Twilio's libraries append each distinct value once.".into(),
                "De-duplicate identical values of a repeated name before appending.",
            ));
        }
    }
}

/// Body mode, URL signed, hash wrong: was the JSON re-serialised?
fn body_hash_diagnosis(d: &mut Doctor<'_, '_>, ti: usize, url: &str) {
    let prep = d.ctx.prep;
    let in_url = prep
        .node_body_sha()
        .or_else(|| prep.py_body_sha.clone())
        .unwrap_or_default();
    let sig = d.ctx.sig.to_string();
    let body = d.ctx.input.body;
    let mut reproduced: Option<&'static str> = None;
    let trimmed = body.trim_ascii();
    let only_whitespace =
        !in_url.is_empty() && trimmed.len() != body.len() && compute::sha256_hex(trimmed) == in_url;
    if !in_url.is_empty() && !only_whitespace {
        for (text, how) in json::reserialisations(body) {
            if compute::sha256_hex(text.as_bytes()) == in_url {
                reproduced = Some(how);
                break;
            }
        }
    }
    let (code, message, hint) = match reproduced {
        _ if only_whitespace => (
            DiagnosisCode::BodyWhitespace,
            format!(
                "The URL signature is valid, and the body matches bodySHA256 once {} of whitespace around it {} removed: that whitespace — probably added by copying or an editor — is the only difference.",
                plural(body.len() - trimmed.len(), "byte"),
                if body.len() - trimmed.len() == 1 { "is" } else { "are" }
            ),
            "If you pasted the body, paste it exactly as received; if your app adds or strips a newline before hashing, hash the raw bytes instead.",
        ),
        Some(how) => (
            DiagnosisCode::JsonReserialised,
            format!(
                "The URL signature is valid, but the body was re-serialised after Twilio sent it: Twilio's bodySHA256 is the hash of the same JSON {how}."
            ),
            "Hash the raw request body bytes (express.raw / request.get_data()), not a parsed and re-stringified object.",
        ),
        None if in_url.is_empty() => (
            DiagnosisCode::BodyModified,
            "The URL signature is valid, but the URL's bodySHA256 is empty or missing, so the body cannot be checked.".to_string(),
            "Use the URL exactly as Twilio requested it, including ?bodySHA256=….",
        ),
        None if in_url.eq_ignore_ascii_case(prep.body_sha_hex.as_deref().unwrap_or("")) => (
            DiagnosisCode::BodyModified,
            "The URL signature is valid and bodySHA256 is the body's hash, but in upper-case hex: the comparison is exact.".to_string(),
            "Twilio writes bodySHA256 in lower-case hex; use the URL exactly as received.",
        ),
        None => (
            DiagnosisCode::BodyModified,
            "The URL signature is valid, but the body does not hash to the URL's bodySHA256: the body was changed (or re-serialised) after Twilio signed it.".to_string(),
            "Hash the raw request body bytes exactly as received; a parsed and re-stringified JSON object hashes differently.",
        ),
    };
    d.out.push(Diagnosis {
        code,
        message: if ti > 0 {
            format!(
                "{message} (It was signed with {}, not {}.)",
                token_hint(d.ctx.tokens, ti),
                token_hint(d.ctx.tokens, 0)
            )
        } else {
            message
        },
        hint: hint.to_string(),
        url: make_visible(url),
        string_to_sign: make_visible(url),
        signature: sig,
        token_index: ti,
    });
}

/// `1 byte`, `3 bytes`.
fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}
