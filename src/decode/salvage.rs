//! The last resort for captures pasted with the program around them: a test file's
//! `const params = { CallSid: "CA…", … };`, a PHP `private $params = ['From' => …];`, a Go
//! `"CallSid=CA…&From=…"` string constant. When no reading of the whole text finds Twilio's
//! parameters, the object literals, arrays and string literals inside it are read one by one
//! and the one that holds the most parameters the catalog knows wins. Every candidate is a
//! slice of the text (a PHP `[ … ]` is read as `{ … }`, one character for one), so offsets
//! stay exact.

use super::{decode_plain, Decoded};
use crate::report::InputFormat;

/// At most this many candidates are read (bounded work on hostile input).
const MAX_CANDIDATES: usize = 48;
/// Texts longer than this are not searched.
const MAX_TEXT: usize = 64 * 1024;
/// At most this many brackets and quotes are followed to their end, each over at most
/// `MAX_SPAN` bytes: the search stays linear in the text, whatever it holds.
const MAX_OPENINGS: usize = 256;
const MAX_SPAN: usize = 16 * 1024;

/// What was found inside the program text.
pub(crate) struct Salvaged {
    /// The reading of the best candidate (offsets already in the text's coordinates).
    pub decoded: Decoded,
    /// Where the candidate starts in the text.
    pub start: usize,
    /// What it was: "an object literal", "an array", "a string literal".
    pub what: &'static str,
    /// How many of its names the catalog knows.
    pub known: usize,
}

/// How many of a reading's parameter names the catalog knows (distinct).
pub(crate) fn known_names(d: &Decoded) -> usize {
    let mut seen: Vec<&str> = Vec::new();
    for p in &d.pairs {
        if !seen.contains(&p.name.as_str())
            && crate::catalog::params_named(&p.name).next().is_some()
        {
            seen.push(&p.name);
        }
    }
    seen.len()
}

/// The best candidate inside `text` with at least two parameter names the catalog knows.
pub(crate) fn salvage(text: &str) -> Option<Salvaged> {
    if text.len() > MAX_TEXT {
        return None;
    }
    let mut best: Option<Salvaged> = None;
    for (start, end, what) in candidates(text).into_iter().take(MAX_CANDIDATES) {
        let Some(slice) = text.get(start..end) else {
            continue;
        };
        let owned;
        let candidate = if what == "an array" && slice.contains("=>") {
            // PHP's short array syntax, read as the hash it is: `[` → `{`, `]` → `}`.
            owned = format!("{{{}}}", &slice[1..slice.len() - 1]);
            owned.as_str()
        } else {
            slice
        };
        let mut decoded = decode_plain(candidate, None);
        if matches!(decoded.format, None | Some(InputFormat::Empty)) {
            continue;
        }
        let known = known_names(&decoded);
        if known < 2 || best.as_ref().is_some_and(|b| b.known >= known) {
            continue;
        }
        for f in &mut decoded.findings {
            f.at = f.at.map(|a| (a + start).min(text.len()));
        }
        best = Some(Salvaged {
            decoded,
            start,
            what,
            known,
        });
    }
    best
}

/// Object literals (`{…}`), arrays (`[…]`, `array(…)`) and string literals (`"…"`, `'…'`,
/// `` `…` ``) that mention a Twilio-looking name, outermost first.
fn candidates(text: &str) -> Vec<(usize, usize, &'static str)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut openings = 0;
    while i < b.len() && out.len() < MAX_CANDIDATES && openings < MAX_OPENINGS {
        let c = b[i];
        let what = match c {
            b'{' => Some("an object literal"),
            b'[' => Some("an array"),
            b'(' if text[..i].ends_with("array") || text[..i].ends_with("Array") => {
                Some("an array")
            }
            b'"' | b'\'' | b'`' => Some("a string literal"),
            _ => None,
        };
        if let Some(what) = what {
            openings += 1;
            if let Some(end) = closing(b, i) {
                // A string literal is read without its quotes.
                let (from, to) = if what == "a string literal" {
                    (i + 1, end - 1)
                } else {
                    (i, end)
                };
                if to > from && mentions_twilio(&text[from..to]) {
                    out.push((from, to, what));
                }
                // Strings are atoms; brackets are searched inside too (nested objects).
                if what == "a string literal" {
                    i = end;
                    continue;
                }
            }
        }
        i += 1;
    }
    out
}

/// Where the bracket or quote opened at `open` closes (one past it), skipping quoted text.
fn closing(b: &[u8], open: usize) -> Option<usize> {
    let first = b[open];
    if matches!(first, b'"' | b'\'' | b'`') {
        let mut j = open + 1;
        while j < b.len().min(open + MAX_SPAN) {
            match b[j] {
                b'\\' => j += 2,
                c if c == first => return Some(j + 1),
                b'\n' if first != b'`' => return None,
                _ => j += 1,
            }
        }
        return None;
    }
    let mut depth = 0usize;
    let mut j = open;
    let mut quote: Option<u8> = None;
    while j < b.len().min(open + MAX_SPAN) {
        let c = b[j];
        match quote {
            Some(q) => {
                if c == b'\\' {
                    j += 1;
                } else if c == q {
                    quote = None;
                }
            }
            None => match c {
                b'"' | b'\'' | b'`' => quote = Some(c),
                b'{' | b'[' | b'(' => depth += 1,
                b'}' | b']' | b')' => {
                    depth = depth.checked_sub(1)?;
                    if depth == 0 {
                        return Some(j + 1);
                    }
                }
                _ => {}
            },
        }
        j += 1;
    }
    None
}

/// Cheap pre-filter: the text names one of the parameters nearly every webhook carries.
fn mentions_twilio(s: &str) -> bool {
    [
        "CallSid",
        "MessageSid",
        "SmsSid",
        "AccountSid",
        "CallStatus",
        "MessageStatus",
        "From",
        "Digits",
        "RecordingUrl",
        "ConferenceSid",
    ]
    .iter()
    .any(|n| s.contains(n))
}
