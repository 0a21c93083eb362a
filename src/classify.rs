//! Kind detection: which webhook or request is this?
//!
//! Detection is driven by the [`RULES`] table: for each reportable kind, the conditions
//! that must hold, the ones that count in its favour and the ones that rule it out. Every
//! candidate gets a score; the reasons list names the parameters that decided it. A
//! separate lookalike pass refuses to claim requests that merely reuse Twilio's names.

use crate::catalog::{ApiVersion, KindId};
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

/// `/2010-04-01/Accounts/{AccountSid}/Messages(.json)`: the list a message is created in.
fn is_messages_list(path: &str) -> bool {
    let path = path.split(['?', '#']).next().unwrap_or("");
    let segs: Vec<&str> = path.trim_matches('/').split('/').collect();
    segs.len() >= 4
        && segs[segs.len() - 4..segs.len() - 2] == ["2010-04-01", "Accounts"][..]
        && segs[segs.len() - 1].split('.').next() == Some("Messages")
}

/// One condition in a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    /// The path is the 2010 Messages list (`/2010-04-01/Accounts/AC…/Messages.json`).
    MessagesList,
    /// Every one of these holds.
    All(&'static [Cond]),
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
            Cond::MessagesList => ev.path.is_some_and(is_messages_list),
            Cond::All(conds) => conds.iter().all(|c| c.holds(ev)),
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
            (Cond::MessagesList, true) => "path is the Messages list".into(),
            (Cond::CallsList(_) | Cond::CallPath(_) | Cond::MessagesList, false) => {
                "path does not match".into()
            }
            (Cond::All(conds), present) => conds
                .iter()
                .map(|c| c.describe(ev, present))
                .collect::<Vec<_>>()
                .join(" and "),
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
            // A <Dial record=…> action carries a recording: the Dial outcome wins.
            Has("DialCallStatus"),
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
        // DialStatus: the 2008 name (Twimlet-style query strings send it alone).
        any: &[Has("DialCallStatus"), Has("DialCallSid"), Has("DialStatus")],
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
            // A status only API 2010-04-01 sends (call_status_2008 has none of them) with an
            // E.164 caller (2008 sent ten digits): a 2010 request that kept `Caller`.
            All(&[
                OneOf(
                    "CallStatus",
                    &["queued", "initiated", "ringing", "canceled"],
                ),
                Prefix("Caller", "+"),
            ]),
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
    // ApiVersion=2008-08-01 settles it, whatever 2010 names a Twimlet also sends.
    Rule {
        kind: "voice-request-legacy",
        all: &[Has("CallSid"), Eq("ApiVersion", "2008-08-01")],
        any: &[],
        none: &[Has("CallbackSource"), Format(F::Xml), Has("DialStatus")],
        boost: &[
            Has("CallStatus"),
            Has("AccountSid"),
            Has("Caller"),
            Has("Called"),
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
            // A delivery status is a status callback's, whatever else came with it (a
            // compatible platform's extras are not held against a kind, this is).
            OneOf(
                "MessageStatus",
                &[
                    "queued",
                    "sending",
                    "sent",
                    "delivered",
                    "undelivered",
                    "failed",
                    "read",
                ],
            ),
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
        kind: "create-message",
        all: &[Has("To"), MessagesList],
        any: &[],
        none: &[
            Has("MessageSid"),
            Has("SmsSid"),
            Method("GET"),
            Format(F::Xml),
        ],
        boost: &[
            Has("Body"),
            Has("From"),
            Has("MessagingServiceSid"),
            Has("MediaUrl"),
            Has("StatusCallback"),
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
        // JSON, or the same resource in 2010 XML (names read as the JSON's).
        all: &[Has("sid")],
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

/// Why a request that reuses Twilio's names is not a Programmable Voice / Messaging
/// webhook. Decided on positive evidence only: one odd value never makes a lookalike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lookalike {
    /// Another Twilio product's webhook (Conversations, TaskRouter, Video…).
    TwilioProduct(&'static Product),
    /// Another provider's webhook (its own parameter names, no Twilio SIDs).
    OtherProvider(&'static Product),
    /// A REST Message resource (snake_case JSON), not a webhook.
    RestMessage,
}

impl Lookalike {
    /// One sentence for the kind's reasons.
    pub(crate) fn explain(&self, ev: &Evidence) -> String {
        match self {
            Lookalike::TwilioProduct(p) => format!(
                "This is a Twilio {} webhook ({}), not a Programmable Voice or Messaging request.",
                p.name,
                p.seen(ev)
            ),
            Lookalike::OtherProvider(p) => format!(
                "This looks like a {} webhook ({}) and carries no Twilio SIDs: another provider, not Twilio.",
                p.name,
                p.seen(ev)
            ),
            Lookalike::RestMessage => "This is a REST Message resource (snake_case JSON), not a webhook Twilio sends to your app.".into(),
        }
    }
}

/// A product whose requests reuse some of Twilio's names, and the signals that show it.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Product {
    /// Its name, as users know it.
    pub name: &'static str,
    /// A Twilio product (its requests carry Twilio SIDs) or another provider.
    pub twilio: bool,
    /// Any of these holding is positive evidence.
    signals: &'static [Cond],
}

impl Product {
    fn seen(&self, ev: &Evidence) -> String {
        self.signals
            .iter()
            .filter(|c| c.holds(ev))
            .map(|c| c.describe(ev, true))
            .take(3)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Products whose webhooks look like Twilio's. Data, not code: add a row to teach the
/// classifier another product.
static PRODUCTS: &[Product] = &[
    Product {
        name: "Conversations",
        twilio: true,
        signals: &[
            Has("ConversationSid"),
            Prefix("EventType", "on"),
            Prefix("MessageSid", "IM"),
            Has("ChatServiceSid"),
            Has("ParticipantSid"),
        ],
    },
    Product {
        name: "TaskRouter",
        twilio: true,
        signals: &[
            Has("WorkspaceSid"),
            Has("TaskSid"),
            Prefix("EventType", "task"),
        ],
    },
    Product {
        name: "Video",
        twilio: true,
        signals: &[Has("RoomSid"), Prefix("StatusCallbackEvent", "room-")],
    },
    Product {
        name: "Programmable Chat",
        twilio: true,
        signals: &[Has("ChannelSid"), Prefix("EventType", "on")],
    },
    Product {
        name: "Plivo",
        twilio: false,
        signals: &[
            Has("CallUUID"),
            Has("MessageUUID"),
            Has("ALegUUID"),
            Has("RequestUUID"),
        ],
    },
    Product {
        name: "Vonage (Nexmo)",
        twilio: false,
        signals: &[
            Has("msisdn"),
            Has("messageId"),
            Has("conversation_uuid"),
            Has("network-code"),
        ],
    },
    Product {
        name: "Telnyx",
        twilio: false,
        signals: &[
            Has("call_control_id"),
            Has("call_leg_id"),
            Has("event_type"),
        ],
    },
    Product {
        name: "jambonz",
        twilio: false,
        signals: &[
            Has("call_status"),
            Has("sip_status"),
            Has("originating_sip_ip"),
            Has("callStatus"),
            Has("sipStatus"),
        ],
    },
    Product {
        name: "Bandwidth",
        twilio: false,
        signals: &[Has("callId"), Has("eventType"), Has("applicationId")],
    },
];

/// The id parameters whose format says who sent the request.
const ID_PARAMS: &[&str] = &[
    "sid",
    "account_sid",
    "call_sid",
    "parent_call_sid",
    "CallSid",
    "AccountSid",
    "MessageSid",
    "SmsSid",
    "SmsMessageSid",
    "ParentCallSid",
    "RecordingSid",
    "ConferenceSid",
    "TranscriptionSid",
    "MessagingServiceSid",
];

/// How the request's ids look: Twilio SIDs, or another platform's (UUIDs).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct IdShapes {
    /// Ids shaped like Twilio SIDs.
    pub twilio: usize,
    /// Names of the ids in another platform's format.
    pub foreign: Vec<&'static str>,
}

impl IdShapes {
    fn of(ev: &Evidence) -> IdShapes {
        let mut out = IdShapes::default();
        for name in ID_PARAMS {
            let Some(v) = ev.get(name).map(str::trim) else {
                continue;
            };
            if ev.opaque.contains(name) {
                continue;
            }
            use crate::placeholder::{classify, is_sid_shaped, Placeholder};
            let class = classify(v, &crate::catalog::ValueType::Sid { prefixes: &[] });
            // SID-like, but with letters no hex digit has (`AC597c33she92…`).
            let beyond_hex = || {
                v.bytes()
                    .skip(2)
                    .any(|b| b.is_ascii_alphabetic() && !b.is_ascii_hexdigit())
            };
            match class {
                None if is_sid_shaped(v) => out.twilio += 1,
                // Exactly a SID's length: a platform minting SID-shaped ids of its own; any
                // other length of letter soup is a fixture's stand-in.
                None | Some(Placeholder::Fake) if v.len() == 34 && beyond_hex() => {
                    out.foreign.push(name)
                }
                Some(Placeholder::ForeignId) => out.foreign.push(name),
                _ => {}
            }
        }
        out
    }

    /// Several ids in another format (UUIDs, opaque tokens, SID-like ids with letters
    /// beyond hex) and none of Twilio's: a compatible platform.
    pub(crate) fn compatible_platform(&self) -> bool {
        self.twilio == 0 && self.foreign.len() >= 2
    }
}

/// Lookalike detection, on positive evidence: another product's parameters, another
/// provider's parameters with no Twilio SID, or a REST resource.
fn lookalike(ev: &Evidence, ids: &IdShapes) -> Option<Lookalike> {
    if ev
        .get("sid")
        .is_some_and(|v| v.trim().starts_with("SM") || v.trim().starts_with("MM"))
        && ev.format == InputFormat::Json
    {
        return Some(Lookalike::RestMessage);
    }
    // Another service's webhook that wraps the Message resource Twilio returned to it
    // (`"data": {"response": {"sid": "SM…", "account_sid": …}}`), and no webhook names.
    if ev.format == InputFormat::Json
        && ev.get("MessageSid").is_none()
        && ev.get("CallSid").is_none()
        && ev.pairs.iter().any(|(_, v)| nested_rest_message(v))
    {
        return Some(Lookalike::RestMessage);
    }
    let product = PRODUCTS
        .iter()
        .find(|p| p.signals.iter().any(|c| c.holds(ev)))?;
    if product.twilio {
        Some(Lookalike::TwilioProduct(product))
    } else {
        (ids.twilio == 0).then_some(Lookalike::OtherProvider(product))
    }
}

/// True when a nested object's text holds a REST Message resource: a `sid` of a message
/// next to `account_sid` (snake_case, as the REST API writes it).
fn nested_rest_message(v: &str) -> bool {
    let compact: String = v
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(64 * 1024)
        .collect();
    v.trim_start().starts_with('{')
        && compact.contains("\"account_sid\":")
        && (compact.contains("\"sid\":\"SM") || compact.contains("\"sid\":\"MM"))
}

/// The classifier's answer: the verdict, and why a lookalike was refused.
pub(crate) struct Classification {
    /// The kind, confidence, reasons and runner-up.
    pub verdict: KindVerdict,
    /// Set when the request was judged another product's or provider's.
    pub lookalike: Option<Lookalike>,
    /// The shapes of the request's ids.
    pub ids: IdShapes,
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
        };
    }
    // The catalog rows of each parameter, looked up once for all rules.
    let rows: Vec<Vec<&'static crate::catalog::ParamSpec>> = ev
        .pairs
        .iter()
        .map(|(n, _)| crate::catalog::rows_named(n).collect())
        .collect();
    let suspicious = lookalike(ev, &ids);
    let mut scored = score_rules(ev, &rows, false);
    // A compatible platform sends Twilio's parameters plus a few of its own (SignalWire's
    // status callbacks carry Body and NumMedia): those do not rule a kind out.
    let relaxed = scored.is_empty() && suspicious.is_none() && ids.compatible_platform();
    if relaxed {
        scored = score_rules(ev, &rows, true);
    }
    let verdict = match (scored.first(), suspicious) {
        (Some((score, rule, reasons)), None) => {
            let runner = scored.get(1).filter(|(s, _, _)| *s * 10 >= *score * 8);
            let confidence = confidence(*score, runner.map(|r| r.0));
            let mut reasons = reasons.clone();
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
                runner_up: runner.map(|(s, r, _)| RunnerUp {
                    id: kind_id(r.kind),
                    confidence: (i32::from(confidence) * (*s).max(0) / (*score).max(1))
                        .clamp(0, i32::from(confidence)) as u8,
                }),
            }
        }
        (None, None) => partial_guess(ev, &rows).unwrap_or_else(|| unknown(ev, None, None)),
        (best, Some(why)) => unknown(ev, Some(why.explain(ev)), best),
    };
    Classification {
        verdict,
        lookalike: suspicious,
        ids,
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

/// Every rule that fits, best first, with its score and reasons.
fn score_rules<'r>(
    ev: &Evidence,
    rows: &[Vec<&'static crate::catalog::ParamSpec>],
    extra_names_allowed: bool,
) -> Vec<(i32, &'r Rule, Vec<String>)> {
    let mut scored: Vec<(i32, &Rule, Vec<String>)> = Vec::new();
    for rule in RULES {
        if !rule.all.iter().all(|c| c.holds(ev)) {
            continue;
        }
        let any_hit: Vec<&Cond> = rule.any.iter().filter(|c| c.holds(ev)).collect();
        if !rule.any.is_empty() && any_hit.is_empty() {
            continue;
        }
        if rule
            .none
            .iter()
            .any(|c| c.holds(ev) && !(extra_names_allowed && matches!(c, Has(_))))
        {
            continue;
        }
        let boosts: Vec<&Cond> = rule.boost.iter().filter(|c| c.holds(ev)).collect();
        let score = 10 * rule.all.len() as i32
            + 6 * any_hit.len().min(2) as i32
            + 3 * boosts.len() as i32
            + catalog_fit(rule.kind, rows);
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
    scored
}

/// The unknown verdict, with the lookalike's explanation first when there is one.
fn unknown(
    ev: &Evidence,
    why: Option<String>,
    best: Option<&(i32, &Rule, Vec<String>)>,
) -> KindVerdict {
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
        runner_up: best.map(|(s, r, _)| RunnerUp {
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

/// When a partial capture fits several kinds equally well, the most common one wins.
const PARTIAL_PREFERENCE: &[&str] = &[
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

/// No rule fits: a partial capture (a log line that kept some parameters) still gets the
/// kind whose documented parameters explain it best, at a low confidence. Rare parameters
/// weigh more than ubiquitous ones (AccountSid, From, To).
fn partial_guess(
    ev: &Evidence,
    rows: &[Vec<&'static crate::catalog::ParamSpec>],
) -> Option<KindVerdict> {
    let weight = |r: &[&'static crate::catalog::ParamSpec]| {
        let kinds: std::collections::BTreeSet<&str> =
            r.iter().flat_map(|p| p.kinds.iter().copied()).collect();
        if kinds.is_empty() {
            0.0
        } else {
            1.0 / kinds.len() as f64
        }
    };
    let mut best: Option<(f64, &'static str, Vec<&str>)> = None;
    let mut runner: Option<(f64, &'static str)> = None;
    let mut seen_kinds: Vec<&str> = Vec::new();
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
        // A rule whose alternatives are all about values (whatsapp: addresses, a path)
        // needs them: a partial capture loses parameters, not the look of its values.
        let value_only = |c: &Cond| !matches!(c, Has(_));
        if !rule.any.is_empty()
            && rule.any.iter().all(value_only)
            && !rule.any.iter().any(|c| c.holds(ev))
            || rule.all.iter().any(|c| value_only(c) && !c.holds(ev))
        {
            continue;
        }
        let chain = crate::catalog::kind_chain(rule.kind);
        // A kind that only inherits the names (a transcription callback carries every
        // voice-request parameter) explains nothing of its own: its parent does.
        let own = ev
            .pairs
            .iter()
            .zip(rows)
            .any(|(_, r)| r.iter().any(|p| p.kinds.contains(&rule.kind)));
        if !own {
            continue;
        }
        let mut score = 0.0;
        let mut names = Vec::new();
        for ((name, _), r) in ev.pairs.iter().zip(rows) {
            if r.iter().any(|p| chain.iter().any(|k| p.kinds.contains(k))) {
                score += weight(r);
                if !names.contains(name) {
                    names.push(*name);
                }
            }
        }
        let documented = rows.iter().filter(|r| !r.is_empty()).count().max(1);
        // Most of the request's known names must belong to the kind.
        if names.len() < 2 || names.len() * 2 < documented {
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
    let (score, kind, names) = best?;
    // Parameters every kind carries say little, unless one is the id of a call or a
    // message: then it is that call's or message's webhook, of the most common kind.
    let identified = names
        .iter()
        .any(|n| ["CallSid", "MessageSid", "SmsSid", "SmsMessageSid"].contains(n));
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

#[cfg(test)]
mod tests {
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
