//! The bar above the inspector while it shows a capture opened from the timeline.

use yew::prelude::*;

use crate::many;
use crate::state::Action;

/// Props of [`BackBar`].
#[derive(Properties, PartialEq)]
pub struct BackBarProps {
    /// The timeline the open capture came from.
    pub stash: many::Stash,
    /// User intent.
    pub on_action: Callback<Action>,
}

/// Above the inspector while it shows a capture opened from the timeline: where it came from,
/// and the way back. It takes the focus when it appears.
#[component]
pub fn BackBar(props: &BackBarProps) -> Html {
    let button = use_node_ref();
    {
        let button = button.clone();
        use_effect_with((), move |_| {
            if let Some(b) = button.cast::<web_sys::HtmlElement>() {
                let _ = b.focus();
            }
        });
    }
    let on_back = props
        .on_action
        .reform(|_: MouseEvent| Action::BackToTimeline);
    let s = &props.stash;
    html! {
        <div class="tl-back" role="region" aria-label="Opened from the timeline" data-testid="tl-back">
            <button ref={button} type="button" class="btn" onclick={on_back} data-testid="tl-back-button">
                { "← Back to the timeline" }
            </button>
            <span class="muted">{ format!("Showing {} ({} of {}) from the timeline.", s.place, s.capture + 1, s.count) }</span>
        </div>
    }
}
