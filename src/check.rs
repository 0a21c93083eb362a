//! Value checks: one function per value type, plus the cross-field rules.
//!
//! Each check returns a human display of the value (ISO date, formatted number,
//! duration in words…) and findings. Nothing here knows about particular parameter names
//! except the cross-field rules at the bottom, which are the documented relationships
//! between parameters (NumMedia vs MediaUrl{N}, aliases, Duration vs CallDuration…).

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};

use crate::catalog::{self, ApiVersion, ParamSpec, PhoneStyle, ValueType};
use crate::finding::{Code, Finding, Severity};

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
        ValueType::Text { max_len } => check_text(&mut out, &subject, max_len),
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

/// An RFC 2822 date (2010 callbacks), shown in UTC; a non-zero offset in a 2010 webhook is suspicious.
fn check_rfc2822_date(out: &mut Checked, x: &Subject) {
    let Subject {
        name,
        v,
        api,
        webhook,
        ..
    } = *x;
    let f = |code: Code, msg: String| Finding::new(code, msg).param(name);
    match DateTime::parse_from_rfc2822(v) {
        Ok(dt) => {
            let utc = dt.with_timezone(&Utc);
            out.display = Some(utc.to_rfc3339_opts(SecondsFormat::Secs, true));
            if dt.offset().local_minus_utc() != 0 && api == Some(ApiVersion::V2010) && webhook {
                out.push(f(Code::NonUtcDate, format!("{name} has a UTC offset of {}; Twilio sends 2010 dates in GMT (+0000).", dt.offset()))
                .hint("If you built this request yourself, format dates in UTC."));
            }
        }
        Err(_) => out.push(
            f(
                Code::InvalidDate,
                format!("{name}={v} is not an RFC 2822 date."),
            )
            .hint("Twilio writes dates like 'Fri, 20 Aug 2010 01:13:42 +0000'."),
        ),
    }
}

/// A YYYY-MM-DD list filter date.
fn check_date_ymd(out: &mut Checked, x: &Subject) {
    let Subject { name, v, .. } = *x;
    let f = |code: Code, msg: String| Finding::new(code, msg).param(name);
    match v.parse::<NaiveDate>() {
        Ok(d) => out.display = Some(d.to_string()),
        Err(_) => out.push(
            f(
                Code::InvalidDate,
                format!("{name}={v} is not a YYYY-MM-DD date."),
            )
            .hint("List filters take a UTC date such as 2009-07-06."),
        ),
    }
}

/// An ISO 8601 date-time, shown in UTC.
fn check_iso8601(out: &mut Checked, x: &Subject) {
    let Subject { name, v, .. } = *x;
    let f = |code: Code, msg: String| Finding::new(code, msg).param(name);
    match DateTime::parse_from_rfc3339(v) {
        Ok(dt) => {
            out.display = Some(
                dt.with_timezone(&Utc)
                    .to_rfc3339_opts(SecondsFormat::Secs, true),
            )
        }
        Err(_) => out.push(
            f(
                Code::InvalidDate,
                format!("{name}={v} is not an ISO 8601 date-time."),
            )
            .hint("Use a form like 2021-11-30T20:36:27Z."),
        ),
    }
}

/// A carrier's YYMMDDhhmm timestamp (RawDlrDoneDate).
fn check_carrier_timestamp(out: &mut Checked, x: &Subject) {
    let Subject { name, v, .. } = *x;
    let f = |code: Code, msg: String| Finding::new(code, msg).param(name);
    if v.len() != 10 || !v.bytes().all(|b| b.is_ascii_digit()) {
        out.push(f(
            Code::InvalidDate,
            format!("{name}={v} is not a YYMMDDhhmm timestamp."),
        ));
    } else {
        out.display = Some(format!(
            "20{}-{}-{} {}:{} (carrier time)",
            &v[0..2],
            &v[2..4],
            &v[4..6],
            &v[6..8],
            &v[8..10]
        ));
    }
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
        out.display = catalog::sid_object(prefix).map(|o| format!("{o} SID"));
    }
}

fn check_phone(
    out: &mut Checked,
    name: &str,
    v: &str,
    style: PhoneStyle,
    api: Option<ApiVersion>,
    webhook: bool,
) {
    if matches!(
        v,
        "False" | "True" | "false" | "true" | "None" | "null" | "nil" | "undefined" | "NaN"
    ) {
        out.push(
            Finding::new(
                Code::InvalidPhoneNumber,
                format!("{name}={v} is a program's rendering of a missing value or a boolean, not a phone number."),
            )
            .param(name)
            .hint("The capture stored a null or false where the number belongs; log the raw request instead."),
        );
        return;
    }
    let is_e164 = |s: &str| {
        let d = s.strip_prefix('+').unwrap_or("");
        !d.is_empty()
            && d.len() <= 15
            && d.len() >= 2
            && d.bytes().all(|b| b.is_ascii_digit())
            && !d.starts_with('0')
    };
    let digits_only = v.bytes().all(|b| b.is_ascii_digit());
    let lower = v.to_ascii_lowercase();
    let scheme = lower.split_once(':').map(|(s, _)| s);
    match style {
        PhoneStyle::Legacy10Digit => {
            if digits_only && v.len() == 10 {
                out.display = Some(format_nanp(v));
            } else if is_e164(v)
                || v.chars()
                    .all(|c| c.is_ascii_digit() || "()-. +".contains(c))
            {
                out.push(Finding::new(Code::LegacyPhoneFormat, format!("{name}={v}: the 2008 API sends ten bare digits.")).param(name)
                    .hint("Twilio normalises punctuation away in 2008 responses (415-867-5309 → 4158675309)."));
            } else {
                out.push(
                    Finding::new(
                        Code::InvalidPhoneNumber,
                        format!("{name}={v} is not a 2008-style ten-digit phone number."),
                    )
                    .param(name),
                );
            }
        }
        PhoneStyle::AnyFormat => {
            let digits: String = v.chars().filter(|c| c.is_ascii_digit()).collect();
            if digits.len() < 3 {
                out.push(
                    Finding::new(
                        Code::InvalidPhoneNumber,
                        format!("{name}={v} has too few digits to be a phone number."),
                    )
                    .param(name),
                );
            } else if !digits_only {
                out.push(
                    Finding::new(
                        Code::LegacyPhoneFormat,
                        format!("{name}={v}: punctuation is accepted here and removed by Twilio."),
                    )
                    .param(name),
                );
            }
        }
        _ => {
            if is_e164(v) {
                out.display = Some(format_e164(v));
                return;
            }
            let channel_ok = matches!(style, PhoneStyle::E164OrChannel | PhoneStyle::E164OrClient);
            match scheme {
                Some("client") | Some("sim") if style == PhoneStyle::E164OrClient => {
                    out.display = Some(format!(
                        "{} {}",
                        if scheme == Some("client") {
                            "Twilio Client"
                        } else {
                            "Super SIM"
                        },
                        &v[v.find(':').map_or(0, |i| i + 1)..]
                    ));
                }
                Some("sip") | Some("sips") if style != PhoneStyle::E164 => {
                    out.display = Some(format!("SIP address {v}"))
                }
                Some(
                    ch @ ("whatsapp" | "messenger" | "rcs" | "line" | "viber" | "fbm" | "apple"
                    | "google"),
                ) if channel_ok => {
                    let addr = &v[ch.len() + 1..];
                    out.display = Some(if is_e164(addr) {
                        format!("{} on {ch}", format_e164(addr))
                    } else {
                        format!("{addr} on {ch}")
                    });
                    if ch == "whatsapp" && !is_e164(addr) {
                        out.push(
                            Finding::new(
                                Code::InvalidPhoneNumber,
                                format!("{name}={v}: a WhatsApp address is whatsapp:+E.164."),
                            )
                            .param(name),
                        );
                    }
                }
                _ => {
                    if digits_only && (3..=8).contains(&v.len()) {
                        out.display = Some(format!("short code {v}"));
                    } else if api == Some(ApiVersion::V2008) && digits_only && v.len() == 10 {
                        out.display = Some(format_nanp(v));
                    } else if style == PhoneStyle::E164 {
                        out.push(Finding::new(Code::InvalidPhoneNumber, format!("{name}={v} is not an E.164 number (+ and country code, up to 15 digits).")).param(name)
                            .hint("Write numbers as +14155550100."));
                    } else if webhook && digits_only {
                        out.push(Finding::new(Code::RawCallerId, format!("{name}={v} is not E.164: Twilio passes the number as received when it cannot normalise it (a national or short form).")).param(name)
                            .hint("Do not assume this parameter is a dialable E.164 number."));
                    } else if v.starts_with('+') || digits_only {
                        out.push(Finding::new(Code::InvalidPhoneNumber, format!("{name}={v} looks like a number but is not valid E.164.")).param(name).severity(Severity::Warning)
                            .hint("E.164 is '+', a country code and at most 15 digits in total, no leading 0."));
                    } else {
                        out.push(Finding::new(Code::RawCallerId, format!("{name}={v} is not E.164: Twilio passes the caller ID string as received when it cannot normalise it (e.g. Anonymous, Restricted).")).param(name)
                            .hint("Do not assume this parameter is a dialable number."));
                    }
                }
            }
        }
    }
}

/// `+14155550100` → `+1 415-555-0100 (US/CA)`.
pub(crate) fn format_e164(v: &str) -> String {
    let d = v.trim_start_matches('+');
    if let Some(rest) = d.strip_prefix('1') {
        if rest.len() == 10 {
            return format!("+1 {} (US/CA)", format_nanp(rest));
        }
    }
    match crate::phone::calling_code(d) {
        Some(c) => format!("+{} {} ({})", c.code, &d[c.code.len()..], c.iso),
        None => v.to_string(),
    }
}

fn format_nanp(ten: &str) -> String {
    if ten.len() == 10 {
        format!("{}-{}-{}", &ten[..3], &ten[3..6], &ten[6..])
    } else {
        ten.to_string()
    }
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
