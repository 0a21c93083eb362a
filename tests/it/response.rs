//! The response side: `tests/data/response/*.toml` vectors (real TwiML documents from
//! public sources, and one-mistake variants marked `constructed = true`), the schema
//! coverage, the generated tables' freshness, and the integration with `inspect`.

use std::collections::BTreeSet;
use std::path::Path;

use serde::Deserialize;
use twilio_webhook_inspector::response::{
    connection_overrides, documents, element, elements, explain_error, inspect_response,
    split_exchange, AttrType, DocumentType, ElementSpec, ResponseContext, TextRule,
};
use twilio_webhook_inspector::{inspect, InputFormat, Options};

use crate::vectors::{assert_vectors_pass, load_vectors};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Vector {
    name: String,
    /// Where the document comes from (a URL), or what a constructed vector varies.
    source: String,
    /// True for a variant written for this test (one mistake in a real document).
    #[serde(default)]
    constructed: bool,
    /// Why the expectation is what it is, when it needs saying.
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
    /// Where the inspector and the expectation part, and why the expectation stands.
    #[serde(default)]
    #[allow(dead_code)]
    reviewer_note: Option<String>,
    input: String,
    /// The document type (`voice`, `messaging`, `fax`; default `auto`).
    #[serde(default)]
    document: Option<String>,
    /// The kind of request answered.
    #[serde(default)]
    kind: Option<String>,
    /// The request URL.
    #[serde(default)]
    url: Option<String>,
    /// Run the vector through `inspect` (a full paste) instead of `inspect_response`.
    #[serde(default)]
    via_inspect: bool,
    accepted: bool,
    /// Finding codes that must appear.
    #[serde(default)]
    codes: Vec<String>,
    /// Finding codes that must not appear.
    #[serde(default)]
    no_codes: Vec<String>,
    /// Twilio error codes the findings must predict.
    #[serde(default)]
    twilio: Vec<u32>,
    /// No finding at all may appear.
    #[serde(default)]
    clean: bool,
    /// Text the verdict must contain.
    #[serde(default)]
    verdict: Option<String>,
    /// The input kind (`twiml`, `http-response`, `har`, `exchange`).
    #[serde(default)]
    input_kind: Option<String>,
}

fn check(v: &Vector) -> Vec<String> {
    let ctx = ResponseContext {
        kind: v.kind.clone(),
        url: v.url.clone(),
        document: v
            .document
            .as_deref()
            .map(|d| DocumentType::from_id(d).expect("known document type"))
            .unwrap_or_default(),
    };
    let report = if v.via_inspect {
        let options = Options {
            kind: v.kind.clone(),
            url: v.url.clone(),
            ..Options::default()
        };
        match inspect(&v.input, &options).response {
            Some(r) => r,
            None => return vec!["inspect() found no response".into()],
        }
    } else {
        inspect_response(&v.input, &ctx)
    };
    let mut errs = Vec::new();
    let codes: BTreeSet<&str> = report.findings.iter().map(|f| f.code.id()).collect();
    let twilio: BTreeSet<u32> = report
        .findings
        .iter()
        .filter_map(|f| f.twilio_error_code)
        .collect();
    if report.accepted != v.accepted {
        errs.push(format!(
            "accepted {}, want {}: {}",
            report.accepted, v.accepted, report.verdict
        ));
    }
    for c in &v.codes {
        if !codes.contains(c.as_str()) {
            errs.push(format!("missing code {c}; got {codes:?}"));
        }
    }
    for c in &v.no_codes {
        if codes.contains(c.as_str()) {
            errs.push(format!("unexpected code {c}"));
        }
    }
    for t in &v.twilio {
        if !twilio.contains(t) {
            errs.push(format!("missing Twilio code {t}; got {twilio:?}"));
        }
    }
    if v.clean && !report.findings.is_empty() {
        errs.push(format!("want no finding, got {codes:?}"));
    }
    if let Some(want) = &v.verdict {
        if !report.verdict.contains(want.as_str()) {
            errs.push(format!("verdict {:?} lacks {want:?}", report.verdict));
        }
    }
    if let Some(k) = &v.input_kind {
        let got = serde_json::to_value(report.input_kind).expect("serialises");
        if got.as_str() != Some(k.as_str()) {
            errs.push(format!("input kind {got}, want {k}"));
        }
    }
    // Every finding with a Twilio code placed in the document has a line and a column, and
    // every predicted code is explained when the table knows it.
    for f in &report.findings {
        if f.line.is_some() != f.column.is_some() {
            errs.push(format!("{} has a line without a column", f.code.id()));
        }
    }
    for code in &twilio {
        if explain_error(*code).is_some() && !report.errors.iter().any(|e| e.code == *code) {
            errs.push(format!("{code} predicted but not explained"));
        }
    }
    errs
}

#[test]
fn response_vectors() {
    let vectors = load_vectors::<Vector>("tests/data/response");
    let real = vectors.iter().filter(|(_, v)| !v.constructed).count();
    assert!(real >= 40, "only {real} real documents");
    let mut names = BTreeSet::new();
    for (file, v) in &vectors {
        assert!(
            names.insert(format!("{file}/{}", v.name)),
            "duplicate vector {}",
            v.name
        );
        assert!(
            v.constructed || v.source.starts_with("https://"),
            "{}: a real document needs a source URL",
            v.name
        );
    }
    assert_vectors_pass(
        &vectors,
        |v| format!("{} (source: {})", v.name, v.source),
        check,
    );
}

/// Element tags and `(tag, attribute)` pairs written in a text (a rough tag scanner).
fn used_names(text: &str, tags: &mut BTreeSet<String>, attrs: &mut BTreeSet<(String, String)>) {
    for chunk in text.split('<').skip(1) {
        let tag_text = chunk.split('>').next().unwrap_or("");
        if tag_text.starts_with(['/', '?', '!']) {
            continue;
        }
        let mut words = tag_text.split_whitespace();
        let Some(name) = words.next().map(|n| n.trim_end_matches('/')) else {
            continue;
        };
        tags.insert(name.to_string());
        for w in tag_text[name.len()..].split(['"', '\'']).step_by(2) {
            for part in w.split_whitespace() {
                if let Some(attr) = part.strip_suffix('=') {
                    attrs.insert((name.to_string(), attr.to_string()));
                }
            }
        }
    }
}

#[test]
fn every_element_and_attribute_is_used_by_a_vector() {
    let (mut tags, mut attrs) = (BTreeSet::new(), BTreeSet::new());
    for (_, v) in load_vectors::<Vector>("tests/data/response") {
        used_names(&v.input, &mut tags, &mut attrs);
    }
    let mut missing = Vec::new();
    for e in elements() {
        if !tags.contains(e.tag) {
            missing.push(format!("<{}>", e.tag));
        }
        for a in e.attributes {
            if !attrs.contains(&(e.tag.to_string(), a.name.to_string())) {
                missing.push(format!("{}@{}", e.tag, a.name));
            }
        }
    }
    assert!(missing.is_empty(), "not used by any vector: {missing:?}");
}

/// A valid value for an attribute.
fn valid_value(a: &twilio_webhook_inspector::response::AttrSpec) -> String {
    match a.ty {
        AttrType::Integer => "1".into(),
        AttrType::Boolean => "true".into(),
        AttrType::Url => "https://example.com/next".into(),
        AttrType::Enum => a.values.first().copied().unwrap_or("x").into(),
        AttrType::String => "x".into(),
        AttrType::Dtmf => "w1".into(),
    }
}

/// `spec` under `parent` with every attribute set, text when it takes text, and every child
/// not yet written (each element once: SSML nests recursively).
fn write_element(
    spec: &ElementSpec,
    parent: &str,
    seen: &mut BTreeSet<&'static str>,
    out: &mut String,
) {
    seen.insert(spec.tag);
    let only = spec
        .attributes_by_parent
        .iter()
        .find(|(p, _)| *p == parent)
        .map(|(_, a)| *a);
    out.push('<');
    out.push_str(spec.tag);
    for a in spec
        .attributes
        .iter()
        .filter(|a| only.is_none_or(|o| o.contains(&a.name)))
    {
        out.push_str(&format!(" {}=\"{}\"", a.name, valid_value(a)));
    }
    out.push('>');
    let rule = spec
        .text_by_parent
        .iter()
        .find(|(p, _)| *p == parent)
        .map(|(_, r)| *r)
        .unwrap_or(spec.text);
    if rule != TextRule::None {
        out.push_str(match spec.tag {
            "Redirect" | "Play" | "Media" => "https://example.com/next",
            "Number" | "Sms" | "WhatsApp" => "+15005550006",
            _ => "x",
        });
    }
    for child in spec.children {
        if seen.contains(child) {
            continue;
        }
        if let Some(c) = element(child) {
            write_element(c, spec.tag, seen, out);
        }
    }
    out.push_str(&format!("</{}>", spec.tag));
}

/// One document per root verb of every document type, each using every attribute of every
/// element below it: the whole vocabulary, written correctly, gets no finding.
#[test]
fn a_document_using_the_whole_schema_correctly_gets_no_finding() {
    let mut seen: BTreeSet<&'static str> = BTreeSet::new();
    let mut failures = Vec::new();
    let mut documents_checked = 0;
    for doc in documents() {
        for verb in doc.children {
            let Some(spec) = element(verb) else {
                failures.push(format!("root verb {verb} has no element spec"));
                continue;
            };
            let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response>");
            write_element(spec, "Response", &mut seen, &mut xml);
            xml.push_str("</Response>");
            let report = inspect_response(
                &xml,
                &ResponseContext {
                    document: doc.document,
                    ..ResponseContext::default()
                },
            );
            documents_checked += 1;
            if !report.findings.is_empty() || !report.accepted {
                failures.push(format!(
                    "{}: {:?}\n{xml}",
                    verb,
                    report
                        .findings
                        .iter()
                        .map(|f| format!("{} {}", f.code.id(), f.message))
                        .collect::<Vec<_>>()
                ));
            }
        }
    }
    let unseen: Vec<&str> = elements()
        .iter()
        .map(|e| e.tag)
        .filter(|t| !seen.contains(t))
        .collect();
    assert!(
        unseen.is_empty(),
        "elements the generated documents never reach: {unseen:?}"
    );
    assert!(documents_checked >= 23, "{documents_checked} documents");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The committed tables are what `tools/gen_twiml.py` writes from `data/`.
#[test]
fn generated_tables_are_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = std::env::temp_dir().join(format!("twiml-gen-{}", std::process::id()));
    let status = std::process::Command::new("python3")
        .arg(root.join("tools/gen_twiml.py"))
        .arg("--out")
        .arg(&out)
        .status()
        .expect("python3 runs");
    assert!(status.success(), "gen_twiml.py failed");
    for name in ["twiml_table.rs", "error_table.rs"] {
        let fresh = std::fs::read_to_string(out.join(name)).expect("generated");
        let committed =
            std::fs::read_to_string(root.join("src/response").join(name)).expect("committed");
        assert!(
            fresh == committed,
            "src/response/{name} differs from what tools/gen_twiml.py writes: run `python3 tools/gen_twiml.py`"
        );
        assert!(
            committed.contains("generated by tools/gen_twiml.py"),
            "{name} lacks its header"
        );
    }
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn unconfirmed_error_codes_are_not_explained() {
    for code in [30037, 30041, 30044] {
        assert!(explain_error(code).is_none(), "{code} is explained");
    }
    let e = explain_error(12200).expect("12200 explained");
    assert_eq!(e.source, "https://www.twilio.com/docs/api/errors/12200");
    assert!(!e.meaning.is_empty() && !e.causes.is_empty());
    assert!(explain_error(11750).is_some_and(|e| e.name.contains("too large")));
}

#[test]
fn oversized_body_predicts_11750() {
    let big = format!("<Response><Say>{}</Say></Response>", "a".repeat(70 * 1024));
    let r = inspect_response(
        &format!("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n\r\n{big}"),
        &ResponseContext::default(),
    );
    assert!(!r.accepted);
    let f = r
        .findings
        .iter()
        .find(|f| f.code.id() == "response-too-large")
        .expect("finding");
    assert_eq!(f.twilio_error_code, Some(11750));
    assert!(r.verdict.contains("11750"), "{}", r.verdict);
    // Over the 10 MiB the inspector reads at all: refused unread, still with the prediction.
    let huge = "<Response/>".repeat(twilio_webhook_inspector::MAX_INPUT_BYTES / 10);
    let r = inspect_response(&huge, &ResponseContext::default());
    assert!(!r.accepted && r.body.is_empty());
    assert_eq!(r.findings.len(), 1);
}

#[test]
fn split_exchange_separates_request_and_response() {
    let paste = "POST /voice HTTP/1.1\nHost: example.com\n\nCallSid=CA1\n\nHTTP/1.1 200 OK\nContent-Type: text/xml\n\n<Response/>";
    let (req, resp) = split_exchange(paste);
    assert!(req.is_some_and(|r| r.starts_with("POST /voice") && r.contains("CallSid=CA1")));
    assert!(resp.is_some_and(|r| r.starts_with("HTTP/1.1 200 OK") && r.ends_with("<Response/>")));
    assert_eq!(split_exchange("<Response/>"), (None, Some("<Response/>")));
    assert_eq!(split_exchange("CallSid=CA1"), (Some("CallSid=CA1"), None));
    assert_eq!(split_exchange("  \n"), (None, None));
}

#[test]
fn connection_overrides_are_parsed_with_defaults_and_worst_case() {
    let o = connection_overrides(
        "https://example.com/voice#ct=1000&rt=2000&rc=3&rp=ct,5xx&e=dublin&sni=fixed",
    )
    .expect("overrides");
    assert_eq!(o.effective("ct"), Some("1000"));
    assert_eq!(o.effective("tt"), Some("15000"));
    assert_eq!(o.effective("e"), Some("dublin"));
    assert_eq!(o.attempts, 4);
    // min(tt 15000, 4 × (1000 + 2000)) = 12000.
    assert_eq!(o.worst_case_ms, 12_000);
    assert!(o.values.iter().all(|v| v.valid));
    let d = connection_overrides("https://example.com/voice#rc=0").expect("overrides");
    assert_eq!(
        d.worst_case_ms, 15_000,
        "defaults: min(15000, 1 × (5000 + 15000))"
    );
    let bad = connection_overrides("https://x.test/#ct=50&rc=9&rp=sometimes").expect("overrides");
    let invalid: Vec<&str> = bad
        .values
        .iter()
        .filter(|v| !v.valid)
        .map(|v| v.key.as_str())
        .collect();
    assert_eq!(invalid, ["ct", "rc", "rp"]);
    assert!(connection_overrides("https://example.com/page#section-2").is_none());
    assert!(connection_overrides("https://example.com/voice").is_none());
}

/// A response alone is format `response`; a request followed by its response keeps its
/// request format and gains the `response` section; the JSON of a plain request has none.
#[test]
fn inspect_reads_responses() {
    let alone = inspect("<Response><Say>Hi</Say></Response>", &Options::default());
    assert_eq!(alone.format, InputFormat::Response);
    assert!(alone.response.as_ref().is_some_and(|r| r.accepted));
    let http = inspect(
        "HTTP/1.1 200 OK\nContent-Type: text/xml\n\n<Response><say>Hi</say></Response>",
        &Options::default(),
    );
    assert_eq!(http.format, InputFormat::Response);
    assert!(http.has_errors(), "a rejected response is an error");
    let exchange = inspect(
        "POST /sms HTTP/1.1\nHost: example.com\nContent-Type: application/x-www-form-urlencoded\n\nMessageSid=SM1a2b3c4d5e6f708192a3b4c5d6e7f809&Body=hi&From=%2B14155550100&To=%2B14155550199&AccountSid=AC0123456789abcdef0123456789abcdef\n\nHTTP/1.1 200 OK\nContent-Type: text/xml\n\n<Response><Say>Hi</Say></Response>",
        &Options::default(),
    );
    assert_eq!(exchange.format, InputFormat::Http);
    assert_eq!(exchange.kind.id, "messaging-request");
    let resp = exchange.response.as_ref().expect("response section");
    assert!(!resp.accepted, "<Say> answers a message: {}", resp.verdict);
    assert!(!exchange
        .findings
        .iter()
        .any(|f| f.message.starts_with("The response pasted after")));
    // The answer to a REST request is Twilio's API response, not a webhook response.
    let rest = inspect(
        "curl -X POST https://api.twilio.com/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Calls.json --data-urlencode To=+14155550199 --data-urlencode From=+14155550100 --data-urlencode Url=https://example.com/voice -u AC0123456789abcdef0123456789abcdef:token\nHTTP/2 201\ncontent-type: application/json\n\n{\"sid\": \"CA5a1f0c2e9b7d4a6c8e0f1a2b3c4d5e6f\"}",
        &Options::default(),
    );
    assert_eq!(rest.kind.id, "create-call");
    assert!(
        rest.response.is_none(),
        "a REST response is not linted as TwiML"
    );
    let har = r#"{"log": {"entries": [{"request": {"method": "POST", "url": "https://example.com/voice", "httpVersion": "HTTP/1.1", "headers": [], "postData": {"mimeType": "application/x-www-form-urlencoded", "text": "CallSid=CA5a1f0c2e9b7d4a6c8e0f1a2b3c4d5e6f&CallStatus=ringing&Direction=inbound"}}, "response": {"status": 200, "statusText": "OK", "headers": [{"name": "Content-Type", "value": "text/xml"}], "content": {"mimeType": "text/xml", "text": "<Response><Redirect>next</Redirect></Response>"}}}]}}"#;
    let har_report = inspect(har, &Options::default());
    assert_eq!(har_report.format, InputFormat::Har);
    let resp = har_report
        .response
        .as_ref()
        .expect("the HAR entry's response");
    assert!(resp.accepted, "{}", resp.verdict);
    assert_eq!(
        resp.urls[0].resolved.as_deref(),
        Some("https://example.com/next")
    );
    let no_response = har.replace(r#""status": 200"#, r#""status": 0"#);
    assert!(inspect(&no_response, &Options::default())
        .response
        .is_none());
    let plain = inspect(
        "CallSid=CA5a1f0c2e9b7d4a6c8e0f1a2b3c4d5e6f&CallStatus=ringing",
        &Options::default(),
    );
    let json = serde_json::to_value(&plain).expect("serialises");
    assert!(json.get("response").is_none());
    assert!(json["findings"].as_array().is_some_and(|fs| fs
        .iter()
        .all(|f| f.get("line").is_none() && f.get("twilioErrorCode").is_none())));
}

/// Hostile XML: deep nesting, entity bombs and huge attribute counts end quickly with a
/// finding, never a panic or an expansion.
#[test]
fn hostile_xml_is_bounded() {
    let deep = format!(
        "<Response>{}{}</Response>",
        "<Say>".repeat(10_000),
        "</Say>".repeat(10_000)
    );
    let r = inspect_response(&deep, &ResponseContext::default());
    assert!(r.findings.iter().any(|f| f.code.id() == "twiml-too-deep"));
    let bomb = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><Response><Say>&b;</Say></Response>";
    let r = inspect_response(bomb, &ResponseContext::default());
    assert!(!r.accepted);
    assert!(r
        .findings
        .iter()
        .any(|f| f.code.id() == "twiml-not-well-formed" && f.message.contains("DOCTYPE")));
    // Nothing was expanded: no finding quotes the entity's replacement text.
    assert!(r
        .findings
        .iter()
        .all(|f| !f.message.contains("aaaaaaaaaaaaaaaaaaaa")));
    for junk in [
        "<",
        "<<>>",
        "</Response>",
        "<Response",
        "<?xml",
        "HTTP/1.1",
        "HTTP/1.1 200 OK\r\n",
        "{\"log\":{\"entries\":[{\"response\":{\"status\":200}}]}}",
        "\u{feff}<?xml version=\"1.0\"?><Response/>",
        "<Response a=\"1\" a=\"2\"/>",
    ] {
        let r = inspect_response(junk, &ResponseContext::default());
        assert!(!r.verdict.is_empty(), "{junk:?}");
        // An empty HAR response (its headers unknown) is a valid answer; everything else here
        // is broken, including a raw empty 200 that names no Content-Type (Twilio logs 11200).
        let empty_ok = junk.starts_with('{');
        assert_eq!(r.accepted, empty_ok, "{junk:?}: {}", r.verdict);
        let _ = inspect(junk, &Options::default());
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 192, ..proptest::prelude::ProptestConfig::default() })]

    /// TwiML-shaped noise (tags, attributes, references, stray `<` and `&`): never a panic,
    /// `accepted` is exactly "no error finding", and positions are inside the body.
    #[test]
    fn twiml_noise_never_panics(parts in proptest::collection::vec(
        proptest::string::string_regex("<[/?!]?(Response|Say|Gather|Dial|say|x)( [a-zA-Z:]{1,6}=(\"[^\"]{0,5}\"|[a-z]{1,3}))?/?>|[a-z &;#<>\"'\n]{0,6}|&(amp|lt|#x41|#99999999|bogus);").expect("regex"),
        0..40,
    ), framing in 0u8..3) {
        let body: String = parts.concat();
        let input = match framing {
            0 => body.clone(),
            1 => format!("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n\r\n{body}"),
            _ => format!("POST /v HTTP/1.1\nHost: x\n\nCallSid=CA1\n\nHTTP/1.1 200 OK\n\n{body}"),
        };
        let r = inspect_response(&input, &ResponseContext::default());
        let has_error = r.findings.iter().any(|f| f.severity == twilio_webhook_inspector::Severity::Error);
        proptest::prop_assert_eq!(r.accepted, !has_error);
        let lines = r.body.split('\n').count() as u32;
        for f in &r.findings {
            if let Some(l) = f.line {
                proptest::prop_assert!(l >= 1 && l <= lines, "line {} of {}", l, lines);
            }
            if let Some(at) = f.at {
                proptest::prop_assert!(at <= input.len());
            }
        }
        let _ = inspect(&input, &Options::default());
    }

    /// Any text at all: never a panic.
    #[test]
    fn any_text_never_panics(s in "\\PC{0,300}") {
        let _ = inspect_response(&s, &ResponseContext::default());
        let _ = split_exchange(&s);
        let _ = connection_overrides(&s);
    }
}
