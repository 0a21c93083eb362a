//! Profiling harness (not a benchmark): times `decode` and `inspect` on the benchmark SMS in
//! a loop, for `perf record`. `cargo run --release --example profile_inspect -- [N]`.
use twilio_webhook_inspector::{decode, inspect, Options};

fn main() {
    let body = "ToCountry=US&ToState=CA&SmsMessageSid=SM0123456789abcdef0123456789abcdef&NumMedia=0&ToCity=SAN+FRANCISCO\
&FromZip=94105&SmsSid=SM0123456789abcdef0123456789abcdef&FromState=CA&SmsStatus=received&FromCity=SAN+FRANCISCO\
&Body=Hello+from+the+benchmark%21+%F0%9F%91%8B+How+are+you%3F&FromCountry=US&To=%2B14155550199&ToZip=94105\
&NumSegments=1&MessageSid=SM0123456789abcdef0123456789abcdef&AccountSid=AC0123456789abcdef0123456789abcdef\
&From=%2B14155550100&ApiVersion=2010-04-01&MessagingServiceSid=MG0123456789abcdef0123456789abcdef";
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let opts = Options::default();
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
    time("decode", &|| {
        decode(std::hint::black_box(body), None).pairs.len()
    });
    time("inspect", &|| {
        inspect(std::hint::black_box(body), &opts).fields.len()
    });
}
