//! The orchestrator: input text + options → [`Report`]. Never fails, never panics.

use serde::{Deserialize, Serialize};

use crate::report::{InputFormat, Report};

/// What the caller knows beyond the pasted text. Every field is optional; values found in
/// the pasted text (a request line, headers, curl flags) are used when a field is unset.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
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
pub fn inspect(input: &str, options: &Options) -> Report {
    let _ = (input, options);
    todo_report()
}

fn todo_report() -> Report {
    Report {
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
        format: InputFormat::Empty,
        format_overridden: false,
        request: Default::default(),
        kind: crate::report::KindVerdict {
            id: "unknown".into(),
            title: "Unknown".into(),
            overridden: false,
            confidence: 0,
            reasons: vec![],
            runner_up: None,
        },
        api_version: None,
        fields: vec![],
        findings: vec![],
        counts: Default::default(),
        signature: Default::default(),
    }
}
