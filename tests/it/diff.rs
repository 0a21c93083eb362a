//! Diff vectors: `tests/data/diff/*.toml`. Each gives two captures (and their options) and
//! what the diff must say: field changes, URL parts, the signature verdicts and the
//! doctor's names for the differences that change what is signed.

use serde::Deserialize;
use twilio_webhook_inspector::{diff, Options};

use crate::vectors::{assert_vectors_pass, load_vectors};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Vector {
    name: String,
    source: String,
    a: String,
    b: String,
    #[serde(default)]
    options_a: Options,
    #[serde(default)]
    options_b: Options,
    /// [[name, change]] that must appear (added, removed, changed, reordered, duplicated).
    #[serde(default)]
    changes: Vec<(String, String)>,
    /// Names that must not appear among the changes.
    #[serde(default)]
    unchanged: Vec<String>,
    /// Names whose change is only in the encoding (`rawOnly`).
    #[serde(default)]
    raw_only: Vec<String>,
    #[serde(default)]
    kind_changed: Option<bool>,
    /// URL parts that differ, in order.
    #[serde(default)]
    url: Option<Vec<String>>,
    #[serde(default)]
    signature_a: Option<String>,
    #[serde(default)]
    signature_b: Option<String>,
    /// Doctor codes among the signed differences.
    #[serde(default)]
    signed_codes: Vec<String>,
    /// Whether any difference changes what is signed.
    #[serde(default)]
    signed: Option<bool>,
    #[serde(default)]
    sentence_has: Vec<String>,
    /// Fields equal in both.
    #[serde(default)]
    same: Option<usize>,
}

fn check(v: &Vector) -> Vec<String> {
    let d = diff(&v.a, &v.b, &v.options_a, &v.options_b);
    let json = serde_json::to_value(&d).expect("serialises");
    let mut errs = Vec::new();
    let changes: Vec<(String, String)> = json["fields"]
        .as_array()
        .map(|fs| {
            fs.iter()
                .map(|f| {
                    (
                        f["name"].as_str().unwrap_or("").to_string(),
                        f["change"].as_str().unwrap_or("").to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    for c in &v.changes {
        if !changes.contains(c) {
            errs.push(format!("change {c:?} missing (has {changes:?})"));
        }
    }
    for n in &v.unchanged {
        if changes.iter().any(|(name, _)| name == n) {
            errs.push(format!("{n} listed as changed"));
        }
    }
    for n in &v.raw_only {
        if !d.fields.iter().any(|f| &f.name == n && f.raw_only) {
            errs.push(format!("{n} is not a raw-only change"));
        }
    }
    if let Some(k) = v.kind_changed {
        if d.kind.is_some() != k {
            errs.push(format!("kind change {:?}, want {k}", d.kind));
        }
    }
    if let Some(parts) = &v.url {
        let got: Vec<&str> = d.url.iter().map(|(p, _)| p.as_str()).collect();
        if got != *parts {
            errs.push(format!("url parts {got:?}, want {parts:?}"));
        }
    }
    for (want, got) in [
        (&v.signature_a, d.signature.a),
        (&v.signature_b, d.signature.b),
    ] {
        if let Some(w) = want {
            if got.id() != w {
                errs.push(format!("signature {}, want {w}", got.id()));
            }
        }
    }
    let codes: Vec<&str> = d
        .signature
        .differences
        .iter()
        .filter_map(|s| s.code.as_deref())
        .collect();
    for c in &v.signed_codes {
        if !codes.contains(&c.as_str()) {
            errs.push(format!("signed code {c} missing (has {codes:?})"));
        }
    }
    if let Some(s) = v.signed {
        if d.signature.differences.is_empty() == s {
            errs.push(format!(
                "signed differences {:?}, want any = {s}",
                d.signature.differences
            ));
        }
    }
    if let Some(n) = v.same {
        if d.same != n {
            errs.push(format!("same {}, want {n}", d.same));
        }
    }
    for s in &v.sentence_has {
        if !d.signature.sentence.contains(s.as_str()) {
            errs.push(format!("sentence {:?} lacks {s:?}", d.signature.sentence));
        }
    }
    errs
}

#[test]
fn diff_vectors() {
    let vectors = load_vectors::<Vector>("tests/data/diff");
    assert!(vectors.len() >= 6, "only {} diff vectors", vectors.len());
    for (_, v) in &vectors {
        assert!(v.source.starts_with("https://"), "{}: no source", v.name);
    }
    assert_vectors_pass(
        &vectors,
        |v| format!("{} (source: {})", v.name, v.source),
        check,
    );
}

#[test]
fn a_capture_compared_with_itself_has_no_difference() {
    let a = "CallSid=CA5a1f0c2e9b7d4a6c8e0f1a2b3c4d5e6f&CallStatus=ringing&From=%2B14155550100";
    let d = diff(a, a, &Options::default(), &Options::default());
    assert!(d.fields.is_empty() && d.url.is_empty() && d.kind.is_none());
    assert_eq!(d.same, 3);
    assert!(d.signature.differences.is_empty());
}
