//! The 2008 `<TwilioResponse><Call>…</Call></TwilioResponse>` XML (and any similar record
//! document): every leaf element becomes a pair, in document order. Nested groups below the
//! record (`<SubresourceUris><Notifications>`) are named with a dot. Depth is bounded.

use super::Decoded;
use crate::finding::{Code, Finding};
use crate::report::{ParamSource, RawPair};

/// Deeper documents are refused: no Twilio response nests this far.
const MAX_DEPTH: usize = 32;

struct Open<'a> {
    name: &'a str,
    has_children: bool,
    text_start: usize,
}

/// Decodes an XML document. `start` is its offset in the input.
pub(crate) fn decode_xml(text: &str, start: usize, out: &mut Decoded) {
    let (pairs_before, findings_before) = (out.pairs.len(), out.findings.len());
    let b = text.as_bytes();
    let mut stack: Vec<Open<'_>> = Vec::new();
    let mut record_depth: Option<usize> = None;
    let mut i = 0;
    let fail = |out: &mut Decoded, at: usize, msg: String| {
        out.findings.push(
            Finding::new(Code::MalformedXml, msg)
                .hint("Paste the whole document, from <TwilioResponse> to </TwilioResponse>.")
                .at(start + at),
        );
    };
    while i < b.len() {
        if b[i] != b'<' {
            let next = text[i..].find('<').map(|n| i + n).unwrap_or(b.len());
            if stack.is_empty() && !text[i..next].trim().is_empty() {
                fail(
                    out,
                    i,
                    format!("Text outside the root element: {:?}.", text[i..next].trim()),
                );
            }
            i = next;
            continue;
        }
        let rest = &text[i..];
        if rest.starts_with("<?")
            || rest.starts_with("<!--")
            || rest.starts_with("<!") && !rest.starts_with("<![CDATA[")
        {
            let end = if rest.starts_with("<!--") {
                rest.find("-->").map(|e| e + 3)
            } else {
                rest.find('>').map(|e| e + 1)
            };
            match end {
                Some(e) => i += e,
                None => {
                    fail(out, i, "A declaration or comment is never closed.".into());
                    return;
                }
            }
            continue;
        }
        if rest.starts_with("<![CDATA[") {
            match rest.find("]]>") {
                Some(e) => i += e + 3,
                None => {
                    fail(out, i, "A CDATA section is never closed.".into());
                    return;
                }
            }
            continue;
        }
        let Some(end) = rest.find('>') else {
            fail(out, i, "A tag is never closed ('>' missing).".into());
            return;
        };
        let tag = &rest[1..end];
        let tag_end = i + end + 1;
        if let Some(name) = tag.strip_prefix('/') {
            let name = name.trim();
            match stack.pop() {
                Some(open) if open.name == name => {
                    if !open.has_children {
                        let raw = &text[open.text_start..i];
                        push_leaf(&stack, open.name, raw, &mut record_depth, out);
                    }
                }
                Some(open) => {
                    fail(
                        out,
                        i,
                        format!(
                            "</{name}> closes <{}>; the document is cut or mis-nested.",
                            open.name
                        ),
                    );
                    return;
                }
                None => {
                    fail(out, i, format!("</{name}> has no opening tag."));
                    return;
                }
            }
        } else {
            let self_closing = tag.ends_with('/');
            let inner = tag.trim_end_matches('/');
            let name = inner
                .split(|c: char| c.is_whitespace())
                .next()
                .unwrap_or("");
            if name.is_empty() {
                fail(out, i, "An element has no name.".into());
                return;
            }
            if let Some(parent) = stack.last_mut() {
                parent.has_children = true;
            }
            if self_closing {
                push_leaf(&stack, name, "", &mut record_depth, out);
            } else {
                if stack.len() >= MAX_DEPTH {
                    fail(
                        out,
                        i,
                        format!(
                            "The document nests deeper than {MAX_DEPTH} elements; reading stopped."
                        ),
                    );
                    return;
                }
                stack.push(Open {
                    name,
                    has_children: false,
                    text_start: tag_end,
                });
            }
        }
        i = tag_end;
    }
    if let Some(open) = stack.last() {
        fail(
            out,
            text.len(),
            format!("<{}> is never closed; the document is cut.", open.name),
        );
    }
    if out.pairs.len() == pairs_before && out.findings.len() == findings_before {
        // Only declarations or comments: say so rather than return nothing.
        fail(out, 0, "The document has no element to read.".into());
    }
}

fn push_leaf(
    stack: &[Open<'_>],
    name: &str,
    raw: &str,
    record_depth: &mut Option<usize>,
    out: &mut Decoded,
) {
    let depth = *record_depth.get_or_insert(stack.len());
    let full = if stack.len() > depth {
        let mut parts: Vec<&str> = stack[depth..].iter().map(|o| o.name).collect();
        parts.push(name);
        parts.join(".")
    } else {
        name.to_string()
    };
    let value = unescape(strip_cdata(raw.trim()));
    out.pairs.push(RawPair {
        source: ParamSource::Xml,
        raw_name: full.clone(),
        raw_value: raw.to_string(),
        name: full,
        value,
        no_equals: false,
        non_literal: false,
    });
}

fn strip_cdata(s: &str) -> &str {
    s.strip_prefix("<![CDATA[")
        .and_then(|r| r.strip_suffix("]]>"))
        .unwrap_or(s)
}

/// Replaces the five XML entities and numeric character references.
fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let ent = &rest[1..e];
            let c = match ent {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => ent
                    .strip_prefix("#x")
                    .or_else(|| ent.strip_prefix("#X"))
                    .map(|h| u32::from_str_radix(h, 16))
                    .or_else(|| ent.strip_prefix('#').map(str::parse::<u32>))
                    .and_then(Result::ok)
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}
