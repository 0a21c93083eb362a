//! The Node build's exports (feature `host-hmac`): the core writes the exact strings to
//! sign ([`signature::quick_host_strings`], [`signature::host_strings`]) and the HMAC-SHA1
//! key blocks, and `npm/shim/verify-node.js` runs two SHA-1 per string with node:crypto
//! (SHA instructions; WebAssembly has none) and compares the result with the header.
//!
//! The answer goes in a second buffer, so the arguments stay where they are for the core's
//! own check (`twv_verify`, `twv_validate`), which the host calls when a fallback is due.
//! Layout, little-endian `u32` words at the returned address, then the bytes they point to:
//!
//! | word | meaning |
//! |---|---|
//! | 0 | number of strings to sign `n` (1 or 2) |
//! | 1 | 1 when the core's own check must decide a token none of the strings matched |
//! | 2 | the answer when no token matched (packed verdict, or 0 for `validate`) |
//! | 3 | address of an 84-byte scratch area: outer key block, then the inner hash |
//! | 4 | number of tokens `t` |
//! | 5 + 2i, 6 + 2i | address and length of string `i` (its first 64 bytes are free for the inner key block), for `i < 2` |
//! | 9 + 2j, 10 + 2j | for token `j`: the answer when it matched, the address of its 128 key-block bytes (inner, outer) |

use std::cell::RefCell;

use twilio_webhook_inspector::signature::{
    self, hmac_sha1_key_blocks, HostRoute, HostStrings, UrlPlan, KEY_BLOCK,
};

use super::{text, validate_params, with_pieces, VerifyArgs};

thread_local! {
    /// The answer buffer (the arguments stay in the shared one).
    static OUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    /// The last URL's plan: a server checks the same URL request after request.
    static PLAN: RefCell<Option<UrlPlan>> = const { RefCell::new(None) };
}

/// Runs `f` with the plan of `url` (kept for the next call).
fn with_plan<R>(url: &str, f: impl FnOnce(&mut UrlPlan) -> R) -> R {
    PLAN.with(|cell| {
        let mut slot = cell.borrow_mut();
        let plan = match &mut *slot {
            Some(plan) if plan.url() == url => plan,
            other => other.insert(UrlPlan::new(url)),
        };
        f(plan)
    })
}

/// Words before the scratch area.
const HEADER: usize = 4 * 9;
/// The scratch area: an outer key block and a SHA-1.
const SCRATCH: usize = KEY_BLOCK + 20;

/// Lays out the answer for `tokens` (their answers when matched in `valid`) and the strings
/// `write` appends; returns its address, or 0 when `write` declines.
fn answer(
    tokens: &[&str],
    valid: impl Fn(usize) -> u32,
    mismatch: u32,
    write: impl FnOnce(&mut Vec<u8>) -> Option<HostStrings>,
) -> u32 {
    OUT.with(|cell| {
        let out = &mut *cell.borrow_mut();
        out.clear();
        let keys = HEADER + 8 * tokens.len() + SCRATCH;
        out.resize(keys, 0);
        for token in tokens {
            out.extend_from_slice(&hmac_sha1_key_blocks(token));
        }
        let Some(strings) = write(out) else {
            return 0;
        };
        let base = out.as_ptr() as usize as u32;
        let mut words: Vec<u32> = vec![
            strings.count as u32,
            u32::from(strings.fallback),
            mismatch,
            base.wrapping_add((keys - SCRATCH) as u32),
            tokens.len() as u32,
        ];
        for (start, end) in strings.ranges {
            words.extend([base.wrapping_add(start as u32), (end - start) as u32]);
        }
        for j in 0..tokens.len() {
            words.extend([
                valid(j),
                base.wrapping_add((keys + 2 * KEY_BLOCK * j) as u32),
            ]);
        }
        for (i, w) in words.iter().enumerate() {
            if let Some(slot) = out.get_mut(i * 4..i * 4 + 4) {
                slot.copy_from_slice(&w.to_le_bytes());
            }
        }
        base
    })
}

/// `verifySignature`'s host route: the pieces of `twv_verify`. Returns the address of the
/// answer (module docs), or 0 when the core decides alone (no signature or token,
/// SharedKey HMAC-SHA256, a body signed through `bodySHA256`): then call `twv_verify`.
#[allow(unsafe_code)] // `no_mangle` only.
#[no_mangle]
pub extern "C" fn twv_host_verify(count: u32) -> u32 {
    with_pieces(count, |p| {
        let a = VerifyArgs::read(p);
        let r = a.request();
        let pack = |token| signature::packed::pack(&signature::host_verdict(token));
        let at = answer(
            &a.tokens,
            |j| pack(Some(j)),
            pack(None),
            |out| match with_plan(r.url, |plan| {
                signature::quick_host_strings(&a.tokens, &r, plan, out)
            }) {
                HostRoute::Strings(s) => Some(s),
                HostRoute::Decided(_) | HostRoute::Core => None,
            },
        );
        (at, None)
    })
}

/// `validateRequest`'s host route: the pieces of `twv_validate`. Returns the address of
/// the answer (1 when valid, 0 when not), or 0 when the NUL-joined piece does not split
/// into `flat_parts` pieces (then call `twv_validate`).
#[allow(unsafe_code)] // `no_mangle` only.
#[no_mangle]
pub extern "C" fn twv_host_validate(count: u32, flat_parts: u32) -> u32 {
    with_pieces(count, |p| {
        let at = |i: usize| text(p.get(i).copied().unwrap_or(&[]));
        let Some(params) = validate_params(p, flat_parts) else {
            return (0, None);
        };
        let url = at(2);
        let answer = answer(
            &[at(0)],
            |_| 1,
            0,
            |out| {
                Some(with_plan(url, |plan| {
                    signature::host_strings(plan, &params, out)
                }))
            },
        );
        (answer, None)
    })
}
