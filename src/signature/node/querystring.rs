//! Node's legacy `querystring` module as twilio-node uses it: `parse`, `escape`,
//! `stringify`, and the `withLegacyQuerystring` URL rebuild built on them.

use crate::text::part;

use super::{percent_decode_lossy, HEX_UPPER};
use crate::signature::compute;

/// twilio-node 6.2's `withLegacyQuerystring(url)`, on the text: everything after the first
/// `?` (the fragment too, which `querystring.parse` reads as part of the last value) is
/// rebuilt with `querystring.stringify(querystring.parse(…))`; no `?`, or nothing after it,
/// leaves the URL as it is. Always `Some` (kept an `Option` for the callers that pair it
/// with `new URL()`, which can throw first).
pub(crate) fn with_legacy_querystring(url: &str) -> Option<String> {
    match url.find('?') {
        Some(q) if q + 1 < url.len() => {
            let mut out = String::with_capacity(url.len() + 8);
            out.push_str(part(url, ..=q));
            out.push_str(&qs_stringify(&qs_parse(part(url, q + 1..))));
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
            Some(i) => (part(piece, ..i), part(piece, i + 1..)),
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
    compute::sort_idx(&mut order, &|a, b| nums[a as usize].cmp(&nums[b as usize]));
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
