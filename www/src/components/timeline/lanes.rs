//! The picture's parts: one block per group (call, message, conference) with its head and
//! lanes, one lane per lifecycle with its axis, one button per mark. Each mark is a button
//! in tab order (`tl-m-<capture>`); the picture's list moves the focus between them with
//! the arrow keys.

use std::rc::Rc;

use yew::prelude::*;

use crate::display;
use crate::many::{self, Axis, GroupView, Mark};

/// What every mark of the picture shares: the picks, the mode, what a click does.
#[derive(Clone, PartialEq)]
pub struct Picking {
    /// Captures picked for "Compare".
    pub picked: Vec<usize>,
    /// Marks are checkboxes for "Compare" (else they open their capture).
    pub selecting: bool,
    /// A mark (its capture) was activated.
    pub on_open: Callback<usize>,
}

/// Props of [`GroupBlock`].
#[derive(Properties, PartialEq)]
pub struct GroupBlockProps {
    /// The group.
    pub group: Rc<GroupView>,
    /// Picks, mode and click.
    pub picking: Picking,
}

/// One group: its kind, SID, parent and own findings, then its lanes.
#[component]
pub fn GroupBlock(props: &GroupBlockProps) -> Html {
    let g = &props.group;
    let lanes = g.lanes.len();
    html! {
        <li class={classes!("tl-group", g.problems.then_some("tl-group-problem"), (g.depth > 0).then_some("tl-child"))}
            style={format!("--depth:{}", g.depth.min(6))}
            data-testid="tl-group" data-sid={g.sid.clone()} data-depth={g.depth.to_string()}
            data-parent={g.parent.clone()}>
            <div class="tl-group-head">
                <span class="chip chip-kind">{ many::object_name(g.object) }</span>
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
            { for (0..lanes).map(|i| html! {
                <LaneRow group={g.clone()} lane={i} picking={props.picking.clone()} />
            }) }
        </li>
    }
}

/// Props of [`LaneRow`].
#[derive(Properties, PartialEq)]
pub struct LaneRowProps {
    /// The group the lane is in.
    pub group: Rc<GroupView>,
    /// Which of its lanes.
    pub lane: usize,
    /// Picks, mode and click.
    pub picking: Picking,
}

/// One lifecycle of a group: its name, ordering and last status, the track with its marks
/// (and an open end when no terminal status came), and under the group's last lane the
/// axis the group's lanes share.
#[component]
pub fn LaneRow(props: &LaneRowProps) -> Html {
    let g = &props.group;
    let Some(lane) = g.lanes.get(props.lane) else {
        return html! {};
    };
    let missing_terminal = g
        .findings
        .iter()
        .any(|f| f.code.id() == "timeline-missing-terminal")
        && lane.lifecycle != "requests";
    let by = many::ordered_by_name(lane.ordered_by);
    let last = props.lane + 1 == g.lanes.len();
    let p = &props.picking;
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
                    { for lane.marks.iter().map(|m| html! {
                        <MarkButton mark={m.clone()} reordered={lane.reordered} picked={p.picked.contains(&m.capture)}
                                    selecting={p.selecting} on_open={p.on_open.clone()} />
                    }) }
                    if missing_terminal {
                        <span class="tl-open-end" title="No terminal status was captured" data-testid="tl-open-end">
                            <span aria-hidden="true">{ "?" }</span>
                            <span class="sr-only">{ "No terminal status captured" }</span>
                        </span>
                    }
                </div>
                if last {
                    { axis(g) }
                }
            </div>
        </div>
    }
}

/// The axis a group's lanes share: where it starts and how long it spans, or that the marks
/// are evenly spaced.
fn axis(g: &GroupView) -> Html {
    match &g.axis {
        Axis::Time { span, .. } => html! {
            <div class="tl-axis muted" data-testid="tl-axis">
                <span>{ g.start.clone().unwrap_or_default() }</span>
                <span>{ many::span_words(*span) }</span>
            </div>
        },
        Axis::Rank => html! {
            <div class="tl-axis muted" data-testid="tl-axis"><span>{ "evenly spaced, in order" }</span></div>
        },
    }
}

/// Props of [`MarkButton`].
#[derive(Properties, PartialEq)]
pub struct MarkButtonProps {
    /// The mark.
    pub mark: Mark,
    /// Its lane's arrival order differs from the lane's order.
    pub reordered: bool,
    /// It is picked for "Compare".
    pub picked: bool,
    /// Marks are checkboxes (`aria-pressed`) for "Compare".
    pub selecting: bool,
    /// Activated (click, Enter, Space).
    pub on_open: Callback<usize>,
}

/// One callback on its lane: a button at its place on the track, its label above or below,
/// everything else it says in its accessible name and tooltip.
#[component]
pub fn MarkButton(props: &MarkButtonProps) -> Html {
    let m = &props.mark;
    let details = many::mark_details(m, props.reordered);
    let onclick = {
        let (open, capture) = (props.on_open.clone(), m.capture);
        Callback::from(move |_: MouseEvent| open.emit(capture))
    };
    html! {
        <button type="button" id={format!("tl-m-{}", m.capture)}
                class={classes!("tl-mark", m.severity.map(display::severity_class), m.severity.is_some().then_some("tl-problem"), m.above.then_some("tl-up"), props.picked.then_some("tl-picked"), (m.report_errors > 0).then_some("tl-report-errors"))}
                style={format!("left:{:.3}%", m.x)}
                aria-pressed={props.selecting.then(|| props.picked.to_string())}
                title={format!("{} — {}", m.label, details)}
                data-testid="tl-mark" data-capture={m.capture.to_string()} data-status={m.label.clone()}
                data-codes={m.codes.join(" ")}
                {onclick}>
            <span class="tl-dot" aria-hidden="true"></span>
            <span class="tl-label">{ m.label.clone() }</span>
            <span class="sr-only">{ format!(" — {details}") }</span>
        </button>
    }
}
