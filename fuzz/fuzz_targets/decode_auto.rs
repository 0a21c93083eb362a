//! Format detection plus whichever decoder it picks, on arbitrary text.
//! The body and its assertions are `oracles::decode_auto`, shared with the regression replay in
//! `tests/it/hostile.rs`.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[allow(dead_code)] // each target uses one entry of the shared file
#[path = "oracles.rs"]
mod oracles;

fuzz_target!(|data: &[u8]| oracles::decode_auto(data));
