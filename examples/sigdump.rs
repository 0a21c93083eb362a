use twilio_webhook_inspector::signature::*;
fn main() {
    let file = std::env::args().nth(1).unwrap();
    let want: Vec<String> = std::env::args().skip(2).collect();
    for line in std::fs::read_to_string(file).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let id = v["id"].as_str().unwrap();
        if !want.is_empty() && !want.iter().any(|w| w == id) { continue; }
        let params: Vec<(String,String)> = serde_json::from_value(v["params"].clone()).unwrap();
        let tokens = vec![v["auth_token"].as_str().unwrap().to_string()];
        let settings = v.get("signature_settings").and_then(|s| s.as_str()).filter(|s| !s.is_empty());
        let r = verify(&SignatureInput {
            url: v["url"].as_str(), method: v["method"].as_str(), content_type: v["content_type"].as_str(),
            body: v["body"].as_str().unwrap().as_bytes(), params: &params, signature: v["signature"].as_str(),
            settings_header: settings, tokens: &tokens, ..Default::default() });
        let mut j = serde_json::to_value(&r).unwrap();
        if let Some(s) = j.get_mut("stringToSign") { let t = s.as_str().unwrap().to_string(); if t.len() > 200 { *s = serde_json::Value::String(t[..200.min(t.len())].to_string()); } }
        println!("{id}: {}", serde_json::to_string_pretty(&j).unwrap());
    }
}
