//! Where in program text a request may sit: object literals, arrays, call arguments,
//! string literals (joined with `+` over lines, or escaped), and form lines; each a slice
//! of the text with what it is, found by bracket and quote matching within fixed bounds.

use super::{mentions_twilio, MAX_CANDIDATES, MAX_OPENINGS, MAX_SPAN};

/// Object literals (`{…}`), arrays (`[…]`, `array(…)`) and string literals (`"…"`, `'…'`,
/// `` `…` ``) that mention a Twilio-looking name, outermost first.
pub(super) fn candidates(text: &str) -> Vec<(usize, usize, &'static str)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut openings = 0;
    while i < b.len() && out.len() < MAX_CANDIDATES && openings < MAX_OPENINGS {
        let c = b[i];
        let what = match c {
            b'{' => Some("an object literal"),
            b'[' => Some("an array"),
            b'(' if text[..i].trim_end().ends_with("array")
                || text[..i].trim_end().ends_with("Array") =>
            {
                Some("an array")
            }
            b'(' if text[..i].ends_with("dict") => Some("a dict() call"),
            b'(' if class_name_before(&text[..i]) => Some("an object's toString()"),
            b'(' if text[..i].ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_') => {
                Some("a call's arguments")
            }
            b'"' | b'\'' | b'`' => Some("a string literal"),
            _ => None,
        };
        if c == b'h' && (b[i..].starts_with(b"https://") || b[i..].starts_with(b"http://")) {
            // A URL inside a message or JSON, cut or whole: its query is a capture.
            let end = text[i..]
                .find(|ch: char| ch.is_whitespace() || matches!(ch, '"' | '\'' | '`' | '<' | '>'))
                .map_or(text.len(), |k| i + k);
            if text[i..end].contains('?') && mentions_twilio(&text[i..end]) {
                out.push((i, end, "a URL"));
            }
            i = end;
            continue;
        }
        if matches!(c, b'"' | b'\'') && b[i..].starts_with(&[c, c, c]) {
            // Python's `"""…"""` and `'''…'''`: one string over many lines.
            openings += 1;
            let close = [c, c, c];
            let from = i + 3;
            let span = &b[from..b.len().min(from + MAX_SPAN)];
            if let Some(k) = span.windows(3).position(|w| w == close) {
                if k > 0 && mentions_twilio(&text[from..from + k]) {
                    out.push((from, from + k, "a string literal"));
                }
                i = from + k + 3;
                continue;
            }
        }
        if let Some(what) = what {
            openings += 1;
            if what == "a string literal" {
                // PHP and JavaScript template strings may run over several lines; such a
                // candidate is not skipped over, so a stray apostrophe hides nothing.
                if let Some(end) = closing_multiline(b, i) {
                    if text[i..end].contains('\n') && mentions_twilio(&text[i + 1..end - 1]) {
                        out.push((i + 1, end - 1, what));
                    }
                }
            }
            if what == "a string literal" {
                if let Some(end) = concatenation_end(b, i) {
                    // `"a&" +⏎ "b"`: literals joined with `+` over lines (Go, Java, JS).
                    if mentions_twilio(&text[i..end]) {
                        out.push((i, end, "concatenated string literals"));
                    }
                    i = end;
                    continue;
                }
            }
            if let Some(end) = closing(b, i) {
                // A string literal is read without its quotes.
                let (from, to) = if what == "a string literal" {
                    (i + 1, end - 1)
                } else {
                    (i, end)
                };
                // A `dict(…)` call is read with its name, which says how to read it.
                let from = if what == "a dict() call" {
                    from - 4
                } else {
                    from
                };
                // A call's arguments are a candidate only as Scala's `k -> v` tuples or a
                // Ruby hash passed without its braces (`create('To' => '+1…')`); a brace
                // inside a value's quotes (an AddOns JSON string) is not a hash's.
                let args = &text[from..to];
                let useful = what != "a call's arguments"
                    || args.contains("->")
                    || kotlin_pairs(args)
                    || args.contains("=>") && !brace_outside_quotes(args);
                if to > from && useful && mentions_twilio(&text[from..to]) {
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
    form_lines(text, &mut out);
    out
}

/// True when call arguments are Kotlin pairs: a quoted name, the infix `to`, a value
/// (`mapOf("To" to "+1…", …)`).
pub(super) fn kotlin_pairs(args: &str) -> bool {
    args.contains("\" to ") || args.contains("' to ")
}

/// True when `s` holds a `{` that is not inside a quoted string.
fn brace_outside_quotes(s: &str) -> bool {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for c in s.chars() {
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
            }
            None if matches!(c, '"' | '\'' | '`') => quote = Some(c),
            None if c == '{' => return true,
            None => {}
        }
    }
    false
}

/// True when `before` ends with a class name (`DrachtioRequest`), as a data class's
/// `toString()` prints before `(k=v, …)`.
fn class_name_before(before: &str) -> bool {
    let word_len = before
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .count();
    let word = &before[before.len() - word_len..];
    word.len() >= 3 && word.starts_with(|c: char| c.is_ascii_uppercase()) && word != "Array"
}

/// Lines that hold a form body after other text (`// AccountSid=AC…&From=…` under a
/// comment's prose, `INFO body: CallSid=…`): from the first `Name=` the catalog knows to the
/// end of the line.
fn form_lines(text: &str, out: &mut Vec<(usize, usize, &'static str)>) {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if out.len() >= MAX_CANDIDATES {
            return;
        }
        let body = line.trim_end();
        if body.contains('&') && body.contains('=') {
            // One pass: the start of the identifier run before each `=`.
            let mut run_start: Option<usize> = None;
            for (i, ch) in body.char_indices() {
                if ch.is_ascii_alphanumeric() || ch == '_' {
                    run_start.get_or_insert(i);
                    continue;
                }
                if ch == '=' {
                    // After a space, quote or bracket: a body someone wrote there, not a
                    // URL's query (`?A=1&B=2`), which the URL reader owns.
                    let after_gap = |f: usize| {
                        body[..f]
                            .chars()
                            .next_back()
                            .is_some_and(|p| p.is_whitespace() || "\"'`([{,:".contains(p))
                    };
                    if let Some(from) = run_start.filter(|&f| f > 0 && after_gap(f)) {
                        if crate::catalog::params_named(&body[from..i])
                            .next()
                            .is_some()
                        {
                            let end = body.trim_end_matches(['"', '\'', '`', ',', ';', ')']).len();
                            if end > from {
                                out.push((offset + from, offset + end, "a line of text"));
                            }
                            break;
                        }
                    }
                }
                run_start = None;
            }
        }
        offset += line.len();
    }
}

/// When the literal opened at `open` is joined by `+` to at least one more literal, where
/// the last one closes (one past it). A variable between two of them (`"…%2B" + number +
/// "&From=…"`) is part of the chain: `join_literals` shows it as the expression it is.
fn concatenation_end(b: &[u8], open: usize) -> Option<usize> {
    let mut end = closing(b, open)?;
    let mut joined = 0;
    let mut j = end;
    loop {
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        if b.get(j) != Some(&b'+') {
            break;
        }
        j += 1;
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        if j > open + MAX_SPAN {
            break;
        }
        if matches!(b.get(j), Some(b'"' | b'\'' | b'`')) {
            let Some(next) = closing(b, j) else { break };
            end = next;
            j = next;
            joined += 1;
        } else {
            let k = identifier_end(b, j);
            if k == j {
                break;
            }
            // Only kept when a literal follows it.
            j = k;
        }
    }
    (joined > 0).then_some(end)
}

/// One past a variable's name or a member access (`contact.id`, `$from`), or `at` itself.
fn identifier_end(b: &[u8], at: usize) -> usize {
    let mut k = at;
    while k < b.len() && (b[k].is_ascii_alphanumeric() || matches!(b[k], b'_' | b'$' | b'.')) {
        k += 1;
    }
    if k > at && b[at].is_ascii_digit() {
        return at;
    }
    k
}

/// The text of `"a" + "b" + …`: each literal's content (escapes read), joined.
pub(super) fn join_literals(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    while i < b.len() {
        if matches!(b[i], b'"' | b'\'' | b'`') {
            let Some(end) = closing(b, i) else { break };
            let inner = &s[i + 1..end - 1];
            if b[i] == b'`' {
                out.push_str(inner);
            } else {
                out.push_str(&unescape(inner));
            }
            i = end;
        } else if b[i] == b'+' {
            i += 1;
        } else {
            let k = identifier_end(b, i);
            if k > i {
                // A variable joined between the literals: kept as a template variable, an
                // expression shown as written and not checked.
                out.push_str("${");
                out.push_str(&s[i..k]);
                out.push('}');
                i = k;
            } else {
                i += 1;
            }
        }
    }
    out
}

/// True when a string literal's text holds escapes its language would turn into
/// characters (`\r\n`, `\"`).
pub(super) fn has_escapes(s: &str) -> bool {
    ["\\r\\n", "\\n", "\\\"", "\\t"]
        .iter()
        .any(|e| s.contains(e))
}

/// The text of a string literal with its escapes read (`\n`, `\r`, `\t`, `\"`, `\'`, `\\`,
/// `\/`); other backslashes are kept.
pub(super) fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(ch) = chars.next() {
        if ch != '\\' {
            out.push(ch);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some(q @ ('"' | '\'' | '\\' | '/')) => out.push(q),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Where a quote opened at `open` closes when the string may run over lines.
fn closing_multiline(b: &[u8], open: usize) -> Option<usize> {
    let q = b[open];
    let mut j = open + 1;
    while j < b.len().min(open + MAX_SPAN) {
        match b[j] {
            b'\\' => j += 2,
            c if c == q => return Some(j + 1),
            _ => j += 1,
        }
    }
    None
}

/// Where the bracket or quote opened at `open` closes (one past it), skipping quoted text.
pub(super) fn closing(b: &[u8], open: usize) -> Option<usize> {
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
