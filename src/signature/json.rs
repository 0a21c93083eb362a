//! A tiny order-preserving JSON reader and writer, for the doctor's "was the JSON body
//! re-serialised?" check (serde_json's default map sorts keys, which loses the order).
//!
//! Why not serde_json with its `preserve_order` feature: the check must rebuild the body the
//! way another library would have written *the same document*, and serde_json's `Value`
//! cannot hold the same document —
//! - a repeated key keeps only its last value (`{"a":1,"a":2}` becomes `{"a":2}`), so every
//!   re-serialisation of such a body would drop a member; here `Obj` keeps every pair;
//! - numbers are re-printed from `f64`/`i64` (`2.50` becomes `2.5`, `1e2` becomes `100.0`)
//!   unless the `arbitrary_precision` feature is on, which changes `Number` for the whole
//!   crate (and is known not to mix with the `raw_value` feature this crate uses);
//! - a lone surrogate escape (`"\ud800"`) is an error, where this reader reads U+FFFD, like
//!   `JSON.parse` + re-encoding would produce a replacement;
//! - `preserve_order` is a crate-wide switch: it would change every `serde_json::Map` of the
//!   crate and add `indexmap` to both wasm builds for this one diagnosis.
//!
//! The reader is bounded (depth 64) and unit-tested below.

/// A JSON value; numbers keep their source text.
#[derive(Debug, Clone, PartialEq)]
enum J {
    Null,
    Bool(bool),
    Num(String),
    Str(String),
    Arr(Vec<J>),
    Obj(Vec<(String, J)>),
}

const MAX_DEPTH: usize = 64;

struct Reader<'a> {
    s: &'a [u8],
    i: usize,
}

impl Reader<'_> {
    fn ws(&mut self) {
        while self.i < self.s.len() && matches!(self.s[self.i], b' ' | b'\t' | b'\n' | b'\r') {
            self.i += 1;
        }
    }

    fn eat(&mut self, lit: &[u8]) -> bool {
        if self.s.get(self.i..self.i + lit.len()) == Some(lit) {
            self.i += lit.len();
            true
        } else {
            false
        }
    }

    fn value(&mut self, depth: usize) -> Option<J> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.ws();
        match *self.s.get(self.i)? {
            b'n' => self.eat(b"null").then_some(J::Null),
            b't' => self.eat(b"true").then_some(J::Bool(true)),
            b'f' => self.eat(b"false").then_some(J::Bool(false)),
            b'"' => self.string().map(J::Str),
            b'[' => {
                self.i += 1;
                let mut items = Vec::new();
                self.ws();
                if self.eat(b"]") {
                    return Some(J::Arr(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    self.ws();
                    if self.eat(b",") {
                        continue;
                    }
                    if self.eat(b"]") {
                        return Some(J::Arr(items));
                    }
                    return None;
                }
            }
            b'{' => {
                self.i += 1;
                let mut items = Vec::new();
                self.ws();
                if self.eat(b"}") {
                    return Some(J::Obj(items));
                }
                loop {
                    self.ws();
                    if self.s.get(self.i) != Some(&b'"') {
                        return None;
                    }
                    let k = self.string()?;
                    self.ws();
                    if !self.eat(b":") {
                        return None;
                    }
                    let v = self.value(depth + 1)?;
                    items.push((k, v));
                    self.ws();
                    if self.eat(b",") {
                        continue;
                    }
                    if self.eat(b"}") {
                        return Some(J::Obj(items));
                    }
                    return None;
                }
            }
            b'-' | b'0'..=b'9' => {
                let start = self.i;
                while self.i < self.s.len()
                    && matches!(
                        self.s[self.i],
                        b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9'
                    )
                {
                    self.i += 1;
                }
                std::str::from_utf8(&self.s[start..self.i])
                    .ok()
                    .map(|t| J::Num(t.to_string()))
            }
            _ => None,
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let h = std::str::from_utf8(self.s.get(self.i..self.i + 4)?).ok()?;
        let v = u32::from_str_radix(h, 16).ok()?;
        self.i += 4;
        Some(v)
    }

    fn string(&mut self) -> Option<String> {
        self.i += 1; // opening quote
        let mut out: Vec<u8> = Vec::new();
        loop {
            let b = *self.s.get(self.i)?;
            self.i += 1;
            match b {
                b'"' => return String::from_utf8(out).ok(),
                b'\\' => {
                    let e = *self.s.get(self.i)?;
                    self.i += 1;
                    let c = match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let hi = self.hex4()?;
                            if (0xD800..0xDC00).contains(&hi) && self.eat(b"\\u") {
                                let lo = self.hex4()?;
                                if (0xDC00..0xE000).contains(&lo) {
                                    char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
                                        .unwrap_or('\u{FFFD}')
                                } else {
                                    '\u{FFFD}'
                                }
                            } else {
                                char::from_u32(hi).unwrap_or('\u{FFFD}')
                            }
                        }
                        _ => return None,
                    };
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                }
                _ => out.push(b),
            }
        }
    }
}

fn parse(body: &[u8]) -> Option<J> {
    let mut r = Reader { s: body, i: 0 };
    let v = r.value(0)?;
    r.ws();
    (r.i == body.len()).then_some(v)
}

#[derive(Clone, Copy)]
struct Style {
    item_sep: &'static str,
    key_sep: &'static str,
    ensure_ascii: bool,
    sort_keys: bool,
    escape_slash: bool,
    indent: Option<usize>,
}

fn write_str(out: &mut String, s: &str, st: Style) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '/' if st.escape_slash => out.push_str("\\/"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c if st.ensure_ascii && !c.is_ascii() => {
                let mut buf = [0u16; 2];
                for u in c.encode_utf16(&mut buf) {
                    out.push_str(&format!("\\u{u:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn newline(out: &mut String, st: Style, level: usize) {
    if let Some(n) = st.indent {
        out.push('\n');
        out.extend(std::iter::repeat_n(' ', n * level));
    }
}

fn write(out: &mut String, v: &J, st: Style, level: usize) {
    match v {
        J::Null => out.push_str("null"),
        J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        J::Num(n) => out.push_str(n),
        J::Str(s) => write_str(out, s, st),
        J::Arr(items) => {
            out.push('[');
            for (i, it) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(st.item_sep);
                }
                newline(out, st, level + 1);
                write(out, it, st, level + 1);
            }
            if !items.is_empty() {
                newline(out, st, level);
            }
            out.push(']');
        }
        J::Obj(items) => {
            let mut order: Vec<u32> = (0..items.len() as u32).collect();
            if st.sort_keys {
                super::compute::sort_idx(&mut order, &|a, b| {
                    items[a as usize].0.cmp(&items[b as usize].0)
                });
            }
            let refs: Vec<&(String, J)> = order
                .iter()
                .filter_map(|&i| items.get(i as usize))
                .collect();
            out.push('{');
            for (i, (k, it)) in refs.iter().map(|p| (&p.0, &p.1)).enumerate() {
                if i > 0 {
                    out.push_str(st.item_sep);
                }
                newline(out, st, level + 1);
                write_str(out, k, st);
                out.push_str(st.key_sep);
                write(out, it, st, level + 1);
            }
            if !refs.is_empty() {
                newline(out, st, level);
            }
            out.push('}');
        }
    }
}

/// The body re-written the ways common JSON libraries write it, each with a description
/// ("written compactly", …). Empty when the body is not JSON.
pub(crate) fn reserialisations(body: &[u8]) -> Vec<(String, &'static str)> {
    let Some(v) = parse(body) else {
        return Vec::new();
    };
    let base = Style {
        item_sep: ",",
        key_sep: ":",
        ensure_ascii: false,
        sort_keys: false,
        escape_slash: false,
        indent: None,
    };
    let py = Style {
        item_sep: ", ",
        key_sep: ": ",
        ensure_ascii: true,
        ..base
    };
    let styles: [(Style, &'static str); 9] = [
        (base, "written compactly (as JSON.stringify writes it)"),
        (
            py,
            "written with Python json.dumps spacing (', ' and ': ') and \\u escapes",
        ),
        (
            Style {
                ensure_ascii: false,
                ..py
            },
            "written with ', ' and ': ' separators",
        ),
        (
            Style {
                ensure_ascii: true,
                ..base
            },
            "written compactly with \\u escapes for non-ASCII",
        ),
        (
            Style {
                sort_keys: true,
                ..base
            },
            "written compactly with sorted keys",
        ),
        (
            Style {
                sort_keys: true,
                ..py
            },
            "written with Python json.dumps(sort_keys=True) spacing and \\u escapes",
        ),
        (
            Style {
                ensure_ascii: true,
                escape_slash: true,
                ..base
            },
            "written compactly with escaped slashes and \\u escapes (PHP json_encode style)",
        ),
        (
            Style {
                item_sep: ",",
                key_sep: ": ",
                indent: Some(2),
                ..base
            },
            "pretty-printed with two-space indentation",
        ),
        (
            Style {
                item_sep: ",",
                key_sep: ": ",
                indent: Some(4),
                ..base
            },
            "pretty-printed with four-space indentation",
        ),
    ];
    let mut out: Vec<(String, &'static str)> = Vec::new();
    for (st, how) in styles {
        let mut s = String::new();
        write(&mut s, &v, st, 0);
        if s.as_bytes() != body && !out.iter().any(|(t, _)| *t == s) {
            out.push((s, how));
        }
    }
    out
}

/// A JSON object's top-level fields as form-like pairs, the way JavaScript would
/// concatenate them (`key + value`): arrays become one pair per element.
pub(crate) fn top_level_fields(body: &[u8]) -> Option<Vec<(String, String)>> {
    let J::Obj(items) = parse(body)? else {
        return None;
    };
    let text = |v: &J| -> String {
        match v {
            J::Null => "null".into(),
            J::Bool(b) => b.to_string(),
            J::Num(n) => n.clone(),
            J::Str(s) => s.clone(),
            J::Arr(_) => String::new(),
            J::Obj(_) => "[object Object]".into(),
        }
    };
    let mut out = Vec::new();
    for (k, v) in &items {
        match v {
            J::Arr(xs) => {
                for x in xs {
                    out.push((k.clone(), text(x)));
                }
            }
            other => out.push((k.clone(), text(other))),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let body = r#"{"b": [1, 2.50, {"x": null}], "a": "h\u00e9\/😀"}"#.as_bytes();
        let r = reserialisations(body);
        assert!(r
            .iter()
            .any(|(s, _)| s == r#"{"b":[1,2.50,{"x":null}],"a":"hé/😀"}"#));
        assert!(r
            .iter()
            .any(|(s, _)| s == r#"{"b": [1, 2.50, {"x": null}], "a": "h\u00e9/\ud83d\ude00"}"#));
        assert!(parse(b"[[[[").is_none());
        let deep = "[".repeat(10_000);
        assert!(parse(deep.as_bytes()).is_none());
        assert_eq!(
            top_level_fields(br#"{"a":1,"b":["x","y"],"c":true}"#).unwrap(),
            vec![
                ("a".to_string(), "1".to_string()),
                ("b".to_string(), "x".to_string()),
                ("b".to_string(), "y".to_string()),
                ("c".to_string(), "true".to_string())
            ]
        );
    }
}
