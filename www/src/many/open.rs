//! One capture of a timeline as the inspector's inputs: what a mark opens, and what
//! "Compare" puts on each side.
//!
//! The inspector's inputs are a text, a URL and a signature; a capture may know more: the
//! method Twilio used, the body's Content-Type, other headers (a JSON Lines object's
//! `method`/`headers`, a Call Events or Debugger record's request). Those change the verdict
//! (what the signature covers, the kind), so when a capture has any of them its body is
//! opened as the raw HTTP request they describe, which the inspector reads whole. A capture
//! whose text already is a whole request (raw HTTP, a HAR entry, curl), or that knows
//! nothing beyond a form body posted as usual, opens as its text.

use twilio_webhook_inspector::timeline::{Capture, ManyFormat};
use twilio_webhook_inspector::{detect, InputFormat};

use crate::share::Shared;

/// Headers the inspector's own fields already carry.
const CARRIED: [&str; 2] = ["X-Twilio-Signature", "Content-Type"];

/// The share payload of a capture: its request (see [`request_text`]), URL and signature
/// (never a token).
pub fn shared_of(c: &Capture) -> Shared {
    let o = c.inspect_options();
    Shared {
        input: request_text(c).unwrap_or_else(|| c.input.clone()),
        format: None,
        kind: None,
        url: o.url.filter(|u| !u.trim().is_empty()),
        signature: o.signature.filter(|s| !s.trim().is_empty()),
        picked: Vec::new(),
    }
}

/// The capture as one raw HTTP request, when it knows a method, Content-Type or headers
/// that its text does not say: request line (the URL in absolute form when known, so the
/// scheme and port stay exact), the capture's headers, then its body. `None` when the text
/// says it all: a whole request already, or a form body POSTed as form data with no other
/// header than the signature.
pub fn request_text(c: &Capture) -> Option<String> {
    let o = c.inspect_options();
    let format = detect(&c.input);
    let body = match format {
        InputFormat::Form | InputFormat::Json | InputFormat::Xml => c.input.as_str(),
        // A URL's parameters travel in its query; it has no body.
        InputFormat::Url => "",
        _ => return None,
    };
    let method = o
        .method
        .as_deref()
        .map(str::trim)
        .filter(|m| !m.is_empty())
        .map(str::to_ascii_uppercase);
    let content_type = o
        .content_type
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty());
    let form = |t: &str| t.to_ascii_lowercase().contains("x-www-form-urlencoded");
    let other_headers = c.headers.iter().any(|h| {
        !CARRIED.iter().any(|n| h.name.eq_ignore_ascii_case(n))
            && !h
                .name
                .eq_ignore_ascii_case("X-Twilio-Webhooks-Signature-Settings")
    });
    let says_more = match format {
        InputFormat::Url => method.as_deref().is_some_and(|m| m != "GET"),
        _ => method.as_deref().is_some_and(|m| m != "POST"),
    } || content_type.is_some_and(|t| format != InputFormat::Form || !form(t))
        || o.signature_settings.is_some()
        || other_headers;
    if !says_more {
        return None;
    }
    // The URL itself stays in the inspector's URL field, which is what it checks: the
    // request line has its path, the Host header its authority (a query in the request line
    // would be read as fields, which the capture's URL is not).
    let url = o.url.as_deref().map(str::trim).filter(|u| !u.is_empty());
    let (target, host) = match (format, url) {
        (InputFormat::Url, _) => (c.input.trim().to_string(), None),
        (_, Some(u)) => path_and_host(u),
        (_, None) => ("/".to_string(), None),
    };
    let default_method = if format == InputFormat::Url {
        "GET"
    } else {
        "POST"
    };
    let mut out = format!(
        "{} {target} HTTP/1.1\n",
        method.as_deref().unwrap_or(default_method)
    );
    let mut header = |name: &str, value: &str| {
        out.push_str(name);
        out.push_str(": ");
        out.push_str(value);
        out.push('\n');
    };
    let has_host = c
        .headers
        .iter()
        .any(|h| h.name.eq_ignore_ascii_case("Host"));
    if let Some(h) = host.filter(|_| !has_host) {
        header("Host", h);
    }
    // The capture's headers as given, with the options' values in place of theirs.
    for h in &c.headers {
        if CARRIED.iter().any(|n| h.name.eq_ignore_ascii_case(n))
            || h.name
                .eq_ignore_ascii_case("X-Twilio-Webhooks-Signature-Settings")
        {
            continue;
        }
        header(&h.name, &h.value);
    }
    if let Some(t) = content_type {
        header("Content-Type", t);
    }
    if let Some(s) = o.signature.as_deref().filter(|s| !s.trim().is_empty()) {
        header("X-Twilio-Signature", s);
    }
    if let Some(s) = o.signature_settings.as_deref() {
        header("X-Twilio-Webhooks-Signature-Settings", s);
    }
    out.push('\n');
    out.push_str(body);
    Some(out)
}

/// The path of an absolute URL (`/` when it has none; no query, no fragment) and its
/// authority; a relative URL is its own path.
fn path_and_host(url: &str) -> (String, Option<&str>) {
    let cut = |s: &str| s.split(['?', '#']).next().unwrap_or_default().to_string();
    match url.split_once("://") {
        Some((_, rest)) => {
            let (host, path) = match rest.find(['/', '?', '#']) {
                Some(i) => (&rest[..i], cut(&rest[i..])),
                None => (rest, String::new()),
            };
            let path = if path.starts_with('/') {
                path
            } else {
                format!("/{path}")
            };
            (path, Some(host).filter(|h| !h.is_empty()))
        }
        None if url.starts_with('/') => (cut(url), None),
        None => ("/".to_string(), None),
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
    use twilio_webhook_inspector::{inspect, sign, Options, Report};

    const TOKEN: &str = "12345";

    #[test]
    fn a_capture_opens_with_its_url_and_signature() {
        let text = r#"{"input":"CallSid=CA0123456789abcdef0123456789abcdef&CallStatus=ringing","url":"https://example.com/v","headers":{"X-Twilio-Signature":"abc="}}
{"input":"CallSid=CA0123456789abcdef0123456789abcdef&CallStatus=completed"}"#;
        let m = read(text, &Options::default()).unwrap();
        let s = shared_of(&m.captures[0]);
        assert_eq!(s.url.as_deref(), Some("https://example.com/v"));
        assert_eq!(s.signature.as_deref(), Some("abc="));
        assert_eq!(
            s.input, m.captures[0].input,
            "nothing more to say: the body"
        );
        assert_eq!(capture_name(&m.captures[1], 1), "line 2");
    }

    /// What the inspector says about a capture: kind, API version, signature status and
    /// finding codes (of the request and of every field).
    fn verdict(r: &Report) -> (String, String, String, Vec<String>) {
        let mut codes: Vec<String> = r
            .findings
            .iter()
            .chain(r.fields.iter().flat_map(|f| f.findings.iter()))
            .map(|f| f.code.id().to_string())
            .collect();
        codes.sort();
        (
            r.kind.id.to_string(),
            format!("{:?}", r.api_version),
            r.signature.status.id().to_string(),
            codes,
        )
    }

    /// The timeline's report of each capture, and the inspector's of the same capture opened
    /// (with the same token typed in the inspector).
    fn both(text: &str) -> Vec<(Report, Report, Shared)> {
        let m = read(text, &Options::default()).expect("many captures");
        m.captures
            .iter()
            .map(|c| {
                let mut o = c.inspect_options();
                o.auth_tokens = vec![TOKEN.into()];
                let timeline = inspect(&c.input, &o);
                let s = shared_of(c);
                let opened = inspect(
                    &s.input,
                    &Options {
                        url: s.url.clone(),
                        signature: s.signature.clone(),
                        auth_tokens: vec![TOKEN.into()],
                        ..Options::default()
                    },
                );
                (timeline, opened, s)
            })
            .collect()
    }

    /// A signature over `body` at `url` with `method` and `content_type`, by the core.
    fn signed(body: &str, url: &str, method: &str, content_type: Option<&str>) -> String {
        let o = Options {
            url: Some(url.into()),
            method: Some(method.into()),
            content_type: content_type.map(str::to_string),
            auth_tokens: vec![TOKEN.into()],
            ..Options::default()
        };
        sign(body, &o).expect("signable").signature
    }

    const CALL: &str = "AccountSid=AC0123456789abcdef0123456789abcdef&ApiVersion=2010-04-01&CallSid=CA0123456789abcdef0123456789abcdef&CallStatus=ringing&Direction=inbound&From=%2B14155550100&To=%2B14155550199";

    #[test]
    fn an_opened_capture_keeps_its_method_and_gets_the_timelines_verdict() {
        // A GET webhook: the signature covers the URL only. Opened as its bare body (as
        // POST), it would fail; opened as the GET request it was, it passes as in the timeline.
        let url = format!("https://example.com/voice?{CALL}");
        let sig = signed("", &url, "GET", None);
        let first = serde_json::json!({
            "input": CALL, "method": "get", "url": url, "receivedAt": "2025-01-01T00:00:00Z",
            "headers": {"X-Twilio-Signature": sig, "I-Twilio-Idempotency-Token": "abc"},
        });
        let second = serde_json::json!({ "input": CALL.replace("ringing", "completed") });
        let text = format!("{first}\n{second}\n");
        let all = both(&text);
        let (timeline, opened, s) = &all[0];
        assert_eq!(timeline.signature.status.id(), "valid");
        assert_eq!(verdict(opened), verdict(timeline), "{}", s.input);
        assert!(
            s.input
                .starts_with("GET /voice HTTP/1.1\nHost: example.com\n"),
            "{}",
            s.input
        );
        assert!(s.input.contains("\nI-Twilio-Idempotency-Token: abc\n"));
        assert_eq!(opened.request.method.as_deref(), Some("GET"));
        // The bare body would not have been the same verdict.
        let bare = inspect(
            CALL,
            &Options {
                url: s.url.clone(),
                signature: s.signature.clone(),
                auth_tokens: vec![TOKEN.into()],
                ..Options::default()
            },
        );
        assert_ne!(bare.signature.status.id(), "valid");
        // The second capture says nothing more than its body.
        assert_eq!(all[1].2.input, CALL.replace("ringing", "completed"));
        assert_eq!(verdict(&all[1].1), verdict(&all[1].0));
    }

    #[test]
    fn a_json_body_keeps_its_content_type() {
        let body = r#"{"MessageSid":"SM0123456789abcdef0123456789abcdef","MessageStatus":"sent","AccountSid":"AC0123456789abcdef0123456789abcdef"}"#;
        let url = "https://example.com/status";
        // Signed as the raw request Twilio sends (URL with `bodySHA256`).
        let signed_url = {
            let raw =
                format!("POST /status HTTP/1.1\r\nContent-Type: application/json\r\n\r\n{body}");
            let o = Options {
                url: Some(url.into()),
                auth_tokens: vec![TOKEN.into()],
                ..Options::default()
            };
            sign(&raw, &o).expect("signable")
        };
        let line = |b: &str| {
            serde_json::json!({
                "input": b,
                "url": signed_url.url,
                "contentType": "application/json; charset=utf-8",
                "headers": {"X-Twilio-Signature": signed_url.signature},
            })
            .to_string()
        };
        let text = format!(
            "{}\n{}\n",
            line(body),
            line(&body.replace("sent", "delivered"))
        );
        for (timeline, opened, s) in both(&text) {
            assert!(
                s.input
                    .contains("\nContent-Type: application/json; charset=utf-8\n"),
                "{}",
                s.input
            );
            assert!(s
                .input
                .ends_with(&timeline.request.body.clone().unwrap_or_default()));
            assert_eq!(verdict(&opened), verdict(&timeline), "{}", s.input);
        }
        assert_eq!(both(&text)[0].0.signature.status.id(), "valid");
    }

    #[test]
    fn call_events_and_debugger_records_open_with_their_request() {
        // The Call Events resource: each event's request with its URL and method.
        let url = "https://example.com/status";
        let sig_note = "the records carry no signature";
        let events = serde_json::json!({"events": [
            {"request": {"method": "GET", "url": url, "parameters": {"call_sid": "CA0123456789abcdef0123456789abcdef", "call_status": "ringing", "account_sid": "AC0123456789abcdef0123456789abcdef"}},
             "response": {"date_created": "Tue, 03 Jun 2025 10:00:01 +0000"}},
            {"request": {"method": "POST", "url": url, "parameters": {"call_sid": "CA0123456789abcdef0123456789abcdef", "call_status": "completed", "account_sid": "AC0123456789abcdef0123456789abcdef"}},
             "response": {"date_created": "Tue, 03 Jun 2025 10:00:09 +0000"}}
        ]})
        .to_string();
        let all = both(&events);
        assert_eq!(all.len(), 2);
        assert!(all[0].2.input.starts_with("GET /status HTTP/1.1\n"));
        assert!(
            !all[1].2.input.contains("HTTP/1.1"),
            "a POSTed form: its body"
        );
        for (timeline, opened, s) in &all {
            assert_eq!(
                verdict(opened),
                verdict(timeline),
                "{sig_note}: {}",
                s.input
            );
        }
        // Debugger events (one JSON object per line): the failing webhook's request.
        let debugger = |status: &str, time: &str| {
            serde_json::json!({
                "Sid": "NO0123456789abcdef0123456789abcdef", "Level": "Error", "Timestamp": time,
                "AccountSid": "AC0123456789abcdef0123456789abcdef",
                "Payload": {"error_code": "11200", "resource_sid": "SM0123456789abcdef0123456789abcdef",
                    "webhook": {"request": {"url": "https://example.com/sms/status", "method": "GET",
                        "parameters": {"MessageSid": "SM0123456789abcdef0123456789abcdef", "MessageStatus": status,
                            "AccountSid": "AC0123456789abcdef0123456789abcdef", "ApiVersion": "2010-04-01"}}}}
            })
            .to_string()
        };
        let text = format!(
            "{}\n{}\n",
            debugger("sent", "2024-06-07T12:00:01Z"),
            debugger("delivered", "2024-06-07T12:00:03Z")
        );
        let all = both(&text);
        assert_eq!(all.len(), 2);
        for (timeline, opened, s) in &all {
            assert!(
                s.input.starts_with("GET /sms/status HTTP/1.1\n"),
                "{}",
                s.input
            );
            assert_eq!(opened.request.method.as_deref(), Some("GET"));
            assert_eq!(verdict(opened), verdict(timeline), "{}", s.input);
        }
    }

    #[test]
    fn whole_requests_open_as_they_are() {
        let http = "POST /a HTTP/1.1\nHost: example.com\nContent-Type: application/x-www-form-urlencoded\n\nCallSid=CA0123456789abcdef0123456789abcdef&CallStatus=ringing\n\
                    POST /a HTTP/1.1\nHost: example.com\n\nCallSid=CA0123456789abcdef0123456789abcdef&CallStatus=completed\n";
        for (timeline, opened, s) in both(http) {
            assert!(s.input.starts_with("POST /a HTTP/1.1"));
            assert_eq!(verdict(&opened), verdict(&timeline));
        }
        // Log lines say POST: a form body POSTed is what the bare body means.
        for (timeline, opened, s) in both(crate::many::tests::SAMPLE) {
            assert!(!s.input.contains("HTTP/1.1"), "{}", s.input);
            assert_eq!(verdict(&opened), verdict(&timeline), "{}", s.input);
        }
    }

    #[test]
    fn paths_and_hosts() {
        assert_eq!(
            path_and_host("https://example.com:8443/a/b?x=1#ct=5"),
            ("/a/b".to_string(), Some("example.com:8443"))
        );
        assert_eq!(
            path_and_host("https://example.com"),
            ("/".to_string(), Some("example.com"))
        );
        assert_eq!(
            path_and_host("https://example.com?x=1"),
            ("/".to_string(), Some("example.com"))
        );
        assert_eq!(path_and_host("/hook?x=1"), ("/hook".to_string(), None));
        assert_eq!(path_and_host("hook"), ("/".to_string(), None));
        assert_eq!(path_and_host("https:///x"), ("/x".to_string(), None));
    }

    #[test]
    fn a_url_capture_with_another_method() {
        let c = Capture {
            options: Options {
                method: Some("POST".into()),
                ..Options::default()
            },
            ..Capture::new("https://example.com/sms?MessageSid=SM0123456789abcdef0123456789abcdef&MessageStatus=sent")
        };
        let t = request_text(&c).unwrap();
        assert!(
            t.starts_with("POST https://example.com/sms?MessageSid="),
            "{t}"
        );
        assert!(t.ends_with("\n\n"));
        let get = Capture {
            options: Options {
                method: Some("GET".into()),
                ..Options::default()
            },
            ..c.clone()
        };
        assert_eq!(request_text(&get), None, "a URL is a GET already");
    }
}
