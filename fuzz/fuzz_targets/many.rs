//! The many-captures reader, the timeline over what it reads, and the diff of two halves
//! of the input, on arbitrary text. Oracles: every capture is read or reported (never
//! lost silently), the timeline accounts for every readable capture, and a capture
//! compared with itself has no field difference.
#![no_main]
use libfuzzer_sys::fuzz_target;
use twilio_webhook_inspector::timeline::{read_captures, timeline_of_text};
use twilio_webhook_inspector::{diff, Options};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let items: Vec<_> = read_captures(&text).take(2000).collect();
    if items.len() < 2000 {
        let t = timeline_of_text(&text);
        let readable = items.iter().filter(|i| i.is_ok()).count();
        assert_eq!(t.captures, readable, "the timeline lost or invented captures");
        assert_eq!(t.unreadable, items.len() - readable);
        let grouped: usize = t
            .groups
            .iter()
            .flat_map(|g| g.lanes.iter())
            .map(|l| l.entries.len())
            .sum();
        assert_eq!(grouped + t.ungrouped.len(), t.captures);
    }
    let mid = text.len() / 2;
    let cut = (mid..=text.len()).find(|&i| text.is_char_boundary(i)).unwrap_or(text.len());
    let (a, b) = text.split_at(cut);
    let _ = diff(a, b, &Options::default(), &Options::default());
    let same = diff(a, a, &Options::default(), &Options::default());
    assert!(same.fields.is_empty(), "a capture differs from itself");
});
