//! The WHATWG host parser as Node 20 runs it: domain to ASCII (IDNA via punycode, with the
//! forbidden code points), IPv4 in all its legacy number forms, IPv6 and its compressed
//! serialisation.

use crate::text::part;

use super::percent_decode_lossy;
use crate::signature::punycode;

/// Host parser for special schemes.
pub(super) fn parse_host(raw: &str) -> Option<String> {
    if let Some(inner) = raw.strip_prefix('[') {
        let inner = inner.strip_suffix(']')?;
        let pieces = parse_ipv6(inner)?;
        return Some(format!("[{}]", serialize_ipv6(&pieces)));
    }
    let decoded = percent_decode_lossy(raw, false);
    let ascii = domain_to_ascii(&decoded)?;
    if ascii.is_empty() {
        return None;
    }
    if ascii.chars().any(forbidden_domain_cp) {
        return None;
    }
    if ends_in_a_number(&ascii) {
        let v4 = parse_ipv4(&ascii)?;
        return Some(format!(
            "{}.{}.{}.{}",
            v4 >> 24,
            (v4 >> 16) & 255,
            (v4 >> 8) & 255,
            v4 & 255
        ));
    }
    Some(ascii)
}

fn forbidden_domain_cp(c: char) -> bool {
    matches!(
        c,
        '\0' | '\t'
            | '\n'
            | '\r'
            | ' '
            | '#'
            | '/'
            | ':'
            | '<'
            | '>'
            | '?'
            | '@'
            | '['
            | '\\'
            | ']'
            | '^'
            | '|'
            | '%'
            | '\u{7f}'
    ) || (c as u32) < 0x20
}

/// An approximation of UTS #46 ToASCII as used by the URL standard: lower-case, map
/// full-width ASCII and ideographic full stops, punycode each non-ASCII label.
/// (No NFC normalisation and no full mapping table.)
fn domain_to_ascii(domain: &str) -> Option<String> {
    if domain.is_ascii() {
        return Some(domain.to_ascii_lowercase());
    }
    let mut mapped = String::with_capacity(domain.len());
    for c in domain.chars() {
        match c {
            '\u{3002}' | '\u{FF0E}' | '\u{FF61}' => mapped.push('.'),
            '\u{FF01}'..='\u{FF5E}' => {
                let a = char::from_u32(c as u32 - 0xFF01 + 0x21).unwrap_or(c);
                mapped.push(a.to_ascii_lowercase());
            }
            // Ignored by UTS #46: soft hyphen, zero-width joiners/space, BOM.
            '\u{AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
            _ => mapped.push(lower(c)),
        }
    }
    let mut out = String::with_capacity(mapped.len() + 8);
    for (i, label) in mapped.split('.').enumerate() {
        if i > 0 {
            out.push('.');
        }
        if label.is_ascii() {
            out.push_str(label);
        } else {
            out.push_str("xn--");
            out.push_str(&punycode::encode(label)?);
        }
    }
    Some(out)
}

/// Lower-cases the scripts IDNs mostly use (Latin, Greek, Cyrillic, Armenian) without
/// pulling in the full Unicode case tables.
fn lower(c: char) -> char {
    let u = c as u32;
    let l = match u {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE | 0x391..=0x3A1 | 0x3A3..=0x3AB | 0x410..=0x42F => {
            u + 0x20
        }
        0x400..=0x40F => u + 0x50,
        0x531..=0x556 => u + 0x30,
        0x100..=0x137 | 0x14A..=0x177 | 0x460..=0x481 | 0x48A..=0x4BF | 0x4D0..=0x52F
            if u % 2 == 0 =>
        {
            u + 1
        }
        0x139..=0x148 | 0x179..=0x17E | 0x4C1..=0x4CE if u % 2 == 1 => u + 1,
        0x178 => 0xFF,
        0x386 => 0x3AC,
        0x388..=0x38A => u + 37,
        0x38C => 0x3CC,
        0x38E | 0x38F => u + 63,
        0x1E00..=0x1E95 | 0x1EA0..=0x1EFF if u % 2 == 0 => u + 1,
        _ => u,
    };
    char::from_u32(l).unwrap_or(c)
}

fn ends_in_a_number(host: &str) -> bool {
    let mut parts: Vec<&str> = host.split('.').collect();
    if parts.last() == Some(&"") {
        if parts.len() == 1 {
            return false;
        }
        parts.pop();
    }
    let Some(last) = parts.last() else {
        return false;
    };
    if !last.is_empty() && last.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    parse_ipv4_number(last).is_some()
}

fn parse_ipv4_number(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    let (digits, radix) = if let Some(h) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        (h, 16)
    } else if s.len() > 1 && s.starts_with('0') {
        (part(s, 1..), 8)
    } else {
        (s, 10)
    };
    if digits.is_empty() {
        return Some(0);
    }
    if !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    // Saturate huge numbers: they fail the range checks below anyway.
    Some(u64::from_str_radix(digits, radix).unwrap_or(u64::MAX))
}

fn parse_ipv4(host: &str) -> Option<u32> {
    let mut parts: Vec<&str> = host.split('.').collect();
    if parts.last() == Some(&"") && parts.len() > 1 {
        parts.pop();
    }
    if parts.len() > 4 || parts.is_empty() {
        return None;
    }
    let mut nums = Vec::with_capacity(4);
    for p in &parts {
        nums.push(parse_ipv4_number(p)?);
    }
    let n = nums.len();
    for &x in &nums[..n - 1] {
        if x > 255 {
            return None;
        }
    }
    let last = nums[n - 1];
    if last >= 256u64.pow((5 - n) as u32) {
        return None;
    }
    let mut v: u64 = last;
    for (i, &x) in nums[..n - 1].iter().enumerate() {
        v += x * 256u64.pow((3 - i) as u32);
    }
    u32::try_from(v).ok()
}

/// WHATWG IPv6 parser (also used for python's bracket check).
pub(crate) fn parse_ipv6(input: &str) -> Option<[u16; 8]> {
    let s = input.as_bytes();
    let mut addr = [0u16; 8];
    let mut piece = 0usize;
    let mut compress: Option<usize> = None;
    let mut p = 0usize;
    if s.first() == Some(&b':') {
        if s.get(1) != Some(&b':') {
            return None;
        }
        p += 2;
        piece += 1;
        compress = Some(piece);
    }
    while p < s.len() {
        if piece == 8 {
            return None;
        }
        if s[p] == b':' {
            if compress.is_some() {
                return None;
            }
            p += 1;
            piece += 1;
            compress = Some(piece);
            continue;
        }
        let mut value: u32 = 0;
        let mut length = 0;
        while length < 4 && p < s.len() && s[p].is_ascii_hexdigit() {
            value = value * 16 + (s[p] as char).to_digit(16)?;
            p += 1;
            length += 1;
        }
        if p < s.len() && s[p] == b'.' {
            if length == 0 {
                return None;
            }
            p -= length;
            if piece > 6 {
                return None;
            }
            let mut numbers_seen = 0;
            while p < s.len() {
                let mut ipv4_piece: Option<u32> = None;
                if numbers_seen > 0 {
                    if s[p] == b'.' && numbers_seen < 4 {
                        p += 1;
                    } else {
                        return None;
                    }
                }
                if p >= s.len() || !s[p].is_ascii_digit() {
                    return None;
                }
                while p < s.len() && s[p].is_ascii_digit() {
                    let n = (s[p] - b'0') as u32;
                    ipv4_piece = match ipv4_piece {
                        None => Some(n),
                        Some(0) => return None,
                        Some(v) => Some(v * 10 + n),
                    };
                    if ipv4_piece > Some(255) {
                        return None;
                    }
                    p += 1;
                }
                let v = ipv4_piece? as u16;
                addr[piece] = addr[piece] * 0x100 + v;
                numbers_seen += 1;
                if numbers_seen == 2 || numbers_seen == 4 {
                    piece += 1;
                }
            }
            if numbers_seen != 4 {
                return None;
            }
            break;
        } else if p < s.len() && s[p] == b':' {
            p += 1;
            if p >= s.len() {
                return None;
            }
        } else if p < s.len() {
            return None;
        }
        if piece >= 8 {
            return None;
        }
        addr[piece] = value as u16;
        piece += 1;
    }
    if let Some(c) = compress {
        let mut swaps = piece - c;
        piece = 7;
        while piece != 0 && swaps > 0 {
            addr.swap(piece, c + swaps - 1);
            piece -= 1;
            swaps -= 1;
        }
    } else if piece != 8 {
        return None;
    }
    Some(addr)
}

fn serialize_ipv6(a: &[u16; 8]) -> String {
    // Longest run (length > 1) of zero pieces, first one on ties.
    let (mut best, mut best_len) = (None, 1usize);
    let mut i = 0;
    while i < 8 {
        if a[i] == 0 {
            let start = i;
            while i < 8 && a[i] == 0 {
                i += 1;
            }
            if i - start > best_len {
                best = Some(start);
                best_len = i - start;
            }
        } else {
            i += 1;
        }
    }
    let mut out = String::new();
    let mut ignore0 = false;
    for (idx, piece) in a.iter().enumerate() {
        if ignore0 && *piece == 0 {
            continue;
        }
        ignore0 = false;
        if best == Some(idx) {
            out.push_str(if idx == 0 { "::" } else { ":" });
            ignore0 = true;
            continue;
        }
        out.push_str(&format!("{piece:x}"));
        if idx != 7 {
            out.push(':');
        }
    }
    out
}
