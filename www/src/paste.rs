//! Very large pastes in the paste area. A browser lays out every character of a text box's
//! value, on the page's main thread: 10 MB of text froze Chromium for 2.4 s here before the
//! app saw a byte. So the app takes a large paste from the `paste` event itself (the text
//! never enters the box), keeps all of it as the input, and shows only its beginning in a
//! read-only box ([`shown`]); the report still reads every byte. Pure, unit-tested natively.

use std::borrow::Cow;

/// Inputs longer than this are shown cut in the paste area, which is then read-only.
pub const PREVIEW_FROM: usize = 512 * 1024;

/// How much of such an input the paste area shows.
pub const PREVIEW_BYTES: usize = 64 * 1024;

/// True when the paste area shows `input` cut (and read-only).
pub fn is_cut(input: &str) -> bool {
    input.len() > PREVIEW_FROM
}

/// What the paste area shows of `input`: all of it, or its first [`PREVIEW_BYTES`] (cut at a
/// character boundary) and a line saying how much more the inspector reads.
pub fn shown(input: &str) -> Cow<'_, str> {
    if !is_cut(input) {
        return Cow::Borrowed(input);
    }
    let mut end = PREVIEW_BYTES;
    while !input.is_char_boundary(end) {
        end -= 1;
    }
    Cow::Owned(format!(
        "{}\n\n[… {} more not shown here; the report reads all {}. Clear to paste something else.]",
        &input[..end],
        crate::offload::size_text(input.len() - end),
        crate::offload::size_text(input.len()),
    ))
}

/// The input after pasting `pasted` over the UTF-16 range `start..end` of the text box
/// (browsers count selections in UTF-16 code units); a cut input is replaced whole.
pub fn spliced(input: &str, start: u32, end: u32, pasted: &str) -> String {
    if is_cut(input) {
        return pasted.to_string();
    }
    let (start, end) = (start.min(end), start.max(end));
    let at = |units: u32| {
        let mut seen = 0u32;
        for (i, c) in input.char_indices() {
            if seen >= units {
                return i;
            }
            seen += c.len_utf16() as u32;
        }
        input.len()
    };
    let (a, b) = (at(start), at(end));
    let mut out = String::with_capacity(input.len() - (b - a) + pasted.len());
    out.push_str(&input[..a]);
    out.push_str(pasted);
    out.push_str(&input[b..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_inputs_are_shown_whole() {
        let s = "From=%2B14155550100&Body=hi";
        assert!(matches!(shown(s), Cow::Borrowed(t) if t == s));
        assert!(!is_cut(&"x".repeat(PREVIEW_FROM)));
    }

    #[test]
    fn large_inputs_are_shown_cut_at_a_character_boundary() {
        // A 3-byte character straddles the cut.
        let input = format!(
            "{}€{}",
            "a".repeat(PREVIEW_BYTES - 1),
            "b".repeat(PREVIEW_FROM)
        );
        let s = shown(&input);
        assert!(s.starts_with(&"a".repeat(PREVIEW_BYTES - 1)));
        assert!(!s.contains('€'));
        assert!(s.contains("more not shown here"), "{}", &s[s.len() - 120..]);
        assert!(s.len() < PREVIEW_BYTES + 200);
    }

    #[test]
    fn a_paste_replaces_the_selection_counted_in_utf16() {
        // "😀" is two UTF-16 units, "é" one.
        let input = "A=😀é&B=2";
        assert_eq!(spliced(input, 0, 0, "X=1&"), "X=1&A=😀é&B=2");
        assert_eq!(spliced(input, 2, 5, "z"), "A=z&B=2");
        assert_eq!(spliced(input, 5, 2, "z"), "A=z&B=2");
        assert_eq!(spliced(input, 99, 99, "&C=3"), "A=😀é&B=2&C=3");
        assert_eq!(spliced("", 0, 0, "hello"), "hello");
    }

    #[test]
    fn a_paste_into_a_cut_input_replaces_it() {
        let big = "x".repeat(PREVIEW_FROM + 1);
        assert_eq!(spliced(&big, 3, 3, "A=1"), "A=1");
    }
}
