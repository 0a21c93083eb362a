//! The orchestrator: input text + options → [`Report`]. Never fails, never panics.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::catalog::{self, ApiVersion, Direction, DocStatus, KindSpec};
use crate::check;
use crate::classify::{classify, Evidence, RestPath};
use crate::cross::{check_signature, cross_field_checks, signed_material, SignatureParts};
use crate::decode::{decode, Decoded};
use crate::finding::{Code, Finding, Severity};
use crate::report::{Counts, Field, FieldStatus, InputFormat, RawPair, Report, RequestInfo};
use crate::signature::{self, SignRequest, SignedRequest};

/// What the caller knows beyond the pasted text. Every field is optional; values found in
/// the pasted text (a request line, headers, curl flags) are used when a field is unset.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Options {
    /// Force the input format instead of detecting it.
    pub format: Option<InputFormat>,
    /// Force the kind (a kind id such as `voice-status-callback`) instead of detecting it.
    pub kind: Option<String>,
    /// HTTP method Twilio used (`GET` / `POST`).
    pub method: Option<String>,
    /// The full URL Twilio requested (needed to check the signature).
    pub url: Option<String>,
    /// Content type of the body.
    #[serde(alias = "content_type")]
    pub content_type: Option<String>,
    /// The X-Twilio-Signature header value.
    pub signature: Option<String>,
    /// Candidate auth tokens (primary, secondary, sub-account). Never stored or echoed.
    #[serde(alias = "auth_tokens", alias = "authToken", alias = "auth_token")]
    #[serde(deserialize_with = "one_or_many")]
    pub auth_tokens: Vec<String>,
    /// The X-Twilio-Webhooks-Signature-Settings header value (SharedKey HMAC-SHA256).
    #[serde(alias = "signature_settings")]
    pub signature_settings: Option<String>,
}

/// Debug output never shows the auth tokens (only how many there are).
impl std::fmt::Debug for Options {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options")
            .field("format", &self.format)
            .field("kind", &self.kind)
            .field("method", &self.method)
            .field("url", &self.url)
            .field("content_type", &self.content_type)
            .field("signature", &self.signature)
            .field(
                "auth_tokens",
                &format_args!("[{} redacted]", self.auth_tokens.len()),
            )
            .field("signature_settings", &self.signature_settings)
            .finish()
    }
}

fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
        Null(()),
    }
    Ok(match OneOrMany::deserialize(d)? {
        OneOrMany::One(s) => vec![s],
        OneOrMany::Many(v) => v,
        OneOrMany::Null(()) => Vec::new(),
    })
}

/// Inspects `input` (anything a user pastes) and returns the full report.
///
/// Never panics and never fails: problems with the input are findings in the report.
pub fn inspect(input: &str, options: &Options) -> Report {
    let decoded = decode(input, options.format);
    let mut report = inspect_decoded(decoded, options);
    if input.len() <= crate::decode::MAX_INPUT_BYTES {
        let kind = Some(report.kind.id.as_str())
            .filter(|k| *k != "unknown")
            .or(options.kind.as_deref());
        report.response = crate::response::response_of_paste(
            input,
            report.format,
            kind,
            report.request.url.as_deref(),
        );
    }
    if report.response.is_some() {
        // The response after the request was read, not ignored.
        report.findings.retain(|f| {
            !(f.code == Code::NoiseIgnored && f.message.starts_with("The response pasted after"))
        });
        report.counts = count(&report);
    }
    report
}

/// Signs the pasted request afresh with the first of `options.auth_tokens` (HMAC-SHA256
/// when `options.signature_settings` asks for it), so it can be replayed against a local
/// server. The URL comes from the input or `options.url` and must be absolute.
pub fn sign(input: &str, options: &Options) -> Result<SignedRequest, String> {
    let decoded = decode(input, options.format);
    let token = options
        .auth_tokens
        .iter()
        .map(|t| t.trim())
        .find(|t| !t.is_empty())
        .ok_or("an auth token (or SharedKey secret) is needed to sign")?;
    let url = options
        .url
        .as_deref()
        .filter(|u| !u.trim().is_empty())
        .or(decoded.url.as_deref())
        .ok_or("the URL Twilio calls is needed to sign: paste a request with it or pass url")?;
    if !url.contains("://") {
        return Err(format!(
            "{url} is only a path; give the full URL (scheme and host) to sign"
        ));
    }
    let settings = options
        .signature_settings
        .as_deref()
        .or_else(|| decoded.header("X-Twilio-Webhooks-Signature-Settings"));
    let algorithm =
        signature::Algorithm::from_settings_header(settings.filter(|s| !s.trim().is_empty()))
            .map_err(|name| format!("unknown signature algorithm '{name}'"))?;
    let method = options.method.as_deref().or(decoded.method.as_deref());
    let content_type = options
        .content_type
        .as_deref()
        .or_else(|| decoded.header("Content-Type"));
    let (params, body) = signed_material(&decoded, Some(url));
    Ok(signature::sign_request(&SignRequest {
        url,
        method,
        content_type,
        body,
        params: &params,
        token,
        algorithm,
        settings_header: settings,
    }))
}

/// Builds the report from already-decoded input.
pub(crate) fn inspect_decoded(decoded: Decoded, options: &Options) -> Report {
    let mut findings: Vec<Finding> = Vec::new();
    let format = decoded.format.unwrap_or(InputFormat::Empty);
    if options.format.is_some() {
        findings.push(Finding::new(
            Code::FormatOverridden,
            format!(
                "The input was decoded as {} because the format was forced.",
                format.id()
            ),
        ));
    }
    let method = options
        .method
        .clone()
        .filter(|m| !m.trim().is_empty())
        .or_else(|| decoded.method.clone())
        .map(|m| m.trim().to_ascii_uppercase());
    let url = options
        .url
        .clone()
        .filter(|u| !u.trim().is_empty())
        .or_else(|| decoded.url.clone());
    let path = url.as_deref().map(path_of);
    let content_type = options
        .content_type
        .clone()
        .or_else(|| decoded.header("Content-Type").map(str::to_string));

    let name_values: Vec<(&str, &str)> = decoded
        .pairs
        .iter()
        .map(|p| (p.name.as_str(), p.value.as_str()))
        .collect();
    let evidence = Evidence {
        pairs: &name_values,
        format,
        method: method.as_deref(),
        path: path.as_deref(),
    };
    let mut forced_kind = options
        .kind
        .as_deref()
        .map(str::trim)
        .filter(|k| !k.is_empty() && *k != "auto");
    if let Some(k) = forced_kind.filter(|k| {
        *k != "unknown"
            && !catalog::KINDS
                .iter()
                .any(|s| s.id == *k || s.reported_as == *k)
    }) {
        findings.push(
            Finding::new(
                Code::KindUnknown,
                format!("'{k}' is not a kind the catalog knows; the kind was detected instead."),
            )
            .hint("Use one of the kind ids listed by the catalog (e.g. voice-status-callback)."),
        );
        forced_kind = None;
    }
    let verdict = classify(&evidence, forced_kind);
    let api = api_version(&verdict.id, &evidence);
    let catalog_kind = catalog_kind_for(&verdict.id, api);
    let direction = catalog_kind.map(|k| k.direction);
    let webhook = direction == Some(Direction::TwilioToApp);

    // Fields in wire order, each looked up and checked.
    let mut fields: Vec<Field> = Vec::with_capacity(decoded.pairs.len());
    for (index, pair) in decoded.pairs.iter().enumerate() {
        fields.push(build_field(index, pair, catalog_kind, api, webhook));
    }
    // Decoder findings: attach to the field they name, else keep them request-level.
    for f in decoded.findings.iter().cloned() {
        match f
            .param
            .as_deref()
            .and_then(|p| fields.iter_mut().find(|x| x.name == p))
        {
            Some(field) => field.findings.push(f),
            None => findings.push(f),
        }
    }

    if verdict.id == "unknown" && !decoded.pairs.is_empty() {
        let why = verdict.reasons.first().cloned().unwrap_or_default();
        let code = if why.contains("not a Twilio")
            || why.contains("Conversations")
            || why.contains("REST Message")
        {
            Code::LookalikeNotTwilio
        } else {
            Code::KindUnknown
        };
        findings.push(
            Finding::new(
                code,
                format!(
                    "Not recognised as a Twilio Voice/Messaging webhook or Calls request: {why}"
                ),
            )
            .hint("Choose the kind yourself to check the fields against it anyway."),
        );
    } else if let Some(r) = &verdict.runner_up {
        if verdict.id != "unknown" {
            findings.push(Finding::new(
                Code::KindAmbiguous,
                format!(
                    "This could also be {} (confidence {} vs {}).",
                    r.id, r.confidence, verdict.confidence
                ),
            ));
        }
    }

    if let Some(kind) = catalog_kind {
        cross_field_checks(
            kind,
            api,
            &mut fields,
            &mut findings,
            &decoded,
            path.as_deref(),
        );
    }

    let tokens: Vec<String> = options
        .auth_tokens
        .iter()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect();
    let signature_value = options
        .signature
        .clone()
        .filter(|s| !s.is_empty())
        .or_else(|| decoded.header("X-Twilio-Signature").map(str::to_string));
    let settings = options.signature_settings.clone().or_else(|| {
        decoded
            .header("X-Twilio-Webhooks-Signature-Settings")
            .map(str::to_string)
    });
    let signature = check_signature(SignatureParts {
        decoded: &decoded,
        url: url.as_deref(),
        method: method.as_deref(),
        content_type: content_type.as_deref(),
        signature: signature_value.as_deref(),
        settings: settings.as_deref(),
        tokens: &tokens,
        account_sid: name_values
            .iter()
            .find(|(n, _)| *n == "AccountSid")
            .map(|(_, v)| *v),
    });

    let mut report = Report {
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
        format,
        format_overridden: options.format.is_some(),
        request: RequestInfo {
            method,
            url,
            path,
            extension: decoded.extension.clone(),
            content_type,
            headers: decoded.headers.clone(),
            body: decoded.body.clone(),
            signature: signature_value,
        },
        kind: verdict,
        api_version: api.map(|a| a.as_str().to_string()),
        fields,
        findings,
        counts: Counts::default(),
        signature,
        response: None,
    };
    report.counts = count(&report);
    report
}

fn count(report: &Report) -> Counts {
    let mut c = Counts::default();
    for f in report
        .all_findings()
        .chain(report.signature.findings.iter())
    {
        match f.severity {
            Severity::Error => c.error += 1,
            Severity::Warning => c.warning += 1,
            Severity::Info => c.info += 1,
        }
    }
    c
}

/// The path part of a URL or path (no scheme, host, query or fragment).
fn path_of(url: &str) -> String {
    let rest = match url.find("://") {
        Some(i) => {
            let after = &url[i + 3..];
            after.find('/').map(|j| &after[j..]).unwrap_or("/")
        }
        None => url,
    };
    rest.split(['?', '#']).next().unwrap_or("").to_string()
}

/// The API version in force: the ApiVersion parameter, else what the kind implies.
fn api_version(kind: &str, ev: &Evidence) -> Option<ApiVersion> {
    if let Some(v) = ev
        .pairs
        .iter()
        .find(|(n, _)| *n == "ApiVersion" || *n == "api_version")
        .and_then(|(_, v)| ApiVersion::parse(v))
    {
        return Some(v);
    }
    if let Some(p) = ev.path.and_then(RestPath::parse) {
        return Some(p.version);
    }
    let has = |n: &str| ev.pairs.iter().any(|(k, _)| *k == n);
    match kind {
        "messaging-request" if has("SmsSid") && !has("MessageSid") && !has("NumMedia") => {
            Some(ApiVersion::V2008)
        }
        "unknown" => None,
        _ => catalog::kind(kind).map(|k| k.api_version),
    }
}

/// The catalog kind for a reported kind and API version.
fn catalog_kind_for(reported: &str, api: Option<ApiVersion>) -> Option<&'static KindSpec> {
    let candidates: Vec<&'static KindSpec> = catalog::KINDS
        .iter()
        .filter(|k| k.reported_as == reported || k.id == reported)
        .collect();
    candidates
        .iter()
        .find(|k| Some(k.api_version) == api && k.id == reported)
        .or_else(|| {
            candidates
                .iter()
                .find(|k| Some(k.api_version) == api && k.reported_as == reported)
        })
        .or_else(|| candidates.iter().find(|k| k.id == reported))
        .copied()
}

fn build_field(
    index: usize,
    pair: &RawPair,
    kind: Option<&'static KindSpec>,
    api: Option<ApiVersion>,
    webhook: bool,
) -> Field {
    let name = pair.name.as_str();
    let spec = kind.and_then(|k| catalog::param_for_kind(k.id, name));
    let (status, spec) = match spec {
        // An alias superseded by the very version that still sends it (Caller in 2010) is a
        // compatibility copy: legacy. One deprecated later (SmsSid) is deprecated.
        Some(s)
            if s.alias_of.is_some()
                && s.deprecated
                    .is_some_and(|d| Some(d.since) == api.map(ApiVersion::as_str)) =>
        {
            (FieldStatus::Legacy, Some(s))
        }
        Some(s)
            if s.deprecated
                .is_some_and(|d| deprecation_in_force(d.since, api)) =>
        {
            (FieldStatus::Deprecated, Some(s))
        }
        Some(s) if s.alias_of.is_some() => (FieldStatus::Legacy, Some(s)),
        Some(s) => (FieldStatus::Known, Some(s)),
        None => {
            let other = catalog::params_named(name)
                .find(|p| Some(p.api_version) == api)
                .or_else(|| catalog::params_named(name).next());
            match other {
                Some(p) => (FieldStatus::OtherKind, Some(p)),
                None => (FieldStatus::Unknown, None),
            }
        }
    };
    let mut field = Field {
        index,
        source: pair.source,
        name: pair.name.clone(),
        raw_name: pair.raw_name.clone(),
        value: pair.value.clone(),
        raw_value: pair.raw_value.clone(),
        catalog_name: spec.map(|s| Cow::Borrowed(s.name)),
        label: spec.map(|s| Cow::Borrowed(s.label)),
        description: spec.map(|s| Cow::Borrowed(s.description)),
        value_type: spec.map(|s| s.value_type.id()),
        display: None,
        status,
        findings: Vec::new(),
    };
    if let Some(op) = list_filter_operator(name) {
        field.display = Some(format!("{} {} {}", &name[..name.len() - 1], op, pair.value));
    }
    let Some(spec) = spec else {
        field.findings.push(
            Finding::new(Code::UnknownParam, format!("{name} is not a documented parameter{}.", kind.map(|k| format!(" of {}", k.id)).unwrap_or_default()))
                .param(name)
                .hint("Tolerated: Twilio adds parameters without notice, and apps add their own to their URLs."),
        );
        return field;
    };
    match status {
        FieldStatus::Deprecated => {
            let d = spec
                .deprecated
                .expect("OK because status is Deprecated only when set");
            field.findings.push(
                Finding::new(
                    Code::DeprecatedParam,
                    format!("{name} is deprecated (since {}).", d.since),
                )
                .param(name)
                .hint(format!("Use {} instead.", d.use_instead)),
            );
        }
        FieldStatus::Legacy => {
            let target = spec.alias_of.unwrap_or_default();
            field.findings.push(
                Finding::new(
                    Code::LegacyParam,
                    format!("{name} is a legacy alias of {target}, still sent for compatibility."),
                )
                .param(name)
                .hint(format!("Read {target} instead.")),
            );
        }
        FieldStatus::OtherKind => {
            field.findings.push(
                Finding::new(
                    Code::OtherKindParam,
                    format!(
                        "{name} is documented for {}, not for {}.",
                        spec.kinds.join(", "),
                        kind.map(|k| k.id).unwrap_or("this request")
                    ),
                )
                .param(name),
            );
        }
        _ => {}
    }
    if spec.status == DocStatus::ExampleOnly {
        field.findings.push(
            Finding::new(
                Code::ExampleOnlyParam,
                format!("{name} appears in Twilio's examples but not in its API schema."),
            )
            .param(name)
            .hint("Twilio may ignore it."),
        );
    }
    let checked = check::check_value(spec, name, &pair.value, api, webhook);
    if field.display.is_none() {
        field.display = checked.display;
    }
    field.findings.extend(checked.findings);
    field
}

/// A deprecation dated by an API version (`2010-04-01`) does not apply to requests of an
/// earlier version: `Caller` was the right name in 2008.
fn deprecation_in_force(since: &str, api: Option<ApiVersion>) -> bool {
    match (ApiVersion::parse(since), api) {
        (Some(since), Some(api)) => api.as_str() >= since.as_str(),
        _ => true,
    }
}

/// `StartTime>` → "on or after"; `StartTime<` → "on or before".
fn list_filter_operator(name: &str) -> Option<&'static str> {
    if !(name.starts_with("StartTime") || name.starts_with("EndTime")) {
        return None;
    }
    match name.as_bytes().last() {
        Some(b'>') => Some("on or after"),
        Some(b'<') => Some("on or before"),
        _ => None,
    }
}
