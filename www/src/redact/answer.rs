//! Redaction of the server's answer in a shared paste (the part the report's `response`
//! section read). What the answer says to people — the text of `<Message>`, `<Body>` and
//! `<Sms>` — keeps its shape only: letters and digits become `x`, while punctuation,
//! blanks and entity references stay. Phone numbers in the rest of its text and in attribute
//! values (runs of 7 or more digits, country code kept) become fictional ones, numbered
//! after the request's so each distinct number stays distinct. Both keep every character
//! where it was, so the shared answer gets the same findings at the same lines and columns
//! (a bare `&` in a message is still there to be reported).

use super::{fake_digits, map_digits};
use crate::display;

/// Elements whose text is a message to a person.
const MESSAGE_TEXT: &[&str] = &["message", "body", "sms"];

/// What redacting an answer did.
#[derive(Debug, Default)]
pub(super) struct Answer {
    /// The whole text with the answer redacted.
    pub text: String,
    /// How many values were replaced.
    pub replaced: usize,
    /// Message texts that could not be redacted (found again afterwards).
    pub leftovers: Vec<String>,
}

/// Redacts the answer in `text`, which starts at byte `at` (its status line, or 0 for an
/// answer pasted alone); `original` is the answer as pasted, before any redaction, so that
/// its Content-Length can follow the body. `numbers` holds the national numbers the
/// request's redaction mapped (the fictional ones it wrote are left alone); new numbers are
/// added to it.
pub(super) fn redact(text: &str, at: usize, original: &str, numbers: &mut Vec<String>) -> Answer {
    let Some(part) = text.get(at..) else {
        return Answer {
            text: text.to_string(),
            ..Answer::default()
        };
    };
    let (head, body) = if part.starts_with("HTTP/") {
        let cut = part
            .find("\r\n\r\n")
            .map(|i| i + 4)
            .or_else(|| part.find("\n\n").map(|i| i + 2))
            .unwrap_or(part.len());
        part.split_at(cut)
    } else {
        ("", part)
    };
    let mut replaced = 0;
    let mut messages: Vec<String> = Vec::new();
    let mut out = String::with_capacity(body.len());
    let mut depth_in_message = 0usize;
    let mut rest = body;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("<![CDATA[") {
            let end = after.find("]]>").map_or(after.len(), |i| i + 3);
            let (cdata, tail) = after.split_at(end);
            let inner = cdata.strip_suffix("]]>").unwrap_or(cdata);
            out.push_str("<![CDATA[");
            out.push_str(&text_part(
                inner,
                depth_in_message > 0,
                numbers,
                &mut replaced,
                &mut messages,
            ));
            out.push_str(&cdata[inner.len()..]);
            rest = tail;
        } else if rest.starts_with('<') {
            let end = tag_end(rest);
            let (tag, tail) = rest.split_at(end);
            match tag_name(tag) {
                Some((name, closing, empty)) if MESSAGE_TEXT.contains(&name.as_str()) => {
                    if closing {
                        depth_in_message = depth_in_message.saturating_sub(1);
                    } else if !empty {
                        depth_in_message += 1;
                    }
                }
                _ => {}
            }
            out.push_str(&phones(tag, true, numbers, &mut replaced));
            rest = tail;
        } else {
            let end = rest.find('<').unwrap_or(rest.len());
            let (t, tail) = rest.split_at(end);
            out.push_str(&text_part(
                t,
                depth_in_message > 0,
                numbers,
                &mut replaced,
                &mut messages,
            ));
            rest = tail;
        }
    }
    let part = if head.is_empty() {
        out
    } else {
        super::fix_content_length(original, &format!("{head}{out}"))
    };
    let whole = format!("{}{part}", &text[..at]);
    let leftovers = messages
        .into_iter()
        .filter(|m| m.chars().count() >= 4 && whole.contains(m.as_str()))
        .collect();
    Answer {
        text: whole,
        replaced,
        leftovers,
    }
}

/// Text between tags: a message's text is replaced whole (its blanks kept around it),
/// anything else only has its phone numbers replaced.
fn text_part(
    t: &str,
    message: bool,
    numbers: &mut Vec<String>,
    replaced: &mut usize,
    messages: &mut Vec<String>,
) -> String {
    if message && t.chars().any(char::is_alphanumeric) {
        messages.push(t.trim().to_string());
        *replaced += 1;
        return shape_of(t);
    }
    phones(t, false, numbers, replaced)
}

/// `t` with every letter and digit replaced by `x`, except inside entity references
/// (`&amp;`, `&#39;`), which are kept whole.
fn shape_of(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    let mut rest = t;
    while let Some(c) = rest.chars().next() {
        if c == '&' {
            let name_len = rest[1..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
                .unwrap_or(rest.len() - 1);
            if name_len > 0 && rest[1 + name_len..].starts_with(';') {
                out.push_str(&rest[..name_len + 2]);
                rest = &rest[name_len + 2..];
                continue;
            }
        }
        out.push(if c.is_alphanumeric() { 'x' } else { c });
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Where the tag starting `s` (at `<`) ends: after its `>`, quotes respected.
fn tag_end(s: &str) -> usize {
    if s.starts_with("<!--") {
        return s.find("-->").map_or(s.len(), |i| i + 3);
    }
    let mut quote: Option<u8> = None;
    for (i, b) in s.bytes().enumerate().skip(1) {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return i + 1,
            (None, b'<') => return i,
            _ => {}
        }
    }
    s.len()
}

/// A tag's lowercase name, whether it closes, and whether it is empty (`<x/>`).
fn tag_name(tag: &str) -> Option<(String, bool, bool)> {
    let inner = tag.strip_prefix('<')?;
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(i) => (true, i),
        None => (false, inner),
    };
    let name: String = inner
        .chars()
        .take_while(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    if name.is_empty() {
        return None;
    }
    Some((
        name.to_ascii_lowercase(),
        closing,
        tag.trim_end_matches('>').ends_with('/'),
    ))
}

/// Replaces phone numbers in `s` (`in_tag`: only inside quoted attribute values): runs of 7
/// or more digits, after an optional `+`, not touching letters or other digits.
fn phones(s: &str, in_tag: bool, numbers: &mut Vec<String>, replaced: &mut usize) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut quote: Option<u8> = None;
    let mut last = 0;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if in_tag {
            match (quote, c) {
                (Some(q), _) if c == q => {
                    quote = None;
                    i += 1;
                    continue;
                }
                (None, b'"' | b'\'') => {
                    quote = Some(c);
                    i += 1;
                    continue;
                }
                (None, _) => {
                    i += 1;
                    continue;
                }
                _ => {}
            }
        }
        if !c.is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        let run = &s[start..i];
        let before = start.checked_sub(1).map(|p| b[p]);
        let plus = before == Some(b'+');
        let glued = |x: Option<u8>| x.is_some_and(|x| x.is_ascii_alphanumeric() || x == b'_');
        let before_word = if plus {
            glued(start.checked_sub(2).map(|p| b[p]))
        } else {
            glued(before)
        };
        if run.len() < 7 || before_word || glued(b.get(i).copied()) {
            continue;
        }
        let keep = if plus {
            display::country_code_len(run)
        } else {
            0
        };
        let national = &run[keep..];
        if (0..numbers.len()).any(|n| fake_digits(national.len(), n) == national) {
            continue;
        }
        let idx = match numbers.iter().position(|n| n == national) {
            Some(n) => n,
            None => {
                numbers.push(national.to_string());
                numbers.len() - 1
            }
        };
        out.push_str(&s[last..start]);
        out.push_str(&map_digits(run, keep, &fake_digits(national.len(), idx)));
        last = i;
        *replaced += 1;
    }
    out.push_str(&s[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_texts_and_numbers_in_an_answer() {
        let body = "<?xml version=\"1.0\"?>\n<Response>\n  <Message to=\"+14155550177\">Your code is 4417 &amp; expires soon</Message>\n  <Dial callerId=\"+14155550199\"><Number>+442071838750</Number></Dial>\n  <Say>Order 12345678 is <![CDATA[ready]]></Say>\n  <Pause length=\"2\"/>\n</Response>\n";
        let text = format!(
            "POST /x HTTP/1.1\nContent-Length: 3\n\nA=1\n\nHTTP/1.1 200 OK\nContent-Type: text/xml\nContent-Length: {}\n\n{body}",
            body.len()
        );
        let at = text.find("HTTP/1.1 200").unwrap();
        let mut numbers = vec!["4155550199".to_string()];
        let a = redact(&text, at, &text[at..], &mut numbers);
        let t = &a.text;
        assert!(t.starts_with(&text[..at]), "the request is left alone");
        assert!(
            t.contains(
                "<Message to=\"+15555550101\">xxxx xxxx xx xxxx &amp; xxxxxxx xxxx</Message>"
            ),
            "{t}"
        );
        assert!(
            t.contains("callerId=\"+15555550100\""),
            "a number the request mapped keeps its fake: {t}"
        );
        assert!(
            t.contains("<Number>+44555555550102</Number>")
                || t.contains("<Number>+445555550102</Number>"),
            "{t}"
        );
        assert!(!t.contains("4417") && !t.contains("2071838750"), "{t}");
        assert!(
            t.contains("Order 55550103 is"),
            "a bare 8-digit run is a number too: {t}"
        );
        assert!(t.contains("<Pause length=\"2\"/>"));
        assert!(a.leftovers.is_empty());
        assert_eq!(a.replaced, 5);
        // The answer's Content-Length follows its body.
        let resp = &t[at..];
        let (head, new_body) = resp.split_once("\n\n").unwrap();
        let len: usize = crate::test_util::content_length(head);
        assert_eq!(len, new_body.len());
    }

    #[test]
    fn fakes_and_ids_are_left_alone() {
        let mut numbers = vec!["4155550143".to_string()];
        let body = "<Response><Message>x</Message><Redirect>https://h.test/c/CA1234567890123456789012345678901a?n=+15555550100</Redirect></Response>";
        let a = redact(body, 0, body, &mut numbers);
        assert!(
            a.text.contains("CA1234567890123456789012345678901a"),
            "{}",
            a.text
        );
        assert!(a.text.contains("n=+15555550100"), "{}", a.text);
        assert_eq!(numbers.len(), 1);
        assert!(a.text.contains("<Message>x</Message>"));
    }

    #[test]
    fn shapes_keep_positions_and_references() {
        assert_eq!(
            shape_of("Tom & Jerry's, 5th &amp; Main&#33; é"),
            "xxx & xxxxx'x, xxx &amp; xxxx&#33; x"
        );
        assert_eq!(shape_of("&"), "&");
        assert_eq!(shape_of("&;"), "&;");
        assert_eq!(shape_of("a&b"), "x&x");
    }

    #[test]
    fn hostile_markup_never_panics() {
        for s in [
            "<",
            "<Message",
            "<Message>héllo",
            "<![CDATA[",
            "<!-- x",
            "<Message/>x</Message>",
            "</Message></Message>",
            "+",
            "+1234567",
        ] {
            let mut numbers = Vec::new();
            let _ = redact(s, 0, s, &mut numbers);
            let _ = redact(s, s.len(), "", &mut numbers);
            let _ = redact(s, s.len() + 1, "", &mut numbers);
            let _ = redact(&format!("HTTP/1.1 200 OK\n{s}"), 0, s, &mut numbers);
        }
        let mut numbers = Vec::new();
        let m = "<Message/>Hello there</Message>";
        let a = redact(m, 0, m, &mut numbers);
        assert_eq!(
            a.text, "<Message/>Hello there</Message>",
            "an empty element holds no text"
        );
    }
}
