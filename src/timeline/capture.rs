//! What the many-captures reader produces: one [`Capture`] (request text, options, times,
//! position), the [`ManyFormat`] it was recognised as, and a [`CaptureError`] in place of a
//! capture that could not be read.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::inspect::Options;
use crate::report::Header;

/// How a many-capture input was recognised.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ManyFormat {
    /// One JSON value per line: a string (the capture) or an object (`input`/`body`,
    /// optional `url`, `method`, `headers`, `receivedAt`; or a Twilio record).
    JsonLines,
    /// A JSON array of captures (strings or objects, as in JSON Lines), or JSON objects
    /// written one after another over several lines each (pasted pretty-printed records).
    JsonArray,
    /// A HAR file (`log.entries[]`): one capture per entry, `startedDateTime` as receive time.
    Har,
    /// Raw HTTP requests (or curl commands) one after another; responses and script lines
    /// between them are skipped.
    Http,
    /// A server log: one form body, URL or JSON object per line, with or without a time prefix.
    Log,
    /// Twilio's Call Events resource (`/Calls/{CallSid}/Events.json`): `events[].request`.
    CallEvents,
    /// Event Streams CloudEvents (`specversion`, `type`, `time`, `data`), one or an array.
    EventStreams,
    /// A Console Debugger webhook event (`Sid`, `Level`, `Timestamp`, `Payload`): the
    /// webhook request it carries.
    Debugger,
    /// A CSV export: a header row of parameter names (`MessageSid,MessageStatus,…` or a
    /// table's `message_sid,status,…`), then one callback per row.
    Csv,
    /// A Postman collection (v2.0, v2.1): one capture per request, folders included.
    Postman,
    /// The whole text is one capture.
    Single,
}

impl ManyFormat {
    /// The kebab-case id.
    pub fn id(self) -> &'static str {
        match self {
            ManyFormat::JsonLines => "json-lines",
            ManyFormat::JsonArray => "json-array",
            ManyFormat::Har => "har",
            ManyFormat::Http => "http",
            ManyFormat::Log => "log",
            ManyFormat::CallEvents => "call-events",
            ManyFormat::EventStreams => "event-streams",
            ManyFormat::Debugger => "debugger",
            ManyFormat::Csv => "csv",
            ManyFormat::Postman => "postman",
            ManyFormat::Single => "single",
        }
    }

    /// True for the formats read one line at a time (streamable).
    pub fn is_line_based(self) -> bool {
        matches!(self, ManyFormat::JsonLines | ManyFormat::Log)
    }
}

/// One captured request to inspect, with what is known about it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Capture {
    /// The request text (form body, URL, raw HTTP, JSON…), as `inspect` takes it.
    #[serde(alias = "body")]
    pub input: String,
    /// Options for `inspect` (URL, method, signature, auth tokens…). Never serialised.
    #[serde(flatten, skip_serializing)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub options: Options,
    /// Extra headers known for this capture (X-Twilio-Signature and Content-Type are used).
    #[serde(deserialize_with = "headers_map_or_list")]
    pub headers: Vec<Header>,
    /// When the application received it, as written (HAR `startedDateTime`, a log prefix…).
    #[serde(alias = "received_at")]
    pub received_at: Option<String>,
    /// Twilio's own time for the event, as written (Event Streams `time`, Call Events
    /// `response.date_created`, Debugger `Timestamp`), when the record has one.
    #[serde(alias = "event_time")]
    pub event_time: Option<String>,
    /// The SID the record says this capture belongs to (the Call Events resource's call).
    pub group_hint: Option<String>,
    /// Where the capture came from.
    pub source: Option<ManyFormat>,
    /// 1-based line of the input where the capture starts, when known.
    pub line: Option<usize>,
    /// Byte offset of the input where the capture starts, when known.
    pub offset: Option<usize>,
    /// A short label of the record (`events[3]`, `entries[0]`, a CloudEvent type…).
    pub label: Option<String>,
    /// The error Twilio logged for this request when the record is a Debugger event or a
    /// Monitor alert (`11200`: the webhook did not answer usably): the callback was sent
    /// but not received as it should be.
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub logged_error: Option<String>,
}

impl Capture {
    /// A capture of `input` with default options.
    pub fn new(input: impl Into<String>) -> Capture {
        Capture {
            input: input.into(),
            ..Capture::default()
        }
    }

    /// The options `inspect` gets: the capture's own, completed from its headers.
    pub fn inspect_options(&self) -> Options {
        let mut o = self.options.clone();
        for h in &self.headers {
            if o.signature.is_none() && h.name.eq_ignore_ascii_case("X-Twilio-Signature") {
                o.signature = Some(h.value.clone());
            } else if o.content_type.is_none() && h.name.eq_ignore_ascii_case("Content-Type") {
                o.content_type = Some(h.value.clone());
            } else if o.signature_settings.is_none()
                && h.name
                    .eq_ignore_ascii_case("X-Twilio-Webhooks-Signature-Settings")
            {
                o.signature_settings = Some(h.value.clone());
            }
        }
        o
    }
}

fn headers_map_or_list<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Header>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        List(Vec<Header>),
        Map(Map<String, Value>),
        Null(()),
    }
    Ok(match Either::deserialize(d)? {
        Either::List(l) => l,
        Either::Map(m) => m
            .into_iter()
            .map(|(name, v)| Header {
                name,
                value: scalar_text(&v).unwrap_or_default(),
            })
            .collect(),
        Either::Null(()) => Vec::new(),
    })
}

/// A capture that could not be read, and where it was.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CaptureError {
    /// 1-based line where the unreadable capture starts, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// Byte offset where it starts, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<usize>,
    /// What is wrong with it.
    pub message: String,
}

/// A string for a scalar JSON value (numbers and booleans as written; objects as JSON).
pub(super) fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Array(_) | Value::Object(_) => Some(v.to_string()),
        other => Some(other.to_string()),
    }
}
