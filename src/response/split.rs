//! Reading the pasted response: TwiML alone, a raw HTTP response, a HAR entry's response, or
//! a request followed by its response (split so the request goes to `inspect`).

use base64::Engine;
use serde::Deserialize;

use super::ResponseInputKind;
use crate::finding::{Code, Finding, Severity};
use crate::input::Header;

/// A response as read from the paste.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ParsedResponse {
    /// How it was recognised.
    pub kind: ResponseInputKind,
    /// Status code, when there was a status line.
    pub status: Option<u16>,
    /// Reason phrase.
    pub status_text: Option<String>,
    /// Headers in order.
    pub headers: Vec<Header>,
    /// The body.
    pub body: String,
    /// Byte offset of the body in the input, when the body is a slice of it.
    pub body_at: Option<usize>,
    /// Problems met while reading the framing.
    pub findings: Vec<Finding>,
}

/// True for an HTTP status line: `HTTP/1.1 200 OK`, `HTTP/2 204`.
pub(crate) fn is_status_line(line: &str) -> bool {
    let l = line.trim_start();
    if !l.starts_with("HTTP/") {
        return false;
    }
    let mut words = l.split_whitespace();
    words
        .next()
        .is_some_and(|v| v.starts_with("HTTP/") && v.len() <= 9)
        && words
            .next()
            .is_some_and(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_digit()))
}

/// Byte offset of the first status line of `input`, when there is one.
fn status_line_at(input: &str) -> Option<usize> {
    let mut at = 0;
    for line in input.split_inclusive('\n') {
        if is_status_line(line) {
            return Some(at + (line.len() - line.trim_start().len()));
        }
        at += line.len();
    }
    None
}

/// Splits a paste into its request part and its response part: `(request, response)`.
///
/// The response starts at the first HTTP status line (`HTTP/1.1 200 OK`). Without one, a
/// text starting with `<` (TwiML) is all response and anything else is all request.
pub fn split_exchange(input: &str) -> (Option<&str>, Option<&str>) {
    let non_empty = |s: &'_ str| (!s.trim().is_empty()).then_some(());
    match status_line_at(input) {
        Some(at) => {
            let (req, resp) = input.split_at(at);
            (non_empty(req).map(|_| req), Some(resp))
        }
        None if input
            .trim_start_matches('\u{feff}')
            .trim_start()
            .starts_with('<') =>
        {
            (None, non_empty(input).map(|_| input))
        }
        None => (non_empty(input).map(|_| input), None),
    }
}

/// The response of `curl -v` output (`< HTTP/1.1 200 OK`, `< Header: value`, `< `, then the
/// body, with `*` and `>` lines around), rebuilt as a plain HTTP response.
fn curl_verbose_response(input: &str) -> Option<String> {
    if !input.lines().any(|l| l.starts_with("< HTTP/")) {
        return None;
    }
    let mut out = String::new();
    let (mut in_response, mut in_body) = (false, false);
    for line in input.lines() {
        let l = line.trim_end_matches('\r');
        if l.starts_with("< HTTP/") {
            (in_response, in_body) = (true, false);
            out.clear();
        }
        if !in_response || l.starts_with("* ") || l.starts_with("> ") || l == "*" || l == ">" {
            continue;
        }
        if !in_body {
            if let Some(rest) = l.strip_prefix("< ").or((l == "<").then_some("")) {
                out.push_str(rest);
                out.push('\n');
                in_body = rest.trim().is_empty();
                continue;
            }
            in_body = true;
            out.push('\n');
        }
        out.push_str(l);
        out.push('\n');
    }
    Some(out)
}

/// True when the paste holds an HTTP response: a status line, or `curl -v`'s `< HTTP/…`.
pub(crate) fn has_http_response(input: &str) -> bool {
    status_line_at(input).is_some() || input.lines().any(|l| l.starts_with("< HTTP/"))
}

/// Reads the paste into a [`ParsedResponse`], detecting its shape.
pub(crate) fn read_response(input: &str) -> ParsedResponse {
    if let Some(rebuilt) = curl_verbose_response(input) {
        let mut r = read_http(&rebuilt, 0);
        // Offsets point into the rebuilt text, not the paste.
        r.body_at = None;
        r.findings.iter_mut().for_each(|f| f.at = None);
        if input.lines().any(|l| l.starts_with("> ")) {
            r.kind = ResponseInputKind::Exchange;
        }
        return r;
    }
    let trimmed = input.trim_start();
    if trimmed.starts_with('{') {
        if let Some(r) = read_har(trimmed) {
            return r;
        }
    }
    match split_exchange(input) {
        (req, Some(resp)) if is_status_line(resp.lines().next().unwrap_or("")) => {
            let base = input.len() - resp.len();
            let mut r = read_http(resp, base);
            if req.is_some() {
                r.kind = ResponseInputKind::Exchange;
            }
            r
        }
        _ => {
            // TwiML alone: leading whitespace is the paste's, not the server's.
            let body = input.trim_start();
            ParsedResponse {
                kind: ResponseInputKind::Twiml,
                status: None,
                status_text: None,
                headers: Vec::new(),
                body: body.to_string(),
                body_at: Some(input.len() - body.len()),
                findings: Vec::new(),
            }
        }
    }
}

/// Reads a raw HTTP response starting at its status line. `base` is its offset in the input.
fn read_http(text: &str, base: usize) -> ParsedResponse {
    let mut findings = Vec::new();
    let mut start = 0;
    loop {
        let block = text.get(start..).unwrap_or("");
        let line_len = block.find('\n').map(|i| i + 1).unwrap_or(block.len());
        let line = block[..line_len].trim();
        let mut words = line.splitn(3, ' ');
        let _version = words.next();
        let status = words.next().and_then(|c| c.parse::<u16>().ok());
        let status_text = words
            .next()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string);
        let head_at = start + line_len;
        let (headers, body_rel) = read_headers(&block[line_len..], base + head_at, &mut findings);
        let body_at = head_at + body_rel;
        let body_text = text.get(body_at..).unwrap_or("");
        // Skip interim `100 Continue` blocks (curl -i prints them before the real status).
        if matches!(status, Some(100..=199))
            && is_status_line(body_text.lines().next().unwrap_or(""))
        {
            start = body_at;
            continue;
        }
        let mut body = body_text.to_string();
        let mut body_at = Some(base + body_at);
        let chunked = headers.iter().any(|h| {
            h.name.eq_ignore_ascii_case("Transfer-Encoding")
                && h.value.to_ascii_lowercase().contains("chunked")
        });
        if let Some((decoded, chunks)) = chunked.then(|| dechunk(body_text)).flatten() {
            // A raw capture (a proxy, a packet trace) keeps the chunk framing that `curl -i`
            // removes: the TwiML is what the chunks carry.
            body = decoded;
            body_at = None;
            if chunks > 1 {
                findings.push(
                    Finding::new(
                        Code::ResponseMalformedHttp,
                        format!("The body came in {chunks} chunks (Transfer-Encoding: chunked). Twilio's 12100 page warns that its HTTP client may keep only the first chunk of a chunked TwiML document, which then fails to parse."),
                    )
                    .severity(Severity::Warning)
                    .hint("Send the TwiML with a Content-Length (buffer the whole document) instead of streaming it."),
                );
            }
        }
        if let Some(n) = headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case("Content-Length"))
            .and_then(|h| h.value.trim().parse::<usize>().ok())
        {
            if n < body.len() && body.get(n..).is_some_and(|tail| tail.trim().is_empty()) {
                body.truncate(n);
            }
        }
        if status.is_none() {
            findings.push(
                Finding::new(
                    Code::ResponseMalformedHttp,
                    "The status line has no numeric status code.",
                )
                .twilio(11206)
                .at(base + start),
            );
        }
        return ParsedResponse {
            kind: ResponseInputKind::HttpResponse,
            status,
            status_text,
            headers,
            body,
            body_at,
            findings,
        };
    }
}

/// The data of a chunked body (`1a\r\n…\r\n0\r\n\r\n`) and the number of data chunks, when
/// `text` is exactly such framing (line breaks may have lost their `\r` in a paste). `None`
/// for anything else, e.g. a body a tool already decoded.
fn dechunk(text: &str) -> Option<(String, usize)> {
    let mut out = String::new();
    let mut rest = text;
    let mut chunks = 0usize;
    loop {
        let (line, after) = rest.split_once('\n')?;
        let size_hex = line.trim_end_matches('\r').split(';').next()?.trim();
        if size_hex.is_empty()
            || size_hex.len() > 8
            || !size_hex.bytes().all(|b| b.is_ascii_hexdigit())
        {
            return None;
        }
        let size = usize::from_str_radix(size_hex, 16).ok()?;
        if size == 0 {
            // Trailers, if any, then the end: only blank or header-like lines may follow.
            return after
                .lines()
                .all(|l| l.trim().is_empty() || l.contains(':'))
                .then_some((out, chunks));
        }
        out.push_str(after.get(..size)?);
        chunks += 1;
        let tail = after.get(size..)?;
        rest = tail
            .strip_prefix("\r\n")
            .or_else(|| tail.strip_prefix('\n'))?;
    }
}

/// Reads header lines up to the blank line. Returns the headers and the body's offset in
/// `text`; `base` is `text`'s offset in the input (for finding positions).
fn read_headers(text: &str, base: usize, findings: &mut Vec<Finding>) -> (Vec<Header>, usize) {
    let mut headers: Vec<Header> = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let line_at = at;
        at += line.len();
        let l = line.trim_end_matches(['\r', '\n']);
        if l.trim().is_empty() {
            return (headers, at);
        }
        if l.starts_with([' ', '\t']) {
            if let Some(h) = headers.last_mut() {
                h.value.push(' ');
                h.value.push_str(l.trim());
                continue;
            }
        }
        match l.split_once(':') {
            Some((name, value))
                if !name.is_empty()
                    && name
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)) =>
            {
                headers.push(Header {
                    name: name.to_string(),
                    value: value.trim().to_string(),
                });
            }
            _ if l.trim_start().starts_with('<') => {
                findings.push(
                    Finding::new(
                        Code::ResponseMalformedHttp,
                        "There is no blank line between the headers and the body; the body was read from the first '<'.",
                    )
                    .severity(Severity::Warning)
                    .at(base + line_at),
                );
                return (headers, line_at);
            }
            _ => findings.push(
                Finding::new(
                    Code::ResponseMalformedHttp,
                    format!(
                        "{:?} is not a header line (Name: value); it was skipped.",
                        l.trim()
                    ),
                )
                .severity(Severity::Warning)
                .at(base + line_at),
            ),
        }
    }
    (headers, text.len())
}

#[derive(Deserialize)]
struct HarFile {
    log: Option<HarLog>,
    response: Option<HarResponse>,
}

#[derive(Deserialize)]
struct HarLog {
    #[serde(default)]
    entries: Vec<HarEntry>,
}

#[derive(Deserialize)]
struct HarEntry {
    response: Option<HarResponse>,
}

#[derive(Deserialize)]
struct HarResponse {
    #[serde(default)]
    status: i64,
    #[serde(default, rename = "statusText")]
    status_text: String,
    #[serde(default)]
    headers: Vec<HarPair>,
    #[serde(default)]
    content: Option<HarContent>,
}

#[derive(Deserialize)]
struct HarPair {
    name: String,
    value: String,
}

#[derive(Deserialize)]
struct HarContent {
    #[serde(default, rename = "mimeType")]
    mime_type: String,
    text: Option<String>,
    encoding: Option<String>,
}

/// True when a HAR paste (file or entry) has a captured response (a status other than 0).
pub(crate) fn har_has_response(text: &str) -> bool {
    har_response(text.trim_start()).is_some()
}

fn har_response(text: &str) -> Option<HarResponse> {
    let file: HarFile = serde_json::from_str(text).ok()?;
    let r = match (file.response, file.log) {
        (Some(r), _) => r,
        (None, Some(log)) => log.entries.into_iter().next()?.response?,
        (None, None) => return None,
    };
    (r.status > 0).then_some(r)
}

/// The response of a HAR file's first entry, or of a single entry.
fn read_har(text: &str) -> Option<ParsedResponse> {
    let r = har_response(text)?;
    let mut findings = Vec::new();
    let mut headers: Vec<Header> = r
        .headers
        .into_iter()
        .map(|h| Header {
            name: h.name,
            value: h.value.trim().to_string(),
        })
        .collect();
    let (mut body, mut mime) = (String::new(), String::new());
    if let Some(c) = r.content {
        mime = c.mime_type;
        body = c.text.unwrap_or_default();
        if c.encoding.as_deref() == Some("base64") {
            match base64::engine::general_purpose::STANDARD.decode(body.trim()) {
                Ok(bytes) => body = String::from_utf8_lossy(&bytes).into_owned(),
                Err(_) => findings.push(
                    Finding::new(Code::ResponseMalformedHttp, "The HAR response body says base64 but does not decode; it was read as text.")
                        .severity(Severity::Warning),
                ),
            }
        }
    }
    if !mime.is_empty()
        && !headers
            .iter()
            .any(|h| h.name.eq_ignore_ascii_case("Content-Type"))
    {
        headers.push(Header {
            name: "Content-Type".into(),
            value: mime,
        });
    }
    Some(ParsedResponse {
        kind: ResponseInputKind::Har,
        status: u16::try_from(r.status).ok(),
        status_text: Some(r.status_text).filter(|t| !t.is_empty()),
        headers,
        body,
        body_at: None,
        findings,
    })
}
