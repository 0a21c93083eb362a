//! HAR captures (HTTP Archive, as saved by browser dev tools, proxies and API clients): a
//! whole file (`{"log": {"entries": [...]}}`) or one entry (`{"request": {...}}`). The first
//! entry's request is read like a raw HTTP request: method, URL, headers, body.

use serde::Deserialize;

use super::http::redact_authorization;
use super::url::apply_url;
use super::{form, json, xml, Decoded};
use crate::finding::{Code, Finding};
use crate::report::{Header, ParamSource};

#[derive(Deserialize)]
struct HarFile {
    log: Option<HarLog>,
    request: Option<HarRequest>,
}

#[derive(Deserialize)]
struct HarLog {
    #[serde(default)]
    entries: Vec<HarEntry>,
}

#[derive(Deserialize)]
struct HarEntry {
    request: HarRequest,
}

#[derive(Deserialize)]
struct HarRequest {
    #[serde(default)]
    method: String,
    #[serde(default)]
    url: String,
    #[serde(default)]
    headers: Vec<HarPair>,
    #[serde(default, rename = "postData")]
    post_data: Option<HarPostData>,
}

#[derive(Deserialize)]
struct HarPair {
    name: String,
    value: String,
}

#[derive(Deserialize)]
struct HarPostData {
    #[serde(default, rename = "mimeType")]
    mime_type: String,
    text: Option<String>,
    #[serde(default)]
    params: Vec<HarPair>,
}

/// True when a JSON text is shaped like a HAR file or entry.
pub(crate) fn looks_like_har(t: &str) -> bool {
    let head = t.get(..t.len().min(4096)).unwrap_or(t);
    (head.contains("\"log\"") && head.contains("\"entries\""))
        || (head.contains("\"request\"")
            && (head.contains("\"httpVersion\"") || head.contains("\"postData\"")))
}

/// Decodes the first request of a HAR file or entry.
pub(crate) fn decode_har(text: &str, out: &mut Decoded) {
    let file: HarFile = match serde_json::from_str(text) {
        Ok(f) => f,
        Err(e) => {
            out.findings.push(
                Finding::new(Code::MalformedJson, format!("The HAR capture could not be read: {e}."))
                    .hint("Export the request again (dev tools → Network → Copy as HAR) and paste all of it."),
            );
            return;
        }
    };
    let (request, others) = match (file.log, file.request) {
        (_, Some(r)) => (r, 0),
        (Some(log), None) => {
            let n = log.entries.len();
            match log.entries.into_iter().next() {
                Some(e) => (e.request, n - 1),
                None => {
                    out.findings.push(Finding::new(
                        Code::MalformedJson,
                        "The HAR file has no entries.",
                    ));
                    return;
                }
            }
        }
        (None, None) => {
            out.findings.push(Finding::new(
                Code::MalformedJson,
                "The JSON is neither a HAR file (log.entries) nor a HAR entry (request).",
            ));
            return;
        }
    };
    if others > 0 {
        out.findings.push(Finding::new(
            Code::NoiseIgnored,
            format!(
                "The HAR file has {} entries; the first was read and {others} ignored.",
                others + 1
            ),
        ));
    }
    if !request.method.is_empty() {
        out.method = Some(request.method.to_ascii_uppercase());
    }
    if request.url.is_empty() {
        out.findings.push(Finding::new(
            Code::MalformedJson,
            "The HAR request has no url; the request was read without it.",
        ));
    } else {
        apply_url(&request.url, None, out);
    }
    let mut headers: Vec<Header> = request
        .headers
        .into_iter()
        .filter(|h| !h.name.starts_with(':'))
        .map(|h| Header {
            name: h.name,
            value: h.value.trim().to_string(),
        })
        .collect();
    if let Some(post) = request.post_data {
        let mime = post.mime_type.to_ascii_lowercase();
        if !mime.is_empty()
            && !headers
                .iter()
                .any(|h| h.name.eq_ignore_ascii_case("Content-Type"))
        {
            headers.push(Header {
                name: "Content-Type".into(),
                value: post.mime_type.clone(),
            });
        }
        let body = match post.text {
            Some(t) => t,
            // Some tools only fill params (already split, still encoded).
            None => post
                .params
                .iter()
                .map(|p| format!("{}={}", p.name, p.value))
                .collect::<Vec<_>>()
                .join("&"),
        };
        if !body.is_empty() {
            if mime.contains("json") {
                json::decode_json_object(&body, None, ParamSource::Json, out);
            } else if mime.contains("xml") {
                xml::decode_xml(&body, 0, out);
            } else {
                form::parse_pairs(&body, ParamSource::Body, None, out);
            }
            out.body = Some(body);
        }
    }
    redact_authorization(&mut headers, out);
    out.headers = headers;
}
