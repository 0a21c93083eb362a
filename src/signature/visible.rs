//! Showing a string-to-sign so that nothing invisible hides in it.

/// True for characters that render as nothing or as ordinary space but change the bytes:
/// NBSP and other odd spaces, zero-width characters, bidi controls, soft hyphen, BOM.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{A0}'
            | '\u{AD}'
            | '\u{34F}'
            | '\u{61C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180E}'
            | '\u{2000}'..='\u{200F}'
            | '\u{2028}'..='\u{202F}'
            | '\u{205F}'..='\u{206F}'
            | '\u{3000}'
            | '\u{3164}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}'
    )
}

/// Makes invisible characters visible: `\n` `\r` `\t` as backslash escapes, other control
/// characters, NBSP, zero-width and bidi characters as `\u{..}`, and trailing spaces as
/// `␠`. Everything else is unchanged, so an ordinary URL reads as itself.
pub fn make_visible(s: &str) -> String {
    // Printable ASCII without a trailing space (any URL or signature as Twilio sends it)
    // reads as itself: one scan and one copy instead of a push per character.
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) && !s.ends_with(' ') {
        return s.to_string();
    }
    let trimmed_len = s.trim_end_matches(' ').len();
    let mut out = String::with_capacity(s.len() + 8);
    for (i, c) in s.char_indices() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            ' ' if i >= trimmed_len => out.push('␠'),
            c if c.is_control() || is_invisible(c) => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::make_visible;

    #[test]
    fn visible() {
        assert_eq!(make_visible("a\nb\tc\r"), "a\\nb\\tc\\r");
        assert_eq!(make_visible("x  "), "x␠␠");
        assert_eq!(make_visible("a b"), "a b");
        assert_eq!(
            make_visible("a\u{a0}b\u{200b}\0"),
            "a\\u{a0}b\\u{200b}\\u{0}"
        );
        assert_eq!(make_visible("héllo 😀"), "héllo 😀");
    }
}
