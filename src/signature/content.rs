//! What a signature covers — the one rule: the URL only, the URL and the sorted form
//! parameters, or the URL whose `bodySHA256` covers the body — and the body readers it
//! needs. Used by `verify`, `sign_request` and the server fast path alike.

use super::{Mode, SignMode, SignatureInput};

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
pub(crate) fn decide_mode(input: &SignatureInput<'_>) -> (Mode, Vec<(String, String)>) {
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
