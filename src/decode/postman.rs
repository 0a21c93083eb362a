//! Postman collections (v2.0 and v2.1, as Postman and Insomnia export them): a whole
//! collection (`{"info": …, "item": [...]}`, folders nested in `item`), one item
//! (`{"name": …, "request": {...}}`) or one request (`{"method": …, "url": …}`). The first
//! request is read like a raw HTTP request: method, URL, headers, body. Postman keeps form
//! fields decoded (`{"key": "From", "value": "+1415…"}`) and encodes them when it sends, so
//! the body is rebuilt the way it would go on the wire; disabled rows are not sent.
//! `{{name}}` variables the collection defines (its `variable` list) are filled in as
//! Postman fills them when it sends; the others (an environment's) stay as written.

use std::borrow::Cow;

use serde_json::{Map, Value};

use super::http::redact_authorization;
use super::url::apply_url;
use super::{form, json, Decoded};
use crate::finding::{Code, Finding};
use crate::report::{Header, ParamSource};

/// True when a JSON text is shaped like a Postman collection, item or request.
pub(crate) fn looks_like_postman(t: &str) -> bool {
    let head = t.get(..t.len().min(4096)).unwrap_or(t);
    let request = head.contains("\"request\"") || head.contains("\"method\"");
    // A body in Postman's shape: `{"mode": "urlencoded" | "formdata" | "raw", …}`.
    let body_mode = head.contains("\"mode\"")
        && ["\"urlencoded\"", "\"formdata\"", "\"raw\""]
            .iter()
            .any(|m| head.contains(m));
    head.contains("schema.getpostman.com")
        || head.contains("\"_postman_id\"")
        || request && body_mode
        || request
            && head.contains("\"key\"")
            && head.contains("\"header\"")
            && head.contains("\"url\"")
}

/// Decodes the first request of a Postman collection, item or request.
pub(crate) fn decode_postman(text: &str, out: &mut Decoded) {
    let root: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            out.findings.push(
                Finding::new(
                    Code::MalformedJson,
                    format!("The Postman export could not be read: {e}."),
                )
                .hint("Export the collection again (Postman → Export, Collection v2.1) and paste all of it."),
            );
            return;
        }
    };
    let mut requests = Vec::new();
    collect_requests(&root, &mut requests);
    let Some(request) = requests.first().copied() else {
        out.findings.push(Finding::new(
            Code::MalformedJson,
            "The Postman export holds no request (no item with a request, method or url).",
        ));
        return;
    };
    if requests.len() > 1 {
        out.findings.push(Finding::new(
            Code::NoiseIgnored,
            format!(
                "The Postman collection has {} requests; the first was read and {} ignored.",
                requests.len(),
                requests.len() - 1
            ),
        ));
    }
    let vars = Vars::of(&root);
    let used = vars.used_in(request);
    if !used.is_empty() {
        out.findings.push(Finding::new(
            Code::WrapperUnwrapped,
            format!(
                "The collection's variables were filled in as Postman sends them: {}.",
                used.join(", ")
            ),
        ));
    }
    if let Some(m) = request.get("method").and_then(Value::as_str) {
        out.method = Some(m.trim().to_ascii_uppercase());
    }
    match url_of(request.get("url"), &vars) {
        Some(url) => apply_url(&url, None, out),
        None => out.findings.push(Finding::new(
            Code::MalformedJson,
            "The Postman request has no url; the request was read without it.",
        )),
    }
    let mut headers: Vec<Header> = rows(request.get("header"))
        .map(|(name, value)| Header {
            name: vars.fill(name).into_owned(),
            value: vars.fill(value).trim().to_string(),
        })
        .collect();
    if let Some(body) = request.get("body").and_then(Value::as_object) {
        decode_body(body, &vars, &mut headers, out);
    }
    redact_authorization(&mut headers, out);
    out.headers = headers;
}

/// The variables a collection defines (`"variable": [{"key": "host", "value": "…"}]`; v2.0
/// exports may name them by `id`), disabled ones left out.
struct Vars<'v>(Vec<(&'v str, &'v str)>);

impl<'v> Vars<'v> {
    fn of(root: &'v Value) -> Self {
        let list = root.get("variable").and_then(Value::as_array);
        Vars(
            list.into_iter()
                .flatten()
                .filter_map(|v| {
                    let v = v.as_object()?;
                    if v.get("disabled").and_then(Value::as_bool) == Some(true) {
                        return None;
                    }
                    let key = v.get("key").or_else(|| v.get("id"))?.as_str()?;
                    Some((key.trim(), v.get("value")?.as_str()?))
                })
                .filter(|(key, _)| !key.is_empty())
                .collect(),
        )
    }

    /// The text with every `{{name}}` the collection defines replaced by its value (a value
    /// may itself name a variable: filled again, a few levels deep as Postman does).
    fn fill<'t>(&self, text: &'t str) -> Cow<'t, str> {
        if self.0.is_empty() || !text.contains("{{") {
            return Cow::Borrowed(text);
        }
        let mut filled = text.to_string();
        for _ in 0..4 {
            let mut changed = false;
            for (key, value) in &self.0 {
                let pattern = format!("{{{{{key}}}}}");
                if filled.contains(&pattern) {
                    filled = filled.replace(&pattern, value);
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        Cow::Owned(filled)
    }

    /// The names (as `{{name}}`) of the defined variables the request uses; values are not
    /// repeated (a variable may hold a credential).
    fn used_in(&self, request: &Map<String, Value>) -> Vec<String> {
        if self.0.is_empty() {
            return Vec::new();
        }
        let text = serde_json::to_string(request).unwrap_or_default();
        self.0
            .iter()
            .filter(|(key, _)| text.contains(&format!("{{{{{key}}}}}")))
            .map(|(key, _)| format!("{{{{{key}}}}}"))
            .collect()
    }
}

/// Every request in document order: the root itself when it is one, an item's `request`,
/// and the items of nested folders.
fn collect_requests<'v>(v: &'v Value, found: &mut Vec<&'v Map<String, Value>>) {
    let Some(o) = v.as_object() else { return };
    if let Some(r) = o.get("request") {
        match r {
            Value::Object(r) => found.push(r),
            // A request given as its URL alone.
            Value::String(_) => found.push(o),
            _ => {}
        }
    } else if o.contains_key("method") || o.contains_key("url") {
        found.push(o);
    }
    if let Some(items) = o.get("item") {
        match items {
            Value::Array(items) => items.iter().for_each(|i| collect_requests(i, found)),
            item => collect_requests(item, found),
        }
    }
}

/// The request's URL: a string, or an object with `raw` (else rebuilt from protocol, host,
/// port, path and query).
fn url_of(url: Option<&Value>, vars: &Vars) -> Option<String> {
    let url = match url? {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Object(u) => {
            if let Some(raw) = u.get("raw").and_then(Value::as_str) {
                return Some(vars.fill(raw).trim().to_string()).filter(|s| !s.is_empty());
            }
            let join = |key: &str, sep: &str| match u.get(key) {
                Some(Value::Array(parts)) => parts
                    .iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join(sep),
                Some(Value::String(s)) => s.clone(),
                _ => String::new(),
            };
            let host = join("host", ".");
            if host.is_empty() {
                return None;
            }
            let protocol = u.get("protocol").and_then(Value::as_str).unwrap_or("https");
            let port = u
                .get("port")
                .and_then(Value::as_str)
                .map(|p| format!(":{p}"))
                .unwrap_or_default();
            let path = join("path", "/");
            let query: Vec<String> = rows(u.get("query"))
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            let query = if query.is_empty() {
                String::new()
            } else {
                format!("?{}", query.join("&"))
            };
            Some(format!("{protocol}://{host}{port}/{path}{query}"))
        }
        _ => None,
    }?;
    Some(vars.fill(&url).into_owned())
}

/// The enabled `{key, value}` rows of a header, query, urlencoded or formdata list (a
/// header may also be written as one `Name: value` string).
fn rows(list: Option<&Value>) -> impl Iterator<Item = (&str, &str)> {
    list.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|row| match row {
            Value::Object(r) => {
                let disabled = r.get("disabled").and_then(Value::as_bool) == Some(true);
                let key = r.get("key").and_then(Value::as_str)?;
                let value = r.get("value").and_then(Value::as_str).unwrap_or("");
                (!disabled).then_some((key, value))
            }
            Value::String(line) => line.split_once(':').map(|(k, v)| (k.trim(), v)),
            _ => None,
        })
}

/// The body by its mode: `urlencoded` (and `formdata`'s text rows) rebuilt as the form
/// Postman sends, `raw` read by its language or the request's Content-Type.
fn decode_body(
    body: &Map<String, Value>,
    vars: &Vars,
    headers: &mut Vec<Header>,
    out: &mut Decoded,
) {
    let mode = body.get("mode").and_then(Value::as_str).unwrap_or("");
    match mode {
        "urlencoded" | "formdata" => {
            let text: String = rows(body.get(mode))
                .map(|(k, v)| {
                    let (k, v) = (vars.fill(k), vars.fill(v));
                    format!("{}={}", form::urlencode(&k), form::urlencode(&v))
                })
                .collect::<Vec<_>>()
                .join("&");
            let has_content_type = headers
                .iter()
                .any(|h| h.name.eq_ignore_ascii_case("Content-Type"));
            if mode == "urlencoded" && !has_content_type {
                headers.push(Header {
                    name: "Content-Type".into(),
                    value: "application/x-www-form-urlencoded".into(),
                });
            }
            if !text.is_empty() {
                form::parse_pairs(&text, ParamSource::Body, None, out);
                out.body = Some(text);
            }
        }
        "raw" => {
            let Some(raw) = body.get("raw").and_then(Value::as_str) else {
                return;
            };
            let raw = &*vars.fill(raw);
            let language = body
                .get("options")
                .and_then(|o| o.get("raw"))
                .and_then(|r| r.get("language"))
                .and_then(Value::as_str)
                .unwrap_or("");
            let content_type = headers
                .iter()
                .find(|h| h.name.eq_ignore_ascii_case("Content-Type"))
                .map(|h| h.value.to_ascii_lowercase());
            let json_type = content_type.as_ref().is_some_and(|t| t.contains("json"));
            if language == "json" || json_type {
                if content_type.is_none() {
                    headers.push(Header {
                        name: "Content-Type".into(),
                        value: "application/json".into(),
                    });
                }
                json::decode_json_object(raw, None, ParamSource::Json, out);
            } else if !raw.trim().is_empty() {
                form::parse_pairs(raw, ParamSource::Body, None, out);
            }
            out.body = Some(raw.to_string());
        }
        _ => {}
    }
}
