//! The many-captures reader: splits one text into captures, each with its own request text,
//! options (URL, method, headers), receive time, Twilio's own event time and position.
//!
//! Recognised: JSON Lines (a string or an object per line), a JSON array of captures (or
//! pretty-printed JSON objects one after another: Monitor Alerts keep their time and
//! resource), a HAR file with many entries, raw HTTP requests or curl commands one after
//! another (responses and script lines between them are skipped), a server log with one
//! form body (or URL, or JSON object, or its JavaScript, Python or Ruby rendering, as Rails
//! logs `Parameters:`) per line with or without a time prefix (`[time: LEVEL/worker]` as
//! Python's logging writes it included), Twilio's Call Events resource (`events[]`), Event
//! Streams CloudEvents (one or an array) and Debugger webhook events (their
//! `Payload.webhook`), CSV exports (a header row of parameter names) and Postman collections
//! (every request, folders included).
//!
//! Line-based formats are read lazily, one line at a time ([`Captures`] is an iterator), so
//! a caller can stream a log of any length. A capture that cannot be read becomes an
//! `Err(CaptureError)` in its place; reading goes on.

use serde_json::{Map, Value};

pub use super::capture::{Capture, CaptureError, ManyFormat};
use super::printed::printed_span;
use super::records::{
    call_event, cloud_event, debugger_event, har_entry, json_type, postman_requests,
};
use super::time;

/// The captures of a many-capture text, read lazily.
pub struct Captures<'a> {
    format: ManyFormat,
    inner: Inner<'a>,
}

enum Inner<'a> {
    Lines {
        text: &'a str,
        pos: usize,
        line: usize,
    },
    Http {
        text: &'a str,
        starts: std::vec::IntoIter<(usize, usize)>,
        ends: Vec<usize>,
        n: usize,
    },
    Items(std::vec::IntoIter<Result<Capture, CaptureError>>),
}

impl Captures<'_> {
    /// How the input was recognised.
    pub fn format(&self) -> ManyFormat {
        self.format
    }
}

impl Iterator for Captures<'_> {
    type Item = Result<Capture, CaptureError>;

    fn next(&mut self) -> Option<Self::Item> {
        match &mut self.inner {
            Inner::Items(it) => it.next(),
            Inner::Lines { text, pos, line } => loop {
                if *pos >= text.len() {
                    return None;
                }
                let rest = &text[*pos..];
                let len = rest.find('\n').map_or(rest.len(), |i| i + 1);
                let at = *pos;
                *pos += len;
                *line += 1;
                let l = rest[..len].trim_end_matches(['\n', '\r']);
                let first_line = *line;
                // An object printed over several lines (a Ruby or Elixir map in a comment, a
                // pretty-printed payload after a log prefix) is one record.
                // So is a request dumped one parameter per line.
                let joined = (self.format == ManyFormat::Log)
                    .then(|| {
                        object_over_lines(l, &text[*pos..])
                            .or_else(|| pairs_over_lines(l, &text[*pos..]))
                    })
                    .flatten();
                let item = match joined {
                    Some((record, used, lines)) => {
                        *pos += used;
                        *line += lines;
                        capture_from_line(&record, self.format, first_line, at)
                    }
                    None => capture_from_line(l, self.format, first_line, at),
                };
                if let Some(item) = item {
                    return Some(item);
                }
            },
            Inner::Http {
                text,
                starts,
                ends,
                n,
            } => {
                let start = starts.next()?;
                let end = ends.get(*n).copied().unwrap_or(text.len());
                *n += 1;
                Some(Ok(http_capture(text, start, end)))
            }
        }
    }
}

/// Reads `text` as many captures (see the module documentation for the formats).
pub fn read_captures(text: &str) -> Captures<'_> {
    let format = detect_many(text);
    let inner = match format {
        ManyFormat::JsonLines | ManyFormat::Log => Inner::Lines {
            text,
            pos: 0,
            line: 0,
        },
        ManyFormat::Http => {
            let (starts, ends) = http_spans(text);
            Inner::Http {
                text,
                starts: starts.into_iter(),
                ends,
                n: 0,
            }
        }
        ManyFormat::Csv => Inner::Items(
            super::csv::detect(text)
                .map(|sep| super::csv::read(text, sep))
                .unwrap_or_default()
                .into_iter(),
        ),
        ManyFormat::Single if text.trim().is_empty() => Inner::Items(Vec::new().into_iter()),
        ManyFormat::Single => Inner::Items(
            vec![Ok(Capture {
                source: Some(ManyFormat::Single),
                line: Some(1),
                offset: Some(0),
                ..Capture::new(text)
            })]
            .into_iter(),
        ),
        _ => Inner::Items(read_document(text, format).into_iter()),
    };
    Captures { format, inner }
}

/// Recognises the shape of a many-capture text from its beginning (the first 64 KiB are
/// enough; for JSON documents the whole text is looked at by [`read_captures`]).
pub fn detect_many(text: &str) -> ManyFormat {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    let head = t.get(..t.len().min(65536)).unwrap_or(t);
    let first = head
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim();
    let lines: Vec<&str> = head
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(5)
        .collect();
    let json_lines = lines.len() >= 2
        && lines
            .iter()
            .all(|l| l.starts_with('{') || l.starts_with('"'))
        && lines.iter().any(|l| {
            serde_json::from_str::<Value>(l).is_ok_and(|v| v.is_object() || v.is_string())
        });
    let bracketed_time = first.starts_with('[') && time::leading_time(first).is_some();
    if t.starts_with('[') && !bracketed_time {
        return if head.contains("\"specversion\"") {
            ManyFormat::EventStreams
        } else {
            ManyFormat::JsonArray
        };
    }
    if json_lines {
        return ManyFormat::JsonLines;
    }
    if t.starts_with('{') {
        if head.contains("\"log\"") && head.contains("\"entries\"") {
            return ManyFormat::Har;
        }
        if head.contains("\"events\"") && head.contains("\"request\"") {
            return ManyFormat::CallEvents;
        }
        if head.contains("\"specversion\"") {
            return ManyFormat::EventStreams;
        }
        if head.contains("schema.getpostman.com") || head.contains("\"_postman_id\"") {
            return ManyFormat::Postman;
        }
        // A Debugger event is known by its PayloadType, or by a Payload beside its Level (as
        // the record reader requires): another product's webhook with a `Payload` object is
        // not one.
        if head.contains("\"PayloadType\"")
            || (head.contains("\"Payload\"") && head.contains("\"Level\""))
        {
            return ManyFormat::Debugger;
        }
        if starts_with_json_values(head) {
            // Objects one after another, each over several lines: read like an array.
            return ManyFormat::JsonArray;
        }
        if printed_objects(head) >= 2 {
            // Object literals a program printed (JavaScript, Python), one after another.
            return ManyFormat::Log;
        }
        return ManyFormat::Single;
    }
    if super::csv::detect(head).is_some() {
        return ManyFormat::Csv;
    }
    if head.lines().any(|l| request_line(l).is_some())
        || head.lines().filter(|l| curl_line(l)).count() >= 2
    {
        return ManyFormat::Http;
    }
    let json_lines = head
        .lines()
        .filter(|l| l.contains('{') && l.contains(':') && l.trim_end().ends_with('}'))
        .count();
    if json_lines >= 2
        || names_repeat_across_lines(head)
        || records_one_per_line(head)
        || printed_objects(head) >= 2
    {
        return ManyFormat::Log;
    }
    if pair_dumps_repeat(head) {
        // Requests dumped one parameter per line, one after another.
        return ManyFormat::Log;
    }
    if logfmt_requests(head) >= 2 {
        // logfmt lines whose fields are Twilio's parameters (`MessageSid=SM… MessageStatus=sent`).
        return ManyFormat::Log;
    }
    let body_lines = head.lines().filter(|l| l.contains('=')).count();
    if body_lines >= 1 && head.contains("PayloadType=") {
        // Debugger events as their form fields: one per line, unpacked by the log reader.
        return ManyFormat::Log;
    }
    ManyFormat::Single
}

/// Most lines one record may span, and most bytes it may hold (bounded memory).
const OBJECT_MAX_LINES: usize = 400;
const OBJECT_MAX_BYTES: usize = 256 * 1024;

/// The braces a line opens and does not close (`{` minus `}`).
fn open_braces(line: &str) -> i64 {
    line.bytes().fold(0i64, |n, b| match b {
        b'{' => n + 1,
        b'}' => n - 1,
        _ => n,
    })
}

/// The comment marker and indentation a printed object's lines share (`  # `, `// `).
fn comment_prefix(line: &str) -> &str {
    let t = line.trim_start();
    let marker = ["#", "//", "--", "*"]
        .iter()
        .find(|m| t.starts_with(**m))
        .map_or(0, |m| m.len());
    let after = &t[marker..];
    let len = line.len() - after.len() + (after.len() - after.trim_start().len());
    &line[..len]
}

/// A record printed over several lines, gathered line by line (a Ruby or Elixir map in a
/// comment, a pretty-printed payload after a log prefix, Node's `[Object: null prototype] {`
/// of an Express form, a PHP array as `print_r` or `var_export` prints it): the streaming
/// readers feed it the lines after the one that opened it until the braces (or the PHP
/// array's parentheses) close.
pub struct ObjectLines {
    record: String,
    marker: String,
    depth: i64,
    lines: usize,
    /// A PHP array: depth counts the lines that open (`(`, `… array (`) and close (`)`,
    /// `),`) it, not braces.
    php: bool,
}

impl ObjectLines {
    /// Starts a record when `line` opens an object (a `{` followed by keys) it does not close,
    /// or starts a PHP array printout (`Array` before a `(` line, `array (`).
    pub fn start(line: &str) -> Option<ObjectLines> {
        let line = line.trim_end_matches(['\n', '\r']);
        if let Some(depth) = php_array_opening(line) {
            return Some(ObjectLines {
                record: line.to_string(),
                marker: comment_prefix(line).trim().to_string(),
                depth,
                lines: 1,
                php: true,
            });
        }
        let open = line.find('{')?;
        let tail = &line[open..];
        // Keys after the brace, or a brace that ends a label (`Parameters: {`, `body = {`,
        // Node's `[Object: null prototype] {`, a comment marker or nothing before it); not a
        // block of program text.
        let before = comment_prefix(&line[..open]);
        let label = line[..open].trim_end();
        let opens_value = label.len() == before.trim_end().len()
            || label.ends_with([':', '=', '%'])
            || label.ends_with("=>")
            || label.ends_with("[Object: null prototype]");
        let keyed = tail.contains("=>")
            || (tail.contains(':') && !tail.contains("::"))
            || (tail.trim_end() == "{" && opens_value);
        let depth = open_braces(tail);
        (depth > 0 && keyed).then(|| ObjectLines {
            record: line.to_string(),
            marker: comment_prefix(line).trim().to_string(),
            depth,
            lines: 1,
            php: false,
        })
    }

    /// Adds the next line (its shared comment marker taken off): `Some(true)` when the record
    /// is closed, `Some(false)` when it goes on, `None` past the bounds, or when what looked
    /// like a PHP array's `Array` is not followed by its `(` (then the lines are read one by
    /// one as before).
    pub fn push(&mut self, line: &str) -> Option<bool> {
        let l = line.trim_end_matches(['\n', '\r']);
        if self.lines >= OBJECT_MAX_LINES || self.record.len() + l.len() >= OBJECT_MAX_BYTES {
            return None;
        }
        let t = l.trim_start();
        let body = match t.strip_prefix(self.marker.as_str()) {
            Some(b) if !self.marker.is_empty() => b.trim_start(),
            _ => t,
        };
        if self.php {
            let b = body.trim_end();
            if b == "(" || b.ends_with("array (") || b.ends_with("=> Array (") {
                self.depth += 1;
            } else if b == ")" || b == ")," {
                self.depth -= 1;
            } else if self.depth <= 0 {
                // `Array` with no `(` after it: a word, not a printout.
                return None;
            }
        } else {
            self.depth += open_braces(body);
        }
        self.record.push('\n');
        self.record.push_str(body);
        self.lines += 1;
        Some(self.depth <= 0)
    }

    /// The record's text (its first line as written, the others joined after it).
    pub fn record(self) -> String {
        self.record
    }
}

/// The depth a line that starts a PHP array printout opens: 0 for `print_r`'s `Array`
/// (its `(` comes on the next line), 1 for `var_export`'s `array (`; `None` for any other
/// line. The word ends the line (after a log prefix or label).
fn php_array_opening(line: &str) -> Option<i64> {
    let t = line.trim_end();
    let word_ends = |rest: &str| {
        rest.is_empty() || rest.ends_with(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
    };
    if let Some(before) = t.strip_suffix("Array") {
        return word_ends(before).then_some(0);
    }
    if let Some(before) = t.strip_suffix("array (") {
        return word_ends(before).then_some(1);
    }
    None
}

/// Where a PHP array printout joined by [`ObjectLines`] starts in a record: its `Array`
/// line followed by `(`, or its `array (`.
fn php_array_start(record: &str) -> Option<usize> {
    let first = record.lines().next()?;
    let depth = php_array_opening(first)?;
    let word = if depth == 0 { "Array" } else { "array (" };
    let at = first.rfind(word)?;
    (record.len() > first.len()).then_some(at)
}

/// The one `Name=value` pair a log line holds after its prefix, as servlet and PHP logs dump a
/// request one parameter per line (`… INFO [stdout] (…)   (CallSid=CA…)`, `CallStatus=ringing`):
/// the pair starts at the line's only token with `=` (parentheses, brackets and quotes around
/// it are dropped) and runs to the end of the line, so a decoded value may hold spaces. `None`
/// when the line holds no pair, two pairs, a form body (`&`) or a name that is not a
/// parameter's (letters, digits, `_`, `-`, `.`, starting with a letter).
fn lone_pair(line: &str) -> Option<(&str, &str)> {
    let rest = match time::leading_time(line) {
        Some((_, _, len)) => line.get(len..).unwrap_or(""),
        None => line,
    };
    let rest = rest.trim();
    // A shell command's continued line (`--data-urlencode "To=…" \`) is one argument of one
    // request, not a parameter a log printed.
    if rest.ends_with('\\') {
        return None;
    }
    let start = rest.find(|c: char| !c.is_whitespace())?;
    let mut at = None;
    let mut offset = start;
    for token in rest[start..].split([' ', '\t']) {
        if token.contains('=') {
            if at.is_some() {
                // A second token with `=`: the value's own words, or a second pair.
                let (name, _) = token.split_once('=')?;
                if !name.trim_start_matches(['(', '[', '"', '\'']).is_empty()
                    && is_param_name(name.trim_start_matches(['(', '[', '"', '\'']))
                {
                    return None;
                }
            } else {
                at = Some(offset);
            }
        } else if at.is_none() && is_flag(token) {
            // `-d To=…`, `--data-urlencode To=…`: a command's argument.
            return None;
        }
        offset += token.len() + 1;
    }
    let pair = rest[at?..]
        .trim_start_matches(['(', '[', '"', '\''])
        .trim_end_matches([')', ']', '"', '\'', ',', ';']);
    let (name, value) = pair.split_once('=')?;
    // Markup (`<Number url="…">`, an attribute on its own line, `name='…'`) is not a dump.
    let markup = rest.contains(['<', '>']) || value.starts_with(['"', '\'']);
    (is_param_name(name) && !markup && !value.contains('&')).then_some((name, value))
}

/// A command-line flag (`-d`, `--data-urlencode`): dashes, then a letter.
fn is_flag(token: &str) -> bool {
    token.starts_with('-')
        && token
            .trim_start_matches('-')
            .starts_with(|c: char| c.is_ascii_alphabetic())
}

fn is_param_name(name: &str) -> bool {
    name.len() <= 64
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// One request a log prints one parameter per line (see [`lone_pair`]), gathered line by
/// line: the streaming readers feed it the lines after the first until one holds no lone pair
/// or repeats a name the request already has (the next request's dump). Two pairs or more
/// make one form body; a lone pair by itself stays the line it was.
pub struct PairLines {
    prefix: String,
    pairs: Vec<(String, String)>,
    bytes: usize,
}

impl PairLines {
    /// Starts a request when `line` holds a lone pair.
    pub fn start(line: &str) -> Option<PairLines> {
        let line = line.trim_end_matches(['\n', '\r']);
        let (name, value) = lone_pair(line)?;
        let prefix = time::leading_time(line)
            .and_then(|(_, _, len)| line.get(..len))
            .unwrap_or("")
            .trim()
            .to_string();
        Some(PairLines {
            prefix,
            pairs: vec![(name.to_string(), value.to_string())],
            bytes: line.len(),
        })
    }

    /// Adds the next line's pair: false (nothing added) when the line ends the request.
    pub fn push(&mut self, line: &str) -> bool {
        let line = line.trim_end_matches(['\n', '\r']);
        if self.pairs.len() >= OBJECT_MAX_LINES || self.bytes + line.len() >= OBJECT_MAX_BYTES {
            return false;
        }
        match lone_pair(line) {
            Some((name, value)) if !self.pairs.iter().any(|(n, _)| n == name) => {
                self.pairs.push((name.to_string(), value.to_string()));
                self.bytes += line.len();
                true
            }
            _ => false,
        }
    }

    /// How many lines (pairs) the request holds.
    pub fn lines(&self) -> usize {
        self.pairs.len()
    }

    /// The request as one log line: the first line's time, then the pairs as a form body.
    pub fn record(self) -> String {
        let body = serde_urlencoded::to_string(&self.pairs).unwrap_or_default();
        if self.prefix.is_empty() {
            body
        } else {
            format!("{} {body}", self.prefix)
        }
    }
}

/// When `first` starts a request printed one parameter per line (two lines or more): the
/// request as one line, with the bytes and lines it used after `first`.
fn pairs_over_lines(first: &str, after: &str) -> Option<(String, usize, usize)> {
    let mut acc = PairLines::start(first)?;
    let (mut used, mut lines) = (0, 0);
    for raw in after.split_inclusive('\n') {
        if !acc.push(raw) {
            break;
        }
        used += raw.len();
        lines += 1;
    }
    (lines > 0).then(|| (acc.record(), used, lines))
}

/// True when some parameter name comes back on lone-pair lines (see [`lone_pair`]), two of
/// them in a row at least: several requests dumped one parameter per line.
fn pair_dumps_repeat(head: &str) -> bool {
    if head.trim_start().starts_with('<') {
        return false;
    }
    let mut seen = std::collections::HashSet::new();
    let (mut run, mut longest, mut repeated) = (0, 0, false);
    for line in head.lines().take(2000) {
        match lone_pair(line) {
            Some((name, _)) => {
                run += 1;
                longest = longest.max(run);
                repeated |= !seen.insert(name);
            }
            None => run = 0,
        }
    }
    longest >= 2 && repeated
}

/// When `first` opens an object that later lines of `after` close: the record, with the
/// bytes and lines it used after `first`. `None` when `first` is complete or nothing closes
/// it in bounds.
fn object_over_lines(first: &str, after: &str) -> Option<(String, usize, usize)> {
    let mut acc = ObjectLines::start(first)?;
    let (mut used, mut lines) = (0, 0);
    for raw in after.split_inclusive('\n') {
        used += raw.len();
        lines += 1;
        if acc.push(raw)? {
            return Some((acc.record(), used, lines));
        }
    }
    None
}

/// How many objects the text prints, each on one line or over several (a log's or a
/// comment's `Parameters: {…}` records, Ruby or Elixir maps): two or more make a log.
fn printed_objects(head: &str) -> usize {
    let mut n = 0;
    let mut rest = head;
    while let Some((line, after)) = rest.split_once('\n').or(Some((rest, ""))) {
        if let Some((_, used, _)) = object_over_lines(line, after) {
            n += 1;
            rest = after.get(used..).unwrap_or("");
        } else {
            let l = line.trim_end();
            let mut printed = false;
            if let (Some(open), Some(close)) = (l.find('{'), l.rfind('}')) {
                let inner = &l[open..=close.max(open)];
                printed = close > open && (inner.contains("=>") || inner.contains("\": "));
            }
            // A printout of the parsed form with two parameters at least (Python's dict or
            // MultiDict, Go's map, a Java map, a JavaScript object on one line).
            printed |= printed_span(l).is_some_and(|(a, b)| pairs_printed(&l[a..b]) >= 2);
            if printed {
                n += 1;
            }
            rest = after;
        }
        if rest.is_empty() || n >= 2 {
            break;
        }
    }
    n
}

/// How many `name` + separator + value pairs a printout holds, counted by the separators
/// a printout writes between a name and its value (`: `, `':`, `":`, `=>`, `=`, Go's `:[`,
/// a MultiDict's `('` before each pair), capped at 3.
fn pairs_printed(s: &str) -> usize {
    let seps = [": ", "':", "\":", "=>", ":[", "('"];
    let mut n: usize = seps.iter().map(|p| s.matches(p).count()).sum();
    if n < 2 {
        // A Java map: `{Name=value, Name=value}`.
        n += s.split(", ").filter(|p| p.contains('=')).count();
    }
    n.min(3)
}

/// True when every line is a record of its own and one of them is a whole JSON object: a
/// queue's or a log's records (a form body, then a JSON payload), not one body wrapped over
/// several lines, none of whose lines is a JSON object by itself.
fn records_one_per_line(head: &str) -> bool {
    let lines: Vec<&str> = head
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let json_object = |l: &str| {
        l.starts_with('{') && serde_json::from_str::<Value>(l).is_ok_and(|v| v.is_object())
    };
    let form = |l: &str| {
        l.contains('&')
            && l.split('&')
                .all(|p| p.split_once('=').is_some_and(|(k, _)| !k.is_empty()))
    };
    lines.len() >= 2
        && lines.iter().any(|l| json_object(l))
        && lines.iter().all(|l| json_object(l) || form(l))
}

/// True when a parameter name appears on two different lines: a log of form bodies, not
/// one body wrapped over several lines (whose names do not repeat).
fn names_repeat_across_lines(head: &str) -> bool {
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (n, line) in head
        .lines()
        .filter(|l| l.contains('=') && l.contains('&'))
        .take(50)
        .enumerate()
    {
        for seg in line.split('&') {
            let Some((name, _)) = seg.split_once('=') else {
                continue;
            };
            let name = name.rsplit([' ', '\t', '?']).next().unwrap_or(name);
            if name.is_empty() {
                continue;
            }
            match seen.insert(name, n) {
                Some(prev) if prev != n => return true,
                _ => {}
            }
        }
    }
    false
}

/// Reads one line of a line-based many-capture input (`format` from [`detect_many`]):
/// `None` for blank lines and log lines that carry no request.
pub fn capture_from_line(
    line: &str,
    format: ManyFormat,
    line_no: usize,
    offset: usize,
) -> Option<Result<Capture, CaptureError>> {
    // A line read from a stream keeps its terminator; it is no part of the capture (a
    // quoted body at the end of an access-log line must end at its quote).
    let line = line.trim_end_matches(['\n', '\r']);
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return None;
    }
    let result = if format == ManyFormat::JsonLines {
        match serde_json::from_str::<Value>(trimmed) {
            Ok(v) => {
                from_value(&v, ManyFormat::JsonLines).map_err(|m| format!("line {line_no}: {m}"))
            }
            Err(e) => Err(format!("line {line_no} is not JSON: {e}")),
        }
    } else {
        return log_capture(line).map(|c| Ok(place(c, line_no, offset)));
    };
    Some(
        result
            .map(|c| place(c, line_no, offset))
            .map_err(|message| CaptureError {
                line: Some(line_no),
                offset: Some(offset),
                message,
            }),
    )
}

fn place(mut c: Capture, line: usize, offset: usize) -> Capture {
    c.line.get_or_insert(line);
    c.offset.get_or_insert(offset);
    c
}

/// A JSON document holding several captures (HAR, Call Events, CloudEvents, an array).
fn read_document(text: &str, format: ManyFormat) -> Vec<Result<Capture, CaptureError>> {
    let err = |message: String| {
        vec![Err(CaptureError {
            line: Some(1),
            offset: Some(0),
            message,
        })]
    };
    let body = text.trim_start_matches('\u{feff}');
    let value: Value = match serde_json::from_str(body) {
        Ok(v) => v,
        Err(e) => match json_values(body) {
            // JSON values written one after another (pretty-printed objects pasted from
            // logs or an issue, `jq` output without -c): each value is one capture.
            Some(values) => return values_as_captures(body, values, format),
            None => {
                return err(format!(
                    "the {} document is not valid JSON: {e}",
                    format.id()
                ))
            }
        },
    };
    let items: Vec<(String, Value)> = match (&value, format) {
        (Value::Array(a), _) => labelled(a, "["),
        (Value::Object(o), ManyFormat::Har) => match o.get("log").and_then(|l| l.get("entries")) {
            Some(Value::Array(a)) => labelled(a, "entries["),
            _ => return err("the HAR file has no log.entries array".into()),
        },
        (Value::Object(o), ManyFormat::Postman) => {
            let caps = postman_requests(o);
            if caps.is_empty() {
                return err("the Postman collection holds no request".into());
            }
            return caps.into_iter().map(Ok).collect();
        }
        (Value::Object(o), ManyFormat::CallEvents) => {
            let hint = o.get("uri").and_then(Value::as_str).and_then(call_sid_in);
            match o.get("events") {
                Some(Value::Array(a)) => {
                    return a
                        .iter()
                        .enumerate()
                        .map(|(i, e)| {
                            call_event(e)
                                .map(|mut c| {
                                    c.label = Some(format!("events[{i}]"));
                                    c.group_hint = hint.clone();
                                    c
                                })
                                .map_err(|m| CaptureError {
                                    line: None,
                                    offset: None,
                                    message: format!("events[{i}]: {m}"),
                                })
                        })
                        .collect();
                }
                _ => return err("the Call Events resource has no events array".into()),
            }
        }
        _ => vec![(String::new(), value)],
    };
    items
        .into_iter()
        .map(|(label, v)| {
            from_value(&v, format)
                .map(|mut c| {
                    if !label.is_empty() {
                        c.label.get_or_insert(label.clone());
                    }
                    c
                })
                .map_err(|m| CaptureError {
                    line: None,
                    offset: None,
                    message: if label.is_empty() {
                        m
                    } else {
                        format!("{label}: {m}")
                    },
                })
        })
        .collect()
}

/// The JSON values of a text holding two or more of them one after another (whitespace
/// between them), with the byte offset where each starts; `None` for one value or when the
/// text does not start as JSON. Values after the first one that does not parse are kept as
/// one error (`Err` with its offset), so a damaged paste still yields what came before.
fn json_values(text: &str) -> Option<Vec<(usize, Result<Value, String>)>> {
    let mut out = Vec::new();
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<Value>();
    loop {
        let start = stream.byte_offset();
        match stream.next() {
            None => break,
            Some(Ok(v)) => {
                let at = start + (text[start..].len() - text[start..].trim_start().len());
                out.push((at, Ok(v)));
            }
            Some(Err(e)) => {
                if out.is_empty() {
                    return None;
                }
                let at = start + (text[start..].len() - text[start..].trim_start().len());
                out.push((at, Err(format!("the JSON value here does not parse: {e}"))));
                break;
            }
        }
    }
    (out.len() >= 2).then_some(out)
}

/// True when the text starts with two or more complete JSON objects one after another.
fn starts_with_json_values(head: &str) -> bool {
    let mut stream = serde_json::Deserializer::from_str(head).into_iter::<Value>();
    matches!(
        (stream.next(), stream.next()),
        (Some(Ok(Value::Object(_))), Some(Ok(Value::Object(_))))
    )
}

/// Captures of JSON values written one after another, each with its line and offset.
fn values_as_captures(
    text: &str,
    values: Vec<(usize, Result<Value, String>)>,
    format: ManyFormat,
) -> Vec<Result<Capture, CaptureError>> {
    values
        .into_iter()
        .enumerate()
        .map(|(i, (at, v))| {
            let line = text[..at].matches('\n').count() + 1;
            let made = v.and_then(|v| match (&v, format) {
                (Value::Object(o), ManyFormat::CallEvents) if o.contains_key("events") => {
                    Err("a Call Events page among other values: paste it alone".to_string())
                }
                _ => from_value(&v, ManyFormat::JsonArray),
            });
            made.map(|mut c| {
                c.label.get_or_insert(format!("[{i}]"));
                c.line = Some(line);
                c.offset = Some(at);
                c
            })
            .map_err(|m| CaptureError {
                line: Some(line),
                offset: Some(at),
                message: format!("[{i}]: {m}"),
            })
        })
        .collect()
}

/// Each element of an array with its label (`[3]`, `entries[3]`).
fn labelled(a: &[Value], open: &str) -> Vec<(String, Value)> {
    a.iter()
        .enumerate()
        .map(|(i, v)| (format!("{open}{i}]"), v.clone()))
        .collect()
}

/// The CallSid in a `/Calls/CA…/Events.json` URI.
fn call_sid_in(uri: &str) -> Option<String> {
    let at = uri.find("/Calls/")? + "/Calls/".len();
    let sid: String = uri[at..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    (sid.len() == 34 && sid.starts_with("CA")).then_some(sid)
}

/// One JSON value of any supported record shape → a capture.
fn from_value(v: &Value, format: ManyFormat) -> Result<Capture, String> {
    let o = match v {
        Value::String(s) => {
            return Ok(Capture {
                source: Some(format),
                ..Capture::new(s.clone())
            })
        }
        Value::Object(o) => o,
        other => {
            return Err(format!(
                "expected a string or an object, got {}",
                json_type(other)
            ))
        }
    };
    if o.contains_key("specversion") {
        return cloud_event(o);
    }
    if o.contains_key("Payload") && (o.contains_key("PayloadType") || o.contains_key("Level")) {
        return debugger_event(o);
    }
    if format == ManyFormat::Har || (o.contains_key("request") && o.contains_key("startedDateTime"))
    {
        return har_entry(v);
    }
    if let Some(Value::Object(req)) = o.get("request") {
        if req.contains_key("parameters") {
            return call_event(v);
        }
    }
    if is_envelope(o) {
        // An AWS Lambda/ALB event or a Monitor Alert: `inspect` unwraps the request it
        // carries (a base64 body, headers, the URL); its `body` is not the capture alone.
        let mut c = Capture {
            source: Some(format),
            ..Capture::new(v.to_string())
        };
        if o.contains_key("request_variables") {
            // A Monitor Alert keeps when the failing request was made and which resource
            // it was about.
            let text = |k: &str| o.get(k).and_then(Value::as_str).map(str::to_string);
            c.event_time = text("date_generated").or_else(|| text("date_created"));
            c.group_hint = text("resource_sid");
            if let Some(code) = o.get("error_code").and_then(|v| match v {
                Value::String(s) => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            }) {
                c.label.get_or_insert(format!("alert {code}"));
                c.logged_error = Some(code).filter(|c| !c.is_empty());
            }
        }
        return Ok(c);
    }
    if o.contains_key("input") || o.contains_key("body") {
        return logged_request(o, format, None);
    }
    // A structured log record holding the parsed form under `form` or `params` (Go's
    // `PostForm`, a framework's params), as an object.
    if let Some(key) = ["form", "params"]
        .into_iter()
        .find(|k| o.get(*k).is_some_and(Value::is_object))
    {
        return logged_request(o, format, Some(key));
    }
    // An object of parameters: the webhook itself, written as JSON.
    Ok(Capture {
        source: Some(format),
        ..Capture::new(v.to_string())
    })
}

/// A record with the request in `key` (`input` or `body` when not given; and optional
/// `url`, `method`, `headers`, `receivedAt`). Structured loggers (pino, winston, bunyan, zap, logstash) write
/// the parsed form as an object under `body`, and the time they logged it under their own
/// key (`time`, `timestamp`, `@timestamp`, `ts`): the object's parameters are the form, and
/// that time is when the request was received.
fn logged_request(
    o: &Map<String, Value>,
    format: ManyFormat,
    key: Option<&str>,
) -> Result<Capture, String> {
    let key = key.unwrap_or(if o.contains_key("input") {
        "input"
    } else {
        "body"
    });
    let params = match o.get(key) {
        Some(Value::Object(p)) => Some(form_of_logged(p)),
        _ => None,
    };
    let mut rest = o.clone();
    if params.is_some() {
        rest.remove(key);
    }
    let mut c: Capture = serde_json::from_value(Value::Object(rest))
        .map_err(|e| format!("not a capture object: {e}"))?;
    if let Some(form) = params {
        c.input = form;
    }
    if c.received_at.is_none() {
        c.received_at = ["time", "timestamp", "@timestamp", "ts"]
            .iter()
            .find_map(|k| o.get(*k).and_then(super::capture::scalar_text))
            .filter(|t| time::parse_millis(t).is_some());
    }
    c.source = Some(format);
    Ok(c)
}

/// A form body from a logged object of parameters, names kept as written (a value printed
/// as a one-element list, as a `QueryDict` or `url.Values` holds it, is that value).
fn form_of_logged(p: &Map<String, Value>) -> String {
    let pairs: Vec<(String, String)> = p
        .iter()
        .filter_map(|(k, v)| {
            let v = match v {
                Value::Array(a) if a.len() == 1 => &a[0],
                other => other,
            };
            Some((k.clone(), super::capture::scalar_text(v)?))
        })
        .collect();
    serde_urlencoded::to_string(&pairs).unwrap_or_default()
}

/// True for the JSON envelopes `inspect` reads as the request they carry: Lambda HTTP events
/// (ALB and API Gateway v1: `httpMethod`, `headers`, `body`; v2: `rawPath`,
/// `requestContext`) and Monitor Alerts (`request_variables`).
fn is_envelope(o: &Map<String, Value>) -> bool {
    let lambda_v1 = o.contains_key("httpMethod") && o.contains_key("headers");
    let lambda_v2 = o.contains_key("rawPath") && o.contains_key("requestContext");
    ((lambda_v1 || lambda_v2) && o.contains_key("body")) || o.contains_key("request_variables")
}

/// `METHOD target HTTP/x` at the start of a line.
fn request_line(line: &str) -> Option<&str> {
    let l = line.trim_end_matches('\r');
    let (method, rest) = l.split_once(' ')?;
    if !matches!(
        method,
        "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS"
    ) {
        return None;
    }
    let (target, version) = rest.rsplit_once(' ')?;
    (version.starts_with("HTTP/") && !target.is_empty()).then_some(method)
}

fn is_status_line(line: &str) -> bool {
    let l = line.trim_end_matches('\r');
    l.starts_with("HTTP/")
        && l.split(' ')
            .nth(1)
            .is_some_and(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_digit()))
}

/// A line that starts a curl command (`curl …`, or `$ curl …` as a shell session shows it).
fn curl_line(line: &str) -> bool {
    let l = line.trim_start();
    let l = l.strip_prefix("$ ").unwrap_or(l);
    l.starts_with("curl ") || l.starts_with("curl.exe ")
}

/// Where a shell command that starts at byte `start` ends: the first line break outside
/// quotes that no backslash continues (or the end of the text).
fn command_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let (mut single, mut double, mut escaped) = (false, false, false);
    for (i, &b) in bytes.iter().enumerate().skip(start) {
        if escaped {
            escaped = false;
            continue;
        }
        match b {
            b'\\' if !single => escaped = true,
            b'\'' if !double => single = !single,
            b'"' if !single => double = !double,
            b'\n' if !single && !double => return i + 1,
            _ => {}
        }
    }
    text.len()
}

/// Byte spans of raw HTTP requests: each starts at a request line and ends at the next
/// request line or response status line. When several curl commands follow one another (a
/// test script, a shell history), each command is a request too, ending where the command
/// ends (script lines between commands are skipped).
/// Starts are `(byte offset, 1-based line)`.
fn http_spans(text: &str) -> (Vec<(usize, usize)>, Vec<usize>) {
    let curls = text.lines().filter(|l| curl_line(l)).count() >= 2;
    let mut starts = Vec::new();
    let mut ends = Vec::new();
    let mut pos = 0;
    // The end of the curl command being read, if inside one.
    let mut skip_to = 0;
    for (n, l) in text.split_inclusive('\n').enumerate() {
        let at = pos;
        pos += l.len();
        if at < skip_to {
            continue;
        }
        if request_line(l).is_some() || (curls && curl_line(l)) {
            if starts.len() > ends.len() {
                ends.push(at);
            }
            starts.push((at, n + 1));
            if curls && curl_line(l) {
                skip_to = command_end(text, at);
                ends.push(skip_to);
            }
        } else if is_status_line(l) && starts.len() > ends.len() {
            ends.push(at);
        }
    }
    (starts, ends)
}

fn http_capture(text: &str, (start, line): (usize, usize), end: usize) -> Capture {
    // A time written just before the request (`### 2024-05-29 10:57:57`, `[time]`).
    let before = text[..start].trim_end();
    let last = before.rsplit('\n').next().unwrap_or("");
    let received_at = time::leading_time(last.trim_start_matches(['#', '-', '>', ' ', '*']))
        .map(|(_, t, _)| t.to_string());
    Capture {
        source: Some(ManyFormat::Http),
        line: Some(line),
        offset: Some(start),
        received_at,
        ..Capture::new(text[start..end].trim_end())
    }
}

/// One log line: an optional time prefix, then a form body, a URL with a query or a JSON
/// object somewhere in it.
fn log_capture(line: &str) -> Option<Capture> {
    let (received_at, rest) = match time::leading_time(line) {
        Some((_, t, len)) => (Some(t.to_string()), line.get(len..).unwrap_or("")),
        None => (None, line),
    };
    let mut c = Capture {
        source: Some(ManyFormat::Log),
        received_at,
        ..Capture::default()
    };
    // A program's printout of the parsed form: Go's `map[…]`, Werkzeug's `MultiDict([…])`,
    // a Java map's `{Name=value, …}`, or an object literal (below).
    if let Some((start, end)) = printed_span(rest) {
        c.input = rest[start..end].to_string();
        return Some(c);
    }
    // A PHP array printed over lines (`print_r`, `var_export`), joined by the reader.
    if let Some(at) = php_array_start(rest) {
        c.input = rest[at..].to_string();
        return Some(c);
    }
    if let (Some(open), Some(close)) = (rest.find('{'), rest.rfind('}')) {
        // A JSON object, a JavaScript or Python rendering (`key: value`) or a Ruby hash
        // (`"Key"=>"value"`, as Rails logs its Parameters).
        let inner = &rest[open..=close.max(open)];
        if close > open && (inner.contains(':') || inner.contains("=>")) {
            c.input = rest[open..=close].to_string();
            return Some(c);
        }
    }
    let tokens: Vec<&str> = rest
        .split([' ', '\t'])
        .map(|t| t.trim_matches(|ch| matches!(ch, '"' | '\'' | '[' | ']' | ',' | ';')))
        .filter(|t| !t.is_empty())
        .collect();
    // The body is the token with the most parameters, but a form of two or more parameters
    // wins over a path or URL with a query (`POST /status?uuid=1&x=2 MessageSid=…&…`: the
    // request line, then the body); a lone `key=value` does not (`GET /voice?… status=200`).
    // A URL starts with its path or its scheme; a form whose values hold URLs
    // (`RecordingUrl=https://…`, `MediaUrl0=…`, decoded as logs print them) is still a form.
    let is_url =
        |t: &str| t.starts_with('/') || t.find("://").is_some_and(|p| !t[..p].contains(['=', '&']));
    // Candidate bodies: tokens with `=`, each form carried over the spaces of its values.
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut k = 0;
    while k < tokens.len() {
        // A body starts with `key=`: a lone `=` or `==` of program text is none.
        if tokens[k]
            .split_once('=')
            .is_none_or(|(key, _)| key.is_empty())
        {
            k += 1;
            continue;
        }
        let end = if is_url(tokens[k]) {
            k
        } else {
            form_run_end(&tokens, k)
        };
        runs.push((k, end));
        k = end + 1;
    }
    let offset = |t: &str| t.as_ptr() as usize - rest.as_ptr() as usize;
    let span = |(s, e): (usize, usize)| {
        rest.get(offset(tokens[s])..offset(tokens[e]) + tokens[e].len())
            .unwrap_or(tokens[s])
    };
    let (i, body) = runs
        .iter()
        .map(|&(s, e)| (s, span((s, e))))
        .max_by_key(|&(s, b)| {
            let amps = b.matches('&').count();
            (amps > 0 && !is_url(tokens[s]), amps, usize::MAX - s)
        })?;
    // No form body, several `key=value` fields: a logfmt record (a router's or an app's
    // structured line). It is a request only when its fields are Twilio's parameters.
    if !body.contains('&') && !is_url(tokens[i]) && runs.len() >= 2 {
        let pairs = logfmt_pairs(rest);
        if pairs.len() >= 2 {
            let named: Vec<(&str, String)> = pairs
                .into_iter()
                .filter(|(k, _)| crate::catalog::params_named(k).next().is_some())
                .collect();
            if named.len() < 2 {
                return None;
            }
            c.input = serde_urlencoded::to_string(&named).unwrap_or_default();
            return Some(c);
        }
    }
    // `POST /path body` or `POST body`: the method is one or two tokens before.
    if let Some(m) = tokens[i.saturating_sub(2)..i]
        .iter()
        .rev()
        .find(|t| matches!(**t, "GET" | "POST"))
    {
        c.options.method = Some((*m).to_string());
    }
    if body.contains("PayloadType=") && body.contains("Payload=") {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(body).unwrap_or_default();
        let o: Map<String, Value> = pairs
            .into_iter()
            .map(|(k, v)| (k, Value::String(v)))
            .collect();
        return debugger_event(&o).ok().map(|mut d| {
            d.received_at = c.received_at.take();
            d
        });
    }
    c.input = body.to_string();
    Some(c)
}

/// How many lines (of the first 200) are logfmt records with two of Twilio's parameters
/// or more, capped at 2.
fn logfmt_requests(head: &str) -> usize {
    head.lines()
        .take(200)
        .filter(|l| {
            logfmt_pairs(l)
                .iter()
                .filter(|(k, _)| crate::catalog::params_named(k).next().is_some())
                .count()
                >= 2
        })
        .take(2)
        .count()
}

/// The `key=value` fields of a logfmt line (`at=info path="/sms" status=204`): a value in
/// double quotes may hold spaces and `\"`; words that are not fields are passed over.
fn logfmt_pairs(line: &str) -> Vec<(&str, String)> {
    let bytes = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while i < bytes.len()
            && (bytes[i].is_ascii_alphanumeric() || matches!(bytes[i], b'_' | b'-' | b'.'))
        {
            i += 1;
        }
        let key = &line[start..i];
        if key.is_empty() || bytes.get(i) != Some(&b'=') {
            // A word, not a field: skip it.
            while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            continue;
        }
        i += 1;
        let value = if bytes.get(i) == Some(&b'"') {
            let mut v = String::new();
            let mut chars = line[i + 1..].char_indices();
            let mut end = line.len();
            while let Some((j, ch)) = chars.next() {
                match ch {
                    '\\' => {
                        if let Some((_, n)) = chars.next() {
                            v.push(n);
                        }
                    }
                    '"' => {
                        end = i + 1 + j + 1;
                        break;
                    }
                    _ => v.push(ch),
                }
            }
            i = end;
            v
        } else {
            let vs = i;
            while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            line[vs..i].to_string()
        };
        out.push((key, value));
    }
    out
}

/// The last token of the form body that starts at `tokens[i]`, carried over the spaces a
/// decoded value may hold: logs and test fixtures print bodies decoded (`Timestamp=Mon, 02 Jan
/// 2006 15:04:05 -0700&CallSid=…`, which form parsers accept as written). A later token
/// continues the body when the text before its first `&` holds no `=` (the rest of a value)
/// and a `key=` follows the `&`; the words between are part of that value. A token that
/// starts a new list of pairs (`id=1&x=2`) or a lone `key=value` ends it.
fn form_run_end(tokens: &[&str], i: usize) -> usize {
    let mut end = i;
    for (j, t) in tokens.iter().enumerate().skip(i + 1) {
        match t.split_once('&') {
            Some((head, tail)) if !head.contains('=') => {
                let key = tail.split_once('=').map(|(k, _)| k);
                if !key.is_some_and(|k| !k.is_empty() && !k.contains(['/', ':'])) {
                    break;
                }
                end = j;
            }
            Some(_) => break,
            None if t.contains('=') => break,
            None => {}
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_terminator_is_no_part_of_the_capture() {
        // The CLI streams lines with their terminator; the library splits them without.
        let line = r#"54.172.60.5 - - [03/Mar/2025:16:21:47 +0000] "POST /s HTTP/1.1" 499 0 "-" "TwilioProxy/1.1" rt=5.001 "CallSid=CA5e6f708192a3b4c5d6e7f8091a2b3c4d&CallStatus=completed&Duration=2""#;
        let read = |l: &str| {
            capture_from_line(l, ManyFormat::Log, 1, 0)
                .and_then(Result::ok)
                .map(|c| c.input)
        };
        let bare = read(line).expect("a capture");
        assert!(bare.ends_with("Duration=2"), "{bare}");
        assert_eq!(read(&format!("{line}\n")).as_deref(), Some(bare.as_str()));
        assert_eq!(read(&format!("{line}\r\n")).as_deref(), Some(bare.as_str()));
    }

    #[test]
    fn log_lines_with_and_without_time() {
        let text = "2024-05-29 10:57:57 INFO POST /sms MessageSid=SM1&MessageStatus=sent\n\
                    noise without a body\n\
                    MessageSid=SM1&MessageStatus=delivered\n";
        let r = read_captures(text);
        assert_eq!(r.format(), ManyFormat::Log);
        let caps: Vec<_> = r.collect::<Result<_, _>>().unwrap();
        assert_eq!(caps.len(), 2);
        assert_eq!(caps[0].input, "MessageSid=SM1&MessageStatus=sent");
        assert_eq!(caps[0].received_at.as_deref(), Some("2024-05-29 10:57:57"));
        assert_eq!(caps[0].options.method.as_deref(), Some("POST"));
        assert_eq!(caps[1].line, Some(3));
    }

    #[test]
    fn requests_dumped_one_parameter_per_line() {
        // Two requests, each printed one `Name=value` per line after a log prefix (a header
        // line between them, a decoded value with a space), then two logfmt lines (one of
        // other fields, one of Twilio's) and a lone pair by itself, which stays as it was.
        let text = "2024-05-29 10:57:57 INFO ---- status\n\
                    2024-05-29 10:57:57 INFO   (CallSid=CA1)\n\
                    2024-05-29 10:57:57 INFO   (CallStatus=ringing)\n\
                    2024-05-29 10:57:58 INFO   (Caller=Jane Doe)\n\
                    2024-05-29 10:58:03 INFO   CallSid=CA1\n\
                    2024-05-29 10:58:03 INFO   CallStatus=completed\n\
                    x=1 y=2\n\
                    CallSid=CA1 CallStatus=completed took=3ms\n\
                    MessageSid=SM1\n";
        let r = read_captures(text);
        assert_eq!(r.format(), ManyFormat::Log);
        let caps: Vec<_> = r.collect::<Result<_, _>>().unwrap();
        let inputs: Vec<&str> = caps.iter().map(|c| c.input.as_str()).collect();
        assert_eq!(
            inputs,
            [
                "CallSid=CA1&CallStatus=ringing&Caller=Jane+Doe",
                "CallSid=CA1&CallStatus=completed",
                // A logfmt line of other fields is no request; one of Twilio's parameters
                // is read whole (its own fields only).
                "CallSid=CA1&CallStatus=completed",
                "MessageSid=SM1"
            ]
        );
        assert_eq!(caps[0].line, Some(2));
        assert_eq!(caps[0].received_at.as_deref(), Some("2024-05-29 10:57:57"));
        assert_eq!(caps[1].line, Some(5));
        // One request alone, one parameter per line, is not a log of several.
        assert_ne!(
            detect_many("CallSid=CA1\nCallStatus=ringing\n"),
            ManyFormat::Log
        );
        // Nor is one command whose argument lines repeat a parameter (continued lines, flags).
        let curl = "curl -X POST https://api.twilio.com/2010-04-01/Accounts/AC1/Calls.json \\\n\
                    \x20 --data-urlencode \"StatusCallbackEvent=initiated\" \\\n\
                    \x20 --data-urlencode \"StatusCallbackEvent=answered\" \\\n\
                    \x20 -d StatusCallbackEvent=completed\n";
        assert_eq!(detect_many(curl), ManyFormat::Single);
    }

    #[test]
    fn objects_printed_over_lines_in_comments() {
        // Two Ruby hashes pasted in comments, each over several lines, and a one-line
        // Parameters record between them: three records.
        let text = "# {\"CallSid\"=>\"CA1\",\n#  \"CallStatus\"=>\"ringing\"}\n\
                    #   Parameters: {\"CallSid\"=>\"CA1\", \"CallStatus\"=>\"in-progress\"}\n\
                    # {\"CallSid\"=>\"CA1\",\n#  \"CallStatus\"=>\n#  \"completed\"}\n";
        assert_eq!(detect_many(text), ManyFormat::Log);
        let caps: Vec<_> = read_captures(text).collect::<Result<_, _>>().unwrap();
        assert_eq!(caps.len(), 3);
        assert_eq!(caps[0].line, Some(1));
        assert!(caps[2].input.contains("completed") && caps[2].input.contains("CA1"));
        assert_eq!(caps[2].line, Some(4));
        // The streaming readers gather the same record line by line.
        let mut acc = ObjectLines::start("# {\"CallSid\"=>\"CA1\",").unwrap();
        assert_eq!(acc.push("#  \"CallStatus\"=>\"ringing\"}"), Some(true));
        assert!(acc.record().ends_with("\"CallStatus\"=>\"ringing\"}"));
        // A complete object on its line, or a brace in prose, starts nothing.
        assert!(ObjectLines::start("{\"a\": 1}").is_none());
        assert!(ObjectLines::start("fn main() {").is_none());
        assert!(ObjectLines::start("  # payload: {").is_some());
    }

    #[test]
    fn log_lines_with_decoded_values() {
        // Values printed decoded: a Timestamp with spaces, URLs in values. The body is the
        // whole form, not the part before the first space, and not the piece after a URL.
        let text = "ConferenceSid=CF1&Timestamp=Mon, 02 Jan 2006 15:04:05 -0700&StatusCallbackEvent=announcement-fail&CallSid=CA1&Hold=false&Coaching=false&AnnounceUrl=http://some.url/file.mp4\n\
                    RecordingSid=RE1&ConferenceSid=CF1&RecordingUrl=http://example.com/a.mp4&RecordingStatus=completed&RecordingStartTime=Mon, 02 Jan 2006 15:04:05 -0700&RecordingSource=Conference\n\
                    2024-05-29 10:57:57 POST /status?uuid=1&x=2 ConferenceSid=CF1&StatusCallbackEvent=participant-leave took 12 ms id=7&y=8\n";
        let caps: Vec<_> = read_captures(text).collect::<Result<_, _>>().unwrap();
        assert_eq!(caps.len(), 3);
        assert_eq!(caps[0].input, text.lines().next().unwrap());
        assert_eq!(caps[1].input, text.lines().nth(1).unwrap());
        // Words after the body, and a later list of pairs, stay out of it.
        assert_eq!(
            caps[2].input,
            "ConferenceSid=CF1&StatusCallbackEvent=participant-leave"
        );
        // A URL with a query is still a URL.
        let url = "GET https://h.example/voice?CallSid=CA1&CallStatus=ringing status=200";
        let c = log_capture(url).unwrap();
        assert_eq!(
            c.input,
            "https://h.example/voice?CallSid=CA1&CallStatus=ringing"
        );
    }

    #[test]
    fn log_of_json_objects_after_a_time() {
        let text = "2024-05-29T10:57:57Z webhook {\"MessageSid\": \"SM1\", \"MessageStatus\": \"sent\"}\n\
                    2024-05-29T10:57:58Z webhook {\"MessageSid\": \"SM1\", \"MessageStatus\": \"delivered\"}\n";
        let r = read_captures(text);
        assert_eq!(r.format(), ManyFormat::Log);
        let caps: Vec<_> = r.collect::<Result<_, _>>().unwrap();
        assert_eq!(caps.len(), 2);
        assert!(caps[1].input.starts_with('{') && caps[1].input.contains("delivered"));
        assert_eq!(caps[1].received_at.as_deref(), Some("2024-05-29T10:57:58Z"));
        // One form body wrapped over lines is one capture, not a log.
        assert_eq!(detect_many("A=1&B=2\nC=3"), ManyFormat::Single);
        assert_eq!(
            detect_many("CallSid=CA1&From=%2B1\n4155550100&To=%2B1&AccountSid=AC1\n&Body=hi"),
            ManyFormat::Single
        );
        assert_eq!(
            detect_many("CallSid=CA1&CallStatus=ringing\nCallSid=CA1&CallStatus=completed"),
            ManyFormat::Log
        );
        // A form body and a JSON record, one per line (a queue's records): two captures.
        let text = "MessageSid=SM1&SmsStatus=received&Body=Hi\n{\"wait\":\"not url encoded\"}";
        assert_eq!(detect_many(text), ManyFormat::Log);
        let caps: Vec<_> = read_captures(text).collect();
        assert_eq!(caps.len(), 2);
    }

    #[test]
    fn curl_commands_one_after_another() {
        // A quoted body over several lines, a quoted newline, and script lines between.
        let text = "#!/bin/sh\necho 'first'\ncurl -X POST http://h/s \\\n  -d '{\n \"MessageSid\": \"SM1\",\n \"MessageStatus\": \"sent\"\n}'\necho \"done\"\n$ curl http://h/s -d \"MessageSid=SM1&MessageStatus=delivered\"\n";
        assert_eq!(detect_many(text), ManyFormat::Http);
        let caps: Vec<_> = read_captures(text).collect::<Result<_, _>>().unwrap();
        assert_eq!(caps.len(), 2);
        assert!(caps[0].input.starts_with("curl -X POST"));
        assert!(caps[0].input.ends_with("}'"));
        assert_eq!(caps[0].line, Some(3));
        assert!(caps[1].input.ends_with("delivered\""));
        // One curl command alone stays a single capture.
        assert_eq!(detect_many("curl http://h -d 'A=1'\n"), ManyFormat::Single);
    }

    #[test]
    fn monitor_alerts_keep_their_time_and_resource() {
        let text = r#"{"error_code": "11200", "date_generated": "2016-10-27T02:34:21Z", "resource_sid": "CA1", "request_url": "https://h/a", "request_variables": "CallSid=CA1&CallStatus=in-progress"}
{"error_code": 4107, "date_created": "2014-02-05T22:07:02Z", "resource_sid": "SM2", "request_variables": null}"#;
        let caps: Vec<_> = read_captures(text).collect::<Result<_, _>>().unwrap();
        assert_eq!(caps.len(), 2);
        assert_eq!(caps[0].event_time.as_deref(), Some("2016-10-27T02:34:21Z"));
        assert_eq!(caps[0].group_hint.as_deref(), Some("CA1"));
        assert_eq!(caps[0].label.as_deref(), Some("alert 11200"));
        assert_eq!(caps[1].event_time.as_deref(), Some("2014-02-05T22:07:02Z"));
        assert_eq!(caps[1].label.as_deref(), Some("alert 4107"));
    }

    #[test]
    fn http_requests_with_responses_between() {
        let text = "POST /a HTTP/1.1\nHost: x\n\nA=1&B=2\nHTTP/1.1 200 OK\n\n<Response/>\nPOST /b HTTP/1.1\nHost: x\n\nC=3\n";
        let caps: Vec<_> = read_captures(text).collect::<Result<_, _>>().unwrap();
        assert_eq!(caps.len(), 2);
        assert!(caps[0].input.ends_with("A=1&B=2"));
        assert!(caps[1].input.starts_with("POST /b"));
        assert_eq!(caps[1].line, Some(8));
    }

    #[test]
    fn empty_input_has_no_capture() {
        assert_eq!(read_captures("").count(), 0);
        assert_eq!(read_captures(" \n\t\n").count(), 0);
    }

    #[test]
    fn bad_json_line_is_reported_not_fatal() {
        let text = "{\"input\":\"A=1&B=2\"}\n{oops\n\"C=3&D=4\"\n";
        let items: Vec<_> = read_captures(text).collect();
        assert_eq!(items.len(), 3);
        assert!(items[1].is_err());
        assert_eq!(items[2].as_ref().unwrap().input, "C=3&D=4");
    }
}
