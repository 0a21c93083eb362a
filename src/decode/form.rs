//! `application/x-www-form-urlencoded` text (form bodies and query strings): pairs in wire
//! order, raw next to decoded, every oddity reported.

use super::Decoded;
use crate::finding::{Code, Finding, Severity};
use crate::percent::{self, Flavor};
use crate::report::{ParamSource, RawPair};

/// One decoded component (name or value) with what went wrong decoding it.
pub(crate) struct Component {
    pub text: String,
    /// Byte offsets (in the raw component) of `%` signs not followed by two hex digits.
    pub bad_escapes: Vec<usize>,
    /// True when the percent-decoded bytes were not valid UTF-8.
    pub invalid_utf8: bool,
}

/// Decodes one form component of pasted text ([`crate::percent::Flavor::Pasted`]): line
/// breaks dropped (a wrapped paste), `+` → space, `%XX` → byte, read as UTF-8 (invalid
/// sequences become U+FFFD).
pub(crate) fn decode_component(raw: &str) -> Component {
    let (text, invalid_utf8) = percent::decode_checked(raw, Flavor::Pasted);
    Component {
        text,
        bad_escapes: bad_escapes(raw),
        invalid_utf8,
    }
}

fn bad_escapes(raw: &str) -> Vec<usize> {
    let b = raw.as_bytes();
    let mut out = Vec::new();
    for (i, &c) in b.iter().enumerate() {
        if c == b'%' {
            let ok =
                b.len() > i + 2 && b[i + 1].is_ascii_hexdigit() && b[i + 2].is_ascii_hexdigit();
            if !ok {
                out.push(i);
            }
        }
    }
    out
}

/// True when decoded text still looks percent-encoded: it was encoded twice (`%252B`).
/// URLs are exempt (their own query may be encoded), unless the URL itself is still encoded.
fn looks_double_encoded(decoded: &str) -> bool {
    let b = decoded.as_bytes();
    let starts = |p: &str| b.len() >= p.len() && b[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    if starts("http%3a") || starts("https%3a") {
        return true;
    }
    if starts("http://") || starts("https://") || !decoded.contains('%') {
        return false;
    }
    b.windows(3)
        .any(|w| w[0] == b'%' && w[1].is_ascii_hexdigit() && w[2].is_ascii_hexdigit())
}

fn snippet(raw: &str, at: usize) -> &str {
    let end = (at + 3).min(raw.len());
    raw.get(at..end).unwrap_or("%")
}

/// Byte classes for the one pass over a form text ([`parse_pairs`]).
const AMP: u8 = 1;
const EQ: u8 = 2;
/// `%` or `+`: the component needs percent-decoding.
const ESCAPE: u8 = 4;
/// CR or LF (wrapping of a paste).
const CRLF: u8 = 8;
/// A raw space or an ASCII control character other than CR and LF.
const SPACE: u8 = 16;
/// A byte of a non-ASCII character (its class is decided on the character).
const NON_ASCII: u8 = 32;
/// `%` (a possible bad escape or double encoding).
const PERCENT: u8 = 64;
/// Any other byte.
const OTHER: u8 = 128;

const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = if i >= 0x80 {
            NON_ASCII
        } else if i == b'\r' as usize || i == b'\n' as usize {
            CRLF
        } else if i < 0x20 || i == 0x7f || i == b' ' as usize {
            SPACE
        } else {
            OTHER
        };
        i += 1;
    }
    t[b'&' as usize] = AMP;
    t[b'=' as usize] = EQ;
    t[b'%' as usize] = ESCAPE | PERCENT;
    t[b'+' as usize] = ESCAPE;
    t
};

/// Splits `text` on `&` and decodes every pair into `out.pairs` (with `source`), reporting
/// problems in `out.findings`. `base` is the byte offset of `text` in the pasted input.
///
/// Each segment is found with memchr (`&`, then its first `=`), and a table lookup per byte
/// gives the classes of bytes in its name and value, so components with nothing to decode
/// are copied as they are and the shape checks run only where a byte class says they can
/// find something.
pub(crate) fn parse_pairs(text: &str, source: ParamSource, base: Option<usize>, out: &mut Decoded) {
    let at = |offset: usize| base.map(|b| b + offset);
    let first_new = out.pairs.len();
    let mut empty_segments = 0usize;
    let mut first_empty: Option<usize> = None;
    let mut line_break: Option<usize> = None;
    let mut elided: Option<usize> = None;
    let bytes = text.as_bytes();
    let mut seg_at = 0usize;
    while seg_at <= bytes.len() {
        // One segment: up to the next `&` or the end, split at its first `=` (both found in
        // one pass over the bytes: segments are short, a search per separator costs more),
        // and the byte classes of each side (a table lookup per byte, no branch).
        let this_at = seg_at;
        let mut end = seg_at;
        let mut eq: Option<usize> = None;
        while end < bytes.len() {
            match bytes[end] {
                b'&' => break,
                b'=' if eq.is_none() => eq = Some(end - this_at),
                _ => {}
            }
            end += 1;
        }
        seg_at = end + 1;
        let segment = &text[this_at..end];
        let (name_part, value_part) = match eq {
            Some(e) => (&segment.as_bytes()[..e], &segment.as_bytes()[e + 1..]),
            None => (segment.as_bytes(), &[][..]),
        };
        let name_flags = name_part.iter().fold(0u8, |f, &b| f | CLASS[b as usize]);
        let value_flags = value_part.iter().fold(0u8, |f, &b| f | CLASS[b as usize]);
        let crlf = if (name_flags | value_flags) & CRLF != 0 {
            segment.find(['\r', '\n']).map(|i| this_at + i)
        } else {
            None
        };
        // Only line breaks (or nothing): every byte is CR or LF.
        if eq.is_none() && name_flags & !CRLF == 0 {
            if crlf.is_some() {
                line_break.get_or_insert(this_at);
            }
            empty_segments += 1;
            first_empty.get_or_insert(this_at);
            continue;
        }
        // `&...` or `&…`: the writer cut the rest of the body there (a help page's
        // `To=%2B1…&From=%2B1…&...`). An elision marker, not a parameter named `...`.
        if eq.is_none() && is_ellipsis(segment.trim()) {
            elided.get_or_insert(this_at);
            continue;
        }
        if line_break.is_none() {
            line_break = crlf;
        }
        let pair = Segment::decode(segment, this_at, eq, name_flags, value_flags);
        pair.report_decoding(&at, out);
        pair.report_shape(&at, out);
        out.pairs.push(RawPair {
            source,
            raw_name: pair.raw_name.to_string(),
            raw_value: pair.raw_value.to_string(),
            name: pair.name.text,
            value: pair.value.text,
            no_equals: pair.no_equals,
            non_literal: false,
        });
    }
    if let Some(i) = line_break {
        out.findings.push(
            Finding::new(
                Code::LineBreakInForm,
                "The form text contains line breaks; they were ignored as wrapping of the paste.",
            )
            .hint("Real form bodies have no raw line breaks (they are sent as %0A); check that nothing was cut.")
            .at_opt(at(i)),
        );
    }
    if let Some(i) = elided {
        out.findings.push(
            Finding::new(
                Code::PartialCapture,
                "The form is cut short with '...': the parameters it stood for are not in the text.",
            )
            .hint("Paste the whole body to have every parameter checked.")
            .at_opt(at(i)),
        );
    }
    if empty_segments > 0 && !text.trim_matches(['\r', '\n']).is_empty() {
        out.findings.push(
            Finding::new(
                Code::EmptyPair,
                format!("{empty_segments} empty segment(s) between '&' separators (a doubled or trailing '&') were skipped."),
            )
            .at_opt(first_empty.and_then(at)),
        );
    }
    report_duplicates(out, first_new);
}

/// True for an elision marker: three or more dots, or the ellipsis character(s).
fn is_ellipsis(t: &str) -> bool {
    (t.len() >= 3 && t.bytes().all(|b| b == b'.'))
        || (!t.is_empty() && t.chars().all(|c| c == '\u{2026}'))
}

/// [`decode_component`], with the component's byte classes: one with nothing to decode
/// (no `%`, `+` or line break) is its own text; one without line breaks is decoded in one
/// pass that also notes the bad escapes.
fn decode_classed(raw: &str, flags: u8) -> Component {
    if flags & (ESCAPE | CRLF) == 0 {
        Component {
            text: raw.to_string(),
            bad_escapes: Vec::new(),
            invalid_utf8: false,
        }
    } else if flags & CRLF == 0 {
        decode_one_line(raw)
    } else {
        decode_component(raw)
    }
}

/// The value of a hex digit, or 0xff.
const HEX: [u8; 256] = {
    let mut t = [0xffu8; 256];
    let mut i = 0;
    while i < 10 {
        t[b'0' as usize + i] = i as u8;
        i += 1;
    }
    let mut i = 0;
    while i < 6 {
        t[b'a' as usize + i] = 10 + i as u8;
        t[b'A' as usize + i] = 10 + i as u8;
        i += 1;
    }
    t
};

/// [`decode_component`] of a component without CR or LF, in one pass: `+` → space, a valid
/// `%XX` → its byte, any other `%` kept and its offset noted as a bad escape (the same
/// bytes and offsets as `percent::decode_checked(raw, Flavor::Pasted)` and `bad_escapes`).
fn decode_one_line(raw: &str) -> Component {
    let s = raw.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(s.len());
    let mut bad_escapes = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < s.len() {
        let b = s[i];
        if b == b'+' {
            out.extend_from_slice(&s[start..i]);
            out.push(b' ');
            i += 1;
            start = i;
        } else if b == b'%' {
            out.extend_from_slice(&s[start..i]);
            let (h, l) = if i + 2 < s.len() {
                (HEX[s[i + 1] as usize], HEX[s[i + 2] as usize])
            } else {
                (0xff, 0xff)
            };
            if h != 0xff && l != 0xff {
                out.push(h << 4 | l);
                i += 3;
            } else {
                bad_escapes.push(i);
                out.push(b'%');
                i += 1;
            }
            start = i;
        } else {
            i += 1;
        }
    }
    out.extend_from_slice(&s[start..]);
    let (text, invalid_utf8) = match String::from_utf8(out) {
        Ok(text) => (text, false),
        Err(e) => (String::from_utf8_lossy(e.as_bytes()).into_owned(), true),
    };
    Component {
        text,
        bad_escapes,
        invalid_utf8,
    }
}

/// True when the raw component holds a literal space or a control character other than
/// CR and LF (decided per character only when it has non-ASCII bytes).
fn has_raw_space(raw: &str, flags: u8) -> bool {
    if flags & NON_ASCII != 0 {
        raw.contains(|c: char| c == ' ' || (c.is_control() && c != '\r' && c != '\n'))
    } else {
        flags & SPACE != 0
    }
}

/// One `name=value` segment of a form, as written and decoded.
struct Segment<'a> {
    raw_name: &'a str,
    raw_value: &'a str,
    /// The segment has no `=`.
    no_equals: bool,
    name: Component,
    value: Component,
    /// Offset of the segment in the form text.
    at: usize,
    /// Offset of the raw value in the form text.
    value_at: usize,
    /// Byte classes of the raw name and the raw value.
    name_flags: u8,
    value_flags: u8,
}

impl<'a> Segment<'a> {
    /// `eq`: the offset of the first `=` in the segment; the flags: byte classes of the
    /// name and the value.
    fn decode(
        segment: &'a str,
        at: usize,
        eq: Option<usize>,
        name_flags: u8,
        value_flags: u8,
    ) -> Self {
        let (raw_name, raw_value, no_equals) = match eq {
            Some(e) => (&segment[..e], &segment[e + 1..], false),
            None => (segment, "", true),
        };
        Segment {
            raw_name,
            raw_value,
            no_equals,
            name: decode_classed(raw_name, name_flags),
            value: decode_classed(raw_value, value_flags),
            name_flags,
            value_flags,
            // A pair without `=` has no value: its (empty) value sits at the end of its name.
            value_at: at + raw_name.len() + usize::from(!no_equals),
            at,
        }
    }

    /// Bad percent-escapes and bytes that are not UTF-8, in the name and in the value.
    fn report_decoding(&self, at: &impl Fn(usize) -> Option<usize>, out: &mut Decoded) {
        let pname = &self.name.text;
        for (comp, raw, start, what) in [
            (&self.name, self.raw_name, self.at, "name"),
            (&self.value, self.raw_value, self.value_at, "value"),
        ] {
            for &i in &comp.bad_escapes {
                out.findings.push(
                    Finding::new(
                        Code::InvalidPercentEscape,
                        format!(
                            "'{}' in the {what} of {pname} at byte {} is not a valid percent-escape; it was kept as written.",
                            snippet(raw, i),
                            at(start + i).unwrap_or(start + i)
                        ),
                    )
                    .param(pname.clone())
                    .hint("A literal '%' must be sent as %25.")
                    .at_opt(at(start + i)),
                );
            }
            if comp.invalid_utf8 {
                out.findings.push(
                    Finding::new(
                        Code::InvalidUtf8,
                        format!("The {what} of {pname} decodes to bytes that are not UTF-8; they are shown as U+FFFD (raw: {raw})."),
                    )
                    .param(pname.clone())
                    .hint("Twilio sends UTF-8; the text was probably encoded in another charset (e.g. Latin-1) on the way.")
                    .at_opt(at(start)),
                );
            }
        }
    }

    /// What the pair's shape says about the paste: raw spaces, no `=`, double encoding,
    /// whitespace at the edges, a filter operator split by the `=`.
    fn report_shape(&self, at: &impl Fn(usize) -> Option<usize>, out: &mut Decoded) {
        let (pname, raw_name, raw_value) = (&self.name.text, self.raw_name, self.raw_value);
        let name_space = has_raw_space(raw_name, self.name_flags);
        if name_space || has_raw_space(raw_value, self.value_flags) {
            let mut f = Finding::new(
                Code::RawSpaceInForm,
                format!("{pname} contains a literal space or control character; encoded forms use '+' or %20."),
            )
            .param(pname.clone())
            .hint("The text may have been decoded already, or retyped by hand.")
            .at_opt(at(self.at));
            // `From=<TWILIO NUMBER>`: a stand-in written over the value (a recorder's
            // filter, a redaction) was never on the wire; its spaces are worth knowing only.
            if !name_space && crate::placeholder::stands_in(raw_value) {
                f.severity = crate::finding::Severity::Info;
                f.hint = Some("The value is a stand-in written in place of the real one (a recorder's filter or a redaction): Twilio never sent this text.".into());
            }
            out.findings.push(f);
        }
        if self.no_equals {
            out.findings.push(
                Finding::new(
                    Code::PairWithoutEquals,
                    format!("'{raw_name}' has no '='; it is read as the name {pname} with an empty value."),
                )
                .param(pname.clone())
                .at_opt(at(self.at)),
            );
        }
        // Decoded text holds a `%` only when its raw text did.
        if (self.value_flags & PERCENT != 0 && looks_double_encoded(&self.value.text))
            || (self.name_flags & PERCENT != 0 && looks_double_encoded(pname))
        {
            out.findings.push(
                Finding::new(
                    Code::DoubleEncoded,
                    format!("{pname} still contains percent-escapes after decoding ({}): it was encoded twice.", self.value.text),
                )
                .param(pname.clone())
                .hint("Encode each value once; decode the body once before reading it.")
                .at_opt(at(self.value_at)),
            );
        }
        for (text, what) in [(pname, "name"), (&self.value.text, "value")] {
            if !text.is_empty() && text.trim() != text.as_str() {
                // Free text a person or a program wrote: a message's Body, a call's inline
                // TwiML (pretty-printed XML starts and ends with line breaks, which XML
                // ignores). Whitespace at their edges is worth knowing, not a fault.
                let sev = if matches!(pname.as_str(), "Body" | "Twiml") {
                    Severity::Info
                } else {
                    Severity::Warning
                };
                out.findings.push(
                    Finding::new(
                        Code::EdgeWhitespace,
                        format!("The {what} of {pname} starts or ends with whitespace: {:?}.", text),
                    )
                    .param(pname.clone())
                    .severity(sev)
                    .hint("Frameworks that trim values change what the signature covers; compare with the raw text.")
                    .at_opt(at(self.at)),
                );
            }
        }
        if let Some(op) = filter_operator(pname) {
            let field = &pname[..pname.len() - 1];
            let when = if op == '>' {
                "on or after"
            } else {
                "on or before"
            };
            let value = &self.value.text;
            out.findings.push(
                Finding::new(
                    Code::ListFilterOperator,
                    format!(
                        "'{raw_name}={raw_value}' is the filter {field}{op}={value}: the key arrives as '{pname}', meaning {field} {when} {value}."
                    ),
                )
                .param(pname.clone()),
            );
        }
    }
}

/// `StartTime>` → `Some('>')`: an inequality filter whose `>=` was split by the `=`.
fn filter_operator(name: &str) -> Option<char> {
    let last = name.chars().last()?;
    (matches!(last, '>' | '<')
        && name.len() > 1
        && name[..name.len() - 1]
            .chars()
            .all(|c| c.is_ascii_alphanumeric()))
    .then_some(last)
}

/// One `duplicate-param` finding per name repeated among `out.pairs[from..]`.
pub(crate) fn report_duplicates(out: &mut Decoded, from: usize) {
    // Most captures repeat no name: sorted hashes of the names say so without the map (equal
    // names have equal hashes; a collision only sends the names to the exact count below).
    let mut hashes: Vec<u64> = out.pairs[from..]
        .iter()
        .map(|p| {
            p.name.bytes().fold(0xcbf2_9ce4_8422_2325, |h: u64, b| {
                (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
            })
        })
        .collect();
    hashes.sort_unstable();
    if !hashes.windows(2).any(|w| w[0] == w[1]) {
        return;
    }
    let mut counts: std::collections::BTreeMap<&str, (usize, usize)> = Default::default();
    for (i, p) in out.pairs[from..].iter().enumerate() {
        counts.entry(p.name.as_str()).or_insert((i, 0)).1 += 1;
    }
    let mut repeated: Vec<(usize, &str, usize)> = counts
        .into_iter()
        .filter(|(_, (_, c))| *c > 1)
        .map(|(n, (first, c))| (first, n, c))
        .collect();
    repeated.sort_unstable();
    let found: Vec<Finding> = repeated
        .into_iter()
        .map(|(_, n, c)| {
            Finding::new(
                Code::DuplicateParam,
                format!("{n} appears {c} times; every occurrence is kept in wire order."),
            )
            .param(n)
        })
        .collect();
    out.findings.extend(found);
}

/// Percent-encodes `s` the way curl's `--data-urlencode` does (RFC 3986 unreserved kept).
pub(crate) fn urlencode(s: &str) -> String {
    use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
    const SET: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    utf8_percent_encode(s, SET).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The one-pass decoder gives the same text, bad escapes and UTF-8 flag as
    /// `decode_component` (the `percent` decoder plus the escape scan).
    fn same_as_decode_component(raw: &str) {
        let fast = decode_one_line(raw);
        let slow = decode_component(raw);
        assert_eq!(fast.text, slow.text, "{raw:?}");
        assert_eq!(fast.bad_escapes, slow.bad_escapes, "{raw:?}");
        assert_eq!(fast.invalid_utf8, slow.invalid_utf8, "{raw:?}");
    }

    #[test]
    fn one_line_decoder_matches_the_percent_decoder() {
        for raw in [
            "",
            "%",
            "%4",
            "%41",
            "a%4",
            "%%41",
            "%zz",
            "a+b%2Bc",
            "%F0%9F%91%8B",
            "%FF",
            "%C3",
            "%e2%82%ac+",
            "100%",
            "%2",
            "+%+",
            "%25%32%35",
            "é%41+",
        ] {
            same_as_decode_component(raw);
        }
    }

    proptest! {
        #[test]
        fn one_line_decoder_matches_on_any_text(raw in "[a-zA-Z0-9%+é =&F]{0,24}") {
            same_as_decode_component(&raw);
        }
    }

    /// Components found by the byte classes, checked against the plain reading: names,
    /// values, and the findings, for segments with every class of byte.
    #[test]
    fn segments_read_as_split_and_split_once() {
        let text = "A=1&&B=%zz&C&=x&D=a b&E=\u{85}&\r\n&F=%41+%2B\r\nG=h&I=j=k&";
        let mut out = Decoded::default();
        parse_pairs(text, ParamSource::Body, Some(0), &mut out);
        let names: Vec<&str> = out.pairs.iter().map(|p| p.raw_name.as_str()).collect();
        let want: Vec<&str> = text
            .split('&')
            .filter(|s| !s.trim_matches(['\r', '\n']).is_empty())
            .map(|s| s.split_once('=').map_or(s, |(n, _)| n))
            .collect();
        assert_eq!(names, want);
        let codes: Vec<Code> = out.findings.iter().map(|f| f.code).collect();
        assert!(codes.contains(&Code::InvalidPercentEscape));
        assert!(codes.contains(&Code::RawSpaceInForm));
        assert!(codes.contains(&Code::PairWithoutEquals));
        assert!(codes.contains(&Code::LineBreakInForm));
        assert!(codes.contains(&Code::EmptyPair));
    }
}
