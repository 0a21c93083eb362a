//! The byte cursor the literal readers share, and the lexical pieces of the syntaxes they
//! read: identifiers, bare words, quoted strings with their escapes.

use super::Seen;

/// A byte cursor over the text; every access is checked.
pub(super) struct Cursor<'a> {
    pub(super) s: &'a str,
    /// Byte offset of the next character.
    pub(super) pos: usize,
    /// The syntax met so far (names the syntax, reports oddities).
    pub(super) seen: Seen,
}

impl<'a> Cursor<'a> {
    /// A cursor at the start of `s`.
    pub(super) fn new(s: &'a str) -> Self {
        Cursor {
            s,
            pos: 0,
            seen: Seen::default(),
        }
    }
    pub(super) fn rest(&self) -> &'a str {
        self.s.get(self.pos..).unwrap_or("")
    }
    pub(super) fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }
    pub(super) fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }
    pub(super) fn eat(&mut self, p: &str) -> bool {
        if self.rest().starts_with(p) {
            self.pos += p.len();
            true
        } else {
            false
        }
    }
    pub(super) fn slice(&self, from: usize) -> &'a str {
        self.s.get(from..self.pos).unwrap_or("")
    }
    /// Skips whitespace and `//`, `/* */` and `#` comments.
    pub(super) fn ws(&mut self) {
        loop {
            let r = self.rest();
            let trimmed = r.trim_start();
            self.pos += r.len() - trimmed.len();
            if trimmed.starts_with("//") || (trimmed.starts_with('#') && !trimmed.starts_with("#{"))
            {
                self.seen.comment = true;
                let end = trimmed.find('\n').unwrap_or(trimmed.len());
                self.pos += end;
            } else if trimmed.starts_with("/*") {
                self.seen.comment = true;
                let end = trimmed.find("*/").map(|e| e + 2).unwrap_or(trimmed.len());
                self.pos += end;
            } else {
                return;
            }
        }
    }
}

pub(super) fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '$')
}

pub(super) fn bare_word(c: &mut Cursor) -> Option<String> {
    let from = c.pos;
    while c
        .peek()
        .is_some_and(|ch| is_ident_char(ch) || ch == '-' || ch == '.')
    {
        c.bump();
    }
    let w = c.slice(from);
    (!w.is_empty()).then(|| w.to_string())
}

/// A quoted string at the cursor (`'…'`, `"…"` or a backtick template). Returns the text
/// and whether it interpolates (`${…}`, `#{…}`), i.e. is not a literal.
pub(super) fn parse_string(c: &mut Cursor) -> Option<(String, bool)> {
    // Python's `'''…'''` / `"""…"""`: the text up to the closing triple, as written.
    for triple in ["'''", "\"\"\""] {
        if c.eat(triple) {
            c.seen.python_word = true;
            let end = c.rest().find(triple)?;
            let text = c.rest().get(..end)?.to_string();
            c.pos += end + 3;
            return Some((text, false));
        }
    }
    let q = c.bump()?;
    if q == '\'' {
        c.seen.single_quote = true;
    }
    let mut out = String::new();
    let mut interpolates = false;
    loop {
        let ch = c.bump()?;
        match ch {
            _ if ch == q => return Some((out, interpolates)),
            '\\' => {
                let e = c.bump()?;
                unescape(e, c, &mut out);
            }
            '$' if q == '`' && c.peek() == Some('{') => {
                interpolates = true;
                out.push(ch);
            }
            '#' if q == '"' && c.peek() == Some('{') => {
                interpolates = true;
                out.push(ch);
            }
            _ => out.push(ch),
        }
    }
}

/// One backslash escape (JavaScript / Python / Ruby / PHP / Perl share these).
fn unescape(e: char, c: &mut Cursor, out: &mut String) {
    match e {
        'n' => out.push('\n'),
        't' => out.push('\t'),
        'r' => out.push('\r'),
        'b' => out.push('\u{8}'),
        'f' => out.push('\u{c}'),
        'v' => out.push('\u{b}'),
        '0' => out.push('\0'),
        '\n' => {}
        'x' | 'u' => {
            let braced = e == 'u' && c.eat("{");
            let max = if braced {
                6
            } else if e == 'x' {
                2
            } else {
                4
            };
            let from = c.pos;
            while c.pos - from < max && c.peek().is_some_and(|h| h.is_ascii_hexdigit()) {
                c.bump();
            }
            let hex = c.slice(from);
            if braced {
                c.eat("}");
            }
            match u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
                Some(ch) if !hex.is_empty() => out.push(ch),
                _ => {
                    out.push('\\');
                    out.push(e);
                    out.push_str(hex);
                }
            }
        }
        other => out.push(other),
    }
}
