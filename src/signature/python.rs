//! Emulation of twilio-python 9.13's URL handling on CPython 3.11: `urlparse(url)`,
//! `.geturl()`, `.port`, its `remove_port` / `add_port`, and `parse_qs`.

use crate::text::part;

use super::node::{parse_ipv6, percent_decode_lossy};

/// Why python raised instead of answering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PyError {
    /// `ValueError: Invalid IPv6 URL` (unbalanced brackets) or an invalid bracketed host.
    InvalidIpv6,
    /// `ValueError: Port could not be cast to integer value`.
    PortNotInteger(String),
    /// `ValueError: Port out of range 0-65535`.
    PortOutOfRange(String),
}

impl PyError {
    pub(crate) fn describe(&self) -> String {
        match self {
            PyError::InvalidIpv6 => "urlparse raises ValueError (invalid IPv6 URL)".into(),
            PyError::PortNotInteger(p) => {
                format!("urlparse().port raises ValueError (port '{p}' is not a number)")
            }
            PyError::PortOutOfRange(p) => {
                format!("urlparse().port raises ValueError (port {p} is out of range 0-65535)")
            }
        }
    }
}

/// `urllib.parse.ParseResult`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PyUrl {
    pub scheme: String,
    pub netloc: String,
    pub path: String,
    pub params: String,
    pub query: String,
    pub fragment: String,
}

const USES_PARAMS: &[&str] = &[
    "", "ftp", "hdl", "prospero", "http", "imap", "https", "shttp", "rtsp", "rtspu", "sip", "sips",
    "mms", "sftp", "tel",
];
const USES_NETLOC: &[&str] = &[
    "",
    "ftp",
    "http",
    "gopher",
    "nntp",
    "telnet",
    "imap",
    "wais",
    "file",
    "mms",
    "https",
    "shttp",
    "snews",
    "prospero",
    "rtsp",
    "rtspu",
    "rsync",
    "svn",
    "svn+ssh",
    "sftp",
    "nfs",
    "git",
    "git+ssh",
    "ws",
    "wss",
    "itms-services",
];

impl PyUrl {
    /// `urlparse(url)`.
    pub(crate) fn parse(input: &str) -> Result<PyUrl, PyError> {
        // lstrip C0 control or space; remove tab, CR, LF anywhere.
        let s: String = input
            .trim_start_matches(|c: char| c <= ' ')
            .chars()
            .filter(|c| !matches!(c, '\t' | '\r' | '\n'))
            .collect();
        let mut url: &str = &s;
        let mut scheme = String::new();
        if let Some(i) = url.find(':') {
            let cand = part(url, ..i);
            let mut cs = cand.chars();
            if i > 0
                && cs.next().is_some_and(|c| c.is_ascii_alphabetic())
                && cand
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
            {
                scheme = cand.to_ascii_lowercase();
                url = part(url, i + 1..);
            }
        }
        let mut netloc = String::new();
        if let Some(rest) = url.strip_prefix("//") {
            let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
            netloc = part(rest, ..end).to_string();
            url = part(rest, end..);
            let (open, close) = (netloc.contains('['), netloc.contains(']'));
            if open != close {
                return Err(PyError::InvalidIpv6);
            }
            if open && close {
                let bracketed = netloc
                    .split_once('[')
                    .map(|(_, b)| b.split_once(']').map_or(b, |(h, _)| h))
                    .unwrap_or("");
                check_bracketed_host(bracketed)?;
            }
        }
        let (rest, fragment) = match url.split_once('#') {
            Some((a, f)) => (a, f.to_string()),
            None => (url, String::new()),
        };
        let (path, query) = match rest.split_once('?') {
            Some((p, q)) => (p, q.to_string()),
            None => (rest, String::new()),
        };
        let (path, params) = if USES_PARAMS.contains(&scheme.as_str()) && path.contains(';') {
            split_params(path)
        } else {
            (path.to_string(), String::new())
        };
        Ok(PyUrl {
            scheme,
            netloc,
            path,
            params,
            query,
            fragment,
        })
    }

    /// `.geturl()` = `urlunparse(...)`.
    pub(crate) fn geturl(&self) -> String {
        let mut url = self.path.clone();
        if !self.params.is_empty() {
            url = format!("{url};{}", self.params);
        }
        // urlunsplit (3.11)
        if !self.netloc.is_empty()
            || (!self.scheme.is_empty()
                && USES_NETLOC.contains(&self.scheme.as_str())
                && !url.starts_with("//"))
        {
            if !url.is_empty() && !url.starts_with('/') {
                url.insert(0, '/');
            }
            url = format!("//{}{url}", self.netloc);
        }
        if !self.scheme.is_empty() {
            url = format!("{}:{url}", self.scheme);
        }
        if !self.query.is_empty() {
            url.push('?');
            url.push_str(&self.query);
        }
        if !self.fragment.is_empty() {
            url.push('#');
            url.push_str(&self.fragment);
        }
        url
    }

    /// `.port`: `Ok(None)` when absent or empty.
    pub(crate) fn port(&self) -> Result<Option<u32>, PyError> {
        let hostinfo = self
            .netloc
            .rsplit_once('@')
            .map_or(&*self.netloc, |(_, h)| h);
        let port = match hostinfo.split_once('[') {
            Some((_, bracketed)) => bracketed.split_once(']').map_or("", |(_, after)| {
                after.split_once(':').map_or("", |(_, p)| p)
            }),
            None => hostinfo.split_once(':').map_or("", |(_, p)| p),
        };
        if port.is_empty() {
            return Ok(None);
        }
        if !port.bytes().all(|b| b.is_ascii_digit()) {
            return Err(PyError::PortNotInteger(port.to_string()));
        }
        let digits = port.trim_start_matches('0');
        if digits.len() > 5 {
            return Err(PyError::PortOutOfRange(port.to_string()));
        }
        let n: u32 = if digits.is_empty() {
            0
        } else {
            digits.parse().unwrap_or(u32::MAX)
        };
        if n > 65535 {
            return Err(PyError::PortOutOfRange(port.to_string()));
        }
        Ok(Some(n))
    }
}

fn split_params(path: &str) -> (String, String) {
    let i = if let Some(slash) = path.rfind('/') {
        match part(path, slash..).find(';') {
            Some(j) => slash + j,
            None => return (path.to_string(), String::new()),
        }
    } else {
        match path.find(';') {
            Some(j) => j,
            None => return (path.to_string(), String::new()),
        }
    };
    (part(path, ..i).to_string(), part(path, i + 1..).to_string())
}

/// `_check_bracketed_host` (3.11.4+): IPvFuture or an IPv6 address (scope id allowed).
fn check_bracketed_host(host: &str) -> Result<(), PyError> {
    if let Some(rest) = host.strip_prefix('v') {
        // \Av[a-fA-F0-9]+\..+\Z
        let ok = rest.split_once('.').is_some_and(|(hex, tail)| {
            !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) && !tail.is_empty()
        });
        return if ok {
            Ok(())
        } else {
            Err(PyError::InvalidIpv6)
        };
    }
    let addr = match host.split_once('%') {
        Some((a, scope)) if !scope.is_empty() && !scope.contains('%') => a,
        Some(_) => return Err(PyError::InvalidIpv6),
        None => host,
    };
    // ipaddress does not accept a leading/trailing single ':' or 5-digit groups either;
    // the WHATWG parser is a close enough stand-in for valid IPv6 text.
    if parse_ipv6(addr).is_some() && addr.contains(':') {
        Ok(())
    } else {
        Err(PyError::InvalidIpv6)
    }
}

/// twilio-python's two URL candidates: `[remove_port(u), add_port(u)]`.
pub(crate) fn candidates(url: &str) -> Result<[String; 2], PyError> {
    let u = PyUrl::parse(url)?;
    let port = u.port()?;
    let with_port = if port.is_some_and(|p| p != 0) {
        u.geturl()
    } else {
        let mut v = u.clone();
        let p = if u.scheme == "https" { "443" } else { "80" };
        v.netloc = format!("{}:{p}", u.netloc);
        v.geturl()
    };
    let without_port = if port.is_some_and(|p| p != 0) {
        let mut v = u.clone();
        v.netloc = u.netloc.split(':').next().unwrap_or("").to_string();
        v.geturl()
    } else {
        u.geturl()
    };
    Ok([without_port, with_port])
}

/// `parse_qs(query).get(name)[0]`: blank values are dropped, `+` is a space.
pub(crate) fn parse_qs_first(query: &str, name: &str) -> Option<String> {
    for pair in query.split('&') {
        if pair.is_empty() {
            continue;
        }
        let Some((k, v)) = pair.split_once('=') else {
            continue;
        };
        if v.is_empty() {
            continue;
        }
        if percent_decode_lossy(k, true) == name {
            return Some(percent_decode_lossy(v, true));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn geturl(s: &str) -> String {
        PyUrl::parse(s).unwrap().geturl()
    }

    #[test]
    fn geturl_quirks() {
        assert_eq!(geturl("HTTPS://example.com/sms"), "https://example.com/sms");
        assert_eq!(
            geturl("https://example.com/sms?"),
            "https://example.com/sms"
        );
        assert_eq!(
            geturl("https://example.com/sms#"),
            "https://example.com/sms"
        );
        assert_eq!(
            geturl("https://example.com/sms;"),
            "https://example.com/sms"
        );
        assert_eq!(
            geturl("https://example.com/a;b/c;d?x#y"),
            "https://example.com/a;b/c;d?x#y"
        );
        assert_eq!(geturl("https://example.com?x=1"), "https://example.com?x=1");
        assert_eq!(geturl("  https://ex\tample.com/"), "https://example.com/");
    }

    #[test]
    fn ports() {
        let c = candidates("https://user:pa55@example.com:8443/twilio/sms").unwrap();
        assert_eq!(c[0], "https://user/twilio/sms");
        assert_eq!(c[1], "https://user:pa55@example.com:8443/twilio/sms");
        let c = candidates("https://[2001:db8::1]:8443/x").unwrap();
        assert_eq!(c[0], "https://[2001/x");
        assert!(candidates("https://example.com:99999/x").is_err());
        assert!(candidates("https://[::1/x").is_err());
        let c = candidates("https://example.com/x").unwrap();
        assert_eq!(c[1], "https://example.com:443/x");
    }
}
