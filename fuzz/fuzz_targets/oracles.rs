//! What each fuzz target runs and asserts, in one place: the targets in this directory call
//! these functions, and `tests/it/hostile.rs` includes this file (`#[path]`) to replay the
//! crash inputs of `tests/data/regressions/` — and the property tests' inputs — with the
//! same assertions, not just "no panic".

use twilio_webhook_inspector::{decode, inspect, Code, InputFormat, Options};

/// `decode_auto`: format detection plus the decoder it picks; the decoded pairs keep their
/// raw text ([`raw_text_is_kept`]).
pub fn decode_auto(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let decoded = decode(&text, None);
    if let Some(format) = decoded.format {
        raw_text_is_kept(&text, format, &decoded);
    }
}

/// `decode_each_format`: the first byte picks the decoder forced on the rest.
pub fn decode_each_format(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let format = InputFormat::ALL[pick as usize % InputFormat::ALL.len()];
    let text = String::from_utf8_lossy(rest);
    let decoded = decode(&text, Some(format));
    raw_text_is_kept(&text, format, &decoded);
}

/// Decoding never loses a byte, for every format: a pair with a decoded name has a raw
/// name. For the percent-encoded formats (form, query, URL), where the raw text is a slice
/// of the input, the raw name and value are found in the input, and a raw component
/// without `%`, `+` or a line break decodes to itself.
pub fn raw_text_is_kept(
    text: &str,
    format: InputFormat,
    decoded: &twilio_webhook_inspector::Decoded,
) {
    // Text read from inside a wrapper (comments, log prefixes, line continuations) keeps the
    // raw text of the body found inside it, which is no longer one slice of the input.
    let unwrapped = decoded
        .findings
        .iter()
        .any(|f| f.code.id() == "wrapper-unwrapped");
    let sliced = !unwrapped
        && matches!(
            format,
            InputFormat::Form | InputFormat::Query | InputFormat::Url
        );
    for p in &decoded.pairs {
        assert!(
            p.name.is_empty() || !p.raw_name.is_empty(),
            "{format:?}: {:?} decoded from an empty raw name",
            p.name
        );
        if !sliced {
            continue;
        }
        assert!(
            text.contains(p.raw_name.as_str()) && text.contains(p.raw_value.as_str()),
            "{format:?}: raw {:?}={:?} is not in the input",
            p.raw_name,
            p.raw_value
        );
        for (raw, decoded) in [(&p.raw_name, &p.name), (&p.raw_value, &p.value)] {
            if !raw.contains(['%', '+', '\r', '\n']) {
                assert_eq!(raw, decoded, "{format:?}: plain text changed when decoded");
            }
        }
    }
}

/// The two tokens `inspect_signed` verifies with.
pub const TOKENS: [&str; 2] = [
    "0123456789abcdef0123456789abcdef",
    "fedcba9876543210fedcba9876543210",
];

/// `inspect_signed`: the whole pipeline with a URL (the first line, when there are
/// several), a signature and two tokens, and the token-leak oracle: the report never holds
/// a token more often than the same report made with two other tokens of the same length
/// (what the input itself puts in the report is then equal).
pub fn inspect_signed(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (url, rest) = text
        .split_once('\n')
        .unwrap_or(("https://example.com/hook?x=1", &text));
    let options = Options {
        url: Some(url.to_string()),
        signature: Some("AbCdEfGhIjKlMnOpQrStUvWxYz0=".into()),
        auth_tokens: TOKENS.iter().map(|t| t.to_string()).collect(),
        ..Options::default()
    };
    let report = inspect(rest, &options);
    let json = serde_json::to_string(&report).expect("the report serialises");
    let other = Options {
        auth_tokens: vec![
            "9a8b7c6d5e4f9a8b7c6d5e4f9a8b7c6d".into(),
            "f0e1d2c3b4a5f0e1d2c3b4a5f0e1d2c3".into(),
        ],
        ..options.clone()
    };
    let baseline = serde_json::to_string(&inspect(rest, &other)).expect("the report serialises");
    for token in TOKENS {
        assert!(
            json.matches(token).count() <= baseline.matches(token).count(),
            "token leaked"
        );
    }
}

/// The wrappers `unwrap_literals` writes before every line.
const WRAPPERS: [&str; 12] = [
    "",
    "// ",
    "# ",
    "> ",
    " * ",
    "-- ",
    "2024-03-01T12:00:00.123Z ",
    "web.1  | ",
    "app[web.1]: ",
    "INFO: ",
    "[2024-03-01 12:00:00] ",
    "body: ",
];

/// `unwrap_literals`: the first byte picks a wrapper (the high bit adds a markdown fence)
/// written before every line of the rest; the bare and the wrapped text are decoded. Every
/// `at` stays inside the text, nothing is lost, every expression value is explained.
pub fn unwrap_literals(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let inner = String::from_utf8_lossy(rest);
    let prefix = WRAPPERS[usize::from(pick & 0x7f) % WRAPPERS.len()];
    let mut wrapped: String = inner.lines().map(|l| format!("{prefix}{l}\n")).collect();
    if pick & 0x80 != 0 {
        wrapped = format!("```\n{wrapped}```\n");
    }
    for text in [&*inner, wrapped.as_str()] {
        let d = decode(text, None);
        for f in &d.findings {
            if let Some(at) = f.at {
                assert!(
                    at <= text.len(),
                    "{:?} at {at} past {} bytes",
                    f.code,
                    text.len()
                );
            }
        }
        assert!(
            !d.pairs.is_empty() || d.body.is_some() || d.url.is_some() || !d.findings.is_empty()
            // An empty query (`?`) has nothing to lose.
            || text.trim().trim_start_matches('?').trim().is_empty()
        );
        for p in d.pairs.iter().filter(|p| p.non_literal) {
            assert!(d
                .findings
                .iter()
                .any(|f| f.code == Code::NonLiteralValue
                    && f.param.as_deref() == Some(p.name.as_str())));
        }
    }
}
