//! Request-level checks: missing parameters, one-of groups, aliases, media indexes,
//! durations, embedded AccountSids, opt-out keywords; and the bridge to the signature
//! module.

use std::collections::BTreeMap;

use crate::catalog::{self, ApiVersion, Direction, KindSpec, Presence, ValueType};
use crate::check::opt_out_keyword;
use crate::classify::is_terminal_status;
use crate::decode::Decoded;
use crate::finding::{Code, Finding, Severity};
use crate::report::{Field, InputFormat, ParamSource};
use crate::signature::{self, SignatureInput, SignatureReport};

fn value<'a>(fields: &'a [Field], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|f| f.name == name)
        .map(|f| f.value.as_str())
}

/// Runs every request-level rule for the detected kind.
pub(crate) fn cross_field_checks(
    kind: &'static KindSpec,
    _api: Option<ApiVersion>,
    fields: &mut [Field],
    findings: &mut Vec<Finding>,
    auth_user: Option<&str>,
    path: Option<&str>,
    partial: bool,
) {
    cut_off_tail(fields);
    missing_params(kind, fields, findings, partial);
    one_of_groups(kind, fields, findings, partial);
    aliases(fields, findings);
    media(fields, findings);
    durations(fields, findings);
    embedded_account_sids(fields, findings, path, auth_user);
    repeated_single(fields, findings);

    let reported = kind.reported_as;
    if let Some(stated) = value(fields, "ApiVersion").and_then(ApiVersion::parse) {
        if stated != kind.api_version && kind.reported_as == kind.id {
            findings.push(
                Finding::new(
                    Code::ApiVersionMismatch,
                    format!(
                        "ApiVersion says {}, but the parameters are those of a {} {} request.",
                        stated.as_str(),
                        kind.api_version.as_str(),
                        kind.id
                    ),
                )
                .param("ApiVersion"),
            );
        }
    }
    if reported == "voice-request" {
        if let Some(f) = fields
            .iter_mut()
            .find(|f| f.name == "CallStatus" && f.value == "initiated")
        {
            f.findings.push(
                Finding::new(Code::StatusNotExpected, "CallStatus=initiated only appears in status callbacks, not in the synchronous voice request.")
                    .param("CallStatus")
                    .hint("If this came to your StatusCallback URL, it is a voice-status-callback."),
            );
        }
    }
    if reported == "voice-status-callback" {
        let terminal = value(fields, "CallStatus").is_some_and(is_terminal_status);
        if terminal
            && value(fields, "CallDuration").is_none()
            && value(fields, "CallStatus") == Some("completed")
        {
            // In a capture that already lost several always-sent parameters, one more
            // missing is the same partial capture, not a fault of its own.
            let partial = findings.iter().any(|f| f.code == Code::PartialCapture);
            let mut finding = Finding::new(
                Code::MissingConditionalParam,
                "A completed call's status callback carries CallDuration, and it is missing.",
            )
            .param("CallDuration");
            if partial {
                finding = finding
                    .severity(Severity::Info)
                    .hint("The capture kept only part of the request (see partial-capture).");
            }
            findings.push(finding);
        }
    }
    if reported == "create-call"
        && value(fields, "To").is_some_and(|t| t.trim_start().starts_with("sip:"))
    {
        sip_caller_name(fields);
    }
    if matches!(reported, "messaging-request" | "whatsapp-request") {
        if let Some(f) = fields.iter_mut().find(|f| f.name == "Body") {
            if let Some((word, what)) = opt_out_keyword(&f.value) {
                f.findings.push(
                    Finding::new(Code::OptOutKeyword, format!("The message is the {what} keyword {word}."))
                        .param("Body")
                        .hint(match what {
                            "opt-out" => "With default opt-out handling Twilio replies and blocks further messages to this sender until they send START.",
                            "opt-in" => "Twilio lifts a previous opt-out for this sender.",
                            _ => "Twilio may answer with the default help text.",
                        }),
                );
            }
        }
    }
}

/// From this many missing always-sent parameters on, a webhook capture is a partial one.
const PARTIAL_CAPTURE_MISSING: usize = 3;

/// A call to a SIP address may give any caller name in From (`From=Jack`): not a number
/// Twilio failed to normalise.
/// A capture cut off mid-value (a log that truncates long lines): the last value is the
/// start of what the same parameter, or the one it aliases, holds earlier, or the last
/// parameter is a documented name without its `=`. It is labeled
/// cut off and not judged, and no alias or repeat check compares it.
fn cut_off_tail(fields: &mut [Field]) {
    let Some((last, before)) = fields.split_last_mut() else {
        return;
    };
    if last.placeholder.is_some() {
        return;
    }
    let alias = last
        .catalog_name
        .as_deref()
        .and_then(|n| catalog::params_named(n).find_map(|p| p.alias_of));
    let shorter_copy = !last.value.is_empty()
        && before.iter().any(|f| {
            (f.name == last.name || Some(f.name.as_str()) == alias)
                && f.value.len() > last.value.len()
                && f.value.starts_with(last.value.as_str())
        });
    // A documented name with no `=` at the very end: the capture stopped after the name.
    let name_only = last.catalog_name.is_some()
        && last
            .findings
            .iter()
            .any(|f| f.code == Code::PairWithoutEquals);
    let cut = shorter_copy || name_only;
    if cut {
        last.placeholder = Some(crate::placeholder::Placeholder::CutOff);
        last.findings
            .retain(|f| f.severity == crate::finding::Severity::Info);
        last.label_placeholder();
    }
}

fn sip_caller_name(fields: &mut [Field]) {
    if let Some(f) = fields.iter_mut().find(|f| f.name == "From") {
        let before = f.findings.len();
        f.findings
            .retain(|x| !matches!(x.code, Code::RawCallerId | Code::InvalidPhoneNumber));
        if f.findings.len() != before {
            f.display = Some(format!("SIP caller name {}", f.value));
        }
    }
}

/// `partial`: the kind is a guess from a fragment, so a request to Twilio's API is judged
/// like a capture (what is missing was likely cut off), not as one Twilio would refuse.
fn missing_params(
    kind: &'static KindSpec,
    fields: &[Field],
    findings: &mut Vec<Finding>,
    partial: bool,
) {
    let names = NameSet::of(fields);
    let present = |name: &str| names.has(name, fields);
    let is_request = kind.direction == Direction::AppToTwilio && !partial;
    let mut missing: Vec<&'static catalog::ParamSpec> = Vec::new();
    for p in catalog::params_of(kind.id) {
        if p.presence != Presence::Always || p.indexed || p.deprecated.is_some() || present(p.name)
        {
            continue;
        }
        // A legacy alias is not missing when what it duplicates is there, and vice versa.
        if p.alias_of.is_some_and(present) {
            continue;
        }
        if catalog::params_of(kind.id)
            .iter()
            .any(|q| q.alias_of == Some(p.name) && present(q.name))
        {
            continue;
        }
        missing.push(p);
    }
    // A capture that lost several of the parameters Twilio always sends is a partial one
    // (a log line, a truncated paste): one note, not an alarm per parameter.
    if !is_request && missing.len() >= PARTIAL_CAPTURE_MISSING {
        let names: Vec<&str> = missing.iter().map(|p| p.name).collect();
        findings.push(
            Finding::new(
                Code::PartialCapture,
                format!(
                    "{} parameters Twilio always sends with a {} are not in the capture: {}.",
                    names.len(),
                    kind.reported_as,
                    names.join(", ")
                ),
            )
            .hint("The capture probably kept only part of the request (a log line, a cut paste). If it is the whole request, it did not come from Twilio."),
        );
        return;
    }
    for p in missing {
        let (severity, msg, hint) = if is_request {
            (
                Severity::Error,
                format!("{} is required by the API and is missing.", p.name),
                "Twilio will answer 400 Bad Request without it.",
            )
        } else if kind.direction == Direction::AppToTwilio {
            // A fragment read as a request to Twilio (`partial`): the rest was likely cut.
            (
                Severity::Info,
                format!(
                    "{} is required by the API and is not in this fragment.",
                    p.name
                ),
                "If this is the whole request, Twilio will answer 400 Bad Request without it.",
            )
        } else if kind.direction == Direction::Response {
            // A resource pasted from docs or a log is usually trimmed: worth knowing only.
            (
                Severity::Info,
                format!("{} is part of every {} and is missing.", p.name, kind.title),
                "The body may have been cut off when it was captured.",
            )
        } else {
            // A capture is often partial (a log line, a fixture); the doctor names a
            // dropped parameter when it breaks the signature. Worth knowing, not a fault.
            (
                Severity::Info,
                format!(
                    "Twilio always sends {} with a {}, and it is missing.",
                    p.name, kind.id
                ),
                "The capture may be incomplete, or the request did not come from Twilio.",
            )
        };
        findings.push(
            Finding::new(Code::MissingParam, msg)
                .param(p.name)
                .severity(severity)
                .hint(hint),
        );
    }
}

fn one_of_groups(
    kind: &'static KindSpec,
    fields: &[Field],
    findings: &mut Vec<Finding>,
    partial: bool,
) {
    for group in kind.one_of {
        let here: Vec<&str> = group
            .iter()
            .copied()
            .filter(|n| fields.iter().any(|f| f.name == *n))
            .collect();
        if here.is_empty() {
            findings.push(
                Finding::new(
                    Code::OneOfMissing,
                    format!(
                        "One of {} is required, and none is present.",
                        group.join(" / ")
                    ),
                )
                .param(group[0])
                // In a fragment the group may simply have been cut off.
                .severity(if partial {
                    Severity::Info
                } else {
                    Severity::Error
                })
                .hint(if kind.one_of_combinable {
                    format!("Add at least one of {}.", group.join(", "))
                } else {
                    format!("Add exactly one of {}.", group.join(", "))
                }),
            );
        } else if here.len() > 1 && !kind.one_of_combinable {
            let note = if here.contains(&"Twiml") && here.contains(&"Url") {
                " Twilio ignores Twiml when Url is also given."
            } else {
                ""
            };
            findings.push(
                Finding::new(
                    Code::OneOfConflict,
                    format!(
                        "{} are all present; they are alternatives.{note}",
                        here.join(" and ")
                    ),
                )
                .param(here[1])
                .hint("Send only one of them."),
            );
        }
    }
    if kind.id == "update-call"
        && fields.iter().any(|f| f.name == "Url")
        && fields.iter().any(|f| f.name == "Twiml")
    {
        findings.push(
            Finding::new(
                Code::OneOfConflict,
                "Url and Twiml cannot be combined when updating a call.",
            )
            .param("Twiml")
            .severity(Severity::Error)
            .hint("Send either new TwiML inline or a Url to fetch it from."),
        );
    }
}

/// Legacy aliases must equal what they duplicate (SmsSid = MessageSid, Caller = From…).
fn aliases(fields: &mut [Field], findings: &mut Vec<Finding>) {
    let mut pairs: Vec<(usize, String, String)> = Vec::new();
    for (i, f) in fields.iter().enumerate() {
        let Some(target) = f
            .catalog_name
            .as_deref()
            .and_then(|n| catalog::params_named(n).find_map(|p| p.alias_of))
        else {
            continue;
        };
        if f.placeholder.is_some() {
            continue;
        }
        let target_field = fields.iter().find(|t| t.name == target);
        if let Some(tv) = target_field
            .filter(|t| t.placeholder.is_none())
            .map(|t| t.value.as_str())
        {
            if tv != f.value {
                pairs.push((i, target.to_string(), tv.to_string()));
            }
        }
    }
    for (i, target, tv) in pairs {
        let f = &mut fields[i];
        f.findings.push(
            Finding::new(Code::AliasMismatch, format!("{}={} differs from {target}={tv}; Twilio sends the same value in both.", f.name, f.value))
                .param(f.name.clone())
                .hint("One of them was altered after Twilio sent it, or the request was assembled by hand."),
        );
    }
    let _ = findings;
}

fn media(fields: &mut [Field], findings: &mut Vec<Finding>) {
    let index_of = |name: &str, prefix: &str| {
        name.strip_prefix(prefix)
            .and_then(|r| r.parse::<usize>().ok())
    };
    let urls: Vec<usize> = fields
        .iter()
        .filter_map(|f| index_of(&f.name, "MediaUrl"))
        .collect();
    let types: Vec<usize> = fields
        .iter()
        .filter_map(|f| index_of(&f.name, "MediaContentType"))
        .collect();
    let num = value(fields, "NumMedia").and_then(|v| v.trim().parse::<usize>().ok());
    if num.is_none() && urls.is_empty() {
        return;
    }
    if let Some(n) = num {
        if n != urls.len() {
            findings.push(
                Finding::new(
                    Code::NumMediaMismatch,
                    format!(
                        "NumMedia={n} but {} MediaUrl{{N}} field{} present.",
                        urls.len(),
                        if urls.len() == 1 { " is" } else { "s are" }
                    ),
                )
                .param("NumMedia")
                .hint("The capture may have lost fields, or NumMedia was edited."),
            );
        }
    }
    let mut sorted = urls.clone();
    sorted.sort_unstable();
    if sorted.iter().enumerate().any(|(i, n)| *n != i) {
        findings.push(
            Finding::new(
                Code::MediaIndexGap,
                format!(
                    "MediaUrl indexes are {:?}; they must run 0..{} without gaps.",
                    sorted,
                    sorted.len()
                ),
            )
            .param("MediaUrl0")
            .hint("Twilio numbers media from MediaUrl0."),
        );
    }
    for u in &urls {
        if !types.contains(u) {
            findings.push(
                Finding::new(
                    Code::MediaContentTypeMissing,
                    format!("MediaUrl{u} has no MediaContentType{u}."),
                )
                .param(format!("MediaUrl{u}")),
            );
        }
    }
    // Show each media URL with its content type (the last MediaContentType{i} of an
    // index wins); the texts are borrowed until the displays are written.
    let ctypes: BTreeMap<usize, &str> = fields
        .iter()
        .filter_map(|f| index_of(&f.name, "MediaContentType").map(|i| (i, f.value.as_str())))
        .collect();
    let mut displays: Vec<(usize, String)> = Vec::new();
    for (at, f) in fields.iter().enumerate() {
        if let Some(i) = index_of(&f.name, "MediaUrl") {
            if let Some(ct) = ctypes.get(&i) {
                displays.push((at, format!("media #{i} ({ct})")));
            }
        }
    }
    drop(ctypes);
    for (at, display) in displays {
        fields[at].display = Some(display);
    }
}

fn durations(fields: &mut [Field], findings: &mut Vec<Finding>) {
    let (Some(d), Some(cd)) = (
        value(fields, "Duration").and_then(|v| v.trim().parse::<i64>().ok()),
        value(fields, "CallDuration").and_then(|v| v.trim().parse::<i64>().ok()),
    ) else {
        return;
    };
    let expected = (cd + 59) / 60;
    if d != expected {
        findings.push(
            Finding::new(Code::DurationMismatch, format!("Duration={d} but CallDuration={cd} s rounds up to {expected} billed minute{}.", if expected == 1 { "" } else { "s" }))
                .param("Duration")
                .hint("Duration counts billed minutes, CallDuration seconds; do not read Duration as seconds."),
        );
    }
}

/// The 34-character AccountSid inside a path such as `/Accounts/AC…/Recordings/RE…`.
fn account_in(text: &str) -> Option<&str> {
    let i = text.find("/Accounts/")? + "/Accounts/".len();
    let rest = &text[i..];
    let end = rest.find(['/', '.', '?']).unwrap_or(rest.len());
    Some(&rest[..end])
}

fn embedded_account_sids(
    fields: &mut [Field],
    findings: &mut Vec<Finding>,
    path: Option<&str>,
    auth_user: Option<&str>,
) {
    // A redacted or placeholder AccountSid cannot disagree with anything.
    let account = fields
        .iter()
        .find(|f| f.name == "AccountSid" && f.placeholder.is_none())
        .map(|f| f.value.as_str());
    let mut push = |what: String, embedded: &str, param: &str, acct: &str| {
        findings.push(
            Finding::new(
                Code::AccountSidMismatch,
                format!("{what} names account {embedded}, but AccountSid is {acct}."),
            )
            .param(param)
            .hint("The request mixes two accounts (a sub-account?) or was edited by hand."),
        );
    };
    if let Some(acct) = account {
        for f in fields.iter() {
            // No `/`, no `/Accounts/`: most values are skipped before the catalog lookup.
            if !f.value.contains('/') {
                continue;
            }
            let Some(emb) = account_in(&f.value) else {
                continue;
            };
            if (f.name.ends_with("Url")
                || matches!(
                    catalog::params_named(&f.name).next().map(|p| p.value_type),
                    Some(ValueType::Url)
                ))
                && crate::placeholder::is_sid_shaped(emb)
                && emb != acct
            {
                push(format!("{} ({})", f.name, f.value), emb, &f.name, acct);
            }
        }
        if let Some(emb) = path.and_then(account_in) {
            if crate::placeholder::is_sid_shaped(emb) && emb != acct {
                push("The request path".to_string(), emb, "AccountSid", acct);
            }
        }
    }
    if let (Some(user), Some(emb)) = (auth_user, path.and_then(account_in)) {
        if crate::placeholder::is_sid_shaped(user)
            && crate::placeholder::is_sid_shaped(emb)
            && user != emb
        {
            findings.push(
                Finding::new(Code::AccountSidMismatch, format!("The path names account {emb}, but the credentials are for {user}."))
                    .hint("Twilio answers 401/404 when the URL's AccountSid differs from the authenticated account (unless it is a sub-account of it)."),
            );
        }
    }
}

fn repeated_single(fields: &[Field], findings: &mut Vec<Finding>) {
    // Most requests repeat no name: sorted hashes of the names say so without the map
    // (equal names hash alike; a collision only costs the exact pass below).
    let mut hashes: Vec<u64> = fields
        .iter()
        .filter(|f| f.placeholder != Some(crate::placeholder::Placeholder::CutOff))
        .map(|f| {
            f.name.bytes().fold(0xcbf2_9ce4_8422_2325, |h: u64, b| {
                (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
            })
        })
        .collect();
    hashes.sort_unstable();
    if !hashes.windows(2).any(|w| w[0] == w[1]) {
        return;
    }
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    let mut reported: Vec<&str> = Vec::new();
    for f in fields
        .iter()
        .filter(|f| f.placeholder != Some(crate::placeholder::Placeholder::CutOff))
    {
        let Some(prev) = seen.get(f.name.as_str()) else {
            seen.insert(&f.name, &f.value);
            continue;
        };
        if *prev == f.value || reported.contains(&f.name.as_str()) {
            continue;
        }
        // Parameters that legitimately repeat (events, indexed media) are not single-valued.
        let multi = f.catalog_name.as_deref().is_none_or(|n| {
            catalog::params_named(n).any(|p| {
                matches!(
                    p.value_type,
                    ValueType::RepeatedEnum { .. } | ValueType::Url
                ) && n.contains("Event")
                    || p.indexed
                    || n == "MediaUrl"
            })
        });
        if multi {
            continue;
        }
        reported.push(&f.name);
        findings.push(
            Finding::new(
                Code::RepeatedSingleParam,
                format!(
                    "{} appears more than once with different values ({:?} and {:?}).",
                    f.name, prev, f.value
                ),
            )
            .param(f.name.clone())
            .hint("Frameworks keep either the first or the last value; the signature covers both."),
        );
    }
}

/// Everything the signature check needs from the request.
pub(crate) struct SignatureParts<'a> {
    pub decoded: &'a Decoded,
    /// The request's fields, which hold the decoded pairs (moved out of `decoded`).
    pub fields: &'a [Field],
    pub url: Option<&'a str>,
    pub method: Option<&'a str>,
    pub content_type: Option<&'a str>,
    pub signature: Option<&'a str>,
    pub settings: Option<&'a str>,
    pub tokens: &'a [String],
    pub account_sid: Option<&'a str>,
}

/// Runs the signature verification for the request: the form parameters (or, for a JSON
/// body, the raw body) plus the URL candidates the decoder found go to [`signature::verify`].
pub(crate) fn check_signature(parts: SignatureParts) -> SignatureReport {
    if parts.signature.is_none() && parts.tokens.is_empty() {
        return SignatureReport::not_checked();
    }
    let (params, body) = signed_material_of(
        parts
            .fields
            .iter()
            .map(|f| (f.source, f.name.as_str(), f.value.as_str())),
        parts.decoded,
        parts.url,
    );
    signature::verify(&SignatureInput {
        url: parts.url,
        url_candidates: &parts.decoded.url_candidates,
        method: parts.method,
        content_type: parts.content_type,
        body,
        params: &params,
        signature: parts.signature,
        settings_header: parts.settings,
        tokens: parts.tokens,
        account_sid: parts.account_sid,
    })
}

/// What a signature covers besides the URL: the form parameters in wire order and the raw
/// body. A pasted JSON object counts as parameters a framework decoded from a form, unless
/// the URL carries `bodySHA256`: then it is the raw body of a JSON webhook.
pub(crate) fn signed_material<'a>(
    decoded: &'a Decoded,
    url: Option<&str>,
) -> (Vec<(String, String)>, &'a [u8]) {
    signed_material_of(
        decoded
            .pairs
            .iter()
            .map(|p| (p.source, p.name.as_str(), p.value.as_str())),
        decoded,
        url,
    )
}

/// [`signed_material`] with the pairs (source, name, value) given apart from `decoded`.
fn signed_material_of<'a, 'p>(
    pairs: impl Iterator<Item = (ParamSource, &'p str, &'p str)>,
    decoded: &'a Decoded,
    url: Option<&str>,
) -> (Vec<(String, String)>, &'a [u8]) {
    let pasted_params = decoded.format == Some(InputFormat::Json)
        && !url.is_some_and(crate::signature::url_has_body_sha);
    let params = pairs
        .filter(|(source, _, _)| {
            *source == ParamSource::Body || (pasted_params && *source == ParamSource::Json)
        })
        .map(|(_, name, value)| (name.to_string(), value.to_string()))
        .collect();
    let body: &[u8] = match (&decoded.body, pasted_params) {
        (Some(b), false) => b.as_bytes(),
        _ => &[],
    };
    (params, body)
}

/// The wire names of a request's fields, for "is this catalog name present?" asked once per
/// parameter of a kind: a scan for a few fields, a hash set for many (a 10 MB paste has
/// 300,000 fields and a kind 20–60 parameters).
struct NameSet<'a>(Option<std::collections::HashSet<&'a str>>);

impl<'a> NameSet<'a> {
    /// Fields up to this many are scanned.
    const SCAN_UP_TO: usize = 64;

    fn of(fields: &'a [Field]) -> NameSet<'a> {
        NameSet(
            (fields.len() > Self::SCAN_UP_TO)
                .then(|| fields.iter().map(|f| f.name.as_str()).collect()),
        )
    }

    /// True when a field matches the catalog name `pattern` (`MediaUrl{N}` patterns scan).
    fn has(&self, pattern: &str, fields: &[Field]) -> bool {
        match &self.0 {
            Some(set) if !pattern.ends_with('}') => set.contains(pattern),
            _ => fields
                .iter()
                .any(|f| catalog::name_matches(pattern, &f.name)),
        }
    }
}
