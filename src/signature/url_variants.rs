//! String surgery on URLs: twilio-node 6.2's as-received port candidates, and the split
//! into parts the doctor uses to build variants. No parsing library, no normalisation:
//! every byte not touched on purpose is kept.

use crate::text::part;

/// Where the pieces of `scheme://authority…` are, by byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Authority {
    /// End of the scheme (offset of the `:` in `://`).
    pub scheme_end: usize,
    /// Start of the authority (just after `//`).
    pub auth_start: usize,
    /// Start of the host (after the last `@` of the authority).
    pub host_start: usize,
    /// End of the host: the port's `:` if there is one, else `auth_end`.
    pub host_end: usize,
    /// End of the authority (first `/`, `?` or `#` after it, or the end).
    pub auth_end: usize,
}

impl Authority {
    pub(crate) fn has_port(&self) -> bool {
        self.host_end < self.auth_end
    }
}

/// Splits `scheme://authority` the way twilio-node 6.2 does: userinfo ends at the last `@`,
/// the port's `:` is searched only after the `]` of an IPv6 literal.
pub(crate) fn split_authority(url: &str) -> Option<Authority> {
    // A byte window rather than `str::find("://")`: no substring searcher in the verify
    // entry's module (about 1 KB gzipped).
    let sep = url.as_bytes().windows(3).position(|w| w == b"://")?;
    let scheme = part(url, ..sep);
    let mut chars = scheme.chars();
    let first = chars.next()?;
    if !first.is_ascii_alphabetic()
        || !chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    {
        return None;
    }
    let auth_start = sep + 3;
    let rest = part(url, auth_start..);
    let auth_len = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let auth_end = auth_start + auth_len;
    let authority = part(url, auth_start..auth_end);
    let host_rel = authority.rfind('@').map(|i| i + 1).unwrap_or(0);
    let hostport = part(authority, host_rel..);
    let search_from = if hostport.starts_with('[') {
        hostport.find(']').map(|i| i + 1).unwrap_or(hostport.len())
    } else {
        0
    };
    let colon = part(hostport, search_from..)
        .find(':')
        .map(|i| i + search_from);
    let host_start = auth_start + host_rel;
    let host_end = colon.map(|c| host_start + c).unwrap_or(auth_end);
    Some(Authority {
        scheme_end: sep,
        auth_start,
        host_start,
        host_end,
        auth_end,
    })
}

/// The default port node adds: 443 for https (any case), else 80.
pub(crate) fn default_port_for(scheme: &str) -> &'static str {
    if scheme.eq_ignore_ascii_case("https") {
        "443"
    } else {
        "80"
    }
}

/// The URL with its port removed, as up to three pieces (no allocation).
pub(crate) fn port_removed(url: &str) -> [&str; 3] {
    match split_authority(url) {
        Some(a) if a.has_port() => [part(url, ..a.host_end), part(url, a.auth_end..), ""],
        _ => [url, "", ""],
    }
}

/// The URL with the scheme's default port added (kept as is when it has a port).
pub(crate) fn port_added(url: &str) -> [&str; 4] {
    match split_authority(url) {
        Some(a) if !a.has_port() => [
            part(url, ..a.auth_end),
            ":",
            default_port_for(part(url, ..a.scheme_end)),
            part(url, a.auth_end..),
        ],
        _ => [url, "", "", ""],
    }
}

/// Joins pieces into one string.
pub(crate) fn join(pieces: &[&str]) -> String {
    pieces.concat()
}

/// A URL cut into parts for the doctor. `join` gives back the input exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Parts {
    /// Scheme as written (without `://`).
    pub scheme: String,
    /// `user:pass@` including the `@`, or empty.
    pub userinfo: String,
    pub host: String,
    /// The port digits (without `:`), `None` when there is no `:`.
    pub port: Option<String>,
    pub path: String,
    /// The query without `?`; `None` when there is no `?`.
    pub query: Option<String>,
    /// The fragment without `#`; `None` when there is no `#`.
    pub fragment: Option<String>,
}

impl Parts {
    pub(crate) fn parse(url: &str) -> Option<Parts> {
        let a = split_authority(url)?;
        let rest = part(url, a.auth_end..);
        let (before_frag, fragment) = match rest.find('#') {
            Some(i) => (part(rest, ..i), Some(part(rest, i + 1..).to_string())),
            None => (rest, None),
        };
        let (path, query) = match before_frag.find('?') {
            Some(i) => (
                part(before_frag, ..i),
                Some(part(before_frag, i + 1..).to_string()),
            ),
            None => (before_frag, None),
        };
        Some(Parts {
            scheme: part(url, ..a.scheme_end).to_string(),
            userinfo: part(url, a.auth_start..a.host_start).to_string(),
            host: part(url, a.host_start..a.host_end).to_string(),
            port: if a.has_port() {
                Some(part(url, a.host_end + 1..a.auth_end).to_string())
            } else {
                None
            },
            path: path.to_string(),
            query,
            fragment,
        })
    }

    pub(crate) fn join(&self) -> String {
        let mut s = String::with_capacity(
            self.scheme.len()
                + self.host.len()
                + self.path.len()
                + self.query.as_ref().map_or(0, |q| q.len() + 1)
                + 16,
        );
        s.push_str(&self.scheme);
        s.push_str("://");
        s.push_str(&self.userinfo);
        s.push_str(&self.host);
        if let Some(p) = &self.port {
            s.push(':');
            s.push_str(p);
        }
        s.push_str(&self.path);
        if let Some(q) = &self.query {
            s.push('?');
            s.push_str(q);
        }
        if let Some(f) = &self.fragment {
            s.push('#');
            s.push_str(f);
        }
        s
    }

    pub(crate) fn with_port(&self, port: Option<&str>) -> Parts {
        let mut p = self.clone();
        p.port = port.map(str::to_string);
        p
    }

    /// The default port of this scheme (443 for https, else 80).
    pub(crate) fn default_port(&self) -> &'static str {
        default_port_for(&self.scheme)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surgery() {
        assert_eq!(
            join(&port_removed("https://user:pa55@example.com:8443/x?y=1")),
            "https://user:pa55@example.com/x?y=1"
        );
        assert_eq!(
            join(&port_removed("https://[2001:db8::1]:8443/x")),
            "https://[2001:db8::1]/x"
        );
        assert_eq!(
            join(&port_added("https://[2001:db8::1]/x")),
            "https://[2001:db8::1]:443/x"
        );
        assert_eq!(join(&port_added("HTTPS://h?x")), "HTTPS://h:443?x");
        assert_eq!(join(&port_added("http://h")), "http://h:80");
        assert_eq!(join(&port_removed("nonsense")), "nonsense");
        let u = "https://u@h:1/p;a?q=1#f";
        assert_eq!(Parts::parse(u).unwrap().join(), u);
    }
}
