//! The catalog: one data table of webhook kinds, parameters and value sets.
//!
//! The table itself is in `table.rs` (plain `static` data, no parsing at run time). This
//! module defines its types and the lookups the checker uses. Every description is written
//! in our own words; facts come from the seeds in `shared/seeds/` and the reference
//! catalog, and each row records where it came from.

use serde::{Deserialize, Serialize};

pub mod lifecycle;
mod table;

pub use table::{KindId, ENUMS, KINDS, PARAMS, SID_PREFIXES};

/// Which way a request travels.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    /// Twilio calls the application (a webhook).
    TwilioToApp,
    /// The application calls Twilio's REST API.
    AppToTwilio,
    /// A body Twilio's REST API returns.
    Response,
}

/// Twilio API version a row applies to.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ApiVersion {
    /// The 2008-08-01 API (Caller/Called, XML responses).
    #[serde(rename = "2008-08-01")]
    V2008,
    /// The 2010-04-01 API (From/To, JSON responses).
    #[serde(rename = "2010-04-01")]
    V2010,
}

impl ApiVersion {
    /// `2008-08-01` or `2010-04-01`.
    pub fn as_str(self) -> &'static str {
        match self {
            ApiVersion::V2008 => "2008-08-01",
            ApiVersion::V2010 => "2010-04-01",
        }
    }

    /// Parses `2008-08-01` / `2010-04-01`.
    pub fn parse(s: &str) -> Option<ApiVersion> {
        match s.trim() {
            "2008-08-01" => Some(ApiVersion::V2008),
            "2010-04-01" => Some(ApiVersion::V2010),
            _ => None,
        }
    }
}

/// How reliably a parameter is sent (or, for REST requests, whether it is required).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Presence {
    /// Always sent (webhooks) or required (REST requests).
    Always,
    /// Sent only in a documented situation.
    Conditional,
    /// May be sent / may be given.
    Optional,
}

/// How well the parameter is documented.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocStatus {
    /// Named in a seed, the Twilio docs or the OpenAPI schema.
    Documented,
    /// Seen in real payloads but not in Twilio's pages.
    Observed,
    /// Only in an example, not in the schema.
    ExampleOnly,
    /// Only a seed says it; other sources contradict it.
    SeedOnly,
}

/// Phone-number / address styles.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PhoneStyle {
    /// Strict E.164 (`+14155550100`).
    E164,
    /// E.164, `client:`, `sip:`, `sim:`, or a raw caller-ID string (warning).
    E164OrClient,
    /// E.164 or `channel:address` (`whatsapp:+1…`, `messenger:…`, `rcs:…`).
    E164OrChannel,
    /// E.164 or a SIP URI.
    E164OrSip,
    /// 2008 style: ten bare digits.
    Legacy10Digit,
    /// 2008 REST input: any punctuation accepted (`(415) 555-1212`, `415-867-5309`).
    AnyFormat,
}

/// The type of a parameter's value, and what is checked about it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "type")]
pub enum ValueType {
    /// Free text, optionally with a maximum length in characters.
    Text {
        /// Maximum length in characters (Unicode scalar values).
        max_len: Option<u32>,
    },
    /// A Twilio SID with one of the given two-letter prefixes (empty: any prefix).
    Sid {
        /// Accepted prefixes, e.g. `["SM", "MM"]`.
        prefixes: &'static [&'static str],
    },
    /// A phone number or address.
    Phone {
        /// Which forms are accepted.
        style: PhoneStyle,
    },
    /// RFC 2822 date (`Fri, 20 Aug 2010 01:13:42 +0000`).
    Rfc2822Date,
    /// `YYYY-MM-DD` (list filters).
    DateYmd,
    /// ISO 8601 date-time.
    Iso8601,
    /// `YYMMDDhhmm` (carrier delivery receipts).
    Yymmddhhmm,
    /// One value from an enum in [`ENUMS`].
    Enum {
        /// The enum id.
        id: &'static str,
    },
    /// The parameter is repeated once per value, each from the enum.
    RepeatedEnum {
        /// The enum id.
        id: &'static str,
    },
    /// One value holding space-separated members of the enum.
    SpaceSeparatedEnum {
        /// The enum id.
        id: &'static str,
    },
    /// A whole number, optionally bounded.
    Integer {
        /// Smallest allowed value.
        min: Option<i64>,
        /// Largest allowed value.
        max: Option<i64>,
        /// When true, out-of-range is a warning (a recommendation), not an error.
        soft: bool,
        /// Unit, for display (`seconds`, `minutes`, `ms`, `bytes`…).
        unit: Option<&'static str>,
    },
    /// A decimal number (prices, coordinates, confidence).
    Decimal,
    /// `true` / `false`.
    Bool,
    /// An absolute URL.
    Url,
    /// DTMF keys: characters from `alphabet`, at most `max_len`.
    Digits {
        /// Allowed characters.
        alphabet: &'static str,
        /// Maximum length.
        max_len: Option<u32>,
    },
    /// A MIME type.
    MimeType,
    /// JSON text inside a form value.
    JsonText,
    /// A compact JWS/JWT.
    Jwt,
    /// A TwiML document, with a maximum length.
    Twiml {
        /// Maximum length in characters.
        max_len: Option<u32>,
    },
    /// An opaque token.
    Token,
    /// An ISO 4217 currency code.
    Currency,
    /// An integer whose bits are flags (2008 `Flags`).
    Bitmask,
    /// A structured value (JSON object/array in REST bodies).
    Object,
}

impl ValueType {
    /// A short id for display and JSON (`sid:CA`, `phone`, `enum:call_status_2008`, …).
    pub fn id(&self) -> String {
        match self {
            ValueType::Text { .. } => "string".into(),
            ValueType::Sid { prefixes: [] } => "sid".into(),
            ValueType::Sid { prefixes } => {
                let mut id = String::with_capacity(4 + prefixes.len() * 3);
                id.push_str("sid:");
                for (i, p) in prefixes.iter().enumerate() {
                    if i > 0 {
                        id.push('|');
                    }
                    id.push_str(p);
                }
                id
            }
            ValueType::Phone { .. } => "phone".into(),
            ValueType::Rfc2822Date => "rfc2822-date".into(),
            ValueType::DateYmd => "date".into(),
            ValueType::Iso8601 => "iso8601-datetime".into(),
            ValueType::Yymmddhhmm => "yymmddhhmm".into(),
            ValueType::Enum { id } => ["enum:", id].concat(),
            ValueType::RepeatedEnum { id } => ["repeated-enum:", id].concat(),
            ValueType::SpaceSeparatedEnum { id } => ["enum-list:", id].concat(),
            ValueType::Integer { .. } => "integer".into(),
            ValueType::Decimal => "decimal".into(),
            ValueType::Bool => "boolean".into(),
            ValueType::Url => "url".into(),
            ValueType::Digits { .. } => "digits".into(),
            ValueType::MimeType => "mime-type".into(),
            ValueType::JsonText => "json".into(),
            ValueType::Jwt => "jwt".into(),
            ValueType::Twiml { .. } => "twiml".into(),
            ValueType::Token => "token".into(),
            ValueType::Currency => "currency".into(),
            ValueType::Bitmask => "bitmask".into(),
            ValueType::Object => "object".into(),
        }
    }
}

/// A deprecation: since when, and what to use instead.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Deprecation {
    /// When it was deprecated (`2010-04-01`, or `undated`).
    pub since: &'static str,
    /// The replacement parameter(s), in words.
    pub use_instead: &'static str,
}

/// One kind of webhook or request.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KindSpec {
    /// Stable kebab-case id, e.g. `voice-status-callback`.
    pub id: &'static str,
    /// The id the kind detector reports for it (the same as `id` for the main kinds;
    /// e.g. `list-calls` for `list-calls-legacy`).
    pub reported_as: &'static str,
    /// Human title.
    pub title: &'static str,
    /// One or two sentences, own words: when Twilio sends it and what the app should do.
    pub summary: &'static str,
    /// Which way it travels.
    pub direction: Direction,
    /// API version.
    pub api_version: ApiVersion,
    /// A kind whose parameters this one also carries (action callbacks carry all voice-request params).
    pub inherits: Option<&'static str>,
    /// Groups of parameters of which one is required (create-call: Url | Twiml | ApplicationSid):
    /// exactly one, unless [`KindSpec::one_of_combinable`].
    pub one_of: &'static [&'static [&'static str]],
    /// Whether the members of a [`KindSpec::one_of`] group may be sent together (at least one
    /// is required): create-message takes From with MessagingServiceSid, and Body with
    /// MediaUrl (an MMS with text).
    pub one_of_combinable: bool,
    /// Where the facts come from.
    pub source: &'static str,
}

/// One parameter definition. A name may have several rows (one per API version or
/// per group of kinds where its type or presence differs).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ParamSpec {
    /// Wire name. Indexed names use `{N}` (`MediaUrl{N}`) or `{name}` (`SipHeader_{name}`).
    pub name: &'static str,
    /// Short human label.
    pub label: &'static str,
    /// One-line description in our own words.
    pub description: &'static str,
    /// Value type and constraints.
    pub value_type: ValueType,
    /// API version of this row.
    pub api_version: ApiVersion,
    /// Kinds this row belongs to (catalog kind ids).
    pub kinds: &'static [&'static str],
    /// Presence in those kinds.
    pub presence: Presence,
    /// Deprecation, if any.
    pub deprecated: Option<Deprecation>,
    /// A legacy alias of another parameter (Caller for From…), still sent.
    pub alias_of: Option<&'static str>,
    /// True for `MediaUrl{N}`-style names.
    pub indexed: bool,
    /// Documentation status.
    pub status: DocStatus,
    /// Where it comes from: `seed:000_…txt`, a docs page, or the OpenAPI schema.
    pub source: &'static str,
}

/// A documented set of values.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EnumSpec {
    /// Id referenced by [`ValueType::Enum`].
    pub id: &'static str,
    /// The documented values, canonical spelling.
    pub values: &'static [&'static str],
    /// Values tolerated with a warning, with the reason (`fail` for DialStatus 2008…).
    pub tolerated: &'static [(&'static str, &'static str)],
    /// One line on what the set is.
    pub description: &'static str,
}

/// A SID prefix and what it identifies.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SidPrefix {
    /// Two capital letters.
    pub prefix: &'static str,
    /// What kind of object it names.
    pub object: &'static str,
}

/// The query parameters of a read of the 2010 Messages list (`GET
/// /2010-04-01/Accounts/{AccountSid}/Messages.json`): Twilio's REST reference lists the
/// filters To, From and DateSent (with its `<` and `>` forms) and the paging parameters.
/// The catalog has no kind for this read; a request made only of these names on that path
/// is a list read, not a message sent.
pub(crate) const MESSAGES_LIST_FILTERS: &[&str] = &[
    "To",
    "From",
    "DateSent",
    "DateSent<",
    "DateSent>",
    "PageSize",
    "Page",
    "PageToken",
];

/// Looks a kind up by its catalog id.
pub fn kind(id: &str) -> Option<&'static KindSpec> {
    KINDS.iter().find(|k| k.id == id)
}

/// Looks an enum up by id.
pub fn enum_spec(id: &str) -> Option<&'static EnumSpec> {
    ENUMS.iter().find(|e| e.id == id)
}

/// What a SID prefix names.
pub fn sid_object(prefix: &str) -> Option<&'static str> {
    SID_PREFIXES
        .iter()
        .find(|p| p.prefix == prefix)
        .map(|p| p.object)
}

/// Does `spec.name` match the wire name `name`? Handles `{N}` (digits) and `{name}` (any suffix).
pub fn name_matches(pattern: &str, name: &str) -> bool {
    // Only patterns such as `MediaUrl{N}` end with '}'; the rest compare as plain names.
    if !pattern.ends_with('}') {
        return pattern == name;
    }
    // Most lookups are rejected on the first byte, before the pattern is parsed.
    if pattern.as_bytes().first() != name.as_bytes().first() {
        return false;
    }
    if let Some(open) = pattern.find('{') {
        let prefix = &pattern[..open];
        let Some(rest) = name.strip_prefix(prefix) else {
            return false;
        };
        if pattern[open..].starts_with("{N}") {
            !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit())
        } else {
            !rest.is_empty()
        }
    } else {
        pattern == name
    }
}

/// The chain of catalog kind ids a kind covers: itself, then what it inherits.
pub fn kind_chain(id: &str) -> Vec<&'static str> {
    chain_of(id).to_vec()
}

/// What each kind covers, computed once per kind (in `KINDS` order): its chain of kind ids
/// and the parameters it declares. The classifier and the cross-field checks ask for them
/// for every rule and every request.
struct KindIndex {
    chain: Vec<&'static str>,
    params: Vec<&'static ParamSpec>,
    /// One bit per `PARAMS` row: the row names a kind of the chain.
    covers: Vec<u64>,
}

fn kind_index() -> &'static [KindIndex] {
    static INDEX: std::sync::OnceLock<Vec<KindIndex>> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        KINDS
            .iter()
            .map(|k| {
                let mut chain = Vec::new();
                let mut cur = Some(k);
                while let Some(k) = cur {
                    if chain.contains(&k.id) {
                        break;
                    }
                    chain.push(k.id);
                    cur = k.inherits.and_then(kind);
                }
                let mut params: Vec<&'static ParamSpec> = Vec::new();
                for k in &chain {
                    for p in PARAMS.iter().filter(|p| p.kinds.contains(k)) {
                        if !params.iter().any(|q| q.name == p.name) {
                            params.push(p);
                        }
                    }
                }
                let mut covers = vec![0u64; PARAMS.len().div_ceil(64)];
                for (i, p) in PARAMS.iter().enumerate() {
                    if chain.iter().any(|k| p.kinds.contains(k)) {
                        covers[i / 64] |= 1 << (i % 64);
                    }
                }
                KindIndex {
                    chain,
                    params,
                    covers,
                }
            })
            .collect()
    })
}

fn kind_entry(id: &str) -> Option<&'static KindIndex> {
    let i = KINDS.iter().position(|k| k.id == id)?;
    kind_index().get(i)
}

/// [`kind_chain`] without the copy.
pub(crate) fn chain_of(id: &str) -> &'static [&'static str] {
    kind_entry(id).map_or(&[], |e| e.chain.as_slice())
}

/// A test of rows against a kind: true when the row names `kind_id` or a kind it
/// inherits (as `chain_of(kind_id).iter().any(|k| row.kinds.contains(k))`), answered from a
/// bit per `PARAMS` row. The kind is looked up once, the rows asked many times.
pub(crate) fn coverage(kind_id: &str) -> impl Fn(&ParamSpec) -> bool {
    let entry = kind_entry(kind_id);
    move |row: &ParamSpec| entry.is_some_and(|e| covers(e, row))
}

/// True when `row` names a kind of `e`'s chain (a bit test for a `PARAMS` row).
fn covers(e: &KindIndex, row: &ParamSpec) -> bool {
    let base = PARAMS.as_ptr() as usize;
    let at = row as *const ParamSpec as usize;
    let i = at.wrapping_sub(base) / std::mem::size_of::<ParamSpec>();
    if i < PARAMS.len() && std::ptr::eq(&PARAMS[i], row) {
        e.covers[i / 64] & (1 << (i % 64)) != 0
    } else {
        e.chain.iter().any(|k| row.kinds.contains(k))
    }
}

/// The index entry of a `KINDS` element, found from its address (no comparison of ids).
fn entry_of(kind: &'static KindSpec) -> Option<&'static KindIndex> {
    let base = KINDS.as_ptr() as usize;
    let at = kind as *const KindSpec as usize;
    let i = at.wrapping_sub(base) / std::mem::size_of::<KindSpec>();
    if i < KINDS.len() && std::ptr::eq(&KINDS[i], kind) {
        kind_index().get(i)
    } else {
        kind_entry(kind.id)
    }
}

/// [`param_for_kind`] for a kind already looked up: when a single row of `name` covers the
/// kind's chain it is the answer (a bit test per row); with several, the chain's order
/// decides as in [`param_for_kind`].
pub(crate) fn param_for_spec(kind: &'static KindSpec, name: &str) -> Option<&'static ParamSpec> {
    let Some(e) = entry_of(kind) else {
        return param_for_kind(kind.id, name);
    };
    let mut covered = rows_named(name).filter(|r| covers(e, r));
    let first = covered.next()?;
    if covered.next().is_none() {
        return Some(first);
    }
    let rows = rows_named(name);
    e.chain
        .iter()
        .find_map(|k| rows.clone().find(|p| p.kinds.contains(k)))
}

/// [`params_of_kind`] without the copy.
pub(crate) fn params_of(kind_id: &str) -> &'static [&'static ParamSpec] {
    kind_entry(kind_id).map_or(&[], |e| e.params.as_slice())
}

/// Row indexes by name: exact names by (FNV-1a hash, row) for binary search on integers, and
/// the few patterns (`MediaUrl{N}`). Built once; lookups no longer scan the whole table.
struct NameIndex {
    by_hash: Vec<(u64, u16)>,
    /// Pattern rows with their parsed pattern (see [`Pattern`]).
    patterns: Vec<(u16, Pattern)>,
}

/// A pattern name parsed once: the prefix before `{` and whether the rest must be digits
/// (`{N}`); `None` for a name ending in `}` without `{` (compared as written). Matches
/// exactly as [`name_matches`] does.
#[derive(Clone, Copy)]
struct Pattern(Option<(&'static str, bool)>);

impl Pattern {
    fn parse(pattern: &'static str) -> Pattern {
        Pattern(
            pattern
                .find('{')
                .map(|open| (&pattern[..open], pattern[open..].starts_with("{N}"))),
        )
    }

    fn matches(self, pattern: &str, name: &str) -> bool {
        if pattern.as_bytes().first() != name.as_bytes().first() {
            return false;
        }
        match self.0 {
            Some((prefix, digits)) => match name.strip_prefix(prefix) {
                Some(rest) => {
                    !rest.is_empty() && (!digits || rest.bytes().all(|b| b.is_ascii_digit()))
                }
                None => false,
            },
            None => pattern == name,
        }
    }
}

fn fnv1a(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn name_index() -> &'static NameIndex {
    static INDEX: std::sync::OnceLock<NameIndex> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let (mut by_hash, mut patterns) = (Vec::new(), Vec::new());
        for (i, p) in PARAMS.iter().enumerate() {
            if p.name.ends_with('}') {
                patterns.push((i as u16, Pattern::parse(p.name)));
            } else {
                by_hash.push((fnv1a(p.name), i as u16));
            }
        }
        by_hash.sort_unstable();
        NameIndex { by_hash, patterns }
    })
}

/// Every row for `name`: exact rows in table order, then pattern rows (`MediaUrl{N}`) in
/// table order. No allocation.
pub(crate) fn rows_named(name: &str) -> impl Iterator<Item = &'static ParamSpec> + Clone + '_ {
    let index = name_index();
    let h = fnv1a(name);
    let start = index.by_hash.partition_point(|&(x, _)| x < h);
    let exact = index.by_hash[start..]
        .iter()
        .take_while(move |&&(x, _)| x == h)
        .map(|&(_, i)| &PARAMS[i as usize])
        .filter(move |p| p.name == name);
    let patterns = index
        .patterns
        .iter()
        .filter(move |&&(i, pat)| pat.matches(PARAMS[i as usize].name, name))
        .map(|&(i, _)| &PARAMS[i as usize]);
    exact.chain(patterns)
}

/// The parameter row for `name` within `kind_id` (or a kind it inherits), if any.
pub fn param_for_kind(kind_id: &str, name: &str) -> Option<&'static ParamSpec> {
    let mut rows = rows_named(name).peekable();
    rows.peek()?;
    chain_of(kind_id)
        .iter()
        .find_map(|k| rows.clone().find(|p| p.kinds.contains(k)))
}

/// Every row for `name`, in table order.
pub fn params_named(name: &str) -> impl Iterator<Item = &'static ParamSpec> + '_ {
    rows_named(name)
}

/// The parameters a kind declares (including inherited ones), one row per name.
pub fn params_of_kind(kind_id: &str) -> Vec<&'static ParamSpec> {
    params_of(kind_id).to_vec()
}

impl KindId {
    /// The catalog's description of this kind (`None` for `Unknown`).
    pub fn spec(self) -> Option<&'static KindSpec> {
        kind(self.id())
    }

    /// The id as text (the same as [`KindId::id`]).
    pub fn as_str(&self) -> &'static str {
        self.id()
    }
}

impl std::fmt::Display for KindId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// A kind id reads as its text wherever text is expected (`&report.kind.id` as `&str`).
impl std::ops::Deref for KindId {
    type Target = str;
    fn deref(&self) -> &str {
        self.id()
    }
}

impl PartialEq<str> for KindId {
    fn eq(&self, other: &str) -> bool {
        self.id() == other
    }
}

impl PartialEq<&str> for KindId {
    fn eq(&self, other: &&str) -> bool {
        self.id() == *other
    }
}

impl PartialEq<String> for KindId {
    fn eq(&self, other: &String) -> bool {
        self.id() == other.as_str()
    }
}
