//! Permalinks: the permalink codec, and nothing else. Pure functions, unit-tested natively.
//!
//! A permalink keeps the input and the options (never the tokens) in the URL fragment, which
//! browsers do not send to servers: `#i=<payload>`, where the payload is `1` (format
//! version) followed by base64url (no padding) of the raw-DEFLATE-compressed fields input,
//! format, kind, url, signature — each a LEB128 byte length then UTF-8 (a hand-rolled
//! layout rather than JSON: it keeps serde out of the wasm for this) — and, only when the
//! user picked marks on a timeline, a sixth field: their capture numbers (`3,7`). Older
//! links have no sixth field; older readers ignore it. The compression is
//! the browser's own `CompressionStream("deflate-raw")` (see `web::deflate`), which costs
//! the wasm nothing; a Rust deflate (miniz_oxide) measured +15 KB gzipped. Browsers without
//! it get `#i=0…`: the same bytes, uncompressed.
//!
//! The fragment router is [`crate::route`]; redaction of a payload is [`crate::redact`].

use base64::Engine as _;

/// Largest decompressed payload accepted from a link (a zip bomb guard).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // used by the browser-only UI
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
    /// The captures picked for "Compare" on a timeline (at most two, in picking order).
    pub picked: Vec<usize>,
}

/// Most captures a link may pick (the compare page has two sides).
const MAX_PICKED: usize = 2;

/// The uncompressed payload bytes.
pub fn pack(shared: &Shared) -> Vec<u8> {
    let mut out = Vec::with_capacity(shared.input.len() + 64);
    let picked = picked_text(&shared.picked);
    let fields = [
        Some(shared.input.as_str()),
        shared.format.as_deref(),
        shared.kind.as_deref(),
        shared.url.as_deref(),
        shared.signature.as_deref(),
        // Written only when there are picks: links without them stay as they were.
        Some(picked.as_str()).filter(|p| !p.is_empty()),
    ];
    let count = if picked.is_empty() { 5 } else { 6 };
    for f in &fields[..count] {
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
    let mut fields: Vec<String> = Vec::with_capacity(6);
    while !b.is_empty() && fields.len() < 6 {
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
        picked: opt().map(|p| picked_of(&p)).unwrap_or_default(),
    })
}

/// `3,7`: the picked capture numbers as a link writes them.
fn picked_text(picked: &[usize]) -> String {
    picked
        .iter()
        .take(MAX_PICKED)
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// Reads [`picked_text`]: numbers that do not parse, repeats and any past the second are
/// dropped.
fn picked_of(text: &str) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::with_capacity(MAX_PICKED);
    for n in text
        .split(',')
        .filter_map(|n| n.trim().parse::<usize>().ok())
    {
        if out.len() < MAX_PICKED && !out.contains(&n) {
            out.push(n);
        }
    }
    out
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
    keyed_fragment("i", packing, bytes)
}

/// The payload bytes of an `#i=…` fragment, and how they are packed. Anything after the
/// payload (`&param=…`) is ignored: see [`focus_param`].
pub fn payload_of(fragment: &str) -> Option<(Packing, Vec<u8>)> {
    keyed_payload("i", fragment)
}

/// `key=1…` (deflated) or `key=0…` (plain): the one packing of every permalink
/// (`#i=` for a capture, `#compare=` for a pair).
pub fn keyed_fragment(key: &str, packing: Packing, bytes: &[u8]) -> String {
    let v = match packing {
        Packing::Deflate => '1',
        Packing::Plain => '0',
    };
    format!("{key}={v}{}", B64.encode(bytes))
}

/// The payload bytes of a `#key=…` fragment, and how they are packed.
pub fn keyed_payload(key: &str, fragment: &str) -> Option<(Packing, Vec<u8>)> {
    let f = fragment.trim_start_matches('#');
    let rest = f.strip_prefix(key)?.strip_prefix('=')?;
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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn sample() -> Shared {
        Shared {
            input:
                "Body=Hello+there%21&From=%2B14155550143&To=%2B14155550199&Caller=%2B14155550143"
                    .into(),
            format: Some("form".into()),
            kind: None,
            url: Some("https://example.com/sms?From=%2B14155550143".into()),
            signature: Some("abc=".into()),
            picked: Vec::new(),
        }
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
    fn picked_marks_travel_only_when_there_are_some() {
        // Without picks the bytes are those of a link made before picks existed.
        let plain = pack(&sample());
        let with = Shared {
            picked: vec![13, 11],
            ..sample()
        };
        let bytes = pack(&with);
        assert_eq!(&bytes[..plain.len()], &plain[..]);
        assert_eq!(&bytes[plain.len()..], b"\x0513,11");
        assert_eq!(unpack(&bytes).unwrap(), with);
        assert_eq!(unpack(&plain).unwrap().picked, Vec::<usize>::new());
        // Only numbers, at most two, each once; a reader of five fields ignores the sixth.
        for (text, picked) in [
            ("4,x,4,9,12", vec![4, 9]),
            ("", vec![]),
            ("-1, 2", vec![2]),
            ("99999999999999999999999", vec![]),
        ] {
            let mut b = plain.clone();
            b.push(text.len() as u8);
            b.extend_from_slice(text.as_bytes());
            assert_eq!(unpack(&b).unwrap().picked, picked, "{text}");
        }
        let many = Shared {
            picked: vec![1, 2, 3],
            ..sample()
        };
        assert_eq!(unpack(&pack(&many)).unwrap().picked, [1, 2]);
    }

    #[test]
    fn garbage_payloads_are_ignored() {
        assert_eq!(payload_of("#i=1!!!"), None);
        assert_eq!(payload_of("#i=2abc"), None);
    }
}
