//! Attribute values, element text and URLs in a TwiML document: each against its type in
//! the generated table, with the Twilio error a bad one causes.

use super::{AttrSpec, AttrType, Checker, ElementSpec, TextRule};
use crate::finding::{Code, Finding, Severity};
use crate::response::twiml_table::METHODS;
use crate::response::xml::{clip, Node};
use crate::response::TwimlUrl;

impl Checker<'_> {
    /// Checks one attribute value; the finding, if any (positioned by the caller).
    pub(super) fn value(
        &self,
        node: &Node,
        attr: &AttrSpec,
        value: &str,
        urls: &mut Vec<TwimlUrl>,
    ) -> Option<Finding> {
        let v = value.trim();
        let parent = node
            .parent
            .and_then(|i| self.tree.nodes.get(i))
            .map_or("", |p| p.name.as_str());
        let specific = attribute_error(&node.name, parent, attr.name);
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
        if attr.ty != AttrType::String && attr.ty != AttrType::Url && is_template(v) {
            // `numDigits="{{ digits }}"`: a template not filled in yet is not judged.
            return None;
        }
        match attr.ty {
            AttrType::String if node.name == "Dial" && attr.name == "callerId" => {
                self.client_caller_id(node, v)
            }
            AttrType::String => None,
            AttrType::Integer => {
                let ok = |s: &str| s.parse::<i64>().is_ok_and(|n| n >= 0);
                let good = if attr.list {
                    v.split_whitespace().all(ok)
                } else {
                    ok(v)
                };
                (!good).then(|| invalid("a whole number (0 or more)", specific.unwrap_or(12200)))
            }
            // XML Schema's boolean is `true`, `false`, `1` or `0`; twilio-php writes a PHP
            // `true` passed to a setter (`setPlayBeep(true)`) as "1".
            AttrType::Boolean => (!v.eq_ignore_ascii_case("true")
                && !v.eq_ignore_ascii_case("false")
                && v != "1"
                && v != "0")
                .then(|| invalid("true or false (or 1 or 0)", specific.unwrap_or(12200))),
            AttrType::Enum if attr.values == METHODS => (!v.eq_ignore_ascii_case("GET")
                && !v.eq_ignore_ascii_case("POST"))
            .then(|| invalid("GET or POST", specific.unwrap_or(12200))),
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
                    let known_error = specific;
                    let case = unknown
                        .iter()
                        .all(|u| attr.values.iter().any(|k| k.eq_ignore_ascii_case(u)));
                    let f = Finding::new(
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
                    ));
                    match known_error {
                        Some(code) => f.twilio(code),
                        None => f,
                    }
                })
            }
            AttrType::Url => self.url(node, Some(attr.name), value, urls),
            AttrType::Dtmf => {
                let bad: String = v.chars().filter(|c| !is_dtmf(*c)).take(8).collect();
                (!bad.is_empty()).then(|| {
                    let f = Finding::new(
                        Code::TwimlInvalidAttributeValue,
                        format!(
                            "{}=\"{}\" on <{}> has {:?}, which is not a tone: Twilio plays the digits 0-9, * and #, and w waits half a second.",
                            attr.name,
                            clip(value, 40),
                            node.name,
                            bad
                        ),
                    )
                    .severity(Severity::Warning)
                    .hint("Write only tones and w (\"ww1234#\"); separate nothing with spaces, commas or dashes.");
                    match specific {
                        Some(code) => f.twilio(code),
                        None => f,
                    }
                })
            }
        }
    }

    /// `<Dial callerId="client:alice">` calling a phone number (a `<Number>`, or a number as
    /// `<Dial>`'s text): a Client identity is not a caller ID a phone can be shown, so
    /// Twilio logs 13214 ("Dial: Invalid callerId value") and that leg is not placed, as a
    /// Twilio engineer explained for exactly this TwiML in
    /// twilio/voice-quickstart-android#450. Calling a `<Client>` with it is not judged here.
    fn client_caller_id(&self, node: &Node, v: &str) -> Option<Finding> {
        let is_client = v
            .get(..7)
            .is_some_and(|p| p.eq_ignore_ascii_case("client:"));
        let children = || node.children.iter().filter_map(|&i| self.tree.nodes.get(i));
        let calls_number = children().any(|c| c.name == "Number")
            || (node.children.is_empty() && dialable(node.text.trim()));
        (is_client && calls_number).then(|| {
            Finding::new(
                Code::TwimlInvalidAttributeValue,
                format!(
                    "callerId=\"{}\" on <Dial> is a Client identity, but this <Dial> calls a phone number: a phone can only be shown a phone number, so Twilio logs 13214 and does not place the call.",
                    clip(v, 40)
                ),
            )
            .severity(Severity::Warning)
            .twilio(13214)
            .hint("Set callerId to a Twilio number or a verified caller ID in E.164 (+14155550100).")
        })
    }

    /// A `<Say>` over its voice's limit (Twilio's 13521 page): Polly voices take 3,000
    /// bytes of text, Google voices 5,000 and the basic voices (man, woman, alice, or none
    /// named) 4,096. The text of nested SSML counts; the tags themselves are not counted,
    /// which only Google does, so this errs on the side of saying nothing.
    fn too_long_say(&self, node: &Node) -> Option<Finding> {
        let voice = node.attr("voice").map(|a| a.value.trim()).unwrap_or("");
        let (engine, limit) = if voice.starts_with("Polly.") {
            ("Polly", 3000)
        } else if voice.starts_with("Google.") {
            ("Google", 5000)
        } else {
            ("basic", 4096)
        };
        let mut bytes = 0usize;
        let mut stack = vec![node];
        while let Some(n) = stack.pop() {
            bytes += n.text.trim().len();
            stack.extend(n.children.iter().filter_map(|&i| self.tree.nodes.get(i)));
        }
        (bytes > limit).then(|| {
            Finding::new(
                Code::TooLong,
                format!("<Say> holds {bytes} bytes of text; {engine} voices read at most {limit}, so Twilio logs 13521 and the text is not spoken in full."),
            )
            .severity(Severity::Warning)
            .twilio(13521)
            .hint("Split the text over several <Say> verbs, or record it and <Play> the file.")
        })
    }

    pub(super) fn text(
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
        if let Some(f) = too_long_body(node, spec, parent, text) {
            findings.push(self.at(f, node.offset));
        }
        if spec.tag == "Say" {
            if let Some(f) = self.too_long_say(node) {
                findings.push(self.at(f, node.offset));
            }
        }
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
            // An empty `<Redirect/>` is an empty relative reference: the current URL again
            // (Twilio's own Twimlets end menus with it). Reported below, not as missing.
            TextRule::Required if spec.tag == "Redirect" && node.children.is_empty() => {}
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
                } else if spec.tag == "Message" && node.children.is_empty() {
                    // The schema lets an empty <Message> through; nothing is sent and the
                    // Debugger shows warning 14103 (Message Invalid Body).
                    f = f.twilio(14103);
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
        } else if spec.tag == "Redirect" && text.is_empty() && node.children.is_empty() {
            let f = self.empty_redirect(node, urls);
            findings.push(self.at(f, node.offset));
        }
    }

    /// An empty `<Redirect/>`: Twilio requests the URL of the document again.
    fn empty_redirect(&self, node: &Node, urls: &mut Vec<TwimlUrl>) -> Finding {
        let (line, _) = self.lines.line_col(node.offset);
        let resolved = self
            .base_url
            .map(|b| b.split('#').next().unwrap_or(b).trim().to_string());
        urls.push(TwimlUrl {
            element: node.name.clone(),
            attribute: None,
            raw: String::new(),
            resolved: resolved.clone(),
            line,
        });
        let msg = match &resolved {
            Some(r) => format!("<{}> has no URL: Twilio requests this same document again ({r}).", node.name),
            None => format!("<{}> has no URL: Twilio requests this same document again (the URL of the request it answers).", node.name),
        };
        Finding::new(Code::TwimlRelativeUrl, msg)
    }

    /// Checks a URL and records where it resolves.
    pub(super) fn url(
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
        if is_template(v) {
            // `{{WS_URL}}`, `${actionUrl}`: a template's placeholder, filled in when served.
            record(None);
            return None;
        }
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
}

/// True for a value that is a template's placeholder (`{{WS_URL}}`, `${n}`, `<%= url %>`,
/// `YOUR_WEBSOCKET_URL`), or holds one (`https://{{host}}/voice`): what the page or program
/// puts there is not known yet. The same rule as request values (`placeholder::classify`).
pub(super) fn is_template(v: &str) -> bool {
    crate::placeholder::classify(v, &crate::catalog::ValueType::Url)
        == Some(crate::placeholder::Placeholder::Template)
}

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

/// The most characters a message body may have: Twilio's 21617 page names a `<Message>` or
/// `<Body>` in a TwiML answer longer than 1,600 characters as a cause of the error.
const MAX_BODY_CHARS: usize = 1600;

/// A reply's text over [`MAX_BODY_CHARS`]: the text of a `<Message>` that has no nouns, or
/// of its `<Body>`. Characters are counted as written; characters outside GSM-7 can make a
/// shorter text too long as well, which is not judged here.
fn too_long_body(node: &Node, spec: &ElementSpec, parent: &str, text: &str) -> Option<Finding> {
    let body = match spec.tag {
        "Message" => node.children.is_empty(),
        "Body" => parent == "Message",
        _ => false,
    };
    let chars = text.chars().count();
    (body && chars > MAX_BODY_CHARS).then(|| {
        Finding::new(
            Code::TooLong,
            format!(
                "<{}> holds {chars} characters; a message body may have at most {MAX_BODY_CHARS}, so Twilio fails it with 21617 and no reply is sent.",
                node.name
            ),
        )
        .twilio(21617)
        .hint("Shorten the reply, or split it into several <Message> verbs of at most 1,600 characters each.")
    })
}

/// The Twilio warning a bad value of this attribute causes, when Twilio names one for it;
/// `None` leaves 12200 (schema validation) for a value of the wrong type, and no code for a
/// value the helper libraries do not list. The codes and their element/attribute pairs are
/// Twilio's own error list (its error export, as copied in men232/twilio-error-codes @
/// d31d1687, the copy the reference error table was checked against): "Gather: Invalid
/// numDigits value", "Pause: Invalid length value", "Redirect: Invalid method value", … A
/// `<Say>` nested in `<Gather>` has codes of its own ("Gather->Say: Invalid voice value").
/// Seen in real logs: 13910 for `<Pause length="1.5">` (twilio/twilio-php#424), 13314 next
/// to 12200 (instedd/surveda#960), 13511 for `voice="en-gb"` (arachnys/cabot#22).
fn attribute_error(element: &str, parent: &str, attr: &str) -> Option<u32> {
    Some(match (element, attr) {
        ("Dial", "method") => 13210,
        ("Dial", "timeout") => 13212,
        ("Dial", "hangupOnStar") => 13213,
        ("Dial", "timeLimit") => 13216,
        ("Dial", "answerOnBridge") => 13219,
        ("Dial", "ringTone") => 13220,
        ("Number", "method") => 13221,
        ("Number", "sendDigits") => 13222,
        ("Conference", "muted") => 13230,
        ("Conference", "endConferenceOnExit") => 13231,
        ("Conference", "startConferenceOnEnter") => 13232,
        ("Conference", "waitMethod") => 13234,
        ("Conference", "beep") => 13235,
        ("Conference", "trim") => 13239,
        ("Sip", "method") => 13241,
        ("Gather", "method") => 13312,
        ("Gather", "timeout") => 13313,
        ("Gather", "numDigits") => 13314,
        ("Gather", "input") => 13326,
        ("Gather", "maxSpeechTime") => 13328,
        ("Gather", "partialResultCallbackMethod") => 13329,
        ("Gather", "bargeIn") => 13332,
        ("Gather", "profanityFilter") => 13333,
        ("Gather", "actionOnEmptyResult") => 13338,
        // Twilio's warning 13512: a <Gather> language it does not list (its page: "en" is
        // not accepted where "en-US" is). The older 13331 names the same fault.
        ("Gather", "language") => 13512,
        ("Say", "voice") if parent == "Gather" => 13321,
        ("Say", "loop") if parent == "Gather" => 13322,
        ("Say", "voice") => 13511,
        ("Say", "loop") => 13510,
        ("Play", "loop") => 13410,
        ("Play", "digits") => 13430,
        ("Record", "method") => 13610,
        ("Record", "timeout") => 13611,
        ("Record", "maxLength") => 13612,
        ("Record", "playBeep") => 13616,
        ("Record", "trim") => 13699,
        ("Redirect", "method") => 13710,
        ("Reject", "reason") => 13810,
        ("Pause", "length") => 13910,
        ("Message" | "Sms", "method") => 14104,
        _ => return None,
    })
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

/// Where a URL in a document points.
pub(super) enum UrlShape {
    Absolute,
    Relative,
    Invalid(&'static str),
}

/// The shape of a URL; `websocket`: `ws://` and `wss://` are absolute URLs too.
pub(super) fn classify_url(v: &str, websocket: bool) -> UrlShape {
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
pub(super) fn resolve(base: &str, rel: &str) -> Option<String> {
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

/// A character a DTMF attribute may hold: a tone (0-9, `*`, `#`) or `w`, a half-second
/// wait (Twilio's Calls resource, SendDigits; the <Play> and <Number> references). `W` is
/// read the same way.
fn is_dtmf(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '*' | '#' | 'w' | 'W')
}
