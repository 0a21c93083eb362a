//! X-Twilio-Signature verification (placeholder until the signature module lands).

use serde::{Deserialize, Serialize};

/// The signature verdict carried in every report.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignatureReport {
    /// `not-checked`, `valid`, `invalid`, …
    pub status: String,
    /// Findings (placeholder).
    pub findings: Vec<crate::finding::Finding>,
}
