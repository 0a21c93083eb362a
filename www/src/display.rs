//! Pure helpers that turn report values into what the UI shows: country names for phone
//! numbers, durations in words, the string-to-sign with invisible characters made visible,
//! media lists, and safe links. No Yew, no browser: unit-tested natively.

use twilio_webhook_inspector::{Field, Finding, Report, Severity};

/// The calling code and country for the digits of an E.164 number (without `+`): the
/// core's table.
pub fn country_of(digits: &str) -> Option<(&'static str, &'static str)> {
    twilio_webhook_inspector::phone::calling_code(digits).map(|c| (c.code, c.name))
}

/// How many leading digits are the country code (1 when unknown).
pub fn country_code_len(digits: &str) -> usize {
    country_of(digits)
        .map(|(c, _)| c.len())
        .unwrap_or(1)
        .min(digits.len())
}

/// The E.164 part of an address (`+14155550100`, `whatsapp:+14155550100`), as digits.
pub fn e164_digits(value: &str) -> Option<String> {
    let v = value.trim();
    let v = v.rsplit_once(':').map(|(_, r)| r).unwrap_or(v);
    let d = v.strip_prefix('+')?;
    (d.len() >= 6 && d.len() <= 15 && d.bytes().all(|b| b.is_ascii_digit())).then(|| d.to_string())
}

/// "United States / Canada (NANP), +1" for a phone-like value, when the code is known.
pub fn phone_country(value: &str) -> Option<String> {
    let d = e164_digits(value)?;
    let (code, name) = country_of(&d)?;
    Some(format!("{name} · +{code}"))
}

/// Components of an ISO 8601 UTC timestamp (`2025-06-03T17:12:41Z`), when the display is one.
pub fn iso_utc(display: &str) -> Option<(i32, u32, u32, u32, u32, u32)> {
    let d = display.trim();
    let b = d.as_bytes();
    if d.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    if !(d.ends_with('Z') || d.ends_with("+00:00")) {
        return None;
    }
    let n = |r: std::ops::Range<usize>| d.get(r)?.parse::<u32>().ok();
    Some((
        n(0..4)? as i32,
        n(5..7)?,
        n(8..10)?,
        n(11..13)?,
        n(14..16)?,
        n(17..19)?,
    ))
}

/// `2025-06-03 17:12:41 UTC`.
pub fn utc_words(display: &str) -> Option<String> {
    let (y, mo, d, h, mi, s) = iso_utc(display)?;
    Some(format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02} UTC"))
}

/// One piece of a string shown with its invisible characters made visible.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    /// Ordinary text.
    Text(String),
    /// A space, shown as a dim middle dot.
    Space,
    /// A character that is easy to miss (tab, newline, NBSP, zero-width…), with its label.
    Invisible(String),
}

/// Splits `s` into visible segments.
pub fn visible(s: &str) -> Vec<Seg> {
    let mut out: Vec<Seg> = Vec::new();
    for c in s.chars() {
        let seg = match c {
            ' ' => Seg::Space,
            '\t' => Seg::Invisible("\\t".into()),
            '\n' => Seg::Invisible("\\n".into()),
            '\r' => Seg::Invisible("\\r".into()),
            '\u{a0}' => Seg::Invisible("NBSP".into()),
            c if c.is_control() || is_format_char(c) => {
                Seg::Invisible(format!("U+{:04X}", c as u32))
            }
            c => {
                if let Some(Seg::Text(t)) = out.last_mut() {
                    t.push(c);
                    continue;
                }
                Seg::Text(c.to_string())
            }
        };
        out.push(seg);
    }
    out
}

/// Like [`visible`], for text the core already made visible: its `\n` `\r` `\t`
/// `\u{200b}` escapes and `␠` (a trailing space) become [`Seg::Invisible`] too.
pub fn visible_escaped(s: &str) -> Vec<Seg> {
    let mut out: Vec<Seg> = Vec::new();
    let mut rest = s;
    while !rest.is_empty() {
        let esc = if let Some(r) = rest.strip_prefix('\\') {
            match r.as_bytes().first() {
                Some(b'n') | Some(b'r') | Some(b't') => Some(2),
                Some(b'u') if r[1..].starts_with('{') => r.find('}').map(|i| i + 2),
                _ => None,
            }
        } else if rest.starts_with('␠') {
            Some('␠'.len_utf8())
        } else {
            None
        };
        match esc {
            Some(n) => {
                let label = if rest.starts_with('␠') {
                    "␠".to_string()
                } else {
                    rest[..n].to_string()
                };
                out.push(Seg::Invisible(label));
                rest = &rest[n..];
            }
            None => {
                let first = rest.chars().next().map_or(1, char::len_utf8);
                let next = rest[first..]
                    .find(['\\', '␠'])
                    .map_or(rest.len(), |i| i + first);
                for seg in visible(&rest[..next]) {
                    match (out.last_mut(), seg) {
                        (Some(Seg::Text(t)), Seg::Text(u)) => t.push_str(&u),
                        (_, seg) => out.push(seg),
                    }
                }
                rest = &rest[next..];
            }
        }
    }
    out
}

fn is_format_char(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x034F | 0x061C | 0x115F | 0x1160 | 0x17B4 | 0x17B5 | 0x180B..=0x180E
        | 0x2000..=0x200F | 0x2028..=0x202F | 0x205F..=0x206F | 0x3000 | 0x3164
        | 0xFE00..=0xFE0F | 0xFEFF | 0xFFA0 | 0xFFF0..=0xFFFB)
}

/// True for `http://` and `https://` URLs (the only ones rendered as links).
pub fn is_web_url(s: &str) -> bool {
    let l = s.trim_start().to_ascii_lowercase();
    (l.starts_with("https://") || l.starts_with("http://")) && !s.contains(char::is_whitespace)
}

/// A media item: `MediaUrl{N}` with its `MediaContentType{N}`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // used by the browser-only UI
pub struct Media {
    /// N.
    pub index: String,
    /// The URL (only linked when [`is_web_url`]).
    pub url: String,
    /// The content type, when sent.
    pub content_type: Option<String>,
}

/// The media items of a report, in wire order.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // used by the browser-only UI
pub fn media(report: &Report) -> Vec<Media> {
    report
        .fields
        .iter()
        .filter_map(|f| {
            let n = f.name.strip_prefix("MediaUrl")?;
            (!n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())).then(|| Media {
                index: n.to_string(),
                url: f.value.clone(),
                content_type: report
                    .fields
                    .iter()
                    .find(|g| g.name.strip_prefix("MediaContentType") == Some(n))
                    .map(|g| g.value.clone()),
            })
        })
        .collect()
}

/// The badges a field gets: (css class, text, explanation).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // used by the browser-only UI
pub fn field_badges(f: &Field) -> Vec<(&'static str, &'static str, String)> {
    use twilio_webhook_inspector::FieldStatus::*;
    let mut out = Vec::new();
    let hint_for = |code: &str| -> String {
        f.findings
            .iter()
            .find(|x| x.code.id() == code)
            .map(finding_text)
            .unwrap_or_default()
    };
    match f.status {
        Known => {}
        Deprecated => out.push(("badge-warning", "deprecated", hint_for("deprecated-param"))),
        Legacy => out.push(("badge-info", "legacy", hint_for("legacy-param"))),
        OtherKind => out.push(("badge-neutral", "other kind", hint_for("other-kind-param"))),
        Unknown => out.push(("badge-neutral", "unknown", hint_for("unknown-param"))),
    }
    if let Some(p) = f.placeholder {
        // A stand-in value: labeled, never judged (the core's label is the tooltip).
        use twilio_webhook_inspector::placeholder::Placeholder;
        let text = match p {
            Placeholder::ForeignId => "foreign id",
            Placeholder::Template => "template",
            Placeholder::Fake => "placeholder",
            Placeholder::CutOff => "cut off",
            Placeholder::Redacted => "redacted",
        };
        out.push(("badge-neutral", text, p.label().to_string()));
    }
    let errors: Vec<&Finding> = f
        .findings
        .iter()
        .filter(|x| x.severity == Severity::Error)
        .collect();
    if !errors.is_empty() {
        let text = errors
            .iter()
            .copied()
            .map(finding_text)
            .collect::<Vec<_>>()
            .join("\n");
        out.push(("badge-error", "invalid", text));
    } else if f
        .findings
        .iter()
        .any(|x| x.severity == Severity::Warning && !matches!(x.code.id(), "deprecated-param"))
    {
        let text = f
            .findings
            .iter()
            .filter(|x| x.severity == Severity::Warning)
            .map(finding_text)
            .collect::<Vec<_>>()
            .join("\n");
        out.push(("badge-warning", "check", text));
    }
    out
}

/// "message — hint".
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // used by the browser-only UI
pub fn finding_text(f: &Finding) -> String {
    match &f.hint {
        Some(h) if !h.is_empty() => format!("{} — {}", f.message, h),
        _ => f.message.clone(),
    }
}

/// True for findings shown in the signature panel rather than the general list.
pub fn is_signature_finding(f: &Finding) -> bool {
    let id = f.code.id();
    id.starts_with("signature-") || id.starts_with("body-hash-") || id == "token-looks-wrong"
}

/// True for "missing parameter" findings.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // used by the browser-only UI
pub fn is_missing_finding(f: &Finding) -> bool {
    matches!(
        f.code.id(),
        "missing-param" | "missing-conditional-param" | "one-of-missing"
    )
}

/// CSS class for a severity.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // used by the browser-only UI
pub fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "sev-error",
        Severity::Warning => "sev-warning",
        Severity::Info => "sev-info",
    }
}

/// Human name of an input format id.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // used by the browser-only UI
pub fn format_name(id: &str) -> &'static str {
    match id {
        "form" => "Form body",
        "query" => "Query string",
        "url" => "URL",
        "http" => "Raw HTTP request",
        "curl" => "curl command",
        "json" => "JSON",
        "har" => "HAR capture",
        "postman" => "Postman collection",
        "xml" => "XML",
        "response" => "Webhook response (TwiML)",
        "empty" => "Nothing recognised",
        _ => "Unknown",
    }
}

/// Where a `param` deep link lands in the fields table: the row of the first field named
/// exactly so, else one named so up to case, else the first that matched that catalog name
/// (`MediaUrl{N}`), else the ghost row of a missing parameter of that name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FocusRow {
    /// A field, by its `index`.
    Field(usize),
    /// A missing parameter's row, by name.
    Missing(String),
}

/// The row `wanted` points at among `fields` and the `missing` parameter names.
pub fn focus_row(fields: &[Field], missing: &[String], wanted: &str) -> Option<FocusRow> {
    let wanted = wanted.trim();
    if wanted.is_empty() {
        return None;
    }
    let field = |hit: &dyn Fn(&Field) -> bool| {
        fields
            .iter()
            .find(|f| hit(f))
            .map(|f| FocusRow::Field(f.index))
    };
    field(&|f| f.name == wanted)
        .or_else(|| field(&|f| f.name.eq_ignore_ascii_case(wanted)))
        .or_else(|| {
            field(&|f| {
                f.catalog_name
                    .as_deref()
                    .is_some_and(|c| c.eq_ignore_ascii_case(wanted))
            })
        })
        .or_else(|| {
            missing
                .iter()
                .find(|m| m.eq_ignore_ascii_case(wanted))
                .map(|m| FocusRow::Missing(m.clone()))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries() {
        assert_eq!(
            country_of("14155550100"),
            Some(("1", "United States / Canada (NANP)"))
        );
        assert_eq!(country_of("442071838750").map(|c| c.0), Some("44"));
        assert_eq!(country_of("353871234567").map(|c| c.0), Some("353"));
        assert_eq!(country_code_len("999"), 1);
        assert_eq!(
            phone_country("whatsapp:+14155550143").unwrap(),
            "United States / Canada (NANP) · +1"
        );
        assert_eq!(phone_country("client:alice"), None);
        assert_eq!(phone_country("4155550100"), None);
    }

    #[test]
    fn iso_dates() {
        assert_eq!(
            iso_utc("2025-06-03T17:12:41Z"),
            Some((2025, 6, 3, 17, 12, 41))
        );
        assert_eq!(
            utc_words("2008-04-03T08:36:33Z").unwrap(),
            "2008-04-03 08:36:33 UTC"
        );
        assert_eq!(iso_utc("StartTime on or after 2009-07-06"), None);
        assert_eq!(iso_utc("2009-07-06"), None);
    }

    #[test]
    fn invisibles() {
        let segs = visible("a b\u{200b}\tc\u{a0}\n");
        assert_eq!(
            segs,
            vec![
                Seg::Text("a".into()),
                Seg::Space,
                Seg::Text("b".into()),
                Seg::Invisible("U+200B".into()),
                Seg::Invisible("\\t".into()),
                Seg::Text("c".into()),
                Seg::Invisible("NBSP".into()),
                Seg::Invisible("\\n".into()),
            ]
        );
        assert_eq!(visible("x\u{feff}")[1], Seg::Invisible("U+FEFF".into()));
    }

    #[test]
    fn core_escapes() {
        assert_eq!(
            visible_escaped("a\\u{200b}b c\\n␠"),
            vec![
                Seg::Text("a".into()),
                Seg::Invisible("\\u{200b}".into()),
                Seg::Text("b".into()),
                Seg::Space,
                Seg::Text("c".into()),
                Seg::Invisible("\\n".into()),
                Seg::Invisible("␠".into()),
            ]
        );
        assert_eq!(
            visible_escaped("plain\\x"),
            vec![Seg::Text("plain\\x".into())]
        );
        assert_eq!(
            visible_escaped("é\\u{a0}"),
            vec![Seg::Text("é".into()), Seg::Invisible("\\u{a0}".into())]
        );
    }

    #[test]
    fn urls() {
        assert!(is_web_url("https://api.twilio.com/x"));
        assert!(!is_web_url("javascript:alert(1)"));
        assert!(!is_web_url(" JaVaScRiPt:alert(1)"));
        assert!(!is_web_url("data:text/html,hi"));
    }

    fn field(index: usize, name: &str, catalog: Option<&str>) -> Field {
        Field {
            index,
            source: twilio_webhook_inspector::ParamSource::Body,
            name: name.into(),
            raw_name: name.into(),
            value: String::new(),
            raw_value: String::new(),
            catalog_name: catalog.map(|c| c.to_string().into()),
            label: None,
            description: None,
            value_type: None,
            display: None,
            status: twilio_webhook_inspector::FieldStatus::Known,
            placeholder: None,
            findings: vec![],
        }
    }

    #[test]
    fn focus_rows() {
        let fields = [
            field(0, "messagestatus", None),
            field(1, "MessageStatus", Some("MessageStatus")),
            field(2, "MediaUrl0", Some("MediaUrl{N}")),
            field(3, "MediaUrl1", Some("MediaUrl{N}")),
        ];
        let missing = ["AccountSid".to_string()];
        assert_eq!(
            focus_row(&fields, &missing, "MessageStatus"),
            Some(FocusRow::Field(1)),
            "exact first"
        );
        assert_eq!(
            focus_row(&fields, &missing, "MESSAGESTATUS"),
            Some(FocusRow::Field(0))
        );
        assert_eq!(
            focus_row(&fields, &missing, "MediaUrl1"),
            Some(FocusRow::Field(3))
        );
        assert_eq!(
            focus_row(&fields, &missing, "MediaUrl{N}"),
            Some(FocusRow::Field(2))
        );
        assert_eq!(
            focus_row(&fields, &missing, "accountsid"),
            Some(FocusRow::Missing("AccountSid".into()))
        );
        assert_eq!(focus_row(&fields, &missing, "Body"), None);
        assert_eq!(focus_row(&fields, &missing, " "), None);
    }
}
