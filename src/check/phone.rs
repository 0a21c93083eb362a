//! Phone-number values, by the style the catalog gives each parameter: E.164 (shown with
//! its country), the 2008 API's ten digits, an app's number in any format, and the
//! addresses some parameters carry instead (`client:`, `sim:`, `sip:`, `whatsapp:`…).

use super::Checked;
use crate::catalog::{ApiVersion, PhoneStyle};
use crate::finding::{Code, Finding, Severity};

/// Checks a phone-number value written in `style`.
pub(super) fn check_phone(
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
    match style {
        PhoneStyle::Legacy10Digit => check_phone_2008(out, name, v),
        PhoneStyle::AnyFormat => check_phone_any_format(out, name, v),
        _ if is_e164(v) => out.display = Some(format_e164(v)),
        _ => {
            if !phone_address(out, name, v, style) {
                check_phone_not_e164(out, name, v, style, api, webhook);
            }
        }
    }
}

/// `+`, a country code and at most 15 digits in all, no leading 0.
fn is_e164(s: &str) -> bool {
    let d = s.strip_prefix('+').unwrap_or("");
    (2..=15).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit()) && !d.starts_with('0')
}

/// The 2008 API's ten bare digits.
fn check_phone_2008(out: &mut Checked, name: &str, v: &str) {
    let digits_only = v.bytes().all(|b| b.is_ascii_digit());
    if digits_only && v.len() == 10 {
        out.display = Some(format_nanp(v));
    } else if is_e164(v)
        || v.chars()
            .all(|c| c.is_ascii_digit() || "()-. +".contains(c))
    {
        out.push(
            Finding::new(
                Code::LegacyPhoneFormat,
                format!("{name}={v}: the 2008 API sends ten bare digits."),
            )
            .param(name)
            .hint(
                "Twilio normalises punctuation away in 2008 responses (415-867-5309 → 4158675309).",
            ),
        );
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

/// A number an app sends in any format: punctuation is accepted (and noted).
fn check_phone_any_format(out: &mut Checked, name: &str, v: &str) {
    let digits = v.chars().filter(|c| c.is_ascii_digit()).count();
    if digits < 3 {
        out.push(
            Finding::new(
                Code::InvalidPhoneNumber,
                format!("{name}={v} has too few digits to be a phone number."),
            )
            .param(name),
        );
    } else if !v.bytes().all(|b| b.is_ascii_digit()) {
        out.push(
            Finding::new(
                Code::LegacyPhoneFormat,
                format!("{name}={v}: punctuation is accepted here and removed by Twilio."),
            )
            .param(name),
        );
    }
}

/// An address with a scheme the parameter allows (`client:`, `sim:`, `sip:`, a channel such
/// as `whatsapp:`): shown, and true; false when `v` is no such address.
fn phone_address(out: &mut Checked, name: &str, v: &str, style: PhoneStyle) -> bool {
    let lower = v.to_ascii_lowercase();
    let scheme = lower.split_once(':').map(|(s, _)| s);
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
            ch @ ("whatsapp" | "messenger" | "rcs" | "line" | "viber" | "fbm" | "apple" | "google"),
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
        _ => return false,
    }
    true
}

/// Neither E.164 nor an address: a short code, a 2008 number, or what Twilio passes on
/// when it cannot normalise a caller ID.
fn check_phone_not_e164(
    out: &mut Checked,
    name: &str,
    v: &str,
    style: PhoneStyle,
    api: Option<ApiVersion>,
    webhook: bool,
) {
    let digits_only = v.bytes().all(|b| b.is_ascii_digit());
    if digits_only && (3..=8).contains(&v.len()) {
        out.display = Some(format!("short code {v}"));
    } else if api == Some(ApiVersion::V2008) && digits_only && v.len() == 10 {
        out.display = Some(format_nanp(v));
    } else if style == PhoneStyle::E164 {
        out.push(
            Finding::new(
                Code::InvalidPhoneNumber,
                format!("{name}={v} is not an E.164 number (+ and country code, up to 15 digits)."),
            )
            .param(name)
            .hint("Write numbers as +14155550100."),
        );
    } else if webhook && digits_only {
        out.push(Finding::new(Code::RawCallerId, format!("{name}={v} is not E.164: Twilio passes the number as received when it cannot normalise it (a national or short form).")).param(name)
            .hint("Do not assume this parameter is a dialable E.164 number."));
    } else if v.starts_with('+') || digits_only {
        out.push(
            Finding::new(
                Code::InvalidPhoneNumber,
                format!("{name}={v} looks like a number but is not valid E.164."),
            )
            .param(name)
            .severity(Severity::Warning)
            .hint("E.164 is '+', a country code and at most 15 digits in total, no leading 0."),
        );
    } else if style == PhoneStyle::E164OrChannel && is_sender_id(v) {
        out.display = Some(format!("alphanumeric sender ID {v}"));
    } else if !webhook {
        // A caller-ID string is only ever passed on by Twilio: in a request an app sends,
        // a word is no number Twilio can dial or send to.
        out.push(
            Finding::new(
                Code::InvalidPhoneNumber,
                format!("{name}={v} is neither a phone number nor an address {name} accepts: Twilio refuses the request (21211 for To, 21212 for From)."),
            )
            .param(name)
            .hint("Write numbers as +14155550100 (or an address this parameter takes, such as client:alice or whatsapp:+14155550100)."),
        );
    } else {
        out.push(Finding::new(Code::RawCallerId, format!("{name}={v} is not E.164: Twilio passes the caller ID string as received when it cannot normalise it (e.g. Anonymous, Restricted).")).param(name)
            .hint("Do not assume this parameter is a dialable number."));
    }
}

/// A messaging alphanumeric sender ID: 1 to 11 letters, digits and spaces, one letter at
/// least (`MyBrand`, `ACME 24`).
fn is_sender_id(v: &str) -> bool {
    (1..=11).contains(&v.len())
        && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b' ')
        && v.bytes().any(|b| b.is_ascii_alphabetic())
}

/// `+14155550100` → `+1 415-555-0100 (US/CA)`.
fn format_e164(v: &str) -> String {
    let d = v.trim_start_matches('+');
    if let Some(rest) = d.strip_prefix('1') {
        if rest.len() == 10 {
            if let (Some(a), Some(b), Some(c)) = (rest.get(..3), rest.get(3..6), rest.get(6..)) {
                return super::concat(&["+1 ", a, "-", b, "-", c, " (US/CA)"]);
            }
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
