//! Line-shaped facts in a log or a document: `Name: value` lines (an echo log, a list), the
//! numbered `"name":"value"` header lines an echo server prints, and a labeled request URL
//! (`+ POST URL : https://…`, DevTools' `Request URL:`). The parameters they hold compete
//! with the other readings; the headers and URL are also kept beside whichever reading won,
//! so a signature logged above a form body is not lost.

use super::{push_name_value, Decoded};
use crate::input::Header;
use crate::report::InputFormat;

/// Single-word request headers (names with a `-` are headers already: Twilio's parameter
/// names never hold one).
const PLAIN_HEADERS: &[&str] = &[
    "host",
    "accept",
    "connection",
    "via",
    "authorization",
    "cookie",
    "expect",
    "origin",
    "referer",
    "pragma",
    "forwarded",
];

/// True when `name` is an HTTP header's name rather than a parameter's.
pub(super) fn is_header_name(name: &str) -> bool {
    name.contains('-') || PLAIN_HEADERS.iter().any(|h| name.eq_ignore_ascii_case(h))
}

/// The name and value of one line, after list marks (`-`, `*`, `+`, `++`, `•`, `>`):
/// `Name: value`, `Name = value` or `Name => value`, with quotes around the value removed; with `quoted`,
/// also a quoted `"name": "value"` entry, after a list index (`4: "x-twilio-signature":"…"`)
/// and without its trailing comma. (A JSON object's entries are the JSON reader's: only
/// header lines are read from them.)
pub(super) fn name_value_line(line: &str, quoted: bool) -> Option<(&str, &str)> {
    let l = line
        .trim()
        .trim_start_matches(['-', '*', '+', '•', '>', ' ', '\t'])
        .trim_start();
    let entry = if quoted {
        quoted_entry(strip_index(l)).or_else(|| tuple_entry(l))
    } else {
        None
    };
    let (name, value) = match entry {
        Some(entry) => entry,
        None => {
            // `Name => value`: an echo script's `$key => $value` lines (PHP, Perl).
            let arrow = l
                .find(" => ")
                .filter(|&a| l.find(':').is_none_or(|c| a < c));
            let (name, value) = match arrow {
                Some(a) => (&l[..a], &l[a + 4..]),
                None => l.split_once(':').or_else(|| l.split_once(" = "))?,
            };
            let value = value.trim();
            // A struct's field (`host: "example.org",`): the comma is the struct's.
            let value = value
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix("\",").or_else(|| v.strip_suffix('"')))
                .filter(|v| !v.contains('"'))
                .unwrap_or(value);
            (name.trim(), value)
        }
    };
    let ok = !name.is_empty()
        && name.len() <= 48
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    ok.then_some((name, value))
}

/// `4: "…` → `"…`: a list index printed before a quoted entry.
fn strip_index(l: &str) -> &str {
    let digits = l.len() - l.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 4 {
        return l;
    }
    let rest = &l[digits..];
    match rest.strip_prefix([':', '.', ')']) {
        Some(r) if r.trim_start().starts_with(['"', '\'']) => r.trim_start(),
        _ => l,
    }
}

/// `{"name", "value"},`: a header as a two-element tuple, one per line (Elixir's Plug and
/// Erlang's cowboy keep `req_headers` as such a list).
fn tuple_entry(l: &str) -> Option<(&str, &str)> {
    let inner = l
        .strip_suffix(',')
        .unwrap_or(l)
        .trim_end()
        .strip_prefix('{')?
        .strip_suffix('}')?;
    let (name, value) = inner.split_once(',')?;
    Some((unquote(name)?, unquote(value)?))
}

/// `"text"` → `text` (a quoted string with no quote inside).
fn unquote(s: &str) -> Option<&str> {
    s.trim()
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .filter(|v| !v.contains('"'))
}

/// `"name":"value"`, `'name': 'value',`: a quoted entry of a printed object, one per line.
fn quoted_entry(l: &str) -> Option<(&str, &str)> {
    let quote = l.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let close = l[1..].find(quote)? + 1;
    let name = &l[1..close];
    let value = l[close + 1..].trim_start().strip_prefix(':')?.trim();
    let value = value.strip_suffix(',').unwrap_or(value).trim_end();
    let unquoted = value
        .strip_prefix(quote)
        .and_then(|v| v.strip_suffix(quote))
        .filter(|v| !v.contains(quote));
    Some((name, unquoted.unwrap_or(value)))
}

/// Lines of `Name: value` (see `name_value_line`): parameters, and HTTP headers
/// (`x-twilio-…`, `content-type`, `host`) kept as headers. At least two parameters must
/// read; the offset of the first line read.
pub(super) fn key_value_lines(text: &str) -> Option<(Decoded, usize)> {
    let mut out = Decoded {
        format: Some(InputFormat::Json),
        ..Decoded::default()
    };
    let mut first = None;
    let mut offset = 0;
    let mut read = Vec::new();
    for line in text.split_inclusive('\n') {
        let at = offset;
        offset += line.len();
        let Some((name, value)) = name_value_line(line, false) else {
            continue;
        };
        first.get_or_insert(at);
        read.push((name, value));
    }
    // A document's list that says what each value is (`- From: +1… (Sender's number)`):
    // when two or more lines end so, the remark is the document's, not the value's.
    let remarks = read.iter().filter(|(_, v)| remark_at(v).is_some()).count() >= 2;
    for (name, value) in read {
        let value = match remark_at(value) {
            Some(cut) if remarks => &value[..cut],
            _ => value,
        };
        push_name_value(&mut out, name, value, is_header_name(name));
    }
    (out.pairs.len() >= 2).then(|| (out, first.unwrap_or(0)))
}

/// Where a remark in parentheses after two or more spaces starts in a value
/// (`+1234567890        (Sender's phone number)`): the value's end.
fn remark_at(value: &str) -> Option<usize> {
    let v = value.trim_end();
    if !v.ends_with(')') {
        return None;
    }
    let open = v.rfind("  (")?;
    let cut = v[..open].trim_end().len();
    (cut > 0 && !v[open..].trim_start()[1..].contains('(')).then_some(cut)
}

/// Keeps what the text's other lines say about the request beside the reading found in it:
/// header lines (when the reading has none of its own, and not one it read as a parameter)
/// and a labeled request URL and method (when it has none). An echo log prints the headers,
/// the signature among them, above the body it logged.
pub(super) fn attach_request_facts(text: &str, d: &mut Decoded) {
    let had_headers = !d.headers.is_empty();
    if !had_headers {
        // Headers a test sets one call at a time (`headers.add("X-Twilio-Signature", …)`).
        for (name, value) in crate::decode::literal::header_statements(text) {
            if d.header(&name).is_none() {
                d.headers.push(Header { name, value });
            }
        }
    }
    for line in text.lines() {
        if d.url.is_none() {
            if let Some((method, url)) = labeled_url(line) {
                d.url = Some(url);
                if d.method.is_none() {
                    d.method = method.map(str::to_string);
                }
                continue;
            }
        }
        if d.method.is_none() {
            // A recorder's `method: post` line (a VCR cassette's request).
            let field = line.trim().split_once(':').map(|(k, v)| {
                // `method: "POST",` in a printed struct.
                (k, v.trim().trim_end_matches(',').trim_matches('"'))
            });
            if let Some(("method", m)) = field {
                if m.eq_ignore_ascii_case("post") || m.eq_ignore_ascii_case("get") {
                    d.method = Some(m.to_ascii_uppercase());
                    continue;
                }
            }
        }
        if had_headers {
            continue;
        }
        let Some((name, value)) = name_value_line(line, true) else {
            continue;
        };
        // `X-Twilio-Signature:` alone is a heading (YAML's value is on the next line).
        let taken = value.is_empty()
            || d.pairs.iter().any(|p| p.name.eq_ignore_ascii_case(name))
            || d.header(name).is_some();
        if is_header_name(name) && !taken {
            d.headers.push(Header {
                name: name.to_string(),
                value: value.to_string(),
            });
        }
    }
}

/// `POST URL : https://…`, `Request URL: https://…`, `URL: https://…`: the URL a log or
/// DevTools says was requested, with the method the label names. A recorder's `uri:` may
/// hold the URL as a regular expression (a VCR cassette's `!ruby/regexp /^https:\/\/…/`):
/// it is read back as the URL it matches, its escapes removed.
fn labeled_url(line: &str) -> Option<(Option<&'static str>, String)> {
    const LABEL_WORDS: &[&str] = &[
        "url",
        "uri",
        "request",
        "requested",
        "webhook",
        "full",
        "post",
        "get",
    ];
    let l = line
        .trim()
        .trim_start_matches(['-', '*', '+', '•', '>', ' ', '\t']);
    let (label, value) = l.split_once(':')?;
    let words: Vec<&str> = label.split_whitespace().collect();
    let last = words.last()?;
    let url_label = words.len() <= 3
        && (last.eq_ignore_ascii_case("url") || last.eq_ignore_ascii_case("uri"))
        && words
            .iter()
            .all(|w| LABEL_WORDS.iter().any(|k| w.eq_ignore_ascii_case(k)));
    let value = url_of_pattern(value.trim());
    let absolute = value.starts_with("https://") || value.starts_with("http://");
    if !url_label || !absolute || value.contains(char::is_whitespace) {
        return None;
    }
    let method = ["POST", "GET"].into_iter().find(|m| words.contains(m));
    Some((method, value))
}

/// A URL written as a regular expression (`!ruby/regexp /^https:\/\/api\.twilio\.com\/…/`,
/// `/^https:\/\/…$/`), read back as the URL it matches; any other text as it is.
fn url_of_pattern(value: &str) -> String {
    let v = value.strip_prefix("!ruby/regexp").map_or(value, str::trim);
    let Some(inner) = v
        .strip_prefix('/')
        .and_then(|r| r.rsplit_once('/'))
        .map(|(p, _)| p)
    else {
        return value.to_string();
    };
    let inner = inner.trim_start_matches('^').trim_end_matches('$');
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            _ => out.push(c),
        }
    }
    out
}

/// Keeps the X-Twilio-Signature a test wrote under its CGI name (see `cgi_signature`)
/// beside whichever reading of the text won, when the reading has none of its own.
pub(crate) fn attach_cgi_signature(text: &str, d: &mut Decoded) {
    if d.header("X-Twilio-Signature").is_none() {
        if let Some(value) = cgi_signature(text).or_else(|| keyed_signature(text)) {
            d.headers.push(Header {
                name: "X-Twilio-Signature".to_string(),
                value: value.to_string(),
            });
        }
    }
}

/// The X-Twilio-Signature a program gives as a quoted key and a string literal anywhere in
/// its text, as tests pass headers inline: `{ "x-twilio-signature": "…" }` (JavaScript,
/// Python), `'X-Twilio-Signature' => '…'` (PHP, Ruby), `("X-Twilio-Signature", "…")`
/// (a tuple or a two-argument call). A variable or an expression says nothing of the value.
fn keyed_signature(text: &str) -> Option<&str> {
    const NAME: &str = "x-twilio-signature";
    let lower = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(NAME) {
        let at = from + i;
        from = at + NAME.len();
        let quoted_name =
            text[..at].ends_with(['"', '\'']) && text[from..].starts_with(['"', '\'']);
        if !quoted_name {
            continue;
        }
        let after = text[from + 1..].trim_start();
        let Some(after) = ["=>", ":", ","]
            .iter()
            .find_map(|sep| after.strip_prefix(sep))
            .map(str::trim_start)
        else {
            continue;
        };
        if let Some(value) =
            string_literal_at(after).filter(|v| !v.is_empty() && !v.contains(['\n', '$', '{', '#']))
        {
            return Some(value);
        }
    }
    None
}

/// The text of the string literal (single- or double-quoted) `s` starts with.
fn string_literal_at(s: &str) -> Option<&str> {
    let quote = s.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let body = &s[1..];
    body.find(quote).map(|end| &body[..end])
}

/// The X-Twilio-Signature a test gives under its CGI name, the way WSGI and Django put
/// request headers in `environ`/`META`: Django's test client takes it as a keyword
/// argument (`client.post(path, data, HTTP_X_TWILIO_SIGNATURE="…")`), a Flask test as an
/// `environ_base` entry (`{'HTTP_X_TWILIO_SIGNATURE': '…'}`). Only a string literal is
/// taken; a variable (`HTTP_X_TWILIO_SIGNATURE=signature`) says nothing of the value.
fn cgi_signature(text: &str) -> Option<&str> {
    const NAME: &str = "HTTP_X_TWILIO_SIGNATURE";
    let mut from = 0;
    while let Some(i) = text[from..].find(NAME) {
        let after = &text[from + i + NAME.len()..];
        from += i + NAME.len();
        let after = after.trim_start_matches(['"', '\'']).trim_start();
        let Some(after) = after
            .strip_prefix('=')
            .or_else(|| after.strip_prefix(':'))
            .map(str::trim_start)
        else {
            continue;
        };
        if let Some(value) = string_literal_at(after).filter(|v| !v.contains('\n')) {
            return Some(value);
        }
    }
    None
}
