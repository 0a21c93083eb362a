//! The HMAC core: keyed MACs, parameter ordering, base64 and constant-time comparison.
//!
//! Nothing here allocates per candidate: a URL candidate is fed to the MAC as up to three
//! string pieces, and the parameters are fed in sorted order through an index list.

use core::cmp::Ordering;

use base64::Engine as _;
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

    /// Standard base64 with padding, on the stack.
    pub(crate) fn b64(&self) -> B64 {
        let mut buf = [0u8; 44];
        let n = base64::engine::general_purpose::STANDARD
            .encode_slice(self.as_bytes(), &mut buf)
            .unwrap_or(0);
        B64 { buf, len: n }
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

/// The UTF-16 code units a char sorts by, as a pair (second is 0 for BMP chars).
fn utf16_key(c: char) -> (u32, u32) {
    let c = c as u32;
    if c < 0x10000 {
        (c, 0)
    } else {
        let v = c - 0x10000;
        (0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF))
    }
}

/// JavaScript's default string comparison: by UTF-16 code unit.
pub(crate) fn cmp_utf16(a: &str, b: &str) -> Ordering {
    let (ab, bb) = (a.as_bytes(), b.as_bytes());
    // Fast path: up to the first differing byte the strings agree; only the chars at the
    // difference matter.
    let common = ab.iter().zip(bb).take_while(|(x, y)| x == y).count();
    if common == ab.len() || common == bb.len() {
        return ab.len().cmp(&bb.len());
    }
    // Back up to the start of the char that contains the first difference.
    let mut start = common;
    while start > 0 && !a.is_char_boundary(start) {
        start -= 1;
    }
    let ca = a.get(start..).and_then(|s| s.chars().next());
    let cb = b.get(start..).and_then(|s| s.chars().next());
    match (ca, cb) {
        (Some(x), Some(y)) => utf16_key(x).cmp(&utf16_key(y)),
        _ => ab.cmp(bb),
    }
}

/// Compares two strings in the given order.
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
        if s.is_ascii() {
            continue;
        }
        for c in s.chars() {
            let c = c as u32;
            if c >= 0x10000 {
                supp = true;
            } else if c >= 0xE000 {
                high_bmp = true;
            }
        }
        if supp && high_bmp {
            return true;
        }
    }
    false
}

/// Indices of `params` sorted by key then value in `order`, identical pairs removed
/// (node's `new Set(values)` and python's `sorted(set(values))`).
pub(crate) fn sorted_indices(params: &[(String, String)], order: KeyOrder) -> Vec<u32> {
    let mut idx: Vec<u32> = (0..params.len().min(u32::MAX as usize) as u32).collect();
    let get = |i: u32| &params[i as usize];
    idx.sort_by(|&i, &j| {
        let (a, b) = (get(i), get(j));
        cmp_str(order, &a.0, &b.0).then_with(|| cmp_str(order, &a.1, &b.1))
    });
    idx.dedup_by(|i, j| {
        let (a, b) = (get(*i), get(*j));
        a.0 == b.0 && a.1 == b.1
    });
    idx
}

/// The parameters in the order a library appends them.
#[derive(Clone, Copy)]
pub(crate) struct Ordered<'a> {
    pub params: &'a [(String, String)],
    pub idx: &'a [u32],
}

impl<'a> Ordered<'a> {
    pub(crate) const EMPTY: Ordered<'static> = Ordered {
        params: &[],
        idx: &[],
    };

    pub(crate) fn iter(&self) -> impl Iterator<Item = &'a (String, String)> + '_ {
        let p = self.params;
        self.idx.iter().filter_map(move |&i| p.get(i as usize))
    }
}

/// MAC over `url pieces ++ key value key value …`.
pub(crate) fn mac_of(keyed: &Keyed, url: &[&str], params: Ordered<'_>) -> MacOut {
    let mut m = keyed.clone();
    for piece in url {
        m.update(piece.as_bytes());
    }
    for (k, v) in params.iter() {
        m.update(k.as_bytes());
        m.update(v.as_bytes());
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
