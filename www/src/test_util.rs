//! Helpers shared by the unit tests.

/// The `Content-Length` a pasted request or response head declares (panics without one:
/// the tests only call it on heads that have it).
pub fn content_length(head: &str) -> usize {
    head.lines()
        .find_map(|l| l.strip_prefix("Content-Length: "))
        .expect("a Content-Length header")
        .trim()
        .parse()
        .expect("a number")
}
