//! A view model of the signature verdict for the signature panel.
//!
//! The core's `SignatureReport` is still growing, so the panel reads its JSON form
//! tolerantly: known keys (`status`, `matched`, `nodeValid`, `pythonValid`, `diagnoses`,
//! `stringToSign`, `expected`, `received`, …) are picked when present, in whatever reasonable
//! shape, and the signature findings of the report fill in the rest. Pure; tested natively.

use serde_json::Value;
use twilio_webhook_inspector::{Finding, Report};

use crate::display::is_signature_finding;

/// The overall verdict, for colour and headline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// A candidate matched.
    Valid,
    /// A signature and token were given and nothing matched.
    Invalid,
    /// Nothing to check, or something missing (signature, token, URL).
    NotChecked,
}

/// Everything the signature panel shows.
#[derive(Debug, Clone, PartialEq)]
pub struct SigView {
    /// Valid / invalid / not checked.
    pub verdict: Verdict,
    /// The raw status id from the core (`valid`, `invalid`, `missing`, `no-token`, …).
    pub status: String,
    /// What matched: the candidate's description.
    pub matched: Option<String>,
    /// Which token matched: its slot number (0-based) when the core says.
    pub token_index: Option<usize>,
    /// Which token matched, as the core names it.
    pub token_label: Option<String>,
    /// twilio-node's verdict.
    pub node_valid: Option<bool>,
    /// twilio-python's verdict.
    pub python_valid: Option<bool>,
    /// The doctor's diagnoses, one sentence each.
    pub diagnoses: Vec<String>,
    /// The string that was signed (for the primary candidate or the match).
    pub string_to_sign: Option<String>,
    /// The signature computed.
    pub expected: Option<String>,
    /// The signature received.
    pub received: Option<String>,
    /// The URL the check used.
    pub url: Option<String>,
    /// Candidates tried: (description, matched).
    pub candidates: Vec<(String, bool)>,
    /// Signature findings (from the report's request findings).
    pub findings: Vec<Finding>,
}

fn get<'a>(v: &'a Value, keys: &[&str]) -> Option<&'a Value> {
    keys.iter().find_map(|k| v.get(*k)).filter(|x| !x.is_null())
}

fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Object(_) => ["message", "summary", "description", "label", "name", "text", "variant", "url"]
            .iter()
            .find_map(|k| v.get(*k).and_then(text))
            .map(|head| {
                let hint = v.get("hint").and_then(text);
                match hint {
                    Some(h) if !h.is_empty() && h != head => format!("{head} — {h}"),
                    _ => head,
                }
            }),
        _ => None,
    }
}

fn boolean(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::String(s) => match s.as_str() {
            "valid" | "accepts" | "accepted" | "true" | "yes" | "pass" => Some(true),
            "invalid" | "rejects" | "rejected" | "false" | "no" | "fail" => Some(false),
            _ => None,
        },
        Value::Object(_) => get(v, &["valid", "accepted", "accepts", "ok"]).and_then(boolean),
        _ => None,
    }
}

/// Builds the view from a report.
pub fn sig_view(report: &Report) -> SigView {
    let v = serde_json::to_value(&report.signature).unwrap_or(Value::Null);
    let status = get(&v, &["status", "verdict"]).and_then(text).unwrap_or_else(|| "not-checked".into());

    // The report's request-level findings carry the signature findings (the signature
    // report's own list, when it has one, repeats them).
    let findings: Vec<Finding> = report.findings.iter().filter(|f| is_signature_finding(f)).cloned().collect();

    let valid_flag = get(&v, &["valid"]).and_then(boolean);
    let verdict = match (status.as_str(), valid_flag) {
        (_, Some(true)) | ("valid", _) | ("matched", _) | ("ok", _) => Verdict::Valid,
        ("invalid", _) | ("mismatch", _) | ("malformed", _) | ("failed", _) => Verdict::Invalid,
        _ if findings.iter().any(|f| f.code.id() == "signature-valid") => Verdict::Valid,
        _ if findings.iter().any(|f| f.code.id() == "signature-invalid") => Verdict::Invalid,
        _ => Verdict::NotChecked,
    };

    let matched_v = get(&v, &["matched", "match", "matchedCandidate"]);
    let matched = matched_v.and_then(|m| match m {
        Value::Bool(_) => None,
        other => text(other),
    });
    let token_index = matched_v
        .and_then(|m| get(m, &["tokenIndex", "token"]))
        .or_else(|| get(&v, &["tokenIndex", "matchedToken"]))
        .and_then(|t| t.as_u64())
        .map(|n| n as usize);
    let token_label = matched_v
        .and_then(|m| get(m, &["tokenLabel", "token"]))
        .or_else(|| get(&v, &["tokenLabel", "matchedToken"]))
        .and_then(|t| t.as_str().map(str::to_string));

    let lib = |name: &str, flat: &[&str]| {
        get(&v, flat)
            .and_then(boolean)
            .or_else(|| get(&v, &["libraries", "libs"]).and_then(|l| l.get(name)).and_then(boolean))
    };
    let node_valid = lib("node", &["nodeValid", "node", "twilioNode"]);
    let python_valid = lib("python", &["pythonValid", "python", "twilioPython"]);

    let diagnoses = get(&v, &["diagnoses", "diagnosis", "doctor"])
        .map(|d| match d {
            Value::Array(a) => a.iter().filter_map(text).collect(),
            other => text(other).into_iter().collect(),
        })
        .unwrap_or_default();

    let candidates = get(&v, &["candidates", "variants"])
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|c| {
                    let label = text(c)?;
                    let ok = get(c, &["matched", "valid", "matches"]).and_then(boolean).unwrap_or(false);
                    Some((label, ok))
                })
                .collect()
        })
        .unwrap_or_default();

    let pick = |keys: &[&str]| get(&v, keys).and_then(text).or_else(|| matched_v.and_then(|m| get(m, keys)).and_then(text));

    SigView {
        verdict,
        status,
        matched,
        token_index,
        token_label,
        node_valid,
        python_valid,
        diagnoses,
        string_to_sign: pick(&["stringToSign", "signedString", "data"]),
        expected: pick(&["expected", "computed", "expectedSignature"]),
        received: pick(&["received", "signature", "receivedSignature"]).or_else(|| report.request.signature.clone()),
        url: pick(&["url", "signedUrl"]),
        candidates,
        findings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use twilio_webhook_inspector::{Code, Finding};

    fn report_with(sig: Value) -> Report {
        let mut r = twilio_webhook_inspector::inspect("", &Default::default());
        // Build the SignatureReport through serde (defaults + these keys) so the test works
        // with any shape of it.
        let mut base = serde_json::to_value(&r.signature).unwrap();
        if let (Some(b), Some(o)) = (base.as_object_mut(), sig.as_object()) {
            for (k, v) in o {
                if b.contains_key(k) {
                    b.insert(k.clone(), v.clone());
                }
            }
        }
        r.signature = serde_json::from_value(base).unwrap();
        r
    }

    #[test]
    fn empty_is_not_checked() {
        let r = report_with(serde_json::json!({ "status": "not-checked" }));
        let v = sig_view(&r);
        assert_eq!(v.verdict, Verdict::NotChecked);
        assert!(v.diagnoses.is_empty());
    }

    #[test]
    fn reads_status_and_findings() {
        let mut r = report_with(serde_json::json!({ "status": "invalid" }));
        r.findings.push(Finding::new(Code::SignatureInvalid, "nope"));
        r.findings.push(Finding::new(Code::MissingParam, "unrelated"));
        let v = sig_view(&r);
        assert_eq!(v.verdict, Verdict::Invalid);
        assert_eq!(v.findings.len(), 1);
        assert_eq!(v.status, "invalid");
    }

    #[test]
    fn finding_alone_decides_when_status_is_vague() {
        let mut r = report_with(serde_json::json!({ "status": "checked" }));
        r.findings.push(Finding::new(Code::SignatureValid, "ok"));
        assert_eq!(sig_view(&r).verdict, Verdict::Valid);
    }

    #[test]
    fn tolerant_text() {
        assert_eq!(text(&serde_json::json!({"message": "a", "hint": "b"})).unwrap(), "a — b");
        assert_eq!(text(&serde_json::json!("x")).unwrap(), "x");
        assert_eq!(boolean(&serde_json::json!({"valid": true})), Some(true));
        assert_eq!(boolean(&serde_json::json!("rejects")), Some(false));
    }
}
