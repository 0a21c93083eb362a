//! What a Twilio `ErrorCode` on a failed callback usually means, in a short phrase.
//!
//! Kept behind [`explain_error`] alone. A short phrase of our own for the codes met most on
//! failed messages and calls; any other code is looked up in the project-wide error-code
//! table (`data/error-codes.json`, read through [`crate::response::explain_error`]).

/// A short meaning of a Twilio error code: this module's phrase for the codes met most on
/// failed messages and calls, else the project-wide table's meaning; `None` for codes
/// neither knows.
pub fn explain_error(code: &str) -> Option<&'static str> {
    let code = code.trim();
    short_phrase(code).or_else(|| {
        let n: u32 = code.parse().ok()?;
        crate::response::explain_error(n).map(|e| e.meaning.trim_end_matches('.'))
    })
}

/// The short phrases, for the codes most seen on failed messages and calls.
fn short_phrase(code: &str) -> Option<&'static str> {
    Some(match code {
        "11200" => "your webhook did not give Twilio a usable answer",
        "11205" => "Twilio could not connect to your webhook in time",
        "11750" => "your TwiML response was larger than 64 kB",
        "12100" => "your response was not well-formed XML",
        "13224" => "Twilio will not or cannot call this destination",
        "13227" => "the account's voice geo permissions block this destination",
        "16101" => "the recording was too short to keep, so no file exists",
        "16102" => "the recording was silent and the account deletes silent recordings",
        "21211" => "the To number is not a valid phone number",
        "21408" => "the account may not send to this region",
        "21610" => "the recipient opted out (replied STOP) from this sender",
        "21612" => "Twilio has no SMS route from this sender to this number",
        "21614" => "the To number is not a mobile number",
        "30001" => "the message waited too long in the sender's queue",
        "30002" => "the account was suspended before the message went out",
        "30003" => "the handset could not be reached (off, or out of coverage)",
        "30004" => "delivery to this destination is blocked",
        "30005" => "the carrier does not know this number",
        "30006" => "a landline, or a carrier that cannot be reached",
        "30007" => "filtered as spam or unregistered traffic",
        "30008" => "the carrier failed the message without saying why",
        "30010" => "the price exceeded the MaxPrice you set",
        "30019" => "the content is larger than the carrier accepts",
        "30022" => "US 10DLC throughput limit exceeded",
        "30032" => "toll-free number not yet verified",
        "30034" => "sent from a US 10DLC number not registered to a campaign",
        "30036" => "the ValidityPeriod expired before the message was sent",
        "31005" => "the connection to the client was lost",
        "32011" => "the SIP endpoint could not be reached",
        "63016" => "WhatsApp: outside the 24-hour window, a template is needed",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn known_and_unknown() {
        assert!(super::explain_error("30003").is_some());
        assert!(super::explain_error(" 21610 ").is_some());
        assert!(super::explain_error("99999").is_none());
        assert!(super::explain_error("98989").is_none());
    }

    #[test]
    fn codes_beyond_the_short_table_come_from_the_project_table() {
        // 12300 (Invalid Content-Type) has no short phrase; the project-wide table knows it.
        assert!(super::short_phrase("12300").is_none());
        let m = super::explain_error("12300").expect("12300 is in data/error-codes.json");
        assert!(m.contains("Content-Type"), "{m}");
        assert!(!m.ends_with('.'), "{m}");
    }
}
