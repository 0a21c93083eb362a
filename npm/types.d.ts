// Generated from the Rust types by ts-rs: `cargo test --lib --features ts wasm::`.
// Do not edit by hand.

/**
 * The MAC algorithm of a signature.
 */
export type Algorithm = "hmac-sha1" | "hmac-sha256";

/**
 * Twilio API version a row applies to.
 */
export type ApiVersion = "2008-08-01" | "2010-04-01";

/**
 * The `bodySHA256` check of a JSON (non-form) webhook.
 */
export type BodyHash = { 
/**
 * Lower-case hex SHA-256 of the raw body.
 */
expectedHex: string, 
/**
 * The `bodySHA256` value in the URL (first occurrence, decoded), if any.
 */
inUrl?: string, 
/**
 * True when they are equal (exactly: upper-case hex does not match).
 */
matches: boolean, };

/**
 * Which variant of the URL was signed.
 */
export type Candidate = "as-received" | "port-added" | "port-removed";

/**
 * Which URL candidate a match was found on.
 */
export type CandidateKind = "as-received" | "port-removed" | "port-added" | "node-whatwg" | "node-querystring" | "python-geturl";

/**
 * One captured request to inspect, with what is known about it.
 */
export type Capture = { 
/**
 * The request text (form body, URL, raw HTTP, JSON…), as `inspect` takes it.
 */
input: string, 
/**
 * Extra headers known for this capture (X-Twilio-Signature and Content-Type are used).
 */
headers: Array<Header>, 
/**
 * When the application received it, as written (HAR `startedDateTime`, a log prefix…).
 */
receivedAt?: string, 
/**
 * Twilio's own time for the event, as written (Event Streams `time`, Call Events
 * `response.date_created`, Debugger `Timestamp`), when the record has one.
 */
eventTime?: string, 
/**
 * The SID the record says this capture belongs to (the Call Events resource's call).
 */
groupHint?: string, 
/**
 * Where the capture came from.
 */
source?: ManyFormat, 
/**
 * 1-based line of the input where the capture starts, when known.
 */
line?: number, 
/**
 * Byte offset of the input where the capture starts, when known.
 */
offset?: number, 
/**
 * A short label of the record (`events[3]`, `entries[0]`, a CloudEvent type…).
 */
label?: string, };

/**
 * The whole catalog as `catalog()` returns it (the same shape as `catalog --json`).
 */
export type Catalog = { 
/**
 * Every webhook kind and request the inspector knows.
 */
kinds: Array<KindSpec>, 
/**
 * Every parameter row (a name may have several rows, one per API version or kind group).
 */
params: Array<ParamSpec>, 
/**
 * Every documented value set.
 */
enums: Array<EnumSpec>, 
/**
 * Every SID prefix and what it names.
 */
sidPrefixes: Array<SidPrefix>, };

/**
 * A value that differs between A and B.
 */
export type Change = { 
/**
 * The value in A (absent when A has none).
 */
a?: string, 
/**
 * The value in B (absent when B has none).
 */
b?: string, };

/**
 * A stable finding code. Serialises as its kebab-case id.
 */
export type Code = "empty-input" | "unrecognised-input" | "invalid-percent-escape" | "invalid-utf8" | "pair-without-equals" | "empty-pair" | "double-encoded" | "edge-whitespace" | "raw-space-in-form" | "line-break-in-form" | "duplicate-param" | "malformed-http" | "content-length-mismatch" | "content-type-mismatch" | "malformed-curl" | "curl-credentials" | "malformed-json" | "non-string-json-value" | "malformed-xml" | "input-too-large" | "relaxed-json" | "noise-ignored" | "format-overridden" | "list-filter-operator" | "wrapper-unwrapped" | "non-literal-value" | "kind-unknown" | "kind-ambiguous" | "lookalike-not-twilio" | "json-instead-of-form" | "rest-json-body" | "missing-param" | "missing-conditional-param" | "deprecated-param" | "legacy-param" | "unknown-param" | "other-kind-param" | "example-only-param" | "redacted-value" | "foreign-id" | "compatible-platform" | "partial-capture" | "invalid-sid" | "wrong-sid-prefix" | "uppercase-sid-hex" | "invalid-phone-number" | "raw-caller-id" | "legacy-phone-format" | "invalid-date" | "non-utc-date" | "invalid-enum-value" | "enum-value-other-version" | "enum-case" | "invalid-integer" | "out-of-range" | "out-of-range-soft" | "invalid-boolean" | "invalid-decimal" | "invalid-url" | "insecure-url" | "too-long" | "invalid-digits" | "unencoded-hash" | "invalid-json-value" | "invalid-mime-type" | "num-media-mismatch" | "media-index-gap" | "media-content-type-missing" | "alias-mismatch" | "duration-mismatch" | "account-sid-mismatch" | "one-of-missing" | "one-of-conflict" | "status-not-expected" | "opt-out-keyword" | "api-version-mismatch" | "space-joined-events" | "repeated-single-param" | "signature-valid" | "signature-invalid" | "signature-missing" | "signature-no-token" | "signature-no-url" | "signature-malformed" | "signature-library-disagreement" | "signature-unexplained" | "signature-diagnosis" | "body-hash-mismatch" | "body-hash-missing" | "signature-settings-invalid" | "token-looks-wrong" | "capture-unreadable" | "timeline-out-of-order" | "timeline-duplicate" | "timeline-impossible-transition" | "timeline-missing-terminal" | "timeline-sequence-gap" | "timeline-duration-mismatch" | "timeline-content-changed" | "timeline-error-explained" | "response-http-error" | "response-redirect" | "response-malformed-http" | "response-empty-body" | "response-content-type" | "response-too-large" | "response-text-before-xml" | "response-ignored" | "twiml-not-well-formed" | "twiml-encoding" | "twiml-too-deep" | "twiml-root-not-response" | "twiml-root-version" | "twiml-unknown-element" | "twiml-element-not-allowed" | "twiml-document-mismatch" | "twiml-unknown-attribute" | "twiml-invalid-attribute-value" | "twiml-unknown-enum-value" | "twiml-text-missing" | "twiml-number-format" | "twiml-text-not-allowed" | "twiml-invalid-url" | "twiml-relative-url" | "twiml-unreachable-verb" | "twiml-transcribe-callback-alone" | "twiml-redirect-loop" | "twiml-gather-no-prompt" | "connection-overrides" | "connection-override-invalid";

/**
 * The connection overrides of a webhook URL.
 */
export type ConnectionOverrides = { 
/**
 * The fragment as written (after `#`).
 */
fragment: string, 
/**
 * Every override Twilio knows, given or not, in documentation order.
 */
values: Array<OverrideValue>, 
/**
 * Keys in the fragment that are not overrides.
 */
unknown: Array<string>, 
/**
 * How many attempts Twilio makes at most (1 + retry count).
 */
attempts: number, 
/**
 * The longest Twilio waits before giving up (and trying the fallback URL), in ms:
 * `min(tt, attempts × (ct + rt))`.
 */
worstCaseMs: number, };

/**
 * The finding counts per severity.
 */
export type Counts = { 
/**
 * Error-severity findings (the request is wrong or the signature fails).
 */
error: number, 
/**
 * Warnings (suspicious, deprecated or inconsistent).
 */
warning: number, 
/**
 * Informational notes.
 */
info: number, };

/**
 * A deprecation: since when, and what to use instead.
 */
export type Deprecation = { 
/**
 * When it was deprecated (`2010-04-01`, or `undated`).
 */
since: string, 
/**
 * The replacement parameter(s), in words.
 */
useInstead: string, };

/**
 * One explanation from the doctor: what differs, and the variant that matches.
 */
export type Diagnosis = { 
/**
 * Stable kebab-case id.
 */
code: DiagnosisCode, 
/**
 * What happened, as an action sentence.
 */
message: string, 
/**
 * What to do about it.
 */
hint: string, 
/**
 * The URL of the variant that matched (made visible).
 */
url: string, 
/**
 * The string-to-sign of the variant that matched (made visible).
 */
stringToSign: string, 
/**
 * The signature of the variant (equals the received one, correctly encoded).
 */
signature: string, 
/**
 * Which token (0-based) matched the variant.
 */
tokenIndex: number, };

/**
 * What the doctor found: a stable kebab-case id per kind of mismatch.
 */
export type DiagnosisCode = "signature-format" | "wrong-token" | "token-whitespace" | "sha256-settings" | "other-url-candidate" | "scheme-mismatch" | "port-mismatch" | "trailing-slash" | "host-case" | "empty-query" | "fragment" | "query-order" | "query-encoding" | "path-encoding" | "path-case" | "form-vs-json" | "body-hash-dropped" | "json-reserialised" | "body-whitespace" | "body-modified" | "param-added" | "param-missing" | "trimmed-values" | "raw-values" | "param-sorting";

/**
 * The result of [`diff`].
 */
export type Diff = { 
/**
 * The version of this tool.
 */
toolVersion: string, 
/**
 * The detected kinds, when they differ.
 */
kind?: Change, 
/**
 * The API versions, when they differ.
 */
apiVersion?: Change, 
/**
 * The input formats, when they differ.
 */
format?: Change, 
/**
 * The HTTP methods, when they differ.
 */
method?: Change, 
/**
 * URL parts that differ: `scheme`, `host`, `port`, `path`, `query`, `fragment`.
 */
url: Array<[string, Change]>, 
/**
 * The bodies differ byte for byte (both present).
 */
bodyDiffers: boolean, 
/**
 * Field differences, in A's wire order then B's new fields.
 */
fields: Array<FieldChange>, 
/**
 * Fields equal in both (same name, value and relative place).
 */
same: number, 
/**
 * What the differences do to the signature.
 */
signature: SignatureDiff, };

/**
 * Which way a request travels.
 */
export type Direction = "twilio-to-app" | "app-to-twilio" | "response";

/**
 * How well the parameter is documented.
 */
export type DocStatus = "documented" | "observed" | "example-only" | "seed-only";

/**
 * Which TwiML vocabulary a document uses.
 */
export type DocumentType = "auto" | "voice" | "messaging" | "fax";

/**
 * One callback of the timeline.
 */
export type Entry = { 
/**
 * Position among the readable captures, in input order (0-based).
 */
index: number, 
/**
 * 1-based line of the input where the capture starts, when known.
 */
line?: number, 
/**
 * The record's label (`events[2]`, a CloudEvent type…), when it has one.
 */
label?: string, 
/**
 * What the capture was read from (a log line, a HAR entry, a Debugger event…).
 */
source?: ManyFormat, 
/**
 * The detected webhook kind (`voice-status-callback`…).
 */
kind: KindId, 
/**
 * The lifecycle lane (`call`, `message`, `recording`, `transcription`, `amd`,
 * `conference`) or `requests` for webhooks outside a lifecycle.
 */
lane: string, 
/**
 * The status the callback reports (CallStatus, MessageStatus, RecordingStatus,
 * StatusCallbackEvent, AnsweredBy…).
 */
status?: string, 
/**
 * The SID the callback is grouped under.
 */
sid?: string, 
/**
 * `ParentCallSid`, for child call legs.
 */
parentCallSid?: string, 
/**
 * `CallSid` of a conference participant or of the call a recording belongs to.
 */
callSid?: string, 
/**
 * `SequenceNumber`.
 */
sequenceNumber?: number, 
/**
 * Twilio's own time for the callback (`Timestamp`, or the record's event time).
 */
timestamp?: string, 
/**
 * When the application received it.
 */
receivedAt?: string, 
/**
 * `ErrorCode`, when present and not empty; else the error Twilio logged for this
 * request when it was read from a Debugger event or a Monitor alert.
 */
errorCode?: string, 
/**
 * `CallDuration` (or `RecordingDuration`) in seconds.
 */
duration?: number, 
/**
 * Error-severity findings of the capture's own report (bad values, bad signature…).
 */
reportErrors: number, 
/**
 * What the timeline says about this callback.
 */
findings: Array<Finding>, 
/**
 * What ordered this entry (the lane's order key).
 */
orderedBy: OrderedBy, };

/**
 * A documented set of values.
 */
export type EnumSpec = { 
/**
 * Id referenced by [`ValueType::Enum`].
 */
id: string, 
/**
 * The documented values, canonical spelling.
 */
values: Array<string>, 
/**
 * Values tolerated with a warning, with the reason (`fail` for DialStatus 2008…).
 */
tolerated: Array<[string, string]>, 
/**
 * One line on what the set is.
 */
description: string, };

/**
 * A Twilio error code a finding predicts, explained, as it appears in a report.
 */
export type ExplainedError = { 
/**
 * The numeric code.
 */
code: number, 
/**
 * Twilio's title.
 */
name: string, 
/**
 * What it means, paraphrased.
 */
meaning: string, 
/**
 * Typical causes, paraphrased.
 */
causes: Array<string>, 
/**
 * Twilio's page for the code.
 */
source: string, };

/**
 * One field of the request, in wire order, with everything the catalog knows about it.
 */
export type Field = { 
/**
 * Position in wire order (0-based).
 */
index: number, 
/**
 * Where the pair was found.
 */
source: ParamSource, 
/**
 * Decoded name.
 */
name: string, 
/**
 * The name as written (before percent-decoding).
 */
rawName: string, 
/**
 * Decoded value.
 */
value: string, 
/**
 * The value as written (before percent-decoding).
 */
rawValue: string, 
/**
 * The catalog name this field matched (`MediaUrl{N}` for `MediaUrl3`, `StartTime>` for `StartTime>`).
 */
catalogName?: string, 
/**
 * Short human label.
 */
label?: string, 
/**
 * One-line description.
 */
description?: string, 
/**
 * The value type id (`sid:CA`, `phone`, `rfc2822-date`, `enum:call-status`, …).
 */
valueType?: string, 
/**
 * A human rendering of the value (ISO date, formatted number, duration in words…).
 */
display?: string, 
/**
 * Known / deprecated / legacy / other-kind / unknown.
 */
status: FieldStatus, 
/**
 * Set when the value is a stand-in (redacted, a template variable, a fixture's fake
 * or another platform's id): shown as written, not checked, still counts as present.
 */
placeholder?: Placeholder, 
/**
 * Findings about this field.
 */
findings: Array<Finding>, };

/**
 * One field difference.
 */
export type FieldChange = { 
/**
 * The decoded field name.
 */
name: string, 
/**
 * What changed.
 */
change: FieldChangeKind, 
/**
 * The occurrence in A.
 */
a?: FieldSide, 
/**
 * The occurrence in B.
 */
b?: FieldSide, 
/**
 * For `changed`: the decoded values are equal, only the encoding differs.
 */
rawOnly: boolean, 
/**
 * For `duplicated`: how many times the field appears in A and in B.
 */
counts?: [number, number], 
/**
 * True when this difference changes what Twilio signs.
 */
signed: boolean, };

/**
 * How a field differs.
 */
export type FieldChangeKind = "added" | "removed" | "changed" | "reordered" | "duplicated";

/**
 * One occurrence of a field.
 */
export type FieldSide = { 
/**
 * Position in wire order.
 */
index: number, 
/**
 * The value as written.
 */
rawValue: string, 
/**
 * The decoded value.
 */
value: string, };

/**
 * Whether a field is known for the detected kind.
 */
export type FieldStatus = "known" | "deprecated" | "legacy" | "other-kind" | "unknown";

/**
 * One thing the inspector noticed.
 */
export type Finding = { 
/**
 * Stable kebab-case code.
 */
code: Code, 
/**
 * error, warning or info.
 */
severity: Severity, 
/**
 * The parameter it concerns (decoded name), if any.
 */
param?: string, 
/**
 * What is wrong, in a sentence a user understands.
 */
message: string, 
/**
 * What to do about it (most hints are fixed sentences: borrowed, never copied).
 */
hint?: string, 
/**
 * Byte offset in the input text where the problem is, when it is known.
 */
at?: number, 
/**
 * Line of the problem (1-based), for findings about a response body (TwiML).
 */
line?: number, 
/**
 * Column of the problem (1-based, in characters), with `line`.
 */
column?: number, 
/**
 * The Twilio error code this problem would cause (e.g. 12200), when one is predicted.
 */
twilioErrorCode?: number, };

/**
 * Every callback of one call, message or conference.
 */
export type Group = { 
/**
 * The SID (`CA…`, `SM…`/`MM…`, `CF…`).
 */
sid: string, 
/**
 * What the SID names.
 */
object: GroupObject, 
/**
 * The parent call of a child leg (`ParentCallSid`).
 */
parent?: string, 
/**
 * Child legs, and for a conference its participants' calls, that have groups too.
 */
children: Array<string>, 
/**
 * One lane per lifecycle seen (call status, recording, AMD…).
 */
lanes: Array<Lane>, 
/**
 * Problems of the group as a whole (missing terminal status, sequence gaps…).
 */
findings: Array<Finding>, };

/**
 * What a group follows.
 */
export type GroupObject = "call" | "message" | "conference" | "other";

/**
 * One HTTP header.
 */
export type Header = { 
/**
 * Header name as written.
 */
name: string, 
/**
 * Header value (trimmed).
 */
value: string, };

/**
 * How the pasted text was recognised.
 */
export type InputFormat = "form" | "query" | "url" | "http" | "curl" | "json" | "har" | "postman" | "xml" | "response" | "empty";

/**
 * How parameter names (and a repeated name's values) are ordered.
 */
export type KeyOrder = "utf16" | "code-point";

/**
 * The kinds the detector reports (each catalog kind's `reported_as`), and `unknown`.
 * Serialises as its kebab-case id.
 */
export type KindId = "voice-request" | "voice-request-legacy" | "voice-status-callback" | "recording-status-callback" | "messaging-request" | "whatsapp-request" | "message-status-callback" | "create-call" | "create-call-legacy" | "update-call" | "list-calls" | "call-response-legacy" | "call-resource" | "gather-action" | "dial-action" | "amd-callback" | "conference-callback" | "transcription-callback" | "record-action" | "create-message" | "unknown";

/**
 * One kind of webhook or request.
 */
export type KindSpec = { 
/**
 * Stable kebab-case id, e.g. `voice-status-callback`.
 */
id: string, 
/**
 * The id the kind detector reports for it (the same as `id` for the main kinds;
 * e.g. `list-calls` for `list-calls-legacy`).
 */
reportedAs: string, 
/**
 * Human title.
 */
title: string, 
/**
 * One or two sentences, own words: when Twilio sends it and what the app should do.
 */
summary: string, 
/**
 * Which way it travels.
 */
direction: Direction, 
/**
 * API version.
 */
apiVersion: ApiVersion, 
/**
 * A kind whose parameters this one also carries (action callbacks carry all voice-request params).
 */
inherits: string | null, 
/**
 * Groups of parameters of which one is required (create-call: Url | Twiml | ApplicationSid):
 * exactly one, unless [`KindSpec::one_of_combinable`].
 */
oneOf: Array<Array<string>>, 
/**
 * Whether the members of a [`KindSpec::one_of`] group may be sent together (at least one
 * is required): create-message takes From with MessagingServiceSid, and Body with
 * MediaUrl (an MMS with text).
 */
oneOfCombinable: boolean, 
/**
 * Where the facts come from.
 */
source: string, };

/**
 * The detected kind of webhook or request, with the evidence.
 */
export type KindVerdict = { 
/**
 * The kind id (`voice-request`, `messaging-request`, …, `unknown`).
 */
id: KindId, 
/**
 * Human title of the kind.
 */
title: string, 
/**
 * True when the caller forced the kind instead of letting it be detected.
 */
overridden: boolean, 
/**
 * How sure the detector is, 0–100.
 */
confidence: number, 
/**
 * Why: which parameters (or their absence) decided it.
 */
reasons: Array<string>, 
/**
 * The second-best kind when it was close.
 */
runnerUp?: RunnerUp, };

/**
 * One lifecycle of a group, in order.
 */
export type Lane = { 
/**
 * The lifecycle id, or `requests`.
 */
lifecycle: string, 
/**
 * What ordered the entries.
 */
orderedBy: OrderedBy, 
/**
 * The callbacks, in order.
 */
entries: Array<Entry>, 
/**
 * The last status in order, when any, passing over callbacks that arrived behind one
 * that follows them (`timeline-out-of-order`): the lane's outcome.
 */
finalStatus?: string, };

/**
 * The `options` of `lintTwiml`: what is known about the request the response answers.
 */
export type LintOptions = { 
/**
 * The TwiML vocabulary: `voice`, `messaging`, `fax` or `auto` (the default: told from
 * `kind`, else from the verbs).
 */
document?: DocumentType | null, 
/**
 * The kind of request answered (`voice-request`, `voice-status-callback`, …).
 */
kind?: string | null, 
/**
 * The URL Twilio requested: resolves relative URLs; its `#ct=…` fragment is read.
 */
url?: string | null, };

/**
 * How a many-capture input was recognised.
 */
export type ManyFormat = "json-lines" | "json-array" | "har" | "http" | "log" | "call-events" | "event-streams" | "debugger" | "csv" | "postman" | "single";

/**
 * The token and URL candidate that matched.
 */
export type Match = { 
/**
 * Index into the tokens given (0-based).
 */
tokenIndex: number, 
/**
 * `token #1 (…a1b2)`: never more than the last 4 characters of a token.
 */
tokenHint: string, 
/**
 * Which URL candidate matched.
 */
candidate: CandidateKind, 
/**
 * The URL that was signed.
 */
url: string, 
/**
 * The parameter order of the library that matched.
 */
keyOrder: KeyOrder, };

/**
 * The token and URL variant that produced the matching signature.
 */
export type Matched = { 
/**
 * Index of the matching token in the `authTokens` argument (0 for a single token).
 */
tokenIndex: number, 
/**
 * The URL variant that was signed.
 */
candidate: Candidate, };

/**
 * The doctor's word when no variant of the request matches.
 */
export type NoMatch = { 
/**
 * What was tried (variants, both libraries' rules, tokens).
 */
tried: Array<string>, 
/**
 * The likely causes, most likely first.
 */
likelyCauses: Array<string>, 
/**
 * What to compare next.
 */
compareNext: string, };

/**
 * What the caller knows beyond the pasted text. Every field is optional; values found in
 * the pasted text (a request line, headers, curl flags) are used when a field is unset.
 */
export type Options = { 
/**
 * Force the input format instead of detecting it.
 */
format: InputFormat | null, 
/**
 * Force the kind (a kind id such as `voice-status-callback`) instead of detecting it.
 */
kind: string | null, 
/**
 * HTTP method Twilio used (`GET` / `POST`).
 */
method: string | null, 
/**
 * The full URL Twilio requested (needed to check the signature).
 */
url: string | null, 
/**
 * Content type of the body.
 */
contentType: string | null, 
/**
 * The X-Twilio-Signature header value.
 */
signature: string | null, 
/**
 * Candidate auth tokens (primary, secondary, sub-account). Never stored or echoed.
 */
authTokens: Array<string>, 
/**
 * The X-Twilio-Webhooks-Signature-Settings header value (SharedKey HMAC-SHA256).
 */
signatureSettings: string | null, };

/**
 * What decided the order of a lane.
 */
export type OrderedBy = "sequence-number" | "timestamp" | "received-at" | "input-order";

/**
 * One override: what was given, what is in force, and whether it is valid.
 */
export type OverrideValue = { 
/**
 * The key (`ct`, `rt`, `tt`, `rc`, `rp`, `e`, `sni`).
 */
key: string, 
/**
 * What it sets.
 */
name: string, 
/**
 * The value given in the fragment, when given.
 */
given?: string, 
/**
 * Twilio's default.
 */
default: string, 
/**
 * The value in force (the given one when valid, else the default).
 */
effective: string, 
/**
 * False when the given value is outside the documented range or set.
 */
valid: boolean, };

/**
 * Where a parameter was found in the request.
 */
export type ParamSource = "query" | "body" | "json" | "xml" | "path";

/**
 * One parameter definition. A name may have several rows (one per API version or
 * per group of kinds where its type or presence differs).
 */
export type ParamSpec = { 
/**
 * Wire name. Indexed names use `{N}` (`MediaUrl{N}`) or `{name}` (`SipHeader_{name}`).
 */
name: string, 
/**
 * Short human label.
 */
label: string, 
/**
 * One-line description in our own words.
 */
description: string, 
/**
 * Value type and constraints.
 */
valueType: ValueType, 
/**
 * API version of this row.
 */
apiVersion: ApiVersion, 
/**
 * Kinds this row belongs to (catalog kind ids).
 */
kinds: Array<string>, 
/**
 * Presence in those kinds.
 */
presence: Presence, 
/**
 * Deprecation, if any.
 */
deprecated: Deprecation | null, 
/**
 * A legacy alias of another parameter (Caller for From…), still sent.
 */
aliasOf: string | null, 
/**
 * True for `MediaUrl{N}`-style names.
 */
indexed: boolean, 
/**
 * Documentation status.
 */
status: DocStatus, 
/**
 * Where it comes from: `seed:000_…txt`, a docs page, or the OpenAPI schema.
 */
source: string, };

/**
 * Phone-number / address styles.
 */
export type PhoneStyle = "e164" | "e164-or-client" | "e164-or-channel" | "e164-or-sip" | "legacy10-digit" | "any-format";

/**
 * What kind of stand-in a value is.
 */
export type Placeholder = "redacted" | "template" | "fake" | "foreign-id" | "cut-off";

/**
 * How reliably a parameter is sent (or, for REST requests, whether it is required).
 */
export type Presence = "always" | "conditional" | "optional";

/**
 * The full inspection result.
 */
export type Report = { 
/**
 * The version of this tool that produced the report.
 */
toolVersion: string, 
/**
 * The detected (or forced) input format.
 */
format: InputFormat, 
/**
 * True when the caller forced the format.
 */
formatOverridden: boolean, 
/**
 * Method, URL, headers and body, as far as the input told them.
 */
request: RequestInfo, 
/**
 * The detected kind with its reasons.
 */
kind: KindVerdict, 
/**
 * The Twilio API version in force (`2010-04-01` or `2008-08-01`), when it could be told.
 */
apiVersion?: ApiVersion, 
/**
 * Every parameter in wire order.
 */
fields: Array<Field>, 
/**
 * Request-level findings (decoding problems, missing parameters, cross-field checks…).
 */
findings: Array<Finding>, 
/**
 * Findings per severity, over fields and request.
 */
counts: Counts, 
/**
 * The X-Twilio-Signature verdict.
 */
signature: SignatureReport, 
/**
 * The webhook response, when the paste contains one (a response alone, a request
 * followed by its response, a HAR entry with a response): would Twilio accept it?
 */
response?: ResponseReport, };

/**
 * What was pasted, as understood.
 */
export type RequestInfo = { 
/**
 * HTTP method, when known (from a request line, curl `-X`/`-d`, or the caller).
 */
method?: string, 
/**
 * The full URL the request was sent to, when known.
 */
url?: string, 
/**
 * The request path (with Twilio REST paths recognised: `/2010-04-01/Accounts/…`).
 */
path?: string, 
/**
 * Response format asked for by a REST path extension (`json`, `csv`, `xml`).
 */
extension?: string, 
/**
 * Content type, when known.
 */
contentType?: string, 
/**
 * Headers in order (the `Authorization` value is redacted).
 */
headers: Array<Header>, 
/**
 * The raw body, when there was one.
 */
body?: string, 
/**
 * The X-Twilio-Signature value found in the input or given by the caller.
 */
signature?: string, };

/**
 * How the pasted response was recognised.
 */
export type ResponseInputKind = "twiml" | "http-response" | "har" | "exchange";

/**
 * What the inspector says about a webhook response.
 */
export type ResponseReport = { 
/**
 * How the pasted text was recognised.
 */
inputKind: ResponseInputKind, 
/**
 * HTTP status code, when the paste had a status line (or a HAR status).
 */
status?: number, 
/**
 * The reason phrase of the status line.
 */
statusText?: string, 
/**
 * Response headers in order.
 */
headers: Array<Header>, 
/**
 * The Content-Type header, when there was one.
 */
contentType?: string, 
/**
 * The body exactly as pasted (framing removed).
 */
body: string, 
/**
 * The TwiML vocabulary the body was checked against (`auto` when it could not be told).
 */
document: DocumentType, 
/**
 * The request kind the checks assumed, when known.
 */
requestKind?: string, 
/**
 * True when Twilio would carry the answer out (no error-severity finding).
 */
accepted: boolean, 
/**
 * One line: "Twilio would accept this." or "Twilio would reject this: 12200 at line 4, column 7".
 */
verdict: string, 
/**
 * Every finding, in document order within each stage (HTTP, XML, schema, context).
 */
findings: Array<Finding>, 
/**
 * The Twilio error codes the findings predict, explained.
 */
errors: Array<ExplainedError>, 
/**
 * URLs in the TwiML with where Twilio will send them.
 */
urls: Array<TwimlUrl>, 
/**
 * Connection overrides found in the request URL's fragment.
 */
connectionOverrides?: ConnectionOverrides, };

/**
 * A kind that nearly won.
 */
export type RunnerUp = { 
/**
 * The kind id.
 */
id: KindId, 
/**
 * Its confidence, 0–100.
 */
confidence: number, };

/**
 * How serious a finding is.
 */
export type Severity = "info" | "warning" | "error";

/**
 * A SID prefix and what it identifies.
 */
export type SidPrefix = { 
/**
 * Two capital letters.
 */
prefix: string, 
/**
 * What kind of object it names.
 */
object: string, };

/**
 * What was signed besides the URL.
 */
export type SignMode = "url-only" | "form-params" | "body-hash";

/**
 * Which HMAC signed the request.
 */
export type SignatureAlgorithm = "sha1" | "sha256";

/**
 * The signature side of the diff.
 */
export type SignatureDiff = { 
/**
 * A's signature verdict.
 */
a: SignatureStatus, 
/**
 * B's signature verdict.
 */
b: SignatureStatus, 
/**
 * The differences that change what is signed, most telling first.
 */
differences: Array<SignedDifference>, 
/**
 * One sentence: which difference breaks one signature and not the other.
 */
sentence: string, };

/**
 * The signature verdict carried in every report.
 */
export type SignatureReport = { 
/**
 * `not-checked`, `no-signature`, `no-token`, `no-url`, `valid`, `invalid`, `malformed`.
 */
status: SignatureStatus, 
/**
 * The algorithm that applies (from `X-Twilio-Webhooks-Signature-Settings`; HMAC-SHA1
 * when absent). `None` when there is no signature or the header names an unknown
 * algorithm.
 */
algorithm?: Algorithm, 
/**
 * What was signed besides the URL.
 */
mode?: SignMode, 
/**
 * The token and URL candidate that matched (when valid).
 */
matched?: Match, 
/**
 * What twilio-node 6.2 would say; `None` when not applicable (not checked, SHA-256).
 */
nodeValid?: boolean, 
/**
 * What twilio-python 9.13 would say; `None` when not checked.
 */
pythonValid?: boolean, 
/**
 * When exactly one library accepts: which one rejects, and why, in one sentence.
 */
disagreement?: string, 
/**
 * The primary string-to-sign (URL as received + sorted params), made visible.
 */
stringToSign?: string, 
/**
 * The signature computed over the primary string with token #1.
 */
expected?: string, 
/**
 * The `X-Twilio-Signature` received (made visible).
 */
received?: string, 
/**
 * The `bodySHA256` check, for JSON (non-form) bodies.
 */
bodyHash?: BodyHash, 
/**
 * The doctor's explanations, most likely first.
 */
diagnoses: Array<Diagnosis>, 
/**
 * When the signature is invalid and no variant explains it: what was tried, the
 * likely causes in order, and what to compare next.
 */
noMatch?: NoMatch, 
/**
 * Findings with the signature codes.
 */
findings: Array<Finding>, };

/**
 * The verdict.
 */
export type SignatureStatus = "not-checked" | "no-signature" | "no-token" | "no-url" | "valid" | "invalid" | "malformed";

/**
 * One difference that changes the string-to-sign, with the doctor's name for it.
 */
export type SignedDifference = { 
/**
 * The signature doctor's diagnosis id for this kind of difference (`scheme-mismatch`,
 * `param-added`, `body-modified`…), when it has one.
 */
code?: string, 
/**
 * What differs, in words.
 */
message: string, };

/**
 * The result of [`timeline`].
 */
export type Timeline = { 
/**
 * The version of this tool.
 */
toolVersion: string, 
/**
 * How the many-capture input was recognised, when it was read from text.
 */
format?: ManyFormat, 
/**
 * Captures inspected.
 */
captures: number, 
/**
 * Captures that could not be read (each has a `capture-unreadable` finding).
 */
unreadable: number, 
/**
 * Groups in order of first appearance.
 */
groups: Array<Group>, 
/**
 * Captures that name no call, message or conference.
 */
ungrouped: Array<Entry>, 
/**
 * Input-level findings (unreadable captures).
 */
findings: Array<Finding>, 
/**
 * Findings per severity over the whole timeline.
 */
counts: Counts, };

/**
 * A URL found in the TwiML (an `action`, a `<Redirect>`…) and where Twilio will send it.
 */
export type TwimlUrl = { 
/**
 * The element (`Redirect`, `Gather`…).
 */
element: string, 
/**
 * The attribute, or `None` for the element's text.
 */
attribute?: string, 
/**
 * The URL as written.
 */
raw: string, 
/**
 * The absolute URL Twilio will request, when it can be told.
 */
resolved?: string, 
/**
 * Line (1-based) in the body.
 */
line: number, };

/**
 * The type of a parameter's value, and what is checked about it.
 */
export type ValueType = { "type": "text", 
/**
 * Maximum length in characters (Unicode scalar values).
 */
max_len: number | null, } | { "type": "sid", 
/**
 * Accepted prefixes, e.g. `["SM", "MM"]`.
 */
prefixes: Array<string>, } | { "type": "phone", 
/**
 * Which forms are accepted.
 */
style: PhoneStyle, } | { "type": "rfc2822-date" } | { "type": "date-ymd" } | { "type": "iso8601" } | { "type": "yymmddhhmm" } | { "type": "enum", 
/**
 * The enum id.
 */
id: string, } | { "type": "repeated-enum", 
/**
 * The enum id.
 */
id: string, } | { "type": "space-separated-enum", 
/**
 * The enum id.
 */
id: string, } | { "type": "integer", 
/**
 * Smallest allowed value.
 */
min: number | null, 
/**
 * Largest allowed value.
 */
max: number | null, 
/**
 * When true, out-of-range is a warning (a recommendation), not an error.
 */
soft: boolean, 
/**
 * Unit, for display (`seconds`, `minutes`, `ms`, `bytes`…).
 */
unit: string | null, } | { "type": "decimal" } | { "type": "bool" } | { "type": "url" } | { "type": "digits", 
/**
 * Allowed characters.
 */
alphabet: string, 
/**
 * Maximum length.
 */
max_len: number | null, } | { "type": "mime-type" } | { "type": "json-text" } | { "type": "jwt" } | { "type": "twiml", 
/**
 * Maximum length in characters.
 */
max_len: number | null, } | { "type": "token" } | { "type": "currency" } | { "type": "bitmask" } | { "type": "object" };

/**
 * The `options` of `verifySignature`: the request headers that change what is signed.
 */
export type VerifyOptions = { 
/**
 * The `Content-Type` header. Form bodies are signed by their decoded parameters; any
 * other body (JSON) through `bodySHA256` in the URL. When absent: through `bodySHA256`
 * if the URL carries it or the body starts with `{`/`[`, else form.
 */
contentType?: string | null, 
/**
 * The HTTP method. Only a POST has a signed body: for any other method the URL alone is
 * signed and the body is ignored. When absent: POST if there is a body.
 */
method?: string | null, 
/**
 * The `X-Twilio-Webhooks-Signature-Settings` header (`algorithm=HMAC_SHA256` selects
 * SHA-256 with a shared key).
 */
signatureSettings?: string | null, };

/**
 * Why `verifySignature` said what it said.
 */
export type VerifyReason = "valid" | "missing-signature" | "no-token" | "mismatch";

/**
 * The result of `verifySignature`.
 */
export type VerifyResult = { 
/**
 * True when the signature matches one of the tokens.
 */
valid: boolean, 
/**
 * Which token and URL variant matched; `null` when none did.
 */
matched: Matched | null, 
/**
 * The HMAC that was checked.
 */
algorithm: SignatureAlgorithm, 
/**
 * Why: `valid`, `missing-signature`, `no-token` or `mismatch`.
 */
reason: VerifyReason, };

/** Options of `inspect`: every member may be left out. */
export type InspectOptions = Partial<Options>;

/** One capture given to `timeline`: its text, plus any option of `inspect`. */
export type CaptureInput = Partial<Capture> & Partial<Options> & { input: string };
