//! Profiling harness (not a benchmark): times `decode` and `inspect` on one benchmark input
//! in a loop, for `perf record` or callgrind.
//! `cargo run --release --example profile_inspect -- [N] [sms|mms|status] [signed]`
//! (`signed`: with the URL, a valid signature and its token, as the benchmark's signed case).
use twilio_webhook_inspector::signature::{compute_signature, Algorithm};
use twilio_webhook_inspector::{decode, inspect, Options};

#[path = "../benches/inputs.rs"]
#[allow(dead_code)]
mod inputs;

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let which = args.next().unwrap_or_else(|| "sms".into());
    let signed = args.next().is_some_and(|a| a == "signed");
    let body = match which.as_str() {
        "mms" => inputs::mms(),
        "status" => inputs::status(),
        _ => inputs::sms(),
    };
    let opts = if signed {
        let params = inputs::pairs(&body);
        let good = compute_signature(inputs::TOKEN, inputs::URL, &params, Algorithm::HmacSha1);
        Options {
            url: Some(inputs::URL.into()),
            signature: Some(good),
            auth_tokens: vec![inputs::TOKEN.into()],
            ..Options::default()
        }
    } else {
        Options::default()
    };
    let time = |label: &str, f: &dyn Fn() -> usize| {
        let start = std::time::Instant::now();
        let mut total = 0;
        for _ in 0..n {
            total += f();
        }
        let el = start.elapsed();
        println!(
            "{label}: {:.2} µs each ({total})",
            el.as_secs_f64() * 1e6 / n as f64
        );
    };
    // PROFILE_SKIP_DECODE=1: only the inspect loop (per-inspect instruction counts).
    if std::env::var_os("PROFILE_SKIP_DECODE").is_none() {
        time("decode", &|| {
            decode(std::hint::black_box(&body), None).pairs.len()
        });
    }
    time("inspect", &|| {
        inspect(std::hint::black_box(&body), &opts).fields.len()
    });
}
