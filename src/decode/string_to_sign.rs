//! A printed string-to-sign, as developers log it when a signature check fails: the URL,
//! then every parameter's name and value run together, sorted by name
//! (`https://example.com/smsAccountSidAC…Body…From+1…`). Read back into the URL and the
//! parameters: the split between a value and the next name is found from the catalog's
//! names, which must come in sorted order. Whatever the split, the parameters give back the
//! same string, so a signature checked against them is exact.

use super::url::apply_url;
use super::Decoded;
use crate::finding::{Code, Finding};
use crate::report::{Header, InputFormat, ParamSource, RawPair};

/// The longest text read (a string-to-sign is one request).
const MAX_LEN: usize = 64 * 1024;

/// The catalog's plain parameter names (no `{N}` patterns), sorted, for prefix lookups.
fn names() -> &'static [&'static str] {
    static NAMES: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        let mut v: Vec<&'static str> = crate::catalog::PARAMS
            .iter()
            .map(|p| p.name)
            .filter(|n| !n.contains('{') && n.starts_with(|c: char| c.is_ascii_uppercase()))
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    })
}

/// The longest catalog name that starts at `at` in `s`, if any.
fn name_at(s: &str, at: usize) -> Option<&'static str> {
    let rest = s.get(at..)?;
    let first = rest.get(..1)?;
    let all = names();
    let from = all.partition_point(|n| *n < first);
    all[from..]
        .iter()
        .take_while(|n| n.starts_with(first))
        .filter(|n| rest.starts_with(**n))
        .max_by_key(|n| n.len())
        .copied()
}

/// Reads `text` as a printed string-to-sign, or `None` when it is not one: one line that
/// starts with a URL, has no `&`-separated form after it, and runs at least three catalog
/// names together in sorted order.
pub(crate) fn read(text: &str) -> Option<Decoded> {
    let t = text.trim();
    if t.len() > MAX_LEN
        || t.contains('\n')
        || !(t.starts_with("https://") || t.starts_with("http://"))
    {
        return None;
    }
    let host_start = t.find("://")? + 3;
    let path_start = t[host_start..]
        .find('/')
        .map_or(t.len(), |i| host_start + i);
    // The first name whose chain of sorted names runs to the end of the text.
    let mut start = path_start;
    while start < t.len() {
        if t.is_char_boundary(start) {
            if let Some(pairs) = chain(t, start) {
                if pairs.len() >= 3 {
                    return Some(decoded(t, start, pairs));
                }
            }
        }
        start += 1;
    }
    None
}

/// From `at` to the end: (name, value) pairs whose names are catalog names in sorted order.
fn chain(t: &str, at: usize) -> Option<Vec<(&'static str, String)>> {
    let mut name = name_at(t, at)?;
    let mut pairs = Vec::new();
    let mut value_from = at + name.len();
    let mut j = value_from;
    while j < t.len() {
        if t.is_char_boundary(j) && t.as_bytes()[j].is_ascii_uppercase() {
            if let Some(next) = name_at(t, j).filter(|n| *n >= name) {
                pairs.push((name, t[value_from..j].to_string()));
                name = next;
                value_from = j + next.len();
                j = value_from;
                continue;
            }
        }
        j += 1;
    }
    pairs.push((name, t[value_from..].to_string()));
    Some(pairs)
}

fn decoded(t: &str, split: usize, pairs: Vec<(&'static str, String)>) -> Decoded {
    let mut out = Decoded {
        format: Some(InputFormat::Url),
        method: Some("POST".into()),
        ..Decoded::default()
    };
    apply_url(&t[..split], Some(0), &mut out);
    out.headers.push(Header {
        name: "Content-Type".into(),
        value: "application/x-www-form-urlencoded".into(),
    });
    for (name, value) in pairs {
        out.pairs.push(RawPair {
            source: ParamSource::Body,
            raw_name: name.to_string(),
            raw_value: value.clone(),
            name: name.to_string(),
            value,
            no_equals: false,
            non_literal: false,
        });
    }
    out.findings.push(Finding::new(
        Code::WrapperUnwrapped,
        "Read a printed string-to-sign (the URL, then each name and value run together): the split between a value and the next name was found from the catalog's names, in sorted order.",
    ));
    out
}
