//! JSON objects of parameters, the way frameworks log them: keys in the order written,
//! values strings, numbers, booleans, null, arrays (one pair per element) or objects (kept
//! as JSON text). Ruby (`=>`, `nil`) and Python (`'…'`, `None`, `True`) renderings are read
//! too, and log text around the object is ignored with a note.

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::Value;

use super::literal::{self, Literal, Val};
use super::{form, Decoded};
use crate::finding::{Code, Finding, Severity};
use crate::report::{ParamSource, RawPair};

/// The entries of a JSON object in the order written (duplicates kept).
struct Entries<'a>(Vec<(String, &'a RawValue)>);

impl<'de> Deserialize<'de> for Entries<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Entries<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object of parameters")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut v = Vec::new();
                while let Some((k, raw)) = map.next_entry::<String, &'de RawValue>()? {
                    v.push((k, raw));
                }
                Ok(Entries(v))
            }
        }
        d.deserialize_map(V)
    }
}

/// True for PHP's `print_r($_POST)` output: `Array ( [Key] => value … )`.
pub(crate) fn looks_like_print_r(t: &str) -> bool {
    if t.starts_with("Array") && t.contains("] => ") && t[5..].trim_start().starts_with('(') {
        return true;
    }
    // Its lines without the `Array (` around them (a few lines kept in a comment or log),
    // possibly under a label line of their own (`EXAMPLE REPLY:`), which is not read.
    let mut lines = t
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .peekable();
    if lines.peek().is_some_and(|l| is_label_line(l)) {
        lines.next();
    }
    lines.clone().count() >= 2
        && lines.all(|l| {
            l.strip_prefix('[')
                .and_then(|r| r.split_once("] =>"))
                .is_some_and(|(key, _)| !key.is_empty() && !key.contains(['[', ']']))
        })
}

/// PHP's `print_r` entries run together on one line (a document that lost its line
/// breaks: `POST fields: [CallSid] => CA… [From] =>+1… [To] => …`): the entries from the
/// first `[Key] =>` on, one per line, with where they start. `None` unless three or more.
pub(crate) fn print_r_on_one_line(t: &str) -> Option<(String, usize)> {
    let mut starts = Vec::new();
    let mut i = 0;
    while let Some(k) = t[i..].find('[') {
        let open = i + k;
        i = open + 1;
        let key_end = t[i..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .map_or(t.len(), |e| i + e);
        if key_end > i && t[key_end..].starts_with("] =>") {
            starts.push(open);
        }
        if starts.len() > 4096 {
            return None;
        }
    }
    if starts.len() < 3 || t[starts[0]..].trim_end().contains('\n') {
        return None;
    }
    let mut lines = String::with_capacity(t.len() - starts[0] + starts.len());
    for (n, &at) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(t.len());
        lines.push_str(t[at..end].trim_end());
        lines.push('\n');
    }
    Some((lines, starts[0]))
}

/// A line that only names what follows (`EXAMPLE REPLY:`, `POST data:`): text ending in a
/// colon, with no `[Key] =>` entry in it.
fn is_label_line(line: &str) -> bool {
    line.len() > 1 && line.ends_with(':') && !line.contains("] =>")
}

/// PHP's `print_r` of a flat array: one `[Key] => value` per line, values as printed (a
/// value running over several lines continues until the next `[Key] =>` line).
fn decode_print_r(text: &str, source: ParamSource, out: &mut Decoded) {
    let body = text.trim_start_matches("Array").trim();
    let body = body.strip_prefix('(').unwrap_or(body);
    let body = body.strip_suffix(')').unwrap_or(body);
    let first_new = out.pairs.len();
    for line in body.lines() {
        let trimmed = line.trim_start();
        let entry = trimmed
            .strip_prefix('[')
            .and_then(|rest| rest.split_once("] =>"))
            .filter(|(key, _)| !key.contains(['[', ']']));
        match entry {
            Some((key, value)) => {
                let value = value.strip_prefix(' ').unwrap_or(value);
                out.pairs.push(RawPair {
                    source,
                    raw_name: key.to_string(),
                    raw_value: value.to_string(),
                    name: key.to_string(),
                    value: value.to_string(),
                    no_equals: false,
                    non_literal: false,
                });
            }
            None => {
                if let Some(last) = out.pairs[first_new..].last_mut() {
                    if !line.trim().is_empty() {
                        last.value.push('\n');
                        last.value.push_str(line);
                        last.raw_value.push('\n');
                        last.raw_value.push_str(line);
                    }
                }
            }
        }
    }
    out.findings.push(Finding::new(
        Code::RelaxedJson,
        "The text is PHP's print_r() of an array; each [Key] => value line was read as a pair.",
    ));
    form::report_duplicates(out, first_new);
}

/// A pasted JSON object, possibly with log text around it (`Parameters: {…}`).
pub(crate) fn decode_json_input(text: &str, start: usize, source: ParamSource, out: &mut Decoded) {
    if looks_like_print_r(text) {
        decode_print_r(text, source, out);
        return;
    }
    if let Some(lit) = literal::read_named(text) {
        push_literal(&lit, source, out);
        out.body = Some(text.to_string());
        // Werkzeug prints the request's headers the same way (`EnvironHeaders([('Host',
        // …), …])`): a debugging session often shows them above the form.
        for (name, value) in literal::read_header_tuples(text) {
            out.headers.push(crate::report::Header { name, value });
        }
        return;
    }
    let (open, close) = (text.find('{'), text.rfind('}'));
    match (open, close) {
        (Some(o), Some(c)) if o < c => {
            if o > 0 || c + 1 < text.len() {
                out.findings.push(
                    Finding::new(
                        Code::NoiseIgnored,
                        "Text around the JSON object (a log prefix or suffix) was ignored.",
                    )
                    .at(start),
                );
            }
            let object = &text[o..=c];
            if let Some(folded) = unwrap_log_printout(&text[..o], object) {
                out.findings.push(
                    Finding::new(
                        Code::NoiseIgnored,
                        "The Parameters: log line was wrapped over several lines; the line breaks were removed, since the log prints the hash on one line.",
                    )
                    .severity(Severity::Info)
                    .at(start + o),
                );
                decode_json_object(&folded, Some(start + o), source, out);
                out.body = Some(folded);
                return;
            }
            decode_json_object(object, Some(start + o), source, out);
            // Kept as the body too: with bodySHA256 in the URL it is a JSON webhook's body.
            out.body = Some(object.to_string());
        }
        _ => decode_json_object(text, Some(start), source, out),
    }
}

/// A framework's `Parameters: {…}` log line (Rails, Phoenix) is printed on one line, its
/// strings escaped (`inspect`): a line break inside it, even inside a value, is the paste's
/// wrapping. The object with its line breaks removed, when it has any.
fn unwrap_log_printout(before: &str, object: &str) -> Option<String> {
    let label = before.trim_end();
    let label = label.strip_suffix('%').unwrap_or(label).trim_end();
    (label.ends_with("Parameters:") && object.contains('\n')).then(|| {
        object
            .chars()
            .filter(|c| !matches!(c, '\n' | '\r'))
            .collect()
    })
}

/// Decodes one JSON object into pairs. `at` is the object's offset in the input.
pub(crate) fn decode_json_object(
    text: &str,
    at: Option<usize>,
    source: ParamSource,
    out: &mut Decoded,
) {
    match parse_entries(text) {
        Ok(entries) => push_entries(&entries, source, out),
        Err(strict_err) => {
            let relaxed = relax(text);
            match relaxed.as_deref().map(parse_entries) {
                Some(Ok(entries)) => {
                    out.findings.push(Finding::new(
                        Code::RelaxedJson,
                        "The object is written in Ruby or Python syntax (=>, single quotes, nil/None); it was read as JSON.",
                    ));
                    push_entries(&entries, source, out);
                }
                _ => match literal::read_object(text).or_else(|| {
                    literal::looks_like_java_map(text)
                        .then(|| literal::read_java_map(text))
                        .flatten()
                }) {
                    Some(lit) => {
                        if lit.json_shaped {
                            // JSON with a slip (a missing comma): read anyway, and said.
                            let offset = offset_of(text, strict_err.line(), strict_err.column());
                            out.findings.push(
                                Finding::new(
                                    Code::MalformedJson,
                                    format!("The JSON is not valid at line {}, column {} ({strict_err}); it was read leniently.", strict_err.line(), strict_err.column()),
                                )
                                .hint("A server's JSON parser refuses this body: fix the JSON (often a missing comma).")
                                .at_opt(at.map(|a| a + offset)),
                            );
                        }
                        push_literal(&lit, source, out)
                    }
                    None => {
                        let offset = offset_of(text, strict_err.line(), strict_err.column());
                        out.findings.push(
                        Finding::new(
                            Code::MalformedJson,
                            format!("The JSON could not be read at line {}, column {}: {strict_err}.", strict_err.line(), strict_err.column()),
                        )
                        .hint("Paste the whole object, from { to }, with keys and strings in double quotes.")
                        .at_opt(at.map(|a| a + offset)),
                    );
                    }
                },
            }
        }
    }
}

fn parse_entries(text: &str) -> Result<Entries<'_>, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let entries = Entries::deserialize(&mut de)?;
    de.end()?;
    Ok(entries)
}

fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split('\n')
        .take(line.saturating_sub(1))
        .map(|l| l.len() + 1)
        .sum();
    (line_start + column.saturating_sub(1)).min(text.len())
}

fn push_entries(entries: &Entries<'_>, source: ParamSource, out: &mut Decoded) {
    let first_new = out.pairs.len();
    let mut converted: Vec<&str> = Vec::new();
    for (name, raw) in &entries.0 {
        let raw_text = raw.get();
        let value: Value = match serde_json::from_str(raw_text) {
            Ok(v) => v,
            Err(e) => {
                // Too deep to build (serde_json stops at 128 levels): kept as its text.
                out.findings.push(
                    Finding::new(
                        Code::MalformedJson,
                        format!("The value of {name} could not be read ({e}); it is kept as text."),
                    )
                    .param(name.clone()),
                );
                Value::String(raw_text.to_string())
            }
        };
        let mut push = |value: String, raw_value: String| {
            out.pairs.push(RawPair {
                source,
                raw_name: name.clone(),
                raw_value,
                name: name.clone(),
                value,
                no_equals: false,
                non_literal: false,
            })
        };
        match value {
            Value::String(s) => push(s, raw_text.to_string()),
            Value::Array(items) => {
                for item in items {
                    let raw_item = item.to_string();
                    match item {
                        Value::String(s) => push(s, raw_item),
                        Value::Null => push(String::new(), raw_item),
                        _ => {
                            if !converted.contains(&name.as_str()) {
                                converted.push(name);
                            }
                            push(raw_item.clone(), raw_item)
                        }
                    }
                }
            }
            Value::Null => {
                converted.push(name);
                push(String::new(), raw_text.to_string())
            }
            _ => {
                converted.push(name);
                push(raw_text.trim().to_string(), raw_text.to_string())
            }
        }
    }
    if !converted.is_empty() {
        let shown: Vec<&str> = converted.iter().take(8).copied().collect();
        let more = converted.len().saturating_sub(shown.len());
        out.findings.push(Finding::new(
            Code::NonStringJsonValue,
            format!(
                "{} value(s) are not strings and were converted to text (null as empty): {}{}.",
                converted.len(),
                shown.join(", "),
                if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                }
            ),
        ));
    }
    form::report_duplicates(out, first_new);
}

/// Rewrites a Ruby hash (`{"A"=>"b", "C"=>nil}`) or Python dict (`{'A': 'b', 'C': None}`)
/// rendering as JSON. `None` when there is nothing to rewrite.
fn relax(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                out.push('"');
                while let Some(n) = chars.next() {
                    out.push(n);
                    if n == '\\' {
                        if let Some(e) = chars.next() {
                            out.push(e);
                        }
                    } else if n == '"' {
                        break;
                    }
                }
            }
            '\'' => {
                changed = true;
                out.push('"');
                while let Some(n) = chars.next() {
                    match n {
                        '\\' => match chars.next() {
                            Some('\'') => out.push('\''),
                            Some(e) => {
                                out.push('\\');
                                out.push(e);
                            }
                            None => {}
                        },
                        '\'' => break,
                        '"' => out.push_str("\\\""),
                        _ => out.push(n),
                    }
                }
                out.push('"');
            }
            '=' if chars.peek() == Some(&'>') => {
                chars.next();
                changed = true;
                out.push(':');
            }
            // Python 2 unicode literals: u'…' / u"…" are plain strings.
            'u' if matches!(chars.peek(), Some('\'' | '"'))
                && !out.ends_with(|p: char| p.is_ascii_alphanumeric()) =>
            {
                changed = true;
            }
            c if c.is_ascii_alphabetic() => {
                let mut word = String::from(c);
                while let Some(&n) = chars.peek() {
                    if n.is_ascii_alphanumeric() || n == '_' {
                        word.push(n);
                        chars.next();
                    } else {
                        break;
                    }
                }
                let replacement = match word.as_str() {
                    "nil" | "None" => "null",
                    "True" => "true",
                    "False" => "false",
                    _ => word.as_str(),
                };
                changed |= replacement != word;
                out.push_str(replacement);
            }
            _ => out.push(c),
        }
    }
    changed.then_some(out)
}

/// Pushes the entries of a literal read by [`literal`]: strings as they are, numbers and
/// booleans as text (noted), null as empty, lists as one pair per element, nested objects
/// as their text, and expressions as written, marked `non_literal` with a
/// `non-literal-value` finding each. One `wrapper-unwrapped` finding names the syntax.
pub(crate) fn push_literal(lit: &Literal, source: ParamSource, out: &mut Decoded) {
    let first_new = out.pairs.len();
    let mut converted: Vec<&str> = Vec::new();
    for e in &lit.entries {
        let name = e.key.as_str();
        let mut push = |value: String, raw_value: String, non_literal: bool| {
            out.pairs.push(RawPair {
                source,
                raw_name: name.to_string(),
                raw_value,
                name: name.to_string(),
                value,
                no_equals: false,
                non_literal,
            })
        };
        match &e.value {
            Val::Str(s) => push(s.clone(), e.raw.clone(), false),
            Val::Null => {
                converted.push(name);
                push(String::new(), e.raw.clone(), false)
            }
            Val::Scalar(t) | Val::Map(t) => {
                converted.push(name);
                push(t.clone(), e.raw.clone(), false)
            }
            Val::List(items) => {
                for item in items {
                    match item {
                        Val::Str(s) => push(s.clone(), s.clone(), false),
                        Val::Scalar(t) | Val::Map(t) | Val::Expr(t) => {
                            push(t.clone(), t.clone(), false)
                        }
                        Val::Null => push(String::new(), String::new(), false),
                        Val::List(_) => push(e.raw.clone(), e.raw.clone(), false),
                    }
                }
            }
            Val::Expr(x) => {
                push(x.clone(), x.clone(), true);
                out.findings.push(
                    Finding::new(
                        Code::NonLiteralValue,
                        format!("{name} is the expression {x}, not a literal value: it is shown as written and not checked."),
                    )
                    .param(name)
                    .hint("Paste what the program received (log the value itself) to have it checked."),
                );
            }
        }
    }
    for spread in &lit.elided {
        let message = if spread.is_empty() {
            "The object is cut short with `...`: the parameters it stood for are not in the text."
                .to_string()
        } else {
            format!("The object spreads `...{spread}` into itself: the parameters that brings are not in the text.")
        };
        out.findings
            .push(Finding::new(Code::NonLiteralValue, message));
    }
    if !converted.is_empty() {
        out.findings.push(Finding::new(
            Code::NonStringJsonValue,
            format!(
                "{} value(s) are not strings and were converted to text (null as empty): {}.",
                converted.len(),
                converted
                    .iter()
                    .take(8)
                    .copied()
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    out.findings.push(Finding::new(
        Code::WrapperUnwrapped,
        format!("Read {}.", lit.syntax),
    ));
    form::report_duplicates(out, first_new);
}
