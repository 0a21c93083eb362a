//! Native benchmarks (criterion): `inspect` and signature verification per input, against
//! the bare HMAC-SHA1 of the same string-to-sign (the physical floor). Run with
//! `cargo bench --bench native` (or `bash scripts/bench.sh`, which runs everything).

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use hmac::{Hmac, Mac};
use sha1::Sha1;
use twilio_webhook_inspector::signature::{
    compute_signature, is_valid, is_valid_form_body, string_to_sign, verify, Algorithm,
    SignatureInput,
};
use twilio_webhook_inspector::{inspect, Options};

mod inputs;
use inputs::{mms, pairs, sms, status, TOKEN, URL};

fn bench(c: &mut Criterion) {
    for (name, body) in [("sms", sms()), ("mms", mms()), ("status", status())] {
        let params = pairs(&body);
        let good = compute_signature(TOKEN, URL, &params, Algorithm::HmacSha1);
        let bad = "AAAAAAAAAAAAAAAAAAAAAAAAAAA=".to_string();
        let to_sign = string_to_sign(URL, &params);
        let mut g = c.benchmark_group(name);
        g.bench_function("hmac-sha1 floor", |b| {
            b.iter(|| {
                let mut m = Hmac::<Sha1>::new_from_slice(TOKEN.as_bytes()).expect("any key length");
                m.update(black_box(to_sign.as_bytes()));
                black_box(m.finalize().into_bytes())
            })
        });
        g.bench_function("is_valid (decoded pairs)", |b| {
            b.iter(|| is_valid(TOKEN, black_box(&good), URL, black_box(&params)))
        });
        g.bench_function("is_valid_form_body (raw body)", |b| {
            b.iter(|| is_valid_form_body(TOKEN, black_box(&good), URL, black_box(body.as_bytes())))
        });
        g.bench_function("is_valid_form_body (raw body, invalid)", |b| {
            b.iter(|| is_valid_form_body(TOKEN, black_box(&bad), URL, black_box(body.as_bytes())))
        });
        for (label, sig) in [("valid", &good), ("invalid, with doctor", &bad)] {
            let tokens = [TOKEN.to_string()];
            g.bench_function(format!("verify ({label})"), |b| {
                b.iter(|| {
                    verify(&SignatureInput {
                        url: Some(URL),
                        method: Some("POST"),
                        content_type: Some("application/x-www-form-urlencoded"),
                        body: black_box(body.as_bytes()),
                        signature: Some(sig),
                        tokens: &tokens,
                        ..SignatureInput::default()
                    })
                })
            });
        }
        let plain = Options::default();
        g.bench_function("inspect (no signature)", |b| {
            b.iter(|| inspect(black_box(&body), &plain))
        });
        let signed = Options {
            url: Some(URL.into()),
            signature: Some(good.clone()),
            auth_tokens: vec![TOKEN.into()],
            ..Options::default()
        };
        g.bench_function("inspect (valid signature)", |b| {
            b.iter(|| inspect(black_box(&body), &signed))
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
