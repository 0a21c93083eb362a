//! JSON envelopes that carry a request, read as the request they carry.
//!
//! - Twilio's Monitor Alerts (the Debugger's records, as the REST API and alert webhooks give
//!   them): `request_method`, `request_url`, `request_variables` (the form the app received).
//! - AWS Lambda HTTP events, as serverless handlers log them: the Application Load Balancer
//!   and API Gateway REST (v1) shape (`httpMethod`, `path`, `headers`,
//!   `queryStringParameters`, `body`, `isBase64Encoded`) and the API Gateway HTTP API /
//!   function URL (v2) shape (`rawPath`, `rawQueryString`, `requestContext.http.method`). A
//!   base64 body is decoded (ALB sends form bodies that way). A test's event written with only
//!   `headers`, `queryStringParameters` and `body` is read too, its method and path unknown.
//! - Apache OpenWhisk web actions (IBM Cloud Functions): the request's form and query merged
//!   into the action's parameters beside `__ow_headers`, `__ow_method` and `__ow_path`.

use base64::Engine;
use serde_json::{Map, Value};

use super::http::redact_authorization;
use super::url::apply_url;
use super::{form, json, literal, Decoded};
use crate::finding::{Code, Finding};
use crate::report::{Header, ParamSource};

/// True when a JSON text or a program's literal (unquoted or single-quoted keys) names the
/// fields of a Lambda HTTP event or a Monitor Alert: worth reading as one.
pub(crate) fn names_envelope_fields(t: &str) -> bool {
    let head = t.get(..t.len().min(4096)).unwrap_or(t);
    let event = (head.contains("httpMethod") && head.contains("headers"))
        || (head.contains("rawPath") && head.contains("requestContext"))
        || (head.contains("queryStringParameters") && head.contains("headers"));
    let alert =
        t.contains("request_variables") && (t.contains("alert_text") || t.contains("error_code"));
    (event && t.contains("body")) || alert || head.contains("__ow_headers")
}

/// A Lambda HTTP event or a Monitor Alert written as a program's literal rather than JSON
/// (a test fixture's `export const event = { rawPath: '/sms', body: 'VG9…', … };`): read
/// with the tolerant literal reader, then as the envelope. `false` when it is not one.
pub(crate) fn decode_literal_envelope(t: &str, out: &mut Decoded) -> bool {
    let Some(lit) = literal::read_object(t) else {
        return false;
    };
    let map = literal_map(&lit.entries, 0);
    let event = (map.contains_key("httpMethod") && map.contains_key("headers"))
        || (map.contains_key("rawPath") && map.contains_key("requestContext"))
        || (map.contains_key("queryStringParameters") && map.contains_key("headers"));
    let alert = map.contains_key("request_variables")
        && (map.contains_key("alert_text") || map.contains_key("error_code"));
    if event && map.contains_key("body") {
        decode_event_map(&map, out)
    } else if alert {
        decode_alert_map(&map, out)
    } else if map.get("__ow_headers").is_some_and(Value::is_object) {
        decode_web_action_map(&map, out)
    } else {
        false
    }
}

/// An Apache OpenWhisk web action's parameters (IBM Cloud Functions): the platform merges
/// the request's query and form into the action's parameters and adds `__ow_headers`,
/// `__ow_method` and `__ow_path` (a raw action gets `__ow_query` and `__ow_body` instead,
/// the body base64 for a form). The action's own URL is not among them.
fn decode_web_action_map(params: &Map<String, Value>, out: &mut Decoded) -> bool {
    let Some(Value::Object(h)) = params.get("__ow_headers") else {
        return false;
    };
    let mut headers: Vec<Header> = h
        .iter()
        .filter_map(|(name, v)| {
            v.as_str().map(|s| Header {
                name: name.clone(),
                value: s.trim().to_string(),
            })
        })
        .collect();
    let text = |k: &str| params.get(k).and_then(Value::as_str).map(str::to_string);
    let method = text("__ow_method").map(|m| m.to_ascii_uppercase());
    if let Some(path) = text("__ow_path").filter(|p| p.starts_with('/')) {
        out.path = Some(path);
    }
    let query = text("__ow_query").unwrap_or_default();
    if !query.is_empty() {
        form::parse_pairs(&query, ParamSource::Query, None, out);
    }
    let mut note = String::from(
        "Read an OpenWhisk (IBM Cloud Functions) web action's parameters as the request they carry: the headers from __ow_headers, the method from __ow_method",
    );
    let raw_body = text("__ow_body").unwrap_or_default();
    if !raw_body.is_empty() {
        let body = match decode_base64(&raw_body, None) {
            Some(decoded) => {
                note.push_str("; the raw body (__ow_body) was base64 and was decoded");
                decoded
            }
            None => raw_body,
        };
        form::parse_pairs(&body, ParamSource::Body, None, out);
        out.body = Some(body);
    }
    // The request's own parameters, which the platform merged into the action's.
    let source = if method.as_deref() == Some("GET") {
        ParamSource::Query
    } else {
        ParamSource::Body
    };
    let mut merged = 0;
    for (name, v) in params.iter().filter(|(k, _)| !k.starts_with("__ow_")) {
        let value = match v {
            Value::String(s) => s.clone(),
            Value::Null => String::new(),
            other => other.to_string(),
        };
        out.pairs.push(crate::report::RawPair {
            source,
            raw_name: name.clone(),
            raw_value: value.clone(),
            name: name.clone(),
            value,
            no_equals: false,
            non_literal: false,
        });
        merged += 1;
    }
    if merged > 0 {
        note.push_str(
            "; the other parameters are the request's form and query, merged by the platform",
        );
    }
    note.push_str(" (the action's own URL is not among them).");
    out.method = method;
    out.findings
        .push(Finding::new(Code::WrapperUnwrapped, note));
    redact_authorization(&mut headers, out);
    out.headers = headers;
    true
}

/// A literal's entries as the JSON they stand for (nested objects read in turn, to a
/// bounded depth; an expression kept as its text).
fn literal_map(entries: &[literal::Entry], depth: usize) -> Map<String, Value> {
    entries
        .iter()
        .map(|e| (e.key.clone(), literal_value(&e.value, depth)))
        .collect()
}

fn literal_value(v: &literal::Val, depth: usize) -> Value {
    use literal::Val;
    match v {
        Val::Str(s) | Val::Expr(s) => Value::String(s.clone()),
        Val::Scalar(s) => match s.as_str() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => serde_json::from_str::<serde_json::Number>(s)
                .map_or_else(|_| Value::String(s.clone()), Value::Number),
        },
        Val::Null => Value::Null,
        Val::List(items) => Value::Array(items.iter().map(|i| literal_value(i, depth)).collect()),
        Val::Map(text) => match (depth < 8).then(|| literal::read_object(text)).flatten() {
            Some(inner) => Value::Object(literal_map(&inner.entries, depth + 1)),
            None => Value::String(text.clone()),
        },
    }
}

/// True when a JSON text looks like a Monitor Alert with the request it is about.
pub(crate) fn looks_like_alert(t: &str) -> bool {
    t.starts_with('{')
        && t.contains("\"request_variables\"")
        && (t.contains("\"alert_text\"") || t.contains("\"error_code\""))
}

/// Reads the request an alert is about; `false` when the text is not such an alert.
pub(crate) fn decode_alert(t: &str, out: &mut Decoded) -> bool {
    let Ok(Value::Object(alert)) = serde_json::from_str::<Value>(t) else {
        return false;
    };
    decode_alert_map(&alert, out)
}

/// [`decode_alert`] on the alert's fields already read.
fn decode_alert_map(alert: &Map<String, Value>, out: &mut Decoded) -> bool {
    let text = |k: &str| alert.get(k).and_then(Value::as_str).map(str::to_string);
    let Some(variables) = text("request_variables") else {
        return false;
    };
    let method = text("request_method").map(|m| m.to_ascii_uppercase());
    if let Some(url) = text("request_url") {
        apply_url(&url, None, out);
    }
    let get = method.as_deref() == Some("GET");
    out.method = method;
    let source = if get {
        ParamSource::Query
    } else {
        ParamSource::Body
    };
    form::parse_pairs(&variables, source, None, out);
    if !get {
        out.body = Some(variables);
        out.headers.push(Header {
            name: "Content-Type".into(),
            value: "application/x-www-form-urlencoded".into(),
        });
    }
    let code = text("error_code").unwrap_or_default();
    let what = if code.is_empty() {
        "Read the request inside a Monitor Alert (request_method, request_url, request_variables)."
            .to_string()
    } else {
        format!("Read the request inside a Monitor Alert for error {code} (request_method, request_url, request_variables).")
    };
    out.findings
        .push(Finding::new(Code::WrapperUnwrapped, what));
    true
}

/// True when a JSON text looks like a Lambda HTTP event (checked on its first 4 KB).
pub(crate) fn looks_like_event(t: &str) -> bool {
    let head = t.get(..t.len().min(4096)).unwrap_or(t);
    let v1 = head.contains("\"httpMethod\"") && head.contains("\"headers\"");
    let v2 = head.contains("\"rawPath\"") && head.contains("\"requestContext\"");
    t.starts_with('{') && (v1 || v2) && t.contains("\"body\"")
}

/// Reads the event into `out`; `false` when the text is not such an event after all.
pub(crate) fn decode_event(t: &str, out: &mut Decoded) -> bool {
    let Ok(Value::Object(event)) = serde_json::from_str::<Value>(t) else {
        return false;
    };
    decode_event_map(&event, out)
}

/// [`decode_event`] on the event's fields already read.
fn decode_event_map(event: &Map<String, Value>, out: &mut Decoded) -> bool {
    let text = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_string);
    let http = event
        .get("requestContext")
        .and_then(|c| c.get("http"))
        .and_then(Value::as_object);
    let method = text(event.get("httpMethod")).or_else(|| text(http.and_then(|h| h.get("method"))));
    // API Gateway REST (v1): `path` is the resource path without the stage (`/sms`), while
    // `requestContext.path` is the path the client requested (`/prod/sms`, or a custom
    // domain's base path and the resource): the one Twilio signed.
    let resource_path = text(event.get("path"));
    let requested_path = text(event.get("requestContext").and_then(|c| c.get("path")))
        .filter(|p| p.starts_with('/'));
    let stage_added = match (&resource_path, &requested_path) {
        (Some(resource), Some(requested)) if resource != requested => {
            Some((resource.clone(), requested.clone()))
        }
        _ => None,
    };
    let path = text(event.get("rawPath"))
        .or(requested_path)
        .or(resource_path)
        .or_else(|| text(http.and_then(|h| h.get("path"))));
    // A test's event written with only the fields its handler reads (`headers`,
    // `queryStringParameters`, `body`): no method or path, which stay unknown.
    let partial = method.is_none()
        && path.is_none()
        && event.contains_key("queryStringParameters")
        && event.contains_key("headers")
        && event.contains_key("body");
    if (method.is_none() || path.is_none()) && !partial {
        return false;
    }
    let mut headers = event_headers(event);
    let header = |name: &str| {
        headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| h.value.clone())
    };
    let query = text(event.get("rawQueryString")).unwrap_or_else(|| query_of(event));
    let host = header("X-Forwarded-Host").or_else(|| header("Host"));
    let scheme = header("X-Forwarded-Proto").unwrap_or_else(|| "https".into());
    if let Some(path) = &path {
        let mut url = match host {
            Some(h) => format!("{scheme}://{h}{path}"),
            None => path.clone(),
        };
        if !query.is_empty() {
            url.push('?');
            url.push_str(&query);
        }
        apply_url(&url, None, out);
    } else if !query.is_empty() {
        form::parse_pairs(&query, ParamSource::Query, None, out);
    }
    out.method = method.map(|m| m.to_ascii_uppercase());

    let encoded = event.get("isBase64Encoded").and_then(Value::as_bool);
    let raw_body = text(event.get("body")).unwrap_or_default();
    let mut note = String::from(if partial {
        "Read an AWS Lambda HTTP event written with only its headers, query and body (no method or path) as the request it carries"
    } else {
        "Read an AWS Lambda HTTP event (load balancer or API Gateway) as the request it carries"
    });
    let body = match decode_base64(&raw_body, encoded) {
        Some(decoded) => {
            note.push_str(if encoded == Some(true) {
                "; its body was base64 (isBase64Encoded) and was decoded"
            } else {
                "; its body is base64 (isBase64Encoded was not kept) and was decoded"
            });
            decoded
        }
        None => raw_body,
    };
    if let Some((resource, requested)) = &stage_added {
        note.push_str(&format!(
            "; the URL's path is requestContext.path ({requested}), the one the client requested, not path ({resource}), which lacks the stage or base path: validate the signature against the former"
        ));
    }
    note.push('.');
    if !body.is_empty() {
        let ct = header("Content-Type")
            .unwrap_or_default()
            .to_ascii_lowercase();
        let wrapped = (!ct.contains("json") && body.trim_start().starts_with('{'))
            .then(|| super::salvage::salvage(&body))
            .flatten();
        if let Some(found) = wrapped {
            // A form body kept inside a JSON message (a queue's task arguments).
            note.insert_str(
                note.len() - 1,
                "; its body is JSON holding the form body, which was read",
            );
            out.pairs = found.decoded.pairs;
        } else if ct.contains("json") {
            json::decode_json_object(&body, None, ParamSource::Json, out);
        } else {
            form::parse_pairs(&body, ParamSource::Body, None, out);
        }
        out.body = Some(body);
    }
    out.findings
        .push(Finding::new(Code::WrapperUnwrapped, note));
    redact_authorization(&mut headers, out);
    out.headers = headers;
    true
}

/// The event's headers (`headers`, else the first of each `multiValueHeaders`).
fn event_headers(event: &Map<String, Value>) -> Vec<Header> {
    let mut out = Vec::new();
    if let Some(Value::Object(h)) = event.get("headers") {
        for (name, v) in h {
            if let Some(s) = v.as_str() {
                out.push(Header {
                    name: name.clone(),
                    value: s.trim().to_string(),
                });
            }
        }
    }
    if out.is_empty() {
        if let Some(Value::Object(h)) = event.get("multiValueHeaders") {
            for (name, v) in h {
                if let Some(s) = v.get(0).and_then(Value::as_str) {
                    out.push(Header {
                        name: name.clone(),
                        value: s.trim().to_string(),
                    });
                }
            }
        }
    }
    out
}

/// The v1 query (`queryStringParameters`), re-encoded as a query string.
fn query_of(event: &Map<String, Value>) -> String {
    let Some(Value::Object(q)) = event.get("queryStringParameters") else {
        return String::new();
    };
    let pairs: Vec<(String, String)> = q
        .iter()
        .filter_map(|(k, v)| v.as_str().map(|s| (k.clone(), s.to_string())))
        .collect();
    serde_urlencoded::to_string(pairs).unwrap_or_default()
}

/// The body decoded from base64 when the event says so, or — when the flag was lost — when
/// it decodes to a UTF-8 form or JSON body.
fn decode_base64(body: &str, flagged: Option<bool>) -> Option<String> {
    if flagged == Some(false) || body.is_empty() {
        return None;
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(body.trim())
        .ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let plausible = text.contains('=') || text.trim_start().starts_with('{');
    (flagged == Some(true) || plausible && !text.contains(char::is_control)).then_some(text)
}
