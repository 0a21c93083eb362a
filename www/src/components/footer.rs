//! The page's foot: the privacy promise and the tool's version; and the status line that
//! announces short notices ("Link copied").

use yew::prelude::*;

/// Props of [`Footer`].
#[derive(Properties, PartialEq)]
pub struct FooterProps {
    /// The tool's version (the core's, as reports carry it).
    pub version: AttrValue,
}

/// What the page promises about the user's data, and which version this is.
#[component]
pub fn Footer(props: &FooterProps) -> Html {
    html! {
        <footer class="footer">
            <p>
                { "Runs entirely in your browser. Nothing you paste is sent anywhere — the page's Content-Security-Policy forbids network connections. " }
                { "Auth tokens stay in this tab's memory: never stored, never put in a link." }
            </p>
            <p class="muted">{ format!("twilio-webhook-inspector {}", props.version) }</p>
        </footer>
    }
}

/// Props of [`Notice`].
#[derive(Properties, PartialEq)]
pub struct NoticeProps {
    /// The notice shown, if any.
    pub notice: Option<AttrValue>,
}

/// The live region notices are announced in (always in the page, so screen readers hear
/// each new one).
#[component]
pub fn Notice(props: &NoticeProps) -> Html {
    html! {
        <div class="toast" role="status" aria-live="polite" data-testid="notice">
            if let Some(n) = &props.notice { <span>{ n.clone() }</span> }
        </div>
    }
}
