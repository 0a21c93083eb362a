//! The response side on arbitrary text: TwiML alone, a raw HTTP response, a request followed
//! by its response, and `inspect` of the same paste. The first byte picks the shape and the
//! document type. Oracles: `accepted` is exactly "no error-severity finding", every finding
//! placed by line also has a column, and the report serialises.
#![no_main]
use libfuzzer_sys::fuzz_target;
use twilio_webhook_inspector::response::{inspect_response, DocumentType, ResponseContext};
use twilio_webhook_inspector::{inspect, Options, Severity};

const REQUEST: &str = "POST /voice HTTP/1.1\r\nHost: example.com\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\nCallSid=CA5a1f0c2e9b7d4a6c8e0f1a2b3c4d5e6f&CallStatus=ringing\r\n\r\n";

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let paste = match selector % 4 {
        0 => text.into_owned(),
        1 => format!("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n\r\n{text}"),
        2 => format!("{REQUEST}HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n\r\n{text}"),
        _ => format!("HTTP/1.1 {text}"),
    };
    let document = [DocumentType::Auto, DocumentType::Voice, DocumentType::Messaging, DocumentType::Fax]
        [usize::from(selector / 4 % 4)];
    let ctx = ResponseContext {
        kind: (selector & 0x40 != 0).then(|| "voice-status-callback".to_string()),
        url: Some("https://example.com/ivr/start?x=1#ct=1000&rc=2".to_string()),
        document,
    };
    let report = inspect_response(&paste, &ctx);
    let has_error = report.findings.iter().any(|f| f.severity == Severity::Error);
    assert_eq!(report.accepted, !has_error, "accepted disagrees with the findings");
    assert!(report.findings.iter().all(|f| f.line.is_some() == f.column.is_some()));
    serde_json::to_string(&report).expect("the report serialises");
    let full = inspect(&paste, &Options::default());
    serde_json::to_string(&full).expect("the report serialises");
});
