//! Findings: what the inspector has to say about a request, each with a stable code.
//!
//! Codes are kebab-case and never change meaning once published; the table below is
//! the single list of them, with the default severity and a one-line summary each.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// How serious a finding is.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Informational: worth knowing, nothing is wrong.
    Info,
    /// Suspicious, deprecated or inconsistent; may work but deserves a look.
    Warning,
    /// Wrong: the value or request breaks a documented rule, or the signature fails.
    Error,
}

impl Severity {
    /// The lowercase name (`error`, `warning`, `info`).
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

macro_rules! codes {
    ($($variant:ident => ($id:literal, $sev:ident, $summary:literal),)*) => {
        /// A stable finding code. Serialises as its kebab-case id.
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[non_exhaustive]
        pub enum Code {
            $(
                #[doc = $summary]
                #[serde(rename = $id)]
                $variant,
            )*
        }

        impl Code {
            /// Every code, in table order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The kebab-case id, e.g. `invalid-sid`.
            pub fn id(self) -> &'static str {
                match self { $(Code::$variant => $id,)* }
            }

            /// The severity a finding with this code has unless the check says otherwise.
            pub fn default_severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$sev,)* }
            }

            /// One-line summary of what the code means.
            pub fn summary(self) -> &'static str {
                match self { $(Code::$variant => $summary,)* }
            }

            /// Looks a code up by its id.
            pub fn from_id(id: &str) -> Option<Code> {
                match id { $($id => Some(Code::$variant),)* _ => None }
            }
        }
    };
}

codes! {
    // --- Input and decoding -------------------------------------------------------------
    EmptyInput => ("empty-input", Info, "Nothing to inspect: the input is empty."),
    UnrecognisedInput => ("unrecognised-input", Error, "The input is not a form body, query, URL, HTTP request, curl command, JSON or XML."),
    InvalidPercentEscape => ("invalid-percent-escape", Error, "A '%' is not followed by two hex digits; it is kept literally."),
    InvalidUtf8 => ("invalid-utf8", Error, "Percent-decoded bytes are not valid UTF-8; shown with U+FFFD."),
    PairWithoutEquals => ("pair-without-equals", Warning, "A pair has no '='; it is read as a name with an empty value."),
    EmptyPair => ("empty-pair", Info, "An empty segment between '&' separators was skipped."),
    DoubleEncoded => ("double-encoded", Warning, "The value still contains percent-escapes after decoding (e.g. %252B): it was encoded twice."),
    EdgeWhitespace => ("edge-whitespace", Warning, "The value starts or ends with whitespace."),
    RawSpaceInForm => ("raw-space-in-form", Warning, "A literal space or control character appears in form-encoded text."),
    LineBreakInForm => ("line-break-in-form", Warning, "The form body contains line breaks; the paste may have been wrapped."),
    DuplicateParam => ("duplicate-param", Info, "The same parameter appears more than once."),
    MalformedHttp => ("malformed-http", Warning, "Part of the HTTP request could not be read as written."),
    ContentLengthMismatch => ("content-length-mismatch", Warning, "Content-Length does not match the body that was pasted."),
    ContentTypeMismatch => ("content-type-mismatch", Warning, "The Content-Type header names one encoding (JSON, XML, form) but the body plainly has another; the body was read by its shape."),
    MalformedCurl => ("malformed-curl", Warning, "Part of the curl command could not be read."),
    CurlCredentials => ("curl-credentials", Info, "The curl command carries credentials (-u); they are not shown."),
    MalformedJson => ("malformed-json", Error, "The JSON could not be parsed."),
    NonStringJsonValue => ("non-string-json-value", Info, "A JSON value is not a string; it was converted to text."),
    MalformedXml => ("malformed-xml", Error, "The XML could not be parsed."),
    InputTooLarge => ("input-too-large", Error, "The input exceeds the size the inspector accepts."),
    RelaxedJson => ("relaxed-json", Info, "The object was written in Ruby or Python syntax (=>, single quotes, nil/None) and read as JSON."),
    NoiseIgnored => ("noise-ignored", Info, "Text around the request (log prefixes, a pasted response) was ignored."),
    FormatOverridden => ("format-overridden", Info, "The input format was forced by the caller."),
    ListFilterOperator => ("list-filter-operator", Info, "An inequality filter such as StartTime>=DATE arrives as the key 'StartTime>'."),
    // issue 11 wrappers
    WrapperUnwrapped => ("wrapper-unwrapped", Info, "The capture was read from inside what surrounded it (comments, log prefixes, quotes, a code fence, a program's printout of an object, a twilio CLI command)."),
    NonLiteralValue => ("non-literal-value", Info, "A value is an expression (a variable, a call, an f-string), not a literal: it is shown as written and not checked."),
    // --- Kind detection -----------------------------------------------------------------
    KindUnknown => ("kind-unknown", Warning, "The request does not look like a Twilio Programmable Voice or Messaging webhook or Call request."),
    KindAmbiguous => ("kind-ambiguous", Info, "Two kinds fit almost equally well."),
    LookalikeNotTwilio => ("lookalike-not-twilio", Warning, "The request reuses Twilio names but is something else (another product or provider)."),
    JsonInsteadOfForm => ("json-instead-of-form", Info, "The request was sent with a JSON body, but Twilio sends this kind of webhook form-encoded and signs the form parameters: a test script or a re-serialised capture."),
    RestJsonBody => ("rest-json-body", Warning, "A request to Twilio's 2010-04-01 REST API with a JSON body: the API reads form-encoded parameters only, so it answers as if none were sent."),
    // --- Parameters -------------------------------------------------------------------
    MissingParam => ("missing-param", Error, "A parameter Twilio always sends (or the API requires) is missing."),
    MissingConditionalParam => ("missing-conditional-param", Warning, "A parameter expected in this situation is missing."),
    DeprecatedParam => ("deprecated-param", Warning, "The parameter is deprecated; use its replacement."),
    LegacyParam => ("legacy-param", Info, "A legacy alias kept for compatibility; prefer the modern name."),
    UnknownParam => ("unknown-param", Info, "Not a documented parameter of this kind (tolerated: Twilio adds parameters, apps add their own)."),
    OtherKindParam => ("other-kind-param", Info, "Documented for another kind of request, not for this one."),
    ExampleOnlyParam => ("example-only-param", Info, "Appears only in Twilio's examples, not in its API schema."),
    // --- Values -----------------------------------------------------------------------
    // issue 11: stand-in values and partial captures
    RedactedValue => ("redacted-value", Info, "The value is redacted, a placeholder or a template variable: shown as written, not checked, and the parameter counts as present."),
    ForeignId => ("foreign-id", Info, "An id in another platform's format (e.g. a UUID), not a Twilio SID: a Twilio-compatible platform or a hand-made request."),
    CompatiblePlatform => ("compatible-platform", Warning, "Twilio's parameter set with another platform's ids: the kind is named, but Twilio did not send it (and cannot have signed it)."),
    PartialCapture => ("partial-capture", Info, "Several parameters Twilio always sends are missing at once: the capture kept only part of the request."),
    InvalidSid => ("invalid-sid", Error, "Not a Twilio SID: two capital letters then 32 hex digits."),
    WrongSidPrefix => ("wrong-sid-prefix", Error, "The SID's prefix does not match the kind of object the parameter names."),
    UppercaseSidHex => ("uppercase-sid-hex", Info, "The SID uses upper-case hex; Twilio emits lower-case."),
    InvalidPhoneNumber => ("invalid-phone-number", Error, "Not a phone number or address Twilio would send."),
    RawCallerId => ("raw-caller-id", Warning, "Not E.164: Twilio passes the raw caller ID when it cannot normalise it."),
    LegacyPhoneFormat => ("legacy-phone-format", Info, "A 2008-style phone number (ten digits, or with punctuation)."),
    InvalidDate => ("invalid-date", Error, "Not a valid date in the format this parameter uses."),
    NonUtcDate => ("non-utc-date", Warning, "The date carries a non-zero UTC offset; 2010 callbacks use GMT."),
    InvalidEnumValue => ("invalid-enum-value", Error, "Not one of the documented values for this parameter."),
    EnumValueOtherVersion => ("enum-value-other-version", Warning, "The value belongs to the other API version."),
    EnumCase => ("enum-case", Info, "The value matches a documented one except for letter case."),
    InvalidInteger => ("invalid-integer", Error, "Not a whole number."),
    OutOfRange => ("out-of-range", Error, "The number is outside the documented range."),
    OutOfRangeSoft => ("out-of-range-soft", Warning, "The number is outside the recommended range."),
    InvalidBoolean => ("invalid-boolean", Error, "Not 'true' or 'false'."),
    InvalidDecimal => ("invalid-decimal", Error, "Not a decimal number."),
    InvalidUrl => ("invalid-url", Error, "Not an absolute http(s) URL on a host Twilio can reach (a host of one label, such as localhost, has no public domain)."),
    InsecureUrl => ("insecure-url", Info, "The URL uses plain http."),
    TooLong => ("too-long", Error, "Longer than the documented limit."),
    InvalidDigits => ("invalid-digits", Error, "Contains characters not allowed in this DTMF/digits string."),
    UnencodedHash => ("unencoded-hash", Warning, "A '#' must be percent-encoded (%23) in a URL or form; it was probably cut off."),
    InvalidJsonValue => ("invalid-json-value", Warning, "The parameter should hold JSON text but does not parse."),
    InvalidMimeType => ("invalid-mime-type", Warning, "Not a MIME type (type/subtype)."),
    // --- Cross-field ------------------------------------------------------------------
    NumMediaMismatch => ("num-media-mismatch", Error, "NumMedia does not match the MediaUrl{N} fields present."),
    MediaIndexGap => ("media-index-gap", Error, "MediaUrl/MediaContentType indexes must run 0..NumMedia-1 without gaps."),
    MediaContentTypeMissing => ("media-content-type-missing", Warning, "A MediaUrl{N} has no matching MediaContentType{N}."),
    AliasMismatch => ("alias-mismatch", Error, "A legacy alias differs from the parameter it duplicates (SmsSid ≠ MessageSid, Caller ≠ From…)."),
    DurationMismatch => ("duration-mismatch", Warning, "Duration (billed minutes) does not equal CallDuration rounded up to minutes."),
    AccountSidMismatch => ("account-sid-mismatch", Error, "An AccountSid embedded in a URL or path differs from the AccountSid parameter."),
    OneOfMissing => ("one-of-missing", Error, "One of a group of parameters is required and none is present."),
    OneOfConflict => ("one-of-conflict", Warning, "More than one of a mutually exclusive group is present."),
    StatusNotExpected => ("status-not-expected", Warning, "The status value does not occur in this kind of request."),
    OptOutKeyword => ("opt-out-keyword", Info, "The message body is an opt-out/opt-in/help keyword Twilio may act on."),
    ApiVersionMismatch => ("api-version-mismatch", Warning, "The parameters belong to a different API version than the one stated."),
    SpaceJoinedEvents => ("space-joined-events", Info, "Several events in one value; the API expects the parameter repeated once per event."),
    RepeatedSingleParam => ("repeated-single-param", Warning, "A parameter that takes one value is repeated with different values."),
    // --- Signature ----------------------------------------------------------------------
    SignatureValid => ("signature-valid", Info, "X-Twilio-Signature matches."),
    SignatureInvalid => ("signature-invalid", Error, "X-Twilio-Signature does not match any candidate."),
    SignatureMissing => ("signature-missing", Info, "No X-Twilio-Signature to check."),
    SignatureNoToken => ("signature-no-token", Info, "A signature is present but no auth token was given to check it."),
    SignatureNoUrl => ("signature-no-url", Info, "A signature is present but the URL Twilio requested is unknown."),
    SignatureMalformed => ("signature-malformed", Error, "The X-Twilio-Signature value is not 28 (SHA-1) or 44 (SHA-256) base64 characters."),
    SignatureLibraryDisagreement => ("signature-library-disagreement", Warning, "One official Twilio library accepts this signature and another rejects it."),
    SignatureUnexplained => ("signature-unexplained", Info, "The signature is invalid and no variant of the request explains it: what was tried, the likely causes in order (another token first) and what to compare next."),
    SignatureDiagnosis => ("signature-diagnosis", Error, "The signature matches a variant of the request: the doctor says what differs."),
    BodyHashMismatch => ("body-hash-mismatch", Error, "bodySHA256 in the URL does not equal the SHA-256 of the body."),
    BodyHashMissing => ("body-hash-missing", Error, "A JSON body is signed through a bodySHA256 query parameter, and there is none."),
    SignatureSettingsInvalid => ("signature-settings-invalid", Warning, "X-Twilio-Webhooks-Signature-Settings names an unknown algorithm."),
    TokenLooksWrong => ("token-looks-wrong", Warning, "The auth token is not 32 hex characters."),
    // --- Timeline -----------------------------------------------------------------------
    CaptureUnreadable => ("capture-unreadable", Error, "One capture of a many-capture input could not be read; the others were."),
    TimelineOutOfOrder => ("timeline-out-of-order", Warning, "A callback arrived after one that follows it in the lifecycle (e.g. delivered received before sent)."),
    TimelineDuplicate => ("timeline-duplicate", Warning, "The same status arrived twice for the same SID: Twilio retried the callback, or a second event reused the SID and status."),
    TimelineImpossibleTransition => ("timeline-impossible-transition", Error, "In Twilio's own order, a status follows one it cannot follow (a terminal status, then another)."),
    TimelineMissingTerminal => ("timeline-missing-terminal", Warning, "No terminal status (completed, delivered, failed…) was captured for this SID."),
    TimelineSequenceGap => ("timeline-sequence-gap", Warning, "SequenceNumber skips values: some callbacks of this SID were not captured."),
    TimelineDurationMismatch => ("timeline-duration-mismatch", Warning, "A duration disagrees with the time between the callbacks' own Timestamps."),
    TimelineContentChanged => ("timeline-content-changed", Error, "Two captures of one message SID disagree on content Twilio never changes (Body, To, AccountSid, media): captures of different messages were mixed, or the log was edited."),
    TimelineErrorExplained => ("timeline-error-explained", Info, "A failure status carries an ErrorCode; what it usually means."),
    // --- Response (TwiML) ---------------------------------------------------------------
    ResponseHttpError => ("response-http-error", Error, "The server answered Twilio with a 4xx or 5xx status; Twilio does not read the body and tries the fallback URL."),
    ResponseRedirect => ("response-redirect", Warning, "The server answered with a 3xx redirect; Twilio follows 301, 302, 303 and 307 with a Location, and fails on others."),
    ResponseMalformedHttp => ("response-malformed-http", Error, "The HTTP response could not be read as HTTP (status line or headers)."),
    ResponseEmptyBody => ("response-empty-body", Warning, "The response has no body: there are no instructions for Twilio to carry out."),
    ResponseContentType => ("response-content-type", Error, "The Content-Type is missing or is not one Twilio reads as TwiML (text/xml, application/xml)."),
    ResponseTooLarge => ("response-too-large", Error, "The response body is larger than the 64 kB Twilio reads."),
    ResponseTextBeforeXml => ("response-text-before-xml", Error, "Text, whitespace or a byte-order mark comes before the XML declaration."),
    ResponseIgnored => ("response-ignored", Info, "Twilio ignores the answer to this request (a status callback): an empty 200 or 204 is right."),
    TwimlNotWellFormed => ("twiml-not-well-formed", Error, "The body is not well-formed XML, so Twilio cannot parse it."),
    TwimlEncoding => ("twiml-encoding", Warning, "The body's character encoding is not UTF-8 or contains undecodable bytes."),
    TwimlTooDeep => ("twiml-too-deep", Error, "The document nests deeper than the inspector reads; no TwiML nests this far."),
    TwimlRootNotResponse => ("twiml-root-not-response", Error, "The root element is not <Response> (the name is case-sensitive)."),
    TwimlRootVersion => ("twiml-root-version", Error, "The <Response> root carries a version Twilio does not accept."),
    TwimlUnknownElement => ("twiml-unknown-element", Error, "Not a TwiML verb or noun (misspelled, wrong letter case, or another product's tag)."),
    TwimlElementNotAllowed => ("twiml-element-not-allowed", Error, "A TwiML element is nested where the schema does not allow it."),
    TwimlDocumentMismatch => ("twiml-document-mismatch", Error, "The TwiML is for another kind of document (messaging TwiML answering a call, or the reverse)."),
    TwimlUnknownAttribute => ("twiml-unknown-attribute", Error, "The element has no attribute of this name (misspelled or wrong letter case)."),
    TwimlInvalidAttributeValue => ("twiml-invalid-attribute-value", Error, "The attribute value is not of the attribute's type (whole number, true/false, GET/POST)."),
    TwimlUnknownEnumValue => ("twiml-unknown-enum-value", Warning, "The value is not one the helper libraries know; Twilio adds values, so it may still work."),
    TwimlTextMissing => ("twiml-text-missing", Warning, "The element needs text content (what to say, the URL or number) and has none."),
    TwimlNumberFormat => ("twiml-number-format", Warning, "The number to dial (<Number> text, or a bare <Dial>'s text) is not a phone number: Twilio reports 13223."),
    TwimlTextNotAllowed => ("twiml-text-not-allowed", Error, "The element takes no text, only attributes and child elements."),
    TwimlInvalidUrl => ("twiml-invalid-url", Error, "A URL in the TwiML is not an http(s) URL Twilio can fetch."),
    TwimlRelativeUrl => ("twiml-relative-url", Info, "A relative URL: Twilio resolves it against the URL of the request it answers."),
    TwimlUnreachableVerb => ("twiml-unreachable-verb", Warning, "A verb after <Hangup>, <Reject> or <Redirect> never runs."),
    TwimlTranscribeCallbackAlone => ("twiml-transcribe-callback-alone", Warning, "<Record> names a transcribeCallback but does not set transcribe=\"true\": Twilio no longer transcribes on the callback alone, so the callback may never come."),
    TwimlRedirectLoop => ("twiml-redirect-loop", Warning, "<Redirect> points back at the URL this document answers: Twilio fetches it again and again until its document limit."),
    TwimlGatherNoPrompt => ("twiml-gather-no-prompt", Warning, "<Gather> has nothing to say or play and no action: the caller hears silence and the digits go back to this same URL."),
    ConnectionOverrides => ("connection-overrides", Info, "The webhook URL carries connection overrides (#ct=…&rt=…) in its fragment."),
    ConnectionOverrideInvalid => ("connection-override-invalid", Warning, "A connection override is unknown or outside its documented range."),
}

/// One thing the inspector noticed.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// Stable kebab-case code.
    pub code: Code,
    /// error, warning or info.
    pub severity: Severity,
    /// The parameter it concerns (decoded name), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub param: Option<String>,
    /// What is wrong, in a sentence a user understands.
    pub message: String,
    /// What to do about it (most hints are fixed sentences: borrowed, never copied).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(as = "Option<String>"))]
    pub hint: Option<Cow<'static, str>>,
    /// Byte offset in the input text where the problem is, when it is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<usize>,
    /// Line of the problem (1-based), for findings about a response body (TwiML).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// Column of the problem (1-based, in characters), with `line`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    /// The Twilio error code this problem would cause (e.g. 12200), when one is predicted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub twilio_error_code: Option<u32>,
}

impl Finding {
    /// A finding with the code's default severity.
    pub fn new(code: Code, message: impl Into<String>) -> Finding {
        Finding {
            code,
            severity: code.default_severity(),
            param: None,
            message: message.into(),
            hint: None,
            at: None,
            line: None,
            column: None,
            twilio_error_code: None,
        }
    }

    /// Sets the parameter this finding concerns.
    pub fn param(mut self, name: impl Into<String>) -> Finding {
        self.param = Some(name.into());
        self
    }

    /// Sets the hint.
    pub fn hint(mut self, hint: impl Into<Cow<'static, str>>) -> Finding {
        self.hint = Some(hint.into());
        self
    }

    /// Overrides the severity.
    pub fn severity(mut self, severity: Severity) -> Finding {
        self.severity = severity;
        self
    }

    /// Sets the byte offset in the input when it is known.
    pub(crate) fn at_opt(mut self, offset: Option<usize>) -> Finding {
        self.at = offset;
        self
    }

    /// Sets the byte offset in the input.
    pub fn at(mut self, offset: usize) -> Finding {
        self.at = Some(offset);
        self
    }

    /// Sets the line and column (both 1-based).
    pub fn line_col(mut self, line: u32, column: u32) -> Finding {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// Sets the Twilio error code this problem would cause.
    pub fn twilio(mut self, code: u32) -> Finding {
        self.twilio_error_code = Some(code);
        self
    }
}
