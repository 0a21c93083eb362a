//! Profiling harness (not a benchmark): `is_valid_form_body` on the benchmark SMS in a loop,
//! for `perf record` / callgrind. `cargo run --release --example profile_verify -- [N]`.
use twilio_webhook_inspector::signature::{compute_signature, is_valid_form_body, Algorithm};

fn main() {
    let body = "ToCountry=US&ToState=CA&SmsMessageSid=SM0123456789abcdef0123456789abcdef&NumMedia=0&ToCity=SAN+FRANCISCO\
&FromZip=94105&SmsSid=SM0123456789abcdef0123456789abcdef&FromState=CA&SmsStatus=received&FromCity=SAN+FRANCISCO\
&Body=Hello+from+the+benchmark%21+%F0%9F%91%8B+How+are+you%3F&FromCountry=US&To=%2B14155550199&ToZip=94105\
&NumSegments=1&MessageSid=SM0123456789abcdef0123456789abcdef&AccountSid=AC0123456789abcdef0123456789abcdef\
&From=%2B14155550100&ApiVersion=2010-04-01&MessagingServiceSid=MG0123456789abcdef0123456789abcdef";
    let token = "12345678901234567890123456789012";
    let url = "https://example.com/twilio/hook?tenant=acme";
    let params = twilio_webhook_inspector::percent::form_pairs(body.as_bytes());
    let good = compute_signature(token, url, &params, Algorithm::HmacSha1);
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let start = std::time::Instant::now();
    let mut valid = 0;
    for _ in 0..n {
        valid += usize::from(is_valid_form_body(
            token,
            std::hint::black_box(&good),
            url,
            std::hint::black_box(body.as_bytes()),
        ));
    }
    println!(
        "is_valid_form_body: {:.3} µs each ({valid} valid)",
        start.elapsed().as_secs_f64() * 1e6 / n as f64
    );
}
