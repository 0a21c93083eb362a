//! Profiling harness (not a benchmark): `is_valid_form_body` on the benchmark SMS in a loop,
//! next to the bare HMAC-SHA1 of the same string-to-sign (the floor), for `perf record` /
//! callgrind. `cargo run --release --example profile_verify -- [N]`.
use hmac::{Hmac, Mac};
use sha1::Sha1;
use twilio_webhook_inspector::signature::{
    compute_signature, is_valid_form_body, string_to_sign, Algorithm,
};

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
    let to_sign = string_to_sign(url, &params);
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    // Interleaved batches, medians: the ratio stays readable on a loaded machine.
    let batch = |f: &dyn Fn() -> bool| {
        let start = std::time::Instant::now();
        let mut valid = 0;
        for _ in 0..500 {
            valid += usize::from(f());
        }
        assert_eq!(valid, 500);
        start.elapsed().as_secs_f64() * 1e6 / 500.0
    };
    let floor = || {
        let mut m = Hmac::<Sha1>::new_from_slice(token.as_bytes()).expect("any key length");
        m.update(std::hint::black_box(to_sign.as_bytes()));
        m.finalize().into_bytes()[0] != 1
    };
    let form = || {
        is_valid_form_body(
            token,
            std::hint::black_box(&good),
            url,
            std::hint::black_box(body.as_bytes()),
        )
    };
    // What reading the same body costs with a well-kept library alone (no sorting, no MAC).
    let library_read = || {
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_bytes(std::hint::black_box(body.as_bytes())).unwrap_or_default();
        pairs.len() == 20
    };
    let (mut a, mut b, mut c) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..n.div_ceil(500) {
        a.push(batch(&floor));
        b.push(batch(&form));
        c.push(batch(&library_read));
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (fl, fo, lr) = (median(&mut a), median(&mut b), median(&mut c));
    println!(
        "hmac-sha1 floor: {fl:.3} µs; is_valid_form_body: {fo:.3} µs = {:.2}×; \
         serde_urlencoded reading alone: {lr:.3} µs = {:.2}×",
        fo / fl,
        lr / fl
    );
}
