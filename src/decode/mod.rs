//! Decoding: turns whatever the user pasted into an ordered list of pairs plus what is
//! known of the HTTP request (method, URL, headers, body), without losing a byte.
//!
//! Every decoder keeps pairs in wire order (duplicates included) and the raw text next to
//! the decoded text, and reports problems as findings instead of dropping them.

use crate::finding::Finding;
use crate::report::{Header, InputFormat, RawPair};

/// The decoder's output.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Decoded {
    /// The format that was decoded (or `Empty`).
    pub format: Option<InputFormat>,
    /// HTTP method, when the input says (request line, curl `-X`, `-d` implies POST).
    pub method: Option<String>,
    /// The full URL when known: absolute (`https://host/path?q`) or a bare path
    /// (`/2010-04-01/…`) when no host is known.
    pub url: Option<String>,
    /// Headers in order (names as written, values trimmed).
    pub headers: Vec<Header>,
    /// The raw body exactly as pasted (after removing the framing: indentation, trailing response).
    pub body: Option<String>,
    /// All parameters in wire order: query pairs first, then body / JSON / XML pairs.
    pub pairs: Vec<RawPair>,
    /// Problems found while decoding.
    pub findings: Vec<Finding>,
    /// Basic-auth user from curl `-u user:pass` or an `Authorization: Basic` header
    /// (the AccountSid, for REST requests). The password is never kept.
    pub auth_user: Option<String>,
    /// The path of the URL, when there is one.
    pub path: Option<String>,
    /// Response format asked for by a REST path extension (`json`, `csv`, `xml`).
    pub extension: Option<String>,
    /// Other plausible URLs Twilio may have requested (from Host vs X-Forwarded-* headers).
    pub url_candidates: Vec<String>,
}

impl Decoded {
    /// The value of the first header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| h.value.as_str())
    }
}

/// Decodes `input`, detecting its format unless `forced` is given.
pub fn decode(input: &str, forced: Option<InputFormat>) -> Decoded {
    let _ = (input, forced);
    Decoded::default()
}
