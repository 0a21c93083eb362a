//! The `twilio-webhook-inspector` command line (placeholder).
fn main() {}
