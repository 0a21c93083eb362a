//! The timeline's head: the summary line (what the paste held, groups, problems, orderings)
//! and the toolbar (select two to compare, the picked marks, Compare, only groups with
//! problems).

use twilio_webhook_inspector::Severity;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::ManyRc;
use crate::compare::Pair;
use crate::many::{self, Ui, UiAction};
use crate::state::Action;
use crate::web;

/// Props of [`TimelineSummary`].
#[derive(Properties, PartialEq)]
pub struct TimelineSummaryProps {
    /// The captures and their timeline.
    pub many: ManyRc,
    /// Groups in the picture.
    pub groups: usize,
    /// Problems found.
    pub problems: usize,
    /// The most serious of them.
    pub worst: Option<Severity>,
    /// The orderings the lanes used, in words.
    pub orderings: AttrValue,
}

/// What the paste held: captures and their format, groups, unreadable captures, problems;
/// the cap on huge pastes; the orderings used.
#[component]
pub fn TimelineSummary(props: &TimelineSummaryProps) -> Html {
    let m = &props.many.0;
    let t = &m.timeline;
    let worst_class = props.worst.map(|s| {
        if s == Severity::Error {
            "tl-err"
        } else {
            "warn"
        }
    });
    html! {
        <>
            <p class="tl-summary" data-testid="tl-summary">
                { many::read_as_words(m) }
                { format!(" · {}", many::plural(props.groups, "group", "groups")) }
                if t.unreadable > 0 {
                    <span class="warn">{ format!(" · {} unreadable", t.unreadable) }</span>
                }
                { " · " }
                <span class={classes!(worst_class)} data-testid="tl-problem-count">
                    { many::plural(props.problems, "problem", "problems") }
                </span>
            </p>
            if m.truncated {
                <p class="warn" data-testid="tl-truncated">{ many::truncated_words() }</p>
            }
            <p class="help" data-testid="tl-orderings">{ format!("Ordered by: {}. Marks sit on the clock that ordered their lane; lanes without one are evenly spaced.", props.orderings) }</p>
        </>
    }
}

/// Props of [`TimelineToolbar`].
#[derive(Properties, PartialEq)]
pub struct TimelineToolbarProps {
    /// The captures (the picked ones go to the compare page).
    pub many: ManyRc,
    /// The view's controls.
    pub ui: Ui,
    /// User intent.
    pub on_action: Callback<Action>,
}

/// "Compare": the two picked captures side by side on the compare page.
fn compare_handler(
    many: &ManyRc,
    picked: &[usize],
    act: &Callback<Action>,
) -> Callback<MouseEvent> {
    let (many, picked, act) = (many.0.clone(), picked.to_vec(), act.clone());
    Callback::from(move |_: MouseEvent| {
        let side = |i: usize| many.captures.get(i).map(many::shared_of);
        if let [a, b] = picked[..] {
            if let (Some(a), Some(b)) = (side(a), side(b)) {
                act.emit(Action::CompareCaptures(Box::new(Pair { a, b })));
                web::set_hash("compare");
            }
        }
    })
}

/// The timeline's controls: select mode, Compare, the picked marks, the problem filter.
#[component]
pub fn TimelineToolbar(props: &TimelineToolbarProps) -> Html {
    let (ui, act) = (&props.ui, &props.on_action);
    let on_select = act.reform(|_: MouseEvent| Action::Timeline(UiAction::ToggleSelecting));
    let on_problems_only = act.reform(|e: Event| {
        Action::Timeline(UiAction::ProblemsOnly(
            e.target_unchecked_into::<HtmlInputElement>().checked(),
        ))
    });
    let on_compare = compare_handler(&props.many, &ui.picked, act);
    html! {
        <div class="toolbar" role="toolbar" aria-label="Timeline">
            <button type="button" class={classes!("btn", ui.selecting.then_some("btn-active"))} onclick={on_select}
                    aria-pressed={ui.selecting.to_string()} data-testid="tl-select">{ "Select two to compare" }</button>
            <button type="button" class="btn btn-primary" onclick={on_compare} disabled={ui.picked.len() != 2}
                    data-testid="tl-compare">{ "Compare" }</button>
            if ui.selecting {
                <PickedNote many={props.many.clone()} picked={ui.picked.clone()} />
            }
            <label class="check tl-only">
                <input type="checkbox" checked={ui.problems_only} onchange={on_problems_only} data-testid="tl-problems-only" />
                { "Only groups with problems" }
            </label>
        </div>
    }
}

/// Props of [`PickedNote`].
#[derive(Properties, PartialEq)]
pub struct PickedNoteProps {
    /// The captures.
    pub many: ManyRc,
    /// The picked ones.
    pub picked: Vec<usize>,
}

/// Which marks are picked (announced as they change), or what to do.
#[component]
pub fn PickedNote(props: &PickedNoteProps) -> Html {
    html! {
        <span class="muted small" data-testid="tl-picked" aria-live="polite">
            { many::picked_words(&props.many.0, &props.picked) }
        </span>
    }
}
