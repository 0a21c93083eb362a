//! Parameters set one statement at a time, as tests build requests.

use super::printouts::is_key;
use super::*;

/// Parameters set one statement at a time, as tests build a request: `params.put("Digits",
/// "1234");` (Java), `_parameters.Add("CallSid", "CA…");` (C#), `form.Set("From", "+1…")`
/// (Go `url.Values`), `params["CallSid"] = "CA…"`, `$_POST['From'] = '+1…';`,
/// `params[:To] = …` (Python, JavaScript, PHP, Ruby), and a test client's one-pair form
/// strings chained call by call: `.send('From=phone')` (supertest), `.query('Digits=1')`.
/// One entry per line of that shape; other lines are skipped. Returns the entries and the offset of the first statement.
pub(crate) fn read_statements(text: &str) -> Option<(Literal, usize)> {
    let mut entries = Vec::new();
    let mut first = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if let Some(entry) = statement(line.trim_end()) {
            first.get_or_insert(offset);
            entries.push(entry);
        }
        offset += line.len();
    }
    (!entries.is_empty()).then(|| {
        (
            Literal {
                syntax: "statements that set one parameter each (put/Add/Set or [key] = value)",
                entries,
                elided: Vec::new(),
                json_shaped: false,
            },
            first.unwrap_or(0),
        )
    })
}

/// One `recv.method("Key", value)` or `recv["Key"] = value` statement, if `line` is one.
fn statement(line: &str) -> Option<Entry> {
    for (p, open) in line
        .char_indices()
        .filter(|(_, ch)| matches!(ch, '(' | '[' | '{'))
    {
        let mut c = Cursor::new(line);
        c.pos = p + open.len_utf8();
        c.ws();
        if !matches!(c.peek(), Some('\'' | '"' | ':')) {
            continue;
        }
        if open == '(' && header_call(&line[..p]) {
            // `headers.add("X-Twilio-Signature", "…")`: a header, not a parameter.
            return None;
        }
        if open == '(' {
            let mut arg = Cursor::new(line);
            arg.pos = c.pos;
            if let Some(entry) = form_pair_argument(&mut arg) {
                return Some(entry);
            }
        }
        let Some(key) = parse_key(&mut c) else {
            continue;
        };
        if !is_key(&key) {
            continue;
        }
        c.ws();
        let close = if open == '(' || open == '{' {
            // `put("Key", value)`, or a Java array row `{ "Key", "value" },`; or a stubbed
            // getter, `getParameter("Key")).thenReturn(value)`.
            if !(c.eat(",") || open == '(' && stubbed_return(&mut c)) {
                continue;
            }
            if open == '{' {
                '}'
            } else {
                ')'
            }
        } else {
            if !c.eat("]") {
                continue;
            }
            c.ws();
            if !c.eat("=") || matches!(c.peek(), Some('=' | '>' | '~')) {
                continue;
            }
            ';'
        };
        c.ws();
        let from = c.pos;
        let Some(value) = parse_value(&mut c, close, 0) else {
            continue;
        };
        let raw = c.slice(from).trim_end().to_string();
        c.ws();
        let ended = match close {
            ')' => c.eat(")"),
            '}' => c.eat("}"),
            _ => true,
        };
        if ended {
            return Some(Entry { key, raw, value });
        }
    }
    None
}

/// After a getter's key, a test double's answer for it: `")).thenReturn(` (Mockito),
/// `")).willReturn(` (BDDMockito), `")).Returns(` (Moq). The cursor is left on the value.
fn stubbed_return(c: &mut Cursor) -> bool {
    const ANSWERS: &[&str] = &[".thenReturn(", ".willReturn(", ".Returns(", ".returns("];
    if !c.eat(")") {
        return false;
    }
    c.ws();
    c.eat(")");
    c.ws();
    ANSWERS.iter().any(|a| c.eat(a)) && {
        c.ws();
        true
    }
}

/// A call's only argument as a string holding one form pair: `'From=phone')`. The name must
/// look like a parameter (`is_key`) and the value is percent-decoded as a form's would be.
fn form_pair_argument(c: &mut Cursor) -> Option<Entry> {
    if !matches!(c.peek(), Some('\'' | '"' | '`')) {
        return None;
    }
    let from = c.pos;
    let (text, _) = parse_string(c)?;
    c.ws();
    if !c.eat(")") {
        return None;
    }
    let (name, value) = text.split_once('=')?;
    if !is_key(name)
        || value.contains('&')
        || name
            .chars()
            .any(|ch| !ch.is_ascii_alphanumeric() && ch != '_')
    {
        return None;
    }
    let value = crate::percent::decode(value, crate::percent::Flavor::Form);
    Some(Entry {
        key: name.to_string(),
        raw: c.slice(from).trim_end_matches(')').to_string(),
        value: Val::Str(value),
    })
}

/// True when the text before a call's `(` names a method that sets a request header: a
/// header method (`addHeader`, `setHeader`, `header`) or an add/put/set on a receiver named
/// for headers (`headers.add`, `httpHeaders.set`, `request.Headers.Add`).
fn header_call(before: &str) -> bool {
    let chain: Vec<&str> = before
        .trim_end()
        .rsplit(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_' || ch == '.'))
        .next()
        .unwrap_or("")
        .split('.')
        .filter(|s| !s.is_empty())
        .collect();
    let Some((method, receiver)) = chain.split_last() else {
        return false;
    };
    let method = method.to_ascii_lowercase();
    const HEADER_METHODS: &[&str] = &[
        "addheader",
        "setheader",
        "putheader",
        "add_header",
        "set_header",
        "header",
        "setrequestproperty",
        "addrequestproperty",
    ];
    HEADER_METHODS.contains(&method.as_str())
        || matches!(method.as_str(), "add" | "put" | "set" | "append")
            && receiver
                .last()
                .is_some_and(|r| r.to_ascii_lowercase().contains("header"))
}

/// The request headers a test sets one call at a time (`headers.add("User-Agent",
/// "TwilioProxy/1.1");`, `request.addHeader("X-Twilio-Signature", "…")`): name and value
/// of each call whose two arguments are string literals, in order.
pub(crate) fn header_statements(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for line in text.lines() {
        let Some(p) = line.find('(') else {
            continue;
        };
        if !header_call(&line[..p]) {
            continue;
        }
        let mut c = Cursor::new(line);
        c.pos = p + 1;
        c.ws();
        let Some((name, _)) = parse_string(&mut c) else {
            continue;
        };
        c.ws();
        if !c.eat(",") {
            continue;
        }
        c.ws();
        let Some((value, _)) = parse_string(&mut c) else {
            continue;
        };
        c.ws();
        let named = !name.is_empty()
            && name
                .chars()
                .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_');
        if c.eat(")") && named {
            out.push((name, value));
        }
    }
    out
}
