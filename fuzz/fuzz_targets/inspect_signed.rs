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
    // The token may only be in the report if the input itself contains that text.
    for token in &options.auth_tokens {
        assert!(!json.contains(token.as_str()) || text.contains(token.as_str()), "token leaked");
    }
});
