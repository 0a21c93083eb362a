//! `twilio` CLI commands (`twilio api:core:calls:create --to … --from … --url …`), read as
//! the REST request they send: kebab-case flags become Twilio's PascalCase parameters
//! (`--status-callback-event` → `StatusCallbackEvent`), the method and the REST path follow
//! from the command (`create` → `POST …/Calls.json`). Words are split by the curl decoder's
//! shell tokenizer (quotes, `\` continuations).

use super::curl::command_words;
use super::url::apply_url;
use super::{form, Decoded};
use crate::finding::{Code, Finding};
use crate::report::{Header, InputFormat, ParamSource};

/// The AccountSid shown in the path when the command does not give `--account-sid`.
pub(crate) const PLACEHOLDER_ACCOUNT_SID: &str = "ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX";

/// Options of the CLI itself, not API parameters (with whether they take a value).
const CLI_OPTIONS: [(&str, bool); 10] = [
    ("--output", true),
    ("-o", true),
    ("--properties", true),
    ("--profile", true),
    ("-p", true),
    ("--cli-log-level", true),
    ("-l", true),
    ("--limit", true),
    ("--page-size", true),
    ("--no-header", false),
];

/// True when the text is a `twilio api:…` command.
pub(crate) fn looks_like_twilio_cli(t: &str) -> bool {
    let t = t.trim_start().trim_start_matches("$ ");
    t.strip_prefix("twilio")
        .is_some_and(|r| r.starts_with([' ', '\t']) && r.trim_start().starts_with("api:"))
}

/// `calls` → `Calls`, `incoming-phone-numbers` → `IncomingPhoneNumbers`.
fn pascal(kebab: &str) -> String {
    kebab
        .split(['-', '_'])
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(f) => f.to_uppercase().chain(cs).collect::<String>(),
                None => String::new(),
            }
        })
        .collect()
}

/// The flags of the command as `(name, values)`: `--flag v1 v2` and `--flag=v`.
fn flags(words: &[String]) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for w in words {
        if w.starts_with('-') && w.len() > 1 && !w.starts_with("-1") && w.parse::<f64>().is_err() {
            match w.split_once('=') {
                Some((f, v)) if f.starts_with("--") => {
                    out.push((f.to_string(), vec![v.to_string()]))
                }
                _ => out.push((w.to_string(), Vec::new())),
            }
        } else if let Some(last) = out.last_mut() {
            last.1.push(w.to_string());
        }
    }
    out
}

/// A `twilio api:…` command, read.
#[derive(Default)]
struct Command {
    /// `core`, `messaging`…
    domain: String,
    /// `calls`, `recordings`… (kebab-case, as written).
    resources: Vec<String>,
    /// `create`, `update`, `fetch`, `list`, `remove`.
    action: String,
    account: Option<String>,
    sid: Option<String>,
    /// `--call-sid CA…` for the parent resource `calls`: (flag, value).
    parent_sids: Vec<(String, String)>,
    /// API parameters in order: (PascalCase name, value).
    params: Vec<(String, String)>,
}

/// Decodes a `twilio api:<domain>:<resource…>:<action>` command.
pub(crate) fn decode_twilio_cli(text: &str, out: &mut Decoded) {
    let words = command_words(text, out);
    let start = words
        .iter()
        .position(|w| w.starts_with("api:"))
        .unwrap_or(0);
    let name = words.get(start).cloned().unwrap_or_default();
    let cmd = parse_command(&name, words.get(start + 1..).unwrap_or(&[]), out);
    let method = match cmd.action.as_str() {
        "create" | "update" => "POST",
        "remove" | "delete" => "DELETE",
        _ => "GET",
    };
    let encoded: Vec<String> = cmd
        .params
        .iter()
        .map(|(n, v)| format!("{}={}", form::urlencode(n), form::urlencode(v)))
        .collect();
    let data = encoded.join("&");
    let mut url = rest_url(&cmd);
    if method != "POST" && !data.is_empty() {
        // Reads send their parameters (filters, page size) in the query string.
        url = format!("{url}?{data}");
    }
    // Reported as what it sends: a form body, or (for reads) a URL with its query.
    out.format = Some(if method == "POST" {
        InputFormat::Form
    } else {
        InputFormat::Url
    });
    out.method = Some(method.to_string());
    apply_url(&url, None, out);
    if method == "POST" && !data.is_empty() {
        out.headers.push(Header {
            name: "Content-Type".into(),
            value: "application/x-www-form-urlencoded".into(),
        });
        form::parse_pairs(&data, ParamSource::Body, None, out);
        out.body = Some(data);
    }
    let account_note = if cmd.account.is_some() || cmd.domain != "core" {
        String::new()
    } else {
        format!(" (no --account-sid: the path shows {PLACEHOLDER_ACCOUNT_SID})")
    };
    out.findings.push(Finding::new(
        Code::WrapperUnwrapped,
        format!("Read the `twilio {name}` command as the request it sends: {method} {url}{account_note}."),
    ));
}

/// Splits `api:<domain>:<resource…>:<action>` and sorts the flags into path SIDs, CLI options
/// (dropped) and API parameters.
fn parse_command(name: &str, words: &[String], out: &mut Decoded) -> Command {
    let parts: Vec<&str> = name.split(':').collect();
    let mut cmd = Command {
        domain: parts.get(1).copied().unwrap_or("core").to_string(),
        action: parts.last().copied().unwrap_or("").to_string(),
        resources: parts
            .get(2..parts.len().saturating_sub(1))
            .unwrap_or(&[])
            .iter()
            .map(|r| r.to_string())
            .collect(),
        ..Command::default()
    };
    let parent_flags: Vec<String> = cmd
        .resources
        .iter()
        .map(|r| format!("--{}-sid", r.strip_suffix('s').unwrap_or(r)))
        .collect();
    for (flag, values) in flags(words) {
        let first = values.first().cloned();
        match flag.as_str() {
            "--account-sid" => cmd.account = first,
            "--sid" => cmd.sid = first,
            f if parent_flags.iter().any(|p| p == f) => {
                cmd.parent_sids
                    .push((f.to_string(), first.unwrap_or_default()));
            }
            f => {
                if let Some((_, takes)) = CLI_OPTIONS.iter().find(|(o, _)| *o == f) {
                    cli_option(f, *takes, &values, out);
                    continue;
                }
                let param = pascal(f.trim_start_matches('-'));
                if values.is_empty() {
                    // A boolean switch (`--record`).
                    cmd.params.push((param.clone(), "true".into()));
                }
                cmd.params
                    .extend(values.into_iter().map(|v| (param.clone(), v)));
            }
        }
    }
    cmd
}

/// A CLI option (`-o json`): its value, if it takes one, is not a parameter; extra words are
/// reported.
fn cli_option(flag: &str, takes: bool, values: &[String], out: &mut Decoded) {
    let extra = usize::from(takes).min(values.len());
    let rest = values.get(extra..).unwrap_or(&[]);
    if !rest.is_empty() {
        out.findings.push(Finding::new(
            Code::MalformedCurl,
            format!(
                "{:?} after {flag} was not understood and was ignored.",
                rest.join(" ")
            ),
        ));
    }
}

/// The REST URL: `core` resources live under `https://api.twilio.com/2010-04-01/Accounts/{sid}`
/// (`….json`), with parent SIDs between nested resources (`Calls/CA…/Recordings`); other
/// domains are `https://<domain>.twilio.com/<version>/…`.
fn rest_url(cmd: &Command) -> String {
    let mut path: Vec<String> = Vec::new();
    let mut resources = cmd.resources.iter().peekable();
    let version = if cmd.domain == "core" {
        None
    } else {
        resources.next_if(|r| is_version(r)).cloned()
    };
    while let Some(r) = resources.next() {
        path.push(pascal(r));
        let parent = format!("--{}-sid", r.strip_suffix('s').unwrap_or(r));
        if resources.peek().is_some() {
            if let Some((_, sid)) = cmd.parent_sids.iter().find(|(f, _)| *f == parent) {
                path.push(sid.clone());
            }
        }
    }
    if let Some(s) = &cmd.sid {
        path.push(s.clone());
    }
    let tail = path.join("/");
    if cmd.domain == "core" {
        let account = cmd.account.as_deref().unwrap_or(PLACEHOLDER_ACCOUNT_SID);
        let sep = if tail.is_empty() { "" } else { "/" };
        format!("https://api.twilio.com/2010-04-01/Accounts/{account}{sep}{tail}.json")
    } else {
        let version = version.unwrap_or_else(|| "v1".into());
        format!("https://{}.twilio.com/{version}/{tail}", cmd.domain)
    }
}

/// `v1`, `v2`, `v2010`: a version segment of a non-core command.
fn is_version(r: &str) -> bool {
    r.strip_prefix('v')
        .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
}
