//! The unwrap layer and the literal readers (issue 11 "paste anything"): the first byte picks
//! a wrapper written before every line of the rest (comment markers, quotes, log prefixes,
//! line numbers; the high bit adds a markdown fence), then both the bare and the wrapped
//! text are decoded. Oracles: no panic, every finding's `at` inside the text, nothing lost
//! (pairs, or the text kept, or a finding saying why), every value kept as an expression
//! explained by a `non-literal-value` finding about it.
#![no_main]
use libfuzzer_sys::fuzz_target;
use twilio_webhook_inspector::{decode, Code};

const WRAPPERS: [&str; 12] = [
    "",
    "// ",
    "# ",
    "> ",
    " * ",
    "-- ",
    "2024-03-01T12:00:00.123Z ",
    "web.1  | ",
    "app[web.1]: ",
    "INFO: ",
    "[2024-03-01 12:00:00] ",
    "body: ",
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let inner = String::from_utf8_lossy(rest);
    let prefix = WRAPPERS[usize::from(pick & 0x7f) % WRAPPERS.len()];
    let mut wrapped: String = inner.lines().map(|l| format!("{prefix}{l}\n")).collect();
    if pick & 0x80 != 0 {
        wrapped = format!("```\n{wrapped}```\n");
    }
    for text in [&*inner, wrapped.as_str()] {
        let d = decode(text, None);
        for f in &d.findings {
            if let Some(at) = f.at {
                assert!(
                    at <= text.len(),
                    "{:?} at {at} past {} bytes",
                    f.code,
                    text.len()
                );
            }
        }
        assert!(
            !d.pairs.is_empty() || d.body.is_some() || d.url.is_some() || !d.findings.is_empty()
            // An empty query (`?`) has nothing to lose.
            || text.trim().trim_start_matches('?').trim().is_empty()
        );
        for p in d.pairs.iter().filter(|p| p.non_literal) {
            assert!(d
                .findings
                .iter()
                .any(|f| f.code == Code::NonLiteralValue
                    && f.param.as_deref() == Some(p.name.as_str())));
        }
    }
});
