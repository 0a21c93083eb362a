//! Generated call, conference and message lifecycles (seeded, reproducible): Twilio's
//! documented status orders (queued/initiated/ringing/in-progress then one final status for
//! a call, with SequenceNumber and Timestamp; participants joining, muted, leaving and the
//! conference ending; queued/sending/sent then delivered/undelivered/failed and maybe read
//! for a message), several interleaved in one log, then delivered as Twilio
//! may: in order, shuffled, with a retried callback, without the final one, or with a
//! callback lost. Each variant must get exactly the timeline verdicts it deserves.

use twilio_webhook_inspector::timeline::{timeline_of_text, Group, Timeline};

use crate::timeline::group_codes;

/// xorshift32: the same cases on every run.
struct Rng(u32);

impl Rng {
    fn next(&mut self, n: u32) -> u32 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        self.0 = x;
        x % n.max(1)
    }
    fn chance(&mut self, one_in: u32) -> bool {
        self.next(one_in) == 0
    }
}

/// One callback as the log holds it: the delivery time and the form body.
#[derive(Clone)]
struct Callback {
    status: String,
    line: String,
}

const ACCOUNT: &str = "AC0123456789abcdef0123456789abcdef";

fn hex_sid(prefix: &str, rng: &mut Rng) -> String {
    let mut s = String::from(prefix);
    for _ in 0..32 {
        s.push(char::from_digit(rng.next(16), 16).unwrap_or('0'));
    }
    s
}

/// RFC 2822 time as Twilio writes `Timestamp`, percent-encoded for a form body.
fn rfc2822(secs: i64) -> String {
    let t = chrono::DateTime::from_timestamp(secs, 0).unwrap_or_default();
    t.format("%a, %d %b %Y %H:%M:%S +0000")
        .to_string()
        .replace(',', "%2C")
        .replace(' ', "%20")
        .replace(':', "%3A")
        .replace('+', "%2B")
}

fn log_time(secs: i64) -> String {
    chrono::DateTime::from_timestamp(secs, 0)
        .unwrap_or_default()
        .format("%Y-%m-%d %H:%M:%S")
        .to_string()
}

/// A call's status callbacks in event order (every event subscribed, so SequenceNumber
/// counts them without gaps).
fn call(rng: &mut Rng, start: i64) -> (String, Vec<Callback>) {
    let sid = hex_sid("CA", rng);
    let mut path: Vec<&str> = Vec::new();
    if rng.chance(3) {
        path.push("queued");
    }
    path.push("initiated");
    let answered = !rng.chance(3);
    if answered || rng.chance(2) {
        path.push("ringing");
    }
    if answered {
        path.push("in-progress");
        path.push("completed");
    } else {
        path.push(["busy", "no-answer", "failed", "canceled"][rng.next(4) as usize]);
    }
    let mut t = start;
    let mut answered_at = start;
    let mut out = Vec::new();
    for (seq, status) in path.iter().enumerate() {
        t += 1 + i64::from(rng.next(20));
        if *status == "in-progress" {
            answered_at = t;
        }
        let mut body = format!(
            "AccountSid={ACCOUNT}&ApiVersion=2010-04-01&CallSid={sid}&CallStatus={status}\
             &CallbackSource=call-progress-events&Direction=outbound-api\
             &From=%2B14155550100&To=%2B14155550199&SequenceNumber={seq}&Timestamp={}",
            rfc2822(t)
        );
        if *status == "completed" {
            body.push_str(&format!("&CallDuration={}", t - answered_at));
        }
        out.push(Callback {
            status: status.to_string(),
            line: format!("[{}] {body}", log_time(t)),
        });
    }
    (sid, out)
}

/// A message's status callbacks in event order (no SequenceNumber or Timestamp: the
/// delivery order is all a log has).
fn message(rng: &mut Rng, start: i64) -> (String, Vec<Callback>) {
    let sid = hex_sid("SM", rng);
    let mut path = vec!["queued", "sending", "sent"];
    if rng.chance(4) {
        path.remove(1);
    }
    let end = ["delivered", "delivered", "undelivered", "failed"][rng.next(4) as usize];
    path.push(end);
    if end == "delivered" && rng.chance(3) {
        path.push("read");
    }
    let mut t = start;
    let out = path
        .iter()
        .map(|status| {
            t += 1 + i64::from(rng.next(5));
            let mut body = format!(
                "AccountSid={ACCOUNT}&ApiVersion=2010-04-01&MessageSid={sid}&SmsSid={sid}\
                 &MessageStatus={status}&SmsStatus={status}&From=%2B14155550100&To=%2B14155550199"
            );
            if matches!(*status, "undelivered" | "failed") {
                body.push_str("&ErrorCode=30003");
            }
            Callback {
                status: status.to_string(),
                line: format!("[{}] {body}", log_time(t)),
            }
        })
        .collect();
    (sid, out)
}

/// A conference's status callbacks in event order: participants join (the first one may
/// join before conference-start while it waits for a moderator), may be muted and
/// unmuted, leave, and the conference ends. SequenceNumber starts at 1, as Twilio's does.
fn conference(rng: &mut Rng, start: i64) -> (String, Vec<Callback>) {
    let sid = hex_sid("CF", rng);
    let people: Vec<String> = (0..1 + rng.next(3)).map(|_| hex_sid("CA", rng)).collect();
    let mut events: Vec<(&str, Option<&str>)> = Vec::new();
    let early = rng.chance(3);
    if early {
        events.push(("participant-join", Some(&people[0])));
    }
    events.push(("conference-start", None));
    for (i, p) in people.iter().enumerate() {
        if !(early && i == 0) {
            events.push(("participant-join", Some(p)));
        }
    }
    if rng.chance(2) {
        events.push(("participant-mute", Some(&people[0])));
        events.push(("participant-unmute", Some(&people[0])));
    }
    for p in &people {
        events.push(("participant-leave", Some(p)));
    }
    events.push(("conference-end", None));
    let mut t = start;
    let out = events
        .iter()
        .enumerate()
        .map(|(i, (event, call))| {
            t += 1 + i64::from(rng.next(30));
            let mut body = format!(
                "ConferenceSid={sid}&FriendlyName=standup&AccountSid={ACCOUNT}\
                 &StatusCallbackEvent={event}&SequenceNumber={}&Timestamp={}",
                i + 1,
                rfc2822(t)
            );
            if let Some(c) = call {
                body.push_str(&format!(
                    "&CallSid={c}&Muted={}&Hold=false&Coaching=false\
                     &EndConferenceOnExit=false&StartConferenceOnEnter=true",
                    *event == "participant-mute"
                ));
            }
            Callback {
                status: event.to_string(),
                line: format!("[{}] {body}", log_time(t)),
            }
        })
        .collect();
    (sid, out)
}

/// How the callbacks of one lane reach the log.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Delivery {
    InOrder,
    Shuffled,
    Retried,
    NoFinal,
    LostOne,
}

fn group<'t>(t: &'t Timeline, sid: &str) -> Option<&'t Group> {
    t.groups.iter().find(|g| g.sid == sid)
}

#[test]
fn generated_lifecycles_get_the_verdicts_their_delivery_deserves() {
    let mut rng = Rng(0x9e37_79b9);
    let mut wrong = Vec::new();
    let mut cases = 0;
    for case in 0..300 {
        let start = 1_733_400_000 + i64::from(case) * 3_600;
        // Two to four objects in one log, each delivered its own way.
        let mut lanes = Vec::new();
        for _ in 0..2 + rng.next(3) {
            // `is_call`: a lane with SequenceNumber (calls and conferences).
            let (is_call, (sid, mut cbs)) = match rng.next(3) {
                0 => (true, call(&mut rng, start)),
                1 => (true, conference(&mut rng, start)),
                _ => (false, message(&mut rng, start)),
            };
            let delivery = [
                Delivery::InOrder,
                Delivery::InOrder,
                Delivery::Shuffled,
                Delivery::Retried,
                Delivery::NoFinal,
                Delivery::LostOne,
            ][rng.next(6) as usize];
            // Out-of-order and lost callbacks are only visible with SequenceNumber.
            let delivery = match delivery {
                Delivery::Shuffled | Delivery::LostOne if !is_call => Delivery::InOrder,
                d => d,
            };
            let events: Vec<String> = cbs.iter().map(|c| c.status.clone()).collect();
            let mut expected = events.clone();
            match delivery {
                Delivery::InOrder => {}
                Delivery::Shuffled => {
                    // Swap two neighbours: the later event arrives first.
                    if cbs.len() < 2 {
                        continue;
                    }
                    let i = rng.next(cbs.len() as u32 - 1) as usize;
                    cbs.swap(i, i + 1);
                }
                Delivery::Retried => {
                    let i = rng.next(cbs.len() as u32) as usize;
                    let again = cbs[i].clone();
                    // The retry is shown where it arrived, and flagged.
                    expected.insert(i + 1, again.status.clone());
                    cbs.insert(i + 1, again);
                }
                Delivery::NoFinal => {
                    // The final status (and a read after delivered) never came.
                    while cbs.last().is_some_and(|c| {
                        matches!(
                            c.status.as_str(),
                            "completed"
                                | "busy"
                                | "no-answer"
                                | "failed"
                                | "canceled"
                                | "delivered"
                                | "undelivered"
                                | "read"
                                | "conference-end"
                        )
                    }) {
                        cbs.pop();
                        expected.pop();
                    }
                    if cbs.is_empty() {
                        continue;
                    }
                }
                Delivery::LostOne => {
                    // A middle callback lost (never the first or the last).
                    if cbs.len() < 3 {
                        continue;
                    }
                    let i = 1 + rng.next(cbs.len() as u32 - 2) as usize;
                    cbs.remove(i);
                    expected.remove(i);
                }
            }
            lanes.push((sid, cbs, delivery, expected, is_call));
        }
        // Interleave the lanes by delivery time: each line keeps its own lane's order.
        let mut lines: Vec<(String, usize, usize)> = Vec::new();
        for (l, (_, cbs, ..)) in lanes.iter().enumerate() {
            for (i, c) in cbs.iter().enumerate() {
                lines.push((c.line.clone(), l, i));
            }
        }
        lines.sort_by(|a, b| {
            a.0[..21]
                .cmp(&b.0[..21])
                .then(a.1.cmp(&b.1))
                .then(a.2.cmp(&b.2))
        });
        // Each lane keeps its own delivery order (a shuffled lane its swapped one), and
        // the log's times are the delivery times: one second apart, always rising (the
        // event times stay in the callbacks' Timestamp).
        let text: String = {
            let mut per_lane: Vec<std::collections::VecDeque<String>> = lanes
                .iter()
                .map(|(_, cbs, ..)| cbs.iter().map(|c| c.line.clone()).collect())
                .collect();
            lines
                .iter()
                .filter_map(|(_, l, _)| per_lane[*l].pop_front())
                .enumerate()
                .map(|(n, line)| {
                    let body = line.split_once("] ").map_or(line.as_str(), |(_, b)| b);
                    format!("[{}] {body}\n", log_time(start + 1_000 + n as i64))
                })
                .collect()
        };
        let t = timeline_of_text(&text);
        for (sid, _, delivery, expected, is_call) in &lanes {
            cases += 1;
            let Some(g) = group(&t, sid) else {
                wrong.push(format!("case {case}: {sid} ({delivery:?}) has no group"));
                continue;
            };
            let lane = g.lanes.first();
            let statuses: Vec<String> = lane
                .map(|l| {
                    l.entries
                        .iter()
                        .map(|e| e.status.clone().unwrap_or_default())
                        .collect()
                })
                .unwrap_or_default();
            let codes = group_codes(g);
            let mut must: Vec<&str> = Vec::new();
            let mut must_not: Vec<&str> = vec![
                "timeline-impossible-transition",
                "timeline-duration-mismatch",
            ];
            match delivery {
                Delivery::InOrder => must_not.extend([
                    "timeline-out-of-order",
                    "timeline-duplicate",
                    "timeline-missing-terminal",
                    "timeline-sequence-gap",
                ]),
                Delivery::Shuffled => {
                    must.push("timeline-out-of-order");
                    must_not.extend(["timeline-duplicate", "timeline-missing-terminal"]);
                }
                Delivery::Retried => {
                    must.push("timeline-duplicate");
                    must_not.extend(["timeline-out-of-order", "timeline-missing-terminal"]);
                }
                Delivery::NoFinal => {
                    must.push("timeline-missing-terminal");
                    must_not.extend(["timeline-out-of-order", "timeline-duplicate"]);
                }
                Delivery::LostOne => {
                    must.push("timeline-sequence-gap");
                    must_not.extend([
                        "timeline-out-of-order",
                        "timeline-duplicate",
                        "timeline-missing-terminal",
                    ]);
                }
            }
            let mut why = Vec::new();
            for c in &must {
                if !codes.contains(*c) {
                    why.push(format!("missing {c}"));
                }
            }
            for c in &must_not {
                if codes.contains(*c) {
                    why.push(format!("unexpected {c}"));
                }
            }
            // Event order comes back from SequenceNumber (calls and conferences); a message
            // lane has only its delivery order.
            let shown = statuses.clone();
            if (*is_call || *delivery != Delivery::Shuffled) && shown != *expected {
                why.push(format!("statuses {statuses:?}, want {expected:?}"));
            }
            if !why.is_empty() {
                wrong.push(format!(
                    "case {case}: {sid} ({delivery:?}): {} — codes {codes:?}",
                    why.join("; ")
                ));
            }
        }
    }
    println!("generated lifecycles: {cases} lanes, {} wrong", wrong.len());
    assert!(cases > 600, "{cases} lanes");
    assert!(
        wrong.is_empty(),
        "{} of {cases} lanes:\n{}",
        wrong.len(),
        wrong
            .iter()
            .take(25)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
