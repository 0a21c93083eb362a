//! Log prefixes every line shares: timestamps (ISO, bracketed, syslog), levels, process and
//! container tags, logger names.

use super::{rebuild, Layer};
use crate::decode::http::lines_of;

/// The prefix a logger, process manager or container runtime writes before each line.
pub(super) fn log_prefix(t: &str) -> Option<Layer> {
    let ls = lines_of(t);
    let mut kept = Vec::with_capacity(ls.len());
    let mut what: Option<&'static str> = None;
    for (off, l) in &ls {
        if l.trim().is_empty() {
            kept.push(Some((*off, 0, 0)));
            continue;
        }
        let (n, kind) = log_line_prefix(l)?;
        what.get_or_insert(kind);
        kept.push(Some((*off, n.min(l.len()), l.len())));
    }
    rebuild(t, &kept, what?.to_string())
}

/// What log-level prefixes are called in the `wrapper-unwrapped` finding.
const LEVELS_WHAT: &str = "log-level prefixes (`INFO:`)";

/// The length of a log prefix on one line and what it is, if the line has one: a sequence of
/// timestamps, `[…]` fields, levels, `name | ` process tags, `app[web.1]:` and syslog fields.
fn log_line_prefix(l: &str) -> Option<(usize, &'static str)> {
    let mut pos = 0;
    let mut kind: Option<&'static str> = None;
    let mut any = false;
    let mut after_level = false;
    loop {
        let rest = l.get(pos..)?;
        let ws = rest.len() - rest.trim_start().len();
        let r = rest.get(ws..)?;
        let step = timestamp(r)
            .map(|n| (n, "log timestamp prefixes"))
            .or_else(|| syslog_date(r).map(|n| (n, "syslog prefixes")))
            .or_else(|| {
                process_tag(r).map(|n| (n, "process-manager or container prefixes (`name | `)"))
            })
            .or_else(|| dyno_tag(r).map(|n| (n, "process prefixes (`app[web.1]:`)")))
            .or_else(|| level(r).map(|n| (n, LEVELS_WHAT)))
            .or_else(|| bracketed(r).filter(|_| any).map(|n| (n, "log prefixes")))
            .or_else(|| separator(r).filter(|_| any).map(|n| (n, "log prefixes")))
            .or_else(|| {
                logger_before_level(r)
                    .filter(|_| any)
                    .map(|n| (n, "log prefixes"))
            })
            .or_else(|| {
                // Only after a level (Spring's `INFO 4242 --- … : `), never content alone.
                later_field(r)
                    .filter(|_| after_level)
                    .map(|n| (n, "log prefixes"))
            });
        match step {
            Some((n, k)) if n > 0 => {
                kind.get_or_insert(k);
                any = true;
                after_level |= k == LEVELS_WHAT;
                pos += ws + n;
                if k == "syslog prefixes" {
                    // `host prog[pid]:` follow the date.
                    pos += syslog_tail(l.get(pos..)?);
                }
            }
            _ => break,
        }
    }
    let rest = l.get(pos..)?;
    let sep = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    kind.map(|k| (pos + sep, k))
}

fn count_digits(s: &str) -> usize {
    s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len()
}

/// `2024-03-01T12:00:00.123Z`, `2024-03-01 12:00:00,123 +0000`, `[2024-03-01 12:00:00]`,
/// `12:00:00.123`.
fn timestamp(r: &str) -> Option<usize> {
    let (open, body) = match r.strip_prefix('[') {
        Some(b) => (1, b),
        None => (0, r),
    };
    let b = body.as_bytes();
    let mut i = 0;
    let date = b.len() >= 10
        && count_digits(body) == 4
        && matches!(b.get(4), Some(b'-' | b'/'))
        && body
            .get(5..7)
            .is_some_and(|d| d.bytes().all(|c| c.is_ascii_digit()))
        && matches!(b.get(7), Some(b'-' | b'/'))
        && body
            .get(8..10)
            .is_some_and(|d| d.bytes().all(|c| c.is_ascii_digit()));
    if date {
        i = 10;
        if matches!(b.get(i), Some(b'T' | b' ')) && body.get(i + 1..).is_some_and(is_time) {
            i += 1;
        } else {
            return finish_stamp(body, i, open);
        }
    }
    if !body.get(i..).is_some_and(is_time) {
        return None;
    }
    i += 8;
    if matches!(b.get(i), Some(b'.' | b',')) {
        i += 1 + count_digits(body.get(i + 1..)?);
    }
    if b.get(i) == Some(&b'Z') {
        i += 1;
    } else if matches!(b.get(i), Some(b'+' | b'-')) {
        let d = count_digits(body.get(i + 1..)?);
        if d >= 2 {
            i += 1 + d;
            if b.get(i) == Some(&b':') && count_digits(body.get(i + 1..)?) == 2 {
                i += 3;
            }
        }
    } else if body
        .get(i..)
        .is_some_and(|z| z.starts_with(" UTC") || z.starts_with(" +"))
    {
        let z = body.get(i + 1..)?;
        let len = z.find([' ', ']']).unwrap_or(z.len());
        i += 1 + len;
    }
    finish_stamp(body, i, open)
}

fn finish_stamp(body: &str, i: usize, open: usize) -> Option<usize> {
    if open == 1 {
        let close = body.get(i..)?.find(']')?;
        return Some(open + i + close + 1);
    }
    Some(i)
}

fn is_time(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 8
        && b[..2].iter().all(u8::is_ascii_digit)
        && b[2] == b':'
        && b[3..5].iter().all(u8::is_ascii_digit)
        && b[5] == b':'
        && b[6..8].iter().all(u8::is_ascii_digit)
}

/// `Mar  1 12:00:00` (syslog).
fn syslog_date(r: &str) -> Option<usize> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = r.get(..3)?;
    if !MONTHS.contains(&month) {
        return None;
    }
    let after = r.get(3..)?;
    let sp = after.len() - after.trim_start_matches(' ').len();
    if sp == 0 {
        return None;
    }
    let day = after.get(sp..)?;
    let d = count_digits(day);
    if !(1..=2).contains(&d)
        || !day.get(d..)?.starts_with(' ')
        || !day.get(d + 1..).is_some_and(is_time)
    {
        return None;
    }
    Some(3 + sp + d + 1 + 8)
}

/// After a syslog date: ` host prog[pid]:`.
fn syslog_tail(r: &str) -> usize {
    let mut pos = 0;
    for _ in 0..2 {
        let Some(rest) = r.get(pos..) else { break };
        let ws = rest.len() - rest.trim_start().len();
        let Some(word) = rest.get(ws..) else { break };
        let len = word.find(char::is_whitespace).unwrap_or(word.len());
        pos += ws + len;
        if word.get(..len).is_some_and(|w| w.ends_with(':')) {
            break;
        }
    }
    pos
}

/// `web.1  | ` (foreman, docker compose): a name, spaces, `|`.
fn process_tag(r: &str) -> Option<usize> {
    let name = r.len()
        - r.trim_start_matches(|c: char| c.is_alphanumeric() || matches!(c, '.' | '_' | '-'))
            .len();
    if name == 0 {
        return None;
    }
    let after = r.get(name..)?;
    let sp = after.len() - after.trim_start_matches(' ').len();
    let rest = after.get(sp..)?;
    if sp == 0 || !(rest.starts_with("| ") || rest == "|") {
        return None;
    }
    Some(name + sp + 1)
}

/// `app[web.1]:` (Heroku) or `prog[123]:`.
fn dyno_tag(r: &str) -> Option<usize> {
    let word = r.len()
        - r.trim_start_matches(|c: char| c.is_alphanumeric() || matches!(c, '_' | '-'))
            .len();
    let rest = r.get(word..)?.strip_prefix('[')?;
    let close = rest.find(']')?;
    rest.get(close + 1..)?
        .starts_with(':')
        .then_some(word + 1 + close + 2)
}

/// `INFO`, `[INFO]`, `INFO:`, `INFO -`, `INFO --:`, `INFO:root:`, `I,`.
fn level(r: &str) -> Option<usize> {
    const LEVELS: [&str; 10] = [
        "TRACE", "DEBUG", "INFO", "NOTICE", "WARNING", "WARN", "ERROR", "FATAL", "CRITICAL",
        "VERBOSE",
    ];
    let (open, body) = match r.strip_prefix('[') {
        Some(b) => (1, b),
        None => (0, r),
    };
    if open == 0 && r.len() >= 2 && matches!(r.get(..2), Some("I," | "D," | "W," | "E," | "F,")) {
        return Some(2);
    }
    let lv = LEVELS.iter().find(|lv| body.starts_with(**lv))?;
    let mut i = lv.len();
    let after = body.get(i..)?;
    // A level is a word of its own (`INFO=1` is a form pair, not a level).
    if !(after.is_empty() || after.starts_with([':', ' ', '\t', ']', '-'])) {
        return None;
    }
    if open == 1 {
        i += after.find(']')? + 1;
    }
    let rest = body.get(i..)?;
    // Separators: `:`, ` -`, ` --`, ` - `, `--:`, and Python's `INFO:logger:`.
    if let Some(r2) = rest.strip_prefix(':') {
        i += 1;
        let name = r2.len()
            - r2.trim_start_matches(|c: char| c.is_alphanumeric() || matches!(c, '.' | '_'))
                .len();
        if name > 0 && r2.get(name..).is_some_and(|x| x.starts_with(':')) {
            i += name + 1;
        }
    } else {
        let t = rest.trim_start_matches(' ');
        let dashes = t.len() - t.trim_start_matches('-').len();
        if dashes > 0 {
            i += rest.len() - t.len() + dashes;
            let t2 = body.get(i..)?.trim_start_matches(' ');
            if t2.starts_with(':') {
                i = body.len() - t2.len() + 1;
            }
        }
    }
    Some(open + i)
}

/// After another log field: a process id (`4242`), Spring's `---`, or a logger name followed
/// by ` : ` (`c.e.SmsController : `).
fn later_field(r: &str) -> Option<usize> {
    let word = r.find(char::is_whitespace).unwrap_or(r.len());
    let w = r.get(..word)?;
    if !w.is_empty() && (w.bytes().all(|b| b.is_ascii_digit()) || w == "---") {
        return Some(word);
    }
    let logger = !w.is_empty()
        && w.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '$'));
    let after = r.get(word..)?;
    let colon = after.trim_start_matches(' ');
    // A space before the colon: `Host: x` or `From: x` are not logger names.
    let spaced = colon.len() < after.len();
    (logger && spaced && colon.starts_with(": ")).then(|| word + (after.len() - colon.len()) + 1)
}

/// A lone `-`, `--`, `|` or `::` between log fields (Python's `%(asctime)s - %(name)s - …`).
fn separator(r: &str) -> Option<usize> {
    let word = r.find(char::is_whitespace)?;
    matches!(r.get(..word)?, "-" | "--" | "|" | "::").then_some(word)
}

/// A logger name followed by ` - ` and a level (`app.sms - INFO - …`).
fn logger_before_level(r: &str) -> Option<usize> {
    let word = r.find(' ')?;
    let name = r.get(..word)?;
    let named = name
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_'));
    let rest = r.get(word..)?.strip_prefix(" - ")?;
    (named && level(rest).is_some()).then_some(word + 2)
}

/// A `[…]` field (thread, request id, logger name) after another log field.
fn bracketed(r: &str) -> Option<usize> {
    let body = r.strip_prefix('[')?;
    let close = body.find(']')?;
    (close <= 64).then_some(close + 2)
}
