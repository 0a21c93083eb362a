//! The response side: would Twilio accept what your server answered?
//!
//! [`inspect_response`] reads a webhook answer in any of the shapes people paste — TwiML
//! alone, a raw HTTP response (`curl -i`, ngrok, proxies, logs), a HAR entry's response, or a
//! request followed by its response — and checks it the way Twilio would: the HTTP status and
//! Content-Type, the size limit, XML well-formedness (with `quick-xml`, positions included),
//! the `<Response>` root, the TwiML schema per document type (voice, messaging, fax), and what
//! the request's kind implies (a status callback's answer is ignored, a call answered with
//! messaging TwiML…). Every finding names the Twilio error code it predicts and its line and
//! column. No I/O; never panics; bounded on hostile XML (no entity expansion, depth and size
//! limits).

mod overrides;
mod schema;
mod spec;
mod split;
pub(crate) mod xml;

#[rustfmt::skip]
mod error_table;
#[rustfmt::skip]
mod twiml_table;

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::finding::{Code, Finding, Severity};
use crate::input::Header;

pub use overrides::{connection_overrides, ConnectionOverrides, OverrideValue};
pub use schema::{
    documents, element, elements, AttrSpec, AttrType, DocumentSpec, ElementKind, ElementSpec,
    TextRule, ValueLimit,
};
pub use split::split_exchange;

/// The largest body Twilio reads (64 kB); larger answers fail with 11750.
pub const MAX_TWIML_BYTES: usize = 64 * 1024;

/// Which TwiML vocabulary a document uses.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocumentType {
    /// Not given: told from the request's kind, else from the verbs used.
    #[default]
    Auto,
    /// Programmable Voice (`<Say>`, `<Gather>`, `<Dial>`…).
    Voice,
    /// Programmable Messaging (`<Message>`, `<Redirect>`).
    Messaging,
    /// Programmable Fax (`<Receive>`).
    Fax,
}

impl DocumentType {
    /// The kebab-case id.
    pub fn id(self) -> &'static str {
        match self {
            DocumentType::Auto => "auto",
            DocumentType::Voice => "voice",
            DocumentType::Messaging => "messaging",
            DocumentType::Fax => "fax",
        }
    }

    /// Parses an id (`voice`, `messaging`, `sms`, `fax`, `auto`).
    pub fn from_id(id: &str) -> Option<DocumentType> {
        Some(match id.trim().to_ascii_lowercase().as_str() {
            "" | "auto" => DocumentType::Auto,
            "voice" | "call" => DocumentType::Voice,
            "messaging" | "message" | "sms" => DocumentType::Messaging,
            "fax" => DocumentType::Fax,
            _ => return None,
        })
    }
}

/// What is known about the request the response answers. Every field is optional.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ResponseContext {
    /// The request's kind id (`voice-request`, `voice-status-callback`, …), when known.
    pub kind: Option<String>,
    /// The URL Twilio requested: relative `action`/`<Redirect>` URLs are resolved against it,
    /// and its fragment may carry connection overrides.
    pub url: Option<String>,
    /// The TwiML vocabulary to check against (`auto` tells it from the kind or the verbs).
    pub document: DocumentType,
}

/// How the pasted response was recognised.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ResponseInputKind {
    /// A TwiML (or other) body alone, without HTTP framing.
    Twiml,
    /// A raw HTTP response: status line, headers, body.
    HttpResponse,
    /// The response of a HAR entry.
    Har,
    /// A request followed by its response; the response part was read.
    Exchange,
}

/// A Twilio error code explained (from the generated table; in this project's own words).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorInfo {
    /// The numeric code (e.g. 12200).
    pub code: u32,
    /// Twilio's title for the code.
    pub name: &'static str,
    /// `error` or `warning`, as Twilio logs it.
    pub level: &'static str,
    /// What it means, paraphrased.
    pub meaning: &'static str,
    /// Typical causes, paraphrased.
    pub causes: &'static [&'static str],
    /// Twilio's page for the code.
    pub source: &'static str,
    /// What an offline linter can check to predict it, when it can.
    pub lint_hint: Option<&'static str>,
}

/// The explanation of a Twilio error code, when the table has one (confirmed codes only).
pub fn explain_error(code: u32) -> Option<&'static ErrorInfo> {
    error_table::ERRORS
        .binary_search_by_key(&code, |e| e.code)
        .ok()
        .and_then(|i| error_table::ERRORS.get(i))
}

/// Every explained error code, sorted by code.
pub fn error_codes() -> &'static [ErrorInfo] {
    error_table::ERRORS
}

/// A Twilio error code a finding predicts, explained, as it appears in a report.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExplainedError {
    /// The numeric code.
    pub code: u32,
    /// Twilio's title.
    pub name: Cow<'static, str>,
    /// What it means, paraphrased.
    pub meaning: Cow<'static, str>,
    /// Typical causes, paraphrased.
    pub causes: Vec<Cow<'static, str>>,
    /// Twilio's page for the code.
    pub source: Cow<'static, str>,
}

impl From<&'static ErrorInfo> for ExplainedError {
    fn from(e: &'static ErrorInfo) -> ExplainedError {
        ExplainedError {
            code: e.code,
            name: Cow::Borrowed(e.name),
            meaning: Cow::Borrowed(e.meaning),
            causes: e.causes.iter().map(|c| Cow::Borrowed(*c)).collect(),
            source: Cow::Borrowed(e.source),
        }
    }
}

/// A URL found in the TwiML (an `action`, a `<Redirect>`…) and where Twilio will send it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TwimlUrl {
    /// The element (`Redirect`, `Gather`…).
    pub element: String,
    /// The attribute, or `None` for the element's text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attribute: Option<String>,
    /// The URL as written.
    pub raw: String,
    /// The absolute URL Twilio will request, when it can be told.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolved: Option<String>,
    /// Line (1-based) in the body.
    pub line: u32,
}

/// What the inspector says about a webhook response.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResponseReport {
    /// How the pasted text was recognised.
    pub input_kind: ResponseInputKind,
    /// HTTP status code, when the paste had a status line (or a HAR status).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// The reason phrase of the status line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_text: Option<String>,
    /// Response headers in order.
    pub headers: Vec<Header>,
    /// The Content-Type header, when there was one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// The body exactly as pasted (framing removed).
    pub body: String,
    /// The TwiML vocabulary the body was checked against (`auto` when it could not be told).
    pub document: DocumentType,
    /// The request kind the checks assumed, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_kind: Option<String>,
    /// True when Twilio would carry the answer out (no error-severity finding).
    pub accepted: bool,
    /// One line: "Twilio would accept this." or "Twilio would reject this: 12200 at line 4, column 7".
    pub verdict: String,
    /// Every finding, in document order within each stage (HTTP, XML, schema, context).
    pub findings: Vec<Finding>,
    /// The Twilio error codes the findings predict, explained.
    pub errors: Vec<ExplainedError>,
    /// URLs in the TwiML with where Twilio will send them.
    pub urls: Vec<TwimlUrl>,
    /// Connection overrides found in the request URL's fragment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connection_overrides: Option<ConnectionOverrides>,
}

/// Inspects a webhook response (see the module documentation). Never panics, never fails.
pub fn inspect_response(input: &str, ctx: &ResponseContext) -> ResponseReport {
    if input.len() > crate::limits::MAX_INPUT_BYTES {
        return too_large(input.len(), ctx);
    }
    let parsed = split::read_response(input);
    let mut findings: Vec<Finding> = parsed.findings.clone();
    let kind = ctx
        .kind
        .as_deref()
        .map(str::trim)
        .filter(|k| !k.is_empty() && *k != "auto" && *k != "unknown");
    let role = schema::Role::of_kind(kind);
    let content_type = header(&parsed.headers, "Content-Type").map(str::to_string);
    let body = parsed.body.as_str();

    let mut doc = ctx.document;
    let mut urls = Vec::new();
    let lint_start = findings.len();
    // The caller's document type stands in for the role when the request's kind is unknown.
    let voice = role == schema::Role::Voice
        || (role == schema::Role::Unknown && ctx.document == DocumentType::Voice);
    let lint_body = http_checks(
        &parsed,
        role,
        kind,
        voice,
        content_type.as_deref(),
        &mut findings,
    );
    if lint_body {
        let lines = xml::LineIndex::new(body, parsed.body_at);
        let parse_start = findings.len();
        let tree = xml::parse(
            body,
            &lines,
            parsed.kind != ResponseInputKind::Twiml,
            &mut findings,
        );
        if role == schema::Role::Messaging {
            messaging_parse_code(&mut findings[parse_start..]);
        }
        if let Some(tree) = tree {
            if doc == DocumentType::Auto {
                doc = role
                    .document()
                    .unwrap_or_else(|| schema::guess_document(&tree));
            }
            let checker = schema::Checker {
                tree: &tree,
                lines: &lines,
                document: doc,
                role,
                base_url: ctx.url.as_deref(),
            };
            checker.run(&mut findings, &mut urls);
        }
    } else if doc == DocumentType::Auto {
        doc = role.document().unwrap_or(DocumentType::Auto);
    }
    if !voice && role == schema::Role::Unknown && doc == DocumentType::Voice {
        // The verbs told a call's document only now: TwiML served as text/plain is parsed.
        if let Some(f) = findings
            .iter_mut()
            .find(|f| f.code == Code::ResponseContentType && f.twilio_error_code == Some(12300))
        {
            if content_mime(content_type.as_deref()) == "text/plain" {
                *f = plain_twiml_on_call();
            }
        }
    }
    if role == schema::Role::StatusCallback {
        // The body is never run: what is wrong in it is worth a warning, not a rejection.
        // What fails the HTTP exchange itself still fails it.
        let exchange = [
            Code::ResponseHttpError,
            Code::ResponseRedirect,
            Code::ResponseMalformedHttp,
            Code::ResponseTooLarge,
        ];
        for f in findings.iter_mut().skip(lint_start) {
            if f.severity == Severity::Error && !exchange.contains(&f.code) {
                f.severity = Severity::Warning;
            }
        }
        findings.push(
            Finding::new(
                Code::ResponseIgnored,
                format!(
                    "This answers a {}: Twilio ignores the response body.",
                    kind.unwrap_or("status callback")
                ),
            )
            .hint("Answer status callbacks with a 204, or an empty 200 that names a Content-Type; TwiML here never runs."),
        );
    }
    let connection_overrides = ctx.url.as_deref().and_then(connection_overrides);
    if let Some(o) = &connection_overrides {
        overrides::findings(o, &mut findings);
    }
    let (accepted, verdict) = verdict(&findings);
    let errors = explained(&findings);
    ResponseReport {
        input_kind: parsed.kind,
        status: parsed.status,
        status_text: parsed.status_text,
        headers: parsed.headers,
        content_type,
        body: parsed.body,
        document: doc,
        request_kind: kind.map(str::to_string),
        accepted,
        verdict,
        findings,
        errors,
        urls,
        connection_overrides,
    }
}

/// The report for a paste over [`crate::MAX_INPUT_BYTES`]: refused unread.
fn too_large(len: usize, ctx: &ResponseContext) -> ResponseReport {
    let findings = vec![Finding::new(
        Code::ResponseTooLarge,
        format!("The paste is {len} bytes; it was not read (Twilio reads at most {MAX_TWIML_BYTES} bytes of a response)."),
    )
    .twilio(11750)];
    let (accepted, verdict) = verdict(&findings);
    ResponseReport {
        input_kind: ResponseInputKind::Twiml,
        status: None,
        status_text: None,
        headers: Vec::new(),
        content_type: None,
        body: String::new(),
        document: ctx.document,
        request_kind: ctx.kind.clone(),
        accepted,
        verdict,
        errors: explained(&findings),
        findings,
        urls: Vec::new(),
        connection_overrides: None,
    }
}

/// Checks a TwiML document against `document`'s vocabulary, with nothing known about the
/// request: [`inspect_response`] with only the document type set (HTTP framing, if pasted,
/// is still read).
pub fn lint_twiml(xml: &str, document: DocumentType) -> ResponseReport {
    inspect_response(
        xml,
        &ResponseContext {
            document,
            ..ResponseContext::default()
        },
    )
}

/// True when trimmed text is a webhook response alone: it starts with an HTTP status line,
/// or it is XML whose root element is `<Response>` (in any letter case).
pub(crate) fn looks_like_response(t: &str) -> bool {
    if split::is_status_line(t.lines().next().unwrap_or("")) {
        return true;
    }
    let mut rest = t.trim_start_matches('\u{feff}').trim_start();
    // Skip the declaration, comments and a DOCTYPE before the root.
    for _ in 0..16 {
        if let Some(r) = rest.strip_prefix("<?") {
            rest = r
                .split_once("?>")
                .map(|(_, a)| a)
                .unwrap_or("")
                .trim_start();
        } else if let Some(r) = rest.strip_prefix("<!--") {
            rest = r
                .split_once("-->")
                .map(|(_, a)| a)
                .unwrap_or("")
                .trim_start();
        } else if let Some(r) = rest.strip_prefix("<!") {
            rest = r.split_once('>').map(|(_, a)| a).unwrap_or("").trim_start();
        } else {
            break;
        }
    }
    let name: String = rest
        .strip_prefix('<')
        .unwrap_or("")
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect();
    name.eq_ignore_ascii_case("response")
}

/// The response part of a paste `inspect` already read as a request (or as a response
/// alone), checked with what the request tells: its kind and URL.
pub(crate) fn response_of_paste(
    input: &str,
    format: crate::input::InputFormat,
    kind: Option<&str>,
    url: Option<&str>,
) -> Option<ResponseReport> {
    use crate::input::InputFormat;
    // A REST request's answer comes from Twilio's API (JSON, XML records), not from a
    // webhook: there is nothing for Twilio to accept.
    let rest = kind
        .and_then(crate::catalog::kind)
        .is_some_and(|k| k.direction != crate::catalog::Direction::TwilioToApp);
    if rest {
        return None;
    }
    let present = match format {
        InputFormat::Response => true,
        InputFormat::Har => split::har_has_response(input),
        InputFormat::Xml => false,
        _ => split::has_http_response(input),
    };
    present.then(|| {
        inspect_response(
            input,
            &ResponseContext {
                kind: kind.filter(|k| *k != "unknown").map(str::to_string),
                url: url.map(str::to_string),
                document: DocumentType::Auto,
            },
        )
    })
}

/// The value of the first header named `name` (case-insensitive).
fn header<'a>(headers: &'a [Header], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case(name))
        .map(|h| h.value.as_str())
}

/// Status, redirects, empty body, Content-Type, size. Returns whether the body is worth
/// reading as TwiML (a 4xx/5xx or a redirect is not).
fn http_checks(
    parsed: &split::ParsedResponse,
    role: schema::Role,
    kind: Option<&str>,
    voice: bool,
    content_type: Option<&str>,
    findings: &mut Vec<Finding>,
) -> bool {
    if let Some(status) = parsed.status {
        match status {
            300..=399 => {
                let location = header(&parsed.headers, "Location");
                let followed = matches!(status, 301 | 302 | 303 | 307) && location.is_some();
                let f = if followed {
                    Finding::new(
                        Code::ResponseRedirect,
                        format!(
                            "{status} redirect to {}: Twilio follows it, and the answer there is what counts.",
                            location.unwrap_or_default()
                        ),
                    )
                    .hint("Point the webhook at the final URL to save a round trip (and keep the signature URL stable).")
                } else {
                    Finding::new(
                        Code::ResponseRedirect,
                        format!(
                            "{status} {}: Twilio cannot follow this redirect.",
                            if location.is_none() {
                                "without a Location header"
                            } else {
                                "is not a redirect Twilio follows (only 301, 302, 303, 307)"
                            }
                        ),
                    )
                    .severity(Severity::Error)
                    .twilio(11216)
                };
                findings.push(f);
                return false;
            }
            400..=599 if kind == Some("voice-status-callback") => {
                findings.push(call_progress_error(status, parsed.status_text.as_deref()));
                return false;
            }
            400..=599 => {
                findings.push(
                    Finding::new(
                        Code::ResponseHttpError,
                        format!(
                            "The server answered {status}{}: Twilio treats it as a failed webhook (logged as 11200; newer logs say 11217) and tries the fallback URL, if any.",
                            parsed.status_text.as_deref().map(|t| format!(" {t}")).unwrap_or_default()
                        ),
                    )
                    .twilio(11200)
                    .hint(if role == schema::Role::StatusCallback {
                        "This answers a status callback: Twilio logs the failure (and may retry), but the call or message goes on."
                    } else if status == 403 || status == 401 {
                        "A 401/403 often comes from a signature check that fails behind a proxy: inspect the request to see why."
                    } else {
                        "Look at the server's log for this request; answer 200 with TwiML (or an empty 200 for callbacks)."
                    }),
                );
                return false;
            }
            100..=299 => {}
            _ => findings.push(
                Finding::new(
                    Code::ResponseMalformedHttp,
                    format!("{status} is not an HTTP status code."),
                )
                .twilio(11206),
            ),
        }
    }
    let body = parsed.body.as_str();
    if body.trim().is_empty() {
        let (sev, msg) = match role {
            schema::Role::StatusCallback => (
                Severity::Info,
                "The body is empty: right for a status callback.".to_string(),
            ),
            schema::Role::Voice => (
                Severity::Warning,
                "The body is empty: Twilio has no instructions and the call ends (hangs up)."
                    .to_string(),
            ),
            schema::Role::Messaging => (
                Severity::Info,
                "The body is empty: no reply is sent, which is fine when none is wanted."
                    .to_string(),
            ),
            schema::Role::Unknown => (
                Severity::Info,
                format!(
                    "The body is empty{}.",
                    if parsed.status == Some(204) {
                        " (204 No Content)"
                    } else {
                        ""
                    }
                ),
            ),
        };
        findings.push(
            Finding::new(Code::ResponseEmptyBody, msg)
                .severity(sev)
                .hint("To answer with nothing to do, send <Response/> with Content-Type text/xml."),
        );
        if let Some(f) = empty_without_type(parsed, content_type) {
            findings.push(f);
        }
        return false;
    }
    if body.len() > MAX_TWIML_BYTES {
        findings.push(
            Finding::new(
                Code::ResponseTooLarge,
                format!("The body is {} bytes; Twilio reads at most {MAX_TWIML_BYTES} (64 kB).", body.len()),
            )
            .twilio(11750)
            .hint("Return a short document, e.g. a <Redirect> to the next step, or a <Play> of a recording."),
        );
    }
    if role == schema::Role::StatusCallback && !looks_xml(body) {
        // Twilio never reads a status callback's answer: a plain "OK" (Express's
        // `sendStatus(200)`, Rails' `head :ok` bodies) is neither malformed TwiML nor served
        // with a wrong type. Only XML, which the author may believe runs, is worth linting.
        return false;
    }
    if parsed.kind != ResponseInputKind::Twiml {
        return content_type_check(content_type, body, role, voice, findings);
    }
    true
}

/// A 4xx/5xx answer to a call's status callback (call progress events): Twilio logs warning
/// 15003 ("Call Progress: Warning Response to Callback URL", a WARNING in Twilio's error
/// export), not the 11200 of a webhook whose answer runs; nothing in the call waits for it.
/// Seen for a call's `StatusCallback` in bminer/node-twilio-api#20 and in
/// uppalcrm1/uppalcrm-app@1640fa8 (a 500 from the call-status callback, "Twilio Error 15003").
fn call_progress_error(status: u16, status_text: Option<&str>) -> Finding {
    Finding::new(
        Code::ResponseHttpError,
        format!(
            "The server answered {status}{} to a call's status callback: Twilio logs warning 15003 (Warning Response to Callback URL); the call itself goes on.",
            status_text.map(|t| format!(" {t}")).unwrap_or_default()
        ),
    )
    .severity(Severity::Warning)
    .twilio(15003)
    .hint("Answer status callbacks with a 204 (or an empty 200 with a Content-Type), also when your own handling fails; log the failure on your side.")
}

/// An answer to an incoming message that does not parse: Twilio's messaging side logs it as
/// 12200 ("Schema validation warning", with the XML parser's own message such as "Content
/// is not allowed in prolog.") where a call logs 12100. Seen for an SMS answered "OK"
/// (caktus/rapidsms-twilio#19), "ok" (intercom/intercom-twilio-demo#1) and a JSON-quoted
/// TwiML string (aws-samples/amazon-lex-twilio-integration#1). Nothing is sent either way.
fn messaging_parse_code(findings: &mut [Finding]) {
    for f in findings
        .iter_mut()
        .filter(|f| f.twilio_error_code == Some(12100))
    {
        f.twilio_error_code = Some(12200);
        f.message.push_str(
            " An answer to a message logs this as 12200 (schema validation), with the parser's message.",
        );
    }
}

/// An empty 2xx answer other than 204 that names no Content-Type: Twilio logs 11200
/// ("Error reading response: Response does not contain content type") for it, although there
/// is nothing to run; the message or call itself goes on. Seen in real reports for Express,
/// Go's net/http and Convex answers to incoming messages (howdyai/botkit#2132,
/// AGWA/sms-over-xmpp#22, get-convex/twilio#9) and for a status callback
/// (twilio/twilio-node#369). A 204 needs no type: it says there is no content.
/// Only said when the paste shows the headers (raw HTTP, or a HAR entry that lists them).
fn empty_without_type(
    parsed: &split::ParsedResponse,
    content_type: Option<&str>,
) -> Option<Finding> {
    let status = parsed.status?;
    let typed = content_type.is_some_and(|c| !c.trim().is_empty());
    // A HAR entry that lists no headers at all does not say whether there was a type.
    let headers_known = match parsed.kind {
        ResponseInputKind::Twiml => false,
        ResponseInputKind::Har => !parsed.headers.is_empty(),
        ResponseInputKind::HttpResponse | ResponseInputKind::Exchange => true,
    };
    if !headers_known || typed || !(200..300).contains(&status) || status == 204 {
        return None;
    }
    Some(
        Finding::new(
            Code::ResponseContentType,
            format!("An empty {status} with no Content-Type header: the empty body is not the problem, the missing type is; Twilio logs 11200 (\"Response does not contain content type\") for it."),
        )
        .twilio(11200)
        .hint("Answer 204 No Content, or send <Response/> with Content-Type text/xml."),
    )
}

/// Whether a body starts like XML (after a byte-order mark and white space).
fn looks_xml(body: &str) -> bool {
    body.trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('<')
}

/// The Content-Type rule: TwiML must be served as XML. Returns whether the body is read as
/// TwiML (a plain-text reply to a message is not: Twilio sends the text back as it is).
/// `voice`: the answer is to a call (by the request's kind, or the document type given).
fn content_type_check(
    content_type: Option<&str>,
    body: &str,
    role: schema::Role,
    voice: bool,
    findings: &mut Vec<Finding>,
) -> bool {
    let looks_xml = looks_xml(body);
    let Some(ct) = content_type.map(str::trim).filter(|c| !c.is_empty()) else {
        findings.push(
            Finding::new(Code::ResponseContentType, "The response has no Content-Type header: Twilio cannot tell what the body is (the Debugger shows a 502 Bad Gateway).")
                .twilio(12300)
                .hint("Send Content-Type: text/xml with TwiML."),
        );
        return true;
    };
    match content_mime(Some(ct)).as_str() {
        "text/xml" | "application/xml" => {}
        "text/html" => findings.push(
            Finding::new(Code::ResponseContentType, "Content-Type text/html: Twilio reads it as TwiML, but text/xml is the type to send.")
                .severity(Severity::Info)
                .hint("Send Content-Type: text/xml."),
        ),
        m if m.starts_with("audio/") && role != schema::Role::Messaging => findings.push(
            Finding::new(Code::ResponseContentType, format!("Content-Type {m}: Twilio plays the audio and hangs up; this is not TwiML."))
                .severity(Severity::Info),
        ),
        // Twilio's messaging "Your Response" page: a text/plain answer is returned to the
        // sender as a message. The body is the reply's text, not TwiML to parse.
        "text/plain" if role == schema::Role::Messaging && !looks_xml => {
            findings.push(
                Finding::new(Code::ResponseContentType, "Content-Type text/plain: Twilio sends this text back to the sender as the reply message.")
                    .severity(Severity::Info)
                    .hint("To add media, a status callback or several messages, answer with <Response><Message>…</Message></Response> as text/xml."),
            );
            return false;
        }
        // Twilio's Voice TwiML changelog (2024.10.01): a text/plain answer that holds valid
        // TwiML is parsed as TwiML; before, it was not. The body is linted like any TwiML.
        "text/plain" if voice && looks_xml => findings.push(plain_twiml_on_call()),
        // Twilio's voice "Your Response" page: a text/plain answer is read aloud, then the
        // call hangs up. The text is what is spoken, not TwiML that failed to parse.
        "text/plain" if !looks_xml => {
            let what = if role == schema::Role::Voice {
                "Content-Type text/plain: a call reads the text aloud and hangs up; nothing else runs."
            } else {
                "Content-Type text/plain: a call reads the text aloud and hangs up; an incoming message gets it back as the reply."
            };
            findings.push(
                Finding::new(Code::ResponseContentType, what)
                    .severity(Severity::Warning)
                    .hint("Send TwiML with Content-Type text/xml to do more than speak the text."),
            );
            return false;
        }
        m => findings.push(
            Finding::new(
                Code::ResponseContentType,
                format!(
                    "Content-Type {m}{}: Twilio does not read this type as TwiML.",
                    if looks_xml { ", but the body is XML" } else { "" }
                ),
            )
            .twilio(12300)
            .hint("Send Content-Type: text/xml (Express: res.type('text/xml'); Flask: mimetype='text/xml')."),
        ),
    }
    true
}

/// The media type of a Content-Type value, lower-cased and without its parameters.
fn content_mime(content_type: Option<&str>) -> String {
    content_type
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// TwiML served as text/plain to a call: Twilio's Voice TwiML changelog (2024.10.01) says a
/// text/plain answer that holds valid TwiML is parsed as TwiML (before, it was not).
fn plain_twiml_on_call() -> Finding {
    Finding::new(Code::ResponseContentType, "Content-Type text/plain with TwiML in the body: a call parses it as TwiML (Twilio's voice TwiML changelog, 2024.10.01), but text/xml is the type to send.")
        .severity(Severity::Info)
        .hint("Send Content-Type: text/xml, which every Twilio product reads as TwiML.")
}

/// `accepted` and the one-line verdict: the first error decides.
fn verdict(findings: &[Finding]) -> (bool, String) {
    let first_error = findings.iter().find(|f| f.severity == Severity::Error);
    match first_error {
        None => {
            let warnings = findings
                .iter()
                .filter(|f| f.severity == Severity::Warning)
                .count();
            let text = if warnings == 0 {
                "Twilio would accept this.".to_string()
            } else {
                format!("Twilio would accept this, with {warnings} warning(s).")
            };
            (true, text)
        }
        Some(f) => {
            let code = f
                .twilio_error_code
                .map(|c| c.to_string())
                .unwrap_or_else(|| f.code.id().to_string());
            let at = match (f.line, f.column) {
                (Some(l), Some(c)) => format!(" at line {l}, column {c}"),
                _ => String::new(),
            };
            (false, format!("Twilio would reject this: {code}{at}."))
        }
    }
}

/// The explained error codes the findings name, in order of first mention.
fn explained(findings: &[Finding]) -> Vec<ExplainedError> {
    let mut out: Vec<ExplainedError> = Vec::new();
    for code in findings.iter().filter_map(|f| f.twilio_error_code) {
        if out.iter().any(|e| e.code == code) {
            continue;
        }
        if let Some(info) = explain_error(code) {
            out.push(info.into());
        }
    }
    out
}
