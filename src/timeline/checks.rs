//! Ordering and lifecycle checks of one group's lanes.

use std::collections::HashMap;

use super::{explain_error, Entry, Group, GroupObject, Lane, OrderedBy};
use crate::catalog::lifecycle::{self, Lifecycle, State};
use crate::finding::{Code, Finding};

/// Seconds of slack between a duration and the callbacks' own timestamps (Twilio rounds).
const DURATION_SLACK_S: i64 = 2;

/// Builds one group from its entries (in input order).
pub(super) fn group(sid: String, entries: Vec<Entry>) -> Group {
    let parent = entries.iter().find_map(|e| e.parent_call_sid.clone());
    let object = entries
        .iter()
        .find_map(|e| e.object)
        .unwrap_or(GroupObject::Other);
    let mut lanes: Vec<Lane> = Vec::new();
    for e in entries {
        match lanes.iter_mut().find(|l| l.lifecycle == e.lane) {
            Some(l) => l.entries.push(e),
            None => lanes.push(Lane {
                lifecycle: e.lane.clone(),
                ordered_by: OrderedBy::InputOrder,
                entries: vec![e],
                final_status: None,
            }),
        }
    }
    let mut findings = Vec::new();
    if object == GroupObject::Message {
        content_changed(&mut lanes);
    }
    for lane in &mut lanes {
        order(lane);
        if let Some(life) = lifecycle::by_id(&lane.lifecycle) {
            check_lane(lane, life, &sid, &mut findings);
        } else {
            redelivered(lane);
        }
        for e in &mut lane.entries {
            explain(e);
        }
        lane.final_status = final_status(lane);
    }
    Group {
        sid,
        object,
        parent,
        children: Vec::new(),
        lanes,
        findings,
    }
}

/// The lane's outcome: the last status in lane order, passing over callbacks that arrived
/// behind one that follows them (a late `sending` after `delivered` is not the outcome,
/// which is the mistake an app that keeps the last callback makes), and over values the
/// lifecycle does not document (a typo or a test's made-up status is never the outcome
/// while a documented status is there). Once a terminal status is reached, only a later
/// terminal one replaces it (WhatsApp's `read` after `delivered`): the events a lifecycle
/// allows after its end (participants reported leaving as a conference ends) do not reopen it.
fn final_status(lane: &Lane) -> Option<String> {
    let life = lifecycle::by_id(&lane.lifecycle);
    let behind = |e: &Entry| {
        e.findings
            .iter()
            .any(|f| f.code == Code::TimelineOutOfOrder)
    };
    let documented = |e: &Entry| life.is_none_or(|l| state(l, e).is_some());
    let terminal = |e: &Entry| life.and_then(|l| state(l, e)).is_some_and(|s| s.terminal);
    let last = |skip_behind: bool, only_documented: bool| {
        let mut outcome: Option<&Entry> = None;
        for e in lane
            .entries
            .iter()
            .filter(|e| e.status.is_some())
            .filter(|e| !(skip_behind && behind(e)))
            .filter(|e| !only_documented || documented(e))
        {
            if outcome.is_some_and(terminal) && !terminal(e) {
                continue;
            }
            outcome = Some(e);
        }
        outcome.and_then(|e| e.status.clone())
    };
    last(true, true)
        .or_else(|| last(false, true))
        .or_else(|| last(true, false))
        .or_else(|| last(false, false))
}

/// Orders a lane by the strongest key every entry has. Times are written to the second (or
/// the millisecond), so two callbacks often share one: among equal times the lifecycle's own
/// order decides (Twilio stamps `initiated` and `ringing` with the same second), then input
/// order.
fn order(lane: &mut Lane) {
    let life = lifecycle::by_id(&lane.lifecycle);
    let rank = |e: &Entry| life.and_then(|l| state(l, e)).map_or(u8::MAX, |s| s.rank);
    let es = &mut lane.entries;
    let by = if es.iter().all(|e| e.sequence_number.is_some()) {
        es.sort_by_key(|e| (e.sequence_number, e.index));
        OrderedBy::SequenceNumber
    } else if es.iter().all(|e| e.ts_ms.is_some()) {
        es.sort_by_key(|e| (e.ts_ms, rank(e), e.index));
        OrderedBy::Timestamp
    } else if es.iter().all(|e| e.rx_ms.is_some()) {
        es.sort_by_key(|e| (e.rx_ms, rank(e), e.index));
        OrderedBy::ReceivedAt
    } else {
        es.sort_by_key(|e| e.index);
        OrderedBy::InputOrder
    };
    lane.ordered_by = by;
    for e in es.iter_mut() {
        e.ordered_by = by;
    }
}

/// The order the application received the lane's entries in: receive time when every
/// entry has one, else input order. Returns positions into `lane.entries`.
fn arrival(lane: &Lane) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..lane.entries.len()).collect();
    let es = &lane.entries;
    if es.iter().all(|e| e.rx_ms.is_some()) {
        idx.sort_by_key(|&i| (es[i].rx_ms, es[i].index));
    } else {
        idx.sort_by_key(|&i| es[i].index);
    }
    idx
}

fn state<'l>(life: &'l Lifecycle, e: &Entry) -> Option<&'l State> {
    e.status.as_deref().and_then(|s| life.state(s))
}

fn check_lane(lane: &mut Lane, life: &Lifecycle, sid: &str, group: &mut Vec<Finding>) {
    let dup = duplicates(lane);
    let reliable = matches!(
        lane.ordered_by,
        OrderedBy::SequenceNumber | OrderedBy::Timestamp
    );
    out_of_order(lane, life, &dup, reliable);
    transitions(lane, life, &dup, reliable);
    if !lane
        .entries
        .iter()
        .any(|e| state(life, e).is_some_and(|s| s.terminal))
    {
        let seen: Vec<&str> = lane
            .entries
            .iter()
            .filter_map(|e| e.status.as_deref())
            .collect();
        group.push(
            Finding::new(
                Code::TimelineMissingTerminal,
                format!(
                    "{sid}: no terminal {} status among the captures (last seen: {}).",
                    life.id,
                    seen.last().copied().unwrap_or("none")
                ),
            )
            .hint("The final callback may still be on its way, was not subscribed to, or failed to reach you; fetch the resource to reconcile."),
        );
    }
    gaps(lane, sid, group);
    if life.id == "call" {
        durations(lane, sid, group);
    }
}

/// Marks retries: the same status (and the same SequenceNumber, when given) again.
/// Returns which positions are duplicates. Linear in the lane's length.
fn duplicates(lane: &mut Lane) -> Vec<bool> {
    let life = lifecycle::by_id(&lane.lifecycle);
    let mut dup = vec![false; lane.entries.len()];
    // First non-duplicate position per (status, SequenceNumber), per status, and per
    // status among entries without a SequenceNumber.
    // Keys carry the resource (RecordingSid, TranscriptionSid): two recordings of one call
    // that both complete are two resources, not a repeated callback.
    type Key = (String, Option<String>);
    let mut exact: HashMap<(Key, Option<u64>), usize> = HashMap::new();
    let mut any: HashMap<Key, usize> = HashMap::new();
    let mut unnumbered: HashMap<Key, usize> = HashMap::new();
    // The first entry of each exact request: a repeat is a retry of its own first copy,
    // even when an earlier, different callback had the same status.
    let mut prints: HashMap<(Key, u64), usize> = HashMap::new();
    for j in arrival(lane) {
        let e = &lane.entries[j];
        let Some(name) = e.status.clone() else {
            continue;
        };
        let status: Key = (name, e.resource_sid.clone());
        let seq = e.sequence_number;
        let repeatable = life
            .and_then(|l| l.state(&status.0))
            .is_some_and(|s| s.repeatable);
        let first = exact.get(&(status.clone(), seq)).copied().or_else(|| {
            if repeatable {
                None
            } else if seq.is_none() {
                any.get(&status).copied()
            } else {
                unnumbered.get(&status).copied()
            }
        });
        let print = (status.clone(), e.fingerprint);
        let Some(i) = first else {
            prints.entry(print).or_insert(j);
            exact.entry((status.clone(), seq)).or_insert(j);
            any.entry(status.clone()).or_insert(j);
            if seq.is_none() {
                unnumbered.entry(status).or_insert(j);
            }
            continue;
        };
        dup[j] = true;
        let i = match prints.get(&print) {
            Some(&k) if same_method(&lane.entries[k], e) => k,
            Some(_) => i,
            None => {
                prints.insert(print, j);
                i
            }
        };
        let (first, again) = (&lane.entries[i], &lane.entries[j]);
        let what = first.line.map_or_else(
            || format!("capture #{}", first.index + 1),
            |l| format!("line {l}"),
        );
        let status = status.0;
        let finding = if first.fingerprint == again.fingerprint && same_method(first, again) {
            Finding::new(
                Code::TimelineDuplicate,
                format!("'{status}' arrived again (first at {what}), parameter for parameter: Twilio retried this callback."),
            )
            .hint("Make the handler idempotent: key on the SID plus the status (not the SID alone) and answer 200 quickly so Twilio stops retrying.")
        } else {
            // A retry repeats the request as it was; different parameters mean two events.
            let codes = match (&first.error_code, &again.error_code) {
                (a, b) if a == b => String::new(),
                (a, b) => format!(
                    " (ErrorCode {} then {})",
                    a.as_deref().unwrap_or("none"),
                    b.as_deref().unwrap_or("none")
                ),
            };
            let how = if first.fingerprint == again.fingerprint {
                format!(
                    "with the same parameters but another method ({} then {})",
                    first.method.as_deref().unwrap_or("?"),
                    again.method.as_deref().unwrap_or("?")
                )
            } else {
                format!("with different parameters{codes}")
            };
            Finding::new(
                Code::TimelineDuplicate,
                format!("'{status}' arrived again (first at {what}) {how}: not a retry of the same request, but a second event with this SID and status."),
            )
            .hint("Twilio retries a callback unchanged; a second one that differs comes from another event (a multi-part message's receipts, a replay, a test, or another app reusing the SID). Key the handler on the SID plus the status and keep the first outcome, or log both to find where the second comes from.")
        };
        lane.entries[j].findings.push(finding.param(status));
    }
    dup
}

/// Flags a webhook Twilio sends once per SID ([`lifecycle::ONCE_PER_SID_KINDS`]) that
/// arrived again parameter for parameter: one message delivered twice.
fn redelivered(lane: &mut Lane) {
    let mut first: HashMap<(&str, u64), usize> = HashMap::new();
    let mut found: Vec<(usize, Finding)> = Vec::new();
    for j in arrival(lane) {
        let e = &lane.entries[j];
        if !lifecycle::ONCE_PER_SID_KINDS.contains(&e.kind.as_str()) {
            continue;
        }
        match first.get(&(e.kind.as_str(), e.fingerprint)) {
            Some(&i) if same_method(&lane.entries[i], e) => {
                let what = lane.entries[i].line.map_or_else(
                    || format!("capture #{}", lane.entries[i].index + 1),
                    |l| format!("line {l}"),
                );
                found.push((
                    j,
                    Finding::new(
                        Code::TimelineDuplicate,
                        format!("The '{}' request arrived again (first at {what}), parameter for parameter: the same message was delivered twice.", e.kind),
                    )
                    .hint("Twilio sends this webhook once per message; a second copy is a retry (the first answer was late or the connection dropped) or a replay. Key the handler on the MessageSid and process each message once.")
                    .param("MessageSid"),
                ));
            }
            Some(_) => {}
            None => {
                first.insert((e.kind.as_str(), e.fingerprint), j);
            }
        }
    }
    for (j, f) in found {
        lane.entries[j].findings.push(f);
    }
}

/// Flags a capture of a message whose fixed content ([`Entry::content`]: Body, To…)
/// differs from the first capture of the SID that carried it, across every lane (the
/// incoming-message request and the status callbacks alike). Twilio never changes a message
/// once it exists, so this is never a retry: two messages' captures were mixed, or the log
/// was edited. Linear in the group's size.
fn content_changed(lanes: &mut [Lane]) {
    // Input order over all lanes (entries are still in input order inside each lane).
    let mut at: Vec<(usize, usize)> = lanes
        .iter()
        .enumerate()
        .flat_map(|(l, lane)| (0..lane.entries.len()).map(move |i| (l, i)))
        .collect();
    at.sort_by_key(|&(l, i)| lanes[l].entries[i].index);
    // First capture per parameter: its position, value hash and preview.
    let mut first: HashMap<&'static str, ((usize, usize), u64, String)> = HashMap::new();
    let mut found: Vec<((usize, usize), Finding)> = Vec::new();
    for (l, i) in at {
        let e = &lanes[l].entries[i];
        let mut differs: Vec<String> = Vec::new();
        let mut earlier: Option<(usize, usize)> = None;
        for f in &e.content {
            match first.get(f.name) {
                Some((pos, hash, preview)) if *hash != f.hash => {
                    differs.push(format!("{} '{}' then '{}'", f.name, preview, f.preview));
                    earlier.get_or_insert(*pos);
                }
                Some(_) => {}
                None => {
                    first.insert(f.name, ((l, i), f.hash, f.preview.clone()));
                }
            }
        }
        let Some((pl, pi)) = earlier else {
            continue;
        };
        let p = &lanes[pl].entries[pi];
        let what = p.line.map_or_else(
            || format!("capture #{}", p.index + 1),
            |n| format!("line {n}"),
        );
        let name = e
            .content
            .iter()
            .find(|f| first.get(f.name).is_some_and(|x| x.1 != f.hash))
            .map_or("Body", |f| f.name);
        found.push((
            (l, i),
            Finding::new(
                Code::TimelineContentChanged,
                format!(
                    "This capture of the message differs from {what} in what Twilio never changes: {}. Not a retry (a retry repeats the request unchanged) nor a later status of the same message.",
                    differs.join("; ")
                ),
            )
            .param(name)
            .hint("Two messages' captures were mixed under one MessageSid (a test fixture or a log that reuses a SID), or the log was edited; keep the capture that matches Twilio's record of the message (fetch it by its SID)."),
        ));
    }
    for ((l, i), f) in found {
        lanes[l].entries[i].findings.push(f);
    }
}

/// True unless both captures show their HTTP method and the methods differ.
fn same_method(a: &Entry, b: &Entry) -> bool {
    match (&a.method, &b.method) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

/// The value of the key that ordered the lane (`None` for the keys that carry no time).
fn order_key(by: OrderedBy, e: &Entry) -> Option<i64> {
    match by {
        OrderedBy::SequenceNumber => e
            .sequence_number
            .map(|s| i64::try_from(s).unwrap_or(i64::MAX)),
        OrderedBy::Timestamp => e.ts_ms,
        OrderedBy::ReceivedAt => e.rx_ms,
        OrderedBy::InputOrder => None,
    }
}

/// Flags callbacks that arrived after one that follows them.
fn out_of_order(lane: &mut Lane, life: &Lifecycle, dup: &[bool], reliable: bool) {
    // The latest callback so far, per resource (one for a call's or message's own lane).
    let mut latest: HashMap<Option<String>, usize> = HashMap::new();
    for j in arrival(lane) {
        if dup[j] {
            continue;
        }
        let resource = lane.entries[j].resource_sid.clone();
        let Some(&i) = latest.get(&resource) else {
            latest.insert(resource, j);
            continue;
        };
        let (ei, ej) = (&lane.entries[i], &lane.entries[j]);
        // Twilio's own order says which came first only when the keys differ: two callbacks
        // stamped with the same second (or SequenceNumber) are ordered by the lifecycle, as
        // without a trusted order, never by a tie-break (a status the lifecycle does not
        // document, such as a compatible platform's `answered`, has no place to be behind).
        let tied = reliable && order_key(lane.ordered_by, ei) == order_key(lane.ordered_by, ej);
        let behind = if reliable && !tied {
            j < i
        } else {
            match (state(life, ei), state(life, ej)) {
                // `b` belongs before `a` when the lifecycle lets `a` follow `b` (a terminal
                // status only by its `then` list: WhatsApp `delivered` before `read`) and
                // not the other way round.
                (Some(a), Some(b)) => b.rank < a.rank && life.may_follow(b, a),
                _ => false,
            }
        };
        if behind {
            let msg = format!(
                "'{}' arrived after '{}', which follows it{}.",
                ej.status.as_deref().unwrap_or("?"),
                ei.status.as_deref().unwrap_or("?"),
                if reliable && !tied {
                    format!(" by {}", lane.ordered_by.id())
                } else {
                    " in the lifecycle".to_string()
                }
            );
            lane.entries[j].findings.push(
                Finding::new(Code::TimelineOutOfOrder, msg)
                    .hint("Twilio does not guarantee the order of callbacks: never overwrite a later status with an earlier one (compare lifecycle ranks or SequenceNumber)."),
            );
        } else if !matches!(
            (state(life, ei), state(life, ej)),
            (Some(a), Some(b)) if life.exclusive(a, b)
        ) {
            // A status that cannot share a lifecycle with the latest one (a second outcome,
            // `no-answer` beside `in-progress`) is reported as an impossible transition and
            // does not become the reference the next arrivals are compared with.
            latest.insert(lane.entries[j].resource_sid.clone(), j);
        }
    }
}

/// Flags transitions the lifecycle forbids, in Twilio's own order; without one, statuses
/// that cannot belong to one lifecycle in any order ([`Lifecycle::exclusive`]: two
/// different outcomes, or `no-answer` beside `in-progress`).
fn transitions(lane: &mut Lane, life: &Lifecycle, dup: &[bool], reliable: bool) {
    // The previous callback per resource (one for a call's or message's own lane); without
    // a trusted order, every status seen so far per resource.
    let mut prev: HashMap<Option<String>, usize> = HashMap::new();
    let mut seen: HashMap<Option<String>, Vec<usize>> = HashMap::new();
    for (j, &is_dup) in dup.iter().enumerate() {
        if is_dup {
            continue;
        }
        let Some(b) = state(life, &lane.entries[j]) else {
            continue;
        };
        let resource = lane.entries[j].resource_sid.clone();
        let conflict = if reliable {
            prev.get(&resource)
                .and_then(|&i| state(life, &lane.entries[i]))
                .filter(|a| !life.may_follow(a, b))
        } else {
            // Whatever arrived between them, the two cannot both be true.
            seen.get(&resource).and_then(|ids| {
                ids.iter()
                    .filter_map(|&i| state(life, &lane.entries[i]))
                    .find(|a| life.exclusive(a, b))
            })
        };
        if let Some(a) = conflict {
            let why = if a.terminal {
                format!(" ('{}' is terminal)", a.name)
            } else if b.not_after.contains(&a.name) {
                format!(" ('{}' never follows '{}')", b.name, a.name)
            } else if a.not_after.contains(&b.name) {
                format!(" ('{}' never follows '{}')", a.name, b.name)
            } else {
                String::new()
            };
            lane.entries[j].findings.push(
                Finding::new(
                    Code::TimelineImpossibleTransition,
                    format!("'{}' after '{}' breaks the {} lifecycle{why}.", b.name, a.name, life.id),
                )
                .hint("Two outcomes for one SID: check that two requests did not reuse the SID, or that a status was not rewritten by your own code."),
            );
        }
        prev.insert(resource.clone(), j);
        let ids = seen.entry(resource).or_default();
        if !ids
            .iter()
            .any(|&i| lane.entries[i].status == lane.entries[j].status)
        {
            ids.push(j);
        }
    }
}

/// SequenceNumber gaps between the callbacks captured.
fn gaps(lane: &Lane, sid: &str, group: &mut Vec<Finding>) {
    let mut seqs: Vec<u64> = lane
        .entries
        .iter()
        .filter_map(|e| e.sequence_number)
        .collect();
    seqs.sort_unstable();
    seqs.dedup();
    for w in seqs.windows(2) {
        if w[1] > w[0].saturating_add(1) {
            group.push(
                Finding::new(
                    Code::TimelineSequenceGap,
                    format!(
                        "{sid}: SequenceNumber jumps from {} to {}: {} event(s) of the {} lifecycle between them were not captured.",
                        w[0],
                        w[1],
                        w[1] - w[0] - 1,
                        lane.lifecycle
                    ),
                )
                .hint("If StatusCallbackEvent does not list every event, Twilio may have numbered events it never sent you; if it lists them all, a callback was lost or your server rejected it (see the Debugger for 11200 errors)."),
            );
        }
    }
}

/// CallDuration against the time between answer (in-progress) and the terminal status.
fn durations(lane: &Lane, sid: &str, group: &mut Vec<Finding>) {
    let answered = lane
        .entries
        .iter()
        .find(|e| e.status.as_deref() == Some("in-progress") && e.ts_ms.is_some());
    let ended = lane.entries.iter().rev().find(|e| {
        e.status.as_deref() == Some("completed") && e.duration.is_some() && e.ts_ms.is_some()
    });
    let (Some(a), Some(z)) = (answered, ended) else {
        return;
    };
    let (Some(t0), Some(t1), Some(d)) = (a.ts_ms, z.ts_ms, z.duration) else {
        return;
    };
    let elapsed = t1.saturating_sub(t0) / 1000;
    let d = i64::try_from(d).unwrap_or(i64::MAX);
    if elapsed.saturating_sub(d).saturating_abs() > DURATION_SLACK_S {
        group.push(
            Finding::new(
                Code::TimelineDurationMismatch,
                format!(
                    "{sid}: CallDuration is {d} s but the Timestamps of in-progress and completed are {elapsed} s apart."
                ),
            )
            .param("CallDuration")
            .hint("Trust CallDuration for billing; a large gap means a callback was delayed or its Timestamp belongs to another leg."),
        );
    }
}

/// Explains an ErrorCode carried by a callback (grouped or not: a failure that names no
/// call, message or conference, such as a Video composition or a Debugger event, still
/// carries its code).
pub(super) fn explain(e: &mut Entry) {
    let Some(code) = e.error_code.clone() else {
        return;
    };
    let status = e.status.as_deref().unwrap_or("this callback");
    let meaning = explain_error(&code).map_or_else(
        || "not in the inspector's table".to_string(),
        str::to_string,
    );
    let msg = if e.error_logged {
        // The record (a Debugger event, a Monitor alert) is Twilio's log of a failed
        // delivery: the callback was sent, the app did not take it as it should.
        format!("Twilio logged error {code} delivering this request ('{status}'): {meaning}.")
    } else {
        format!("ErrorCode {code} on '{status}': {meaning}.")
    };
    e.findings.push(
        Finding::new(Code::TimelineErrorExplained, msg)
            .param("ErrorCode")
            .hint(format!(
                "Twilio's page for it: https://www.twilio.com/docs/api/errors/{code}"
            )),
    );
}
