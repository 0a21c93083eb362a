//! `listen`: a local webhook endpoint that inspects every request as it arrives, optionally
//! forwards it unchanged to the app and records each exchange as a JSON line.
//!
//! The HTTP parsing is `tiny_http`'s (server side) and `ureq`'s (client side); the core only
//! sees the rebuilt request text, so it stays free of I/O.

use std::io::{BufWriter, Read, Write};
use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use clap::Args;
use twilio_webhook_inspector::signature::SignatureStatus;
use twilio_webhook_inspector::{inspect, Code, Options, Report, Severity};

use crate::auth_tokens::AuthTokens;
use crate::redact;

/// How long Twilio waits for the app before it gives up (and what `--forward-to` waits).
pub(crate) const APP_TIMEOUT: Duration = Duration::from_secs(15);

/// The TwiML answered when there is neither `--forward-to` nor `--respond`.
const EMPTY_TWIML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

/// Arguments of `listen`.
#[derive(Args)]
pub(crate) struct ListenArgs {
    /// Port to listen on.
    #[arg(long, default_value_t = 4040)]
    port: u16,
    /// Address to listen on (keep 127.0.0.1 unless a tunnel needs another).
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// Forward every request unchanged to this URL (the request path is appended) and pass
    /// the app's answer back.
    #[arg(long)]
    forward_to: Option<String>,
    /// The public URL Twilio calls (e.g. your tunnel's https://…); the request path and query
    /// are appended. Needed to verify signatures behind a tunnel.
    #[arg(long)]
    public_url: Option<String>,
    /// Build the public URL from X-Forwarded-Proto / X-Forwarded-Host when there is no
    /// --public-url (only behind a proxy you trust).
    #[arg(long)]
    trust_forwarded: bool,
    #[command(flatten)]
    auth: AuthTokens,
    /// Append one JSON line per exchange to this file.
    #[arg(long)]
    record: Option<PathBuf>,
    /// Mask phone numbers and message/speech/transcription text in the record file.
    #[arg(long)]
    redact: bool,
    /// Answer with the contents of this file (as text/xml) instead of an empty <Response/>
    /// when there is no --forward-to.
    #[arg(long)]
    respond: Option<PathBuf>,
    /// Print each report as one JSON line instead of a readable block.
    #[arg(long)]
    json: bool,
    /// Largest body accepted, in bytes; larger bodies get 413.
    #[arg(long, default_value_t = 1024 * 1024)]
    max_body: u64,
}

/// A request as received: the parts needed to inspect, forward and record it.
pub(crate) struct Captured {
    /// HTTP method as sent.
    pub method: String,
    /// Path and query as sent (`/sms?x=1`).
    pub target: String,
    /// Headers in received order.
    pub headers: Vec<(String, String)>,
    /// The exact body bytes.
    pub body: Vec<u8>,
}

impl Captured {
    /// The first header with this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The request as raw HTTP text, the way `inspect` reads a pasted request. A body that
    /// is not UTF-8 is shown with U+FFFD (the decoder reports it).
    pub fn raw_text(&self) -> String {
        let mut s = format!("{} {} HTTP/1.1\r\n", self.method, self.target);
        for (n, v) in &self.headers {
            s += &format!("{n}: {v}\r\n");
        }
        s += "\r\n";
        s += &String::from_utf8_lossy(&self.body);
        s
    }
}

/// The answer sent back to the caller.
pub(crate) struct Answer {
    /// HTTP status.
    pub status: u16,
    /// Content-Type, when there is one.
    pub content_type: Option<String>,
    /// Body bytes.
    pub body: Vec<u8>,
}

/// What every request handler shares.
struct Shared {
    args: ListenArgs,
    local: SocketAddr,
    agent: ureq::Agent,
    respond_body: Vec<u8>,
    record: Option<Mutex<BufWriter<std::fs::File>>>,
}

/// Runs `listen` until the process is interrupted.
pub(crate) fn run(args: ListenArgs) -> ExitCode {
    let respond_body = match &args.respond {
        Some(path) => match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("error: cannot read {}: {e}", path.display());
                return ExitCode::from(2);
            }
        },
        None => EMPTY_TWIML.as_bytes().to_vec(),
    };
    let record = match &args.record {
        Some(path) => match std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
        {
            Ok(f) => Some(Mutex::new(BufWriter::new(f))),
            Err(e) => {
                eprintln!("error: cannot open {} for recording: {e}", path.display());
                return ExitCode::from(2);
            }
        },
        None => None,
    };
    let listener = match TcpListener::bind((args.host.as_str(), args.port)) {
        Ok(l) => l,
        Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {
            eprintln!(
                "error: port {} is in use: another listener? choose --port",
                args.port
            );
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("error: cannot listen on {}:{}: {e}", args.host, args.port);
            return ExitCode::from(2);
        }
    };
    let local = match listener.local_addr() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: cannot listen: {e}");
            return ExitCode::from(2);
        }
    };
    let server = match tiny_http::Server::from_listener(listener, None) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: cannot listen on {local}: {e}");
            return ExitCode::from(2);
        }
    };
    print_banner(&args, local);
    let shared = Arc::new(Shared {
        args,
        local,
        agent: agent(),
        respond_body,
        record,
    });
    for request in server.incoming_requests() {
        let shared = Arc::clone(&shared);
        // One thread per request: a slow app does not hold up the next webhook.
        std::thread::spawn(move || handle(&shared, request));
    }
    ExitCode::SUCCESS
}

/// Says where the listener is and what it does with requests (on standard error, so that
/// `--json` output stays pure JSON Lines).
fn print_banner(args: &ListenArgs, local: SocketAddr) {
    let mut lines = vec![format!("listening on http://{local}")];
    match &args.forward_to {
        Some(to) => lines.push(format!("forwarding to {to}")),
        None => lines.push("answering with TwiML (no --forward-to)".to_string()),
    }
    match (&args.public_url, args.trust_forwarded) {
        (Some(u), _) => lines.push(format!("signatures checked against {u} + path")),
        (None, true) => lines.push("signatures checked against X-Forwarded-Proto/Host".into()),
        (None, false) => lines.push("signatures checked against http://Host + path".into()),
    }
    if args.auth.auth_tokens.is_empty() {
        lines.push("no auth token: signatures are not checked (--auth-token)".into());
    }
    if let Some(r) = &args.record {
        let redacted = if args.redact { " (redacted)" } else { "" };
        lines.push(format!("recording to {}{redacted}", r.display()));
    }
    eprintln!("{}", lines.join("\n  "));
}

/// The blocking client used to forward and replay: 15 s like Twilio, no redirects followed,
/// no proxy, no header added beyond what the request carries.
pub(crate) fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(APP_TIMEOUT))
        .http_status_as_error(false)
        .max_redirects(0)
        .max_redirects_will_error(false)
        .proxy(None)
        .user_agent("")
        .accept("")
        .allow_non_standard_methods(true)
        .build()
        .into()
}

/// Handles one request end to end: read, inspect, answer, print, record.
fn handle(shared: &Shared, mut request: tiny_http::Request) {
    let received = SystemTime::now();
    let args = &shared.args;
    let mut captured = Captured {
        method: request.method().as_str().to_string(),
        target: request.url().to_string(),
        headers: request
            .headers()
            .iter()
            .map(|h| (h.field.as_str().to_string(), h.value.as_str().to_string()))
            .collect(),
        body: Vec::new(),
    };
    let too_big = |n: u64| n > args.max_body;
    if request.body_length().is_some_and(|n| too_big(n as u64)) {
        return refuse_too_big(shared, request, &captured, received);
    }
    let read = request
        .as_reader()
        .take(args.max_body.saturating_add(1))
        .read_to_end(&mut captured.body);
    if too_big(captured.body.len() as u64) {
        return refuse_too_big(shared, request, &captured, received);
    }
    let url = signing_url(args, &captured, shared.local);
    let options = Options {
        url: Some(url.clone()),
        auth_tokens: args.auth.auth_tokens.clone(),
        ..Options::default()
    };
    let report = inspect(&captured.raw_text(), &options);
    let (answer, app_note) = match read {
        Err(e) => (
            text_answer(400, "text/plain", "the request body could not be read\n"),
            format!("the request body could not be read ({e}): answered 400"),
        ),
        Ok(_) => match &args.forward_to {
            Some(to) => {
                let (answer, note) = forward(&shared.agent, to, &captured);
                // Would Twilio accept what the app answered? (the core's response checks)
                let check = response_check(&answer, &report, &url);
                (answer, format!("{note}\n  {check}"))
            }
            None => (
                Answer {
                    status: 200,
                    content_type: Some("text/xml".to_string()),
                    body: shared.respond_body.clone(),
                },
                "answered 200 text/xml (no --forward-to)".to_string(),
            ),
        },
    };
    let out = if args.json {
        json_line(received, &captured, &url, &report, &answer, &app_note)
    } else {
        render_block(received, &captured, &report, &app_note)
    };
    print_out(&out);
    if let Some(rec) = &shared.record {
        write_record(rec, args.redact, received, &captured, &url, &answer);
    }
    let _ = request.respond(to_response(&answer));
}

/// Answers 413 without reading (the rest of) the body and says so in the terminal.
fn refuse_too_big(
    shared: &Shared,
    request: tiny_http::Request,
    captured: &Captured,
    received: SystemTime,
) {
    let limit = shared.args.max_body;
    let line = format!(
        "{} {} {} — body over --max-body {limit} bytes: answered 413",
        clock(received),
        captured.method,
        captured.target
    );
    if shared.args.json {
        let v = serde_json::json!({ "receivedAt": rfc3339(received), "method": captured.method,
            "path": captured.target, "error": line, "response": { "status": 413 } });
        print_out(&v.to_string());
    } else {
        print_out(&line);
    }
    let answer = text_answer(413, "text/plain", "request body too large\n");
    let _ = request.respond(to_response(&answer));
}

/// Prints one block or line to standard output at once (requests are handled in parallel).
fn print_out(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{}", text.trim_end_matches('\n'));
    let _ = out.flush();
}

fn text_answer(status: u16, content_type: &str, body: &str) -> Answer {
    Answer {
        status,
        content_type: Some(content_type.to_string()),
        body: body.as_bytes().to_vec(),
    }
}

fn to_response(answer: &Answer) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    let mut response =
        tiny_http::Response::from_data(answer.body.clone()).with_status_code(answer.status);
    if let Some(ct) = &answer.content_type {
        if let Ok(h) = tiny_http::Header::from_bytes("Content-Type", ct.as_bytes()) {
            response = response.with_header(h);
        }
    }
    response
}

/// The URL Twilio signed: `--public-url` + path and query; else, with `--trust-forwarded`,
/// X-Forwarded-Proto and X-Forwarded-Host; else `http://` + Host + path.
pub(crate) fn signing_url(args: &ListenArgs, captured: &Captured, local: SocketAddr) -> String {
    let target = path_and_query(&captured.target);
    if let Some(public) = &args.public_url {
        return format!("{}{target}", public.trim_end_matches('/'));
    }
    let first = |v: &str| v.split(',').next().unwrap_or("").trim().to_string();
    let host = captured
        .header("Host")
        .map(first)
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| local.to_string());
    if args.trust_forwarded {
        let proto = captured
            .header("X-Forwarded-Proto")
            .map(first)
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| "http".to_string());
        let fhost = captured
            .header("X-Forwarded-Host")
            .map(first)
            .filter(|h| !h.is_empty())
            .unwrap_or(host);
        return format!("{proto}://{fhost}{target}");
    }
    format!("http://{host}{target}")
}

/// The path and query of a request target, which a proxy may send in absolute form
/// (`http://host/path?q`).
fn path_and_query(target: &str) -> String {
    let rest = match target.split_once("://") {
        Some((scheme, rest)) if !scheme.contains(['/', '?']) => {
            rest.find(['/', '?']).map_or("", |i| &rest[i..])
        }
        _ => target,
    };
    if rest.starts_with('/') {
        rest.to_string()
    } else {
        format!("/{rest}")
    }
}

/// The forward URL for a request: the request path appended to the base's path, queries
/// joined. `/` on a base with a path keeps the base path.
pub(crate) fn forward_url(base: &str, target: &str) -> String {
    let (base_path, base_query) = match base.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (base, None),
    };
    let (path, query) = match target.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (target, None),
    };
    let has_base_path = base_path
        .split_once("://")
        .map_or(base_path, |(_, rest)| rest)
        .contains('/');
    let mut url = if path == "/" && has_base_path {
        base_path.to_string()
    } else {
        format!("{}{path}", base_path.trim_end_matches('/'))
    };
    let queries: Vec<&str> = [base_query, query]
        .into_iter()
        .flatten()
        .filter(|q| !q.is_empty())
        .collect();
    if !queries.is_empty() {
        url += "?";
        url += &queries.join("&");
    }
    url
}

/// Headers that belong to one connection, not to the request: not forwarded.
const HOP_BY_HOP: &[&str] = &[
    "connection",
    "keep-alive",
    "transfer-encoding",
    "te",
    "trailer",
    "upgrade",
    "content-length",
    "expect",
    "proxy-connection",
];

/// The core's verdict on the app's answer: the response checks with the request's kind
/// and URL as context ("Twilio would accept this answer" or what it would log).
fn response_check(answer: &Answer, report: &Report, url: &str) -> String {
    if answer.status == 502 && answer.content_type.as_deref() == Some("text/plain") {
        return "response: not checked (the app did not answer)".to_string();
    }
    let mut raw = format!("HTTP/1.1 {} Status\r\n", answer.status);
    if let Some(ct) = &answer.content_type {
        raw.push_str(&format!("Content-Type: {ct}\r\n"));
    }
    raw.push_str("\r\n");
    raw.push_str(&String::from_utf8_lossy(&answer.body));
    let ctx = twilio_webhook_inspector::ResponseContext {
        kind: Some(report.kind.id.to_string()),
        url: Some(url.to_string()),
        ..Default::default()
    };
    let checked = twilio_webhook_inspector::inspect_response(&raw, &ctx);
    format!("response: {}", checked.verdict)
}

/// Forwards the request unchanged and returns the app's answer with a line for the
/// terminal; a 502 and a clear line when the app does not answer.
fn forward(agent: &ureq::Agent, base: &str, captured: &Captured) -> (Answer, String) {
    let url = forward_url(base, &path_and_query(&captured.target));
    match send(agent, &url, captured) {
        Ok(answer) => {
            let note = format!(
                "app: {} {} ({} bytes)",
                answer.status,
                answer.content_type.as_deref().unwrap_or("(no content type)"),
                answer.body.len()
            );
            (answer, note)
        }
        Err(why) => (
            text_answer(502, "text/plain", "the app did not answer\n"),
            format!(
                "the app at {url} did not answer: {why} — Twilio would log 11200/11205 and try the fallback URL; answered 502"
            ),
        ),
    }
}

/// Sends `captured` to `url` and reads the answer (up to 10 MiB).
pub(crate) fn send(agent: &ureq::Agent, url: &str, captured: &Captured) -> Result<Answer, String> {
    let mut builder = ureq::http::Request::builder()
        .method(captured.method.as_str())
        .uri(url);
    for (n, v) in &captured.headers {
        if !HOP_BY_HOP.contains(&n.to_ascii_lowercase().as_str()) {
            builder = builder.header(n.as_str(), v.as_str());
        }
    }
    let result = if captured.body.is_empty() {
        builder
            .body(())
            .map_err(|e| e.to_string())
            .and_then(|r| agent.run(r).map_err(describe))
    } else {
        builder
            .body(captured.body.as_slice())
            .map_err(|e| e.to_string())
            .and_then(|r| agent.run(r).map_err(describe))
    };
    let mut response = result?;
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let body = response
        .body_mut()
        .with_config()
        .limit(10 * 1024 * 1024)
        .read_to_vec()
        .map_err(describe)?;
    Ok(Answer {
        status: response.status().as_u16(),
        content_type,
        body,
    })
}

/// A short reason for a failed exchange with the app.
fn describe(e: ureq::Error) -> String {
    match e {
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            "connection refused".to_string()
        }
        ureq::Error::Io(io) => io.to_string(),
        ureq::Error::Timeout(_) => format!("no answer within {} s", APP_TIMEOUT.as_secs()),
        ureq::Error::HostNotFound => "host not found".to_string(),
        ureq::Error::ConnectionFailed => "connection failed".to_string(),
        other => other.to_string(),
    }
}

/// `HH:MM:SS` UTC.
fn clock(t: SystemTime) -> String {
    chrono::DateTime::<chrono::Utc>::from(t)
        .format("%H:%M:%S")
        .to_string()
}

/// RFC 3339 UTC with milliseconds.
pub(crate) fn rfc3339(t: SystemTime) -> String {
    chrono::DateTime::<chrono::Utc>::from(t).to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// The one-line signature verdict, with the first diagnosis when it fails.
fn signature_line(report: &Report) -> String {
    let sig = &report.signature;
    match sig.status {
        SignatureStatus::Valid => match &sig.matched {
            Some(m) => format!("valid ({} on {})", m.token_hint, m.url),
            None => "valid".to_string(),
        },
        SignatureStatus::Invalid | SignatureStatus::Malformed => {
            let why = sig
                .diagnoses
                .first()
                .map(|d| d.message.clone())
                .or_else(|| {
                    sig.findings
                        .iter()
                        .chain(&report.findings)
                        .find(|f| f.code == Code::SignatureUnexplained)
                        .or_else(|| sig.findings.first())
                        .map(|f| f.message.clone())
                });
            match why {
                Some(w) => format!("{} — {w}", sig.status.id()),
                None => sig.status.id().to_string(),
            }
        }
        SignatureStatus::NoToken => "not checked (no --auth-token)".to_string(),
        SignatureStatus::NotChecked => "not checked".to_string(),
        SignatureStatus::NoSignature => "missing (no X-Twilio-Signature header)".to_string(),
        other => other.id().to_string(),
    }
}

/// The readable block printed for one request.
fn render_block(
    received: SystemTime,
    captured: &Captured,
    report: &Report,
    app_note: &str,
) -> String {
    let mut s = format!(
        "{} {} {}  {}\n  signature: {}\n",
        clock(received),
        captured.method,
        captured.target,
        report.kind.id,
        signature_line(report)
    );
    let serious = |sev: Severity| matches!(sev, Severity::Error | Severity::Warning);
    let sig_shown = [Code::SignatureDiagnosis, Code::SignatureUnexplained];
    for f in report
        .findings
        .iter()
        .filter(|f| serious(f.severity) && !sig_shown.contains(&f.code))
    {
        s += &format!("  {} {}: {}\n", f.severity.name(), f.code.id(), f.message);
    }
    for field in &report.fields {
        for f in field.findings.iter().filter(|f| serious(f.severity)) {
            s += &format!(
                "  {} {} ({}): {}\n",
                f.severity.name(),
                f.code.id(),
                field.name,
                f.message
            );
        }
    }
    s += &format!("  → {app_note}\n");
    s
}

/// The `--json` line for one request: the report plus what was answered.
fn json_line(
    received: SystemTime,
    captured: &Captured,
    url: &str,
    report: &Report,
    answer: &Answer,
    app_note: &str,
) -> String {
    serde_json::json!({
        "receivedAt": rfc3339(received),
        "method": captured.method,
        "url": url,
        "report": report,
        "response": {
            "status": answer.status,
            "contentType": answer.content_type,
            "note": app_note,
        },
    })
    .to_string()
}

/// Appends the exchange to the record file, one JSON line, flushed at once (so Ctrl-C
/// loses nothing). Authorization headers are dropped; `redact` masks personal data.
fn write_record(
    rec: &Mutex<BufWriter<std::fs::File>>,
    redact_it: bool,
    received: SystemTime,
    captured: &Captured,
    url: &str,
    answer: &Answer,
) {
    let line = record_json(redact_it, received, captured, url, answer);
    let Ok(mut w) = rec.lock() else {
        eprintln!("error: the record file is unusable after an earlier failure");
        return;
    };
    if let Err(e) = writeln!(w, "{line}").and_then(|()| w.flush()) {
        eprintln!("error: cannot write the record: {e}");
    }
}

/// The record line: `received_at`, `method`, `url`, `headers`, `body` (or `body_base64`),
/// `response`, and `input` (the rebuilt raw request, which `inspect --batch` reads).
pub(crate) fn record_json(
    redact_it: bool,
    received: SystemTime,
    captured: &Captured,
    url: &str,
    answer: &Answer,
) -> String {
    let mut c = Captured {
        method: captured.method.clone(),
        target: captured.target.clone(),
        headers: captured
            .headers
            .iter()
            .filter(|(n, _)| {
                !n.eq_ignore_ascii_case("authorization")
                    && !n.eq_ignore_ascii_case("proxy-authorization")
            })
            .cloned()
            .collect(),
        body: captured.body.clone(),
    };
    let mut url = url.to_string();
    let mut response_body = String::from_utf8_lossy(&answer.body).into_owned();
    if redact_it {
        c.target = redact::text(&c.target);
        url = redact::text(&url);
        if let Ok(body) = std::str::from_utf8(&c.body) {
            c.body = redact::form_body(body).into_bytes();
        }
        // The masked body keeps the request readable: its length header follows it.
        for (n, v) in &mut c.headers {
            if n.eq_ignore_ascii_case("content-length") {
                *v = c.body.len().to_string();
            }
        }
        response_body = redact::text(&response_body);
    }
    let mut v = serde_json::json!({
        "received_at": rfc3339(received),
        "method": c.method,
        "url": url,
        "headers": c.headers.iter().map(|(n, v)| [n, v]).collect::<Vec<_>>(),
    });
    match std::str::from_utf8(&c.body) {
        Ok(text) => v["body"] = text.into(),
        Err(_) => {
            use base64::Engine;
            v["body_base64"] = base64::engine::general_purpose::STANDARD
                .encode(&c.body)
                .into();
        }
    }
    v["response"] = serde_json::json!({
        "status": answer.status,
        "content_type": answer.content_type,
        "body": response_body,
    });
    v["input"] = c.raw_text().into();
    v.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forward_url_appends_path_and_joins_queries() {
        let f = forward_url;
        assert_eq!(
            f("http://localhost:3000", "/sms?x=1"),
            "http://localhost:3000/sms?x=1"
        );
        assert_eq!(
            f("http://localhost:3000/", "/sms"),
            "http://localhost:3000/sms"
        );
        assert_eq!(
            f("http://localhost:3000/app", "/sms"),
            "http://localhost:3000/app/sms"
        );
        assert_eq!(
            f("http://localhost:3000/voice", "/"),
            "http://localhost:3000/voice"
        );
        assert_eq!(
            f("http://localhost:3000/v?k=1", "/?x=2"),
            "http://localhost:3000/v?k=1&x=2"
        );
    }

    #[test]
    fn targets_in_absolute_form_keep_path_and_query() {
        assert_eq!(path_and_query("/sms?x=1"), "/sms?x=1");
        assert_eq!(path_and_query("http://a.example/sms?x=1"), "/sms?x=1");
        assert_eq!(path_and_query("http://a.example"), "/");
        assert_eq!(path_and_query("/cb?u=http://x/y"), "/cb?u=http://x/y");
        assert_eq!(path_and_query("*"), "/*");
    }
}
