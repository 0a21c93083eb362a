//! The body was read the wrong way or changed: a JSON webhook validated as form parameters
//! (or the reverse), a JSON body re-serialised or given extra whitespace before hashing.

use super::params::sorted_owned;
use super::{primary_urls, Doctor, Feed, Variant};
use crate::signature::compute;
use crate::signature::{self, json, make_visible, token_hint, Diagnosis, DiagnosisCode, Mode};

/// A JSON body validated as form parameters, or form parameters validated as a JSON body.
pub(super) fn form_json_variants(d: &mut Doctor<'_, '_>) {
    let prep = d.ctx.prep;
    let body = d.ctx.input.body;
    match prep.mode {
        Mode::Form => {
            let jsonish = signature::looks_like_json(body) || prep.url.contains("bodySHA256");
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
            if !prep.url.contains("bodySHA256") && body_hash_dropped(d, body) {
                return;
            }
            let mut feeds: Vec<(Vec<(String, String)>, String)> = Vec::new();
            if !signature::looks_like_json(body) && !body.is_empty() {
                let p = signature::decode_form(body);
                feeds.push((p, "The body is form-encoded, but it was validated as a JSON body: the signature covers the URL plus the sorted form parameters.".into()));
            }
            if let Some(fields) = json::top_level_fields(body) {
                feeds.push((fields, "The signature was computed as if the JSON fields were form parameters (URL + sorted key/value pairs), as validateRequest does when handed a parsed JSON object.".into()));
            }
            if !prep.url.contains("bodySHA256") {
                feeds.push((Vec::new(), "The signature covers the URL alone, like a form POST without parameters — but the body is JSON and the URL has no bodySHA256, so nothing authenticates the body.".into()));
            }
            for (params, message) in feeds {
                let ordered = sorted_owned(&params);
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

/// A JSON webhook validated against a URL without its query (a framework's route or path
/// URL, a proxy that strips the query): Twilio signed the URL with `bodySHA256=<the
/// body's hex SHA-256>` in it. Tries that URL, the hash added before any `#fragment`.
fn body_hash_dropped(d: &mut Doctor<'_, '_>, body: &[u8]) -> bool {
    let hex = signature::body_sha256(body);
    for u in primary_urls(d.ctx.prep.url) {
        let (base, fragment) = match u.find('#') {
            Some(i) => (&u[..i], &u[i..]),
            None => (u.as_str(), ""),
        };
        let sep = if !base.contains('?') {
            "?"
        } else if base.ends_with('?') || base.ends_with('&') {
            ""
        } else {
            "&"
        };
        let with_hash = format!("{base}{sep}bodySHA256={hex}{fragment}");
        if d.try_variant(Variant::new(
            DiagnosisCode::BodyHashDropped,
            with_hash,
            Feed::Nothing,
            "Twilio signed this URL with bodySHA256 (the SHA-256 of this very body) in its query, and the URL that was validated has lost it — the body itself is intact.".into(),
            "Validate with the full URL Twilio requested, query included (Express: req.originalUrl, not req.path; behind a proxy, keep the query string).",
        )) {
            return true;
        }
    }
    false
}

/// Body mode, URL signed, hash wrong: was the JSON re-serialised?
pub(super) fn body_hash_diagnosis(d: &mut Doctor<'_, '_>, ti: usize, url: &str) {
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
