//! How the timeline view says things: format and ordering names, spans on an axis.

use twilio_webhook_inspector::timeline::{ManyFormat, OrderedBy};

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_read_well() {
        assert_eq!(span_words(40), "+0.0 s");
        assert_eq!(span_words(1_240), "+1.2 s");
        assert_eq!(span_words(68_000), "+68 s");
        assert_eq!(span_words(185_000), "+3 min 5 s");
        assert_eq!(span_words(7_440_000), "+2 h 4 min");
    }
}
