//! Redacting many captures (or both sides of a comparison) with one mapping of phone
//! numbers, so that the redacted text still reads as the same timeline.

use std::collections::HashSet;

use twilio_webhook_inspector::timeline::read_captures;
use twilio_webhook_inspector::{Field, Options, Report};

use crate::redact::{self, Redaction};
use crate::share::Shared;

/// A report whose fields are those of every report given, each (name, raw value) once, in
/// order of appearance: what redaction needs to redact many captures (or both sides of a
/// comparison) with one consistent mapping of phone numbers.
pub fn merged_report<'r>(reports: impl IntoIterator<Item = &'r Report>) -> Report {
    let mut out = twilio_webhook_inspector::inspect("", &Options::default());
    let mut seen: HashSet<(String, String)> = HashSet::new();
    let mut fields: Vec<Field> = Vec::new();
    for r in reports {
        for f in &r.fields {
            if seen.insert((f.name.clone(), f.raw_value.clone())) {
                fields.push(f.clone());
            }
        }
    }
    out.fields = fields;
    out
}

/// Redacts a timeline's share payload: every capture is inspected and their fields guide
/// one redaction of the whole text.
pub fn redact_many(shared: &Shared) -> Redaction {
    let reports: Vec<Report> = read_captures(&shared.input)
        .flatten()
        .map(|c| twilio_webhook_inspector::inspect(&c.input, &c.inspect_options()))
        .collect();
    redact::redact(shared, &merged_report(&reports))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::many::tests::SAMPLE;
    use crate::many::{picture, read};

    #[test]
    fn redaction_covers_every_capture_with_one_mapping() {
        let shared = Shared {
            input: SAMPLE.to_string(),
            ..Shared::default()
        };
        let r = redact_many(&shared);
        assert!(!r.shared.input.contains("4155550199"), "{}", r.shared.input);
        assert!(!r.shared.input.contains("4155550142"));
        assert!(r.leftovers.is_empty(), "{:?}", r.leftovers);
        // Still many captures, still the same groups.
        let m = read(&r.shared.input, &Options::default()).unwrap();
        assert_eq!(m.captures.len(), 14);
        assert_eq!(picture(&m.timeline).len(), 5);
    }
}
