//! `replay`: send a captured webhook again to a local app, edited and signed afresh for
//! the target URL exactly as Twilio would sign it.

use std::process::ExitCode;

use clap::Args;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use twilio_webhook_inspector::{inspect, sign, InputFormat, Options, ParamSource};

use crate::auth_tokens::AuthTokens;
use crate::listen::{self, Captured};

/// Arguments of `replay`.
#[derive(Args)]
pub(crate) struct ReplayArgs {
    /// A captured request (any format `inspect` reads) or a `listen --record` JSON Lines file.
    capture: String,
    /// The app's URL: the request is signed for it and sent to it.
    #[arg(long)]
    to: String,
    #[command(flatten)]
    auth: AuthTokens,
    /// Set a parameter (`Name=value`, decoded text): replaces it, or appends it when absent.
    #[arg(long = "set", value_name = "NAME=VALUE")]
    set: Vec<String>,
    /// Remove a parameter (every occurrence).
    #[arg(long = "unset", value_name = "NAME")]
    unset: Vec<String>,
    /// Which line of a JSON Lines record to replay (1-based; default the last).
    #[arg(long)]
    pick: Option<usize>,
}

/// What a form encoder leaves as is (`application/x-www-form-urlencoded`).
const FORM: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'*');

/// Runs `replay`. Exit codes: 0 when the app answered below 400, 1 when it answered an
/// error or did not answer, 2 for unusable arguments or an unreadable capture.
pub(crate) fn run(args: ReplayArgs) -> ExitCode {
    let input = match read_capture(&args.capture, args.pick) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let mut pairs = form_pairs(&input);
    if let Err(e) = edit(&mut pairs, &args.set, &args.unset) {
        eprintln!("error: {e}");
        return ExitCode::from(2);
    }
    let body = pairs
        .iter()
        .map(|(n, v)| format!("{n}={v}"))
        .collect::<Vec<_>>()
        .join("&");
    let content_type = "application/x-www-form-urlencoded";
    let mut headers = vec![
        ("Content-Type".to_string(), content_type.to_string()),
        ("User-Agent".to_string(), "TwilioProxy/1.1".to_string()),
    ];
    let mut url = args.to.clone();
    let mut body_to_send = body.clone();
    if args.auth.auth_tokens.iter().all(|t| t.trim().is_empty()) {
        println!("no auth token: sending unsigned (no X-Twilio-Signature)");
    } else {
        let options = Options {
            format: Some(InputFormat::Form),
            method: Some("POST".to_string()),
            url: Some(args.to.clone()),
            content_type: Some(content_type.to_string()),
            auth_tokens: args.auth.auth_tokens.clone(),
            ..Options::default()
        };
        match sign(&body, &options) {
            Ok(signed) => {
                println!("X-Twilio-Signature: {}", signed.signature);
                println!("string to sign: {}", signed.string_to_sign);
                headers.push(("X-Twilio-Signature".to_string(), signed.signature));
                url = signed.url;
                body_to_send = signed.body;
            }
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        }
    }
    send_and_print(&url, headers, body_to_send)
}

/// Sends the POST and prints the app's answer.
fn send_and_print(url: &str, headers: Vec<(String, String)>, body: String) -> ExitCode {
    let captured = Captured {
        method: "POST".to_string(),
        target: String::new(),
        headers,
        body: body.into_bytes(),
    };
    println!("POST {url} ({} bytes)", captured.body.len());
    match listen::send(&listen::agent(), url, &captured) {
        Ok(answer) => {
            println!(
                "app: {} {}",
                answer.status,
                answer
                    .content_type
                    .as_deref()
                    .unwrap_or("(no content type)")
            );
            println!("{}", String::from_utf8_lossy(&answer.body));
            ExitCode::from(u8::from(answer.status >= 400))
        }
        Err(why) => {
            println!("the app at {url} did not answer: {why}");
            ExitCode::from(1)
        }
    }
}

/// The capture's request text: the whole file, or for a JSON Lines record the picked line's
/// `input` (or a request rebuilt from its `method`, `url`, `headers` and `body`).
fn read_capture(path: &str, pick: Option<usize>) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty())
        .collect();
    let records: Option<Vec<(usize, serde_json::Value)>> = lines
        .iter()
        .map(|(n, l)| {
            serde_json::from_str::<serde_json::Value>(l)
                .ok()
                .filter(|v| v.get("input").is_some() || v.get("body").is_some())
                .map(|v| (*n, v))
        })
        .collect();
    let records = match records {
        Some(r) if !r.is_empty() => r,
        _ => {
            if pick.is_some() {
                return Err(format!(
                    "{path} is not a JSON Lines record: --pick needs one"
                ));
            }
            return Ok(text);
        }
    };
    let chosen = match pick {
        None => records.last(),
        Some(n) => records.iter().find(|(line, _)| *line == n),
    };
    let (_, record) = chosen
        .ok_or_else(|| format!("{path} has no record on line {}", pick.unwrap_or_default()))?;
    Ok(request_of_record(record))
}

/// The request text of one record line.
fn request_of_record(record: &serde_json::Value) -> String {
    if let Some(input) = record.get("input").and_then(|v| v.as_str()) {
        return input.to_string();
    }
    let s = |k: &str| record.get(k).and_then(|v| v.as_str()).unwrap_or("");
    let target = s("url")
        .split_once("://")
        .and_then(|(_, rest)| rest.find('/').map(|i| rest[i..].to_string()))
        .unwrap_or_else(|| "/".to_string());
    let method = if s("method").is_empty() {
        "POST"
    } else {
        s("method")
    };
    let mut text = format!("{method} {target} HTTP/1.1\r\n");
    for h in record
        .get("headers")
        .and_then(|v| v.as_array())
        .into_iter()
        .flatten()
    {
        if let (Some(n), Some(v)) = (
            h.get(0).and_then(|x| x.as_str()),
            h.get(1).and_then(|x| x.as_str()),
        ) {
            text += &format!("{n}: {v}\r\n");
        }
    }
    text += "\r\n";
    text += s("body");
    text
}

/// The request's parameters in wire order, form-encoded (as written when they came from a
/// query or form body, encoded afresh when they came from JSON or XML).
fn form_pairs(input: &str) -> Vec<(String, String)> {
    let report = inspect(input, &Options::default());
    report
        .fields
        .iter()
        .filter_map(|f| match f.source {
            ParamSource::Query | ParamSource::Body => {
                Some((f.raw_name.clone(), f.raw_value.clone()))
            }
            ParamSource::Json | ParamSource::Xml => Some((encode(&f.name), encode(&f.value))),
            _ => None,
        })
        .collect()
}

fn encode(s: &str) -> String {
    utf8_percent_encode(s, FORM).to_string()
}

fn decode(raw: &str) -> String {
    percent_encoding::percent_decode_str(&raw.replace('+', " "))
        .decode_utf8_lossy()
        .into_owned()
}

/// Applies `--unset` then `--set`: a set parameter replaces the first occurrence (dropping
/// repeats) or is appended.
fn edit(pairs: &mut Vec<(String, String)>, set: &[String], unset: &[String]) -> Result<(), String> {
    for name in unset {
        pairs.retain(|(n, _)| decode(n) != *name);
    }
    for assignment in set {
        let (name, value) = assignment
            .split_once('=')
            .ok_or_else(|| format!("--set {assignment}: expected Name=value"))?;
        let new = (encode(name), encode(value));
        match pairs.iter().position(|(n, _)| decode(n) == name) {
            Some(i) => {
                pairs[i] = new;
                let mut seen = 0;
                pairs.retain(|(n, _)| {
                    let same = decode(n) == name;
                    seen += usize::from(same);
                    !same || seen == 1
                });
            }
            None => pairs.push(new),
        }
    }
    Ok(())
}
