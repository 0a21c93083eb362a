//! REST requests written as program text: a helper library's call that names the REST path
//! (`account.request('/%s/Accounts/%s/Calls', 'GET', d)`), and a helper library's create
//! call on a resource (`client.messages.create({…})`, `MessageService.create(client, %{…})`),
//! which sends its parameters to the resource's list. Either way the reading gets the path
//! and method the call sends, so the classifier tells it from a webhook the way it tells
//! any REST request: by its path.

use super::{closing, literal, push_literal, Decoded};
use crate::report::{InputFormat, ParamSource};

/// How far before the parameters the create call may start (bytes).
const CALL_WINDOW: usize = 240;

/// A REST path to the Calls resource in a string literal (`'/%s/Accounts/%s/Calls'`,
/// `"/#{API_VERSION}/Accounts/#{SID}/Calls"`), the method named beside it (`'GET'`), and the
/// parameters of the first object literal in the text.
pub(super) fn rest_call(text: &str) -> Option<Decoded> {
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

/// When the parameters of a reading of `text` are the arguments of a helper library's
/// create call on the Messages or Calls resource, the reading is the REST request that call
/// sends: POST to the resource's list, `/2010-04-01/Accounts/{AccountSid}/Messages.json`
/// (the account is the client's, not in the text). A resource reached through a client
/// (`client.messages`, `$twilio->calls`, `Twilio.Api.V2010.MessageService`) or named as
/// one (`MessageResource`) is the library's; a bare `Message.create(…)` is an app's model.
/// Returns the resource when the reading was changed.
pub(crate) fn rest_create(text: &str, d: &mut Decoded) -> Option<&'static str> {
    if d.url.is_some() || d.path.is_some() || d.method.is_some() {
        return None;
    }
    // Where the parameters start: the first one's name as written in the text.
    let first = d.pairs.first()?;
    let start = text.find(first.raw_name.as_str())?;
    let resource = create_call_before(text, start)?;
    // The library's spellings of the arguments (`to`, `statusCallback`) are the REST names.
    for p in &mut d.pairs {
        let name = super::library::respell(resource, &p.name);
        if name != p.name {
            p.name = name;
        }
    }
    let path = format!("/2010-04-01/Accounts/{{AccountSid}}/{resource}.json");
    d.method = Some("POST".to_string());
    d.url = Some(path.clone());
    d.path = Some(path);
    Some(resource)
}

/// When the program text around a reading posts it to a Twilio REST list path written in
/// the text (a test's mock of the API, `nock(…).post(`/2010-04-01/Accounts/${sid}/Messages.json`,
/// body)`, or `'${BASE_URL}/Accounts/${sid}/Messages.json'` with the base URL's
/// `…/2010-04-01` defined in the text), the reading is that REST request: POST to the list
/// (its account may be a template); parameters that are only the Messages list's filters,
/// with no POST written, are that list's read (GET). Returns the resource and the method
/// when the reading was changed.
pub(crate) fn rest_path_beside(
    text: &str,
    d: &mut Decoded,
) -> Option<(&'static str, &'static str)> {
    if d.url.is_some() || d.path.is_some() || d.method.is_some() || !text.contains("2010-04-01") {
        return None;
    }
    let lower = text.to_ascii_lowercase();
    let posted = lower.contains(".post(") || text.contains("POST");
    let mut from = 0;
    for _ in 0..64 {
        let at = from + text[from..].find("/Accounts/")?;
        from = at + 1;
        let end = text[at..]
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '`' | ',' | ')'))
            .map_or(text.len(), |k| at + k);
        let tail = &text[at..end];
        let segs: Vec<&str> = tail.trim_start_matches('/').split('/').collect();
        let [_, _, last] = segs[..] else {
            continue;
        };
        let Some(resource) = ["Messages", "Calls"]
            .into_iter()
            .find(|r| last.split('.').next() == Some(*r))
        else {
            continue;
        };
        // Without a POST written beside it, the path is a create only when the parameters
        // write (a test server's assertion on the path and body it received): a list read
        // takes filters, never a message's Body or a call's Url. Parameters that are all
        // the Messages list's filters are that list's read (GET).
        let method = if posted || d.pairs.iter().any(|p| writes(resource, &p.name)) {
            "POST"
        } else if resource == "Messages"
            && !d.pairs.is_empty()
            && d.pairs
                .iter()
                .all(|p| crate::catalog::MESSAGES_LIST_FILTERS.contains(&p.name.as_str()))
        {
            "GET"
        } else {
            continue;
        };
        let written = text[..at]
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace() || matches!(c, '"' | '\'' | '`' | '(' | ','))
            .map_or(0, |(k, c)| k + c.len_utf8());
        // The URL as written when it names the version; else the path it stands for (its
        // base URL is a name the text defines elsewhere).
        let path = format!("/2010-04-01{tail}");
        let url = &text[written..end];
        d.method = Some(method.to_string());
        d.url = Some(if url.contains("/2010-04-01/") {
            url.to_string()
        } else {
            path.clone()
        });
        d.path = Some(path);
        return Some((resource, method));
    }
    None
}

/// True when `name` is a parameter of the resource's create that its list read does not
/// take as a filter: the Calls list's filters are the catalog's `list-calls` rows; the
/// Messages list filters by To, From and DateSent (and pages).
fn writes(resource: &str, name: &str) -> bool {
    match resource {
        "Messages" => {
            crate::catalog::param_for_kind("create-message", name).is_some()
                && !crate::catalog::MESSAGES_LIST_FILTERS.contains(&name)
        }
        "Calls" => {
            crate::catalog::param_for_kind("create-call", name).is_some()
                && crate::catalog::param_for_kind("list-calls", name).is_none()
        }
        _ => false,
    }
}

/// The resource (`Messages`, `Calls`) of a create call whose parentheses are still open at
/// `start` (the parameters are its arguments), opened at most `CALL_WINDOW` bytes before.
/// The byte at `start` counts: the parameters may be the call's own `(…)`.
fn create_call_before(text: &str, start: usize) -> Option<&'static str> {
    let mut lo = start.saturating_sub(CALL_WINDOW);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let hi = text[start..]
        .chars()
        .next()
        .map_or(start, |c| start + c.len_utf8());
    let window = text.get(lo..hi)?;
    let lower = window.to_ascii_lowercase();
    let Some(at) = lower.rfind("create(") else {
        return mocked_create(window);
    };
    let open = at + "create".len();
    if open_parens(&window[open..]) < 1 {
        // The call closed before the parameters: they are not its arguments.
        return None;
    }
    let receiver = window[..at].trim_end();
    resource_of(&chain_segments(receiver), false)
}

/// The resource of a test double's expected create call whose argument list is still open
/// at the window's end: Mockery's `$client->messages->shouldReceive('create')->…->with(`
/// and RSpec's `expect(client.messages).to receive(:create).with(` name the method as a
/// string or symbol and give its arguments to `with(`.
fn mocked_create(window: &str) -> Option<&'static str> {
    let (at, name) = ["'create'", "\"create\"", ":create"]
        .iter()
        .filter_map(|n| window.rfind(n).map(|i| (i, *n)))
        .max()?;
    let after = &window[at + name.len()..];
    let with = after.rfind("with(")?;
    if open_parens(&after[with..]) < 1 {
        return None;
    }
    let before = window[..at].trim_end();
    let receiver = if let Some(r) = before.strip_suffix("shouldReceive(") {
        // Mockery: the receiver's chain ends in `->` or `.`.
        r.trim_end_matches("->").trim_end_matches('.')
    } else {
        // RSpec: `expect(<chain>).to receive(` / `allow(<chain>).to receive(`.
        let r = before.strip_suffix("receive(")?.trim_end();
        let r = r
            .strip_suffix(".to")
            .or_else(|| r.strip_suffix(".to_not"))?;
        r.trim_end().strip_suffix(')')?
    };
    let segments = chain_segments(receiver);
    // A test double of the list itself (`messages = double(:messages)`) is named as the
    // client's list is: `expect(messages).to receive(:create)`.
    let double = matches!(segments[..], ["messages" | "calls"]);
    resource_of(&segments, double)
}

/// The identifiers of the receiver chain that ends `text` (`$client->messages`,
/// `client.calls`, `Twilio::REST::Client.new.messages`), in order. The chain starts after
/// the last character no chain holds, whatever it is (`→messages.create(`).
pub(super) fn chain_segments(text: &str) -> Vec<&str> {
    let start = text
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || "_.:>-$@".contains(*c)))
        .map_or(0, |(i, c)| i + c.len_utf8());
    text[start..]
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|s| !s.is_empty())
        .collect()
}

/// How many parentheses are still open at the end of `s` (negative when more close).
fn open_parens(s: &str) -> i32 {
    s.bytes().fold(0i32, |depth, b| match b {
        b'(' => depth + 1,
        b')' => depth - 1,
        _ => depth,
    })
}

/// The resource (`Messages`, `Calls`) a create call's receiver names: reached through a
/// client (`client.messages`, `$twilio->calls`) or named as the library's resource
/// (`MessageResource`, `MessageService`); a bare class (`Message`) only when
/// `bare_class` (the method is the library's own, as twilio-java's `creator`).
pub(super) fn resource_of(segments: &[&str], bare_class: bool) -> Option<&'static str> {
    let last = segments.last()?.to_ascii_lowercase();
    // `MessageService`, `MessageResource`, twilio-ruby's `MessageList`.
    let bare = last
        .strip_suffix("service")
        .or_else(|| last.strip_suffix("resource"))
        .or_else(|| last.strip_suffix("list"));
    let named_as_resource = bare.is_some();
    let bare = bare.unwrap_or(&last);
    let resource = match bare.strip_suffix('s').unwrap_or(bare) {
        "message" => "Messages",
        "call" => "Calls",
        _ => return None,
    };
    (segments.len() >= 2 || named_as_resource || bare_class).then_some(resource)
}
