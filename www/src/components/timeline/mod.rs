//! The timeline view: what the paste holds, one block per call, message or conference
//! (child legs nested under their parent), one lane per lifecycle with each callback a mark
//! on its time axis, problems on their marks and listed with their codes. A mark opens its
//! capture in the inspector, or (in select mode) is picked for "Compare". Keyboard: every
//! mark is a button in tab order; arrow keys, Home and End move between marks.
//!
//! Large logs are drawn [`many::PAGE`] groups at a time (a "Show more" button adds more), so
//! the page stays fast whatever the paste's size.
//!
//! Parts: [`head`] (summary line, toolbar, picked marks), [`lanes`] (group blocks, lanes,
//! marks), [`problems`] (the problem list), [`back`] (the way back from an opened capture).
//! What they say is worded by [`crate::many`] (pure, unit-tested natively).

mod back;
mod head;
mod lanes;
mod problems;

use std::rc::Rc;

use twilio_webhook_inspector::Severity;
use yew::prelude::*;

pub use back::BackBar;
use head::{TimelineSummary, TimelineToolbar};
use lanes::{GroupBlock, Picking};
use problems::{ProblemList, ProblemsRc};

use super::share_panel::{share_buttons, share_panel, ShareControls};
use super::Copy;
use crate::many::{self, GroupView, Many, UiAction};
use crate::redact::ShareLink;
use crate::state::Action;
use crate::web;

/// A timeline as components receive it: shared, compared by identity (the app derives a
/// new one only when the input changes).
#[derive(Debug)]
pub struct ManyRc(pub Rc<Many>);

impl Clone for ManyRc {
    fn clone(&self) -> Self {
        ManyRc(Rc::clone(&self.0))
    }
}

impl PartialEq for ManyRc {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Props of [`TimelineView`].
#[derive(Properties, PartialEq)]
pub struct TimelineViewProps {
    /// The captures and their timeline.
    pub many: ManyRc,
    /// The view's controls.
    pub ui: many::Ui,
    /// The share panel is open.
    pub share_open: bool,
    /// Redaction checkbox.
    pub redact: bool,
    /// The share link, once computed.
    pub share: Option<ShareLink>,
    /// User intent.
    pub on_action: Callback<Action>,
    /// Clipboard requests.
    pub on_copy: Callback<Copy>,
}

/// The picture and its problems, derived once per timeline.
struct Drawn {
    groups: Vec<Rc<GroupView>>,
    problems: ProblemsRc,
    /// The most serious problem's severity.
    worst: Option<Severity>,
    /// The orderings the lanes used, in words.
    orderings: AttrValue,
}

/// Arrow keys, Home and End on a mark move the focus to the next mark among `shown`.
fn key_handler(shown: Rc<Vec<Rc<GroupView>>>) -> Callback<KeyboardEvent> {
    Callback::from(move |e: KeyboardEvent| {
        let Some(el) = e.target_dyn_into::<web_sys::Element>() else {
            return;
        };
        let Some(cap) = el
            .get_attribute("data-capture")
            .and_then(|c| c.parse::<usize>().ok())
        else {
            return;
        };
        if let Some(next) = many::next_mark(shown.iter().map(|g| &**g), cap, &e.key()) {
            e.prevent_default();
            web::focus_id(&format!("tl-m-{next}"));
        }
    })
}

/// What activating capture `i` does: pick it (select mode) or open it in the inspector.
fn open_capture(i: usize, (many, selecting, act): &(ManyRc, bool, Callback<Action>)) {
    if *selecting {
        act.emit(Action::Timeline(UiAction::Pick(i)));
    } else if let Some(c) = many.0.captures.get(i) {
        act.emit(Action::OpenCapture(Box::new(many::Opened {
            shared: many::shared_of(c),
            capture: i,
            count: many.0.captures.len(),
            place: many::capture_name(c, i),
        })));
    }
}

#[component]
pub fn TimelineView(props: &TimelineViewProps) -> Html {
    let ui = &props.ui;
    let act = &props.on_action;
    let drawn = use_memo(props.many.clone(), |m| {
        let groups = many::picture(&m.0.timeline);
        let problems = many::problems(&m.0.timeline, &groups);
        Drawn {
            worst: problems.iter().map(|p| p.finding.severity).max(),
            orderings: many::orderings_words(&groups).into(),
            groups: groups.into_iter().map(Rc::new).collect(),
            problems: ProblemsRc(Rc::new(problems)),
        }
    });
    let on_open = use_callback(
        (props.many.clone(), ui.selecting, act.clone()),
        open_capture,
    );

    // The groups drawn: all, or those with problems; a page at a time.
    let matching: Vec<&Rc<GroupView>> = drawn
        .groups
        .iter()
        .filter(|g| !ui.problems_only || g.problems)
        .collect();
    let shown: Rc<Vec<Rc<GroupView>>> = Rc::new(
        matching
            .iter()
            .take(ui.limit)
            .map(|g| Rc::clone(g))
            .collect(),
    );
    let hidden = matching.len().saturating_sub(shown.len());

    // Give the focus back to the mark that was opened.
    {
        let d = act.clone();
        use_effect_with(ui.return_to, move |r| {
            if let Some(i) = *r {
                web::focus_id(&format!("tl-m-{i}"));
                d.emit(Action::Timeline(UiAction::Returned));
            }
        });
    }

    let on_more = act.reform(|_: MouseEvent| Action::Timeline(UiAction::MoreGroups));
    let on_copy_json = props.on_copy.reform(|_: MouseEvent| Copy::TimelineJson);
    let controls = ShareControls {
        open: props.share_open,
        redact: props.redact,
        link: props.share.as_ref(),
        what: "timeline",
        on_action: act,
        on_copy: &props.on_copy,
    };
    let picking = Picking {
        picked: ui.picked.clone(),
        selecting: ui.selecting,
        on_open: on_open.clone(),
    };

    html! {
        <section class="timeline" aria-labelledby="tl-h" id="report" data-testid="timeline">
            <div class="card tl-head">
                <h2 id="tl-h" class="card-title">{ "Timeline" }</h2>
                <TimelineSummary many={props.many.clone()} groups={drawn.groups.len()} problems={drawn.problems.0.len()}
                                 worst={drawn.worst} orderings={drawn.orderings.clone()} />
                <p class="help">
                    { "Click a mark (or press Enter on it) to open that capture in the inspector; arrow keys move between marks. To inspect the whole paste as one request, choose an input format." }
                </p>
                <TimelineToolbar many={props.many.clone()} ui={ui.clone()} on_action={act.clone()} />
                <div class="toolbar tl-share">
                    { share_buttons(&controls) }
                    <button type="button" class="btn" onclick={on_copy_json} data-testid="copy-json"
                            title="The timeline as JSON: the same shape as the CLI's timeline --json. Never includes a token.">{ "Copy JSON" }</button>
                </div>
                { share_panel(&controls) }
            </div>
            <div class="card tl-picture">
                <h3 class="card-title" id="tl-lanes-h">{ "Calls and messages" }</h3>
                if shown.is_empty() {
                    <p class="muted">{ "No group to show." }</p>
                }
                <ol class="tl-groups" aria-labelledby="tl-lanes-h" onkeydown={key_handler(shown.clone())}>
                    { for shown.iter().map(|g| html! {
                        <GroupBlock group={g.clone()} picking={picking.clone()} />
                    }) }
                </ol>
                if hidden > 0 {
                    <button type="button" class="btn" onclick={on_more} data-testid="tl-more">
                        { format!("Show {} more ({} not shown)", many::PAGE.min(hidden), hidden) }
                    </button>
                }
            </div>
            <ProblemList problems={drawn.problems.clone()} limit={ui.problem_limit} on_open={on_open} on_action={act.clone()} />
        </section>
    }
}
