//! Lifecycles as data: the statuses a call, a message, a recording, a transcription, an
//! answering-machine detection and a conference go through, in order, and which of them
//! end the lifecycle. The timeline reads these tables; no lifecycle rule is written in code.
//!
//! Sources (own words): Twilio's Call resource and call status callbacks (queued → initiated
//! → ringing → in-progress → completed | busy | no-answer | failed | canceled; child legs of
//! `<Dial>` skip queued), the outbound message status order (queued/accepted/scheduled →
//! sending → sent → delivered | partially_delivered | undelivered | failed, then read for
//! WhatsApp; canceled for scheduled messages; receiving → received inbound), the recording
//! status callback (in-progress → completed | absent | failed), the transcription callback
//! and the conference status callback events (conference-start … conference-end).

/// One status of a lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct State {
    /// The status value as Twilio sends it (`in-progress`, `delivered`…).
    pub name: &'static str,
    /// Position in the lifecycle: a callback of lower rank never follows one of higher rank.
    pub rank: u8,
    /// True when the lifecycle ends here.
    pub terminal: bool,
    /// True when the status may legitimately arrive several times (participant-join…).
    pub repeatable: bool,
    /// Statuses that may still follow this terminal one (WhatsApp `read` after `delivered`).
    pub then: &'static [&'static str],
    /// Statuses this one never follows, whatever their rank: a call answered
    /// (`in-progress`) ends `completed`, never `busy`, `no-answer`, `failed` or `canceled`,
    /// which all say it was not answered; a message is `canceled` only while `scheduled`.
    pub not_after: &'static [&'static str],
}

/// One lifecycle: which parameter carries the status, and its states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lifecycle {
    /// Stable id (`call`, `message`, `recording`, `transcription`, `amd`, `conference`).
    pub id: &'static str,
    /// The webhook kinds whose callbacks follow this lifecycle.
    pub kinds: &'static [&'static str],
    /// Kinds that stand for this lifecycle's callback when they carry one of its terminal
    /// statuses: a request that names only the SID and a final status (`CallSid`,
    /// `CallStatus=completed`) reads as a generic voice request, but Twilio asks for TwiML
    /// only while a call is live, so a final status comes from a status callback.
    pub terminal_kinds: &'static [&'static str],
    /// `(parameter, value)` pairs that mark a capture as this lifecycle's callback whatever
    /// kind it was read as: Twilio documents `CallbackSource=call-progress-events` on every
    /// call status callback, so one that also carries other parameters (`DialCallStatus`,
    /// as TeXML-compatible platforms add) is still a status callback.
    pub marks: &'static [(&'static str, &'static str)],
    /// The parameters that carry the status, first present wins.
    pub params: &'static [&'static str],
    /// The parameter naming the resource a callback is about when it is not the group's own
    /// SID: a call may hold several recordings and transcriptions, each with its own
    /// lifecycle (`RecordingSid`, `TranscriptionSid`). Empty when the group's SID is it.
    pub resource: &'static [&'static str],
    /// Every documented status, in lifecycle order.
    pub states: &'static [State],
}

impl Lifecycle {
    /// The state named `status` (case-insensitive), if documented.
    pub fn state(&self, status: &str) -> Option<&'static State> {
        self.states
            .iter()
            .find(|s| s.name.eq_ignore_ascii_case(status.trim()))
    }

    /// True when the two statuses cannot both belong to one lifecycle, in either order:
    /// two different outcomes, or an outcome that excludes the other status (`no-answer`
    /// and `in-progress`).
    pub fn exclusive(&self, a: &State, b: &State) -> bool {
        let excludes = |x: &State, y: &State| x.not_after.contains(&y.name);
        excludes(a, b)
            || excludes(b, a)
            || (a.terminal && b.terminal && !self.may_follow(a, b) && !self.may_follow(b, a))
    }

    /// True when `next` may follow `prev` (both documented).
    pub fn may_follow(&self, prev: &State, next: &State) -> bool {
        if next.not_after.contains(&prev.name) {
            return false;
        }
        if prev.terminal {
            return prev.then.contains(&next.name) || (prev.name == next.name && prev.repeatable);
        }
        next.rank >= prev.rank
    }
}

const fn st(name: &'static str, rank: u8) -> State {
    State {
        name,
        rank,
        terminal: false,
        repeatable: false,
        then: &[],
        not_after: &[],
    }
}

const fn end(name: &'static str, rank: u8) -> State {
    State {
        name,
        rank,
        terminal: true,
        repeatable: false,
        then: &[],
        not_after: &[],
    }
}

const fn again(name: &'static str, rank: u8) -> State {
    State {
        name,
        rank,
        terminal: false,
        repeatable: true,
        then: &[],
        not_after: &[],
    }
}

/// Webhooks Twilio sends once for the SID they name, outside any lifecycle lane: the
/// incoming-message webhook (one request per received MessageSid). The same request twice
/// is one message delivered twice (a retry after a timeout or a dropped connection, or a
/// replay), which a handler keyed on the MessageSid processes once.
pub static ONCE_PER_SID_KINDS: &[&str] = &[
    "messaging-request",
    "messaging-request-legacy",
    "whatsapp-request",
];

/// What Twilio never changes about a message once it exists: every capture of one
/// MessageSid (the incoming-message webhook, its retries, every status callback) that
/// carries one of these parameters carries the same value. Different values for one SID mean
/// captures of different messages were mixed, or a log was edited. `To` is compared without
/// its channel prefix (`whatsapp:`, `rcs:`…), and `From` is left out: a message that falls
/// back from RCS to SMS keeps its SID but changes sender.
pub static MESSAGE_FIXED_PARAMS: &[&str] = &["AccountSid", "Body", "To", "NumMedia", "MediaUrl0"];

/// The call status that says the call was answered.
const ANSWERED: &[&str] = &["in-progress"];

/// Every lifecycle the timeline knows.
pub static LIFECYCLES: &[Lifecycle] = &[
    Lifecycle {
        id: "call",
        kinds: &["voice-status-callback"],
        terminal_kinds: &["voice-request"],
        marks: &[("CallbackSource", "call-progress-events")],
        params: &["CallStatus"],
        resource: &[],
        states: &[
            st("queued", 0),
            st("initiated", 1),
            st("ringing", 2),
            st("in-progress", 3),
            end("completed", 4),
            // The call resource's status values: busy, no-answer and failed end a call that
            // was never answered, canceled one canceled while queued or ringing; an answered
            // call ends completed.
            State {
                not_after: ANSWERED,
                ..end("busy", 4)
            },
            State {
                not_after: ANSWERED,
                ..end("no-answer", 4)
            },
            State {
                not_after: ANSWERED,
                ..end("failed", 4)
            },
            State {
                not_after: ANSWERED,
                ..end("canceled", 4)
            },
        ],
    },
    Lifecycle {
        id: "message",
        kinds: &["message-status-callback"],
        terminal_kinds: &[],
        marks: &[],
        params: &["MessageStatus", "SmsStatus"],
        resource: &[],
        states: &[
            st("accepted", 0),
            st("scheduled", 0),
            st("queued", 1),
            st("sending", 2),
            st("sent", 3),
            State {
                then: &["read"],
                ..end("delivered", 4)
            },
            // Some parts of a multi-part message delivered; read may still follow.
            State {
                then: &["read"],
                ..end("partially_delivered", 4)
            },
            end("undelivered", 4),
            end("failed", 4),
            // Only a scheduled message can be canceled (error 30409 otherwise): once queued
            // for sending it goes on to its delivery outcome.
            State {
                not_after: &["queued", "sending", "sent"],
                ..end("canceled", 4)
            },
            end("read", 5),
            st("receiving", 0),
            end("received", 1),
        ],
    },
    Lifecycle {
        id: "recording",
        kinds: &[
            "recording-status-callback",
            "conference-recording-status-callback",
        ],
        terminal_kinds: &[],
        marks: &[],
        params: &["RecordingStatus"],
        resource: &["RecordingSid"],
        states: &[
            st("in-progress", 0),
            end("completed", 1),
            end("absent", 1),
            end("failed", 1),
        ],
    },
    Lifecycle {
        id: "transcription",
        kinds: &["transcription-callback"],
        terminal_kinds: &[],
        marks: &[],
        params: &["TranscriptionStatus"],
        resource: &["TranscriptionSid"],
        states: &[st("in-progress", 0), end("completed", 1), end("failed", 1)],
    },
    Lifecycle {
        id: "amd",
        kinds: &["amd-callback"],
        terminal_kinds: &[],
        marks: &[],
        params: &["AnsweredBy"],
        resource: &[],
        states: &[
            // Enable mode answers with one of human, machine_start, fax, unknown; DetectMessageEnd
            // with human, fax, unknown or a machine_end_* value: every AMD result is final.
            end("machine_start", 1),
            end("human", 1),
            end("fax", 1),
            end("unknown", 1),
            end("machine_end_beep", 1),
            end("machine_end_silence", 1),
            end("machine_end_other", 1),
        ],
    },
    Lifecycle {
        id: "conference",
        kinds: &["conference-callback"],
        terminal_kinds: &[],
        marks: &[],
        params: &["StatusCallbackEvent"],
        resource: &[],
        states: &[
            // Participants join (and may leave) while the conference waits for a moderator,
            // so their events can come before conference-start: same rank.
            st("conference-start", 1),
            again("participant-join", 1),
            again("participant-leave", 1),
            again("participant-mute", 1),
            again("participant-unmute", 1),
            again("participant-hold", 1),
            again("participant-unhold", 1),
            again("participant-modify", 1),
            again("participant-speech-start", 1),
            again("participant-speech-stop", 1),
            again("announcement-end", 1),
            again("announcement-fail", 1),
            // Participants still on the line are reported as leaving as the conference ends.
            State {
                then: &["participant-leave"],
                ..end("conference-end", 2)
            },
        ],
    },
];

/// The lifecycle a webhook kind's callbacks follow, if any.
pub fn for_kind(kind_id: &str) -> Option<&'static Lifecycle> {
    LIFECYCLES.iter().find(|l| l.kinds.contains(&kind_id))
}

/// The lifecycle of a capture of kind `kind_id` whose status parameter says `status`: the
/// kind's own, or one whose `terminal_kinds` lists the kind when `status` is terminal there.
pub fn for_capture(kind_id: &str, status: Option<&str>) -> Option<&'static Lifecycle> {
    for_kind(kind_id).or_else(|| {
        let status = status?;
        LIFECYCLES.iter().find(|l| {
            l.terminal_kinds.contains(&kind_id) && l.state(status).is_some_and(|s| s.terminal)
        })
    })
}

/// The lifecycle whose [`marks`](Lifecycle::marks) the capture carries (`param` gives a
/// parameter's value, when present).
pub fn by_mark<'a>(param: impl Fn(&str) -> Option<&'a str>) -> Option<&'static Lifecycle> {
    LIFECYCLES.iter().find(|l| {
        l.marks
            .iter()
            .any(|(name, value)| param(name).is_some_and(|v| v.eq_ignore_ascii_case(value)))
    })
}

/// The lifecycle with this id.
pub fn by_id(id: &str) -> Option<&'static Lifecycle> {
    LIFECYCLES.iter().find(|l| l.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The webhooks sent once per SID are kinds the catalog knows, outside every lifecycle
    /// (their repeats are checked in the requests lane, not as a lifecycle's duplicates).
    #[test]
    fn once_per_sid_kinds_are_known_and_outside_lifecycles() {
        for k in ONCE_PER_SID_KINDS {
            assert!(crate::catalog::kind(k).is_some(), "unknown kind {k}");
            assert!(for_kind(k).is_none(), "{k} has a lifecycle");
        }
    }

    /// Each lifecycle names kinds the catalog knows, and covers every value the catalog
    /// documents for its status parameter (so no documented status is "unknown" here).
    #[test]
    fn lifecycles_agree_with_the_catalog() {
        for l in LIFECYCLES {
            for k in l.kinds.iter().chain(l.terminal_kinds) {
                assert!(
                    crate::catalog::kind(k).is_some(),
                    "{}: unknown kind {k}",
                    l.id
                );
            }
            let mut names: Vec<&str> = l.states.iter().map(|s| s.name).collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), l.states.len(), "{}: a state twice", l.id);
            assert!(
                l.states.iter().any(|s| s.terminal),
                "{}: no terminal state",
                l.id
            );
        }
        for (life, enum_id) in [
            ("call", "call_status_webhook_2010"),
            ("message", "message_status"),
            ("recording", "recording_status_callback"),
        ] {
            let l = by_id(life).expect("lifecycle");
            let spec = crate::catalog::enum_spec(enum_id).expect("enum");
            for v in spec.values {
                assert!(
                    l.state(v).is_some(),
                    "{life}: catalog value {v} has no state"
                );
            }
        }
    }

    #[test]
    fn transitions() {
        let call = by_id("call").expect("call");
        let s = |n| call.state(n).expect("state");
        assert!(call.may_follow(s("initiated"), s("ringing")));
        assert!(!call.may_follow(s("completed"), s("ringing")));
        assert!(!call.may_follow(s("in-progress"), s("ringing")));
        let msg = by_id("message").expect("message");
        let m = |n| msg.state(n).expect("state");
        assert!(msg.may_follow(m("delivered"), m("read")));
        assert!(!msg.may_follow(m("delivered"), m("failed")));
        // Answered calls end completed; only scheduled messages are canceled.
        assert!(!call.may_follow(s("in-progress"), s("no-answer")));
        assert!(call.may_follow(s("ringing"), s("no-answer")));
        assert!(call.may_follow(s("initiated"), s("canceled")));
        assert!(call.exclusive(s("no-answer"), s("in-progress")));
        assert!(!call.exclusive(s("ringing"), s("in-progress")));
        assert!(!msg.may_follow(m("sent"), m("canceled")));
        assert!(msg.may_follow(m("scheduled"), m("canceled")));
        assert!(msg.exclusive(m("delivered"), m("undelivered")));
        assert!(!msg.exclusive(m("delivered"), m("read")));
        assert_eq!(
            for_kind("message-status-callback").map(|l| l.id),
            Some("message")
        );
        assert!(for_kind("voice-request").is_none());
        // A bare voice request with a final CallStatus is a call status callback.
        let id = |k, st| for_capture(k, st).map(|l: &Lifecycle| l.id);
        assert_eq!(id("voice-request", Some("completed")), Some("call"));
        assert_eq!(id("voice-request", Some("no-answer")), Some("call"));
        assert_eq!(id("voice-request", Some("ringing")), None);
        assert_eq!(id("voice-request", None), None);
        assert_eq!(id("gather-action", Some("completed")), None);
    }
}
