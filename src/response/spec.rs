//! The shape of the generated TwiML table (`twiml_table.rs`): elements, attributes, value
//! types, text rules and document types. The table and the checks both depend on these
//! types; neither depends on the other's internals.

use super::DocumentType;

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
    /// DTMF tones to play: digits, `*`, `#`, and `w` for a half-second wait.
    Dtmf,
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
    /// Values an attribute is limited to under one parent, when Twilio documents a limit.
    pub values_by_parent: &'static [ValueLimit],
    /// Every attribute.
    pub attributes: &'static [AttrSpec],
}

/// A documented limit on an attribute's values under one parent (for example `track` on
/// `<Stream>` inside `<Connect>`), with the Twilio error a value outside it causes.
#[derive(Debug, Clone, Copy)]
pub struct ValueLimit {
    /// The parent element the limit applies under.
    pub parent: &'static str,
    /// The attribute.
    pub attribute: &'static str,
    /// The values allowed there.
    pub values: &'static [&'static str],
    /// The Twilio error code another value causes.
    pub twilio: u32,
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
