//! A helper library's create call written with the library's own argument names:
//! `client.messages.create(to=…, from_=…, body=…)` (Python), `@client.messages.create(from:
//! …)` (Ruby), `client.messages.create({ to, from, body })` (Node), `$twilio->messages->
//! create('+1…', ['from' => …])` (PHP), `Message.creator(new PhoneNumber(…), …)` (Java),
//! `MessageResource.Create(to: …)` (C#). The arguments are read as the REST parameters
//! the call sends; how each library places and spells them is data ([`CALLS`]), and the
//! spellings are matched against the REST kind's parameters in the catalog.

use super::candidates::closing;
use super::rest::{chain_segments, resource_of};
use super::{literal, push_literal, Decoded};
use crate::decode::literal::{Entry, Literal, Val};
use crate::report::{InputFormat, ParamSource};

/// How one helper library writes a create call.
struct LibraryCall {
    /// The method as written, with what comes before it (`->create(`).
    method: &'static str,
    /// The receiver may be the resource's bare class (`Message.creator`): the method
    /// itself is the library's, not an app model's.
    bare_class: bool,
    /// The REST names of the arguments given by position, per resource, in order.
    positional: &'static [(&'static str, &'static [&'static str])],
    /// Argument names that are not the REST name in another case (`from_`: `from` is a
    /// Python keyword).
    renamed: &'static [(&'static str, &'static str)],
}

/// The helper libraries' create calls, most specific method first.
const CALLS: &[LibraryCall] = &[
    // twilio-php: `$twilio->messages->create($to, $options)`,
    // `$twilio->calls->create($to, $from, $options)`.
    LibraryCall {
        method: "->create(",
        bare_class: false,
        positional: &[("Messages", &["To"]), ("Calls", &["To", "From"])],
        renamed: &[],
    },
    // twilio-java: `Message.creator(to, from, body)`, `Call.creator(to, from, url)`.
    LibraryCall {
        method: ".creator(",
        bare_class: true,
        positional: &[
            ("Messages", &["To", "From", "Body"]),
            ("Calls", &["To", "From", "Url"]),
        ],
        renamed: &[],
    },
    // twilio-csharp: `MessageResource.Create(to: …, from: …, body: …)`, or `to` first.
    LibraryCall {
        method: ".Create(",
        bare_class: false,
        positional: &[("Messages", &["To"]), ("Calls", &["To", "From"])],
        renamed: &[],
    },
    // twilio-python (`to=…, from_=…`, or `to` first), twilio-ruby (`to: …`), twilio-node
    // (`{ to, from, body }`).
    LibraryCall {
        method: ".create(",
        bare_class: false,
        positional: &[("Messages", &["To"]), ("Calls", &["To", "From"])],
        renamed: &[("from_", "From")],
    },
];

/// The catalog kind a create call on the resource sends.
fn rest_kind(resource: &str) -> &'static str {
    if resource == "Calls" {
        "create-call"
    } else {
        "create-message"
    }
}

/// The REST name an argument stands for: a renamed spelling, or the kind's parameter whose
/// name is the argument's in another case (`status_callback`, `statusCallback`). Names the
/// kind does not document are kept as written.
fn rest_name(renamed: &[(&str, &'static str)], kind: &str, arg: &str) -> String {
    if let Some((_, to)) = renamed.iter().find(|(from, _)| *from == arg) {
        return (*to).to_string();
    }
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| *c != '_')
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    let wanted = squash(arg);
    crate::catalog::params_of_kind(kind)
        .into_iter()
        .find(|p| squash(p.name) == wanted)
        .map_or_else(|| arg.to_string(), |p| p.name.to_string())
}

/// The REST name of a create call's argument on `resource` as any helper library spells it
/// (the parameters of a create call found by another reader: `{ to: …, from: … }`).
pub(super) fn respell(resource: &str, arg: &str) -> String {
    let renamed: Vec<(&str, &'static str)> = CALLS
        .iter()
        .flat_map(|c| c.renamed.iter().copied())
        .collect();
    rest_name(&renamed, rest_kind(resource), arg)
}

/// The top-level pieces of an argument list or an object's entries, split on commas outside
/// brackets and strings, each trimmed and with its offset; empty pieces dropped.
fn split_top(s: &str) -> Vec<(usize, &str)> {
    let b = s.as_bytes();
    let mut cuts = Vec::new();
    let (mut depth, mut i) = (0i32, 0);
    while i < b.len() {
        match b[i] {
            b'"' | b'\'' | b'`' => {
                i = closing(b, i).unwrap_or(b.len());
                continue;
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth -= 1,
            b',' if depth == 0 => cuts.push(i),
            _ => {}
        }
        i += 1;
    }
    cuts.push(b.len());
    let mut out = Vec::new();
    let mut from = 0;
    for to in cuts {
        let piece = &s[from..to];
        let t = piece.trim();
        if !t.is_empty() {
            out.push((from + (piece.len() - piece.trim_start().len()), t));
        }
        from = (to + 1).min(s.len());
    }
    out
}

/// The argument text with comments outside strings (`// to`, `# to`, `/* … */`) blanked
/// out, one space per byte, so the arguments split and read as if they were not there.
fn without_comments(args: &str) -> String {
    let b = args.as_bytes();
    let mut out = b.to_vec();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' | b'\'' | b'`' => {
                i = closing(b, i).unwrap_or(b.len());
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let end = args[i..].find("*/").map_or(b.len(), |e| i + e + 2);
                out[i..end].fill(b' ');
                i = end;
                continue;
            }
            b'#' | b'/' if b[i] == b'#' || b.get(i + 1) == Some(&b'/') => {
                let end = args[i..].find('\n').map_or(b.len(), |e| i + e);
                out[i..end].fill(b' ');
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    // Only ASCII bytes outside strings were replaced by spaces: still UTF-8.
    String::from_utf8(out).unwrap_or_else(|_| args.to_string())
}

/// One value as written, read as a literal; a typed wrapper around one string literal
/// (`new PhoneNumber("+1…")`, `URI.create("…")`) is that string.
fn read_value(text: &str) -> Option<(Val, String)> {
    let lit = literal::read_object(&format!("{{\"v\": {text}}}"))?;
    let entry = lit.entries.into_iter().next()?;
    let value = match entry.value {
        Val::Expr(x) => wrapped_string(&x).map_or(Val::Expr(x), Val::Str),
        v => v,
    };
    Some((value, text.to_string()))
}

/// The string literal inside `X("…")` / `new X('…')`, when it is the call's one argument.
fn wrapped_string(x: &str) -> Option<String> {
    let open = x.find('(')?;
    let inner = x.get(open + 1..)?.strip_suffix(')')?.trim();
    let q = inner.chars().next()?;
    if !matches!(q, '"' | '\'') || inner.len() < 2 || !inner.ends_with(q) {
        return None;
    }
    let body = &inner[1..inner.len() - 1];
    (!body.contains(q)).then(|| body.to_string())
}

/// `name=value` (Python) or `name: value` (Ruby, C#) as one argument: the name and the
/// value's text.
fn named_argument(arg: &str) -> Option<(&str, &str)> {
    let end = arg
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(arg.len());
    let (name, rest) = arg.split_at(end);
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let rest = rest.trim_start();
    let value = if let Some(v) = rest.strip_prefix('=') {
        (!v.starts_with(['=', '>'])).then_some(v)?
    } else {
        rest.strip_prefix(':').filter(|v| !v.starts_with(':'))?
    };
    Some((name, value.trim()))
}

/// The entries of an object or array argument (`{ to, from, body: 'Hi' }`, `['from' =>
/// …]`, `array('from' => …)`): each `name: value`, `'name' => value` or a shorthand name.
fn object_entries(arg: &str) -> Option<Vec<(String, String)>> {
    let inner = if let Some(r) = arg.strip_prefix("array") {
        r.trim_start().strip_prefix('(')?.strip_suffix(')')?
    } else if arg.starts_with('{') {
        arg.strip_prefix('{')?.strip_suffix('}')?
    } else {
        arg.strip_prefix('[')?.strip_suffix(']')?
    };
    let mut out = Vec::new();
    for (_, entry) in split_top(inner) {
        let shorthand = entry
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
            && arg.starts_with('{');
        if shorthand {
            out.push((entry.to_string(), entry.to_string()));
            continue;
        }
        let lit = literal::read_object(&format!("{{{entry}}}"))?;
        let e = lit.entries.first()?;
        let value = entry
            .split_once("=>")
            .or_else(|| entry.split_once(':'))
            .map_or(e.raw.as_str(), |(_, v)| v.trim());
        out.push((e.key.clone(), value.to_string()));
    }
    (!out.is_empty()).then_some(out)
}

/// The first create call of a helper library on the Messages or Calls resource in `text`,
/// read as the REST request it sends (POST to the resource's list), and where it starts.
pub(super) fn library_create(text: &str) -> Option<(Decoded, usize)> {
    for call in CALLS {
        let mut from = 0;
        while let Some(found) = text.get(from..)?.find(call.method) {
            let at = from + found;
            from = at + call.method.len();
            let Some(resource) = receiver_resource(text, at, call) else {
                continue;
            };
            let open = at + call.method.len() - 1;
            let Some(end) = closing(text.as_bytes(), open) else {
                continue;
            };
            let args = without_comments(&text[open + 1..end - 1]);
            if let Some(decoded) = arguments(call, resource, &args) {
                return Some((decoded, at));
            }
        }
    }
    mocked_create(text)
}

/// How far after a mocked create its `with(` may come (a `->once()` or two between).
const MOCK_WINDOW: usize = 160;

/// A test double's expected create call, whose `with(` holds the call's arguments placed as
/// the library places them: Mockery's `$client->messages->shouldReceive('create')->once()
/// ->with('+1…', ['from' => …])` (twilio-php), RSpec's `expect(client.messages).to
/// receive(:create).with(to: …, body: …)` (twilio-ruby; a double of the list itself,
/// `expect(messages)`, names it too).
fn mocked_create(text: &str) -> Option<(Decoded, usize)> {
    // (the mock as written, the library whose call it stands for)
    let mocks = [
        ("->shouldReceive('create')", 0),
        ("->shouldReceive(\"create\")", 0),
        ("receive(:create)", 3),
    ];
    for (mock, call_at) in mocks {
        let call = CALLS.get(call_at)?;
        let mut from = 0;
        while let Some(found) = text.get(from..)?.find(mock) {
            let at = from + found;
            from = at + mock.len();
            let resource = if call_at == 0 {
                receiver_resource(text, at, call)
            } else {
                // `expect(<receiver>)` / `allow(<receiver>)` /
                // `expect_any_instance_of(<class>)` before `.to receive`, on one line or two.
                let before = text[..at].trim_end();
                let Some(before) = before
                    .strip_suffix(".to")
                    .or_else(|| before.strip_suffix(".to_not"))
                    .map(str::trim_end)
                    .and_then(|b| b.strip_suffix(')'))
                else {
                    continue;
                };
                let Some(open) = before.rfind('(') else {
                    continue;
                };
                let inner = &before[open + 1..];
                let segments: Vec<&str> = inner
                    .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .filter(|s| !s.is_empty())
                    .collect();
                let double = matches!(segments[..], ["messages" | "calls"]);
                resource_of(&segments, double)
            };
            let Some(resource) = resource else {
                continue;
            };
            let Some(with) = text[from..].find("with(").filter(|&w| w <= MOCK_WINDOW) else {
                continue;
            };
            let open = from + with + "with(".len() - 1;
            let Some(end) = closing(text.as_bytes(), open) else {
                continue;
            };
            let args = without_comments(&text[open + 1..end - 1]);
            if let Some(decoded) = arguments(call, resource, &args) {
                return Some((decoded, at));
            }
        }
    }
    None
}

/// The resource named by the receiver before `at` (`client.messages`, `Message`).
fn receiver_resource(text: &str, at: usize, call: &LibraryCall) -> Option<&'static str> {
    // A chain broken over lines (`client.messages \\⏎ .create(`) is one receiver.
    let before = text[..at].trim_end_matches(|c: char| c.is_whitespace() || c == '\\');
    resource_of(&chain_segments(before), call.bare_class)
}

/// The call's arguments as the REST parameters: positional ones by the library's order,
/// named ones and object entries by their REST spelling.
fn arguments(call: &LibraryCall, resource: &'static str, args: &str) -> Option<Decoded> {
    let kind = rest_kind(resource);
    let positional = call
        .positional
        .iter()
        .find(|(r, _)| *r == resource)
        .map_or(&[][..], |(_, names)| *names);
    let mut entries: Vec<Entry> = Vec::new();
    let mut push = |name: &str, value: &str| {
        if let Some((value, raw)) = read_value(value) {
            entries.push(Entry {
                key: rest_name(call.renamed, kind, name),
                raw,
                value,
            });
        }
    };
    let mut position = 0;
    for (_, arg) in split_top(args) {
        if let Some(pairs) = object_entries(arg) {
            for (name, value) in pairs {
                push(&name, &value);
            }
        } else if let Some((name, value)) = named_argument(arg) {
            push(name, value);
        } else if let Some(name) = positional.get(position) {
            push(name, arg);
            position += 1;
        }
    }
    if entries.is_empty() {
        return None;
    }
    let path = format!("/2010-04-01/Accounts/{{AccountSid}}/{resource}.json");
    let mut out = Decoded {
        format: Some(InputFormat::Json),
        method: Some("POST".to_string()),
        url: Some(path.clone()),
        path: Some(path),
        ..Decoded::default()
    };
    let lit = Literal {
        syntax: "a helper library's create call",
        entries,
        elided: Vec::new(),
        json_shaped: false,
    };
    push_literal(&lit, ParamSource::Json, &mut out);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(String, String)> {
        library_create(text)
            .map(|(d, _)| d.pairs.into_iter().map(|p| (p.name, p.value)).collect())
            .unwrap_or_default()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn python_keyword_arguments() {
        assert_eq!(
            read("client.messages.create(to='+15558675310', from_=\"+15017122661\", body='Hi', status_callback='https://e.example/s')"),
            pairs(&[
                ("To", "+15558675310"),
                ("From", "+15017122661"),
                ("Body", "Hi"),
                ("StatusCallback", "https://e.example/s")
            ])
        );
    }

    #[test]
    fn php_positional_then_options() {
        assert_eq!(
            read("$twilio->calls->create('+15558675310', '+15017122661', ['url' => 'http://demo.twilio.com/docs/voice.xml']);"),
            pairs(&[
                ("To", "+15558675310"),
                ("From", "+15017122661"),
                ("Url", "http://demo.twilio.com/docs/voice.xml")
            ])
        );
    }

    #[test]
    fn node_shorthand_and_java_wrappers() {
        let node =
            read("client.messages.create({ to, from, mediaUrl: ['https://e.example/a.png'] })");
        assert_eq!(node[0].0, "To");
        assert_eq!(node[1].0, "From");
        assert_eq!(
            node[2],
            ("MediaUrl".into(), "https://e.example/a.png".into())
        );
        assert_eq!(
            read("Message.creator(new PhoneNumber(\"+15558675310\"), new PhoneNumber(\"+15017122661\"), \"Hi\").create();"),
            pairs(&[("To", "+15558675310"), ("From", "+15017122661"), ("Body", "Hi")])
        );
    }

    #[test]
    fn an_app_model_is_not_the_library() {
        assert!(read("Message.create(to: '+15558675310', body: 'Hi')").is_empty());
        assert!(read("user.create(to='+15558675310')").is_empty());
    }
}
