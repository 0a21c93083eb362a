//! The problems the timeline found, listed with their codes, each with a way to open the
//! capture it sits on; a page at a time.

use std::rc::Rc;

use yew::prelude::*;

use crate::display;
use crate::many::{self, UiAction};
use crate::state::Action;

/// The problems as the list receives them: shared, compared by identity (they are derived
/// once per timeline).
#[derive(Debug, Clone)]
pub struct ProblemsRc(pub Rc<Vec<many::Problem>>);

impl PartialEq for ProblemsRc {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Props of [`ProblemList`].
#[derive(Properties, PartialEq)]
pub struct ProblemListProps {
    /// Every problem, in the picture's order.
    pub problems: ProblemsRc,
    /// How many are listed.
    pub limit: usize,
    /// Open (or, in select mode, pick) a capture.
    pub on_open: Callback<usize>,
    /// User intent ("Show more problems").
    pub on_action: Callback<Action>,
}

/// The "Problems" card.
#[component]
pub fn ProblemList(props: &ProblemListProps) -> Html {
    let problems = &props.problems.0;
    let count = problems.len();
    let on_more = props
        .on_action
        .reform(|_: MouseEvent| Action::Timeline(UiAction::MoreProblems));
    html! {
        <section class="card" aria-labelledby="tl-problems-h" data-testid="tl-problems">
            <h3 id="tl-problems-h" class="card-title">{ format!("Problems ({count})") }</h3>
            if problems.is_empty() {
                <p class="muted">{ "No ordering, retry or lifecycle problem among these captures." }</p>
            } else {
                <ul class="findings">
                    { for problems.iter().take(props.limit).map(|p| problem(p, &props.on_open)) }
                </ul>
                if count > props.limit {
                    <button type="button" class="btn" onclick={on_more} data-testid="tl-more-problems">
                        { format!("Show more problems ({} not shown)", count - props.limit) }
                    </button>
                }
            }
        </section>
    }
}

/// One problem: severity, message, hint, code, and "Open line N" when it sits on a capture.
fn problem(p: &many::Problem, on_open: &Callback<usize>) -> Html {
    let f = &p.finding;
    html! {
        <li class={classes!("finding", display::severity_class(f.severity))} data-code={f.code.id()} data-testid="tl-problem">
            { crate::components::severity_badge(f.severity) }
            <div class="finding-body">
                <p class="finding-msg">{ f.message.clone() }</p>
                if let Some(h) = &f.hint {
                    <p class="finding-hint">{ h.clone() }</p>
                }
                <p class="finding-code">
                    <code>{ f.code.id() }</code>
                    if let (Some(i), Some(place)) = (p.capture, &p.place) {
                        { " · " }
                        <button type="button" class="btn btn-link" onclick={on_open.reform(move |_: MouseEvent| i)}
                                data-testid="tl-problem-open">{ format!("Open {place}") }</button>
                    }
                </p>
            </div>
        </li>
    }
}
