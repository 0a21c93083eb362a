//! One capture of a timeline as the inspector's inputs: what a mark opens, and what
//! "Compare" puts on each side.

use twilio_webhook_inspector::timeline::{Capture, ManyFormat};

use crate::share::Shared;

/// The share payload of capture `i`: its text, URL and signature (never a token).
pub fn shared_of(c: &Capture) -> Shared {
    let o = c.inspect_options();
    Shared {
        input: c.input.clone(),
        format: None,
        kind: None,
        url: o.url.filter(|u| !u.trim().is_empty()),
        signature: o.signature.filter(|s| !s.trim().is_empty()),
    }
}

/// A short name of capture `c` at position `i`: its line, else its record label, else its
/// number.
pub fn capture_name(c: &Capture, i: usize) -> String {
    match (&c.line, &c.label) {
        (Some(l), _)
            if c.source
                .is_some_and(|s| s.is_line_based() || s == ManyFormat::Http) =>
        {
            format!("line {l}")
        }
        (_, Some(label)) => label.clone(),
        (Some(l), None) => format!("line {l}"),
        _ => format!("capture {}", i + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::many::read;
    use twilio_webhook_inspector::Options;

    #[test]
    fn a_capture_opens_with_its_url_and_signature() {
        let text = r#"{"input":"CallSid=CA0123456789abcdef0123456789abcdef&CallStatus=ringing","url":"https://example.com/v","headers":{"X-Twilio-Signature":"abc="}}
{"input":"CallSid=CA0123456789abcdef0123456789abcdef&CallStatus=completed"}"#;
        let m = read(text, &Options::default()).unwrap();
        let s = shared_of(&m.captures[0]);
        assert_eq!(s.url.as_deref(), Some("https://example.com/v"));
        assert_eq!(s.signature.as_deref(), Some("abc="));
        assert_eq!(capture_name(&m.captures[1], 1), "line 2");
    }
}
