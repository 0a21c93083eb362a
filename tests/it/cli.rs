//! The command line: exit codes, JSON and batch output. Cases are a table of
//! (arguments, standard input, expected exit code, text the output must contain).

use std::io::Write;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_twilio-webhook-inspector");

const SMS: &str = "MessageSid=SM1a2b3c4d5e6f708192a3b4c5d6e7f809&AccountSid=AC0123456789abcdef0123456789abcdef&From=%2B14155550100&To=%2B14155550199&Body=hi&NumMedia=0&ApiVersion=2010-04-01";

/// The auth token the signed cases are signed with.
const TOKEN: &str = "f00dfeedf00dfeedf00dfeedf00dfeed";
/// [`SMS`] POSTed to https://example.com/sms, signed with [`TOKEN`] (HMAC-SHA1).
const SMS_SIG: &str = "jprDrqaI/rMdCnndRp89m3feEhk=";
/// The same, HMAC-SHA256 (a SharedKey secret equal to [`TOKEN`]).
const SHA256_SIG: &str = "42U53VY0bPLuorUZgxIN4HNt9+iy+wNr2kmyxUEL2gE=";
/// https://example.com/sms?tenant=7 alone (a GET), signed with [`TOKEN`].
const GET_SIG: &str = "k8syMZd8/5y693dpNjawU4zypVY=";
/// A URL carrying the bodySHA256 of `A=1`…
const BODY_SHA_URL: &str =
    "https://example.com/sms?bodySHA256=f1d316d330440dea46d96ad43f6562ff9411c1b84700794dcd584f18146a18f6";
/// …signed as a form: that URL followed by `A1`.
const FORM_WITH_BODY_SHA_SIG: &str = "bftE8sOEGteeulRYd0a1yZkX4fM=";

struct Case {
    name: &'static str,
    args: &'static [&'static str],
    stdin: &'static str,
    env: &'static [(&'static str, &'static str)],
    exit: i32,
    stdout_has: &'static [&'static str],
    stdout_lacks: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case { name: "table", args: &["inspect", "--color", "never"], stdin: SMS, env: &[], exit: 0, stdout_has: &["messaging-request", "MessageSid"], stdout_lacks: &["\x1b["] },
    Case { name: "json", args: &["inspect", "--json", "-"], stdin: SMS, env: &[], exit: 0, stdout_has: &["\"kind\"", "\"id\": \"messaging-request\"", "\"rawValue\": \"%2B14155550100\""], stdout_lacks: &[] },
    Case { name: "redacted-values-labeled-in-the-table", args: &["inspect"], stdin: "MessageSid=SMXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX&AccountSid={{AccountSid}}&MessageStatus=delivered&From=%2B1555XXXXXXX&To=%2B14155550199", env: &[], exit: 0, stdout_has: &["redacted — not checked", "template placeholder — not checked", "message-status-callback"], stdout_lacks: &["invalid-sid", "invalid-phone-number", "Unknown"] },
    Case { name: "redacted-values-labeled-in-json", args: &["inspect", "--json"], stdin: "CallSid=[redacted]&AccountSid=ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX&From=%2B14155550100&To=%2B14155550199&CallStatus=ringing&Direction=inbound&ApiVersion=2010-04-01", env: &[], exit: 0, stdout_has: &["\"placeholder\": \"redacted\"", "redacted-value"], stdout_lacks: &["invalid-sid"] },
    Case { name: "errors-exit-1", args: &["inspect", "--json"], stdin: "CallSid=CA5a1f0c2e9b7d4a6c8e0f1a2b3c4d5e6&AccountSid=AC0123456789abcdef0123456789abcdef&From=%2B14155550100&To=%2B14155550199&CallStatus=ringing&ApiVersion=2010-04-01&Direction=inbound", env: &[], exit: 1, stdout_has: &["invalid-sid"], stdout_lacks: &[] },
    Case { name: "missing-file-exit-2", args: &["inspect", "/nonexistent/capture.txt"], stdin: "", env: &[], exit: 2, stdout_has: &[], stdout_lacks: &[] },
    Case { name: "bad-format-exit-2", args: &["inspect", "--format", "yaml"], stdin: SMS, env: &[], exit: 2, stdout_has: &[], stdout_lacks: &[] },
    Case { name: "forced-format", args: &["inspect", "--json", "--format", "query"], stdin: SMS, env: &[], exit: 0, stdout_has: &["\"format\": \"query\"", "format-overridden"], stdout_lacks: &[] },
    Case {
        name: "batch",
        args: &["inspect", "--batch"],
        stdin: "{\"input\": \"MessageSid=SM1a2b3c4d5e6f708192a3b4c5d6e7f809&AccountSid=AC0123456789abcdef0123456789abcdef&From=%2B14155550100&To=%2B14155550199&Body=hi&NumMedia=0\"}\nnot json\n{\"input\": \"x=1\", \"url\": \"https://example.com/x\", \"auth_token\": \"5ec12e7c0ffee5ec12e7c0ffee5ec12e\"}\n",
        env: &[],
        exit: 1,
        stdout_has: &["{\"line\":1,\"report\":", "{\"error\":\"line 2 is not a JSON object", "\"line\":3"],
        stdout_lacks: &["5ec12e7c0ffee5ec12e7c0ffee5ec12e"],
    },
    // The token from the environment is really used (the request is signed with it) and never printed.
    Case { name: "token-from-env-verifies-never-printed", args: &["inspect", "--color", "never", "--url", "https://example.com/sms", "--signature", SMS_SIG], stdin: SMS, env: &[("TWILIO_AUTH_TOKEN", TOKEN)], exit: 0, stdout_has: &["Signature: valid", "matched: token #1"], stdout_lacks: &[TOKEN] },
    Case { name: "token-from-env-wrong-url", args: &["inspect", "--color", "never", "--url", "https://example.com/other", "--signature", SMS_SIG], stdin: SMS, env: &[("TWILIO_AUTH_TOKEN", TOKEN)], exit: 1, stdout_has: &["Signature: invalid"], stdout_lacks: &[TOKEN] },
    // --url, --signature and a repeated --auth-token: the second token matches.
    Case { name: "repeated-auth-token", args: &["inspect", "--color", "never", "--url", "https://example.com/sms", "--signature", SMS_SIG, "--auth-token", "0000000000000000000000000000000f", "--auth-token", TOKEN], stdin: SMS, env: &[], exit: 0, stdout_has: &["Signature: valid", "matched: token #2"], stdout_lacks: &[TOKEN] },
    Case { name: "flags-override-env", args: &["inspect", "--color", "never", "--url", "https://example.com/sms", "--signature", SMS_SIG, "--auth-token", "0000000000000000000000000000000f"], stdin: SMS, env: &[("TWILIO_AUTH_TOKEN", TOKEN)], exit: 1, stdout_has: &["Signature: invalid"], stdout_lacks: &[TOKEN] },
    // Comma-separated tokens are several tokens too.
    Case { name: "comma-separated-auth-tokens", args: &["inspect", "--color", "never", "--url", "https://example.com/sms", "--signature", SMS_SIG, "--auth-token", "0000000000000000000000000000000f,f00dfeedf00dfeedf00dfeedf00dfeed"], stdin: SMS, env: &[], exit: 0, stdout_has: &["Signature: valid", "matched: token #2"], stdout_lacks: &[TOKEN] },
    // One --auth-token argument for every subcommand that verifies or signs: each one's help
    // names it with its environment variable and never shows the variable's value.
    Case { name: "auth-token-help-inspect", args: &["inspect", "--help"], stdin: "", env: &[("TWILIO_AUTH_TOKEN", TOKEN)], exit: 0, stdout_has: &["--auth-token <AUTH_TOKENS>", "[env: TWILIO_AUTH_TOKEN]", "Never printed"], stdout_lacks: &[TOKEN] },
    Case { name: "auth-token-help-sign", args: &["sign", "--help"], stdin: "", env: &[("TWILIO_AUTH_TOKEN", TOKEN)], exit: 0, stdout_has: &["--auth-token <AUTH_TOKENS>", "[env: TWILIO_AUTH_TOKEN]", "Never printed"], stdout_lacks: &[TOKEN] },
    Case { name: "auth-token-help-listen", args: &["listen", "--help"], stdin: "", env: &[("TWILIO_AUTH_TOKEN", TOKEN)], exit: 0, stdout_has: &["--auth-token <AUTH_TOKENS>", "[env: TWILIO_AUTH_TOKEN]", "Never printed"], stdout_lacks: &[TOKEN] },
    Case { name: "auth-token-help-replay", args: &["replay", "--help"], stdin: "", env: &[("TWILIO_AUTH_TOKEN", TOKEN)], exit: 0, stdout_has: &["--auth-token <AUTH_TOKENS>", "[env: TWILIO_AUTH_TOKEN]", "Never printed"], stdout_lacks: &[TOKEN] },
    Case { name: "auth-token-help-diff", args: &["diff", "--help"], stdin: "", env: &[("TWILIO_AUTH_TOKEN", TOKEN)], exit: 0, stdout_has: &["--auth-token <AUTH_TOKENS>", "[env: TWILIO_AUTH_TOKEN]", "Never printed"], stdout_lacks: &[TOKEN] },
    // --method GET: the URL alone is signed, the pasted body is not.
    Case { name: "method-get-signs-the-url", args: &["inspect", "--json", "--format", "form", "--method", "GET", "--url", "https://example.com/sms?tenant=7", "--signature", GET_SIG, "--auth-token", TOKEN], stdin: "A=1", env: &[], exit: 0, stdout_has: &["\"status\": \"valid\"", "\"mode\": \"url-only\""], stdout_lacks: &[TOKEN] },
    Case { name: "method-post-signs-the-body", args: &["inspect", "--json", "--format", "form", "--method", "POST", "--url", "https://example.com/sms?tenant=7", "--signature", GET_SIG, "--auth-token", TOKEN], stdin: "A=1", env: &[], exit: 1, stdout_has: &["\"status\": \"invalid\"", "\"mode\": \"form-params\""], stdout_lacks: &[TOKEN] },
    // --content-type: a form body whose URL carries bodySHA256 is a form only when the type says so.
    Case { name: "content-type-form", args: &["inspect", "--json", "--format", "form", "--content-type", "application/x-www-form-urlencoded", "--url", BODY_SHA_URL, "--signature", FORM_WITH_BODY_SHA_SIG, "--auth-token", TOKEN], stdin: "A=1", env: &[], exit: 0, stdout_has: &["\"status\": \"valid\"", "\"mode\": \"form-params\""], stdout_lacks: &[TOKEN] },
    Case { name: "content-type-absent", args: &["inspect", "--json", "--format", "form", "--url", BODY_SHA_URL, "--signature", FORM_WITH_BODY_SHA_SIG, "--auth-token", TOKEN], stdin: "A=1", env: &[], exit: 1, stdout_has: &["\"status\": \"invalid\"", "\"mode\": \"body-hash\""], stdout_lacks: &[TOKEN] },
    // --signature-settings selects HMAC-SHA256 (the SharedKey secret signs).
    Case { name: "signature-settings-sha256", args: &["inspect", "--json", "--url", "https://example.com/sms", "--signature", SHA256_SIG, "--signature-settings", "key=KS123,algorithm=HMAC_SHA256", "--auth-token", TOKEN], stdin: SMS, env: &[], exit: 0, stdout_has: &["\"status\": \"valid\"", "\"algorithm\": \"hmac-sha256\""], stdout_lacks: &[TOKEN] },
    Case { name: "signature-settings-absent", args: &["inspect", "--json", "--url", "https://example.com/sms", "--signature", SHA256_SIG, "--auth-token", TOKEN], stdin: SMS, env: &[], exit: 1, stdout_has: &["\"status\": \"invalid\""], stdout_lacks: &[TOKEN] },
    // --kind forces the kind.
    Case { name: "kind-forced", args: &["inspect", "--json", "--kind", "voice-status-callback"], stdin: SMS, env: &[], exit: 0, stdout_has: &["\"id\": \"voice-status-callback\"", "\"overridden\": true"], stdout_lacks: &[] },
    Case {
        name: "signature-doctor-in-table",
        args: &["inspect", "--color", "never", "--auth-token", "0123456789abcdef0123456789abcdef"],
        stdin: "POST /sms HTTP/1.1\nHost: hooks.example.com\nX-Forwarded-Proto: http\nX-Twilio-Signature: k7Cw61pzrqJ9JgUF7Ka3GNsvSVQ=\n\nBody=hi&MessageSid=SM1a2b3c4d5e6f708192a3b4c5d6e7f809",
        env: &[],
        exit: 1,
        stdout_has: &["Signature: invalid", "scheme-mismatch", "Twilio signed https://hooks.example.com/sms", "string to sign: http://hooks.example.com/smsBodyhiMessageSid", "received:       k7Cw61pzrqJ9JgUF7Ka3GNsvSVQ="],
        stdout_lacks: &["0123456789abcdef0123456789abcdef"],
    },
    Case {
        name: "signature-valid-from-headers",
        args: &["inspect", "--color", "never", "--auth-token", "0123456789abcdef0123456789abcdef"],
        stdin: "POST /sms HTTP/1.1\nHost: localhost:3000\nX-Forwarded-Host: hooks.example.com\nX-Twilio-Signature: k7Cw61pzrqJ9JgUF7Ka3GNsvSVQ=\n\nBody=hi&MessageSid=SM1a2b3c4d5e6f708192a3b4c5d6e7f809",
        env: &[],
        exit: 0,
        stdout_has: &["Signature: valid", "matched: token #1"],
        stdout_lacks: &["0123456789abcdef0123456789abcdef"],
    },
    Case { name: "sign-needs-a-token", args: &["sign"], stdin: "POST /sms HTTP/1.1\nHost: example.com\n\nA=1", env: &[], exit: 2, stdout_has: &[], stdout_lacks: &[] },
    Case { name: "catalog-table", args: &["catalog"], stdin: "", env: &[], exit: 0, stdout_has: &["voice-request (2010-04-01, Incoming call (voice request))", "\n    CallSid ", "Call SID\n", "message-status-callback (2010-04-01"], stdout_lacks: &["\"kinds\"", "\"params\":"] },
    Case { name: "sign-prints-the-string-to-sign", args: &["sign", "--auth-token", TOKEN], stdin: "POST /sms HTTP/1.1\nHost: example.com\n\nA=1&B=x", env: &[], exit: 0, stdout_has: &["string to sign: https://example.com/smsA1Bx\n", "X-Twilio-Signature: ", "curl -X POST 'https://example.com/sms'"], stdout_lacks: &[TOKEN] },
    Case { name: "lint-accepts", args: &["lint", "--color", "never"], stdin: "<Response><Say>Hello</Say></Response>", env: &[], exit: 0, stdout_has: &["Response: Twilio would accept this."], stdout_lacks: &["error"] },
    Case {
        name: "lint-rejects-with-position-and-code",
        args: &["lint", "--color", "never", "--kind", "voice-request"],
        stdin: "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n\r\n<Response>\n  <say>Hello</say>\n</Response>",
        env: &[],
        exit: 1,
        stdout_has: &["Twilio would reject this: 12200 at line 2, column 3.", "twiml-unknown-element [12200] (line 2, column 3)", "write <Say>", "https://www.twilio.com/docs/api/errors/12200"],
        stdout_lacks: &[],
    },
    Case { name: "lint-json", args: &["lint", "--json", "--document", "messaging"], stdin: "<Response><Say>Hi</Say></Response>", env: &[], exit: 1, stdout_has: &["\"accepted\": false", "\"twilioErrorCode\": 12200", "\"document\": \"messaging\""], stdout_lacks: &[] },
    Case { name: "lint-bad-document-exit-2", args: &["lint", "--document", "pager"], stdin: "<Response/>", env: &[], exit: 2, stdout_has: &[], stdout_lacks: &[] },
    Case {
        name: "lint-connection-overrides",
        args: &["lint", "--color", "never", "--url", "https://example.com/voice#ct=1000&rt=2000&rc=1"],
        stdin: "<Response/>",
        env: &[],
        exit: 0,
        stdout_has: &["connection overrides: 2 attempt(s), gives up after 6.0 s at worst", "never sent to your server"],
        stdout_lacks: &[],
    },
    Case {
        name: "inspect-request-and-response",
        args: &["inspect", "--color", "never", "--kind", "voice-status-callback"],
        stdin: "POST /status HTTP/1.1\nHost: example.com\nContent-Type: application/x-www-form-urlencoded\n\nCallSid=CA5a1f0c2e9b7d4a6c8e0f1a2b3c4d5e6f&AccountSid=AC0123456789abcdef0123456789abcdef&CallStatus=completed&CallDuration=12&From=%2B14155550100&To=%2B14155550199&ApiVersion=2010-04-01&Direction=inbound\n\nHTTP/1.1 204 No Content\n\n",
        env: &[],
        exit: 0,
        stdout_has: &["voice-status-callback", "Response: Twilio would accept this.", "response-ignored"],
        stdout_lacks: &["was ignored.\n"],
    },
    Case {
        name: "inspect-response-alone-json-exit-1",
        args: &["inspect", "--json"],
        stdin: "HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/html\r\n\r\n<html>bad gateway</html>",
        env: &[],
        exit: 1,
        stdout_has: &["\"format\": \"response\"", "\"response\": {", "response-http-error", "\"twilioErrorCode\": 11200"],
        stdout_lacks: &[],
    },
    Case { name: "catalog-json", args: &["catalog", "--json"], stdin: "", env: &[], exit: 0, stdout_has: &["\"kinds\"", "MessageStatus", "voice-status-callback"], stdout_lacks: &[] },
];

#[test]
fn cli_cases() {
    let mut failures = Vec::new();
    for case in CASES {
        let mut cmd = Command::new(BIN);
        cmd.args(case.args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd.env_remove("TWILIO_AUTH_TOKEN");
        for (k, v) in case.env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("the CLI starts");
        // The CLI may exit before reading (bad arguments): a closed pipe is not a failure.
        let _ = child
            .stdin
            .take()
            .expect("stdin")
            .write_all(case.stdin.as_bytes());
        let out = child.wait_with_output().expect("the CLI finishes");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let mut errs = Vec::new();
        if out.status.code() != Some(case.exit) {
            errs.push(format!(
                "exit {:?}, want {}; stderr: {stderr}",
                out.status.code(),
                case.exit
            ));
        }
        for s in case.stdout_has {
            if !stdout.contains(s) {
                errs.push(format!("stdout lacks {s:?}"));
            }
        }
        for s in case.stdout_lacks {
            if stdout.contains(s) || stderr.contains(s) {
                errs.push(format!("output contains {s:?}"));
            }
        }
        if !errs.is_empty() {
            failures.push(format!(
                "{}: {}\n--- stdout (first 600 chars):\n{}",
                case.name,
                errs.join("; "),
                stdout.chars().take(600).collect::<String>()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

fn run(args: &[&str], stdin: &str) -> (i32, String) {
    let mut child = Command::new(BIN)
        .args(args)
        .env_remove("TWILIO_AUTH_TOKEN")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the CLI starts");
    let _ = child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes());
    let out = child.wait_with_output().expect("the CLI finishes");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// `sign` prints a curl command; inspecting that command with the same token verifies, and
/// with another token does not. The token never appears in the output.
#[test]
fn sign_then_replay_as_curl_verifies() {
    let token = "5ec12e7c0ffee5ec12e7c0ffee5ec12e";
    let request = "POST /sms?tenant=7 HTTP/1.1\nHost: hooks.example.com\n\nBody=it%27s+100%25&MessageSid=SM1a2b3c4d5e6f708192a3b4c5d6e7f809";
    let (code, signed) = run(&["sign", "--auth-token", token], request);
    assert_eq!(code, 0, "{signed}");
    assert!(!signed.contains(token));
    let curl = &signed[signed.find("curl ").expect("a curl command")..];
    let (code, report) = run(
        &["inspect", "--color", "never", "--auth-token", token],
        curl,
    );
    assert_eq!(code, 0, "{report}");
    assert!(report.contains("Signature: valid"), "{report}");
    let (code, report) = run(
        &[
            "inspect",
            "--color",
            "never",
            "--auth-token",
            "0000000000000000000000000000000f",
        ],
        curl,
    );
    assert_eq!(code, 1);
    assert!(report.contains("Signature: invalid"), "{report}");
}

/// `timeline` reads a log from standard input, streams it through worker threads and
/// prints groups in input order, whatever the number of workers.
#[test]
fn timeline_text_json_and_jobs() {
    let sid = "SM0cec4ed334e74bcbb64eb8b6684e9654";
    let mut log = String::new();
    for i in 0..1500 {
        let other = format!("SM{i:032x}");
        log += &format!(
            "2024-05-29 10:{:02}:{:02} MessageSid={other}&MessageStatus=sent\n",
            (i / 60) % 60,
            i % 60
        );
        log += &format!(
            "2024-05-29 10:{:02}:{:02} MessageSid={other}&MessageStatus=delivered\n",
            (i / 60) % 60,
            i % 60
        );
    }
    log += &format!("2024-05-29 11:00:00 MessageSid={sid}&MessageStatus=delivered\n2024-05-29 11:00:01 MessageSid={sid}&MessageStatus=sent\nnot a capture\n");
    let (code, text) = run(&["timeline", "-"], &log);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.starts_with("Timeline: 3002 capture(s) read as log, 1501 group(s)"),
        "{}",
        &text[..200]
    );
    assert!(text.contains("timeline-out-of-order: 'sent' arrived after 'delivered'"));
    let (_, one) = run(&["timeline", "--json", "--jobs", "1", "-"], &log);
    let (_, four) = run(&["timeline", "--json", "--jobs", "4", "-"], &log);
    assert_eq!(
        one, four,
        "the output does not depend on the number of workers"
    );
    let v: serde_json::Value = serde_json::from_str(&one).expect("JSON");
    assert_eq!(v["groups"][0]["sid"], format!("SM{:032x}", 0));
    assert_eq!(v["groups"][1500]["sid"], sid);
    let (_, summary) = run(&["timeline", "--summary", "-"], &log);
    assert!(summary.lines().count() < 12, "{summary}");
}

/// `timeline` exits 1 on error findings (an unreadable capture) and 2 on a missing file.
#[test]
fn timeline_exit_codes() {
    let (code, text) = run(&["timeline", "-"], "{\"input\":\"A=1&B=2\"}\n{broken\n");
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("capture-unreadable"));
    let (code, _) = run(&["timeline", "/nonexistent/log.txt"], "");
    assert_eq!(code, 2);
}

/// `diff` prints one line per difference and the signature sentence; exit 1 when the
/// captures differ, 0 when they do not.
#[test]
fn diff_text_and_exit_codes() {
    let dir = std::env::temp_dir().join(format!("twi-diff-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let a = dir.join("a.txt");
    let b = dir.join("b.txt");
    std::fs::write(&a, "CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1234&From=%2B14158675309&To=%2B18005551212").expect("write");
    std::fs::write(&b, "CallSid=CA1234567890ABCDE&Caller=%2B14158675309&From=%2B14158675309&To=%2B18005551212&Extra=1").expect("write");
    let (a, b) = (
        a.to_string_lossy().into_owned(),
        b.to_string_lossy().into_owned(),
    );
    let url = "https://mycompany.com/myapp.php?foo=1&bar=2";
    let (code, text) = run(&["diff", &a, &b, "--url-a", url, "--url-b", url], "");
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("- Digits=1234  (signed)"), "{text}");
    assert!(text.contains("+ Extra=1  (signed)"), "{text}");
    assert!(
        text.contains("param-missing") || text.contains("param-added"),
        "{text}"
    );
    let (code, text) = run(&["diff", &a, &a], "");
    assert_eq!(code, 0, "{text}");
    assert!(text.starts_with("No difference."), "{text}");
    let (code, json) = run(&["diff", "--json", "-", &a], "CallSid=CA1234567890ABCDE");
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert!(v["fields"]
        .as_array()
        .is_some_and(|f| f.iter().any(|x| x["change"] == "added")));
}

/// `timeline --stream --json` prints one group per line as groups close, then a summary
/// line; with a small window the same SID seen again later opens a new group.
#[test]
fn timeline_stream_json_lines() {
    let mut log = String::new();
    for i in 0..30 {
        log += &format!("MessageSid=SM{:032x}&MessageStatus=sent\nMessageSid=SM{:032x}&MessageStatus=delivered\n", i, i);
    }
    let (code, out) = run(
        &["timeline", "--stream", "--json", "--window", "3", "-"],
        &log,
    );
    assert_eq!(code, 0, "{out}");
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), 31);
    assert_eq!(lines[0]["sid"], format!("SM{:032x}", 0));
    assert_eq!(lines[0]["lanes"][0]["finalStatus"], "delivered");
    let summary = &lines[30]["summary"];
    assert_eq!(summary["captures"], 60);
    assert_eq!(summary["groups"], 30);
    assert_eq!(summary["format"], "log");
}
