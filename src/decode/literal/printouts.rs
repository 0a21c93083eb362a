//! Printouts with a syntax of their own: Java/Kotlin `Map.toString()`, Go's `fmt.Print` of a
//! map, PHP's `var_dump`, Flask's `ImmutableMultiDict`.

use super::*;

/// Flask/Werkzeug's `ImmutableMultiDict([('From', '+1555'), ('Body', 'hi')])`: a list of
/// `(key, value)` tuples. `request.values` prints a `CombinedMultiDict([…])` of the query's
/// and the form's dicts: every dict of tuples is read, in the order printed.
pub(crate) fn read_multidict(t: &str) -> Option<Literal> {
    let mut entries = Vec::new();
    let mut from = 0;
    while let Some(at) = t.get(from..).and_then(|r| r.find("MultiDict([")) {
        let start = from + at + "MultiDict(".len();
        from = start;
        let mut c = Cursor::new(t);
        c.pos = start;
        // A dict of dicts (`CombinedMultiDict`) is not one of tuples: its members are read
        // where they start.
        if let Some(Val::List(items)) = nested(&mut c, 0) {
            if let Some(found) = tuple_entries(items) {
                entries.extend(found);
            }
        }
    }
    (!entries.is_empty()).then_some(Literal {
        syntax: "Flask's ImmutableMultiDict",
        entries,
        elided: Vec::new(),
        json_shaped: false,
    })
}

/// Werkzeug's request headers as Flask prints them: `EnvironHeaders([('Host', 'x'), …])`
/// (or `Headers([…])`), name and value of each tuple in order; empty when there are none.
pub(crate) fn read_header_tuples(t: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let Some(at) = t.find("Headers([") else {
        return out;
    };
    let mut c = Cursor::new(t);
    c.pos = at + "Headers(".len();
    if let Some(Val::List(items)) = nested(&mut c, 0) {
        for e in tuple_entries(items).unwrap_or_default() {
            if let Val::Str(v) = e.value {
                out.push((e.key, v));
            }
        }
    }
    out
}

/// The `(key, value)` tuples of a MultiDict's list, or `None` when an item is not one.
fn tuple_entries(items: Vec<Val>) -> Option<Vec<Entry>> {
    let mut entries = Vec::new();
    for item in items {
        let Val::List(kv) = item else { return None };
        let [Val::Str(key), value] = <[Val; 2]>::try_from(kv).ok()? else {
            return None;
        };
        let raw = match &value {
            Val::Str(s) | Val::Scalar(s) => s.clone(),
            _ => String::new(),
        };
        entries.push(Entry { key, raw, value });
    }
    Some(entries)
}

/// True for Java/Kotlin `Map.toString()` text: `{Name=value, …}`.
pub(crate) fn looks_like_java_map(t: &str) -> bool {
    let Some(inner) = t.trim().strip_prefix('{').and_then(|r| r.strip_suffix('}')) else {
        return false;
    };
    let Some((key, rest)) = inner.split_once('=') else {
        return false;
    };
    !rest.starts_with('>') && is_key(key.trim_start())
}

pub(super) fn is_key(k: &str) -> bool {
    !k.is_empty()
        && k.chars()
            .all(|c| is_ident_char(c) || matches!(c, '-' | '.' | '[' | ']'))
}

/// Splits `inner` into `key<sep>value` parts at `between` when a key and `sep` follow.
fn split_keyed<'a>(inner: &'a str, between: &str, sep: char) -> Vec<(&'a str, &'a str)> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut search = 0;
    while let Some(i) = inner
        .get(search..)
        .and_then(|r| r.find(between))
        .map(|i| i + search)
    {
        let next = i + between.len();
        search = next;
        let follows = inner
            .get(next..)
            .and_then(|r| r.split_once(sep))
            .is_some_and(|(k, _)| is_key(k));
        if follows {
            parts.push(inner.get(start..i).unwrap_or(""));
            start = next;
        }
    }
    parts.push(inner.get(start..).unwrap_or(""));
    parts
        .into_iter()
        .filter_map(|p| p.split_once(sep))
        .filter(|(k, _)| is_key(k))
        .collect()
}

/// Java/Kotlin `Map.toString()`: `{From=+15551234567, Body=Hello, world}`.
pub(crate) fn read_java_map(t: &str) -> Option<Literal> {
    let inner = t.trim().strip_prefix('{')?.strip_suffix('}')?;
    let entries: Vec<Entry> = split_keyed(inner, ", ", '=')
        .into_iter()
        .map(|(k, v)| Entry {
            key: k.to_string(),
            raw: v.to_string(),
            value: if v == "null" {
                Val::Null
            } else {
                Val::Str(v.to_string())
            },
        })
        .collect();
    (!entries.is_empty()).then_some(Literal {
        syntax: "Java/Kotlin Map.toString() output",
        entries,
        elided: Vec::new(),
        json_shaped: false,
    })
}

/// True for Go's `fmt.Print` of a map: `map[Key:value …]`.
pub(crate) fn looks_like_go_map(t: &str) -> bool {
    let t = t.trim();
    t.starts_with("map[")
        && t.ends_with(']')
        && t.get(4..)
            .and_then(|r| r.split_once(':'))
            .is_some_and(|(k, _)| is_key(k))
}

/// Go's `fmt.Print` of a map (`map[From:+1555 Body:hi]`); `url.Values` prints each value as
/// a slice (`Body:[hi]`), read as its one element.
pub(crate) fn read_go_map(t: &str) -> Option<Literal> {
    let inner = t.trim().strip_prefix("map[")?.strip_suffix(']')?;
    let entries: Vec<Entry> = split_keyed(inner, " ", ':')
        .into_iter()
        .map(|(k, v)| {
            let one = v
                .strip_prefix('[')
                .and_then(|r| r.strip_suffix(']'))
                .unwrap_or(v);
            Entry {
                key: k.to_string(),
                raw: v.to_string(),
                value: Val::Str(one.to_string()),
            }
        })
        .collect();
    (!entries.is_empty()).then_some(Literal {
        syntax: "Go's fmt.Print of a map",
        entries,
        elided: Vec::new(),
        json_shaped: false,
    })
}

/// True for PHP's `var_dump` of an array (`array(3) {`) or of an object, as PHP prints it
/// (`object(App\\Message)#11 (20) {`) or as Xdebug does (`class App\\Message#11 (20) {`).
pub(crate) fn looks_like_var_dump(t: &str) -> bool {
    let mut c = Cursor::new(t.trim_start());
    dump_header(&mut c).is_some()
}

/// PHP's `var_dump` of an array or an object, in PHP's own format or Xdebug's. Nested
/// arrays and objects become `key[sub]` names, as PHP itself names the form fields it
/// builds them from.
pub(crate) fn read_var_dump(t: &str) -> Option<Literal> {
    let mut c = Cursor::new(t.trim());
    let mut entries = Vec::new();
    dump_array(&mut c, "", 0, &mut entries)?;
    (!entries.is_empty()).then_some(Literal {
        syntax: "PHP var_dump() output",
        entries,
        elided: Vec::new(),
        json_shaped: false,
    })
}

/// The opening of a dumped container, up to and including its `{`: `array(N) {`,
/// `object(Class)#id (N) {` or Xdebug's `class Class#id (N) {`.
fn dump_header(c: &mut Cursor) -> Option<()> {
    let digits = |c: &mut Cursor| {
        let from = c.pos;
        while c.peek().is_some_and(|ch| ch.is_ascii_digit()) {
            c.bump();
        }
        c.pos > from
    };
    if c.eat("array(") {
        digits(c).then_some(())?;
        c.eat(")").then_some(())?;
    } else {
        if c.eat("object(") {
            let from = c.pos;
            while c.peek().is_some_and(|ch| ch != ')' && ch != '\n') {
                c.bump();
            }
            (c.pos > from && c.eat(")")).then_some(())?;
        } else if c.eat("class ") {
            let from = c.pos;
            while c
                .peek()
                .is_some_and(|ch| ch.is_alphanumeric() || ch == '_' || ch == '\\')
            {
                c.bump();
            }
            (c.pos > from).then_some(())?;
        } else {
            return None;
        }
        (c.eat("#") && digits(c)).then_some(())?;
        c.ws();
        (c.eat("(") && digits(c) && c.eat(")")).then_some(())?;
    }
    c.ws();
    c.eat("{").then_some(())
}

/// One entry's key before its `=>`: PHP's `["key"]`, `[0]` or `["key":protected]`, or
/// Xdebug's `'key'`, `0` or `public ?Type $key`.
fn dump_key(c: &mut Cursor) -> Option<String> {
    if c.eat("[") {
        let key = if c.peek() == Some('"') {
            parse_string(c)?.0
        } else {
            let from = c.pos;
            while c.peek().is_some_and(|ch| ch != ']' && ch != '\n') {
                c.bump();
            }
            c.slice(from).to_string()
        };
        // A property's visibility (`["secret":protected]`, `["x":"Class":private]`).
        while c.peek().is_some_and(|ch| ch != ']' && ch != '\n') {
            c.bump();
        }
        c.eat("]").then_some(())?;
        return Some(key);
    }
    if c.peek() == Some('\'') {
        return Some(parse_string(c)?.0);
    }
    // Xdebug's properties: visibility, an optional type, then `$name`.
    let line_end = c.rest().find('\n').unwrap_or(c.rest().len());
    let head = c.rest().get(..line_end)?;
    let arrow = head.find("=>")?;
    let decl = head.get(..arrow)?.trim_end();
    let key = match decl.rsplit_once('$') {
        Some((before, name))
            if ["public", "protected", "private"]
                .iter()
                .any(|v| before.starts_with(v)) =>
        {
            name
        }
        _ => decl,
    };
    let ok = !key.is_empty()
        && key
            .chars()
            .all(|ch| ch.is_alphanumeric() || ch == '_' || ch == '-');
    ok.then_some(())?;
    let key = key.to_string();
    c.pos += decl.len();
    Some(key)
}

/// A dumped array or object at the cursor, its entries pushed with names under `prefix`.
fn dump_array(c: &mut Cursor, prefix: &str, depth: usize, out: &mut Vec<Entry>) -> Option<()> {
    if depth > MAX_DEPTH {
        return None;
    }
    dump_header(c)?;
    loop {
        c.ws();
        if c.eat("}") {
            return Some(());
        }
        let key = dump_key(c)?;
        c.ws();
        c.eat("=>").then_some(())?;
        c.ws();
        let name = if prefix.is_empty() {
            key
        } else {
            format!("{prefix}[{key}]")
        };
        let rest = c.rest();
        if rest.starts_with("array(") || rest.starts_with("object(") || rest.starts_with("class ") {
            dump_array(c, &name, depth + 1, out)?;
        } else {
            let from = c.pos;
            let value = dump_scalar(c)?;
            out.push(Entry {
                key: name,
                raw: c.slice(from).to_string(),
                value,
            });
        }
    }
}

/// `string(N) "…"`, `int(N)`, `float(N)`, `bool(b)`, `NULL` at the cursor.
fn dump_scalar(c: &mut Cursor) -> Option<Val> {
    if c.eat("NULL") {
        return Some(Val::Null);
    }
    if c.eat("string(") {
        let from = c.pos;
        while c.peek().is_some_and(|ch| ch.is_ascii_digit()) {
            c.bump();
        }
        let len: usize = c.slice(from).parse().ok()?;
        c.eat(")").then_some(())?;
        c.ws();
        c.eat("\"").then_some(())?;
        let body_from = c.pos;
        // The length is in bytes, so quotes inside the string need no escaping.
        let end = body_from.saturating_add(len);
        let exact =
            c.s.get(body_from..end)
                .filter(|_| c.s.get(end..).is_some_and(|r| r.starts_with('"')));
        return match exact {
            Some(s) => {
                c.pos = end.saturating_add(1);
                Some(Val::Str(s.to_string()))
            }
            None => {
                // The length does not fit (the text was edited): read to the line's last quote.
                let line_end = c.rest().find('\n').unwrap_or(c.rest().len());
                let line = c.rest().get(..line_end)?;
                let q = line.rfind('"')?;
                let s = line.get(..q)?.to_string();
                c.pos += q + 1;
                Some(Val::Str(s))
            }
        };
    }
    for (prefix, lower) in [("int(", false), ("float(", false), ("bool(", true)] {
        if c.eat(prefix) {
            let from = c.pos;
            while c.peek().is_some_and(|ch| ch != ')' && ch != '\n') {
                c.bump();
            }
            let t = c.slice(from).to_string();
            c.eat(")").then_some(())?;
            return Some(Val::Scalar(if lower { t.to_ascii_lowercase() } else { t }));
        }
    }
    None
}
