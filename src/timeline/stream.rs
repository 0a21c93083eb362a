//! The timeline of a log too big to hold: entries stream in (in input order); a group is
//! closed once no callback of it has arrived for `window` captures, and closed groups are
//! handed back in order of first appearance. Memory holds the open groups only, at most
//! `max_held` entries: past that, the oldest open group is closed early.

use std::collections::{HashMap, VecDeque};

use serde::{Deserialize, Serialize};

use super::{checks, link, CaptureError, Entry, Group, ManyFormat};
use crate::finding::{Code, Finding, Severity};
use crate::report::Counts;

/// The most ungrouped entries a streamed summary keeps (the rest are only counted).
const MAX_UNGROUPED_KEPT: usize = 1000;

/// What remains once every group of a streamed timeline has been handed out.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StreamSummary {
    /// The version of this tool.
    pub tool_version: String,
    /// How the input was recognised.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<ManyFormat>,
    /// Captures inspected.
    pub captures: usize,
    /// Captures that could not be read.
    pub unreadable: usize,
    /// Groups handed out.
    pub groups: usize,
    /// Groups closed early because too many entries were held (see `max_held`).
    pub closed_early: usize,
    /// The first ungrouped entries (at most 1000).
    pub ungrouped: Vec<Entry>,
    /// How many entries named no call, message or conference.
    pub ungrouped_total: usize,
    /// Input-level findings (unreadable captures).
    pub findings: Vec<Finding>,
    /// Findings per severity over everything handed out.
    pub counts: Counts,
}

struct Open {
    last: usize,
    entries: Vec<Entry>,
}

/// A timeline built incrementally, in bounded memory.
pub struct StreamingTimeline {
    /// How the input was recognised, when known.
    pub format: Option<ManyFormat>,
    window: usize,
    max_held: usize,
    next: usize,
    held: usize,
    open: HashMap<String, Open>,
    order: VecDeque<String>,
    ungrouped: Vec<Entry>,
    ungrouped_total: usize,
    findings: Vec<Finding>,
    unreadable: usize,
    groups: usize,
    closed_early: usize,
    counts: Counts,
}

impl StreamingTimeline {
    /// A streamed timeline closing groups idle for `window` captures, holding at most
    /// `max_held` entries.
    pub fn new(window: usize, max_held: usize) -> StreamingTimeline {
        StreamingTimeline {
            format: None,
            window: window.max(1),
            max_held: max_held.max(1),
            next: 0,
            held: 0,
            open: HashMap::new(),
            order: VecDeque::new(),
            ungrouped: Vec::new(),
            ungrouped_total: 0,
            findings: Vec::new(),
            unreadable: 0,
            groups: 0,
            closed_early: 0,
            counts: Counts::default(),
        }
    }

    /// Adds the next entry; returns the groups that closed, in order of first appearance.
    pub fn push_entry(&mut self, mut e: Entry) -> Vec<Group> {
        e.index = self.next;
        self.next += 1;
        match e.sid.clone() {
            Some(sid) => {
                self.held += 1;
                let at = self.next;
                let slot = self.open.entry(sid.clone()).or_insert_with(|| Open {
                    last: at,
                    entries: Vec::new(),
                });
                if slot.entries.is_empty() {
                    self.order.push_back(sid);
                }
                slot.last = at;
                slot.entries.push(e);
            }
            None => {
                checks::explain(&mut e);
                self.count(&e.findings);
                self.ungrouped_total += 1;
                if self.ungrouped.len() < MAX_UNGROUPED_KEPT {
                    self.ungrouped.push(e);
                }
            }
        }
        self.drain(false)
    }

    /// Records a capture that could not be read.
    pub fn push_error(&mut self, e: CaptureError) {
        self.unreadable += 1;
        let mut f = Finding::new(Code::CaptureUnreadable, e.message)
            .hint("The other captures were read; fix or remove this one to include it.");
        f.at = e.offset;
        self.count(std::slice::from_ref(&f));
        self.findings.push(f);
    }

    fn count(&mut self, fs: &[Finding]) {
        for f in fs {
            match f.severity {
                Severity::Error => self.counts.error += 1,
                Severity::Warning => self.counts.warning += 1,
                Severity::Info => self.counts.info += 1,
            }
        }
    }

    /// Closes the groups at the front that are idle (or all of them at the end).
    fn drain(&mut self, all: bool) -> Vec<Group> {
        let mut out = Vec::new();
        while let Some(sid) = self.order.front() {
            let Some(open) = self.open.get(sid) else {
                self.order.pop_front();
                continue;
            };
            let idle = self.next - open.last >= self.window;
            let early = self.held > self.max_held;
            if !(all || idle || early) {
                break;
            }
            if early && !idle && !all {
                self.closed_early += 1;
            }
            let sid = self.order.pop_front().unwrap_or_default();
            if let Some(open) = self.open.remove(&sid) {
                self.held -= open.entries.len();
                out.push(checks::group(sid, open.entries));
            }
        }
        link(&mut out);
        for g in &out {
            let fs: Vec<Finding> = g
                .findings
                .iter()
                .chain(
                    g.lanes
                        .iter()
                        .flat_map(|l| l.entries.iter().flat_map(|e| e.findings.iter())),
                )
                .cloned()
                .collect();
            self.count(&fs);
        }
        self.groups += out.len();
        out
    }

    /// Closes every open group; returns them and the summary.
    pub fn finish(mut self) -> (Vec<Group>, StreamSummary) {
        let last = self.drain(true);
        let summary = StreamSummary {
            tool_version: env!("CARGO_PKG_VERSION").to_string(),
            format: self.format,
            captures: self.next,
            unreadable: self.unreadable,
            groups: self.groups,
            closed_early: self.closed_early,
            ungrouped: self.ungrouped,
            ungrouped_total: self.ungrouped_total,
            findings: self.findings,
            counts: self.counts,
        };
        (last, summary)
    }
}
