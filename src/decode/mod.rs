//! Decoding: turns whatever the user pasted into an ordered list of pairs plus what is
//! known of the HTTP request (method, URL, headers, body), without losing a byte.
//!
//! Every decoder keeps pairs in wire order (duplicates included) and the raw text next to
//! the decoded text, and reports problems as findings instead of dropping them.

mod access_log;
mod curl;
mod envelope;
pub(crate) mod form;
mod har;
mod http;
mod json;
mod literal;
mod postman;
mod salvage;
mod string_to_sign;
mod twilio_cli;
mod unwrap;
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

pub use crate::limits::MAX_INPUT_BYTES;

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
    if text.trim().is_empty() {
        out.format = Some(InputFormat::Empty);
        out.findings.push(Finding::new(
            Code::EmptyInput,
            "Nothing to inspect: the input is empty.",
        ));
        return out;
    }
    let plain = decode_plain(input, forced);
    // A forced format is taken at its word: wrappers are only looked for when it yields nothing.
    if forced.is_some() && usable(&plain) {
        return plain;
    }
    // The common case, a clean one-line body or URL with Twilio's names: no wrapper can be
    // around it (every wrapper leaves a mark on the names or spans lines), so none is sought.
    if clean_one_line(text, &plain) || bare_form_line(text, &plain) {
        return plain;
    }
    let (mut out, mut layers) = best_reading(text, plain, forced);
    // Still no clean Twilio reading (too few known names, or names or values that swallowed
    // program text such as `receiveValid = "ToCountry`): look inside the program text, the
    // unwrapped text first (a diff or comment around an object), then the text as pasted.
    let known = salvage::known_names(&out);
    let garbled = garbled(&out);
    // A clean request (request line, curl, HAR) with few Twilio names is what it is.
    let structured = matches!(
        out.format,
        Some(InputFormat::Http | InputFormat::Curl | InputFormat::Har | InputFormat::Postman)
    ) && out.method.is_some()
        && !out.headers.is_empty();
    if forced.is_none() && (garbled || known < 2 && !structured) {
        let better = |f: &salvage::Salvaged| f.known > known || (garbled && f.known >= known);
        // When the wrappers were peeled but nothing decoded inside them on its own, they
        // are peeled again for the search.
        let peeled = if layers.is_empty() {
            unwrap::unwrap_strong(text)
        } else {
            layers.clone()
        };
        let inner = if peeled.is_empty() {
            None
        } else {
            salvage::salvage(&peeled.text).filter(better)
        };
        if let Some(found) = inner {
            out = salvaged(found, &peeled.text);
            layers = peeled;
        } else if let Some(found) = salvage::salvage(text).filter(better) {
            // Found in the text as pasted: its offsets are already the user's.
            layers = unwrap::Unwrapped::default();
            out = salvaged(found, text);
        }
    }
    // Program text around an object of names Twilio does not send (a test posting
    // `data={"hello": "twilio"}` to a webhook route, an API schema's example): the object,
    // not the program read as one garbled form pair with spaces and line breaks in it, nor
    // nothing at all.
    if forced.is_none() && (self::garbled(&out) || !usable(&out)) && salvage::known_names(&out) == 0
    {
        let peeled = if layers.is_empty() {
            unwrap::unwrap_strong(text)
        } else {
            layers.clone()
        };
        let inner = (!peeled.is_empty())
            .then(|| salvage::any_object(&peeled.text))
            .flatten();
        if let Some(found) = inner {
            out = salvaged(found, &peeled.text);
            layers = peeled;
        } else if let Some(found) = salvage::any_object(text) {
            layers = unwrap::Unwrapped::default();
            out = salvaged(found, text);
        }
    }
    if forced.is_none() {
        let read_from = if layers.is_empty() {
            text
        } else {
            layers.text.as_str()
        };
        rest_create_call(read_from, &mut out);
        salvage::attach_cgi_signature(read_from, &mut out);
    }
    if !layers.is_empty() {
        remap(&mut out, &layers, base, text.len());
    } else {
        for f in &mut out.findings {
            f.at = f.at.map(|a| a + base);
        }
    }
    out
}

/// A one-line form body, query or URL that read without errors into plausible names, at
/// least two of them Twilio's, with no HTML escaping or smart quotes to undo.
fn clean_one_line(text: &str, plain: &Decoded) -> bool {
    let t = text.trim();
    matches!(
        plain.format,
        Some(InputFormat::Form | InputFormat::Query | InputFormat::Url)
    ) && !t.contains('\n')
        && !t.ends_with(['.', '\\'])
        && !t.contains("&amp;")
        && !t.contains("&#")
        // Smart quotes are not ASCII: most text is, and is not searched for them.
        && (t.is_ascii() || !t.contains(['\u{201c}', '\u{201d}', '\u{2018}', '\u{2019}']))
        && errors(plain) == 0
        && !garbled(plain)
        && salvage::known_names_up_to(plain, 2) >= 2
}

/// A one-line form body, query or URL made only of what a form encoder writes (letters,
/// digits, `%&=+-._~*`, and `:/?` in a URL), read without errors into plausible names: no
/// wrapper can be around it and no program text inside it, whatever its names, so neither
/// is sought (a 10 MB body of unknown names spent half its time in that search).
fn bare_form_line(text: &str, plain: &Decoded) -> bool {
    let t = text.trim();
    let url = plain.format == Some(InputFormat::Url);
    matches!(
        plain.format,
        Some(InputFormat::Form | InputFormat::Query | InputFormat::Url)
    ) && !t.ends_with('.')
        && t.bytes().all(|b| {
            b.is_ascii_alphanumeric() || b"%&=+-._~*".contains(&b) || url && b":/?".contains(&b)
        })
        && errors(plain) == 0
        && !garbled(plain)
}

/// A helper library's create call around the parameters makes them the REST request it
/// sends (see `salvage::rest_create`); one finding says so.
fn rest_create_call(text: &str, out: &mut Decoded) {
    if let Some(resource) = salvage::rest_create(text, out) {
        out.findings.push(Finding::new(
            Code::WrapperUnwrapped,
            format!(
                "The parameters are the arguments of a helper library's {resource} create call: read as the REST request it sends (POST …/{resource}.json), not as a webhook."
            ),
        ));
    } else if let Some((resource, method)) = salvage::rest_path_beside(text, out) {
        let message = if method == "GET" {
            format!(
                "The program text gives the parameters with Twilio's {resource} list path written beside them, and they are only the list's filters: read as a read of that list (GET …/{resource}.json), not as a webhook."
            )
        } else {
            format!(
                "The program text posts the parameters to Twilio's {resource} list path written beside them: read as that REST request (POST …/{resource}.json), not as a webhook."
            )
        };
        out.findings
            .push(Finding::new(Code::WrapperUnwrapped, message));
    }
}

/// The reading found inside program text, with one finding saying where it was.
fn salvaged(found: salvage::Salvaged, text: &str) -> Decoded {
    let line = text.get(..found.start).unwrap_or("").matches('\n').count() + 1;
    let mut out = found.decoded;
    let message = if found.known == 0 {
        format!(
            "Read {} at line {line}, ignoring the program text around it; none of its names is one Twilio sends.",
            found.what
        )
    } else {
        format!(
            "Read the Twilio parameters inside {} at line {line}, ignoring the program text around it.",
            found.what
        )
    };
    out.findings
        .push(Finding::new(Code::WrapperUnwrapped, message).at(found.start));
    out
}

/// True when a reading's names or values swallowed program text: a name with spaces or
/// quotes, or a last value that ends in a string's closing quote (`sent\"\"\",`).
fn garbled(d: &Decoded) -> bool {
    d.pairs.iter().any(|p| bad_name(&p.name))
        || d.pairs.last().is_some_and(|p| {
            let v = p.raw_value.trim_end();
            ["\"\"\"", "'''", "\",", "',", "\");", "');", "\";", "';"]
                .iter()
                .any(|end| v.ends_with(end))
        })
}

/// The best of the plain reading and the readings inside wrappers (issue 11): first the
/// wrappers every line shares (kept unless worse), then a label before the capture (kept
/// only when better). Returns the reading and the layers peeled to get it.
fn best_reading(
    text: &str,
    plain: Decoded,
    forced: Option<InputFormat>,
) -> (Decoded, unwrap::Unwrapped) {
    let mut best = (plain, unwrap::Unwrapped::default());
    let strong = unwrap::unwrap_strong(text);
    if !strong.is_empty() {
        let inner = decode_plain(&strong.text, forced);
        if no_worse(&inner, &best.0) {
            best = (inner, strong);
        }
    }
    if score(&best.0) <= 0 || best.0.pairs.iter().any(|p| bad_name(&p.name)) {
        let from = if best.1.is_empty() {
            text
        } else {
            best.1.text.as_str()
        };
        if let Some(label) = unwrap::unwrap_label(from) {
            let inner = decode_plain(&label.text, forced);
            if usable(&inner) && score(&inner) > score(&best.0) {
                let layers = std::mem::take(&mut best.1).then(label);
                best = (inner, layers);
            }
        }
    }
    best
}

/// True when a decoding found something: a format and at least one pair or a method.
fn usable(d: &Decoded) -> bool {
    !matches!(d.format, None | Some(InputFormat::Empty))
        && (!d.pairs.is_empty() || d.method.is_some())
}

/// How well a decoding went: pairs with plausible names count, pairs whose names hold
/// spaces or punctuation (a prefix read as part of the name) and errors count against.
fn score(d: &Decoded) -> i64 {
    if !usable(d) {
        return 0;
    }
    let pairs = d
        .pairs
        .iter()
        .map(|p| if bad_name(&p.name) { -10 } else { 10 })
        .sum::<i64>();
    let request = i64::from(d.method.is_some()) + i64::from(!d.headers.is_empty());
    1 + pairs + request - 3 * errors(d) as i64
}

/// Error findings of a decoding.
fn errors(d: &Decoded) -> usize {
    d.findings
        .iter()
        .filter(|f| f.severity == crate::finding::Severity::Error)
        .count()
}

/// True when the reading inside a wrapper every line shares is at least as good as the plain
/// one: it scores as well, or has no more implausible names and no more errors (so reading
/// `“Hello there”` as one value beats splitting it in two).
fn no_worse(inner: &Decoded, plain: &Decoded) -> bool {
    let bad = |d: &Decoded| d.pairs.iter().filter(|p| bad_name(&p.name)).count();
    usable(inner)
        && (score(inner) >= score(plain)
            || (bad(inner) <= bad(plain) && errors(inner) <= errors(plain)))
}

/// A parameter name that is more likely a prefix read as part of the name (`# From`,
/// `body: From`) than a real one.
fn bad_name(n: &str) -> bool {
    n.is_empty()
        || n.contains(|c: char| {
            c.is_whitespace() || matches!(c, ':' | '"' | '\'' | '{' | '}' | '|' | '/')
        })
}

/// Points the findings of text decoded inside wrappers back into the user's text, and says
/// in one `wrapper-unwrapped` finding what was removed.
fn remap(out: &mut Decoded, layers: &unwrap::Unwrapped, base: usize, text_len: usize) {
    for f in &mut out.findings {
        if let Some(a) = f.at {
            f.at = Some(base + layers.to_original(a, text_len));
        }
    }
    let inside = join_english(&layers.what);
    match out
        .findings
        .iter_mut()
        .find(|f| f.code == Code::WrapperUnwrapped)
    {
        Some(f) => {
            let read = f.message.trim_end_matches('.').to_string();
            f.message = if read.contains("ignoring") {
                format!("{read}, all inside {inside}.")
            } else {
                format!("{read} inside {inside}.")
            };
        }
        None => out.findings.push(Finding::new(
            Code::WrapperUnwrapped,
            format!("Read the capture inside {inside}; they were removed before decoding."),
        )),
    }
}

/// "a, b and c"; a layer peeled several times in a row is named once ("`>` quote marks (2 levels)").
fn join_english(items: &[String]) -> String {
    let mut merged: Vec<(String, usize)> = Vec::new();
    for item in items {
        match merged.last_mut() {
            Some((last, n)) if last == item => *n += 1,
            _ => merged.push((item.clone(), 1)),
        }
    }
    let items: Vec<String> = merged
        .into_iter()
        .map(|(s, n)| {
            if n > 1 {
                format!("{s} ({n} levels)")
            } else {
                s
            }
        })
        .collect();
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

/// Decodes text as it is (no wrapper removed). Offsets are relative to `input`.
fn decode_plain(input: &str, forced: Option<InputFormat>) -> Decoded {
    let mut out = Decoded::default();
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
    if forced.is_none() && twilio_cli::looks_like_twilio_cli(trimmed) {
        twilio_cli::decode_twilio_cli(trimmed, &mut out);
        return out;
    }
    let start = base + (text.len() - text.trim_start().len());
    if forced.is_none() {
        if let Some(log) = access_log::read(trimmed) {
            return decode_log_entry(&log, start);
        }
    }
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
        InputFormat::Json if forced.is_none() && envelope::names_envelope_fields(trimmed) => {
            // The envelope may sit in a statement (`export const event = {…};`) and be
            // written as a program's literal rather than JSON.
            let span = object_span(trimmed);
            let read = if envelope::looks_like_alert(span) {
                envelope::decode_alert(span, &mut out)
            } else if envelope::looks_like_event(span) {
                envelope::decode_event(span, &mut out)
            } else {
                envelope::decode_literal_envelope(span, &mut out)
            };
            if read {
                out.format = Some(InputFormat::Http);
                if span.len() < trimmed.len() {
                    out.findings.push(
                        Finding::new(
                            Code::NoiseIgnored,
                            "Text around the event object (the statement that holds it) was ignored.",
                        )
                        .at(start),
                    );
                }
            } else {
                json::decode_json_input(trimmed, start, ParamSource::Json, &mut out);
            }
        }
        InputFormat::Json => {
            json::decode_json_input(trimmed, start, ParamSource::Json, &mut out);
            // A pasted JSON body is kept byte for byte, surrounding whitespace included:
            // bodySHA256 is the hash of the exact bytes, as in Twilio's libraries.
            if out.body.as_deref() == Some(trimmed) {
                out.body = Some(text.to_string());
            }
        }
        InputFormat::Har => har::decode_har(trimmed, &mut out),
        InputFormat::Postman => postman::decode_postman(trimmed, &mut out),
        InputFormat::Xml => {
            xml::decode_xml(trimmed, start, &mut out);
            rest_xml_names(&mut out);
        }
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

/// A log entry's request (an access log's wrapped or cut request field, a router's line),
/// read as the request line (or URL) it stands for; every finding points at the entry,
/// since the rebuilt line is not the paste.
fn decode_log_entry(log: &access_log::LogRequest, start: usize) -> Decoded {
    let rebuilt = log.as_request_text();
    let mut out = decode_plain(&rebuilt, None);
    let at = start + log.start;
    for f in &mut out.findings {
        f.at = Some(at);
    }
    if log.method.is_none() {
        // The URL reader takes a lone URL for a GET; the log's method was cut off.
        out.method = None;
    }
    out.findings.push(
        Finding::new(Code::NoiseIgnored, log.describe())
            .severity(crate::finding::Severity::Info)
            .at(at),
    );
    out
}

/// The text from its first `{` to its last `}` (the whole text when it has no such span).
fn object_span(t: &str) -> &str {
    match (t.find('{'), t.rfind('}')) {
        (Some(o), Some(c)) if o < c => &t[o..=c],
        _ => t,
    }
}

/// A 2010-04-01 resource in XML (`<TwilioResponse><Call><Sid>…<ApiVersion>2010-04-01`)
/// is the JSON resource with other spelling: its names are read as the JSON's snake_case
/// (`DateCreated` → `date_created`) so the same catalog rows judge both. 2008 documents
/// keep their names.
fn rest_xml_names(out: &mut Decoded) {
    let v2010 = out.pairs.iter().any(|p| {
        (p.name == "ApiVersion" && p.value.trim() == "2010-04-01")
            || (p.name == "Uri" && p.value.trim_start().starts_with("/2010-04-01/"))
    });
    if !v2010 {
        return;
    }
    for p in &mut out.pairs {
        p.name = p
            .name
            .split('.')
            .map(snake_case)
            .collect::<Vec<_>>()
            .join(".");
    }
    out.findings.push(Finding::new(
        Code::RelaxedJson,
        "The XML is a 2010-04-01 resource: its element names were read as the JSON resource's (DateCreated as date_created).",
    ));
}

/// `DateCreated` → `date_created`, `CallSid` → `call_sid`, `Sid` → `sid`.
fn snake_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
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
    if t.starts_with('<') && !t.starts_with("<QueryDict:") {
        return InputFormat::Xml;
    }
    if json::looks_like_print_r(t) || literal::looks_like_literal(t) {
        return InputFormat::Json;
    }
    if t.starts_with('{') {
        return if har::looks_like_har(t) {
            InputFormat::Har
        } else if postman::looks_like_postman(t) {
            InputFormat::Postman
        } else {
            InputFormat::Json
        };
    }
    let commented_curl = || {
        let head: String = after_shell_comments(t).chars().take(16).collect();
        starts_curl(&head.to_ascii_lowercase())
    };
    if starts_curl(&lower) || (t.starts_with('#') && commented_curl()) {
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

/// A curl command at the start of the (lower-cased) text, after an optional `$ ` prompt.
fn starts_curl(lower: &str) -> bool {
    lower.starts_with("curl ") || lower.starts_with("$ curl ") || lower.starts_with("curl\t")
}

/// The text after the shell comment lines (`# send a test message`) that often head a
/// command copied from a runbook or a README.
fn after_shell_comments(t: &str) -> &str {
    let mut rest = t.trim_start();
    while rest.starts_with('#') {
        rest = rest.split_once('\n').map_or("", |(_, r)| r).trim_start();
    }
    rest
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
