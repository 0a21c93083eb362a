//! Permalinks and redaction. Pure functions, unit-tested natively.
//!
//! A permalink keeps the input and the options (never the tokens) in the URL fragment, which
//! browsers do not send to servers: `#i=<payload>`, where the payload is `1` (format
//! version) followed by base64url (no padding) of the raw-DEFLATE-compressed fields input,
//! format, kind, url, signature — each a LEB128 byte length then UTF-8 (a hand-rolled
//! layout rather than JSON: it keeps serde out of the wasm for this). The compression is
//! the browser's own `CompressionStream("deflate-raw")` (see `web::deflate`), which costs
//! the wasm nothing; a Rust deflate (miniz_oxide) measured +15 KB gzipped. Browsers without
//! it get `#i=0…`: the same bytes, uncompressed.
//!
//! Redaction replaces phone numbers (keeping the country code, mapping each distinct number
//! to a distinct fictional 555 number so aliases still agree) and message bodies,
//! transcripts and names (with `[redacted]`) in the pasted text, guided by the report's fields.

use base64::Engine as _;
use twilio_webhook_inspector::percent::{self, Flavor};
use twilio_webhook_inspector::{Field, ParamSource, Report};

use crate::display;
use crate::state::Route;

/// Largest decompressed payload accepted from a link (a zip bomb guard).
pub const MAX_PAYLOAD: usize = 2 * 1024 * 1024;

/// What a permalink carries.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Shared {
    /// The pasted text.
    pub input: String,
    /// Forced format id.
    pub format: Option<String>,
    /// Forced kind id.
    pub kind: Option<String>,
    /// The URL Twilio requested.
    pub url: Option<String>,
    /// The X-Twilio-Signature value.
    pub signature: Option<String>,
}

/// The uncompressed payload bytes.
pub fn pack(shared: &Shared) -> Vec<u8> {
    let mut out = Vec::with_capacity(shared.input.len() + 64);
    let fields = [
        Some(shared.input.as_str()),
        shared.format.as_deref(),
        shared.kind.as_deref(),
        shared.url.as_deref(),
        shared.signature.as_deref(),
    ];
    for f in fields {
        let b = f.unwrap_or("").as_bytes();
        let mut n = b.len();
        loop {
            let byte = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                out.push(byte);
                break;
            }
            out.push(byte | 0x80);
        }
        out.extend_from_slice(b);
    }
    out
}

/// Reads bytes written by [`pack`]. Missing trailing fields are empty; bad UTF-8 or
/// lengths are rejected.
pub fn unpack(mut b: &[u8]) -> Option<Shared> {
    let mut fields: Vec<String> = Vec::with_capacity(5);
    while !b.is_empty() && fields.len() < 5 {
        let mut n = 0usize;
        let mut shift = 0;
        loop {
            let (&byte, rest) = b.split_first()?;
            b = rest;
            n |= ((byte & 0x7f) as usize).checked_shl(shift)?;
            if byte & 0x80 == 0 {
                break;
            }
            shift += 7;
            if shift > 28 {
                return None;
            }
        }
        if n > b.len() {
            return None;
        }
        fields.push(String::from_utf8(b[..n].to_vec()).ok()?);
        b = &b[n..];
    }
    let mut it = fields.into_iter();
    let input = it.next()?;
    let mut opt = || it.next().filter(|s| !s.is_empty());
    Some(Shared {
        input,
        format: opt(),
        kind: opt(),
        url: opt(),
        signature: opt(),
    })
}

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// How the payload bytes are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Packing {
    /// `i=1…`: raw DEFLATE (the normal case).
    Deflate,
    /// `i=0…`: uncompressed, for browsers without `CompressionStream`.
    Plain,
}

/// The fragment (without `#`) for payload bytes: `i=1…` (deflated) or `i=0…` (plain).
pub fn fragment_for(packing: Packing, bytes: &[u8]) -> String {
    let v = match packing {
        Packing::Deflate => '1',
        Packing::Plain => '0',
    };
    format!("i={v}{}", B64.encode(bytes))
}

/// The payload bytes of an `#i=…` fragment, and how they are packed. Anything after the
/// payload (`&param=…`) is ignored: see [`focus_param`].
pub fn payload_of(fragment: &str) -> Option<(Packing, Vec<u8>)> {
    let f = fragment.trim_start_matches('#');
    let rest = f.strip_prefix("i=")?;
    let rest = rest.split('&').next().unwrap_or_default();
    let packing = match rest.as_bytes().first()? {
        b'1' => Packing::Deflate,
        b'0' => Packing::Plain,
        _ => return None,
    };
    B64.decode(rest[1..].trim_end_matches('='))
        .ok()
        .map(|b| (packing, b))
}

/// Parses a location fragment (with or without the leading `#`). An input route may carry
/// more keys after `&` (`#example=sms&param=Body`, read by [`focus_param`]).
pub fn parse_fragment(fragment: &str) -> Route {
    let f = fragment.trim_start_matches('#');
    let (key, value) = f.split_once('=').unwrap_or((f, ""));
    let value = match key {
        "i" | "example" => value.split('&').next().unwrap_or_default(),
        _ => value,
    };
    let value = percent::decode(value, Flavor::Component);
    match key {
        // Shared inputs are decompressed asynchronously by the app (`payload_of`).
        "i" => Route::Inspect,
        "param" if !value.is_empty() => Route::Param(value),
        "kind" if !value.is_empty() => Route::Kind(value),
        "example" if !value.is_empty() => Route::Example(value),
        "examples" => Route::Examples,
        "catalog" => Route::Catalog,
        _ => Route::Inspect,
    }
}

/// The report field a fragment that carries an input points at: `param` in
/// `#example=<id>&param=MessageStatus` or `#i=…&param=MessageStatus`. A bare
/// `#param=MessageStatus` (no input) is the catalog entry instead ([`parse_fragment`]).
pub fn focus_param(fragment: &str) -> Option<String> {
    let f = fragment.trim_start_matches('#');
    if !(f.starts_with("i=") || f.starts_with("example=")) {
        return None;
    }
    f.split('&')
        .skip(1)
        .filter_map(|kv| kv.strip_prefix("param="))
        .map(|p| percent::decode(p, Flavor::Component))
        .find(|p| !p.is_empty())
}

/// `fragment` with `&param=<name>` appended (the name percent-encoded where it must be).
pub fn with_param(fragment: &str, param: Option<&str>) -> String {
    match param.filter(|p| !p.is_empty()) {
        Some(p) => format!("{fragment}&param={}", encode_component(p)),
        None => fragment.to_string(),
    }
}

/// Percent-encodes all but unreserved characters and `{}` (for fragment values).
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'{' | b'}') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
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

    let text = fix_content_length(&shared.input, &text);
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
    use twilio_webhook_inspector::{FieldStatus, InputFormat};

    fn sample() -> Shared {
        Shared {
            input:
                "Body=Hello+there%21&From=%2B14155550143&To=%2B14155550199&Caller=%2B14155550143"
                    .into(),
            format: Some("form".into()),
            kind: None,
            url: Some("https://example.com/sms?From=%2B14155550143".into()),
            signature: Some("abc=".into()),
        }
    }

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
    fn fragment_round_trip() {
        let bytes = pack(&sample());
        let frag = fragment_for(Packing::Deflate, &bytes);
        assert!(frag.starts_with("i=1"));
        assert!(frag[3..]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        assert_eq!(
            payload_of(&format!("#{frag}")).unwrap(),
            (Packing::Deflate, bytes.clone())
        );
        assert_eq!(
            parse_fragment(&frag),
            Route::Inspect,
            "the app decodes it asynchronously"
        );
        // Without CompressionStream: plain bytes, readable directly.
        let plain = fragment_for(Packing::Plain, &bytes);
        assert!(plain.starts_with("i=0"));
        let (p, b) = payload_of(&plain).unwrap();
        assert_eq!(p, Packing::Plain);
        assert_eq!(unpack(&b).unwrap(), sample());
    }

    #[test]
    fn pack_unpack() {
        let s = Shared {
            input: "é".repeat(200),
            url: Some("u".into()),
            ..Shared::default()
        };
        assert_eq!(unpack(&pack(&s)).unwrap(), s);
        assert_eq!(
            unpack(&pack(&Shared::default())).unwrap(),
            Shared::default()
        );
        assert_eq!(unpack(&[5, b'a']), None, "length past the end");
        assert_eq!(unpack(&[1, 0xff]), None, "bad UTF-8");
        assert_eq!(unpack(&[]), None);
    }

    #[test]
    fn garbage_fragments_are_ignored() {
        assert_eq!(payload_of("#i=1!!!"), None);
        assert_eq!(payload_of("#i=2abc"), None);
        assert_eq!(parse_fragment("#i=1!!!"), Route::Inspect);
        assert_eq!(parse_fragment("#i=2abc"), Route::Inspect);
        assert_eq!(parse_fragment("#i="), Route::Inspect);
        assert_eq!(parse_fragment(""), Route::Inspect);
        assert_eq!(parse_fragment("#nonsense"), Route::Inspect);
    }

    #[test]
    fn named_routes() {
        assert_eq!(
            parse_fragment("#param=MessageStatus"),
            Route::Param("MessageStatus".into())
        );
        assert_eq!(
            parse_fragment("#param=StartTime%3E"),
            Route::Param("StartTime>".into())
        );
        assert_eq!(
            parse_fragment("#kind=voice-request"),
            Route::Kind("voice-request".into())
        );
        assert_eq!(
            parse_fragment("#example=list-calls"),
            Route::Example("list-calls".into())
        );
        assert_eq!(parse_fragment("#catalog"), Route::Catalog);
        assert_eq!(parse_fragment("#examples"), Route::Examples);
        assert_eq!(parse_fragment("#param="), Route::Inspect);
    }

    #[test]
    fn input_routes_carry_a_field() {
        let bytes = pack(&sample());
        let frag = fragment_for(Packing::Plain, &bytes);
        let with = with_param(&frag, Some("MessageStatus"));
        assert_eq!(with, format!("{frag}&param=MessageStatus"));
        assert_eq!(
            payload_of(&format!("#{with}")).unwrap(),
            (Packing::Plain, bytes)
        );
        assert_eq!(
            focus_param(&format!("#{with}")).as_deref(),
            Some("MessageStatus")
        );
        assert_eq!(
            parse_fragment("#example=list-calls&param=StartTime%3E"),
            Route::Example("list-calls".into())
        );
        assert_eq!(
            focus_param("#example=list-calls&param=StartTime%3E").as_deref(),
            Some("StartTime>")
        );
        assert_eq!(
            with_param("example=x", Some("StartTime>")),
            "example=x&param=StartTime%3E"
        );
        assert_eq!(
            with_param("example=x", Some("MediaUrl{N}")),
            "example=x&param=MediaUrl{N}"
        );
        assert_eq!(with_param("example=x", None), "example=x");
        // A bare #param= is the catalog; it never focuses a report field.
        assert_eq!(focus_param("#param=MessageStatus"), None);
        assert_eq!(
            parse_fragment("#param=MessageStatus"),
            Route::Param("MessageStatus".into())
        );
        assert_eq!(focus_param("#example=sms&param="), None);
        assert_eq!(focus_param("#example=sms"), None);
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
        let len: usize = head
            .lines()
            .find_map(|l| l.strip_prefix("Content-Length: "))
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(len, new_body.trim_end().len(), "{t}");
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
