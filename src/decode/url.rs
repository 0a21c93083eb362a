//! URLs (absolute or a bare path), optionally followed by a form body on the next lines.

use super::{form, offset_in, Decoded};
use crate::finding::{Code, Finding};
use crate::report::ParamSource;

/// The parts of a URL or path, as slices of it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct UrlParts<'a> {
    /// `https`, empty for a bare path.
    pub scheme: &'a str,
    /// `host[:port]` (with any `user:pass@`), empty for a bare path.
    pub authority: &'a str,
    /// The path, `/` when the URL has none.
    pub path: &'a str,
    /// The query without its `?`.
    pub query: Option<&'a str>,
    /// The fragment without its `#`.
    pub fragment: Option<&'a str>,
}

/// Splits a URL (`scheme://authority/path?query#fragment`) or a path (`/path?query`).
pub(crate) fn split_url(url: &str) -> UrlParts<'_> {
    let (before_frag, fragment) = match url.split_once('#') {
        Some((a, f)) => (a, Some(f)),
        None => (url, None),
    };
    let (before_query, query) = match before_frag.split_once('?') {
        Some((a, q)) => (a, Some(q)),
        None => (before_frag, None),
    };
    let (scheme, authority, path) = match before_query.split_once("://") {
        Some((scheme, rest)) => match rest.find('/') {
            Some(i) => (scheme, &rest[..i], &rest[i..]),
            None => (scheme, rest, ""),
        },
        None => ("", "", before_query),
    };
    UrlParts {
        scheme,
        authority,
        path: if path.is_empty() { "/" } else { path },
        query,
        fragment,
    }
}

/// `json` for `/Calls.json`, when the last path segment has a known response extension.
pub(crate) fn extension_of(path: &str) -> Option<String> {
    let last = path.rsplit('/').next()?;
    let (_, ext) = last.rsplit_once('.')?;
    let ext = ext.to_ascii_lowercase();
    matches!(ext.as_str(), "json" | "csv" | "xml" | "html").then_some(ext)
}

/// Fills `out` from a URL: path, extension, query pairs, and `user` of `user:pass@`.
/// `at` is the byte offset of `url` in the input, when it is a slice of it.
pub(crate) fn apply_url(url: &str, at: Option<usize>, out: &mut Decoded) {
    let parts = split_url(url);
    out.url = Some(url.to_string());
    out.path = Some(parts.path.to_string());
    out.extension = extension_of(parts.path);
    if let Some((user, _password)) = parts
        .authority
        .rsplit_once('@')
        .map(|(u, _)| u.split_once(':').unwrap_or((u, "")))
    {
        if !user.is_empty() {
            out.auth_user = Some(user.to_string());
        }
    }
    if let Some(fragment) = parts
        .fragment
        .filter(|f| f.is_empty() || f.contains(['=', '&']))
    {
        out.findings.push(
            Finding::new(
                Code::UnencodedHash,
                format!(
                    "The URL has a '#' followed by {:?}: everything after '#' is a fragment, never sent to the server.",
                    fragment
                ),
            )
            .hint("A '#' inside a value (DTMF digits such as 1234#) must be written %23."),
        );
    }
    if let Some(q) = parts.query.filter(|q| !q.is_empty()) {
        let q_at = at.zip(offset_in(url, q)).map(|(a, o)| a + o);
        form::parse_pairs(q, ParamSource::Query, q_at, out);
    }
}

/// A pasted URL; lines after the first are read as the form body of a POST to it.
pub(crate) fn decode_url_input(text: &str, start: usize, out: &mut Decoded) {
    let (line, rest) = match text.find('\n') {
        Some(i) => (text[..i].trim(), text[i + 1..].trim()),
        None => (text, ""),
    };
    apply_url(line, Some(start), out);
    if rest.is_empty() {
        // A URL on its own is what a GET request (or a browser) sends.
        out.method = Some("GET".into());
    } else {
        out.method = Some("POST".into());
        out.body = Some(rest.to_string());
        let at = offset_in(text, rest).map(|o| start + o);
        form::parse_pairs(rest, ParamSource::Body, at, out);
    }
}
