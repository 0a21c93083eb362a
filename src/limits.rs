//! Limits every door shares, kept apart so that the readers and the report types can use
//! them without depending on each other.

/// The largest input accepted (10 MiB). Larger pastes are refused with `input-too-large`.
pub const MAX_INPUT_BYTES: usize = 10 * 1024 * 1024;
