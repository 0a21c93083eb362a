//! The unwrap layer and the literal readers (issue 11 "paste anything"): the first byte picks
//! a wrapper written before every line of the rest (comment markers, quotes, log prefixes,
//! line numbers; the high bit adds a markdown fence), then both the bare and the wrapped
//! text are decoded. Oracles: no panic, every finding's `at` inside the text, nothing lost
//! (pairs, or the text kept, or a finding saying why), every value kept as an expression
//! explained by a `non-literal-value` finding about it.
//! The body and its assertions are `oracles::unwrap_literals`, shared with the regression
//! replay in `tests/it/hostile.rs`.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "oracles.rs"]
mod oracles;

fuzz_target!(|data: &[u8]| oracles::unwrap_literals(data));
