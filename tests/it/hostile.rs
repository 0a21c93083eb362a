//! Hostile input: property tests (proptest) and size limits.
//!
//! - decoding and inspecting never panic, whatever the text and the forced format;
//! - any list of pairs, form-encoded, decodes back to exactly those pairs;
//! - the raw text of every form pair is the input's own text;
//! - a request signed by `sign_request` verifies, and changing one byte of the URL, a key, a
//!   value or the token makes it fail;
//! - large and deeply nested inputs are handled (or refused) without a crash or a stack
//!   overflow, and the auth token never appears in any output.

use proptest::prelude::*;
use twilio_webhook_inspector::signature::{sign_request, Algorithm, SignRequest, SignatureStatus};
use twilio_webhook_inspector::{decode, inspect, Code, InputFormat, Options, ParamSource};

use crate::vectors::load_vectors;

/// Text biased towards the characters the decoders treat specially.
fn nasty_text() -> impl Strategy<Value = String> {
    let special = prop::sample::select(vec![
        "%",
        "%2",
        "%25",
        "%zz",
        "%E9",
        "%C3%A9",
        "&",
        "=",
        "+",
        "?",
        "#",
        "{",
        "}",
        "[",
        "]",
        "<",
        ">",
        "/",
        ":",
        "\"",
        "'",
        "\\",
        "\n",
        "\r\n",
        " ",
        "\t",
        "$'",
        "curl ",
        "-d ",
        "-H ",
        "POST / HTTP/1.1\n",
        "Host: x\n",
        "\n\n",
        "<a>",
        "</a>",
        "<b/>",
        "&amp;",
        "=>",
        "nil",
        "é",
        "😀",
        "\u{0}",
        "\u{feff}",
        "CallSid",
        "AC",
        "https://",
    ]);
    prop::collection::vec(
        prop_oneof![special.prop_map(str::to_string), any::<String>()],
        0..24,
    )
    .prop_map(|v| v.concat())
}

fn form_encode(pairs: &[(String, String)]) -> String {
    let enc = |s: &str| {
        let mut out = String::new();
        for b in s.bytes() {
            match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    out.push(b as char)
                }
                b' ' => out.push('+'),
                _ => out.push_str(&format!("%{b:02X}")),
            }
        }
        out
    };
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn formats() -> Vec<Option<InputFormat>> {
    std::iter::once(None)
        .chain(InputFormat::ALL.iter().copied().map(Some))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    #[test]
    fn decoding_never_panics(text in nasty_text()) {
        oracles::decode_auto(text.as_bytes());
        for (pick, _) in InputFormat::ALL.iter().enumerate() {
            let mut data = vec![pick as u8];
            data.extend_from_slice(text.as_bytes());
            oracles::decode_each_format(&data);
        }
        for f in formats() {
            let d = decode(&text, f);
            // Something is always said about an input that yields nothing.
            if d.pairs.is_empty() && !text.trim().is_empty() && f.is_none() {
                prop_assert!(d.format.is_some());
            }
        }
    }

    #[test]
    fn inspecting_with_a_signature_never_panics(text in nasty_text(), sig in "[A-Za-z0-9+/=]{0,30}") {
        let options = Options {
            url: Some("https://example.com/hook?x=1".into()),
            signature: Some(sig),
            auth_tokens: vec!["0123456789abcdef0123456789abcdef".into()],
            ..Options::default()
        };
        let report = inspect(&text, &options);
        let json = serde_json::to_string(&report).expect("serialises");
        prop_assert!(!json.contains("0123456789abcdef0123456789abcdef"));
    }

    #[test]
    fn form_encoding_round_trips(pairs in prop::collection::vec((any::<String>(), any::<String>()), 1..12)) {
        let body = form_encode(&pairs);
        let d = decode(&body, Some(InputFormat::Form));
        let got: Vec<(String, String)> = d.pairs.iter().map(|p| (p.name.clone(), p.value.clone())).collect();
        prop_assert_eq!(got, pairs);
        prop_assert!(d.pairs.iter().all(|p| p.source == ParamSource::Body));
    }

    #[test]
    fn raw_text_is_the_input_text(text in "[A-Za-z0-9%=&+;:/?#é😀 -]{1,80}") {
        let input = text.trim();
        prop_assume!(!input.is_empty());
        let d = decode(input, Some(InputFormat::Form));
        let raw: Vec<String> = d
            .pairs
            .iter()
            .map(|p| if p.no_equals { p.raw_name.clone() } else { format!("{}={}", p.raw_name, p.raw_value) })
            .collect();
        let segments: Vec<&str> = input.split('&').filter(|s| !s.is_empty()).collect();
        prop_assert_eq!(raw, segments);
    }

    #[test]
    fn signed_requests_verify_and_any_change_breaks_them(
        path in "/[a-z]{1,8}",
        pairs in prop::collection::vec(("[A-Za-z][A-Za-z0-9]{0,8}", "[ -~]{0,12}"), 1..8),
        token in "[0-9a-f]{32}",
        which in 0usize..4,
        pick in any::<prop::sample::Index>(),
    ) {
        let url = format!("https://hooks.example.com{path}?tenant=7");
        let signed = sign_request(&SignRequest {
            url: &url,
            method: Some("POST"),
            content_type: Some("application/x-www-form-urlencoded"),
            body: b"",
            params: &pairs,
            token: &token,
            algorithm: Algorithm::HmacSha1,
            settings_header: None,
        });
        prop_assert!(!signed.curl.contains(&token));
        let check = |body: &str, url: &str, token: &str| {
            let options = Options {
                format: Some(InputFormat::Form),
                method: Some("POST".into()),
                url: Some(url.into()),
                signature: Some(signed.signature.clone()),
                auth_tokens: vec![token.into()],
                ..Options::default()
            };
            inspect(body, &options).signature.status
        };
        prop_assert_eq!(check(&signed.body, &url, &token), SignatureStatus::Valid);

        // Change one byte somewhere: the URL's path, a key, a value, or the token.
        let bump = |s: &str, i: usize| -> String {
            let mut b: Vec<char> = s.chars().collect();
            let i = i % b.len();
            b[i] = if b[i] == 'a' { 'b' } else { 'a' };
            b.into_iter().collect()
        };
        let (body, url2, token2) = match which {
            0 => (signed.body.clone(), format!("https://hooks.example.com/{}?tenant=7", bump(&path[1..], pick.index(64))), token.clone()),
            1 | 2 => {
                let mut p = pairs.clone();
                let i = pick.index(p.len());
                if which == 1 { p[i].0 = bump(&p[i].0, pick.index(16)); } else { p[i].1 = format!("{}x", p[i].1); }
                (form_encode(&p), url.clone(), token.clone())
            }
            _ => (signed.body.clone(), url.clone(), bump(&token, pick.index(32))),
        };
        prop_assert_ne!(check(&body, &url2, &token2), SignatureStatus::Valid);
    }
}

/// Text biased towards wrappers and program literals (issue 11): comment markers, log
/// prefixes, quotes, fences, line numbers, entities, smart quotes, literal syntax.
fn wrapped_text() -> impl Strategy<Value = String> {
    let special = prop::sample::select(vec![
        "// ",
        "# ",
        "-- ",
        "/*",
        "*/",
        "\n * ",
        "> ",
        "> > ",
        "```",
        "```js\n",
        "~~~",
        "  12 | ",
        "13: ",
        "4. ",
        ".\n",
        "\\\n",
        "2024-03-01T12:00:00.123Z ",
        "[2024-03-01 12:00:00] ",
        "web.1  | ",
        "app[web.1]: ",
        "Mar  1 12:00:00 host app[1]: ",
        "INFO: ",
        "DEBUG - ",
        "I, [x]  INFO -- : ",
        "body: ",
        "&amp;",
        "&quot;",
        "&#39;",
        "&#x1F600;",
        "&#99999999;",
        "&lt;",
        "\u{201c}",
        "\u{201d}",
        "\u{2018}",
        "\u{2019}",
        "{",
        "}",
        "[",
        "]",
        "(",
        ")",
        "[Object: null prototype] ",
        "array(",
        "array (",
        "array(2) {",
        "[\"k\"]=>",
        "string(3) \"",
        "string(99) \"",
        "int(",
        "bool(",
        "NULL",
        "=>",
        ":",
        "=",
        ",",
        ";",
        "'",
        "\"",
        "`",
        "${",
        "#{",
        "f\"",
        "u'",
        "rb'",
        "\\u{1F600}",
        "\\x4",
        "None",
        "nil",
        "undefined",
        "true",
        "$VAR1 = ",
        "%h = (",
        "map[",
        "url.Values{",
        "[]string{",
        "const p = ",
        "twilio api:core:calls:create ",
        "--to ",
        "--status-callback-event ",
        "--account-sid ",
        "--sid ",
        "-o ",
        "\n",
        "\r\n",
        " ",
        "\t",
        "é",
        "😀",
        "CallSid",
        "From",
        "+1555",
        "%2B",
    ]);
    prop::collection::vec(
        prop_oneof![3 => special.prop_map(str::to_string), 1 => any::<String>()],
        0..40,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn wrappers_and_literals_never_panic_and_offsets_stay_in_the_input(text in wrapped_text()) {
        for f in [None, Some(InputFormat::Json), Some(InputFormat::Form), Some(InputFormat::Http)] {
            let d = decode(&text, f);
            for finding in &d.findings {
                if let Some(at) = finding.at {
                    prop_assert!(at <= text.len(), "{:?} at {} past {} bytes", finding.code, at, text.len());
                }
            }
            // Nothing is lost: pairs were read, or the text is kept (as the body or the URL),
            // or a finding says why not.
            prop_assert!(!d.pairs.is_empty() || d.body.is_some() || d.url.is_some() || !d.findings.is_empty()
            // An empty query (`?`) has nothing to lose.
            || text.trim().trim_start_matches('?').trim().is_empty());
            // A value shown as an expression is always explained by a finding about it.
            for p in d.pairs.iter().filter(|p| p.non_literal) {
                prop_assert!(d.findings.iter().any(|f| f.code == Code::NonLiteralValue && f.param.as_deref() == Some(p.name.as_str())));
            }
        }
        let report = inspect(&text, &Options::default());
        prop_assert!(serde_json::to_string(&report).is_ok());
    }

    #[test]
    fn a_wrapped_form_body_decodes_like_the_bare_one(
        pairs in prop::collection::vec(("[A-Za-z][A-Za-z0-9]{0,8}", "[ -\\-/-~]{0,12}"), 1..8),
        wrapper in 0usize..6,
    ) {
        let body = form_encode(&pairs);
        // Wrapped by the editor halfway, then every line wrapped.
        let (a, b) = body.split_at(body.len() / 2);
        let (p1, p2) = [
            ("// ", "// "),
            ("# ", "# "),
            ("> ", "> "),
            ("2024-03-01T12:00:00.123Z ", "2024-03-01T12:00:00.124Z "),
            ("web.1  | ", "web.1  | "),
            ("  7 | ", "  8 | "),
        ][wrapper];
        let wrapped = format!("{p1}{a}\n{p2}{b}");
        let d = decode(&wrapped, None);
        let got: Vec<(String, String)> = d.pairs.iter().map(|p| (p.name.clone(), p.value.clone())).collect();
        prop_assert_eq!(got, pairs, "{}", wrapped);
        prop_assert!(d.findings.iter().any(|f| f.code == Code::WrapperUnwrapped));
        for f in &d.findings {
            prop_assert!(f.at.is_none_or(|at| at <= wrapped.len()));
        }
    }
}

/// Large inputs of every format are decoded (or refused above the limit) without a crash,
/// and deep nesting is bounded with a finding instead of a stack overflow.
#[test]
fn large_and_deep_inputs_are_bounded() {
    let mb = 1024 * 1024;
    let pair = "Body=hello+world&";
    let form = pair.repeat(9 * mb / pair.len());
    let d = decode(&form, None);
    assert_eq!(d.format, Some(InputFormat::Form));
    assert_eq!(d.pairs.len(), 9 * mb / pair.len());

    let json = format!("{{{}\"z\":\"1\"}}", "\"k\":\"v\",".repeat(mb / 8));
    assert_eq!(decode(&json, None).format, Some(InputFormat::Json));

    let xml = format!("<R><Call>{}</Call></R>", "<A>1</A>".repeat(mb / 8));
    assert_eq!(decode(&xml, None).pairs.len(), mb / 8);

    let http = format!("POST /x HTTP/1.1\nHost: example.com\n\n{}", &form[..5 * mb]);
    assert_eq!(decode(&http, None).format, Some(InputFormat::Http));

    let curl = format!("curl https://example.com/x -d '{}'", &form[..5 * mb]);
    assert_eq!(decode(&curl, None).format, Some(InputFormat::Curl));

    let deep_json = format!("{{\"a\":{}1{}}}", "[".repeat(100_000), "]".repeat(100_000));
    let d = decode(&deep_json, None);
    assert!(
        d.findings.iter().any(|f| f.code == Code::MalformedJson),
        "deep JSON is refused with a finding"
    );

    let deep_xml = format!("{}x{}", "<a>".repeat(100_000), "</a>".repeat(100_000));
    let d = decode(&deep_xml, None);
    assert!(
        d.findings.iter().any(|f| f.code == Code::MalformedXml),
        "deep XML is refused with a finding"
    );

    let too_big = "a".repeat(twilio_webhook_inspector::MAX_INPUT_BYTES + 1);
    assert!(decode(&too_big, None)
        .findings
        .iter()
        .any(|f| f.code == Code::InputTooLarge));
}

/// The auth token is in no output: report JSON, report Debug, Options Debug.
#[test]
fn the_token_never_appears_in_outputs() {
    let token = "5ec12e7c0ffee5ec12e7c0ffee5ec12e";
    let options = Options {
        url: Some("https://example.com/sms".into()),
        signature: Some("AbCdEfGhIjKlMnOpQrStUvWxYz0=".into()),
        auth_tokens: vec![token.into(), format!(" {token} ")],
        ..Options::default()
    };
    let report = inspect(
        "MessageSid=SM1a2b3c4d5e6f708192a3b4c5d6e7f809&Body=hi",
        &options,
    );
    assert_eq!(report.signature.status, SignatureStatus::Invalid);
    for text in [
        serde_json::to_string(&report).expect("json"),
        format!("{report:?}"),
        format!("{options:?}"),
    ] {
        assert!(!text.contains(token), "token leaked: {text}");
    }
}

/// The fuzz targets' bodies and assertions (`fuzz/fuzz_targets/oracles.rs`).
#[path = "../../fuzz/fuzz_targets/oracles.rs"]
mod oracles;

/// Every crash the fuzzers found (`fuzz/`, see FUZZING.md) stays fixed: the inputs in
/// `tests/data/regressions/` are replayed through their fuzz target's own body (the file
/// name starts with the target's name), assertions included: raw text kept, the
/// token-leak oracle.
#[test]
fn fuzz_regressions_stay_fixed() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/regressions");
    let mut replayed = 0;
    for entry in std::fs::read_dir(dir).expect("regressions dir").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let data = std::fs::read(entry.path()).expect("readable");
        let target = name.split('-').next().unwrap_or_default();
        match target {
            "decode_each_format" => oracles::decode_each_format(&data),
            "decode_auto" => oracles::decode_auto(&data),
            "inspect_signed" => oracles::inspect_signed(&data),
            "unwrap_literals" => oracles::unwrap_literals(&data),
            _ => panic!("{name}: unknown fuzz target prefix"),
        }
        replayed += 1;
    }
    assert!(replayed > 0, "no regression inputs found");
}

/// The fuzz targets' assertions hold on the seed inputs they start from (every decode and
/// inspect vector), each decoder forced in turn.
#[test]
fn fuzz_oracles_hold_on_the_vectors() {
    let mut inputs = 0;
    for dir in ["tests/data/decode", "tests/data/inspect"] {
        for (_, v) in load_vectors::<toml::Value>(dir) {
            let Some(input) = v.get("input").and_then(toml::Value::as_str) else {
                continue;
            };
            oracles::decode_auto(input.as_bytes());
            for pick in 0..InputFormat::ALL.len() as u8 {
                let mut data = vec![pick];
                data.extend_from_slice(input.as_bytes());
                oracles::decode_each_format(&data);
            }
            inputs += 1;
        }
    }
    assert!(inputs >= 100, "only {inputs} vector inputs found");
    oracles::inspect_signed(b"https://example.com/sms\nMessageSid=SM1a2b3c4d5e6f708192a3b4c5d6e7f809&Body=0123456789abcdef0123456789abcdef");
}
