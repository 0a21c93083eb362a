//! The real-capture corpus: `tests/data/corpus/captures.toml` (issue 11, item 8).
//!
//! Each `[[capture]]` is a request (or a lookalike) exactly as it was found in a public
//! source — test fixtures, issues, blog posts, logs — with the kind a Twilio engineer would
//! name and the complete sets of error- and warning-severity finding codes an expert would
//! call right. One test inspects them all, prints every mismatch with its source and the
//! figures (kind accuracy, findings precision and recall), and holds the bar.

use std::collections::BTreeSet;
use std::path::Path;

use serde::Deserialize;
use twilio_webhook_inspector::{inspect, Options, Report, Severity};

/// The categories a capture may carry (see the file's header).
const CATEGORIES: &[&str] = &[
    "redacted",
    "placeholder",
    "template",
    "partial",
    "wrapper",
    "docs",
    "legacy",
    "compatible-platform",
    "not-twilio",
    "plain",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    capture: Vec<Capture>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Capture {
    name: String,
    source: String,
    #[serde(default)]
    license_note: Option<String>,
    category: Vec<String>,
    input: String,
    #[serde(default)]
    options: Options,
    kind: String,
    #[serde(default)]
    alt_kinds: Vec<String>,
    #[serde(default)]
    errors: Vec<String>,
    #[serde(default)]
    warnings: Vec<String>,
    #[serde(default)]
    signature: Option<String>,
    #[serde(default)]
    note: Option<String>,
    /// Why an expectation was revised after review (kept next to the original note).
    #[serde(default)]
    reviewer_note: Option<String>,
}

fn load() -> Vec<Capture> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/corpus/captures.toml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let file: File = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    file.capture
}

/// Error- or warning-severity codes in the report, signature included.
fn codes_of(report: &Report, severity: Severity) -> BTreeSet<String> {
    report
        .all_findings()
        .chain(report.signature.findings.iter())
        .filter(|f| f.severity == severity)
        .map(|f| f.code.id().to_string())
        .collect()
}

fn set(codes: &[String]) -> BTreeSet<String> {
    codes.iter().cloned().collect()
}

fn pct(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        100.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

/// The corpus itself is well formed: unique names, known categories and codes, sources.
fn lint(captures: &[Capture]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut names = BTreeSet::new();
    for c in captures {
        let _ = (&c.license_note, &c.note, &c.reviewer_note);
        if !names.insert(c.name.as_str()) {
            problems.push(format!("{}: duplicate name", c.name));
        }
        if c.name.is_empty()
            || !c
                .name
                .chars()
                .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-')
        {
            problems.push(format!("{}: name is not kebab-case", c.name));
        }
        if c.category.is_empty() {
            problems.push(format!("{}: no category", c.name));
        }
        for cat in &c.category {
            if !CATEGORIES.contains(&cat.as_str()) {
                problems.push(format!("{}: unknown category {cat}", c.name));
            }
        }
        if c.source.trim().is_empty() {
            problems.push(format!("{}: no source", c.name));
        }
        for (list, want) in [
            (&c.errors, Severity::Error),
            (&c.warnings, Severity::Warning),
        ] {
            for id in list {
                match twilio_webhook_inspector::Code::from_id(id) {
                    None => problems.push(format!("{}: unknown code {id}", c.name)),
                    Some(code) if code.default_severity() != want => problems.push(format!(
                        "{}: {id} is {} by default, listed as {}",
                        c.name,
                        code.default_severity().name(),
                        want.name()
                    )),
                    Some(_) => {}
                }
            }
        }
    }
    problems
}

/// Agreement with the expert so far: kinds right, and finding codes hit, reported, wanted.
#[derive(Default)]
struct Tally {
    kind_ok: usize,
    hit: usize,
    got_total: usize,
    want_total: usize,
}

/// How the report of one capture differs from the expert's verdict (empty when it agrees).
fn disagreements(c: &Capture, tally: &mut Tally) -> Vec<String> {
    let report = inspect(&c.input, &c.options);
    let mut why = Vec::new();
    let kind = report.kind.id.as_str();
    if kind == c.kind || c.alt_kinds.iter().any(|k| k == kind) {
        tally.kind_ok += 1;
    } else {
        let alts = if c.alt_kinds.is_empty() {
            String::new()
        } else {
            format!(" (or {})", c.alt_kinds.join(", "))
        };
        why.push(format!(
            "kind {kind}, want {}{alts}; reasons {:?}",
            c.kind, report.kind.reasons
        ));
    }
    for (severity, want) in [
        (Severity::Error, &c.errors),
        (Severity::Warning, &c.warnings),
    ] {
        let want = set(want);
        let got = codes_of(&report, severity);
        tally.hit += want.intersection(&got).count();
        tally.got_total += got.len();
        tally.want_total += want.len();
        let extra: Vec<&String> = got.difference(&want).collect();
        let missing: Vec<&String> = want.difference(&got).collect();
        if !extra.is_empty() {
            let detail: Vec<String> = report
                .all_findings()
                .chain(report.signature.findings.iter())
                .filter(|f| f.severity == severity && extra.contains(&&f.code.id().to_string()))
                .map(|f| match &f.param {
                    Some(p) => format!("{}[{p}]: {}", f.code.id(), f.message),
                    None => format!("{}: {}", f.code.id(), f.message),
                })
                .collect();
            why.push(format!(
                "unexpected {} {}",
                severity.name(),
                detail.join(" | ")
            ));
        }
        if !missing.is_empty() {
            why.push(format!("missing {} {missing:?}", severity.name()));
        }
    }
    if let Some(want) = &c.signature {
        let json = serde_json::to_value(&report).expect("report serialises");
        let got = json["signature"]["status"].as_str().unwrap_or("");
        if got != want {
            why.push(format!("signature {got}, want {want}"));
        }
    }
    why
}

#[test]
fn real_capture_corpus() {
    let captures = load();
    let problems = lint(&captures);
    assert!(
        problems.is_empty(),
        "captures.toml:\n{}",
        problems.join("\n")
    );
    let mut tally = Tally::default();
    let mut lines = Vec::new();
    for c in &captures {
        let why = disagreements(c, &mut tally);
        if !why.is_empty() {
            lines.push(format!(
                "{}  [{}]  {}\n    {}",
                c.name,
                c.category.join(","),
                c.source,
                why.join("\n    ")
            ));
        }
    }
    let Tally {
        kind_ok,
        hit,
        got_total,
        want_total,
    } = tally;

    let n = captures.len();
    let accuracy = pct(kind_ok, n);
    let precision = pct(hit, got_total);
    let recall = pct(hit, want_total);
    let sourced_not_plain = captures
        .iter()
        .filter(|c| c.source.starts_with("http") && c.category.iter().any(|k| k != "plain"))
        .count();
    println!(
        "{} of {n} captures differ from the expert's verdict:",
        lines.len()
    );
    for l in &lines {
        println!("{l}");
    }
    println!(
        "kind accuracy {accuracy:.1}% ({kind_ok}/{n}); findings precision {precision:.1}% \
         ({hit}/{got_total}), recall {recall:.1}% ({hit}/{want_total}); \
         {sourced_not_plain} sourced captures beyond plain"
    );

    assert!(
        sourced_not_plain >= 60,
        "only {sourced_not_plain} captures with an http source and a category beyond plain"
    );
    // Issue 11's goal: 95% kinds, 100% precision and recall. Every capture must agree with
    // the expert, except the known misses below, each with why it is still missed; a known
    // miss that starts to agree must leave the list, so the list stays true.
    // (None today: add `(capture name, why it is still missed)` rather than loosen a verdict.)
    const KNOWN_MISSES: &[(&str, &str)] = &[];
    let differing: Vec<&str> = lines
        .iter()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    let unexpected: Vec<&String> = lines
        .iter()
        .filter(|l| {
            let name = l.split_whitespace().next().unwrap_or("");
            !KNOWN_MISSES.iter().any(|(k, _)| *k == name)
        })
        .collect();
    assert!(
        unexpected.is_empty(),
        "{} capture(s) differ from the expert's verdict:\n{}",
        unexpected.len(),
        unexpected
            .iter()
            .map(|l| l.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
    for (name, why) in KNOWN_MISSES {
        assert!(
            differing.contains(name),
            "{name} now agrees with the expert: remove it from KNOWN_MISSES ({why})"
        );
    }
    assert!(
        accuracy >= 95.0,
        "kind accuracy {accuracy:.1}% is below 95%"
    );
}
