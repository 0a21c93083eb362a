//! The whole pipeline with signature checking (and the doctor on failure): the text is the
//! request, with a URL, a signature and two tokens given as options.
//! The body and its assertions are `oracles::inspect_signed`, shared with the regression replay in
//! `tests/it/hostile.rs`.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[allow(dead_code)] // each target uses one entry of the shared file
#[path = "oracles.rs"]
mod oracles;

fuzz_target!(|data: &[u8]| oracles::inspect_signed(data));
