//! The app's callbacks: dispatch (dropping a fragment an edit makes stale), the clipboard
//! and the theme toggle.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::Copy;
use crate::many::Many;
use crate::offload::Shown;
use crate::redact::ShareLink;
use crate::route::{self, Stale};
use crate::state::{Action, State};
use crate::{export, web};

/// Dispatches actions, first dropping the fragment when the action makes it stale
/// ([`route::stale_after`]).
pub fn dispatch(d: UseReducerDispatcher<State>) -> Callback<Action> {
    Callback::from(move |a: Action| {
        match route::stale_after(&a, &web::hash()) {
            Some(Stale::Clear) => web::clear_hash(),
            Some(Stale::Replace(f)) => web::replace_hash(f),
            None => {}
        }
        d.dispatch(a)
    })
}

/// What the clipboard buttons copy.
pub struct Copied {
    /// The inputs (the curl command is signed with their first token).
    pub state: UseReducerHandle<State>,
    /// The report of the inputs (copies take the whole of it: [`Shown::full`]).
    pub shown: Shown,
    /// The timeline, when the input holds many captures.
    pub many: Option<Rc<Many>>,
    /// The share link, once computed.
    pub link: Option<ShareLink>,
}

impl Copied {
    /// The text to copy and the notice that says so; `None` when there is nothing yet.
    fn text(&self, what: Copy) -> Option<(String, &'static str)> {
        let state = &self.state;
        Some(match what {
            Copy::Json => (
                export::report_json(&self.shown.full()),
                "Report JSON copied",
            ),
            Copy::TimelineJson => (
                export::timeline_json(&self.many.as_ref()?.timeline),
                "Timeline JSON copied",
            ),
            // With a token, the replay carries a fresh signature over the request as
            // pasted (the core's `sign`); the token itself is never in the command.
            Copy::Curl => match twilio_webhook_inspector::sign(&state.input, &state.options()) {
                Ok(signed) if state.token_count() > 0 => {
                    (signed.curl, "Signed curl command copied (no token)")
                }
                _ => (
                    export::curl(&self.shown.full(), &state.input),
                    "curl command copied (no token)",
                ),
            },
            Copy::Link => (self.link.as_ref()?.url.clone(), "Link copied"),
        })
    }
}

/// Copies what a button asks for, and says whether it worked.
pub fn copy(what: Copied, notify: UseReducerDispatcher<State>) -> Callback<Copy> {
    Callback::from(move |c: Copy| {
        let Some((text, label)) = what.text(c) else {
            return;
        };
        let notify = notify.clone();
        web::copy(text, move |ok| {
            notify.dispatch(Action::Notify(Some(if ok {
                label.to_string()
            } else {
                "Could not copy: select the text and copy it yourself".to_string()
            })))
        });
    })
}

/// Flips the theme shown (see [`crate::state::Theme::toggled`]).
pub fn toggle_theme(d: &Callback<Action>, theme: crate::state::Theme) -> Callback<()> {
    let d = d.clone();
    Callback::from(move |_| d.emit(Action::SetTheme(theme.toggled(web::system_prefers_dark()))))
}
