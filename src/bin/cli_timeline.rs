//! `timeline` and `diff` subcommands: many captures at once, streamed through worker
//! threads with the results kept in input order; two captures compared.

use std::collections::BTreeMap;
use std::io::{BufRead, Read, Write};
use std::process::ExitCode;
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::Mutex;

use clap::Args;
use twilio_webhook_inspector::diff::{Diff, FieldChangeKind};
use twilio_webhook_inspector::timeline::{
    capture_from_line, detect_many, entry_of, read_captures, Capture, CaptureError, Entry, Group,
    ManyFormat, ObjectLines, PairLines, StreamingTimeline, TimelineBuilder,
};
use twilio_webhook_inspector::{Options, Severity, Timeline};

use crate::auth_tokens::AuthTokens;

/// Lines (or captures) handed to a worker at once.
const CHUNK: usize = 512;
/// How much of the input is looked at to recognise its format.
const HEAD_BYTES: u64 = 64 * 1024;

#[derive(Args)]
pub struct TimelineArgs {
    /// File to read (JSON Lines, HAR, raw HTTP, a log, Call Events, Event Streams,
    /// Debugger events), or `-` for standard input (the default).
    file: Option<String>,
    /// Print the timeline as JSON.
    #[arg(long)]
    json: bool,
    /// Worker threads (default: every core).
    #[arg(long)]
    jobs: Option<usize>,
    /// Print only the counts and the groups with problems (for big logs).
    #[arg(long)]
    summary: bool,
    /// Bounded memory for big logs: print each group once no callback of it has arrived
    /// for `--window` captures (JSON Lines with `--json`, then a summary line).
    #[arg(long)]
    stream: bool,
    /// With `--stream`: captures of silence after which a group is closed.
    #[arg(long, default_value_t = 100_000)]
    window: usize,
}

#[derive(Args)]
pub struct DiffArgs {
    /// The first capture (a file, or `-` for standard input).
    a: String,
    /// The second capture (a file).
    b: String,
    /// The full URL Twilio requested for A.
    #[arg(long)]
    url_a: Option<String>,
    /// The full URL Twilio requested for B.
    #[arg(long)]
    url_b: Option<String>,
    #[command(flatten)]
    auth: AuthTokens,
    /// Print the diff as JSON.
    #[arg(long)]
    json: bool,
}

/// One input line: its number, its byte offset and its text.
type Line = (usize, usize, String);

enum Work {
    Lines(Vec<Line>),
    Captures(Vec<Result<Capture, CaptureError>>),
}

type Done = Vec<Result<Entry, CaptureError>>;

fn process(work: Work, format: ManyFormat) -> Done {
    match work {
        Work::Lines(lines) => lines
            .into_iter()
            .filter_map(|(no, at, l)| capture_from_line(&l, format, no, at))
            .map(|r| r.map(|c| entry_of(&c)))
            .collect(),
        Work::Captures(cs) => cs.into_iter().map(|r| r.map(|c| entry_of(&c))).collect(),
    }
}

fn open(file: Option<&str>) -> Result<Box<dyn BufRead + Send>, String> {
    Ok(match file {
        None | Some("-") => Box::new(std::io::BufReader::new(std::io::stdin())),
        Some(path) => Box::new(std::io::BufReader::with_capacity(
            1 << 16,
            std::fs::File::open(path).map_err(|e| format!("cannot read {path}: {e}"))?,
        )),
    })
}

/// Ends a request dumped one parameter per line: one line when it holds two pairs or more (as
/// the core's reader joins it), else its line as read.
fn flush_pairs(acc: PairLines, no: usize, at: usize, raw: Vec<Line>, chunk: &mut Vec<Line>) {
    if acc.lines() >= 2 {
        chunk.push((no, at, acc.record()));
    } else {
        chunk.extend(raw);
    }
}

/// Feeds the workers: line chunks for line-based formats (streamed), capture chunks
/// otherwise (the document is read whole).
fn produce(
    mut input: Box<dyn BufRead + Send>,
    head: Vec<u8>,
    format: ManyFormat,
    tx: std::sync::mpsc::SyncSender<(usize, Work)>,
) -> Result<(), String> {
    let mut seq = 0;
    if format.is_line_based() {
        let mut reader = std::io::BufReader::new(std::io::Cursor::new(head).chain(input));
        let (mut line_no, mut offset) = (0usize, 0usize);
        let mut chunk = Vec::with_capacity(CHUNK);
        let mut buf = Vec::new();
        // A record printed over several lines (as the core's reader joins it), with its
        // raw lines kept in case it never closes.
        let mut open: Option<(ObjectLines, Vec<Line>)> = None;
        // A request dumped one parameter per line, with its first line's number and offset.
        let mut pairs: Option<(PairLines, usize, usize, Vec<Line>)> = None;
        loop {
            buf.clear();
            let n = reader
                .read_until(b'\n', &mut buf)
                .map_err(|e| format!("reading: {e}"))?;
            if n == 0 {
                break;
            }
            line_no += 1;
            let text = String::from_utf8_lossy(&buf).into_owned();
            let here = (line_no, offset, text);
            offset += n;
            if let Some((mut acc, no, at, mut raw)) = pairs.take() {
                if acc.push(&here.2) {
                    raw.push(here);
                    pairs = Some((acc, no, at, raw));
                    continue;
                }
                flush_pairs(acc, no, at, raw, &mut chunk);
            }
            match open.take() {
                Some((mut acc, mut raw)) => match acc.push(&here.2) {
                    Some(true) => chunk.push((raw[0].0, raw[0].1, acc.record())),
                    Some(false) => {
                        raw.push(here);
                        open = Some((acc, raw));
                    }
                    None => {
                        chunk.extend(raw);
                        chunk.push(here);
                    }
                },
                None => match ObjectLines::start(&here.2).filter(|_| format == ManyFormat::Log) {
                    Some(acc) => open = Some((acc, vec![here])),
                    None => match PairLines::start(&here.2).filter(|_| format == ManyFormat::Log) {
                        Some(acc) => pairs = Some((acc, here.0, here.1, vec![here])),
                        None => chunk.push(here),
                    },
                },
            }
            if chunk.len() >= CHUNK {
                let _ = tx.send((seq, Work::Lines(std::mem::take(&mut chunk))));
                seq += 1;
            }
        }
        if let Some((_, raw)) = open {
            chunk.extend(raw);
        }
        if let Some((acc, no, at, raw)) = pairs {
            flush_pairs(acc, no, at, raw, &mut chunk);
        }
        if !chunk.is_empty() {
            let _ = tx.send((seq, Work::Lines(chunk)));
        }
        return Ok(());
    }
    let mut bytes = head;
    input
        .read_to_end(&mut bytes)
        .map_err(|e| format!("reading: {e}"))?;
    let text = String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    let mut chunk = Vec::with_capacity(CHUNK);
    for item in read_captures(&text) {
        chunk.push(item);
        if chunk.len() == CHUNK {
            let _ = tx.send((seq, Work::Captures(std::mem::take(&mut chunk))));
            seq += 1;
        }
    }
    if !chunk.is_empty() {
        let _ = tx.send((seq, Work::Captures(chunk)));
    }
    Ok(())
}

/// Reads `file`, inspects its captures on `jobs` worker threads and hands every result to
/// `sink` in input order. Returns the format the input was read as.
pub fn pipeline(
    file: Option<&str>,
    jobs: usize,
    mut sink: impl FnMut(Result<Entry, CaptureError>),
) -> Result<ManyFormat, String> {
    let mut input = open(file)?;
    let mut head = Vec::new();
    (&mut input)
        .take(HEAD_BYTES)
        .read_to_end(&mut head)
        .map_err(|e| format!("reading: {e}"))?;
    let format = detect_many(&String::from_utf8_lossy(&head));
    let jobs = jobs.max(1);
    let (tx_work, rx_work) = sync_channel::<(usize, Work)>(jobs * 2);
    let rx_work = Mutex::new(rx_work);
    let (tx_done, rx_done) = sync_channel::<(usize, Done)>(jobs * 2);
    std::thread::scope(|s| {
        for _ in 0..jobs {
            let tx = tx_done.clone();
            let rx = &rx_work;
            s.spawn(move || loop {
                let job = match rx.lock() {
                    Ok(r) => r.recv(),
                    Err(_) => return,
                };
                let Ok((n, work)) = job else { return };
                if tx.send((n, process(work, format))).is_err() {
                    return;
                }
            });
        }
        drop(tx_done);
        let producer = s.spawn(move || produce(input, head, format, tx_work));
        collect(rx_done, &mut sink);
        producer
            .join()
            .unwrap_or_else(|_| Err("the reader thread failed".into()))
    })?;
    Ok(format)
}

/// Hands finished chunks to the sink in input order.
fn collect(rx: Receiver<(usize, Done)>, sink: &mut impl FnMut(Result<Entry, CaptureError>)) {
    let mut pending: BTreeMap<usize, Done> = BTreeMap::new();
    let mut next = 0;
    for (n, done) in rx {
        pending.insert(n, done);
        while let Some(done) = pending.remove(&next) {
            done.into_iter().for_each(&mut *sink);
            next += 1;
        }
    }
}

pub fn run_timeline(args: TimelineArgs) -> ExitCode {
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    if args.stream {
        return run_stream(&args, jobs);
    }
    let mut builder = TimelineBuilder::new();
    let result = pipeline(args.file.as_deref(), jobs, |r| match r {
        Ok(e) => builder.push_entry(e),
        Err(e) => builder.push_error(e),
    });
    let format = match result {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    builder.format = Some(format);
    let t = builder.finish();
    let mut out = std::io::stdout().lock();
    let text = if args.json {
        serde_json::to_string_pretty(&t).unwrap_or_default() + "\n"
    } else {
        render_timeline(&t, args.summary)
    };
    let _ = out.write_all(text.as_bytes());
    ExitCode::from(u8::from(t.counts.error > 0))
}

/// `--stream`: groups are printed as they close (JSON Lines with `--json`), then a summary.
fn run_stream(args: &TimelineArgs, jobs: usize) -> ExitCode {
    let mut tl = StreamingTimeline::new(args.window, args.window.saturating_mul(4));
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let emit = |groups: Vec<Group>, out: &mut dyn Write| {
        for g in &groups {
            let text = if args.json {
                serde_json::to_string(g).unwrap_or_default() + "\n"
            } else {
                let mut s = String::new();
                render_group(&[], g, 0, args.summary, &mut s);
                s
            };
            let _ = out.write_all(text.as_bytes());
        }
    };
    let result = pipeline(args.file.as_deref(), jobs, |r| match r {
        Ok(e) => {
            let ready = tl.push_entry(e);
            emit(ready, &mut out);
        }
        Err(e) => tl.push_error(e),
    });
    match result {
        Ok(f) => tl.format = Some(f),
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    }
    let (last, summary) = tl.finish();
    emit(last, &mut out);
    let text = if args.json {
        serde_json::json!({ "summary": summary }).to_string() + "\n"
    } else {
        let mut s = format!(
            "\nTimeline: {} capture(s){}, {} group(s) ({} closed early), {} unreadable, {} ungrouped\n",
            summary.captures,
            summary.format.map(|f| format!(" read as {}", f.id())).unwrap_or_default(),
            summary.groups,
            summary.closed_early,
            summary.unreadable,
            summary.ungrouped_total
        );
        for f in &summary.findings {
            s += &format!("{} {}: {}\n", severity(f.severity), f.code.id(), f.message);
        }
        s + &format!(
            "{} error(s), {} warning(s), {} info\n",
            summary.counts.error, summary.counts.warning, summary.counts.info
        )
    };
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
    ExitCode::from(u8::from(summary.counts.error > 0))
}

fn severity(s: Severity) -> &'static str {
    s.name()
}

fn entry_line(e: &Entry, indent: &str) -> String {
    let when = e
        .timestamp
        .as_deref()
        .or(e.received_at.as_deref())
        .unwrap_or("-");
    let key = match e.sequence_number {
        Some(n) => format!("seq {n}"),
        None => e.ordered_by.id().to_string(),
    };
    let at = e
        .line
        .map_or_else(|| format!("#{}", e.index + 1), |l| format!("line {l}"));
    let mut s = format!(
        "{indent}    {when:<31} {:<18} {key:<16} {at}",
        e.status.as_deref().unwrap_or(&e.kind)
    );
    if let Some(c) = &e.error_code {
        s += &format!("  ErrorCode {c}");
    }
    if e.report_errors > 0 {
        s += &format!("  ({} error(s) in the request itself)", e.report_errors);
    }
    s.push('\n');
    for f in &e.findings {
        s += &format!(
            "{indent}      {} {}: {}\n",
            severity(f.severity),
            f.code.id(),
            f.message
        );
    }
    s
}

fn render_group(all: &[Group], g: &Group, depth: usize, summary: bool, out: &mut String) {
    let indent = "    ".repeat(depth);
    let problems = g.findings.len()
        + g.lanes
            .iter()
            .flat_map(|l| &l.entries)
            .map(|e| e.findings.len())
            .sum::<usize>();
    if !summary || problems > 0 {
        let finals: Vec<String> = g
            .lanes
            .iter()
            .filter_map(|l| {
                l.final_status
                    .as_ref()
                    .map(|f| format!("{} {f}", l.lifecycle))
            })
            .collect();
        let arrow = if depth > 0 { "└ " } else { "" };
        let parent = match (&g.parent, depth) {
            (Some(p), 0) => format!(" (child of {p})"),
            _ => String::new(),
        };
        *out += &format!(
            "{indent}{arrow}{} {}{parent} — {}\n",
            g.object.id(),
            g.sid,
            if finals.is_empty() {
                "no status".to_string()
            } else {
                finals.join(", ")
            }
        );
        for lane in &g.lanes {
            *out += &format!(
                "{indent}  [{} · ordered by {}]\n",
                lane.lifecycle,
                lane.ordered_by.id()
            );
            if !summary {
                for e in &lane.entries {
                    *out += &entry_line(e, &indent);
                }
            } else {
                for e in lane.entries.iter().filter(|e| !e.findings.is_empty()) {
                    *out += &entry_line(e, &indent);
                }
            }
        }
        for f in &g.findings {
            *out += &format!(
                "{indent}  {} {}: {}\n",
                severity(f.severity),
                f.code.id(),
                f.message
            );
        }
    }
    for c in &g.children {
        if let Some(child) = all.iter().find(|x| &x.sid == c) {
            render_group(all, child, depth + 1, summary, out);
        }
    }
}

/// The readable timeline: one block per group, children indented under their parent.
pub fn render_timeline(t: &Timeline, summary: bool) -> String {
    let mut s = format!(
        "Timeline: {} capture(s){}, {} group(s), {} unreadable\n\n",
        t.captures,
        t.format
            .map(|f| format!(" read as {}", f.id()))
            .unwrap_or_default(),
        t.groups.len(),
        t.unreadable
    );
    let nested: std::collections::HashSet<&str> = t
        .groups
        .iter()
        .flat_map(|g| g.children.iter().map(String::as_str))
        .collect();
    for g in t.groups.iter().filter(|g| !nested.contains(g.sid.as_str())) {
        render_group(&t.groups, g, 0, summary, &mut s);
    }
    if !t.ungrouped.is_empty() {
        s += &format!(
            "ungrouped ({} capture(s) naming no call, message or conference)\n",
            t.ungrouped.len()
        );
        if !summary {
            for e in &t.ungrouped {
                s += &entry_line(e, "");
            }
        }
    }
    for f in &t.findings {
        s += &format!("{} {}: {}\n", severity(f.severity), f.code.id(), f.message);
    }
    s += &format!(
        "\n{} error(s), {} warning(s), {} info\n",
        t.counts.error, t.counts.warning, t.counts.info
    );
    s
}

fn read_file(path: &str) -> Result<String, String> {
    let mut bytes = Vec::new();
    if path == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
    } else {
        bytes = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    }
    Ok(String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

pub fn run_diff(args: DiffArgs) -> ExitCode {
    let (a, b) = match (read_file(&args.a), read_file(&args.b)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let opts = |url: &Option<String>| Options {
        url: url.clone(),
        auth_tokens: args.auth.auth_tokens.clone(),
        ..Options::default()
    };
    let d = twilio_webhook_inspector::diff(&a, &b, &opts(&args.url_a), &opts(&args.url_b));
    let text = if args.json {
        serde_json::to_string_pretty(&d).unwrap_or_default() + "\n"
    } else {
        render_diff(&d)
    };
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    let differs = d.kind.is_some() || !d.url.is_empty() || !d.fields.is_empty() || d.body_differs;
    ExitCode::from(u8::from(differs))
}

/// The readable diff: one line per difference, then the signature sentence.
pub fn render_diff(d: &Diff) -> String {
    let mut s = String::new();
    let pair = |what: &str, c: &twilio_webhook_inspector::diff::Change| {
        format!(
            "{what}: {} → {}\n",
            c.a.as_deref().unwrap_or("(none)"),
            c.b.as_deref().unwrap_or("(none)")
        )
    };
    for (what, c) in [
        ("kind", &d.kind),
        ("API version", &d.api_version),
        ("format", &d.format),
        ("method", &d.method),
    ] {
        if let Some(c) = c {
            s += &pair(what, c);
        }
    }
    for (part, c) in &d.url {
        s += &pair(&format!("URL {part}"), c);
    }
    for f in &d.fields {
        let v = |x: &Option<twilio_webhook_inspector::diff::FieldSide>| {
            x.as_ref().map(|x| x.raw_value.clone()).unwrap_or_default()
        };
        let signed = if f.signed { "  (signed)" } else { "" };
        s += &match f.change {
            FieldChangeKind::Added => format!("+ {}={}{signed}\n", f.name, v(&f.b)),
            FieldChangeKind::Removed => format!("- {}={}{signed}\n", f.name, v(&f.a)),
            FieldChangeKind::Changed => format!(
                "~ {}: {} → {}{}{signed}\n",
                f.name,
                v(&f.a),
                v(&f.b),
                if f.raw_only {
                    "  (same decoded value)"
                } else {
                    ""
                }
            ),
            FieldChangeKind::Reordered => format!(
                "↕ {} moved from #{} to #{}{signed}\n",
                f.name,
                f.a.as_ref().map_or(0, |x| x.index),
                f.b.as_ref().map_or(0, |x| x.index)
            ),
            FieldChangeKind::Duplicated => {
                let (x, y) = f.counts.unwrap_or((0, 0));
                format!("× {} appears {x} time(s) in A, {y} in B{signed}\n", f.name)
            }
        };
    }
    if s.is_empty() {
        s += "No difference.\n";
    }
    s += &format!("\n{} field(s) equal\n", d.same);
    s += &format!(
        "Signature: A {}, B {}\n  {}\n",
        d.signature.a.id(),
        d.signature.b.id(),
        d.signature.sentence
    );
    s
}
