//! One integration-test binary (see ARCHITECTURE.md). Each module is a family of
//! data-driven tests.

/// The catalog covers every parameter named in the seed documents; table hygiene.
mod catalog;
/// The command line: exit codes, JSON, batch.
mod cli;
/// The real-capture corpus: public captures, expected kinds and findings.
mod corpus;
/// Input decoding vectors: every format, nasty input.
mod decode;
/// Diffs of two captures: field changes and what breaks the signature.
mod diff;
/// The signature doctor: one mistake per case, the diagnosis it must give first.
mod doctor;
/// The signature doctor on generated requests: many requests per real-world mistake.
mod doctor_generated;
/// Hostile input: property tests, size and depth limits, secrets never in outputs.
mod hostile;
/// End-to-end inspection vectors: kinds, fields and finding codes.
mod inspect;
/// `listen` and `replay` against a live local app: forwarding, signatures, records, faults.
mod listen;
/// The response side: TwiML vectors, schema coverage, generated tables, connection overrides.
mod response;
/// The parameter names a seed document defines.
mod seed_names;
/// Signature vectors from the official libraries, and the signature doctor.
mod signature;
/// The one loader of the TOML vector files.
mod vectors;

/// The kind ids the detector may report, from the catalog: every kind's `reported_as`
/// (sorted, distinct), plus `unknown`. The one list of kind ids the tests use.
pub(crate) fn reportable_kind_ids() -> Vec<&'static str> {
    let mut ids: Vec<&'static str> = twilio_webhook_inspector::catalog::KINDS
        .iter()
        .map(|k| k.reported_as)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids.push("unknown");
    ids
}
/// Timelines of many captures: grouping, order and lifecycle findings.
mod timeline;
/// Generated call and message lifecycles, delivered in order, shuffled, retried, cut short.
mod timeline_generated;
