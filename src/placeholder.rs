//! Redacted, placeholder and template values: the value classes of real captures.
//!
//! People redact before they paste (`ACXXXXXXXX…`, `SM****`, `[redacted]`), test suites use
//! placeholders (`CA123`, `test_sid`, `my-account`) and documentation leaves template
//! variables in (`{{AccountSid}}`, `${CALL_SID}`, `%s`). Twilio-compatible platforms send
//! Twilio's parameters with ids of their own (UUIDs). None of these is a malformed Twilio
//! value: the inspector labels them and does not check them, and they still count as the
//! parameter being present.

use serde::{Deserialize, Serialize};

use crate::catalog::ValueType;

/// What kind of stand-in a value is.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Placeholder {
    /// Masked or removed by whoever captured it: `ACXXXX…`, `SM****`, `AC12…ef`,
    /// `+1555XXXXXXX`, `[redacted]`, `<REDACTED>`, `[FILTERED]`, an empty id.
    Redacted,
    /// A template variable left in: `{{AccountSid}}`, `${CALL_SID}`, `%s`, `<%= sid %>`,
    /// `YOUR_ACCOUNT_SID`, `<your number>`.
    Template,
    /// A placeholder word or short fake where an id belongs (`my-account`, `CA123`,
    /// `test_sid`, `sid-1`, `abc`), as test fixtures write them.
    Fake,
    /// An id in another platform's format (a UUID), as Twilio-compatible platforms and
    /// home-made test requests send it.
    ForeignId,
    /// The last value of a capture cut off mid-value (`CalledCity=INVERNE` after an earlier
    /// `CalledCity=INVERNESS`): incomplete, so not judged.
    CutOff,
}

impl Placeholder {
    /// The label every door shows instead of a check result.
    pub fn label(self) -> &'static str {
        match self {
            Placeholder::Redacted => "redacted — not checked",
            Placeholder::Template => "template placeholder — not checked",
            Placeholder::Fake => "placeholder value — not checked",
            Placeholder::ForeignId => "not a Twilio id (another platform's format) — not checked",
            Placeholder::CutOff => "cut off — not checked",
        }
    }

    /// The kebab-case id (`redacted`, `template`, `fake`, `foreign-id`).
    pub fn id(self) -> &'static str {
        match self {
            Placeholder::Redacted => "redacted",
            Placeholder::Template => "template",
            Placeholder::Fake => "fake",
            Placeholder::ForeignId => "foreign-id",
            Placeholder::CutOff => "cut-off",
        }
    }
}

/// Words that stand for a removed value, compared case-insensitively once brackets and
/// punctuation around them are gone.
const REDACTION_WORDS: &[&str] = &[
    "redacted",
    "filtered",
    "removed",
    "hidden",
    "masked",
    "obfuscated",
    "censored",
    "omitted",
    "scrubbed",
    "sanitized",
    "sanitised",
    "secret",
    "private",
    "snip",
    "snipped",
    "elided",
    "anonymized",
    "anonymised",
];

/// Words test fixtures write where a typed value belongs (`ReasonConferenceEnded=test`).
const PLACEHOLDER_WORDS: &[&str] = &[
    "test",
    "testing",
    "foo",
    "bar",
    "baz",
    "qux",
    "dummy",
    "example",
    "sample",
    "placeholder",
    "xxx",
    "asdf",
    "lorem",
    "changeme",
    "todo",
    "tbd",
    "fake",
    "something",
];

/// Classifies `value` as a stand-in for a value of type `value_type`, or `None` for a
/// value that should be checked as it is.
pub fn classify(value: &str, value_type: &ValueType) -> Option<Placeholder> {
    let v = value.trim();
    let is_id = matches!(value_type, ValueType::Sid { .. });
    if v.is_empty() {
        // An empty id is a redaction; an empty geo field or message is normal.
        return is_id.then_some(Placeholder::Redacted);
    }
    let free_text = matches!(
        value_type,
        ValueType::Text { .. } | ValueType::Twiml { .. } | ValueType::Object
    );
    if let ValueType::Digits { alphabet, .. } = value_type {
        // `#`, `*` and `***` are keys people press, not masks.
        if v.chars().all(|c| alphabet.contains(c)) {
            return None;
        }
    }
    // A real SID is none of the stand-ins below (no punctuation, no mask or template form,
    // longer than every placeholder word), and `classify_id` passes it.
    if matches!(value_type, ValueType::Sid { .. }) && is_sid_shaped(v) {
        return None;
    }
    if is_redaction_marker(v) {
        return Some(Placeholder::Redacted);
    }
    // Letters, digits and `+` only (most values): no template form, inside or whole, can
    // be written without other punctuation (`{{`, `${`, `%s`, `$name`, `your_…`, `A_B`).
    let plain = v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'+');
    if !plain && is_template(v, !free_text) {
        return Some(Placeholder::Template);
    }
    if !plain && !free_text && contains_template(v) {
        return Some(Placeholder::Template);
    }
    if !plain && !free_text && contains_redaction(v) {
        // `+1{redacted}`, `AC[REDACTED]`: part of the value was masked.
        return Some(Placeholder::Redacted);
    }
    if !free_text && PLACEHOLDER_WORDS.iter().any(|w| w.eq_ignore_ascii_case(v)) {
        return Some(Placeholder::Fake);
    }
    match value_type {
        ValueType::Sid { .. } => classify_id(v),
        ValueType::Phone { .. } if masked_address(v) || calling_code_only(v) => {
            Some(Placeholder::Redacted)
        }
        ValueType::Phone { .. } => fake_number(v).then_some(Placeholder::Fake),
        ValueType::Token | ValueType::Jwt => is_mask_run(v).then_some(Placeholder::Redacted),
        ValueType::Url => masked_url(v).then_some(Placeholder::Redacted),
        _ => None,
    }
}

/// `[redacted]`, `<REDACTED>`, `***`, `xxxx`, `…`, `[FILTERED]` (Rails), `<hidden>`.
/// True when the whole `value` is a redaction marker or a template left in (`<TWILIO
/// NUMBER>`, `{{From}}`, `[redacted]`), whatever the parameter: text someone wrote in place
/// of the value, so how it is written (a raw space in a form body) says nothing of the wire.
pub(crate) fn stands_in(value: &str) -> bool {
    let v = value.trim();
    !v.is_empty() && (is_redaction_marker(v) || is_template(v, true))
}

fn is_redaction_marker(v: &str) -> bool {
    if v.bytes().all(|b| b.is_ascii_alphanumeric()) {
        // Letters and digits only (most values): nothing to trim, no "… for privacy" tail,
        // no ellipsis; a redaction word, or a run of three or more x's.
        return (v.len() <= 32 && REDACTION_WORDS.iter().any(|r| r.eq_ignore_ascii_case(v)))
            || (v.len() >= 3 && v.bytes().all(|b| b == b'x' || b == b'X'));
    }
    let inner = v.trim_matches(|c: char| {
        matches!(
            c,
            '[' | ']'
                | '<'
                | '>'
                | '('
                | ')'
                | '{'
                | '}'
                | '*'
                | '_'
                | '-'
                | '#'
                | '"'
                | '\''
                | '`'
                | ' '
                | '.'
                | '+'
        )
    });
    if inner.is_empty() {
        // Only punctuation: `***`, `...`, `---`, `[]`.
        return v.chars().count() >= 2 && !v.chars().all(|c| c == '-' || c == '_');
    }
    // Compared without allocating: this runs for every value of every capture.
    let word = inner.trim_end_matches(['.', '!']);
    let is_word = |w: &str| REDACTION_WORDS.iter().any(|r| r.eq_ignore_ascii_case(w));
    if word.len() <= 32 && (is_word(word) || word == "…") {
        return true;
    }
    let tail = |suffix: &str| {
        word.len()
            .checked_sub(suffix.len())
            .filter(|&i| word.is_char_boundary(i) && word[i..].eq_ignore_ascii_case(suffix))
            .map(|i| &word[..i])
    };
    if let Some(rest) = tail(" for privacy").or_else(|| tail(" for security")) {
        return is_word(rest);
    }
    v.chars().filter(|c| c.is_alphanumeric()).all(is_mask_char) && is_mask_run(v)
}

fn is_mask_char(c: char) -> bool {
    matches!(c, 'x' | 'X' | '*' | '•' | '●' | '█' | '#')
}

/// Three or more mask characters in a row, or an ellipsis.
fn is_mask_run(v: &str) -> bool {
    if v.contains('…') || v.contains("...") {
        return true;
    }
    let mut run = 0;
    for c in v.chars() {
        if is_mask_char(c) {
            run += 1;
            if run >= 3 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

/// The whole value is a template variable. `typed`: the value has a type (an id, a number,
/// a URL), so looser forms (`$callSid`, `:sid`, `<AccountSid>`) count too; in free text they
/// could be what somebody wrote.
fn is_template(v: &str, typed: bool) -> bool {
    let enclosed = |open: &str, close: &str| {
        v.strip_prefix(open)
            .and_then(|r| r.strip_suffix(close))
            .is_some_and(|inner| !inner.trim().is_empty() && !inner.contains(close))
    };
    if enclosed("{{", "}}")
        || enclosed("${", "}")
        || enclosed("#{", "}")
        || enclosed("<%", "%>")
        || enclosed("{%", "%}")
        || enclosed("[[", "]]")
        || enclosed("__", "__") && v.get(2..v.len() - 2).is_some_and(is_identifier)
    {
        return true;
    }
    // printf / Python % formatting: `%s`, `%d`, `%(sid)s`, `%@`.
    if matches!(v, "%s" | "%d" | "%i" | "%@" | "%v" | "%q")
        || (v.starts_with("%(") && v.ends_with(")s"))
    {
        return true;
    }
    if !typed {
        return false;
    }
    // `{AccountSid}` (Python str.format, OpenAPI paths), `<AccountSid>`, `<your number>`.
    if let Some(inner) = v
        .strip_prefix('{')
        .and_then(|r| r.strip_suffix('}'))
        .or_else(|| v.strip_prefix('<').and_then(|r| r.strip_suffix('>')))
    {
        let words_only = inner
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | ' ' | '.'));
        if !inner.trim().is_empty() && words_only && inner.len() <= 60 {
            return true;
        }
    }
    // `$CALL_SID`, `$callSid`, `:call_sid` (route parameters), `@sid`.
    if let Some(name) = v
        .strip_prefix('$')
        .or_else(|| v.strip_prefix(':'))
        .or_else(|| v.strip_prefix('@'))
    {
        if is_identifier(name) {
            return true;
        }
    }
    // `YOUR_ACCOUNT_SID`, `your-auth-token`, `MY_TWILIO_NUMBER`, `<insert number here>`.
    // Compared without lower-casing a copy (ASCII case does not change what is alphanumeric).
    let stripped = v.trim_matches(|c: char| !c.is_alphanumeric());
    let identifier_like = stripped
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | ' '));
    identifier_like
        && ["your_", "your-", "your ", "insert ", "replace_", "replace-"]
            .iter()
            .any(|p| {
                stripped
                    .as_bytes()
                    .get(..p.len())
                    .is_some_and(|h| h.eq_ignore_ascii_case(p.as_bytes()))
            })
        || is_env_var_name(v)
}

/// `MY_TWILIO_NUMBER`, `TWILIO_ACCOUNT_SID`: a constant's or environment variable's name
/// where its value belongs.
fn is_env_var_name(v: &str) -> bool {
    v.contains('_')
        && v.len() >= 4
        && v.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        && v.starts_with(|c: char| c.is_ascii_uppercase())
}

/// A bracketed redaction word somewhere inside a value (`+1{redacted}`, `AC[REDACTED]`,
/// `<hidden>@example.com`).
fn contains_redaction(v: &str) -> bool {
    [('{', '}'), ('[', ']'), ('<', '>'), ('(', ')')]
        .iter()
        .any(|&(open, close)| {
            v.split(open).skip(1).any(|after| {
                after.split_once(close).is_some_and(|(inner, _)| {
                    REDACTION_WORDS
                        .iter()
                        .any(|w| w.eq_ignore_ascii_case(inner.trim()))
                })
            })
        })
}

/// A template variable somewhere inside a typed value (`https://{{host}}/voice`).
fn contains_template(v: &str) -> bool {
    (v.contains("{{") && v.contains("}}"))
        || (v.contains("${") && v.contains('}'))
        || (v.contains("<%") && v.contains("%>"))
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Two capital letters and 32 lower- or upper-case hex digits.
pub(crate) fn is_sid_shaped(v: &str) -> bool {
    let b = v.as_bytes();
    b.len() == 34
        && b[..2].iter().all(u8::is_ascii_uppercase)
        && b[2..].iter().all(u8::is_ascii_hexdigit)
}

/// A UUID (8-4-4-4-12 hex digits), with or without a short prefix (`CA` + UUID).
pub(crate) fn is_uuid(v: &str) -> bool {
    let tail = v.get(v.len().saturating_sub(36)..).unwrap_or(v);
    let groups: Vec<&str> = tail.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Ids: masked, foreign, a real SID cut off (left to the SID check), or a fake.
fn classify_id(v: &str) -> Option<Placeholder> {
    if is_sid_shaped(v) {
        return None;
    }
    if is_mask_run(v)
        || v.contains(['*', '•', '…'])
        || masked_sid(v)
        || repeated_letter_run(v.get(2..).unwrap_or("")) && !is_near_sid(v)
    {
        return Some(Placeholder::Redacted);
    }
    if is_uuid(v) {
        return Some(Placeholder::ForeignId);
    }
    if one_character_over_and_over(v.get(2..).unwrap_or("")) {
        // `ACaaaa…a` (a test's all-`a` id, one `a` too many): a real SID, cut off or not,
        // never is one character repeated, so its length says nothing.
        return Some(Placeholder::Fake);
    }
    if is_near_sid(v) && counting_run(v.get(2..).unwrap_or("")) {
        // `SM1234567890abcdef1234567890abcd`: a fixture's counting run where random hex
        // belongs, one or two characters short or long. Its length says nothing.
        return Some(Placeholder::Fake);
    }
    if is_near_sid(v) {
        // A real SID that lost or gained a few characters (cut off when copied), or one
        // with a typo, is for the SID check to report. Three or more letters that no hex
        // digit has make a keyboard-mashed fixture (`AC9a9f9392lad99kla0sklakjs90j092j3`).
        let beyond_hex = v
            .bytes()
            .skip(2)
            .filter(|b| b.is_ascii_alphabetic() && !b.is_ascii_hexdigit())
            .count();
        return (beyond_hex >= 3).then_some(Placeholder::Fake);
    }
    // A long opaque token is another platform's id (`v3:9X2vx…`); a short word or number
    // is a fixture's stand-in (`CA123`, `test_sid`, `abc`).
    if v.chars().count() >= 20 && !v.contains(char::is_whitespace) {
        return Some(Placeholder::ForeignId);
    }
    Some(Placeholder::Fake)
}

/// A SID body that starts with the digits counted in order (`1234567890…`, `0123456789…`).
fn counting_run(body: &str) -> bool {
    body.starts_with("1234567890") || body.starts_with("0123456789")
}

/// Eight or more of one letter or digit and nothing else (`aaaaaaaa…`, `00000000…`).
fn one_character_over_and_over(rest: &str) -> bool {
    let mut chars = rest.chars();
    chars.next().is_some_and(|first| {
        first.is_ascii_alphanumeric() && rest.len() >= 8 && chars.all(|c| c == first)
    })
}

/// Two capital letters and 22–38 letters or digits: shaped like a SID, but not exactly.
pub(crate) fn is_near_sid(v: &str) -> bool {
    let b = v.as_bytes();
    (24..=40).contains(&b.len())
        && b[..2].iter().all(u8::is_ascii_uppercase)
        && b[2..].iter().all(u8::is_ascii_alphanumeric)
}

/// A masking run of one letter repeated (`+1YYYYYYYYYY`, `ACNNNNNNNN`).
fn repeated_letter_run(v: &str) -> bool {
    let mut run = 0;
    let mut last = '\0';
    for c in v.chars() {
        if c.is_ascii_alphabetic() && c == last {
            run += 1;
            if run >= 4 {
                return true;
            }
        } else {
            run = 1;
            last = c;
        }
    }
    false
}

/// `ACxxxx`, `CAxxxxxxxx`, `ACXXXXXXXX…`: a prefix followed by mask letters only.
fn masked_sid(v: &str) -> bool {
    let rest = v.get(2..).unwrap_or("");
    rest.len() >= 2
        && rest
            .trim_start_matches(|c: char| c.is_ascii_hexdigit() && !c.is_ascii_alphabetic())
            .chars()
            .all(|c| matches!(c, 'x' | 'X' | '0'))
        && rest.contains(['x', 'X'])
}

/// A phone number or channel address with masked digits (`+1555XXXXXXX`, `+1 ***-1234`,
/// `whatsapp:+4477••••1234`).
fn masked_address(v: &str) -> bool {
    let addr = v.split_once(':').map_or(v, |(_, a)| a);
    let has_mask = addr.chars().any(|c| is_mask_char(c) || c == '…') || addr.contains("...");
    let letters: Vec<char> = addr.chars().filter(char::is_ascii_alphabetic).collect();
    // `+1YYYYYYYYYY`, `+1555NNNNNNN`: one letter repeated where the digits were.
    let one_letter_mask =
        repeated_letter_run(addr) && letters.iter().all(|c| c.eq_ignore_ascii_case(&letters[0]));
    // `+1512xxxyyyy`, `+1512zzzyyyy`, `+1 NXX-XXXX`: the letters that stand for digits in a
    // number's written pattern, four or more of them (a vanity number spells a word).
    let digit_letters = letters.len() >= 4
        && letters
            .iter()
            .all(|c| matches!(c.to_ascii_lowercase(), 'x' | 'y' | 'z' | 'n'));
    let letter_mask = one_letter_mask || digit_letters;
    (has_mask || letter_mask)
        && addr.chars().all(|c| {
            c.is_ascii_digit()
                || is_mask_char(c)
                || (letter_mask && c.is_ascii_alphabetic())
                || "+-() .…".contains(c)
        })
}

/// A number cut down to its calling code (`+1`, `+44`), or to no digit at all on a channel
/// (`whatsapp:+/`, `whatsapp:+`): the subscriber digits were removed before the capture
/// was shared.
fn calling_code_only(v: &str) -> bool {
    let channel = v
        .split_once(':')
        .filter(|(c, _)| !c.is_empty() && c.bytes().all(|b| b.is_ascii_lowercase()));
    if let Some((_, addr)) = channel {
        return addr.strip_prefix('+').is_some_and(|d| {
            d.bytes().filter(u8::is_ascii_digit).count() <= 3
                && d.bytes()
                    .all(|b| b.is_ascii_digit() || b"/-. ()".contains(&b))
        });
    }
    v.strip_prefix('+')
        .is_some_and(|d| (1..=3).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit()))
}

/// Caller ID strings Twilio really passes when it cannot give a number.
const CALLER_ID_WORDS: &[&str] = &[
    "anonymous",
    "restricted",
    "unknown",
    "unavailable",
    "private",
    "blocked",
    "withheld",
    "payphone",
];

/// A stand-in where a number belongs, as fixtures write it: a word (`test`,
/// `ExternalNumber`) that is not a caller-ID string Twilio passes, a run of ascending or
/// descending digits (`1234567890`, `+0987654321`), one digit repeated (`999999999`), or
/// a number in the NANP's fictional 555
/// area code written without its `+` (`15551234567`). Addresses on a channel
/// (`client:alice`, `sip:…`) are real values.
fn fake_number(v: &str) -> bool {
    if v.contains(':') || v.contains('@') {
        return false;
    }
    if v.chars()
        .all(|c| c.is_ascii_alphabetic() || c == '_' || c == '-')
        && v.chars().any(|c| c.is_ascii_alphabetic())
    {
        // Lower-cased only for a value of letters (a number never needs the copy).
        let lower = v.to_ascii_lowercase();
        // A boolean or null where a number belongs is a wrong value, not a stand-in.
        let wrong_value = [
            "true",
            "false",
            "none",
            "null",
            "nil",
            "undefined",
            "yes",
            "no",
        ];
        // A word that says the value is wrong (`not-a-number`, `invalid_phone`) is a test's
        // deliberately bad value: it is checked, and fails.
        let says_wrong = lower.split(['-', '_']).any(|w| {
            [
                "invalid",
                "not",
                "bad",
                "wrong",
                "malformed",
                "bogus",
                "garbage",
                "broken",
            ]
            .contains(&w)
        }) || lower.starts_with("notanumber")
            || lower.starts_with("invalid");
        return !CALLER_ID_WORDS.contains(&lower.as_str())
            && !wrong_value.contains(&lower.as_str())
            && !says_wrong;
    }
    let digits = v.strip_prefix('+').unwrap_or(v);
    if digits.len() < 7 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let b = digits.as_bytes();
    let ascending = b
        .windows(2)
        .all(|w| (w[1] as i32 - w[0] as i32).rem_euclid(10) == 1);
    // The same run typed backwards (`0987654321`, the keyboard's digit row reversed).
    let descending = b
        .windows(2)
        .all(|w| (w[0] as i32 - w[1] as i32).rem_euclid(10) == 1);
    let ascending_after_one = b[0] == b'1'
        && b[1..]
            .windows(2)
            .all(|w| (w[1] as i32 - w[0] as i32).rem_euclid(10) == 1);
    let fictional = !v.starts_with('+')
        && (digits.len() == 10 && digits.starts_with("555")
            || digits.len() == 11 && digits.starts_with("1555"));
    // One digit over and over, as typed into a test: no real number looks like that.
    let repeated = b.iter().all(|&d| d == b[0]);
    ascending || descending || ascending_after_one || fictional || repeated
}

/// A URL whose host is masked (`https://xxxxx/voice`, `https://…/status`).
fn masked_url(v: &str) -> bool {
    let rest = v.split_once("://").map_or(v, |(_, r)| r);
    let host = rest.split(['/', '?']).next().unwrap_or("");
    is_redaction_marker(host) || host.contains('…') || is_template(host, true)
}
