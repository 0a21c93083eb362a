//! The timeline view: what the paste holds, one block per call, message or conference
//! (child legs nested under their parent), one lane per lifecycle with each callback a mark
//! on its time axis, problems on their marks and listed with their codes. A mark opens its
//! capture in the inspector, or (in select mode) is picked for "Compare". Keyboard: every
//! mark is a button in tab order; arrow keys, Home and End move between marks.
//!
//! Large logs are drawn [`many::PAGE`] groups at a time (a "Show more" button adds more), so
//! the page stays fast whatever the paste's size.

use std::rc::Rc;

use twilio_webhook_inspector::timeline::GroupObject;
use twilio_webhook_inspector::Severity;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::share_panel::{share_buttons, share_panel, ShareControls};
use super::Copy;
use crate::compare::Pair;
use crate::display;
use crate::many::{self, Axis, GroupView, LaneView, Many, Mark, UiAction};
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

fn plural(n: usize, one: &str, many: &str) -> String {
    format!(
        "{} {}",
        n.to_string()
            .as_bytes()
            .rchunks(3)
            .rev()
            .map(|c| std::str::from_utf8(c).unwrap_or_default())
            .collect::<Vec<_>>()
            .join(","),
        if n == 1 { one } else { many }
    )
}

fn object_name(o: Option<GroupObject>) -> &'static str {
    match o {
        Some(GroupObject::Call) => "call",
        Some(GroupObject::Message) => "message",
        Some(GroupObject::Conference) => "conference",
        Some(GroupObject::Other) => "other",
        None => "requests",
    }
}

fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// Everything a mark says, for screen readers and the tooltip (after its visible label).
fn mark_details(m: &Mark, lane: &LaneView) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(s) = m.sequence {
        parts.push(format!("SequenceNumber {s}"));
    }
    if let Some(t) = &m.time {
        parts.push(t.clone());
    }
    if lane.reordered {
        parts.push(format!("arrived {}", ordinal(m.arrived)));
    }
    if !m.codes.is_empty() {
        parts.push(format!("problems: {}", m.codes.join(", ")));
    }
    if m.report_errors > 0 {
        parts.push(plural(
            m.report_errors,
            "error in the request",
            "errors in the request",
        ));
    }
    parts.push(m.place.clone());
    parts.join(", ")
}

fn severity_of(m: &Mark) -> Option<&'static str> {
    m.severity.map(display::severity_class)
}

#[component]
pub fn TimelineView(props: &TimelineViewProps) -> Html {
    let many = props.many.0.clone();
    let ui = &props.ui;
    let act = &props.on_action;
    let drawn = use_memo(props.many.clone(), |m| {
        let groups = many::picture(&m.0.timeline);
        let problems = many::problems(&m.0.timeline, &groups);
        (groups, problems)
    });
    let (groups, problems) = (&drawn.0, &drawn.1);

    // The groups drawn: all, or those with problems; a page at a time.
    let matching: Vec<&GroupView> = groups
        .iter()
        .filter(|g| !ui.problems_only || g.problems)
        .collect();
    let shown: Vec<GroupView> = matching
        .iter()
        .take(ui.limit)
        .map(|g| (*g).clone())
        .collect();
    let shown = Rc::new(shown);
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

    let on_keydown = {
        let shown = shown.clone();
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
            if let Some(next) = many::next_mark(&shown, cap, &e.key()) {
                e.prevent_default();
                web::focus_id(&format!("tl-m-{next}"));
            }
        })
    };

    let open = {
        let many = many.clone();
        let act = act.clone();
        let selecting = ui.selecting;
        move |i: usize| {
            let many = many.clone();
            let act = act.clone();
            Callback::from(move |_: MouseEvent| {
                if selecting {
                    act.emit(Action::Timeline(UiAction::Pick(i)));
                } else if let Some(c) = many.captures.get(i) {
                    act.emit(Action::OpenCapture(Box::new(many::Opened {
                        shared: many::shared_of(c),
                        capture: i,
                        count: many.captures.len(),
                        place: many::capture_name(c, i),
                    })));
                }
            })
        }
    };

    let on_select = act.reform(|_: MouseEvent| Action::Timeline(UiAction::ToggleSelecting));
    let on_problems_only = act.reform(|e: Event| {
        Action::Timeline(UiAction::ProblemsOnly(
            e.target_unchecked_into::<HtmlInputElement>().checked(),
        ))
    });
    let on_more = act.reform(|_: MouseEvent| Action::Timeline(UiAction::MoreGroups));
    let on_more_problems = act.reform(|_: MouseEvent| Action::Timeline(UiAction::MoreProblems));
    let on_compare = {
        let many = many.clone();
        let picked = ui.picked.clone();
        let act = act.clone();
        Callback::from(move |_: MouseEvent| {
            let side = |i: usize| many.captures.get(i).map(many::shared_of);
            if let [a, b] = picked[..] {
                if let (Some(a), Some(b)) = (side(a), side(b)) {
                    act.emit(Action::CompareCaptures(Box::new(Pair { a, b })));
                    web::set_hash("compare");
                }
            }
        })
    };

    let t = &many.timeline;
    let problem_count = problems.len();
    let orderings = many::orderings(groups)
        .into_iter()
        .map(|(o, n)| {
            format!(
                "{} ({})",
                many::ordered_by_name(o),
                plural(n, "lane", "lanes")
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    let picked_names: Vec<String> = ui
        .picked
        .iter()
        .filter_map(|&i| many.captures.get(i).map(|c| many::capture_name(c, i)))
        .collect();
    let controls = ShareControls {
        open: props.share_open,
        redact: props.redact,
        link: props.share.as_ref(),
        what: "timeline",
        on_action: act,
        on_copy: &props.on_copy,
    };

    let mark_html = |m: &Mark, lane: &LaneView| {
        let picked = ui.picked.contains(&m.capture);
        let problem = m.severity.is_some();
        let details = mark_details(m, lane);
        html! {
            <button type="button" id={format!("tl-m-{}", m.capture)}
                    class={classes!("tl-mark", severity_of(m), problem.then_some("tl-problem"), m.above.then_some("tl-up"), picked.then_some("tl-picked"), (m.report_errors > 0).then_some("tl-report-errors"))}
                    style={format!("left:{:.3}%", m.x)}
                    aria-pressed={ui.selecting.then(|| picked.to_string())}
                    title={format!("{} — {}", m.label, details)}
                    data-testid="tl-mark" data-capture={m.capture.to_string()} data-status={m.label.clone()}
                    data-codes={m.codes.join(" ")}
                    onclick={open(m.capture)}>
                <span class="tl-dot" aria-hidden="true"></span>
                <span class="tl-label">{ m.label.clone() }</span>
                <span class="sr-only">{ format!(" — {details}") }</span>
            </button>
        }
    };

    let lane_html = |g: &GroupView, lane: &LaneView, last: bool| {
        let missing_terminal = g
            .findings
            .iter()
            .any(|f| f.code.id() == "timeline-missing-terminal")
            && lane.lifecycle != "requests";
        let by = many::ordered_by_name(lane.ordered_by);
        // One axis per group (its lanes share it), under the last lane.
        let axis = match &g.axis {
            _ if !last => html! {},
            Axis::Time { span, .. } => html! {
                <div class="tl-axis muted" data-testid="tl-axis">
                    <span>{ g.start.clone().unwrap_or_default() }</span>
                    <span>{ many::span_words(*span) }</span>
                </div>
            },
            Axis::Rank => html! {
                <div class="tl-axis muted" data-testid="tl-axis"><span>{ "evenly spaced, in order" }</span></div>
            },
        };
        html! {
            <div class="tl-lane" role="group" aria-label={format!("{} lane of {}, ordered by {by}", lane.lifecycle, g.sid)}
                 data-testid="tl-lane" data-lifecycle={lane.lifecycle.clone()} data-ordered-by={lane.ordered_by.id()}>
                <div class="tl-lane-label">
                    <span class="tl-lifecycle">{ lane.lifecycle.clone() }</span>
                    <span class="muted small" data-testid="tl-ordered-by">{ format!("ordered by {by}") }</span>
                    if let Some(f) = &lane.final_status {
                        <span class="muted small">{ format!("last: {f}") }</span>
                    }
                </div>
                <div class="tl-track-wrap">
                    <div class="tl-track">
                        <div class="tl-rail" aria-hidden="true"></div>
                        { for lane.marks.iter().map(|m| mark_html(m, lane)) }
                        if missing_terminal {
                            <span class="tl-open-end" title="No terminal status was captured" data-testid="tl-open-end">
                                <span aria-hidden="true">{ "?" }</span>
                                <span class="sr-only">{ "No terminal status captured" }</span>
                            </span>
                        }
                    </div>
                    { axis }
                </div>
            </div>
        }
    };

    let group_html = |g: &GroupView| {
        html! {
            <li class={classes!("tl-group", g.problems.then_some("tl-group-problem"), (g.depth > 0).then_some("tl-child"))}
                style={format!("--depth:{}", g.depth.min(6))}
                data-testid="tl-group" data-sid={g.sid.clone()} data-depth={g.depth.to_string()}
                data-parent={g.parent.clone()}>
                <div class="tl-group-head">
                    <span class="chip chip-kind">{ object_name(g.object) }</span>
                    if g.group.is_some() {
                        <code class="tl-sid">{ g.sid.clone() }</code>
                    } else {
                        <span class="tl-sid">{ g.sid.clone() }</span>
                    }
                    if let Some(p) = &g.parent {
                        <span class="muted small">{ "child of " }<code>{ p.clone() }</code></span>
                    }
                    { for g.findings.iter().map(|f| html! {
                        <span class={classes!("badge", display::severity_class(f.severity))} data-code={f.code.id()} title={f.message.clone()}>
                            { f.code.id().trim_start_matches("timeline-").replace('-', " ") }
                        </span>
                    }) }
                </div>
                { for g.lanes.iter().enumerate().map(|(i, l)| lane_html(g, l, i + 1 == g.lanes.len())) }
            </li>
        }
    };

    let problem_html = |p: &many::Problem| {
        let f = &p.finding;
        html! {
            <li class={classes!("finding", display::severity_class(f.severity))} data-code={f.code.id()} data-testid="tl-problem">
                { super::severity_badge(f.severity) }
                <div class="finding-body">
                    <p class="finding-msg">{ f.message.clone() }</p>
                    if let Some(h) = &f.hint {
                        <p class="finding-hint">{ h.clone() }</p>
                    }
                    <p class="finding-code">
                        <code>{ f.code.id() }</code>
                        if let (Some(i), Some(place)) = (p.capture, &p.place) {
                            { " · " }
                            <button type="button" class="btn btn-link" onclick={open(i)}
                                    data-testid="tl-problem-open">{ format!("Open {place}") }</button>
                        }
                    </p>
                </div>
            </li>
        }
    };

    let worst = problems.iter().map(|p| p.finding.severity).max();
    html! {
        <section class="timeline" aria-labelledby="tl-h" id="report" data-testid="timeline">
            <div class="card tl-head">
                <h2 id="tl-h" class="card-title">{ "Timeline" }</h2>
                <p class="tl-summary" data-testid="tl-summary">
                    { format!("{} read as {}", plural(t.captures + t.unreadable, "capture", "captures"), many::format_name(many.format)) }
                    { format!(" · {}", plural(groups.len(), "group", "groups")) }
                    if t.unreadable > 0 {
                        <span class="warn">{ format!(" · {} unreadable", t.unreadable) }</span>
                    }
                    { " · " }
                    <span class={classes!(worst.map(|s| if s == Severity::Error { "tl-err" } else { "warn" }))} data-testid="tl-problem-count">
                        { plural(problem_count, "problem", "problems") }
                    </span>
                </p>
                if many.truncated {
                    <p class="warn" data-testid="tl-truncated">
                        { format!("Only the first {} captures are read here; the CLI's `timeline` command reads any number.", plural(many::MAX_CAPTURES, "", "").trim_end()) }
                    </p>
                }
                <p class="help" data-testid="tl-orderings">{ format!("Ordered by: {orderings}. Marks sit on the clock that ordered their lane; lanes without one are evenly spaced.") }</p>
                <p class="help">
                    { "Click a mark (or press Enter on it) to open that capture in the inspector; arrow keys move between marks. To inspect the whole paste as one request, choose an input format." }
                </p>
                <div class="toolbar" role="toolbar" aria-label="Timeline">
                    <button type="button" class={classes!("btn", ui.selecting.then_some("btn-active"))} onclick={on_select}
                            aria-pressed={ui.selecting.to_string()} data-testid="tl-select">{ "Select two to compare" }</button>
                    <button type="button" class="btn btn-primary" onclick={on_compare} disabled={ui.picked.len() != 2}
                            data-testid="tl-compare">{ "Compare" }</button>
                    if ui.selecting {
                        <span class="muted small" data-testid="tl-picked" aria-live="polite">
                            { if picked_names.is_empty() { "Pick two marks.".to_string() } else { format!("Picked: {}", picked_names.join(" and ")) } }
                        </span>
                    }
                    <label class="check tl-only">
                        <input type="checkbox" checked={ui.problems_only} onchange={on_problems_only} data-testid="tl-problems-only" />
                        { "Only groups with problems" }
                    </label>
                </div>
                <div class="toolbar tl-share">
                    { share_buttons(&controls) }
                </div>
                { share_panel(&controls) }
            </div>
            <div class="card tl-picture">
                <h3 class="card-title" id="tl-lanes-h">{ "Calls and messages" }</h3>
                if shown.is_empty() {
                    <p class="muted">{ "No group to show." }</p>
                }
                <ol class="tl-groups" aria-labelledby="tl-lanes-h" onkeydown={on_keydown}>
                    { for shown.iter().map(group_html) }
                </ol>
                if hidden > 0 {
                    <button type="button" class="btn" onclick={on_more} data-testid="tl-more">
                        { format!("Show {} more ({} not shown)", many::PAGE.min(hidden), hidden) }
                    </button>
                }
            </div>
            <section class="card" aria-labelledby="tl-problems-h" data-testid="tl-problems">
                <h3 id="tl-problems-h" class="card-title">{ format!("Problems ({problem_count})") }</h3>
                if problems.is_empty() {
                    <p class="muted">{ "No ordering, retry or lifecycle problem among these captures." }</p>
                } else {
                    <ul class="findings">
                        { for problems.iter().take(ui.problem_limit).map(problem_html) }
                    </ul>
                    if problem_count > ui.problem_limit {
                        <button type="button" class="btn" onclick={on_more_problems} data-testid="tl-more-problems">
                            { format!("Show more problems ({} not shown)", problem_count - ui.problem_limit) }
                        </button>
                    }
                }
            </section>
        </section>
    }
}

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
