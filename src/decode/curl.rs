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
            '$' if chars.peek() == Some(&'(') => {
                // A command substitution (`"$(date -u +"%Y…")"`) is part of the word it sits
                // in, whatever spaces and options it holds; kept as written, its inner
                // quotes (which only group the command's own words) left out.
                chars.next();
                in_word = true;
                cur.push_str("$(");
                let mut depth = 1;
                for n in chars.by_ref() {
                    match n {
                        '(' => depth += 1,
                        ')' => depth -= 1,
                        '"' | '\'' => continue,
                        _ => {}
                    }
                    if depth == 0 {
                        break;
                    }
                    cur.push(n);
                }
                cur.push(')');
                if depth > 0 {
                    problem
                        .get_or_insert_with(|| "a $(…) substitution is never closed".to_string());
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

/// The words of a shell command; broken quoting is reported and the rest read as one word.
pub(crate) fn command_words(text: &str, out: &mut Decoded) -> Vec<String> {
    let (words, problem) = shell_words(text);
    if let Some(p) = problem {
        out.findings.push(Finding::new(
            Code::MalformedCurl,
            format!("The command's quoting is broken: {p}; the rest was read as one word."),
        ));
    }
    words
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
    let words = command_words(text, out);
    // Skip a shell prompt and everything before `curl`.
    let start = words
        .iter()
        .position(|w| w == "curl" || w.ends_with("/curl") || w == "curl.exe")
        .map_or(0, |i| i + 1);
    let mut words = Words {
        words: &words[start..],
        next: 0,
    };
    let mut p = Parsed::default();
    while let Some(w) = words.next_word() {
        let Some((flag, attached)) = split_flag(w, &mut p) else {
            continue;
        };
        let mut arg = FlagArg {
            attached,
            missing: false,
        };
        p.apply_flag(flag, &mut arg, &mut words, out);
        if arg.missing {
            out.findings.push(Finding::new(
                Code::MalformedCurl,
                format!("{flag} has no value."),
            ));
        }
    }
    p.into_request(out);
}

/// The command's words after `curl`, read one at a time.
struct Words<'w> {
    words: &'w [String],
    next: usize,
}

impl<'w> Words<'w> {
    fn next_word(&mut self) -> Option<&'w str> {
        let w = self.words.get(self.next)?;
        self.next += 1;
        Some(w)
    }
}

/// The argument of one flag: attached to it (`-XPOST`) or the next word.
struct FlagArg {
    attached: Option<String>,
    /// The flag needed a value and the command ended.
    missing: bool,
}

impl FlagArg {
    fn value(&mut self, words: &mut Words<'_>) -> Option<String> {
        if self.attached.is_some() {
            return self.attached.clone();
        }
        let v = words.next_word().map(str::to_string);
        self.missing = v.is_none();
        v
    }
}

/// A word as a flag and the argument attached to it; `None` for combined flags that take
/// no argument (`-sSL`, remembering `-G`). Other words come back whole (a URL, a flag).
fn split_flag<'w>(w: &'w str, p: &mut Parsed) -> Option<(&'w str, Option<String>)> {
    if w.starts_with("--") || !w.starts_with('-') || w.len() <= 2 || !w.is_char_boundary(2) {
        return Some((w, None));
    }
    if SHORT_WITH_ARG.contains(&w[1..2]) {
        // -XPOST, -d@file
        return Some((&w[..2], Some(w[2..].to_string())));
    }
    // Combined flags (-sSL), possibly ending in one that takes an argument (-sX POST).
    if w[1..].contains('G') {
        p.get = true;
    }
    let (k, ch) = w[1..]
        .char_indices()
        .find(|(_, ch)| SHORT_WITH_ARG.contains(*ch))?;
    let rest = &w[1 + k + ch.len_utf8()..];
    let flag = match ch {
        'X' => "-X",
        'd' => "-d",
        'H' => "-H",
        'u' => "-u",
        'F' => "-F",
        _ => "-o",
    };
    Some((flag, (!rest.is_empty()).then(|| rest.to_string())))
}

impl Parsed {
    /// Applies one flag (or positional word) of the command.
    fn apply_flag(
        &mut self,
        flag: &str,
        arg: &mut FlagArg,
        words: &mut Words<'_>,
        out: &mut Decoded,
    ) {
        match flag {
            "-X" | "--request" => self.method = arg.value(words),
            "-d" | "--data" | "--data-ascii" | "--data-binary" | "--data-raw" => {
                let Some(v) = arg.value(words) else { return };
                if v.starts_with('@') && flag != "--data-raw" {
                    out.findings.push(Finding::new(
                        Code::MalformedCurl,
                        format!("{flag} {v} reads the body from a file, which is not available here; paste the file's content instead."),
                    ));
                } else if flag == "--data-binary" || flag == "--data-raw" {
                    self.data.push(v);
                } else {
                    self.data.push(v.replace(['\r', '\n'], ""));
                }
            }
            "--json" => {
                if let Some(v) = arg.value(words) {
                    self.json = true;
                    self.data.push(v);
                }
            }
            "--data-urlencode" => {
                if let Some(v) = arg.value(words) {
                    self.data.push(data_urlencode(&v, out));
                }
            }
            "-F" | "--form" | "--form-string" => {
                if let Some(v) = arg.value(words) {
                    let (n, val) = v.split_once('=').unwrap_or((&v, ""));
                    self.form_fields.push((n.to_string(), val.to_string()));
                }
            }
            "-H" | "--header" => {
                let Some(v) = arg.value(words) else { return };
                match v.split_once(':') {
                    Some((n, val)) => self.headers.push(Header {
                        name: n.trim().to_string(),
                        value: val.trim().to_string(),
                    }),
                    None => out.findings.push(Finding::new(
                        Code::MalformedCurl,
                        format!("The header {v:?} has no ':'."),
                    )),
                }
            }
            "-u" | "--user" => {
                let Some(v) = arg.value(words) else { return };
                let user = v.split(':').next().unwrap_or("").to_string();
                out.findings.push(Finding::new(
                    Code::CurlCredentials,
                    format!("The command carries credentials for {user} (-u); the password is not kept or shown."),
                ));
                self.user = Some(user).filter(|u| !u.is_empty());
            }
            "--url" => self.url = arg.value(words),
            "-G" | "--get" => self.get = true,
            "-I" | "--head" => self.method = Some("HEAD".into()),
            f if f.starts_with('-') && f.len() > 1 => {
                let takes = if f.starts_with("--") {
                    LONG_WITH_ARG.contains(&f)
                } else {
                    f.get(1..2).is_some_and(|c| SHORT_WITH_ARG.contains(c))
                };
                if takes && arg.attached.is_none() {
                    words.next_word();
                }
            }
            positional => {
                if self.url.is_none() {
                    self.url = Some(positional.to_string());
                } else {
                    out.findings.push(Finding::new(
                        Code::MalformedCurl,
                        format!("{positional:?} was not understood (a second URL, or an unquoted argument) and was ignored."),
                    ));
                }
            }
        }
    }

    /// The request the command sends: method, URL (with `-G` data in the query), the
    /// headers curl adds, and the body's parameters.
    fn into_request(mut self, out: &mut Decoded) {
        let data = self.data.join("&");
        let sends_body = !data.is_empty() && !self.get;
        let mut url = self.url.clone().unwrap_or_default();
        if !url.is_empty() && !url.contains("://") && !url.starts_with('/') {
            url = format!("http://{url}");
        }
        if self.get && !data.is_empty() {
            url.push(if url.contains('?') { '&' } else { '?' });
            url.push_str(&data);
        }
        let default_method = if sends_body || !self.form_fields.is_empty() {
            "POST"
        } else {
            "GET"
        };
        out.method = Some(
            self.method
                .take()
                .map_or_else(|| default_method.into(), |m| m.to_ascii_uppercase()),
        );
        if url.is_empty() {
            out.findings
                .push(Finding::new(Code::MalformedCurl, "The command has no URL."));
        } else {
            apply_url(&url, None, out);
        }
        self.add_implied_headers(sends_body);
        if sends_body {
            self.decode_data(&data, out);
            out.body = Some(data);
        }
        for (n, v) in self.form_fields {
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
        redact_authorization(&mut self.headers, out);
        if out.auth_user.is_none() {
            out.auth_user = self.user;
        }
        out.headers = self.headers;
    }

    fn header(&self, name: &str) -> Option<&Header> {
        self.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
    }

    /// The `Content-Type` (and `Accept` for `--json`) curl adds when the command sets none.
    fn add_implied_headers(&mut self, sends_body: bool) {
        if self.header("Content-Type").is_none() && (sends_body || !self.form_fields.is_empty()) {
            let ct = if self.json {
                "application/json"
            } else if !self.form_fields.is_empty() {
                "multipart/form-data"
            } else {
                "application/x-www-form-urlencoded"
            };
            self.headers.push(Header {
                name: "Content-Type".into(),
                value: ct.into(),
            });
        }
        if self.json && self.header("Accept").is_none() {
            self.headers.push(Header {
                name: "Accept".into(),
                value: "application/json".into(),
            });
        }
    }

    /// The parameters of the data sent as the body: JSON or a form.
    fn decode_data(&self, data: &str, out: &mut Decoded) {
        let ct = self
            .header("Content-Type")
            .map(|h| h.value.to_ascii_lowercase())
            .unwrap_or_default();
        // JSON sent under a form Content-Type (a replay tool's habit) is still JSON.
        if ct.contains("json")
            || data.trim_start().starts_with('{') && data.trim_end().ends_with('}')
        {
            json::decode_json_object(data, None, ParamSource::Json, out);
            return;
        }
        let first = out.findings.len();
        form::parse_pairs(data, ParamSource::Body, None, out);
        // `-d "Body=Test message"`: curl sends the space as typed and servers read it as
        // a space, so it is worth knowing, not a mistake in the capture.
        for f in &mut out.findings[first..] {
            if f.code == Code::RawSpaceInForm && !data.contains(|c: char| c.is_control()) {
                f.severity = crate::finding::Severity::Info;
                f.hint = Some("curl -d sends spaces as typed; servers read them as spaces, but Twilio itself always encodes them ('+').".into());
            }
        }
    }
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
