//! Getting data out: the report (or a timeline) as JSON and the request as a curl command.
//! Pure functions.
//!
//! The curl command replays the request as captured (method, URL, Twilio headers, exact
//! body bytes). It never carries an auth token or credentials: the core drops curl `-u`
//! passwords and redacts `Authorization`, and this builder skips that header altogether.

use twilio_webhook_inspector::{InputFormat, ParamSource, Report, Timeline};

/// Used when the URL Twilio requested is unknown.
pub const PLACEHOLDER_ORIGIN: &str = "http://localhost:3000";

/// Headers not worth replaying (curl computes them) or never to be copied.
const SKIP_HEADERS: &[&str] = &[
    "host",
    "content-length",
    "authorization",
    "cookie",
    "connection",
    "accept-encoding",
    "transfer-encoding",
];

/// The report as pretty JSON (the same shape as the CLI's `--json`).
pub fn report_json(report: &Report) -> String {
    serde_json::to_string_pretty(report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// A timeline as pretty JSON (the same shape as the CLI's `timeline --json`).
pub fn timeline_json(timeline: &Timeline) -> String {
    serde_json::to_string_pretty(timeline).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// Single-quotes `s` for a POSIX shell.
pub fn shell_quote(s: &str) -> String {
    if !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./:=@%+,".contains(&b))
    {
        return s.to_string();
    }
    format!("'{}'", s.replace('\'', r"'\''"))
}

fn query_of(report: &Report) -> String {
    report
        .fields
        .iter()
        .filter(|f| f.source == ParamSource::Query)
        .map(|f| format!("{}={}", f.raw_name, f.raw_value))
        .collect::<Vec<_>>()
        .join("&")
}

fn form_body_of(report: &Report) -> String {
    report
        .fields
        .iter()
        .filter(|f| f.source == ParamSource::Body)
        .map(|f| format!("{}={}", f.raw_name, f.raw_value))
        .collect::<Vec<_>>()
        .join("&")
}

/// A curl command that replays the request. `input` is the pasted text; `url`/`signature`
/// are the user's overrides (already in the report when set).
pub fn curl(report: &Report, input: &str) -> String {
    let req = &report.request;
    // URL: known absolute URL, or a path on the placeholder origin.
    let mut url = match req.url.as_deref() {
        Some(u) if u.starts_with("http://") || u.starts_with("https://") => u.to_string(),
        Some(u) if u.starts_with('/') => format!("{PLACEHOLDER_ORIGIN}{u}"),
        _ => match req.path.as_deref() {
            Some(p) if p.starts_with('/') => format!("{PLACEHOLDER_ORIGIN}{p}"),
            _ => format!("{PLACEHOLDER_ORIGIN}/twilio-webhook"),
        },
    };

    // Body: as captured; else rebuilt from the pasted form/JSON/XML.
    let (body, content_type) = match (&req.body, report.format) {
        (Some(b), InputFormat::Json) => (
            Some(b.clone()),
            req.content_type
                .clone()
                .or_else(|| Some("application/json".to_string())),
        ),
        (Some(b), _) => (Some(b.clone()), req.content_type.clone()),
        (None, InputFormat::Form) => (Some(input.trim().to_string()), None),
        (None, InputFormat::Json) => (
            Some(input.trim().to_string()),
            Some("application/json".to_string()),
        ),
        (None, InputFormat::Xml) => (
            Some(input.trim().to_string()),
            Some("application/xml".to_string()),
        ),
        (None, InputFormat::Curl) => {
            let b = form_body_of(report);
            ((!b.is_empty()).then_some(b), None)
        }
        _ => (None, None),
    };

    // A bare query string has nowhere else to go but the URL.
    if report.format == InputFormat::Query && !url.contains('?') {
        let q = query_of(report);
        if !q.is_empty() {
            url.push('?');
            url.push_str(&q);
        }
    }

    let method = req.method.clone().unwrap_or_else(|| {
        if body.is_some() {
            "POST".into()
        } else {
            "GET".into()
        }
    });

    let mut lines = vec![format!(
        "curl -X {} {}",
        shell_quote(&method),
        shell_quote(&url)
    )];
    let mut has_ct = false;
    let mut has_sig = false;
    for h in &req.headers {
        let name = h.name.trim();
        if SKIP_HEADERS.contains(&name.to_ascii_lowercase().as_str()) {
            continue;
        }
        has_ct |= name.eq_ignore_ascii_case("content-type");
        has_sig |= name.eq_ignore_ascii_case("x-twilio-signature");
        lines.push(format!(
            "-H {}",
            shell_quote(&format!("{}: {}", name, h.value))
        ));
    }
    if !has_sig {
        if let Some(sig) = &req.signature {
            lines.push(format!(
                "-H {}",
                shell_quote(&format!("X-Twilio-Signature: {sig}"))
            ));
        }
    }
    if let Some(body) = body {
        if !has_ct {
            let ct = content_type.unwrap_or_else(|| "application/x-www-form-urlencoded".into());
            lines.push(format!(
                "-H {}",
                shell_quote(&format!("Content-Type: {ct}"))
            ));
        }
        lines.push(format!("--data-raw {}", shell_quote(&body)));
    }
    lines.join(" \\\n  ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use twilio_webhook_inspector::{Header, RequestInfo};

    fn base() -> Report {
        twilio_webhook_inspector::inspect("", &Default::default())
    }

    #[test]
    fn timeline_json_is_the_cores_timeline_without_tokens() {
        let m = crate::many::tests::sample();
        let json: serde_json::Value = serde_json::from_str(&timeline_json(&m.timeline)).unwrap();
        assert_eq!(json["captures"], 14);
        assert_eq!(json["format"], "log");
        assert_eq!(json["groups"].as_array().unwrap().len(), 5);
        assert_eq!(json, serde_json::to_value(&m.timeline).unwrap());
        // A capture that carries a token (JSON Lines `authToken`) is checked with it; the
        // token is not part of the timeline.
        let secret = "f00dfeedf00dfeedf00dfeedf00dfeed";
        let line = |s: &str| {
            format!("{{\"input\":\"CallSid=CA0123456789abcdef0123456789abcdef&CallStatus={s}\",\"authToken\":\"{secret}\"}}\n")
        };
        let text = line("ringing") + &line("completed");
        let m = crate::many::read(&text, &Default::default()).unwrap();
        assert_eq!(m.captures[0].options.auth_tokens, [secret]);
        let out = timeline_json(&m.timeline);
        assert!(out.contains("CA0123456789abcdef0123456789abcdef"));
        assert!(!out.contains(secret));
    }

    #[test]
    fn quoting() {
        assert_eq!(shell_quote("abc"), "abc");
        assert_eq!(shell_quote("a b"), "'a b'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(shell_quote(""), "''");
        assert_eq!(shell_quote("$(rm -rf ~)"), "'$(rm -rf ~)'");
    }

    #[test]
    fn http_request_replays_headers_but_never_credentials() {
        let mut r = base();
        r.format = InputFormat::Http;
        r.request = RequestInfo {
            method: Some("POST".into()),
            url: Some("https://hooks.example.com/twilio/sms".into()),
            headers: vec![
                Header {
                    name: "Host".into(),
                    value: "hooks.example.com".into(),
                },
                Header {
                    name: "Content-Type".into(),
                    value: "application/x-www-form-urlencoded".into(),
                },
                Header {
                    name: "X-Twilio-Signature".into(),
                    value: "abc=".into(),
                },
                Header {
                    name: "Authorization".into(),
                    value: "Basic [redacted]".into(),
                },
                Header {
                    name: "Content-Length".into(),
                    value: "7".into(),
                },
            ],
            body: Some("Body=hi".into()),
            signature: Some("abc=".into()),
            ..Default::default()
        };
        let c = curl(&r, "ignored");
        assert!(
            c.starts_with("curl -X POST https://hooks.example.com/twilio/sms"),
            "{c}"
        );
        assert!(c.contains("-H 'X-Twilio-Signature: abc='"), "{c}");
        assert!(c.contains("--data-raw Body=hi"), "{c}");
        assert!(
            !c.contains("Authorization") && !c.contains("Host:") && !c.contains("Content-Length"),
            "{c}"
        );
        assert_eq!(c.matches("X-Twilio-Signature").count(), 1);
    }

    #[test]
    fn bare_form_gets_placeholder_url_and_content_type() {
        let mut r = base();
        r.format = InputFormat::Form;
        let c = curl(&r, "From=%2B14155550100\n");
        assert!(c.contains(PLACEHOLDER_ORIGIN), "{c}");
        assert!(c.contains("-X POST"), "{c}");
        assert!(
            c.contains("Content-Type: application/x-www-form-urlencoded"),
            "{c}"
        );
        assert!(c.contains("--data-raw From=%2B14155550100"), "{c}");
    }

    #[test]
    fn json_report_is_valid_json() {
        let v: serde_json::Value = serde_json::from_str(&report_json(&base())).unwrap();
        assert!(v.get("kind").is_some());
    }
}
