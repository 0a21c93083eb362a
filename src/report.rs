//! The report: the one serialisable result every door (CLI, npm, web app) exposes.
//!
//! JSON shape: every struct serialises with camelCase keys; enums serialise as kebab-case
//! strings. The shape is documented in `docs/report.md`.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::finding::{Code, Finding};
use crate::placeholder::Placeholder;
use crate::response::ResponseReport;
use crate::signature::SignatureReport;

pub use crate::input::{Header, InputFormat};

/// Where a parameter was found in the request.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ParamSource {
    /// The URL's query string.
    Query,
    /// A form-encoded body.
    Body,
    /// A key of a JSON object.
    Json,
    /// An element of an XML document.
    Xml,
    /// A segment of a Twilio REST path (`/Accounts/{AccountSid}/Calls/{CallSid}`).
    Path,
}

/// One decoded name/value pair, exactly as it came, in wire order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RawPair {
    /// Where the pair was found.
    pub source: ParamSource,
    /// The key as written in the input (still percent-encoded for forms and queries).
    pub raw_name: String,
    /// The value as written in the input (still percent-encoded for forms and queries).
    pub raw_value: String,
    /// The decoded key (`+` → space, `%XX` → bytes, read as UTF-8; invalid UTF-8 becomes U+FFFD).
    pub name: String,
    /// The decoded value (same decoding as `name`).
    pub value: String,
    /// True when the pair had no `=` (the value is then empty).
    #[serde(default, skip_serializing_if = "is_false")]
    pub no_equals: bool,
    /// True when the value is not a literal but an expression as written in a program
    /// (`from_number`, `f"hi {x}"`, `os.environ["X"]`): it is shown, never checked.
    #[serde(default, skip_serializing_if = "is_false")]
    pub non_literal: bool,
}

pub(crate) fn is_false(b: &bool) -> bool {
    !*b
}

/// The finding counts per severity.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Error-severity findings (the request is wrong or the signature fails).
    pub error: usize,
    /// Warnings (suspicious, deprecated or inconsistent).
    pub warning: usize,
    /// Informational notes.
    pub info: usize,
}

/// Whether a field is known for the detected kind.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FieldStatus {
    /// Documented for the detected kind.
    Known,
    /// Known, but deprecated (see the field's findings for the replacement).
    Deprecated,
    /// A legacy alias still sent for compatibility (Caller, Called, SmsSid…).
    Legacy,
    /// Documented for another kind, not for the detected one.
    OtherKind,
    /// Not in the catalog at all (tolerated: Twilio adds parameters, apps add their own).
    Unknown,
}

/// One field of the request, in wire order, with everything the catalog knows about it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Field {
    /// Position in wire order (0-based).
    pub index: usize,
    /// Where the pair was found.
    pub source: ParamSource,
    /// Decoded name.
    pub name: String,
    /// The name as written (before percent-decoding).
    pub raw_name: String,
    /// Decoded value.
    pub value: String,
    /// The value as written (before percent-decoding).
    pub raw_value: String,
    /// The catalog name this field matched (`MediaUrl{N}` for `MediaUrl3`, `StartTime>` for `StartTime>`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub catalog_name: Option<Cow<'static, str>>,
    /// Short human label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<Cow<'static, str>>,
    /// One-line description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Cow<'static, str>>,
    /// The value type id (`sid:CA`, `phone`, `rfc2822-date`, `enum:call-status`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_type: Option<String>,
    /// A human rendering of the value (ISO date, formatted number, duration in words…).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    /// Known / deprecated / legacy / other-kind / unknown.
    pub status: FieldStatus,
    /// Set when the value is a stand-in (redacted, a template variable, a fixture's fake
    /// or another platform's id): shown as written, not checked, still counts as present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placeholder: Option<crate::placeholder::Placeholder>,
    /// Findings about this field.
    pub findings: Vec<Finding>,
}

impl Field {
    /// The label and the info finding of a stand-in value.
    pub(crate) fn label_placeholder(&mut self) {
        let Some(p) = self.placeholder else {
            return;
        };
        self.display = Some(p.label().to_string());
        let (code, message) = match p {
            Placeholder::ForeignId => (
                Code::ForeignId,
                format!(
                    "{}={} is not a Twilio SID but another platform's id ({}); it is not checked.",
                    self.name,
                    self.value,
                    if crate::placeholder::is_uuid(self.value.trim()) {
                        "a UUID"
                    } else {
                        "an opaque token"
                    }
                ),
            ),
            _ => (
                Code::RedactedValue,
                format!(
                    "{} is {}; it is shown as written and not checked.",
                    self.name,
                    match p {
                        Placeholder::Redacted => "redacted",
                        Placeholder::Template => "a template variable left in",
                        Placeholder::CutOff =>
                            "cut off where the capture ends (an earlier copy holds the whole value)",
                        _ => "a placeholder, not a real value",
                    }
                ),
            ),
        };
        self.findings
            .push(Finding::new(code, message).param(self.name.clone()));
    }
}

/// The detected kind of webhook or request, with the evidence.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KindVerdict {
    /// The kind id (`voice-request`, `messaging-request`, …, `unknown`).
    pub id: crate::catalog::KindId,
    /// Human title of the kind.
    pub title: String,
    /// True when the caller forced the kind instead of letting it be detected.
    pub overridden: bool,
    /// How sure the detector is, 0–100.
    pub confidence: u8,
    /// Why: which parameters (or their absence) decided it.
    pub reasons: Vec<String>,
    /// The second-best kind when it was close.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub runner_up: Option<RunnerUp>,
}

/// A kind that nearly won.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RunnerUp {
    /// The kind id.
    pub id: crate::catalog::KindId,
    /// Its confidence, 0–100.
    pub confidence: u8,
}

/// What was pasted, as understood.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestInfo {
    /// HTTP method, when known (from a request line, curl `-X`/`-d`, or the caller).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// The full URL the request was sent to, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The request path (with Twilio REST paths recognised: `/2010-04-01/Accounts/…`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Response format asked for by a REST path extension (`json`, `csv`, `xml`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extension: Option<String>,
    /// Content type, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// Headers in order (the `Authorization` value is redacted).
    pub headers: Vec<Header>,
    /// The raw body, when there was one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// The X-Twilio-Signature value found in the input or given by the caller.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
}

/// The full inspection result.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// The version of this tool that produced the report.
    pub tool_version: String,
    /// The detected (or forced) input format.
    pub format: InputFormat,
    /// True when the caller forced the format.
    pub format_overridden: bool,
    /// Method, URL, headers and body, as far as the input told them.
    pub request: RequestInfo,
    /// The detected kind with its reasons.
    pub kind: KindVerdict,
    /// The Twilio API version in force (`2010-04-01` or `2008-08-01`), when it could be told.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_version: Option<crate::catalog::ApiVersion>,
    /// Every parameter in wire order.
    pub fields: Vec<Field>,
    /// Request-level findings (decoding problems, missing parameters, cross-field checks…).
    pub findings: Vec<Finding>,
    /// Findings per severity, over fields and request.
    pub counts: Counts,
    /// The X-Twilio-Signature verdict.
    pub signature: SignatureReport,
    /// The webhook response, when the paste contains one (a response alone, a request
    /// followed by its response, a HAR entry with a response): would Twilio accept it?
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<ResponseReport>,
}

impl Report {
    /// Every finding, request-level first, then per field in wire order.
    pub fn all_findings(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .chain(self.fields.iter().flat_map(|f| f.findings.iter()))
    }

    /// True when there is an error-severity finding, the signature is invalid, or Twilio
    /// would reject the response.
    pub fn has_errors(&self) -> bool {
        self.counts.error > 0 || self.response.as_ref().is_some_and(|r| !r.accepted)
    }
}
