//! TwiML schema and context checks over the parsed tree, driven by the generated table
//! (`twiml_table.rs`): element names and letter case, nesting per document type, attribute
//! names and value types, text rules, URLs, and what the request's kind implies.

use super::twiml_table::{DOCUMENTS, ELEMENTS, METHODS};
use super::xml::{clip, LineIndex, Node, Tree};
use super::{DocumentType, TwimlUrl};
use crate::finding::{Code, Finding, Severity};

/// Whether an element is a verb, a noun or SSML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ElementKind {
    /// A verb (`<Say>`, `<Dial>`).
    Verb,
    /// A noun (`<Number>`, `<Conference>`).
    Noun,
    /// An SSML tag inside `<Say>` (`<prosody>`, `<say-as>`).
    Ssml,
}

/// Whether an element takes text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextRule {
    /// No text.
    None,
    /// Text may be given.
    Optional,
    /// Text (or content) is needed.
    Required,
}

/// The type of an attribute's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttrType {
    /// Free text.
    String,
    /// A whole number (seconds, counts, milliseconds).
    Integer,
    /// `true` or `false`.
    Boolean,
    /// A URL Twilio requests.
    Url,
    /// One of `values` (space-separated list when `list`).
    Enum,
}

/// One attribute of an element.
#[derive(Debug, Clone, Copy)]
pub struct AttrSpec {
    /// The XML name.
    pub name: &'static str,
    /// The value type.
    pub ty: AttrType,
    /// Allowed values for enums.
    pub values: &'static [&'static str],
    /// Space-separated list.
    pub list: bool,
    /// twilio-node's lower-case spelling, when it differs.
    pub node_spelling: Option<&'static str>,
}

/// One TwiML element.
#[derive(Debug, Clone, Copy)]
pub struct ElementSpec {
    /// The exact tag.
    pub tag: &'static str,
    /// Document types it belongs to.
    pub documents: &'static [DocumentType],
    /// Verb, noun or SSML.
    pub kind: ElementKind,
    /// Elements it may appear in (`Response` is the root).
    pub parents: &'static [&'static str],
    /// Elements it may contain.
    pub children: &'static [&'static str],
    /// Text rule.
    pub text: TextRule,
    /// twilio-python's text rule differs (it does not require text): content may be children.
    pub text_python_differs: bool,
    /// Text rule per parent, when it differs by parent.
    pub text_by_parent: &'static [(&'static str, TextRule)],
    /// The attributes allowed per parent, when they differ by parent.
    pub attributes_by_parent: &'static [(&'static str, &'static [&'static str])],
    /// Every attribute.
    pub attributes: &'static [AttrSpec],
}

/// The verbs a document type allows under `<Response>`.
#[derive(Debug, Clone, Copy)]
pub struct DocumentSpec {
    /// The document type.
    pub document: DocumentType,
    /// Its root tag.
    pub root: &'static str,
    /// Verbs allowed directly under the root.
    pub children: &'static [&'static str],
}

/// The element spec for an exact (case-sensitive) tag.
pub fn element(tag: &str) -> Option<&'static ElementSpec> {
    ELEMENTS
        .binary_search_by(|e| e.tag.cmp(tag))
        .ok()
        .and_then(|i| ELEMENTS.get(i))
}

/// Every TwiML element the inspector knows, sorted by tag (generated from the schema).
pub fn elements() -> &'static [ElementSpec] {
    ELEMENTS
}

/// The three document types with the verbs each allows under `<Response>`.
pub fn documents() -> &'static [DocumentSpec] {
    DOCUMENTS
}

/// What the request's kind says about the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// A call webhook or a verb's action: TwiML runs next on the call.
    Voice,
    /// An incoming message: TwiML may reply.
    Messaging,
    /// A status callback: the answer is ignored.
    StatusCallback,
    /// Unknown.
    Unknown,
}

impl Role {
    /// The role of a request kind id.
    pub(crate) fn of_kind(kind: Option<&str>) -> Role {
        match kind.unwrap_or("") {
            "voice-request"
            | "voice-request-legacy"
            | "gather-action"
            | "dial-action"
            | "record-action" => Role::Voice,
            "messaging-request" | "whatsapp-request" => Role::Messaging,
            "voice-status-callback"
            | "recording-status-callback"
            | "message-status-callback"
            | "amd-callback"
            | "conference-callback"
            | "transcription-callback" => Role::StatusCallback,
            _ => Role::Unknown,
        }
    }

    /// The document type the role implies.
    pub(crate) fn document(self) -> Option<DocumentType> {
        match self {
            Role::Voice => Some(DocumentType::Voice),
            Role::Messaging => Some(DocumentType::Messaging),
            _ => None,
        }
    }
}

/// The document type the verbs under the root point to (`Auto` when they do not tell).
pub(crate) fn guess_document(tree: &Tree) -> DocumentType {
    let Some(root) = tree.root() else {
        return DocumentType::Auto;
    };
    let mut found = DocumentType::Auto;
    for &c in &root.children {
        let Some(node) = tree.nodes.get(c) else {
            continue;
        };
        let spec = element(&node.name).or_else(|| {
            ELEMENTS
                .iter()
                .find(|e| e.tag.eq_ignore_ascii_case(&node.name))
        });
        if let Some(spec) = spec.filter(|s| s.documents.len() == 1) {
            found = spec.documents[0];
            break;
        }
    }
    found
}

/// The schema and context checks of one document.
pub(crate) struct Checker<'t> {
    /// The parsed document.
    pub tree: &'t Tree,
    /// Positions.
    pub lines: &'t LineIndex<'t>,
    /// The vocabulary to check against (`Auto`: the union).
    pub document: DocumentType,
    /// What the request's kind implies.
    pub role: Role,
    /// The request URL, to resolve relative URLs.
    pub base_url: Option<&'t str>,
}

impl Checker<'_> {
    fn at(&self, f: Finding, off: usize) -> Finding {
        self.lines.place(f, off)
    }

    /// Runs every check.
    pub(crate) fn run(&self, findings: &mut Vec<Finding>, urls: &mut Vec<TwimlUrl>) {
        let Some(root) = self.tree.root() else { return };
        if root.name != "Response" {
            let msg = if root.name.eq_ignore_ascii_case("response") {
                format!("The root element is <{}>; it must be <Response> exactly (names are case-sensitive).", root.name)
            } else if root.name.eq_ignore_ascii_case("html") {
                "The body is an HTML page (an error or login page?), not TwiML.".to_string()
            } else {
                format!(
                    "The root element is <{}>; TwiML's root is <Response>.",
                    root.name
                )
            };
            findings.push(self.at(
                Finding::new(Code::TwimlRootNotResponse, msg).twilio(12102),
                root.offset,
            ));
            return;
        }
        self.root_attributes(root, findings);
        if !root.text.trim().is_empty() {
            findings.push(self.at(
                Finding::new(Code::TwimlTextNotAllowed, format!("Text directly inside <Response>: {:?}. Put it in <Say> (voice) or <Message> (messaging).", clip(root.text.trim(), 40)))
                    .twilio(12200),
                root.offset,
            ));
        }
        let mut stack: Vec<usize> = root.children.iter().rev().copied().collect();
        while let Some(i) = stack.pop() {
            let Some(node) = self.tree.nodes.get(i) else {
                continue;
            };
            if self.element(node, findings, urls) {
                stack.extend(node.children.iter().rev().copied());
            }
        }
        self.flow(root, findings);
    }

    fn root_attributes(&self, root: &Node, findings: &mut Vec<Finding>) {
        for a in root.attrs.iter().filter(|a| !is_namespace(&a.name)) {
            if a.name == "version" {
                if !matches!(a.value.trim(), "2010-04-01" | "2008-08-01") {
                    findings.push(self.at(
                        Finding::new(Code::TwimlRootVersion, format!("<Response version=\"{}\">: Twilio does not accept this version.", a.value))
                            .twilio(12101)
                            .hint("Remove the version attribute; <Response> needs none."),
                        a.offset,
                    ));
                }
            } else {
                findings.push(
                    self.at(
                        Finding::new(
                            Code::TwimlUnknownAttribute,
                            format!("<Response> takes no attributes; {} is unknown.", a.name),
                        )
                        .param(&a.name)
                        .twilio(12200),
                        a.offset,
                    ),
                );
            }
        }
    }

    fn parent_name(&self, node: &Node) -> &str {
        node.parent
            .and_then(|p| self.tree.nodes.get(p))
            .map(|p| p.name.as_str())
            .unwrap_or("Response")
    }

    /// Checks one element; returns whether its children should be checked too.
    fn element(&self, node: &Node, findings: &mut Vec<Finding>, urls: &mut Vec<TwimlUrl>) -> bool {
        let parent = self.parent_name(node);
        let Some(spec) = element(&node.name) else {
            let msg = match ELEMENTS
                .iter()
                .find(|e| e.tag.eq_ignore_ascii_case(&node.name))
            {
                Some(e) => format!(
                    "<{}> is not TwiML: names are case-sensitive, write <{}>.",
                    node.name, e.tag
                ),
                None => format!("<{}> is not a TwiML verb or noun.", node.name),
            };
            findings.push(self.at(
                Finding::new(Code::TwimlUnknownElement, msg).twilio(12200),
                node.offset,
            ));
            return false;
        };
        if self.document == DocumentType::Messaging && spec.tag == "Sms" && parent == "Response" {
            // The 2008 verb: Twilio still runs it in messaging TwiML.
            let f = Finding::new(Code::TwimlDocumentMismatch, "<Sms> is the legacy verb; messaging TwiML still runs it, but <Message> replaces it.")
                .severity(Severity::Warning)
                .hint("Write <Message> instead of <Sms>.");
            findings.push(self.at(f, node.offset));
            return false;
        }
        if self.document != DocumentType::Auto && !spec.documents.contains(&self.document) {
            let other = spec.documents.first().map(|d| d.id()).unwrap_or("other");
            let answering = match self.role {
                Role::Voice => "this answers a call, with",
                Role::Messaging => "this answers a message, with",
                _ => "the document is checked as",
            };
            let msg = format!(
                "<{}> is {other} TwiML, but {answering} {} TwiML.",
                node.name,
                self.document.id()
            );
            findings.push(self.at(
                Finding::new(Code::TwimlDocumentMismatch, msg).twilio(12200),
                node.offset,
            ));
            return false;
        }
        let allowed = if parent == "Response" {
            DOCUMENTS
                .iter()
                .filter(|d| self.document == DocumentType::Auto || d.document == self.document)
                .any(|d| d.children.contains(&spec.tag))
        } else {
            spec.parents.contains(&parent)
        };
        if !allowed {
            let msg = format!(
                "<{}> cannot be inside <{parent}>; it belongs in {}.",
                node.name,
                spec.parents
                    .iter()
                    .map(|p| format!("<{p}>"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            findings.push(self.at(
                Finding::new(Code::TwimlElementNotAllowed, msg).twilio(12200),
                node.offset,
            ));
        }
        self.attributes(node, spec, parent, findings, urls);
        self.text(node, spec, parent, findings, urls);
        allowed
    }

    fn attributes(
        &self,
        node: &Node,
        spec: &ElementSpec,
        parent: &str,
        findings: &mut Vec<Finding>,
        urls: &mut Vec<TwimlUrl>,
    ) {
        let only: Option<&[&str]> = spec
            .attributes_by_parent
            .iter()
            .find(|(p, _)| *p == parent)
            .map(|(_, a)| *a);
        for a in node.attrs.iter().filter(|a| !is_namespace(&a.name)) {
            let found = spec
                .attributes
                .iter()
                .find(|s| s.name == a.name || s.node_spelling == Some(a.name.as_str()))
                .filter(|s| only.is_none_or(|o| o.contains(&s.name)));
            let Some(attr) = found else {
                let msg = match spec
                    .attributes
                    .iter()
                    .find(|s| s.name.eq_ignore_ascii_case(&a.name))
                {
                    Some(s) if only.is_none_or(|o| o.contains(&s.name)) => format!(
                        "<{}> has no attribute {}: names are case-sensitive, write {}.",
                        node.name, a.name, s.name
                    ),
                    Some(_) => format!(
                        "<{}> inside <{parent}> takes no {} attribute.",
                        node.name, a.name
                    ),
                    None => format!("<{}> has no attribute {}.", node.name, a.name),
                };
                findings.push(
                    self.at(
                        Finding::new(Code::TwimlUnknownAttribute, msg)
                            .param(&a.name)
                            .twilio(12200),
                        a.offset,
                    ),
                );
                continue;
            };
            if let Some(f) = self.value(node, attr, &a.value, urls) {
                findings.push(self.at(f.param(&a.name), a.offset));
            }
        }
    }

    /// Checks one attribute value; the finding, if any (positioned by the caller).
    fn value(
        &self,
        node: &Node,
        attr: &AttrSpec,
        value: &str,
        urls: &mut Vec<TwimlUrl>,
    ) -> Option<Finding> {
        let v = value.trim();
        let invalid = |what: &str, code: u32| {
            Finding::new(
                Code::TwimlInvalidAttributeValue,
                format!(
                    "{}=\"{}\" on <{}> is not {what}.",
                    attr.name,
                    clip(value, 40),
                    node.name
                ),
            )
            .twilio(code)
        };
        match attr.ty {
            AttrType::String => None,
            AttrType::Integer => {
                let ok = |s: &str| s.parse::<i64>().is_ok_and(|n| n >= 0);
                let good = if attr.list {
                    v.split_whitespace().all(ok)
                } else {
                    ok(v)
                };
                (!good).then(|| {
                    invalid(
                        "a whole number (0 or more)",
                        integer_error(&node.name, attr.name),
                    )
                })
            }
            AttrType::Boolean => (!v.eq_ignore_ascii_case("true")
                && !v.eq_ignore_ascii_case("false"))
            .then(|| invalid("true or false", 12200)),
            AttrType::Enum if attr.values == METHODS => (!v.eq_ignore_ascii_case("GET")
                && !v.eq_ignore_ascii_case("POST"))
            .then(|| invalid("GET or POST", method_error(&node.name))),
            AttrType::Enum => {
                let items: Vec<&str> = if attr.list {
                    v.split_whitespace().collect()
                } else {
                    vec![v]
                };
                let unknown: Vec<&str> = items
                    .into_iter()
                    .filter(|i| !i.is_empty() && !attr.values.contains(i))
                    .collect();
                (!unknown.is_empty()).then(|| {
                    let case = unknown
                        .iter()
                        .all(|u| attr.values.iter().any(|k| k.eq_ignore_ascii_case(u)));
                    Finding::new(
                        Code::TwimlUnknownEnumValue,
                        format!(
                            "{}: {} {} not among the {} value(s) the helper libraries know{}.",
                            attr.name,
                            unknown
                                .iter()
                                .map(|u| format!("{:?}", clip(u, 30)))
                                .collect::<Vec<_>>()
                                .join(", "),
                            if unknown.len() == 1 { "is" } else { "are" },
                            attr.values.len(),
                            if case {
                                " (only the letter case differs)"
                            } else if v.contains(',') {
                                " (separate list items with spaces, not commas)"
                            } else {
                                ""
                            }
                        ),
                    )
                    .hint(format!(
                        "Known values include {}.",
                        attr.values
                            .iter()
                            .take(6)
                            .copied()
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
                })
            }
            AttrType::Url => self.url(node, Some(attr.name), value, urls),
        }
    }

    fn text(
        &self,
        node: &Node,
        spec: &ElementSpec,
        parent: &str,
        findings: &mut Vec<Finding>,
        urls: &mut Vec<TwimlUrl>,
    ) {
        let rule = spec
            .text_by_parent
            .iter()
            .find(|(p, _)| *p == parent)
            .map(|(_, r)| *r)
            .unwrap_or(spec.text);
        let text = node.text.trim();
        match rule {
            TextRule::None if !text.is_empty() => findings.push(
                self.at(
                    Finding::new(
                        Code::TwimlTextNotAllowed,
                        format!(
                            "<{}> takes no text, but contains {:?}.",
                            node.name,
                            clip(text, 40)
                        ),
                    )
                    .twilio(12200)
                    .hint(if spec.tag == "Gather" {
                        "Put the prompt in a <Say> inside <Gather>."
                    } else {
                        "Move the text into the right child element or attribute."
                    }),
                    node.offset,
                ),
            ),
            TextRule::Required
                if text.is_empty() && (node.children.is_empty() || !spec.text_python_differs) =>
            {
                let mut f = Finding::new(
                    Code::TwimlTextMissing,
                    format!(
                        "<{}> is empty: it needs {}.",
                        node.name,
                        what_text(spec.tag)
                    ),
                );
                if spec.tag == "Say" {
                    f = f.twilio(13520);
                } else if node.children.is_empty() {
                    f = f.twilio(12200);
                } else {
                    f = f.severity(Severity::Info);
                }
                findings.push(self.at(f, node.offset));
            }
            _ => {}
        }
        // The number to dial: `<Number>`'s text, or a `<Dial>` with text and no nouns.
        let dialed = spec.tag == "Number" || spec.tag == "Dial" && node.children.is_empty();
        if dialed && !text.is_empty() && !dialable(text) {
            findings.push(
                self.at(
                    Finding::new(
                        Code::TwimlNumberFormat,
                        format!(
                            "<{}> dials {:?}, which is not a phone number (E.164: +, country code and at most 15 digits).",
                            node.name,
                            clip(text, 40)
                        ),
                    )
                    .twilio(13223)
                    .hint("Write the number as +14155550100; use <Client> or <Sip> for other endpoints."),
                    node.offset,
                ),
            );
        }
        if matches!(spec.tag, "Redirect" | "Play" | "Media") && !text.is_empty() {
            if let Some(f) = self.url(node, None, text, urls) {
                findings.push(self.at(f, node.offset));
            }
        }
    }

    /// Checks a URL and records where it resolves.
    fn url(
        &self,
        node: &Node,
        attribute: Option<&str>,
        raw: &str,
        urls: &mut Vec<TwimlUrl>,
    ) -> Option<Finding> {
        let v = raw.trim();
        if v.is_empty() {
            return None;
        }
        let (line, _) = self.lines.line_col(node.offset);
        let mut record = |resolved: Option<String>| {
            urls.push(TwimlUrl {
                element: node.name.clone(),
                attribute: attribute.map(str::to_string),
                raw: v.to_string(),
                resolved,
                line,
            })
        };
        let place = attribute
            .map(|a| format!("{a} of <{}>", node.name))
            .unwrap_or_else(|| format!("<{}>", node.name));
        // Attributes such as <Stream url> and <ConversationRelay url> take WebSocket URLs.
        match classify_url(v, attribute.is_some()) {
            UrlShape::Absolute => {
                record(Some(v.to_string()));
                None
            }
            UrlShape::Relative => {
                let resolved = self.base_url.and_then(|b| resolve(b, v));
                record(resolved.clone());
                let msg = match &resolved {
                    Some(r) => format!("{place} is relative ({v}); Twilio will request {r}."),
                    None => format!("{place} is relative ({v}); Twilio resolves it against the URL of the request it answers."),
                };
                Some(Finding::new(Code::TwimlRelativeUrl, msg))
            }
            UrlShape::Invalid(why) => {
                record(None);
                Some(
                    Finding::new(
                        Code::TwimlInvalidUrl,
                        format!(
                            "{place} is not a URL Twilio can fetch ({why}): {:?}.",
                            clip(v, 60)
                        ),
                    )
                    .twilio(11100),
                )
            }
        }
    }

    /// Order of execution: verbs after Hangup/Reject/Redirect, a Gather that prompts nothing.
    fn flow(&self, root: &Node, findings: &mut Vec<Finding>) {
        let mut stopper: Option<&str> = None;
        for &c in &root.children {
            let Some(node) = self.tree.nodes.get(c) else {
                continue;
            };
            if let Some(s) = stopper {
                findings.push(
                    self.at(
                        Finding::new(
                            Code::TwimlUnreachableVerb,
                            format!("<{}> comes after <{s}> and never runs.", node.name),
                        )
                        .hint(format!("Move it before <{s}>, or remove it.")),
                        node.offset,
                    ),
                );
                break;
            }
            if matches!(node.name.as_str(), "Hangup" | "Reject" | "Redirect") {
                stopper = Some(node.name.as_str());
            }
            if node.name == "Redirect" {
                self.redirect_loop(node, findings);
            }
            if node.name == "Gather" {
                let prompts = node
                    .children
                    .iter()
                    .filter_map(|&i| self.tree.nodes.get(i))
                    .any(|n| matches!(n.name.as_str(), "Say" | "Play"));
                if !prompts && node.attr("action").is_none() {
                    findings.push(self.at(
                        Finding::new(Code::TwimlGatherNoPrompt, "<Gather> has no <Say> or <Play> and no action: the caller hears silence, and the input is posted back to this same URL.")
                            .hint("Add a <Say> inside <Gather> and an action URL for the digits."),
                        node.offset,
                    ));
                }
            }
        }
    }
}

impl Checker<'_> {
    /// A `<Redirect>` whose URL is the request's own URL (fragment ignored): the same
    /// document again. Messaging stops such a session after 50 documents (14106); a call
    /// loops until the caller hangs up.
    fn redirect_loop(&self, node: &Node, findings: &mut Vec<Finding>) {
        let (Some(base), text) = (self.base_url, node.text.trim()) else {
            return;
        };
        let strip = |u: &str| u.split('#').next().unwrap_or(u).trim().to_string();
        let target = match classify_url(text, false) {
            UrlShape::Absolute => Some(text.to_string()),
            UrlShape::Relative => resolve(base, text),
            UrlShape::Invalid(_) => None,
        };
        if target.is_some_and(|t| strip(&t) == strip(base)) {
            let mut f = Finding::new(
                Code::TwimlRedirectLoop,
                format!("<Redirect> sends Twilio back to {} (this same URL): the same document runs again, in a loop.", strip(base)),
            )
            .hint("Redirect to the next step, or add a query parameter that changes what the URL returns.");
            if self.document == DocumentType::Messaging || self.role == Role::Messaging {
                f = f.twilio(14106);
            }
            findings.push(self.at(f, node.offset));
        }
    }
}

/// The Twilio error a bad whole number on this element and attribute causes.
/// True for what Twilio dials from a `<Number>`: E.164 (`+14155550100`), or a national
/// number written with the usual separators (`415-123-4567`, as Twilio's own examples do);
/// 3 to 15 digits. Letters (`client:alice`, `sip:…`, a name) or other characters are not a
/// number. A template left in is not judged.
fn dialable(text: &str) -> bool {
    if text.contains("{{") || text.contains("${") || text.starts_with('$') {
        return true;
    }
    let body = text.strip_prefix('+').unwrap_or(text);
    let digits = body.bytes().filter(u8::is_ascii_digit).count();
    body.bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b' ' | b'-' | b'.' | b'(' | b')'))
        && (3..=15).contains(&digits)
}

fn integer_error(element: &str, attr: &str) -> u32 {
    match (element, attr) {
        ("Dial", "timeout") => 13212,
        ("Dial", "timeLimit") => 13216,
        ("Gather", "timeout") => 13313,
        ("Record", "timeout") => 13611,
        _ => 12200,
    }
}

/// The Twilio error a bad `method` on this element causes.
fn method_error(element: &str) -> u32 {
    match element {
        "Dial" => 13210,
        "Number" => 13221,
        _ => 12200,
    }
}

/// What the text of a text-required element is.
fn what_text(tag: &str) -> &'static str {
    match tag {
        "Say" => "the words to say (or SSML)",
        "Redirect" => "the URL to fetch next",
        "Message" => "a body (text, <Body> or <Media>)",
        "Number" | "Sms" | "WhatsApp" => "a phone number",
        "Conference" | "Queue" | "Room" => "a name",
        "Media" => "a media URL",
        _ => "text",
    }
}

/// `xmlns`, `xmlns:*` and `xsi:*` attributes: XML plumbing, not TwiML.
fn is_namespace(name: &str) -> bool {
    name == "xmlns" || name.starts_with("xmlns:") || name.starts_with("xsi:")
}

enum UrlShape {
    Absolute,
    Relative,
    Invalid(&'static str),
}

/// The shape of a URL; `websocket`: `ws://` and `wss://` are absolute URLs too.
fn classify_url(v: &str, websocket: bool) -> UrlShape {
    if v.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return UrlShape::Invalid("spaces must be encoded as %20");
    }
    let lower = v.to_ascii_lowercase();
    let ws = websocket && (lower.starts_with("ws://") || lower.starts_with("wss://"));
    if lower.starts_with("http://") || lower.starts_with("https://") || ws {
        let host = &v[v.find("://").map(|i| i + 3).unwrap_or(0)..];
        return if host.is_empty() || host.starts_with('/') {
            UrlShape::Invalid("no host")
        } else {
            UrlShape::Absolute
        };
    }
    let scheme_end = v.find(':');
    let before_path = v.find(['/', '?', '#']).unwrap_or(v.len());
    match scheme_end {
        Some(i)
            if i < before_path
                && v[..i]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)) =>
        {
            UrlShape::Invalid("only http(s) URLs are fetched, and ws(s) for streams")
        }
        _ => UrlShape::Relative,
    }
}

/// Resolves a relative URL against the request URL (its fragment and, for path-relative
/// references, its query dropped), as a browser would for the common forms.
pub(crate) fn resolve(base: &str, rel: &str) -> Option<String> {
    let base = base.split('#').next().unwrap_or(base).trim();
    let scheme_end = base.find("://")?;
    let after = &base[scheme_end + 3..];
    let host_end = after
        .find(['/', '?'])
        .map(|i| scheme_end + 3 + i)
        .unwrap_or(base.len());
    let origin = &base[..host_end];
    let path_q = &base[host_end..];
    let path = path_q.split('?').next().unwrap_or("");
    Some(if let Some(r) = rel.strip_prefix("//") {
        format!("{}//{r}", &base[..scheme_end + 1])
    } else if rel.starts_with('/') {
        format!("{origin}{rel}")
    } else if rel.starts_with('?') {
        format!("{origin}{path}{rel}")
    } else {
        let dir = match path.rfind('/') {
            Some(i) => &path[..=i],
            None => "/",
        };
        let mut segments: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
        let mut rest = rel;
        loop {
            if let Some(r) = rest.strip_prefix("./") {
                rest = r;
            } else if let Some(r) = rest.strip_prefix("../") {
                segments.pop();
                rest = r;
            } else {
                break;
            }
        }
        let joined = segments.join("/");
        if joined.is_empty() {
            format!("{origin}/{rest}")
        } else {
            format!("{origin}/{joined}/{rest}")
        }
    })
}
