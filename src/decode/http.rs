//! Raw HTTP requests as captured by ngrok, webhook.site, proxies and logs: request line,
//! headers, body. Tolerates LF or CRLF, indentation, log noise before the request, a
//! response pasted after it, a body on the request line (as in Twilio's 2008 docs), and a
//! missing blank line. The header block is also checked with `httparse`.

use base64::Engine;

use super::url::{apply_url, split_url};
use super::{form, json, offset_in, xml, Decoded};
use crate::finding::{Code, Finding, Severity};
use crate::report::{Header, ParamSource};

const METHODS: [&str; 7] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
/// How many lines are searched for the request line.
const SEARCH_LINES: usize = 64;

/// A request line found in the text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RequestLine<'a> {
    /// Index of the line.
    pub line: usize,
    /// Text before the method (log noise), trimmed.
    pub noise: &'a str,
    pub method: &'a str,
    pub target: &'a str,
    pub version: Option<&'a str>,
    /// Text after the version on the same line.
    pub trailing: &'a str,
}

/// The lines of `t` with their byte offsets, line breaks (`\n`, `\r\n`) removed.
pub(crate) fn lines_of(t: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut at = 0;
    for l in t.split('\n') {
        out.push((at, l.strip_suffix('\r').unwrap_or(l)));
        at += l.len() + 1;
    }
    out
}

fn parse_request_line(line: &str) -> Option<(&str, &str, &str, Option<&str>, &str)> {
    // Find "METHOD target" where METHOD is a whole word.
    for m in METHODS {
        let mut search = 0;
        while let Some(i) = line[search..].find(m).map(|i| i + search) {
            search = i + m.len();
            let before_ok = i == 0 || !line.as_bytes()[i - 1].is_ascii_alphanumeric();
            let rest = &line[i + m.len()..];
            if !before_ok || !rest.starts_with([' ', '\t']) {
                continue;
            }
            let rest = rest.trim_start();
            let target_end = rest.find([' ', '\t']).unwrap_or(rest.len());
            let target = &rest[..target_end];
            let target_ok = target.starts_with('/')
                || target.starts_with("http://")
                || target.starts_with("https://")
                || target == "*"
                || host_and_path(target).is_some();
            if !target_ok {
                continue;
            }
            let after = rest[target_end..].trim_start();
            let (version, trailing) = if after.starts_with("HTTP/") {
                let end = after.find([' ', '\t']).unwrap_or(after.len());
                // An access log quotes the request field: `"GET /x HTTP/1.1" 200 …`; the
                // closing quote is the log's, not the version's.
                (
                    Some(after[..end].trim_end_matches('"')),
                    after[end..].trim(),
                )
            } else {
                (None, after)
            };
            let noise = line[..i].trim();
            // Text before the method is only accepted with an HTTP version (log noise);
            // otherwise a form value such as "Body=POST /x" would look like a request.
            if !noise.is_empty() && version.is_none() {
                continue;
            }
            if version.is_none() && !trailing.is_empty() && !log_fields(trailing) {
                continue;
            }
            return Some((noise, m, target, version, trailing));
        }
    }
    None
}

/// A router log's request target written as `host/path?query` (no scheme): the host
/// (a name with a dot, or with a port) and the path from its `/`.
pub(crate) fn host_and_path(target: &str) -> Option<(&str, &str)> {
    let slash = target.find('/')?;
    let host = &target[..slash];
    let name = host.split(':').next().unwrap_or(host);
    let ok = !name.is_empty()
        && (name.contains('.') || host.contains(':'))
        && !name.starts_with(['.', '-'])
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':'));
    ok.then(|| (host, &target[slash..]))
}

/// A log line's own fields after the request (`dyno=web.1 status=200 bytes=208`): two or
/// more `key=value` words separated by spaces, none of them joined by `&`.
fn log_fields(trailing: &str) -> bool {
    let words: Vec<&str> = trailing.split_whitespace().collect();
    words.len() >= 2
        && words.iter().all(|w| {
            w.split_once('=').is_some_and(|(k, _)| {
                !k.is_empty()
                    && !w.contains('&')
                    && k.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
            })
        })
}

/// The first request line among the first lines of `t`.
pub(crate) fn find_request_line(t: &str) -> Option<RequestLine<'_>> {
    t.split('\n')
        .take(SEARCH_LINES)
        .enumerate()
        .find_map(|(i, l)| {
            let l = l.strip_suffix('\r').unwrap_or(l);
            // A request line has a space after its method; a form body has none.
            if !(l.contains(' ') || l.contains('\t')) {
                return None;
            }
            parse_request_line(l).map(|(noise, method, target, version, trailing)| RequestLine {
                line: i,
                noise,
                method,
                target,
                version,
                trailing,
            })
        })
}

fn header_split(line: &str) -> Option<(&str, &str)> {
    // HTTP/2 pseudo-headers as dev tools and proxies print them (`:authority: host`).
    if let Some(rest) = line.strip_prefix(':') {
        let (name, value) = rest.split_once(':')?;
        let ok = !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase());
        return ok.then(|| (&line[..name.len() + 1], value.trim()));
    }
    let (name, value) = line.split_once(':')?;
    let ok = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
    ok.then(|| (name, value.trim()))
}

/// True when the text starts with header lines (a request pasted without its request line).
pub(crate) fn starts_with_headers(t: &str) -> bool {
    let mut headers = 0;
    let mut twilio_like = false;
    for l in t.lines().take(SEARCH_LINES) {
        let l = l.trim();
        if l.is_empty() {
            break;
        }
        match header_split(l) {
            Some((n, _)) => {
                headers += 1;
                twilio_like |= [
                    "host",
                    "x-twilio-signature",
                    "content-type",
                    "user-agent",
                    ":method",
                    ":authority",
                ]
                .iter()
                .any(|h| n.eq_ignore_ascii_case(h));
            }
            None => return false,
        }
    }
    headers >= 2 && twilio_like
}

fn leading_ws(l: &str) -> usize {
    l.len() - l.trim_start().len()
}

fn is_response_line(l: &str) -> bool {
    let l = l.trim_start();
    l.starts_with("HTTP/")
        && l.split_whitespace()
            .nth(1)
            .is_some_and(|code| code.len() == 3 && code.bytes().all(|b| b.is_ascii_digit()))
}

/// Decodes a raw HTTP request. `base` is the offset of `text` in the input.
pub(crate) fn decode_http(text: &str, base: usize, out: &mut Decoded) {
    let lines = lines_of(text);
    let request = find_request_line(text);
    let first_content = lines
        .iter()
        .position(|(_, l)| !l.trim().is_empty())
        .unwrap_or(0);
    let head_line = request.map(|r| r.line).unwrap_or(first_content);
    report_noise(&lines[..head_line], request.as_ref(), base, out);
    let layout = Layout {
        text,
        lines: &lines,
        indent: leading_ws(lines[head_line].1),
        base,
    };
    if request.is_none() {
        out.findings.push(Finding::new(
            Code::MalformedHttp,
            "No request line (POST /path HTTP/1.1) was found; the headers and body were read without it.",
        ));
    }
    let first_header = head_line + usize::from(request.is_some());
    let (mut headers, body_start_line) = layout.read_headers(first_header, out);
    let (mut body, mut body_at) = match body_start_line.filter(|&b| b < lines.len()) {
        Some(b) => layout.read_body(b, out),
        None => (String::new(), None),
    };
    if let Some(r) = request.filter(|r| !r.trailing.is_empty()) {
        read_request_line_tail(&r, text, base, &mut body, &mut body_at, out);
    }
    apply_content_length(&headers, &mut body, out);
    let pseudo = apply_pseudo_headers(&mut headers, request.is_some(), out);
    validate_with_httparse(request.as_ref(), &headers, out);

    // Method, URL, candidates.
    if let Some(r) = &request {
        out.method = Some(r.method.to_string());
    }
    let target = request
        .map(|r| r.target)
        .or(pseudo.target.as_deref())
        .unwrap_or("/");
    let target_at = request
        .and_then(|r| offset_in(text, r.target))
        .map(|o| base + o);
    let with_scheme;
    let (target, target_at) = match host_and_path(target).filter(|_| !target.starts_with('/')) {
        // `host/path?query` from a router log: the URL, with the https scheme that is
        // guessed when nothing says otherwise (the doctor tries http itself).
        Some(_) => {
            with_scheme = format!("https://{target}");
            out.findings.push(
                Finding::new(
                    Code::NoiseIgnored,
                    "The request line names the host without a scheme (as a router log prints it); https was assumed.",
                )
                .severity(Severity::Info),
            );
            (with_scheme.as_str(), target_at.map(|a| a.saturating_sub(8)))
        }
        None => (target, target_at),
    };
    apply_url(target, target_at, out);
    if !target.contains("://") {
        let urls = candidate_urls(&headers, target);
        if let Some((first, rest)) = urls.split_first() {
            out.url = Some(first.clone());
            out.url_candidates = rest.to_vec();
        }
    }
    if pseudo.scheme_added {
        headers.retain(|h| !h.name.eq_ignore_ascii_case("X-Forwarded-Proto"));
    }
    if !body.is_empty() {
        decode_body(&headers, &body, body_at, base, out);
        out.body = Some(body);
    }
    redact_authorization(&mut headers, out);
    out.headers = headers;
}

/// Says how much text before the request line was ignored (log lines, a log prefix).
fn report_noise(
    before: &[(usize, &str)],
    request: Option<&RequestLine<'_>>,
    base: usize,
    out: &mut Decoded,
) {
    let noise_lines = before.iter().filter(|(_, l)| !l.trim().is_empty()).count();
    if noise_lines == 0 && request.is_none_or(|r| r.noise.is_empty()) {
        return;
    }
    let what = if noise_lines > 0 {
        format!("{noise_lines} line(s) of text")
    } else {
        "A log prefix".to_string()
    };
    out.findings.push(
        Finding::new(
            Code::NoiseIgnored,
            format!("{what} before the request line was ignored."),
        )
        .at(base),
    );
}

/// The pasted request's lines and the indentation of its request line (a request quoted in
/// an indented block keeps that indentation on every line).
struct Layout<'a> {
    text: &'a str,
    lines: &'a [(usize, &'a str)],
    indent: usize,
    base: usize,
}

impl Layout<'_> {
    /// A line without the request's own indentation.
    fn dedent(&self, l: &str) -> String {
        let n = leading_ws(l).min(self.indent);
        // Indentation of other widths (U+2000…) may not end on the same byte.
        l.get(n..).unwrap_or_else(|| l.trim_start()).to_string()
    }

    /// The header lines from line `i`: the headers, and the line where the body starts
    /// (after the blank line, or at a line that can only be a body).
    fn read_headers(&self, mut i: usize, out: &mut Decoded) -> (Vec<Header>, Option<usize>) {
        let lines = self.lines;
        let mut headers: Vec<Header> = Vec::new();
        while i < lines.len() {
            let raw = lines[i].1;
            if raw.trim().is_empty() {
                return (headers, Some(i + 1));
            }
            let l = self.dedent(raw);
            if l.starts_with([' ', '\t']) {
                if let Some(h) = headers.last_mut() {
                    h.value.push(' ');
                    h.value.push_str(l.trim());
                    i += 1;
                    continue;
                }
            }
            let at = self.base + lines[i].0;
            match header_split(l.trim_end()) {
                Some((name, value)) => headers.push(Header {
                    name: name.to_string(),
                    value: value.to_string(),
                }),
                // A body right under the request line, with no header at all, is how docs and
                // notes write a request (`POST /…/Messages` then `From=…&To=…`): said, not held
                // against the capture. After headers, the missing blank line is a paste fault.
                None if looks_like_body(l.trim()) && headers.is_empty() => {
                    out.findings.push(
                        Finding::new(
                            Code::MalformedHttp,
                            format!("The body follows the request line directly (no headers, no blank line); line {} was read as the body.", i + 1),
                        )
                        .severity(Severity::Info)
                        .at(at),
                    );
                    return (headers, Some(i));
                }
                None if looks_like_body(l.trim()) => {
                    out.findings.push(
                        Finding::new(
                            Code::MalformedHttp,
                            format!("There is no blank line between the headers and the body; line {} was read as the start of the body.", i + 1),
                        )
                        .at(at),
                    );
                    return (headers, Some(i));
                }
                None => out.findings.push(
                    Finding::new(
                        Code::MalformedHttp,
                        format!(
                            "Line {} is not a header (Name: value) and was skipped: {:?}.",
                            i + 1,
                            l.trim()
                        ),
                    )
                    .at(at),
                ),
            }
            i += 1;
        }
        (headers, None)
    }

    /// The body from line `b` to the end, or to a response pasted after the request; with
    /// its offset in the input when it was taken verbatim.
    fn read_body(&self, b: usize, out: &mut Decoded) -> (String, Option<usize>) {
        let lines = self.lines;
        let end = lines[b..]
            .iter()
            .position(|(_, l)| is_response_line(l))
            .map_or(lines.len(), |p| b + p);
        let end_off = if end < lines.len() {
            out.findings.push(
                Finding::new(
                    Code::NoiseIgnored,
                    format!(
                        "The response pasted after the request (line {}) was ignored.",
                        end + 1
                    ),
                )
                .at(self.base + lines[end].0),
            );
            lines[end].0
        } else {
            self.text.len()
        };
        let start_off = lines[b].0;
        if self.indent == 0 {
            let slice = &self.text[start_off..end_off.max(start_off)];
            let body = slice.trim_end_matches(['\r', '\n']).to_string();
            return (body, Some(self.base + start_off));
        }
        let dedented: Vec<String> = lines[b..end].iter().map(|(_, l)| self.dedent(l)).collect();
        let body = dedented
            .join("\n")
            .trim_end_matches(['\r', '\n'])
            .to_string();
        (body, None)
    }
}

/// Text after the request line's HTTP version: an access log's fields (ignored), a body on
/// the same line as in Twilio's 2008 documentation (read as the body), or anything else.
fn read_request_line_tail(
    r: &RequestLine<'_>,
    text: &str,
    base: usize,
    body: &mut String,
    body_at: &mut Option<usize>,
    out: &mut Decoded,
) {
    // An access log's line: `"GET /path?q HTTP/1.1" 403 0 "-" "TwilioProxy/1.1"`.
    let status = r.trailing.trim_start_matches(['"', '\'']).trim_start();
    let access_log = status.len() >= 3
        && status.as_bytes()[..3].iter().all(u8::is_ascii_digit)
        && status[3..].chars().next().is_none_or(char::is_whitespace);
    let finding = if access_log || log_fields(r.trailing) {
        Finding::new(
            Code::NoiseIgnored,
            format!("A log's fields after the request line (status, size, timings, user agent) were ignored: {:?}.", r.trailing),
        )
        .severity(Severity::Info)
    } else if body.is_empty() {
        *body = r.trailing.to_string();
        *body_at = offset_in(text, r.trailing).map(|o| base + o);
        Finding::new(
            Code::MalformedHttp,
            "The body follows the request line on the same line (as in Twilio's 2008 documentation); it was read as the body.",
        )
        .severity(Severity::Info)
    } else {
        Finding::new(
            Code::MalformedHttp,
            format!(
                "Text after the HTTP version on the request line was ignored: {:?}.",
                r.trailing
            ),
        )
    };
    out.findings.push(finding);
}

/// Checks `Content-Length` against the body; trailing blank text beyond it is dropped.
fn apply_content_length(headers: &[Header], body: &mut String, out: &mut Decoded) {
    let Some(cl) = headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case("Content-Length"))
    else {
        return;
    };
    match cl.value.trim().parse::<usize>() {
        Ok(n) if n != body.len() => {
            let cut = body.get(n..).is_some_and(|rest| rest.trim().is_empty());
            if cut {
                body.truncate(n);
            } else {
                out.findings.push(
                    Finding::new(
                        Code::ContentLengthMismatch,
                        format!("Content-Length says {n} bytes but the body pasted is {} bytes.", body.len()),
                    )
                    .hint("The capture may be cut, or line endings changed (CRLF ↔ LF) when it was copied."),
                );
            }
        }
        Ok(_) => {}
        Err(_) => out.findings.push(Finding::new(
            Code::MalformedHttp,
            format!("Content-Length is not a number: {:?}.", cl.value),
        )),
    }
}

/// What HTTP/2 pseudo-headers stood in for.
#[derive(Default)]
struct PseudoHeaders {
    /// `:path`, when there was no request line.
    target: Option<String>,
    /// `:scheme` was added as `X-Forwarded-Proto` to build the URL (removed afterwards).
    scheme_added: bool,
}

/// HTTP/2 pseudo-headers (`:method`, `:path`, `:authority`, `:scheme`) stand in for the
/// request line and `Host`; they are removed from the headers.
fn apply_pseudo_headers(
    headers: &mut Vec<Header>,
    has_request_line: bool,
    out: &mut Decoded,
) -> PseudoHeaders {
    let pseudo = |name: &str| {
        headers
            .iter()
            .find(|h| h.name == name)
            .map(|h| h.value.clone())
    };
    let (p_method, p_path, p_authority, p_scheme) = (
        pseudo(":method"),
        pseudo(":path"),
        pseudo(":authority"),
        pseudo(":scheme"),
    );
    let mut result = PseudoHeaders::default();
    if p_method.is_none() && p_path.is_none() && p_authority.is_none() {
        return result;
    }
    headers.retain(|h| !h.name.starts_with(':'));
    let has =
        |headers: &[Header], name: &str| headers.iter().any(|h| h.name.eq_ignore_ascii_case(name));
    if let Some(a) = p_authority.filter(|_| !has(headers, "Host")) {
        headers.insert(
            0,
            Header {
                name: "Host".into(),
                value: a,
            },
        );
    }
    if let Some(s) = p_scheme.filter(|_| !has(headers, "X-Forwarded-Proto")) {
        // Not a header on the wire: only used to build the URL, then removed.
        headers.push(Header {
            name: "X-Forwarded-Proto".into(),
            value: s,
        });
        result.scheme_added = true;
    }
    if !has_request_line {
        if let Some(m) = p_method {
            out.method = Some(m.to_ascii_uppercase());
        }
        result.target = p_path;
        out.findings.retain(|f| {
            !(f.code == Code::MalformedHttp && f.message.starts_with("No request line"))
        });
    }
    result
}

/// Reads the body's parameters by its content type (JSON, XML, form); another type is kept
/// as the body only. A body whose shape plainly contradicts its JSON, XML or form
/// `Content-Type` (a form body labelled JSON, a JSON object labelled form) is read by its
/// shape, with a `content-type-mismatch` warning naming both: nothing pasted is lost.
fn decode_body(
    headers: &[Header],
    body: &str,
    body_at: Option<usize>,
    base: usize,
    out: &mut Decoded,
) {
    let content_type = headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case("Content-Type"))
        .map(|h| h.value.to_ascii_lowercase())
        .unwrap_or_default();
    let declared = if content_type.is_empty() {
        None
    } else if content_type.contains("json") {
        Some(BodyShape::Json)
    } else if content_type.contains("xml") {
        Some(BodyShape::Xml)
    } else if content_type.contains("x-www-form-urlencoded") {
        Some(BodyShape::Form)
    } else {
        return;
    };
    let evident = BodyShape::of(body);
    let read_as = match (declared, evident) {
        (None, shape) => shape.unwrap_or(BodyShape::Form),
        (Some(said), Some(seen)) if said != seen => {
            out.findings.push(
                Finding::new(
                    Code::ContentTypeMismatch,
                    format!(
                        "The Content-Type header says {} but the body is {}; it was read as {}.",
                        said.name(),
                        seen.name(),
                        seen.name()
                    ),
                )
                .at(body_at.unwrap_or(base))
                .hint("Twilio sends webhooks form-encoded with Content-Type: application/x-www-form-urlencoded. A header that disagrees with the body means the capture was edited or re-serialised, and a framework reading by the header will not see the parameters."),
            );
            seen
        }
        (Some(said), _) => said,
    };
    match read_as {
        BodyShape::Json => json::decode_json_object(body, body_at, ParamSource::Json, out),
        BodyShape::Xml => xml::decode_xml(body, body_at.unwrap_or(base), out),
        BodyShape::Form => form::parse_pairs(body, ParamSource::Body, body_at, out),
    }
}

/// How a request body is encoded, by its header or by its look.
#[derive(Clone, Copy, PartialEq, Eq)]
enum BodyShape {
    Json,
    Xml,
    Form,
}

impl BodyShape {
    /// The shape a body plainly has: a JSON object, an XML document, or `name=value` pairs
    /// (the first name non-empty and without spaces); `None` when it is none of these.
    fn of(body: &str) -> Option<BodyShape> {
        let t = body.trim();
        if t.starts_with('{') && t.ends_with('}') {
            Some(BodyShape::Json)
        } else if t.starts_with('<') {
            Some(BodyShape::Xml)
        } else {
            let first = t.split('&').next().unwrap_or("");
            let form = first.split_once('=').is_some_and(|(name, _)| {
                !name.is_empty() && !name.contains(|c: char| c.is_whitespace() || c == '"')
            });
            form.then_some(BodyShape::Form)
        }
    }

    fn name(self) -> &'static str {
        match self {
            BodyShape::Json => "JSON",
            BodyShape::Xml => "XML",
            BodyShape::Form => "form-encoded",
        }
    }
}

/// Replaces `Authorization` values by `<scheme> <redacted>`, keeping the Basic user name
/// (the AccountSid for REST requests) in `out.auth_user`. Passwords and tokens are dropped.
pub(crate) fn redact_authorization(headers: &mut [Header], out: &mut Decoded) {
    for h in headers {
        if h.name.eq_ignore_ascii_case("Authorization")
            || h.name.eq_ignore_ascii_case("Proxy-Authorization")
        {
            let (scheme, cred) = h.value.split_once(' ').unwrap_or(("", h.value.as_str()));
            if scheme.eq_ignore_ascii_case("Basic") {
                if let Some(user) = basic_user(cred) {
                    out.auth_user.get_or_insert(user);
                }
            }
            h.value = if scheme.is_empty() {
                "<redacted>".into()
            } else {
                format!("{scheme} <redacted>")
            };
        }
    }
}

fn looks_like_body(l: &str) -> bool {
    l.starts_with('{') || l.starts_with('<') || (l.contains('=') && !l.contains(": "))
}

/// The user part of `Authorization: Basic base64(user:pass)`.
pub(crate) fn basic_user(cred: &str) -> Option<String> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(cred.trim())
        .ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let user = text.split(':').next()?.to_string();
    (!user.is_empty()).then_some(user)
}

/// Checks the request line and headers with `httparse` (strict RFC 9112 syntax).
fn validate_with_httparse(
    request: Option<&RequestLine<'_>>,
    headers: &[Header],
    out: &mut Decoded,
) {
    let Some(r) = request else { return };
    let mut block = format!(
        "{} {} {}\r\n",
        r.method,
        r.target,
        r.version.unwrap_or("HTTP/1.1")
    );
    for h in headers {
        block.push_str(&h.name);
        block.push_str(": ");
        block.push_str(&h.value);
        block.push_str("\r\n");
    }
    block.push_str("\r\n");
    let mut storage = vec![httparse::EMPTY_HEADER; headers.len() + 1];
    let mut req = httparse::Request::new(&mut storage);
    if let Err(e) = req.parse(block.as_bytes()) {
        out.findings.push(
            Finding::new(
                Code::MalformedHttp,
                format!("The request line or headers are not valid HTTP/1.1 ({e})."),
            )
            .hint("It was read leniently; check that the capture was not altered."),
        );
    }
}

fn first_value(v: &str) -> &str {
    v.split(',').next().unwrap_or("").trim()
}

/// The URLs Twilio may have requested, most likely first: the public scheme and host from
/// `X-Forwarded-*` / `Forwarded` when present, then `Host`.
fn candidate_urls(headers: &[Header], target: &str) -> Vec<String> {
    let get = |name: &str| {
        headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| first_value(&h.value).to_string())
            .filter(|v| !v.is_empty())
    };
    let mut fwd_proto = get("X-Forwarded-Proto")
        .or_else(|| get("X-Forwarded-Scheme"))
        .or_else(|| get("X-Original-Proto"));
    let mut fwd_host = get("X-Forwarded-Host").or_else(|| get("X-Original-Host"));
    if let Some(f) = get("Forwarded") {
        for part in f.split(';') {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            let v = v.trim().trim_matches('"').to_string();
            match k.trim().to_ascii_lowercase().as_str() {
                "proto" if fwd_proto.is_none() => fwd_proto = Some(v),
                "host" if fwd_host.is_none() => fwd_host = Some(v),
                _ => {}
            }
        }
    }
    let fwd_port = get("X-Forwarded-Port");
    let host = get("Host");
    let mut hosts: Vec<String> = Vec::new();
    for h in [fwd_host.clone(), host].into_iter().flatten() {
        if !hosts.contains(&h) {
            hosts.push(h);
        }
    }
    if hosts.is_empty() {
        return Vec::new();
    }
    // One scheme: the forwarded one, else https. The doctor tries the other scheme (and
    // ports, slashes, encodings) itself and names that mistake precisely.
    let scheme = fwd_proto
        .map(|p| p.to_ascii_lowercase())
        .filter(|p| p == "http" || p == "https")
        .unwrap_or_else(|| "https".into());
    let path = if split_url(target).path.is_empty() {
        "/"
    } else {
        target
    };
    let mut urls: Vec<String> = Vec::new();
    let mut push = |u: String| {
        if !urls.contains(&u) {
            urls.push(u);
        }
    };
    for h in &hosts {
        push(format!("{scheme}://{h}{path}"));
        if let Some(p) = &fwd_port {
            if !h.contains(':') && !matches!(p.as_str(), "80" | "443") {
                push(format!("{scheme}://{h}:{p}{path}"));
            }
        }
    }
    urls
}
