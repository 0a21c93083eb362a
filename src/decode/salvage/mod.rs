//! The last resort for captures pasted with the program around them: a test file's
//! `const params = { CallSid: "CA…", … };`, a PHP `private $params = ['From' => …];`, a Go
//! `"CallSid=CA…&From=…"` string constant. When no reading of the whole text finds Twilio's
//! parameters, the object literals, arrays and string literals inside it are read one by one
//! and the one that holds the most parameters the catalog knows wins. Every candidate is a
//! slice of the text (a PHP `[ … ]` is read as `{ … }`, one character for one), so offsets
//! stay exact.

mod candidates;
mod library;
mod lines;
mod rest;

use super::json::push_literal;
use super::{decode_plain, literal, Decoded};
use crate::report::InputFormat;
use crate::report::{Header, ParamSource, RawPair};
use candidates::{candidates, closing, has_escapes, join_literals, kotlin_pairs, unescape};
pub(crate) use lines::attach_cgi_signature;
use lines::{attach_request_facts, is_header_name, key_value_lines};
use rest::rest_call;
pub(crate) use rest::{rest_create, rest_path_beside};
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
    known_names_up_to(d, usize::MAX)
}

/// [`known_names`], counted only up to `enough` (the answer is `min(known_names, enough)`).
pub(crate) fn known_names_up_to(d: &Decoded, enough: usize) -> usize {
    // Names seen, with a hash that settles most comparisons without reading the names.
    let mut seen: Vec<(u64, &str)> = Vec::new();
    for p in &d.pairs {
        if seen.len() >= enough {
            break;
        }
        let h = p.name.bytes().fold(0xcbf2_9ce4_8422_2325, |h: u64, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        if !seen.iter().any(|&(x, n)| x == h && n == p.name) && catalog_knows(&p.name) {
            seen.push((h, &p.name));
        }
    }
    seen.len()
}

/// How many distinct names of a reading are another Twilio product's signals.
fn product_names_in(d: &Decoded) -> usize {
    let mut seen: Vec<&str> = Vec::new();
    for p in &d.pairs {
        if !seen.contains(&p.name.as_str())
            && crate::classify::twilio_product_names().any(|n| n == p.name)
        {
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
    let mut best_literals = 0;
    let posted = posts_parameters(text);
    // Candidates already read that name another Twilio product (outermost first).
    let mut enclosing: Vec<(usize, usize)> = Vec::new();
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
        // A literal that is the whole paste (`["Digits" => 1]`) was pasted for what it
        // holds: one name the catalog knows is enough, as for a posted one.
        let whole = slice.trim() == text.trim();
        // Equal counts of known names go to the candidate with more literal values: the
        // `url.Values{…}` inside `HTTPRequest{Method: http.MethodPost, Body: …}` is the
        // request, the struct of expressions around it is not.
        let literals = decoded.pairs.iter().filter(|p| !p.non_literal).count();
        let readable = enough(&decoded, known, posted || whole);
        if readable && product_names_in(&decoded) >= 2 {
            enclosing.push((start, end));
        }
        if !readable
            || nested_in(&enclosing, start, end)
            || best
                .as_ref()
                .is_some_and(|b| b.known > known || b.known == known && best_literals >= literals)
        {
            continue;
        }
        best_literals = literals;
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
    // A helper library's create call with the library's own argument names: the call is
    // Twilio evidence of its own.
    if let Some((decoded, start)) = library::library_create(text) {
        let known = known_names(&decoded) + 1;
        if best.as_ref().is_none_or(|b| b.known < known) {
            best = Some(Salvaged {
                decoded,
                start,
                what: "a helper library's create call (its arguments are the REST parameters it sends)",
                known,
            });
        }
    }
    read_whole_text(text, &mut best, posted);
    if let Some(found) = best.as_mut() {
        attach_request_facts(text, &mut found.decoded);
    }
    best
}

/// The first object literal in program text that reads into entries with plausible names,
/// whatever the names (`data={"hello": "twilio"}` in a test that posts to a webhook route):
/// what the text holds when no Twilio parameter is in it, rather than the program text
/// read as one garbled form pair. Bounded like [`salvage`].
pub(crate) fn any_object(text: &str) -> Option<Salvaged> {
    if text.len() > MAX_TEXT {
        return None;
    }
    let b = text.as_bytes();
    let mut from = 0;
    for _ in 0..MAX_OPENINGS {
        let at = from + text[from..].find('{')?;
        from = at + 1;
        let Some(end) = closing(b, at) else {
            continue;
        };
        let mut decoded = decode_plain(&text[at..end], None);
        let plausible = decoded.format == Some(InputFormat::Json)
            && !decoded.pairs.is_empty()
            && !decoded.pairs.iter().any(|p| super::bad_name(&p.name));
        if !plausible {
            continue;
        }
        for f in &mut decoded.findings {
            f.at = f.at.map(|a| (a + at).min(text.len()));
        }
        let known = known_names(&decoded);
        return Some(Salvaged {
            decoded,
            start: at,
            what: "an object literal",
            known,
        });
    }
    None
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
    } else if what == "a call's arguments"
        && (slice.contains("->") || slice.contains("=>") || kotlin_pairs(slice))
    {
        // Scala's `withFormUrlEncodedBody("To" -> "+1…", …)`: tuples read as a map; Ruby's
        // `create('To' => '+1…', …)`: a hash passed without its braces; Kotlin's
        // `mapOf("To" to "+1…", …)`: pairs read as a map.
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
    // print_r entries run together on one line (`[CallSid] => CA… [From] => …`).
    if let Some((lines, start)) = super::json::print_r_on_one_line(text) {
        consider_plain(
            best,
            &lines,
            start,
            "print_r() entries written on one line",
            posted,
            |_| true,
            |_| Some(start),
        );
    }
    // A curl command in a script (a shell script's replay of a webhook after its own
    // `if`/variable lines): the command and its `\`-continued lines, read as curl.
    if let Some((from, to)) = embedded_curl(text) {
        consider_plain(
            best,
            &text[from..to],
            from,
            "a curl command in a script",
            true,
            |d| d.format == Some(InputFormat::Curl),
            |at| at.map(|a| (a + from).min(text.len())),
        );
    }
    // A body built one piece at a time (`sb.append("&From=%2B1…")`, Kotlin's
    // `buildString { append("…") }`, C#'s `.Append("…")`): the pieces joined in order.
    if let Some((joined, start)) = appended_literals(text) {
        consider_plain(
            best,
            &joined,
            start,
            "string pieces appended one call at a time (append(\"…\"))",
            posted,
            |d| matches!(d.format, Some(InputFormat::Form | InputFormat::Query)),
            |_| Some(start),
        );
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

/// Where a curl command starts on a line of its own (after other lines) and where its
/// `\`-continued lines end. `None` when the text starts with it (the plain curl reader's).
fn embedded_curl(text: &str) -> Option<(usize, usize)> {
    let mut offset = 0;
    let mut from = None;
    for line in text.split_inclusive('\n') {
        let here = offset;
        offset += line.len();
        match from {
            None => {
                let t = line.trim_start();
                let word_end = t.find(char::is_whitespace).unwrap_or(t.len());
                if here > 0 && &t[..word_end] == "curl" {
                    from = Some(here + (line.len() - t.len()));
                    if !line.trim_end().ends_with('\\') {
                        return Some((from?, here + line.trim_end().len()));
                    }
                }
            }
            Some(f) => {
                if !line.trim_end().ends_with('\\') {
                    return Some((f, here + line.trim_end().len()));
                }
            }
        }
    }
    from.map(|f| (f, text.trim_end().len()))
}

/// The string literals passed one by one to `append(…)` / `Append(…)` calls, joined in
/// order, and where the first call is: `None` unless there are two or more and they join
/// into something with a `=`.
fn appended_literals(text: &str) -> Option<(String, usize)> {
    let b = text.as_bytes();
    let mut joined = String::new();
    let mut first = None;
    let mut pieces = 0;
    let mut i = 0;
    while pieces < MAX_OPENINGS {
        let Some(k) = text[i..].find("ppend(") else {
            break;
        };
        let call = i + k;
        i = call + "ppend(".len();
        if call == 0 || !matches!(b[call - 1], b'a' | b'A') {
            continue;
        }
        let q = i + (text[i..].len() - text[i..].trim_start().len());
        if !matches!(b.get(q), Some(b'"' | b'\'')) {
            continue;
        }
        let Some(end) = closing(b, q) else {
            continue;
        };
        if !text[end..].trim_start().starts_with(')') {
            continue;
        }
        joined.push_str(&unescape(&text[q + 1..end - 1]));
        first.get_or_insert(call - 1);
        pieces += 1;
        i = end;
    }
    (pieces >= 2 && joined.contains('=')).then(|| (joined, first.unwrap_or(0)))
}

/// One `name` / `value` read from a table or `Name: value` lines: a header, or a parameter
/// taken literally (nothing to decode).
fn push_name_value(out: &mut Decoded, name: &str, value: &str, header: bool) {
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

/// A candidate inside one already read that names another Twilio product (two of its
/// signal names: `WorkspaceSid`, `TaskSid`…) is one of that object's values (a TaskRouter
/// event's `TaskAttributes` JSON holding the call's parameters), not a capture of its own.
fn nested_in(enclosing: &[(usize, usize)], start: usize, end: usize) -> bool {
    enclosing
        .iter()
        .any(|&(s, e)| s <= start && end <= e && (s, e) != (start, end))
}

/// Where `text` starts once leading whitespace is skipped.
fn offset_of_trimmed(text: &str) -> usize {
    text.len() - text.trim_start().len()
}

/// Reads `piece` (cut or rebuilt from the paste) as plain text and keeps that reading as the
/// best salvage when `accept` takes it, it knows enough names and more than the best so far;
/// `place` moves each finding's position from `piece` to the paste.
fn consider_plain(
    best: &mut Option<Salvaged>,
    piece: &str,
    start: usize,
    what: &'static str,
    posted: bool,
    accept: impl Fn(&Decoded) -> bool,
    place: impl Fn(Option<usize>) -> Option<usize>,
) {
    let mut decoded = decode_plain(piece, None);
    let known = known_names(&decoded);
    if accept(&decoded)
        && enough(&decoded, known, posted)
        && best.as_ref().is_none_or(|b| b.known < known)
    {
        for f in &mut decoded.findings {
            f.at = place(f.at);
        }
        *best = Some(Salvaged {
            decoded,
            start,
            what,
            known,
        });
    }
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
        // Laravel's test requests: `$this->call('POST', '/url', [...])`, `$this->post(…)`.
        "$this->call(",
        "$this->post(",
        "$this->json(",
        // A test double answering the app's request getters (Mockito, Spark).
        ".getParameter(",
        ".queryParams(",
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
        let mut entries = rest[comma + 1..].trim().to_string();
        if entries.starts_with("params:") || entries.starts_with('{') {
            continue;
        }
        // The arguments go on over the next lines while a line ends with a comma.
        let mut next = text[offset..].lines();
        while entries.ends_with(',') {
            let Some(more) = next.next() else {
                break;
            };
            entries.push(' ');
            entries.push_str(more.trim());
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
        push_name_value(&mut out, name, value, is_header_name(name));
    }
    (rows >= 2 && !out.pairs.is_empty()).then_some(out)
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
        // A create call's options as a helper library spells them (`statusCallback`).
        || ["statusCallback", "messagingServiceSid", "status_callback", "messaging_service_sid"]
            .iter()
            .any(|n| s.contains(n))
        // A Lambda event or a Monitor Alert: its body may be base64 or escaped, so the
        // parameters' names need not show.
        || super::envelope::names_envelope_fields(s)
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
