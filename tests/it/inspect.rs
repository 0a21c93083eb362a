//! End-to-end inspection vectors: `tests/data/inspect/*.toml`, one `check` for all.
//!
//! Each `[[vector]]` gives an input (and optional options) and what the report must say:
//! kind, format, API version, fields, displays, finding codes present and absent.

use std::collections::BTreeSet;
use std::path::Path;

use serde::Deserialize;
use twilio_webhook_inspector::{inspect, Options, Report};

use crate::vectors::{assert_vectors_pass, load_vectors};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Vector {
    name: String,
    #[serde(default)]
    source: Option<String>,
    input: String,
    #[serde(default)]
    options: Options,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    api_version: Option<String>,
    /// [[name, decoded value]] that must appear in this order (a subsequence of the fields).
    #[serde(default)]
    fields: Vec<(String, String)>,
    /// [[name, display substring]].
    #[serde(default)]
    display: Vec<(String, String)>,
    /// [[name, status]] (known, deprecated, legacy, other-kind, unknown).
    #[serde(default)]
    status: Vec<(String, String)>,
    /// Codes that must appear (anywhere in the report, including the signature).
    #[serde(default)]
    codes: Vec<String>,
    /// Codes that must not appear.
    #[serde(default)]
    no_codes: Vec<String>,
    /// Whether the report has error-severity findings.
    #[serde(default)]
    errors: Option<bool>,
    /// Expected signature status.
    #[serde(default)]
    signature: Option<String>,
    /// Field count.
    #[serde(default)]
    field_count: Option<usize>,
    /// [[name, placeholder class]] (redacted, template, fake, foreign-id).
    #[serde(default)]
    placeholder: Vec<(String, String)>,
    /// [[param, substring]]: a finding about the param whose message contains the text.
    #[serde(default)]
    message: Vec<(String, String)>,
    /// A substring one of the kind's reasons must contain.
    #[serde(default)]
    reason: Option<String>,
    /// Codes that must appear, each only as info (said, not held against the request).
    #[serde(default)]
    info_codes: Vec<String>,
    /// [[code, substring]]: a finding with the code whose message contains the text (for
    /// findings about no one parameter, such as the signature's).
    #[serde(default)]
    says: Vec<(String, String)>,
}

pub(crate) fn all_codes(report: &Report) -> BTreeSet<String> {
    report
        .all_findings()
        .chain(report.signature.findings.iter())
        .map(|f| f.code.id().to_string())
        .collect()
}

/// What differs from a vector's expectations, one line each.
#[derive(Default)]
struct Errs(Vec<String>);

impl Errs {
    fn expect(&mut self, ok: bool, what: String) {
        if !ok {
            self.0.push(what);
        }
    }
}

fn check(v: &Vector) -> Vec<String> {
    let report = inspect(&v.input, &v.options);
    let json = serde_json::to_value(&report).expect("report serialises");
    let mut errs = Errs::default();
    check_verdict(v, &report, &json, &mut errs);
    check_fields(v, &report, &json, &mut errs);
    check_findings(v, &report, &mut errs);
    errs.0
}

/// Kind, format, API version, the kind's reasons, the field count, the signature status.
fn check_verdict(v: &Vector, report: &Report, json: &serde_json::Value, errs: &mut Errs) {
    if let Some(k) = &v.kind {
        errs.expect(
            &report.kind.id == k,
            format!(
                "kind {} (reasons {:?}), want {k}",
                report.kind.id, report.kind.reasons
            ),
        );
    }
    if let Some(f) = &v.format {
        errs.expect(
            report.format.id() == f,
            format!("format {}, want {f}", report.format.id()),
        );
    }
    if let Some(a) = &v.api_version {
        errs.expect(
            // Read from the JSON: the typed field must serialise to the same string.
            json["apiVersion"].as_str() == Some(a.as_str()),
            format!("api {}, want {a}", json["apiVersion"]),
        );
    }
    if let Some(r) = &v.reason {
        errs.expect(
            report.kind.reasons.iter().any(|x| x.contains(r.as_str())),
            format!("no reason contains {r:?}: {:?}", report.kind.reasons),
        );
    }
    if let Some(n) = v.field_count {
        errs.expect(
            report.fields.len() == n,
            format!("{} fields, want {n}", report.fields.len()),
        );
    }
    if let Some(s) = &v.signature {
        let got = json["signature"]["status"]
            .as_str()
            .unwrap_or("")
            .to_string();
        errs.expect(&got == s, format!("signature status {got}, want {s}"));
    }
}

/// Fields in order, their display, status and placeholder labels.
fn check_fields(v: &Vector, report: &Report, json: &serde_json::Value, errs: &mut Errs) {
    let mut at = 0;
    for (name, value) in &v.fields {
        match report.fields[at..]
            .iter()
            .position(|f| &f.name == name && &f.value == value)
        {
            Some(i) => at += i + 1,
            None => errs.expect(false, format!("field {name}={value:?} not found in order")),
        }
    }
    for (name, want) in &v.display {
        let got = report
            .fields
            .iter()
            .find(|f| &f.name == name)
            .and_then(|f| f.display.clone());
        errs.expect(
            got.as_deref().is_some_and(|g| g.contains(want.as_str())),
            format!("display of {name}: {got:?}, want ⊇ {want:?}"),
        );
    }
    for (name, want) in &v.status {
        let got = json["fields"]
            .as_array()
            .and_then(|fs| fs.iter().find(|f| f["name"] == name.as_str()))
            .map(|f| f["status"].clone());
        errs.expect(
            got.as_ref().and_then(|g| g.as_str()) == Some(want.as_str()),
            format!("status of {name}: {got:?}, want {want}"),
        );
    }
    for (name, want) in &v.placeholder {
        let got = json["fields"]
            .as_array()
            .and_then(|fs| fs.iter().find(|f| f["name"] == name.as_str()))
            .map(|f| f["placeholder"].clone());
        errs.expect(
            got.as_ref().and_then(|g| g.as_str()) == Some(want.as_str()),
            format!("placeholder of {name}: {got:?}, want {want}"),
        );
    }
}

/// Finding codes present, absent, info-only; errors; messages on a parameter.
fn check_findings(v: &Vector, report: &Report, errs: &mut Errs) {
    let codes = all_codes(report);
    for c in &v.codes {
        errs.expect(
            codes.contains(c),
            format!("missing code {c}; got {codes:?}"),
        );
    }
    for c in &v.no_codes {
        errs.expect(!codes.contains(c), format!("unexpected code {c}"));
    }
    for c in &v.info_codes {
        let severities: Vec<_> = report
            .findings
            .iter()
            .chain(report.fields.iter().flat_map(|f| f.findings.iter()))
            .filter(|f| f.code.id() == c)
            .map(|f| f.severity)
            .collect();
        errs.expect(
            !severities.is_empty()
                && severities
                    .iter()
                    .all(|s| *s == twilio_webhook_inspector::Severity::Info),
            format!("{c} must appear as info only; got {severities:?}"),
        );
    }
    if let Some(e) = v.errors {
        errs.expect(
            report.has_errors() == e,
            format!(
                "has_errors {}, want {e}; codes {codes:?}",
                report.has_errors()
            ),
        );
    }
    for (param, want) in &v.message {
        errs.expect(
            report.all_findings().any(|f| {
                f.param.as_deref() == Some(param.as_str()) && f.message.contains(want.as_str())
            }),
            format!("no finding on {param} says {want:?}"),
        );
    }
    for (code, want) in &v.says {
        errs.expect(
            report
                .all_findings()
                .chain(report.signature.findings.iter())
                .any(|f| f.code.id() == code && f.message.contains(want.as_str())),
            format!("no {code} finding says {want:?}"),
        );
    }
}

#[test]
fn inspect_vectors() {
    let vectors = load_vectors::<Vector>("tests/data/inspect");
    assert!(vectors.len() >= 20, "only {} vectors", vectors.len());
    let label = |v: &Vector| match &v.source {
        Some(s) => format!("{} (source: {s})", v.name),
        None => v.name.clone(),
    };
    assert_vectors_pass(&vectors, label, check);
}

#[test]
fn every_reportable_kind_has_a_vector() {
    let kinds: BTreeSet<String> = load_vectors::<Vector>("tests/data/inspect")
        .into_iter()
        .filter_map(|(_, v)| v.kind)
        .collect();
    let want = crate::reportable_kind_ids();
    let missing: Vec<&str> = want
        .iter()
        .copied()
        .filter(|k| !kinds.contains(*k))
        .collect();
    assert!(missing.is_empty(), "kinds without a vector: {missing:?}");
}

#[test]
fn report_json_round_trips() {
    let report = inspect(
        "CallSid=CA5a1f0c2e9b7d4a6c8e0f1a2b3c4d5e6f&CallStatus=ringing&From=%2B14155550100",
        &Options::default(),
    );
    let json = serde_json::to_string(&report).expect("serialises");
    let back: Report = serde_json::from_str(&json).expect("deserialises");
    assert_eq!(back, report);
}

/// Every finding code is expected by at least one vector (inspect, decode or response), so
/// none is dead and each has an input that produces it. `input-too-large` is produced by
/// `decode::oversized_input_is_refused_with_a_clear_message` and `response-too-large` by
/// `response::oversized_body_predicts_11750` (vectors of 10 MiB and 64 kB are no files).
#[test]
fn every_finding_code_is_exercised_by_a_vector() {
    let mut expected: BTreeSet<String> = BTreeSet::from([
        "input-too-large".to_string(),
        "response-too-large".to_string(),
    ]);
    for dir in [
        "tests/data/inspect",
        "tests/data/decode",
        "tests/data/timeline",
        "tests/data/response",
    ] {
        for (_, v) in load_vectors::<toml::Value>(dir) {
            let codes = v
                .get("codes")
                .and_then(|c| c.as_array())
                .cloned()
                .unwrap_or_default();
            expected.extend(codes.iter().filter_map(|c| c.as_str()).map(str::to_string));
        }
    }
    let missing: Vec<&str> = twilio_webhook_inspector::Code::ALL
        .iter()
        .map(|c| c.id())
        .filter(|id| !expected.contains(*id))
        .collect();
    assert!(
        missing.is_empty(),
        "no vector expects these codes: {missing:?}"
    );
}

/// docs/report.md documents every finding code and every doctor diagnosis.
#[test]
fn report_doc_lists_every_code() {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/report.md"))
        .expect("docs/report.md");
    let codes = twilio_webhook_inspector::Code::ALL.iter().map(|c| c.id());
    let diagnoses = twilio_webhook_inspector::signature::DiagnosisCode::ALL
        .iter()
        .map(|c| c.id());
    let missing: Vec<&str> = codes
        .chain(diagnoses)
        .filter(|id| !doc.contains(&format!("| `{id}` |")))
        .collect();
    assert!(missing.is_empty(), "docs/report.md lacks {missing:?}");
}

/// When nothing matches, the doctor lists what it tried and the causes in order: a redacted
/// capture first (nothing can match it), then another auth token.
#[test]
fn no_match_names_redaction_first_then_another_token() {
    let body = "AccountSid=AC0123456789abcdef0123456789abcdef&Body=Hi&From=%2B14155550100&MessageSid=SMXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX&To=%2B14155550199";
    let options = Options {
        url: Some("https://example.com/twilio/sms".into()),
        signature: Some("Qm4geyCCD4/2SIYKElf+JGKqQ0g=".into()),
        auth_tokens: vec!["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".into()],
        ..Options::default()
    };
    let report = inspect(body, &options);
    let nm = report.signature.no_match.expect("the doctor speaks");
    assert!(nm.likely_causes[0].contains("MessageSid"), "{nm:?}");
    assert!(nm.likely_causes[1].contains("auth token"), "{nm:?}");
    assert!(nm.likely_causes[1].contains("AC0123456789abcdef0123456789abcdef"));
    assert!(nm
        .tried
        .iter()
        .any(|t| t.contains("twilio-node") && t.contains("twilio-python")));
    assert!(nm.tried[0].contains("variants"), "{:?}", nm.tried);
    assert!(!nm.compare_next.is_empty());
}
