//! Causes outside the request itself: another of the given tokens signed it, the token was
//! pasted with whitespace, the validator used the other HMAC algorithm, or the header holds the
//! right MAC written another way.

use super::{primary_urls, Doctor, Feed, Variant, MAX_TOKENS};
use crate::signature::compute::{self, Keyed};
use crate::signature::{
    self, make_visible, token_hint, Algorithm, Diagnosis, DiagnosisCode, KeyOrder,
};

/// The validator holds another of the account's tokens (a sub-account's own token, the
/// secondary token, one rotated since): the request is valid, but not with token #1.
pub(super) fn wrong_token(d: &mut Doctor<'_, '_>, ti: usize, url: &str, order: KeyOrder) {
    let ctx = d.ctx;
    let prep = ctx.prep;
    let sts = compute::build_string(&[url], prep.ordered(order));
    let sig = match ctx.tokens.get(ti) {
        Some(t) => {
            compute::mac_of(&Keyed::new(t, d.alg), &[url], prep.ordered(order)).to_b64_string()
        }
        None => String::new(),
    };
    d.out.push(Diagnosis {
        code: DiagnosisCode::WrongToken,
        message: format!(
            "The request was signed with {}, not {}: a validator configured with {} rejects it.",
            token_hint(ctx.tokens, ti),
            token_hint(ctx.tokens, 0),
            token_hint(ctx.tokens, 0)
        ),
        hint: wrong_token_hint(ctx),
        url: make_visible(url),
        string_to_sign: make_visible(&sts),
        signature: sig,
        token_index: ti,
    });
}

/// The advice when another of the given tokens signed the request.
fn wrong_token_hint(ctx: &super::Context<'_>) -> String {
    let mut h = String::from(
        "Validate with the token that signs this webhook: a sub-account's webhooks are signed with the sub-account's own auth token, and a secondary token signs only once it is promoted to primary.",
    );
    if let Some(sid) = ctx.input.account_sid.filter(|s| !s.is_empty()) {
        h.push_str(&format!(" The request's AccountSid is {sid}."));
    }
    h
}

/// How a header might mis-write a correct signature `good`: compared as text, no decoding.
fn misencoded(header: &str, good: &str, raw: &[u8]) -> Option<&'static str> {
    let t = header.trim();
    // A form or query decoder read the header: every '+' became a space.
    if header.contains(' ') && good.contains('+') && header.replace(' ', "+") == good {
        return Some("with each '+' turned into a space (the value was URL-decoded)");
    }
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
/// dropped, whitespace or quotes added by a logger or a copy, '+' decoded to a space.
pub(super) fn signature_format(d: &mut Doctor<'_, '_>) {
    let sig = d.ctx.sig;
    if signature::malformed_reason(sig).is_none() {
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
pub(super) fn token_whitespace(d: &mut Doctor<'_, '_>) {
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
pub(super) fn algorithm_variants(d: &mut Doctor<'_, '_>) {
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
