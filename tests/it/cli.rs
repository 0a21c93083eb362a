//! The command line: exit codes, JSON and batch output. Cases are a table of
//! (arguments, standard input, expected exit code, text the output must contain).

use std::io::Write;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_twilio-webhook-inspector");

const SMS: &str = "MessageSid=SM1a2b3c4d5e6f708192a3b4c5d6e7f809&AccountSid=AC0123456789abcdef0123456789abcdef&From=%2B14155550100&To=%2B14155550199&Body=hi&NumMedia=0&ApiVersion=2010-04-01";

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
    Case { name: "errors-exit-1", args: &["inspect", "--json"], stdin: "CallSid=CAshort&AccountSid=AC0123456789abcdef0123456789abcdef&From=%2B14155550100&To=%2B14155550199&CallStatus=ringing&ApiVersion=2010-04-01&Direction=inbound", env: &[], exit: 1, stdout_has: &["invalid-sid"], stdout_lacks: &[] },
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
    Case { name: "token-from-env-never-printed", args: &["inspect", "--json"], stdin: SMS, env: &[("TWILIO_AUTH_TOKEN", "f00dfeedf00dfeedf00dfeedf00dfeed")], exit: 0, stdout_has: &["messaging-request"], stdout_lacks: &["f00dfeedf00dfeedf00dfeedf00dfeed"] },
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
