//! Timeline vectors: `tests/data/timeline/*.toml`, one `check` for all.
//!
//! Each `[[vector]]` is a many-capture text (real sequences where public ones exist, with
//! their `source`; documented ones marked `constructed = true`) and what the timeline must
//! say: the format it was read as, counts, each group's lane order, parent and children,
//! and the finding codes present and absent.

use std::collections::BTreeSet;

use serde::Deserialize;
use twilio_webhook_inspector::timeline::{
    entry_of, read_captures, timeline, timeline_of_text, Capture, Group, StreamingTimeline,
    Timeline,
};

use crate::vectors::{assert_vectors_pass, load_vectors};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Vector {
    name: String,
    source: String,
    #[serde(default)]
    constructed: bool,
    /// Why an expectation differs from what a first reading suggested (kept with the vector).
    #[serde(default)]
    #[allow(dead_code)]
    reviewer_note: Option<String>,
    input: String,
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    captures: Option<usize>,
    #[serde(default)]
    unreadable: Option<usize>,
    #[serde(default)]
    ungrouped: Option<usize>,
    /// Expected groups, in order of first appearance (all of them when given).
    #[serde(default)]
    group: Vec<GroupExp>,
    /// Codes that must appear anywhere in the timeline.
    #[serde(default)]
    codes: Vec<String>,
    /// Codes that must not appear.
    #[serde(default)]
    no_codes: Vec<String>,
    /// `[code, text]`: some finding with this code must say `text` (retry or second event…).
    #[serde(default)]
    messages: Vec<(String, String)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupExp {
    sid: String,
    #[serde(default)]
    object: Option<String>,
    /// The lane checked (the first lane when not given).
    #[serde(default)]
    lane: Option<String>,
    #[serde(default)]
    lanes: Option<Vec<String>>,
    #[serde(default)]
    ordered_by: Option<String>,
    /// Statuses of the lane, in the lane's order.
    #[serde(default)]
    statuses: Option<Vec<String>>,
    /// The lane's outcome (`finalStatus`).
    #[serde(default)]
    final_status: Option<String>,
    #[serde(default)]
    parent: Option<String>,
    #[serde(default)]
    children: Option<Vec<String>>,
    /// Codes on the group or its entries.
    #[serde(default)]
    codes: Vec<String>,
}

/// The timeline vectors, without their file names.
fn vectors() -> Vec<Vector> {
    load_vectors::<Vector>("tests/data/timeline")
        .into_iter()
        .map(|(_, v)| v)
        .collect()
}

pub(crate) fn group_codes(g: &Group) -> BTreeSet<String> {
    g.findings
        .iter()
        .chain(
            g.lanes
                .iter()
                .flat_map(|l| l.entries.iter().flat_map(|e| e.findings.iter())),
        )
        .map(|f| f.code.id().to_string())
        .collect()
}

pub(crate) fn timeline_codes(t: &Timeline) -> BTreeSet<String> {
    let mut all: BTreeSet<String> = t.findings.iter().map(|f| f.code.id().to_string()).collect();
    for g in &t.groups {
        all.extend(group_codes(g));
    }
    all.extend(
        t.ungrouped
            .iter()
            .flat_map(|e| e.findings.iter())
            .map(|f| f.code.id().to_string()),
    );
    all
}

fn check_group(g: &Group, want: &GroupExp, errs: &mut Vec<String>) {
    let sid = &want.sid;
    if let Some(o) = &want.object {
        let got = serde_json::to_value(g.object).unwrap_or_default();
        if got != o.as_str() {
            errs.push(format!("{sid}: object {got}, want {o}"));
        }
    }
    if let Some(ls) = &want.lanes {
        let got: Vec<&str> = g.lanes.iter().map(|l| l.lifecycle.as_str()).collect();
        if got != *ls {
            errs.push(format!("{sid}: lanes {got:?}, want {ls:?}"));
        }
    }
    let lane = match &want.lane {
        Some(name) => g.lanes.iter().find(|l| &l.lifecycle == name),
        None => g.lanes.first(),
    };
    let Some(lane) = lane else {
        errs.push(format!("{sid}: no lane {:?}", want.lane));
        return;
    };
    if let Some(o) = &want.ordered_by {
        if lane.ordered_by.id() != o {
            errs.push(format!(
                "{sid}: ordered by {}, want {o}",
                lane.ordered_by.id()
            ));
        }
    }
    if let Some(st) = &want.statuses {
        let got: Vec<String> = lane
            .entries
            .iter()
            .map(|e| e.status.clone().unwrap_or_default())
            .collect();
        if got != *st {
            errs.push(format!("{sid}: statuses {got:?}, want {st:?}"));
        }
    }
    if want.final_status.is_some() && want.final_status != lane.final_status {
        errs.push(format!(
            "{sid}: final status {:?}, want {:?}",
            lane.final_status, want.final_status
        ));
    }
    if want.parent != g.parent && want.parent.is_some() {
        errs.push(format!(
            "{sid}: parent {:?}, want {:?}",
            g.parent, want.parent
        ));
    }
    if let Some(c) = &want.children {
        if &g.children != c {
            errs.push(format!("{sid}: children {:?}, want {c:?}", g.children));
        }
    }
    let codes = group_codes(g);
    for c in &want.codes {
        if !codes.contains(c) {
            errs.push(format!("{sid}: code {c} missing (has {codes:?})"));
        }
    }
}

fn check(v: &Vector) -> Vec<String> {
    let t = timeline_of_text(&v.input);
    let mut errs = Vec::new();
    if let Some(f) = &v.format {
        let got = t.format.map(|f| f.id()).unwrap_or("none");
        if got != f {
            errs.push(format!("format {got}, want {f}"));
        }
    }
    for (what, got, want) in [
        ("captures", t.captures, v.captures),
        ("unreadable", t.unreadable, v.unreadable),
        ("ungrouped", t.ungrouped.len(), v.ungrouped),
    ] {
        if let Some(w) = want {
            if got != w {
                errs.push(format!("{what} {got}, want {w}"));
            }
        }
    }
    if !v.group.is_empty() {
        let got: Vec<&str> = t.groups.iter().map(|g| g.sid.as_str()).collect();
        let want: Vec<&str> = v.group.iter().map(|g| g.sid.as_str()).collect();
        if got != want {
            errs.push(format!("groups {got:?}, want {want:?}"));
        }
    }
    for want in &v.group {
        match t.groups.iter().find(|g| g.sid == want.sid) {
            Some(g) => check_group(g, want, &mut errs),
            None => errs.push(format!("no group {}", want.sid)),
        }
    }
    let codes = timeline_codes(&t);
    for c in &v.codes {
        if !codes.contains(c) {
            errs.push(format!("code {c} missing (has {codes:?})"));
        }
    }
    for c in &v.no_codes {
        if codes.contains(c) {
            errs.push(format!("code {c} present"));
        }
    }
    for (code, text) in &v.messages {
        let said: Vec<&str> = all_findings(&t)
            .filter(|f| f.code.id() == code)
            .map(|f| f.message.as_str())
            .collect();
        if !said.iter().any(|m| m.contains(text.as_str())) {
            errs.push(format!("no {code} finding says {text:?} (said {said:?})"));
        }
    }
    errs
}

/// Every finding of a timeline: input-level, group-level and per entry.
fn all_findings(t: &Timeline) -> impl Iterator<Item = &twilio_webhook_inspector::Finding> {
    t.findings
        .iter()
        .chain(t.groups.iter().flat_map(|g| {
            g.findings.iter().chain(
                g.lanes
                    .iter()
                    .flat_map(|l| l.entries.iter().flat_map(|e| e.findings.iter())),
            )
        }))
        .chain(t.ungrouped.iter().flat_map(|e| e.findings.iter()))
}

#[test]
fn timeline_vectors() {
    let vs = load_vectors::<Vector>("tests/data/timeline");
    assert!(vs.len() >= 10, "only {} timeline vectors", vs.len());
    assert_vectors_pass(&vs, |v| format!("{} (source: {})", v.name, v.source), check);
}

#[test]
fn every_vector_names_its_source() {
    let vs = vectors();
    for v in &vs {
        assert!(
            v.source.starts_with("https://"),
            "{}: source {:?}",
            v.name,
            v.source
        );
    }
    // Real captures, not only documented sequences.
    assert!(vs.iter().filter(|v| !v.constructed).count() >= 2);
}

#[test]
fn timeline_json_is_camel_case_and_round_trips() {
    let t = timeline_of_text(
        "MessageSid=SM0cec4ed334e74bcbb64eb8b6684e9654&MessageStatus=sent\nMessageSid=SM0cec4ed334e74bcbb64eb8b6684e9654&MessageStatus=delivered\n",
    );
    let json = serde_json::to_value(&t).expect("serialises");
    assert_eq!(json["groups"][0]["lanes"][0]["orderedBy"], "input-order");
    assert_eq!(json["groups"][0]["lanes"][0]["finalStatus"], "delivered");
    let back: Timeline = serde_json::from_value(json).expect("deserialises");
    assert_eq!(back.groups.len(), 1);
}

#[test]
fn captures_given_directly_keep_their_order_and_options() {
    let caps = vec![
        Capture {
            received_at: Some("2024-05-29T10:57:58Z".into()),
            ..Capture::new("MessageSid=SM0cec4ed334e74bcbb64eb8b6684e9654&MessageStatus=delivered")
        },
        Capture {
            received_at: Some("2024-05-29T10:57:57Z".into()),
            ..Capture::new("MessageSid=SM0cec4ed334e74bcbb64eb8b6684e9654&MessageStatus=sent")
        },
    ];
    let t = timeline(&caps);
    let lane = &t.groups[0].lanes[0];
    assert_eq!(lane.ordered_by.id(), "received-at");
    let st: Vec<_> = lane
        .entries
        .iter()
        .map(|e| e.status.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(st, ["sent", "delivered"]);
    assert!(!timeline_codes(&t).contains("timeline-out-of-order"));
}

/// Streaming gives the same groups as the whole timeline when the window is wide, and
/// never loses an entry when it must close groups early.
#[test]
fn streamed_timeline_matches_the_whole_one() {
    for v in vectors() {
        let whole = timeline_of_text(&v.input);
        let mut st = StreamingTimeline::new(1_000_000, 1_000_000);
        let mut groups = Vec::new();
        for item in read_captures(&v.input) {
            match item {
                Ok(c) => groups.extend(st.push_entry(entry_of(&c))),
                Err(e) => st.push_error(e),
            }
        }
        let (last, summary) = st.finish();
        groups.extend(last);
        assert_eq!(groups, whole.groups, "{}", v.name);
        assert_eq!(summary.counts, whole.counts, "{}", v.name);
        assert_eq!(summary.captures, whole.captures);
    }
    let mut log = String::new();
    for i in 0..40 {
        log += &format!("MessageSid=SM{:032x}&MessageStatus=sent\n", i % 10);
    }
    let mut st = StreamingTimeline::new(3, 4);
    let mut held = 0;
    for item in read_captures(&log) {
        let out = st.push_entry(entry_of(&item.expect("readable")));
        held += out
            .iter()
            .flat_map(|g| g.lanes.iter())
            .map(|l| l.entries.len())
            .sum::<usize>();
    }
    let (last, summary) = st.finish();
    held += last
        .iter()
        .flat_map(|g| g.lanes.iter())
        .map(|l| l.entries.len())
        .sum::<usize>();
    assert_eq!(held, 40);
    assert!(
        summary.groups > 10,
        "groups were closed and reopened: {}",
        summary.groups
    );
}

/// Each entry says what it was read from: a Debugger event inside a log stays a Debugger
/// entry, with the Debugger's time as Twilio's own time.
#[test]
fn entries_name_their_record() {
    let v = vectors()
        .into_iter()
        .find(|v| v.name.starts_with("Debugger events"))
        .expect("the Debugger vector");
    let t = timeline_of_text(&v.input);
    let entries: Vec<_> = t.groups[0].lanes[0].entries.iter().collect();
    assert_eq!(entries.len(), 2);
    for e in entries {
        assert_eq!(e.source.map(|s| s.id()), Some("debugger"));
        assert_eq!(e.label.as_deref(), Some("debugger error 11200"));
        assert!(e
            .timestamp
            .as_deref()
            .is_some_and(|t| t.starts_with("2024-06-07T12:00:0")));
    }
}

#[test]
fn bad_captures_never_stop_the_rest() {
    let mut text = String::new();
    for i in 0..50 {
        if i % 7 == 0 {
            text.push_str("{\"input\": 12\n");
        } else {
            text.push_str(&format!("\"CallSid=CA{i:032x}&CallStatus=completed\"\n"));
        }
    }
    let t = timeline_of_text(&text);
    assert_eq!(t.unreadable, 8);
    assert_eq!(t.captures, 42);
    assert_eq!(t.findings.len(), 8);
    assert!(t
        .findings
        .iter()
        .all(|f| f.code.id() == "capture-unreadable" && f.at.is_some()));
}

mod properties {
    use proptest::prelude::*;
    use twilio_webhook_inspector::timeline::{read_captures, timeline_of_text};
    use twilio_webhook_inspector::{diff, Options};

    /// Lines that look like the formats the reader knows, mixed with noise.
    fn line() -> impl Strategy<Value = String> {
        prop_oneof![
            "[A-Za-z]{1,8}=[a-z0-9%+]{0,8}(&[A-Za-z]{1,8}=[a-z0-9%+-]{0,8}){0,4}",
            Just("MessageSid=SM0cec4ed334e74bcbb64eb8b6684e9654&MessageStatus=sent".to_string()),
            Just(
                "CallSid=CA5a1f0c2e9b7d4a6c8e0f1a2b3c4d5e6f&CallStatus=completed&SequenceNumber=2"
                    .to_string()
            ),
            Just("POST /x HTTP/1.1".to_string()),
            Just("HTTP/1.1 200 OK".to_string()),
            Just("{\"input\": \"A=1&B=2\"}".to_string()),
            Just("{\"specversion\":\"1.0\",\"data\":{}}".to_string()),
            "\\PC{0,40}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        /// The reader and the timeline never panic, and every capture is either read or
        /// reported; none is lost between them.
        #[test]
        fn every_capture_is_accounted_for(lines in prop::collection::vec(line(), 0..12), prefix in "(\\[2024-05-29 10:57:5[0-9]\\] )?") {
            let text: String = lines.iter().map(|l| format!("{prefix}{l}\n")).collect();
            let items: Vec<_> = read_captures(&text).collect();
            let t = timeline_of_text(&text);
            let readable = items.iter().filter(|i| i.is_ok()).count();
            prop_assert_eq!(t.captures, readable);
            prop_assert_eq!(t.unreadable, items.len() - readable);
            let placed: usize = t.groups.iter().flat_map(|g| g.lanes.iter()).map(|l| l.entries.len()).sum();
            prop_assert_eq!(placed + t.ungrouped.len(), t.captures);
        }

        /// A capture compared with itself has no difference; swapping sides swaps added
        /// and removed.
        #[test]
        fn diff_is_symmetric(a in line(), b in line()) {
            let o = Options::default();
            prop_assert!(diff(&a, &a, &o, &o).fields.is_empty());
            let ab = diff(&a, &b, &o, &o);
            let ba = diff(&b, &a, &o, &o);
            let added = |d: &twilio_webhook_inspector::Diff, k: &str| d.fields.iter().filter(|f| serde_json::to_value(f.change).unwrap_or_default() == k).count();
            prop_assert_eq!(added(&ab, "added"), added(&ba, "removed"));
            prop_assert_eq!(added(&ab, "removed"), added(&ba, "added"));
        }
    }
}
