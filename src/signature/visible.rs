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
    use std::fmt::Write as _;
    let body = s.trim_end_matches(' ');
    let mut out = String::with_capacity(s.len() + 8);
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Runs of printable ASCII (all of a URL or a signature as Twilio sends it) are
        // copied whole; only the characters between them are looked at one by one.
        let start = i;
        while bytes.get(i).is_some_and(|b| (0x20..0x7f).contains(b)) {
            i += 1;
        }
        out.push_str(body.get(start..i).unwrap_or_default());
        let Some(c) = body.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || is_invisible(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
        i += c.len_utf8();
    }
    // Trailing spaces, which a reader cannot see.
    out.extend(std::iter::repeat_n('␠', s.len() - body.len()));
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
        assert_eq!(
            make_visible("a\u{200b}b c\u{7f}d\t  "),
            "a\\u{200b}b c\\u{7f}d\\t␠␠"
        );
        assert_eq!(make_visible("   "), "␠␠␠");
        assert_eq!(make_visible("Body=👋 hi&To=+1"), "Body=👋 hi&To=+1");
    }
}
