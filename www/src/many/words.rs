//! How the timeline view says things: format and ordering names, spans on an axis, counts,
//! ordinals, what a mark says to a screen reader, the summary line and the picked marks.

use twilio_webhook_inspector::timeline::{GroupObject, ManyFormat, OrderedBy};

use super::layout::{GroupView, Mark};
use super::{capture_name, orderings, Many};

/// Human name of a many-capture format.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // used by the browser-only UI
pub fn format_name(f: ManyFormat) -> &'static str {
    match f {
        ManyFormat::JsonLines => "JSON Lines",
        ManyFormat::JsonArray => "a JSON array",
        ManyFormat::Har => "a HAR file",
        ManyFormat::Http => "raw HTTP requests",
        ManyFormat::Log => "a server log",
        ManyFormat::CallEvents => "Call Events (Twilio's call event resource)",
        ManyFormat::EventStreams => "Event Streams CloudEvents",
        ManyFormat::Debugger => "Debugger events",
        ManyFormat::Csv => "a CSV export",
        ManyFormat::Postman => "a Postman collection",
        ManyFormat::Single => "one capture",
    }
}

/// How an ordering is said in the view.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // used by the browser-only UI
pub fn ordered_by_name(o: OrderedBy) -> &'static str {
    match o {
        OrderedBy::SequenceNumber => "SequenceNumber",
        OrderedBy::Timestamp => "Twilio's Timestamp",
        OrderedBy::ReceivedAt => "receive time",
        OrderedBy::InputOrder => "input order",
    }
}

/// `+1.2 s`, `+45 s`, `+3 min 5 s`, `+2 h 4 min`: a span on an axis.
pub fn span_words(ms: i64) -> String {
    let ms = ms.max(0);
    if ms < 10_000 {
        return format!("+{:.1} s", ms as f64 / 1000.0);
    }
    let s = ms / 1000;
    match s {
        0..=119 => format!("+{s} s"),
        120..=7199 => format!("+{} min {} s", s / 60, s % 60),
        _ => format!("+{} h {} min", s / 3600, (s / 60) % 60),
    }
}

/// `1 capture`, `2,000 captures`: a count with thousands separators and its noun.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    let digits = n.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{grouped} {}", if n == 1 { one } else { many })
}

/// `1st`, `2nd`, `11th`, `23rd`.
pub fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// What a group follows, as its chip says it.
pub fn object_name(o: Option<GroupObject>) -> &'static str {
    match o {
        Some(GroupObject::Call) => "call",
        Some(GroupObject::Message) => "message",
        Some(GroupObject::Conference) => "conference",
        Some(GroupObject::Other) => "other",
        None => "requests",
    }
}

/// Everything a mark says, for screen readers and the tooltip (after its visible label);
/// `reordered`: its lane's arrival order differs from the lane's order.
pub fn mark_details(m: &Mark, reordered: bool) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(s) = m.sequence {
        parts.push(format!("SequenceNumber {s}"));
    }
    if let Some(t) = &m.time {
        parts.push(t.clone());
    }
    if reordered {
        parts.push(format!("arrived {}", ordinal(m.arrived)));
    }
    if !m.codes.is_empty() {
        parts.push(format!("problems: {}", m.codes.join(", ")));
    }
    if m.report_errors > 0 {
        parts.push(plural(
            m.report_errors,
            "error in the request",
            "errors in the request",
        ));
    }
    parts.push(m.place.clone());
    parts.join(", ")
}

/// `SequenceNumber (2 lanes), receive time (4 lanes)`: the orderings the lanes used.
pub fn orderings_words(groups: &[GroupView]) -> String {
    orderings(groups)
        .into_iter()
        .map(|(o, n)| format!("{} ({})", ordered_by_name(o), plural(n, "lane", "lanes")))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `14 captures read as a server log`: the start of the summary line.
pub fn read_as_words(many: &Many) -> String {
    let t = &many.timeline;
    format!(
        "{} read as {}",
        plural(t.captures + t.unreadable, "capture", "captures"),
        format_name(many.format)
    )
}

/// What the picked-marks note says: the places of the picked captures, or what to do.
pub fn picked_words(many: &Many, picked: &[usize]) -> String {
    let names: Vec<String> = picked
        .iter()
        .filter_map(|&i| many.captures.get(i).map(|c| capture_name(c, i)))
        .collect();
    if names.is_empty() {
        "Pick two marks.".to_string()
    } else {
        format!("Picked: {}", names.join(" and "))
    }
}

/// What the note under a paste of too many captures says.
pub fn truncated_words() -> String {
    format!(
        "Only the first {} captures are read here; the CLI's `timeline` command reads any number.",
        plural(super::MAX_CAPTURES, "", "").trim_end()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::many::tests::sample;

    #[test]
    fn spans_read_well() {
        assert_eq!(span_words(40), "+0.0 s");
        assert_eq!(span_words(1_240), "+1.2 s");
        assert_eq!(span_words(68_000), "+68 s");
        assert_eq!(span_words(185_000), "+3 min 5 s");
        assert_eq!(span_words(7_440_000), "+2 h 4 min");
    }

    #[test]
    fn counts_and_ordinals() {
        assert_eq!(plural(1, "capture", "captures"), "1 capture");
        assert_eq!(plural(0, "capture", "captures"), "0 captures");
        assert_eq!(plural(999, "lane", "lanes"), "999 lanes");
        assert_eq!(plural(2_000, "capture", "captures"), "2,000 captures");
        assert_eq!(plural(1_234_567, "x", "xs"), "1,234,567 xs");
        assert_eq!(truncated_words(), "Only the first 10,000 captures are read here; the CLI's `timeline` command reads any number.");
        let o: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111]
            .map(ordinal)
            .into();
        assert_eq!(
            o,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd",
                "101st", "111th"
            ]
        );
        assert_eq!(object_name(Some(GroupObject::Conference)), "conference");
        assert_eq!(object_name(None), "requests");
    }

    #[test]
    fn the_sample_in_words() {
        let m = sample();
        let groups = crate::many::picture(&m.timeline);
        assert_eq!(read_as_words(&m), "14 captures read as a server log");
        assert_eq!(
            orderings_words(&groups),
            "SequenceNumber (2 lanes), receive time (4 lanes)"
        );
        // The first leg's `initiated` arrived second.
        let lane = &groups[1].lanes[0];
        assert_eq!(
            mark_details(&lane.marks[0], lane.reordered),
            "SequenceNumber 0, Tue, 03 Jun 2025 10:00:01 +0000, arrived 2nd, problems: timeline-out-of-order, line 3"
        );
        assert_eq!(mark_details(&lane.marks[0], false), "SequenceNumber 0, Tue, 03 Jun 2025 10:00:01 +0000, problems: timeline-out-of-order, line 3");
        assert_eq!(picked_words(&m, &[]), "Pick two marks.");
        assert_eq!(picked_words(&m, &[11, 13]), "Picked: line 12 and line 14");
        assert_eq!(
            picked_words(&m, &[11, 9999]),
            "Picked: line 12",
            "a pick past the end is not named"
        );
    }
}
