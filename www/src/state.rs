//! What the user has typed or chosen — inputs only — and the pure reducer over them.
//!
//! The report is never stored here: the app derives it from these inputs with `use_memo`.
//! Nothing in this module knows about Yew or the browser, so it is unit-tested natively.
//!
//! Auth tokens live only in this in-memory state: they are never written to storage, a URL,
//! the share link or the console.

use twilio_webhook_inspector::{InputFormat, Options};

use crate::compare::{self, Pair};
use crate::examples::{self, Example};
use crate::many;
use crate::share::Shared;

/// Labels of the auth-token slots, in order.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // used by the browser-only UI
pub const TOKEN_SLOTS: [&str; 3] = ["Primary", "Secondary", "Sub-account"];

/// Colour scheme choice. `System` follows `prefers-color-scheme`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// Follow the operating system.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    /// The id stored in `localStorage` (the only thing the app stores) and used in `data-theme`.
    pub fn id(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// Parses an id written by [`Theme::id`].
    pub fn from_id(id: &str) -> Theme {
        match id {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::System,
        }
    }

    /// The theme the toggle switches to (`system_dark`: the OS prefers dark). It always flips
    /// what is shown, and goes back to following the system when that is what it would show.
    pub fn toggled(self, system_dark: bool) -> Theme {
        let dark_now = match self {
            Theme::System => system_dark,
            Theme::Light => false,
            Theme::Dark => true,
        };
        match (self, dark_now != system_dark) {
            (Theme::System, _) | (_, false) => {
                if dark_now {
                    Theme::Light
                } else {
                    Theme::Dark
                }
            }
            (_, true) => Theme::System,
        }
    }
}

/// The three views of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Page {
    /// Paste area and report.
    #[default]
    Inspect,
    /// One sample per kind.
    Examples,
    /// Every kind and parameter.
    Catalog,
    /// Two captures side by side.
    Compare,
}

/// Where the URL fragment points (parsed by [`crate::route::parse_fragment`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Route {
    /// No fragment or `#inspect`.
    Inspect,
    /// `#examples`.
    Examples,
    /// `#catalog`.
    Catalog,
    /// `#param=MessageStatus`: the catalog, scrolled to that parameter.
    Param(String),
    /// `#kind=voice-request`: the catalog, scrolled to that kind.
    Kind(String),
    /// `#example=sms-signed`: load that example.
    Example(String),
    /// `#i=…`: a shared input.
    Shared(Shared),
    /// `#compare`: the compare page.
    Compare,
    /// `#compare=…`: a shared comparison.
    ComparePair(Box<Pair>),
}

/// Everything the user controls.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct State {
    /// The pasted text.
    pub input: String,
    /// Forced input format (`None`: detect).
    pub format: Option<InputFormat>,
    /// Forced kind id (`None`: detect).
    pub kind: Option<String>,
    /// The URL Twilio requested, when the user typed it.
    pub url: String,
    /// The X-Twilio-Signature value, when the user typed it.
    pub signature: String,
    /// Candidate auth tokens: primary, secondary, sub-account. Memory only.
    pub tokens: [String; 3],
    /// The example last loaded, if the input still is that example.
    pub example: Option<&'static str>,
    /// The visible page.
    pub page: Page,
    /// Show the raw text beside the decoded fields.
    pub show_raw: bool,
    /// Redact phone numbers and message bodies in the share link.
    pub redact: bool,
    /// The share panel (link field) is open.
    pub share_open: bool,
    /// Colour scheme.
    pub theme: Theme,
    /// Catalog search text.
    pub catalog_query: String,
    /// Catalog entry to scroll to and highlight: `param:Name` or `kind:id`.
    pub focus: Option<String>,
    /// Report field to scroll to and highlight (`#example=…&param=Name`, `#i=…&param=Name`).
    pub field: Option<String>,
    /// A short status message ("Link copied").
    pub notice: Option<String>,
    /// Bumped on every notice so identical notices still re-announce.
    pub notice_seq: u32,
    /// The timeline view's controls (when the input holds many captures).
    pub timeline: many::Ui,
    /// The timeline's inputs while one of its captures is open in the inspector.
    pub stash: Option<Box<many::Stash>>,
    /// The two captures of the compare page.
    pub pair: Pair,
}

/// Everything that can change [`State`].
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // used by the browser-only UI
pub enum Action {
    /// The paste area changed.
    SetInput(String),
    /// The format select changed (`None`: auto).
    SetFormat(Option<InputFormat>),
    /// The kind select changed (`None`: auto).
    SetKind(Option<String>),
    /// The URL field changed.
    SetUrl(String),
    /// The signature field changed.
    SetSignature(String),
    /// Token slot `n` changed.
    SetToken(usize, String),
    /// Forget every token.
    ClearTokens,
    /// Load an example by id (unknown ids are ignored).
    LoadExample(String),
    /// Fill the demo token of the current example (only examples that have one).
    UseDemoToken,
    /// Navigate to a route (from the URL fragment).
    Route(Route),
    /// Toggle the raw view.
    ToggleRaw,
    /// Set the redaction checkbox.
    SetRedact(bool),
    /// Open or close the share panel.
    ToggleShare,
    /// Choose a theme.
    SetTheme(Theme),
    /// Catalog search text.
    SetCatalogQuery(String),
    /// Show (or clear) a status message.
    Notify(Option<String>),
    /// Clear the status message if it is still notice number `n`.
    ClearNotice(u32),
    /// Scroll to and highlight a report field by name (`None`: no field). Sent after the
    /// [`Action::Route`] that loaded the input.
    FocusField(Option<String>),
    /// The timeline view's own controls.
    Timeline(many::UiAction),
    /// Open one capture of the timeline in the inspector (the timeline's inputs are kept).
    OpenCapture(Box<many::Opened>),
    /// Back from an opened capture to the timeline.
    BackToTimeline,
    /// Compare two captures: fill both sides and show the compare page.
    CompareCaptures(Box<Pair>),
    /// Edit one side of the compare page.
    EditPair(compare::Side, compare::Edit),
}

impl State {
    /// The initial state: the default example, already loaded.
    pub fn initial(theme: Theme) -> State {
        let mut s = State {
            theme,
            ..State::default()
        };
        load_example(&mut s, examples::default_example());
        s
    }

    /// The options passed to `inspect()`.
    pub fn options(&self) -> Options {
        Options {
            format: self.format,
            kind: self.kind.clone(),
            url: non_empty(&self.url),
            signature: non_empty(&self.signature),
            auth_tokens: self
                .tokens
                .iter()
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
                .collect(),
            ..Options::default()
        }
    }

    /// The share payload: the input and every option except the tokens, and the marks
    /// picked on its timeline.
    pub fn shared(&self) -> Shared {
        Shared {
            input: self.input.clone(),
            format: self.format.map(|f| f.id().to_string()),
            kind: self.kind.clone(),
            url: non_empty(&self.url),
            signature: non_empty(&self.signature),
            picked: self.timeline.picked.clone(),
        }
    }

    /// Which token slots hold a token.
    pub fn token_count(&self) -> usize {
        self.tokens.iter().filter(|t| !t.trim().is_empty()).count()
    }
}

fn non_empty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn load_example(s: &mut State, ex: &'static Example) {
    s.input = ex.input.to_string();
    s.format = None;
    s.kind = None;
    s.url = ex.url.unwrap_or_default().to_string();
    s.signature = String::new();
    // A demo token is only ever filled by its own example; leaving an example drops it.
    for t in s.tokens.iter_mut() {
        if examples::is_demo_token(t) {
            t.clear();
        }
    }
    if let Some(token) = ex.token {
        if !s.tokens.iter().any(|t| t == token) {
            if let Some(slot) = s.tokens.iter_mut().find(|t| t.trim().is_empty()) {
                *slot = token.to_string();
            } else {
                s.tokens[0] = token.to_string();
            }
        }
    }
    s.example = Some(ex.id);
    s.page = Page::Inspect;
    s.share_open = false;
    s.stash = None;
    s.timeline = many::Ui::default();
}

/// The reducer: a new state from the old one and an action. Pure.
pub fn apply(state: &State, action: Action) -> State {
    let mut s = state.clone();
    // Every navigation and every example starts without a focused report field.
    if matches!(action, Action::Route(_) | Action::LoadExample(_)) {
        s.field = None;
    }
    match action {
        Action::SetInput(text) => {
            if text != s.input {
                s.input = text;
                s.example = None;
                s.field = None;
                s.timeline = many::Ui::default();
            }
        }
        Action::SetFormat(f) => s.format = f,
        Action::SetKind(k) => s.kind = k.filter(|k| !k.is_empty()),
        Action::SetUrl(u) => s.url = u,
        Action::SetSignature(sig) => s.signature = sig,
        Action::SetToken(n, t) => {
            if let Some(slot) = s.tokens.get_mut(n) {
                *slot = t;
            }
        }
        Action::ClearTokens => s.tokens = Default::default(),
        Action::LoadExample(id) => {
            if let Some(ex) = examples::by_id(&id) {
                load_example(&mut s, ex);
            }
        }
        Action::UseDemoToken => use_demo_token(&mut s),
        Action::Route(route) => go(&mut s, route),
        Action::Timeline(a) => s.timeline.apply(a),
        Action::OpenCapture(o) => open_capture(&mut s, *o),
        Action::BackToTimeline => {
            if let Some(st) = s.stash.take() {
                restore(&mut s, st.shared);
                s.field = None;
                s.page = Page::Inspect;
                s.share_open = false;
            }
        }
        Action::CompareCaptures(pair) => {
            s.pair = *pair;
            s.page = Page::Compare;
            s.share_open = false;
        }
        Action::EditPair(side, edit) => s.pair.edit(side, edit),
        Action::FocusField(name) => s.field = name.filter(|n| !n.is_empty()),
        Action::ToggleRaw => s.show_raw = !s.show_raw,
        Action::SetRedact(r) => s.redact = r,
        Action::ToggleShare => s.share_open = !s.share_open,
        Action::SetTheme(t) => s.theme = t,
        Action::SetCatalogQuery(q) => {
            s.catalog_query = q;
            s.focus = None;
        }
        Action::Notify(n) => {
            s.notice = n;
            s.notice_seq = s.notice_seq.wrapping_add(1);
        }
        Action::ClearNotice(n) => {
            if s.notice_seq == n {
                s.notice = None;
            }
        }
    }
    s
}

/// Fills the demo token of the current example into a free slot (the first slot when all
/// are taken), once.
fn use_demo_token(s: &mut State) {
    if let Some(token) = examples::demo_token_for(&s.input) {
        if !s.tokens.iter().any(|t| t == token) {
            match s.tokens.iter_mut().find(|t| t.trim().is_empty()) {
                Some(slot) => *slot = token.to_string(),
                None => s.tokens[0] = token.to_string(),
            }
        }
    }
}

/// The inputs of a share payload (its picks are the timeline's: see [`go`]).
fn restore(s: &mut State, shared: Shared) {
    s.input = shared.input;
    s.format = shared.format.as_deref().and_then(InputFormat::from_id);
    s.kind = shared.kind.filter(|k| !k.is_empty());
    s.url = shared.url.unwrap_or_default();
    s.signature = shared.signature.unwrap_or_default();
}

/// Follows a route.
fn go(s: &mut State, route: Route) {
    match route {
        Route::Inspect => {
            s.page = Page::Inspect;
            s.focus = None;
        }
        Route::Examples => {
            s.page = Page::Examples;
            s.focus = None;
        }
        Route::Catalog => {
            s.page = Page::Catalog;
            s.focus = None;
        }
        Route::Compare => {
            s.page = Page::Compare;
            s.focus = None;
        }
        Route::Param(name) => {
            s.page = Page::Catalog;
            s.catalog_query.clear();
            s.focus = Some(format!("param:{name}"));
        }
        Route::Kind(id) => {
            s.page = Page::Catalog;
            s.catalog_query.clear();
            s.focus = Some(format!("kind:{id}"));
        }
        Route::Example(id) => {
            if let Some(ex) = examples::by_id(&id) {
                load_example(s, ex);
            }
            s.page = Page::Inspect;
        }
        Route::Shared(mut shared) => {
            let picked = std::mem::take(&mut shared.picked);
            restore(s, shared);
            s.example = None;
            s.page = Page::Inspect;
            s.share_open = false;
            s.stash = None;
            // A timeline's link brings back the marks that were picked for "Compare".
            s.timeline = many::Ui::picking(picked);
        }
        Route::ComparePair(pair) => {
            s.pair = *pair;
            s.page = Page::Compare;
            s.share_open = false;
        }
    }
}

/// Opens one capture of the timeline in the inspector, keeping the timeline's inputs.
fn open_capture(s: &mut State, o: many::Opened) {
    s.stash = Some(Box::new(many::Stash {
        shared: s.shared(),
        capture: o.capture,
        count: o.count,
        place: o.place,
    }));
    s.input = o.shared.input;
    s.url = o.shared.url.unwrap_or_default();
    s.signature = o.shared.signature.unwrap_or_default();
    s.format = None;
    s.kind = None;
    s.example = None;
    s.field = None;
    s.page = Page::Inspect;
    s.share_open = false;
    s.timeline.return_to = Some(o.capture);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fresh() -> State {
        State::initial(Theme::System)
    }

    #[test]
    fn starts_on_the_default_example() {
        let s = fresh();
        assert_eq!(s.example, Some(examples::default_example().id));
        assert!(s.input.contains("X-Twilio-Signature"));
        assert_eq!(
            s.token_count(),
            0,
            "no token until the user asks for the demo one"
        );
        assert_eq!(s.page, Page::Inspect);
    }

    #[test]
    fn editing_the_input_forgets_the_example() {
        let s = apply(&fresh(), Action::SetInput("From=%2B14155550100".into()));
        assert_eq!(s.example, None);
        assert_eq!(s.input, "From=%2B14155550100");
    }

    #[test]
    fn options_carry_every_input_and_skip_blank_tokens() {
        let mut s = fresh();
        s = apply(&s, Action::SetFormat(Some(InputFormat::Form)));
        s = apply(&s, Action::SetKind(Some("voice-request".into())));
        s = apply(&s, Action::SetUrl("  https://example.com/hook ".into()));
        s = apply(&s, Action::SetSignature("abc=".into()));
        s = apply(&s, Action::SetToken(1, "tok2".into()));
        s = apply(&s, Action::SetToken(9, "ignored".into()));
        let o = s.options();
        assert_eq!(o.format, Some(InputFormat::Form));
        assert_eq!(o.kind.as_deref(), Some("voice-request"));
        assert_eq!(o.url.as_deref(), Some("https://example.com/hook"));
        assert_eq!(o.signature.as_deref(), Some("abc="));
        assert_eq!(o.auth_tokens, vec!["tok2".to_string()]);
        let s = apply(&s, Action::SetKind(Some(String::new())));
        assert_eq!(s.kind, None);
    }

    #[test]
    fn demo_token_is_filled_by_its_example_and_dropped_after() {
        let s = apply(&fresh(), Action::LoadExample("sms-signed".into()));
        assert_eq!(s.token_count(), 1);
        assert!(examples::is_demo_token(&s.tokens[0]));
        let s = apply(&s, Action::LoadExample("voice-request".into()));
        assert_eq!(s.token_count(), 0);
        // The user's own tokens survive example changes.
        let s = apply(&s, Action::SetToken(0, "mine".into()));
        let s = apply(&s, Action::LoadExample("sms-signed".into()));
        assert_eq!(s.tokens[0], "mine");
        assert!(examples::is_demo_token(&s.tokens[1]));
    }

    #[test]
    fn use_demo_token_only_for_demo_inputs() {
        let s = apply(&fresh(), Action::UseDemoToken);
        assert_eq!(s.token_count(), 1);
        let s = apply(&fresh(), Action::SetInput("Body=hi".into()));
        let s = apply(&s, Action::UseDemoToken);
        assert_eq!(s.token_count(), 0);
    }

    #[test]
    fn shared_payload_never_has_tokens_and_restores() {
        let mut s = fresh();
        s = apply(&s, Action::SetToken(0, "secret-token".into()));
        s = apply(&s, Action::SetUrl("https://example.com/x".into()));
        s = apply(&s, Action::SetFormat(Some(InputFormat::Http)));
        let shared = s.shared();
        assert!(!format!("{shared:?}").contains("secret-token"));
        let t = apply(&State::default(), Action::Route(Route::Shared(shared)));
        assert_eq!(t.input, s.input);
        assert_eq!(t.url, "https://example.com/x");
        assert_eq!(t.format, Some(InputFormat::Http));
        assert_eq!(t.token_count(), 0);
    }

    #[test]
    fn routes_pick_pages_and_focus() {
        let s = apply(
            &fresh(),
            Action::Route(Route::Param("MessageStatus".into())),
        );
        assert_eq!(s.page, Page::Catalog);
        assert_eq!(s.focus.as_deref(), Some("param:MessageStatus"));
        let s = apply(&s, Action::SetCatalogQuery("x".into()));
        assert_eq!(s.focus, None);
        let s = apply(&s, Action::Route(Route::Example("list-calls".into())));
        assert_eq!(s.page, Page::Inspect);
        assert_eq!(s.example, Some("list-calls"));
        let s = apply(&s, Action::Route(Route::Examples));
        assert_eq!(s.page, Page::Examples);
    }

    #[test]
    fn a_field_is_focused_after_its_input_and_forgotten_on_edits() {
        let s = apply(
            &fresh(),
            Action::Route(Route::Example("message-status-callback".into())),
        );
        let s = apply(&s, Action::FocusField(Some("MessageStatus".into())));
        assert_eq!(s.field.as_deref(), Some("MessageStatus"));
        assert_eq!(s.page, Page::Inspect);
        // The next route (another link) starts without a field.
        let t = apply(&s, Action::Route(Route::Example("sms".into())));
        assert_eq!(t.field, None);
        let t = apply(&s, Action::SetInput("Body=hi".into()));
        assert_eq!(t.field, None);
        let t = apply(&s, Action::SetInput(s.input.clone()));
        assert_eq!(
            t.field.as_deref(),
            Some("MessageStatus"),
            "no edit, no change"
        );
        assert_eq!(
            apply(&s, Action::FocusField(Some(String::new()))).field,
            None
        );
    }

    #[test]
    fn theme_toggle_flips_what_is_shown() {
        assert_eq!(Theme::System.toggled(true), Theme::Light);
        assert_eq!(Theme::System.toggled(false), Theme::Dark);
        // Flipping back to what the system shows returns to following the system.
        assert_eq!(Theme::Light.toggled(true), Theme::System);
        assert_eq!(Theme::Dark.toggled(false), Theme::System);
        // A stored choice against the system flips to the other explicit theme.
        assert_eq!(Theme::Dark.toggled(true), Theme::Light);
        assert_eq!(Theme::Light.toggled(false), Theme::Dark);
        assert_eq!(Theme::from_id(Theme::Dark.id()), Theme::Dark);
        assert_eq!(Theme::from_id("bogus"), Theme::System);
    }

    #[test]
    fn a_timeline_capture_opens_and_comes_back() {
        let log = crate::many::tests::SAMPLE.to_string();
        let s = apply(&fresh(), Action::SetInput(log.clone()));
        let s = apply(&s, Action::Timeline(many::UiAction::Pick(3)));
        let s = apply(&s, Action::SetToken(0, "tok".into()));
        let opened = many::Opened {
            shared: Shared {
                input: "CallSid=CA1&CallStatus=ringing".into(),
                url: Some("https://example.com/v".into()),
                ..Shared::default()
            },
            capture: 3,
            count: 14,
            place: "line 4".into(),
        };
        let t = apply(&s, Action::OpenCapture(Box::new(opened)));
        assert_eq!(t.input, "CallSid=CA1&CallStatus=ringing");
        assert_eq!(t.url, "https://example.com/v");
        assert_eq!(t.stash.as_ref().unwrap().shared.input, log);
        assert_eq!(t.stash.as_ref().unwrap().place, "line 4");
        assert_eq!(t.token_count(), 1, "tokens stay for the opened capture");
        let back = apply(&t, Action::BackToTimeline);
        assert_eq!(back.input, log);
        assert_eq!(back.url, "");
        assert!(back.stash.is_none());
        assert_eq!(
            back.timeline.picked,
            [3],
            "the timeline's controls are kept"
        );
        assert_eq!(back.timeline.return_to, Some(3));
        // A new input resets the timeline's controls; an example forgets the stash.
        let edited = apply(&back, Action::SetInput("A=1".into()));
        assert!(edited.timeline.picked.is_empty());
        let ex = apply(&t, Action::LoadExample("sms".into()));
        assert!(ex.stash.is_none());
        assert_eq!(apply(&ex, Action::BackToTimeline).input, ex.input);
    }

    #[test]
    fn a_timeline_link_carries_its_picks() {
        let log = crate::many::tests::SAMPLE.to_string();
        let s = apply(&fresh(), Action::SetInput(log.clone()));
        assert!(s.shared().picked.is_empty());
        let s = apply(&s, Action::Timeline(many::UiAction::ToggleSelecting));
        let s = apply(&s, Action::Timeline(many::UiAction::Pick(11)));
        let s = apply(&s, Action::Timeline(many::UiAction::Pick(13)));
        let shared = s.shared();
        assert_eq!(shared.picked, [11, 13]);
        // Opened elsewhere: the same marks picked, shown in select mode.
        let t = apply(&fresh(), Action::Route(Route::Shared(shared)));
        assert_eq!(t.input, log);
        assert_eq!(t.timeline.picked, [11, 13]);
        assert!(t.timeline.selecting);
        // A link without picks opens the timeline as usual.
        let u = apply(
            &t,
            Action::Route(Route::Shared(Shared {
                input: log,
                ..Shared::default()
            })),
        );
        assert_eq!(u.timeline, many::Ui::default());
    }

    #[test]
    fn compare_routes_and_edits() {
        let pair = Pair {
            a: Shared {
                input: "A=1".into(),
                ..Shared::default()
            },
            b: Shared {
                input: "A=2".into(),
                ..Shared::default()
            },
        };
        let s = apply(&fresh(), Action::CompareCaptures(Box::new(pair.clone())));
        assert_eq!(s.page, Page::Compare);
        assert_eq!(s.pair, pair);
        let s = apply(&s, Action::Route(Route::Inspect));
        let s = apply(&s, Action::Route(Route::Compare));
        assert_eq!(
            (s.page, &s.pair),
            (Page::Compare, &pair),
            "kept across pages"
        );
        let s = apply(
            &s,
            Action::EditPair(compare::Side::B, compare::Edit::Input("A=3".into())),
        );
        assert_eq!(s.pair.b.input, "A=3");
        let shared = Pair::default();
        let s = apply(
            &s,
            Action::Route(Route::ComparePair(Box::new(shared.clone()))),
        );
        assert_eq!(s.pair, shared);
        assert_eq!(s.input, fresh().input, "the inspector's input is untouched");
    }

    #[test]
    fn notices_are_sequenced() {
        let s = apply(&fresh(), Action::Notify(Some("Copied".into())));
        let t = apply(&s, Action::Notify(Some("Copied".into())));
        assert_ne!(s.notice_seq, t.notice_seq);
        // A stale timer does not clear a newer notice.
        let u = apply(&t, Action::ClearNotice(s.notice_seq));
        assert!(u.notice.is_some());
        let v = apply(&u, Action::ClearNotice(u.notice_seq));
        assert!(v.notice.is_none());
    }
}
