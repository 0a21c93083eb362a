//! The unwrap layer (issue 11 "paste anything"): strips what surrounds a capture pasted from
//! where it was found — a markdown fence, `>` quotes, code comments, line numbers, log
//! prefixes, a `.` or `\` closing every line, HTML escaping, smart quotes — and keeps a map
//! from every byte of the inner text back to the user's text, so findings still point into
//! what was pasted.
//!
//! Every layer is small and conservative: a line wrapper is only removed when *every*
//! non-blank line carries it, so a form body or HTTP request with `#` or `//` inside its
//! values is left alone. Layers stack (a fence around `>` quotes around log lines) and each
//! names what it removed.

mod log;

use crate::decode::http::lines_of;
use log::log_prefix;

/// Layers are peeled at most this many times.
const MAX_LAYERS: usize = 8;

/// A run of inner bytes that are a copy of original bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    inner: usize,
    orig: usize,
    len: usize,
}

/// Maps byte offsets in one layer's output to offsets in its input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct OffsetMap {
    runs: Vec<Run>,
}

impl OffsetMap {
    fn push(&mut self, inner: usize, orig: usize, len: usize) {
        self.runs.push(Run { inner, orig, len });
    }

    /// The input offset of the inner offset `at` (the nearest kept byte before it).
    pub(crate) fn map(&self, at: usize) -> usize {
        let i = self.runs.partition_point(|r| r.inner <= at);
        match i.checked_sub(1).and_then(|i| self.runs.get(i)) {
            Some(r) => r.orig + (at - r.inner).min(r.len),
            None => self.runs.first().map(|r| r.orig).unwrap_or(0),
        }
    }
}

/// The text inside the wrappers, with how to get back to the original.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Unwrapped {
    /// The inner text.
    pub text: String,
    /// One map per layer peeled, outermost first.
    maps: Vec<OffsetMap>,
    /// What each layer removed, outermost first ("`//` comments", "log timestamps"…).
    pub what: Vec<String>,
}

impl Unwrapped {
    /// The offset in the original text of the inner offset `at`, never past `orig_len`.
    pub(crate) fn to_original(&self, at: usize, orig_len: usize) -> usize {
        self.maps
            .iter()
            .rev()
            .fold(at, |a, m| m.map(a))
            .min(orig_len)
    }

    /// These layers, then `inner`'s (peeled from this text).
    pub(crate) fn then(mut self, inner: Unwrapped) -> Unwrapped {
        self.text = inner.text;
        self.maps.extend(inner.maps);
        self.what.extend(inner.what);
        self
    }

    /// True when no layer was peeled.
    pub(crate) fn is_empty(&self) -> bool {
        self.maps.is_empty()
    }

    fn push(&mut self, layer: Layer) {
        self.text = layer.text;
        self.maps.push(layer.map);
        self.what.push(layer.what);
    }
}

/// One peeled layer.
struct Layer {
    text: String,
    map: OffsetMap,
    what: String,
}

/// Peels every wrapper that all lines of `text` share (see the module doc). The result is
/// empty (`is_empty()`) when there was none.
pub(crate) fn unwrap_strong(text: &str) -> Unwrapped {
    let mut out = Unwrapped {
        text: text.to_string(),
        ..Unwrapped::default()
    };
    for _ in 0..MAX_LAYERS {
        let t = out.text.as_str();
        let layer = fence(t)
            .or_else(|| html_entities(t))
            .or_else(|| smart_quotes(t))
            .or_else(|| block_comment(t))
            .or_else(|| line_numbers(t))
            .or_else(|| number_lines(t))
            .or_else(|| glued_numbers(t))
            .or_else(|| diff_marks(t))
            .or_else(|| line_prefix(t, &quote_prefix, "`>` quote marks"))
            .or_else(|| curl_verbose(t))
            .or_else(|| comment_prefix(t))
            .or_else(|| log_prefix(t))
            .or_else(|| line_ends(t))
            .or_else(|| wrapped_pairs(t));
        match layer {
            Some(l) if l.text.trim() != t.trim() && !l.text.trim().is_empty() => out.push(l),
            _ => break,
        }
    }
    out
}

/// A label before the first line's content (`body: `, `Parameters: `, `req.body = `):
/// only tried when the text does not decode without it.
pub(crate) fn unwrap_label(text: &str) -> Option<Unwrapped> {
    let lead = text.len() - text.trim_start().len();
    let first = text.get(lead..)?.lines().next()?;
    let (label, sep) = [": ", " = ", ":\t"]
        .iter()
        .filter_map(|s| first.find(s).map(|i| (i, s.len())))
        .min()?;
    let name = first.get(..label)?;
    let ok = !name.is_empty()
        && name.len() <= 40
        && name.split_whitespace().count() <= 3
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | ' ' | '-' | '[' | ']' | '$'));
    if !ok {
        return None;
    }
    let mut cut = lead + label + sep;
    let mut inner = text.get(cut..)?;
    // `name = `…`` / `name = "…";`: the capture is the string literal's text.
    let body = inner.trim_end().trim_end_matches([';', ',']);
    if let Some(q) = body
        .chars()
        .next()
        .filter(|q| matches!(q, '`' | '"' | '\''))
    {
        if body.len() >= 2 && body.ends_with(q) && !body[1..body.len() - 1].contains(q) {
            cut += 1;
            inner = &body[1..body.len() - 1];
        }
    }
    let mut map = OffsetMap::default();
    map.push(0, cut, inner.len());
    let mut out = Unwrapped::default();
    out.push(Layer {
        text: inner.to_string(),
        map,
        what: format!("the label `{}`", first.get(..label + sep)?.trim_end()),
    });
    Some(out)
}

/// Rebuilds text from kept line parts: `(line offset, kept start, kept end)`, or `None` for a
/// dropped line.
fn rebuild(t: &str, kept: &[Option<(usize, usize, usize)>], what: String) -> Option<Layer> {
    let mut text = String::with_capacity(t.len());
    let mut map = OffsetMap::default();
    let mut first = true;
    for k in kept.iter().flatten() {
        let (off, s, e) = *k;
        if !first {
            text.push('\n');
        }
        first = false;
        let part = t.get(off + s..off + e)?;
        map.push(text.len(), off + s, part.len());
        text.push_str(part);
    }
    Some(Layer { text, map, what })
}

/// Applies `strip` (which returns the prefix length to drop) to every non-blank line; only
/// when it matches every non-blank line.
fn line_prefix(t: &str, strip: &dyn Fn(&str) -> Option<usize>, what: &str) -> Option<Layer> {
    let ls = lines_of(t);
    let mut kept = Vec::with_capacity(ls.len());
    for (off, l) in &ls {
        if l.trim().is_empty() {
            kept.push(Some((*off, 0, 0)));
            continue;
        }
        let n = strip(l)?;
        kept.push(Some((*off, n.min(l.len()), l.len())));
    }
    rebuild(t, &kept, what.to_string())
}

/// `> ` (a markdown or e-mail quote): the `>` and one space.
fn quote_prefix(l: &str) -> Option<usize> {
    let lead = l.len() - l.trim_start().len();
    let rest = l.get(lead..)?.strip_prefix('>')?;
    Some(lead + 1 + usize::from(rest.starts_with(' ')))
}

/// `curl -v` output: the request is the `> ` lines; `* ` notes, `< ` response lines and
/// `{ [n bytes data]` transfer notes are dropped.
fn curl_verbose(t: &str) -> Option<Layer> {
    let ls = lines_of(t);
    let mut kept = Vec::with_capacity(ls.len());
    let mut request = 0;
    for (off, l) in &ls {
        let body = l.trim_end();
        if body.is_empty() {
            continue;
        }
        if let Some(r) = body.strip_prefix('>') {
            request += 1;
            let cut = 1 + usize::from(r.starts_with(' '));
            kept.push(Some((*off, cut, l.len())));
        } else if body.starts_with(['<', '*', '{', '}']) {
            kept.push(None);
        } else {
            return None;
        }
    }
    (request >= 2 && kept.iter().any(Option::is_none)).then_some(())?;
    rebuild(
        t,
        &kept,
        "curl -v output (its `> ` request lines)".to_string(),
    )
}

/// `// `, `# `, `-- ` or ` * ` comment markers shared by every non-blank line.
fn comment_prefix(t: &str) -> Option<Layer> {
    for (marker, what) in [
        ("//", "`//` comments"),
        ("#", "`#` comments"),
        ("--", "`--` comments"),
        ("*", "` * ` comment lines"),
    ] {
        let strip = |l: &str| -> Option<usize> {
            let lead = l.len() - l.trim_start().len();
            let rest = l.get(lead..)?.strip_prefix(marker)?;
            // `#` must be followed by a space or nothing (not `#=`, `#{`, `#!`…), `*` too.
            let spaced = rest.is_empty() || rest.starts_with([' ', '\t']);
            if (marker == "#" || marker == "*" || marker == "--") && !spaced {
                return None;
            }
            if marker == "//" && rest.starts_with('/') && !rest.starts_with("/ ") {
                // `///` doc comments are fine; `//host/path` URLs are not comments.
                return Some(
                    lead + 3 + usize::from(rest.get(1..).is_some_and(|r| r.starts_with(' '))),
                );
            }
            Some(lead + marker.len() + usize::from(spaced && !rest.is_empty()))
        };
        if let Some(l) = line_prefix(t, &strip, what) {
            return Some(l);
        }
    }
    None
}

/// A `/* … */` block (javadoc ` * ` lines included).
fn block_comment(t: &str) -> Option<Layer> {
    let trimmed = t.trim();
    if !(trimmed.starts_with("/*") && trimmed.ends_with("*/") && trimmed.len() >= 4) {
        return None;
    }
    let ls = lines_of(t);
    let mut kept = Vec::with_capacity(ls.len());
    for (off, l) in &ls {
        let lead = l.len() - l.trim_start().len();
        let mut s = lead;
        let mut e = l.len();
        let body = l.trim();
        if body.is_empty() {
            kept.push(Some((*off, 0, 0)));
            continue;
        }
        if let Some(r) = body.strip_prefix("/**").or_else(|| body.strip_prefix("/*")) {
            s = lead + (body.len() - r.len());
        } else if body.starts_with('*') && !body.starts_with("*/") {
            s = lead + 1;
        }
        if l.trim_end().ends_with("*/") {
            e = l.trim_end().len() - 2;
        }
        let e = e.max(s);
        let part = l.get(s..e)?;
        let s = s + usize::from(part.starts_with(' '));
        kept.push(Some((*off, s.min(e), e)));
    }
    rebuild(t, &kept, "a `/* … */` comment".to_string())
}

/// Consecutive line numbers (`12 | `, `12: `, `12. `, `12) `, `12\t`) on every non-blank line.
fn line_numbers(t: &str) -> Option<Layer> {
    let ls = lines_of(t);
    let mut kept = Vec::with_capacity(ls.len());
    let mut last: Option<u64> = None;
    let mut numbered = 0;
    for (off, l) in &ls {
        let lead = l.len() - l.trim_start().len();
        let rest = l.get(lead..)?;
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits == 0 {
            if l.trim().is_empty() {
                kept.push(Some((*off, 0, 0)));
                continue;
            }
            return None;
        }
        let n: u64 = rest.get(..digits)?.parse().ok()?;
        // Consecutive (blank lines in the capture may be numbered or not).
        if last.is_some_and(|p| n <= p || n > p.saturating_add(3)) {
            return None;
        }
        last = Some(n);
        let after = rest.get(digits..)?;
        let gap = after.len() - after.trim_start_matches(' ').len();
        let after_gap = after.get(gap..)?;
        let sep = match after_gap.chars().next() {
            Some('|' | ':' | '.' | ')') => 1,
            Some('\t') => 1,
            None => 0,
            Some(_) if gap >= 1 => 0,
            Some(_) => return None,
        };
        let mut cut = lead + digits + gap + sep;
        if l.get(cut..).is_some_and(|r| r.starts_with(' ')) {
            cut += 1;
        }
        numbered += 1;
        kept.push(Some((*off, cut.min(l.len()), l.len())));
    }
    (numbered >= 2).then_some(())?;
    rebuild(t, &kept, "line numbers".to_string())
}

/// Line numbers on lines of their own, as some documentation pages copy: `1`, the first
/// line, `2`, the second… Every other non-blank line is the next number.
fn number_lines(t: &str) -> Option<Layer> {
    let ls = lines_of(t);
    let mut kept = Vec::with_capacity(ls.len());
    let mut expect: Option<u64> = None;
    let mut numbered = 0;
    let mut want_number = true;
    for (off, l) in &ls {
        let trimmed = l.trim();
        if trimmed.is_empty() {
            continue;
        }
        if want_number {
            let n: u64 = trimmed.parse().ok()?;
            if expect.is_some_and(|e| n != e) {
                return None;
            }
            expect = Some(n.checked_add(1)?);
            numbered += 1;
        } else {
            kept.push(Some((*off, 0, l.len())));
        }
        want_number = !want_number;
    }
    (numbered >= 3).then_some(())?;
    rebuild(t, &kept, "line numbers on lines of their own".to_string())
}

/// Line numbers glued to their lines on one line, as a documentation page's code block
/// comes out of a text extraction: `1{2"specversion" : "1.0",3"type" : …}`. Only JSON
/// (`1{` or `1[` first), each next number before a line's start: a closing `}` `]`, or a
/// `"` `{` `[` right after a line's end (`,` `{` `[` `}` `]`); counting up from 1, no gap.
fn glued_numbers(t: &str) -> Option<Layer> {
    const MIN_NUMBERS: u64 = 5;
    let t_trim = t.trim();
    let lead = t.len() - t.trim_start().len();
    if t_trim.contains('\n') || !(t_trim.starts_with("1{") || t_trim.starts_with("1[")) {
        return None;
    }
    let b = t_trim.as_bytes();
    let mut kept = Vec::new();
    let mut start = 1; // after the `1`
    let mut n: u64 = 2;
    loop {
        let marker = n.to_string();
        let found = (start..b.len()).find(|&i| {
            let next = b.get(i + marker.len()).copied();
            b[i..].starts_with(marker.as_bytes())
                && match next {
                    // A closing line may follow any last entry (`"x" : 6` then `}`).
                    Some(b'}' | b']') => true,
                    Some(b'"' | b'{' | b'[') => {
                        matches!(b[i - 1], b',' | b'{' | b'[' | b'}' | b']')
                    }
                    _ => false,
                }
        });
        match found {
            Some(i) => {
                kept.push(Some((lead, start, i)));
                start = i + marker.len();
                n += 1;
            }
            None => {
                kept.push(Some((lead, start, b.len())));
                break;
            }
        }
    }
    (n > MIN_NUMBERS).then_some(())?;
    rebuild(t, &kept, "line numbers glued to their lines".to_string())
}

/// A diff's marks (`+` added, `-` removed lines, as a review quotes them): the added side is
/// kept. Only when every non-blank line carries a mark and at least two are added.
fn diff_marks(t: &str) -> Option<Layer> {
    let ls = lines_of(t);
    let mut kept = Vec::with_capacity(ls.len());
    let mut added = 0;
    for (off, l) in &ls {
        if l.trim().is_empty() {
            continue;
        }
        if l.starts_with("+++") || l.starts_with("---") || l.starts_with("@@") {
            continue;
        }
        match l.as_bytes().first() {
            Some(b'+') => {
                added += 1;
                kept.push(Some((*off, 1, l.len())));
            }
            Some(b'-') => {}
            _ => return None,
        }
    }
    (added >= 2).then_some(())?;
    rebuild(t, &kept, "diff marks (`+` lines kept)".to_string())
}

/// A markdown code fence (```` ``` ```` or `~~~`, with or without a language): the first
/// fenced block; text around it is dropped.
fn fence(t: &str) -> Option<Layer> {
    let ls = lines_of(t);
    let is_fence = |l: &str| {
        let l = l.trim_start();
        l.starts_with("```") || l.starts_with("~~~")
    };
    let open = ls.iter().position(|(_, l)| is_fence(l))?;
    let close = ls
        .iter()
        .skip(open + 1)
        .position(|(_, l)| is_fence(l))
        .map(|p| p + open + 1)
        .unwrap_or(ls.len());
    let kept: Vec<_> = ls
        .iter()
        .enumerate()
        .map(|(i, (off, l))| (i > open && i < close).then_some((*off, 0, l.len())))
        .collect();
    let around = ls
        .iter()
        .enumerate()
        .any(|(i, (_, l))| (i < open || i > close) && !l.trim().is_empty());
    let what = if around {
        "a markdown code fence (and the text around it)"
    } else {
        "a markdown code fence"
    };
    rebuild(t, &kept, what.to_string())
}

/// A `.` or `\` closing every non-blank line (documentation captures), at least two lines.
fn line_ends(t: &str) -> Option<Layer> {
    let ls = lines_of(t);
    let content: Vec<&str> = ls
        .iter()
        .map(|(_, l)| l.trim_end())
        .filter(|l| !l.is_empty())
        .collect();
    if content.len() < 2 {
        return None;
    }
    let end = [
        ('.', "a `.` at the end of every line"),
        ('\\', "a `\\` at the end of every line"),
    ]
    .into_iter()
    .find(|(c, _)| {
        content
            .iter()
            .all(|l| l.ends_with(*c) && !l.ends_with(".."))
    })?;
    let kept: Vec<_> = ls
        .iter()
        .map(|(off, l)| {
            let body = l.trim_end();
            let cut = body.strip_suffix(end.0).map(str::trim_end).unwrap_or(body);
            Some((*off, 0, cut.len()))
        })
        .collect();
    rebuild(t, &kept, end.1.to_string())
}

/// A form or query string written one `name=value&` pair per line, as documentation lays a
/// long query out (indented, each line ending in the `&` that joins it to the next), after an
/// optional first line ending in `?` (the URL or a `{callbackUrl}` template): the lines are
/// joined back, their indentation and line breaks dropped. Only when every non-blank line is
/// such a pair (no space, no `&` inside it), all but the last end in `&`, and there are at
/// least three.
fn wrapped_pairs(t: &str) -> Option<Layer> {
    let ls: Vec<(usize, &str)> = lines_of(t)
        .into_iter()
        .filter(|(_, l)| !l.trim().is_empty())
        .collect();
    let lead = ls.first().filter(|(_, l)| {
        let l = l.trim();
        l.ends_with('?') && !l.contains('=') && !l.contains(char::is_whitespace)
    });
    let pairs = &ls[usize::from(lead.is_some())..];
    if pairs.len() < 3 {
        return None;
    }
    let is_pair = |l: &str| {
        let body = l.strip_suffix('&').unwrap_or(l);
        let (name, value) = body.split_once('=')?;
        let name_ok = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '[' | ']'));
        (name_ok && !value.contains(['&', ' ', '\t'])).then_some(())
    };
    let last = pairs.len() - 1;
    for (i, (_, l)) in pairs.iter().enumerate() {
        let l = l.trim();
        is_pair(l)?;
        if i < last && !l.ends_with('&') {
            return None;
        }
    }
    let mut text = String::with_capacity(t.len());
    let mut map = OffsetMap::default();
    for (off, l) in lead.into_iter().chain(pairs.iter()) {
        let start = l.len() - l.trim_start().len();
        let part = l.trim();
        map.push(text.len(), off + start, part.len());
        text.push_str(part);
    }
    Some(Layer {
        text,
        map,
        what: "line breaks of a query wrapped one `name=value&` pair per line".to_string(),
    })
}

/// HTML-escaped text (`&quot;`, `&#39;`, `&lt;`, `&amp;`): only when the paste has none of the
/// characters those entities stand for, so real JSON, XML or forms are never touched.
/// Hand-written (the named entities an escaped capture holds, plus numeric ones) rather than
/// a crate: a full HTML entity table would weigh more in the wasm build than this reader.
fn html_entities(t: &str) -> Option<Layer> {
    const STRUCTURAL: [&str; 7] = [
        "&quot;", "&#39;", "&#x27;", "&apos;", "&lt;", "&gt;", "&#34;",
    ];
    let amp_form = t.match_indices("&amp;").any(|(i, _)| {
        t.get(i + 5..)
            .and_then(|r| r.split_once('='))
            .is_some_and(|(k, _)| {
                !k.is_empty() && k.chars().all(|c| c.is_alphanumeric() || c == '_')
            })
    });
    if !(STRUCTURAL.iter().any(|e| t.contains(e)) || amp_form) || t.contains(['<', '>', '"']) {
        return None;
    }
    // Every '&' must start an entity.
    let mut text = String::with_capacity(t.len());
    let mut map = OffsetMap::default();
    let mut i = 0;
    let mut run_start = 0;
    while let Some(rel) = t.get(i..)?.find('&') {
        let at = i + rel;
        let (ch, len) = entity(t.get(at..)?)?;
        let before = t.get(run_start..at)?;
        map.push(text.len(), run_start, before.len());
        text.push_str(before);
        map.push(text.len(), at, 0);
        text.push(ch);
        i = at + len;
        run_start = i;
    }
    let tail = t.get(run_start..)?;
    map.push(text.len(), run_start, tail.len());
    text.push_str(tail);
    Some(Layer {
        text,
        map,
        what: "HTML escaping (&quot;, &amp;…)".to_string(),
    })
}

/// The character of the entity at the start of `s`, and its length.
fn entity(s: &str) -> Option<(char, usize)> {
    let end = s.find(';').filter(|&e| e <= 10)?;
    let name = s.get(1..end)?;
    let ch = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)?
        }
    };
    Some((ch, end + 1))
}

/// Smart quotes (“ ” ‘ ’) turned into ASCII quotes, when an opening one delimits a string:
/// it follows `{`, `[`, `(`, `,`, `:`, `=>` or a line start, or any space in a command
/// line (`curl -d “…”`, `twilio … --body “…”`).
fn smart_quotes(t: &str) -> Option<Layer> {
    let first = t.trim_start().trim_start_matches("$ ");
    let command = first.starts_with("curl") || first.starts_with("twilio");
    let delimits = t.match_indices(['“', '‘']).any(|(i, _)| {
        let before = t.get(..i).unwrap_or("");
        let b = before.trim_end_matches([' ', '\t']);
        b.is_empty()
            || b.ends_with(['{', '[', '(', ',', ':', '>', '\n'])
            || (command && b.len() < before.len())
    });
    if !delimits {
        return None;
    }
    let mut text = String::with_capacity(t.len());
    let mut map = OffsetMap::default();
    let mut run_start = 0;
    for (i, c) in t.char_indices() {
        let ascii = match c {
            '“' | '”' => '"',
            '‘' | '’' => '\'',
            _ => continue,
        };
        let before = t.get(run_start..i)?;
        map.push(text.len(), run_start, before.len());
        text.push_str(before);
        map.push(text.len(), i, 0);
        text.push(ascii);
        run_start = i + c.len_utf8();
    }
    let tail = t.get(run_start..)?;
    map.push(text.len(), run_start, tail.len());
    text.push_str(tail);
    Some(Layer {
        text,
        map,
        what: "smart quotes (“ ” ‘ ’)".to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_offsets() {
        let t = "// a=1&b=2\n// c=3";
        let u = unwrap_strong(t);
        assert_eq!(u.text, "a=1&b=2\nc=3");
        assert_eq!(u.what, vec!["`//` comments".to_string()]);
        let c = u.text.find("c=3").unwrap_or(0);
        assert_eq!(u.to_original(c, t.len()), t.find("c=3").unwrap_or(0));
    }

    #[test]
    fn form_with_hash_is_left_alone() {
        assert!(unwrap_strong("Digits=1234#&CallSid=CA1").is_empty());
        assert!(unwrap_strong("POST /x HTTP/1.1\nHost: a\n\nA=1#").is_empty());
    }

    #[test]
    fn huge_line_numbers_do_not_overflow() {
        let t = "18446744073709551615 | a=1\n18446744073709551615 | b=2";
        assert!(unwrap_strong(t).what.iter().all(|w| w != "line numbers"));
    }

    #[test]
    fn query_wrapped_one_pair_per_line_is_joined() {
        let t = "/{callbackUrl}?\n\tmessageId=m-1&\n\tfrom=%2B1&\n\ttext=hi\n";
        let u = unwrap_strong(t);
        assert_eq!(u.text, "/{callbackUrl}?messageId=m-1&from=%2B1&text=hi");
        let f = u.text.find("from").unwrap_or(0);
        assert_eq!(u.to_original(f, t.len()), t.find("from").unwrap_or(0));
        // A line without its joining `&`, a pair with a space, or only two pairs: left alone.
        assert!(unwrap_strong("  a=1\n  b=2&\n  c=3").is_empty());
        assert!(unwrap_strong("  a=1&\n  b=2 x&\n  c=3").is_empty());
        assert!(unwrap_strong("  a=1&\n  b=2").is_empty());
    }

    #[test]
    fn stacked_layers() {
        let t = "```\n> 2024-03-01T12:00:00.123Z From=%2B1&Body=hi.\n> 2024-03-01T12:00:00.124Z To=%2B2.\n```";
        let u = unwrap_strong(t);
        assert_eq!(u.text, "From=%2B1&Body=hi\nTo=%2B2");
        assert_eq!(u.what.len(), 4, "{:?}", u.what);
    }
}
