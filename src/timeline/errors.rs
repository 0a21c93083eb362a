//! What a Twilio `ErrorCode` on a failed callback usually means, in a short phrase.
//!
//! Kept behind [`explain_error`] alone so the table can be swapped for the project-wide
//! error-code table when it lands. Meanings are our own words.

/// A short meaning of a Twilio error code, for the codes met most on failed messages and
/// calls; `None` for codes this table does not know.
pub fn explain_error(code: &str) -> Option<&'static str> {
    Some(match code.trim() {
        "11200" => "your webhook did not give Twilio a usable answer",
        "11205" => "Twilio could not connect to your webhook in time",
        "11750" => "your TwiML response was larger than 64 kB",
        "12100" => "your response was not well-formed XML",
        "13224" => "Twilio will not or cannot call this destination",
        "13227" => "the account's voice geo permissions block this destination",
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
    }
}
