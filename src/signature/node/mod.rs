//! Emulation of what twilio-node 6.2 does to a URL beyond the as-received candidates:
//! `new URL(url).toString()` (the WHATWG URL serialisation, as Node 20 does it) and the
//! legacy `querystring.parse` + `stringify` round trip, plus `URLSearchParams.get`.
//!
//! Only the special schemes (http, https, ws, wss, ftp) are emulated; for anything else
//! `parse` returns `None`, which the caller treats like `new URL()` throwing.

use crate::text::part;

mod host;
mod querystring;

use crate::percent::{self, Flavor};
use host::parse_host;
pub(crate) use host::parse_ipv6;
pub(crate) use querystring::{qs_escape_into, with_legacy_querystring};

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
        let scheme_raw = part(s, ..colon);
        let mut cs = scheme_raw.chars();
        if !cs.next()?.is_ascii_alphabetic()
            || !cs.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        {
            return None;
        }
        let scheme = scheme_raw.to_ascii_lowercase();
        let default_port = special_default_port(&scheme)?;
        let rest = part(s, colon + 1..);
        // Special authority (ignore) slashes: any run of '/' and '\'.
        let rest = rest.trim_start_matches(['/', '\\']);
        let auth_len = rest.find(['/', '\\', '?', '#']).unwrap_or(rest.len());
        let authority = part(rest, ..auth_len);
        let after = part(rest, auth_len..);

        let (userinfo, hostport) = match authority.rfind('@') {
            Some(i) => (Some(part(authority, ..i)), part(authority, i + 1..)),
            None => (None, authority),
        };
        let (mut username, mut password) = (String::new(), String::new());
        if let Some(ui) = userinfo {
            // Earlier '@'s become part of the credentials (encoded as %40 below).
            match ui.find(':') {
                Some(i) => {
                    username = encode(part(ui, ..i), in_userinfo_set);
                    password = encode(part(ui, i + 1..), in_userinfo_set);
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
            Some(i) => (part(hostport, ..i), Some(part(hostport, i + 1..))),
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
            Some(i) => (
                part(after, ..i),
                Some(encode(part(after, i + 1..), in_fragment_set)),
            ),
            None => (after, None),
        };
        let (path_raw, query) = match before_frag.find('?') {
            Some(i) => (
                part(before_frag, ..i),
                Some(encode(part(before_frag, i + 1..), in_special_query_set)),
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
