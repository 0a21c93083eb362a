//! Redaction of a permalink payload before it is shared. Pure, unit-tested natively.
//!
//! Redaction replaces phone numbers (keeping the country code, mapping each distinct number
//! to a distinct fictional 555 number so aliases still agree) and message bodies,
//! transcripts and names (with `[redacted]`) in the pasted text, guided by the report's fields;
//! the server's answer after the request, when there is one, is redacted by [`answer`].

use twilio_webhook_inspector::response::{split_exchange, ResponseInputKind};
use twilio_webhook_inspector::{Field, ParamSource, Report};

use crate::display;
use crate::share::Shared;

mod answer;

/// The share link for the current inputs (redacted when asked), with what redaction did:
/// what the report view's share panel shows.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // used by the browser-only UI
pub struct ShareLink {
    /// The full URL with `#i=…`.
    pub url: String,
    /// Redaction details, when redaction was on.
    pub redaction: Option<Redaction>,
}

/// The result of redacting a share payload.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Redaction {
    /// The payload with the values replaced.
    pub shared: Shared,
    /// How many values were replaced.
    pub replaced: usize,
    /// Parameters whose original value could still be found in the text.
    pub leftovers: Vec<String>,
}

/// Which redaction a field gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Phone,
    Text,
}

const PHONE_NAMES: &[&str] = &[
    "from",
    "to",
    "caller",
    "called",
    "forwardedfrom",
    "forwarded_from",
    "from_formatted",
    "to_formatted",
    "waid",
    "dialcallto",
    "callerid",
    "phonenumber",
    "phone_number",
];

const TEXT_NAMES: &[&str] = &[
    "body",
    "transcriptiontext",
    "speechresult",
    "unstablespeechresult",
    "stablespeechresult",
    "profilename",
    "callername",
    "caller_name",
    "friendlyname",
];

fn target_of(f: &Field) -> Option<Target> {
    let name = f.name.to_ascii_lowercase();
    if TEXT_NAMES.contains(&name.as_str()) {
        return Some(Target::Text);
    }
    let phone_typed = f.value_type.as_deref() == Some("phone");
    if phone_typed || PHONE_NAMES.contains(&name.as_str()) {
        return (digits(&f.value).len() >= 5).then_some(Target::Phone);
    }
    None
}

fn digits(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_digit()).collect()
}

/// Fictional digits of the same length for the `n`-th distinct number: `…5550100`, `…5550101`.
fn fake_digits(len: usize, n: usize) -> String {
    let tail = format!("{:04}", 100 + n % 9900);
    let mut s = "5".repeat(len.saturating_sub(tail.len()));
    s.push_str(&tail);
    s[s.len() - len..].to_string()
}

/// Replaces the digits of `s` positionally with `replacement` (skipping `%XX` escapes and a
/// leading country code of `keep` digits).
fn map_digits(s: &str, keep: usize, replacement: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rep = replacement.chars();
    let mut seen = 0usize;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '%'
            && s.len() >= i + 3
            && s.as_bytes()[i + 1].is_ascii_hexdigit()
            && s.as_bytes()[i + 2].is_ascii_hexdigit()
        {
            out.push_str(&s[i..i + 3]);
            chars.next();
            chars.next();
            continue;
        }
        if c.is_ascii_digit() {
            seen += 1;
            if seen > keep {
                out.push(rep.next().unwrap_or(c));
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// Replaces every occurrence of the digit run `needle` in `text` that is not part of a
/// longer digit run.
fn replace_digit_run(text: &str, needle: &str, with: &str) -> (String, usize) {
    if needle.is_empty() {
        return (text.to_string(), 0);
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut count = 0;
    let mut last = 0;
    let mut from = 0;
    while let Some(pos) = text[from..].find(needle) {
        let at = from + pos;
        let end = at + needle.len();
        let before_ok = at == 0 || !bytes[at - 1].is_ascii_digit();
        let after_ok = end == bytes.len() || !bytes[end].is_ascii_digit();
        if before_ok && after_ok {
            out.push_str(&text[last..at]);
            out.push_str(with);
            last = end;
            count += 1;
        }
        from = at + needle.len().max(1);
    }
    out.push_str(&text[last..]);
    (out, count)
}

/// Replaces `raw_value` where it directly follows `raw_name` and a separator (`=`, `":"`,
/// `>`…), so short values ("hi") are never replaced elsewhere.
fn replace_after_name(text: &str, raw_name: &str, raw_value: &str, with: &str) -> (String, usize) {
    if raw_name.is_empty() || raw_value.is_empty() {
        return (text.to_string(), 0);
    }
    let mut out = String::with_capacity(text.len());
    let mut count = 0;
    let mut last = 0;
    let mut from = 0;
    while let Some(pos) = text[from..].find(raw_name) {
        let name_end = from + pos + raw_name.len();
        let mut i = name_end;
        let mut skipped = 0;
        while i < text.len() && skipped < 6 {
            let b = text.as_bytes()[i];
            if matches!(b, b'=' | b'"' | b':' | b' ' | b'\t' | b'>' | b'\'') {
                i += 1;
                skipped += 1;
            } else {
                break;
            }
        }
        if skipped > 0 && text[i..].starts_with(raw_value) {
            out.push_str(&text[last..i]);
            out.push_str(with);
            last = i + raw_value.len();
            count += 1;
            from = last;
        } else {
            from = name_end;
        }
    }
    out.push_str(&text[last..]);
    (out, count)
}

fn replace_all(text: &str, needle: &str, with: &str) -> (String, usize) {
    if needle.is_empty() || needle == with {
        return (text.to_string(), 0);
    }
    let n = text.matches(needle).count();
    (text.replace(needle, with), n)
}

/// Fixes a `Content-Length` header after the body changed length.
fn fix_content_length(original: &str, redacted: &str) -> String {
    fn split(s: &str) -> Option<(&str, &str)> {
        let at = s
            .find("\r\n\r\n")
            .map(|i| i + 4)
            .or_else(|| s.find("\n\n").map(|i| i + 2))?;
        Some((&s[..at], &s[at..]))
    }
    let (Some((_, body_a)), Some((head_b, body_b))) = (split(original), split(redacted)) else {
        return redacted.to_string();
    };
    if body_a.len() == body_b.len() {
        return redacted.to_string();
    }
    let delta = body_b.len() as i64 - body_a.len() as i64;
    let mut out = String::with_capacity(redacted.len());
    for line in head_b.split_inclusive('\n') {
        let (name, value) = line.split_once(':').unwrap_or((line, ""));
        if name.trim().eq_ignore_ascii_case("content-length") {
            if let Ok(n) = value.trim().parse::<i64>() {
                let ending = if line.ends_with("\r\n") {
                    "\r\n"
                } else if line.ends_with('\n') {
                    "\n"
                } else {
                    ""
                };
                out.push_str(&format!("{}: {}{}", name, (n + delta).max(0), ending));
                continue;
            }
        }
        out.push_str(line);
    }
    out.push_str(body_b);
    out
}

/// Redacts phone numbers and message bodies in `shared` (input and URL), guided by `report`
/// (the report of that same input).
pub fn redact(shared: &Shared, report: &Report) -> Redaction {
    let mut text = shared.input.clone();
    let mut url = shared.url.clone();
    let mut replaced = 0;
    let mut numbers: Vec<String> = Vec::new();
    let mut targets: Vec<(&Field, Target)> = Vec::new();

    for f in &report.fields {
        let Some(t) = target_of(f) else { continue };
        targets.push((f, t));
        match t {
            Target::Text => {
                if f.value.is_empty() {
                    continue;
                }
                let with = match f.source {
                    ParamSource::Query | ParamSource::Body => "%5Bredacted%5D",
                    _ => "[redacted]",
                };
                let (t2, n) = replace_after_name(&text, &f.raw_name, &f.raw_value, with);
                text = t2;
                replaced += n;
                if n == 0 && f.raw_value != f.value {
                    let (t3, m) = replace_after_name(&text, &f.name, &f.value, "[redacted]");
                    text = t3;
                    replaced += m;
                }
            }
            Target::Phone => {
                let d = digits(&f.value);
                let keep = if f.value.contains('+') {
                    display::country_code_len(&d)
                } else {
                    0
                };
                let national = &d[keep..];
                let idx = match numbers.iter().position(|n| n == national) {
                    Some(i) => i,
                    None => {
                        numbers.push(national.to_string());
                        numbers.len() - 1
                    }
                };
                let fake = fake_digits(national.len(), idx);
                let pairs = [
                    (f.raw_value.clone(), map_digits(&f.raw_value, keep, &fake)),
                    (f.value.clone(), map_digits(&f.value, keep, &fake)),
                ];
                for (from, to) in pairs {
                    if from.len() >= 5 {
                        let (t2, n) = replace_all(&text, &from, &to);
                        text = t2;
                        replaced += n;
                        if let Some(u) = url.as_mut() {
                            *u = u.replace(&from, &to);
                        }
                    }
                }
                // Bare digits elsewhere (WaId, URLs, 2008 ten-digit forms).
                if national.len() >= 7 {
                    let (t2, n) = replace_digit_run(&text, &d, &format!("{}{}", &d[..keep], fake));
                    text = t2;
                    replaced += n;
                    let (t3, m) = replace_digit_run(&text, national, &fake);
                    text = t3;
                    replaced += m;
                }
            }
        }
    }

    // The server's answer, when the paste has one (`answer`), after the request.
    let mut answer_leftover = None;
    let answer_at = |t: &str| split_exchange(t).1.map(|a| t.len() - a.len());
    let text = match (&report.response, answer_at(&shared.input), answer_at(&text)) {
        (Some(r), Some(was), Some(at)) if r.input_kind != ResponseInputKind::Har => {
            let request = fix_content_length(&shared.input[..was], &text[..at]);
            let joined = format!("{request}{}", &text[at..]);
            let a = answer::redact(&joined, request.len(), &shared.input[was..], &mut numbers);
            replaced += a.replaced;
            if !a.leftovers.is_empty() {
                answer_leftover = Some("the answer's message text");
            }
            a.text
        }
        (Some(r), ..) if !r.body.trim().is_empty() => {
            answer_leftover = Some("the server's answer");
            fix_content_length(&shared.input, &text)
        }
        _ => fix_content_length(&shared.input, &text),
    };
    let leftovers = targets
        .iter()
        .filter(|(f, t)| {
            let probe = |v: &str| match t {
                Target::Text => v.len() >= 4 && text.contains(v),
                Target::Phone => v.len() >= 7 && text.contains(v),
            };
            probe(&f.raw_value) || (f.value != f.raw_value && probe(&f.value))
        })
        .map(|(f, _)| f.name.clone())
        .chain(answer_leftover.map(str::to_string))
        .collect();

    Redaction {
        shared: Shared {
            input: text,
            url,
            ..shared.clone()
        },
        replaced,
        leftovers,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::share::tests::sample;
    use twilio_webhook_inspector::{FieldStatus, InputFormat};

    fn field(index: usize, name: &str, raw: &str, value: &str) -> Field {
        Field {
            index,
            source: ParamSource::Body,
            name: name.into(),
            raw_name: name.into(),
            value: value.into(),
            raw_value: raw.into(),
            catalog_name: None,
            label: None,
            description: None,
            value_type: None,
            display: None,
            status: FieldStatus::Known,
            placeholder: None,
            findings: vec![],
        }
    }

    fn report(fields: Vec<Field>) -> Report {
        let mut r = twilio_webhook_inspector::inspect("", &Default::default());
        r.format = InputFormat::Form;
        r.fields = fields;
        r
    }

    #[test]
    fn redacts_phones_and_bodies_consistently() {
        let s = sample();
        let r = report(vec![
            field(0, "Body", "Hello+there%21", "Hello there!"),
            field(1, "From", "%2B14155550143", "+14155550143"),
            field(2, "To", "%2B14155550199", "+14155550199"),
            field(3, "Caller", "%2B14155550143", "+14155550143"),
        ]);
        let red = redact(&s, &r);
        let t = &red.shared.input;
        assert!(!t.contains("Hello"), "{t}");
        assert!(t.contains("Body=%5Bredacted%5D"), "{t}");
        assert!(
            !t.contains("4155550143") && !t.contains("4155550199"),
            "{t}"
        );
        // Country code kept, each number distinct, aliases still equal.
        assert!(t.contains("From=%2B15555550100"), "{t}");
        assert!(t.contains("To=%2B15555550101"), "{t}");
        assert!(t.contains("Caller=%2B15555550100"), "{t}");
        assert_eq!(
            red.shared.url.as_deref(),
            Some("https://example.com/sms?From=%2B15555550100")
        );
        assert!(red.leftovers.is_empty(), "{:?}", red.leftovers);
        assert!(red.replaced >= 4);
        assert_eq!(red.shared.signature, s.signature);
    }

    #[test]
    fn short_bodies_only_replaced_after_their_name() {
        let s = Shared {
            input: "Chi=x&Body=hi&Other=hi".into(),
            ..Shared::default()
        };
        let red = redact(&s, &report(vec![field(1, "Body", "hi", "hi")]));
        assert_eq!(red.shared.input, "Chi=x&Body=%5Bredacted%5D&Other=hi");
    }

    #[test]
    fn json_and_bare_digit_forms() {
        let s = Shared {
            input:
                r#"{"From":"whatsapp:+14155550143","WaId":"14155550143","Body":"Can I change it?"}"#
                    .into(),
            ..Shared::default()
        };
        let mut from = field(0, "From", "whatsapp:+14155550143", "whatsapp:+14155550143");
        from.source = ParamSource::Json;
        let mut waid = field(1, "WaId", "14155550143", "14155550143");
        waid.source = ParamSource::Json;
        let mut body = field(2, "Body", "Can I change it?", "Can I change it?");
        body.source = ParamSource::Json;
        let red = redact(&s, &report(vec![from, waid, body]));
        let t = &red.shared.input;
        assert!(!t.contains("4155550143"), "{t}");
        assert!(t.contains(r#""From":"whatsapp:+15555550100""#), "{t}");
        assert!(t.contains(r#""Body":"[redacted]""#), "{t}");
        assert!(red.leftovers.is_empty());
    }

    #[test]
    fn content_length_follows_the_body() {
        let body = "Body=Hello+there&From=%2B14155550143";
        let s = Shared {
            input: format!(
                "POST /sms HTTP/1.1\nHost: x\nContent-Length: {}\n\n{body}\n",
                body.len()
            ),
            ..Shared::default()
        };
        let red = redact(
            &s,
            &report(vec![
                field(0, "Body", "Hello+there", "Hello there"),
                field(1, "From", "%2B14155550143", "+14155550143"),
            ]),
        );
        let t = &red.shared.input;
        let (head, new_body) = t.split_once("\n\n").unwrap();
        let len: usize = crate::test_util::content_length(head);
        assert_eq!(len, new_body.trim_end().len(), "{t}");
    }

    #[test]
    fn the_answer_is_redacted_and_keeps_its_verdict() {
        use twilio_webhook_inspector::{inspect, Options};
        for id in [
            "response-12100",
            "response-12200",
            "response-valid",
            "response-json",
        ] {
            let input = crate::examples::by_id(id).unwrap().input;
            let before = inspect(input, &Options::default());
            let red = redact(
                &Shared {
                    input: input.into(),
                    ..Shared::default()
                },
                &before,
            );
            let t = &red.shared.input;
            assert!(
                !t.contains("4155550143") && !t.contains("4155550199"),
                "{id}: {t}"
            );
            assert!(red.leftovers.is_empty(), "{id}: {:?}", red.leftovers);
            let after = inspect(t, &Options::default());
            let (b, a) = (before.response.unwrap(), after.response.unwrap());
            assert_eq!(a.verdict, b.verdict, "{id}: {t}");
            assert_eq!(a.findings.len(), b.findings.len(), "{id}");
            // Both Content-Lengths still match their bodies: no new request finding.
            assert_eq!(
                after.findings.len(),
                before.findings.len(),
                "{id}: {:?}",
                after.findings
            );
            for part in t.split_inclusive("\nHTTP/1.1 ") {
                let (head, body) = part.split_once("\n\n").unwrap();
                let len: usize = crate::test_util::content_length(head);
                let body = body.strip_suffix("\nHTTP/1.1 ").unwrap_or(body);
                assert!(
                    body.len() == len || body.trim_end().len() == len,
                    "{id}: {len} for {body:?}"
                );
            }
        }
        let input = crate::examples::by_id("response-12100").unwrap().input;
        let red = redact(
            &Shared {
                input: input.into(),
                ..Shared::default()
            },
            &twilio_webhook_inspector::inspect(input, &Default::default()),
        );
        // <Say> words are the app's script and stay; a long digit run (an order or
        // account number) becomes a fictional one, in place.
        assert!(!red.shared.input.contains("10420042"), "the order number");
        assert!(
            red.shared.input.contains("<Say>Order 55550"),
            "{}",
            red.shared.input
        );
    }

    #[test]
    fn fake_digits_keep_length() {
        assert_eq!(fake_digits(10, 0), "5555550100");
        assert_eq!(fake_digits(3, 0), "100");
        assert_eq!(fake_digits(7, 5), "5550105");
        assert_eq!(
            map_digits("%2B14155550143", 1, "5555550100"),
            "%2B15555550100"
        );
    }
}
