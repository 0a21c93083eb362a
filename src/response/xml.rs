//! XML well-formedness with `quick-xml`, into a small tree the schema checks walk.
//!
//! Bounded on hostile input: entities other than the five predefined ones and character
//! references are never expanded (an undefined one is an error), a DOCTYPE is not read,
//! and nesting deeper than [`MAX_DEPTH`] stops the parse.

use quick_xml::events::Event;
use quick_xml::Reader;

use crate::finding::{Code, Finding};

/// Deeper documents are refused: real TwiML nests a few levels (SSML inside `<Say>` a few more).
pub(crate) const MAX_DEPTH: usize = 64;

/// Line starts of a body, to turn byte offsets into 1-based line and column.
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// Offset of the body in the pasted input, when the body is a slice of it.
    base: Option<usize>,
}

impl<'a> LineIndex<'a> {
    /// Indexes `text`, whose first byte is at `base` in the input (when known).
    pub(crate) fn new(text: &'a str, base: Option<usize>) -> LineIndex<'a> {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts, base }
    }

    /// 1-based line and column (in characters) of byte offset `off` of the body.
    pub(crate) fn line_col(&self, off: usize) -> (u32, u32) {
        let off = off.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= off).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let col = self
            .text
            .get(start..off)
            .map(|s| s.chars().count())
            .unwrap_or(off - start);
        (
            u32::try_from(line).unwrap_or(u32::MAX),
            u32::try_from(col + 1).unwrap_or(u32::MAX),
        )
    }

    /// `f` placed at byte offset `off` of the body (line, column and input offset).
    pub(crate) fn place(&self, f: Finding, off: usize) -> Finding {
        let (l, c) = self.line_col(off);
        let f = f.line_col(l, c);
        match self.base {
            Some(b) => f.at(b + off),
            None => f,
        }
    }
}

/// An attribute as written.
#[derive(Debug, Clone)]
pub(crate) struct Attr {
    /// Name as written (`statusCallbackEvent`, `xml:lang`).
    pub name: String,
    /// Value with references resolved.
    pub value: String,
    /// Byte offset of the name in the body.
    pub offset: usize,
}

/// An element of the document.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    /// Tag as written.
    pub name: String,
    /// Attributes in order.
    pub attrs: Vec<Attr>,
    /// Text content directly inside (CDATA and references resolved), concatenated.
    pub text: String,
    /// Child elements (indexes into [`Tree::nodes`]).
    pub children: Vec<usize>,
    /// Parent element, `None` for the root.
    pub parent: Option<usize>,
    /// Byte offset of the `<` in the body.
    pub offset: usize,
}

impl Node {
    /// The attribute named `name`, if present.
    pub(crate) fn attr(&self, name: &str) -> Option<&Attr> {
        self.attrs.iter().find(|a| a.name == name)
    }
}

/// The parsed document: nodes in document order; the root is node 0.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tree {
    /// Every element, in document order.
    pub nodes: Vec<Node>,
}

impl Tree {
    /// The root element.
    pub(crate) fn root(&self) -> Option<&Node> {
        self.nodes.first()
    }
}

/// Parses `body`. Reports well-formedness problems into `findings` and returns the tree
/// when the document is well-formed. `strict_start`: whitespace before `<?xml` is an error
/// (it is when the body is the server's exact bytes, not a pasted snippet).
pub(crate) fn parse(
    body: &str,
    lines: &LineIndex<'_>,
    strict_start: bool,
    findings: &mut Vec<Finding>,
) -> Option<Tree> {
    let mut start = 0;
    if let Some(decl) = body.find("<?xml") {
        let before = &body[..decl];
        if decl > 0 && (strict_start || !before.trim().is_empty() || before.contains('\u{feff}')) {
            let what = if before.trim_matches('\u{feff}').trim().is_empty() {
                if before.contains('\u{feff}') {
                    "A byte-order mark"
                } else {
                    "Whitespace"
                }
            } else {
                "Text"
            };
            findings.push(
                lines
                    .place(
                        Finding::new(
                            Code::ResponseTextBeforeXml,
                            format!("{what} comes before the <?xml …?> declaration, which must be the very first thing in the body."),
                        )
                        .twilio(12100)
                        .hint("Remove what is printed before the XML (debug output, a blank line, a BOM): the declaration must start the body."),
                        0,
                    ),
            );
            start = decl;
        }
    }
    if body.contains('\u{fffd}') {
        let at = body.find('\u{fffd}').unwrap_or(0);
        findings.push(
            lines.place(
                Finding::new(
                    Code::TwimlEncoding,
                    "The body contains bytes that are not valid UTF-8 (shown as U+FFFD).",
                )
                .hint("Serve TwiML as UTF-8 and declare encoding=\"UTF-8\"."),
                at,
            ),
        );
    }
    let mut p = Parser {
        body,
        lines,
        findings,
        tree: Tree::default(),
        stack: Vec::new(),
        root_closed: false,
    };
    p.run(start).then_some(p.tree)
}

struct Parser<'a, 'f> {
    body: &'a str,
    lines: &'f LineIndex<'a>,
    findings: &'f mut Vec<Finding>,
    tree: Tree,
    stack: Vec<usize>,
    root_closed: bool,
}

impl<'a> Parser<'a, '_> {
    /// Reports a well-formedness error at body offset `off`; always returns `false`.
    fn fail(&mut self, off: usize, msg: String) -> bool {
        let f = Finding::new(Code::TwimlNotWellFormed, msg)
            .twilio(12100)
            .hint("Build TwiML with a helper library (twilio-node, twilio-python…) or escape & as &amp; and < as &lt;.");
        self.findings.push(self.lines.place(f, off));
        false
    }

    /// Reads events from `start`; true when the document is well-formed.
    fn run(&mut self, start: usize) -> bool {
        let text = &self.body[start..];
        let mut reader = Reader::from_str(text);
        loop {
            let pos = start + usize::try_from(reader.buffer_position()).unwrap_or(0);
            let event = match reader.read_event() {
                Ok(e) => e,
                Err(e) => {
                    let at = start + usize::try_from(reader.error_position()).unwrap_or(0);
                    return self.fail(at, describe_error(&e));
                }
            };
            let ok = match event {
                Event::Start(e) => self.open(&e, pos, false),
                Event::Empty(e) => self.open(&e, pos, true),
                Event::End(_) => {
                    if self.stack.pop().is_some() && self.stack.is_empty() {
                        self.root_closed = true;
                    }
                    true
                }
                Event::Text(t) => {
                    let s = String::from_utf8_lossy(t.as_ref());
                    self.text(&s, pos)
                }
                Event::CData(t) => {
                    let s = String::from_utf8_lossy(t.as_ref());
                    self.text(&s, pos)
                }
                Event::GeneralRef(r) => {
                    match resolve_reference(&r) {
                        Some(c) => self.text(&c.to_string(), pos),
                        None => {
                            let name = String::from_utf8_lossy(r.as_ref()).into_owned();
                            self.fail(pos, format!("&{name}; is not a character reference or one of XML's five entities (&amp; &lt; &gt; &quot; &apos;)."))
                        }
                    }
                }
                Event::DocType(_) => self.fail(
                    pos,
                    "The document has a DOCTYPE: Twilio's parser refuses DTDs (and this inspector expands none of their entities).".into(),
                ),
                Event::Decl(d) => self.declaration(&d, pos),
                Event::Comment(_) | Event::PI(_) => true,
                Event::Eof => return self.end(),
            };
            if !ok {
                return false;
            }
        }
    }

    fn declaration(&mut self, d: &quick_xml::events::BytesDecl<'_>, pos: usize) -> bool {
        if let Some(Ok(enc)) = d.encoding() {
            let enc = String::from_utf8_lossy(&enc).to_ascii_lowercase();
            // An ASCII-only document reads the same in any of these encodings.
            if !matches!(enc.as_str(), "utf-8" | "utf8" | "us-ascii" | "ascii")
                && !self.body.is_ascii()
            {
                let f = Finding::new(
                    Code::TwimlEncoding,
                    format!("The declaration says encoding=\"{enc}\"; what was pasted is read as UTF-8, and non-ASCII text may come out wrong."),
                )
                .hint("Serve TwiML as UTF-8 and declare encoding=\"UTF-8\".");
                self.findings.push(self.lines.place(f, pos));
            }
        }
        true
    }

    fn text(&mut self, s: &str, pos: usize) -> bool {
        match self.stack.last() {
            Some(&i) => {
                if let Some(n) = self.tree.nodes.get_mut(i) {
                    n.text.push_str(s);
                }
                true
            }
            None if s.trim_matches('\u{feff}').trim().is_empty() => true,
            None => {
                let lead = s.len() - s.trim_start().len();
                let what = if self.root_closed { "after" } else { "before" };
                self.fail(
                    pos + lead,
                    format!("Text {what} the root element: {:?}.", clip(s.trim(), 40)),
                )
            }
        }
    }

    fn open(&mut self, e: &quick_xml::events::BytesStart<'_>, pos: usize, empty: bool) -> bool {
        let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
        if !is_xml_name(&name) {
            return self.fail(pos, format!("'<' starts a tag with an invalid name {:?}: an unescaped '<' in text must be written &lt;.", clip(&name, 20)));
        }
        if self.stack.is_empty() && !self.tree.nodes.is_empty() {
            return self.fail(
                pos,
                format!(
                    "<{name}> is a second root element: a document has exactly one (<Response>)."
                ),
            );
        }
        if self.stack.len() >= MAX_DEPTH {
            let f = Finding::new(
                Code::TwimlTooDeep,
                format!(
                    "The document nests deeper than {MAX_DEPTH} elements; it was not read further."
                ),
            )
            .twilio(12100);
            self.findings.push(self.lines.place(f, pos));
            return false;
        }
        let mut attrs = Vec::new();
        for a in e.attributes() {
            match a {
                Ok(a) => {
                    let attr_name = String::from_utf8_lossy(a.key.as_ref()).into_owned();
                    let offset = offset_of(self.body, a.key.as_ref()).unwrap_or(pos);
                    let value = match a.normalized_value(quick_xml::XmlVersion::Implicit1_0) {
                        Ok(v) => v.into_owned(),
                        Err(err) => {
                            return self.fail(offset, format!("The value of {attr_name} has a bad reference ({err}): write & as &amp;."));
                        }
                    };
                    if value.contains('<') && !String::from_utf8_lossy(&a.value).contains("&lt;") {
                        return self.fail(offset, format!("The value of {attr_name} contains '<', which must be written &lt;."));
                    }
                    attrs.push(Attr {
                        name: attr_name,
                        value,
                        offset,
                    });
                }
                Err(err) => {
                    return self.fail(pos, format!("<{name}> has a badly written attribute ({err}): values need quotes, names must be unique."));
                }
            }
        }
        let index = self.tree.nodes.len();
        let parent = self.stack.last().copied();
        if let Some(p) = parent.and_then(|p| self.tree.nodes.get_mut(p)) {
            p.children.push(index);
        }
        self.tree.nodes.push(Node {
            name,
            attrs,
            text: String::new(),
            children: Vec::new(),
            parent,
            offset: pos,
        });
        if empty {
            if self.stack.is_empty() {
                self.root_closed = true;
            }
        } else {
            self.stack.push(index);
        }
        true
    }

    fn end(&mut self) -> bool {
        if let Some(&open) = self.stack.last() {
            let (name, off) = self
                .tree
                .nodes
                .get(open)
                .map(|n| (n.name.clone(), n.offset))
                .unwrap_or_default();
            return self.fail(
                off,
                format!("<{name}> is never closed: the document ends first (is it cut?)."),
            );
        }
        if self.tree.nodes.is_empty() {
            return self.fail(0, "There is no element at all: the body is not XML.".into());
        }
        true
    }
}

/// The character a reference stands for: a character reference (`&#x2764;`) or one of
/// XML's five entities; `None` for any other entity (never expanded).
pub(crate) fn resolve_reference(r: &quick_xml::events::BytesRef<'_>) -> Option<char> {
    if r.is_char_ref() {
        return r.resolve_char_ref().ok().flatten();
    }
    match r.as_ref() {
        b"amp" => Some('&'),
        b"lt" => Some('<'),
        b"gt" => Some('>'),
        b"quot" => Some('"'),
        b"apos" => Some('\''),
        _ => None,
    }
}

/// A user-facing sentence for a quick-xml error.
fn describe_error(e: &quick_xml::Error) -> String {
    use quick_xml::errors::{IllFormedError, SyntaxError};
    match e {
        quick_xml::Error::IllFormed(IllFormedError::MismatchedEndTag { expected, found }) => {
            format!("</{found}> closes <{expected}>: tags are mis-nested or misspelled (names are case-sensitive).")
        }
        quick_xml::Error::IllFormed(IllFormedError::UnmatchedEndTag(name)) => {
            format!("</{name}> has no opening tag.")
        }
        quick_xml::Error::IllFormed(IllFormedError::UnclosedReference) => {
            "An '&' is not followed by a reference ending in ';': write & as &amp;.".to_string()
        }
        quick_xml::Error::Syntax(SyntaxError::UnclosedTag) => {
            "A tag is never closed ('>' missing).".to_string()
        }
        quick_xml::Error::Syntax(SyntaxError::UnclosedDoubleQuotedAttributeValue)
        | quick_xml::Error::Syntax(SyntaxError::UnclosedSingleQuotedAttributeValue) => {
            "An attribute value's quote is never closed.".to_string()
        }
        other => format!("The XML cannot be parsed: {other}."),
    }
}

/// True for a valid XML element name (ASCII rules, non-ASCII letters allowed).
fn is_xml_name(name: &str) -> bool {
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    (first.is_alphabetic() || first == '_' || first == ':')
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '_' | ':' | '-' | '.'))
}

/// Byte offset of `part` inside `whole`, when `part` is a slice of it.
fn offset_of(whole: &str, part: &[u8]) -> Option<usize> {
    let w = whole.as_ptr() as usize;
    let p = part.as_ptr() as usize;
    (p >= w && p + part.len() <= w + whole.len()).then(|| p - w)
}

/// At most `n` characters of `s`, with an ellipsis when cut.
pub(crate) fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n).collect::<String>())
    }
}
