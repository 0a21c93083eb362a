//! The last resort for captures pasted with the program around them: a test file's
//! `const params = { CallSid: "CA…", … };`, a PHP `private $params = ['From' => …];`, a Go
//! `"CallSid=CA…&From=…"` string constant. When no reading of the whole text finds Twilio's
//! parameters, the object literals, arrays and string literals inside it are read one by one
//! and the one that holds the most parameters the catalog knows wins. Every candidate is a
//! slice of the text (a PHP `[ … ]` is read as `{ … }`, one character for one), so offsets
//! stay exact.

use super::json::push_literal;
use super::{decode_plain, literal, Decoded};
use crate::report::InputFormat;
use crate::report::{Header, ParamSource, RawPair};
use std::borrow::Cow;

/// At most this many candidates are read (bounded work on hostile input).
const MAX_CANDIDATES: usize = 48;
/// Texts longer than this are not searched.
const MAX_TEXT: usize = 64 * 1024;
/// At most this many brackets and quotes are followed to their end, each over at most
/// `MAX_SPAN` bytes: the search stays linear in the text, whatever it holds.
const MAX_OPENINGS: usize = 256;
const MAX_SPAN: usize = 16 * 1024;

/// What was found inside the program text.
pub(crate) struct Salvaged {
    /// The reading of the best candidate (offsets already in the text's coordinates).
    pub decoded: Decoded,
    /// Where the candidate starts in the text.
    pub start: usize,
    /// What it was: "an object literal", "an array", "a string literal".
    pub what: &'static str,
    /// How many of its names the catalog knows.
    pub known: usize,
}

/// How many of a reading's parameter names the catalog knows (distinct).
pub(crate) fn known_names(d: &Decoded) -> usize {
    let mut seen: Vec<&str> = Vec::new();
    for p in &d.pairs {
        if !seen.contains(&p.name.as_str()) && catalog_knows(&p.name) {
            seen.push(&p.name);
        }
    }
    seen.len()
}

/// The best candidate inside `text` with at least two parameter names the catalog knows.
pub(crate) fn salvage(text: &str) -> Option<Salvaged> {
    if text.len() > MAX_TEXT {
        return None;
    }
    let mut best: Option<Salvaged> = None;
    let posted = posts_parameters(text);
    for (start, end, what) in candidates(text).into_iter().take(MAX_CANDIDATES) {
        let Some(slice) = text.get(start..end) else {
            continue;
        };
        let candidate = candidate_text(slice, what);
        let mut decoded = decode_plain(&candidate, None);
        if matches!(decoded.format, None | Some(InputFormat::Empty)) {
            continue;
        }
        let known = known_names(&decoded);
        if !enough(&decoded, known, posted) || best.as_ref().is_some_and(|b| b.known >= known) {
            continue;
        }
        for f in &mut decoded.findings {
            f.at = f.at.map(|a| (a + start).min(text.len()));
        }
        best = Some(Salvaged {
            decoded,
            start,
            what,
            known,
        });
    }
    read_whole_text(text, &mut best, posted);
    best
}

/// The text as a program's or a log's rewriting of a request: its text is turned into one
/// the plain readers know (a map, a print_r array, a joined or unescaped string).
fn candidate_text<'s>(slice: &'s str, what: &str) -> Cow<'s, str> {
    let inner = || &slice[1..slice.len() - 1];
    if what == "an object's toString()" {
        // Lombok / Kotlin data classes: `Name(k=v, k2=v2)`, read as Java's `{k=v, …}`
        // with the line breaks of a wrapped log line folded.
        let words: Vec<&str> = inner().split_whitespace().collect();
        Cow::Owned(format!("{{{}}}", words.join(" ")))
    } else if what == "a call's arguments" && slice.contains("->") {
        // Scala's `withFormUrlEncodedBody("To" -> "+1…", …)`: tuples read as a map.
        Cow::Owned(format!("{{{}}}", inner()))
    } else if slice.starts_with('(') && slice.contains("] =>") {
        // PHP's print_r after a log line's columns: `… ARR Array\n(\n [Key] => value`.
        Cow::Owned(format!("Array{slice}"))
    } else if what == "an array" && slice.contains("=>") {
        // PHP's short array syntax, read as the hash it is: `[` → `{`, `]` → `}`.
        Cow::Owned(format!("{{{}}}", inner()))
    } else if what == "concatenated string literals" {
        Cow::Owned(join_literals(slice))
    } else if what == "a string literal" && has_escapes(slice) {
        // A request kept in a program's string: `"POST / HTTP/1.1\r\nHost: …"`.
        Cow::Owned(unescape(slice))
    } else {
        Cow::Borrowed(slice)
    }
}

/// Readers of the whole text rather than of one candidate inside it: object entries
/// without braces, a REST call, a printed string-to-sign, `Name: value` lines, statements.
fn read_whole_text(text: &str, best: &mut Option<Salvaged>, posted: bool) {
    // A Rails controller test's keyword arguments: `post :search, Body: 'rob'`.
    if let Some((lit, start)) = action_arguments(text) {
        consider(best, lit, start, "a test request's keyword arguments", true);
    }
    // Entries without their braces (`"From": "+1…",` lines quoted from inside an object).
    let trimmed = text.trim();
    if !trimmed.starts_with(['{', '[', '(']) {
        let braced = format!("{{{trimmed}}}");
        if let Some(lit) = literal::read_object(&braced) {
            consider(
                best,
                lit,
                offset_of_trimmed(text),
                "object entries without their braces",
                posted,
            );
        }
    }
    // A helper library's REST call (`account.request('/%s/Accounts/%s/Calls', 'GET', d)`):
    // the path and method it names, with the parameters of the object beside it.
    if best.is_none() {
        if let Some(decoded) = rest_call(text) {
            // The REST path is Twilio evidence of its own.
            let known = known_names(&decoded) + 1;
            *best = Some(Salvaged {
                decoded,
                start: 0,
                what: "a REST call in program text",
                known,
            });
        }
    }
    // A printed string-to-sign (`https://…/smsAccountSidAC…Body…`).
    if let Some(decoded) = super::string_to_sign::read(text) {
        let known = known_names(&decoded);
        if best.as_ref().is_none_or(|b| b.known < known) {
            *best = Some(Salvaged {
                decoded,
                start: 0,
                what: "a printed string-to-sign",
                known,
            });
        }
    }
    // `Name: value` lines (an echo log, a list in a document, a table copied as text).
    if let Some(lines) = key_value_lines(text) {
        let known = known_names(&lines.0);
        if enough(&lines.0, known, false) && best.as_ref().is_none_or(|b| b.known < known) {
            *best = Some(Salvaged {
                decoded: lines.0,
                start: lines.1,
                what: "`Name: value` lines",
                known,
            });
        }
    }
    // A table of parameters: `| CallSid | CA… |` rows, tab-separated columns copied from a
    // console or a spreadsheet, `Name value | |` rows of a rendered table. Every line of
    // the text is a row, so the table's shape is evidence of its own: it is read even when
    // none of its names is Twilio's (another provider's parameters, said as such).
    if let Some(decoded) = table_rows(text) {
        let known = known_names(&decoded) + 1;
        if best.as_ref().is_none_or(|b| b.known < known) {
            *best = Some(Salvaged {
                decoded,
                start: offset_of_trimmed(text),
                what: "a table of parameters",
                known,
            });
        }
    }
    // Parameters set one statement at a time (`params.put("Digits", "1234");`).
    if let Some((lit, start)) = literal::read_statements(text) {
        consider(
            best,
            lit,
            start,
            "statements that set one parameter each",
            posted,
        );
    }
    // A form body on a line of its own among a log's other lines (an echo server's
    // `+ POST content raw :` followed by the body).
    if text.contains('\n') {
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let at = offset + (line.len() - line.trim_start().len());
            offset += line.len();
            let t = line.trim();
            if t.matches('&').count() < 2 || t.contains([' ', '\t', '"', '\'']) || !t.contains('=')
            {
                continue;
            }
            let mut decoded = decode_plain(t, None);
            if !matches!(decoded.format, Some(InputFormat::Form | InputFormat::Query)) {
                continue;
            }
            let known = known_names(&decoded);
            if !enough(&decoded, known, false) || best.as_ref().is_some_and(|b| b.known >= known) {
                continue;
            }
            for f in &mut decoded.findings {
                f.at = f.at.map(|a| (a + at).min(text.len()));
            }
            *best = Some(Salvaged {
                decoded,
                start: at,
                what: "a form body on a line of its own",
                known,
            });
        }
    }
}

/// Where `text` starts once leading whitespace is skipped.
fn offset_of_trimmed(text: &str) -> usize {
    text.len() - text.trim_start().len()
}

/// Keeps a literal read by a special reader when it knows more names than the best so far.
fn consider(
    best: &mut Option<Salvaged>,
    lit: literal::Literal,
    start: usize,
    what: &'static str,
    posted: bool,
) {
    let mut decoded = Decoded {
        format: Some(InputFormat::Json),
        ..Decoded::default()
    };
    push_literal(&lit, ParamSource::Json, &mut decoded);
    let known = known_names(&decoded);
    if enough(&decoded, known, posted) && best.as_ref().is_none_or(|b| b.known < known) {
        *best = Some(Salvaged {
            decoded,
            start,
            what,
            known,
        });
    }
}

/// The text posts parameters to an app (a test client's request, a `requests.post(…,
/// data=…)`): there, even one parameter the catalog knows is the capture.
fn posts_parameters(text: &str) -> bool {
    const MARKERS: &[&str] = &[
        ".send(",
        ".post(",
        ".type('form')",
        ".type(\"form\")",
        "post :",
        "get :",
        "params:",
        "data=",
        "data =",
        ".param(",
        "withFormUrlEncodedBody",
        "form_params",
        "client.post",
        "client.get",
    ];
    MARKERS.iter().any(|m| text.contains(m))
}

/// A Rails controller test's request with its parameters as bare keyword arguments:
/// `post :search, Body: 'rob'`, `get :show, 'From' => '+1…'`. The entries after the action
/// are read as a hash; the offset of the first one.
fn action_arguments(text: &str) -> Option<(literal::Literal, usize)> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let at = offset;
        offset += line.len();
        let t = line.trim_start();
        let Some(rest) = ["get ", "post ", "put ", "patch ", "delete "]
            .iter()
            .find_map(|v| t.strip_prefix(v))
        else {
            continue;
        };
        let rest = rest.trim_start();
        if !rest.starts_with([':', '\'', '"']) {
            continue;
        }
        let Some(comma) = rest.find(',') else {
            continue;
        };
        let entries = rest[comma + 1..].trim();
        if entries.starts_with("params:") || entries.starts_with('{') {
            continue;
        }
        let braced = format!("{{{entries}}}");
        if let Some(lit) = literal::read_object(&braced) {
            let start = at + (line.len() - line.trim_start().len());
            return Some((lit, start));
        }
    }
    None
}

/// Every non-blank line of `text` a row of a two-column table (at least two rows): pipes
/// (`| Name | value |`, a separator row `|---|---|` dropping the header row above it), tabs
/// (`Name<TAB>value`), or a rendered row whose one cell is `Name value` (`keyword HELLO! | |`).
fn table_rows(text: &str) -> Option<Decoded> {
    let mut out = Decoded {
        format: Some(InputFormat::Json),
        ..Decoded::default()
    };
    let mut rows = 0;
    for line in text.lines() {
        let l = line.trim();
        if l.is_empty() {
            continue;
        }
        let cells: Vec<&str> = if l.contains('|') {
            l.split('|')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect()
        } else if l.contains('\t') {
            l.split('\t')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect()
        } else {
            return None;
        };
        if !cells.is_empty()
            && cells
                .iter()
                .all(|c| c.chars().all(|ch| matches!(ch, '-' | ':' | '=')))
        {
            // `|---|---|`: the row above it was the header.
            if rows == 1 {
                out.pairs.clear();
                out.headers.clear();
                rows = 0;
            }
            continue;
        }
        let (name, value) = match cells.as_slice() {
            [one] if l.contains('|') => one.split_once(char::is_whitespace)?,
            [name] => (*name, ""),
            [name, value, ..] => (*name, *value),
            [] => continue,
        };
        let name = name.trim_matches('`');
        let value = value.trim().trim_matches('`');
        // A name starts with a letter: `  7 | …` is an editor's line-number gutter.
        let ok = name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name.len() <= 48
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !ok {
            return None;
        }
        rows += 1;
        if name.contains('-') {
            out.headers.push(Header {
                name: name.to_string(),
                value: value.to_string(),
            });
        } else {
            out.pairs.push(RawPair {
                source: ParamSource::Json,
                raw_name: name.to_string(),
                raw_value: value.to_string(),
                name: name.to_string(),
                value: value.to_string(),
                no_equals: false,
                non_literal: false,
            });
        }
    }
    (rows >= 2 && !out.pairs.is_empty()).then_some(out)
}

/// Lines of `Name: value` (or `Name = value`), after list marks (`-`, `*`, `+`, `++`, `•`)
/// and with quotes around the value removed: parameters, and HTTP headers (`x-twilio-…`,
/// `content-type`) kept as headers. At least two lines must read; the offset of the first.
fn key_value_lines(text: &str) -> Option<(Decoded, usize)> {
    let mut out = Decoded {
        format: Some(InputFormat::Json),
        ..Decoded::default()
    };
    let mut first = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let at = offset;
        offset += line.len();
        let l = line
            .trim()
            .trim_start_matches(['-', '*', '+', '•', '>', ' ', '\t'])
            .trim_start();
        let Some((name, value)) = l.split_once(':').or_else(|| l.split_once(" = ")) else {
            continue;
        };
        let name = name.trim();
        let header = name.contains('-');
        let ok = !name.is_empty()
            && name.len() <= 48
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !ok {
            continue;
        }
        let value = value.trim();
        let value = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .unwrap_or(value);
        first.get_or_insert(at);
        if header {
            out.headers.push(Header {
                name: name.to_string(),
                value: value.to_string(),
            });
        } else {
            out.pairs.push(RawPair {
                source: ParamSource::Json,
                raw_name: name.to_string(),
                raw_value: value.to_string(),
                name: name.to_string(),
                value: value.to_string(),
                no_equals: false,
                non_literal: false,
            });
        }
    }
    (out.pairs.len() >= 2).then(|| (out, first.unwrap_or(0)))
}

/// A REST path to the Calls resource in a string literal (`'/%s/Accounts/%s/Calls'`,
/// `"/#{API_VERSION}/Accounts/#{SID}/Calls"`), the method named beside it (`'GET'`), and the
/// parameters of the first object literal in the text.
fn rest_call(text: &str) -> Option<Decoded> {
    let at = text.find("/Accounts/")?;
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let open = text[line_start..at].rfind(['"', '\'', '`'])? + line_start;
    let quote = text[open..].chars().next()?;
    let close = text[at..].find(quote)? + at;
    let path = &text[open + 1..close];
    let calls = path.trim_end_matches(".json").trim_end_matches(".xml");
    if !(calls.ends_with("/Calls") || calls.contains("/Calls/")) {
        return None;
    }
    let after: String = text[close..].chars().take(120).collect();
    let method = ["GET", "POST", "DELETE"]
        .into_iter()
        .find(|m| after.contains(&format!("'{m}'")) || after.contains(&format!("\"{m}\"")));
    let mut out = Decoded {
        format: Some(InputFormat::Json),
        method: method.map(str::to_string),
        url: Some(path.to_string()),
        path: Some(path.to_string()),
        ..Decoded::default()
    };
    let object = text
        .find('{')
        .and_then(|i| closing(text.as_bytes(), i).map(|end| &text[i..end]));
    if let Some(lit) = object.and_then(literal::read_object) {
        push_literal(&lit, ParamSource::Json, &mut out);
    }
    Some(out)
}

/// Enough to go on: two parameter names the catalog knows, or one that only Twilio sends
/// (`DialCallStatus`, not `From`), or any one when the text posts it to an app.
fn enough(d: &Decoded, known: usize, posted: bool) -> bool {
    known >= 2
        || posted && known == 1
        || known == 1
            && d.pairs.iter().any(|p| {
                crate::catalog::params_named(&p.name).next().is_some()
                    && !GENERIC.contains(&p.name.as_str())
            })
}

/// Catalog names common enough in any program that one alone says nothing.
const GENERIC: &[&str] = &[
    "From",
    "To",
    "Body",
    "Url",
    "Uri",
    "Status",
    "Method",
    "Caller",
    "Called",
    "Digits",
    "Direction",
    "Duration",
    "Price",
    "Sid",
    "Name",
    "Type",
    "Timeout",
    "Record",
    "Timestamp",
    "Flags",
    "Index",
    "Size",
    "Level",
    "Address",
    "Identity",
    "Date",
];

/// Object literals (`{…}`), arrays (`[…]`, `array(…)`) and string literals (`"…"`, `'…'`,
/// `` `…` ``) that mention a Twilio-looking name, outermost first.
fn candidates(text: &str) -> Vec<(usize, usize, &'static str)> {
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
                // A call's arguments are a candidate only as Scala's `k -> v` tuples.
                let useful = what != "a call's arguments" || text[from..to].contains("->");
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
/// the last one closes (one past it).
fn concatenation_end(b: &[u8], open: usize) -> Option<usize> {
    let mut end = closing(b, open)?;
    let mut joined = 0;
    loop {
        let mut j = end;
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
        if !matches!(b.get(j), Some(b'"' | b'\'' | b'`')) || j > open + MAX_SPAN {
            break;
        }
        let Some(next) = closing(b, j) else { break };
        end = next;
        joined += 1;
    }
    (joined > 0).then_some(end)
}

/// The text of `"a" + "b" + …`: each literal's content (escapes read), joined.
fn join_literals(s: &str) -> String {
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
        } else {
            i += 1;
        }
    }
    out
}

/// True when a string literal's text holds escapes its language would turn into
/// characters (`\r\n`, `\"`).
fn has_escapes(s: &str) -> bool {
    ["\\r\\n", "\\n", "\\\"", "\\t"]
        .iter()
        .any(|e| s.contains(e))
}

/// The text of a string literal with its escapes read (`\n`, `\r`, `\t`, `\"`, `\'`, `\\`,
/// `\/`); other backslashes are kept.
fn unescape(s: &str) -> String {
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
fn closing(b: &[u8], open: usize) -> Option<usize> {
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

/// Cheap pre-filter: the text names one of the parameters nearly every webhook carries.
fn mentions_twilio(s: &str) -> bool {
    [
        "CallSid",
        "MessageSid",
        "SmsSid",
        "AccountSid",
        "CallStatus",
        "MessageStatus",
        "From",
        "Digits",
        "RecordingUrl",
        "ConferenceSid",
        "Caller",
        "Called",
        "AnsweredBy",
        "ApiVersion",
        "DialCallStatus",
        "SpeechResult",
        "TranscriptionText",
    ]
    .iter()
    .any(|n| s.contains(n) || n[1..].contains(char::is_uppercase) && s.contains(&lower_first(n)))
        // Other products' names: a lookalike is found in program text too, and named.
        || ["EventType", "WorkspaceSid", "TaskSid", "BundleSid", "ConversationSid"]
            .iter()
            .any(|n| s.contains(n))
}

/// `callSid` for `CallSid`: the camelCase spelling other platforms and SDKs use.
fn lower_first(n: &str) -> String {
    let mut out = n[..1].to_ascii_lowercase();
    out.push_str(&n[1..]);
    out
}

/// True when the catalog knows the name as written or with a capital first letter
/// (`callSid`, as Twilio-compatible platforms and SDK objects spell it).
fn catalog_knows(name: &str) -> bool {
    if crate::catalog::params_named(name).next().is_some()
        || crate::classify::product_names().any(|n| n == name)
    {
        return true;
    }
    // Only camelCase (`callSid`): a lower-case word (`from`, `status`) is every API's.
    let camel = name.chars().skip(1).any(|c| c.is_ascii_uppercase());
    let mut chars = name.chars();
    match chars.next() {
        Some(c) if c.is_ascii_lowercase() && camel => {
            let upper: String = std::iter::once(c.to_ascii_uppercase())
                .chain(chars)
                .collect();
            let known = crate::catalog::params_named(&upper).next().is_some();
            known
        }
        _ => false,
    }
}
