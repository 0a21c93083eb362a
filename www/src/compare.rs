//! Two captures side by side: the pair the compare page holds, its permalink codec
//! (`#compare=…`, the same packing and privacy rules as `#i=…`: never a token), and the view
//! helpers over the core's `diff` (which fields to list as identical, which characters of a
//! changed value differ). Pure, unit-tested natively; the page is `components::compare`.

use twilio_webhook_inspector::diff::{diff_reports, Change, FieldChangeKind};
use twilio_webhook_inspector::{inspect, Diff, Field, Options, Report};

use crate::many::merged_report;
use crate::redact::{self, Redaction};
use crate::share::{self, Packing, Shared};

/// The two captures of the compare page. Each side is a share payload (input, URL,
/// signature; never a token).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Pair {
    /// Side A.
    pub a: Shared,
    /// Side B.
    pub b: Shared,
}

/// One side of the pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // used by the browser-only UI
pub enum Side {
    /// Side A (left).
    A,
    /// Side B (right).
    B,
}

#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // used by the browser-only UI
impl Side {
    /// `A` or `B`.
    pub fn name(self) -> &'static str {
        match self {
            Side::A => "A",
            Side::B => "B",
        }
    }

    /// `a` or `b` (ids and test ids).
    pub fn id(self) -> &'static str {
        match self {
            Side::A => "a",
            Side::B => "b",
        }
    }
}

/// An edit of one side.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // used by the browser-only UI
pub enum Edit {
    /// The pasted text.
    Input(String),
    /// The URL Twilio requested.
    Url(String),
    /// The X-Twilio-Signature value.
    Signature(String),
    /// Exchange the sides.
    Swap,
}

impl Pair {
    /// One side.
    pub fn side(&self, s: Side) -> &Shared {
        match s {
            Side::A => &self.a,
            Side::B => &self.b,
        }
    }

    /// Applies an edit to one side.
    pub fn edit(&mut self, s: Side, e: Edit) {
        let side = match s {
            Side::A => &mut self.a,
            Side::B => &mut self.b,
        };
        let opt = |v: String| (!v.trim().is_empty()).then(|| v.trim().to_string());
        match e {
            Edit::Input(t) => side.input = t,
            Edit::Url(u) => side.url = opt(u),
            Edit::Signature(sig) => side.signature = opt(sig),
            Edit::Swap => std::mem::swap(&mut self.a, &mut self.b),
        }
    }

    /// Both inputs are blank.
    pub fn is_empty(&self) -> bool {
        self.a.input.trim().is_empty() && self.b.input.trim().is_empty()
    }
}

/// The options one side is inspected with: its own, plus the tokens of this tab (memory only).
pub fn options_of(s: &Shared, tokens: &[String]) -> Options {
    Options {
        url: s.url.clone(),
        signature: s.signature.clone(),
        format: s
            .format
            .as_deref()
            .and_then(twilio_webhook_inspector::InputFormat::from_id),
        kind: s.kind.clone(),
        auth_tokens: tokens.to_vec(),
        ..Options::default()
    }
}

/// Both reports and their diff.
#[derive(Debug, Clone, PartialEq)]
pub struct Compared {
    /// A's report.
    pub a: Report,
    /// B's report.
    pub b: Report,
    /// The core's diff of the two.
    pub diff: Diff,
}

/// Inspects both sides and diffs them.
pub fn compare(pair: &Pair, tokens: &[String]) -> Compared {
    let a = inspect(&pair.a.input, &options_of(&pair.a, tokens));
    let b = inspect(&pair.b.input, &options_of(&pair.b, tokens));
    let diff = diff_reports(&a, &b);
    Compared { a, b, diff }
}

/// A's fields that no difference mentions (listed as identical).
pub fn same_fields<'r>(a: &'r Report, d: &Diff) -> Vec<&'r Field> {
    let changed: std::collections::HashSet<usize> = d
        .fields
        .iter()
        .filter_map(|f| f.a.as_ref().map(|s| s.index))
        .collect();
    a.fields
        .iter()
        .enumerate()
        .filter(|(i, _)| !changed.contains(i))
        .map(|(_, f)| f)
        .collect()
}

/// The word shown for a change.
pub fn change_name(k: FieldChangeKind) -> &'static str {
    match k {
        FieldChangeKind::Added => "added",
        FieldChangeKind::Removed => "removed",
        FieldChangeKind::Changed => "changed",
        FieldChangeKind::Reordered => "reordered",
        FieldChangeKind::Duplicated => "duplicated",
    }
}

/// One difference between the two requests as a whole (kind, API version, format, method,
/// a part of the URL, the body), as the signature summary lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    /// What differs (`Kind`, `URL`…).
    pub label: &'static str,
    /// Its test id (`cmp-kind`, `cmp-url-part`…).
    pub id: &'static str,
    /// How: `A → B`.
    pub text: String,
}

/// `a → b`, `(none)` for a side without it.
fn change_words(c: &Change) -> String {
    format!(
        "{} → {}",
        c.a.as_deref().unwrap_or("(none)"),
        c.b.as_deref().unwrap_or("(none)")
    )
}

/// The request-level differences of a diff, in the summary's order.
pub fn facts(d: &Diff) -> Vec<Fact> {
    let fact = |label, id, text| Fact { label, id, text };
    let mut out: Vec<Fact> = [
        ("Kind", "cmp-kind", &d.kind),
        ("API version", "cmp-api-version", &d.api_version),
        ("Input format", "cmp-format", &d.format),
        ("Method", "cmp-method", &d.method),
    ]
    .into_iter()
    .filter_map(|(label, id, c)| c.as_ref().map(|c| fact(label, id, change_words(c))))
    .collect();
    for (part, ch) in &d.url {
        out.push(fact(
            "URL",
            "cmp-url-part",
            format!("{part}: {}", change_words(ch)),
        ));
    }
    if d.body_differs {
        out.push(fact("Body", "cmp-body", "the bytes differ".to_string()));
    }
    out
}

/// `a` and `b` split into (same start, differing middle, same end), on character boundaries:
/// the middle is what the view highlights.
pub fn split_difference<'s>(a: &'s str, b: &'s str) -> [(&'s str, &'s str, &'s str); 2] {
    let prefix = a
        .char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, _), _)| i);
    // Never let the common end overlap the common start.
    let room = a.len().min(b.len()) - prefix;
    let suffix = a[prefix..]
        .chars()
        .rev()
        .zip(b[prefix..].chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .scan(0usize, |n, l| {
            *n += l;
            Some(*n)
        })
        .take_while(|n| *n <= room)
        .last()
        .unwrap_or(0);
    let cut = |s: &'s str| {
        let end = s.len() - suffix;
        (&s[..prefix], &s[prefix..end], &s[end..])
    };
    [cut(a), cut(b)]
}

/// Redacts both sides with one mapping (the same number becomes the same fictional number
/// on both sides, so the redacted pair differs exactly where the original did).
pub fn redact_pair(pair: &Pair) -> (Pair, Redaction) {
    let ra = inspect(&pair.a.input, &options_of(&pair.a, &[]));
    let rb = inspect(&pair.b.input, &options_of(&pair.b, &[]));
    let merged = merged_report([&ra, &rb]);
    let a = redact::redact(&pair.a, &merged);
    let b = redact::redact(&pair.b, &merged);
    let mut leftovers = a.leftovers.clone();
    for l in &b.leftovers {
        if !leftovers.contains(l) {
            leftovers.push(l.clone());
        }
    }
    let out = Pair {
        a: a.shared,
        b: b.shared,
    };
    let summary = Redaction {
        shared: Shared::default(),
        replaced: a.replaced + b.replaced,
        leftovers,
    };
    (out, summary)
}

/// The uncompressed payload of a pair: A's packed length (LEB128), A, then B (each packed by
/// [`share::pack`]).
pub fn pack_pair(p: &Pair) -> Vec<u8> {
    let a = share::pack(&p.a);
    let b = share::pack(&p.b);
    let mut out = Vec::with_capacity(a.len() + b.len() + 4);
    let mut n = a.len();
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            break;
        }
        out.push(byte | 0x80);
    }
    out.extend_from_slice(&a);
    out.extend_from_slice(&b);
    out
}

/// Reads bytes written by [`pack_pair`].
pub fn unpack_pair(b: &[u8]) -> Option<Pair> {
    let mut n = 0usize;
    let mut shift = 0u32;
    let mut at = 0;
    loop {
        let byte = *b.get(at)?;
        at += 1;
        n |= ((byte & 0x7f) as usize).checked_shl(shift)?;
        if byte & 0x80 == 0 {
            break;
        }
        shift += 7;
        if shift > 28 {
            return None;
        }
    }
    let rest = &b[at..];
    if n > rest.len() {
        return None;
    }
    Some(Pair {
        a: share::unpack(&rest[..n])?,
        b: share::unpack(&rest[n..])?,
    })
}

/// The fragment (without `#`) of a pair's payload bytes: `compare=1…` (deflated) or
/// `compare=0…` (plain).
pub fn fragment_for(packing: Packing, bytes: &[u8]) -> String {
    share::keyed_fragment("compare", packing, bytes)
}

/// The payload bytes of a `#compare=…` fragment, and how they are packed.
pub fn payload_of(fragment: &str) -> Option<(Packing, Vec<u8>)> {
    share::keyed_payload("compare", fragment)
}

#[cfg(test)]
mod tests {
    use super::*;
    use twilio_webhook_inspector::signature::SignatureStatus;

    // The official libraries' example request (token 12345), and the same request seen
    // behind a TLS-terminating proxy (http://).
    const BODY: &str = "CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1234&From=%2B14158675309&To=%2B18005551212";
    const URL: &str = "https://mycompany.com/myapp.php?foo=1&bar=2";
    const SIG: &str = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

    fn side(input: &str, url: &str) -> Shared {
        Shared {
            input: input.into(),
            url: Some(url.into()),
            signature: Some(SIG.into()),
            ..Shared::default()
        }
    }

    #[test]
    fn the_scheme_breaks_b() {
        let pair = Pair {
            a: side(BODY, URL),
            b: side(BODY, &URL.replace("https", "http")),
        };
        let c = compare(&pair, &["12345".to_string()]);
        assert_eq!(c.diff.signature.a, SignatureStatus::Valid);
        assert_eq!(c.diff.signature.b, SignatureStatus::Invalid);
        assert!(
            c.diff
                .signature
                .sentence
                .contains("B's signature fails where A's passes"),
            "{}",
            c.diff.signature.sentence
        );
        assert_eq!(c.diff.url[0].0, "scheme");
        assert_eq!(
            facts(&c.diff),
            [Fact {
                label: "URL",
                id: "cmp-url-part",
                text: "scheme: https → http".into()
            }]
        );
        assert_eq!(same_fields(&c.a, &c.diff).len(), 5);
        // Without a token nothing is verified.
        let c = compare(&pair, &[]);
        assert_ne!(c.diff.signature.a, SignatureStatus::Valid);
    }

    #[test]
    fn a_removed_and_a_changed_field() {
        let pair = Pair {
            a: side(BODY, URL),
            b: side(
                &BODY
                    .replace("Digits=1234&", "")
                    .replace("%2B18005551212", "%2B18005551213"),
                URL,
            ),
        };
        let c = compare(&pair, &[]);
        let kinds: Vec<(&str, &str)> = c
            .diff
            .fields
            .iter()
            .map(|f| (f.name.as_str(), change_name(f.change)))
            .collect();
        assert_eq!(kinds, [("Digits", "removed"), ("To", "changed")]);
        // Without Digits, B reads as a voice request rather than a Gather's action.
        let f = facts(&c.diff);
        assert_eq!(f[0].text, "gather-action → voice-request");
        let labels: Vec<&str> = f.iter().map(|f| f.label).collect();
        assert_eq!(labels, ["Kind", "Body"]);
        // Another kind and method: said in the summary, in this order.
        let get = Pair {
            a: side(BODY, URL),
            b: side(
                &format!("GET /x?{BODY} HTTP/1.1\r\nHost: mycompany.com\r\n\r\n"),
                URL,
            ),
        };
        let labels: Vec<&str> = facts(&compare(&get, &[]).diff)
            .iter()
            .map(|f| f.label)
            .collect();
        assert!(
            labels.starts_with(&["Input format", "Method"]),
            "{labels:?}"
        );
        let names: Vec<&str> = same_fields(&c.a, &c.diff)
            .iter()
            .map(|f| f.name.as_str())
            .collect();
        assert_eq!(names, ["CallSid", "Caller", "From"]);
    }

    #[test]
    fn differences_are_cut_on_characters() {
        assert_eq!(
            split_difference("+18005551212", "+18005551213"),
            [("+1800555121", "2", ""), ("+1800555121", "3", "")]
        );
        assert_eq!(
            split_difference("abc", "abc"),
            [("abc", "", ""), ("abc", "", "")]
        );
        assert_eq!(
            split_difference("aXa", "aa"),
            [("a", "X", "a"), ("a", "", "a")]
        );
        assert_eq!(
            split_difference("héllo", "hallo"),
            [("h", "é", "llo"), ("h", "a", "llo")]
        );
        assert_eq!(split_difference("", "x"), [("", "", ""), ("", "x", "")]);
        assert_eq!(
            split_difference("aaa", "aaaa"),
            [("aaa", "", ""), ("aaa", "a", "")]
        );
    }

    #[test]
    fn pair_codec_round_trip() {
        let pair = Pair {
            a: side(BODY, URL),
            b: Shared {
                input: "é".repeat(300),
                ..Shared::default()
            },
        };
        let bytes = pack_pair(&pair);
        assert_eq!(unpack_pair(&bytes).unwrap(), pair);
        let frag = fragment_for(Packing::Plain, &bytes);
        assert!(frag.starts_with("compare=0"));
        let (p, b) = payload_of(&format!("#{frag}")).unwrap();
        assert_eq!(p, Packing::Plain);
        assert_eq!(unpack_pair(&b).unwrap(), pair);
        assert!(fragment_for(Packing::Deflate, &bytes).starts_with("compare=1"));
        assert_eq!(unpack_pair(&[]), None);
        assert_eq!(unpack_pair(&[9, 1]), None, "A's length past the end");
        assert_eq!(payload_of("#compare=2abc"), None);
        assert_eq!(payload_of("#i=1abc"), None);
        assert_eq!(
            unpack_pair(&pack_pair(&Pair::default())).unwrap(),
            Pair::default()
        );
    }

    #[test]
    fn editing_sides() {
        let mut p = Pair::default();
        assert!(p.is_empty());
        p.edit(Side::A, Edit::Input("A=1".into()));
        p.edit(Side::B, Edit::Url("  https://x.example/ ".into()));
        p.edit(Side::B, Edit::Signature("  ".into()));
        assert_eq!(p.b.url.as_deref(), Some("https://x.example/"));
        assert_eq!(p.b.signature, None);
        p.edit(Side::A, Edit::Swap);
        assert_eq!(p.b.input, "A=1");
        assert_eq!(p.side(Side::A).url.as_deref(), Some("https://x.example/"));
    }

    #[test]
    fn redaction_maps_both_sides_alike() {
        let pair = Pair {
            a: side(BODY, URL),
            b: side(&BODY.replace("Digits=1234&", ""), URL),
        };
        let (red, summary) = redact_pair(&pair);
        assert!(!red.a.input.contains("4158675309"), "{}", red.a.input);
        assert!(summary.replaced >= 4);
        assert!(summary.leftovers.is_empty(), "{:?}", summary.leftovers);
        let c = compare(&red, &[]);
        let kinds: Vec<&str> = c.diff.fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(kinds, ["Digits"], "only the real difference remains");
    }
}
