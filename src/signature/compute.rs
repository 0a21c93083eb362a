//! The HMAC core: keyed MACs, parameter ordering, base64 and constant-time comparison.
//!
//! Nothing here allocates per candidate: a URL candidate is fed to the MAC as up to three
//! string pieces, and the parameters are fed in sorted order through an index list.

use core::cmp::Ordering;
use std::borrow::Cow;

use hmac::{Hmac, Mac};
use sha1::Sha1;
use sha2::Sha256;
use subtle::ConstantTimeEq;

use super::{Algorithm, KeyOrder};

/// A MAC keyed with one token, ready to be cloned per candidate.
#[derive(Clone)]
pub(crate) enum Keyed {
    Sha1(Hmac<Sha1>),
    Sha256(Hmac<Sha256>),
}

impl Keyed {
    /// Keys a MAC with the token's UTF-8 bytes.
    pub(crate) fn new(token: &str, alg: Algorithm) -> Keyed {
        let key = token.as_bytes();
        match alg {
            // HMAC accepts keys of any length, so `new_from_slice` cannot fail; the
            // fallback only keeps the code free of panics.
            Algorithm::HmacSha1 => Keyed::Sha1(
                <Hmac<Sha1> as Mac>::new_from_slice(key)
                    .unwrap_or_else(|_| <Hmac<Sha1> as Mac>::new(&Default::default())),
            ),
            Algorithm::HmacSha256 => Keyed::Sha256(
                <Hmac<Sha256> as Mac>::new_from_slice(key)
                    .unwrap_or_else(|_| <Hmac<Sha256> as Mac>::new(&Default::default())),
            ),
        }
    }

    pub(crate) fn update(&mut self, data: &[u8]) {
        match self {
            Keyed::Sha1(m) => m.update(data),
            Keyed::Sha256(m) => m.update(data),
        }
    }

    pub(crate) fn finish(self) -> MacOut {
        let mut out = MacOut {
            bytes: [0; 32],
            len: 0,
        };
        match self {
            Keyed::Sha1(m) => {
                let b = m.finalize().into_bytes();
                out.bytes[..20].copy_from_slice(&b);
                out.len = 20;
            }
            Keyed::Sha256(m) => {
                let b = m.finalize().into_bytes();
                out.bytes.copy_from_slice(&b);
                out.len = 32;
            }
        }
        out
    }
}

/// A finished MAC (20 bytes for SHA-1, 32 for SHA-256).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct MacOut {
    bytes: [u8; 32],
    len: usize,
}

impl MacOut {
    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }

    /// Standard base64 with padding, on the stack. Written out (a dozen lines) rather than
    /// through the `base64` crate's generic engine, which weighs ~3 KB in the npm verify
    /// module.
    pub(crate) fn b64(&self) -> B64 {
        const ALPHABET: &[u8; 64] =
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut buf = [0u8; 44];
        let mut len = 0;
        for (chunk, out) in self.as_bytes().chunks(3).zip(buf.chunks_exact_mut(4)) {
            let byte = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
            let v = byte(0) << 16 | byte(1) << 8 | byte(2);
            for (i, o) in out.iter_mut().enumerate() {
                *o = if i <= chunk.len() {
                    ALPHABET[(v >> (18 - 6 * i)) as usize & 63]
                } else {
                    b'='
                };
            }
            len += 4;
        }
        B64 { buf, len }
    }

    /// Node/python comparison of the header with this MAC's base64: lengths first, then a
    /// constant-time byte compare. No trimming, no case folding.
    pub(crate) fn matches_header(&self, header: &[u8]) -> bool {
        let b = self.b64();
        ct_eq(b.as_bytes(), header)
    }

    pub(crate) fn to_b64_string(self) -> String {
        String::from_utf8_lossy(self.b64().as_bytes()).into_owned()
    }
}

/// A base64 signature held on the stack.
pub(crate) struct B64 {
    buf: [u8; 44],
    len: usize,
}

impl B64 {
    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

/// Length check, then constant-time compare (what node 6.x and python do).
pub(crate) fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && bool::from(a.ct_eq(b))
}

/// Lower-case hex SHA-256 of `data` (what Twilio puts in `bodySHA256`).
pub(crate) fn sha256_hex(data: &[u8]) -> String {
    use sha2::Digest;
    let d = Sha256::digest(data);
    hex_lower(&d)
}

pub(crate) fn hex_lower(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(HEX[(b >> 4) as usize] as char);
        s.push(HEX[(b & 15) as usize] as char);
    }
    s
}

/// JavaScript's default string comparison: by UTF-16 code unit.
///
/// UTF-8 byte order equals code point order; UTF-16 order differs only where a
/// supplementary-plane character (UTF-8 lead byte F0–F4) meets one in U+E000–U+FFFF (lead
/// byte EE–EF): there the surrogate (D800–DBFF) sorts first.
pub(crate) fn cmp_utf16(a: &str, b: &str) -> Ordering {
    cmp_utf16_bytes(a.as_bytes(), b.as_bytes())
}

/// [`cmp_utf16`] on the UTF-8 bytes of two strings.
fn cmp_utf16_bytes(ab: &[u8], bb: &[u8]) -> Ordering {
    match ab.iter().zip(bb).position(|(x, y)| x != y) {
        None => ab.len().cmp(&bb.len()),
        Some(i) => {
            let (x, y) = (ab[i], bb[i]);
            let high_bmp = |c: u8| c == 0xEE || c == 0xEF;
            if x >= 0xF0 && high_bmp(y) {
                Ordering::Less
            } else if high_bmp(x) && y >= 0xF0 {
                Ordering::Greater
            } else {
                x.cmp(&y)
            }
        }
    }
}

/// Compares two strings in the given order.
#[cfg(test)]
pub(crate) fn cmp_str(order: KeyOrder, a: &str, b: &str) -> Ordering {
    match order {
        KeyOrder::Utf16 => cmp_utf16(a, b),
        KeyOrder::CodePoint => a.as_bytes().cmp(b.as_bytes()),
    }
}

/// True when the two orders can disagree for this set of strings: some string holds a
/// supplementary-plane char and some string holds a char in U+E000..=U+FFFF.
pub(crate) fn orders_may_differ<'a>(strings: impl Iterator<Item = &'a str>) -> bool {
    let (mut supp, mut high_bmp) = (false, false);
    for s in strings {
        let (a, b) = planes(s.as_bytes());
        supp |= a;
        high_bmp |= b;
        if supp && high_bmp {
            return true;
        }
    }
    false
}

/// The low seven bits of every byte of a `u64`.
const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
/// The top bit of every byte of a `u64`.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Whether UTF-8 text holds a supplementary-plane char (lead byte F0–F4) and one in
/// U+E000..=U+FFFF (lead byte EE or EF; no other byte of valid UTF-8 is that large).
fn planes(text: &[u8]) -> (bool, bool) {
    let (mut supp, mut high_bmp) = (false, false);
    let mut note = |b: u8| {
        supp |= b >= 0xF0;
        high_bmp |= b == 0xEE || b == 0xEF;
    };
    // Eight bytes at a time (WebAssembly has no vector loop here): a byte is >= 0xEE when
    // its top bit is set and its low seven bits plus 0x12 reach 0x80 (no carry crosses
    // bytes: 0x7f + 0x12 < 0x100). Only words with such a byte are looked at byte by byte.
    let mut words = text.chunks_exact(8);
    for word in &mut words {
        let mut w = [0u8; 8];
        w.copy_from_slice(word);
        let w = u64::from_le_bytes(w);
        if w & ((w & LOW7) + 0x1212_1212_1212_1212) & HIGH != 0 {
            word.iter().for_each(|&b| note(b));
        }
    }
    words.remainder().iter().for_each(|&b| note(b));
    (supp, high_bmp)
}

/// A decoded parameter: its name and value as text. Owned pairs are what reports and the
/// doctor keep; borrowed ones (`Cow`) let the server fast path sign a form body without
/// copying the components that had nothing to decode.
pub(crate) trait PairText: PartialEq {
    /// The decoded name.
    fn name(&self) -> &str;
    /// The decoded value.
    fn value(&self) -> &str;
}

impl PairText for (String, String) {
    fn name(&self) -> &str {
        &self.0
    }
    fn value(&self) -> &str {
        &self.1
    }
}

impl PairText for (&str, &str) {
    fn name(&self) -> &str {
        self.0
    }
    fn value(&self) -> &str {
        self.1
    }
}

impl PairText for (Cow<'_, str>, Cow<'_, str>) {
    fn name(&self) -> &str {
        &self.0
    }
    fn value(&self) -> &str {
        &self.1
    }
}

/// Indices of `params` sorted by key then value in `order`, identical pairs removed
/// (node's `new Set(values)` and python's `sorted(set(values))`).
pub(crate) fn sorted_indices<P: PairText>(params: &[P], order: KeyOrder) -> Vec<u32> {
    let cmp = |a: &str, b: &str| match order {
        KeyOrder::Utf16 => cmp_utf16(a, b),
        KeyOrder::CodePoint => a.as_bytes().cmp(b.as_bytes()),
    };
    // Compare the key's first 8 bytes as a number first, and fully only on ties. Byte
    // order is exact for UTF-16 order too as long as no prefix byte is >= 0xEE.
    let mut exact_prefix = true;
    let prefix_of = |pair: &P, exact: &mut bool| {
        let k = pair.name();
        let mut p = [0u8; 8];
        let n = k.len().min(8);
        p[..n].copy_from_slice(&k.as_bytes()[..n]);
        if order == KeyOrder::Utf16 && p.iter().any(|&b| b >= 0xEE) {
            *exact = false;
        }
        u64::from_be_bytes(p)
    };
    let full = |i: u32, j: u32| match (params.get(i as usize), params.get(j as usize)) {
        (Some(a), Some(b)) => cmp(a.name(), b.name()).then_with(|| cmp(a.value(), b.value())),
        _ => i.cmp(&j),
    };
    let n = params.len().min(u32::MAX as usize);
    let mut idx: Vec<u32>;
    if n <= SMALL {
        // A webhook's few dozen parameters: an insertion sort of (prefix, index) on the
        // stack, its comparison inlined (the general sort below calls a closure per
        // comparison and allocates two buffers).
        let mut keyed = [(0u64, 0u32); SMALL];
        for (i, (slot, pair)) in keyed.iter_mut().zip(params).enumerate() {
            *slot = (prefix_of(pair, &mut exact_prefix), i as u32);
        }
        let keyed = &mut keyed[..n];
        let less = |a: (u64, u32), b: (u64, u32)| {
            let o = if exact_prefix {
                a.0.cmp(&b.0)
            } else {
                Ordering::Equal
            };
            o.then_with(|| full(a.1, b.1)) == Ordering::Less
        };
        for i in 1..keyed.len() {
            let x = keyed[i];
            let mut j = i;
            while j > 0 && less(x, keyed[j - 1]) {
                keyed[j] = keyed[j - 1];
                j -= 1;
            }
            keyed[j] = x;
        }
        idx = keyed.iter().map(|k| k.1).collect();
    } else {
        let prefix: Vec<u64> = params
            .iter()
            .map(|pair| prefix_of(pair, &mut exact_prefix))
            .collect();
        idx = (0..n as u32).collect();
        if exact_prefix {
            sort_idx(&mut idx, &|a, b| {
                let (pa, pb) = (prefix.get(a as usize), prefix.get(b as usize));
                pa.cmp(&pb).then_with(|| full(a, b))
            });
        } else {
            sort_idx(&mut idx, &full);
        }
    }
    idx.dedup_by(|i, j| params.get(*i as usize) == params.get(*j as usize));
    idx
}

/// Up to this many parameters, [`sorted_indices`] sorts on the stack by insertion.
const SMALL: usize = 32;

fn insertion(v: &mut [u32], cmp: &dyn Fn(u32, u32) -> Ordering) {
    for i in 1..v.len() {
        let x = v[i];
        let mut j = i;
        while j > 0 && cmp(x, v[j - 1]) == Ordering::Less {
            v[j] = v[j - 1];
            j -= 1;
        }
        v[j] = x;
    }
}

/// A stable merge sort of indices by a comparator: the one sort routine of this module
/// (each `slice::sort_by` closure would add its own copy of the standard sort to the
/// WebAssembly build).
pub(crate) fn sort_idx(v: &mut [u32], cmp: &dyn Fn(u32, u32) -> Ordering) {
    const RUN: usize = 16;
    let n = v.len();
    for chunk in v.chunks_mut(RUN) {
        insertion(chunk, cmp);
    }
    if n <= RUN {
        return;
    }
    let mut src = v.to_vec();
    let mut dst = vec![0u32; n];
    let mut width = RUN;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut i, mut j, mut k) = (start, mid, start);
            while i < mid && j < end {
                if cmp(src[j], src[i]) == Ordering::Less {
                    dst[k] = src[j];
                    j += 1;
                } else {
                    dst[k] = src[i];
                    i += 1;
                }
                k += 1;
            }
            dst[k..k + (mid - i)].copy_from_slice(&src[i..mid]);
            k += mid - i;
            dst[k..k + (end - j)].copy_from_slice(&src[j..end]);
            start = end;
        }
        core::mem::swap(&mut src, &mut dst);
        width *= 2;
    }
    v.copy_from_slice(&src);
}

/// The parameters in the order a library appends them.
pub(crate) struct Ordered<'a, P = (String, String)> {
    pub params: &'a [P],
    pub idx: &'a [u32],
}

// Two references: copied whatever the pair type (a derive would require `P: Copy`).
impl<P> Clone for Ordered<'_, P> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<P> Copy for Ordered<'_, P> {}

impl Ordered<'static> {
    pub(crate) const EMPTY: Ordered<'static> = Ordered {
        params: &[],
        idx: &[],
    };
}

impl<'a, P: PairText> Ordered<'a, P> {
    /// The pairs in order: `(name, value)`.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&'a str, &'a str)> + '_ {
        let p = self.params;
        self.idx
            .iter()
            .filter_map(move |&i| p.get(i as usize))
            .map(|pair| (pair.name(), pair.value()))
    }
}

/// Feeds a MAC through a small stack buffer, so that many short pieces cost about as
/// much as one long update.
struct Buffered {
    mac: Keyed,
    buf: [u8; 512],
    len: usize,
}

impl Buffered {
    fn push(&mut self, data: &[u8]) {
        if self.len + data.len() > self.buf.len() {
            self.mac.update(&self.buf[..self.len]);
            self.len = 0;
            if data.len() > self.buf.len() {
                self.mac.update(data);
                return;
            }
        }
        self.buf[self.len..self.len + data.len()].copy_from_slice(data);
        self.len += data.len();
    }

    fn finish(mut self) -> MacOut {
        self.mac.update(&self.buf[..self.len]);
        self.mac.finish()
    }
}

/// MAC over `url pieces ++ key value key value …`.
pub(crate) fn mac_of<P: PairText>(keyed: &Keyed, url: &[&str], params: Ordered<'_, P>) -> MacOut {
    let mut m = Buffered {
        mac: keyed.clone(),
        buf: [0; 512],
        len: 0,
    };
    for piece in url {
        m.push(piece.as_bytes());
    }
    for (k, v) in params.iter() {
        m.push(k.as_bytes());
        m.push(v.as_bytes());
    }
    m.finish()
}

/// The string-to-sign, built in one buffer.
pub(crate) fn build_string(url: &[&str], params: Ordered<'_>) -> String {
    let len: usize = url.iter().map(|s| s.len()).sum::<usize>()
        + params.iter().map(|(k, v)| k.len() + v.len()).sum::<usize>();
    let mut s = String::with_capacity(len);
    for piece in url {
        s.push_str(piece);
    }
    for (k, v) in params.iter() {
        s.push_str(k);
        s.push_str(v);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_sort_is_stable_and_sorted() {
        for n in [0usize, 1, 2, 15, 16, 17, 33, 100, 1000] {
            let keys: Vec<u32> = (0..n as u32).map(|i| (i * 7919) % 13).collect();
            let mut idx: Vec<u32> = (0..n as u32).collect();
            sort_idx(&mut idx, &|a, b| keys[a as usize].cmp(&keys[b as usize]));
            for w in idx.windows(2) {
                let (a, b) = (w[0] as usize, w[1] as usize);
                assert!(keys[a] < keys[b] || (keys[a] == keys[b] && a < b));
            }
        }
    }

    #[test]
    fn planes_by_word_equal_planes_by_char() {
        for text in [
            "",
            "plain ascii text of some length",
            "é and ü only",
            "😀 in the middle of a long enough string",
            "Ａ fullwidth and  private use",
            "both 😀 and Ａ",
            "short😀",
            "\u{e000}",
            "\u{ffff}\u{10000}",
        ] {
            let by_char = (
                text.chars().any(|c| c as u32 >= 0x10000),
                text.chars()
                    .any(|c| (0xE000..0x10000).contains(&(c as u32))),
            );
            assert_eq!(planes(text.as_bytes()), by_char, "{text}");
            assert_eq!(
                orders_may_differ(std::iter::once(text)),
                by_char == (true, true)
            );
        }
    }

    #[test]
    fn utf16_order() {
        assert_eq!(cmp_utf16("😀key", "Ａkey"), Ordering::Less);
        assert_eq!(
            cmp_str(KeyOrder::CodePoint, "😀key", "Ａkey"),
            Ordering::Greater
        );
        assert_eq!(cmp_utf16("To", "ToCity"), Ordering::Less);
        assert_eq!(cmp_utf16("Body", "body"), Ordering::Less);
        assert_eq!(cmp_utf16("é", "e"), Ordering::Greater);
        assert_eq!(cmp_utf16("😀", "😁"), Ordering::Less);
        assert_eq!(cmp_utf16("ab", "ab"), Ordering::Equal);
    }
}
