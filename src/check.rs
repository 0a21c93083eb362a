//! Value checks: one function per value type, plus the cross-field rules.
//!
//! Each check returns a human display of the value (ISO date, formatted number,
//! duration in words…) and findings. Nothing here knows about particular parameter names
//! except the cross-field rules at the bottom, which are the documented relationships
//! between parameters (NumMedia vs MediaUrl{N}, aliases, Duration vs CallDuration…).

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};

use crate::catalog::{self, ApiVersion, ParamSpec, ValueType};
use crate::finding::{Code, Finding, Severity};

mod country;
mod phone;
use phone::check_phone;

/// Display text and findings for one value.
#[derive(Debug, Default)]
pub(crate) struct Checked {
    pub display: Option<String>,
    pub findings: Vec<Finding>,
}

impl Checked {
    fn push(&mut self, f: Finding) {
        self.findings.push(f);
    }
}

/// Checks one value against its catalog row.
pub(crate) fn check_value(
    spec: &ParamSpec,
    name: &str,
    value: &str,
    api: Option<ApiVersion>,
    webhook: bool,
) -> Checked {
    let mut out = Checked::default();
    let v = value.trim();
    if v.is_empty() {
        // Empty values are normal for optional geo fields and empty XML elements.
        return out;
    }
    let subject = Subject {
        name,
        value,
        v,
        api,
        webhook,
    };
    match spec.value_type {
        ValueType::Text { max_len } => {
            check_text(&mut out, &subject, max_len);
            // The catalog types every `…Country` parameter as text Twilio fills with an
            // ISO 3166-1 alpha-2 code (FromCountry, ToCountry, CallerCountry…).
            if spec.name.ends_with("Country") {
                country::check_country(&mut out, &subject);
            }
        }
        ValueType::Twiml { max_len } => check_twiml(&mut out, &subject, max_len),
        ValueType::Sid { prefixes } => check_sid(&mut out, name, v, prefixes),
        ValueType::Phone { style } => check_phone(&mut out, name, v, style, api, webhook),
        ValueType::Rfc2822Date => check_rfc2822_date(&mut out, &subject),
        ValueType::DateYmd => check_date_ymd(&mut out, &subject),
        ValueType::Iso8601 => check_iso8601(&mut out, &subject),
        ValueType::Yymmddhhmm => check_carrier_timestamp(&mut out, &subject),
        ValueType::Enum { id } => check_enum(&mut out, name, v, id, api),
        ValueType::RepeatedEnum { id } | ValueType::SpaceSeparatedEnum { id } => {
            check_enum_list(&mut out, &subject, spec.value_type, id)
        }
        ValueType::Integer {
            min,
            max,
            soft,
            unit,
        } => check_integer(&mut out, &subject, min, max, soft, unit),
        ValueType::Decimal => check_decimal(&mut out, &subject),
        ValueType::Bool => check_boolean(&mut out, &subject),
        ValueType::Url => check_url(&mut out, name, v),
        ValueType::Digits { alphabet, max_len } => {
            check_digits(&mut out, &subject, alphabet, max_len)
        }
        ValueType::MimeType => check_mime_type(&mut out, &subject),
        ValueType::JsonText => check_json_text(&mut out, &subject),
        ValueType::Jwt => check_jwt(&mut out, &subject),
        ValueType::Bitmask => check_bitmask(&mut out, &subject),
        ValueType::Currency => check_currency(&mut out, &subject),
        ValueType::Token | ValueType::Object => {}
    }
    out
}

/// The value being checked, and what it is judged against.
#[derive(Clone, Copy)]
struct Subject<'a> {
    /// The parameter's name.
    name: &'a str,
    /// The value as sent.
    value: &'a str,
    /// The value trimmed.
    v: &'a str,
    /// The request's API version.
    api: Option<ApiVersion>,
    /// Twilio sent it (a webhook), rather than an app.
    webhook: bool,
}

/// Free text: only its length limit.
fn check_text(out: &mut Checked, x: &Subject, max_len: Option<u32>) {
    let Subject {
        name, value, api, ..
    } = *x;
    let f = |code: Code, msg: String| Finding::new(code, msg).param(name);
    if let Some(max) = max_len {
        let n = value.chars().count();
        if n > max as usize {
            out.push(
                f(
                    Code::TooLong,
                    format!(
                        "{name} is {n} characters long; the limit is {max}{}.",
                        api.map(|a| format!(" in API {}", a.as_str()))
                            .unwrap_or_default()
                    ),
                )
                .hint("Twilio rejects or splits longer values; shorten it."),
            );
        }
    }
}

/// Inline TwiML: its length and that it is a <Response> document.
fn check_twiml(out: &mut Checked, x: &Subject, max_len: Option<u32>) {
    let Subject { name, value, v, .. } = *x;
    let f = |code: Code, msg: String| Finding::new(code, msg).param(name);
    if let Some(max) = max_len {
        let n = value.chars().count();
        if n > max as usize {
            out.push(
                f(
                    Code::TooLong,
                    format!("{name} is {n} characters long; the limit is {max}."),
                )
                .hint("Host the TwiML at a Url instead of sending it inline."),
            );
        }
    }
    if !v.starts_with('<') || !v.contains("Response") {
        out.push(
            f(
                Code::InvalidJsonValue,
                format!("{name} does not look like a TwiML document (<Response>…</Response>)."),
            )
            .severity(Severity::Warning)
            .hint("Send a complete XML document whose root element is <Response>."),
        );
    }
}

/// A date written in one form: `display` reads `v` into the text shown (`None` when `v` is
/// not in that form); otherwise an `invalid-date` finding names the form expected.
fn check_date_form(
    out: &mut Checked,
    x: &Subject,
    form: &str,
    hint: Option<&'static str>,
    display: impl FnOnce(&str) -> Option<String>,
) {
    let Subject { name, v, .. } = *x;
    match display(v) {
        Some(text) => out.display = Some(text),
        None => {
            let mut finding =
                Finding::new(Code::InvalidDate, format!("{name}={v} is not {form}.")).param(name);
            if let Some(h) = hint {
                finding = finding.hint(h);
            }
            out.push(finding);
        }
    }
}

/// An RFC 2822 date (Twilio's 2010 `Date*` parameters), shown in UTC; a webhook's 2010
/// date must be in GMT.
fn check_rfc2822_date(out: &mut Checked, x: &Subject) {
    let mut offset = None;
    check_date_form(
        out,
        x,
        "an RFC 2822 date",
        Some("Twilio writes dates like 'Fri, 20 Aug 2010 01:13:42 +0000'."),
        |v| {
            let dt = DateTime::parse_from_rfc2822(v).ok()?;
            offset = Some(*dt.offset());
            Some(
                dt.with_timezone(&Utc)
                    .to_rfc3339_opts(SecondsFormat::Secs, true),
            )
        },
    );
    let Subject {
        name, api, webhook, ..
    } = *x;
    if let Some(offset) = offset.filter(|o| o.local_minus_utc() != 0) {
        if api == Some(ApiVersion::V2010) && webhook {
            out.push(
                Finding::new(
                    Code::NonUtcDate,
                    format!("{name} has a UTC offset of {offset}; Twilio sends 2010 dates in GMT (+0000)."),
                )
                .param(name)
                .hint("If you built this request yourself, format dates in UTC."),
            );
        }
    }
}

/// A list filter date: YYYY-MM-DD, or the full ISO 8601 date-time the helper libraries send
/// for it (twilio-python and twilio-node serialise a `StartTime>` datetime that way), shown
/// in UTC.
fn check_date_ymd(out: &mut Checked, x: &Subject) {
    check_date_form(
        out,
        x,
        "a YYYY-MM-DD date or an ISO 8601 date-time",
        Some("List filters take a UTC date such as 2009-07-06 (or 2009-07-06T00:00:00Z)."),
        |v| {
            v.parse::<NaiveDate>()
                .ok()
                .map(|d| d.to_string())
                .or_else(|| {
                    DateTime::parse_from_rfc3339(v).ok().map(|dt| {
                        dt.with_timezone(&Utc)
                            .to_rfc3339_opts(SecondsFormat::Secs, true)
                    })
                })
        },
    );
}

/// An ISO 8601 date-time, shown in UTC.
fn check_iso8601(out: &mut Checked, x: &Subject) {
    check_date_form(
        out,
        x,
        "an ISO 8601 date-time",
        Some("Use a form like 2021-11-30T20:36:27Z."),
        |v| {
            let dt = DateTime::parse_from_rfc3339(v).ok()?;
            Some(
                dt.with_timezone(&Utc)
                    .to_rfc3339_opts(SecondsFormat::Secs, true),
            )
        },
    );
}

/// A carrier's YYMMDDhhmm timestamp (RawDlrDoneDate).
fn check_carrier_timestamp(out: &mut Checked, x: &Subject) {
    check_date_form(out, x, "a YYMMDDhhmm timestamp", None, |v| {
        (v.len() == 10 && v.bytes().all(|b| b.is_ascii_digit())).then(|| {
            format!(
                "20{}-{}-{} {}:{} (carrier time)",
                &v[0..2],
                &v[2..4],
                &v[4..6],
                &v[6..8],
                &v[8..10]
            )
        })
    });
}

/// Events: one documented value per parameter (space-joined values are named), each checked.
fn check_enum_list(out: &mut Checked, x: &Subject, value_type: ValueType, id: &'static str) {
    let Subject { name, v, api, .. } = *x;
    let f = |code: Code, msg: String| Finding::new(code, msg).param(name);
    let parts: Vec<&str> = v.split([' ', ',']).filter(|s| !s.is_empty()).collect();
    if parts.len() > 1 && matches!(value_type, ValueType::RepeatedEnum { .. }) {
        out.push(
            f(
                Code::SpaceJoinedEvents,
                format!("{name} holds {} events in one value.", parts.len()),
            )
            .hint(format!(
                "Repeat the parameter once per event: {}",
                parts
                    .iter()
                    .map(|p| format!("{name}={p}"))
                    .collect::<Vec<_>>()
                    .join("&")
            )),
        );
    }
    for p in parts {
        check_enum(out, name, p, id, api);
    }
}

/// A whole number within its documented range, worded with its unit.
fn check_integer(
    out: &mut Checked,
    x: &Subject,
    min: Option<i64>,
    max: Option<i64>,
    soft: bool,
    unit: Option<&'static str>,
) {
    let Subject { name, v, api, .. } = *x;
    let f = |code: Code, msg: String| Finding::new(code, msg).param(name);
    match v.parse::<i64>() {
        Ok(n) => {
            let below = min.is_some_and(|m| n < m);
            let above = max.is_some_and(|m| n > m);
            if below || above {
                let range = match (min, max) {
                    (Some(a), Some(b)) => format!("{a}–{b}"),
                    (Some(a), None) => format!("at least {a}"),
                    (None, Some(b)) => format!("at most {b}"),
                    (None, None) => String::new(),
                };
                let code = if soft {
                    Code::OutOfRangeSoft
                } else {
                    Code::OutOfRange
                };
                out.push(
                    f(
                        code,
                        format!(
                            "{name}={n} is outside the documented range ({range}{}){}.",
                            unit.map(|u| format!(" {u}")).unwrap_or_default(),
                            api.map(|a| format!(" for API {}", a.as_str()))
                                .unwrap_or_default()
                        ),
                    )
                    .hint(format!("Use a value in {range}.")),
                );
            }
            out.display = unit.and_then(|u| describe_quantity(n, u));
        }
        Err(_) => out.push(f(
            Code::InvalidInteger,
            format!("{name}={v} is not a whole number."),
        )),
    }
}

/// A decimal number (prices, confidence).
fn check_decimal(out: &mut Checked, x: &Subject) {
    let Subject { name, v, .. } = *x;
    let f = |code: Code, msg: String| Finding::new(code, msg).param(name);
    if v.parse::<f64>().is_err() {
        out.push(f(
            Code::InvalidDecimal,
            format!("{name}={v} is not a decimal number."),
        ));
    }
}

/// 'true' or 'false'.
fn check_boolean(out: &mut Checked, x: &Subject) {
    let Subject { name, v, .. } = *x;
    let f = |code: Code, msg: String| Finding::new(code, msg).param(name);
    if !v.eq_ignore_ascii_case("true") && !v.eq_ignore_ascii_case("false") {
        out.push(f(
            Code::InvalidBoolean,
            format!("{name}={v} is not 'true' or 'false'."),
        ));
    }
}

/// DTMF keys from the allowed alphabet, within the length limit.
fn check_digits(out: &mut Checked, x: &Subject, alphabet: &'static str, max_len: Option<u32>) {
    let Subject { name, v, api, .. } = *x;
    let f = |code: Code, msg: String| Finding::new(code, msg).param(name);
    let bad: String = v.chars().filter(|c| !alphabet.contains(*c)).collect();
    if !bad.is_empty() {
        out.push(f(
            Code::InvalidDigits,
            format!(
                "{name}={v} contains characters outside '{alphabet}': '{bad}'{}.",
                api.map(|a| format!(" (API {})", a.as_str()))
                    .unwrap_or_default()
            ),
        ));
    }
    if let Some(max) = max_len {
        if v.chars().count() > max as usize {
            out.push(f(
                Code::TooLong,
                format!(
                    "{name} has {} keys; at most {max} are allowed.",
                    v.chars().count()
                ),
            ));
        }
    }
}

/// A type/subtype MIME type.
fn check_mime_type(out: &mut Checked, x: &Subject) {
    let Subject { name, v, .. } = *x;
    let f = |code: Code, msg: String| Finding::new(code, msg).param(name);
    let ok = v
        .split_once('/')
        .is_some_and(|(a, b)| !a.is_empty() && !b.is_empty() && !a.contains(' '));
    if !ok {
        out.push(f(
            Code::InvalidMimeType,
            format!("{name}={v} is not a MIME type."),
        ));
    }
}

/// JSON text that parses.
fn check_json_text(out: &mut Checked, x: &Subject) {
    let Subject { name, v, .. } = *x;
    let f = |code: Code, msg: String| Finding::new(code, msg).param(name);
    if serde_json::from_str::<serde::de::IgnoredAny>(v).is_err() {
        out.push(f(
            Code::InvalidJsonValue,
            format!("{name} should contain JSON text but does not parse."),
        ));
    }
}

/// A compact JWT: three dot-separated parts.
fn check_jwt(out: &mut Checked, x: &Subject) {
    let Subject { name, v, .. } = *x;
    let f = |code: Code, msg: String| Finding::new(code, msg).param(name);
    if v.split('.').count() != 3 {
        out.push(
            f(
                Code::InvalidJsonValue,
                format!("{name} is not a compact JWT (three dot-separated parts)."),
            )
            .severity(Severity::Warning),
        );
    }
}

/// The 2008 Flags bitmask, worded.
fn check_bitmask(out: &mut Checked, x: &Subject) {
    let Subject { name, v, .. } = *x;
    let f = |code: Code, msg: String| Finding::new(code, msg).param(name);
    match v.parse::<u32>() {
        Ok(n) => {
            let mut parts = Vec::new();
            for (bit, what) in [
                (1, "inbound"),
                (2, "outbound via the API"),
                (4, "outbound via <Dial>"),
            ] {
                if n & bit != 0 {
                    parts.push(what);
                }
            }
            out.display = Some(if parts.is_empty() {
                "no flags".into()
            } else {
                parts.join(" + ")
            });
        }
        Err(_) => out.push(f(
            Code::InvalidInteger,
            format!("{name}={v} is not a flags integer."),
        )),
    }
}

/// An ISO 4217 currency code.
fn check_currency(out: &mut Checked, x: &Subject) {
    let Subject { name, v, .. } = *x;
    let f = |code: Code, msg: String| Finding::new(code, msg).param(name);
    if v.len() != 3 || !v.bytes().all(|b| b.is_ascii_alphabetic()) {
        out.push(
            f(
                Code::InvalidEnumValue,
                format!("{name}={v} is not an ISO 4217 currency code."),
            )
            .severity(Severity::Warning),
        );
    }
}

fn check_sid(out: &mut Checked, name: &str, v: &str, prefixes: &[&str]) {
    let bytes = v.as_bytes();
    let shape_ok = bytes.len() == 34
        && bytes[..2].iter().all(|b| b.is_ascii_uppercase())
        && bytes[2..].iter().all(|b| b.is_ascii_hexdigit());
    if !shape_ok {
        let what = if bytes.len() != 34 {
            format!("{} characters long", v.chars().count())
        } else {
            "not two capital letters followed by 32 hex digits".into()
        };
        out.push(
            Finding::new(Code::InvalidSid, format!("{name}={v} is {what}; a Twilio SID is 34 characters: two capital letters and 32 hex digits."))
                .param(name)
                .hint("Copy the SID from the Console or the original request; it may have been cut off."),
        );
    } else if bytes[2..].iter().any(|b| b.is_ascii_uppercase()) {
        out.push(
            Finding::new(
                Code::UppercaseSidHex,
                format!("{name} uses upper-case hex digits; Twilio sends lower case."),
            )
            .param(name),
        );
    }
    let prefix = v.get(..2).unwrap_or(v);
    if !prefixes.is_empty() && v.len() >= 2 && !prefixes.contains(&prefix) {
        let names = |p: &str| {
            catalog::sid_object(p)
                .map(|o| format!("{p} ({o})"))
                .unwrap_or_else(|| p.to_string())
        };
        out.push(
            Finding::new(
                Code::WrongSidPrefix,
                format!(
                    "{name} starts with {}, but it should be {}.",
                    names(prefix),
                    prefixes
                        .iter()
                        .map(|p| names(p))
                        .collect::<Vec<_>>()
                        .join(" or ")
                ),
            )
            .param(name)
            .hint("Check that the right identifier was put in this parameter."),
        );
    }
    if shape_ok {
        out.display = catalog::sid_object(prefix).map(|o| concat(&[o, " SID"]));
    }
}

/// The pieces written one after the other into one exactly sized string (what `format!`
/// does for plain text, without its formatting machinery and growth).
pub(crate) fn concat(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        out.push_str(p);
    }
    out
}

fn describe_quantity(n: i64, unit: &str) -> Option<String> {
    match unit {
        "seconds" => Some(crate::phone::seconds_in_words(n)),
        "minutes" => Some(format!(
            "{n} billed minute{}",
            if n == 1 { "" } else { "s" }
        )),
        "ms" if n >= 0 => Some(format!("{}.{} s", n / 1000, (n % 1000) / 100)),
        other => Some(format!("{n} {other}")),
    }
}

fn check_enum(out: &mut Checked, name: &str, v: &str, id: &str, api: Option<ApiVersion>) {
    let Some(spec) = catalog::enum_spec(id) else {
        return;
    };
    if spec.values.contains(&v) {
        return;
    }
    if let Some(canon) = spec.values.iter().find(|x| x.eq_ignore_ascii_case(v)) {
        out.push(
            Finding::new(
                Code::EnumCase,
                format!("{name}={v} matches '{canon}' except for letter case."),
            )
            .param(name)
            .hint(
                "Twilio matches these case-insensitively, but the canonical spelling is clearer.",
            ),
        );
        return;
    }
    if let Some((_, why)) = spec
        .tolerated
        .iter()
        .find(|(t, _)| t.eq_ignore_ascii_case(v))
    {
        out.push(
            Finding::new(
                Code::InvalidEnumValue,
                format!("{name}={v} is tolerated but not canonical: {why}."),
            )
            .param(name)
            .severity(Severity::Warning),
        );
        return;
    }
    // The same name may use another enum in the other API version.
    let other = catalog::params_named(name)
        .filter(|p| Some(p.api_version) != api)
        .find_map(|p| match p.value_type {
            ValueType::Enum { id: other } if other != id => catalog::enum_spec(other)
                .filter(|e| e.values.contains(&v))
                .map(|_| p.api_version),
            _ => None,
        });
    if let Some(ver) = other {
        out.push(
            Finding::new(
                Code::EnumValueOtherVersion,
                format!(
                    "{name}={v} is a value of API {}, not of this request's API version.",
                    ver.as_str()
                ),
            )
            .param(name),
        );
        return;
    }
    let list = spec.values.join(", ");
    let hint = if v.contains(' ') || v.contains(',') {
        "One value per parameter.".to_string()
    } else {
        format!("Documented values: {list}.")
    };
    out.push(
        Finding::new(
            Code::InvalidEnumValue,
            format!("{name}={v} is not a documented value ({list})."),
        )
        .param(name)
        .hint(hint),
    );
}

fn check_url(out: &mut Checked, name: &str, v: &str) {
    let lower = v.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    match rest {
        Some(r) if !r.is_empty() && !r.starts_with('/') => {
            if lower.starts_with("http://") {
                out.push(Finding::new(Code::InsecureUrl, format!("{name} uses plain http.")).param(name)
                    .hint("Use https so the request (and its signature) cannot be read or altered in transit."));
            }
            if v.contains(' ') {
                out.push(
                    Finding::new(
                        Code::InvalidUrl,
                        format!("{name} contains a space; URLs must be percent-encoded."),
                    )
                    .param(name)
                    .severity(Severity::Warning),
                );
            }
            // A host of one label (`https://mytestcom/test`, `http://localhost:3000`)
            // resolves on no public DNS: Twilio's servers cannot reach it, and the REST API
            // refuses it (21205 "Url is not a valid url: http://localhost:3000/…",
            // TwilioDevEd/clicktocall-node#16; twilio-node#1079 for `mytestcom`).
            let authority = r.split(['/', '?', '#']).next().unwrap_or("");
            let host = authority.rsplit('@').next().unwrap_or("");
            let host = host.split(':').next().unwrap_or("");
            if !host.is_empty() && !host.starts_with('[') && !host.contains('.') {
                out.push(
                    Finding::new(
                        Code::InvalidUrl,
                        format!("{name} names the host '{host}', which has no domain: Twilio cannot reach it from the internet."),
                    )
                    .param(name)
                    .hint("Give a fully qualified public host (a tunnel such as ngrok for a local server)."),
                );
            }
        }
        _ => out.push(
            Finding::new(
                Code::InvalidUrl,
                format!("{name}={v} is not an absolute http(s) URL."),
            )
            .param(name)
            .hint("Twilio needs a fully qualified URL such as https://example.com/voice."),
        ),
    }
}

/// Opt-out / opt-in / help keywords Twilio acts on (single word, case-insensitive).
pub(crate) fn opt_out_keyword(body: &str) -> Option<(&'static str, &'static str)> {
    const KEYWORDS: &[(&str, &str)] = &[
        ("STOP", "opt-out"),
        ("STOPALL", "opt-out"),
        ("UNSUBSCRIBE", "opt-out"),
        ("CANCEL", "opt-out"),
        ("END", "opt-out"),
        ("QUIT", "opt-out"),
        ("START", "opt-in"),
        ("YES", "opt-in"),
        ("UNSTOP", "opt-in"),
        ("HELP", "help"),
        ("INFO", "help"),
    ];
    let word = body.trim().trim_end_matches(['.', '!']);
    KEYWORDS
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(word))
        .copied()
}
