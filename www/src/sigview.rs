//! A view model of the signature verdict for the signature panel.
//!
//! Reads the core's typed `SignatureReport` field by field (status, match, both libraries'
//! verdicts, mode, algorithm, string-to-sign, body hash, the doctor's diagnoses); the
//! wording of URL candidates, modes and key orders is the core's. The signature findings
//! are the signature report's own, plus any signature finding among the request-level ones.
//! Pure; tested natively.

use twilio_webhook_inspector::signature::SignatureStatus;
use twilio_webhook_inspector::{Code, Finding, Report};

use crate::display::is_signature_finding;

/// The overall verdict, for colour and headline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// A candidate matched (twilio-node or twilio-python accepts it).
    Valid,
    /// Checked, and nothing matched (or the header is malformed).
    Invalid,
    /// Nothing to check, or something missing (signature, token, URL).
    NotChecked,
}

/// What matched.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MatchView {
    /// The URL candidate, in words ("the URL as received").
    pub candidate: Option<String>,
    /// Which token slot matched (0-based).
    pub token_index: Option<usize>,
    /// The core's token hint (`token #1 (…a1b2)`: never more than 4 characters of it).
    pub token_hint: Option<String>,
    /// The URL that was signed.
    pub url: Option<String>,
    /// The parameter order of the library that matched, in words.
    pub key_order: Option<String>,
}

/// One explanation from the signature doctor.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DiagView {
    /// Stable id (`scheme-mismatch`…).
    pub code: Option<String>,
    /// What happened.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
    /// The URL of the variant that matches.
    pub url: Option<String>,
    /// The string-to-sign of that variant.
    pub string_to_sign: Option<String>,
    /// Its signature.
    pub signature: Option<String>,
    /// The token slot that signed it.
    pub token_index: Option<usize>,
}

/// The `bodySHA256` check of a JSON webhook.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BodyHashView {
    /// SHA-256 of the body, hex.
    pub expected: String,
    /// The value in the URL.
    pub in_url: Option<String>,
    /// They are equal.
    pub matches: bool,
}

/// Everything the signature panel shows.
#[derive(Debug, Clone, PartialEq)]
pub struct SigView {
    /// Valid / invalid / not checked.
    pub verdict: Verdict,
    /// The core's status id (`valid`, `invalid`, `no-token`, …).
    pub status: String,
    /// What matched.
    pub matched: Option<MatchView>,
    /// twilio-node's verdict.
    pub node_valid: Option<bool>,
    /// twilio-python's verdict.
    pub python_valid: Option<bool>,
    /// Why node and python disagree.
    pub disagreement: Option<String>,
    /// What was signed besides the URL, in words.
    pub mode: Option<String>,
    /// The algorithm (`hmac-sha1`…).
    pub algorithm: Option<String>,
    /// The doctor's diagnoses.
    pub diagnoses: Vec<DiagView>,
    /// The string that was signed (invisible characters already made visible by the core).
    pub string_to_sign: Option<String>,
    /// The signature computed.
    pub expected: Option<String>,
    /// The signature received.
    pub received: Option<String>,
    /// The `bodySHA256` check.
    pub body_hash: Option<BodyHashView>,
    /// Signature findings.
    pub findings: Vec<Finding>,
}

impl SigView {
    /// The panel's headline.
    pub fn headline(&self) -> &'static str {
        match (self.verdict, self.status.as_str()) {
            (Verdict::Valid, _) => "Signature valid",
            (_, "malformed") => "Malformed signature",
            (Verdict::Invalid, _) => "Signature does not match",
            (_, "no-token") => "Signature not checked: no auth token",
            (_, "no-url") => "Signature not checked: URL unknown",
            (_, "no-signature") => "No signature to check",
            _ => "Signature not checked",
        }
    }
}

/// Builds the view from a report: the typed signature report, read field by field.
pub fn sig_view(report: &Report) -> SigView {
    let sig = &report.signature;
    let status = sig.status.id().to_string();
    let mut findings: Vec<Finding> = sig.findings.clone();
    for f in report.findings.iter().filter(|f| is_signature_finding(f)) {
        if !findings.contains(f) {
            findings.push(f.clone());
        }
    }
    let has = |code: Code| findings.iter().any(|f| f.code == code);
    // The status says what was checked. Without a token, URL or signature nothing could be
    // checked, whatever is wrong with the header (those problems are listed separately).
    let verdict = match sig.status {
        SignatureStatus::Valid => Verdict::Valid,
        SignatureStatus::Invalid | SignatureStatus::Malformed => Verdict::Invalid,
        SignatureStatus::NotChecked if has(Code::SignatureValid) => Verdict::Valid,
        SignatureStatus::NotChecked if has(Code::SignatureInvalid) => Verdict::Invalid,
        _ => Verdict::NotChecked,
    };
    let matched = sig.matched.as_ref().map(|m| MatchView {
        candidate: Some(m.candidate.describe().to_string()),
        token_index: Some(m.token_index),
        token_hint: Some(m.token_hint.clone()).filter(|h| !h.is_empty()),
        url: Some(m.url.clone()).filter(|u| !u.is_empty()),
        key_order: Some(m.key_order.describe().to_string()),
    });
    let diagnoses = sig
        .diagnoses
        .iter()
        .map(|d| DiagView {
            code: Some(d.code.id().to_string()),
            message: d.message.clone(),
            hint: Some(d.hint.clone()).filter(|h| !h.is_empty()),
            url: Some(d.url.clone()).filter(|u| !u.is_empty()),
            string_to_sign: Some(d.string_to_sign.clone()).filter(|s| !s.is_empty()),
            signature: Some(d.signature.clone()).filter(|s| !s.is_empty()),
            token_index: Some(d.token_index),
        })
        .collect();
    let body_hash = sig.body_hash.as_ref().map(|b| BodyHashView {
        expected: b.expected_hex.clone(),
        in_url: b.in_url.clone(),
        matches: b.matches,
    });
    SigView {
        verdict,
        status,
        matched,
        node_valid: sig.node_valid,
        python_valid: sig.python_valid,
        disagreement: sig.disagreement.clone(),
        mode: sig.mode.map(|m| m.describe().to_string()),
        algorithm: sig.algorithm.as_ref().map(|a| a.id().to_string()),
        diagnoses,
        string_to_sign: sig.string_to_sign.clone(),
        expected: sig.expected.clone(),
        received: sig
            .received
            .clone()
            .or_else(|| report.request.signature.clone()),
        body_hash,
        findings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    /// A report whose signature report has the given JSON keys (those its type knows).
    fn report_with(sig: Value) -> Report {
        let mut r = twilio_webhook_inspector::inspect("", &Default::default());
        let mut base = serde_json::to_value(&r.signature).unwrap();
        if let (Some(b), Some(o)) = (base.as_object_mut(), sig.as_object()) {
            for (k, v) in o {
                b.insert(k.clone(), v.clone());
            }
        }
        if let Ok(s) = serde_json::from_value(base) {
            r.signature = s;
        }
        r
    }

    #[test]
    fn empty_is_not_checked() {
        let v = sig_view(&report_with(serde_json::json!({})));
        assert_eq!(v.verdict, Verdict::NotChecked);
        assert!(v.diagnoses.is_empty());
        assert_eq!(v.headline(), "Signature not checked");
    }

    #[test]
    fn findings_come_from_the_report() {
        let mut r = report_with(serde_json::json!({}));
        r.findings
            .push(Finding::new(Code::SignatureInvalid, "nope"));
        r.findings
            .push(Finding::new(Code::MissingParam, "unrelated"));
        r.signature
            .findings
            .push(Finding::new(Code::SignatureNoToken, "no token"));
        r.signature
            .findings
            .push(Finding::new(Code::SignatureInvalid, "nope"));
        let v = sig_view(&r);
        assert_eq!(
            v.verdict,
            Verdict::Invalid,
            "decided by the finding when the status says nothing"
        );
        assert_eq!(v.findings.len(), 2, "{:?}", v.findings);
    }

    #[test]
    fn no_token_with_a_malformed_header_is_not_checked() {
        let report = twilio_webhook_inspector::inspect(
            "POST /sms HTTP/1.1\nHost: example.com\nX-Twilio-Signature: not-base64!\n\nFrom=%2B14155550100",
            &Default::default(),
        );
        let v = sig_view(&report);
        assert_eq!(v.status, "no-token");
        assert_eq!(v.verdict, Verdict::NotChecked);
        assert_eq!(v.headline(), "Signature not checked: no auth token");
        assert!(
            v.findings
                .iter()
                .any(|f| f.code == Code::SignatureMalformed),
            "the header's problem is listed separately: {:?}",
            v.findings
        );
    }

    #[test]
    fn reads_the_full_shape() {
        let r = report_with(serde_json::json!({
            "status": "invalid",
            "nodeValid": false,
            "pythonValid": false,
            "mode": "form-params",
            "stringToSign": "https://x/yA1",
            "expected": "abc=",
            "received": "def=",
            "matched": { "tokenIndex": 1, "tokenHint": "token #2 (…a1b2)", "candidate": "port-removed", "url": "https://x/y", "keyOrder": "utf16" },
            "diagnoses": [{ "code": "scheme-mismatch", "message": "Twilio signed http://", "hint": "Use the URL as configured", "url": "http://x/y", "stringToSign": "http://x/yA1", "signature": "def=", "tokenIndex": 0 }],
            "bodyHash": { "expectedHex": "00ff", "inUrl": "00fe", "matches": false }
        }));
        let v = sig_view(&r);
        // Only the keys the core's type knows survive the round trip; check what did.
        let known = serde_json::to_value(&r.signature).unwrap();
        if known.get("diagnoses").is_some() {
            assert_eq!(v.verdict, Verdict::Invalid);
            assert_eq!(v.headline(), "Signature does not match");
            let d = &v.diagnoses[0];
            assert_eq!(d.code.as_deref(), Some("scheme-mismatch"));
            assert_eq!(d.hint.as_deref(), Some("Use the URL as configured"));
            assert_eq!(d.url.as_deref(), Some("http://x/y"));
            let m = v.matched.unwrap();
            assert_eq!(m.token_index, Some(1));
            assert_eq!(
                m.candidate.as_deref(),
                Some("the URL with its port removed")
            );
            assert_eq!(
                v.mode.as_deref(),
                Some("the URL followed by the sorted form parameters")
            );
            assert!(!v.body_hash.unwrap().matches);
            assert_eq!(v.node_valid, Some(false));
        }
    }

    #[test]
    fn words() {
        let r = report_with(serde_json::json!({
            "status": "valid",
            "matched": { "tokenIndex": 0, "tokenHint": "token #1", "candidate": "as-received", "url": "https://x/y", "keyOrder": "code-point" }
        }));
        assert_eq!(
            sig_view(&r).matched.and_then(|m| m.key_order).as_deref(),
            Some("keys sorted by code point, as twilio-python does")
        );
    }
}
