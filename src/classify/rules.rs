//! The detection rules: one row per reportable kind (conditions that must hold, that count
//! in its favour, that rule it out), and the REST paths they look at.

use super::Evidence;
use crate::catalog::ApiVersion;
use crate::report::InputFormat;

/// A Twilio REST path of the Calls resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RestPath {
    /// `None` when the version segment is a template left in (`/%s/Accounts/…`, as a
    /// helper library's example builds the path from a constant).
    pub version: Option<ApiVersion>,
    /// `Some(CallSid)` for `/Calls/CA…`, `None` for the list.
    pub call_sid: Option<String>,
}

impl RestPath {
    pub(crate) fn parse(path: &str) -> Option<RestPath> {
        let path = path.split(['?', '#']).next().unwrap_or("");
        let mut segs = path.trim_start_matches('/').split('/');
        // Twilio-compatible REST APIs serve the same paths under a prefix of their own
        // (SignalWire: `/api/laml/2010-04-01/Accounts/…`), as the Messages list check
        // allows: the version is the first segment that comes before `Accounts`.
        let mut first = segs.next()?;
        for _ in 0..2 {
            if path_version(first).is_some() {
                break;
            }
            first = segs.next()?;
        }
        let version = path_version(first)?;
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

/// The resource of a Twilio REST path (`/2010-04-01/Accounts/{AccountSid}/…`, under a
/// compatible platform's prefix too) that the catalog does not describe: anything but the
/// Calls list, a Call instance and the Messages list (`Conferences/CF…/Participants`,
/// `Calls/CA…/Recordings`, `Queues`, `IncomingPhoneNumbers/PN…`). Ids are shown as `{sid}`.
pub(super) fn other_rest_resource(path: &str) -> Option<String> {
    if RestPath::parse(path).is_some() || is_messages_list(path) {
        return None;
    }
    let path = path.split(['?', '#']).next().unwrap_or("");
    let segs: Vec<&str> = path.trim_matches('/').split('/').collect();
    let at = segs
        .windows(2)
        .take(3)
        .position(|w| path_version(w[0]).is_some() && w[1] == "Accounts")?;
    // Twilio's resource names are capitalised (Queues, SMS, IncomingPhoneNumbers): an
    // app's own route that happens to look versioned (`…/sms`) is not one.
    let rest = segs.get(at + 3..).filter(|r| {
        r.first()
            .is_some_and(|f| f.starts_with(|c: char| c.is_ascii_uppercase()))
    })?;
    let shown: Vec<&str> = rest
        .iter()
        .map(|seg| {
            let seg = seg.split('.').next().unwrap_or(seg);
            let id = crate::placeholder::is_sid_shaped(seg)
                || seg.starts_with(['{', '$', '<', ':', '%']);
            if id {
                "{sid}"
            } else {
                seg
            }
        })
        .collect();
    Some(shown.join("/"))
}

/// A path's version segment: `Some(Some(v))` for an API version, `Some(None)` for a
/// template left in its place (`%s`, `${VERSION}`, `{version}`…), `None` otherwise.
fn path_version(seg: &str) -> Option<Option<ApiVersion>> {
    let version = ApiVersion::parse(seg);
    let template = ["%s", "$", "{", "#{", "<"]
        .iter()
        .any(|t| seg.starts_with(t));
    (version.is_some() || template).then_some(version)
}

/// `/2010-04-01/Accounts/{AccountSid}/Messages(.json)`: the list a message is created in.
pub(super) fn is_messages_list(path: &str) -> bool {
    let path = path.split(['?', '#']).next().unwrap_or("");
    let segs: Vec<&str> = path.trim_matches('/').split('/').collect();
    segs.len() >= 4
        && segs[segs.len() - 4..segs.len() - 2] == ["2010-04-01", "Accounts"][..]
        && segs[segs.len() - 1].split('.').next() == Some("Messages")
}

/// One condition in a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cond {
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
    /// At least one of these holds (a partial capture's guess needs it too: it is not a
    /// name that a cut capture may have lost, but the evidence the rule stands on).
    AnyOf(&'static [Cond]),
    /// A name the catalog documents, but for none of this kind's chain, is present (names
    /// the catalog does not know, such as an app's own, do not count).
    Beyond(&'static str),
}

impl Cond {
    pub(super) fn holds(&self, ev: &Evidence) -> bool {
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
                .is_some_and(|p| p.version.is_none_or(|x| x == v) && p.call_sid.is_none()),
            Cond::CallPath(v) => ev
                .rest_path()
                .is_some_and(|p| p.version.is_none_or(|x| x == v) && p.call_sid.is_some()),
            Cond::MessagesList => ev.path.is_some_and(is_messages_list),
            Cond::All(conds) => conds.iter().all(|c| c.holds(ev)),
            Cond::AnyOf(conds) => conds.iter().any(|c| c.holds(ev)),
            Cond::Beyond(kind) => beyond(ev, kind).is_some(),
        }
    }

    pub(super) fn describe(&self, ev: &Evidence, present: bool) -> String {
        let shown = |n: &str| {
            ev.get(n)
                .map(|v| {
                    // The first 40 characters of the value.
                    let end = v.char_indices().nth(40).map_or(v.len(), |(i, _)| i);
                    crate::check::concat(&[n, "=", &v[..end]])
                })
                .unwrap_or_else(|| n.to_string())
        };
        match (*self, present) {
            (Cond::Has(n), true) => crate::check::concat(&["has ", n]),
            (Cond::Has(n), false) => crate::check::concat(&["no ", n]),
            (Cond::Eq(n, _) | Cond::Prefix(n, _) | Cond::OneOf(n, _), true) => shown(n),
            (Cond::Eq(n, v), false) => format!("{n} is not {v}"),
            (Cond::Prefix(n, p), false) => format!("{n} does not start with {p}"),
            (Cond::OneOf(n, _), false) => format!("{n} is not one of the values that rule it out"),
            (Cond::Format(f), true) => format!("input is {}", f.id()),
            (Cond::Format(f), false) => format!("input is not {}", f.id()),
            (Cond::Method(m), true) => format!("method is {m}"),
            (Cond::Method(m), false) => format!("method is not {m}"),
            (Cond::CallsList(_), true) if ev.rest_path().is_some_and(|p| p.version.is_none()) => {
                "path is a Calls list (its version is a template left in)".into()
            }
            (Cond::CallsList(v), true) => format!("path is the {} Calls list", v.as_str()),
            (Cond::CallPath(v), true) => format!("path is a {} Call instance", v.as_str()),
            (Cond::MessagesList, true) => "path is the Messages list".into(),
            (Cond::CallsList(_) | Cond::CallPath(_) | Cond::MessagesList, false) => {
                "path does not match".into()
            }
            (Cond::Beyond(kind), true) => match beyond(ev, kind) {
                Some(n) => format!("has {n}, which a {kind} does not carry"),
                None => format!("has a parameter a {kind} does not carry"),
            },
            (Cond::Beyond(kind), false) => format!("no parameter a {kind} does not carry"),
            (Cond::AnyOf(conds), true) => conds
                .iter()
                .filter(|c| c.holds(ev))
                .map(|c| c.describe(ev, true))
                .collect::<Vec<_>>()
                .join(", "),
            (Cond::AnyOf(conds), false) => conds
                .iter()
                .map(|c| c.describe(ev, false))
                .collect::<Vec<_>>()
                .join(" and "),
            (Cond::All(conds), present) => conds
                .iter()
                .map(|c| c.describe(ev, present))
                .collect::<Vec<_>>()
                .join(" and "),
        }
    }
}

/// The first name (in wire order) the catalog documents for some kind but not for `kind` or
/// the kinds it inherits from.
fn beyond<'a>(ev: &Evidence<'a>, kind: &str) -> Option<&'a str> {
    let covered = crate::catalog::coverage(kind);
    ev.pairs.iter().map(|(n, _)| *n).find(|n| {
        let mut rows = crate::catalog::rows_named(n).peekable();
        rows.peek().is_some() && !rows.any(&covered)
    })
}

/// A detection rule for one reportable kind.
pub(super) struct Rule {
    pub(super) kind: &'static str,
    /// Every one must hold.
    pub(super) all: &'static [Cond],
    /// At least one must hold (when non-empty).
    pub(super) any: &'static [Cond],
    /// None may hold.
    pub(super) none: &'static [Cond],
    /// Each one that holds adds weight.
    pub(super) boost: &'static [Cond],
}

use Cond::*;
use InputFormat as F;

const V08: ApiVersion = ApiVersion::V2008;
const V10: ApiVersion = ApiVersion::V2010;
const MSG_SID: &[Cond] = &[Has("MessageSid"), Has("SmsSid"), Has("SmsMessageSid")];
const VOICE_ACTION_NONE: &[Cond] = &[Has("MessageSid"), Has("SmsSid"), Format(F::Xml)];
pub(super) const TERMINAL: &[&str] = &["completed", "busy", "failed", "no-answer", "canceled"];

/// Call statuses of a call that never reached TwiML (not yet placed, or never answered):
/// only a status callback reports them, no request for instructions does.
const NEVER_FETCHES_TWIML: &[&str] = &[
    "queued",
    "initiated",
    "busy",
    "failed",
    "no-answer",
    "canceled",
];

/// The detection table. Order matters only for ties (earlier wins).
pub(super) static RULES: &[Rule] = &[
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
            // The status callback of a call created with Record=true carries RecordingUrl,
            // RecordingSid and RecordingDuration too; only status callbacks carry these.
            Has("CallbackSource"),
            Has("CallDuration"),
            Has("Timestamp"),
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
    // AsyncAmdStatusCallback posts CallSid, AccountSid, AnsweredBy and
    // MachineDetectionDuration, nothing else: a capture that kept the call and the verdict
    // and no name another kind of call request carries (CallStatus, From, To, Direction,
    // ApiVersion…) is that callback, even without the duration. Synchronous AMD puts
    // AnsweredBy on a voice request, which always carries some of those names.
    Rule {
        kind: "amd-callback",
        all: &[Has("AnsweredBy"), Has("CallSid")],
        any: &[],
        none: &[Beyond("amd-callback")],
        boost: &[Has("AccountSid"), Has("MachineDetectionDuration")],
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
            OneOf("CallStatus", NEVER_FETCHES_TWIML),
        ],
        none: &[
            Has("Digits"),
            Has("SpeechResult"),
            Has("DialCallStatus"),
            // A recording's URL is an action's or a recording callback's, unless names only
            // status callbacks carry come with it (the rule below).
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
    // A call created with Record=true reports its recording (RecordingUrl, RecordingSid,
    // RecordingDuration) in its status callbacks: with a name only status callbacks carry,
    // a RecordingUrl does not make a <Record> action.
    Rule {
        kind: "voice-status-callback",
        all: &[
            Has("CallSid"),
            Has("CallStatus"),
            Has("RecordingUrl"),
            AnyOf(&[
                Has("CallbackSource"),
                Has("CallDuration"),
                Has("Timestamp"),
                Has("SequenceNumber"),
            ]),
        ],
        any: &[],
        none: &[
            Has("Digits"),
            Has("SpeechResult"),
            Has("DialCallStatus"),
            Has("RecordingStatus"),
            Has("TranscriptionSid"),
            Has("TranscriptionText"),
            Eq("ApiVersion", "2008-08-01"),
            Format(F::Xml),
        ],
        boost: &[
            Eq("CallbackSource", "call-progress-events"),
            OneOf("CallStatus", TERMINAL),
            Has("RecordingSid"),
            Has("RecordingDuration"),
            Has("Duration"),
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
            // A call's duration is known only once it ended: a status callback's.
            Has("CallDuration"),
            Has("CallbackSource"),
            // Only status callbacks stamp the event's time (voice and conference ones).
            Has("Timestamp"),
            // The request for a live call's TwiML is made while it rings or is answered; a
            // final status is a status callback's (or, after a hang-up, an action's, which
            // carries names of its own).
            OneOf("CallStatus", TERMINAL),
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
            // The sender's WhatsApp id: only WhatsApp messages carry it.
            Has("WaId"),
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
        // An inbound message says `received`; NumMedia alone proves nothing (MMS status
        // callbacks and compatible platforms carry it).
        none: &[
            Has("CallSid"),
            Eq("SmsStatus", "received"),
            Eq("MessageStatus", "received"),
        ],
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
