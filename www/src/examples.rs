//! The examples gallery: one realistic capture of every kind, in a variety of input formats.
//!
//! The texts live in `www/examples/` and are compiled in with `include_str!`. SIDs are 34
//! characters (two letters + 32 lowercase hex) and phone numbers are in the fictional
//! 555-01xx range. The legacy examples are quoted from the seed documents verbatim (their
//! short SIDs are the seeds' own, and the inspector flags them).
//!
//! Two examples are signed with a public **demo token** ([`DEMO_TOKEN`]) by
//! `www/examples/sign.py`: loading them from the gallery fills the token so the signature
//! panel has something to verify. It is not a real credential and is never filled in for
//! anything else.

/// The public demo auth token the signed examples were signed with (see `www/examples/sign.py`).
pub const DEMO_TOKEN: &str = "c0ffee00c0ffee00c0ffee00c0ffee00";

/// One gallery entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Example {
    /// Stable id (`#example=<id>` loads it).
    pub id: &'static str,
    /// Card title.
    pub title: &'static str,
    /// The kind the inspector should detect.
    pub kind: &'static str,
    /// The input format, as a label.
    pub format: &'static str,
    /// One line on what it shows.
    pub blurb: &'static str,
    /// The text pasted into the inspector.
    pub input: &'static str,
    /// The URL Twilio requested, when the text does not say it.
    pub url: Option<&'static str>,
    /// The demo token, for the signed examples.
    pub token: Option<&'static str>,
}

macro_rules! ex {
    ($id:literal, $title:literal, $kind:literal, $format:expr, $file:literal, $blurb:literal) => {
        Example {
            id: $id,
            title: $title,
            kind: $kind,
            format: $format,
            blurb: $blurb,
            input: include_str!(concat!("../examples/", $file)),
            url: None,
            token: None,
        }
    };
}

/// Every example, in gallery order. The first one is what the app opens on.
pub static EXAMPLES: &[Example] = &[
    Example {
        token: None,
        ..ex!(
            "sms",
            "Incoming SMS",
            "messaging-request",
            "raw HTTP",
            "sms-signed.http",
            "An inbound text as your server received it: request line, headers with X-Twilio-Signature, form body."
        )
    },
    Example {
        token: Some(DEMO_TOKEN),
        ..ex!(
            "sms-signed",
            "Incoming SMS — signed (demo token)",
            "messaging-request",
            "raw HTTP",
            "sms-signed.http",
            "The same request with the public demo auth token filled in, so the signature checks out."
        )
    },
    Example {
        token: Some(DEMO_TOKEN),
        ..ex!(
            "voice-signed-http",
            "Voice request — signature fails",
            "voice-request",
            "raw HTTP",
            "voice-signed-http.http",
            "Signed over http:// while Twilio requested https:// — what an app behind a TLS proxy rebuilds. Demo token filled in."
        )
    },
    ex!(
        "voice-request",
        "Incoming call",
        "voice-request",
        "form body",
        "voice-request.form",
        "The synchronous request Twilio makes to your Voice URL when a call comes in."
    ),
    ex!(
        "voice-request-legacy",
        "Incoming call (2008 API)",
        "voice-request-legacy",
        "URL",
        "voice-request-legacy.url",
        "The 2008-08-01 GET example from the original docs, with its too-short SIDs."
    ),
    ex!(
        "voice-status-callback",
        "Call status callback",
        "voice-status-callback",
        "form body",
        "voice-status-callback.form",
        "The asynchronous completed event: CallDuration in seconds, Duration in billed minutes."
    ),
    ex!(
        "recording-status-callback",
        "Recording status callback",
        "recording-status-callback",
        "form body",
        "recording-status-callback.form",
        "Sent when a recording is ready, with its URL and duration."
    ),
    ex!(
        "record-action",
        "<Record> action",
        "record-action",
        "form body",
        "record-action.form",
        "The action request after <Record> finishes (the caller hung up)."
    ),
    ex!(
        "messaging-request",
        "Incoming MMS with photos",
        "messaging-request",
        "form body",
        "messaging-request-mms.form",
        "Two media items: links with their content types (never fetched)."
    ),
    ex!(
        "message-status-callback",
        "Message status callback",
        "message-status-callback",
        "query string",
        "message-status-callback.query",
        "A delivered receipt sent as GET, with the carrier's done date."
    ),
    ex!(
        "whatsapp-request",
        "Incoming WhatsApp message",
        "whatsapp-request",
        "JSON",
        "whatsapp-request.json",
        "whatsapp: addresses, WaId and ProfileName, as a JSON object of parameters."
    ),
    ex!(
        "gather-action",
        "<Gather> speech result",
        "gather-action",
        "form body",
        "gather-action.form",
        "What the caller said, with the recogniser's confidence."
    ),
    ex!(
        "dial-action",
        "<Dial> action",
        "dial-action",
        "form body",
        "dial-action.form",
        "The outcome of a <Dial>: the child call's status, SID and duration."
    ),
    ex!(
        "amd-callback",
        "Answering machine detection",
        "amd-callback",
        "form body",
        "amd-callback.form",
        "The asynchronous AMD callback: who (or what) answered."
    ),
    ex!(
        "conference-callback",
        "Conference participant joined",
        "conference-callback",
        "form body",
        "conference-callback.form",
        "A conference status callback for a participant-join event."
    ),
    ex!(
        "transcription-callback",
        "Transcription callback",
        "transcription-callback",
        "form body",
        "transcription-callback.form",
        "The text of a voicemail transcription."
    ),
    ex!(
        "create-call",
        "Create a call (curl)",
        "create-call",
        "curl",
        "create-call.curl",
        "A REST request placing an outbound call, with repeated StatusCallbackEvent."
    ),
    ex!(
        "create-call-json",
        "Create a call (JSON, docs example)",
        "create-call",
        "JSON",
        "create-call-seed.json",
        "The Call resource docs' request example, which mixes documented and example-only fields."
    ),
    ex!(
        "create-call-legacy",
        "Create a call (2008 API)",
        "create-call-legacy",
        "raw HTTP",
        "create-call-legacy.http",
        "The 2008-08-01 POST from the original docs, on one line as printed there."
    ),
    ex!(
        "update-call",
        "Redirect a live call (curl)",
        "update-call",
        "curl",
        "update-call.curl",
        "Update a call in progress with new TwiML."
    ),
    ex!(
        "list-calls",
        "List calls with a date filter",
        "list-calls",
        "URL",
        "list-calls.url",
        "A REST list request: StartTime>=2009-07-06 arrives as the key \"StartTime>\"."
    ),
    ex!(
        "call-response-legacy",
        "Call response (2008 XML)",
        "call-response-legacy",
        "XML",
        "call-response-legacy.xml",
        "The <TwilioResponse><Call> document the 2008 API returned."
    ),
    ex!(
        "call-resource",
        "Call resource (JSON)",
        "call-resource",
        "JSON",
        "call-resource.json",
        "A 2010 Call resource as the REST API returns it, snake_case keys."
    ),
    ex!(
        "response-valid",
        "Call answered with a menu (accepted)",
        "voice-request",
        REQUEST_AND_RESPONSE,
        "response-valid.http",
        "An incoming call and the server's answer: a <Gather> menu whose relative action Twilio resolves against the request URL."
    ),
    ex!(
        "response-12100",
        "Call answered with a bare & (12100)",
        "voice-request",
        REQUEST_AND_RESPONSE,
        "response-12100.http",
        "The <Say> text has an unescaped ampersand: the XML does not parse, so Twilio logs 12100 and plays the application error message instead."
    ),
    ex!(
        "response-12200",
        "<Gather> inside <Say> (12200)",
        "voice-request",
        REQUEST_AND_RESPONSE,
        "response-12200.http",
        "Well-formed XML that breaks the TwiML schema twice: a misspelled attribute and a verb nested in another."
    ),
    ex!(
        "response-json",
        "SMS answered with JSON (12300)",
        "messaging-request",
        REQUEST_AND_RESPONSE,
        "response-json.http",
        "An Express res.json() reply: Content-Type application/json is not TwiML, so Twilio rejects the answer."
    ),
    ex!(
        "response-status-callback",
        "Status callback answered with TwiML",
        "voice-status-callback",
        REQUEST_AND_RESPONSE,
        "response-status-callback.http",
        "Harmless but pointless: Twilio ignores whatever a status callback's answer says. An empty 200 is enough."
    ),
];

/// The `format` label of the examples whose text is a request followed by the server's
/// answer (the gallery marks them; the report shows the answer in its Response panel).
pub const REQUEST_AND_RESPONSE: &str = "request + response";

/// The example the app opens on.
pub fn default_example() -> &'static Example {
    &EXAMPLES[0]
}

/// Looks an example up by id.
pub fn by_id(id: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.id == id)
}

/// True when `token` is the public demo token.
pub fn is_demo_token(token: &str) -> bool {
    token.trim() == DEMO_TOKEN
}

/// The demo token, when `input` is one of the signed demo examples (possibly re-indented).
pub fn demo_token_for(input: &str) -> Option<&'static str> {
    let sig = |s: &str| {
        s.lines().find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.trim()
                .eq_ignore_ascii_case("x-twilio-signature")
                .then(|| value.trim().to_string())
        })
    };
    let mine = sig(input)?;
    EXAMPLES
        .iter()
        .filter(|e| e.token.is_some())
        .find(|e| sig(e.input).as_deref() == Some(mine.as_str()))
        .and_then(|e| e.token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_texts_present() {
        for (i, e) in EXAMPLES.iter().enumerate() {
            assert!(!e.input.trim().is_empty(), "{}", e.id);
            assert!(
                EXAMPLES[i + 1..].iter().all(|o| o.id != e.id),
                "duplicate id {}",
                e.id
            );
            assert!(by_id(e.id).is_some());
        }
    }

    #[test]
    fn every_kind_the_brief_names_has_an_example() {
        for kind in [
            "voice-request",
            "voice-request-legacy",
            "voice-status-callback",
            "recording-status-callback",
            "record-action",
            "messaging-request",
            "message-status-callback",
            "whatsapp-request",
            "gather-action",
            "dial-action",
            "amd-callback",
            "conference-callback",
            "transcription-callback",
            "create-call",
            "create-call-legacy",
            "update-call",
            "list-calls",
            "call-response-legacy",
            "call-resource",
        ] {
            assert!(
                EXAMPLES.iter().any(|e| e.kind == kind),
                "no example for {kind}"
            );
        }
    }

    #[test]
    fn sids_are_34_chars_lowercase_hex_except_the_seed_quotes() {
        let seeds = [
            "voice-request-legacy",
            "create-call-legacy",
            "call-response-legacy",
            "create-call-json",
            "list-calls",
        ];
        for e in EXAMPLES.iter().filter(|e| !seeds.contains(&e.id)) {
            for prefix in ["CA", "AC", "SM", "MM", "RE", "TR", "CF", "MG", "PN", "ME"] {
                let mut rest = e.input;
                while let Some(at) = rest.find(prefix) {
                    let tail = &rest[at + 2..];
                    let hex: String = tail.chars().take_while(|c| c.is_ascii_hexdigit()).collect();
                    // Only check things that look like SIDs (followed by hex).
                    if hex.len() >= 8 {
                        assert_eq!(hex.len(), 32, "{}: {prefix}{hex}", e.id);
                        assert_eq!(hex, hex.to_ascii_lowercase(), "{}", e.id);
                    }
                    rest = &rest[at + 2..];
                }
            }
        }
    }

    #[test]
    fn signed_examples_declare_their_content_length() {
        for e in EXAMPLES
            .iter()
            .filter(|e| e.input.starts_with("POST /twilio"))
        {
            let (head, body) = e.input.split_once("\n\n").unwrap();
            let len: usize = crate::test_util::content_length(head);
            assert_eq!(len, body.trim_end().len(), "{}", e.id);
        }
    }

    #[test]
    fn response_examples_carry_an_answer_with_the_expected_verdict() {
        use twilio_webhook_inspector::{inspect, Options};
        // (id, verdict, predicted Twilio codes in order, request kind the answer is read for)
        let expected: [(&str, &str, &[u32], &str); 5] = [
            (
                "response-valid",
                "Twilio would accept this.",
                &[],
                "voice-request",
            ),
            (
                "response-12100",
                "Twilio would reject this: 12100 at line 3, column 62.",
                &[12100],
                "voice-request",
            ),
            (
                "response-12200",
                "Twilio would reject this: 12200 at line 3, column 22.",
                &[12200],
                "voice-request",
            ),
            (
                "response-json",
                "Twilio would reject this: 12300.",
                &[12300, 12200],
                "messaging-request",
            ),
            (
                "response-status-callback",
                "Twilio would accept this.",
                &[],
                "voice-status-callback",
            ),
        ];
        for e in EXAMPLES {
            let report = inspect(e.input, &Options::default());
            assert_eq!(report.kind.id.id(), e.kind, "{}", e.id);
            assert_eq!(
                report.response.is_some(),
                e.format == REQUEST_AND_RESPONSE,
                "{}: an answer exactly in the request + response examples",
                e.id
            );
            let Some(r) = report.response else { continue };
            let (_, verdict, codes, kind) = expected
                .iter()
                .find(|x| x.0 == e.id)
                .unwrap_or_else(|| panic!("{}: no expected verdict", e.id));
            assert_eq!(r.verdict, *verdict, "{}", e.id);
            assert_eq!(r.accepted, codes.is_empty(), "{}", e.id);
            let got: Vec<u32> = r.errors.iter().map(|x| x.code).collect();
            assert_eq!(got, *codes, "{}", e.id);
            assert_eq!(r.request_kind.as_deref(), Some(*kind), "{}", e.id);
        }
        assert_eq!(
            EXAMPLES
                .iter()
                .filter(|e| e.format == REQUEST_AND_RESPONSE)
                .count(),
            expected.len()
        );
    }

    #[test]
    fn http_examples_declare_their_content_lengths() {
        // Request and response alike: each Content-Length is its body's length.
        for e in EXAMPLES.iter().filter(|e| e.format == REQUEST_AND_RESPONSE) {
            let at = e.input.find("\nHTTP/1.1 ").expect("a status line") + 1;
            for part in [&e.input[..at], &e.input[at..]] {
                let (head, body) = part.split_once("\n\n").unwrap();
                let len: usize = crate::test_util::content_length(head);
                let body = if part.starts_with("HTTP/") {
                    body
                } else {
                    body.trim_end()
                };
                assert_eq!(len, body.len(), "{}", e.id);
            }
        }
    }

    #[test]
    fn demo_token_recognised_only_for_signed_examples() {
        assert_eq!(
            demo_token_for(by_id("sms").unwrap().input),
            Some(DEMO_TOKEN)
        );
        assert_eq!(demo_token_for(by_id("voice-request").unwrap().input), None);
        assert_eq!(demo_token_for("X-Twilio-Signature: nope"), None);
        assert!(is_demo_token(DEMO_TOKEN));
    }
}
