//! Profiling harness (not a benchmark): times `inspect` on one big pasted form body
//! (`cargo run --release --example profile_big -- [MB] [inspect-only]`), as the web app's large-paste path.
use twilio_webhook_inspector::{inspect, Options};

fn main() {
    let mb: f64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(9.9);
    let pair = "Note=lorem+ipsum+dolor+sit+amet&";
    let count = (mb * 1024.0 * 1024.0) as usize / pair.len();
    let body = format!(
        "MessageSid=SM0123456789abcdef0123456789abcdef&{}",
        pair.repeat(count)
    );
    let start = std::time::Instant::now();
    let report = inspect(&body, &Options::default());
    let inspected = start.elapsed();
    if std::env::args().nth(2).as_deref() == Some("inspect-only") {
        println!("{} fields: inspect {inspected:?}", report.fields.len());
        return;
    }
    let json = serde_json::to_string(&report).expect("report serialises");
    let serialised = start.elapsed() - inspected;
    let back: twilio_webhook_inspector::Report =
        serde_json::from_str(&json).expect("report deserialises");
    let total = start.elapsed();
    println!(
        "{} bytes, {} fields: inspect {:?}, to JSON {:?} ({} bytes), from JSON {:?}",
        body.len(),
        back.fields.len(),
        inspected,
        serialised,
        json.len(),
        total - inspected - serialised
    );
}
