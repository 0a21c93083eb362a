//! Large pastes are inspected off the page's main thread, in a Web Worker that runs this same
//! wasm module (`www/worker.js`, driven by `worker.rs`), so typing and scrolling stay smooth
//! while a 10 MB paste is read. This module is the pure part, unit-tested natively: which
//! inputs go to the worker, the job the worker runs, and the reply the page reads back.
//!
//! The reply carries the whole report except the fields past the first [`SENT_FIELDS`] (the
//! fields table draws no more than that): a 10 MB form body has 320,000 fields, and moving
//! all of them between threads would cost more than inspecting them. What needs every field
//! (copying the report, a redacted share link) inspects the input again in full
//! ([`Shown::full`]): an explicit action on a rare input.

use std::rc::Rc;

use serde::{Deserialize, Serialize};
use twilio_webhook_inspector::{inspect, Options, Report};

/// Inputs of at least this many bytes are inspected in the worker (smaller ones take a few
/// milliseconds in the page, less than a round trip to the worker).
pub const OFFLOAD_BYTES: usize = 256 * 1024;

/// How many fields the fields table draws (and the worker sends back).
pub const SENT_FIELDS: usize = 500;

/// True when an input of `len` bytes is inspected in the worker.
pub fn wants_worker(len: usize) -> bool {
    len >= OFFLOAD_BYTES
}

/// A report with its fields cut to the first few, and how many were left out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Windowed {
    /// The report: every finding, count and verdict, and the first fields.
    pub report: Report,
    /// Fields of the report that are not in `report.fields`.
    pub omitted_fields: usize,
}

impl Windowed {
    /// Cuts `report`'s fields to the first `max`.
    pub fn of(mut report: Report, max: usize) -> Windowed {
        let omitted_fields = report.fields.len().saturating_sub(max);
        report.fields.truncate(max);
        Windowed {
            report,
            omitted_fields,
        }
    }
}

/// What the worker answers to job `seq`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reply {
    /// The job this answers (the page ignores answers to jobs it no longer wants).
    pub seq: u32,
    /// The report, or why there is none.
    pub outcome: Result<Windowed, String>,
}

/// The worker's job: `input` inspected with `options_json` (the page's [`Options`] as JSON),
/// answered as the JSON of a [`Reply`].
pub fn run(seq: u32, input: &str, options_json: &str) -> String {
    let outcome = serde_json::from_str::<Options>(options_json)
        .map_err(|e| format!("the worker could not read the page's options: {e}"))
        .map(|options| Windowed::of(inspect(input, &options), SENT_FIELDS));
    let reply = Reply { seq, outcome };
    serde_json::to_string(&reply).unwrap_or_else(|e| {
        let failed = Reply {
            seq,
            outcome: Err(format!("the worker could not write its report: {e}")),
        };
        serde_json::to_string(&failed).unwrap_or_default()
    })
}

/// Reads the worker's answer.
pub fn read_reply(text: &str) -> Result<Reply, String> {
    serde_json::from_str(text).map_err(|e| format!("the worker's answer could not be read: {e}"))
}

/// The options as the worker reads them.
pub fn options_json(options: &Options) -> String {
    serde_json::to_string(options).unwrap_or_default()
}

/// The report the page shows: computed in the page, or sent back by the worker (then
/// `omitted_fields` may be above zero), with the input it is the report of.
#[derive(Clone, PartialEq)]
pub struct Shown {
    /// The report drawn.
    pub report: Rc<Report>,
    /// Fields of the report the page does not hold (see [`Windowed`]).
    pub omitted_fields: usize,
    /// The size in bytes of an input the worker is inspecting now, if any (the report is
    /// then that of an empty input).
    pub pending: Option<usize>,
    /// What the background inspection failed with, if it did.
    pub failure: Option<String>,
    /// The input and options `report` is the report of.
    pub source: Rc<(String, Options)>,
}

impl Shown {
    /// The whole report, every field included: `report` itself when nothing was left out,
    /// otherwise the input inspected again (in the page: this is for explicit actions).
    pub fn full(&self) -> Rc<Report> {
        if self.omitted_fields == 0 {
            self.report.clone()
        } else {
            let (input, options) = &*self.source;
            Rc::new(inspect(input, options))
        }
    }
}

/// "9.9 MB", "300 KB": a size for people.
pub fn size_text(bytes: usize) -> String {
    const MB: f64 = 1024.0 * 1024.0;
    if bytes as f64 >= MB {
        format!("{:.1} MB", bytes as f64 / MB)
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn big_body(pairs: usize) -> String {
        let mut body = String::from("MessageSid=SM0123456789abcdef0123456789abcdef");
        for i in 0..pairs {
            body.push_str(&format!("&Note{i}=lorem+ipsum"));
        }
        body
    }

    #[test]
    fn only_large_inputs_go_to_the_worker() {
        assert!(!wants_worker(0));
        assert!(!wants_worker(OFFLOAD_BYTES - 1));
        assert!(wants_worker(OFFLOAD_BYTES));
    }

    #[test]
    fn the_reply_keeps_everything_but_the_fields_past_the_window() {
        let body = big_body(SENT_FIELDS + 40);
        let options = Options::default();
        let whole = inspect(&body, &options);
        let reply = read_reply(&run(7, &body, &options_json(&options))).unwrap();
        assert_eq!(reply.seq, 7);
        let w = reply.outcome.unwrap();
        assert_eq!(w.report.fields.len(), SENT_FIELDS);
        assert_eq!(w.omitted_fields, whole.fields.len() - SENT_FIELDS);
        assert_eq!(w.report.fields[..], whole.fields[..SENT_FIELDS]);
        assert_eq!(w.report.counts, whole.counts);
        assert_eq!(w.report.findings, whole.findings);
        assert_eq!(w.report.kind, whole.kind);
        assert_eq!(w.report.signature, whole.signature);
    }

    #[test]
    fn a_small_report_comes_back_whole() {
        let body = big_body(3);
        let options = Options {
            auth_tokens: vec!["12345".into()],
            url: Some("https://example.com/sms".into()),
            signature: Some("bad".into()),
            ..Options::default()
        };
        let reply = read_reply(&run(1, &body, &options_json(&options))).unwrap();
        let w = reply.outcome.unwrap();
        assert_eq!(w.omitted_fields, 0);
        assert_eq!(w.report, inspect(&body, &options));
    }

    #[test]
    fn unreadable_options_and_answers_are_errors_not_panics() {
        let reply = read_reply(&run(2, "A=1", "{not json")).unwrap();
        assert_eq!(reply.seq, 2);
        assert!(reply.outcome.unwrap_err().contains("options"));
        assert!(read_reply("").unwrap_err().contains("could not be read"));
    }

    #[test]
    fn full_inspects_again_only_when_fields_were_left_out() {
        let body = big_body(SENT_FIELDS + 5);
        let options = Options::default();
        let w = Windowed::of(inspect(&body, &options), SENT_FIELDS);
        let shown = Shown {
            report: Rc::new(w.report),
            omitted_fields: w.omitted_fields,
            pending: None,
            failure: None,
            source: Rc::new((body.clone(), options.clone())),
        };
        assert_eq!(
            shown.report.fields.len() + shown.omitted_fields,
            SENT_FIELDS + 6
        );
        assert_eq!(shown.full().fields.len(), SENT_FIELDS + 6);
        let whole = Shown {
            omitted_fields: 0,
            ..shown.clone()
        };
        assert!(Rc::ptr_eq(&whole.full(), &whole.report));
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size_text(300 * 1024), "300 KB");
        assert_eq!(size_text(10_380_942), "9.9 MB");
    }
}
