//! When the inspector re-reads the input while the user types: at once for small inputs
//! and for pastes, after a pause in typing for large ones (a 2,000-field body costs ~200 ms
//! per pass). Pure, unit-tested natively; the app's `use_settled_input` hook applies it.

/// Inputs at least this long are inspected after a short pause in typing.
pub const DEBOUNCE_FROM: usize = 8_000;

/// A change of at least this many characters at once is a paste (or a cut), not typing: it is
/// inspected at once.
pub const PASTE_JUMP: usize = 256;

/// How long typing must pause before a large input is inspected, in milliseconds.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // used by the browser-only UI
pub const PAUSE_MS: u64 = 200;

/// When an input of `len` bytes, `was` bytes before this change, is inspected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// Now, on this keystroke (small inputs).
    Now,
    /// Now, though large: the change was a paste or a cut.
    Pasted,
    /// Once typing pauses for [`PAUSE_MS`].
    AfterPause,
}

/// When the input is inspected after a change from `was` to `len` bytes.
pub fn when(len: usize, was: usize) -> When {
    if len < DEBOUNCE_FROM {
        When::Now
    } else if len.abs_diff(was) >= PASTE_JUMP {
        When::Pasted
    } else {
        When::AfterPause
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_inputs_and_pastes_at_once_large_typing_after_a_pause() {
        assert_eq!(when(10, 9), When::Now);
        assert_eq!(when(DEBOUNCE_FROM - 1, 0), When::Now);
        assert_eq!(when(DEBOUNCE_FROM, 0), When::Pasted);
        assert_eq!(when(DEBOUNCE_FROM + 1, DEBOUNCE_FROM), When::AfterPause);
        assert_eq!(when(50_000, 50_000 - PASTE_JUMP), When::Pasted);
        assert_eq!(when(50_000 - PASTE_JUMP, 50_000), When::Pasted, "a cut");
        assert_eq!(when(50_000, 50_000 - PASTE_JUMP + 1), When::AfterPause);
    }
}
