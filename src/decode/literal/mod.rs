//! Object, dict, hash and map literals as programs print or people write them, read
//! tolerantly into parameters (issue 11 "paste anything"). Hand-written small readers, each
//! for the syntax it names:
//!
//! - [`read_object`]: one tolerant reader for the brace/paren literals of JavaScript
//!   (`console.log` output, JSON5: unquoted keys, single quotes, trailing commas, comments,
//!   Node's `[Object: null prototype] {…}`), Python dicts, Ruby hashes (`"k" => v`,
//!   `k: v`, `:k => v`), PHP `var_export` (`array ( 'k' => 'v', )`), Perl hashes
//!   (`%h = ( k => 'v' );`, Data::Dumper's `$VAR1 = { 'k' => 'v' };`) and Go composite
//!   literals (`url.Values{"k": {"v"}}`). A value that is not a literal (a variable, a call,
//!   an f-string, an interpolated or concatenated string) is kept as its expression text
//!   and marked [`Val::Expr`].
//! - [`read_java_map`]: Java/Kotlin `Map.toString()`: `{k=v, k2=v2}` (values are bare text).
//! - [`read_go_map`]: Go's `fmt.Print` of a map: `map[k:v k2:[v2]]`.
//! - [`read_var_dump`]: PHP `var_dump` of arrays and objects (PHP's and Xdebug's format):
//!   `array(2) { ["k"]=> string(1) "v" … }`, nested
//!   arrays flattened to PHP's own `k[sub]` names.
//! - [`read_multidict`]: Flask's `ImmutableMultiDict([('k', 'v'), …])` (Django's
//!   `<QueryDict: {…}>` is read by [`read_object`]).
//!
//! The `json5` crate was considered for JavaScript literals: it fails the whole object on
//! the first value that is an expression (which must be kept, not lost), does not read the
//! Ruby/PHP/Perl forms, and brings the `pest` parser into the wasm build; one small reader
//! covers all of them instead.

mod cursor;
mod printouts;
mod statements;

use cursor::{bare_word, is_ident_char, parse_string, Cursor};
pub(crate) use printouts::{
    looks_like_go_map, looks_like_java_map, looks_like_var_dump, read_go_map, read_header_tuples,
    read_java_map, read_multidict, read_var_dump,
};
pub(crate) use statements::{header_statements, read_statements};

/// How deep literals may nest before the reader gives up (bounded recursion).
const MAX_DEPTH: usize = 48;

/// A value read from a literal.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Val {
    /// A string literal, unescaped.
    Str(String),
    /// A number or boolean, as written (booleans lower-cased).
    Scalar(String),
    /// `null`, `nil`, `None`, `undefined`, `NULL`.
    Null,
    /// A list of values (`[…]`, `{"a", "b"}` in Go): one pair per element.
    List(Vec<Val>),
    /// A nested object, kept as its text.
    Map(String),
    /// Not a literal: the expression as written.
    Expr(String),
}

/// One `key: value` entry, with the value's text as written.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry {
    /// The key, unquoted.
    pub key: String,
    /// The value's text as written.
    pub raw: String,
    /// The value read.
    pub value: Val,
}

/// What a reader found: the entries and a description of the syntax.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Literal {
    /// e.g. "a JavaScript object literal".
    pub syntax: &'static str,
    /// The entries in the order written.
    pub entries: Vec<Entry>,
    /// What the top level left out: `...spread` expressions, or "" for a bare `...`.
    pub elided: Vec<String>,
    /// Written as JSON (double-quoted keys and strings, JSON words only): a text that
    /// needed this reader is then broken JSON, not another language's literal.
    pub json_shaped: bool,
}

/// Features seen while reading, used to name the syntax.
#[derive(Default)]
struct Seen {
    colon: bool,
    arrow: bool,
    unquoted_key: bool,
    symbol_key: bool,
    single_quote: bool,
    python_word: bool,
    js_word: bool,
    ruby_word: bool,
    trailing_comma: bool,
    comment: bool,
    /// The `...spread` expressions skipped (an empty string for a bare `...` elision).
    elided: Vec<String>,
    /// `name=value` keyword arguments.
    kwargs: bool,
    /// `Name = value` entries in braces: a C# object or collection initializer.
    initializer: bool,
    /// A comma was missing between two entries on separate lines.
    missing_comma: bool,
    /// Kotlin's `"k" to v` pairs (`mapOf(…)`).
    infix_to: bool,
}

/// Where a literal object starts in `text`: (byte offset of the opening bracket, the
/// closing bracket, a syntax named by the prefix).
fn find_start(text: &str) -> Option<(usize, char, Option<&'static str>)> {
    const NODE: &str = "[Object: null prototype]";
    if let Some(i) = text.find(NODE) {
        let after = i + NODE.len();
        let brace = text.get(after..)?.find('{')? + after;
        return Some((
            brace,
            '}',
            Some("Node's console.log of req.body ([Object: null prototype] {…})"),
        ));
    }
    let t = text.trim_start();
    let lead = text.len() - t.len();
    if let Some(r) = t.strip_prefix("array") {
        let paren = r.trim_start();
        if paren.starts_with('(') {
            let at = lead + "array".len() + (r.len() - paren.len());
            return Some((at, ')', Some("PHP var_export() output")));
        }
    }
    if t.starts_with("dict(") {
        return Some((lead + "dict".len(), ')', Some("a Python dict(…) call")));
    }
    if t.starts_with("$VAR1") {
        let brace = t.find('{')?;
        return Some((lead + brace, '}', Some("Perl Data::Dumper output")));
    }
    if t.starts_with('%') || t.starts_with("my %") || t.starts_with("our %") {
        let paren = t.find('(')?;
        return Some((lead + paren, ')', Some("a Perl hash")));
    }
    let brace = text.find('{')?;
    let before = text.get(..brace)?.trim_end();
    let syntax = if before.ends_with("url.Values") || before.ends_with("]string") {
        Some("a Go url.Values literal")
    } else if before.ends_with("<QueryDict:") {
        Some("Django's QueryDict")
    } else {
        None
    };
    Some((brace, '}', syntax))
}

/// True when `t` is one of the printouts read here that the other detectors would miss:
/// `var_dump`, `var_export`, Data::Dumper, a Perl hash, a Go map, Node's
/// `[Object: null prototype]`, or an assignment `name = {…};`.
pub(crate) fn looks_like_literal(t: &str) -> bool {
    let t = t.trim();
    if looks_like_var_dump(t)
        || looks_like_go_map(t)
        || t.contains("[Object: null prototype]")
        || t.contains("MultiDict([")
        || t.starts_with("<QueryDict:")
    {
        return true;
    }
    if t.strip_prefix("array")
        .is_some_and(|r| r.trim_start().starts_with('('))
    {
        return t.contains("=>");
    }
    if t.starts_with("dict(") && t.ends_with(')') {
        return t.contains('=');
    }
    if t.starts_with("$VAR1") || t.starts_with("url.Values{") {
        return t.contains('{');
    }
    let perl = t
        .strip_prefix("my ")
        .or_else(|| t.strip_prefix("our "))
        .unwrap_or(t);
    if perl.starts_with('%') && perl.contains("=>") {
        return perl
            .split_once('=')
            .is_some_and(|(_, r)| r.trim_start().starts_with('('));
    }
    let end = t.trim_end_matches([';', ')', ' ']);
    match t.find('{') {
        Some(i) if end.ends_with('}') => {
            let before = t.get(..i).unwrap_or("").trim_end();
            !before.contains('\n')
                && before.len() <= 60
                && (before.ends_with(" =") || before.ends_with('(') || before.ends_with(" :="))
        }
        _ => false,
    }
}

/// Reads the printouts whose syntax their opening names (see [`looks_like_literal`]) and
/// Java's `{k=v}`; `None` for anything else.
pub(crate) fn read_named(t: &str) -> Option<Literal> {
    if looks_like_var_dump(t) {
        return read_var_dump(t);
    }
    if looks_like_go_map(t) {
        return read_go_map(t);
    }
    if looks_like_java_map(t) {
        return read_java_map(t);
    }
    if t.contains("MultiDict([") {
        return read_multidict(t);
    }
    find_start(t)?.2?;
    read_object(t)
}

/// Reads the first object/dict/hash literal in `text`. `None` when none is there.
pub(crate) fn read_object(text: &str) -> Option<Literal> {
    let (start, close, named) = find_start(text)?;
    let mut c = Cursor::new(text);
    c.pos = start;
    c.bump()?;
    let entries = parse_entries(&mut c, close, 0)?;
    // Only `;`, `)` or `>` (a statement's, call's or Django `<QueryDict: {…}>`'s end) may
    // follow: not a second object.
    let after = c
        .rest()
        .trim_matches(|ch: char| ch.is_whitespace() || matches!(ch, ';' | ')' | '>'));
    if entries.is_empty() || !after.is_empty() {
        return None;
    }
    let syntax = named.unwrap_or_else(|| name_syntax(&c.seen));
    let s = &c.seen;
    let json_shaped = !(s.unquoted_key
        || s.symbol_key
        || s.single_quote
        || s.arrow
        || s.python_word
        || s.ruby_word
        || s.js_word
        || s.comment
        || s.kwargs
        || s.initializer
        || s.infix_to
        || s.trailing_comma)
        && s.elided.is_empty()
        && named.is_none()
        && entries.iter().all(|e| !matches!(e.value, Val::Expr(_)));
    Some(Literal {
        syntax,
        entries,
        elided: std::mem::take(&mut c.seen.elided),
        json_shaped,
    })
}

/// Names the syntax from what the reader saw.
fn name_syntax(s: &Seen) -> &'static str {
    if s.infix_to {
        "a Kotlin map (mapOf(\"k\" to v))"
    } else if s.kwargs {
        "Python keyword arguments (dict(…))"
    } else if s.initializer {
        "a C# object initializer (`Name = value` in braces)"
    } else if s.arrow && (s.symbol_key || s.ruby_word || (s.colon && s.unquoted_key)) {
        "a Ruby hash"
    } else if s.arrow {
        "a Ruby, PHP or Perl hash"
    } else if s.symbol_key || s.ruby_word {
        "a Ruby hash"
    } else if s.python_word {
        "a Python dict"
    } else if s.unquoted_key || s.js_word || s.trailing_comma || s.comment {
        "a JavaScript object literal"
    } else if s.single_quote {
        "a JavaScript object or Python dict literal"
    } else {
        "a JavaScript object literal"
    }
}

/// Entries up to `close`. `None` when the text is not a literal of entries.
fn parse_entries(c: &mut Cursor, close: char, depth: usize) -> Option<Vec<Entry>> {
    if depth > MAX_DEPTH {
        return None;
    }
    let mut entries = Vec::new();
    loop {
        c.ws();
        if c.peek() == Some(close) {
            c.bump();
            return Some(entries);
        }
        let unpacking = c.eat("**");
        if unpacking {
            c.seen.python_word = true;
        }
        if unpacking || c.eat("...") || c.eat("…") {
            // A JavaScript spread (`...base.body`), Python's unpacking (`**base_params`) or an
            // elision (`%{"k" => "v", ...}`): the parameters it stands for are not in the
            // text; the rest of the object is read.
            c.ws();
            let spread = if c.peek() != Some(close) && !matches!(c.peek(), Some(',' | ';')) {
                match scan_expr(c, close)? {
                    Val::Expr(x) => x,
                    _ => String::new(),
                }
            } else {
                String::new()
            };
            if depth == 0 {
                c.seen.elided.push(spread);
            }
            c.ws();
            if !(c.eat(",") || c.eat(";")) && c.peek() != Some(close) {
                return None;
            }
            continue;
        }
        let quoted_key = matches!(c.peek(), Some('"' | '\''));
        let key = parse_key(c)?;
        c.ws();
        if quoted_key && eat_infix_to(c) {
            // Kotlin's pairs: `mapOf("To" to "+1…", …)`.
            c.seen.infix_to = true;
        } else if c.eat("=>") || c.eat("->") {
            // `->`: Scala's tuples (`"To" -> "+1…"`), read like a hash's arrow.
            c.seen.arrow = true;
        } else if c.eat(":") {
            c.seen.colon = true;
        } else if close == ')' && c.peek() == Some('=') && !c.rest().starts_with("==") {
            // Keyword arguments: Python's `dict(Digits='1', CallerState='IL')`.
            c.bump();
            c.seen.kwargs = true;
        } else if close == '}' && c.peek() == Some('=') && !c.rest().starts_with("==") {
            // An object initializer: C#'s `new Answer { Digits = "#", CallSid = "CA…" }`.
            c.bump();
            c.seen.initializer = true;
        } else {
            return None;
        }
        c.ws();
        let from = c.pos;
        let value = parse_value(c, close, depth)?;
        let raw = c.slice(from).trim_end().to_string();
        entries.push(Entry { key, raw, value });
        let before_gap = c.pos;
        c.ws();
        if c.eat(",") || c.eat(";") {
            c.ws();
            if c.peek() == Some(close) {
                c.seen.trailing_comma = true;
            }
        } else if c.peek() == Some('"') && c.slice(before_gap).contains('\n') {
            // `"a": "x"⏎"b": …`: a comma lost at the end of a line; read on, and remember.
            c.seen.missing_comma = true;
        } else if c.peek() != Some(close) {
            return None;
        }
    }
}

/// Kotlin's infix `to` between a pair's two halves, followed by a space.
fn eat_infix_to(c: &mut Cursor) -> bool {
    let rest = c.rest();
    if rest.starts_with("to") && rest[2..].starts_with(char::is_whitespace) {
        c.eat("to")
    } else {
        false
    }
}

/// A key: a quoted string, a Ruby symbol (`:k`, `:"k"`), a bare word or number.
fn parse_key(c: &mut Cursor) -> Option<String> {
    match c.peek()? {
        '\'' | '"' => {
            let (s, _) = parse_string(c)?;
            Some(s)
        }
        ':' => {
            c.bump();
            c.seen.symbol_key = true;
            if matches!(c.peek(), Some('\'' | '"')) {
                return parse_string(c).map(|(s, _)| s);
            }
            bare_word(c)
        }
        'u' | 'b' if c.rest().get(1..2).is_some_and(|q| q == "'" || q == "\"") => {
            c.bump();
            parse_string(c).map(|(s, _)| s)
        }
        _ => {
            c.seen.unquoted_key = true;
            bare_word(c)
        }
    }
}

/// True when the cursor is at the end of a value: `,`, `;`, the closing bracket or the end.
fn at_value_end(c: &mut Cursor, close: char) -> bool {
    let save = c.pos;
    c.ws();
    let end = matches!(c.peek(), None | Some(',' | ';'))
        || c.peek() == Some(close)
        || (c.peek() == Some('"') && c.slice(save).contains('\n'));
    c.pos = save;
    end
}

/// A value; when what is there is not a literal, the expression text up to the next
/// top-level `,` or `close`.
fn parse_value(c: &mut Cursor, close: char, depth: usize) -> Option<Val> {
    let from = c.pos;
    if let Some(v) = literal_value(c, depth) {
        let interpolated = c.seen.arrow && perl_php_interpolation(c.slice(from));
        let v = concatenated(c, v);
        if at_value_end(c, close) && !interpolated {
            return Some(v);
        }
    }
    c.pos = from;
    scan_expr(c, close)
}

/// `'abc' +\n 'def'` (Node's `console.log` splits long strings this way; also Python's
/// implicit `'abc' 'def'`): string literals joined into one. Anything else is left as it is.
fn concatenated(c: &mut Cursor, v: Val) -> Val {
    let Val::Str(mut joined) = v else { return v };
    loop {
        let save = c.pos;
        c.ws();
        let plus = c.eat("+");
        c.ws();
        // Without a `+`, only strings on the same line are one (`'a' 'b'`): a string on the
        // next line is the next key of JSON that lost a comma.
        if !plus && c.slice(save).contains('\n') {
            c.pos = save;
            return Val::Str(joined);
        }
        let next = match c.peek() {
            Some('\'' | '"') => parse_string(c).filter(|(_, interpolates)| !interpolates),
            _ => None,
        };
        match next {
            Some((s, _)) => joined.push_str(&s),
            None => {
                c.pos = save;
                return Val::Str(joined);
            }
        }
    }
}

/// True for a double-quoted Perl or PHP string that interpolates a variable (`"hi $name"`,
/// `"{$x}"`, `"@list"`): only called for `=>` hashes, where those languages are.
fn perl_php_interpolation(raw: &str) -> bool {
    raw.starts_with('"')
        && raw.match_indices(['$', '@']).any(|(i, _)| {
            raw.get(i + 1..)
                .and_then(|r| r.chars().next())
                .is_some_and(|n| n.is_alphabetic() || n == '_' || n == '{')
                && !raw.get(..i).is_some_and(|b| b.ends_with('\\'))
        })
}

/// A literal value, or `None` (the cursor is then anywhere).
fn literal_value(c: &mut Cursor, depth: usize) -> Option<Val> {
    let rest = c.rest();
    let first = rest.chars().next()?;
    match first {
        '\'' | '"' | '`' => {
            let (s, interpolates) = parse_string(c)?;
            (!interpolates).then_some(Val::Str(s))
        }
        _ if string_prefix_len(rest).is_some() => {
            // Python string prefixes: u'' b'' r'' f'' rb'' fr''…
            let prefix_len = string_prefix_len(rest)?;
            let prefix = rest.get(..prefix_len)?.to_ascii_lowercase();
            c.pos += prefix_len;
            if prefix.contains('r') {
                let q = c.bump()?;
                let body_from = c.pos;
                while c.peek().is_some_and(|ch| ch != q) {
                    c.bump();
                }
                let s = c.slice(body_from).to_string();
                c.bump()?;
                return (!prefix.contains('f')).then_some(Val::Str(s));
            }
            c.seen.python_word = true;
            let (s, _) = parse_string(c)?;
            (!prefix.contains('f')).then_some(Val::Str(s))
        }
        '[' if go_slice_type(rest).is_some() => {
            // Go: []string{"a", "b"}
            c.pos += go_slice_type(rest)?;
            nested(c, depth)
        }
        '{' | '[' | '(' => nested(c, depth),
        '-' | '+' | '.' | '0'..='9' => {
            let from = c.pos;
            c.bump();
            while c
                .peek()
                .is_some_and(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '.' | '_' | '+' | '-'))
            {
                c.bump();
            }
            let t = c.slice(from);
            let number =
                t.replace('_', "").parse::<f64>().is_ok() || t.starts_with("0x") && t.len() > 2;
            number.then(|| Val::Scalar(t.to_string()))
        }
        _ if first.is_alphabetic() => {
            let word = bare_word(c)?;
            keyword(c, &word, depth)
        }
        _ => None,
    }
}

/// The length of a Python string prefix (`u`, `b`, `r`, `f`, `rb`, `fr`…) before a quote.
fn string_prefix_len(rest: &str) -> Option<usize> {
    let i = rest.find(['\'', '"'])?;
    let prefix = rest.get(..i)?;
    (1..=2)
        .contains(&i)
        .then_some(i)
        .filter(|_| prefix.chars().all(|p| "ubrfURBF".contains(p)))
}

/// The length of a Go slice type (`[]string`) before its `{`.
fn go_slice_type(rest: &str) -> Option<usize> {
    let after = rest.strip_prefix("[]")?;
    let brace = after.find('{')?;
    let ty = after.get(..brace)?;
    (!ty.is_empty() && ty.chars().all(|ch| ch.is_alphanumeric() || ch == '.')).then_some(2 + brace)
}

/// `true`, `null`, `None`, `array(…)`, `[]string{…}`… or `None` for a plain identifier.
fn keyword(c: &mut Cursor, word: &str, depth: usize) -> Option<Val> {
    let v = match word {
        "true" | "false" | "Infinity" | "NaN" => Val::Scalar(word.to_string()),
        "True" | "False" => {
            c.seen.python_word = true;
            Val::Scalar(word.to_ascii_lowercase())
        }
        "None" => {
            c.seen.python_word = true;
            Val::Null
        }
        "nil" => {
            c.seen.ruby_word = true;
            Val::Null
        }
        "undefined" => {
            c.seen.js_word = true;
            Val::Null
        }
        "null" | "NULL" => Val::Null,
        "array" => {
            c.ws();
            if c.peek() != Some('(') {
                return None;
            }
            return nested(c, depth);
        }
        _ => return None,
    };
    Some(v)
}

/// A nested `{…}`, `[…]` or `(…)`: an object (kept as text) or a list of values.
fn nested(c: &mut Cursor, depth: usize) -> Option<Val> {
    let from = c.pos;
    let open = c.bump()?;
    let close = match open {
        '{' => '}',
        '[' => ']',
        _ => ')',
    };
    if open != '[' && starts_entry(c, close) {
        // Decided by a look at the first entry, so nothing is parsed twice (no backtracking).
        parse_entries(c, close, depth + 1)?;
        return Some(Val::Map(c.slice(from).to_string()));
    }
    let mut items = Vec::new();
    loop {
        c.ws();
        if c.peek() == Some(close) {
            c.bump();
            return Some(Val::List(items));
        }
        let v = literal_value(c, depth + 1)?;
        if matches!(v, Val::Expr(_)) {
            return None;
        }
        items.push(v);
        c.ws();
        if !c.eat(",") && c.peek() != Some(close) {
            return None;
        }
    }
}

/// True when an object's entries start at the cursor (`key:`, `key =>`, or the close).
fn starts_entry(c: &mut Cursor, close: char) -> bool {
    let save = c.pos;
    c.ws();
    let yes = c.peek() == Some(close)
        || (parse_key(c).is_some() && {
            c.ws();
            c.rest().starts_with("=>") || c.rest().starts_with("->") || c.rest().starts_with(':')
        });
    c.pos = save;
    yes
}

/// An expression up to the next top-level `,`/`;` or `close` (strings and brackets skipped).
fn scan_expr(c: &mut Cursor, close: char) -> Option<Val> {
    let from = c.pos;
    let mut stack: Vec<char> = Vec::new();
    while let Some(ch) = c.peek() {
        if stack.is_empty() && (ch == close || ch == ',' || ch == ';') {
            break;
        }
        match ch {
            '\'' | '"' | '`' => {
                parse_string(c)?;
                continue;
            }
            '(' => stack.push(')'),
            '[' => stack.push(']'),
            '{' => stack.push('}'),
            ')' | ']' | '}' if stack.pop() != Some(ch) => return None,
            _ => {}
        }
        c.bump();
    }
    let text = c.slice(from).trim();
    (!text.is_empty() && stack.is_empty()).then(|| Val::Expr(text.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(l: &Literal) -> Vec<(String, Val)> {
        l.entries
            .iter()
            .map(|e| (e.key.clone(), e.value.clone()))
            .collect()
    }

    #[test]
    fn js_object_with_expressions() {
        let l = read_object("{ From: '+1555', Body: `hi ${x}`, n: 2, ok: true, t: foo(1, 2), }")
            .expect("read");
        assert_eq!(
            pairs(&l),
            vec![
                ("From".into(), Val::Str("+1555".into())),
                ("Body".into(), Val::Expr("`hi ${x}`".into())),
                ("n".into(), Val::Scalar("2".into())),
                ("ok".into(), Val::Scalar("true".into())),
                ("t".into(), Val::Expr("foo(1, 2)".into())),
            ]
        );
        assert_eq!(l.syntax, "a JavaScript object literal");
    }

    #[test]
    fn json5_numbers() {
        let l = read_object("{a: +1555, b: 0x1F, c: .5, d: Infinity, e: NaN,}").expect("read");
        assert!(l.entries.iter().all(|e| matches!(e.value, Val::Scalar(_))));
        assert_eq!(l.entries.first().map(|e| e.raw.as_str()), Some("+1555"));
    }

    #[test]
    fn var_dump_nested() {
        let t = "array(2) {\n  [\"From\"]=>\n  string(5) \"+1\"2x\"\n  [\"M\"]=>\n  array(1) {\n    [0]=>\n    int(3)\n  }\n}";
        let l = read_var_dump(t).expect("read");
        assert_eq!(
            pairs(&l),
            vec![
                ("From".into(), Val::Str("+1\"2x".into())),
                ("M[0]".into(), Val::Scalar("3".into())),
            ]
        );
    }

    #[test]
    fn var_dump_objects_php_and_xdebug() {
        let php = "object(App\\Msg)#3 (2) {\n  [\"sid\"]=>\n  string(2) \"SM\"\n  [\"secret\":protected]=>\n  NULL\n}";
        let l = read_var_dump(php).expect("PHP's object dump");
        assert_eq!(
            pairs(&l),
            vec![
                ("sid".into(), Val::Str("SM".into())),
                ("secret".into(), Val::Null)
            ]
        );
        let xdebug = "class App\\Msg#11 (3) {\n  public string $body =>\n  string(2) \"hi\"\n  public ?int $n =>\n  int(1)\n  public array $links =>\n  array(1) {\n    'media' =>\n    string(1) \"m\"\n  }\n}";
        assert!(looks_like_var_dump(xdebug));
        let l = read_var_dump(xdebug).expect("Xdebug's object dump");
        assert_eq!(
            pairs(&l),
            vec![
                ("body".into(), Val::Str("hi".into())),
                ("n".into(), Val::Scalar("1".into())),
                ("links[media]".into(), Val::Str("m".into())),
            ]
        );
        assert!(!looks_like_var_dump("class Foo {"));
        assert!(!looks_like_var_dump("object(x)"));
    }

    #[test]
    fn deep_nesting_is_linear() {
        let t = format!("{{a: {}{}}}", "{".repeat(40), "}".repeat(40));
        let start = std::time::Instant::now();
        let _ = read_object(&t);
        let t = format!("{{a: {}x{}}}", "[{".repeat(40), "}]".repeat(40));
        let _ = read_object(&t);
        assert!(start.elapsed().as_secs() < 2);
    }

    #[test]
    fn var_dump_lengths_that_do_not_fit() {
        let t = "array(1) {\n  [\"A\"]=>\n  string(18446744073709551615) \"x\"\n}";
        let l = read_var_dump(t).expect("read to the line's last quote");
        assert_eq!(pairs(&l), vec![("A".into(), Val::Str("x".into()))]);
    }

    #[test]
    fn never_panics_on_cut_text() {
        let t = "{ 'a': u'\\u12', \"b\": [1, {c: 'd'}], e: f\"x{y}\" }";
        for i in 0..=t.len() {
            if let Some(s) = t.get(..i) {
                let _ = read_object(s);
                let _ = read_var_dump(s);
                let _ = read_java_map(s);
                let _ = read_go_map(s);
            }
        }
    }
}
