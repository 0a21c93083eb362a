//! Twilio's own records, turned into captures: the Call Events resource, Event Streams
//! CloudEvents, Debugger events and HAR entries; and JSON helpers they share.

use serde_json::{Map, Value};

use super::capture::{scalar_text, Capture, ManyFormat};

pub(super) fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `call_sid` → `CallSid`, `messageStatus` → `MessageStatus`.
pub(super) fn pascal(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut up = true;
    for c in key.chars() {
        if c == '_' {
            up = true;
        } else if up {
            out.extend(c.to_uppercase());
            up = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// A form body from a JSON object of parameters (keys renamed to Twilio's PascalCase).
pub(super) fn form_of(params: &Map<String, Value>, lower_status: bool) -> String {
    let pairs: Vec<(String, String)> = params
        .iter()
        .filter_map(|(k, v)| {
            let name = pascal(k);
            let mut value = scalar_text(v)?;
            if lower_status && name.ends_with("Status") {
                value = value.to_ascii_lowercase();
            }
            Some((name, value))
        })
        .collect();
    serde_urlencoded::to_string(&pairs).unwrap_or_default()
}

pub(super) fn request_parts(req: &Map<String, Value>, c: &mut Capture) -> Result<(), String> {
    let params = match req.get("parameters") {
        Some(Value::Object(p)) => p,
        Some(Value::Null) | None => return Err("the request has no parameters".into()),
        Some(other) => return Err(format!("request.parameters is {}", json_type(other))),
    };
    c.input = form_of(params, false);
    c.options.url = req.get("url").and_then(Value::as_str).map(str::to_string);
    c.options.method = req
        .get("method")
        .and_then(Value::as_str)
        .map(str::to_string);
    Ok(())
}

/// One `events[]` item of the Call Events resource.
pub(super) fn call_event(v: &Value) -> Result<Capture, String> {
    let req = match v.get("request") {
        Some(Value::Object(r)) => r,
        _ => return Err("the event has no request object".into()),
    };
    let mut c = Capture {
        source: Some(ManyFormat::CallEvents),
        ..Capture::default()
    };
    request_parts(req, &mut c)?;
    c.event_time = v
        .get("response")
        .and_then(|r| r.get("date_created").or_else(|| r.get("dateCreated")))
        .and_then(Value::as_str)
        .map(str::to_string);
    Ok(c)
}

/// An Event Streams CloudEvent: voice events carry the webhook in `data.request`;
/// messaging events carry camelCase fields in `data`.
pub(super) fn cloud_event(o: &Map<String, Value>) -> Result<Capture, String> {
    let ty = o.get("type").and_then(Value::as_str).unwrap_or("");
    let data = match o.get("data") {
        Some(Value::Object(d)) => d,
        _ => return Err(format!("the CloudEvent {ty} has no data object")),
    };
    let mut c = Capture {
        source: Some(ManyFormat::EventStreams),
        label: Some(ty.to_string()).filter(|t| !t.is_empty()),
        ..Capture::default()
    };
    if let Some(Value::Object(req)) = data.get("request") {
        request_parts(req, &mut c)?;
        if let Some(sid) = data.get("sid").and_then(Value::as_str) {
            c.group_hint = Some(sid.to_string());
        }
    } else {
        let mut fields = data.clone();
        fields.remove("eventName");
        fields.remove("tags");
        fields.remove("timestamp");
        c.input = form_of(&fields, true);
    }
    c.event_time = data
        .get("timestamp")
        .or_else(|| o.get("time"))
        .and_then(Value::as_str)
        .map(str::to_string);
    if c.input.is_empty() {
        return Err(format!("the CloudEvent {ty} carries no parameters"));
    }
    Ok(c)
}

/// A Debugger event (as JSON or as its form fields): the webhook request in its payload.
pub(super) fn debugger_event(o: &Map<String, Value>) -> Result<Capture, String> {
    let payload = match o.get("Payload") {
        Some(Value::String(s)) => serde_json::from_str::<Value>(s)
            .map_err(|e| format!("the Debugger Payload is not JSON: {e}"))?,
        Some(v @ Value::Object(_)) => v.clone(),
        _ => return Err("the Debugger event has no Payload".into()),
    };
    let code = payload
        .get("error_code")
        .and_then(scalar_text)
        .unwrap_or_default();
    let resource = payload
        .get("resource_sid")
        .and_then(Value::as_str)
        .unwrap_or("");
    let req = match payload.get("webhook").and_then(|w| w.get("request")) {
        Some(Value::Object(r)) => r,
        _ => {
            return Err(format!(
                "the Debugger event (error {code} on {resource}) carries no webhook request"
            ))
        }
    };
    let mut c = Capture {
        source: Some(ManyFormat::Debugger),
        label: Some(format!("debugger error {code}")),
        logged_error: Some(code.clone()).filter(|c| !c.is_empty()),
        ..Capture::default()
    };
    match req.get("parameters") {
        // The Debugger keeps the webhook's own (PascalCase) names.
        Some(Value::Object(p)) => {
            let pairs: Vec<(String, String)> = p
                .iter()
                .filter_map(|(k, v)| Some((k.clone(), scalar_text(v)?)))
                .collect();
            c.input = serde_urlencoded::to_string(&pairs).unwrap_or_default();
        }
        _ => {
            return Err(format!(
                "the Debugger event (error {code}) has no webhook parameters"
            ))
        }
    }
    c.options.url = req.get("url").and_then(Value::as_str).map(str::to_string);
    c.options.method = req
        .get("method")
        .and_then(Value::as_str)
        .map(str::to_string);
    c.event_time = o
        .get("Timestamp")
        .or_else(|| o.get("TimeStamp"))
        .and_then(Value::as_str)
        .map(str::to_string);
    if !resource.is_empty() {
        c.group_hint = Some(resource.to_string());
    }
    Ok(c)
}

/// The requests of a Postman collection (folders walked in order), each re-wrapped as a
/// one-request collection that keeps the collection's `info` and `variable` list (so
/// `inspect` fills `{{name}}` variables as Postman does), labelled by its folder path and name.
pub(super) fn postman_requests(root: &Map<String, Value>) -> Vec<Capture> {
    fn walk(items: &[Value], path: &str, out: &mut Vec<(String, Value)>) {
        for (i, item) in items.iter().enumerate() {
            let name = item
                .get("name")
                .and_then(Value::as_str)
                .map_or_else(|| format!("item[{i}]"), str::to_string);
            let label = if path.is_empty() {
                name
            } else {
                format!("{path} / {name}")
            };
            if item.get("request").is_some() {
                out.push((label, item.clone()));
            } else if let Some(Value::Array(sub)) = item.get("item") {
                walk(sub, &label, out);
            }
        }
    }
    let mut leaves = Vec::new();
    if let Some(Value::Array(items)) = root.get("item") {
        walk(items, "", &mut leaves);
    }
    leaves
        .into_iter()
        .map(|(label, leaf)| {
            let mut one = Map::new();
            for key in ["info", "variable"] {
                if let Some(v) = root.get(key) {
                    one.insert(key.to_string(), v.clone());
                }
            }
            one.insert("item".to_string(), Value::Array(vec![leaf]));
            Capture {
                source: Some(ManyFormat::Postman),
                label: Some(label),
                ..Capture::new(Value::Object(one).to_string())
            }
        })
        .collect()
}

/// One HAR entry: re-wrapped as a one-entry HAR file, which `inspect` reads whole.
pub(super) fn har_entry(v: &Value) -> Result<Capture, String> {
    if !v.get("request").is_some_and(Value::is_object) {
        return Err("the HAR entry has no request".into());
    }
    let wrapped = serde_json::json!({ "log": { "entries": [v] } });
    Ok(Capture {
        source: Some(ManyFormat::Har),
        received_at: v
            .get("startedDateTime")
            .and_then(Value::as_str)
            .map(str::to_string),
        ..Capture::new(wrapped.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pascal_case() {
        assert_eq!(pascal("call_sid"), "CallSid");
        assert_eq!(pascal("messageStatus"), "MessageStatus");
        assert_eq!(pascal("to"), "To");
    }
}
