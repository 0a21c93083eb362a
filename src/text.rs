//! Small string helpers shared by the signature code.

use std::slice::SliceIndex;

/// `&s[range]`, or `""` when the range is not on character boundaries or out of bounds.
///
/// The signature code cuts URLs and form bodies only at indices found by searching for
/// ASCII bytes, so the fallback never happens there; using this instead of indexing keeps
/// the standard library's slice-error formatting (about 3 KB of code) out of the npm verify
/// entry's module, which has a 40 KB budget.
pub(crate) fn part<R: SliceIndex<str, Output = str>>(s: &str, range: R) -> &str {
    s.get(range).unwrap_or("")
}
