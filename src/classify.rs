//! Kind detection: which webhook or request is this?
//!
//! Detection is driven by the [`RULES`] table: for each reportable kind, the conditions
//! that must hold, the ones that count in its favour and the ones that rule it out. Every
//! candidate gets a score; the reasons list names the parameters that decided it. A
//! separate lookalike pass refuses to claim requests that merely reuse Twilio's names.

use crate::catalog::ApiVersion;
use crate::report::{InputFormat, KindVerdict, RunnerUp};

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
}

impl Evidence<'_> {
    fn get(&self, name: &str) -> Option<&str> {
        self.pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
    }

    fn rest_path(&self) -> Option<RestPath> {
        self.path.and_then(RestPath::parse)
    }
}

/// A Twilio REST path of the Calls resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RestPath {
    pub version: ApiVersion,
    /// `Some(CallSid)` for `/Calls/CA…`, `None` for the list.
    pub call_sid: Option<String>,
}

impl RestPath {
    pub(crate) fn parse(path: &str) -> Option<RestPath> {
        let path = path.split(['?', '#']).next().unwrap_or("");
        let mut segs = path.trim_start_matches('/').split('/');
        let version = ApiVersion::parse(segs.next()?)?;
        if segs.next()? != "Accounts" {
            return None;
        }
        segs.next()?; // the AccountSid
        let calls = segs.next()?;
        let calls = calls.split('.').next().unwrap_or(calls);
        if calls != "Calls" {
            return None;
        }
        let call_sid = match segs.next() {
            Some(s) if !s.is_empty() => Some(s.split('.').next().unwrap_or(s).to_string()),
            _ => None,
        };
        if segs.next().is_some_and(|s| !s.is_empty()) {
            // A sub-resource (/Calls/CA…/Recordings…): not one of ours.
            return None;
        }
        Some(RestPath { version, call_sid })
    }
}

/// One condition in a rule.
#[derive(Debug, Clone, Copy)]
enum Cond {
    /// The parameter is present.
    Has(&'static str),
    /// The parameter equals the value (ASCII case-insensitive).
    Eq(&'static str, &'static str),
    /// The parameter's value starts with the prefix.
    Prefix(&'static str, &'static str),
    /// The parameter's value is one of these.
    OneOf(&'static str, &'static [&'static str]),
    /// The input was in this format.
    Format(InputFormat),
    /// The method is this one.
    Method(&'static str),
    /// The path is a Calls list path of this version.
    CallsList(ApiVersion),
    /// The path is a single Call path of this version.
    CallPath(ApiVersion),
}

impl Cond {
    fn holds(&self, ev: &Evidence) -> bool {
        match *self {
            Cond::Has(n) => ev.get(n).is_some(),
            Cond::Eq(n, v) => ev.get(n).is_some_and(|x| x.trim().eq_ignore_ascii_case(v)),
            Cond::Prefix(n, p) => ev.get(n).is_some_and(|x| x.trim_start().starts_with(p)),
            Cond::OneOf(n, vs) => ev
                .get(n)
                .is_some_and(|x| vs.iter().any(|v| x.trim().eq_ignore_ascii_case(v))),
            Cond::Format(f) => ev.format == f,
            Cond::Method(m) => ev.method.is_some_and(|x| x.eq_ignore_ascii_case(m)),
            Cond::CallsList(v) => ev
                .rest_path()
                .is_some_and(|p| p.version == v && p.call_sid.is_none()),
            Cond::CallPath(v) => ev
                .rest_path()
                .is_some_and(|p| p.version == v && p.call_sid.is_some()),
        }
    }

    fn describe(&self, ev: &Evidence, present: bool) -> String {
        let shown = |n: &str| {
            ev.get(n)
                .map(|v| {
                    let v: String = v.chars().take(40).collect();
                    format!("{n}={v}")
                })
                .unwrap_or_else(|| n.to_string())
        };
        match (*self, present) {
            (Cond::Has(n), true) => format!("has {n}"),
            (Cond::Has(n), false) => format!("no {n}"),
            (Cond::Eq(n, _) | Cond::Prefix(n, _) | Cond::OneOf(n, _), true) => shown(n),
            (Cond::Eq(n, v), false) => format!("{n} is not {v}"),
            (Cond::Prefix(n, p), false) => format!("{n} does not start with {p}"),
            (Cond::OneOf(n, _), false) => format!("{n} is not one of the values that rule it out"),
            (Cond::Format(f), true) => format!("input is {}", f.id()),
            (Cond::Format(f), false) => format!("input is not {}", f.id()),
            (Cond::Method(m), true) => format!("method is {m}"),
            (Cond::Method(m), false) => format!("method is not {m}"),
            (Cond::CallsList(v), true) => format!("path is the {} Calls list", v.as_str()),
            (Cond::CallPath(v), true) => format!("path is a {} Call instance", v.as_str()),
            (Cond::CallsList(_) | Cond::CallPath(_), false) => "path does not match".into(),
        }
    }
}

/// A detection rule for one reportable kind.
struct Rule {
    kind: &'static str,
    /// Every one must hold.
    all: &'static [Cond],
    /// At least one must hold (when non-empty).
    any: &'static [Cond],
    /// None may hold.
    none: &'static [Cond],
    /// Each one that holds adds weight.
    boost: &'static [Cond],
}

use Cond::*;
use InputFormat as F;

const V08: ApiVersion = ApiVersion::V2008;
const V10: ApiVersion = ApiVersion::V2010;
const MSG_SID: &[Cond] = &[Has("MessageSid"), Has("SmsSid"), Has("SmsMessageSid")];
const VOICE_ACTION_NONE: &[Cond] = &[Has("MessageSid"), Has("SmsSid"), Format(F::Xml)];
const TERMINAL: &[&str] = &["completed", "busy", "failed", "no-answer", "canceled"];

/// The detection table. Order matters only for ties (earlier wins).
static RULES: &[Rule] = &[
    Rule {
        kind: "transcription-callback",
        all: &[],
        any: &[
            Has("TranscriptionSid"),
            Has("TranscriptionText"),
            Has("TranscriptionStatus"),
        ],
        none: &[],
        boost: &[Has("TranscriptionUrl"), Has("RecordingSid"), Has("CallSid")],
    },
    Rule {
        kind: "recording-status-callback",
        all: &[Has("RecordingSid"), Has("RecordingStatus")],
        any: &[],
        none: &[Has("TranscriptionSid"), Has("TranscriptionText")],
        boost: &[
            Has("RecordingUrl"),
            Has("RecordingChannels"),
            Has("RecordingSource"),
            Has("RecordingStartTime"),
        ],
    },
    Rule {
        kind: "record-action",
        all: &[Has("RecordingUrl"), Has("RecordingDuration")],
        any: &[],
        none: &[
            Has("RecordingStatus"),
            Has("TranscriptionSid"),
            Has("TranscriptionText"),
        ],
        boost: &[Has("Digits"), Has("CallStatus"), Has("From")],
    },
    Rule {
        kind: "conference-callback",
        all: &[Has("ConferenceSid")],
        any: &[
            Has("StatusCallbackEvent"),
            Has("FriendlyName"),
            Has("Muted"),
        ],
        none: &[Has("RecordingSid")],
        boost: &[
            Has("SequenceNumber"),
            Has("Timestamp"),
            Has("Hold"),
            Has("StartConferenceOnEnter"),
        ],
    },
    Rule {
        kind: "amd-callback",
        all: &[Has("AnsweredBy"), Has("MachineDetectionDuration")],
        any: &[],
        none: &[Has("CallStatus"), Has("From"), Has("To")],
        boost: &[Has("CallSid")],
    },
    Rule {
        kind: "dial-action",
        all: &[],
        any: &[Has("DialCallStatus"), Has("DialCallSid")],
        none: VOICE_ACTION_NONE,
        boost: &[Has("DialCallDuration"), Has("DialBridged"), Has("CallSid")],
    },
    Rule {
        kind: "gather-action",
        all: &[Has("CallSid")],
        any: &[
            Has("Digits"),
            Has("SpeechResult"),
            Has("UnstableSpeechResult"),
        ],
        none: &[
            Has("RecordingUrl"),
            Has("DialCallStatus"),
            Has("MessageSid"),
        ],
        boost: &[Has("Confidence"), Has("FinishedOnKey"), Has("CallStatus")],
    },
    Rule {
        kind: "voice-status-callback",
        all: &[Has("CallSid"), Has("CallStatus")],
        any: &[
            Has("CallbackSource"),
            Has("SequenceNumber"),
            Has("CallDuration"),
            Has("Timestamp"),
        ],
        none: &[
            Has("Digits"),
            Has("SpeechResult"),
            Has("DialCallStatus"),
            Has("RecordingUrl"),
            Eq("ApiVersion", "2008-08-01"),
            Format(F::Xml),
        ],
        boost: &[
            Eq("CallbackSource", "call-progress-events"),
            OneOf("CallStatus", TERMINAL),
            Has("Duration"),
            Has("SipResponseCode"),
            Has("Timestamp"),
        ],
    },
    Rule {
        kind: "voice-request",
        all: &[Has("CallSid"), Has("CallStatus")],
        any: &[
            Has("From"),
            Has("To"),
            Eq("ApiVersion", "2010-04-01"),
            Has("Direction"),
        ],
        none: &[
            Has("CallbackSource"),
            Eq("ApiVersion", "2008-08-01"),
            Has("DialCallStatus"),
            Has("Digits"),
            Has("SpeechResult"),
            Has("RecordingUrl"),
            Format(F::Xml),
            Has("MessageSid"),
        ],
        boost: &[
            Eq("ApiVersion", "2010-04-01"),
            Has("Direction"),
            Has("AccountSid"),
            Has("From"),
            Has("To"),
        ],
    },
    Rule {
        kind: "voice-request-legacy",
        all: &[Has("CallSid")],
        any: &[Has("Caller"), Has("Called"), Eq("ApiVersion", "2008-08-01")],
        none: &[
            Has("From"),
            Has("To"),
            Eq("ApiVersion", "2010-04-01"),
            Has("Direction"),
            Has("CallbackSource"),
            Format(F::Xml),
            Format(F::Json),
        ],
        boost: &[
            Has("CallStatus"),
            Has("AccountSid"),
            Has("CallerCity"),
            Has("CalledCity"),
            Has("DialStatus"),
        ],
    },
    Rule {
        kind: "whatsapp-request",
        all: &[],
        any: &[
            Prefix("From", "whatsapp:"),
            Prefix("To", "whatsapp:"),
            Has("WaId"),
        ],
        none: &[
            Has("MessageStatus"),
            Has("CallSid"),
            Eq("SmsStatus", "sent"),
            Eq("SmsStatus", "delivered"),
        ],
        boost: &[
            Has("MessageSid"),
            Has("SmsMessageSid"),
            Has("ProfileName"),
            Has("ButtonPayload"),
            Has("Body"),
            Has("NumMedia"),
        ],
    },
    Rule {
        kind: "messaging-request",
        all: &[],
        any: MSG_SID,
        none: &[
            Has("MessageStatus"),
            Has("CallSid"),
            Prefix("From", "whatsapp:"),
        ],
        boost: &[
            Has("Body"),
            Has("NumMedia"),
            Has("NumSegments"),
            Has("FromCountry"),
            Eq("SmsStatus", "received"),
        ],
    },
    Rule {
        kind: "message-status-callback",
        all: &[],
        any: &[Has("MessageStatus"), Has("SmsStatus")],
        none: &[Has("CallSid"), Eq("SmsStatus", "received"), Has("NumMedia")],
        boost: &[
            Has("MessageSid"),
            Has("SmsSid"),
            Has("ErrorCode"),
            Has("RawDlrDoneDate"),
            Has("ChannelToAddress"),
            Has("MessageStatus"),
        ],
    },
    Rule {
        kind: "create-call",
        all: &[Has("To")],
        any: &[
            Has("Url"),
            Has("Twiml"),
            Has("ApplicationSid"),
            CallsList(V10),
        ],
        none: &[
            Has("CallSid"),
            Has("CallStatus"),
            Has("MessageSid"),
            Method("GET"),
            Format(F::Xml),
        ],
        boost: &[
            Has("From"),
            CallsList(V10),
            Has("StatusCallback"),
            Has("MachineDetection"),
            Has("Record"),
            Has("StatusCallbackEvent"),
        ],
    },
    Rule {
        kind: "create-call-legacy",
        all: &[Has("Called")],
        any: &[Has("Url"), CallsList(V08)],
        none: &[
            Has("CallSid"),
            Has("CallStatus"),
            Method("GET"),
            Format(F::Xml),
        ],
        boost: &[
            Has("Caller"),
            CallsList(V08),
            Has("IfMachine"),
            Has("SendDigits"),
            Has("Method"),
        ],
    },
    Rule {
        kind: "update-call",
        all: &[CallPath(V10)],
        any: &[],
        none: &[Method("GET")],
        boost: &[Has("Status"), Has("Url"), Has("Twiml"), Has("Method")],
    },
    Rule {
        kind: "list-calls",
        all: &[],
        any: &[CallsList(V10), CallsList(V08)],
        none: &[Method("POST")],
        boost: &[
            Has("Status"),
            Has("StartTime>"),
            Has("StartTime<"),
            Has("StartTime"),
            Has("EndTime>"),
            Has("PageSize"),
            Method("GET"),
        ],
    },
    Rule {
        kind: "call-response-legacy",
        all: &[Format(F::Xml), Has("Sid")],
        any: &[],
        none: &[],
        boost: &[
            Has("Status"),
            Has("Flags"),
            Has("CallSegmentSid"),
            Has("Caller"),
            Has("Called"),
        ],
    },
    Rule {
        kind: "call-resource",
        all: &[Format(F::Json), Has("sid")],
        any: &[Has("account_sid"), Has("status"), Has("date_created")],
        none: &[Has("body"), Has("num_media")],
        boost: &[
            Prefix("sid", "CA"),
            Has("from"),
            Has("to"),
            Has("direction"),
            Has("subresource_uris"),
            Has("api_version"),
        ],
    },
];

/// Lookalike detection: requests that reuse Twilio's names but are not Programmable
/// Voice / Messaging webhooks. Each entry: the condition and the explanation.
fn lookalike(ev: &Evidence) -> Option<String> {
    let sid_ok = |name: &str, prefixes: &[&str]| -> Option<bool> {
        if ev.opaque.contains(&name) {
            return None;
        }
        ev.get(name).map(|v| {
            let v = v.trim();
            prefixes.iter().any(|p| v.starts_with(p)) && !v.contains('-') && v.len() >= 10
        })
    };
    if ev
        .get("MessageSid")
        .is_some_and(|v| v.trim().starts_with("IM"))
        || ev.get("ConversationSid").is_some()
        || ev.get("EventType").is_some_and(|v| v.starts_with("on"))
    {
        return Some("This is a Twilio Conversations webhook (IM… message SIDs, ConversationSid or an on… EventType), not a Programmable Messaging request.".into());
    }
    if ev
        .get("sid")
        .is_some_and(|v| v.trim().starts_with("SM") || v.trim().starts_with("MM"))
        && ev.format == InputFormat::Json
    {
        return Some("This is a REST Message resource (snake_case JSON), not a webhook Twilio sends to your app.".into());
    }
    for (name, prefixes) in [
        ("CallSid", &["CA"][..]),
        ("AccountSid", &["AC"][..]),
        ("MessageSid", &["SM", "MM"][..]),
    ] {
        if sid_ok(name, prefixes) == Some(false) {
            let v = ev.get(name).unwrap_or_default();
            let looks_uuid = v.len() == 36 && v.matches('-').count() == 4;
            let b = v.trim().as_bytes();
            let sid_shaped = b.len() == 34
                && b[..2].iter().all(u8::is_ascii_uppercase)
                && b[2..].iter().all(u8::is_ascii_hexdigit);
            if looks_uuid || !sid_shaped {
                return Some(format!(
                    "{name}={} is not a Twilio SID ({}…){}: another provider reusing Twilio's parameter names, or a hand-made request.",
                    v.chars().take(40).collect::<String>(),
                    prefixes.join("/"),
                    if looks_uuid { " but a UUID" } else { "" }
                ));
            }
        }
    }
    None
}

/// Detects the kind. `forced` is the caller's override.
pub(crate) fn classify(ev: &Evidence, forced: Option<&str>) -> KindVerdict {
    let title = |id: &str| {
        crate::catalog::kind(id)
            .map(|k| k.title.to_string())
            .unwrap_or_else(|| "Unknown".to_string())
    };
    if let Some(id) = forced {
        return KindVerdict {
            id: id.to_string(),
            title: title(id),
            overridden: true,
            confidence: 100,
            reasons: vec!["kind forced by the caller".into()],
            runner_up: None,
        };
    }
    // The catalog rows of each parameter, looked up once for all rules.
    let rows: Vec<Vec<&'static crate::catalog::ParamSpec>> = ev
        .pairs
        .iter()
        .map(|(n, _)| crate::catalog::rows_named(n).collect())
        .collect();
    let mut scored: Vec<(i32, &Rule, Vec<String>)> = Vec::new();
    for rule in RULES {
        if !rule.all.iter().all(|c| c.holds(ev)) {
            continue;
        }
        let any_hit: Vec<&Cond> = rule.any.iter().filter(|c| c.holds(ev)).collect();
        if !rule.any.is_empty() && any_hit.is_empty() {
            continue;
        }
        if rule.none.iter().any(|c| c.holds(ev)) {
            continue;
        }
        let boosts: Vec<&Cond> = rule.boost.iter().filter(|c| c.holds(ev)).collect();
        let score = 10 * rule.all.len() as i32
            + 6 * any_hit.len().min(2) as i32
            + 3 * boosts.len() as i32
            + catalog_fit(rule.kind, &rows);
        let mut reasons: Vec<String> = rule
            .all
            .iter()
            .chain(any_hit.iter().copied())
            .chain(boosts.iter().copied())
            .map(|c| c.describe(ev, true))
            .collect();
        let mut seen = std::collections::BTreeSet::new();
        reasons.retain(|r| seen.insert(r.clone()));
        for c in rule.none.iter().take(3) {
            if let Has(_) = c {
                reasons.push(c.describe(ev, false));
            }
        }
        scored.push((score, rule, reasons));
    }
    scored.sort_by_key(|s| std::cmp::Reverse(s.0));
    let suspicious = lookalike(ev);
    match scored.first() {
        Some((score, rule, reasons)) if suspicious.is_none() => {
            let runner = scored.get(1).filter(|(s, _, _)| *s * 10 >= *score * 8);
            let confidence = confidence(*score, runner.map(|r| r.0));
            KindVerdict {
                id: rule.kind.to_string(),
                title: title(rule.kind),
                overridden: false,
                confidence,
                reasons: reasons.clone(),
                // The runner-up never looks surer than the winner: scaled by its score.
                runner_up: runner.map(|(s, r, _)| RunnerUp {
                    id: r.kind.to_string(),
                    confidence: (i32::from(confidence) * (*s).max(0) / (*score).max(1))
                        .clamp(0, i32::from(confidence)) as u8,
                }),
            }
        }
        best => {
            let mut reasons = Vec::new();
            if let Some(why) = suspicious {
                reasons.push(why);
            }
            if ev.pairs.is_empty() {
                reasons.push("no parameters to go on".into());
            } else if best.is_none() {
                reasons.push(
                    "no combination of parameters matches a Twilio voice or messaging webhook or a Calls request"
                        .into(),
                );
            }
            KindVerdict {
                id: "unknown".into(),
                title: "Unknown".into(),
                overridden: false,
                confidence: 0,
                reasons,
                runner_up: best.map(|(s, r, _)| RunnerUp {
                    id: r.kind.to_string(),
                    confidence: confidence_of(*s) / 2,
                }),
            }
        }
    }
}

/// Bonus for how many of the request's names the kind documents.
fn catalog_fit(kind: &str, rows: &[Vec<&'static crate::catalog::ParamSpec>]) -> i32 {
    if rows.is_empty() {
        return 0;
    }
    let chain = crate::catalog::kind_chain(kind);
    let known = rows
        .iter()
        .filter(|r| r.iter().any(|p| chain.iter().any(|k| p.kinds.contains(k))))
        .count();
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
