//! Kind detection: which webhook or request is this?
//!
//! Detection is driven by the `RULES` table (`rules.rs`): for each reportable kind, the conditions
//! that must hold, the ones that count in its favour and the ones that rule it out. Every
//! candidate gets a score; the reasons list names the parameters that decided it. A
//! separate lookalike pass refuses to claim requests that merely reuse Twilio's names.

mod body;
mod lookalike;
mod partial;
mod rules;
mod side;

pub(crate) use body::json_body_note;
pub(crate) use lookalike::{product_names, twilio_product_names, IdShapes, Lookalike};
pub(crate) use rules::RestPath;

use crate::catalog::KindId;
use crate::report::{InputFormat, KindVerdict, RunnerUp};
use lookalike::lookalike;
use partial::partial_guess;
use rules::Cond::Has;
use rules::{Rule, RULES, TERMINAL};

/// What the classifier looks at.
pub(crate) struct Evidence<'a> {
    /// Decoded (name, value) pairs in wire order.
    pub pairs: &'a [(&'a str, &'a str)],
    /// Input format.
    pub format: InputFormat,
    /// HTTP method, upper case, when known.
    pub method: Option<&'a str>,
    /// Request path, when known.
    pub path: Option<&'a str>,
    /// Names whose values are expressions as written in a program (`from_number`), not
    /// values: they count as present, but their values prove nothing either way.
    pub opaque: &'a [&'a str],
    /// The full URL, when known ([`Evidence::with_url`]): its host tells a request to one
    /// of Twilio's other REST APIs.
    pub url: Option<&'a str>,
    /// The first value of each name, sorted by name: the rules ask for names hundreds of
    /// times per request, so they are looked up by binary search, not scanned.
    by_name: Vec<(&'a str, &'a str)>,
    /// One bit per name present ([`name_bit`]): most names the rules ask for are absent,
    /// and most of those are told so by this mask without a search.
    mask: u128,
}

/// The bit of `name` in [`Evidence`]'s mask: from its length and first, middle and last bytes.
fn name_bit(name: &str) -> u128 {
    let b = name.as_bytes();
    let (first, mid, last) = match b {
        [] => (0, 0, 0),
        _ => (b[0], b[b.len() / 2], b[b.len() - 1]),
    };
    let h = (b.len() as u32)
        .wrapping_mul(31)
        .wrapping_add(u32::from(first).wrapping_mul(7))
        .wrapping_add(u32::from(mid).wrapping_mul(13))
        .wrapping_add(u32::from(last).wrapping_mul(3));
    1u128 << (h % 128)
}

impl<'a> Evidence<'a> {
    /// The evidence of a request: its pairs (wire order), format, method, path and the names
    /// whose values are expressions.
    pub(crate) fn new(
        pairs: &'a [(&'a str, &'a str)],
        format: InputFormat,
        method: Option<&'a str>,
        path: Option<&'a str>,
        opaque: &'a [&'a str],
    ) -> Self {
        let mut by_name: Vec<(&str, &str)> = pairs.to_vec();
        // Stable: the first occurrence of a name stays first, and is the one kept. Ordered
        // by length first: most comparisons of a lookup are settled without reading bytes.
        by_name.sort_by(|a, b| by_len_then_bytes(a.0, b.0));
        by_name.dedup_by(|later, first| later.0 == first.0);
        let mask = by_name.iter().fold(0, |m, (n, _)| m | name_bit(n));
        Evidence {
            pairs,
            format,
            method,
            path,
            opaque,
            url: None,
            by_name,
            mask,
        }
    }

    /// The same evidence with the request's full URL.
    pub(crate) fn with_url(mut self, url: Option<&'a str>) -> Self {
        self.url = url;
        self
    }

    fn get(&self, name: &str) -> Option<&'a str> {
        if self.mask & name_bit(name) == 0 {
            return None;
        }
        self.by_name
            .binary_search_by(|(n, _)| by_len_then_bytes(n, name))
            .ok()
            .map(|i| self.by_name[i].1)
    }

    fn rest_path(&self) -> Option<RestPath> {
        self.path.and_then(RestPath::parse)
    }
}

/// The order of [`Evidence`]'s name index: shorter names first, equal lengths by bytes.
fn by_len_then_bytes(a: &str, b: &str) -> std::cmp::Ordering {
    a.len()
        .cmp(&b.len())
        .then_with(|| a.as_bytes().cmp(b.as_bytes()))
}

/// The classifier's answer: the verdict, and why a lookalike was refused.
pub(crate) struct Classification {
    /// The kind, confidence, reasons and runner-up.
    pub verdict: KindVerdict,
    /// Set when the request was judged another product's or provider's.
    pub lookalike: Option<Lookalike>,
    /// The shapes of the request's ids.
    pub ids: IdShapes,
    /// Set when no rule fitted and the kind is a guess from a fragment (a few documented
    /// names, none of those that identify the kind): what the kind requires is then
    /// likely cut off, not forgotten.
    pub partial: bool,
}

/// Detects the kind. `forced` is the caller's override.
pub(crate) fn classify(ev: &Evidence, forced: Option<&str>) -> Classification {
    let ids = IdShapes::of(ev);
    if let Some(id) = forced {
        return Classification {
            verdict: KindVerdict {
                // A catalog id (`messaging-request-legacy`) reports as its main kind.
                id: kind_id(crate::catalog::kind(id).map_or(id, |k| k.reported_as)),
                title: title(id),
                overridden: true,
                confidence: 100,
                reasons: vec!["kind forced by the caller".into()],
                runner_up: None,
            },
            lookalike: None,
            ids,
            partial: false,
        };
    }
    // The catalog rows of each parameter, looked up once for all rules.
    // One buffer for every pair's rows (no allocation per pair), then a slice per pair.
    let mut flat: Vec<&'static crate::catalog::ParamSpec> = Vec::with_capacity(2 * ev.pairs.len());
    let mut ends: Vec<usize> = Vec::with_capacity(ev.pairs.len());
    for (n, _) in ev.pairs {
        flat.extend(crate::catalog::rows_named(n));
        ends.push(flat.len());
    }
    let mut start = 0;
    let rows: Vec<&[&'static crate::catalog::ParamSpec]> = ends
        .iter()
        .map(|&end| {
            let r = &flat[start..end];
            start = end;
            r
        })
        .collect();
    let suspicious = lookalike(ev, &ids);
    let mut scored = score_rules(ev, &rows, false);
    // A compatible platform sends Twilio's parameters plus a few of its own (SignalWire's
    // status callbacks carry Body and NumMedia): those do not rule a kind out.
    let relaxed = scored.is_empty() && suspicious.is_none() && ids.compatible_platform();
    if relaxed {
        scored = score_rules(ev, &rows, true);
    }
    let mut partial = false;
    let verdict = match (scored.first(), suspicious) {
        (Some((score, rule)), None) => {
            // The runner-up is another kind: a second rule of the winner's kind is no rival.
            let runner = scored
                .iter()
                .find(|(_, r)| r.kind != rule.kind)
                .filter(|(s, _)| *s * 10 >= *score * 8);
            let confidence = confidence(*score, runner.map(|r| r.0));
            let mut reasons = reasons_of(rule, ev);
            reasons.extend(precedence_notes(rule.kind, ev));
            if relaxed {
                reasons.push(
                    "another platform's ids: parameters Twilio does not send with this kind were not held against it"
                        .into(),
                );
            }
            KindVerdict {
                id: kind_id(rule.kind),
                title: title(rule.kind),
                overridden: false,
                confidence,
                reasons,
                // The runner-up never looks surer than the winner: scaled by its score.
                runner_up: runner.map(|(s, r)| RunnerUp {
                    id: kind_id(r.kind),
                    confidence: (i32::from(confidence) * (*s).max(0) / (*score).max(1))
                        .clamp(0, i32::from(confidence)) as u8,
                }),
            }
        }
        (None, None) => match partial_guess(ev, &rows) {
            Some(guess) => {
                partial = true;
                guess
            }
            None => unknown(ev, None, None),
        },
        (best, Some(why)) => unknown(ev, Some(why.explain(ev)), best),
    };
    Classification {
        verdict,
        lookalike: suspicious,
        ids,
        partial,
    }
}

/// The typed id of a kind named in the rules or by the caller (checked by a test: every
/// rule's kind is a catalog kind).
fn kind_id(id: &str) -> KindId {
    KindId::from_id(id).unwrap_or(KindId::Unknown)
}

fn title(id: &str) -> String {
    crate::catalog::kind(id)
        .map(|k| k.title.to_string())
        .unwrap_or_else(|| "Unknown".to_string())
}

/// Every rule that fits, best first, with its score (the reasons are written for the
/// winner only, by [`reasons_of`]).
fn score_rules<'r>(
    ev: &Evidence,
    rows: &[&[&'static crate::catalog::ParamSpec]],
    extra_names_allowed: bool,
) -> Vec<(i32, &'r Rule)> {
    let mut scored: Vec<(i32, &Rule)> = Vec::new();
    for rule in RULES {
        if !rule.all.iter().all(|c| c.holds(ev)) {
            continue;
        }
        let any_hit = rule.any.iter().filter(|c| c.holds(ev)).count();
        if !rule.any.is_empty() && any_hit == 0 {
            continue;
        }
        if rule
            .none
            .iter()
            .any(|c| c.holds(ev) && !(extra_names_allowed && matches!(c, Has(_))))
        {
            continue;
        }
        let boosts = rule.boost.iter().filter(|c| c.holds(ev)).count();
        let score = 10 * rule.all.len() as i32
            + 6 * any_hit.min(2) as i32
            + 3 * boosts as i32
            + catalog_fit(rule.kind, rows);
        scored.push((score, rule));
    }
    scored.sort_by_key(|s| std::cmp::Reverse(s.0));
    scored
}

/// Why a rule that fits was chosen: its conditions that hold (each said once), then the
/// first few names that would have ruled it out.
fn reasons_of(rule: &Rule, ev: &Evidence) -> Vec<String> {
    let mut reasons: Vec<String> = rule
        .all
        .iter()
        .chain(rule.any.iter().filter(|c| c.holds(ev)))
        .chain(rule.boost.iter().filter(|c| c.holds(ev)))
        .map(|c| c.describe(ev, true))
        .collect();
    let mut seen = std::collections::BTreeSet::new();
    reasons.retain(|r| seen.insert(r.clone()));
    for c in rule.none.iter().take(3) {
        if let Has(_) = c {
            reasons.push(c.describe(ev, false));
        }
    }
    reasons
}

/// The unknown verdict, with the lookalike's explanation first when there is one.
fn unknown(ev: &Evidence, why: Option<String>, best: Option<&(i32, &Rule)>) -> KindVerdict {
    let mut reasons: Vec<String> = why.into_iter().collect();
    if ev.pairs.is_empty() {
        reasons.push("no parameters to go on".into());
    } else if best.is_none() {
        reasons.push(
            "no combination of parameters matches a Twilio voice or messaging webhook or a Calls request"
                .into(),
        );
    }
    KindVerdict {
        id: KindId::Unknown,
        title: "Unknown".into(),
        overridden: false,
        confidence: 0,
        reasons,
        runner_up: best.map(|(s, r)| RunnerUp {
            id: kind_id(r.kind),
            confidence: confidence_of(*s) / 2,
        }),
    }
}

/// Mixed evidence, settled by precedence: each rule that applied says so in the reasons.
fn precedence_notes(kind: &str, ev: &Evidence) -> Vec<String> {
    let has = |n: &str| ev.get(n).is_some();
    let mut notes = Vec::new();
    if kind == "dial-action" && has("RecordingUrl") {
        notes.push("a <Dial record=…> action: DialCallStatus wins over RecordingUrl; the recording rides along".into());
    }
    if kind == "voice-request" && has("AnsweredBy") && !has("MachineDetectionDuration") {
        notes.push("AnsweredBy without MachineDetectionDuration: synchronous AMD puts its verdict on the voice request itself".into());
    }
    if kind == "voice-request-legacy"
        && ev
            .get("ApiVersion")
            .is_some_and(|v| v.trim() == "2008-08-01")
        && has("From")
    {
        notes.push(
            "ApiVersion=2008-08-01 wins over the 2010 names (From/To) a 2008 Twimlet also sends"
                .into(),
        );
    }
    if kind == "voice-request-legacy" && has("DialStatus") {
        notes.push("DialStatus is the 2008 name of a <Dial> outcome".into());
    }
    notes
}

/// Bonus for how many of the request's names the kind documents.
fn catalog_fit(kind: &str, rows: &[&[&'static crate::catalog::ParamSpec]]) -> i32 {
    if rows.is_empty() {
        return 0;
    }
    let covered = crate::catalog::coverage(kind);
    let known = rows.iter().filter(|r| r.iter().any(|p| covered(p))).count();
    (10 * known / rows.len()) as i32
}

fn confidence_of(score: i32) -> u8 {
    (40 + score.clamp(0, 60)) as u8
}

fn confidence(score: i32, runner: Option<i32>) -> u8 {
    let base = confidence_of(score) as i32;
    match runner {
        Some(r) => (base - (10 - (score - r).min(10)) * 2).clamp(30, 100) as u8,
        None => base.min(100) as u8,
    }
}

/// Whether a status is terminal (used by checks).
pub(crate) fn is_terminal_status(s: &str) -> bool {
    TERMINAL.contains(&s)
}

#[cfg(test)]
mod tests {
    use super::partial::PARTIAL_PREFERENCE;
    use super::*;

    #[test]
    fn every_rule_names_a_reported_kind() {
        for rule in RULES {
            assert!(
                KindId::from_id(rule.kind).is_some(),
                "{} is not a KindId",
                rule.kind
            );
        }
        for k in PARTIAL_PREFERENCE {
            assert!(KindId::from_id(k).is_some(), "{k} is not a KindId");
        }
    }
}
