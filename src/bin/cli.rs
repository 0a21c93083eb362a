//! The `twilio-webhook-inspector` command line: inspect captured requests in files and
//! logs, print the catalog, sign requests for replay.
//!
//! Exit codes: 0 when there is no error-severity finding, 1 when there are errors or an
//! invalid signature, 2 for unusable arguments or unreadable input.

#[path = "auth_tokens.rs"]
mod auth_tokens;
#[path = "cli_timeline.rs"]
mod cli_timeline;
#[path = "listen.rs"]
mod listen;
#[path = "parallel.rs"]
mod parallel;
#[path = "redact.rs"]
mod redact;
#[path = "replay.rs"]
mod replay;

use std::io::{BufRead, IsTerminal, Read, Write};
use std::process::ExitCode;

use auth_tokens::AuthTokens;
use clap::{Args, Parser, Subcommand, ValueEnum};
use serde::Deserialize;
use twilio_webhook_inspector::response::{inspect_response, DocumentType};
use twilio_webhook_inspector::signature::SignatureStatus;
use twilio_webhook_inspector::{
    catalog, inspect, Code, InputFormat, Options, Report, ResponseContext, ResponseReport, Severity,
};

#[derive(Parser)]
#[command(
    name = "twilio-webhook-inspector",
    version,
    about = "Decode, label, check and verify captured Twilio webhooks"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Inspect a captured request (form body, query, URL, raw HTTP, curl, JSON or XML).
    Inspect(InspectArgs),
    /// Sign a captured request afresh (for replaying it against a local server) and print
    /// the signature and a curl command that replays it. The token is never printed.
    Sign(InspectArgs),
    /// Listen for webhooks on a local port: inspect each request as it arrives, forward it
    /// to your app (--forward-to) and record the exchanges (--record).
    Listen(listen::ListenArgs),
    /// Send a captured webhook to your app again, edited (--set/--unset) and signed afresh
    /// for --to (unsigned when no auth token is given).
    Replay(replay::ReplayArgs),
    /// Read many captures (JSON Lines, HAR, raw HTTP, a log, Call Events, Event Streams,
    /// Debugger events) and print their lifecycle timeline: one block per call, message or
    /// conference, with retries, out-of-order arrivals and impossible transitions.
    Timeline(cli_timeline::TimelineArgs),
    /// Compare two captured requests field by field, and say which difference changes
    /// what Twilio signs. Exit code 1 when they differ.
    Diff(cli_timeline::DiffArgs),
    /// Check a webhook response (TwiML alone, a raw HTTP response, a HAR entry or a request
    /// followed by its response): would Twilio accept it? Exit 1 when it would not.
    Lint(LintArgs),
    /// Print the catalog of webhook kinds and parameters.
    Catalog {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args)]
struct InspectArgs {
    /// File to read, or `-` for standard input (the default).
    file: Option<String>,
    /// The full URL Twilio requested (needed to verify the signature).
    #[arg(long)]
    url: Option<String>,
    /// HTTP method (GET or POST).
    #[arg(long)]
    method: Option<String>,
    /// Content type of the body.
    #[arg(long)]
    content_type: Option<String>,
    /// Force the input format instead of detecting it.
    #[arg(long, value_parser = parse_format)]
    format: Option<InputFormat>,
    /// Force the kind (e.g. voice-status-callback) instead of detecting it.
    #[arg(long)]
    kind: Option<String>,
    /// The X-Twilio-Signature header value.
    #[arg(long)]
    signature: Option<String>,
    /// The X-Twilio-Webhooks-Signature-Settings header value (SharedKey HMAC-SHA256).
    #[arg(long)]
    signature_settings: Option<String>,
    #[command(flatten)]
    auth: AuthTokens,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
    /// JSON Lines in (one object per line with `input` plus any option as a key), one JSON report per line out.
    #[arg(long)]
    batch: bool,
    /// Colour the table output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
}

#[derive(Args)]
struct LintArgs {
    /// File to read, or `-` for standard input (the default).
    file: Option<String>,
    /// The TwiML vocabulary: voice, messaging, fax or auto (told from the kind or the verbs).
    #[arg(long, default_value = "auto", value_parser = parse_document)]
    document: DocumentType,
    /// The kind of request answered (e.g. voice-request, voice-status-callback).
    #[arg(long)]
    kind: Option<String>,
    /// The URL Twilio requested (resolves relative URLs; its #fragment may hold connection overrides).
    #[arg(long)]
    url: Option<String>,
    /// Print the response report as JSON.
    #[arg(long)]
    json: bool,
    /// Colour the table output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
}

fn parse_document(s: &str) -> Result<DocumentType, String> {
    DocumentType::from_id(s)
        .ok_or_else(|| format!("unknown document type '{s}'; use voice, messaging, fax or auto"))
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Color {
    Auto,
    Always,
    Never,
}

fn parse_format(s: &str) -> Result<InputFormat, String> {
    InputFormat::from_id(s).ok_or_else(|| {
        format!(
            "unknown format '{s}'; use one of {}",
            InputFormat::ALL
                .iter()
                .map(|f| f.id())
                .collect::<Vec<_>>()
                .join(", ")
        )
    })
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cli.command {
        Command::Inspect(args) => run_inspect(args),
        Command::Sign(args) => run_sign(args),
        Command::Listen(args) => listen::run(args),
        Command::Replay(args) => replay::run(args),
        Command::Timeline(args) => cli_timeline::run_timeline(args),
        Command::Diff(args) => cli_timeline::run_diff(args),
        Command::Lint(args) => run_lint(args),
        Command::Catalog { json } => run_catalog(json),
    }
}

fn read_input(file: Option<&str>) -> Result<String, String> {
    let mut bytes = Vec::new();
    match file {
        None | Some("-") => std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read standard input: {e}"))?,
        Some(path) => {
            bytes = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
            bytes.len()
        }
    };
    // Keep every byte: invalid UTF-8 is shown as U+FFFD, and the decoder reports it.
    Ok(String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

fn options_from(args: &InspectArgs) -> Options {
    Options {
        format: args.format,
        kind: args.kind.clone(),
        method: args.method.clone(),
        url: args.url.clone(),
        content_type: args.content_type.clone(),
        signature: args.signature.clone(),
        auth_tokens: args.auth.auth_tokens.clone(),
        signature_settings: args.signature_settings.clone(),
    }
}

fn exit_for(report: &Report) -> u8 {
    u8::from(
        report.has_errors()
            || matches!(
                report.signature.status,
                SignatureStatus::Invalid | SignatureStatus::Malformed
            ),
    )
}

fn run_inspect(args: InspectArgs) -> ExitCode {
    if args.batch {
        return run_batch(&args);
    }
    let input = match read_input(args.file.as_deref()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let report = inspect(&input, &options_from(&args));
    let mut out = std::io::stdout().lock();
    if args.json {
        let text = serde_json::to_string_pretty(&report)
            .unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
        let _ = writeln!(out, "{text}");
    } else {
        let _ = out.write_all(render_table(&report, use_colour(args.color)).as_bytes());
    }
    ExitCode::from(exit_for(&report))
}

fn use_colour(c: Color) -> bool {
    match c {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    }
}

fn run_lint(args: LintArgs) -> ExitCode {
    let input = match read_input(args.file.as_deref()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let ctx = ResponseContext {
        kind: args.kind.clone(),
        url: args.url.clone(),
        document: args.document,
    };
    let report = inspect_response(&input, &ctx);
    let mut out = std::io::stdout().lock();
    if args.json {
        let text = serde_json::to_string_pretty(&report)
            .unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
        let _ = writeln!(out, "{text}");
    } else {
        let p = Paint(use_colour(args.color));
        let _ = out.write_all(response_section(&report, &p).as_bytes());
    }
    ExitCode::from(u8::from(!report.accepted))
}

/// One line of `--batch` input.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BatchLine {
    input: String,
    #[serde(flatten)]
    options: Options,
    /// The rest of a `listen --record` line (its `input`, `url` and `method` are read).
    #[serde(flatten)]
    _record: RecordExtras,
}

/// The keys of a `listen --record` line that `--batch` does not use.
#[derive(Deserialize)]
struct RecordExtras {
    #[serde(default, rename = "received_at")]
    _received_at: Option<serde::de::IgnoredAny>,
    #[serde(default, rename = "headers")]
    _headers: Option<serde::de::IgnoredAny>,
    #[serde(default, rename = "body")]
    _body: Option<serde::de::IgnoredAny>,
    #[serde(default, rename = "body_base64")]
    _body_base64: Option<serde::de::IgnoredAny>,
    #[serde(default, rename = "response")]
    _response: Option<serde::de::IgnoredAny>,
}

fn run_batch(args: &InspectArgs) -> ExitCode {
    let reader: Box<dyn BufRead + Send> = match args.file.as_deref() {
        None | Some("-") => Box::new(std::io::BufReader::new(std::io::stdin())),
        Some(path) => match std::fs::File::open(path) {
            Ok(f) => Box::new(std::io::BufReader::new(f)),
            Err(e) => {
                eprintln!("error: cannot read {path}: {e}");
                return ExitCode::from(2);
            }
        },
    };
    let defaults = options_from(args);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut worst = 0u8;
    let lines = reader.split(b'\n').enumerate().map(|(i, l)| (i + 1, l));
    // Every core inspects; lines come out in input order; memory stays bounded.
    parallel::ordered_map(
        lines,
        parallel::default_workers(),
        64,
        |(line_no, line)| match line {
            Ok(bytes) => batch_line(line_no, &String::from_utf8_lossy(&bytes), &defaults),
            Err(e) => BatchOutcome::ReadError(format!("reading line {line_no}: {e}")),
        },
        |outcome| match outcome {
            BatchOutcome::Blank => true,
            BatchOutcome::Line { json, exit } => {
                worst = worst.max(exit);
                writeln!(out, "{json}").is_ok()
            }
            BatchOutcome::ReadError(e) => {
                eprintln!("error: {e}");
                worst = 2;
                false
            }
        },
    );
    let _ = out.flush();
    ExitCode::from(worst)
}

/// What one `--batch` line gives.
enum BatchOutcome {
    /// An empty line: skipped.
    Blank,
    /// A report (or an error object for that line) and its exit code.
    Line { json: String, exit: u8 },
    /// The input could not be read: stop.
    ReadError(String),
}

fn batch_line(line_no: usize, line: &str, defaults: &Options) -> BatchOutcome {
    if line.trim().is_empty() {
        return BatchOutcome::Blank;
    }
    match serde_json::from_str::<BatchLine>(line) {
        Ok(mut b) => {
            let o = &mut b.options;
            o.format = o.format.or(defaults.format);
            o.kind = o.kind.take().or_else(|| defaults.kind.clone());
            o.method = o.method.take().or_else(|| defaults.method.clone());
            o.url = o.url.take().or_else(|| defaults.url.clone());
            o.content_type = o
                .content_type
                .take()
                .or_else(|| defaults.content_type.clone());
            o.signature = o.signature.take().or_else(|| defaults.signature.clone());
            if o.auth_tokens.is_empty() {
                o.auth_tokens = defaults.auth_tokens.clone();
            }
            let report = inspect(&b.input, &b.options);
            BatchOutcome::Line {
                exit: exit_for(&report),
                json: serde_json::json!({ "line": line_no, "report": report }).to_string(),
            }
        }
        Err(e) => BatchOutcome::Line {
            exit: 1,
            json: serde_json::json!({
                "line": line_no,
                "error": format!("line {line_no} is not a JSON object with an \"input\" string: {e}"),
            })
            .to_string(),
        },
    }
}

struct Paint(bool);

impl Paint {
    fn wrap(&self, code: &str, s: &str) -> String {
        if self.0 {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn severity(&self, sev: Severity) -> String {
        match sev {
            Severity::Error => self.wrap("1;31", "error"),
            Severity::Warning => self.wrap("33", "warning"),
            Severity::Info => self.wrap("36", "info"),
        }
    }
    /// One finding as text: severity, code (and `suffix`), message, and its hint below.
    fn finding(
        &self,
        sev: Severity,
        code: &str,
        suffix: &str,
        message: &str,
        hint: Option<&str>,
    ) -> String {
        let mut s = format!("  {} {code}{suffix}: {message}\n", self.severity(sev));
        if let Some(h) = hint {
            s += &format!("      → {h}\n");
        }
        s
    }
}

fn clip(s: &str, n: usize) -> String {
    let visible: String = s
        .chars()
        .map(|c| if c.is_control() { '·' } else { c })
        .collect();
    if visible.chars().count() <= n {
        visible
    } else {
        format!(
            "{}…",
            visible
                .chars()
                .take(n.saturating_sub(1))
                .collect::<String>()
        )
    }
}

fn render_table(r: &Report, colour: bool) -> String {
    let p = Paint(colour);
    if r.format == InputFormat::Response {
        if let Some(resp) = &r.response {
            return format!(
                "{} response\n\n{}",
                p.wrap("1", "Input:"),
                response_section(resp, &p)
            );
        }
    }
    let mut s = String::new();
    let kind = if r.kind.id == "unknown" {
        p.wrap("1;33", &r.kind.id)
    } else {
        p.wrap("1;32", &r.kind.id)
    };
    s += &format!(
        "{} {} — {} (confidence {}%)\n",
        p.wrap("1", "Kind:"),
        kind,
        r.kind.title,
        r.kind.confidence
    );
    for reason in &r.kind.reasons {
        s += &format!("  · {reason}\n");
    }
    if let Some(ru) = &r.kind.runner_up {
        s += &format!("  runner-up: {} ({}%)\n", ru.id, ru.confidence);
    }
    s += &format!(
        "{} {}   {} {}\n",
        p.wrap("1", "Input:"),
        r.format.id(),
        p.wrap("1", "API version:"),
        r.api_version.map_or("unknown", |a| a.as_str())
    );
    if let Some(m) = &r.request.method {
        s += &format!(
            "{} {} {}\n",
            p.wrap("1", "Request:"),
            m,
            r.request.url.as_deref().unwrap_or("")
        );
    }
    s += "\n";
    let name_w = r
        .fields
        .iter()
        .map(|f| f.name.chars().count())
        .max()
        .unwrap_or(4)
        .clamp(4, 28);
    s += &p.wrap(
        "1",
        &format!("{:<name_w$}  {:<40}  {}\n", "Name", "Value", "Meaning"),
    );
    for f in &r.fields {
        let meaning = match (&f.label, &f.display) {
            (Some(l), Some(d)) => format!("{l} — {d}"),
            (Some(l), None) => l.to_string(),
            (None, _) => p.wrap("2", "(unknown parameter)"),
        };
        let status = match f.status {
            twilio_webhook_inspector::FieldStatus::Deprecated => p.wrap("33", " [deprecated]"),
            twilio_webhook_inspector::FieldStatus::Legacy => p.wrap("36", " [legacy]"),
            twilio_webhook_inspector::FieldStatus::OtherKind => p.wrap("36", " [other kind]"),
            _ => String::new(),
        };
        s += &format!(
            "{:<name_w$}  {:<40}  {meaning}{status}\n",
            clip(&f.name, name_w),
            clip(&f.value, 40)
        );
        for finding in &f.findings {
            s += &format!(
                "{:<name_w$}    └ {} {}: {}\n",
                "",
                p.severity(finding.severity),
                finding.code.id(),
                finding.message
            );
        }
    }
    if !r.findings.is_empty() {
        s += &format!("\n{}\n", p.wrap("1", "Findings:"));
        for f in &r.findings {
            s += &p.finding(f.severity, f.code.id(), "", &f.message, f.hint.as_deref());
        }
    }
    s += &signature_section(r, &p);
    if let Some(resp) = &r.response {
        s += "\n";
        s += &response_section(resp, &p);
    }
    s += &format!(
        "\n{} error(s), {} warning(s), {} info\n",
        r.counts.error, r.counts.warning, r.counts.info
    );
    s
}

/// The response verdict, its findings (with line, column and Twilio error code), the URLs
/// Twilio will fetch, connection overrides and the error codes explained.
fn response_section(r: &ResponseReport, p: &Paint) -> String {
    let verdict = if r.accepted {
        p.wrap("32", &r.verdict)
    } else {
        p.wrap("1;31", &r.verdict)
    };
    let mut s = format!("{} {verdict}\n", p.wrap("1", "Response:"));
    let status = r
        .status
        .map(|c| {
            format!("HTTP {c} {}", r.status_text.as_deref().unwrap_or(""))
                .trim_end()
                .to_string()
        })
        .unwrap_or_else(|| "no status line".into());
    s += &format!(
        "  {}; {}; document {}{}\n",
        status,
        r.content_type.as_deref().unwrap_or("no Content-Type"),
        r.document.id(),
        r.request_kind
            .as_deref()
            .map(|k| format!("; answers {k}"))
            .unwrap_or_default()
    );
    for f in &r.findings {
        let place = match (f.line, f.column) {
            (Some(l), Some(c)) => format!(" (line {l}, column {c})"),
            _ => String::new(),
        };
        let twilio = f
            .twilio_error_code
            .map(|c| format!(" [{c}]"))
            .unwrap_or_default();
        s += &p.finding(
            f.severity,
            f.code.id(),
            &format!("{twilio}{place}"),
            &f.message,
            f.hint.as_deref(),
        );
    }
    for u in &r.urls {
        if let Some(res) = u.resolved.as_deref().filter(|res| *res != u.raw) {
            s += &format!("  url: {} → {res}\n", u.raw);
        }
    }
    if let Some(o) = &r.connection_overrides {
        s += &format!(
            "  connection overrides: {} attempt(s), gives up after {:.1} s at worst\n",
            o.attempts,
            o.worst_case_ms as f64 / 1000.0
        );
        for v in &o.values {
            s += &format!(
                "    {:<4} {:<8} default {:<10} {}\n",
                v.key, v.effective, v.default, v.name
            );
        }
    }
    for e in &r.errors {
        s += &format!(
            "  {} {}: {}\n      {}\n",
            p.wrap("1", &e.code.to_string()),
            e.name,
            e.meaning,
            e.source
        );
    }
    s
}

/// The signature verdict, the doctor's diagnoses and the string-to-sign.
fn signature_section(r: &Report, p: &Paint) -> String {
    let sig = &r.signature;
    let verdict = match sig.status {
        SignatureStatus::Valid => p.wrap("32", "valid"),
        SignatureStatus::Invalid | SignatureStatus::Malformed => p.wrap("31", sig.status.id()),
        other => other.id().to_string(),
    };
    let mut s = format!("\n{} {verdict}\n", p.wrap("1", "Signature:"));
    if let Some(m) = &sig.matched {
        s += &format!(
            "  matched: {} on {} ({})\n",
            m.token_hint,
            m.url,
            m.candidate.id()
        );
    }
    if let Some(d) = &sig.disagreement {
        s += &format!("  libraries disagree: {d}\n");
    }
    for d in &sig.diagnoses {
        s += &format!(
            "  {} {}: {}\n      → {}\n",
            p.wrap("33", "diagnosis"),
            d.code.id(),
            d.message,
            d.hint
        );
    }
    // The diagnoses are printed above; their findings would repeat them.
    for f in sig
        .findings
        .iter()
        .filter(|f| f.code != Code::SignatureDiagnosis)
    {
        s += &p.finding(f.severity, f.code.id(), "", &f.message, f.hint.as_deref());
    }
    if let Some(sts) = &sig.string_to_sign {
        s += &format!("  string to sign: {sts}\n");
    }
    if let Some(e) = &sig.expected {
        s += &format!("  expected:       {e}\n");
    }
    if let Some(rcv) = &sig.received {
        s += &format!("  received:       {rcv}\n");
    }
    s
}

fn run_sign(args: InspectArgs) -> ExitCode {
    let input = match read_input(args.file.as_deref()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    match twilio_webhook_inspector::sign(&input, &options_from(&args)) {
        Ok(signed) => {
            let mut out = std::io::stdout().lock();
            if args.json {
                let _ = writeln!(
                    out,
                    "{}",
                    serde_json::to_string_pretty(&signed).unwrap_or_default()
                );
            } else {
                let _ = writeln!(out, "X-Twilio-Signature: {}", signed.signature);
                let _ = writeln!(out, "string to sign: {}", signed.string_to_sign);
                let _ = writeln!(out, "\n{}", signed.curl);
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn run_catalog(json: bool) -> ExitCode {
    let mut out = std::io::stdout().lock();
    if json {
        let value = serde_json::json!({
            "kinds": catalog::KINDS,
            "params": catalog::PARAMS,
            "enums": catalog::ENUMS,
            "sidPrefixes": catalog::SID_PREFIXES,
        });
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&value).unwrap_or_default()
        );
    } else {
        for k in catalog::KINDS {
            let _ = writeln!(
                out,
                "{} ({}, {}): {}",
                k.id,
                k.api_version.as_str(),
                k.title,
                k.summary
            );
            for p in catalog::params_of_kind(k.id) {
                let _ = writeln!(out, "    {:<28} {}", p.name, p.label);
            }
        }
    }
    ExitCode::SUCCESS
}
