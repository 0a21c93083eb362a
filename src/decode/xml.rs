//! The 2008 `<TwilioResponse><Call>…</Call></TwilioResponse>` XML (and any similar record
//! document): every leaf element becomes a pair, in document order. Nested groups below the
//! record (`<SubresourceUris><Notifications>`) are named with a dot. Depth is bounded.
//!
//! Read with `quick-xml` (the parser the response side uses), leniently, since a pasted
//! record may have been through a logger: a lone `&` is kept as text, an entity other than
//! XML's five is kept as written (never expanded), a DOCTYPE is skipped. Each pair keeps
//! the element's raw content; findings carry the byte offset in the input.

use quick_xml::errors::{Error, IllFormedError, SyntaxError};
use quick_xml::events::{BytesRef, Event};
use quick_xml::Reader;

use super::Decoded;
use crate::finding::{Code, Finding};
use crate::report::{ParamSource, RawPair};
use crate::response::xml::resolve_reference;

/// Deeper documents are refused: no Twilio response nests this far.
const MAX_DEPTH: usize = 32;

/// An element still open.
struct Open {
    name: String,
    has_children: bool,
    /// Offset of its content (just after the start tag's `>`).
    text_start: usize,
    /// Its content so far: text, CDATA and references resolved.
    value: String,
}

/// The reader's state: the text, where it starts in the input, and the open elements.
struct Records<'t, 'o> {
    text: &'t str,
    start: usize,
    out: &'o mut Decoded,
    stack: Vec<Open>,
    /// The depth of the first leaf: its parent is the record, deeper leaves are dotted.
    record_depth: Option<usize>,
    /// Where a run of text outside the root element began (said in one finding when the
    /// run ends, however many text events it took).
    outside: Option<usize>,
}

/// Decodes an XML document. `start` is its offset in the input.
pub(crate) fn decode_xml(text: &str, start: usize, out: &mut Decoded) {
    let (pairs_before, findings_before) = (out.pairs.len(), out.findings.len());
    let mut r = Records {
        text,
        start,
        out,
        stack: Vec::new(),
        record_depth: None,
        outside: None,
    };
    if !r.read() {
        return;
    }
    if let Some(open) = r.stack.last() {
        let msg = format!("<{}> is never closed; the document is cut.", open.name);
        r.fail(text.len(), msg);
    }
    if r.out.pairs.len() == pairs_before && r.out.findings.len() == findings_before {
        // Only declarations or comments: say so rather than return nothing.
        r.fail(0, "The document has no element to read.".into());
    }
}

impl Records<'_, '_> {
    /// A `malformed-xml` finding at offset `at` of the text.
    fn fail(&mut self, at: usize, msg: String) {
        self.out.findings.push(
            Finding::new(Code::MalformedXml, msg)
                .hint("Paste the whole document, from <TwilioResponse> to </TwilioResponse>.")
                .at(self.start + at),
        );
    }

    /// Reads every event; false when reading had to stop (the finding says why).
    fn read(&mut self) -> bool {
        let text = self.text;
        let mut reader = Reader::from_str(text);
        reader.config_mut().allow_dangling_amp = true;
        loop {
            let pos = usize::try_from(reader.buffer_position()).unwrap_or(0);
            let event = match reader.read_event() {
                Ok(e) => e,
                Err(e) => {
                    self.end_outside(pos);
                    let at = usize::try_from(reader.error_position()).unwrap_or(0);
                    self.fail(at, describe_error(&e, self.stack.last()));
                    return false;
                }
            };
            let after = usize::try_from(reader.buffer_position()).unwrap_or(text.len());
            if !matches!(event, Event::Text(_) | Event::GeneralRef(_)) {
                self.end_outside(pos);
            }
            let ok = match event {
                Event::Start(e) => {
                    let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                    self.open(&name, pos, after)
                }
                Event::Empty(e) => {
                    let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                    self.empty(&name, pos)
                }
                Event::End(_) => {
                    self.close(pos);
                    true
                }
                Event::Text(t) => {
                    self.text(&String::from_utf8_lossy(t.as_ref()), pos);
                    true
                }
                Event::CData(t) => {
                    if let Some(open) = self.stack.last_mut() {
                        open.value.push_str(&String::from_utf8_lossy(t.as_ref()));
                    }
                    true
                }
                Event::GeneralRef(r) => {
                    self.text(&resolve(&r), pos);
                    true
                }
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => true,
                Event::Eof => return true,
            };
            if !ok {
                return false;
            }
        }
    }

    /// A start tag from `pos` to `after`; false when the document nests too deep or the
    /// name is empty.
    fn open(&mut self, name: &str, pos: usize, after: usize) -> bool {
        if name.is_empty() {
            self.fail(pos, "An element has no name.".into());
            return false;
        }
        if let Some(parent) = self.stack.last_mut() {
            parent.has_children = true;
        }
        if self.stack.len() >= MAX_DEPTH {
            self.fail(
                pos,
                format!("The document nests deeper than {MAX_DEPTH} elements; reading stopped."),
            );
            return false;
        }
        self.stack.push(Open {
            name: name.to_string(),
            has_children: false,
            text_start: after,
            value: String::new(),
        });
        true
    }

    /// A self-closing element: a leaf with an empty value.
    fn empty(&mut self, name: &str, pos: usize) -> bool {
        if name.is_empty() {
            self.fail(pos, "An element has no name.".into());
            return false;
        }
        if let Some(parent) = self.stack.last_mut() {
            parent.has_children = true;
        }
        self.push_leaf(name, "", String::new());
        true
    }

    /// An end tag at `pos` (quick-xml has checked that it matches): a leaf becomes a pair.
    fn close(&mut self, pos: usize) {
        let Some(open) = self.stack.pop() else {
            return;
        };
        if open.has_children {
            return;
        }
        let text = self.text;
        let raw = text.get(open.text_start..pos).unwrap_or("");
        let value = trim_like_raw(raw, open.value);
        self.push_leaf(&open.name, raw, value);
    }

    /// Text (or a resolved reference) at `pos`: part of the open element's value, or of a
    /// run of text outside the root element.
    fn text(&mut self, s: &str, pos: usize) {
        match self.stack.last_mut() {
            Some(open) => open.value.push_str(s),
            None => {
                self.outside.get_or_insert(pos);
            }
        }
    }

    /// A run of text outside the root element ends at `end`: a finding, unless it is only
    /// whitespace.
    fn end_outside(&mut self, end: usize) {
        let Some(from) = self.outside.take() else {
            return;
        };
        let run = self.text.get(from..end).unwrap_or("").trim();
        if !run.is_empty() {
            let msg = format!("Text outside the root element: {run:?}.");
            self.fail(from, msg);
        }
    }

    fn push_leaf(&mut self, name: &str, raw: &str, value: String) {
        let depth = *self.record_depth.get_or_insert(self.stack.len());
        let full = if self.stack.len() > depth {
            let mut parts: Vec<&str> = self.stack[depth..]
                .iter()
                .map(|o| o.name.as_str())
                .collect();
            parts.push(name);
            parts.join(".")
        } else {
            name.to_string()
        };
        self.out.pairs.push(RawPair {
            source: ParamSource::Xml,
            raw_name: full.clone(),
            raw_value: raw.to_string(),
            name: full,
            value,
            no_equals: false,
            non_literal: false,
        });
    }
}

/// The value of an element whose raw content is `raw`, without the whitespace around
/// `raw` (indentation). That whitespace is plain text at the edges of `raw`, so it is the
/// same bytes at the edges of `value`; a space written as a reference is kept.
fn trim_like_raw(raw: &str, value: String) -> String {
    if raw.trim().is_empty() {
        return String::new();
    }
    let lead = raw.len() - raw.trim_start().len();
    let trail = raw.len() - raw.trim_end().len();
    match value.get(lead..value.len().saturating_sub(trail)) {
        Some(v) if lead + trail <= value.len() => v.to_string(),
        _ => value.trim().to_string(),
    }
}

/// A reference's text: resolved when it is a character reference or one of XML's five
/// entities (the response reader's rule), any other entity kept as written (`&nbsp;`).
fn resolve(r: &BytesRef<'_>) -> String {
    match resolve_reference(r) {
        Some(c) => c.to_string(),
        None => format!("&{};", String::from_utf8_lossy(r.as_ref())),
    }
}

/// A sentence for a quick-xml error; `open` is the innermost open element.
fn describe_error(e: &Error, open: Option<&Open>) -> String {
    match e {
        Error::IllFormed(IllFormedError::MismatchedEndTag { expected, found }) => {
            format!("</{found}> closes <{expected}>; the document is cut or mis-nested.")
        }
        Error::IllFormed(IllFormedError::UnmatchedEndTag(name)) => {
            format!("</{name}> has no opening tag.")
        }
        Error::Syntax(SyntaxError::UnclosedCData) => "A CDATA section is never closed.".into(),
        Error::Syntax(
            SyntaxError::UnclosedComment
            | SyntaxError::UnclosedDoctype
            | SyntaxError::UnclosedPI
            | SyntaxError::UnclosedXmlDecl
            | SyntaxError::InvalidBangMarkup,
        ) => "A declaration or comment is never closed.".into(),
        Error::Syntax(
            SyntaxError::UnclosedTag
            | SyntaxError::UnclosedSingleQuotedAttributeValue
            | SyntaxError::UnclosedDoubleQuotedAttributeValue,
        ) => "A tag is never closed ('>' missing).".into(),
        other => match open {
            Some(o) => format!("The XML cannot be read inside <{}>: {other}.", o.name),
            None => format!("The XML cannot be read: {other}."),
        },
    }
}
