//! The Response panel's view model (pure, unit-tested natively): the answer's body as
//! numbered lines with a marker row under each finding's position — windowed when the body
//! is long, so a 10 MB paste never becomes 10 MB of DOM — and the words around the verdict.
//! The checks and the verdict itself are the core's (`response::inspect_response`, reached
//! through `inspect`); nothing here judges anything.

use twilio_webhook_inspector::response::{
    ConnectionOverrides, DocumentType, ResponseInputKind, ResponseReport,
};
use twilio_webhook_inspector::{Finding, Severity};

/// Bodies of at most this many lines are shown whole; longer ones around their findings.
pub const FULL_LINES: usize = 300;
/// Lines shown at the top of a long body that has findings (one without shows its first
/// [`FULL_LINES`]).
pub const HEAD_LINES: usize = 12;
/// Lines shown before and after a finding's line in a long body.
pub const CONTEXT: usize = 3;
/// Longer lines (minified TwiML) are shown as a window of this many characters around
/// their first marker.
pub const MAX_LINE_CHARS: usize = 1000;
/// At most this many findings get a marker and a place in the list (a hostile body can
/// have one per element); the rest are counted, and are all in the copied JSON.
pub const MAX_SHOWN: usize = 200;

/// One row of the numbered body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// A line of the body.
    Line(Line),
    /// A finding's marker, under the line it points at.
    Marker(Marker),
    /// Lines left out of a long body (1-based, inclusive).
    Gap {
        /// First line left out.
        from: usize,
        /// Last line left out.
        to: usize,
    },
}

/// A line of the body as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// 1-based line number (the numbering Twilio's Debugger uses).
    pub n: usize,
    /// The text shown (the whole line, or a window of a very long one), without `\r`.
    pub text: String,
    /// Characters of the line before the window (0 when shown whole).
    pub hidden_before: usize,
    /// Characters of the line after the window.
    pub hidden_after: usize,
    /// The most serious finding on this line, if any.
    pub worst: Option<Severity>,
}

/// A finding's marker: a caret under its column, then its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// Index of the finding in the response's findings.
    pub finding: usize,
    /// Its line (clamped to the body's last line).
    pub line: usize,
    /// Its column (1-based, in characters).
    pub column: usize,
    /// Blanks that put the caret under the column (tabs kept, so it lines up with the text
    /// above); `None` when the column is outside the shown window of a long line.
    pub pad: Option<String>,
}

/// The numbered rows of `body` with the markers of the `findings` that have a line.
pub fn rows(body: &str, findings: &[Finding]) -> Vec<Row> {
    let mut lines: Vec<&str> = body
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let last = lines.len().max(1);
    let end_of_last = lines.last().map_or(0, |l| l.chars().count()) + 1;
    // (line, column, finding index), in reading order. A position past the end (an unclosed
    // tag reported at the end of input) is put at the end of the last line.
    let mut marks: Vec<(usize, usize, usize)> = findings
        .iter()
        .enumerate()
        .take(MAX_SHOWN)
        .filter_map(|(i, f)| {
            let line = usize::try_from(f.line?).ok()?.max(1);
            let col = f
                .column
                .and_then(|c| usize::try_from(c).ok())
                .unwrap_or(1)
                .max(1);
            Some(if line > last {
                (last, end_of_last, i)
            } else {
                (line, col, i)
            })
        })
        .collect();
    marks.sort_unstable();
    // A final newline ends the last line; it does not start an empty one (unless a finding
    // points there).
    if lines.len() > 1 && lines.last() == Some(&"") && !marks.iter().any(|m| m.0 == last) {
        lines.pop();
    }
    if lines.len() == 1 && lines[0].is_empty() && marks.is_empty() {
        return Vec::new();
    }

    let shown: Vec<bool> = if lines.len() <= FULL_LINES {
        vec![true; lines.len()]
    } else {
        let mut v = vec![false; lines.len()];
        // Without markers there is nothing to show around: the top of the body, in full.
        let head = if marks.is_empty() {
            FULL_LINES
        } else {
            HEAD_LINES
        };
        for s in v.iter_mut().take(head) {
            *s = true;
        }
        for &(line, _, _) in &marks {
            let from = line.saturating_sub(CONTEXT + 1);
            let to = (line + CONTEXT).min(lines.len());
            for s in &mut v[from..to] {
                *s = true;
            }
        }
        v
    };

    let mut out = Vec::new();
    let mut gap_from: Option<usize> = None;
    for (i, text) in lines.iter().enumerate() {
        let n = i + 1;
        if !shown[i] {
            gap_from.get_or_insert(n);
            continue;
        }
        if let Some(from) = gap_from.take() {
            out.push(Row::Gap { from, to: n - 1 });
        }
        let here: Vec<&(usize, usize, usize)> = marks.iter().filter(|m| m.0 == n).collect();
        let worst = here.iter().map(|m| findings[m.2].severity).max();
        let chars = text.chars().count();
        let (start, len) = if chars > MAX_LINE_CHARS {
            let anchor = here.first().map(|m| m.1 - 1).unwrap_or(0);
            let start = anchor
                .saturating_sub(MAX_LINE_CHARS / 5)
                .min(chars - MAX_LINE_CHARS);
            (start, MAX_LINE_CHARS)
        } else {
            (0, chars)
        };
        out.push(Row::Line(Line {
            n,
            text: text.chars().skip(start).take(len).collect(),
            hidden_before: start,
            hidden_after: chars - start - len,
            worst,
        }));
        for &&(line, column, finding) in &here {
            let at = column - 1;
            let pad = (at >= start && at <= start + len).then(|| {
                text.chars()
                    .skip(start)
                    .take(at - start)
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect()
            });
            out.push(Row::Marker(Marker {
                finding,
                line,
                column,
                pad,
            }));
        }
    }
    if let Some(from) = gap_from {
        out.push(Row::Gap {
            from,
            to: lines.len(),
        });
    }
    out
}

/// "line 4, column 7" for a finding that has a position.
pub fn position(f: &Finding) -> Option<String> {
    match (f.line, f.column) {
        (Some(l), Some(c)) => Some(format!("line {l}, column {c}")),
        (Some(l), None) => Some(format!("line {l}")),
        _ => None,
    }
}

/// The element id (before the place's prefix) of finding `i`'s marker in the body.
pub fn marker_id(i: usize) -> String {
    format!("resp-mark-{i}")
}

/// The element id (before the place's prefix) of the explanation of Twilio error `code`.
pub fn error_id(code: u32) -> String {
    format!("resp-err-{code}")
}

/// How the answer was found in the paste.
pub fn input_kind_name(k: ResponseInputKind) -> &'static str {
    match k {
        ResponseInputKind::Twiml => "the body alone (no HTTP status or headers to check)",
        ResponseInputKind::HttpResponse => "an HTTP response",
        ResponseInputKind::Har => "the response of a HAR entry",
        ResponseInputKind::Exchange => "the response after the request",
    }
}

/// The vocabulary the body was checked against, in words.
pub fn document_name(d: DocumentType) -> &'static str {
    match d {
        DocumentType::Voice => "Voice TwiML",
        DocumentType::Messaging => "Messaging TwiML",
        DocumentType::Fax => "Fax TwiML",
        DocumentType::Auto => "no TwiML vocabulary (nothing told which)",
    }
}

/// Where the request kind that gives the answer its context came from: `forced` when the
/// user chose it, else the pasted request's detected kind. `None` when no kind is known.
pub fn context(r: &ResponseReport, forced: bool) -> Option<String> {
    let kind = r.request_kind.as_deref()?;
    Some(if forced {
        format!("{kind} (the kind you chose)")
    } else {
        format!("{kind} (the pasted request's kind)")
    })
}

/// The status line's words: `200 OK`.
pub fn status_text(r: &ResponseReport) -> Option<String> {
    r.status.map(|s| match &r.status_text {
        Some(t) => format!("{s} {t}"),
        None => s.to_string(),
    })
}

/// Milliseconds in words: `15.0 s`, `900 ms`.
pub fn duration(ms: u64) -> String {
    if ms >= 1000 {
        format!("{}.{} s", ms / 1000, (ms % 1000) / 100)
    } else {
        format!("{ms} ms")
    }
}

/// The one-line summary of connection overrides: attempts and worst-case wait.
pub fn overrides_summary(o: &ConnectionOverrides) -> String {
    format!(
        "Twilio makes at most {} attempt{} and waits {} at worst before it gives up (and tries the fallback URL).",
        o.attempts,
        if o.attempts == 1 { "" } else { "s" },
        duration(o.worst_case_ms)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use twilio_webhook_inspector::response::{connection_overrides, inspect_response};
    use twilio_webhook_inspector::ResponseContext;

    fn report(body: &str, kind: Option<&str>) -> ResponseReport {
        inspect_response(
            body,
            &ResponseContext {
                kind: kind.map(str::to_string),
                ..ResponseContext::default()
            },
        )
    }

    fn lines(rows: &[Row]) -> Vec<usize> {
        rows.iter()
            .filter_map(|r| match r {
                Row::Line(l) => Some(l.n),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn markers_sit_under_the_finding_column() {
        let body = "<?xml version=\"1.0\"?>\n<Response>\n  <Say>Hi\n    <Gather input=\"speech\"/>\n  </Say>\n</Response>\n";
        let r = report(body, Some("voice-request"));
        assert!(!r.accepted);
        let rows = rows(&r.body, &r.findings);
        assert_eq!(
            lines(&rows),
            vec![1, 2, 3, 4, 5, 6],
            "the final newline adds no line"
        );
        let at = rows
            .iter()
            .position(|r| matches!(r, Row::Marker(_)))
            .unwrap();
        let Row::Line(line) = &rows[at - 1] else {
            panic!("a marker follows its line")
        };
        assert_eq!(line.n, 4);
        assert_eq!(line.worst, Some(Severity::Error));
        let Row::Marker(m) = &rows[at] else {
            unreachable!()
        };
        assert_eq!((m.line, m.column), (4, 5));
        assert_eq!(m.pad.as_deref(), Some("    "));
        let f = &r.findings[m.finding];
        assert_eq!(f.twilio_error_code, Some(12200));
        assert_eq!(position(f).as_deref(), Some("line 4, column 5"));
    }

    #[test]
    fn tabs_are_kept_in_the_padding_and_several_markers_go_in_column_order() {
        let body =
            "<Response>\n\t<Say voice=\"alice\" langauge=\"en\" loop=\"x\">Hi</Say>\n</Response>";
        let r = report(body, Some("voice-request"));
        let rows = rows(&r.body, &r.findings);
        let marks: Vec<&Marker> = rows
            .iter()
            .filter_map(|r| match r {
                Row::Marker(m) => Some(m),
                _ => None,
            })
            .collect();
        assert!(marks.len() >= 2, "{:?}", r.findings);
        assert!(marks.windows(2).all(|w| w[0].column <= w[1].column));
        for m in marks {
            let pad = m.pad.as_deref().unwrap();
            assert!(pad.starts_with('\t'), "{pad:?}");
            assert_eq!(pad.chars().count(), m.column - 1);
        }
    }

    #[test]
    fn a_long_body_is_shown_around_its_findings() {
        let mut body = String::from("<Response>\n");
        for i in 0..1000 {
            body.push_str(&format!("  <Pause length=\"{}\"/>\n", 1 + i % 3));
        }
        body.push_str("  <Sya>oops</Sya>\n</Response>\n");
        let r = report(&body, Some("voice-request"));
        assert!(!r.accepted);
        let rows = rows(&r.body, &r.findings);
        let shown = lines(&rows);
        assert!(shown.len() < 40, "{} lines shown", shown.len());
        assert_eq!(&shown[..HEAD_LINES], (1..=HEAD_LINES).collect::<Vec<_>>());
        assert!(shown.contains(&1002), "the finding's line");
        assert!(shown.contains(&1003) && shown.contains(&999));
        assert_eq!(
            rows.iter().find(|r| matches!(r, Row::Gap { .. })),
            Some(&Row::Gap {
                from: HEAD_LINES + 1,
                to: 998
            })
        );
    }

    #[test]
    fn a_long_body_without_findings_shows_its_top() {
        let body = format!("<Response>\n{}</Response>\n", "  <Pause/>\n".repeat(1000));
        let r = report(&body, Some("voice-request"));
        assert!(r.accepted && r.findings.is_empty(), "{:?}", r.findings);
        let rows = rows(&r.body, &r.findings);
        assert_eq!(lines(&rows), (1..=FULL_LINES).collect::<Vec<_>>());
        assert_eq!(
            rows.last(),
            Some(&Row::Gap {
                from: FULL_LINES + 1,
                to: 1002
            })
        );
    }

    #[test]
    fn a_hostile_body_gets_a_bounded_view() {
        let body = format!("<Response>{}</Response>", "<Foo/>\n".repeat(20_000));
        let r = report(&body, Some("voice-request"));
        assert!(r.findings.len() > MAX_SHOWN);
        let rows = rows(&r.body, &r.findings);
        let markers = rows.iter().filter(|r| matches!(r, Row::Marker(_))).count();
        let placed = r.findings[..MAX_SHOWN]
            .iter()
            .filter(|f| f.line.is_some())
            .count();
        assert!(placed > MAX_SHOWN - 5);
        assert_eq!(markers, placed);
        assert!(
            rows.len() < MAX_SHOWN * (2 * CONTEXT + 3),
            "{} rows",
            rows.len()
        );
    }

    #[test]
    fn a_long_line_is_windowed_around_its_marker() {
        let mut body = String::from("<Response>");
        for _ in 0..300 {
            body.push_str("<Pause length=\"1\"/>");
        }
        body.push_str("<Say loud=\"yes\">Hi</Say></Response>");
        let r = report(&body, Some("voice-request"));
        let rows = rows(&r.body, &r.findings);
        let Some(Row::Line(line)) = rows.first() else {
            panic!()
        };
        assert_eq!(line.text.chars().count(), MAX_LINE_CHARS);
        assert!(line.hidden_before > 0);
        assert_eq!(
            line.hidden_before + MAX_LINE_CHARS + line.hidden_after,
            body.chars().count()
        );
        let Some(Row::Marker(m)) = rows.get(1) else {
            panic!()
        };
        let pad = m.pad.as_deref().expect("the marker is in the window");
        let under: String = line.text.chars().skip(pad.len()).take(4).collect();
        assert_eq!(under, "loud");
    }

    #[test]
    fn empty_bodies_and_positions_past_the_end() {
        assert!(rows("", &[]).is_empty());
        assert!(rows("\n", &[]).is_empty());
        let f =
            Finding::new(twilio_webhook_inspector::Code::TwimlNotWellFormed, "x").line_col(9, 3);
        let rows = rows("<Response>", std::slice::from_ref(&f));
        assert_eq!(lines(&rows), vec![1]);
        let Some(Row::Marker(m)) = rows.get(1) else {
            panic!()
        };
        assert_eq!((m.line, m.column), (1, 11), "at the end of the last line");
        assert_eq!(m.pad.as_deref(), Some(" ".repeat(10).as_str()));
    }

    #[test]
    fn words_around_the_verdict() {
        let r = report(
            "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n\r\n<Response/>",
            None,
        );
        assert_eq!(status_text(&r).as_deref(), Some("200 OK"));
        assert_eq!(context(&r, false), None);
        let r = report("<Response/>", Some("voice-status-callback"));
        assert_eq!(
            context(&r, true).as_deref(),
            Some("voice-status-callback (the kind you chose)")
        );
        assert_eq!(
            input_kind_name(r.input_kind),
            input_kind_name(ResponseInputKind::Twiml)
        );
        assert_eq!(document_name(DocumentType::Messaging), "Messaging TwiML");
        assert_eq!(duration(15_000), "15.0 s");
        assert_eq!(duration(2_500), "2.5 s");
        assert_eq!(duration(900), "900 ms");
        let o = connection_overrides("https://x.test/v#ct=1000&rc=2").unwrap();
        assert!(overrides_summary(&o).starts_with("Twilio makes at most 3 attempts"));
        assert_eq!(marker_id(2), "resp-mark-2");
        assert_eq!(error_id(12200), "resp-err-12200");
    }
}
