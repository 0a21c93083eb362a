//! Signing a captured request afresh, so it can be replayed against a server.

use crate::text::part;

use serde::{Deserialize, Serialize};

use super::compute::{self, Keyed, Ordered};
use super::{decide_mode, make_visible, Algorithm, KeyOrder, Mode, SignMode, SignatureInput};

/// A request to sign.
#[derive(Debug, Clone, Copy)]
pub struct SignRequest<'a> {
    /// The full URL to call (for a JSON body, its `bodySHA256` is set to the body's hash).
    pub url: &'a str,
    /// `GET` or `POST`; `None` infers POST when there is a body or parameters.
    pub method: Option<&'a str>,
    /// The `Content-Type`. What is signed follows [`super::signed_content`]: without one,
    /// parameters are a form, a `{…}` body or a URL with `bodySHA256` is signed by hash.
    pub content_type: Option<&'a str>,
    /// The raw body. For a form POST with an empty body it is built from `params`.
    pub body: &'a [u8],
    /// Decoded form parameters in wire order (used when `body` is empty, or to sign a body
    /// that was decoded already).
    pub params: &'a [(String, String)],
    /// The auth token (or SharedKey secret). Never written into the output.
    pub token: &'a str,
    /// HMAC-SHA1 (auth token) or HMAC-SHA256 (SharedKey).
    pub algorithm: Algorithm,
    /// The `X-Twilio-Webhooks-Signature-Settings` value to send along (SHA-256 only); when
    /// `None` and the algorithm is SHA-256, `algorithm=HMAC_SHA256` is sent.
    pub settings_header: Option<&'a str>,
}

/// A freshly signed request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignedRequest {
    /// The `X-Twilio-Signature` value.
    pub signature: String,
    /// The algorithm used.
    pub algorithm: Algorithm,
    /// What was signed besides the URL.
    pub mode: SignMode,
    /// The URL to call (with `bodySHA256` updated for a JSON body).
    pub url: String,
    /// The body to send.
    pub body: String,
    /// The string that was signed, made visible.
    pub string_to_sign: String,
    /// A "copy as curl" command replaying the request (it never contains the token).
    pub curl: String,
}

/// Single-quotes a string for a POSIX shell.
fn shell_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        if c == '\'' {
            out.push_str("'\\''");
        } else {
            out.push(c);
        }
    }
    out.push('\'');
    out
}

/// Form-encodes pairs the way Twilio writes webhook bodies (space as `+`).
fn form_encode(params: &[(String, String)]) -> String {
    let mut out = String::new();
    for (i, (k, v)) in params.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        form_escape_into(&mut out, k);
        out.push('=');
        form_escape_into(&mut out, v);
    }
    out
}

/// Java `URLEncoder` / PHP `urlencode` style, which is also how Twilio writes form bodies:
/// space as `+`, `A-Za-z0-9-_.*` kept, every other byte `%XX`.
pub(crate) fn form_escape_into(out: &mut String, s: &str) {
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

/// Sets (or appends) `bodySHA256=<hex>` in the URL's query, before any fragment.
fn with_body_sha(url: &str, hex: &str) -> String {
    let (main, frag) = match url.find('#') {
        Some(i) => (part(url, ..i), part(url, i..)),
        None => (url, ""),
    };
    let (base, query) = match main.find('?') {
        Some(i) => (part(main, ..i), Some(part(main, i + 1..))),
        None => (main, None),
    };
    let mut pairs: Vec<String> = query
        .filter(|q| !q.is_empty())
        .map(|q| q.split('&').map(str::to_string).collect())
        .unwrap_or_default();
    let mut set = false;
    for p in pairs.iter_mut() {
        if p.split('=').next() == Some("bodySHA256") && !set {
            *p = format!("bodySHA256={hex}");
            set = true;
        }
    }
    if !set {
        pairs.push(format!("bodySHA256={hex}"));
    }
    format!("{base}?{}{frag}", pairs.join("&"))
}

/// Signs a captured request afresh (after editing it, or for another token) and returns
/// the signature with a "copy as curl" command to replay it. The token is never included.
pub fn sign_request(req: &SignRequest<'_>) -> SignedRequest {
    let input = SignatureInput {
        url: Some(req.url),
        method: req.method,
        content_type: req.content_type,
        body: req.body,
        params: req.params,
        ..SignatureInput::default()
    };
    let (mode, params) = decide_mode(&input);
    let (url, body, content_type) = match mode {
        Mode::UrlOnly => (req.url.to_string(), String::new(), None),
        Mode::Form => {
            let body = if req.body.is_empty() {
                form_encode(&params)
            } else {
                String::from_utf8_lossy(req.body).into_owned()
            };
            let ct = req
                .content_type
                .filter(|c| !c.trim().is_empty())
                .unwrap_or("application/x-www-form-urlencoded");
            (req.url.to_string(), body, Some(ct.to_string()))
        }
        Mode::Body => {
            let hex = compute::sha256_hex(req.body);
            let ct = req
                .content_type
                .filter(|c| !c.trim().is_empty())
                .unwrap_or("application/json");
            (
                with_body_sha(req.url, &hex),
                String::from_utf8_lossy(req.body).into_owned(),
                Some(ct.to_string()),
            )
        }
    };
    let idx = compute::sorted_indices(&params, KeyOrder::Utf16);
    let ordered = Ordered {
        params: &params,
        idx: &idx,
    };
    let keyed = Keyed::new(req.token, req.algorithm);
    let signature = compute::mac_of(&keyed, &[&url], ordered).to_b64_string();
    let sts = compute::build_string(&[&url], ordered);

    let mut curl = String::from("curl");
    if mode == Mode::UrlOnly {
        curl.push(' ');
    } else {
        curl.push_str(" -X POST ");
    }
    curl.push_str(&shell_quote(&url));
    curl.push_str(" \\\n  -H ");
    curl.push_str(&shell_quote(&format!("X-Twilio-Signature: {signature}")));
    if req.algorithm == Algorithm::HmacSha256 || req.settings_header.is_some() {
        let h = req
            .settings_header
            .map(str::to_string)
            .unwrap_or_else(|| format!("algorithm={}", req.algorithm.twilio_name()));
        curl.push_str(" \\\n  -H ");
        curl.push_str(&shell_quote(&format!(
            "X-Twilio-Webhooks-Signature-Settings: {h}"
        )));
    }
    if let Some(ct) = &content_type {
        curl.push_str(" \\\n  -H ");
        curl.push_str(&shell_quote(&format!("Content-Type: {ct}")));
        curl.push_str(" \\\n  --data-raw ");
        curl.push_str(&shell_quote(&body));
    }
    SignedRequest {
        signature,
        algorithm: req.algorithm,
        mode: mode.public(),
        url,
        body,
        string_to_sign: make_visible(&sts),
        curl,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_sha_in_url() {
        assert_eq!(
            with_body_sha("https://h/x", "ab"),
            "https://h/x?bodySHA256=ab"
        );
        assert_eq!(
            with_body_sha("https://h/x?a=1&bodySHA256=zz#f", "ab"),
            "https://h/x?a=1&bodySHA256=ab#f"
        );
        assert_eq!(shell_quote("it's"), "'it'\\''s'");
    }
}
