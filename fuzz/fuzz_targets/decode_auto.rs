//! Format detection plus whichever decoder it picks, on arbitrary text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = twilio_webhook_inspector::decode(&text, None);
});
