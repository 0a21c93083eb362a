//! The problems listed under the timeline's picture, in the picture's order, and how many
//! lanes each ordering was used for.

use twilio_webhook_inspector::timeline::{Lane, OrderedBy, Timeline};
use twilio_webhook_inspector::Finding;

use super::layout::GroupView;

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
