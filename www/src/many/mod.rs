//! Many captures in one paste: whether the paste holds more than one (the core's reader
//! decides), their timeline (the core's `timeline`), and the picture the timeline view draws
//! of it. Pure, unit-tested natively; the component is `components::timeline`.
//!
//! - this file: reading a paste as many captures ([`read`]) and the warm-up;
//! - [`layout`]: the picture — groups nested under their parents, one lane per lifecycle,
//!   each callback a mark placed on the lane's time axis;
//! - [`problems`]: the problems listed under the picture, and the orderings used;
//! - [`keys`]: which mark an arrow key moves to;
//! - [`words`]: how the view says things (counts, ordinals, a mark's description);
//! - [`ui`]: the view's controls, and a capture opened in the inspector;
//! - [`open`]: a capture as the inspector's inputs (what "open" and "Compare" carry);
//! - [`redaction`]: redacting many captures with one mapping.

mod keys;
mod layout;
mod open;
mod problems;
mod redaction;
mod ui;
mod words;

use twilio_webhook_inspector::timeline::{
    detect_many, entry_of, read_captures, Capture, ManyFormat, Timeline, TimelineBuilder,
};
use twilio_webhook_inspector::Options;

// The view's vocabulary, under one name (`many::…`); the browser-only UI uses all of it.
#[cfg_attr(not(target_arch = "wasm32"), allow(unused_imports))]
pub use self::{
    keys::next_mark,
    layout::{picture, Axis, GroupView, Mark},
    open::{capture_name, shared_of},
    problems::{orderings, problems, Problem},
    redaction::{merged_report, redact_many},
    ui::{Opened, Stash, Ui, UiAction},
    words::{
        format_name, mark_details, object_name, ordered_by_name, orderings_words, picked_words,
        plural, read_as_words, span_words, truncated_words,
    },
};

/// Groups drawn at first, and added by each "Show more".
pub const PAGE: usize = 50;

/// Problems listed at first, and added by each "Show more".
pub const PROBLEM_PAGE: usize = 50;

/// The most captures the web app reads from one paste (~1 s of inspecting in the browser);
/// the CLI's `timeline` reads any number.
pub const MAX_CAPTURES: usize = 10_000;

/// A paste that holds more than one capture, read and built into a timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Many {
    /// How the paste was recognised.
    pub format: ManyFormat,
    /// The readable captures, in input order (an entry's `index` points here).
    pub captures: Vec<Capture>,
    /// The core's timeline of them.
    pub timeline: Timeline,
    /// The paste holds more than [`MAX_CAPTURES`] captures: only the first ones were read.
    pub truncated: bool,
}

/// Reads `text` as many captures. `None` when it holds one capture (or none): the
/// single-capture inspector shows it then. A forced format or kind means the user wants one
/// request inspected, so those are never read as many.
pub fn read(text: &str, options: &Options) -> Option<Many> {
    read_at_most(text, options, MAX_CAPTURES)
}

fn read_at_most(text: &str, options: &Options, max: usize) -> Option<Many> {
    if options.format.is_some() || options.kind.is_some() {
        return None;
    }
    if detect_many(text) == ManyFormat::Single {
        return None;
    }
    let items = read_captures(text);
    let format = items.format();
    // Split first (cheap), inspect only when there is more than one.
    let mut items: Vec<_> = items.take(max.saturating_add(1)).collect();
    if items.len() < 2 {
        return None;
    }
    let truncated = items.len() > max;
    items.truncate(max);
    let mut b = TimelineBuilder::new();
    b.format = Some(format);
    let mut captures = Vec::with_capacity(items.len());
    for item in items {
        match item {
            Ok(c) => {
                b.push_entry(entry_of(&c));
                captures.push(c);
            }
            Err(e) => b.push_error(e),
        }
    }
    Some(Many {
        format,
        captures,
        timeline: b.finish(),
        truncated,
    })
}

/// Reads a small generated log (40 message status callbacks, one out of order, one queued only)
/// and draws it, discarding the result: run once while the page is idle, so the browser has
/// compiled the timeline's code before the first real paste (wasm functions are compiled
/// when first called, and optimised once they run hot).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // used by the browser-only UI
pub fn warm_up() -> usize {
    let mut log = String::with_capacity(40 * 200);
    for i in 0..40usize {
        let (sid, status) = (i / 3, ["queued", "sent", "delivered"][i % 3]);
        let status = match i {
            4 => "delivered",
            5 => "sent",
            _ => status,
        };
        log.push_str(&format!(
            "2025-01-01T00:00:{:02}.{:03}Z POST /status MessageSid=SM{sid:032x}&MessageStatus={status}&AccountSid=AC{:032x}&To=%2B14155550100&ApiVersion=2010-04-01\n",
            i / 10,
            i * 7 % 1000,
            1
        ));
    }
    read(&log, &Options::default()).map_or(0, |m| {
        let groups = picture(&m.timeline);
        problems(&m.timeline, &groups).len() + groups.len()
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The e2e tests' sample log: a `<Dial>` with two child legs, an SMS whose `delivered`
    /// arrived before `sent`, and a retried `delivered`.
    pub(crate) const SAMPLE: &str = include_str!("../../../tests/e2e/fixtures/timeline.log");

    pub(crate) fn sample() -> Many {
        read(SAMPLE, &Options::default()).expect("the sample holds many captures")
    }

    #[test]
    fn one_capture_is_not_many() {
        let o = Options::default();
        assert!(read("MessageSid=SM1&MessageStatus=sent", &o).is_none());
        assert!(read("", &o).is_none());
        assert!(read(
            "POST /sms HTTP/1.1\nHost: example.com\nContent-Type: application/x-www-form-urlencoded\n\nBody=hi&From=%2B14155550100",
            &o
        )
        .is_none());
        for ex in crate::examples::EXAMPLES {
            assert!(
                read(ex.input, &o).is_none(),
                "example {} is one capture",
                ex.id
            );
        }
        // A forced format means "inspect this as one request".
        let forced = Options {
            format: Some(twilio_webhook_inspector::InputFormat::Form),
            ..Options::default()
        };
        assert!(read(SAMPLE, &forced).is_none());
    }

    #[test]
    fn the_warm_up_reads_a_timeline() {
        // 14 messages; the second's delivered came before sent, the last one is queued only.
        assert_eq!(warm_up(), 14 + 2);
    }

    #[test]
    fn huge_pastes_are_read_up_to_a_limit() {
        let o = Options::default();
        let m = read_at_most(SAMPLE, &o, 5).unwrap();
        assert!(m.truncated);
        assert_eq!(m.captures.len(), 5);
        assert_eq!(m.timeline.captures, 5);
        assert!(!sample().truncated);
    }

    #[test]
    fn unreadable_and_ungrouped_captures_are_shown() {
        let text = "{\"input\":\"CallSid=CA0123456789abcdef0123456789abcdef&CallStatus=ringing\"}\n{\"input\": oops\n{\"input\":\"Body=hello&From=%2B14155550100\"}\n";
        let m = read(text, &Options::default()).unwrap();
        assert_eq!(m.format, ManyFormat::JsonLines);
        assert_eq!(m.captures.len(), 2);
        let g = picture(&m.timeline);
        assert_eq!(g.last().unwrap().sid, "Other requests");
        let p = problems(&m.timeline, &g);
        assert_eq!(p[0].finding.code.id(), "capture-unreadable");
    }
}
