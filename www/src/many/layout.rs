//! The picture of a timeline: groups in display order (each followed by its children,
//! depth first), one lane per lifecycle, each callback a mark placed on the lane's axis.
//!
//! Positions come from the clock the core ordered the lane by: Twilio's `Timestamp` for
//! lanes ordered by it (and for `SequenceNumber` lanes that all carry one), the receive time
//! for lanes ordered by it, else the rank in the lane. All lanes of a group share one axis,
//! so a recording lines up with its call.

use std::collections::HashSet;

use twilio_webhook_inspector::timeline::{Entry, Group, GroupObject, Lane, OrderedBy, Timeline};
use twilio_webhook_inspector::{Finding, Severity};

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
pub(super) fn argsort_f64(xs: &[f64]) -> Vec<usize> {
    argsort(&xs.iter().copied().zip(0..).collect::<Vec<_>>())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::many::tests::sample;
    use crate::many::{orderings, problems};
    use twilio_webhook_inspector::timeline::ManyFormat;

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
}
