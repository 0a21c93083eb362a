//! Timelines: many captures at once, grouped by the call, message or conference they
//! belong to, ordered, and checked against the lifecycles in
//! [`catalog::lifecycle`](crate::catalog::lifecycle).
//!
//! Every capture is inspected with [`inspect`](crate::inspect); each becomes a compact
//! [`Entry`]. Entries are grouped by `CallSid` / `MessageSid` (or `SmsSid`,
//! `SmsMessageSid`) / `ConferenceSid`; child legs (`ParentCallSid`) and conference
//! participants are linked to their parent group. Inside a group, each lifecycle is a
//! [`Lane`] ordered by `SequenceNumber`, else Twilio's own `Timestamp`, else receive time,
//! else input order — the lane says which.

mod capture;
mod checks;
mod csv;
mod errors;
mod printed;
pub(crate) mod read;
mod records;
mod stream;
mod time;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

pub use errors::explain_error;
pub use read::{
    capture_from_line, detect_many, read_captures, Capture, CaptureError, Captures, ManyFormat,
    ObjectLines, PairLines,
};
pub use stream::{StreamSummary, StreamingTimeline};

use crate::catalog::lifecycle;
use crate::finding::{Code, Finding, Severity};
use crate::report::{Counts, Report};

/// What decided the order of a lane.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OrderedBy {
    /// Twilio's `SequenceNumber` (every entry has one).
    SequenceNumber,
    /// Twilio's own time: the `Timestamp` parameter or the record's event time.
    Timestamp,
    /// When the application received each callback.
    ReceivedAt,
    /// The order of the captures in the input.
    InputOrder,
}

impl OrderedBy {
    /// The kebab-case id.
    pub fn id(self) -> &'static str {
        match self {
            OrderedBy::SequenceNumber => "sequence-number",
            OrderedBy::Timestamp => "timestamp",
            OrderedBy::ReceivedAt => "received-at",
            OrderedBy::InputOrder => "input-order",
        }
    }
}

/// What a group follows.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GroupObject {
    /// A call leg (`CallSid`).
    Call,
    /// A message (`MessageSid`, `SmsSid`, `SmsMessageSid`).
    Message,
    /// A conference (`ConferenceSid`).
    Conference,
    /// Another object the record named.
    Other,
}

impl GroupObject {
    /// The kebab-case id.
    pub fn id(self) -> &'static str {
        match self {
            GroupObject::Call => "call",
            GroupObject::Message => "message",
            GroupObject::Conference => "conference",
            GroupObject::Other => "other",
        }
    }
}

/// One callback of the timeline.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    /// Position among the readable captures, in input order (0-based).
    pub index: usize,
    /// 1-based line of the input where the capture starts, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// The record's label (`events[2]`, a CloudEvent type…), when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// What the capture was read from (a log line, a HAR entry, a Debugger event…).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<ManyFormat>,
    /// The detected webhook kind (`voice-status-callback`…).
    pub kind: crate::catalog::KindId,
    /// The lifecycle lane (`call`, `message`, `recording`, `transcription`, `amd`,
    /// `conference`) or `requests` for webhooks outside a lifecycle.
    pub lane: String,
    /// The status the callback reports (CallStatus, MessageStatus, RecordingStatus,
    /// StatusCallbackEvent, AnsweredBy…).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// The SID the callback is grouped under.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sid: Option<String>,
    /// `ParentCallSid`, for child call legs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_call_sid: Option<String>,
    /// `CallSid` of a conference participant or of the call a recording belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub call_sid: Option<String>,
    /// `SequenceNumber`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
    /// Twilio's own time for the callback (`Timestamp`, or the record's event time).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<String>,
    /// When the application received it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub received_at: Option<String>,
    /// `ErrorCode`, when present and not empty; else the error Twilio logged for this
    /// request when it was read from a Debugger event or a Monitor alert.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_code: Option<String>,
    /// `CallDuration` (or `RecordingDuration`) in seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration: Option<u64>,
    /// Error-severity findings of the capture's own report (bad values, bad signature…).
    pub report_errors: usize,
    /// What the timeline says about this callback.
    pub findings: Vec<Finding>,
    /// What ordered this entry (the lane's order key).
    pub ordered_by: OrderedBy,
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub(crate) ts_ms: Option<i64>,
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub(crate) rx_ms: Option<i64>,
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub(crate) object: Option<GroupObject>,
    /// A hash of the capture's parameters (names and values, in any order): a retry of the
    /// same request has the same one.
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub(crate) fingerprint: u64,
    /// The resource a recording or transcription callback is about (its `RecordingSid` or
    /// `TranscriptionSid`, see `Lifecycle::resource`): callbacks of different resources of
    /// one call are never compared with each other.
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub(crate) resource_sid: Option<String>,
    /// The HTTP method, when the capture shows it: a retry repeats the request as it was
    /// sent, so the same parameters sent with GET and with POST are two requests.
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub(crate) method: Option<String>,
    /// The message's fixed content ([`lifecycle::MESSAGE_FIXED_PARAMS`]) this capture
    /// carries, for a message's captures only.
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub(crate) content: Vec<Fixed>,
    /// True when `error_code` is the error Twilio logged for delivering this request
    /// (a Debugger event, a Monitor alert), not the callback's own `ErrorCode`.
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub(crate) error_logged: bool,
}

/// One fixed parameter of a message as a capture carries it: its name, a hash of the value
/// (compared) and the value's start (shown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Fixed {
    pub(crate) name: &'static str,
    pub(crate) hash: u64,
    pub(crate) preview: String,
}

/// The fixed content of a message capture: each parameter of
/// [`lifecycle::MESSAGE_FIXED_PARAMS`] it carries (`To` without its channel prefix). A
/// redacted or placeholder value (`[FILTERED]`, `+1555…`) says nothing of the content, so
/// it is left out rather than compared.
fn fixed_content(r: &Report) -> Vec<Fixed> {
    use std::hash::{Hash, Hasher};
    const PREVIEW_CHARS: usize = 40;
    lifecycle::MESSAGE_FIXED_PARAMS
        .iter()
        .filter_map(|&name| {
            let field = r.fields.iter().find(|f| f.name == name)?;
            if field.placeholder.is_some() {
                return None;
            }
            let v = Some(field.value.trim()).filter(|v| !v.is_empty())?;
            let v = match name {
                "To" => v.rsplit_once(':').map_or(v, |(_, n)| n),
                _ => v,
            };
            let mut h = std::collections::hash_map::DefaultHasher::new();
            v.hash(&mut h);
            let mut preview: String = v.chars().take(PREVIEW_CHARS).collect();
            if v.chars().nth(PREVIEW_CHARS).is_some() {
                preview.push('…');
            }
            Some(Fixed {
                name,
                hash: h.finish(),
                preview,
            })
        })
        .collect()
}

impl Entry {
    /// Twilio's own time for the callback ([`Entry::timestamp`]) in milliseconds since the
    /// Unix epoch, when it could be read.
    pub fn timestamp_millis(&self) -> Option<i64> {
        self.ts_ms
    }

    /// The receive time ([`Entry::received_at`]) in milliseconds since the Unix epoch, when
    /// it could be read.
    pub fn received_millis(&self) -> Option<i64> {
        self.rx_ms
    }
}

/// One lifecycle of a group, in order.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Lane {
    /// The lifecycle id, or `requests`.
    pub lifecycle: String,
    /// What ordered the entries.
    pub ordered_by: OrderedBy,
    /// The callbacks, in order.
    pub entries: Vec<Entry>,
    /// The last status in order, when any, passing over callbacks that arrived behind one
    /// that follows them (`timeline-out-of-order`): the lane's outcome.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub final_status: Option<String>,
}

/// Every callback of one call, message or conference.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Group {
    /// The SID (`CA…`, `SM…`/`MM…`, `CF…`).
    pub sid: String,
    /// What the SID names.
    pub object: GroupObject,
    /// The parent call of a child leg (`ParentCallSid`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Child legs, and for a conference its participants' calls, that have groups too.
    pub children: Vec<String>,
    /// One lane per lifecycle seen (call status, recording, AMD…).
    pub lanes: Vec<Lane>,
    /// Problems of the group as a whole (missing terminal status, sequence gaps…).
    pub findings: Vec<Finding>,
}

/// The result of [`timeline`].
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Timeline {
    /// The version of this tool.
    pub tool_version: String,
    /// How the many-capture input was recognised, when it was read from text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<ManyFormat>,
    /// Captures inspected.
    pub captures: usize,
    /// Captures that could not be read (each has a `capture-unreadable` finding).
    pub unreadable: usize,
    /// Groups in order of first appearance.
    pub groups: Vec<Group>,
    /// Captures that name no call, message or conference.
    pub ungrouped: Vec<Entry>,
    /// Input-level findings (unreadable captures).
    pub findings: Vec<Finding>,
    /// Findings per severity over the whole timeline.
    pub counts: Counts,
}

/// Inspects every capture and builds the timeline.
pub fn timeline(inputs: &[Capture]) -> Timeline {
    let mut b = TimelineBuilder::new();
    for c in inputs {
        b.push_entry(entry_of(c));
    }
    b.finish()
}

/// Reads `text` as many captures ([`read_captures`]) and builds the timeline; unreadable
/// captures are findings.
pub fn timeline_of_text(text: &str) -> Timeline {
    let captures = read_captures(text);
    let mut b = TimelineBuilder::new();
    b.format = Some(captures.format());
    for item in captures {
        match item {
            Ok(c) => b.push_entry(entry_of(&c)),
            Err(e) => b.push_error(e),
        }
    }
    b.finish()
}

/// Collects entries (in input order) and builds the timeline at the end; lets a caller
/// inspect captures in parallel and stream them in.
#[derive(Debug, Default)]
pub struct TimelineBuilder {
    /// How the input was recognised, when known.
    pub format: Option<ManyFormat>,
    entries: Vec<Entry>,
    findings: Vec<Finding>,
    unreadable: usize,
}

impl TimelineBuilder {
    /// An empty builder.
    pub fn new() -> TimelineBuilder {
        TimelineBuilder::default()
    }

    /// Adds the next entry (its index is set to its input position).
    pub fn push_entry(&mut self, mut e: Entry) {
        e.index = self.entries.len();
        self.entries.push(e);
    }

    /// Records a capture that could not be read.
    pub fn push_error(&mut self, e: CaptureError) {
        self.unreadable += 1;
        let mut f = Finding::new(Code::CaptureUnreadable, e.message)
            .hint("The other captures were read; fix or remove this one to include it.");
        f.at = e.offset;
        self.findings.push(f);
    }

    /// Entries pushed so far.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when nothing was pushed.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty() && self.unreadable == 0
    }

    /// Groups, orders and checks everything pushed.
    pub fn finish(self) -> Timeline {
        let captures = self.entries.len();
        let (groups, ungrouped) = build_groups(self.entries);
        let mut t = Timeline {
            tool_version: env!("CARGO_PKG_VERSION").to_string(),
            format: self.format,
            captures,
            unreadable: self.unreadable,
            groups,
            ungrouped,
            findings: self.findings,
            counts: Counts::default(),
        };
        t.counts = count(&t);
        t
    }
}

fn count(t: &Timeline) -> Counts {
    let mut c = Counts::default();
    let entries = t
        .groups
        .iter()
        .flat_map(|g| g.lanes.iter().flat_map(|l| l.entries.iter()))
        .chain(t.ungrouped.iter());
    let all = t
        .findings
        .iter()
        .chain(t.groups.iter().flat_map(|g| g.findings.iter()))
        .chain(entries.flat_map(|e| e.findings.iter()));
    for f in all {
        match f.severity {
            Severity::Error => c.error += 1,
            Severity::Warning => c.warning += 1,
            Severity::Info => c.info += 1,
        }
    }
    c
}

/// The first value of parameter `name` in a report, when not empty.
fn param<'r>(r: &'r Report, name: &str) -> Option<&'r str> {
    r.fields
        .iter()
        .find(|f| f.name == name)
        .map(|f| f.value.trim())
        .filter(|v| !v.is_empty())
}

/// The SID in parameter `name` when it tells one object from another: not a mask that
/// hides the whole id (`CAXXXXXXXX…`, `SM****…` with eight mask characters or more after
/// the prefix, `[FILTERED]`, `<REDACTED>`). A log masked this way writes the same text for
/// every call or message, so grouping by it would merge different objects into one
/// lifecycle (a "retry", an "impossible transition" that are only the mask). A partly
/// masked SID that keeps some of its characters (`SM12…ef`) and a test fixture's short
/// stand-in (`SMxx`, `SM_TEST_1`), which a test reuses on purpose, still name their object.
fn identity<'r>(r: &'r Report, name: &str) -> Option<&'r str> {
    let field = r.fields.iter().find(|f| f.name == name)?;
    let v = Some(field.value.trim()).filter(|v| !v.is_empty())?;
    let redacted = field.placeholder == Some(crate::placeholder::Placeholder::Redacted);
    (!(redacted && whole_mask(v))).then_some(v)
}

/// True when a redacted id keeps nothing of the id: mask characters only after its
/// two-letter prefix (eight or more), or one word in brackets (`[FILTERED]`, `<REDACTED>`).
fn whole_mask(v: &str) -> bool {
    let rest = match v.get(..2) {
        Some(p) if p.bytes().all(|b| b.is_ascii_uppercase()) => &v[2..],
        _ => v,
    };
    let is_mask = |c: char| matches!(c, 'x' | 'X' | '*' | '•' | '#' | '.' | '…' | '-' | '_');
    if rest.chars().all(is_mask) && rest.chars().count() >= 8 {
        return true;
    }
    let inner = v.trim_matches(|c: char| matches!(c, '[' | ']' | '<' | '>' | '(' | ')' | '*'));
    inner.len() < v.len() && !inner.is_empty() && inner.chars().all(|c| c.is_ascii_alphabetic())
}

/// Inspects one capture and keeps what the timeline needs.
pub fn entry_of(c: &Capture) -> Entry {
    let report = crate::inspect(&c.input, &c.inspect_options());
    entry_of_report(c, &report)
}

/// The timeline entry of a capture whose report is already known.
pub fn entry_of_report(c: &Capture, r: &Report) -> Entry {
    let kind = r.kind.id;
    let status = match lifecycle::for_kind(&kind) {
        Some(l) => l.params.iter().find_map(|p| param(r, p)),
        None => ["CallStatus", "MessageStatus", "SmsStatus"]
            .iter()
            .find_map(|p| param(r, p)),
    };
    // A generic request carrying a final status is that lifecycle's callback (see
    // `Lifecycle::terminal_kinds`).
    // A capture carrying a lifecycle's mark (`CallbackSource=call-progress-events`) is that
    // lifecycle's callback even when its other parameters made it read as another kind.
    let (life, status) = match lifecycle::for_capture(&kind, status) {
        Some(l) => (Some(l), status),
        None => match lifecycle::by_mark(|p| param(r, p)) {
            Some(l) => (Some(l), l.params.iter().find_map(|p| param(r, p))),
            None => (None, status),
        },
    };
    // A lifecycle's lane holds the callbacks that report one of its statuses: a request of a
    // lifecycle's kind that carries none of its status parameters (a Media Streams
    // `StreamEvent` callback, which names only the call) is a request of the call.
    let life = life.filter(|l| l.params.iter().any(|p| param(r, p).is_some()));
    let message_sid = ["MessageSid", "SmsSid", "SmsMessageSid"]
        .iter()
        .find_map(|p| identity(r, p));
    let call_sid = identity(r, "CallSid");
    let conference_sid = identity(r, "ConferenceSid");
    let (sid, object) = if kind.starts_with("conference-") && conference_sid.is_some() {
        (conference_sid, Some(GroupObject::Conference))
    } else if let Some(m) = message_sid {
        (Some(m), Some(GroupObject::Message))
    } else if let Some(cs) = call_sid {
        (Some(cs), Some(GroupObject::Call))
    } else if conference_sid.is_some() {
        // A conference's own recording callback names the conference and no call.
        (conference_sid, Some(GroupObject::Conference))
    } else {
        let hint = c.group_hint.as_deref();
        let object = hint.map(|h| match h.get(..2) {
            Some("CA") => GroupObject::Call,
            Some("SM" | "MM") => GroupObject::Message,
            Some("CF") => GroupObject::Conference,
            _ => GroupObject::Other,
        });
        (hint, object)
    };
    let timestamp = param(r, "Timestamp")
        .map(str::to_string)
        .or_else(|| c.event_time.clone());
    let own_error = param(r, "ErrorCode")
        .filter(|v| *v != "0")
        .map(str::to_string);
    let error_logged = own_error.is_none() && c.logged_error.is_some();
    let error_code = own_error.or_else(|| c.logged_error.clone());
    let duration = param(r, "CallDuration")
        .or_else(|| param(r, "RecordingDuration"))
        .and_then(|d| d.parse().ok());
    Entry {
        index: 0,
        line: c.line,
        label: c.label.clone(),
        source: c.source,
        lane: life.map_or("requests", |l| l.id).to_string(),
        kind,
        status: status.map(str::to_string),
        sid: sid.map(str::to_string),
        parent_call_sid: identity(r, "ParentCallSid").map(str::to_string),
        call_sid: call_sid.filter(|cs| Some(*cs) != sid).map(str::to_string),
        sequence_number: param(r, "SequenceNumber").and_then(|s| s.parse().ok()),
        ts_ms: timestamp.as_deref().and_then(time::parse_millis),
        timestamp,
        rx_ms: c.received_at.as_deref().and_then(time::parse_millis),
        received_at: c.received_at.clone(),
        error_code,
        duration,
        report_errors: r.counts.error,
        findings: Vec::new(),
        ordered_by: OrderedBy::InputOrder,
        object,
        fingerprint: fingerprint(r),
        method: r.request.method.as_deref().map(str::to_ascii_uppercase),
        resource_sid: life
            .and_then(|l| l.resource.iter().find_map(|p| param(r, p)))
            .map(str::to_string),
        content: if object == Some(GroupObject::Message) {
            fixed_content(r)
        } else {
            Vec::new()
        },
        error_logged,
    }
}

/// A hash of the report's parameters, independent of their order.
fn fingerprint(r: &Report) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut pairs: Vec<(&str, &str)> = r
        .fields
        .iter()
        .map(|f| (f.name.as_str(), f.value.as_str()))
        .collect();
    pairs.sort_unstable();
    let mut h = std::collections::hash_map::DefaultHasher::new();
    pairs.hash(&mut h);
    h.finish()
}

/// Groups entries by SID, orders each lane, runs the lifecycle checks and links parents.
fn build_groups(entries: Vec<Entry>) -> (Vec<Group>, Vec<Entry>) {
    let mut order: Vec<String> = Vec::new();
    let mut by_sid: HashMap<String, Vec<Entry>> = HashMap::new();
    let mut ungrouped = Vec::new();
    for e in entries {
        match e.sid.clone() {
            Some(sid) => {
                let slot = by_sid.entry(sid.clone()).or_default();
                if slot.is_empty() {
                    order.push(sid);
                }
                slot.push(e);
            }
            None => {
                let mut e = e;
                checks::explain(&mut e);
                ungrouped.push(e);
            }
        }
    }
    let mut groups: Vec<Group> = order
        .into_iter()
        .map(|sid| {
            let entries = by_sid.remove(&sid).unwrap_or_default();
            checks::group(sid, entries)
        })
        .collect();
    link(&mut groups);
    (groups, ungrouped)
}

/// Fills `children`: child legs under their parent call, participant calls under their
/// conference (each group listed once, under its first parent).
pub(crate) fn link(groups: &mut [Group]) {
    let index: HashMap<String, usize> = groups
        .iter()
        .enumerate()
        .map(|(i, g)| (g.sid.clone(), i))
        .collect();
    let mut edges: Vec<(usize, String)> = Vec::new();
    for g in groups.iter() {
        if let Some(p) = g.parent.as_ref().and_then(|p| index.get(p)) {
            edges.push((*p, g.sid.clone()));
        }
        if g.object == GroupObject::Conference {
            let me = index[&g.sid];
            for e in g.lanes.iter().flat_map(|l| l.entries.iter()) {
                if let Some(cs) = &e.call_sid {
                    let has_parent = index.get(cs).is_some_and(|&i| {
                        groups[i]
                            .parent
                            .as_ref()
                            .is_some_and(|p| index.contains_key(p))
                    });
                    if index.contains_key(cs) && !has_parent {
                        edges.push((me, cs.clone()));
                    }
                }
            }
        }
    }
    let mut placed: std::collections::HashSet<String> = std::collections::HashSet::new();
    for (parent, child) in edges {
        if groups[parent].sid != child && placed.insert(child.clone()) {
            groups[parent].children.push(child);
        }
    }
}
