//! Decoder vectors: `tests/data/decode/*.toml`. Each `[[vector]]` gives a pasted input (and
//! optionally a forced format) and what the decoder must return: format, method, URL, URL
//! candidates, path, extension, headers, body, every pair in wire order with its raw text,
//! and the finding codes present and absent.

use std::collections::BTreeSet;

use serde::Deserialize;
use twilio_webhook_inspector::{decode, Code, Decoded, InputFormat};

use crate::vectors::{assert_vectors_pass, load_vectors};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Vector {
    name: String,
    input: String,
    /// Force this format instead of detecting it.
    #[serde(default)]
    forced: Option<String>,
    format: String,
    #[serde(default)]
    method: Option<String>,
    #[serde(default)]
    url: Option<String>,
    /// URLs that must be among the candidates.
    #[serde(default)]
    candidates: Vec<String>,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    extension: Option<String>,
    #[serde(default)]
    auth_user: Option<String>,
    /// The exact body.
    #[serde(default)]
    body: Option<String>,
    /// [[name, value]] headers that must be present.
    #[serde(default)]
    headers: Vec<(String, String)>,
    /// Every pair, in order: [source, name, value].
    #[serde(default)]
    pairs: Option<Vec<(String, String, String)>>,
    /// [[name, raw value]] for pairs whose raw text matters.
    #[serde(default)]
    raw: Vec<(String, String)>,
    #[serde(default)]
    codes: Vec<String>,
    #[serde(default)]
    no_codes: Vec<String>,
    /// [[code, offset]]: a finding with this code at this byte offset of the input.
    #[serde(default)]
    at: Vec<(String, usize)>,
    /// Text that must not appear anywhere in the decoded output (secrets).
    #[serde(default)]
    never: Vec<String>,
}

fn check(v: &Vector) -> Vec<String> {
    let forced = v
        .forced
        .as_deref()
        .map(|f| InputFormat::from_id(f).expect("known format"));
    let d: Decoded = decode(&v.input, forced);
    let mut errs = Vec::new();
    let mut expect = |ok: bool, what: String| {
        if !ok {
            errs.push(what);
        }
    };
    let format = d.format.map(|f| f.id()).unwrap_or("none");
    expect(
        format == v.format,
        format!("format {format}, want {}", v.format),
    );
    if let Some(m) = &v.method {
        expect(
            d.method.as_deref() == Some(m.as_str()),
            format!("method {:?}, want {m}", d.method),
        );
    }
    if let Some(u) = &v.url {
        expect(
            d.url.as_deref() == Some(u.as_str()),
            format!("url {:?}, want {u}", d.url),
        );
    }
    for c in &v.candidates {
        expect(
            d.url_candidates.contains(c),
            format!("candidate {c} missing from {:?}", d.url_candidates),
        );
    }
    if let Some(p) = &v.path {
        expect(
            d.path.as_deref() == Some(p.as_str()),
            format!("path {:?}, want {p}", d.path),
        );
    }
    if let Some(e) = &v.extension {
        expect(
            d.extension.as_deref() == Some(e.as_str()),
            format!("extension {:?}, want {e}", d.extension),
        );
    }
    if let Some(a) = &v.auth_user {
        expect(
            d.auth_user.as_deref() == Some(a.as_str()),
            format!("auth user {:?}, want {a}", d.auth_user),
        );
    }
    if let Some(b) = &v.body {
        expect(
            d.body.as_deref() == Some(b.as_str()),
            format!("body {:?}, want {b:?}", d.body),
        );
    }
    for (n, val) in &v.headers {
        expect(
            d.header(n) == Some(val.as_str()),
            format!("header {n}: {:?}, want {val:?}", d.header(n)),
        );
    }
    if let Some(want) = &v.pairs {
        let got: Vec<(String, String, String)> = d
            .pairs
            .iter()
            .map(|p| {
                let source = serde_json::to_value(p.source).expect("source serialises");
                (
                    source.as_str().unwrap_or("").to_string(),
                    p.name.clone(),
                    p.value.clone(),
                )
            })
            .collect();
        expect(
            &got == want,
            format!("pairs\n      got  {got:?}\n      want {want:?}"),
        );
    }
    for (n, raw) in &v.raw {
        let got = d
            .pairs
            .iter()
            .find(|p| &p.name == n)
            .map(|p| p.raw_value.as_str());
        expect(
            got == Some(raw.as_str()),
            format!("raw value of {n}: {got:?}, want {raw:?}"),
        );
    }
    check_findings(v, &d, &mut expect);
    errs
}

/// The decoder's findings: codes present and absent, offsets, and secrets never shown.
fn check_findings(v: &Vector, d: &Decoded, expect: &mut impl FnMut(bool, String)) {
    let codes: BTreeSet<&str> = d.findings.iter().map(|f| f.code.id()).collect();
    for c in &v.codes {
        expect(
            Code::from_id(c).is_some(),
            format!("{c} is not a finding code"),
        );
        expect(
            codes.contains(c.as_str()),
            format!("missing code {c}; got {codes:?}"),
        );
    }
    for c in &v.no_codes {
        expect(!codes.contains(c.as_str()), format!("unexpected code {c}"));
    }
    for (code, at) in &v.at {
        let offsets: Vec<Option<usize>> = d
            .findings
            .iter()
            .filter(|f| f.code.id() == code)
            .map(|f| f.at)
            .collect();
        expect(
            offsets.contains(&Some(*at)),
            format!("no {code} at offset {at} (found at {offsets:?})"),
        );
    }
    let dump = format!("{d:?}");
    for s in &v.never {
        expect(
            !dump.contains(s.as_str()),
            format!("the output contains {s:?}"),
        );
    }
}

#[test]
fn decode_vectors() {
    let vectors = load_vectors::<Vector>("tests/data/decode");
    assert!(vectors.len() >= 30, "only {} decode vectors", vectors.len());
    assert_vectors_pass(&vectors, |v| v.name.clone(), check);
}

#[test]
fn every_format_is_detected_by_some_vector() {
    let formats: BTreeSet<String> = load_vectors::<Vector>("tests/data/decode")
        .into_iter()
        .filter(|(_, v)| v.forced.is_none())
        .map(|(_, v)| v.format)
        .collect();
    for f in InputFormat::ALL.iter().map(|f| f.id()).chain(["empty"]) {
        assert!(formats.contains(f), "no vector detects the format {f}");
    }
}

#[test]
fn oversized_input_is_refused_with_a_clear_message() {
    let big = "a=1&".repeat(twilio_webhook_inspector::MAX_INPUT_BYTES / 4 + 1);
    let d = decode(&big, None);
    assert!(d.pairs.is_empty());
    let f = d
        .findings
        .iter()
        .find(|f| f.code == Code::InputTooLarge)
        .expect("input-too-large");
    assert!(f.message.contains(&big.len().to_string()), "{}", f.message);
}

#[test]
fn raw_text_of_form_pairs_is_preserved_exactly() {
    // Joining the raw pairs of a form body with '&' gives the body back (empty segments aside).
    let mut checked = 0;
    for (_, v) in load_vectors::<Vector>("tests/data/decode") {
        let d = decode(&v.input, None);
        // Text without '&' on several lines is read one pair per line: not a joined body.
        let per_line = !v.input.contains('&') && v.input.trim().lines().count() > 1;
        if d.format != Some(InputFormat::Form)
            || per_line
            || d.findings.iter().any(|f| f.code == Code::EmptyPair)
        {
            continue;
        }
        let joined: Vec<String> = d
            .pairs
            .iter()
            .map(|p| {
                if p.no_equals {
                    p.raw_name.clone()
                } else {
                    format!("{}={}", p.raw_name, p.raw_value)
                }
            })
            .collect();
        // Unwrapped captures (comments, log prefixes, a twilio CLI command…) keep the raw text
        // of the body found inside the wrapper.
        let unwrapped = d.findings.iter().any(|f| f.code == Code::WrapperUnwrapped);
        let want = if unwrapped {
            d.body.clone().unwrap_or_default()
        } else {
            v.input.trim_start_matches('\u{feff}').trim().to_string()
        };
        assert_eq!(joined.join("&"), want, "{}", v.name);
        checked += 1;
    }
    // The filter above must leave real work: today 12 of the decode vectors are such bodies.
    assert!(
        checked >= 10,
        "only {checked} form vectors were round-tripped"
    );
}
