//! CSV exports of callbacks: a header row of parameter names (as Twilio writes them,
//! `MessageSid,MessageStatus,ErrorCode`, or as a database column names them,
//! `message_sid,status,error_code,created_at`), then one row per callback. Comma, semicolon
//! and tab separators; RFC 4180 quoting (a quoted field may hold the separator, a doubled
//! quote and line breaks). Linear in the text's length.

use super::capture::{Capture, CaptureError, ManyFormat};
use super::records::pascal;
use super::time;

/// Columns that hold when the row was written or received, not a Twilio parameter.
const RECEIVED_COLUMNS: &[&str] = &[
    "ReceivedAt",
    "CreatedAt",
    "LoggedAt",
    "InsertedAt",
    "DateReceived",
    "Received",
];

/// Columns of the export's own (a table's row id): not part of any callback.
const OWN_COLUMNS: &[&str] = &["Id", "ID", "RowId", "Pk"];

/// Parameters whose column makes a header a callback export (one of them is required).
const SID_COLUMNS: &[&str] = &[
    "MessageSid",
    "SmsSid",
    "SmsMessageSid",
    "CallSid",
    "ConferenceSid",
    "Sid",
];

/// The separator of a CSV export, when the first non-empty line of `head` is a header of
/// parameter names (two or more, one of them a SID column) and the next line has as many
/// fields.
pub(super) fn detect(head: &str) -> Option<u8> {
    let mut lines = head.lines().map(str::trim).filter(|l| !l.is_empty());
    let header = lines.next()?;
    let second = lines.next()?;
    [b',', b';', b'\t'].into_iter().find(|&sep| {
        let names = split_line(header, sep);
        names.len() >= 2
            && names.iter().all(|n| is_column_name(n))
            && names
                .iter()
                .any(|n| SID_COLUMNS.contains(&column(n).as_str()))
            && split_line(second, sep).len() == names.len()
    })
}

/// The captures of a CSV export (see [`detect`]): one per row, named by the header.
pub(super) fn read(text: &str, sep: u8) -> Vec<Result<Capture, CaptureError>> {
    let text = text.trim_start_matches('\u{feff}');
    let rows = records(text, sep);
    let mut out = Vec::new();
    let mut rows = rows
        .into_iter()
        .filter(|r| !r.fields.iter().all(|f| f.trim().is_empty()));
    let Some(header) = rows.next() else {
        return out;
    };
    let names: Vec<String> = header.fields.iter().map(|n| column(n)).collect();
    let status_name = status_column(&names);
    for row in rows {
        if row.fields.len() != names.len() {
            out.push(Err(CaptureError {
                line: Some(row.line),
                offset: Some(row.offset),
                message: format!(
                    "row at line {} has {} fields, the header {}",
                    row.line,
                    row.fields.len(),
                    names.len()
                ),
            }));
            continue;
        }
        let mut pairs: Vec<(String, String)> = Vec::new();
        let mut received_at = None;
        for (name, value) in names.iter().zip(&row.fields) {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            if OWN_COLUMNS.contains(&name.as_str()) {
                continue;
            }
            if RECEIVED_COLUMNS.contains(&name.as_str()) {
                received_at = Some(value.to_string()).filter(|v| time::parse_millis(v).is_some());
                continue;
            }
            let name = match name.as_str() {
                "Status" => status_name.to_string(),
                "Sid" => sid_name(value).to_string(),
                other => other.to_string(),
            };
            pairs.push((name, value.to_string()));
        }
        out.push(Ok(Capture {
            source: Some(ManyFormat::Csv),
            line: Some(row.line),
            offset: Some(row.offset),
            label: Some(format!("row {}", row.line)),
            received_at,
            ..Capture::new(serde_urlencoded::to_string(&pairs).unwrap_or_default())
        }));
    }
    out
}

/// A header cell as a parameter name: Twilio's own spelling kept, a column's
/// `snake_case` or `camelCase` turned to Twilio's PascalCase.
fn column(cell: &str) -> String {
    let c = cell.trim().trim_matches('"').trim();
    pascal(&c.replace([' ', '-', '.'], "_"))
}

fn is_column_name(cell: &str) -> bool {
    let c = cell.trim().trim_matches('"').trim();
    !c.is_empty()
        && c.len() <= 64
        && c.starts_with(|ch: char| ch.is_ascii_alphabetic())
        && c.chars()
            .all(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '_' | ' ' | '-' | '.'))
}

/// What a bare `status` column holds: the status of the object the export's SID column
/// names (a table keyed by message SIDs holds message statuses).
fn status_column(names: &[String]) -> &'static str {
    if names.iter().any(|n| n == "CallSid") && !names.iter().any(|n| n.contains("MessageSid")) {
        "CallStatus"
    } else {
        "MessageStatus"
    }
}

/// A bare `sid` column's value named by its prefix.
fn sid_name(value: &str) -> &'static str {
    match value.get(..2) {
        Some("CA") => "CallSid",
        Some("CF") => "ConferenceSid",
        _ => "MessageSid",
    }
}

/// One row: its fields, the 1-based line and the byte offset where it starts.
struct Row {
    fields: Vec<String>,
    line: usize,
    offset: usize,
}

/// The rows of a CSV text (RFC 4180 quoting; `\r\n` or `\n` line ends).
fn records(text: &str, sep: u8) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let (mut quoted, mut line, mut start_line, mut start) = (false, 1usize, 1usize, 0usize);
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek().is_some_and(|&(_, n)| n == '"') => {
                    field.push('"');
                    chars.next();
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    field.push(c);
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.trim().is_empty() => {
                field.clear();
                quoted = true;
            }
            '\r' => {}
            '\n' => {
                fields.push(std::mem::take(&mut field));
                rows.push(Row {
                    fields: std::mem::take(&mut fields),
                    line: start_line,
                    offset: start,
                });
                line += 1;
                start_line = line;
                start = i + 1;
            }
            c if c.is_ascii() && c as u8 == sep => fields.push(std::mem::take(&mut field)),
            _ => field.push(c),
        }
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        rows.push(Row {
            fields,
            line: start_line,
            offset: start,
        });
    }
    rows
}

/// The fields of one line (quotes honoured, no line breaks inside).
fn split_line(line: &str, sep: u8) -> Vec<String> {
    records(line, sep)
        .into_iter()
        .next()
        .map(|r| r.fields)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_an_export() {
        let text = "id,message_sid,status,error_code,body,created_at\r\n\
                    1,SM1,sent,,\"Hi, there\",2024-03-04 10:00:01\r\n\
                    2,SM1,undelivered,30003,\"say \"\"hi\"\"\nagain\",2024-03-04 10:00:09\r\n";
        assert_eq!(detect(text), Some(b','));
        let caps: Vec<Capture> = read(text, b',').into_iter().map(Result::unwrap).collect();
        assert_eq!(caps.len(), 2);
        assert_eq!(
            caps[0].input,
            "MessageSid=SM1&MessageStatus=sent&Body=Hi%2C+there"
        );
        assert_eq!(caps[0].received_at.as_deref(), Some("2024-03-04 10:00:01"));
        assert_eq!(caps[0].line, Some(2));
        assert!(caps[1].input.contains("ErrorCode=30003"));
        assert!(caps[1].input.contains("Body=say+%22hi%22%0Aagain"));
        // A row cut short is reported, the others read.
        let short = "CallSid;CallStatus\nCA1;ringing\nCA1\nCA1;completed\n";
        assert_eq!(detect(short), Some(b';'));
        let items = read(short, b';');
        assert_eq!(items.len(), 3);
        assert!(items[1].is_err());
        assert_eq!(
            items[2].as_ref().unwrap().input,
            "CallSid=CA1&CallStatus=completed"
        );
        // Prose, or a header without a SID column, is no export.
        assert_eq!(detect("Hello, world\nHow, are you\n"), None);
        assert_eq!(detect("name,age\nann,3\n"), None);
        assert_eq!(detect("CallSid=CA1&CallStatus=ringing\nCallSid=CA1"), None);
    }
}
