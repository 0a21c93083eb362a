"""Own-words labels and descriptions for the catalog (used by tools/gen_catalog.py).

Every text here was written for this project: it says what a field is, its unit and
when it is sent. Nothing is copied from the seeds or from the reference facts file.

Keys of PARAM_TEXT are looked up in this order for a parameter `Name` of kind `k`
and API version `v` (2008 or 2010):  "Name@k", "Name@v", "Name".
"""

KIND_TEXT = {
    "voice-request": (
        "Incoming call (voice request)",
        "Twilio asks your Voice URL what to do with a call that has just connected, inbound or "
        "placed through the REST API. Reply with TwiML.",
    ),
    "voice-request-legacy": (
        "Incoming call (2008-08-01 voice request)",
        "The 2008 form of the voice request: Caller/Called instead of From/To and no ApiVersion. "
        "When the call ends Twilio requests the same URL again with CallStatus=completed.",
    ),
    "voice-status-callback": (
        "Call status callback",
        "Asynchronous notice to the call's StatusCallback URL as it moves through initiated, "
        "ringing, answered and completed. Twilio ignores whatever you reply.",
    ),
    "recording-status-callback": (
        "Recording status callback",
        "Sent to RecordingStatusCallback when a call recording starts, is completed or turns "
        "out to be absent. Download the audio only once the status is completed.",
    ),
    "messaging-request": (
        "Incoming message (messaging request)",
        "Twilio forwards an inbound SMS, MMS or channel message to your messaging URL and "
        "expects Messaging TwiML (or an empty response) back.",
    ),
    "whatsapp-request": (
        "Incoming WhatsApp message",
        "A messaging request that came in over WhatsApp (whatsapp: addresses), with extra "
        "fields such as the sender's profile name, button replies, shared locations and ad "
        "referrals.",
    ),
    "messaging-request-legacy": (
        "Incoming SMS (2008-08-01 request)",
        "The 2008 SMS request: SmsSid, From, To and a Body of at most 160 characters, with no "
        "media fields.",
    ),
    "message-status-callback": (
        "Message status callback",
        "Delivery progress of a message you sent (queued, sent, delivered, undelivered, failed, "
        "read…), posted to its StatusCallback. The exact field set depends on the channel.",
    ),
    "create-call": (
        "Create a call (REST, 2010-04-01)",
        "Your POST to /2010-04-01/Accounts/{AccountSid}/Calls.json that starts an outbound call. "
        "To and From are required, plus exactly one of Url, Twiml or ApplicationSid.",
    ),
    "create-call-legacy": (
        "Create a call (REST, 2008-08-01)",
        "The 2008 POST to /2008-08-01/Accounts/{AccountSid}/Calls with Caller, Called and Url, "
        "all three required. Twilio answers with a <TwilioResponse> XML document.",
    ),
    "update-call": (
        "Modify a live call (REST)",
        "POST to /Calls/{CallSid}.json that points an active call at new TwiML or hangs it up "
        "(Status=completed or canceled). Every field is optional.",
    ),
    "list-calls": (
        "List calls (REST query)",
        "GET on /Calls.json with optional filters on numbers, status, parent call and start or "
        "end date; results are paged with PageSize and PageToken.",
    ),
    "list-calls-legacy": (
        "List calls (REST query, 2008-08-01)",
        "The 2008 call-log query, filtering on Caller, Called, a numeric Status and StartTime; "
        "results come back as XML, or CSV with a .csv suffix.",
    ),
    "call-response-legacy": (
        "Call record (2008 XML response)",
        "The <Call> element of a 2008 <TwilioResponse>, returned when you create or fetch a "
        "call. Status is a number, Flags a bitmask, and empty elements are normal.",
    ),
    "call-resource": (
        "Call record (2010 JSON response)",
        "The JSON object the 2010 REST API returns for a call you create, fetch or update. Keys "
        "are snake_case and several stay null until the call has ended.",
    ),
    "gather-action": (
        "<Gather> action request",
        "Sent to the <Gather> action URL once the caller has pressed keys or spoken: the usual "
        "voice parameters plus Digits and/or SpeechResult. Reply with TwiML to carry on.",
    ),
    "gather-partial-result-callback": (
        "<Gather> partial speech result",
        "Interim speech-recognition text posted to partialResultCallback while the caller is "
        "still talking; the reply is ignored.",
    ),
    "dial-action": (
        "<Dial> action request",
        "Sent to the <Dial> action URL when the dialled leg is over, with its outcome in "
        "DialCallStatus. The TwiML you return takes over the original caller's call.",
    ),
    "dial-action-legacy": (
        "<Dial> action request (2008-08-01)",
        "The 2008 <Dial> action request, which reports the result of the dial in DialStatus.",
    ),
    "dial-refer-request": ("<Dial> SIP REFER request",
        "Sent to the <Dial> referUrl when the SIP endpoint you dialled sends a REFER to hand the call on; ReferTransferTarget says where. Reply with TwiML."),
    "amd-callback": (
        "Async answering-machine detection result",
        "With AsyncAmd=true the answering-machine verdict arrives here on its own while the "
        "call carries on; no TwiML is expected.",
    ),
    "conference-callback": (
        "Conference status callback",
        "Events of a <Conference> (start and end, participants joining, leaving, muting, "
        "holding, speaking, announcements) posted to its statusCallback.",
    ),
    "conference-recording-status-callback": (
        "Conference recording status callback",
        "Status of a conference recording: like the call recording callback but keyed by "
        "ConferenceSid, and always a single channel.",
    ),
    "transcription-callback": (
        "<Record> transcription callback",
        "Posted to transcribeCallback when Twilio has finished (or failed) transcribing a "
        "<Record> recording; the reply is ignored.",
    ),
    "record-action": (
        "<Record> action request",
        "Sent to the <Record> action URL when recording stops, with the recording's URL and "
        "length. Reply with TwiML for what happens next.",
    ),
    "enqueue-action": (
        "<Enqueue> action request",
        "Sent to the <Enqueue> action URL when the caller leaves the queue, with QueueResult "
        "explaining why. Reply with TwiML.",
    ),
    "enqueue-wait-url": (
        "<Enqueue> wait-URL request",
        "Requested over and over while a caller waits in a queue, with their position and queue "
        "statistics. Reply with hold music or messages.",
    ),
    "queue-url": (
        "<Queue> whisper request",
        "Requested for the caller being taken out of a queue by <Dial><Queue url>, just before "
        "the two sides are connected. Reply with a short whisper.",
    ),
    "create-message": (
        "Send a message (REST)",
        "Your POST to /2010-04-01/Accounts/{AccountSid}/Messages.json. To is required, with "
        "From or MessagingServiceSid, and Body, MediaUrl or ContentSid.",
    ),
}

# (label, description)
PARAM_TEXT = {
    # ---- ids shared by many webhooks -------------------------------------------------
    "CallSid": ("Call SID",
        "Twilio's ID of the call (CA + 32 hex digits, 34 characters); in recording callbacks it is the recorded call, i.e. the parent leg of a two-leg call."),
    "CallSid@2008": ("Call SID",
                     "Twilio's ID of this call: CA followed by 32 hex digits."),
    "CallSid@conference-callback": ("Participant call SID",
                                    "Call (CA…) of the participant the event is about; missing on "
                                    "conference-wide events such as conference-start."),
    "AccountSid": ("Account SID",
                   "ID (AC…) of the Twilio account this call, message, recording or conference "
                   "belongs to; it should be your own account or a subaccount."),
    "AccountSid@2008": ("Account SID",
                        "ID (AC…) of the Twilio account the call or message belongs to."),

    # ---- voice request, 2010 ------------------------------------------------------------
    "From": ("Caller",
             "Who placed the call: an E.164 number, client:name, a sip: address or sim: SID; "
             "Twilio passes the raw caller-ID text when it cannot normalise it."),
    "To": ("Called party",
           "Who the call is for: your Twilio number in E.164, or a client:, sip: or sim: address "
           "when the call goes to an SDK client, SIP domain or SIM."),
    "From@messaging-request": ("Sender",
        "Who sent the message: an E.164 phone number, or channel:address for other channels, like whatsapp:+14155550100."),
    "To@messaging-request": ("Recipient",
        "The Twilio number or channel address the message was sent to (E.164 or channel:address)."),
    "From@message-status-callback": ("Sender",
        "Where your message was sent from: a Twilio number, short code, sender ID or channel:address."),
    "To@message-status-callback": ("Recipient",
        "Where your message was going (E.164 or channel:address); not every channel includes it."),
    "From@create-call": ("Caller ID",
        "Caller ID for the new call in E.164 (one of your Twilio numbers, or a number you verified with Twilio) or client:name; it must be a phone number if To is one."),
    "To@create-call": ("Number to call",
                       "Who to call: an E.164 phone number, a sip: URI or client:name. Required."),
    "From@list-calls": ("Filter: from",
        "Filter on the calling side: a phone number, SIP address, client or SIM identity."),
    "To@list-calls": ("Filter: to",
        "Filter on the called side: a phone number, SIP address, client or SIM identity."),
    "From@create-message": ("Sender",
                            "Send from this Twilio number, short code, alphanumeric sender ID or "
                            "channel:address; give either From or MessagingServiceSid."),
    "To@create-message": ("Recipient",
        "Where to send the message: a phone number in E.164 or channel:address such as whatsapp:+14155550100. Required."),
    "From@2008": ("Sender",
                  "The phone number that sent the SMS, in the 2008 ten-digit style."),
    "To@2008": ("Recipient",
                "Your phone number that received the SMS, ten digits."),
    "CallStatus": ("Call status",
                   "State of the call when Twilio made this request, e.g. ringing, in-progress, "
                   "completed, busy, failed, no-answer; initiated only in status callbacks."),
    "CallStatus@2008": ("Call status",
                        "2008 call state: in-progress, completed, busy, failed or no-answer; "
                        "completed arrives on the extra end-of-call request."),
    "ApiVersion": ("API version",
        "Version of the Twilio API in charge of this call, usually 2010-04-01: from the number's configuration for inbound calls, from the REST request for outbound ones."),
    "ApiVersion@messaging-request": ("API version",
                                     "API version of the message, 2010-04-01; seen in real "
                                     "payloads although not in Twilio's parameter table."),
    "Direction": ("Call direction",
                  "inbound, outbound-api (created by REST), outbound-dial (created by <Dial>), or "
                  "trunking-originating/terminating for Elastic SIP Trunking."),
    "ForwardedFrom": ("Forwarded from",
                      "Number that forwarded the call to you, when the forwarding carrier "
                      "supplies it; many carriers do not."),
    "CallerName": ("Caller name (CNAM)",
                   "Caller's name from a CNAM lookup; only sent when caller-ID lookup is "
                   "switched on for the receiving number (a paid lookup)."),
    "ParentCallSid": ("Parent call SID",
                      "For a child leg, e.g. one created by <Dial>, the call (CA…) that "
                      "started it; left out on the first leg."),
    "ParentCallSid@list-calls": ("Filter: parent call",
        "Restrict the list to legs spawned by the given call (CA…)."),
    "FromCity": ("Caller's city", "City Twilio associates with the From number; may be empty."),
    "FromState": ("Caller's state", "State or province of the From number; may be empty."),
    "FromZip": ("Caller's postal code", "Postal (ZIP) code of the From number; may be empty."),
    "FromCountry": ("Caller's country", "Country of the From number as an ISO code such as US; "
                    "may be empty."),
    "ToCity": ("Called party's city", "City Twilio associates with the To number; may be empty."),
    "ToState": ("Called party's state", "State or province of the To number; may be empty."),
    "ToZip": ("Called party's postal code", "Postal (ZIP) code of the To number; may be empty."),
    "ToCountry": ("Called party's country", "Country of the To number as an ISO code such as US; "
                  "may be empty."),
    "FromCity@messaging-request": ("Sender's city", "City of the sending number, when Twilio "
                                   "can tell; may be empty."),
    "FromState@messaging-request": ("Sender's state", "State or province of the sending number; "
                                    "may be empty."),
    "FromZip@messaging-request": ("Sender's postal code", "Postal code of the sending number; "
                                  "may be empty."),
    "FromCountry@messaging-request": ("Sender's country", "Country of the sending number (ISO "
                                      "code); may be empty."),
    "ToCity@messaging-request": ("Recipient's city", "City of the number that received the "
                                 "message; may be empty."),
    "ToState@messaging-request": ("Recipient's state", "State or province of the receiving "
                                  "number; may be empty."),
    "ToZip@messaging-request": ("Recipient's postal code", "Postal code of the receiving number; "
                                "may be empty."),
    "ToCountry@messaging-request": ("Recipient's country", "Country of the receiving number (ISO "
                                    "code); may be empty."),
    "FromCity@messaging-request-legacy": ("Sender's city", "City of the sending number, when "
                                          "known; may be empty."),
    "FromState@messaging-request-legacy": ("Sender's state", "State or province of the sending "
                                           "number; may be empty."),
    "FromZip@messaging-request-legacy": ("Sender's postal code", "Postal code of the sending "
                                         "number; may be empty."),
    "FromCountry@messaging-request-legacy": ("Sender's country", "Country of the sending number; "
                                             "may be empty."),
    "ToCity@messaging-request-legacy": ("Recipient's city", "City of the receiving number; may "
                                        "be empty."),
    "ToState@messaging-request-legacy": ("Recipient's state", "State or province of the "
                                         "receiving number; may be empty."),
    "ToZip@messaging-request-legacy": ("Recipient's postal code", "Postal code of the receiving "
                                       "number; may be empty."),
    "ToCountry@messaging-request-legacy": ("Recipient's country", "Country of the receiving "
                                           "number; may be empty."),

    # legacy names still sent in 2010
    "Caller@2010": ("Caller (legacy name)",
        "Old 2008 name for From, still sent next to it in 2010 requests; it should match From."),
    "Called@2010": ("Called party (legacy name)",
        "Old 2008 name for To, still sent next to it in 2010 requests; it should match To."),
    "CallerCity@2010": ("Caller's city (legacy name)", "Old name for FromCity, repeated in 2010 "
                        "requests; should equal FromCity."),
    "CallerState@2010": ("Caller's state (legacy name)", "Old name for FromState, repeated in "
                         "2010 requests; should equal FromState."),
    "CallerZip@2010": ("Caller's postal code (legacy name)", "Old name for FromZip, repeated in "
                       "2010 requests; should equal FromZip."),
    "CallerCountry@2010": ("Caller's country (legacy name)", "Old name for FromCountry, repeated "
                           "in 2010 requests; should equal FromCountry."),
    "CalledCity@2010": ("Called party's city (legacy name)", "Old name for ToCity, repeated in "
                        "2010 requests; should equal ToCity."),
    "CalledState@2010": ("Called party's state (legacy name)", "Old name for ToState, repeated "
                         "in 2010 requests; should equal ToState."),
    "CalledZip@2010": ("Called party's postal code (legacy name)", "Old name for ToZip, repeated "
                       "in 2010 requests; should equal ToZip."),
    "CalledCountry@2010": ("Called party's country (legacy name)", "Old name for ToCountry, "
                           "repeated in 2010 requests; should equal ToCountry."),

    "CallToken": ("Call token",
                  "Opaque token for this incoming call; hand it to a new call's CallToken "
                  "parameter so the forwarded call may show the original caller ID."),
    "CallToken@create-call": ("Call token",
                              "Token taken from an incoming call's CallToken field, letting this "
                              "forwarded call present the original caller's ID."),
    "StirVerstat": ("SHAKEN/STIR verification",
                    "Outcome of caller-ID verification for the incoming call, e.g. "
                    "TN-Validation-Passed-A; absent when the call carried no PASSporT."),
    "StirPassportToken": ("SHAKEN PASSporT",
                          "The signed SHAKEN PASSporT (a compact JWT) received with the call, for "
                          "apps that want to inspect the attestation themselves."),
    "ApplicationSid@voice-request": ("TwiML App SID",
                                     "TwiML App (AP…) that handled the call when the number or "
                                     "client is wired to an app; seen in real payloads only."),
    "ApplicationSid@create-call": ("TwiML App SID",
                                   "Use this TwiML App's (AP…) voice settings for the call; one "
                                   "of Url, Twiml or ApplicationSid is required, and with it the "
                                   "URL and callback parameters are ignored."),
    "ApplicationSid@create-message": ("TwiML App SID",
                                      "Send status updates for this message to the message "
                                      "status callback of this TwiML App (AP…)."),
    "AnsweredBy": ("Answered by",
                   "Answering-machine detection verdict: human, machine_start, "
                   "machine_end_beep/silence/other, fax or unknown; only with MachineDetection."),
    "AnsweredBy@amd-callback": ("Answered by",
                                "The asynchronous AMD verdict: human, machine_start, "
                                "machine_end_beep/silence/other, fax or unknown."),
    "MachineDetectionDuration": ("AMD duration",
                                 "How long answering-machine detection ran before deciding, in "
                                 "milliseconds."),
    "SipDomain": ("SIP domain",
                  "Your Twilio SIP domain that received the call, e.g. example.sip.twilio.com."),
    "SipDomainSid": ("SIP domain SID",
                     "ID (SD…) of the SIP domain that received the call."),
    "SipCallId": ("SIP Call-ID",
                  "The Call-ID header of the incoming SIP INVITE, useful to match SIP logs."),
    "SipSourceIp": ("SIP source IP",
                    "IP address the SIP INVITE came from."),
    "SipHeader_{name}": ("Custom SIP header",
                         "A custom X- header from the SIP INVITE; the part after SipHeader_ is "
                         "the header name."),

    # ---- 2008 voice request ---------------------------------------------------------------
    "Caller@voice-request-legacy": ("Caller",
                                    "Number that placed the call (ten digits in US examples); on "
                                    "calls you created, the caller ID you chose."),
    "Called@voice-request-legacy": ("Called party",
                                    "Number that was called: your Twilio number for inbound "
                                    "calls, the dialled number for calls you created."),
    "CallerCity@2008": ("Caller's city", "City of the caller's number, when known; may be empty."),
    "CallerState@2008": ("Caller's state", "State or province of the caller's number; may be "
                         "empty."),
    "CallerZip@2008": ("Caller's postal code", "Postal code of the caller's number; may be empty."),
    "CallerCountry@2008": ("Caller's country", "Country of the caller's number; may be empty."),
    "CalledCity@2008": ("Called party's city", "City of the called number, when known; may be "
                        "empty."),
    "CalledState@2008": ("Called party's state", "State or province of the called number; may "
                         "be empty."),
    "CalledZip@2008": ("Called party's postal code", "Postal code of the called number; may be "
                       "empty."),
    "CalledCountry@2008": ("Called party's country", "Country of the called number; may be "
                           "empty."),
    "DialStatus@voice-request-legacy": ("Dial status (2008)",
        "Outcome of placing the call, reported with Twilio's initial request to your URL: answered, busy, failed, no-answer; with IfMachine also answered-human, answered-machine or hangup-machine. Inbound calls report answered."),
    "DialStatus@dial-action-legacy": ("Dial status (2008)",
                                      "How the 2008 <Dial> attempt ended: answered, busy, "
                                      "no-answer or failed."),

    # ---- status callback ------------------------------------------------------------------
    "Timestamp": ("Event time",
        "When the event happened, as an RFC 2822 date in UTC, e.g. 'Tue, 04 Mar 2025 17:02:11 +0000'."),
    "CallbackSource": ("Callback source",
        "Tag naming what produced the webhook; call status callbacks carry call-progress-events."),
    "SequenceNumber@voice-status-callback": ("Sequence number",
                                             "Order of this call-progress event, counting from 0; "
                                             "sort on it because callbacks can arrive out of order."),
    "SequenceNumber@gather-partial-result-callback": ("Sequence number",
                                                      "Running number of this partial result; "
                                                      "seen in real payloads, not documented."),
    "SequenceNumber@conference-callback": ("Sequence number",
                                           "Order of this conference event; callbacks may arrive "
                                           "out of order (samples start at 1)."),
    "CallDuration": ("Call duration (seconds)",
        "How many seconds the call lasted; included once the call reaches a final state, whether completed, busy, failed, no-answer or canceled."),
    "Duration@voice-status-callback": ("Billed duration (minutes)",
        "Billed call length in MINUTES, not seconds: partial minutes round up, so 49 s bills as 1. Read CallDuration for seconds."),
    "Duration@conference-callback": ("Recording duration (seconds)",
                                     "Length of the conference recording in seconds; only in the "
                                     "old conference-record-end event."),
    "SipResponseCode": ("SIP response code",
        "SIP response code that ended the call: 200 normally, 404 when the number is unreachable, 487 when Timeout expired unanswered."),
    "RecordingUrl@voice-status-callback": ("Recording URL",
                                           "Where the call recording will be, when recording was "
                                           "requested; the file may not exist yet."),
    "RecordingUrl": ("Recording URL",
                                               "Where the recorded audio can be downloaded; add "
                                               ".mp3 or .wav to choose the format."),
    "RecordingUrl@conference-callback": ("Recording URL",
        "URL of the conference recording; sent only with the legacy conference-record-end event."),
    "RecordingSid@voice-status-callback": ("Recording SID",
                                           "ID (RE…) of the recording made because Record=true was "
                                           "set; sent with the completed event."),
    "RecordingSid": ("Recording SID",
                                               "ID (RE…) of the recording this request is about."),
    "RecordingSid@record-action": ("Recording SID",
                                   "ID (RE…) of the recording <Record> just made; present in real "
                                   "payloads though not in the action table."),
    "RecordingDuration@voice-status-callback": ("Recording duration (seconds)",
                                                "Length of the call recording in seconds, with "
                                                "the completed event; trimming may change the "
                                                "final figure."),
    "RecordingDuration@recording-status-callback": ("Recording duration (seconds)",
        "Recording length in seconds; absent or -1 while it is still in progress."),
    "RecordingDuration": ("Recording duration (seconds)",
                                                               "Length of the conference "
                                                               "recording in seconds."),
    "RecordingDuration@record-action": ("Recording duration (seconds)",
                                        "Length of the recording just made, in seconds."),
    "AnsweredBy@voice-status-callback": ("Answered by",
                                         "Answering-machine detection verdict (human, "
                                         "machine_start, machine_end_*, fax, unknown) when AMD ran; "
                                         "seen in real payloads."),
    "MachineDetectionDuration@voice-status-callback": ("AMD duration",
                                                       "Time answering-machine detection took, in "
                                                       "milliseconds; seen in real payloads."),
    "StirStatus": ("SHAKEN attestation",
                   "Attestation level Twilio gave an outgoing call: A (full), B (partial) or C "
                   "(gateway); empty when not available."),
    "StatusCallbackEvent@voice-status-callback": ("Status callback event",
                                                  "Name of the progress event; a seed lists it "
                                                  "here but real callbacks usually omit it and "
                                                  "CallStatus tells the event."),
    "StatusCallbackEvent@create-call": ("Status callback events",
                                        "Progress events to report to StatusCallback: initiated, "
                                        "ringing, answered, completed; repeat the parameter per "
                                        "event (default: completed only)."),
    "StatusCallbackEvent@conference-callback": ("Conference event",
                                                "Which conference event fired, e.g. "
                                                "participant-join, participant-mute or "
                                                "conference-end."),

    # ---- recording status callback --------------------------------------------------------
    "RecordingStatus": ("Recording status",
                        "State of the recording: in-progress, completed, absent (nothing "
                        "usable was recorded) or failed."),
    "RecordingChannels@recording-status-callback": ("Recording channels",
        "Audio channel count of the recording file, 1 or 2."),
    "RecordingChannels@conference-recording-status-callback": ("Recording channels",
                                                               "Channel count of a conference "
                                                               "recording; always 1."),
    "RecordingChannels@create-call": ("Recording channels",
                                      "mono mixes both legs into one channel (default); dual "
                                      "puts each leg on its own channel."),
    "RecordingStartTime": ("Recording start time",
                           "When the recording began, as an RFC 2822 date."),
    "RecordingSource": ("Recording source",
                        "What started the recording, e.g. OutboundAPI (Record=true), DialVerb, "
                        "RecordVerb, Conference or StartCallRecordingAPI."),
    "RecordingTrack@recording-status-callback": ("Recording track",
                                                 "Which audio was recorded: inbound, outbound or "
                                                 "both."),
    "RecordingTrack@create-call": ("Recording track",
                                   "Which audio to record: inbound (received by Twilio), outbound "
                                   "(sent by Twilio) or both (default)."),
    "ErrorCode@recording-status-callback": ("Error code",
                                            "Twilio error code when the recording failed; seen in "
                                            "real payloads."),
    "ErrorCode@message-status-callback": ("Error code",
                                          "Twilio error code explaining a failed or undelivered "
                                          "message, e.g. 30003 for an unreachable handset."),

    # ---- messaging --------------------------------------------------------------------------
    "MessageSid": ("Message SID",
        "Twilio's ID for the message: SM… for SMS and most channels, or MM… for MMS; use it to look the message up later."),
    "SmsSid@2010": ("Message SID (legacy name)",
                    "Deprecated copy of MessageSid kept for old code; it should equal MessageSid."),
    "SmsSid@2008": ("SMS SID",
                    "Twilio's ID of the SMS (SM…), the primary message ID in the 2008 API."),
    "SmsMessageSid": ("Message SID (legacy name)",
                      "Another deprecated copy of MessageSid; it should equal MessageSid."),
    "MessagingServiceSid": ("Messaging Service SID",
        "SID (MG…) of the Messaging Service that the receiving number is part of, if any."),
    "MessagingServiceSid@create-message": ("Messaging Service SID",
                                           "Send through this Messaging Service (MG…), which picks "
                                           "a sender from its pool; give this or From."),
    "Body@messaging-request": ("Message text",
        "Text the sender wrote, at most 1600 characters (blank when only media was sent); opt-out words such as STOP arrive here as well."),
    "Body@create-message": ("Message text",
                            "Text to send, up to 1600 characters; it is split into 160-character "
                            "(GSM-7) or 70-character (UCS-2) segments."),
    "Body@2008": ("Message text",
                  "Text of the incoming SMS, at most 160 characters in the 2008 API."),
    "NumMedia": ("Media count",
                 "How many media files came with the message; MediaUrl0 to MediaUrl{NumMedia-1} "
                 "follow."),
    "NumSegments": ("Segment count",
                    "How many SMS segments the incoming text was split into (1 for short "
                    "messages)."),
    "MediaUrl{N}": ("Media URL",
                    "Where to fetch attachment N (counting from 0) of the message."),
    "MediaContentType{N}": ("Media type",
                            "MIME type of attachment N, e.g. image/jpeg; pairs with MediaUrl{N}."),
    "SmsStatus@messaging-request": ("Message status (legacy)",
                                    "Deprecated status field; on an incoming message it reads "
                                    "received. Seen in real payloads."),
    "SmsStatus@message-status-callback": ("Message status (legacy name)",
                                          "Deprecated copy of MessageStatus; it should hold the "
                                          "same value."),
    "OptOutType": ("Opt-out type",
                   "With Advanced Opt-Out, which keyword class the message matched: STOP, START "
                   "or HELP."),
    "MessageStatus": ("Message status",
                      "Delivery state being reported: queued, sending, sent, delivered, "
                      "undelivered, failed, read (WhatsApp) and so on."),
    "RawDlrDoneDate": ("Carrier receipt date",
                       "Completion time from the carrier's delivery receipt, as YYMMDDhhmm; "
                       "only for some SMS/MMS."),
    "ChannelInstallSid": ("Channel install SID",
                          "ID of the channel installation (e.g. the WhatsApp sender add-on) that "
                          "handled the message."),
    "ChannelStatusMessage": ("Channel status message",
                             "Error or status text passed on from the channel provider."),
    "ChannelPrefix": ("Channel prefix",
        "Name of the channel the message went through, such as whatsapp or messenger."),
    "EventType": ("Event type",
                  "Extra event marker; READ when a WhatsApp recipient has read the message."),
    "ErrorMessage": ("Error message",
                     "Text describing the error; seen in real payloads, not in Twilio's table."),

    # ---- WhatsApp ---------------------------------------------------------------------------
    "ProfileName": ("WhatsApp profile name",
                    "Display name the sender set in their WhatsApp profile."),
    "WaId": ("WhatsApp ID",
        "WhatsApp account number of the sender, typically the phone number as digits only, without '+'."),
    "Forwarded": ("Forwarded",
                  "true when the sender forwarded this message rather than writing it."),
    "FrequentlyForwarded": ("Frequently forwarded",
                            "true when the message has been forwarded many times along a chain."),
    "ButtonPayload": ("Button payload",
                      "Developer-defined payload of the quick-reply button the user tapped."),
    "ButtonText": ("Button text",
                   "Text shown on the button the user tapped."),
    "ButtonType": ("Button type",
                   "Kind of button tapped: REPLY (quick reply) or ACTION."),
    "InteractiveData": ("Interactive data",
                        "JSON describing the user's answer to an interactive message, such as a "
                        "list choice."),
    "FlowData": ("Flow data",
                 "JSON with the answers the user submitted in a WhatsApp Flow."),
    "ChannelMetadata": ("Channel metadata",
                        "JSON with extra channel-specific details about the message or sender."),
    "Latitude": ("Latitude",
        "North-south coordinate of a location the user shared, in decimal degrees (-90 to 90)."),
    "Longitude": ("Longitude",
        "East-west coordinate of a location the user shared, in decimal degrees (-180 to 180)."),
    "Address": ("Location address",
        "Street address that came with a location pin the user shared."),
    "Label": ("Location label",
              "Name of the place in a shared location, e.g. a business name."),
    "ReferralBody": ("Ad referral body",
        "Main text of the ad the user tapped to start this WhatsApp chat."),
    "ReferralHeadline": ("Ad referral headline",
        "Title line of the ad that brought the user to this WhatsApp chat."),
    "ReferralSourceId": ("Ad referral source ID",
                         "Meta's ID of the ad or post that referred the user."),
    "ReferralSourceType": ("Ad referral source type",
                           "Where the referral came from, e.g. ad or post."),
    "ReferralSourceUrl": ("Ad referral URL",
                          "Link to the ad or post that referred the user."),
    "ReferralMediaId": ("Ad referral media ID",
                        "ID of the image or video shown in the referring ad."),
    "ReferralMediaContentType": ("Ad referral media type",
        "Content type (MIME) of the image or video shown in that ad."),
    "ReferralMediaUrl": ("Ad referral media URL",
                         "Where to fetch the referring ad's image or video."),
    "ReferralNumMedia": ("Ad referral media count",
                         "How many media items the referring ad had."),
    "ReferralCtwaClid": ("Click-to-WhatsApp click ID",
                         "Click ID of the ad click, for attributing the conversation to the ad."),
    "OriginalRepliedMessageSender": ("Replied-to sender",
        "Who sent the message that this reply quotes."),
    "OriginalRepliedMessageSid": ("Replied-to message SID",
        "SID (SM…/MM…) of the earlier message this one quotes as a reply."),
    "MessageType": ("Message type",
        "Type of WhatsApp content received (for instance text, image, button, interactive or location); seen in real payloads."),

    # ---- create / update call (2010) ---------------------------------------------------------
    "Url@create-call": ("TwiML URL",
        "Address of the TwiML Twilio should run once the call is answered; give exactly one of Url, Twiml or ApplicationSid."),
    "Url@update-call": ("New TwiML URL",
        "New TwiML URL: the active call drops its current TwiML and runs this instead; cannot be combined with Twiml."),
    "Twiml@create-call": ("Inline TwiML",
        "Inline TwiML for the call (up to 4000 characters), used in place of a URL; give exactly one of Url, Twiml or ApplicationSid."),
    "Twiml@update-call": ("New inline TwiML",
                          "Make the live call run this TwiML (at most 4000 characters); do not "
                          "combine with Url."),
    "Method": ("TwiML URL method",
               "HTTP method (GET or POST, default POST) used to fetch Url; ignored with "
               "ApplicationSid."),
    "FallbackUrl": ("Fallback URL",
                    "URL Twilio tries when fetching or running the TwiML at Url fails."),
    "FallbackMethod": ("Fallback method",
        "Whether Twilio uses GET or POST (the default) when calling FallbackUrl."),
    "StatusCallback": ("Status callback URL",
                       "URL that receives call status callbacks; without StatusCallbackEvent only "
                       "completed is sent."),
    "StatusCallback@create-message": ("Status callback URL",
                                      "URL that receives delivery updates (message status "
                                      "callbacks) for this message."),
    "StatusCallbackMethod": ("Status callback method",
        "Whether Twilio uses GET or POST (the default) when calling StatusCallback."),
    "SendDigits@2010": ("Digits to send",
                        "Keys to press once the call connects, at most 32: 0-9, A-D, # and *, "
                        "w for a half-second pause, W for one second. Encode # as %23."),
    "SendDigits@2008": ("Digits to send",
                        "Keys to press once the call connects: digits 0-9, # and * only. "
                        "Encode # as %23 in the request."),
    "Timeout@2010": ("Ring timeout (seconds)",
                     "How long to let the call ring before giving up as no-answer, in seconds: "
                     "default 60, at most 600."),
    "Timeout@2008": ("Ring timeout (seconds)",
                     "How long to let the phone ring before treating it as no-answer, in "
                     "seconds: default 60, at most 999 in the 2008 API."),
    "Record": ("Record call",
        "Set to true to record the call from start to end; the recording's URL then appears in the status callback."),
    "RecordingStatusCallback": ("Recording status callback URL",
                                "URL that receives recording status callbacks for this call's "
                                "recording."),
    "RecordingStatusCallbackMethod": ("Recording callback method",
        "Whether Twilio uses GET or POST (the default) when calling RecordingStatusCallback."),
    "RecordingStatusCallbackEvent": ("Recording callback events",
                                     "Recording events to report, space-separated: in-progress, "
                                     "completed (default), absent."),
    "Trim": ("Trim silence",
             "trim-silence cuts silence from the start and end of the recording; do-not-trim "
             "keeps it."),
    "SipAuthUsername": ("SIP auth username",
                        "Username to answer a SIP digest challenge when To is a SIP address."),
    "SipAuthPassword": ("SIP auth password",
                        "Password to answer a SIP digest challenge when To is a SIP address."),
    "MachineDetection": ("Answering-machine detection",
                         "Enable returns AnsweredBy as soon as it is known; DetectMessageEnd waits "
                         "for the greeting to end so you can leave a message. Ignored with "
                         "SendDigits."),
    "MachineDetectionTimeout": ("AMD timeout (seconds)",
                                "Seconds to try detecting a machine before giving up with "
                                "AnsweredBy=unknown: default 30, recommended 3 to 59."),
    "MachineDetectionSpeechThreshold": ("AMD speech threshold (ms)",
                                        "Speech shorter than this many milliseconds counts as a "
                                        "human, longer as a machine: 1000 to 6000, default 2400."),
    "MachineDetectionSpeechEndThreshold": ("AMD speech-end threshold (ms)",
        "How long a pause (ms) after speech marks the speech as over: 500 to 5000, default 1200."),
    "MachineDetectionSilenceTimeout": ("AMD silence timeout (ms)",
                                       "Milliseconds of initial silence after which the result "
                                       "is unknown: 2000 to 10000, default 5000."),
    "AsyncAmd": ("Asynchronous AMD",
        "true lets the call go on while AMD runs and posts the verdict to AsyncAmdStatusCallback; false (default) waits for AMD before running TwiML."),
    "AsyncAmdStatusCallback": ("Async AMD callback URL",
                               "URL that receives the asynchronous AMD result (AnsweredBy)."),
    "AsyncAmdStatusCallbackMethod": ("Async AMD callback method",
        "Whether Twilio uses GET or POST (the default) when calling AsyncAmdStatusCallback."),
    "CallerId": ("Caller ID override",
                 "Caller ID to show when calling a client or SIP address, as a number or "
                 "client identity."),
    "Byoc": ("BYOC trunk SID",
        "BYOC trunk (BY…) that should carry the call; ignored unless the destination is a phone number."),
    "CallReason": ("Call reason",
        "Reason for calling displayed on the recipient's phone (beta, branded calling)."),
    "TimeLimit": ("Time limit (seconds)",
                  "Longest the call may last, in seconds, before Twilio hangs up (default "
                  "limit 4 hours)."),
    "ClientNotificationUrl": ("Client notification URL",
                              "URL of the push-notification service used to wake a Voice SDK "
                              "client being called."),
    "IfMachine@2010": ("If machine (legacy)",
                       "Old answering-machine switch (Continue or Hangup); not in the 2010 "
                       "schema, use MachineDetection instead."),
    "IfMachine@2008": ("If machine",
                       "Detect answering machines: Continue lets the call go on and reports the "
                       "result in DialStatus, Hangup hangs up on machines."),
    "MachineDetectionEngine": ("AMD engine",
                               "Detection engine name; appears only in Twilio's request example, "
                               "not in the schema."),
    "MachineDetectionMinWordLength": ("AMD minimum word length",
                                      "AMD tuning value that appears only in Twilio's request "
                                      "example; undocumented."),
    "MachineDetectionMaxWordLength": ("AMD maximum word length",
                                      "AMD tuning value found only in Twilio's request example; "
                                      "undocumented."),
    "MachineDetectionWordsSilence": ("AMD silence between words",
                                     "AMD tuning value present only in Twilio's request example; "
                                     "undocumented."),
    "MachineDetectionMaxNumOfWords": ("AMD maximum word count",
                                      "AMD tuning value seen only in Twilio's request example; "
                                      "undocumented."),
    "MachineDetectionSilenceThreshold": ("AMD silence threshold",
                                         "AMD tuning value listed only in Twilio's request "
                                         "example; undocumented."),
    "Transcribe": ("Transcribe",
                   "Turn on real-time transcription; appears only in Twilio's request example."),
    "TranscriptionConfiguration": ("Transcription configuration",
                                   "ID or name of a transcription configuration; appears only in "
                                   "Twilio's request example."),

    # ---- create call 2008 --------------------------------------------------------------------
    "Caller@create-call-legacy": ("Caller ID",
        "The caller ID to display, ten digits; it has to be one of your Twilio numbers or a caller ID you validated. Required."),
    "Called@create-call-legacy": ("Number to call",
                                  "Who to call; punctuation is accepted, and numbers outside the "
                                  "US need + and the country code. Required."),
    "Url@2008": ("TwiML URL",
        "Absolute URL of the TwiML to run once the call is answered. Required."),
    "Method@2008": ("TwiML URL method",
        "GET or POST: how Twilio requests Url (POST unless you say otherwise)."),

    # ---- list / query ----------------------------------------------------------------------
    "Status@update-call": ("New call status",
        "Set canceled to drop a call that has not been answered yet (queued or ringing), or completed to hang up a call in any state."),
    "Status@list-calls": ("Filter: status",
                          "List only calls in this state, e.g. completed or no-answer."),
    "Status@list-calls-legacy": ("Filter: status (numeric)",
                                 "2008 numeric status to filter on: 0 not yet dialed, 1 in "
                                 "progress, 2 complete."),
    "Status@call-response-legacy": ("Call status (numeric)",
                                    "2008 call state as a number: 0 not yet dialed, 1 in progress, "
                                    "2 complete, 3 busy, 4 application error, 5 no answer."),
    "StartTime@list-calls": ("Filter: started on",
        "Only calls whose start falls on this date (YYYY-MM-DD, UTC)."),
    "StartTime<@list-calls": ("Filter: started before",
        "Only calls with a start date before this one; on the wire the key is 'StartTime<' and '=' just separates the value."),
    "StartTime>@list-calls": ("Filter: started on or after",
        "Only calls with a start date on or after this one; the key on the wire is 'StartTime>'."),
    "EndTime@list-calls": ("Filter: ended on",
        "Only calls whose end falls on this date (YYYY-MM-DD, UTC)."),
    "EndTime<@list-calls": ("Filter: ended before",
        "Only calls with an end date before this one; the key on the wire is 'EndTime<'."),
    "EndTime>@list-calls": ("Filter: ended on or after",
        "Only calls with an end date on or after this one; the key on the wire is 'EndTime>'."),
    "StartTime@list-calls-legacy": ("Filter: started on",
        "2008 filter: calls whose start falls on this date (YYYY-MM-DD)."),
    "StartTime<@list-calls-legacy": ("Filter: started on or before",
        "2008 filter: calls with a start date up to this one; the key is 'StartTime<'."),
    "StartTime>@list-calls-legacy": ("Filter: started on or after",
        "2008 filter: calls with a start date from this one on; the key is 'StartTime>'."),
    "Called@list-calls-legacy": ("Filter: called number",
        "2008 filter on the number that was called (the key is case-sensitive)."),
    "Caller@list-calls-legacy": ("Filter: caller number",
        "2008 filter on the number that placed the call (the key is case-sensitive)."),
    "PageSize": ("Page size",
                 "How many records per page, 1 to 1000 (default 50)."),
    "Page": ("Page number",
             "Page index to return, from 0; following the returned next-page URI is safer."),
    "PageToken": ("Page token",
                  "Opaque cursor taken from a previous page's next-page URI."),

    # ---- 2008 XML <Call> -----------------------------------------------------------------------
    "Sid": ("Call SID", "ID of the call (CA…) in the 2008 <Call> element."),
    "CallSegmentSid": ("Call segment SID",
                       "ID of this segment of the call; empty for the main segment."),
    "DateCreated": ("Created", "When the call record was created (RFC 2822)."),
    "DateUpdated": ("Last updated", "When the call record last changed (RFC 2822)."),
    "Caller@call-response-legacy": ("Caller",
                                    "Caller ID of the call, normalised to ten digits."),
    "Called@call-response-legacy": ("Called party",
                                    "The number called, normalised to ten digits."),
    "PhoneNumberSid": ("Phone number SID",
                       "ID (PN…) of your Twilio number or caller ID used for the call."),
    "StartTime@call-response-legacy": ("Start time",
                                       "When the call started (RFC 2822); empty before it is "
                                       "dialed."),
    "EndTime@call-response-legacy": ("End time",
                                     "When the call ended (RFC 2822); empty while it is going on."),
    "Duration@call-response-legacy": ("Duration (seconds)",
                                      "Length of the call in seconds, once it has ended."),
    "Price": ("Price", "What the call cost; empty until known."),
    "Flags": ("Flags (bitmask)",
              "Bits describing the call: 1 inbound, 2 started through the REST API, 4 a "
              "segment started by <Dial>; values are added together."),

    # ---- 2010 JSON call resource ----------------------------------------------------------------
    "sid": ("Call SID", "ID of the call (CA…)."),
    "date_created": ("Created", "When Twilio created the call record (RFC 2822, GMT)."),
    "date_updated": ("Last updated", "When the call record last changed (RFC 2822, GMT)."),
    "parent_call_sid": ("Parent call SID",
                        "Call (CA…) that created this leg; null on a first leg."),
    "account_sid": ("Account SID", "Account (AC…) that owns the call."),
    "to": ("Called party",
           "Who received the call: E.164 number, SIP address, client:name or sim:SID."),
    "to_formatted": ("Called party (display)",
                     "The called number or address formatted for humans, e.g. (415) 555-0100."),
    "from": ("Caller", "Who made the call: E.164 number, SIP address, client:name or sim:SID."),
    "from_formatted": ("Caller (display)",
                       "The calling number or address formatted for display."),
    "phone_number_sid": ("Phone number SID",
                         "Inbound: the receiving number (PN…); outbound: the caller ID resource "
                         "used."),
    "status": ("Call status",
               "Current state: queued, ringing, in-progress, canceled, completed, failed, busy "
               "or no-answer."),
    "start_time": ("Start time", "When the call started (RFC 2822); null before it is dialed."),
    "end_time": ("End time", "When the call ended (RFC 2822); null while it is not over."),
    "duration": ("Duration (seconds)",
                 "Length of the call in seconds, sent as a string; null until it ends."),
    "price": ("Price",
              "Connection charge in price_unit currency, a negative decimal string; often null "
              "for a while after the call ends."),
    "price_unit": ("Price currency",
        "Currency code (ISO 4217) in which price is given, such as USD."),
    "direction": ("Direction",
                  "inbound, outbound-api, outbound-dial, or trunking-originating/terminating."),
    "answered_by": ("Answered by",
                    "Answering-machine detection result when AMD was requested, e.g. human or "
                    "machine_start; null otherwise."),
    "api_version": ("API version",
        "Twilio API version under which the call was created, e.g. 2010-04-01."),
    "forwarded_from": ("Forwarded from",
                       "Forwarding number for a forwarded inbound call, when the carrier gives "
                       "it."),
    "group_sid": ("Group SID", "ID (GP…) of the call group, if the call belongs to one."),
    "caller_name": ("Caller name (CNAM)",
                    "Caller's name from a caller-ID lookup, when enabled on the number."),
    "queue_time": ("Queue time (ms)",
                   "How long the call waited in Twilio's outbound queue before being placed, in "
                   "milliseconds, as a string."),
    "trunk_sid": ("Trunk SID", "Elastic SIP trunk (TK…) used for the call; empty otherwise."),
    "uri": ("Resource URI",
        "Relative URI of this call resource; prefix https://api.twilio.com to fetch it."),
    "subresource_uris": ("Sub-resource URIs",
                         "Object mapping related lists (recordings, notifications, …) to their "
                         "URIs."),

    # ---- TwiML action requests ---------------------------------------------------------------
    "Digits@gather-action": ("Digits pressed",
                             "Keys the caller pressed during <Gather>, without the finishing key."),
    "Digits@record-action": ("Key that ended recording",
        "Which key ended the recording (finishOnKey), or the literal word hangup if the call was hung up."),
    "FinishedOnKey": ("Finishing key",
                      "The key that ended input (e.g. #), empty if input ended by timeout; seen "
                      "in real payloads."),
    "SpeechResult": ("Speech result",
                     "Transcribed text of what the caller said."),
    "Confidence": ("Speech confidence",
                   "Recognition confidence from 0.0 to 1.0; not always sent."),
    "msg": ("Gather message",
            "Undocumented marker seen in real payloads, usually 'Gather End'."),
    "UnstableSpeechResult": ("Partial speech (unstable)",
        "Recognised speech so far; still provisional and liable to be revised."),
    "StableSpeechResult": ("Partial speech (stable)",
                           "Interim text unlikely to change any more; seen in real payloads."),
    "DialCallStatus": ("Dialled call status",
                       "Outcome of the dialled leg: completed, answered (conferences), busy, "
                       "no-answer, failed or canceled."),
    "DialCallSid": ("Dialled call SID", "ID (CA…) of the new leg that <Dial> created."),
    "DialCallDuration": ("Dialled call duration (seconds)",
                         "How long the dialled leg was connected, in seconds."),
    "DialBridged": ("Dial bridged",
                    "true if the caller and the dialled party were actually connected."),
    "RecordingUrl@dial-action": ("Recording URL",
                                 "Where the recording of the dialled call will be, when <Dial> "
                                 "recorded; the file may not exist yet."),
    "ReferTransferTarget": ("REFER transfer target",
                            "Where the SIP party wants the call transferred, from its Refer-To "
                            "header: a SIP URI or phone number."),
    "TranscriptionSid": ("Transcription SID", "ID (TR…) of the transcription."),
    "TranscriptionText": ("Transcription text",
                          "The transcribed words; missing or empty when transcription failed."),
    "TranscriptionStatus": ("Transcription status", "completed or failed."),
    "TranscriptionUrl": ("Transcription URL",
        "Where the transcription can be fetched from the REST API."),
    "QueueResult": ("Queue result",
        "Outcome of the caller's time in the queue, e.g. bridged, hangup, leave, redirected, queue-full or error."),
    "QueueSid": ("Queue SID", "ID (QU…) of the queue."),
    "QueueSid@enqueue-action": ("Queue SID", "ID (QU…) of the queue the caller was in."),
    "QueueTime": ("Time in queue (seconds)",
                  "How long the caller has waited in the queue, in seconds."),
    "QueueTime@enqueue-action": ("Time in queue (seconds)",
                                 "How long the caller waited in the queue, in seconds."),
    "QueuePosition": ("Queue position", "Caller's current place in the queue, 1 being next."),
    "AvgQueueTime": ("Average wait (seconds)",
                     "Average time callers have waited in this queue, in seconds."),
    "CurrentQueueSize": ("Queue size", "How many callers are waiting in the queue now."),
    "MaxQueueSize": ("Queue capacity", "Largest number of callers the queue accepts."),
    "DequeueingCallSid": ("Dequeuing call SID",
        "SID (CA…) of the agent's call that dialled the queue and picked up this caller."),

    # ---- conference ---------------------------------------------------------------------------
    "ConferenceSid": ("Conference SID", "ID (CF…) of the conference."),
    "FriendlyName": ("Conference name", "Name given to the conference in the <Conference> noun."),
    "Muted": ("Muted", "true if the participant is muted."),
    "Hold": ("On hold", "true if the participant is on hold."),
    "Coaching": ("Coaching", "true if the participant is coaching another participant."),
    "EndConferenceOnExit": ("End on exit",
                            "true if the conference ends when this participant leaves."),
    "StartConferenceOnEnter": ("Start on enter",
                               "true if the conference starts when this participant joins."),
    "ParticipantLabel": ("Participant label",
        "The label assigned to this participant when it was added."),
    "CallSidEndingConference": ("Call that ended conference",
                                "ID (CA…) of the participant whose leaving ended the conference."),
    "ParticipantLabelEndingConference": ("Label of participant ending conference",
                                         "Label of the participant whose leaving ended the "
                                         "conference."),
    "ReasonConferenceEnded": ("Why the conference ended",
                              "E.g. last-participant-left or conference-ended-via-api "
                              "(hyphenated values)."),
    "Reason": ("Reason", "Free-text explanation of the event."),
    "ReasonAnnouncementFailed": ("Announcement failure reason",
                                 "Why an announcement could not be played."),
    "AnnounceUrl": ("Announcement URL", "URL of the announcement that was played or failed."),
    "ParticipantCallStatus": ("Participant call status",
                              "Status of the participant's call, e.g. in-progress or completed."),
    "ReasonParticipantLeft": ("Why the participant left",
                              "E.g. participant_hung_up or participant_updated_via_api "
                              "(underscored values)."),
    "EventName": ("Recording event (legacy)",
                  "conference-record-end in the old recording notification; use "
                  "recordingStatusCallback instead."),
    "RecordingFileSize": ("Recording size (bytes)",
                          "Size of the conference recording file in bytes; old event only."),

    # ---- create message -------------------------------------------------------------------------
    "MediaUrl": ("Media URL",
                 "Public URL of an image or file to attach; repeat for up to 10 (5 MB for "
                 "JPEG/PNG/GIF, 500 KB otherwise)."),
    "ContentSid": ("Content template SID",
                   "Content template (HX…) to send instead of a plain Body."),
    "ContentVariables": ("Content variables",
                         "JSON object of values for the template placeholders, e.g. {\"1\":\"Ana\"}."),
    "MaxPrice": ("Max price",
                 "Highest price you would pay for the message; it has had no effect since "
                 "June 2024."),
    "ProvideFeedback": ("Request feedback",
                        "true if you will report delivery confirmation through the Feedback API."),
    "Attempt": ("Attempt count", "Number of delivery attempts made so far, for your records."),
    "ValidityPeriod": ("Validity period (seconds)",
                       "Drop the message if it cannot be sent within this many seconds: 1 to "
                       "36000 (default)."),
    "ForceDelivery": ("Force delivery", "Reserved flag; leave it unset unless told otherwise."),
    "ContentRetention": ("Content retention",
                         "retain or discard the message body after sending."),
    "AddressRetention": ("Address retention",
                         "retain or obfuscate the phone numbers stored with the message."),
    "SmartEncoded": ("Smart encoding",
                     "true to swap look-alike Unicode characters for GSM-7 ones and save "
                     "segments."),
    "PersistentAction": ("Persistent action",
                         "Action link (e.g. mailto: or geo:) kept with a Messenger message; may "
                         "repeat."),
    "TrafficType": ("Traffic type", "free marks the message as user-initiated free traffic."),
    "ShortenUrls": ("Shorten URLs",
                    "true to replace links in Body with tracked short links (Messaging Service "
                    "needed)."),
    "ScheduleType": ("Schedule type", "fixed to send at SendAt instead of now."),
    "SendAt": ("Send at",
        "Time a scheduled message goes out, in ISO 8601 (e.g. 2025-01-31T09:00:00Z)."),
    "SendAsMms": ("Send as MMS", "true to force MMS delivery even for text only."),
    "RiskCheck": ("Risk check", "enable or disable Twilio's SMS pumping risk check."),
    "FallbackFrom": ("Fallback sender",
                     "E.164 number to send from if the primary channel cannot deliver."),
}

# id -> description
ENUM_TEXT = {
    "api_version": "The two Twilio REST API versions a call can run under.",
    "api_version_2010": "The only API version messaging webhooks report.",
    "http_method": "HTTP methods Twilio can use for a callback URL.",
    "call_status_webhook_2010": "Every CallStatus a 2010 voice webhook can carry (initiated "
                                "only in status callbacks).",
    "call_status_rest_2010": "Call states of the 2010 REST Call record and its Status filter.",
    "call_status_2008": "The five CallStatus values of 2008 voice requests.",
    "call_status_int_2008": "Numeric call states of the 2008 XML response: 0 not yet dialed, 1 in "
                            "progress, 2 complete, 3 busy, 4 application error, 5 no answer.",
    "call_status_int_2008_filter": "Numeric statuses the 2008 call list filters on: 0 not yet "
                                   "dialed, 1 in progress, 2 complete.",
    "call_flags_2008": "Bits of the 2008 Flags field: 1 inbound, 2 REST API, 4 segment from "
                       "<Dial>; they may be combined.",
    "dial_status_2008": "Outcomes reported in the 2008 DialStatus parameter, including the "
                        "answering-machine ones.",
    "dial_call_status": "Outcomes of a <Dial> leg reported to the dial action URL.",
    "call_direction": "Which way a call goes and what started it.",
    "call_progress_event": "Events a status-callback subscription (StatusCallbackEvent) can ask for.",
    "call_update_status": "Statuses you may set on a live call to hang it up.",
    "callback_source": "Source tag sent in call status callbacks.",
    "machine_detection": "Answering-machine detection modes for a new call.",
    "if_machine": "The 2008 answering-machine options.",
    "answered_by": "Verdicts of answering-machine detection.",
    "recording_status_callback": "Recording states reported to recording status callbacks.",
    "recording_status_record_verb": "Recording states the <Record> page lists.",
    "recording_status_rest": "States of the REST Recording resource.",
    "recording_status_callback_event": "Recording events you can subscribe to.",
    "recording_source": "What started a recording.",
    "recording_channels_param": "Channel layouts you can ask for when recording a call.",
    "recording_channels_callback": "Channel counts reported for a finished recording.",
    "recording_channels_conference": "Channel count of conference recordings (always one).",
    "recording_track": "Which side of the audio is recorded.",
    "trim": "Whether leading and trailing silence is cut from a recording.",
    "message_status": "Delivery states of a message.",
    "message_direction": "Which way a message goes and what sent it.",
    "message_event_type": "Extra event markers in message status callbacks.",
    "sms_status_inbound": "The legacy SmsStatus value on incoming messages.",
    "opt_out_type": "Which keyword class Advanced Opt-Out recognised in a message.",
    "opt_out_keywords_default": "Single-word message bodies Twilio treats as opt-out, opt-in or "
                                "help by default.",
    "button_type": "Kinds of WhatsApp buttons a user can tap.",
    "stir_verstat": "SHAKEN/STIR caller-ID verification results for incoming calls (newer "
                    "variants add suffixes such as -Diverted).",
    "stir_status": "SHAKEN attestation levels of outgoing calls.",
    "conference_callback_event": "Events reported to a conference statusCallback.",
    "conference_event_subscription": "Event groups you can subscribe to on <Conference>.",
    "conference_record_event": "Event name of the old conference recording notification.",
    "reason_conference_ended": "Why a conference ended (hyphenated values).",
    "reason_participant_left": "Why a participant left a conference (underscored values).",
    "participant_call_status": "Call states of a conference participant.",
    "queue_result": "Why a caller left an <Enqueue> queue.",
    "transcription_status_callback": "Outcomes reported to a transcription callback.",
    "transcription_status_rest": "States of the REST Transcription resource.",
    "gather_input": "Input modes of <Gather>.",
    "send_digits_chars_2010": "Characters allowed in 2010 SendDigits (w and W are pauses).",
    "send_digits_chars_2008": "Characters allowed in 2008 SendDigits.",
    "list_response_formats": "File extensions that choose a list response format.",
    "channel_address_scheme": "Address prefixes used instead of E.164 numbers.",
    "content_retention": "What happens to a message body after sending.",
    "address_retention": "What happens to the stored addresses of a message.",
    "traffic_type": "Traffic classes of an outgoing message.",
    "schedule_type": "Scheduling modes of an outgoing message.",
    "risk_check": "Whether the SMS pumping risk check runs.",
}
