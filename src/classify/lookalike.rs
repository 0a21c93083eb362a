//! Lookalikes and id shapes: another Twilio product's or another provider's request that
//! reuses Twilio's names (refused on positive evidence only), and the ids that make a
//! Twilio-compatible platform.

use super::rules::Cond::{self, *};
use super::Evidence;
use crate::report::InputFormat;

/// Why a request that reuses Twilio's names is not a Programmable Voice / Messaging
/// webhook. Decided on positive evidence only: one odd value never makes a lookalike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lookalike {
    /// Another Twilio product's webhook (Conversations, TaskRouter, Video…).
    TwilioProduct(&'static Product),
    /// Another provider's webhook (its own parameter names, no Twilio SIDs).
    OtherProvider(&'static Product),
    /// A REST Message resource (the API's record of a message, in any printout), not a webhook.
    RestMessage,
    /// The REST API's answer to a failed request (`{"code": 21211, "message": …, "status":
    /// 400, "more_info": …}`): an error response, not a webhook.
    RestError,
    /// A read of the 2010 Messages list (`GET …/Messages.json?To=…&From=…`): the REST
    /// API's filters, not a message sent and not a webhook; the catalog has no kind for it.
    MessagesRead,
    /// A request to a Twilio REST resource the catalog does not describe (its path is
    /// `/2010-04-01/Accounts/…/Queues`, `…/Calls/CA…/Recordings`…), not a webhook.
    RestRequest,
    /// Another REST resource than a Call (its `sid` prefix names the object: `RM` a Video
    /// Room, `VE` a Verification, `RE` a Recording…), not a webhook.
    RestResource(&'static str),
}

impl Lookalike {
    /// One sentence for the kind's reasons.
    pub(crate) fn explain(&self, ev: &Evidence) -> String {
        match self {
            Lookalike::TwilioProduct(p) if p.voice => format!(
                "This is a Programmable Voice {} ({}): a callback the catalog does not describe, so no catalog kind is named and its parameters are listed but not checked.",
                p.name,
                p.seen(ev)
            ),
            Lookalike::TwilioProduct(p) => format!(
                "This is a Twilio {} webhook ({}), not a Programmable Voice or Messaging request; the catalog does not describe its parameters, so they are listed but not checked.",
                p.name,
                p.seen(ev)
            ),
            Lookalike::OtherProvider(p) => format!(
                "This looks like a {} webhook ({}) and carries no Twilio SIDs: another provider, not Twilio.",
                p.name,
                p.seen(ev)
            ),
            Lookalike::RestMessage => "This is a REST Message resource (what the API returns for a message), not a webhook Twilio sends to your app.".into(),
            Lookalike::RestError => format!(
                "This is an error response of Twilio's REST API (error {}, HTTP status {}): what the API answers a request it refused, not a webhook Twilio sends to your app.",
                ev.get("code").map_or("", str::trim),
                ev.get("status").map_or("?", str::trim)
            ),
            Lookalike::MessagesRead => {
                let filters: Vec<&str> = ev.pairs.iter().map(|(n, _)| *n).collect();
                let by = match filters.split_last() {
                    None => String::new(),
                    Some((only, [])) => format!(" filtered by {only}"),
                    Some((last, rest)) => format!(" filtered by {} and {last}", rest.join(", ")),
                };
                format!(
                    "This reads the Messages list{by} (GET …/Messages.json, the REST API's list of an account's messages): a request an app sends to Twilio, not a webhook. The catalog has no kind for this read; its filters are listed but not checked."
                )
            }
            Lookalike::RestRequest => match ev.path.and_then(super::rules::other_rest_resource) {
                Some(resource) => format!(
                    "This is a request to Twilio's REST API for {resource} (its path says so), a resource the catalog does not describe (its REST kinds are the Calls resource and the 2010 Messages list): not a webhook Twilio sends."
                ),
                None => format!(
                    "This is a request to Twilio's {} REST API ({}), which the catalog does not describe: not a webhook Twilio sends.",
                    other_api_host(ev).unwrap_or_default(),
                    ev.url.and_then(host_of).unwrap_or_default()
                ),
            },
            Lookalike::RestResource(object) => format!(
                "This is a REST resource whose sid ({}…) names a {object}: what the API returns for it, not a Call resource and not a webhook Twilio sends to your app.",
                ev.get("sid").map_or("", |v| v.trim().get(..2).unwrap_or(""))
            ),
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
    /// A Programmable Voice callback the catalog does not describe (a TwiML noun's status
    /// callback), rather than another product's webhook.
    pub voice: bool,
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
        voice: false,
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
        voice: false,
        signals: &[
            Has("WorkspaceSid"),
            Has("TaskSid"),
            Has("WorkerSid"),
            Has("WorkflowSid"),
            Has("TaskQueueSid"),
            Has("WorkerActivityName"),
            Has("TaskAttributes"),
            Has("WorkerAttributes"),
            Prefix("EventType", "task"),
            Prefix("EventType", "worker."),
            Prefix("EventType", "workflow."),
            Prefix("EventType", "reservation."),
        ],
    },
    Product {
        name: "Regulatory Compliance (bundles)",
        twilio: true,
        voice: false,
        signals: &[
            Has("BundleSid"),
            Has("EndUserSid"),
            Has("SupportingDocumentSid"),
        ],
    },
    Product {
        // Video's Rooms, Recordings and Compositions status callbacks (form-encoded, like
        // Voice's): room, participant, track, recording, composition and transcription
        // events. Conference callbacks' events (`participant-join`, `conference-end`…) and
        // Voice recording callbacks (`RecordingStatus`, no event) share none of these.
        name: "Video",
        twilio: true,
        voice: false,
        signals: &[
            Has("RoomSid"),
            Has("RoomName"),
            Has("RoomStatus"),
            Has("RoomType"),
            Has("RoomDuration"),
            Has("ParticipantIdentity"),
            Has("ParticipantStatus"),
            Has("ParticipantDuration"),
            Has("TrackSid"),
            Has("TrackKind"),
            Has("CompositionSid"),
            Has("CompositionStatus"),
            Prefix("StatusCallbackEvent", "room-"),
            Prefix("StatusCallbackEvent", "track-"),
            Prefix("StatusCallbackEvent", "composition-"),
            Prefix("StatusCallbackEvent", "recording-"),
            Prefix("StatusCallbackEvent", "transcription-"),
            OneOf(
                "StatusCallbackEvent",
                &["participant-connected", "participant-disconnected"],
            ),
        ],
    },
    // Programmable Voice callbacks of TwiML nouns the catalog does not describe. Each has
    // names of its own beside CallSid and AccountSid, so a partial-capture guess would
    // otherwise take it for a call's status callback.
    Product {
        // <Start><Stream> / <Connect><Stream> statusCallback (docs: voice/twiml/stream).
        name: "<Stream> (Media Streams) status callback",
        twilio: true,
        voice: true,
        signals: &[
            Has("StreamSid"),
            Has("StreamEvent"),
            Has("StreamName"),
            Has("StreamError"),
        ],
    },
    Product {
        // <Start><Transcription> statusCallbackUrl (docs: voice/twiml/transcription):
        // real-time transcription events, not a <Record> transcription's callback.
        name: "<Transcription> (real-time transcription) callback",
        twilio: true,
        voice: true,
        signals: &[Has("TranscriptionEvent"), Has("TranscriptionData")],
    },
    Product {
        // <Start><Siprec> statusCallback (changelog 2023-07-28: SIPREC status callbacks).
        name: "<Siprec> status callback",
        twilio: true,
        voice: true,
        signals: &[
            Has("SiprecSid"),
            Has("SiprecEvent"),
            Has("SiprecError"),
            Has("SiprecErrorCode"),
        ],
    },
    Product {
        // <Pay> (docs: voice/twiml/pay): its action request carries the call's parameters
        // plus the outcome (Result, PaymentConfirmationCode, a masked PaymentCardNumber,
        // PaymentToken, PaymentError, PayErrorCode, ConnectorError…); its statusCallback
        // reports progress (For, Capture, PartialResult, Required, ErrorType). A Voice
        // request would otherwise claim the action, a call's status callback the progress.
        name: "<Pay> action or status callback",
        twilio: true,
        voice: true,
        signals: &[
            Has("PaymentConfirmationCode"),
            Has("PaymentCardNumber"),
            Has("PaymentCardType"),
            Has("PaymentCardPostalCode"),
            Has("PaymentToken"),
            Has("PaymentMethod"),
            Has("PaymentError"),
            Has("PayErrorCode"),
            Has("ConnectorError"),
            Has("BankAccountNumber"),
            Has("BankRoutingNumber"),
            All(&[Has("Capture"), Has("PartialResult")]),
            All(&[Has("For"), Has("Required")]),
        ],
    },
    Product {
        // <Connect><ConversationRelay> (docs: voice/conversationrelay/websocket-messages):
        // the JSON messages Twilio sends over the relay's WebSocket, not HTTP requests:
        // `setup` names the call in camelCase (callSid, from, to, direction) beside the
        // session's id (VX…), which a call record's printout would otherwise claim;
        // `prompt` carries the caller's words, `interrupt` where the caller cut in.
        name: "<ConversationRelay> WebSocket message",
        twilio: true,
        voice: true,
        signals: &[
            Prefix("sessionId", "VX"),
            Has("voicePrompt"),
            Has("utteranceUntilInterrupt"),
            Has("durationUntilInterruptMs"),
        ],
    },
    Product {
        // Voice SDK Call Message Events (docs: voice/api/userdefinedmessagesubscription-
        // resource): the subscription's Callback gets each message the SDK sent during the
        // call, with the call's ids, the message's own id (KX…), its Content and ContentType
        // and a SequenceNumber — which a call's or a conference's callback also carries.
        name: "user-defined message (Voice SDK Call Message Events) callback",
        twilio: true,
        voice: true,
        signals: &[
            Has("UserDefinedMessageSid"),
            Has("UserDefinedMessageSubscriptionSid"),
            Prefix("Sid", "KX"),
            All(&[Has("Content"), Has("ContentType"), Has("CallSid")]),
        ],
    },
    Product {
        // Sync service webhooks (docs: sync/webhooks): EventType names the object and
        // what happened to it (document_updated, map_item_added…).
        name: "Sync",
        twilio: true,
        voice: false,
        signals: &[
            Prefix("EventType", "document_"),
            Prefix("EventType", "list_"),
            Prefix("EventType", "map_"),
            Prefix("EventType", "stream_"),
            Has("DocumentSid"),
            Has("ListItemIndex"),
            Has("MapItemKey"),
        ],
    },
    Product {
        // Programmable Fax (discontinued; old captures remain): incoming-fax and status
        // callbacks carry From/To like a call, and a fax's own names.
        name: "Programmable Fax",
        twilio: true,
        voice: false,
        signals: &[Has("FaxSid"), Has("FaxStatus"), Has("RemoteStationId")],
    },
    Product {
        name: "Programmable Chat",
        twilio: true,
        voice: false,
        signals: &[Has("ChannelSid"), Prefix("EventType", "on")],
    },
    Product {
        // Event Streams delivers CloudEvents; their data names the event (`eventName`) and
        // its schema lives on Twilio's events-schemas host.
        name: "Event Streams",
        twilio: true,
        voice: false,
        signals: &[
            Prefix("eventName", "com.twilio."),
            Prefix("dataschema", "https://events-schemas.twilio.com/"),
            // The CloudEvent's own type (`com.twilio.voice.insights.call-summary.complete`).
            Prefix("type", "com.twilio."),
        ],
    },
    Product {
        name: "Verify",
        twilio: true,
        voice: false,
        signals: &[Has("verification_sid"), Has("VerificationSid")],
    },
    Product {
        name: "Plivo",
        twilio: false,
        voice: false,
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
        voice: false,
        signals: &[
            Has("msisdn"),
            Has("messageId"),
            Has("conversation_uuid"),
            Has("network-code"),
            // The Messages API: its request (`message_type` and `channel`) and the status and
            // inbound webhooks, whose id is `message_uuid`.
            All(&[Has("message_type"), Has("channel")]),
            Has("message_uuid"),
        ],
    },
    Product {
        name: "Telnyx",
        twilio: false,
        voice: false,
        // Its ids, in the snake_case of its Call Control webhooks and the camelCase of its
        // WebSocket frames (its ConversationRelay setup frame copies Twilio's `callSid` and
        // `callStatus` beside them).
        signals: &[
            Has("call_control_id"),
            Has("call_leg_id"),
            Has("event_type"),
            Has("callControlId"),
            Has("callLegId"),
            Has("callSessionId"),
        ],
    },
    Product {
        name: "jambonz",
        twilio: false,
        voice: false,
        // Its SIP fields are its own; a call status in its spelling only counts beside its
        // call id (an app's own test format says `callStatus` too).
        signals: &[
            All(&[Has("call_status"), Has("call_sid")]),
            Has("sip_status"),
            Has("originating_sip_ip"),
            All(&[Has("callStatus"), Has("callSid")]),
            Has("sipStatus"),
        ],
    },
    Product {
        // sipgate.io's call events (`newCall`, `answer`, `hangup`): `event` and `callId`.
        name: "sipgate.io",
        twilio: false,
        voice: false,
        signals: &[All(&[Has("event"), Has("callId")])],
    },
    Product {
        name: "Bandwidth",
        twilio: false,
        voice: false,
        // `callId` alone is many providers' name (sipgate.io's, for one): with Bandwidth's
        // `accountId` beside it, it is Bandwidth's.
        signals: &[
            All(&[Has("callId"), Has("accountId")]),
            Has("eventType"),
            Has("applicationId"),
        ],
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

/// The parameter names other products' and providers' requests are known by: the
/// salvage search of program text looks for them too, so a lookalike is found and named.
pub(crate) fn product_names() -> impl Iterator<Item = &'static str> {
    PRODUCTS
        .iter()
        .flat_map(|p| p.signals.iter())
        .filter_map(|c| match c {
            Has(n) | Prefix(n, _) => Some(*n),
            _ => None,
        })
}

/// The names whose mere presence shows another Twilio product (`WorkspaceSid`, `TaskSid`,
/// `ConversationSid`…), without the names it shares with Voice and Messaging.
pub(crate) fn twilio_product_names() -> impl Iterator<Item = &'static str> {
    PRODUCTS
        .iter()
        .filter(|p| p.twilio)
        .flat_map(|p| p.signals.iter())
        .filter_map(|c| match c {
            Has(n) => Some(*n),
            _ => None,
        })
}

/// How the request's ids look: Twilio SIDs, or another platform's (UUIDs).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct IdShapes {
    /// Ids shaped like Twilio SIDs.
    pub twilio: usize,
    /// Names of the ids in another platform's format.
    pub foreign: Vec<&'static str>,
}

impl IdShapes {
    pub(super) fn of(ev: &Evidence) -> IdShapes {
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
        // An API version Twilio never had (Restcomm-style platforms answer as
        // `2012-04-24`): the platform's own, as its ids are.
        for name in ["ApiVersion", "api_version"] {
            let v = ev.get(name).map_or("", str::trim);
            let date = v.len() == 10
                && v.bytes().enumerate().all(|(i, b)| {
                    if i == 4 || i == 7 {
                        b == b'-'
                    } else {
                        b.is_ascii_digit()
                    }
                });
            if date && v != "2010-04-01" && v != "2008-08-01" {
                out.foreign.push(name);
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
pub(super) fn lookalike(ev: &Evidence, ids: &IdShapes) -> Option<Lookalike> {
    if ev
        .get("sid")
        .is_some_and(|v| v.trim().starts_with("SM") || v.trim().starts_with("MM"))
        && ev.format == InputFormat::Json
    {
        return Some(Lookalike::RestMessage);
    }
    // A Message resource whose `sid` is a stand-in (`"sid": "sid"` in a mocked API
    // response): the snake_case fields only the resource has say what it is.
    if ev.format == InputFormat::Json
        && ev.get("account_sid").is_some()
        && ["num_segments", "num_media", "messaging_service_sid"]
            .iter()
            .filter(|n| ev.get(n).is_some())
            .count()
            >= 2
    {
        return Some(Lookalike::RestMessage);
    }
    // The REST API's error response: a Twilio error code (five digits), a message and the
    // HTTP status (or the documentation link Twilio adds as more_info).
    let digits = |v: &str, n: std::ops::RangeInclusive<usize>| {
        let v = v.trim();
        n.contains(&v.len()) && v.bytes().all(|b| b.is_ascii_digit())
    };
    if ev.format == InputFormat::Json
        && ev.get("code").is_some_and(|c| digits(c, 5..=5))
        && ev.get("message").is_some()
        && (ev.get("status").is_some_and(|s| digits(s, 3..=3)) || ev.get("more_info").is_some())
    {
        return Some(Lookalike::RestError);
    }
    // The 2008 SMS resource in XML (`<TwilioResponse><SMSMessage><Sid>SM…`).
    if ev.format == InputFormat::Xml
        && ev
            .get("Sid")
            .is_some_and(|v| v.trim().starts_with("SM") || v.trim().starts_with("MM"))
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
    if ev
        .path
        .and_then(super::rules::other_rest_resource)
        .is_some()
        || other_api_host(ev).is_some()
    {
        return Some(Lookalike::RestRequest);
    }
    // The Messages list read: its path, no POST, and only the list's filters (a create
    // writes To with a Body, MediaUrl or ContentSid; the read takes To and From as filters).
    if ev.path.is_some_and(super::rules::is_messages_list)
        && ev.method.is_none_or(|m| !m.eq_ignore_ascii_case("POST"))
        && ev
            .pairs
            .iter()
            .all(|(n, _)| crate::catalog::MESSAGES_LIST_FILTERS.contains(n))
    {
        return Some(Lookalike::MessagesRead);
    }
    if let Some(object) = rest_resource_object(ev) {
        return Some(Lookalike::RestResource(object));
    }
    // The product most of whose signals hold: a Video participant event carries
    // ParticipantSid, which Conversations also sends, and a dozen names only Video sends.
    // Equal counts go to the earlier row.
    let (product, _) = PRODUCTS
        .iter()
        .map(|p| (p, p.signals.iter().filter(|c| c.holds(ev)).count()))
        .filter(|(_, n)| *n > 0)
        .fold(None, |best: Option<(&Product, usize)>, (p, n)| match best {
            Some((_, b)) if b >= n => best,
            _ => Some((p, n)),
        })?;
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

/// The object a REST resource's `sid` names, when it is not a Call: the snake_case `sid`
/// of a resource (next to `account_sid`, `status` or `date_created`, as the Call resource
/// rule asks) that is a real SID whose prefix the catalog names for another object. A
/// stand-in (`{{sid}}`, `RE123`) names nothing and is left to the rules.
fn rest_resource_object(ev: &Evidence) -> Option<&'static str> {
    let sid = ev.get("sid")?.trim();
    if !crate::placeholder::is_sid_shaped(sid)
        || !["account_sid", "status", "date_created"]
            .iter()
            .any(|n| ev.get(n).is_some())
    {
        return None;
    }
    let prefix = sid.get(..2)?;
    if prefix == "CA" {
        return None;
    }
    crate::catalog::sid_object(prefix)
}

/// Twilio's REST APIs on hosts of their own (`conversations.twilio.com/v1/…`). Not
/// `api.twilio.com` (its paths are read by [`super::rules::other_rest_resource`]), nor the
/// hosts Twilio posts webhooks to on an app's behalf (`webhooks.twilio.com` for Studio,
/// `handler.twilio.com` for TwiML Bins).
const OTHER_API_HOSTS: &[&str] = &[
    "accounts",
    "chat",
    "content",
    "conversations",
    "events",
    "fax",
    "flex-api",
    "insights",
    "intelligence",
    "ip-messaging",
    "lookups",
    "messaging",
    "monitor",
    "notify",
    "numbers",
    "pricing",
    "proxy",
    "serverless",
    "studio",
    "supersim",
    "sync",
    "taskrouter",
    "trunking",
    "trusthub",
    "verify",
    "video",
    "voice",
    "wireless",
];

/// The host of an absolute URL (`user@` and `:port` dropped).
fn host_of(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    Some(host.split(':').next().unwrap_or(host))
}

/// The API a request to one of Twilio's other REST hosts is for (`conversations`), from
/// its URL's host (`conversations.twilio.com`, or a regional `….us1.twilio.com`).
fn other_api_host(ev: &Evidence) -> Option<&'static str> {
    let host = ev.url.and_then(host_of)?;
    let lower = host.to_ascii_lowercase();
    if !lower.ends_with(".twilio.com") {
        return None;
    }
    let first = lower.split('.').next()?;
    OTHER_API_HOSTS.iter().find(|h| **h == first).copied()
}
