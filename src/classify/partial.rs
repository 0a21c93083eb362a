//! The partial-capture guess: no rule fits, but the parameters a log line kept still point
//! to the most likely kind, at a low confidence.

use super::rules::Cond::{self, CallPath, CallsList, Format, Has, MessagesList};
use super::rules::{Rule, RULES};
use super::side::side_of;
use super::{kind_id, title, Evidence};
use crate::catalog::{enum_spec, Direction, DocStatus, ParamSpec, ValueType};
use crate::report::{KindVerdict, RunnerUp};

/// When a partial capture fits several kinds equally well, the most common one wins.
pub(super) const PARTIAL_PREFERENCE: &[&str] = &[
    "voice-request",
    "messaging-request",
    "voice-status-callback",
    "message-status-callback",
    "gather-action",
    "record-action",
    "dial-action",
    "recording-status-callback",
    "transcription-callback",
    "conference-callback",
    "amd-callback",
    "whatsapp-request",
];

/// Lower-case names a REST resource shares with every other API's objects (`from`, `to`,
/// `status`): alone, they are no fragment of a Twilio resource.
const EVERY_API_NAMES: &[&str] = &[
    "from",
    "to",
    "status",
    "direction",
    "duration",
    "price",
    "uri",
    "body",
    "name",
];

/// The ids that name the call or the message a webhook is about.
const ID_NAMES: &[&str] = &["CallSid", "MessageSid", "SmsSid", "SmsMessageSid"];

/// Whether a row's documented values admit `value`: `None` when the row is not an enum (or
/// names an enum the catalog lacks), else whether every member of the value is one of them.
fn enum_admits(p: &ParamSpec, value: &str) -> Option<bool> {
    let (id, spaced) = match p.value_type {
        ValueType::Enum { id } | ValueType::RepeatedEnum { id } => (id, false),
        ValueType::SpaceSeparatedEnum { id } => (id, true),
        _ => return None,
    };
    let spec = enum_spec(id)?;
    let member = |m: &str| spec.values.iter().any(|v| v.eq_ignore_ascii_case(m));
    let value = value.trim();
    Some(if spaced {
        value.split_ascii_whitespace().all(member)
    } else {
        member(value)
    })
}

/// The rows of one pair that count as evidence of a kind. Not a row only a seed gives and
/// other sources contradict (the seed that lists StatusCallbackEvent in a call's status
/// callback: real callbacks never carry it). And when the value is one that some rows'
/// documented values admit and others' do not, only the rows that admit it: the value tells
/// which kind sent the name (`StatusCallbackEvent=participant-join` is a conference's event,
/// `=initiated` a subscription written in a Calls request).
fn evidence_rows(value: &str, rows: &[&'static ParamSpec]) -> Vec<&'static ParamSpec> {
    let kept: Vec<&'static ParamSpec> = rows
        .iter()
        .copied()
        .filter(|p| p.status != DocStatus::SeedOnly)
        .collect();
    if kept.iter().any(|p| enum_admits(p, value) == Some(true)) {
        kept.into_iter()
            .filter(|p| enum_admits(p, value) != Some(false))
            .collect()
    } else {
        kept
    }
}

/// How much a parameter tells about the kind: 1 / the number of kinds that send it (0 for
/// a name no kind has).
fn rarity_weight(rows: &[&'static crate::catalog::ParamSpec]) -> f64 {
    let kinds: std::collections::BTreeSet<&str> =
        rows.iter().flat_map(|p| p.kinds.iter().copied()).collect();
    if kinds.is_empty() {
        0.0
    } else {
        1.0 / kinds.len() as f64
    }
}

/// No rule fits: a partial capture (a log line that kept some parameters) still gets the
/// kind whose documented parameters explain it best, at a low confidence. Rare parameters
/// weigh more than ubiquitous ones (AccountSid, From, To).
pub(super) fn partial_guess(
    ev: &Evidence,
    rows: &[&[&'static crate::catalog::ParamSpec]],
) -> Option<KindVerdict> {
    let weight = rarity_weight;
    let all_rows = rows;
    let kept: Vec<Vec<&'static ParamSpec>> = ev
        .pairs
        .iter()
        .zip(rows)
        .map(|((_, v), r)| evidence_rows(v, r))
        .collect();
    let rows: Vec<&[&'static ParamSpec]> = kept.iter().map(Vec::as_slice).collect();
    // REST-only names and no webhook-only one: a request to Twilio whose request line was
    // lost (a VCR cassette's body, a logged form). Its path conditions are what was lost;
    // the webhook kinds are out.
    let names: Vec<&str> = ev.pairs.iter().map(|(n, _)| *n).collect();
    let side = side_of(&names, all_rows, &|n| ev.get(n).is_some());
    let app_request = side.app_only();
    let mut best: Option<(f64, &'static str, Vec<&str>)> = None;
    let mut runner: Option<(f64, &'static str)> = None;
    let mut seen_kinds: Vec<&str> = Vec::new();
    let mut near: Option<(&'static str, &str, &str, Vec<&str>)> = None;
    // Equal fits go to the most common kind.
    let mut ordered: Vec<&Rule> = RULES.iter().collect();
    ordered.sort_by_key(|r| {
        PARTIAL_PREFERENCE
            .iter()
            .position(|k| *k == r.kind)
            .unwrap_or(usize::MAX)
    });
    for rule in ordered {
        if seen_kinds.contains(&rule.kind)
            || rule
                .none
                .iter()
                .any(|c| c.holds(ev) && !matches!(c, Format(_)))
        {
            continue;
        }
        seen_kinds.push(rule.kind);
        let direction = crate::catalog::kind(rule.kind).map(|k| k.direction);
        if app_request && direction == Some(Direction::TwilioToApp)
            || side.webhook && direction == Some(Direction::AppToTwilio)
        {
            continue;
        }
        let lost_path =
            |c: &Cond| app_request && matches!(c, MessagesList | CallsList(_) | CallPath(_));
        // A rule whose alternatives are all about values (whatsapp: addresses, a path)
        // needs them: a partial capture loses parameters, not the look of its values.
        let value_only = |c: &Cond| !matches!(c, Has(_)) && !lost_path(c);
        if !rule.any.is_empty()
            && rule.any.iter().all(value_only)
            && !rule.any.iter().any(|c| c.holds(ev))
            || rule.all.iter().any(|c| value_only(c) && !c.holds(ev))
        {
            continue;
        }
        let chain = crate::catalog::chain_of(rule.kind);
        // A kind that only inherits the names (a transcription callback carries every
        // voice-request parameter) explains nothing of its own: its parent does.
        let own = ev
            .pairs
            .iter()
            .zip(&rows)
            .any(|(_, r)| r.iter().any(|p| p.kinds.contains(&rule.kind)));
        if !own {
            continue;
        }
        let mut score = 0.0;
        let mut names = Vec::new();
        for ((name, _), r) in ev.pairs.iter().zip(&rows) {
            if r.iter().any(|p| chain.iter().any(|k| p.kinds.contains(k))) {
                score += weight(r);
                if !names.contains(name) {
                    names.push(*name);
                }
            }
        }
        // A REST resource is a document the API prints whole: a fragment of it is not
        // guessed from lower-case names every API uses (another provider's message is
        // `{"from", "to", "text"}`); one of the resource's own names must be there.
        if direction == Some(Direction::Response)
            && names.iter().all(|n| EVERY_API_NAMES.contains(n))
        {
            continue;
        }
        let documented = rows.iter().filter(|r| !r.is_empty()).count().max(1);
        // A capture that kept nothing but the call's or message's id (`{ CallSid: sid }`)
        // is still that call's or message's webhook: the most common kind names it.
        // So is one that kept a single parameter few kinds send (`Digits`), not one every
        // kind sends (`From`); a payload with names of its own beside it is something else.
        // A value only this kind sends (`CallStatus=initiated`: a status callback's, the
        // Messages list path: a create call's) names it too, even beside names of the app's
        // own, and tips an equal fit its way.
        let value_hit = rule
            .any
            .iter()
            .chain(rule.all)
            .any(|c| value_only(c) && c.holds(ev));
        if value_hit {
            score += 0.25;
        }
        let lone_id = names.len() == 1
            && (value_hit
                || rows.len() == 1
                    && (ID_NAMES.contains(&names[0]) || rows.iter().any(|r| weight(r) >= 0.3)));
        // Most of the request's known names must belong to the kind.
        if names.len() < 2 && !lone_id || names.len() * 2 < documented {
            // A name whose value only this kind sends, beside names it never carries
            // (`To` with a conference's `StatusCallbackEvent=participant-join`): a
            // candidate to name, not a kind to claim.
            let decisive = ev
                .pairs
                .iter()
                .zip(&rows)
                .find(|((n, _), r)| names.contains(n) && weight(r) >= 1.0);
            if near.is_none() {
                if let Some(((n, v), _)) = decisive {
                    let others: Vec<&str> = ev
                        .pairs
                        .iter()
                        .zip(&rows)
                        .filter(|((n, _), r)| !r.is_empty() && !names.contains(n))
                        .map(|((n, _), _)| *n)
                        .take(4)
                        .collect();
                    if !others.is_empty() {
                        near = Some((rule.kind, *n, *v, others));
                    }
                }
            }
            continue;
        }
        match &best {
            Some((b, _, _)) if *b >= score => {
                if runner.is_none_or(|(r, _)| score > r) {
                    runner = Some((score, rule.kind));
                }
            }
            _ => {
                if let Some((b, k, _)) = best.take() {
                    runner = Some((b, k));
                }
                best = Some((score, rule.kind, names));
            }
        }
    }
    let Some((score, kind, names)) = best else {
        return near.map(|(kind, name, value, others)| candidate_only(kind, name, value, &others));
    };
    // Parameters every kind carries say little, unless one is the id of a call or a
    // message: then it is that call's or message's webhook, of the most common kind.
    let identified = names.iter().any(|n| ID_NAMES.contains(n));
    if score < 0.3 && !identified {
        return None;
    }
    let confidence = (25.0 + 25.0 * score.min(1.5) / 1.5) as u8;
    let shown: Vec<&str> = names.iter().take(6).copied().collect();
    Some(KindVerdict {
        id: kind_id(kind),
        title: title(kind),
        overridden: false,
        confidence,
        reasons: vec![
            format!(
                "partial capture: {} {} documented for this kind, but the parameters that identify it are missing",
                shown.join(", "),
                if shown.len() == 1 { "is" } else { "are" }
            ),
            "confidence lowered: the most likely kind, not a certain one".into(),
        ],
        runner_up: runner
            .filter(|(r, _)| *r * 10.0 >= score * 7.0)
            .map(|(r, k)| RunnerUp {
                id: kind_id(k),
                confidence: (f64::from(confidence) * r / score).min(f64::from(confidence)) as u8,
            }),
    })
}

/// The unknown verdict of a fragment too small to name a kind, with the one candidate its
/// decisive value points to as the runner-up: one name only `kind` sends with this value,
/// beside `others`, names the catalog documents for other kinds only.
fn candidate_only(kind: &'static str, name: &str, value: &str, others: &[&str]) -> KindVerdict {
    let end = value.char_indices().nth(40).map_or(value.len(), |(i, _)| i);
    KindVerdict {
        id: crate::catalog::KindId::Unknown,
        title: "Unknown".into(),
        overridden: false,
        confidence: 0,
        reasons: vec![
            format!(
                "too little to name the kind: {name}={} points to a {}, but {} {} not a parameter it carries",
                &value[..end],
                title(kind),
                others.join(", "),
                if others.len() == 1 { "is" } else { "are" }
            ),
            format!("candidate: {kind}"),
        ],
        runner_up: Some(RunnerUp {
            id: kind_id(kind),
            confidence: 25,
        }),
    }
}
