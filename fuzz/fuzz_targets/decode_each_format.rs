//! Every decoder forced on the same text: form, query, URL, raw HTTP, curl, JSON, HAR, XML.
//! The first byte picks the decoder so the corpus specialises per format.
//! The body and its assertions are `oracles::decode_each_format`, shared with the regression replay in
//! `tests/it/hostile.rs`.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[allow(dead_code)] // each target uses one entry of the shared file
#[path = "oracles.rs"]
mod oracles;

fuzz_target!(|data: &[u8]| oracles::decode_each_format(data));
