//! Emulation of what twilio-node 6.2 does to a URL beyond the as-received candidates:
//! `new URL(url).toString()` (the WHATWG URL serialisation, as Node 20 does it) and the
//! legacy `querystring.parse` + `stringify` round trip, plus `URLSearchParams.get`.
//!
//! Only the special schemes (http, https, ws, wss, ftp) are emulated; for anything else
//! `parse` returns `None`, which the caller treats like `new URL()` throwing.

use super::punycode;
use crate::percent::{self, Flavor};

/// A parsed WHATWG URL, every component already serialised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct WUrl {
    pub scheme: String,
    pub username: String,
    pub password: String,
    /// Serialised host (lower-cased, punycode, IPv4 dotted, `[IPv6]`).
    pub host: String,
    /// The port; `None` when absent or the scheme's default.
    pub port: Option<u16>,
    /// Serialised path (always starts with `/` for special schemes).
    pub path: String,
    pub query: Option<String>,
    pub fragment: Option<String>,
}

fn special_default_port(scheme: &str) -> Option<Option<u16>> {
    Some(match scheme {
        "http" | "ws" => Some(80),
        "https" | "wss" => Some(443),
        "ftp" => Some(21),
        _ => return None,
    })
}

// Percent-encode sets, as predicates on ASCII bytes (non-ASCII is always encoded).
fn in_c0(b: u8) -> bool {
    b < 0x20 || b == 0x7F
}
fn in_fragment_set(b: u8) -> bool {
    in_c0(b) || matches!(b, b' ' | b'"' | b'<' | b'>' | b'`')
}
fn in_special_query_set(b: u8) -> bool {
    in_c0(b) || matches!(b, b' ' | b'"' | b'#' | b'<' | b'>' | b'\'')
}
fn in_path_set(b: u8) -> bool {
    in_c0(b)
        || matches!(
            b,
            b' ' | b'"' | b'#' | b'<' | b'>' | b'?' | b'`' | b'{' | b'}'
        )
}
fn in_userinfo_set(b: u8) -> bool {
    in_path_set(b)
        || matches!(
            b,
            b'/' | b':' | b';' | b'=' | b'@' | b'[' | b'\\' | b']' | b'^' | b'|'
        )
}

const HEX_UPPER: &[u8; 16] = b"0123456789ABCDEF";

/// Appends `s` percent-encoding bytes in `set` and every non-ASCII byte.
fn encode_into(out: &mut String, s: &str, set: fn(u8) -> bool) {
    for &b in s.as_bytes() {
        if b >= 0x80 || set(b) {
            out.push('%');
            out.push(HEX_UPPER[(b >> 4) as usize] as char);
            out.push(HEX_UPPER[(b & 15) as usize] as char);
        } else {
            out.push(b as char);
        }
    }
}

fn encode(s: &str, set: fn(u8) -> bool) -> String {
    let mut out = String::with_capacity(s.len());
    encode_into(&mut out, s, set);
    out
}

/// Percent-decodes and reads the bytes as UTF-8, replacing invalid sequences with U+FFFD:
/// [`crate::percent::Flavor::Form`] (Node's `querystring.unescape`, WHATWG
/// `URLSearchParams`) when `plus_as_space`, else [`crate::percent::Flavor::Component`]
/// (WHATWG percent-decode of a host).
pub(crate) fn percent_decode_lossy(s: &str, plus_as_space: bool) -> String {
    let flavor = if plus_as_space {
        Flavor::Form
    } else {
        Flavor::Component
    };
    percent::decode(s, flavor)
}

impl WUrl {
    /// `new URL(input)` for special schemes; `None` where node would throw (or the scheme
    /// is not emulated).
    pub(crate) fn parse(input: &str) -> Option<WUrl> {
        // Strip leading/trailing C0 control or space; remove tab and newlines anywhere.
        let trimmed = input.trim_matches(|c: char| c <= ' ');
        let cleaned: String;
        let s: &str = if trimmed.contains(['\t', '\n', '\r']) {
            cleaned = trimmed
                .chars()
                .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
                .collect();
            &cleaned
        } else {
            trimmed
        };

        let colon = s.find(':')?;
        let scheme_raw = &s[..colon];
        let mut cs = scheme_raw.chars();
        if !cs.next()?.is_ascii_alphabetic()
            || !cs.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        {
            return None;
        }
        let scheme = scheme_raw.to_ascii_lowercase();
        let default_port = special_default_port(&scheme)?;
        let rest = &s[colon + 1..];
        // Special authority (ignore) slashes: any run of '/' and '\'.
        let rest = rest.trim_start_matches(['/', '\\']);
        let auth_len = rest.find(['/', '\\', '?', '#']).unwrap_or(rest.len());
        let authority = &rest[..auth_len];
        let after = &rest[auth_len..];

        let (userinfo, hostport) = match authority.rfind('@') {
            Some(i) => (Some(&authority[..i]), &authority[i + 1..]),
            None => (None, authority),
        };
        let (mut username, mut password) = (String::new(), String::new());
        if let Some(ui) = userinfo {
            // Earlier '@'s become part of the credentials (encoded as %40 below).
            match ui.find(':') {
                Some(i) => {
                    username = encode(&ui[..i], in_userinfo_set);
                    password = encode(&ui[i + 1..], in_userinfo_set);
                }
                None => username = encode(ui, in_userinfo_set),
            }
        }
        // Split host and port: a ':' outside brackets.
        let mut in_brackets = false;
        let mut split = None;
        for (i, c) in hostport.char_indices() {
            match c {
                '[' => in_brackets = true,
                ']' => in_brackets = false,
                ':' if !in_brackets => {
                    split = Some(i);
                    break;
                }
                _ => {}
            }
        }
        let (host_raw, port_raw) = match split {
            Some(i) => (&hostport[..i], Some(&hostport[i + 1..])),
            None => (hostport, None),
        };
        if host_raw.is_empty() {
            return None;
        }
        let host = parse_host(host_raw)?;
        let port = match port_raw {
            None | Some("") => None,
            Some(p) => {
                if !p.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                let digits = p.trim_start_matches('0');
                if digits.len() > 5 {
                    return None;
                }
                let n: u32 = if digits.is_empty() {
                    0
                } else {
                    digits.parse().ok()?
                };
                if n > 65535 {
                    return None;
                }
                let n = n as u16;
                if Some(n) == default_port {
                    None
                } else {
                    Some(n)
                }
            }
        };

        // Path, query, fragment.
        let (before_frag, fragment) = match after.find('#') {
            Some(i) => (&after[..i], Some(encode(&after[i + 1..], in_fragment_set))),
            None => (after, None),
        };
        let (path_raw, query) = match before_frag.find('?') {
            Some(i) => (
                &before_frag[..i],
                Some(encode(&before_frag[i + 1..], in_special_query_set)),
            ),
            None => (before_frag, None),
        };
        let path = parse_path(path_raw);

        Some(WUrl {
            scheme,
            username,
            password,
            host,
            port,
            path,
            query,
            fragment,
        })
    }

    fn push_origin(&self, out: &mut String, port: Option<&str>) {
        out.push_str(&self.scheme);
        out.push_str("://");
        if !self.username.is_empty() || !self.password.is_empty() {
            out.push_str(&self.username);
            if !self.password.is_empty() {
                out.push(':');
                out.push_str(&self.password);
            }
            out.push('@');
        }
        out.push_str(&self.host);
        if let Some(p) = port {
            out.push(':');
            out.push_str(p);
        }
    }

    /// `url.toString()` (the href), optionally without the port.
    pub(crate) fn href(&self, keep_port: bool) -> String {
        let mut out = String::new();
        let port = if keep_port {
            self.port.map(|p| p.to_string())
        } else {
            None
        };
        self.push_origin(&mut out, port.as_deref());
        out.push_str(&self.path);
        if let Some(q) = &self.query {
            out.push('?');
            out.push_str(q);
        }
        if let Some(f) = &self.fragment {
            out.push('#');
            out.push_str(f);
        }
        out
    }

    /// twilio-node's `removePort`: `url.port = ""; url.toString()`.
    pub(crate) fn remove_port(&self) -> String {
        self.href(false)
    }

    /// twilio-node's `addPort`: the href when there is a (non-default) port, else
    /// `buildUrlWithStandardPort` (which uses `search` and `hash`, so an empty `?` or `#`
    /// is dropped).
    pub(crate) fn add_port(&self) -> String {
        if self.port.is_some() {
            return self.href(true);
        }
        let mut out = String::new();
        let port = if self.scheme == "https" { "443" } else { "80" };
        self.push_origin(&mut out, Some(port));
        out.push_str(&self.path);
        if let Some(q) = self.query.as_deref().filter(|q| !q.is_empty()) {
            out.push('?');
            out.push_str(q);
        }
        if let Some(f) = self.fragment.as_deref().filter(|f| !f.is_empty()) {
            out.push('#');
            out.push_str(f);
        }
        out
    }

    /// `url.searchParams.get(name)`: the first value, decoded.
    pub(crate) fn search_param(&self, name: &str) -> Option<String> {
        let q = self.query.as_deref()?;
        for pair in q.split('&') {
            if pair.is_empty() {
                continue;
            }
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            if percent_decode_lossy(k, true) == name {
                return Some(percent_decode_lossy(v, true));
            }
        }
        None
    }
}

/// twilio-node's `withLegacyQuerystring(url)`: re-parse, and when the query is non-empty
/// rebuild it with `querystring.stringify(querystring.parse(query))` appended after the
/// serialised URL without its query (and with its fragment, as node does).
pub(crate) fn with_legacy_querystring(url: &str) -> Option<String> {
    let parsed = WUrl::parse(url)?;
    match parsed.query.as_deref() {
        Some(q) if !q.is_empty() => {
            let mut base = parsed.clone();
            base.query = None;
            let mut out = base.href(true);
            out.push('?');
            out.push_str(&qs_stringify(&qs_parse(q)));
            Some(out)
        }
        _ => Some(url.to_string()),
    }
}

/// Node's legacy `querystring.parse`: keys in JS object order, values grouped per key.
pub(crate) fn qs_parse(qs: &str) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    let mut pairs = 0usize;
    for piece in qs.split('&') {
        if piece.is_empty() {
            // An empty substring between separators is skipped (it still counts).
            pairs += 1;
            if pairs >= 1000 {
                break;
            }
            continue;
        }
        let (k, v) = match piece.find('=') {
            Some(i) => (&piece[..i], &piece[i + 1..]),
            None => (piece, ""),
        };
        let key = percent_decode_lossy(k, true);
        let value = percent_decode_lossy(v, true);
        match out.iter_mut().find(|(ek, _)| *ek == key) {
            Some((_, vals)) => vals.push(value),
            None => out.push((key, vec![value])),
        }
        pairs += 1;
        if pairs >= 1000 {
            break;
        }
    }
    // JS objects list array-index keys first, in ascending numeric order.
    let is_index = |k: &str| {
        !k.is_empty()
            && k.len() <= 10
            && k.bytes().all(|b| b.is_ascii_digit())
            && (k == "0" || !k.starts_with('0'))
            && k.parse::<u64>().map(|n| n < 4_294_967_295).unwrap_or(false)
    };
    let mut indices: Vec<(String, Vec<String>)> = Vec::new();
    let mut others: Vec<(String, Vec<String>)> = Vec::new();
    for kv in out {
        if is_index(&kv.0) {
            indices.push(kv);
        } else {
            others.push(kv);
        }
    }
    let nums: Vec<u64> = indices
        .iter()
        .map(|(k, _)| k.parse::<u64>().unwrap_or(0))
        .collect();
    let mut order: Vec<u32> = (0..indices.len() as u32).collect();
    super::compute::sort_idx(&mut order, &|a, b| nums[a as usize].cmp(&nums[b as usize]));
    let mut slots: Vec<Option<(String, Vec<String>)>> = indices.into_iter().map(Some).collect();
    let mut out: Vec<(String, Vec<String>)> = order
        .iter()
        .filter_map(|&i| slots.get_mut(i as usize).and_then(Option::take))
        .collect();
    out.extend(others);
    out
}

/// Node's `querystring.escape`: everything but `A-Z a-z 0-9 - _ . ! ~ * ' ( )`.
pub(crate) fn qs_escape_into(out: &mut String, s: &str) {
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'-' | b'_' | b'.' | b'!' | b'~' | b'*' | b'\'' | b'(' | b')'
            )
        {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX_UPPER[(b >> 4) as usize] as char);
            out.push(HEX_UPPER[(b & 15) as usize] as char);
        }
    }
}

/// Node's legacy `querystring.stringify`.
pub(crate) fn qs_stringify(obj: &[(String, Vec<String>)]) -> String {
    let mut out = String::new();
    let mut first = true;
    for (k, vals) in obj {
        for v in vals {
            if !first {
                out.push('&');
            }
            first = false;
            qs_escape_into(&mut out, k);
            out.push('=');
            qs_escape_into(&mut out, v);
        }
    }
    out
}

/// Parses and serialises a path (special schemes): `\` is a separator, dot segments are
/// resolved, the path percent-encode set is applied, and an empty path becomes `/`.
fn parse_path(raw: &str) -> String {
    let mut segments: Vec<String> = Vec::new();
    // The path starts after the authority; a leading separator is not a segment.
    let body = raw
        .strip_prefix('/')
        .or_else(|| raw.strip_prefix('\\'))
        .unwrap_or(raw);
    let pieces: Vec<&str> = body.split(['/', '\\']).collect();
    let last = pieces.len().saturating_sub(1);
    for (i, seg) in pieces.iter().enumerate() {
        let at_end = i == last;
        let lower = seg.to_ascii_lowercase();
        let is_double = matches!(lower.as_str(), ".." | ".%2e" | "%2e." | "%2e%2e");
        let is_single = matches!(lower.as_str(), "." | "%2e");
        if is_double {
            segments.pop();
            if at_end {
                segments.push(String::new());
            }
        } else if is_single {
            if at_end {
                segments.push(String::new());
            }
        } else {
            segments.push(encode(seg, in_path_set));
        }
    }
    if segments.is_empty() {
        return "/".to_string();
    }
    let mut out = String::with_capacity(raw.len() + 1);
    for s in &segments {
        out.push('/');
        out.push_str(s);
    }
    out
}

/// Host parser for special schemes.
fn parse_host(raw: &str) -> Option<String> {
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
        (&s[1..], 8)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn href(s: &str) -> Option<String> {
        WUrl::parse(s).map(|u| u.href(true))
    }

    #[test]
    fn whatwg_serialisation() {
        assert_eq!(
            href("HTTPS://Example.COM/twilio/sms").as_deref(),
            Some("https://example.com/twilio/sms")
        );
        assert_eq!(
            href("https://example.com?x=1").as_deref(),
            Some("https://example.com/?x=1")
        );
        assert_eq!(
            href("https://example.com/twilio/../twilio/voice").as_deref(),
            Some("https://example.com/twilio/voice")
        );
        assert_eq!(
            href("https://example.com/twilio/café?q=é").as_deref(),
            Some("https://example.com/twilio/caf%C3%A9?q=%C3%A9")
        );
        assert_eq!(
            href("https://bücher.example/x").as_deref(),
            Some("https://xn--bcher-kva.example/x")
        );
        assert_eq!(
            href("https://example.com:443/a?b='c'").as_deref(),
            Some("https://example.com/a?b=%27c%27")
        );
        assert_eq!(
            href("http://[2001:DB8:0:0:0:0:0:1]:8080/").as_deref(),
            Some("http://[2001:db8::1]:8080/")
        );
        assert_eq!(href("http://0x7f.1/").as_deref(), Some("http://127.0.0.1/"));
        assert_eq!(href("https://example.com:99999/"), None);
        assert_eq!(href("https://exa mple.com/"), None);
        assert_eq!(href("example.com/x"), None);
        assert_eq!(href("https://h/a/./b/.").as_deref(), Some("https://h/a/b/"));
        assert_eq!(
            href("https://h/{x}`").as_deref(),
            Some("https://h/%7Bx%7D%60")
        );
    }

    #[test]
    fn legacy_querystring() {
        assert_eq!(
            with_legacy_querystring("https://e.com/g?name=O%27Hara&city=Forli%27").as_deref(),
            Some("https://e.com/g?name=O'Hara&city=Forli'")
        );
        assert_eq!(
            with_legacy_querystring("https://e.com/g?q=a+b").as_deref(),
            Some("https://e.com/g?q=a%20b")
        );
        assert_eq!(
            with_legacy_querystring("https://e.com/g?a=1&b=2&a=3").as_deref(),
            Some("https://e.com/g?a=1&a=3&b=2")
        );
        assert_eq!(
            with_legacy_querystring("https://e.com/g?b=1&2=x&1=y&&c").as_deref(),
            Some("https://e.com/g?1=y&2=x&b=1&c=")
        );
    }
}
