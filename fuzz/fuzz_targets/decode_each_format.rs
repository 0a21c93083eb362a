//! Every decoder forced on the same text: form, query, URL, raw HTTP, curl, JSON, HAR, XML.
//! The first byte picks the decoder so the corpus specialises per format.
#![no_main]
use libfuzzer_sys::fuzz_target;
use twilio_webhook_inspector::{decode, InputFormat};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let format = InputFormat::ALL[pick as usize % InputFormat::ALL.len()];
    let text = String::from_utf8_lossy(rest);
    let decoded = decode(&text, Some(format));
    // Decoded pairs always carry their raw text.
    for p in &decoded.pairs {
        assert!(p.no_equals || !p.raw_name.is_empty() || p.name.is_empty() || format != InputFormat::Form);
    }
});
