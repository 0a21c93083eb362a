//! The URL's text was re-written by a framework on its way to the validator: the path
//! decoded or re-escaped, the query re-encoded (space as `+` or `%20`, hex case, quotes),
//! or the query parameters re-ordered (parsed into a map and written back).

use super::{base_feed, Doctor, Variant};
use crate::signature::compute;
use crate::signature::url_variants::Parts;
use crate::signature::{make_visible, node, sign, DiagnosisCode};

/// Changes the case of the hex digits in every `%XX`.
fn hex_case(s: &str, upper: bool) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && b[i + 1].is_ascii_hexdigit()
            && b[i + 2].is_ascii_hexdigit()
        {
            out.push('%');
            for &h in &b[i + 1..i + 3] {
                out.push(if upper {
                    h.to_ascii_uppercase() as char
                } else {
                    h.to_ascii_lowercase() as char
                });
            }
            i += 3;
        } else {
            let ch = s[i..].chars().next().unwrap_or('\u{fffd}');
            out.push(ch);
            i += ch.len_utf8().max(1);
        }
    }
    out
}

/// Decodes `%XX` escapes whose byte is printable ASCII and not in `keep`.
fn decode_safe(s: &str, keep: &[u8]) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Ok(v) = u8::from_str_radix(s.get(i + 1..i + 3).unwrap_or(""), 16) {
                if (0x21..0x7f).contains(&v) && !keep.contains(&v) {
                    out.push(v as char);
                    i += 3;
                    continue;
                }
            }
        }
        let ch = s[i..].chars().next().unwrap_or('\u{fffd}');
        out.push(ch);
        i += ch.len_utf8().max(1);
    }
    out
}

/// Percent-escapes (upper-case hex) the delimiters a URL builder writes back decoded in a
/// query — `: / ? @ , ; $ [ ]` — leaving `& = + # %` and everything else as it is: the
/// inverse of an IRI-style rebuild such as Werkzeug's `request.url`, which shows `%3A`,
/// `%2F`, `%2C`… as `:`, `/`, `,`.
fn escape_delimiters(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if matches!(c, ':' | '/' | '?' | '@' | ',' | ';' | '$' | '[' | ']') {
            out.push_str(&format!("%{:02X}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// The path was decoded or re-encoded (%20 vs +, hex case, safe characters) by a framework.
pub(super) fn path_encoding_variants(d: &mut Doctor<'_, '_>, parts: &Parts) {
    if !parts.path.contains('%') && parts.path.is_ascii() {
        return;
    }
    if escaped_query_separator(d, parts) {
        return;
    }
    let mut paths = vec![
        hex_case(&parts.path, true),
        hex_case(&parts.path, false),
        decode_safe(&parts.path, b"/?#%"),
    ];
    if !parts.path.is_ascii() {
        let mut enc = String::new();
        for &b in parts.path.as_bytes() {
            if b >= 0x80 {
                enc.push_str(&format!("%{b:02X}"));
            } else {
                enc.push(b as char);
            }
        }
        paths.push(enc);
    }
    for path in paths {
        if path == parts.path {
            continue;
        }
        let mut p = parts.clone();
        p.path = path;
        let u = p.join();
        let message = format!(
            "Twilio signed the path as {}, your URL has {} — a framework re-encoded the path; use the raw request path.",
            make_visible(&p.path),
            make_visible(&parts.path)
        );
        let feed = base_feed(d);
        if d.try_variant(Variant::new(
            DiagnosisCode::PathEncoding,
            u,
            feed,
            message,
            "Percent-escapes and their hex case are part of the signed string: take the path from the raw request line, not a decoded route.",
        )) {
            return;
        }
    }
}

/// The query was passed where a path belongs (Node's `url.format({ pathname:
/// req.originalUrl })`, a path-only URL builder), so its `?` came out as `%3F`: Twilio
/// signed the URL with a real query. True when that explains the signature.
fn escaped_query_separator(d: &mut Doctor<'_, '_>, parts: &Parts) -> bool {
    if parts.query.is_some() {
        return false;
    }
    let Some(at) = parts
        .path
        .as_bytes()
        .windows(3)
        .position(|w| w[0] == b'%' && w[1] == b'3' && (w[2] == b'F' || w[2] == b'f'))
    else {
        return false;
    };
    let mut p = parts.clone();
    p.path = parts.path[..at].to_string();
    p.query = Some(parts.path[at + 3..].to_string());
    let u = p.join();
    let message = format!(
        "Twilio signed {}, your URL has {} — the query's '?' was escaped as %3F: the path and query were passed together as a path when the URL was rebuilt (e.g. url.format with pathname = req.originalUrl).",
        make_visible(&u),
        make_visible(&parts.join())
    );
    let feed = base_feed(d);
    d.try_variant(Variant::new(
        DiagnosisCode::PathEncoding,
        u,
        feed,
        message,
        "Append the raw query to the URL as it arrived ('?' included), or pass the configured webhook URL to the validator instead of rebuilding it.",
    ))
}

/// Splits a query into `(raw key, raw value-with-=)` pieces.
fn query_pairs(q: &str) -> Vec<&str> {
    q.split('&').collect()
}

/// Re-encodes each key and value of a query with `enc` after decoding it.
fn reencode_query(q: &str, enc: fn(&mut String, &str)) -> String {
    let mut out = String::with_capacity(q.len() + 8);
    for (i, piece) in q.split('&').enumerate() {
        if i > 0 {
            out.push('&');
        }
        match piece.split_once('=') {
            Some((k, v)) => {
                enc(&mut out, &node::percent_decode_lossy(k, true));
                out.push('=');
                enc(&mut out, &node::percent_decode_lossy(v, true));
            }
            None => enc(&mut out, &node::percent_decode_lossy(piece, true)),
        }
    }
    out
}

/// RFC 3986 style: keep unreserved `A-Za-z0-9-_.~` only.
fn rfc3986_escape_into(out: &mut String, s: &str) {
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
}

/// The query was re-encoded by a framework (space as + or %20, hex case, quotes).
pub(super) fn query_encoding_variants(d: &mut Doctor<'_, '_>, parts: &Parts) {
    let Some(q) = parts.query.as_deref().filter(|q| !q.is_empty()) else {
        return;
    };
    let variants: Vec<(String, &str)> = vec![
        (q.replace('\'', "%27"), "' written as %27"),
        (q.replace("%27", "'"), "%27 written as '"),
        (q.replace('+', "%20"), "spaces written as %20 instead of +"),
        (q.replace("%20", "+"), "spaces written as + instead of %20"),
        (
            q.replace('+', "%2B"),
            "'+' still escaped as %2B (the query you validated was decoded first)",
        ),
        (hex_case(q, true), "upper-case percent-escapes"),
        (hex_case(q, false), "lower-case percent-escapes"),
        (
            decode_safe(q, b"&=+#%"),
            "characters such as : @ / , left unescaped",
        ),
        (
            escape_delimiters(q),
            "':', '/', '?', '@', ',' escaped, where your URL has them decoded (a URL builder unescaped the query, as Flask/Werkzeug's request.url does)",
        ),
        (
            reencode_query(q, node::qs_escape_into),
            "every parameter re-encoded (encodeURIComponent style)",
        ),
        (
            reencode_query(q, sign::form_escape_into),
            "every parameter re-encoded form-style (space as +)",
        ),
        (
            reencode_query(q, rfc3986_escape_into),
            "every parameter re-encoded RFC 3986 style",
        ),
        // The same re-encodings with lower-case hex (as typed, or some encoders write it).
        (
            hex_case(&reencode_query(q, node::qs_escape_into), false),
            "every parameter re-encoded (encodeURIComponent style) with lower-case hex",
        ),
        (
            hex_case(&reencode_query(q, sign::form_escape_into), false),
            "every parameter re-encoded form-style (space as +) with lower-case hex",
        ),
        (
            hex_case(&reencode_query(q, rfc3986_escape_into), false),
            "every parameter re-encoded RFC 3986 style with lower-case hex",
        ),
    ];
    let tries = variants
        .into_iter()
        .filter(|(vq, _)| vq != q)
        .map(|(vq, how)| {
            let message = format!(
                "Twilio signed the query with {how} (?{}), your URL has ?{} — something re-encoded the query; use the raw query string as Twilio sent it.",
                make_visible(&vq),
                make_visible(q)
            );
            (vq, message)
        });
    try_queries(
        d,
        parts,
        tries,
        DiagnosisCode::QueryEncoding,
        "Take the query string from the raw request line (e.g. req.originalUrl, $_SERVER['REQUEST_URI']), not from parsed and re-built parameters.",
    );
}

/// Every order of `n` items (used only for small `n`).
fn permutations(n: usize) -> Vec<Vec<usize>> {
    fn go(prefix: &mut Vec<usize>, rest: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
        if rest.is_empty() {
            out.push(prefix.clone());
            return;
        }
        for i in 0..rest.len() {
            let x = rest.remove(i);
            prefix.push(x);
            go(prefix, rest, out);
            prefix.pop();
            rest.insert(i, x);
        }
    }
    let mut out = Vec::new();
    go(&mut Vec::new(), &mut (0..n).collect(), &mut out);
    out
}

/// A framework re-ordered the query string (parsed into a map and written back).
pub(super) fn query_order_variants(d: &mut Doctor<'_, '_>, parts: &Parts) {
    let Some(q) = parts.query.as_deref().filter(|q| q.contains('&')) else {
        return;
    };
    let pairs = query_pairs(q);
    let n = pairs.len();
    let mut orders: Vec<Vec<usize>> = Vec::new();
    let mut sorted: Vec<u32> = (0..n as u32).collect();
    let key = |i: u32| {
        pairs
            .get(i as usize)
            .and_then(|p| p.split('=').next())
            .unwrap_or("")
    };
    compute::sort_idx(&mut sorted, &|a, b| key(a).cmp(key(b)));
    orders.push(sorted.into_iter().map(|i| i as usize).collect());
    orders.push((0..n).rev().collect());
    let arrived_sorted = orders.first().is_some_and(|o| o.iter().copied().eq(0..n));
    if n <= 4 {
        orders.extend(permutations(n));
    } else if arrived_sorted {
        // A query sorted by a rebuild (PHP ksort, Symfony's normalizeQueryString, a map)
        // from one that was sorted but for one pair: Twilio appends a late parameter after
        // its sorted ones (StirVerstat, bmlt-enabled/yap#1628), and an action URL's own
        // parameter comes before the ones Twilio adds. Each pair is tried moved to the end
        // and to the front.
        for i in (0..n).rev() {
            orders.push((0..n).filter(|&j| j != i).chain([i]).collect());
        }
        for i in 1..n {
            orders.push([i].into_iter().chain((0..n).filter(|&j| j != i)).collect());
        }
    }
    // A framework that rebuilds the query from a parameter map re-orders it and re-encodes
    // it in one go: Symfony's normalizeQueryString sorts and writes spaces as %20 where
    // Twilio's form style has '+' (bmlt-enabled/yap#1629), and a gateway that hands over
    // decoded query parameters (API Gateway's queryStringParameters) leaves the app to
    // write them back with '+' where the URL given to Twilio had %20. When the query
    // arrived sorted, as such a rebuild leaves it, each order is also tried with its
    // spaces written the other way.
    let respell: Option<(&str, &str, &str)> = if !arrived_sorted {
        None
    } else if q.contains("%20") {
        Some((
            "%20",
            "+",
            " and re-encoded its spaces as %20 (Twilio writes '+')",
        ))
    } else if q.contains('+') {
        Some((
            "+",
            "%20",
            " and re-encoded its spaces as '+' (the URL given to Twilio had %20)",
        ))
    } else {
        None
    };
    let respelled: Vec<String> = respell
        .map(|(from, to, _)| pairs.iter().map(|p| p.replace(from, to)).collect())
        .unwrap_or_default();
    let mut queries: Vec<(String, bool)> = Vec::new();
    for order in &orders {
        let plain = order
            .iter()
            .filter_map(|&i| pairs.get(i).copied())
            .collect::<Vec<_>>()
            .join("&");
        queries.push((plain, false));
    }
    if !respelled.is_empty() {
        for order in &orders {
            let spaced = order
                .iter()
                .filter_map(|&i| respelled.get(i).map(String::as_str))
                .collect::<Vec<_>>()
                .join("&");
            queries.push((spaced, true));
        }
    }
    let also_respelled = respell.map_or("", |(_, _, how)| how);
    let tries = queries
        .into_iter()
        .filter(|(vq, _)| vq != q)
        .map(|(vq, spaced)| {
            let also = if spaced { also_respelled } else { "" };
            let message = format!(
                "Twilio signed the query in the order ?{}, your URL has ?{} — the parameters were re-ordered{also}: a framework rebuilt the query from a map (Symfony/Laravel fullUrl() sorts it), or a URL given to Twilio with an unsorted query (a TwiML action, a statusCallback) arrived sorted; use the raw request URI, and give Twilio such URLs with their query already sorted.",
                make_visible(&vq),
                make_visible(q)
            );
            (vq, message)
        });
    try_queries(
        d,
        parts,
        tries,
        DiagnosisCode::QueryOrder,
        "The query is signed verbatim, order included: rebuild the URL from the raw request line, not from a parameter map.",
    );
}

/// Tries the URL with each query in turn (with the message saying what changed) until one
/// matches.
fn try_queries(
    d: &mut Doctor<'_, '_>,
    parts: &Parts,
    queries: impl Iterator<Item = (String, String)>,
    code: DiagnosisCode,
    hint: &str,
) {
    for (query, message) in queries {
        let mut p = parts.clone();
        p.query = Some(query);
        let feed = base_feed(d);
        if d.try_variant(Variant::new(code, p.join(), feed, message, hint)) {
            return;
        }
    }
}
