//! `listen` and `replay` end to end: the built binary listens on a free port in front of a
//! tiny app (a `TcpListener` thread that answers TwiML and keeps what it received), and the
//! tests send it signed, mis-signed, oversized and broken requests.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use twilio_webhook_inspector::signature::{compute_signature, Algorithm, SignatureStatus};
use twilio_webhook_inspector::{inspect, Options};

const BIN: &str = env!("CARGO_BIN_EXE_twilio-webhook-inspector");
const TOKEN: &str = "7e57ab1e7e57ab1e7e57ab1e7e57ab1e";
const PUBLIC: &str = "https://hooks.example.com";
const SMS: &str = "MessageSid=SM1a2b3c4d5e6f708192a3b4c5d6e7f809&AccountSid=AC0123456789abcdef0123456789abcdef&From=%2B14155550100&To=%2B14155550199&Body=Hello+there%21&NumMedia=0&ApiVersion=2010-04-01";
const TWIML: &str =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>ok</Message></Response>";

/// A port nobody listens on (bound, read, released).
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// The decoded pairs of a form body, as the signature covers them.
fn params(body: &str) -> Vec<(String, String)> {
    serde_urlencoded::from_str(body).expect("form body")
}

fn signature_for(url: &str, body: &str) -> String {
    compute_signature(TOKEN, url, &params(body), Algorithm::HmacSha1)
}

/// What the test app received: the raw request bytes.
type Inbox = Arc<Mutex<Vec<Vec<u8>>>>;

/// The app: answers every request with `TWIML` and keeps the request bytes.
fn start_app() -> (u16, Inbox) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind app");
    let port = listener.local_addr().expect("app addr").port();
    let inbox: Inbox = Arc::default();
    let kept = Arc::clone(&inbox);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            if let Some(raw) = read_request(&stream) {
                kept.lock().expect("inbox").push(raw);
            }
            let mut stream = stream;
            let answer = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/xml; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{TWIML}",
                TWIML.len()
            );
            let _ = stream.write_all(answer.as_bytes());
        }
    });
    (port, inbox)
}

/// Reads one request (head, then Content-Length bytes of body).
fn read_request(stream: &TcpStream) -> Option<Vec<u8>> {
    let mut reader = BufReader::new(stream);
    let mut raw = Vec::new();
    let mut length = 0usize;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return Some(raw);
        }
        raw.extend_from_slice(line.as_bytes());
        if let Some((n, v)) = line.split_once(':') {
            if n.eq_ignore_ascii_case("content-length") {
                length = v.trim().parse().ok()?;
            }
        }
        if line == "\r\n" {
            break;
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    raw.extend_from_slice(&body);
    Some(raw)
}

/// Sends raw bytes and returns the answer (status, whole text).
fn send(port: u16, raw: &[u8]) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    stream.write_all(raw).expect("send");
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let text = String::from_utf8_lossy(&answer).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, text)
}

/// A form POST as Twilio sends it.
fn post(path: &str, body: &str, signature: Option<&str>, extra: &str) -> Vec<u8> {
    let sig = signature.map_or(String::new(), |s| format!("X-Twilio-Signature: {s}\r\n"));
    format!(
        "POST {path} HTTP/1.1\r\nHost: hooks.example.com\r\nUser-Agent: TwilioProxy/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n{sig}{extra}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// The running `listen`, killed when dropped; its standard output is collected.
struct Listener {
    child: Child,
    port: u16,
    out: Arc<Mutex<String>>,
}

impl Listener {
    fn start(args: &[&str]) -> Listener {
        let port = free_port();
        let mut child = Command::new(BIN)
            .arg("listen")
            .args(["--port", &port.to_string()])
            .args(args)
            .env_remove("TWILIO_AUTH_TOKEN")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start listen");
        let out: Arc<Mutex<String>> = Arc::default();
        if let Some(stdout) = child.stdout.take() {
            let sink = Arc::clone(&out);
            std::thread::spawn(move || {
                for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                    let mut s = sink.lock().expect("out");
                    s.push_str(&line);
                    s.push('\n');
                }
            });
        }
        let listener = Listener { child, port, out };
        let start = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "listen did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        listener
    }

    /// Waits until the output holds `needle` and returns the output.
    fn wait_for(&self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let out = self.out.lock().expect("out").clone();
            if out.contains(needle) {
                return out;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "no {needle:?} in the output:\n{out}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn temp_file(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("twi-listen-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    let _ = std::fs::remove_file(&path);
    path
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

#[test]
fn listen_forwards_verifies_and_records() {
    let (app, inbox) = start_app();
    let record = temp_file("forward.jsonl");
    let forward = format!("http://127.0.0.1:{app}/app");
    let l = Listener::start(&[
        "--forward-to",
        &forward,
        "--public-url",
        PUBLIC,
        "--auth-token",
        TOKEN,
        "--record",
        record.to_str().expect("path"),
    ]);
    let sig = signature_for(&format!("{PUBLIC}/sms?x=1"), SMS);
    let request = post(
        "/sms?x=1",
        SMS,
        Some(&sig),
        "Authorization: Basic dXNlcjpwYXNz\r\n",
    );
    let (status, answer) = send(l.port, &request);
    assert_eq!(status, 200, "{answer}");
    assert!(answer.ends_with(TWIML), "{answer}");
    assert!(answer.contains("text/xml; charset=utf-8"), "{answer}");
    let out = l.wait_for("response: ");
    assert!(out.contains("POST /sms?x=1  messaging-request"), "{out}");
    // The app's answer went through the response checks.
    assert!(out.contains("response: Twilio would accept"), "{out}");
    assert!(out.contains("signature: valid"), "{out}");

    // The app got the request unchanged: path appended, query, signature, exact body.
    let received = String::from_utf8(inbox.lock().expect("inbox")[0].clone()).expect("utf8");
    assert!(
        received.starts_with("POST /app/sms?x=1 HTTP/1.1\r\n"),
        "{received}"
    );
    assert!(
        received.contains(&format!("X-Twilio-Signature: {sig}\r\n"))
            || received.contains(&format!("x-twilio-signature: {sig}\r\n")),
        "{received}"
    );
    assert!(received.ends_with(&format!("\r\n\r\n{SMS}")), "{received}");

    // A broken signature is reported, and the doctor says why.
    let (status, _) = send(
        l.port,
        &post("/sms", SMS, Some("AAAAAAAAAAAAAAAAAAAAAAAAAAA="), ""),
    );
    assert_eq!(status, 200);
    let out = l.wait_for("signature: invalid");
    assert!(out.contains("signature: invalid — "), "{out}");

    // The record: one line per exchange, signature kept, Authorization and token never.
    let lines: Vec<serde_json::Value> = read(&record)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), 2);
    let first = &lines[0];
    assert_eq!(first["method"], "POST");
    assert_eq!(first["url"], format!("{PUBLIC}/sms?x=1"));
    assert_eq!(first["body"], SMS);
    assert_eq!(first["response"]["status"], 200);
    assert_eq!(first["response"]["body"], TWIML);
    assert!(first["received_at"]
        .as_str()
        .is_some_and(|t| t.ends_with('Z')));
    let headers = first["headers"].as_array().expect("headers");
    assert!(headers
        .iter()
        .any(|h| h[0] == "X-Twilio-Signature" && h[1] == sig.as_str()));
    assert!(!headers.iter().any(|h| h[0]
        .as_str()
        .is_some_and(|n| n.eq_ignore_ascii_case("authorization"))));
    let all = read(&record) + &l.wait_for("");
    assert!(!all.contains(TOKEN), "the token leaked");
    assert!(
        !all.contains("dXNlcjpwYXNz"),
        "the Authorization header leaked into the record or output"
    );
}

#[test]
fn listen_json_lines_and_respond_file() {
    let respond = temp_file("respond.xml");
    std::fs::write(&respond, "<Response><Say>hi</Say></Response>").expect("write");
    let l = Listener::start(&[
        "--json",
        "--auth-token",
        TOKEN,
        "--respond",
        respond.to_str().expect("path"),
    ]);
    // Without --public-url the URL is http:// + Host + path.
    let sig = signature_for("http://hooks.example.com/sms", SMS);
    let (status, answer) = send(l.port, &post("/sms", SMS, Some(&sig), ""));
    assert_eq!(status, 200);
    assert!(
        answer.ends_with("<Response><Say>hi</Say></Response>"),
        "{answer}"
    );
    assert!(answer.contains("Content-Type: text/xml"), "{answer}");
    let out = l.wait_for("\n");
    let line: serde_json::Value =
        serde_json::from_str(out.lines().next().expect("a line")).expect("JSON");
    assert_eq!(line["report"]["kind"]["id"], "messaging-request");
    assert_eq!(line["report"]["signature"]["status"], "valid");
    assert_eq!(line["response"]["status"], 200);
    assert!(!out.contains(TOKEN));
}

#[test]
fn listen_accepts_the_official_librarys_signature() {
    let npm = Path::new(env!("CARGO_MANIFEST_DIR")).join("npm");
    assert!(
        npm.join("node_modules/twilio").is_dir(),
        "twilio-node is missing: scripts/setup.sh installs it (npm ci in npm/)"
    );
    let url = "http://hooks.example.com/voice";
    let body = "CallSid=CA1a2b3c4d5e6f708192a3b4c5d6e7f809&AccountSid=AC0123456789abcdef0123456789abcdef&From=%2B14155550100&To=%2B14155550199&CallStatus=ringing&Direction=inbound&ApiVersion=2010-04-01";
    let object: serde_json::Map<String, serde_json::Value> = params(body)
        .into_iter()
        .map(|(k, v)| (k, v.into()))
        .collect();
    let script = format!(
        "process.stdout.write(require('twilio').getExpectedTwilioSignature({:?}, {:?}, {}))",
        TOKEN,
        url,
        serde_json::Value::Object(object)
    );
    let node = Command::new("node")
        .arg("-e")
        .arg(&script)
        .current_dir(&npm)
        .output()
        .expect("node runs (a machine for this project has node and npm)");
    assert!(
        node.status.success(),
        "{}",
        String::from_utf8_lossy(&node.stderr)
    );
    let sig = String::from_utf8(node.stdout).expect("signature");
    assert_eq!(
        sig,
        signature_for(url, body),
        "twilio-node and the core disagree"
    );
    let l = Listener::start(&["--auth-token", TOKEN]);
    let (status, _) = send(l.port, &post("/voice", body, Some(&sig), ""));
    assert_eq!(status, 200);
    let out = l.wait_for("signature:");
    assert!(
        out.contains("voice-request") || out.contains("signature: valid"),
        "{out}"
    );
    assert!(out.contains("signature: valid"), "{out}");
}

#[test]
fn listen_refuses_big_bodies_and_reports_a_down_app() {
    let down = free_port();
    let forward = format!("http://127.0.0.1:{down}/app");
    let record = temp_file("faults.jsonl");
    let l = Listener::start(&[
        "--max-body",
        "100",
        "--forward-to",
        &forward,
        "--record",
        record.to_str().expect("path"),
    ]);
    let big = format!("Body={}", "x".repeat(200));
    let (status, _) = send(l.port, &post("/sms", &big, None, ""));
    assert_eq!(status, 413);
    l.wait_for("answered 413");

    let (status, _) = send(l.port, &post("/sms", "Body=hi", None, ""));
    assert_eq!(status, 502);
    let out = l.wait_for("did not answer");
    assert!(
        out.contains(&format!("the app at http://127.0.0.1:{down}/app/sms did not answer: connection refused — Twilio would log 11200/11205")),
        "{out}"
    );

    // An unreadable body (broken chunked encoding) gets 400 and is still recorded.
    let broken = b"POST /sms HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nZZ\r\nabc\r\n0\r\n\r\n";
    let (status, answer) = send(l.port, broken);
    assert_eq!(status, 400, "{answer}");
    l.wait_for("could not be read");
    let text = read(&record);
    assert!(text.lines().any(|l| l.contains("\"status\":400")), "{text}");
}

#[test]
fn listen_port_in_use_is_exit_2() {
    let taken = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("addr").port().to_string();
    let out = Command::new(BIN)
        .args(["listen", "--port", &port])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!(
            "port {port} is in use: another listener? choose --port"
        )),
        "{err}"
    );
}

#[test]
fn listen_redacts_the_record() {
    let record = temp_file("redacted.jsonl");
    let l = Listener::start(&["--redact", "--record", record.to_str().expect("path")]);
    let body = "CallSid=CA1a2b3c4d5e6f708192a3b4c5d6e7f809&From=%2B14155550100&SpeechResult=my+card+number&Body=secret";
    let (status, _) = send(
        l.port,
        &post("/voice?Caller=%2B447700900123", body, None, ""),
    );
    assert_eq!(status, 200);
    l.wait_for("→");
    let text = read(&record);
    for secret in ["4155550100", "447700900123", "my+card", "secret"] {
        assert!(!text.contains(secret), "{secret} left in {text}");
    }
    assert!(
        text.contains("%2B1XXXXXX0100") && text.contains("%2B44XXXXXX0123"),
        "{text}"
    );
    // `inspect --batch` reads the record and sees the masks as redacted values.
    let mut batch = Command::new(BIN)
        .args(["inspect", "--batch", record.to_str().expect("path")])
        .output()
        .expect("batch");
    batch.stdout.truncate(100_000);
    let out = String::from_utf8_lossy(&batch.stdout);
    assert!(out.contains("\"line\":1,\"report\""), "{out}");
    assert!(out.contains("redacted"), "{out}");
}

/// Runs `replay` and returns (exit code, stdout).
fn replay(args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(BIN)
        .arg("replay")
        .args(args)
        .env_remove("TWILIO_AUTH_TOKEN")
        .output()
        .expect("replay");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// Checks the app's last request with the core, for the URL it was sent to.
fn app_verdict(inbox: &Inbox, url: &str) -> (SignatureStatus, String) {
    let raw = inbox
        .lock()
        .expect("inbox")
        .last()
        .cloned()
        .expect("a request");
    let text = String::from_utf8(raw).expect("utf8");
    let options = Options {
        url: Some(url.to_string()),
        auth_tokens: vec![TOKEN.to_string()],
        ..Options::default()
    };
    (inspect(&text, &options).signature.status, text)
}

#[test]
fn replay_resigns_for_the_target() {
    let (app, inbox) = start_app();
    let to = format!("http://127.0.0.1:{app}/app/sms");
    let capture = temp_file("capture.http");
    let pasted = String::from_utf8(post("/sms", SMS, Some("stale0000000000000000000000="), ""))
        .expect("utf8");
    std::fs::write(&capture, pasted).expect("write");
    let path = capture.to_str().expect("path");

    let (code, out) = replay(&[path, "--to", &to, "--auth-token", TOKEN]);
    assert_eq!(code, Some(0), "{out}");
    assert!(
        out.contains("app: 200 text/xml") && out.contains(TWIML),
        "{out}"
    );
    assert!(!out.contains(TOKEN));
    let (status, text) = app_verdict(&inbox, &to);
    assert_eq!(status, SignatureStatus::Valid, "{text}");
    assert!(
        text.contains("User-Agent: TwilioProxy/1.1")
            || text.contains("user-agent: TwilioProxy/1.1"),
        "{text}"
    );
    assert!(text.ends_with(SMS), "{text}");

    // Edited, still valid: it is signed afresh.
    let (code, out) = replay(&[
        path,
        "--to",
        &to,
        "--auth-token",
        TOKEN,
        "--set",
        "Body=changed",
        "--unset",
        "NumMedia",
        "--set",
        "Extra=a b",
    ]);
    assert_eq!(code, Some(0), "{out}");
    let (status, text) = app_verdict(&inbox, &to);
    assert_eq!(status, SignatureStatus::Valid, "{text}");
    assert!(
        text.contains("&Body=changed&")
            && !text.contains("NumMedia")
            && text.ends_with("&Extra=a%20b"),
        "{text}"
    );

    // Without a token: sent unsigned, and said so.
    let (code, out) = replay(&[path, "--to", &to]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("unsigned"), "{out}");
    let (status, _) = app_verdict(&inbox, &to);
    assert_eq!(status, SignatureStatus::NoSignature);
}

#[test]
fn replay_picks_from_a_listen_record() {
    let (app, inbox) = start_app();
    let record = temp_file("replay.jsonl");
    let l = Listener::start(&["--record", record.to_str().expect("path")]);
    send(l.port, &post("/sms", SMS, None, ""));
    l.wait_for("→");
    send(
        l.port,
        &post(
            "/status",
            "MessageSid=SM1a2b3c4d5e6f708192a3b4c5d6e7f809&MessageStatus=delivered",
            None,
            "",
        ),
    );
    l.wait_for("/status");
    drop(l);
    let to = format!("http://127.0.0.1:{app}/hook");
    let (code, out) = replay(&[
        record.to_str().expect("path"),
        "--pick",
        "1",
        "--to",
        &to,
        "--auth-token",
        TOKEN,
    ]);
    assert_eq!(code, Some(0), "{out}");
    let (status, text) = app_verdict(&inbox, &to);
    assert_eq!(status, SignatureStatus::Valid, "{text}");
    assert!(text.ends_with(SMS), "{text}");
    // Default: the last line.
    let (code, _) = replay(&[
        record.to_str().expect("path"),
        "--to",
        &to,
        "--auth-token",
        TOKEN,
    ]);
    assert_eq!(code, Some(0));
    let (_, text) = app_verdict(&inbox, &to);
    assert!(text.contains("MessageStatus=delivered"), "{text}");
}
