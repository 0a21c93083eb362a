//! # twilio-webhook-inspector
//!
//! Understand a Twilio webhook from whatever you captured: a form body, a query string, a
//! URL, a raw HTTP request, a curl command, a JSON object of parameters, or the 2008 XML
//! call response. [`inspect`] decodes it without losing a byte, detects the kind of
//! webhook, labels every field from the catalog, checks every value, flags what is
//! missing, deprecated or unknown, and verifies `X-Twilio-Signature` the way Twilio's
//! official libraries do — returning one serialisable [`Report`].
//!
//! ```
//! use twilio_webhook_inspector::{inspect, Options};
//!
//! let report = inspect(
//!     "CallSid=CA5a1f0c2e9b7d4a6c8e0f1a2b3c4d5e6f&AccountSid=AC0123456789abcdef0123456789abcdef\
//!      &From=%2B14155550100&To=%2B14155550199&CallStatus=ringing&ApiVersion=2010-04-01&Direction=inbound",
//!     &Options::default(),
//! );
//! assert_eq!(report.kind.id, "voice-request");
//! assert_eq!(report.fields[2].value, "+14155550100");
//! ```
//!
//! The core does no I/O: the CLI (`src/bin/cli.rs`), the WebAssembly bindings
//! (`src/wasm.rs`) and the web app (`www/`) are thin doors onto it.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod catalog;
mod check;
mod classify;
mod cross;
mod decode;
pub mod diff;
mod finding;
mod input;
mod inspect;
mod limits;
pub mod percent;
pub mod phone;
pub mod placeholder;
mod report;
pub mod response;
pub mod signature;
mod text;
pub mod timeline;
#[cfg(feature = "wasm")]
mod wasm;
#[cfg(feature = "wasm")]
mod wasm_many;

pub use decode::{decode, detect, Decoded};
pub use diff::{diff, Diff};
pub use finding::{Code, Finding, Severity};
pub use inspect::{inspect, sign, Options, SignError};
pub use limits::MAX_INPUT_BYTES;
pub use report::{
    Counts, Field, FieldStatus, Header, InputFormat, KindVerdict, ParamSource, RawPair, Report,
    RequestInfo, RunnerUp,
};
pub use response::{inspect_response, lint_twiml, ResponseContext, ResponseReport};
pub use timeline::{read_captures, timeline, timeline_of_text, Capture, Timeline};
