//! curl command lines as in Twilio's docs and browser dev tools ("Copy as cURL"): `-X`,
//! `-d`/`--data*`, `--data-urlencode`, `--json`, `-G`, `-F`, `-u`, `-H`, `\` / `^` line
//! continuations, single, double and `$'…'` quoting.

use super::http::redact_authorization;
use super::url::apply_url;
use super::{form, json, Decoded};
use crate::finding::{Code, Finding};
use crate::report::{Header, ParamSource};

/// Splits a shell command line into words (POSIX shell quoting, `$'…'`, line continuations).
/// Returns the words and a description of any quoting problem.
pub(crate) fn shell_words(s: &str) -> (Vec<String>, Option<String>) {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut problem = None;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' | '\r' | '\n' => {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            '\\' => match chars.next() {
                Some('\n') => {}
                Some('\r') if chars.peek() == Some(&'\n') => {
                    chars.next();
                }
                Some('\r') => {}
                Some(n) => {
                    cur.push(n);
                    in_word = true;
                }
                None => {}
            },
            '^' | '`' if matches!(chars.peek(), Some('\n' | '\r')) => {
                // cmd.exe (^) and PowerShell (`) line continuations.
                while matches!(chars.peek(), Some('\n' | '\r')) {
                    chars.next();
                }
            }
            '\'' => {
                in_word = true;
                let mut closed = false;
                for n in chars.by_ref() {
                    if n == '\'' {
                        closed = true;
                        break;
                    }
                    cur.push(n);
                }
                if !closed {
                    problem.get_or_insert_with(|| "a single quote is never closed".to_string());
                }
            }
            '"' => {
                in_word = true;
                let mut closed = false;
                while let Some(n) = chars.next() {
                    match n {
                        '"' => {
                            closed = true;
                            break;
                        }
                        '\\' => match chars.peek() {
                            Some('"' | '\\' | '$' | '`') => cur.push(chars.next().unwrap_or('\\')),
                            Some('\n') => {
                                chars.next();
                            }
                            _ => cur.push('\\'),
                        },
                        _ => cur.push(n),
                    }
                }
                if !closed {
                    problem.get_or_insert_with(|| "a double quote is never closed".to_string());
                }
            }
            '$' if chars.peek() == Some(&'\'') => {
                chars.next();
                in_word = true;
                if !ansi_c(&mut chars, &mut cur) {
                    problem.get_or_insert_with(|| "a $'…' string is never closed".to_string());
                }
            }
            '#' if !in_word => {
                // A comment to the end of the line.
                for n in chars.by_ref() {
                    if n == '\n' {
                        break;
                    }
                }
            }
            _ => {
                cur.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(cur);
    }
    (words, problem)
}

/// Reads the body of a `$'…'` string (after the opening quote). False when unterminated.
fn ansi_c(chars: &mut std::iter::Peekable<std::str::Chars<'_>>, cur: &mut String) -> bool {
    while let Some(n) = chars.next() {
        match n {
            '\'' => return true,
            '\\' => {
                let Some(e) = chars.next() else { return false };
                match e {
                    'n' => cur.push('\n'),
                    't' => cur.push('\t'),
                    'r' => cur.push('\r'),
                    '0' => cur.push('\0'),
                    'a' => cur.push('\u{7}'),
                    'b' => cur.push('\u{8}'),
                    'e' | 'E' => cur.push('\u{1b}'),
                    'f' => cur.push('\u{c}'),
                    'v' => cur.push('\u{b}'),
                    'x' | 'u' | 'U' => {
                        let max = match e {
                            'x' => 2,
                            'u' => 4,
                            _ => 8,
                        };
                        let mut hex = String::new();
                        while hex.len() < max && chars.peek().is_some_and(|c| c.is_ascii_hexdigit())
                        {
                            hex.push(chars.next().unwrap_or('0'));
                        }
                        match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                            Some(c) if !hex.is_empty() => cur.push(c),
                            _ => {
                                cur.push('\\');
                                cur.push(e);
                                cur.push_str(&hex);
                            }
                        }
                    }
                    other => cur.push(other),
                }
            }
            _ => cur.push(n),
        }
    }
    false
}

/// Short options that take an argument.
const SHORT_WITH_ARG: &str = "XdHuAebcomFTxwEKrYyzCUQ";
/// Long options that take an argument (besides the data and header ones handled directly).
const LONG_WITH_ARG: [&str; 28] = [
    "--user-agent",
    "--referer",
    "--cookie",
    "--cookie-jar",
    "--output",
    "--max-time",
    "--connect-timeout",
    "--upload-file",
    "--proxy",
    "--write-out",
    "--cert",
    "--cacert",
    "--config",
    "--range",
    "--resolve",
    "--retry",
    "--limit-rate",
    "--interface",
    "--proxy-user",
    "--oauth2-bearer",
    "--key",
    "--capath",
    "--retry-delay",
    "--retry-max-time",
    "--max-redirs",
    "--dns-servers",
    "--unix-socket",
    "--aws-sigv4",
];

#[derive(Default)]
struct Parsed {
    method: Option<String>,
    url: Option<String>,
    data: Vec<String>,
    form_fields: Vec<(String, String)>,
    headers: Vec<Header>,
    get: bool,
    json: bool,
    user: Option<String>,
}

/// Decodes a curl command.
pub(crate) fn decode_curl(text: &str, out: &mut Decoded) {
    let (words, problem) = shell_words(text);
    if let Some(p) = problem {
        out.findings.push(Finding::new(
            Code::MalformedCurl,
            format!("The command's quoting is broken: {p}; the rest was read as one word."),
        ));
    }
    // Skip a shell prompt and everything before `curl`.
    let mut i = words
        .iter()
        .position(|w| w == "curl" || w.ends_with("/curl") || w == "curl.exe")
        .map(|i| i + 1)
        .unwrap_or(0);
    let mut p = Parsed::default();
    while i < words.len() {
        let w = words[i].as_str();
        i += 1;
        let (flag, attached): (&str, Option<String>) =
            if w.starts_with("--") || !w.starts_with('-') || w.len() <= 2 || !w.is_char_boundary(2)
            {
                (w, None)
            } else if SHORT_WITH_ARG.contains(&w[1..2]) {
                // -XPOST, -d@file
                (&w[..2], Some(w[2..].to_string()))
            } else {
                // Combined flags (-sSL), possibly ending in one that takes an argument (-sX POST).
                if w[1..].contains('G') {
                    p.get = true;
                }
                match w[1..]
                    .char_indices()
                    .find(|(_, ch)| SHORT_WITH_ARG.contains(*ch))
                {
                    Some((k, ch)) => {
                        let rest = &w[1 + k + ch.len_utf8()..];
                        let flag = match ch {
                            'X' => "-X",
                            'd' => "-d",
                            'H' => "-H",
                            'u' => "-u",
                            'F' => "-F",
                            _ => "-o",
                        };
                        (flag, (!rest.is_empty()).then(|| rest.to_string()))
                    }
                    None => continue,
                }
            };
        let mut missing_value = false;
        let mut value = |_flag: &str| -> Option<String> {
            if attached.is_some() {
                return attached.clone();
            }
            let v = words.get(i).cloned();
            match v {
                Some(_) => i += 1,
                None => missing_value = true,
            }
            v
        };
        match flag {
            "-X" | "--request" => p.method = value(flag),
            "-d" | "--data" | "--data-ascii" | "--data-binary" | "--data-raw" => {
                if let Some(v) = value(flag) {
                    if v.starts_with('@') && flag != "--data-raw" {
                        out.findings.push(Finding::new(
                            Code::MalformedCurl,
                            format!("{flag} {v} reads the body from a file, which is not available here; paste the file's content instead."),
                        ));
                    } else {
                        let v = if flag == "--data-binary" || flag == "--data-raw" {
                            v
                        } else {
                            v.replace(['\r', '\n'], "")
                        };
                        p.data.push(v);
                    }
                }
            }
            "--json" => {
                if let Some(v) = value(flag) {
                    p.json = true;
                    p.data.push(v);
                }
            }
            "--data-urlencode" => {
                if let Some(v) = value(flag) {
                    p.data.push(data_urlencode(&v, out));
                }
            }
            "-F" | "--form" | "--form-string" => {
                if let Some(v) = value(flag) {
                    let (n, val) = v.split_once('=').unwrap_or((&v, ""));
                    p.form_fields.push((n.to_string(), val.to_string()));
                }
            }
            "-H" | "--header" => {
                if let Some(v) = value(flag) {
                    match v.split_once(':') {
                        Some((n, val)) => p.headers.push(Header {
                            name: n.trim().to_string(),
                            value: val.trim().to_string(),
                        }),
                        None => out.findings.push(Finding::new(
                            Code::MalformedCurl,
                            format!("The header {v:?} has no ':'."),
                        )),
                    }
                }
            }
            "-u" | "--user" => {
                if let Some(v) = value(flag) {
                    let user = v.split(':').next().unwrap_or("").to_string();
                    out.findings.push(Finding::new(
                        Code::CurlCredentials,
                        format!("The command carries credentials for {user} (-u); the password is not kept or shown."),
                    ));
                    p.user = Some(user).filter(|u| !u.is_empty());
                }
            }
            "--url" => p.url = value(flag),
            "-G" | "--get" => p.get = true,
            "-I" | "--head" => p.method = Some("HEAD".into()),
            f if f.starts_with('-') && f.len() > 1 => {
                let takes = if f.starts_with("--") {
                    LONG_WITH_ARG.contains(&f)
                } else {
                    f.get(1..2).is_some_and(|c| SHORT_WITH_ARG.contains(c))
                };
                if takes && attached.is_none() {
                    i += 1;
                }
            }
            positional => {
                if p.url.is_none() {
                    p.url = Some(positional.to_string());
                } else {
                    out.findings.push(Finding::new(
                        Code::MalformedCurl,
                        format!("{positional:?} was not understood (a second URL, or an unquoted argument) and was ignored."),
                    ));
                }
            }
        }
        if missing_value {
            out.findings.push(Finding::new(
                Code::MalformedCurl,
                format!("{flag} has no value."),
            ));
        }
    }

    let data = p.data.join("&");
    let mut url = p.url.clone().unwrap_or_default();
    if !url.is_empty() && !url.contains("://") && !url.starts_with('/') {
        url = format!("http://{url}");
    }
    if p.get && !data.is_empty() {
        url.push(if url.contains('?') { '&' } else { '?' });
        url.push_str(&data);
    }
    out.method = Some(
        p.method
            .clone()
            .map(|m| m.to_ascii_uppercase())
            .unwrap_or_else(|| {
                if (!data.is_empty() && !p.get) || !p.form_fields.is_empty() {
                    "POST".into()
                } else {
                    "GET".into()
                }
            }),
    );
    if url.is_empty() {
        out.findings
            .push(Finding::new(Code::MalformedCurl, "The command has no URL."));
    } else {
        apply_url(&url, None, out);
    }
    let has_ct = p
        .headers
        .iter()
        .any(|h| h.name.eq_ignore_ascii_case("Content-Type"));
    if !has_ct && (!data.is_empty() && !p.get || !p.form_fields.is_empty()) {
        let ct = if p.json {
            "application/json"
        } else if !p.form_fields.is_empty() {
            "multipart/form-data"
        } else {
            "application/x-www-form-urlencoded"
        };
        p.headers.push(Header {
            name: "Content-Type".into(),
            value: ct.into(),
        });
    }
    if p.json
        && !p
            .headers
            .iter()
            .any(|h| h.name.eq_ignore_ascii_case("Accept"))
    {
        p.headers.push(Header {
            name: "Accept".into(),
            value: "application/json".into(),
        });
    }
    if !data.is_empty() && !p.get {
        let ct = p
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case("Content-Type"))
            .map(|h| h.value.to_ascii_lowercase())
            .unwrap_or_default();
        // JSON sent under a form Content-Type (a replay tool's habit) is still JSON.
        if ct.contains("json")
            || data.trim_start().starts_with('{') && data.trim_end().ends_with('}')
        {
            json::decode_json_object(&data, None, ParamSource::Json, out);
        } else {
            let first = out.findings.len();
            form::parse_pairs(&data, ParamSource::Body, None, out);
            // `-d "Body=Test message"`: curl sends the space as typed and servers read it as
            // a space, so it is worth knowing, not a mistake in the capture.
            for f in &mut out.findings[first..] {
                if f.code == Code::RawSpaceInForm && !data.contains(|c: char| c.is_control()) {
                    f.severity = crate::finding::Severity::Info;
                    f.hint = Some("curl -d sends spaces as typed; servers read them as spaces, but Twilio itself always encodes them ('+').".into());
                }
            }
        }
        out.body = Some(data);
    }
    for (n, v) in p.form_fields {
        out.pairs.push(crate::report::RawPair {
            source: ParamSource::Body,
            raw_name: n.clone(),
            raw_value: v.clone(),
            name: n,
            value: v,
            no_equals: false,
            non_literal: false,
        });
    }
    redact_authorization(&mut p.headers, out);
    if out.auth_user.is_none() {
        out.auth_user = p.user;
    }
    out.headers = p.headers;
}

/// `--data-urlencode` content: `name=value` → `name=` + encoded value; `=value` and
/// `value` → encoded value; `name@file` cannot be read here.
fn data_urlencode(v: &str, out: &mut Decoded) -> String {
    if let Some((name, value)) = v.split_once('=') {
        if name.is_empty() {
            return form::urlencode(value);
        }
        return format!("{name}={}", form::urlencode(value));
    }
    if let Some((name, file)) = v.split_once('@') {
        out.findings.push(Finding::new(
            Code::MalformedCurl,
            format!("--data-urlencode {v} reads {file} from a file, which is not available here."),
        ));
        return name.to_string();
    }
    form::urlencode(v)
}
