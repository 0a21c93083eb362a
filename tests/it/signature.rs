//! Signature verification against the official libraries' vectors, and properties (the
//! doctor's vectors are in `doctor.rs`).

use serde::Deserialize;
use twilio_webhook_inspector::signature::{
    compute_signature, is_valid, is_valid_with_body, make_visible, packed, sign_request,
    signed_content, string_to_sign, verify, verify_quick, Algorithm, QuickReason, QuickRequest,
    SignMode, SignRequest, SignatureInput, SignatureReport, SignatureStatus, QUICK_CANDIDATES,
};

/// A file of `tests/data/signature/`.
pub(crate) fn data(path: &str) -> String {
    let p = format!("{}/tests/data/signature/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("reading {p}: {e}"))
}

#[derive(Debug, Deserialize)]
struct Vector {
    id: String,
    auth_token: String,
    url: String,
    method: String,
    content_type: String,
    body: String,
    params: Vec<(String, String)>,
    signature: String,
    node_valid: Option<bool>,
    python_valid: Option<bool>,
    note: String,
    #[serde(default)]
    signature_settings: Option<String>,
}

fn vectors() -> Vec<Vector> {
    let mut out = Vec::new();
    for file in [
        "signature-vectors.jsonl",
        "signature-vectors-sha256.jsonl",
        "differential.jsonl",
    ] {
        for (n, line) in data(file).lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let v: Vector =
                serde_json::from_str(line).unwrap_or_else(|e| panic!("{file}:{}: {e}", n + 1));
            out.push(v);
        }
    }
    out
}

fn verify_vector(v: &Vector) -> SignatureReport {
    let tokens = vec![v.auth_token.clone()];
    let input = SignatureInput {
        url: Some(&v.url),
        method: Some(&v.method),
        content_type: Some(&v.content_type),
        body: v.body.as_bytes(),
        params: &v.params,
        signature: Some(&v.signature),
        settings_header: v.signature_settings.as_deref().filter(|s| !s.is_empty()),
        tokens: &tokens,
        ..SignatureInput::default()
    };
    verify(&input)
}

#[test]
fn official_library_vectors() {
    let vs = vectors();
    assert!(vs.len() >= 104, "94 + 10 vectors, and the generated ones");
    let mut bad = Vec::new();
    for v in &vs {
        let r = verify_vector(v);
        let expect_valid = v.node_valid == Some(true) || v.python_valid == Some(true);
        let mut why = Vec::new();
        if (r.status == SignatureStatus::Valid) != expect_valid {
            why.push(format!(
                "status {:?}, expected valid={expect_valid}",
                r.status
            ));
        }
        if v.node_valid.is_some() && r.node_valid != v.node_valid {
            why.push(format!("node {:?} != {:?}", r.node_valid, v.node_valid));
        }
        if v.python_valid.is_some() && r.python_valid != v.python_valid {
            why.push(format!(
                "python {:?} != {:?}",
                r.python_valid, v.python_valid
            ));
        }
        if let (Some(n), Some(p)) = (v.node_valid, v.python_valid) {
            if n != p {
                let rejecter = if n {
                    "twilio-python rejects"
                } else {
                    "twilio-node rejects"
                };
                match &r.disagreement {
                    Some(d) if d.contains(rejecter) => {}
                    other => why.push(format!("disagreement {other:?} should say '{rejecter}'")),
                }
            } else if r.disagreement.is_some() {
                why.push(format!("unexpected disagreement {:?}", r.disagreement));
            }
        }
        if expect_valid && r.matched.is_none() {
            why.push("valid but no match reported".into());
        }
        // The simple API agrees with the full one (SHA-1 vectors).
        if v.signature_settings.is_none() {
            let simple = if v.content_type == "application/json" {
                is_valid_with_body(&v.auth_token, &v.signature, &v.url, v.body.as_bytes())
            } else {
                is_valid(&v.auth_token, &v.signature, &v.url, &v.params)
            };
            if simple != expect_valid {
                why.push(format!("is_valid* says {simple}"));
            }
        }
        if !why.is_empty() {
            bad.push(format!("{}: {} [{}]", v.id, why.join("; "), v.note));
        }
    }
    assert!(
        bad.is_empty(),
        "{} of {} vectors disagree:\n{}",
        bad.len(),
        vs.len(),
        bad.join("\n")
    );
}

#[test]
fn canonical_signatures() {
    let vs = vectors();
    for id in ["pub-001", "pub-068"] {
        let v = vs.iter().find(|v| v.id == id).expect(id);
        assert_eq!(
            compute_signature(&v.auth_token, &v.url, &v.params, Algorithm::HmacSha1),
            v.signature,
            "{id}"
        );
    }
    assert_eq!(
        string_to_sign(
            "https://mycompany.com/myapp.php?foo=1&bar=2",
            &[
                ("To".into(), "+18005551212".into()),
                ("CallSid".into(), "CA1234567890ABCDE".into()),
            ]
        ),
        "https://mycompany.com/myapp.php?foo=1&bar=2CallSidCA1234567890ABCDETo+18005551212"
    );
}

// ---------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------

fn p(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// Every single-char mutation (code point XOR 1) of `s`.
fn mutations(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    for i in 0..chars.len() {
        if let Some(c) = char::from_u32(chars[i] as u32 ^ 1) {
            let mut m = chars.clone();
            m[i] = c;
            out.push(m.into_iter().collect());
        }
    }
    out
}

#[test]
fn sign_then_validate_and_tamper() {
    let token = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    let urls = [
        "https://example.com/twilio/sms",
        "https://example.com/twilio/sms?tenant=42&mode=a+b",
        "http://example.com:8080/voice/",
        "https://user:pw@example.com/x?y=%2F",
        "https://example.com/caf%C3%A9?q=1",
    ];
    let param_sets = [
        p(&[]),
        p(&[
            ("From", "+14155550100"),
            ("To", "+14155550199"),
            ("Body", "héllo 😀"),
        ]),
        p(&[
            ("MessagingBinding.Address", "+1"),
            ("MessagingBinding.Address", "+2"),
            ("Author", "x"),
        ]),
        p(&[("Ａkey", "fullwidth"), ("😀key", "emoji"), ("k", "")]),
    ];
    let mut bad = Vec::new();
    for url in urls {
        for params in &param_sets {
            let sig = compute_signature(token, url, params, Algorithm::HmacSha1);
            if !is_valid(token, &sig, url, params) {
                bad.push(format!("not valid: {url} {params:?}"));
            }
            for m in mutations(url) {
                if is_valid(token, &sig, &m, params) {
                    bad.push(format!("tampered url still valid: {m}"));
                }
            }
            for m in mutations(token) {
                if is_valid(&m, &sig, url, params) {
                    bad.push(format!("other token valid: {m}"));
                }
            }
            for (i, (k, v)) in params.iter().enumerate() {
                for mk in mutations(k) {
                    let mut q = params.clone();
                    q[i].0 = mk.clone();
                    if is_valid(token, &sig, url, &q) {
                        bad.push(format!("tampered key still valid: {url} {q:?}"));
                    }
                }
                for mv in mutations(v) {
                    let mut q = params.clone();
                    q[i].1 = mv.clone();
                    if is_valid(token, &sig, url, &q) {
                        bad.push(format!("tampered value still valid: {url} {q:?}"));
                    }
                }
            }
            for m in mutations(&sig) {
                if is_valid(token, &m, url, params) {
                    bad.push(format!("tampered signature still valid: {m}"));
                }
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn sha256_sign_and_verify() {
    let key = "sk_secret_value";
    let params = p(&[("A", "1")]);
    let url = "https://example.com/hook";
    let sig = compute_signature(key, url, &params, Algorithm::HmacSha256);
    assert_eq!(sig.len(), 44);
    let tokens = vec![key.to_string()];
    let r = verify(&SignatureInput {
        url: Some(url),
        method: Some("POST"),
        params: &params,
        signature: Some(&sig),
        settings_header: Some("key=k1,algorithm=HMAC_SHA256"),
        tokens: &tokens,
        ..SignatureInput::default()
    });
    assert_eq!(r.status, SignatureStatus::Valid);
    assert_eq!(r.node_valid, None);
    assert_eq!(r.python_valid, Some(true));
    assert_eq!(r.algorithm, Some(Algorithm::HmacSha256));
}

#[test]
fn statuses_and_report_shape() {
    let none = verify(&SignatureInput::default());
    assert_eq!(none, SignatureReport::not_checked());
    let tokens = vec!["0f1e2d3c4b5a69788796a5b4c3d2e1f0".to_string()];
    let no_sig = verify(&SignatureInput {
        tokens: &tokens,
        url: Some("https://e.com/x"),
        ..SignatureInput::default()
    });
    assert_eq!(no_sig.status, SignatureStatus::NoSignature);
    let no_token = verify(&SignatureInput {
        url: Some("https://e.com/x"),
        signature: Some("RSOYDt4T1cUTdK1PDd93/VVr8B8="),
        ..SignatureInput::default()
    });
    assert_eq!(no_token.status, SignatureStatus::NoToken);
    let no_url = verify(&SignatureInput {
        tokens: &tokens,
        signature: Some("RSOYDt4T1cUTdK1PDd93/VVr8B8="),
        ..SignatureInput::default()
    });
    assert_eq!(no_url.status, SignatureStatus::NoUrl);
    let path_only = verify(&SignatureInput {
        tokens: &tokens,
        url: Some("/twilio/sms"),
        signature: Some("RSOYDt4T1cUTdK1PDd93/VVr8B8="),
        ..SignatureInput::default()
    });
    assert_eq!(path_only.status, SignatureStatus::NoUrl);
    let malformed = verify(&SignatureInput {
        tokens: &tokens,
        url: Some("https://e.com/x"),
        signature: Some("nope"),
        ..SignatureInput::default()
    });
    assert_eq!(malformed.status, SignatureStatus::Malformed);

    // JSON shape: camelCase keys, kebab-case enums, round trip.
    let sig = compute_signature(&tokens[0], "https://e.com/x", &[], Algorithm::HmacSha1);
    let r = verify(&SignatureInput {
        tokens: &tokens,
        url: Some("https://e.com/x"),
        signature: Some(&sig),
        ..SignatureInput::default()
    });
    let j = serde_json::to_value(&r).unwrap();
    assert_eq!(j["status"], "valid");
    assert_eq!(j["matched"]["candidate"], "as-received");
    assert_eq!(j["matched"]["keyOrder"], "utf16");
    assert_eq!(j["matched"]["tokenHint"], "token #1 (…e1f0)");
    assert_eq!(j["algorithm"], "hmac-sha1");
    assert_eq!(j["nodeValid"], true);
    assert_eq!(j["pythonValid"], true);
    let back: SignatureReport = serde_json::from_value(j).unwrap();
    assert_eq!(back, r);
}

#[test]
fn signing_for_replay() {
    let token = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    let params = p(&[("Body", "it's 100% ok"), ("From", "+14155550100")]);
    let s = sign_request(&SignRequest {
        url: "https://example.com/sms",
        method: None,
        content_type: None,
        body: b"",
        params: &params,
        token,
        algorithm: Algorithm::HmacSha1,
        settings_header: None,
    });
    assert!(is_valid(token, &s.signature, &s.url, &params));
    assert!(s
        .curl
        .contains(&format!("X-Twilio-Signature: {}", s.signature)));
    assert!(s
        .curl
        .contains("--data-raw 'Body=it%27s+100%25+ok&From=%2B14155550100'"));
    assert!(!s.curl.contains(token));

    let body = br#"{"a": 1}"#;
    let s = sign_request(&SignRequest {
        url: "https://example.com/events?x=1",
        method: Some("POST"),
        content_type: Some("application/json"),
        body,
        params: &[],
        token,
        algorithm: Algorithm::HmacSha1,
        settings_header: None,
    });
    assert!(s
        .url
        .starts_with("https://example.com/events?x=1&bodySHA256="));
    assert!(is_valid_with_body(token, &s.signature, &s.url, body));
    assert!(!s.curl.contains(token));
}

/// Odd URLs, bodies, content types and signatures: nothing panics, and since no signature
/// here was made with these tokens, nothing is ever valid (whichever entry point).
#[test]
fn odd_input_never_panics_and_is_never_valid() {
    let tokens = vec!["t".to_string(), String::new(), " t2 \n".to_string()];
    let odd_urls = [
        "",
        "https://",
        "https://[",
        "https://[::1",
        "https://]x[/",
        "http://@/",
        "https://h:/x?",
        "https://h:99999999999999999999/x",
        "HTTPS://ÉXAMPLE.com/ä?ö=ü#ß",
        "https://xn--/x",
        "https://h/%",
        "https://h/%zz%?%%#%",
        "h:/x",
        "://x",
        "https://a@b@c:1:2/x",
        "https://h/\u{0}\u{7f}\u{a0}\u{200b}",
        "https://0x7fffffffff.1/",
        "https://1.2.3.4.5/",
        "https://[v1.x]/",
        "https://[1:2:3:4:5:6:7:8:9]/",
        "https://[::ffff:1.2.3.4]:80/",
    ];
    let bodies: [&[u8]; 4] = [
        b"",
        b"{\"a\":[1,{\"b\":null}]}",
        b"a=1&a=1&=&&b",
        b"\xff\xfe{",
    ];
    for url in odd_urls {
        for body in bodies {
            for ct in [
                None,
                Some("application/json"),
                Some("application/x-www-form-urlencoded"),
            ] {
                for sig in ["", "abc", "RSOYDt4T1cUTdK1PDd93/VVr8B8=", " x\n"] {
                    let input = SignatureInput {
                        url: Some(url),
                        url_candidates: &[url.to_string(), "https://e.com".to_string()],
                        method: None,
                        content_type: ct,
                        body,
                        params: &[],
                        signature: Some(sig),
                        settings_header: Some("algorithm=nope"),
                        tokens: &tokens,
                        account_sid: Some("AC123"),
                    };
                    let case =
                        format!("url {url:?}, body {body:?}, type {ct:?}, signature {sig:?}");
                    assert!(
                        !verify(&input).is_valid(),
                        "valid with bad settings: {case}"
                    );
                    let input = SignatureInput {
                        settings_header: None,
                        ..input
                    };
                    assert!(!verify(&input).is_valid(), "valid: {case}");
                    assert!(!is_valid("t", sig, url, &[]), "is_valid: {case}");
                    assert!(
                        !is_valid_with_body("t", sig, url, body),
                        "is_valid_with_body: {case}"
                    );
                    let quick = verify_quick(
                        &["t", "", " t2 \n"],
                        &QuickRequest {
                            signature: sig,
                            url,
                            body,
                            content_type: ct,
                            ..QuickRequest::default()
                        },
                    );
                    assert!(!quick.valid, "verify_quick: {case}");
                }
            }
        }
    }
    assert_eq!(make_visible("a\n"), "a\\n");
}

/// One case of `tests/data/signature/rule-cases.json` (also run by the npm tests).
#[derive(Debug, Deserialize)]
struct RuleCase {
    id: String,
    note: String,
    url: String,
    method: Option<String>,
    content_type: Option<String>,
    body: String,
    token: String,
    signature: String,
    valid: bool,
    mode: String,
}

fn rule_cases() -> Vec<RuleCase> {
    #[derive(Deserialize)]
    struct File {
        cases: Vec<RuleCase>,
    }
    let file: File = serde_json::from_str(&data("rule-cases.json")).expect("rule-cases.json");
    assert!(
        file.cases.len() >= 10,
        "only {} rule cases",
        file.cases.len()
    );
    file.cases
}

/// What a signature covers is one rule: `signed_content` says the mode, and the core's
/// fast path (`verify_quick`, the npm `verifySignature`), the core's full `verify` and the
/// CLI's `inspect` give the same verdict on GET with a body, POST without Content-Type,
/// URLs with `bodySHA256`. The npm side runs the same file (npm/test/signature.test.mjs).
#[test]
fn one_rule_for_what_is_signed() {
    let bin = env!("CARGO_BIN_EXE_twilio-webhook-inspector");
    let mut bad = Vec::new();
    for c in rule_cases() {
        let mut why = Vec::new();
        let mode = signed_content(
            c.method.as_deref(),
            c.content_type.as_deref(),
            &c.url,
            c.body.as_bytes(),
        );
        let want_mode = match c.mode.as_str() {
            "url-only" => SignMode::UrlOnly,
            "form-params" => SignMode::FormParams,
            "body-hash" => SignMode::BodyHash,
            other => panic!("{}: unknown mode {other}", c.id),
        };
        if mode != want_mode {
            why.push(format!("signed_content {mode:?}, want {want_mode:?}"));
        }
        let request = QuickRequest {
            signature: &c.signature,
            url: &c.url,
            body: c.body.as_bytes(),
            content_type: c.content_type.as_deref(),
            method: c.method.as_deref(),
            settings: None,
        };
        let quick = verify_quick(&[c.token.as_str()], &request);
        if quick.valid != c.valid {
            why.push(format!("verify_quick valid={}", quick.valid));
        }
        let tokens = vec![c.token.clone()];
        let full = verify(&SignatureInput {
            url: Some(&c.url),
            method: c.method.as_deref(),
            content_type: c.content_type.as_deref(),
            body: c.body.as_bytes(),
            signature: Some(&c.signature),
            tokens: &tokens,
            ..SignatureInput::default()
        });
        if full.is_valid() != c.valid {
            why.push(format!("verify status {:?}", full.status));
        }
        // The CLI: the body is the pasted text (read as a form body, kept raw), the rest flags.
        let mut args = vec![
            "inspect",
            "--json",
            "--format",
            "form",
            "--url",
            &c.url,
            "--signature",
            &c.signature,
            "--auth-token",
            &c.token,
        ];
        if let Some(m) = &c.method {
            args.extend(["--method", m]);
        }
        if let Some(ct) = &c.content_type {
            args.extend(["--content-type", ct]);
        }
        let mut child = std::process::Command::new(bin)
            .args(&args)
            .env_remove("TWILIO_AUTH_TOKEN")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("the CLI starts");
        std::io::Write::write_all(&mut child.stdin.take().expect("stdin"), c.body.as_bytes())
            .expect("stdin written");
        let out = child.wait_with_output().expect("the CLI finishes");
        let report: serde_json::Value =
            serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
        let status = report["signature"]["status"].as_str().unwrap_or("?");
        if (status == "valid") != c.valid {
            why.push(format!("CLI signature status {status}"));
        }
        let cli_mode = report["signature"]["mode"].as_str().unwrap_or("?");
        if cli_mode != c.mode {
            why.push(format!("CLI mode {cli_mode}"));
        }
        if !why.is_empty() {
            bad.push(format!("{} ({}): {}", c.id, c.note, why.join("; ")));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// The packed verdict of the npm fast path: every field round-trips through the layout
/// the JS side reads (`packed::layout_json`), and `npm/shim/fast-verify.js` hard-codes none
/// of it (no shift or mask literal, the layout is read from `__verifyLayout`). The JS ids
/// the declarations list (`npm/types.d.ts`) are the core's.
#[test]
fn packed_verdict_layout_is_defined_once() {
    let layout: serde_json::Value =
        serde_json::from_str(&packed::layout_json()).expect("layout is JSON");
    let field = |code: u32, name: &str| {
        let f = &layout["fields"][name];
        let (shift, mask) = (f[0].as_u64().unwrap() as u32, f[1].as_u64().unwrap() as u32);
        (code >> shift) & mask
    };
    for (ci, candidate) in QUICK_CANDIDATES.iter().enumerate() {
        for (ri, reason) in QuickReason::ALL.iter().enumerate() {
            for (ai, algorithm) in [Algorithm::HmacSha1, Algorithm::HmacSha256]
                .into_iter()
                .enumerate()
            {
                for token in [0usize, 1, 7, 65535] {
                    let v = twilio_webhook_inspector::signature::QuickVerdict {
                        valid: *reason == QuickReason::Valid,
                        matched: Some((token, *candidate)),
                        algorithm,
                        reason: *reason,
                    };
                    let code = packed::pack(&v);
                    assert_eq!(field(code, "valid"), u32::from(v.valid));
                    assert_eq!(field(code, "algorithm") as usize, ai);
                    assert_eq!(field(code, "reason") as usize, ri);
                    assert_eq!(field(code, "candidate") as usize, ci);
                    assert_eq!(field(code, "token") as usize, token);
                    let names = |k: &str| layout[k].as_array().unwrap().len();
                    assert!(
                        ai < names("algorithms")
                            && ri < names("reasons")
                            && ci < names("candidates")
                    );
                }
            }
        }
    }
    let js = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/npm/shim/fast-verify.js"
    ))
    .expect("npm/shim/fast-verify.js");
    assert!(
        js.contains("glue.__verifyLayout()"),
        "the shim reads the layout from Rust"
    );
    for literal in [
        ">>> 1)", ">>> 4)", ">>> 8)", ">>> 16", "& 0xff", "& 15", "& 7",
    ] {
        assert!(
            !js.contains(literal),
            "fast-verify.js hard-codes {literal:?}"
        );
    }
    let dts = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/npm/types.d.ts"))
        .expect("npm/types.d.ts");
    for id in QUICK_CANDIDATES
        .iter()
        .map(|c| c.id())
        .chain(QuickReason::ALL.iter().map(|r| r.id()))
        .chain(packed::ALGORITHMS)
    {
        assert!(
            dts.contains(&format!("\"{id}\"")),
            "npm/types.d.ts lacks {id:?}"
        );
    }
}

/// The ids the report's JSON uses for candidates, modes and key orders are the ones the
/// core's wording functions read back (the web app words them with `describe`).
#[test]
fn ids_read_back() {
    use twilio_webhook_inspector::signature::{CandidateKind, KeyOrder};
    for k in CandidateKind::ALL {
        assert_eq!(serde_json::to_value(k).unwrap(), k.id());
        assert_eq!(CandidateKind::from_id(k.id()), Some(k));
        assert!(!k.describe().is_empty());
    }
    for m in SignMode::ALL {
        assert_eq!(serde_json::to_value(m).unwrap(), m.id());
        assert_eq!(SignMode::from_id(m.id()), Some(m));
    }
    for o in [KeyOrder::Utf16, KeyOrder::CodePoint] {
        assert_eq!(serde_json::to_value(o).unwrap(), o.id());
        assert_eq!(KeyOrder::from_id(o.id()), Some(o));
    }
}

/// The key cache of the npm verify entry changes nothing: one cache shared across every
/// vector (more tokens than it keeps, so entries are evicted and keyed again), the tokens in
/// several orders, valid and tampered signatures, equal to the uncached calls.
#[test]
fn key_cache_gives_the_uncached_answers() {
    use twilio_webhook_inspector::signature::{
        is_valid_borrowed, is_valid_borrowed_cached, verify_quick_cached, KeyCache,
    };
    let mut keys = KeyCache::default();
    let others = [
        "0".repeat(32),
        "k".repeat(80),
        String::new(),
        "é".repeat(20),
    ];
    for v in vectors() {
        let tampered = format!("{}A", v.signature.trim_end_matches('='));
        for sig in [v.signature.as_str(), tampered.as_str()] {
            let request = QuickRequest {
                signature: sig,
                url: &v.url,
                body: v.body.as_bytes(),
                content_type: Some(&v.content_type),
                method: Some(&v.method),
                settings: v.signature_settings.as_deref(),
            };
            let lists: [Vec<&str>; 4] = [
                vec![&v.auth_token],
                vec![&others[0], &v.auth_token],
                vec![&others[1], &others[2], &others[3], &v.auth_token],
                vec![&v.auth_token, &others[0], &others[1]],
            ];
            for tokens in &lists {
                assert_eq!(
                    verify_quick_cached(&mut keys, tokens, &request, None),
                    verify_quick(tokens, &request),
                    "{}",
                    v.id
                );
            }
            let pairs: Vec<(&str, &str)> = v
                .params
                .iter()
                .map(|(k, val)| (k.as_str(), val.as_str()))
                .collect();
            for token in [v.auth_token.as_str(), &others[1], &others[3]] {
                assert_eq!(
                    is_valid_borrowed_cached(&mut keys, token, sig, &v.url, &pairs),
                    is_valid_borrowed(token, sig, &v.url, &pairs),
                    "{}",
                    v.id
                );
            }
        }
    }
    assert!(
        !format!("{keys:?}").contains(&others[0]),
        "Debug never shows a token"
    );
}

/// One vector of `real-vectors.jsonl`: a request and signature taken from a public test
/// suite, with the verdict that suite asserts.
#[derive(Debug, Deserialize)]
struct RealVector {
    id: String,
    source: String,
    library: String,
    auth_token: String,
    url: String,
    method: String,
    content_type: String,
    body: String,
    params: Vec<(String, String)>,
    signature: String,
    /// What the source asserts.
    valid: bool,
    /// Set when the source's verdict is another library's quirk that node and python do
    /// not share: what we say instead, and why.
    #[serde(default)]
    exclusion: Option<Exclusion>,
    /// What the real twilio-node 6.2.0 `validateRequest`/`validateRequestWithBody` said
    /// when run on the vector.
    node_6_2_0: bool,
    /// What the real twilio-python 9.13.0 `RequestValidator.validate` said (`null`: it
    /// raised, so the request is not accepted).
    python_9_13_0: Option<bool>,
}

#[derive(Debug, Deserialize)]
struct Exclusion {
    ours_valid: bool,
    reason: String,
}

/// Vectors from the official libraries' own test suites in every language (and other
/// public sources): the verdict each asserts is the expectation, through `verify` and
/// the simple `is_valid*` entries. An exclusion must still differ from the source (so a
/// stale one fails) and name its reason.
#[test]
fn real_vectors_from_public_sources() {
    let mut bad = Vec::new();
    let mut n = 0;
    for (i, line) in data("real-vectors.jsonl").lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: RealVector = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("real-vectors.jsonl:{}: {e}", i + 1));
        n += 1;
        assert!(v.source.starts_with("https://"), "{}: source", v.id);
        let tokens = vec![v.auth_token.clone()];
        let r = verify(&SignatureInput {
            url: Some(&v.url),
            method: Some(&v.method),
            content_type: Some(&v.content_type),
            body: v.body.as_bytes(),
            params: &v.params,
            signature: Some(&v.signature),
            tokens: &tokens,
            ..SignatureInput::default()
        });
        let ours = r.status == SignatureStatus::Valid;
        let simple = if v.content_type == "application/json" {
            is_valid_with_body(&v.auth_token, &v.signature, &v.url, v.body.as_bytes())
        } else {
            is_valid(&v.auth_token, &v.signature, &v.url, &v.params)
        };
        let want = match &v.exclusion {
            Some(x) => {
                if x.ours_valid == v.valid || x.reason.len() < 20 {
                    bad.push(format!(
                        "{}: exclusion no longer needed or unexplained",
                        v.id
                    ));
                }
                x.ours_valid
            }
            None => v.valid,
        };
        if ours != want || simple != want {
            bad.push(format!(
                "{} ({}): verify {:?}, is_valid* {simple}, want {want} [{}]",
                v.id, v.library, r.status, v.source
            ));
        }
        if r.node_valid != Some(v.node_6_2_0) {
            bad.push(format!(
                "{}: node {:?}, twilio-node 6.2.0 said {}",
                v.id, r.node_valid, v.node_6_2_0
            ));
        }
        let py_ok = match v.python_9_13_0 {
            Some(b) => r.python_valid == Some(b),
            None => r.python_valid != Some(true),
        };
        if !py_ok {
            bad.push(format!(
                "{}: python {:?}, twilio-python 9.13.0 said {:?}",
                v.id, r.python_valid, v.python_9_13_0
            ));
        }
        if v.exclusion.is_none() {
            let lib = match v.library.as_str() {
                "twilio-node" => Some(("node", r.node_valid)),
                "twilio-python" => Some(("python", r.python_valid)),
                _ => None,
            };
            if let Some((name, got)) = lib {
                if got != Some(v.valid) {
                    bad.push(format!("{}: {name} {got:?}, want {}", v.id, v.valid));
                }
            }
        }
    }
    assert!(n >= 30, "only {n} real vectors");
    assert!(bad.is_empty(), "{} of {n}:\n{}", bad.len(), bad.join("\n"));
}
