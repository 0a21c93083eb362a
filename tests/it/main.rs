//! One integration-test binary (see ARCHITECTURE.md). Each module is a family of
//! data-driven tests.

/// The catalog covers every parameter named in the seed documents; table hygiene.
mod catalog;
/// The command line: exit codes, JSON, batch.
mod cli;
/// Input decoding vectors: every format, nasty input.
mod decode;
/// Hostile input: property tests, size and depth limits, secrets never in outputs.
mod hostile;
/// End-to-end inspection vectors: kinds, fields and finding codes.
mod inspect;
/// The response side: TwiML vectors, schema coverage, generated tables, connection overrides.
mod response;
/// Signature vectors from the official libraries, and the signature doctor.
mod signature;
