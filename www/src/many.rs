//! Many captures in one paste: whether the paste holds more than one (the core's reader
//! decides), their timeline (the core's `timeline`), and the picture the timeline view draws
//! of it — groups nested under their parents, one lane per lifecycle, each callback a mark
//! placed on the lane's time axis, problems attached to their marks. Pure, unit-tested
//! natively; the component is `components::timeline`.
//!
//! Positions come from the clock the core ordered the lane by: Twilio's `Timestamp` for
//! lanes ordered by it (and for `SequenceNumber` lanes that all carry one), the receive time
//! for lanes ordered by it, else the rank in the lane. All lanes of a group share one axis,
//! so a recording lines up with its call.

use std::collections::HashSet;

use twilio_webhook_inspector::timeline::{
    detect_many, entry_of, read_captures, Capture, Entry, Group, GroupObject, Lane, ManyFormat,
    OrderedBy, Timeline, TimelineBuilder,
};
use twilio_webhook_inspector::{Field, Finding, Options, Report, Severity};

use crate::redact::{self, Redaction};
use crate::share::Shared;

/// Groups drawn at first, and added by each "Show more".
pub const PAGE: usize = 50;

/// Problems listed at first, and added by each "Show more".
pub const PROBLEM_PAGE: usize = 50;

/// The most captures the web app reads from one paste (~1 s of inspecting in the browser);
/// the CLI's `timeline` reads any number.
pub const MAX_CAPTURES: usize = 10_000;

/// A paste that holds more than one capture, read and built into a timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Many {
    /// How the paste was recognised.
    pub format: ManyFormat,
    /// The readable captures, in input order (an entry's `index` points here).
    pub captures: Vec<Capture>,
    /// The core's timeline of them.
    pub timeline: Timeline,
    /// The paste holds more than [`MAX_CAPTURES`] captures: only the first ones were read.
    pub truncated: bool,
}

/// Reads `text` as many captures. `None` when it holds one capture (or none): the
/// single-capture inspector shows it then. A forced format or kind means the user wants one
/// request inspected, so those are never read as many.
pub fn read(text: &str, options: &Options) -> Option<Many> {
    read_at_most(text, options, MAX_CAPTURES)
}

fn read_at_most(text: &str, options: &Options, max: usize) -> Option<Many> {
    if options.format.is_some() || options.kind.is_some() {
        return None;
    }
    if detect_many(text) == ManyFormat::Single {
        return None;
    }
    let items = read_captures(text);
    let format = items.format();
    // Split first (cheap), inspect only when there is more than one.
    let mut items: Vec<_> = items.take(max.saturating_add(1)).collect();
    if items.len() < 2 {
        return None;
    }
    let truncated = items.len() > max;
    items.truncate(max);
    let mut b = TimelineBuilder::new();
    b.format = Some(format);
    let mut captures = Vec::with_capacity(items.len());
    for item in items {
        match item {
            Ok(c) => {
                b.push_entry(entry_of(&c));
                captures.push(c);
            }
            Err(e) => b.push_error(e),
        }
    }
    Some(Many {
        format,
        captures,
        timeline: b.finish(),
        truncated,
    })
}

/// Reads a small generated log (40 message status callbacks, one out of order, one queued only)
/// and draws it, discarding the result: run once while the page is idle, so the browser has
/// compiled the timeline's code before the first real paste (wasm functions are compiled
/// when first called, and optimised once they run hot).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // used by the browser-only UI
pub fn warm_up() -> usize {
    let mut log = String::with_capacity(40 * 200);
    for i in 0..40usize {
        let (sid, status) = (i / 3, ["queued", "sent", "delivered"][i % 3]);
        let status = match i {
            4 => "delivered",
            5 => "sent",
            _ => status,
        };
        log.push_str(&format!(
            "2025-01-01T00:00:{:02}.{:03}Z POST /status MessageSid=SM{sid:032x}&MessageStatus={status}&AccountSid=AC{:032x}&To=%2B14155550100&ApiVersion=2010-04-01\n",
            i / 10,
            i * 7 % 1000,
            1
        ));
    }
    read(&log, &Options::default()).map_or(0, |m| {
        let groups = picture(&m.timeline);
        problems(&m.timeline, &groups).len() + groups.len()
    })
}

/// Human name of a many-capture format.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // used by the browser-only UI
pub fn format_name(f: ManyFormat) -> &'static str {
    match f {
        ManyFormat::JsonLines => "JSON Lines",
        ManyFormat::JsonArray => "a JSON array",
        ManyFormat::Har => "a HAR file",
        ManyFormat::Http => "raw HTTP requests",
        ManyFormat::Log => "a server log",
        ManyFormat::CallEvents => "Call Events (Twilio's call event resource)",
        ManyFormat::EventStreams => "Event Streams CloudEvents",
        ManyFormat::Debugger => "Debugger events",
        ManyFormat::Single => "one capture",
    }
}

/// How an ordering is said in the view.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // used by the browser-only UI
pub fn ordered_by_name(o: OrderedBy) -> &'static str {
    match o {
        OrderedBy::SequenceNumber => "SequenceNumber",
        OrderedBy::Timestamp => "Twilio's Timestamp",
        OrderedBy::ReceivedAt => "receive time",
        OrderedBy::InputOrder => "input order",
    }
}

/// The share payload of capture `i`: its text, URL and signature (never a token).
pub fn shared_of(c: &Capture) -> Shared {
    let o = c.inspect_options();
    Shared {
        input: c.input.clone(),
        format: None,
        kind: None,
        url: o.url.filter(|u| !u.trim().is_empty()),
        signature: o.signature.filter(|s| !s.trim().is_empty()),
    }
}

/// A short name of capture `c` at position `i`: its line, else its record label, else its
/// number.
pub fn capture_name(c: &Capture, i: usize) -> String {
    match (&c.line, &c.label) {
        (Some(l), _)
            if c.source
                .is_some_and(|s| s.is_line_based() || s == ManyFormat::Http) =>
        {
            format!("line {l}")
        }
        (_, Some(label)) => label.clone(),
        (Some(l), None) => format!("line {l}"),
        _ => format!("capture {}", i + 1),
    }
}

/// One callback on a lane.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// The capture (index into [`Many::captures`]).
    pub capture: usize,
    /// Position on the lane, 0–100 (percent of the track).
    pub x: f64,
    /// The label: the status, else the kind.
    pub label: String,
    /// The worst problem on it.
    pub severity: Option<Severity>,
    /// Finding codes on it.
    pub codes: Vec<&'static str>,
    /// When (as written: Twilio's time, else the receive time).
    pub time: Option<String>,
    /// SequenceNumber.
    pub sequence: Option<u64>,
    /// 1-based rank of arrival in the lane (receive time, else input order).
    pub arrived: usize,
    /// Errors in the capture's own report.
    pub report_errors: usize,
    /// Where the capture is (`line 12`, `entries[3]`…).
    pub place: String,
    /// Label above the track (alternates with the neighbours, so labels do not collide).
    pub above: bool,
}

/// The axis every lane of a group shares.
#[derive(Debug, Clone, PartialEq)]
pub enum Axis {
    /// Times in milliseconds: the first mark's time and the span to the last.
    Time {
        /// Earliest time on the axis (ms since the epoch).
        start: i64,
        /// Last minus first (ms).
        span: i64,
    },
    /// Marks spread evenly by their rank.
    Rank,
}

/// One lifecycle of a group, drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct LaneView {
    /// The lifecycle id (`call`, `message`, `recording`…) or `requests`.
    pub lifecycle: String,
    /// What ordered it.
    pub ordered_by: OrderedBy,
    /// The marks, in the lane's order.
    pub marks: Vec<Mark>,
    /// The last status.
    pub final_status: Option<String>,
    /// Arrival order differs from the lane's order.
    pub reordered: bool,
}

/// One group (call, message, conference), drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupView {
    /// Index into the timeline's groups; `None` for the captures that name no SID.
    pub group: Option<usize>,
    /// The SID (or "Other requests").
    pub sid: String,
    /// What it follows.
    pub object: Option<GroupObject>,
    /// Nesting depth (child legs and conference participants are 1 deeper than their parent).
    pub depth: usize,
    /// The parent SID, when the group has one.
    pub parent: Option<String>,
    /// The shared axis.
    pub axis: Axis,
    /// Where a time axis starts, as the capture wrote it.
    pub start: Option<String>,
    /// The lanes.
    pub lanes: Vec<LaneView>,
    /// The group's own findings (missing terminal, sequence gap, duration mismatch).
    pub findings: Vec<Finding>,
    /// Any finding on the group or one of its marks.
    pub problems: bool,
}

/// Groups in display order: each followed by its children (depth first), then the
/// captures that name no SID.
pub fn picture(t: &Timeline) -> Vec<GroupView> {
    let index: std::collections::HashMap<&str, usize> = t
        .groups
        .iter()
        .enumerate()
        .map(|(i, g)| (g.sid.as_str(), i))
        .collect();
    let child: HashSet<&str> = t
        .groups
        .iter()
        .flat_map(|g| g.children.iter().map(String::as_str))
        .collect();
    let mut out = Vec::with_capacity(t.groups.len() + 1);
    let mut placed = vec![false; t.groups.len()];
    for (i, g) in t.groups.iter().enumerate() {
        if child.contains(g.sid.as_str()) {
            continue;
        }
        // Depth first, without recursion (and without looping on a cycle).
        let mut stack = vec![(i, 0usize)];
        while let Some((gi, depth)) = stack.pop() {
            if std::mem::replace(&mut placed[gi], true) {
                continue;
            }
            let g = &t.groups[gi];
            out.push(group_view(Some(gi), g, depth));
            for c in g.children.iter().rev() {
                if let Some(&ci) = index.get(c.as_str()) {
                    stack.push((ci, depth + 1));
                }
            }
        }
    }
    // Children whose parent chain loops back on itself: still shown, at the top level.
    for (i, g) in t.groups.iter().enumerate() {
        if !placed[i] {
            out.push(group_view(Some(i), g, 0));
        }
    }
    if !t.ungrouped.is_empty() {
        let lane = Lane {
            lifecycle: "requests".into(),
            ordered_by: OrderedBy::InputOrder,
            entries: t.ungrouped.clone(),
            final_status: None,
        };
        let g = Group {
            sid: String::new(),
            object: GroupObject::Other,
            parent: None,
            children: Vec::new(),
            lanes: vec![lane],
            findings: Vec::new(),
        };
        let mut v = group_view(None, &g, 0);
        v.sid = "Other requests".into();
        v.object = None;
        out.push(v);
    }
    out
}

/// The clock a lane's marks sit on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Clock {
    /// Twilio's own time (`Timestamp`, a record's event time).
    Twilio,
    /// When the application received the callback.
    Received,
}

impl Clock {
    fn millis(self, e: &Entry) -> Option<i64> {
        match self {
            Clock::Twilio => e.timestamp_millis(),
            Clock::Received => e.received_millis(),
        }
    }
}

/// A time as the capture wrote it: on `clock`, or (drawn by rank) whichever it has.
fn written(e: &Entry, clock: Option<Clock>) -> Option<String> {
    match clock {
        Some(Clock::Twilio) => e.timestamp.clone(),
        Some(Clock::Received) => e.received_at.clone(),
        None => e.timestamp.clone().or_else(|| e.received_at.clone()),
    }
}

/// Which clock a lane's marks sit on, and their times, when every entry has it: the clock
/// that ordered the lane (SequenceNumber lanes: Twilio's time, else the receive time).
fn lane_times(l: &Lane) -> Option<(Vec<i64>, Clock)> {
    let candidates: &[Clock] = match l.ordered_by {
        OrderedBy::Timestamp => &[Clock::Twilio],
        OrderedBy::ReceivedAt => &[Clock::Received],
        OrderedBy::SequenceNumber => &[Clock::Twilio, Clock::Received],
        OrderedBy::InputOrder => &[],
    };
    candidates.iter().find_map(|&c| {
        let ts: Option<Vec<i64>> = l.entries.iter().map(|e| c.millis(e)).collect();
        ts.map(|ts| (ts, c))
    })
}

fn group_view(gi: Option<usize>, g: &Group, depth: usize) -> GroupView {
    let times: Vec<Option<(Vec<i64>, Clock)>> = g.lanes.iter().map(lane_times).collect();
    let mut first: Option<(i64, String)> = None;
    let mut last = i64::MIN;
    for (lane, t) in g.lanes.iter().zip(&times) {
        let Some((ts, clock)) = t else { continue };
        for (e, &ms) in lane.entries.iter().zip(ts) {
            last = last.max(ms);
            if first.as_ref().is_none_or(|(f, _)| ms < *f) {
                first = Some((ms, written(e, Some(*clock)).unwrap_or_default()));
            }
        }
    }
    let (axis, start) = match first {
        Some((min, label)) if times.iter().all(Option::is_some) && min < last => (
            Axis::Time {
                start: min,
                span: last - min,
            },
            Some(label),
        ),
        _ => (Axis::Rank, None),
    };
    let lanes: Vec<LaneView> = g
        .lanes
        .iter()
        .zip(&times)
        .map(|(l, t)| lane_view(l, &axis, t.as_ref()))
        .collect();
    let problems = !g.findings.is_empty()
        || g.lanes
            .iter()
            .any(|l| l.entries.iter().any(|e| !e.findings.is_empty()));
    GroupView {
        group: gi,
        sid: g.sid.clone(),
        object: Some(g.object),
        depth,
        parent: g.parent.clone(),
        axis,
        start,
        lanes,
        findings: g.findings.clone(),
        problems,
    }
}

fn lane_view(l: &Lane, axis: &Axis, times: Option<&(Vec<i64>, Clock)>) -> LaneView {
    let n = l.entries.len();
    let clock = times.map(|(_, c)| *c);
    let mut xs: Vec<f64> = match (axis, times) {
        (Axis::Time { start, span }, Some((ts, _))) => ts
            .iter()
            .map(|t| (t - start) as f64 * 100.0 / *span as f64)
            .collect(),
        _ if n <= 1 => vec![0.0; n],
        _ => (0..n).map(|i| i as f64 * 100.0 / (n - 1) as f64).collect(),
    };
    spread(&mut xs);
    // Arrival: by receive time when all have one, else input order.
    let by_rx = l.entries.iter().all(|e| e.received_millis().is_some());
    let arrival = argsort(
        &l.entries
            .iter()
            .map(|e| match e.received_millis() {
                Some(rx) if by_rx => (rx as f64, e.index),
                _ => (e.index as f64, e.index),
            })
            .collect::<Vec<_>>(),
    );
    let mut rank = vec![0usize; n];
    for (r, &i) in arrival.iter().enumerate() {
        rank[i] = r + 1;
    }
    let reordered = arrival.iter().enumerate().any(|(r, &i)| r != i);
    // Labels alternate below and above the track, by position.
    let by_x = argsort_f64(&xs);
    let mut above = vec![false; n];
    for (k, &i) in by_x.iter().enumerate() {
        above[i] = k % 2 == 1;
    }
    let marks = l
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| Mark {
            capture: e.index,
            x: xs[i],
            label: e.status.clone().unwrap_or_else(|| e.kind.id().to_string()),
            severity: e.findings.iter().map(|f| f.severity).max(),
            codes: e.findings.iter().map(|f| f.code.id()).collect(),
            time: written(e, clock),
            sequence: e.sequence_number,
            arrived: rank[i],
            report_errors: e.report_errors,
            place: e.line.map_or_else(
                || {
                    e.label
                        .clone()
                        .unwrap_or_else(|| format!("capture {}", e.index + 1))
                },
                |l| format!("line {l}"),
            ),
            above: above[i],
        })
        .collect();
    LaneView {
        lifecycle: l.lifecycle.clone(),
        ordered_by: l.ordered_by,
        marks,
        final_status: l.final_status.clone(),
        reordered,
    }
}

/// Keeps marks at least a few percent apart (in their order on the axis) so each can be
/// seen and clicked, without leaving 0–100. Times stay in their order.
fn spread(xs: &mut [f64]) {
    let n = xs.len();
    if n < 2 {
        return;
    }
    let gap = (100.0 / (n - 1) as f64).min(6.0);
    let order = argsort_f64(xs);
    // Forward: at least `gap` after the previous one; backward: room for the ones after.
    let mut prev = f64::NEG_INFINITY;
    for &i in &order {
        xs[i] = xs[i].max(prev + gap).max(0.0);
        prev = xs[i];
    }
    let mut next = 100.0 + gap;
    for &i in order.iter().rev() {
        xs[i] = xs[i].min(next - gap).clamp(0.0, 100.0);
        next = xs[i];
    }
}

/// A problem the timeline found, with the capture it is about.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// The finding.
    pub finding: Finding,
    /// The capture it sits on (entry findings), if any.
    pub capture: Option<usize>,
    /// The SID of its group.
    pub sid: Option<String>,
    /// Where the capture is.
    pub place: Option<String>,
}

/// Every problem, in the picture's order: input-level (unreadable captures) first, then per
/// group its marks' findings and its own.
pub fn problems(t: &Timeline, groups: &[GroupView]) -> Vec<Problem> {
    let mut out: Vec<Problem> = t
        .findings
        .iter()
        .map(|f| Problem {
            finding: f.clone(),
            capture: None,
            sid: None,
            place: None,
        })
        .collect();
    for gv in groups {
        let lanes: &[Lane] = match gv.group {
            Some(i) => &t.groups[i].lanes,
            None => &[],
        };
        let entries = lanes.iter().flat_map(|l| l.entries.iter()).chain(
            gv.group
                .is_none()
                .then_some(&t.ungrouped)
                .into_iter()
                .flatten(),
        );
        for e in entries {
            for f in &e.findings {
                out.push(Problem {
                    finding: f.clone(),
                    capture: Some(e.index),
                    sid: e.sid.clone(),
                    place: Some(e.line.map_or_else(
                        || format!("capture {}", e.index + 1),
                        |l| format!("line {l}"),
                    )),
                });
            }
        }
        for f in &gv.findings {
            out.push(Problem {
                finding: f.clone(),
                capture: None,
                sid: Some(gv.sid.clone()),
                place: None,
            });
        }
    }
    out
}

/// How many lanes used each ordering, in the order of [`OrderedBy`].
pub fn orderings(groups: &[GroupView]) -> Vec<(OrderedBy, usize)> {
    let lanes = || groups.iter().flat_map(|g| g.lanes.iter());
    [
        OrderedBy::SequenceNumber,
        OrderedBy::Timestamp,
        OrderedBy::ReceivedAt,
        OrderedBy::InputOrder,
    ]
    .into_iter()
    .map(|o| (o, lanes().filter(|l| l.ordered_by == o).count()))
    .filter(|(_, n)| *n > 0)
    .collect()
}

/// Positions of `keys` in ascending order (ties by the second member). The one sort of this
/// module: each `sort_by` closure would cost the wasm a copy of the sort.
fn argsort(keys: &[(f64, usize)]) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..keys.len()).collect();
    idx.sort_unstable_by(|&a, &b| {
        keys[a]
            .0
            .total_cmp(&keys[b].0)
            .then(keys[a].1.cmp(&keys[b].1))
    });
    idx
}

/// Positions of `xs` in ascending order (ties in their order).
fn argsort_f64(xs: &[f64]) -> Vec<usize> {
    argsort(&xs.iter().copied().zip(0..).collect::<Vec<_>>())
}

/// `+1.2 s`, `+45 s`, `+3 min 5 s`, `+2 h 4 min`: a span on an axis.
pub fn span_words(ms: i64) -> String {
    let ms = ms.max(0);
    if ms < 10_000 {
        return format!("+{:.1} s", ms as f64 / 1000.0);
    }
    let s = ms / 1000;
    match s {
        0..=119 => format!("+{s} s"),
        120..=7199 => format!("+{} min {} s", s / 60, s % 60),
        _ => format!("+{} h {} min", s / 3600, (s / 60) % 60),
    }
}

/// The next mark a key moves to from `capture` (ArrowLeft/Right in the lane, Home/End to
/// its ends, ArrowUp/Down to the nearest mark of the lane above or below among `groups`).
pub fn next_mark(groups: &[GroupView], capture: usize, key: &str) -> Option<usize> {
    let lanes: Vec<&LaneView> = groups.iter().flat_map(|g| g.lanes.iter()).collect();
    let (li, mi) = lanes.iter().enumerate().find_map(|(li, l)| {
        l.marks
            .iter()
            .position(|m| m.capture == capture)
            .map(|mi| (li, mi))
    })?;
    // Along a lane, by position on the track (what the eye follows).
    let xs: Vec<f64> = lanes[li].marks.iter().map(|m| m.x).collect();
    let order = argsort_f64(&xs);
    let at = order.iter().position(|&k| k == mi)?;
    let here = &lanes[li].marks[mi];
    let nearest = |l: &LaneView| {
        l.marks
            .iter()
            .min_by(|a, b| (a.x - here.x).abs().total_cmp(&(b.x - here.x).abs()))
            .map(|m| m.capture)
    };
    match key {
        "ArrowRight" => order.get(at + 1).map(|&k| lanes[li].marks[k].capture),
        "ArrowLeft" => at.checked_sub(1).map(|p| lanes[li].marks[order[p]].capture),
        "Home" => order.first().map(|&k| lanes[li].marks[k].capture),
        "End" => order.last().map(|&k| lanes[li].marks[k].capture),
        "ArrowDown" => lanes[li + 1..].iter().find_map(|l| nearest(l)),
        "ArrowUp" => lanes[..li].iter().rev().find_map(|l| nearest(l)),
        _ => None,
    }
}

/// The timeline controls' own state (kept in the app state, reset when the input changes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ui {
    /// Marks act as checkboxes for "Compare" instead of opening the capture.
    pub selecting: bool,
    /// Captures picked for comparison (at most two, oldest first).
    pub picked: Vec<usize>,
    /// Show only groups with a problem.
    pub problems_only: bool,
    /// Groups drawn.
    pub limit: usize,
    /// Problems listed.
    pub problem_limit: usize,
    /// The mark to give the focus back to (after returning from the inspector).
    pub return_to: Option<usize>,
}

impl Default for Ui {
    fn default() -> Ui {
        Ui {
            selecting: false,
            picked: Vec::new(),
            problems_only: false,
            limit: PAGE,
            problem_limit: PROBLEM_PAGE,
            return_to: None,
        }
    }
}

/// What the timeline's controls can do to [`Ui`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // used by the browser-only UI
pub enum UiAction {
    /// Switch between "open" and "select for compare".
    ToggleSelecting,
    /// Pick or unpick a capture for comparison.
    Pick(usize),
    /// Show only groups with problems (or all).
    ProblemsOnly(bool),
    /// Draw more groups.
    MoreGroups,
    /// List more problems.
    MoreProblems,
    /// The focus went back to the mark; forget it.
    Returned,
}

impl Ui {
    /// Applies a control action. Pure.
    pub fn apply(&mut self, a: UiAction) {
        match a {
            UiAction::ToggleSelecting => self.selecting = !self.selecting,
            UiAction::Pick(i) => {
                if let Some(p) = self.picked.iter().position(|&c| c == i) {
                    self.picked.remove(p);
                } else {
                    if self.picked.len() >= 2 {
                        self.picked.remove(0);
                    }
                    self.picked.push(i);
                }
            }
            UiAction::ProblemsOnly(on) => {
                self.problems_only = on;
                self.limit = PAGE;
            }
            UiAction::MoreGroups => self.limit = self.limit.saturating_add(PAGE),
            UiAction::MoreProblems => {
                self.problem_limit = self.problem_limit.saturating_add(PROBLEM_PAGE)
            }
            UiAction::Returned => self.return_to = None,
        }
    }
}

/// A capture of the timeline opened in the inspector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opened {
    /// The capture as the inspector's inputs.
    pub shared: Shared,
    /// Its index among the captures.
    pub capture: usize,
    /// How many captures the timeline has.
    pub count: usize,
    /// Where it is in the paste (`line 12`…).
    pub place: String,
}

/// The timeline's inputs, kept while one of its captures is open in the inspector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stash {
    /// The timeline's inputs.
    pub shared: Shared,
    /// The capture that was opened.
    pub capture: usize,
    /// How many captures the timeline has.
    pub count: usize,
    /// Where the capture is in the paste.
    pub place: String,
}

/// A report whose fields are those of every report given, each (name, raw value) once, in
/// order of appearance: what redaction needs to redact many captures (or both sides of a
/// comparison) with one consistent mapping of phone numbers.
pub fn merged_report<'r>(reports: impl IntoIterator<Item = &'r Report>) -> Report {
    let mut out = twilio_webhook_inspector::inspect("", &Options::default());
    let mut seen: HashSet<(String, String)> = HashSet::new();
    let mut fields: Vec<Field> = Vec::new();
    for r in reports {
        for f in &r.fields {
            if seen.insert((f.name.clone(), f.raw_value.clone())) {
                fields.push(f.clone());
            }
        }
    }
    out.fields = fields;
    out
}

/// Redacts a timeline's share payload: every capture is inspected and their fields guide
/// one redaction of the whole text.
pub fn redact_many(shared: &Shared) -> Redaction {
    let reports: Vec<Report> = read_captures(&shared.input)
        .flatten()
        .map(|c| twilio_webhook_inspector::inspect(&c.input, &c.inspect_options()))
        .collect();
    redact::redact(shared, &merged_report(&reports))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The e2e tests' sample log: a `<Dial>` with two child legs, an SMS whose `delivered`
    /// arrived before `sent`, and a retried `delivered`.
    pub(crate) const SAMPLE: &str = include_str!("../../tests/e2e/fixtures/timeline.log");

    fn sample() -> Many {
        read(SAMPLE, &Options::default()).expect("the sample holds many captures")
    }

    #[test]
    fn one_capture_is_not_many() {
        let o = Options::default();
        assert!(read("MessageSid=SM1&MessageStatus=sent", &o).is_none());
        assert!(read("", &o).is_none());
        assert!(read(
            "POST /sms HTTP/1.1\nHost: example.com\nContent-Type: application/x-www-form-urlencoded\n\nBody=hi&From=%2B14155550100",
            &o
        )
        .is_none());
        for ex in crate::examples::EXAMPLES {
            assert!(
                read(ex.input, &o).is_none(),
                "example {} is one capture",
                ex.id
            );
        }
        // A forced format means "inspect this as one request".
        let forced = Options {
            format: Some(twilio_webhook_inspector::InputFormat::Form),
            ..Options::default()
        };
        assert!(read(SAMPLE, &forced).is_none());
    }

    #[test]
    fn the_sample_reads_as_a_log_with_nested_legs() {
        let m = sample();
        assert_eq!(m.format, ManyFormat::Log);
        assert_eq!(m.captures.len(), 14);
        let groups = picture(&m.timeline);
        let sids: Vec<(&str, usize)> = groups.iter().map(|g| (&g.sid[..6], g.depth)).collect();
        assert_eq!(
            sids,
            [
                ("CA5a1f", 0),
                ("CA6b2e", 1),
                ("CA7c3f", 1),
                ("SM9c2d", 0),
                ("SM7e8f", 0)
            ]
        );
        assert_eq!(groups[1].parent.as_deref(), Some(groups[0].sid.as_str()));
        // The first child leg: ordered by SequenceNumber, drawn on Twilio's Timestamps.
        let leg = &groups[1].lanes[0];
        assert_eq!(leg.ordered_by, OrderedBy::SequenceNumber);
        assert!(matches!(groups[1].axis, Axis::Time { span: 68_000, .. }));
        assert_eq!(
            groups[1].start.as_deref(),
            Some("Tue, 03 Jun 2025 10:00:01 +0000")
        );
        // The parent: two lanes on one axis, which starts at the first of them.
        assert_eq!(groups[0].start.as_deref(), Some("2025-06-03T10:00:00.120Z"));
        assert_eq!(groups[0].lanes[1].marks[0].x, 100.0);
        let labels: Vec<&str> = leg.marks.iter().map(|m| m.label.as_str()).collect();
        assert_eq!(labels, ["initiated", "ringing", "in-progress", "completed"]);
        assert!(leg.reordered, "ringing arrived before initiated");
        assert_eq!(leg.marks[0].arrived, 2);
        assert_eq!(leg.marks[0].codes, ["timeline-out-of-order"]);
        assert!(leg.marks.windows(2).all(|w| w[0].x < w[1].x));
        assert_eq!(leg.marks[0].x, 0.0);
        assert_eq!(leg.marks[3].x, 100.0);
        // The SMS: delivered received before sent, drawn by receive time.
        let sms = &groups[3].lanes[0];
        assert_eq!(sms.ordered_by, OrderedBy::ReceivedAt);
        let sent = sms.marks.iter().find(|m| m.label == "sent").unwrap();
        assert_eq!(sent.codes, ["timeline-out-of-order"]);
        assert_eq!(sent.severity, Some(Severity::Warning));
        // The retry.
        let retry = groups[4].lanes[0].marks.last().unwrap();
        assert_eq!(retry.codes, ["timeline-duplicate"]);
        assert_eq!(retry.place, "line 14");
        // The gap is the second leg's own finding.
        assert_eq!(groups[2].findings[0].code.id(), "timeline-sequence-gap");
        let codes: Vec<&str> = problems(&m.timeline, &groups)
            .iter()
            .map(|p| p.finding.code.id())
            .collect();
        assert_eq!(
            codes,
            [
                "timeline-out-of-order",
                "timeline-sequence-gap",
                "timeline-out-of-order",
                "timeline-duplicate"
            ]
        );
        assert_eq!(
            orderings(&groups),
            [(OrderedBy::SequenceNumber, 2), (OrderedBy::ReceivedAt, 4)]
        );
    }

    #[test]
    fn the_warm_up_reads_a_timeline() {
        // 14 messages; the second's delivered came before sent, the last one is queued only.
        assert_eq!(warm_up(), 14 + 2);
    }

    #[test]
    fn huge_pastes_are_read_up_to_a_limit() {
        let o = Options::default();
        let m = read_at_most(SAMPLE, &o, 5).unwrap();
        assert!(m.truncated);
        assert_eq!(m.captures.len(), 5);
        assert_eq!(m.timeline.captures, 5);
        assert!(!sample().truncated);
    }

    #[test]
    fn marks_never_overlap_and_stay_on_the_track() {
        let mut xs = vec![0.0, 0.0, 0.1, 50.0, 100.0, 100.0];
        spread(&mut xs);
        assert!(xs.windows(2).all(|w| w[1] - w[0] >= 5.9), "{xs:?}");
        assert!(xs.iter().all(|x| (0.0..=100.0).contains(x)), "{xs:?}");
        let mut one = vec![42.0];
        spread(&mut one);
        assert_eq!(one, [42.0]);
        let mut many: Vec<f64> = (0..500).map(|i| (i % 7) as f64).collect();
        many.sort_by(f64::total_cmp);
        spread(&mut many);
        assert!(many.iter().all(|x| (0.0..=100.0).contains(x)));
        assert!(many.windows(2).all(|w| w[1] > w[0]));
    }

    #[test]
    fn arrow_keys_walk_lanes() {
        let m = sample();
        let g = picture(&m.timeline);
        let leg = &g[1].lanes[0].marks;
        let (first, second) = (leg[0].capture, leg[1].capture);
        assert_eq!(next_mark(&g, first, "ArrowRight"), Some(second));
        assert_eq!(next_mark(&g, second, "ArrowLeft"), Some(first));
        assert_eq!(next_mark(&g, first, "ArrowLeft"), None);
        assert_eq!(next_mark(&g, second, "Home"), Some(first));
        assert_eq!(next_mark(&g, first, "End"), Some(leg[3].capture));
        // Up: the parent's last lane (its own call status callbacks).
        let up = next_mark(&g, first, "ArrowUp").unwrap();
        assert_eq!(g[0].lanes[1].lifecycle, "call");
        assert!(g[0].lanes[1].marks.iter().any(|m| m.capture == up));
        let down = next_mark(&g, first, "ArrowDown").unwrap();
        assert!(g[2].lanes[0].marks.iter().any(|m| m.capture == down));
        assert_eq!(next_mark(&g, 9999, "ArrowRight"), None);
        assert_eq!(next_mark(&g, first, "x"), None);
    }

    #[test]
    fn picking_keeps_two() {
        let mut ui = Ui::default();
        ui.apply(UiAction::Pick(3));
        ui.apply(UiAction::Pick(5));
        ui.apply(UiAction::Pick(7));
        assert_eq!(ui.picked, [5, 7]);
        ui.apply(UiAction::Pick(5));
        assert_eq!(ui.picked, [7]);
        ui.apply(UiAction::MoreGroups);
        assert_eq!(ui.limit, 2 * PAGE);
        ui.apply(UiAction::ProblemsOnly(true));
        assert_eq!(ui.limit, PAGE);
    }

    #[test]
    fn unreadable_and_ungrouped_captures_are_shown() {
        let text = "{\"input\":\"CallSid=CA0123456789abcdef0123456789abcdef&CallStatus=ringing\"}\n{\"input\": oops\n{\"input\":\"Body=hello&From=%2B14155550100\"}\n";
        let m = read(text, &Options::default()).unwrap();
        assert_eq!(m.format, ManyFormat::JsonLines);
        assert_eq!(m.captures.len(), 2);
        let g = picture(&m.timeline);
        assert_eq!(g.last().unwrap().sid, "Other requests");
        let p = problems(&m.timeline, &g);
        assert_eq!(p[0].finding.code.id(), "capture-unreadable");
    }

    #[test]
    fn redaction_covers_every_capture_with_one_mapping() {
        let shared = Shared {
            input: SAMPLE.to_string(),
            ..Shared::default()
        };
        let r = redact_many(&shared);
        assert!(!r.shared.input.contains("4155550199"), "{}", r.shared.input);
        assert!(!r.shared.input.contains("4155550142"));
        assert!(r.leftovers.is_empty(), "{:?}", r.leftovers);
        // Still many captures, still the same groups.
        let m = read(&r.shared.input, &Options::default()).unwrap();
        assert_eq!(m.captures.len(), 14);
        assert_eq!(picture(&m.timeline).len(), 5);
    }

    #[test]
    fn spans_read_well() {
        assert_eq!(span_words(40), "+0.0 s");
        assert_eq!(span_words(1_240), "+1.2 s");
        assert_eq!(span_words(68_000), "+68 s");
        assert_eq!(span_words(185_000), "+3 min 5 s");
        assert_eq!(span_words(7_440_000), "+2 h 4 min");
    }

    #[test]
    fn a_capture_opens_with_its_url_and_signature() {
        let text = r#"{"input":"CallSid=CA0123456789abcdef0123456789abcdef&CallStatus=ringing","url":"https://example.com/v","headers":{"X-Twilio-Signature":"abc="}}
{"input":"CallSid=CA0123456789abcdef0123456789abcdef&CallStatus=completed"}"#;
        let m = read(text, &Options::default()).unwrap();
        let s = shared_of(&m.captures[0]);
        assert_eq!(s.url.as_deref(), Some("https://example.com/v"));
        assert_eq!(s.signature.as_deref(), Some("abc="));
        assert_eq!(capture_name(&m.captures[1], 1), "line 2");
    }
}
