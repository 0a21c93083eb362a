//! The whole pipeline with signature checking (and the doctor on failure): the text is the
//! request, with a URL, a signature and two tokens given as options.
#![no_main]
use libfuzzer_sys::fuzz_target;
use twilio_webhook_inspector::{inspect, Options};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (url, rest) = text.split_once('\n').unwrap_or(("https://example.com/hook?x=1", &text));
    let options = Options {
        url: Some(url.to_string()),
        signature: Some("AbCdEfGhIjKlMnOpQrStUvWxYz0=".into()),
        auth_tokens: vec!["0123456789abcdef0123456789abcdef".into(), "fedcba9876543210fedcba9876543210".into()],
        ..Options::default()
    };
    let report = inspect(rest, &options);
    let json = serde_json::to_string(&report).expect("the report serialises");
    // A leak shows as more occurrences of the token than when another token of the same
    // length is used on the same input (what the input itself puts in the report is equal).
    let other = Options {
        auth_tokens: vec!["9a8b7c6d5e4f9a8b7c6d5e4f9a8b7c6d".into(), "f0e1d2c3b4a5f0e1d2c3b4a5f0e1d2c3".into()],
        ..options.clone()
    };
    let baseline = serde_json::to_string(&inspect(rest, &other)).expect("the report serialises");
    for token in &options.auth_tokens {
        assert!(json.matches(token.as_str()).count() <= baseline.matches(token.as_str()).count(), "token leaked");
    }
});
