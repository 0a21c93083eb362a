//! `twilio` CLI commands (`twilio api:core:calls:create --to … --from … --url …`), read as
//! the REST request they send: kebab-case flags become Twilio's PascalCase parameters
//! (`--status-callback-event` → `StatusCallbackEvent`), the method and the REST path follow
//! from the command (`create` → `POST …/Calls.json`). Words are split by the curl decoder's
//! shell tokenizer (quotes, `\` continuations).

use super::curl::shell_words;
use super::url::apply_url;
use super::{form, Decoded};
use crate::finding::{Code, Finding};
use crate::report::{Header, ParamSource};

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

/// Decodes a `twilio api:<domain>:<resource…>:<action>` command.
pub(crate) fn decode_twilio_cli(text: &str, out: &mut Decoded) {
    let (words, problem) = shell_words(text);
    if let Some(p) = problem {
        out.findings.push(Finding::new(
            Code::MalformedCurl,
            format!("The command's quoting is broken: {p}; the rest was read as one word."),
        ));
    }
    let start = words
        .iter()
        .position(|w| w.starts_with("api:"))
        .unwrap_or(0);
    let command = words.get(start).cloned().unwrap_or_default();
    let parts: Vec<&str> = command.split(':').collect();
    let action = parts.last().copied().unwrap_or("");
    let resources: Vec<&str> = parts
        .get(2..parts.len().saturating_sub(1))
        .unwrap_or(&[])
        .to_vec();
    let flag_list = flags(words.get(start + 1..).unwrap_or(&[]));
    let mut account = None;
    let mut sid = None;
    let mut body = Vec::new();
    for (flag, values) in flag_list {
        match flag.as_str() {
            "--account-sid" => account = values.first().cloned(),
            "--sid" => sid = values.first().cloned(),
            f => {
                if let Some((_, takes)) = CLI_OPTIONS.iter().find(|(o, _)| *o == f) {
                    // A CLI option: its value (if any) is not a parameter; extra words are.
                    let extra = usize::from(*takes).min(values.len());
                    if values.len() > extra {
                        out.findings.push(Finding::new(
                            Code::MalformedCurl,
                            format!(
                                "{:?} after {f} was not understood and was ignored.",
                                values.get(extra..).unwrap_or(&[]).join(" ")
                            ),
                        ));
                    }
                    continue;
                }
                let name = pascal(f.trim_start_matches('-'));
                if values.is_empty() {
                    // A boolean switch (`--record`).
                    body.push(format!("{}=true", form::urlencode(&name)));
                }
                for v in values {
                    body.push(format!(
                        "{}={}",
                        form::urlencode(&name),
                        form::urlencode(&v)
                    ));
                }
            }
        }
    }
    let method = match action {
        "create" | "update" => "POST",
        "remove" | "delete" => "DELETE",
        _ => "GET",
    };
    let domain = parts.get(1).copied().unwrap_or("core");
    let url = rest_url(domain, &resources, account.as_deref(), sid.as_deref());
    out.method = Some(method.to_string());
    apply_url(&url, None, out);
    let data = body.join("&");
    if !data.is_empty() {
        out.headers.push(Header {
            name: "Content-Type".into(),
            value: "application/x-www-form-urlencoded".into(),
        });
        form::parse_pairs(&data, ParamSource::Body, None, out);
        out.body = Some(data);
    }
    let account_note = if account.is_some() {
        String::new()
    } else {
        format!(" (no --account-sid: the path shows {PLACEHOLDER_ACCOUNT_SID})")
    };
    out.findings.push(Finding::new(
        Code::WrapperUnwrapped,
        format!("Read the `twilio {command}` command as the request it sends: {method} {url}{account_note}."),
    ));
}

/// The REST URL of a `core` (2010-04-01) resource; other domains get `https://<domain>.twilio.com/v1/…`.
fn rest_url(domain: &str, resources: &[&str], account: Option<&str>, sid: Option<&str>) -> String {
    let mut path: Vec<String> = resources.iter().map(|r| pascal(r)).collect();
    if let Some(s) = sid {
        path.push(s.to_string());
    }
    let tail = path.join("/");
    if domain == "core" {
        let account = account.unwrap_or(PLACEHOLDER_ACCOUNT_SID);
        if tail.is_empty() {
            format!("https://api.twilio.com/2010-04-01/Accounts/{account}.json")
        } else {
            format!("https://api.twilio.com/2010-04-01/Accounts/{account}/{tail}.json")
        }
    } else {
        format!("https://{domain}.twilio.com/v1/{tail}")
    }
}
