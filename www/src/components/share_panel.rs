//! The share controls of the timeline and compare views: the same toggle, redaction
//! checkbox, link field and copy button as the report's toolbar (and the same test ids, as
//! only one of those views is on the page at a time). Tokens are never in a link.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::Copy;
use crate::redact::ShareLink;
use crate::state::Action;

/// What the share controls need.
pub struct ShareControls<'a> {
    /// The panel is open.
    pub open: bool,
    /// Redaction checkbox.
    pub redact: bool,
    /// The link, once computed.
    pub link: Option<&'a ShareLink>,
    /// What the link reopens ("timeline", "comparison").
    pub what: &'static str,
    /// User intent.
    pub on_action: &'a Callback<Action>,
    /// Clipboard requests.
    pub on_copy: &'a Callback<Copy>,
}

/// The toolbar buttons (share toggle, redaction).
pub fn share_buttons(c: &ShareControls) -> Html {
    let on_share = c.on_action.reform(|_: MouseEvent| Action::ToggleShare);
    let on_redact = c.on_action.reform(|e: Event| {
        Action::SetRedact(e.target_unchecked_into::<HtmlInputElement>().checked())
    });
    html! {
        <>
            <button type="button" class={classes!("btn", c.open.then_some("btn-active"))}
                    onclick={on_share} aria-expanded={c.open.to_string()} aria-controls="share-panel"
                    data-testid="share">
                { "Share link" }
            </button>
            <label class="check">
                <input type="checkbox" checked={c.redact} onchange={on_redact} data-testid="redact" />
                { "Redact phone numbers and bodies in links" }
            </label>
        </>
    }
}

/// The panel with the link (when open).
pub fn share_panel(c: &ShareControls) -> Html {
    if !c.open {
        return html! {};
    }
    let select_all =
        Callback::from(|e: FocusEvent| e.target_unchecked_into::<HtmlInputElement>().select());
    let copy = c.on_copy.reform(|_: MouseEvent| Copy::Link);
    html! {
        <div id="share-panel" class="share-panel" data-testid="share-panel">
            <label for="share-url">{ format!("Permalink to this {} — the inputs live in the #fragment, which browsers never send to a server. Tokens are never included.", c.what) }</label>
            <div class="share-row">
                <input id="share-url" class="input mono" readonly=true onfocus={select_all}
                       value={c.link.map(|s| s.url.clone()).unwrap_or_default()}
                       placeholder="Compressing…" data-testid="share-url" />
                <button type="button" class="btn btn-primary" onclick={copy} data-testid="copy-link"
                        disabled={c.link.is_none()}>{ "Copy" }</button>
            </div>
            if let Some(share) = c.link {
                if let Some(red) = &share.redaction {
                    <p class="help">
                        { format!("Redacted {} value{} (phone numbers keep their country code).", red.replaced, if red.replaced == 1 { "" } else { "s" }) }
                        if !red.leftovers.is_empty() {
                            <span class="warn">{ format!(" Could not redact everywhere: {}. Check before sharing.", red.leftovers.join(", ")) }</span>
                        }
                    </p>
                }
                <p class="help">{ format!("{} characters.", share.url.len()) }</p>
            }
        </div>
    }
}
