//! Decoding: turns whatever the user pasted into an ordered list of pairs plus what is
//! known of the HTTP request (method, URL, headers, body), without losing a byte.
//!
//! Every decoder keeps pairs in wire order (duplicates included) and the raw text next to
//! the decoded text, and reports problems as findings instead of dropping them.

mod curl;
pub(crate) mod form;
mod har;
mod http;
mod json;
mod url;
mod xml;

use crate::finding::{Code, Finding};
use crate::report::{Header, InputFormat, ParamSource, RawPair};

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

/// The largest input accepted (10 MiB). Larger pastes are refused with `input-too-large`.
pub const MAX_INPUT_BYTES: usize = 10 * 1024 * 1024;

/// Decodes `input`, detecting its format unless `forced` is given.
///
/// Never panics: whatever cannot be read is reported as a finding, and the text is kept.
pub fn decode(input: &str, forced: Option<InputFormat>) -> Decoded {
    let mut out = Decoded::default();
    if input.len() > MAX_INPUT_BYTES {
        out.format = Some(InputFormat::Empty);
        out.findings.push(
            Finding::new(
                Code::InputTooLarge,
                format!(
                    "The input is {} bytes; the inspector reads at most {MAX_INPUT_BYTES} bytes (10 MiB).",
                    input.len()
                ),
            )
            .hint("Paste one request at a time; Twilio webhooks are a few kilobytes."),
        );
        return out;
    }
    let text = input.strip_prefix('\u{feff}').unwrap_or(input);
    let base = input.len() - text.len();
    let trimmed = text.trim();
    if trimmed.is_empty() {
        out.format = Some(InputFormat::Empty);
        out.findings.push(Finding::new(
            Code::EmptyInput,
            "Nothing to inspect: the input is empty.",
        ));
        return out;
    }
    let start = base + (text.len() - text.trim_start().len());
    let format = forced.unwrap_or_else(|| detect(trimmed));
    out.format = Some(format);
    match format {
        InputFormat::Form => {
            out.body = Some(trimmed.to_string());
            if one_pair_per_line(trimmed) {
                // `Name=value` lines (a log or a dump), not a wrapped body: each line is a pair.
                for line in trimmed.lines().map(str::trim).filter(|l| !l.is_empty()) {
                    let at = offset_in(input, line);
                    form::parse_pairs(line, ParamSource::Body, at, &mut out);
                }
                out.findings.push(Finding::new(
                    Code::LineBreakInForm,
                    "The text has no '&': each line was read as one name=value pair.",
                ));
                form::report_duplicates(&mut out, 0);
            } else {
                form::parse_pairs(trimmed, ParamSource::Body, Some(start), &mut out);
            }
        }
        InputFormat::Query => {
            let q = trimmed.strip_prefix('?').unwrap_or(trimmed);
            let q_at = start + (trimmed.len() - q.len());
            form::parse_pairs(q, ParamSource::Query, Some(q_at), &mut out);
        }
        InputFormat::Url => url::decode_url_input(trimmed, start, &mut out),
        InputFormat::Http => http::decode_http(text, base, &mut out),
        InputFormat::Curl => curl::decode_curl(trimmed, &mut out),
        InputFormat::Json => json::decode_json_input(trimmed, start, ParamSource::Json, &mut out),
        InputFormat::Har => har::decode_har(trimmed, &mut out),
        InputFormat::Xml => xml::decode_xml(trimmed, start, &mut out),
        // A response only: the request side has nothing; `inspect` reads the response.
        InputFormat::Response => {}
        InputFormat::Empty => {
            out.body = Some(text.to_string());
            out.findings.push(
                Finding::new(
                    Code::UnrecognisedInput,
                    "The input is not a form body, query string, URL, HTTP request, curl command, JSON object or XML document.",
                )
                .hint("Paste the request body (CallSid=…&From=…), the full URL, or the raw request with its headers."),
            );
        }
    }
    if out.format == Some(InputFormat::Empty)
        && !out
            .findings
            .iter()
            .any(|f| f.code == Code::UnrecognisedInput)
    {
        out.body.get_or_insert_with(|| text.to_string());
    }
    out
}

/// Guesses the format of trimmed, non-empty text.
pub fn detect(t: &str) -> InputFormat {
    let first_line = t.lines().next().unwrap_or("").trim();
    let lower: String = first_line
        .chars()
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    if crate::response::looks_like_response(t) {
        return InputFormat::Response;
    }
    if t.starts_with('<') {
        return InputFormat::Xml;
    }
    if json::looks_like_print_r(t) {
        return InputFormat::Json;
    }
    if t.starts_with('{') {
        return if har::looks_like_har(t) {
            InputFormat::Har
        } else {
            InputFormat::Json
        };
    }
    if lower.starts_with("curl ") || lower.starts_with("$ curl ") || lower.starts_with("curl\t") {
        return InputFormat::Curl;
    }
    if http::find_request_line(t).is_some() || http::starts_with_headers(t) {
        return InputFormat::Http;
    }
    if lower.starts_with("http://") || lower.starts_with("https://") || t.starts_with('/') {
        return InputFormat::Url;
    }
    if t.starts_with('?') {
        return InputFormat::Query;
    }
    if let Some(i) = t.find('{') {
        let obj = &t[i..];
        if t.ends_with('}')
            && obj.contains(['"', '\''])
            && (obj.contains(':') || obj.contains("=>"))
        {
            return InputFormat::Json;
        }
    }
    if t.contains('=') {
        return InputFormat::Form;
    }
    if t.contains("curl ") {
        return InputFormat::Curl;
    }
    InputFormat::Empty
}

/// True for several `Name=value` lines and no `&` anywhere.
fn one_pair_per_line(t: &str) -> bool {
    let mut lines = t.lines().map(str::trim).filter(|l| !l.is_empty());
    !t.contains('&')
        && lines.clone().count() >= 2
        && lines.all(|l| {
            l.split_once('=')
                .is_some_and(|(name, _)| !name.is_empty() && !name.contains(' '))
        })
}

/// The byte offset of `part` inside `whole`, when `part` is a slice of it.
pub(crate) fn offset_in(whole: &str, part: &str) -> Option<usize> {
    let w = whole.as_ptr() as usize;
    let p = part.as_ptr() as usize;
    (p >= w && p + part.len() <= w + whole.len()).then(|| p - w)
}
