//! Reading the times found in captures and logs: RFC 2822 (`Timestamp` of voice callbacks),
//! RFC 3339 / ISO 8601 (HAR, Event Streams, log prefixes), `YYYY-MM-DD HH:MM:SS[.fff]`
//! (assumed UTC), PHP's `DD-Mon-YYYY HH:MM:SS UTC` and Unix epoch seconds (with or without
//! a fraction) or milliseconds.

use chrono::{DateTime, NaiveDateTime};

/// Milliseconds since the Unix epoch for a time written in any of the accepted forms.
pub(crate) fn parse_millis(text: &str) -> Option<i64> {
    let t = text
        .trim()
        .trim_matches(|c| c == '[' || c == ']' || c == '"');
    if t.is_empty() || t.len() > 64 {
        return None;
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(t) {
        return Some(d.timestamp_millis());
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(t) {
        return Some(d.timestamp_millis());
    }
    // `2024-05-29T10:57:57.563495225Z` has more fraction digits than RFC 3339 parsers like
    // in some versions; and logs write `2024-05-29 10:57:57,123` or without a zone.
    let normal: String = t.chars().map(|c| if c == ',' { '.' } else { c }).collect();
    let (body, zone_ms) = split_zone(&normal);
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y/%m/%d %H:%M:%S%.f",
        "%d/%b/%Y:%H:%M:%S",
        // PHP's error_log: `[16-Jul-2024 10:00:01 UTC]`.
        "%d-%b-%Y %H:%M:%S",
    ] {
        if let Ok(n) = NaiveDateTime::parse_from_str(body, fmt) {
            return Some(n.and_utc().timestamp_millis() - zone_ms);
        }
    }
    // Epoch seconds with a fraction, as zap and Python's `time.time()` write them.
    if let Some((secs, frac)) = t.split_once('.') {
        if secs.len() == 10
            && !frac.is_empty()
            && frac.len() <= 9
            && secs.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())
        {
            let s: i64 = secs.parse().ok()?;
            let ms: i64 = format!("{frac:0<3}")[..3].parse().ok()?;
            return Some(s * 1000 + ms);
        }
    }
    if t.bytes().all(|b| b.is_ascii_digit()) {
        let n: i64 = t.parse().ok()?;
        return match t.len() {
            9..=10 => Some(n * 1000),
            12..=13 => Some(n),
            _ => None,
        };
    }
    None
}

/// Splits a trailing `Z`, `+hh:mm`, `+hhmm` or ` +0000` zone from a date-time; returns the
/// rest and the zone's offset in milliseconds.
fn split_zone(t: &str) -> (&str, i64) {
    if let Some(rest) = t.strip_suffix('Z').or_else(|| t.strip_suffix(" UTC")) {
        return (rest.trim_end(), 0);
    }
    let bytes = t.as_bytes();
    for width in [6usize, 5] {
        if bytes.len() > width + 10 {
            let at = bytes.len() - width;
            let Some(zone) = t.get(at..) else { continue };
            let sign = match zone.as_bytes()[0] {
                b'+' => 1,
                b'-' => -1,
                _ => continue,
            };
            let digits: String = zone[1..].chars().filter(|c| *c != ':').collect();
            if digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()) {
                let h: i64 = digits[..2].parse().unwrap_or(0);
                let m: i64 = digits[2..].parse().unwrap_or(0);
                return (t[..at].trim_end(), sign * (h * 60 + m) * 60_000);
            }
        }
    }
    (t, 0)
}

/// The timestamp at the start of a log line, and the byte length it (and the separator
/// after it) takes. Accepts `[...]`-bracketed times (alone, or followed by more fields
/// inside the brackets, as Python's logging and Celery write `[2023-06-08 17:23:34,804:
/// INFO/ForkPoolWorker-4]`, after the severity letter Ruby's Logger writes first,
/// `I, [time #pid]`, and after an access log's client fields), ISO dates with or without a
/// time zone (also after a level word, `INFO 2024-05-02 …`), and epoch numbers.
pub(crate) fn leading_time(line: &str) -> Option<(i64, &str, usize)> {
    let t = line.trim_start();
    // Ruby's Logger writes the severity's letter first: `I, [2024-12-01T09:00:00.004512 #12]`.
    let t = match t.as_bytes() {
        [l, b',', b' ', b'[', ..] if l.is_ascii_uppercase() => &t[3..],
        _ => t,
    };
    // Django's and other formatters put the level before the time: `INFO 2024-05-02 …`.
    let t = after_level(t).unwrap_or(t);
    // The Common and Combined Log Formats (nginx, Apache access logs) put the time in
    // brackets after the client, ident and user fields: `54.1.2.3 - - [02/May/2024:14:04:02
    // +0000] "POST …`.
    let t = match access_log_time(t) {
        Some(at) => &t[at..],
        None => t,
    };
    let lead = line.len() - t.len();
    if let Some(inner) = t.strip_prefix('[') {
        let close = inner.find(']')?;
        let text = &inner[..close];
        let (ms, text) = match parse_millis(text) {
            Some(ms) => (ms, text),
            None => unbracketed_time(text).map(|(ms, time, _)| (ms, time))?,
        };
        return Some((ms, text, lead + close + 2));
    }
    unbracketed_time(t).map(|(ms, time, len)| (ms, time, lead + len))
}

/// The rest of `t` after a leading log level word (`INFO`, `[WARNING]`, `ERROR:`) when a
/// time follows it.
fn after_level(t: &str) -> Option<&str> {
    const LEVELS: &[&str] = &[
        "TRACE", "DEBUG", "INFO", "NOTICE", "WARN", "WARNING", "ERROR", "CRITICAL", "FATAL",
    ];
    let (word, rest) = t.split_once(' ')?;
    let level = word.trim_matches(|c| matches!(c, '[' | ']' | ':'));
    let rest = rest.trim_start();
    (LEVELS.contains(&level) && rest.starts_with(|c: char| c.is_ascii_digit())).then_some(rest)
}

/// Where the bracketed time of a Common Log Format line starts: after three fields (the
/// client address, ident and user, `-` when unknown), the first of them an address.
fn access_log_time(t: &str) -> Option<usize> {
    let mut fields = t.splitn(4, ' ');
    let host = fields.next()?;
    let (ident, user, rest) = (fields.next()?, fields.next()?, fields.next()?);
    let address = host.contains(['.', ':'])
        && host
            .chars()
            .all(|c| c.is_ascii_hexdigit() || matches!(c, '.' | ':'));
    (address && !ident.is_empty() && !user.is_empty() && rest.starts_with('['))
        .then(|| t.len() - rest.len())
}

/// The time at the start of `t` (no bracket, no leading space): the longest prefix of a
/// few space-separated tokens that parses, and the byte length it takes.
fn unbracketed_time(t: &str) -> Option<(i64, &str, usize)> {
    let mut ends: Vec<usize> = Vec::new();
    for (i, c) in t.char_indices() {
        if c == ' ' || c == '\t' {
            ends.push(i);
            if ends.len() >= 6 {
                break;
            }
        }
    }
    ends.push(t.len());
    for &e in ends.iter().rev() {
        let cand = t[..e].trim_end_matches([':', '|', '-', ' ']);
        if cand.len() < 8
            || !cand.as_bytes()[0].is_ascii_digit()
                && !cand.starts_with(|c: char| c.is_ascii_uppercase())
        {
            continue;
        }
        if let Some(ms) = parse_millis(cand) {
            return Some((ms, cand, e));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_usual_forms() {
        let iso = parse_millis("2024-05-29T10:57:57Z").unwrap();
        assert_eq!(parse_millis("2024-05-29 10:57:57"), Some(iso));
        assert_eq!(parse_millis("2024-05-29T12:57:57+02:00"), Some(iso));
        assert_eq!(parse_millis("Wed, 29 May 2024 10:57:57 +0000"), Some(iso));
        assert_eq!(
            parse_millis("2024-05-29T10:57:57.563495225Z"),
            Some(iso + 563)
        );
        assert_eq!(parse_millis("1716980277"), Some(iso));
        assert_eq!(parse_millis("1716980277.25"), Some(iso + 250));
        assert_eq!(parse_millis("1716980277.123456"), Some(iso + 123));
        assert_eq!(parse_millis("1716980277."), None);
        assert_eq!(parse_millis("2024-05-29 10:57:57,250"), Some(iso + 250));
        assert_eq!(parse_millis("29-May-2024 10:57:57 UTC"), Some(iso));
        assert_eq!(parse_millis("nonsense"), None);
        // Found by the property test: a multi-byte character where a zone would start.
        assert_eq!(parse_millis("2024-05-29 10:57:5é:00"), None);
        assert_eq!(parse_millis("0000000000ø+0"), None);
    }

    #[test]
    fn finds_a_leading_time() {
        let (ms, text, len) = leading_time("2024-05-29 10:57:57 INFO body=1").unwrap();
        assert_eq!(text, "2024-05-29 10:57:57");
        assert_eq!(ms, parse_millis("2024-05-29T10:57:57Z").unwrap());
        assert_eq!(&"2024-05-29 10:57:57 INFO body=1"[len..], " INFO body=1");
        let (_, text, _) = leading_time("[2024-05-29T10:57:57Z] x=1").unwrap();
        assert_eq!(text, "2024-05-29T10:57:57Z");
        assert!(leading_time("CallSid=CA1&CallStatus=ringing").is_none());
        // Python logging / Celery: the time is the first field inside the brackets.
        let line = "[2023-06-08 17:24:08,687: INFO/ForkPoolWorker-4] a=1";
        let (ms, text, len) = leading_time(line).unwrap();
        assert_eq!(text, "2023-06-08 17:24:08,687");
        assert_eq!(ms, parse_millis("2023-06-08T17:24:08.687Z").unwrap());
        assert_eq!(line[len..].trim_start(), "a=1");
        assert!(leading_time("[INFO] a=1").is_none());
        // The level before the time, as Django's verbose format writes it.
        let line = "INFO 2024-05-02 14:03:11,201 views status a=1";
        let (ms, text, len) = leading_time(line).unwrap();
        assert_eq!(text, "2024-05-02 14:03:11,201");
        assert_eq!(ms, parse_millis("2024-05-02T14:03:11.201Z").unwrap());
        assert!(line[len..].trim_start().starts_with("views"));
        assert!(leading_time("INFO 42 requests").is_none());
        // An access log: client, ident, user, then the time in brackets.
        let line = "54.172.60.1 - - [02/May/2024:14:04:02 +0000] \"POST /status HTTP/1.1\" 200";
        let (ms, _, len) = leading_time(line).unwrap();
        assert_eq!(ms, parse_millis("2024-05-02T14:04:02Z").unwrap());
        assert!(line[len..].trim_start().starts_with("\"POST"));
        assert!(leading_time("CallSid - - [x] y").is_none());
        // Ruby's Logger: a severity letter, then the time and the process id in brackets.
        let line = "I, [2024-12-01T09:00:00.004512 #12]  INFO -- : a=1";
        let (_, text, len) = leading_time(line).unwrap();
        assert_eq!(text, "2024-12-01T09:00:00.004512");
        assert!(line[len..].trim_start().starts_with("INFO"));
    }
}
