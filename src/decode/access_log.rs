//! A request read from a web server's or a router's log entry rather than from the request
//! itself: the request field of an access log (nginx/Apache combined format, and the
//! servers that copy it: `"GET /path?query HTTP/1.1" 200 59 "-" "agent"`), wrapped over
//! several lines when it was pasted or cut before its method, and a Heroku router line
//! (`method=GET path="/path?query" host=app.herokuapp.com … status=200`). Only the method,
//! the target and the host are a request's; the log's other fields are not.
//!
//! A one-line access log with its method is read by the raw HTTP reader (its request line
//! and the fields after it); this reader takes the shapes that reader cannot.

use super::http::host_and_path;

/// The methods a log names.
const METHODS: [&str; 7] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// At most this much text is searched for a log entry.
const MAX_TEXT: usize = 64 * 1024;

/// A request rebuilt from a log entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LogRequest {
    /// The method, when the entry still has it.
    pub method: Option<&'static str>,
    /// The request target (`/path?query`), its wrapped lines joined.
    pub target: String,
    /// The host the log names (`host=`), when it does.
    pub host: Option<String>,
    /// Where the entry starts in the text.
    pub start: usize,
    /// How many line breaks inside the target were removed.
    pub joined: usize,
    /// What the entry was, for the finding that says so.
    pub what: &'static str,
}

impl LogRequest {
    /// The entry as the one request line the HTTP reader knows (`GET /path?q HTTP/1.1`
    /// and a `Host` header), or the bare target when the method was cut off.
    pub(crate) fn as_request_text(&self) -> String {
        match (self.method, &self.host) {
            (Some(m), Some(h)) => format!("{m} {} HTTP/1.1\nHost: {h}\n", self.target),
            (Some(m), None) => format!("{m} {} HTTP/1.1\n", self.target),
            (None, Some(h)) => format!("https://{h}{}", self.target),
            (None, None) => self.target.clone(),
        }
    }

    /// One sentence saying what was read and what was left out.
    pub(crate) fn describe(&self) -> String {
        let method = match self.method {
            Some(m) => format!("the method ({m}), "),
            None => String::new(),
        };
        let host = if self.host.is_some() {
            ", the host"
        } else {
            ""
        };
        let joined = match self.joined {
            0 => String::new(),
            1 => "; the target was wrapped over 2 lines, joined again".to_string(),
            n => format!(
                "; the target was wrapped over {} lines, joined again",
                n + 1
            ),
        };
        let cut = if self.method.is_none() {
            "; the entry was cut before its method, which is unknown"
        } else {
            ""
        };
        format!(
            "Read the request from {}: {method}the path and the query{host}; the log's other fields (status, size, timings, user agent) were ignored{joined}{cut}.",
            self.what
        )
    }
}

/// The log entry `t` holds, when the whole text is one (a log prefix on its line allowed,
/// nothing but the log's own fields after it), in a shape the raw HTTP reader cannot read:
/// a wrapped or method-less access-log request field, or a router's `key=value` line.
pub(crate) fn read(t: &str) -> Option<LogRequest> {
    if t.len() > MAX_TEXT {
        return None;
    }
    combined(t).or_else(|| router(t))
}

/// The request field of an access log: `"METHOD target HTTP/x.y"` followed by a status
/// (or nothing), with the target wrapped over lines or the entry cut before its method.
fn combined(t: &str) -> Option<LogRequest> {
    let (version_at, after) = quoted_version(t)?;
    // The log's fields follow: a status code, or nothing (an entry cut there).
    let rest = t[after..].trim_start();
    let status_ok = rest.is_empty()
        || rest.len() >= 3
            && rest.as_bytes()[..3].iter().all(u8::is_ascii_digit)
            && rest[3..].chars().next().is_none_or(char::is_whitespace);
    if !status_ok {
        return None;
    }
    // The target, walking back from the version across line breaks (a wrapped paste) but
    // not across a space on one line or a quote.
    let head = &t[..version_at];
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    let mut end = head.len();
    if end == 0 {
        return None;
    }
    loop {
        let piece_start = head[..end]
            .rfind(|c: char| c.is_whitespace() || c == '"')
            .map_or(0, |i| i + 1);
        if piece_start == end {
            return None;
        }
        pieces.push((piece_start, end));
        let before = &head[..piece_start];
        // A line break (and its indentation) before the piece, with more target before it:
        // the target was wrapped there.
        let gap = before.len() - before.trim_end().len();
        let wrapped = gap > 0
            && before[before.trim_end().len()..].contains('\n')
            && continues_target(&head[piece_start..end], before.trim_end());
        if !wrapped {
            break;
        }
        end = before.trim_end().len();
    }
    pieces.reverse();
    let target_start = pieces[0].0;
    let target: String = pieces.iter().map(|&(a, b)| &head[a..b]).collect();
    if !(target.starts_with('/') || host_and_path(&target).is_some())
        || target.len() < 2
        || !target.contains('?')
    {
        return None;
    }
    // The method before the target (`"GET `), or none when the entry starts with the target.
    let before = head[..target_start].trim_end_matches([' ', '\t']);
    let method = METHODS.iter().copied().find(|m| {
        before.ends_with(m) && {
            let prev = before[..before.len() - m.len()].chars().next_back();
            prev.is_none_or(|c| c == '"' || c.is_whitespace())
        }
    });
    let joined = pieces.len() - 1;
    let start = match method {
        Some(m) => before.len() - m.len(),
        None if before.trim().is_empty() => target_start,
        None => return None,
    };
    // Nothing but a log prefix on the entry's first line before it.
    if t[..start].contains('\n') && !t[..start].trim().is_empty() {
        return None;
    }
    // One line with its method is the raw HTTP reader's.
    if method.is_some() && joined == 0 {
        return None;
    }
    Some(LogRequest {
        method,
        target,
        host: None,
        start,
        joined,
        what: "an access log's request field (nginx/Apache combined format)",
    })
}

/// Where ` HTTP/x.y"` is (the space's offset) and one past its closing quote: the end of
/// an access log's quoted request field.
fn quoted_version(t: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(k) = t[from..].find("HTTP/") {
        let at = from + k;
        from = at + 5;
        let tail = &t[at + 5..];
        let digits = tail
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(tail.len());
        let space_before = t[..at].ends_with([' ', '\t']);
        if digits > 0 && space_before && tail[digits..].starts_with('"') {
            let space = t[..at].trim_end_matches([' ', '\t']).len();
            return Some((space, at + 5 + digits + 1));
        }
    }
    None
}

/// True when a piece of target on a new line continues the text before the line break:
/// the break fell between two parameters (`…&` / `&…`) or inside one (a query that goes on).
fn continues_target(piece: &str, before: &str) -> bool {
    let last_word = before
        .rsplit(|c: char| c.is_whitespace() || c == '"')
        .next()
        .unwrap_or("");
    !last_word.is_empty()
        && (piece.starts_with('&') || last_word.ends_with(['&', '?', '=']))
        && (last_word.contains(['?', '&', '=']) || last_word.starts_with('/'))
}

/// A router's `key=value` log line: Heroku's `at=info method=GET path="/…" host=… status=200`
/// (the quoted path may be wrapped over lines).
fn router(t: &str) -> Option<LogRequest> {
    let m_at = field_at(t, "method=")?;
    let p_at = field_at(t, "path=\"")?;
    let method_word = t[m_at + "method=".len()..]
        .split(|c: char| c.is_whitespace())
        .next()?;
    let method = METHODS.iter().copied().find(|m| *m == method_word)?;
    let value_from = p_at + "path=\"".len();
    let close = value_from + t[value_from..].find('"')?;
    let raw = &t[value_from..close];
    let joined = raw.matches('\n').count();
    let target: String = raw.split_whitespace().collect();
    if !target.starts_with('/') {
        return None;
    }
    let host = field_at(t, "host=").and_then(|h| {
        t[h + "host=".len()..]
            .split(|c: char| c.is_whitespace())
            .next()
            .filter(|h| !h.is_empty() && !h.contains(['"', '/']))
            .map(str::to_string)
    });
    // A router line has the log's own fields beside the request.
    let fields = [
        "status=",
        "dyno=",
        "connect=",
        "service=",
        "fwd=",
        "request_id=",
    ]
    .iter()
    .filter(|f| field_at(t, f).is_some())
    .count();
    if host.is_none() && fields < 2 {
        return None;
    }
    let line_start = t[..m_at].rfind('\n').map_or(0, |i| i + 1);
    Some(LogRequest {
        method: Some(method),
        target,
        host,
        start: line_start,
        joined,
        what: "a router's log line (method=, path=, host=)",
    })
}

/// Where the field `key` (`method=`) starts: at the text's start or after whitespace.
fn field_at(t: &str, key: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(k) = t[from..].find(key) {
        let at = from + k;
        if at == 0 || t[..at].ends_with(char::is_whitespace) {
            return Some(at);
        }
        from = at + key.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_request_field_is_joined() {
        let t = "1.2.3.4 - - [13/Jul/2014:22:04:26 +0900] \"GET /sms?From=%2B1415&\n  To=%2B1416&Body=hi HTTP/1.1\" 200 12 \"-\" \"TwilioProxy/1.1\"";
        let r = read(t).expect("read");
        assert_eq!(r.method, Some("GET"));
        assert_eq!(r.target, "/sms?From=%2B1415&To=%2B1416&Body=hi");
        assert_eq!(r.joined, 1);
    }

    #[test]
    fn cut_before_the_method() {
        let t = "/speak?A=1&\nB=2 HTTP/1.1\" 200 59 \"-\"";
        let r = read(t).expect("read");
        assert_eq!(r.method, None);
        assert_eq!(r.target, "/speak?A=1&B=2");
    }

    #[test]
    fn one_line_with_its_method_is_left_to_the_http_reader() {
        assert!(read("\"GET /a?b=1 HTTP/1.1\" 200 5").is_none());
    }

    #[test]
    fn router_line() {
        let t = "2015-06-14T19:31:40+00:00 heroku[router]: at=info method=GET \n\tpath=\"/?A=1\n\t&B=2\" host=x.herokuapp.com \n\tdyno=web.1 status=200";
        let r = read(t).expect("read");
        assert_eq!(r.method, Some("GET"));
        assert_eq!(r.target, "/?A=1&B=2");
        assert_eq!(r.host.as_deref(), Some("x.herokuapp.com"));
    }

    #[test]
    fn prose_with_a_version_is_not_a_log() {
        assert!(read("we send GET /a?b=1 HTTP/1.1\" then\nmore text").is_none());
        assert!(read("curl -d 'a=b' https://x/y").is_none());
    }
}
