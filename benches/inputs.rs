//! The benchmark inputs, shared by the native (criterion) benchmark. The Node benchmark
//! (`npm/bench/peer.mjs`) builds the same requests.

/// Auth token used for every benchmark signature.
pub const TOKEN: &str = "12345678901234567890123456789012";
/// The URL Twilio requested.
pub const URL: &str = "https://example.com/twilio/hook?tenant=acme";

/// A ~20-parameter inbound SMS webhook.
pub fn sms() -> String {
    "ToCountry=US&ToState=CA&SmsMessageSid=SM0123456789abcdef0123456789abcdef&NumMedia=0&ToCity=SAN+FRANCISCO\
&FromZip=94105&SmsSid=SM0123456789abcdef0123456789abcdef&FromState=CA&SmsStatus=received&FromCity=SAN+FRANCISCO\
&Body=Hello+from+the+benchmark%21+%F0%9F%91%8B+How+are+you%3F&FromCountry=US&To=%2B14155550199&ToZip=94105\
&NumSegments=1&MessageSid=SM0123456789abcdef0123456789abcdef&AccountSid=AC0123456789abcdef0123456789abcdef\
&From=%2B14155550100&ApiVersion=2010-04-01&MessagingServiceSid=MG0123456789abcdef0123456789abcdef"
        .to_string()
}

/// An MMS webhook with 10 media.
pub fn mms() -> String {
    let mut s = "ToCountry=US&ToState=CA&SmsMessageSid=MM0123456789abcdef0123456789abcdef&NumMedia=10&ToCity=SAN+FRANCISCO\
&FromZip=94105&SmsSid=MM0123456789abcdef0123456789abcdef&FromState=CA&SmsStatus=received&FromCity=SAN+FRANCISCO\
&Body=Photos+from+the+trip&FromCountry=US&To=%2B14155550199&ToZip=94105&NumSegments=1\
&MessageSid=MM0123456789abcdef0123456789abcdef&AccountSid=AC0123456789abcdef0123456789abcdef\
&From=%2B14155550100&ApiVersion=2010-04-01"
        .to_string();
    for i in 0..10 {
        s.push_str(&format!(
            "&MediaContentType{i}=image%2Fjpeg&MediaUrl{i}=https%3A%2F%2Fapi.twilio.com%2F2010-04-01%2FAccounts%2FAC0123456789abcdef0123456789abcdef%2FMessages%2FMM0123456789abcdef0123456789abcdef%2FMedia%2FME0123456789abcdef0123456789abcde{i}"
        ));
    }
    s
}

/// A ~25-parameter call status callback.
pub fn status() -> String {
    "Called=%2B14155550199&ToState=CA&CallerCountry=US&Direction=outbound-api&Timestamp=Tue%2C+03+Jun+2025+17%3A12%3A41+%2B0000\
&CallbackSource=call-progress-events&SipResponseCode=200&CallerState=CA&ToZip=94105&SequenceNumber=3\
&CallSid=CA0123456789abcdef0123456789abcdef&To=%2B14155550199&CallerZip=94105&ToCountry=US&ApiVersion=2010-04-01\
&CalledCity=SAN+FRANCISCO&CallStatus=completed&Duration=1&From=%2B14155550100&CallDuration=49\
&AccountSid=AC0123456789abcdef0123456789abcdef&CalledCountry=US&CallerCity=SAN+FRANCISCO&Caller=%2B14155550100\
&FromCountry=US"
        .to_string()
}

/// Decoded pairs of a form body (what a framework hands to `validateRequest`).
pub fn pairs(body: &str) -> Vec<(String, String)> {
    twilio_webhook_inspector::decode(body, Some(twilio_webhook_inspector::InputFormat::Form))
        .pairs
        .into_iter()
        .map(|p| (p.name, p.value))
        .collect()
}
