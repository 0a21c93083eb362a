//! TwiML schema and context checks over the parsed tree, driven by the generated table
//! (`twiml_table.rs`): element names and letter case, nesting per document type, attribute
//! names and value types, text rules, URLs, and what the request's kind implies.

mod flow;
mod values;

pub use super::spec::{
    AttrSpec, AttrType, DocumentSpec, ElementKind, ElementSpec, TextRule, ValueLimit,
};
use super::twiml_table::{DOCUMENTS, ELEMENTS};
use super::xml::{clip, LineIndex, Node, Tree};
use super::{DocumentType, TwimlUrl};
use crate::finding::{Code, Finding, Severity};

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
            | "dial-action-legacy"
            | "record-action" => Role::Voice,
            "messaging-request" | "messaging-request-legacy" | "whatsapp-request" => {
                Role::Messaging
            }
            // The catalog's summaries: a conference recording's callback is "like the call
            // recording callback", and a partial speech result's "reply is ignored".
            "voice-status-callback"
            | "recording-status-callback"
            | "conference-recording-status-callback"
            | "gather-partial-result-callback"
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
                // SSML inside <Say> goes to the speech engine: an attribute it does not
                // know makes the text unreadable, which Twilio logs as 13520 "Say: Invalid
                // text" (<say-as role="mdy">, twilio/twilio-csharp#479).
                let code = if spec.kind == ElementKind::Ssml {
                    13520
                } else {
                    12200
                };
                findings.push(
                    self.at(
                        Finding::new(Code::TwimlUnknownAttribute, msg)
                            .param(&a.name)
                            .twilio(code),
                        a.offset,
                    ),
                );
                continue;
            };
            if let Some(f) = self
                .value(node, attr, &a.value, urls)
                .or_else(|| limit_by_parent(node, spec, parent, attr.name, &a.value))
            {
                findings.push(self.at(f.param(&a.name), a.offset));
            }
        }
    }
}

/// A value of the right type that Twilio still refuses under this parent (a documented
/// [`ValueLimit`], such as `track` on a `<Stream>` inside `<Connect>`).
fn limit_by_parent(
    node: &Node,
    spec: &ElementSpec,
    parent: &str,
    attr: &str,
    value: &str,
) -> Option<Finding> {
    let limit = spec
        .values_by_parent
        .iter()
        .find(|l| l.parent == parent && l.attribute == attr)?;
    let v = value.trim();
    if limit.values.contains(&v) || values::is_template(v) {
        return None;
    }
    Some(
        Finding::new(
            Code::TwimlInvalidAttributeValue,
            format!(
                "{attr}=\"{}\" is not allowed on <{}> inside <{parent}>: only {}.",
                clip(value, 40),
                node.name,
                limit.values.join(", ")
            ),
        )
        .twilio(limit.twilio)
        .hint(format!(
            "Write {attr}=\"{}\" or leave it out.",
            limit.values.first().copied().unwrap_or_default()
        )),
    )
}

/// `xmlns`, `xmlns:*` and `xsi:*` attributes: XML plumbing, not TwiML.
fn is_namespace(name: &str) -> bool {
    name == "xmlns" || name.starts_with("xmlns:") || name.starts_with("xsi:")
}
