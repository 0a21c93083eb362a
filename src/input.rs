//! What was pasted, before anything is read from it: the format it was recognised as and
//! the HTTP headers that came with it. The readers, the response side and the report all
//! use these, so they live below all of them.

use serde::{Deserialize, Serialize};

/// How the pasted text was recognised.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum InputFormat {
    /// `application/x-www-form-urlencoded` body: `CallSid=CA…&From=%2B1…`.
    Form,
    /// A query string, with or without the leading `?`.
    Query,
    /// A full URL (absolute, or a path such as `/2010-04-01/Accounts/AC…/Calls.json?…`).
    Url,
    /// A raw HTTP request: request line, headers, body.
    Http,
    /// A curl command line.
    Curl,
    /// A JSON object of parameters (values strings, numbers, booleans or arrays).
    Json,
    /// A HAR capture (browser dev tools, proxies): a `log.entries[]` file or one entry.
    Har,
    /// A Postman collection (v2.0/v2.1 export), one of its items, or one request.
    Postman,
    /// The 2008 `<TwilioResponse><Call>…</Call></TwilioResponse>` XML.
    Xml,
    /// A webhook response only: TwiML, or an HTTP response (`HTTP/1.1 200 OK`…). The
    /// report's `response` section holds what was found.
    Response,
    /// Nothing usable was found (empty or unrecognisable input).
    Empty,
}

impl InputFormat {
    /// The kebab-case id used in JSON and on the command line.
    pub fn id(self) -> &'static str {
        match self {
            InputFormat::Form => "form",
            InputFormat::Query => "query",
            InputFormat::Url => "url",
            InputFormat::Http => "http",
            InputFormat::Curl => "curl",
            InputFormat::Json => "json",
            InputFormat::Har => "har",
            InputFormat::Postman => "postman",
            InputFormat::Xml => "xml",
            InputFormat::Response => "response",
            InputFormat::Empty => "empty",
        }
    }

    /// Parses a kebab-case id (as accepted by `--format`).
    pub fn from_id(id: &str) -> Option<InputFormat> {
        Some(match id.trim().to_ascii_lowercase().as_str() {
            "form" | "body" => InputFormat::Form,
            "query" | "querystring" => InputFormat::Query,
            "url" => InputFormat::Url,
            "http" | "raw" | "request" => InputFormat::Http,
            "curl" => InputFormat::Curl,
            "json" => InputFormat::Json,
            "har" => InputFormat::Har,
            "postman" | "insomnia" => InputFormat::Postman,
            "xml" => InputFormat::Xml,
            "response" | "twiml" => InputFormat::Response,
            _ => return None,
        })
    }

    /// Every format the decoder can be forced to, in display order.
    pub const ALL: [InputFormat; 10] = [
        InputFormat::Form,
        InputFormat::Query,
        InputFormat::Url,
        InputFormat::Http,
        InputFormat::Curl,
        InputFormat::Json,
        InputFormat::Har,
        InputFormat::Postman,
        InputFormat::Xml,
        InputFormat::Response,
    ];
}

/// One HTTP header.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// Header name as written.
    pub name: String,
    /// Header value (trimmed).
    pub value: String,
}
