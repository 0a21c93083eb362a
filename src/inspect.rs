//! The orchestrator: input text + options → [`Report`]. Never fails, never panics.

use serde::{Deserialize, Serialize};

use crate::catalog::{self, ApiVersion, Direction, KindSpec};
use crate::classify::{classify, json_body_note, Evidence, IdShapes, RestPath};
use crate::cross::{check_signature, cross_field_checks, signed_material, SignatureParts};
use crate::decode::{decode, Decoded};
use crate::finding::{Code, Finding, Severity};
use crate::placeholder::Placeholder;
use crate::report::{Counts, Field, InputFormat, KindVerdict, Report, RequestInfo};
use crate::signature::{self, SignRequest, SignatureReport, SignedRequest};

mod field;
use field::{build_field, FieldContext};

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
    if input.len() <= crate::limits::MAX_INPUT_BYTES {
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

/// Why [`sign`] could not sign a request.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SignError {
    /// No auth token (or SharedKey secret) was given.
    NoToken,
    /// The URL Twilio calls is unknown.
    NoUrl,
    /// Only a path is known; signing needs the scheme and host.
    PathOnly(String),
    /// X-Twilio-Webhooks-Signature-Settings names an algorithm Twilio does not use.
    UnknownAlgorithm(String),
}

impl std::fmt::Display for SignError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SignError::NoToken => {
                f.write_str("an auth token (or SharedKey secret) is needed to sign")
            }
            SignError::NoUrl => f.write_str(
                "the URL Twilio calls is needed to sign: paste a request with it or pass url",
            ),
            SignError::PathOnly(url) => write!(
                f,
                "{url} is only a path; give the full URL (scheme and host) to sign"
            ),
            SignError::UnknownAlgorithm(name) => write!(f, "unknown signature algorithm '{name}'"),
        }
    }
}

impl std::error::Error for SignError {}

/// Signs the pasted request afresh with the first of `options.auth_tokens` (HMAC-SHA256
/// when `options.signature_settings` asks for it), so it can be replayed against a local
/// server. The URL comes from the input or `options.url` and must be absolute.
pub fn sign(input: &str, options: &Options) -> Result<SignedRequest, SignError> {
    let decoded = decode(input, options.format);
    let token = options
        .auth_tokens
        .iter()
        .map(|t| t.trim())
        .find(|t| !t.is_empty())
        .ok_or(SignError::NoToken)?;
    let url = options
        .url
        .as_deref()
        .filter(|u| !u.trim().is_empty())
        .or(decoded.url.as_deref())
        .ok_or(SignError::NoUrl)?;
    if !url.contains("://") {
        return Err(SignError::PathOnly(url.to_string()));
    }
    let settings = options
        .signature_settings
        .as_deref()
        .or_else(|| decoded.header("X-Twilio-Webhooks-Signature-Settings"));
    let algorithm =
        signature::Algorithm::from_settings_header(settings.filter(|s| !s.trim().is_empty()))
            .map_err(|name| SignError::UnknownAlgorithm(name.to_string()))?;
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
pub(crate) fn inspect_decoded(mut decoded: Decoded, options: &Options) -> Report {
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
    let (method, url, content_type) = request_facts(&mut decoded, options);
    let path = url.as_deref().map(path_of);

    let forced_kind = forced_kind(options, &mut findings);
    // The evidence borrows the decoded pairs; once the kind and version are known the
    // pairs' strings move into the report's fields.
    let (classification, api) = {
        let name_values: Vec<(&str, &str)> = decoded
            .pairs
            .iter()
            .map(|p| (p.name.as_str(), p.value.as_str()))
            .collect();
        let opaque: Vec<&str> = decoded
            .pairs
            .iter()
            .filter(|p| p.non_literal)
            .map(|p| p.name.as_str())
            .collect();
        let evidence = Evidence::new(
            &name_values,
            format,
            method.as_deref(),
            path.as_deref(),
            &opaque,
        )
        .with_url(url.as_deref());
        let classification = classify(&evidence, forced_kind);
        // A forced catalog kind of another API version (`messaging-request-legacy`) brings
        // its version with it.
        let forced_version = forced_kind
            .and_then(catalog::kind)
            .filter(|k| k.id != k.reported_as)
            .map(|k| k.api_version);
        let api = forced_version.or_else(|| api_version(&classification.verdict.id, &evidence));
        (classification, api)
    };
    let verdict = classification.verdict;
    let catalog_kind = catalog_kind_for(&verdict.id, api);
    let direction = catalog_kind.map(|k| k.direction);
    let context = FieldContext {
        kind: catalog_kind,
        api,
        webhook: direction == Some(Direction::TwilioToApp),
        // Another product's or provider's request: label its fields, judge none of them
        // by Twilio's formats and value sets.
        check_values: classification.lookalike.is_none(),
        foreign_ids: classification.ids.compatible_platform(),
    };

    // Fields in wire order, each looked up and checked.
    let no_pairs = decoded.pairs.is_empty();
    let mut fields: Vec<Field> = std::mem::take(&mut decoded.pairs)
        .into_iter()
        .enumerate()
        .map(|(index, pair)| build_field(index, pair, &context))
        .collect();
    attach_decoder_findings(&decoded.findings, &mut fields, &mut findings);
    kind_findings(
        &verdict,
        classification.lookalike.is_some(),
        &classification.ids,
        no_pairs,
        &mut findings,
    );
    findings.extend(json_body_note(
        &decoded,
        url.as_deref(),
        content_type.as_deref(),
        catalog_kind,
        &classification.ids,
    ));

    if let Some(kind) = catalog_kind {
        cross_field_checks(
            kind,
            api,
            &mut fields,
            &mut findings,
            decoded.auth_user.as_deref(),
            path.as_deref(),
            classification.partial,
        );
    }

    if verdict.id != "unknown" && classification.ids.compatible_platform() {
        demote_for_platform(&mut fields, &mut findings);
    }

    let (signature_value, signature) = signature_of(
        &decoded,
        options,
        &fields,
        url.as_deref(),
        method.as_deref(),
        content_type.as_deref(),
    );
    let mut report = Report {
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
        format,
        format_overridden: options.format.is_some(),
        request: RequestInfo {
            method,
            url,
            path,
            extension: decoded.extension.take(),
            content_type,
            headers: std::mem::take(&mut decoded.headers),
            body: decoded.body.take(),
            signature: signature_value,
        },
        kind: verdict,
        api_version: api,
        fields,
        findings,
        counts: Counts::default(),
        signature,
        response: None,
    };
    report.counts = count(&report);
    report
}

/// Method, URL and content type: the caller's, else what the capture says.
fn request_facts(
    decoded: &mut Decoded,
    options: &Options,
) -> (Option<String>, Option<String>, Option<String>) {
    let method = options
        .method
        .as_deref()
        .filter(|m| !m.trim().is_empty())
        .or(decoded.method.as_deref())
        .map(|m| m.trim().to_ascii_uppercase());
    let url = options
        .url
        .clone()
        .filter(|u| !u.trim().is_empty())
        .or_else(|| decoded.url.take());
    let content_type = options
        .content_type
        .clone()
        .or_else(|| decoded.header("Content-Type").map(str::to_string));
    (method, url, content_type)
}

/// The kind the caller forced, if it is one the catalog knows (`auto` and blank force
/// nothing); an unknown one is reported and ignored.
fn forced_kind<'o>(options: &'o Options, findings: &mut Vec<Finding>) -> Option<&'o str> {
    let forced = options
        .kind
        .as_deref()
        .map(str::trim)
        .filter(|k| !k.is_empty() && *k != "auto");
    if let Some(k) = forced.filter(|k| {
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
        return None;
    }
    forced
}

/// Decoder findings: attached to the field they name, else kept request-level.
fn attach_decoder_findings(decoder: &[Finding], fields: &mut [Field], findings: &mut Vec<Finding>) {
    let stand_ins: Vec<String> = redacted_names(fields)
        .into_iter()
        .map(String::from)
        .collect();
    for f in decoder.iter().cloned() {
        match f
            .param
            .as_deref()
            .and_then(|p| fields.iter_mut().find(|x| x.name == p))
        {
            // `%s` left in a form body is a template, not a broken escape.
            Some(field)
                if f.code == Code::InvalidPercentEscape
                    && field.placeholder == Some(Placeholder::Template) =>
            {
                field.findings.push(
                    f.severity(Severity::Info)
                        .hint("The '%' belongs to a template variable left in the capture."),
                )
            }
            Some(field) => field.findings.push(f),
            // Stand-ins in the body (`SM123`, `<redacted>`) change its length: a
            // Content-Length that does not match is then expected, not a cut capture.
            None if f.code == Code::ContentLengthMismatch && !stand_ins.is_empty() => {
                let message = format!(
                    "{} The body holds stand-in values ({}), which explains the difference.",
                    f.message,
                    stand_ins.join(", ")
                );
                findings.push(Finding {
                    message,
                    ..f.severity(Severity::Info)
                })
            }
            None => findings.push(f),
        }
    }
}

/// The body parameters whose values are stand-ins, first six.
fn redacted_names(fields: &[Field]) -> Vec<&str> {
    fields
        .iter()
        .filter(|f| f.placeholder.is_some() && f.source == crate::report::ParamSource::Body)
        .map(|f| f.name.as_str())
        .take(6)
        .collect()
}

/// What the kind verdict says as findings: not recognised (or another product's), could
/// also be the runner-up, or a Twilio kind sent by a compatible platform.
fn kind_findings(
    verdict: &KindVerdict,
    lookalike: bool,
    ids: &IdShapes,
    no_pairs: bool,
    findings: &mut Vec<Finding>,
) {
    if verdict.id == "unknown" && !no_pairs {
        let why = verdict.reasons.first().cloned().unwrap_or_default();
        let code = if lookalike {
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

    if verdict.id != "unknown" && ids.compatible_platform() {
        findings.push(
            Finding::new(
                Code::CompatiblePlatform,
                format!(
                    "The parameters are those of a {}, but {} {} not Twilio SIDs (UUIDs): a Twilio-compatible platform or a home-made request, not Twilio.",
                    verdict.title,
                    ids.foreign.join(", "),
                    if ids.foreign.len() == 1 { "is" } else { "are" }
                ),
            )
            .hint("The fields are labeled as Twilio documents them; their ids are not checked. Twilio's signature cannot apply unless that platform signs the same way."),
        );
    }
}

/// Another platform's formats (ISO dates, bare numbers, its own ids) are not mistakes: say
/// what differs from Twilio, judge nothing by Twilio's rules.
fn demote_for_platform(fields: &mut [Field], findings: &mut [Finding]) {
    let demote = |f: &mut Finding| {
        if f.code != Code::CompatiblePlatform && f.severity > Severity::Info {
            f.severity = Severity::Info;
        }
    };
    findings.iter_mut().for_each(demote);
    fields
        .iter_mut()
        .flat_map(|f| f.findings.iter_mut())
        .for_each(demote);
}

/// The signature header (given or captured) and its verdict; when nothing matches and the
/// capture is redacted, redaction is named first among the likely causes.
fn signature_of(
    decoded: &Decoded,
    options: &Options,
    fields: &[Field],
    url: Option<&str>,
    method: Option<&str>,
    content_type: Option<&str>,
) -> (Option<String>, SignatureReport) {
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
    let mut signature = check_signature(SignatureParts {
        decoded,
        fields,
        url,
        method,
        content_type,
        signature: signature_value.as_deref(),
        settings: settings.as_deref(),
        tokens: &tokens,
        account_sid: fields
            .iter()
            .find(|f| f.name == "AccountSid")
            .map(|f| f.value.as_str()),
    });
    if let Some(nm) = signature.no_match.as_mut() {
        let redacted: Vec<&str> = fields
            .iter()
            .filter(|f| f.placeholder.is_some() && f.source == crate::report::ParamSource::Body)
            .map(|f| f.name.as_str())
            .collect();
        if !redacted.is_empty() {
            nm.likely_causes.insert(0, format!(
                "The capture is redacted ({}): Twilio signed the real values, so no signature can match the capture as pasted.",
                redacted.join(", ")
            ));
        }
    }
    (signature_value, signature)
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
    if let Some(v) = ev.path.and_then(RestPath::parse).and_then(|p| p.version) {
        return Some(v);
    }
    let has = |n: &str| ev.pairs.iter().any(|(k, _)| *k == n);
    let value = |n: &str| ev.pairs.iter().find(|(k, _)| *k == n).map(|(_, v)| *v);
    match kind {
        // The 2008 call log filtered on a numeric Status (2010 filters on words).
        "list-calls"
            if value("Status")
                .is_some_and(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit())) =>
        {
            Some(ApiVersion::V2008)
        }
        "messaging-request"
            if !has("MessageSid")
                && !has("NumMedia")
                && !names_only_2010_sends(ev)
                && (has("SmsSid") || ten_digit_numbers(ev)) =>
        {
            Some(ApiVersion::V2008)
        }
        "dial-action" if has("DialStatus") && !has("DialCallStatus") => Some(ApiVersion::V2008),
        "unknown" => None,
        _ => catalog::kind(kind).map(|k| k.api_version),
    }
}

/// True when a parameter only API 2010-04-01 sends is present (`MessagingServiceSid`,
/// `MessageType`, `Latitude`…): then a message without `MessageSid` is a 2010 one that kept
/// only its legacy `SmsSid`, not a 2008 request.
fn names_only_2010_sends(ev: &Evidence) -> bool {
    ev.pairs.iter().any(|(n, _)| {
        let mut rows = catalog::params_named(n).peekable();
        rows.peek().is_some() && rows.all(|p| p.api_version == ApiVersion::V2010)
    })
}

/// From and To as ten bare digits: how the 2008 API wrote numbers (2010 sends E.164).
fn ten_digit_numbers(ev: &Evidence) -> bool {
    let ten = |n: &str| {
        ev.pairs
            .iter()
            .find(|(k, _)| *k == n)
            .is_some_and(|(_, v)| {
                let v = v.trim();
                v.len() == 10 && v.bytes().all(|b| b.is_ascii_digit())
            })
    };
    ten("From") && ten("To")
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
