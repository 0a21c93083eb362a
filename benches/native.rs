//! Native benchmarks (criterion): `inspect` and signature verification per input, against
//! the bare HMAC-SHA1 of the same string-to-sign (the physical floor); and the TwiML lint of
//! a 10 KB voice document (`twiml` group). Run with
//! `cargo bench --bench native` (or `bash scripts/bench.sh`, which runs everything).

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use hmac::{Hmac, Mac};
use sha1::Sha1;
use twilio_webhook_inspector::response::{inspect_response, DocumentType, ResponseContext};
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

/// A voice document of about 10 KB: an IVR menu repeated (Say with SSML, Gather, Dial).
fn voice_document_10k() -> String {
    let block = r#"  <Gather input="dtmf speech" action="https://example.com/ivr/menu?step=STEP" method="POST" timeout="5" numDigits="1" language="en-US" hints="sales, support">
    <Say voice="Polly.Joanna" language="en-US">For sales, press 1. <break time="300ms"/> For <emphasis level="strong">support</emphasis>, press 2.</Say>
    <Play loop="1">https://example.com/audio/menu-STEP.mp3</Play>
  </Gather>
  <Dial timeout="20" callerId="+14155550100" record="record-from-answer" action="/ivr/after-dial"><Number statusCallbackEvent="initiated ringing answered" statusCallback="https://example.com/status">+14155550199</Number></Dial>
"#;
    let mut doc = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response>\n");
    let mut step = 0;
    while doc.len() < 10 * 1024 - 200 {
        doc.push_str(&block.replace("STEP", &step.to_string()));
        step += 1;
    }
    doc.push_str("  <Hangup/>\n</Response>\n");
    doc
}

fn bench_twiml(c: &mut Criterion) {
    let doc = voice_document_10k();
    let ctx = ResponseContext {
        kind: Some("voice-request".into()),
        url: Some("https://example.com/ivr/start".into()),
        document: DocumentType::Voice,
    };
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n\r\n{doc}");
    let mut g = c.benchmark_group("twiml");
    g.throughput(criterion::Throughput::Bytes(doc.len() as u64));
    g.bench_function("lint 10 KB voice document", |b| {
        b.iter(|| inspect_response(black_box(&doc), &ctx))
    });
    g.bench_function("lint 10 KB voice document (HTTP response)", |b| {
        b.iter(|| inspect_response(black_box(&http), &ctx))
    });
    g.finish();
}

criterion_group!(benches, bench, bench_twiml);
criterion_main!(benches);
