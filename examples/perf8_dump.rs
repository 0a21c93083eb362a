//! Byte-identity harness (perf8): inspects every input found under tests/data (whole files,
//! every string in TOML/JSONL cases, with and without the case's options) plus the benchmark
//! inputs, and writes the reports as JSON (and the `decode` output as Debug) to OUT_DIR.
//! `cargo run --release --example perf8_dump -- OUT_DIR`.
use std::fmt::Write as _;
use std::path::Path;
use twilio_webhook_inspector::{decode, inspect, Options};

fn dump(out: &mut String, label: &str, input: &str, opts: &Options) {
    let report = inspect(input, opts);
    let _ = writeln!(out, "=== {label}");
    out.push_str(&serde_json::to_string_pretty(&report).unwrap_or_default());
    out.push('\n');
}

fn dump_decode(out: &mut String, label: &str, input: &str) {
    let _ = writeln!(out, "--- decode {label}\n{:?}", decode(input, None));
}

fn walk_toml(out: &mut String, path: &str, v: &toml::Value) {
    match v {
        toml::Value::String(s) if !s.is_empty() => {
            dump(out, path, s, &Options::default());
            dump_decode(out, path, s);
        }
        toml::Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                walk_toml(out, &format!("{path}[{i}]"), x);
            }
        }
        toml::Value::Table(t) => {
            if let (Some(toml::Value::String(input)), Some(o)) = (t.get("input"), t.get("options"))
            {
                if let Ok(opts) = o.clone().try_into::<Options>() {
                    dump(out, &format!("{path}.input+options"), input, &opts);
                }
            }
            for (k, x) in t {
                walk_toml(out, &format!("{path}.{k}"), x);
            }
        }
        _ => {}
    }
}

fn walk_json(out: &mut String, path: &str, v: &serde_json::Value) {
    match v {
        serde_json::Value::String(s) if !s.is_empty() => {
            dump(out, path, s, &Options::default());
            dump_decode(out, path, s);
        }
        serde_json::Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                walk_json(out, &format!("{path}[{i}]"), x);
            }
        }
        serde_json::Value::Object(m) => {
            if let Some(body) = m.get("body").and_then(|b| b.as_str()) {
                let s = |k: &str| m.get(k).and_then(|x| x.as_str()).map(str::to_string);
                let opts = Options {
                    url: s("url"),
                    method: s("method"),
                    content_type: s("content_type").filter(|c| !c.is_empty()),
                    signature: s("signature"),
                    auth_tokens: s("auth_token").into_iter().collect(),
                    ..Options::default()
                };
                dump(out, &format!("{path}.body+options"), body, &opts);
            }
            for (k, x) in m {
                walk_json(out, &format!("{path}.{k}"), x);
            }
        }
        _ => {}
    }
}

fn files(dir: &Path, acc: &mut Vec<std::path::PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, acc);
        } else {
            acc.push(p);
        }
    }
}

fn main() {
    let out_dir = std::env::args().nth(1).expect("OUT_DIR");
    std::fs::create_dir_all(&out_dir).unwrap();
    let mut all = Vec::new();
    files(Path::new("tests/data"), &mut all);
    for p in &all {
        let bytes = std::fs::read(p).unwrap();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let mut out = String::new();
        dump(&mut out, "whole", &text, &Options::default());
        dump_decode(&mut out, "whole", &text);
        let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
        if ext == "toml" {
            if let Ok(v) = text.parse::<toml::Value>() {
                walk_toml(&mut out, "", &v);
            }
        } else if ext == "jsonl" {
            for (i, line) in text.lines().enumerate() {
                dump(&mut out, &format!("line{i}"), line, &Options::default());
                if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                    walk_json(&mut out, &format!("line{i}"), &v);
                }
            }
        } else if ext == "json" {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) {
                walk_json(&mut out, "", &v);
            }
        }
        let name = p.to_string_lossy().replace('/', "_");
        std::fs::write(Path::new(&out_dir).join(name), out).unwrap();
    }
    // The benchmark inputs, plain and signed.
    let mut out = String::new();
    for (name, body) in [
        ("sms", bench::sms()),
        ("mms", bench::mms()),
        ("status", bench::status()),
    ] {
        dump(&mut out, name, &body, &Options::default());
        dump_decode(&mut out, name, &body);
        let opts = Options {
            url: Some(bench::URL.into()),
            signature: Some("AAAAAAAAAAAAAAAAAAAAAAAAAAA=".into()),
            auth_tokens: vec![bench::TOKEN.into()],
            ..Options::default()
        };
        dump(&mut out, &format!("{name}+badsig"), &body, &opts);
    }
    std::fs::write(Path::new(&out_dir).join("bench"), out).unwrap();
}

#[path = "../benches/inputs.rs"]
#[allow(dead_code)]
mod bench;
