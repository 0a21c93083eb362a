//! Requests a program printed into its log, found inside a log line: what the language's
//! own printing of the parsed form looks like (Go's `map[Name:[value] …]` for `url.Values`,
//! Werkzeug's `ImmutableMultiDict([('Name', 'value'), …])`, a map's `{Name=value, …}` as
//! Java prints it, a dict or object literal `{'Name': 'value'}`, `{ Name: 'value' }`), so
//! the log reader can hand `inspect` the printout alone, without the words around it.
//! `inspect`'s literal readers decode each of these; this module only finds where one
//! starts and ends, in linear time.

/// The byte span of the printed request in `rest` (a log line after its time prefix),
/// when it holds one.
pub(super) fn printed_span(rest: &str) -> Option<(usize, usize)> {
    // The printout that starts first: a JSON object whose value mentions `map[` is the
    // object, not the words inside it.
    [go_map(rest), multi_dict(rest), keyed_braces(rest)]
        .into_iter()
        .flatten()
        .min_by_key(|&(start, _)| start)
}

/// Go's `%v` of a `url.Values` (or any `map[string]…`): `map[Name:[value] Name2:[value]]`,
/// from `map[` to the bracket that closes it.
fn go_map(rest: &str) -> Option<(usize, usize)> {
    let start = rest.find("map[")?;
    let body = &rest[start + 4..];
    // The first key, then `:`: `map[AccountSid:[AC…]`.
    let key_len = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(body.len());
    if key_len == 0 || !body[key_len..].starts_with(':') {
        return None;
    }
    let end = closing(rest, start + 3, b'[', b']')?;
    Some((start, end))
}

/// Werkzeug's (Flask's) `ImmutableMultiDict([('Name', 'value'), …])`, `MultiDict(…)`,
/// `CombinedMultiDict(…)`: from the name to the parenthesis that closes it.
fn multi_dict(rest: &str) -> Option<(usize, usize)> {
    let at = rest.find("MultiDict([")?;
    // Back to the start of the word (`Immutable`, `Combined`).
    let start = rest[..at]
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_ascii_alphabetic())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let open = at + "MultiDict".len();
    let end = closing(rest, open, b'(', b')')?;
    Some((start, end))
}

/// A brace-delimited record whose first key is a name followed by `:`, `=>` or `=`:
/// JSON, a JavaScript, Python, Ruby or PHP rendering, or a map as Java prints it
/// (`{AccountSid=AC…, CallSid=CA…}`). From the first such brace to the last `}`.
fn keyed_braces(rest: &str) -> Option<(usize, usize)> {
    let close = rest.rfind('}')?;
    let mut from = 0;
    while let Some(i) = rest[from..].find('{').map(|i| i + from) {
        if i >= close {
            return None;
        }
        if first_key_follows(&rest[i + 1..close]) {
            return Some((i, close + 1));
        }
        from = i + 1;
    }
    None
}

/// True when `s` starts (after spaces) with a name, quoted or not, then `:`, `=>` or a
/// lone `=` right after a capitalised name, as a Java map prints `Name=value` (program
/// text such as `{ x = 1 }` is no printout).
fn first_key_follows(s: &str) -> bool {
    let s = s.trim_start();
    let (quote, s) = match s.chars().next() {
        Some(q @ ('"' | '\'')) => (Some(q), &s[1..]),
        _ => (None, s),
    };
    let len = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))
        .unwrap_or(s.len());
    if len == 0 || !s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        return false;
    }
    let mut after = &s[len..];
    if let Some(q) = quote {
        match after.strip_prefix(q) {
            Some(a) => after = a,
            None => return false,
        }
    }
    let java = quote.is_none()
        && s.starts_with(|c: char| c.is_ascii_uppercase())
        && after.starts_with('=')
        && !after.starts_with("==")
        && !after.starts_with("=>");
    let after = after.trim_start();
    java || after.starts_with(':') || after.starts_with("=>")
}

/// The byte just past the `close` that balances the `open` at byte `at` of `s` (quotes
/// are not tracked: printed parameter values rarely hold brackets, and a value that does
/// only moves the end).
fn closing(s: &str, at: usize, open: u8, close: u8) -> Option<usize> {
    let bytes = s.as_bytes();
    if bytes.get(at) != Some(&open) {
        return None;
    }
    let mut depth = 0usize;
    for (i, &b) in bytes.iter().enumerate().skip(at) {
        if b == open {
            depth += 1;
        } else if b == close {
            depth -= 1;
            if depth == 0 {
                return Some(i + 1);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(s: &str) -> Option<&str> {
        printed_span(s).map(|(a, b)| &s[a..b])
    }

    #[test]
    fn finds_the_printouts() {
        assert_eq!(
            span("2024/05/02 cb: map[CallSid:[CA1] CallStatus:[ringing]] done"),
            Some("map[CallSid:[CA1] CallStatus:[ringing]]")
        );
        assert_eq!(
            span("INFO form ImmutableMultiDict([('CallSid', 'CA1'), ('CallStatus', 'ringing')]) x"),
            Some("ImmutableMultiDict([('CallSid', 'CA1'), ('CallStatus', 'ringing')])")
        );
        assert_eq!(
            span("c.e.StatusController : callback {AccountSid=AC1, CallSid=CA1}"),
            Some("{AccountSid=AC1, CallSid=CA1}")
        );
        assert_eq!(
            span("<QueryDict: {'CallSid': ['CA1']}>"),
            Some("{'CallSid': ['CA1']}")
        );
        assert_eq!(span("{ CallSid: 'CA1' }"), Some("{ CallSid: 'CA1' }"));
        // Braces of prose or code, a map without keys, an unclosed printout: none.
        assert_eq!(span("took {} ms"), None);
        assert_eq!(span("if (a == b) { x = 1 }"), None);
        assert_eq!(span("{Name = 1}"), None);
        // The JSON object, not a `map[` inside one of its values.
        assert_eq!(
            span(r#"{"Body": "see map[a:1]", "CallSid": "CA1"}"#),
            Some(r#"{"Body": "see map[a:1]", "CallSid": "CA1"}"#)
        );
        assert_eq!(span("map[] empty"), None);
        assert_eq!(span("map[CallSid:[CA1]"), None);
        assert_eq!(span("MultiDict([('a', 'b')"), None);
        assert_eq!(span("{a == b}"), None);
        // A multi-byte character just before the name.
        assert_eq!(
            span("éImmutableMultiDict([('a', 'b')])"),
            Some("ImmutableMultiDict([('a', 'b')])")
        );
    }
}
