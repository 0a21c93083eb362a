//! Documentation-site embeds: what an embed shows, read from the embed page's address
//! (`embed.html#example=sms&param=Body`, `embed.html#i=1…`, `index.html?embed&example=sms`)
//! or from a `<twilio-webhook-inspector>` element's attributes and text. Pure, unit-tested
//! natively; the component is `components::embed`, the mounting is in `main.rs`, the
//! loader for custom elements `www/embed.js`.
//!
//! An embed never holds a token: none can be given (attributes and addresses are public),
//! and the only one it ever fills in is the public demo token of the signed examples, as
//! the gallery does.

use twilio_webhook_inspector::percent::{self, Flavor};
use twilio_webhook_inspector::InputFormat;

use crate::route;
use crate::share::{self, Packing, Shared};
use crate::state::{apply, Action, Route, State};

/// The attributes a `<twilio-webhook-inspector>` element reads (its text is the input).
pub const ATTRIBUTES: &[&str] = &[
    "example",
    "kind",
    "format",
    "url",
    "signature",
    "param",
    "theme",
];

/// What an embed was asked to show.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Spec {
    /// A gallery example by id (`example="sms"`, `#example=sms`).
    pub example: Option<String>,
    /// The input itself: a custom element's text.
    pub input: Option<String>,
    /// A shared input, as an `i=…` fragment still to decode (embed page only).
    pub payload: Option<String>,
    /// Forced kind id (like the app's kind select and the CLI's `--kind`).
    pub kind: Option<String>,
    /// Forced format id.
    pub format: Option<String>,
    /// The URL Twilio requested (for the signature check).
    pub url: Option<String>,
    /// The X-Twilio-Signature value.
    pub signature: Option<String>,
    /// A field to highlight (`param=MessageStatus`).
    pub param: Option<String>,
    /// `light` or `dark` (otherwise the embed follows the system).
    pub theme: Option<String>,
}

impl Spec {
    /// Sets the option `key` (one of [`ATTRIBUTES`], or `input`); blank values and other
    /// keys are ignored. Values are trimmed, except the input (see [`dedent`]).
    pub fn set(&mut self, key: &str, value: &str) {
        if value.trim().is_empty() {
            return;
        }
        let value = if key == "input" { value } else { value.trim() };
        let slot = match key {
            "example" => &mut self.example,
            "input" => &mut self.input,
            "kind" => &mut self.kind,
            "format" => &mut self.format,
            "url" => &mut self.url,
            "signature" => &mut self.signature,
            "param" => &mut self.param,
            "theme" => &mut self.theme,
            _ => return,
        };
        *slot = Some(value.to_string());
    }

    /// The theme to force on the embed, when it names one.
    pub fn theme_id(&self) -> Option<&'static str> {
        match self.theme.as_deref() {
            Some("light") => Some("light"),
            Some("dark") => Some("dark"),
            _ => None,
        }
    }

    /// True when only an example was given, with none of its options changed, so the
    /// full inspector can be opened on that example by name.
    fn is_plain_example(&self) -> bool {
        self.example.is_some()
            && self.input.is_none()
            && self.payload.is_none()
            && self.kind.is_none()
            && self.format.is_none()
            && self.url.is_none()
            && self.signature.is_none()
    }
}

fn pairs(s: &str) -> impl Iterator<Item = (&str, &str)> {
    s.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| p.split_once('=').unwrap_or((p, "")))
}

/// True when the address asks the app for its embed view: `?embed` (`?embed=1`) in the
/// query, or a fragment that starts with `embed` (`#embed&example=sms`, `#embed&i=1…`).
pub fn wants_embed(search: &str, hash: &str) -> bool {
    pairs(search.trim_start_matches('?')).any(|(k, v)| k == "embed" && v != "0")
        || pairs(hash.trim_start_matches('#'))
            .next()
            .is_some_and(|(k, _)| k == "embed")
}

/// The spec in an embed page's query and fragment: `?example=sms`,
/// `#example=sms&param=MessageStatus&theme=dark`, `#i=1…&param=Body`. Values are
/// percent-decoded; the fragment wins over the query.
pub fn from_location(search: &str, hash: &str) -> Spec {
    let mut spec = Spec::default();
    for (k, v) in pairs(search.trim_start_matches('?')).chain(pairs(hash.trim_start_matches('#'))) {
        match k {
            "i" if !v.is_empty() => {
                spec.payload = Some(format!("i={v}"));
                spec.example = None;
            }
            "example" => {
                spec.set(k, &percent::decode(v, Flavor::Component));
                spec.payload = None;
            }
            "input" => {}
            _ => spec.set(k, &percent::decode(v, Flavor::Component)),
        }
    }
    spec
}

/// The text of a custom element as it was meant: without the blank lines around it and
/// without the indentation common to its lines (HTML source is indented; requests are not).
pub fn dedent(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let first = lines.iter().position(|l| !l.trim().is_empty());
    let last = lines.iter().rposition(|l| !l.trim().is_empty());
    let (Some(first), Some(last)) = (first, last) else {
        return String::new();
    };
    let body = &lines[first..=last];
    let indent = body
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    body.iter()
        .map(|l| {
            l.get(indent..)
                .unwrap_or_else(|| l.trim_start_matches([' ', '\t']))
        })
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
}

/// What an embed starts with.
#[derive(Debug, Clone, PartialEq)]
pub struct Start {
    /// The inputs (the reducer's state, as in the app).
    pub state: State,
    /// The example to open the full inspector on, when the embed shows one unchanged.
    pub example_link: Option<&'static str>,
    /// An `example` that names no example.
    pub unknown_example: Option<String>,
}

/// The embed's starting inputs from `spec` (`shared`: its decoded `payload`, if any). The
/// element's own text wins over a payload, which wins over an example; the options apply
/// on top of whichever it is.
pub fn start(spec: &Spec, shared: Option<Shared>) -> Start {
    let mut s = State::default();
    let mut unknown_example = None;
    let text = spec
        .input
        .as_deref()
        .map(dedent)
        .filter(|t| !t.trim().is_empty());
    if let Some(input) = text {
        let shared = Shared {
            input,
            ..Shared::default()
        };
        s = apply(&s, Action::Route(Route::Shared(shared)));
    } else if let Some(shared) = shared {
        s = apply(&s, Action::Route(Route::Shared(shared)));
    } else if let Some(id) = &spec.example {
        s = apply(&s, Action::Route(Route::Example(id.clone())));
        if s.example.is_none() {
            unknown_example = Some(id.clone());
        }
    }
    if let Some(k) = &spec.kind {
        s = apply(&s, Action::SetKind(Some(k.clone())));
    }
    if let Some(f) = spec.format.as_deref().and_then(InputFormat::from_id) {
        s = apply(&s, Action::SetFormat(Some(f)));
    }
    if let Some(u) = &spec.url {
        s = apply(&s, Action::SetUrl(u.clone()));
    }
    if let Some(sig) = &spec.signature {
        s = apply(&s, Action::SetSignature(sig.clone()));
    }
    let example_link = s.example.filter(|_| spec.is_plain_example());
    Start {
        state: s,
        example_link,
        unknown_example,
    }
}

/// The "open in the full inspector" link: `app#example=<id>` for an unchanged example,
/// otherwise `app#i=…` with the inputs (never a token) — `packed` is the compressed
/// fragment once the browser has made it, the uncompressed one until then. `&param=…`
/// follows when the embed highlights a field.
pub fn open_link(
    app: &str,
    start: &Start,
    state: &State,
    packed: Option<&str>,
    param: Option<&str>,
) -> String {
    let fragment = match (start.example_link, packed) {
        (Some(id), _) if state.input == start.state.input => format!("example={id}"),
        (_, Some(p)) => p.to_string(),
        _ => share::fragment_for(Packing::Plain, &share::pack(&state.shared())),
    };
    format!("{app}#{}", route::with_param(&fragment, param))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples;

    #[test]
    fn embed_page_addresses() {
        assert!(wants_embed("?embed", ""));
        assert!(wants_embed("?x=1&embed=1", "#example=sms"));
        assert!(wants_embed("", "#embed&i=1abc"));
        assert!(!wants_embed("?embed=0", ""));
        assert!(!wants_embed("", "#example=sms&embed"));
        assert!(!wants_embed("", ""));
        let s = from_location("", "#embed&i=1abc&param=Body");
        assert_eq!(s.payload.as_deref(), Some("i=1abc"));
        assert_eq!(s.param.as_deref(), Some("Body"));
        let s = from_location(
            "",
            "#example=message-status-callback&param=MessageStatus&theme=dark",
        );
        assert_eq!(s.example.as_deref(), Some("message-status-callback"));
        assert_eq!(s.param.as_deref(), Some("MessageStatus"));
        assert_eq!(s.theme_id(), Some("dark"));
        let s = from_location("?embed&example=sms", "#param=StartTime%3E&kind=list-calls");
        assert_eq!(s.example.as_deref(), Some("sms"));
        assert_eq!(s.param.as_deref(), Some("StartTime>"));
        assert_eq!(s.kind.as_deref(), Some("list-calls"));
        let s = from_location("?example=sms", "#i=1abc_-&param=Body");
        assert_eq!(s.payload.as_deref(), Some("i=1abc_-"));
        assert_eq!(s.example, None, "the fragment wins");
        assert_eq!(
            from_location("", "#theme=purple&input=x&bogus=1"),
            Spec {
                theme: Some("purple".into()),
                ..Spec::default()
            }
        );
        assert_eq!(from_location("", "#theme=purple").theme_id(), None);
    }

    #[test]
    fn dedent_keeps_what_was_meant() {
        assert_eq!(
            dedent("\n    ToCountry=US&From=%2B1415\n  "),
            "ToCountry=US&From=%2B1415"
        );
        assert_eq!(
            dedent("\n      POST /sms HTTP/1.1\n      Host: x\n\n      Body=hi\n    "),
            "POST /sms HTTP/1.1\nHost: x\n\nBody=hi"
        );
        assert_eq!(dedent("  {\n    \"a\": 1\n  }"), "{\n  \"a\": 1\n}");
        assert_eq!(dedent(" \n\t\n"), "");
        assert_eq!(dedent("a=1"), "a=1");
    }

    #[test]
    fn an_indented_request_is_kept_whole() {
        let mut spec = Spec::default();
        spec.set(
            "input",
            "\n      POST /sms HTTP/1.1\n      Host: x\n\n      Body=hi\n    ",
        );
        spec.set("kind", "  messaging-request ");
        spec.set("url", "   ");
        let st = start(&spec, None);
        assert_eq!(st.state.input, "POST /sms HTTP/1.1\nHost: x\n\nBody=hi");
        assert_eq!(st.state.kind.as_deref(), Some("messaging-request"));
        assert_eq!(spec.url, None);
    }

    #[test]
    fn starts_from_an_example() {
        let spec = Spec {
            example: Some("message-status-callback".into()),
            param: Some("MessageStatus".into()),
            ..Spec::default()
        };
        let st = start(&spec, None);
        assert_eq!(
            st.state.input,
            examples::by_id("message-status-callback").unwrap().input
        );
        assert_eq!(st.example_link, Some("message-status-callback"));
        assert_eq!(st.unknown_example, None);
        let link = open_link(
            "https://x.test/app/",
            &st,
            &st.state,
            None,
            spec.param.as_deref(),
        );
        assert_eq!(
            link,
            "https://x.test/app/#example=message-status-callback&param=MessageStatus"
        );
        // The signed example fills the public demo token (and only that one).
        let st = start(
            &Spec {
                example: Some("sms-signed".into()),
                ..Spec::default()
            },
            None,
        );
        assert_eq!(st.state.token_count(), 1);
        assert!(examples::is_demo_token(&st.state.tokens[0]));
        // An unknown example is reported, with nothing to show.
        let st = start(
            &Spec {
                example: Some("nope".into()),
                ..Spec::default()
            },
            None,
        );
        assert_eq!(st.unknown_example.as_deref(), Some("nope"));
        assert_eq!(st.state.input, "");
        assert_eq!(st.example_link, None);
    }

    #[test]
    fn own_text_and_options_travel_in_the_link_never_a_token() {
        let spec = Spec {
            input: Some("\n   MessageSid=SM1&MessageStatus=delivered\n  ".into()),
            example: Some("sms-signed".into()),
            kind: Some("message-status-callback".into()),
            url: Some("https://example.com/status".into()),
            ..Spec::default()
        };
        let st = start(&spec, None);
        assert_eq!(
            st.state.input, "MessageSid=SM1&MessageStatus=delivered",
            "the text wins over the example"
        );
        assert_eq!(st.state.kind.as_deref(), Some("message-status-callback"));
        assert_eq!(st.state.token_count(), 0);
        assert_eq!(st.example_link, None);
        let link = open_link("./", &st, &st.state, None, Some("MessageStatus"));
        let fragment = link.strip_prefix("./#").unwrap();
        assert!(fragment.ends_with("&param=MessageStatus"), "{link}");
        let (packing, bytes) = share::payload_of(fragment).unwrap();
        assert_eq!(packing, Packing::Plain);
        let back = share::unpack(&bytes).unwrap();
        assert_eq!(back.input, st.state.input);
        assert_eq!(back.kind.as_deref(), Some("message-status-callback"));
        assert_eq!(back.url.as_deref(), Some("https://example.com/status"));
        // Once compressed, the compressed fragment is used.
        assert_eq!(
            open_link("./", &st, &st.state, Some("i=1xyz"), None),
            "./#i=1xyz"
        );
        // An example with an option changed is linked by content, not by name.
        let st = start(
            &Spec {
                example: Some("sms".into()),
                format: Some("http".into()),
                ..Spec::default()
            },
            None,
        );
        assert_eq!(st.example_link, None);
        assert_eq!(st.state.format, Some(InputFormat::Http));
    }

    #[test]
    fn a_shared_payload_is_shown_with_its_options() {
        let shared = Shared {
            input: "Body=hi".into(),
            kind: Some("messaging-request".into()),
            ..Shared::default()
        };
        let st = start(
            &Spec {
                payload: Some("i=0…".into()),
                ..Spec::default()
            },
            Some(shared),
        );
        assert_eq!(st.state.input, "Body=hi");
        assert_eq!(st.state.kind.as_deref(), Some("messaging-request"));
        assert_eq!(st.example_link, None);
    }

    #[test]
    fn the_demo_page_embeds_every_example_and_each_attribute_is_read() {
        let page = include_str!("../embed-demo.html");
        for e in examples::EXAMPLES {
            assert!(
                page.contains(&format!("<twilio-webhook-inspector example=\"{}\">", e.id)),
                "{}",
                e.id
            );
        }
        let loader = include_str!("../embed.js");
        let list = ATTRIBUTES
            .iter()
            .map(|a| format!("'{a}'"))
            .collect::<Vec<_>>()
            .join(", ");
        assert!(
            loader.contains(&format!("const ATTRIBUTES = [{list}];")),
            "embed.js observes {list}"
        );
    }

    #[test]
    fn a_plain_example_link_follows_edits() {
        // If the embed's input changes (it cannot today, but the reducer allows it), the
        // link carries the new text rather than the example's name.
        let st = start(
            &Spec {
                example: Some("sms".into()),
                ..Spec::default()
            },
            None,
        );
        let edited = apply(&st.state, Action::SetInput("Body=x".into()));
        assert!(open_link("", &st, &edited, None, None).starts_with("#i=0"));
    }
}
