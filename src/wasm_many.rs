//! The JavaScript API for many captures at once: `timeline` and `diff`. Converts only; the
//! work is [`crate::timeline`] and [`crate::diff`].

use js_sys::{Array, JSON};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

use crate::inspect::Options;
use crate::timeline::Capture;

/// One element of the array form of `timeline`'s argument.
#[derive(Deserialize)]
#[serde(untagged)]
enum CaptureArg {
    Text(String),
    Object(Box<Capture>),
}

fn to_js<T: serde::Serialize>(function: &str, value: &T) -> Result<JsValue, JsError> {
    let json =
        serde_json::to_string(value).map_err(|e| JsError::new(&format!("{function}: {e}")))?;
    JSON::parse(&json)
        .map_err(|_| JsError::new(&format!("{function}: internal error (result is not JSON)")))
}

fn json_of(function: &str, name: &str, value: &JsValue) -> Result<String, JsError> {
    Ok(JSON::stringify(value)
        .map_err(|_| JsError::new(&format!("{function}: `{name}` cannot be converted to JSON")))?
        .into())
}

/// Builds the lifecycle timeline of many captures. `captures` is either one text holding
/// many captures (JSON Lines, HAR, raw HTTP requests, a log, the Call Events resource,
/// Event Streams CloudEvents, Debugger events — recognised automatically) or an array of
/// captures, each a string or an object `{input, url?, method?, headers?, receivedAt?,
/// signature?, authTokens?…}`. Unreadable captures are findings; only arguments of the
/// wrong type throw.
#[wasm_bindgen(js_name = timeline, unchecked_return_type = "Timeline")]
pub fn timeline_js(
    #[wasm_bindgen(unchecked_param_type = "string | Array<string | CaptureInput>")]
    captures: JsValue,
) -> Result<JsValue, JsError> {
    if let Some(text) = captures.as_string() {
        return to_js("timeline", &crate::timeline::timeline_of_text(&text));
    }
    if !Array::is_array(&captures) {
        return Err(JsError::new(
            "timeline: `captures` must be a string or an array of captures",
        ));
    }
    let text = json_of("timeline", "captures", &captures)?;
    let args: Vec<CaptureArg> = serde_json::from_str(&text)
        .map_err(|e| JsError::new(&format!("timeline: bad capture in `captures`: {e}")))?;
    let caps: Vec<Capture> = args
        .into_iter()
        .map(|a| match a {
            CaptureArg::Text(t) => Capture::new(t),
            CaptureArg::Object(c) => *c,
        })
        .collect();
    to_js("timeline", &crate::timeline::timeline(&caps))
}

fn options_arg(name: &str, value: &JsValue) -> Result<Options, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(Options::default());
    }
    if !value.is_object() || Array::is_array(value) {
        return Err(JsError::new(&format!("diff: `{name}` must be an object")));
    }
    serde_json::from_str(&json_of("diff", name, value)?)
        .map_err(|e| JsError::new(&format!("diff: bad `{name}`: {e}")))
}

/// Compares two captured requests field by field (added, removed, changed, reordered,
/// duplicated), with kind, API version and URL differences, and says which difference
/// breaks one signature and not the other (in the signature doctor's words).
#[wasm_bindgen(js_name = diff, unchecked_return_type = "Diff")]
pub fn diff_js(
    #[wasm_bindgen(unchecked_param_type = "string")] a: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] b: JsValue,
    #[wasm_bindgen(js_name = optionsA, unchecked_param_type = "InspectOptions | undefined")]
    options_a: JsValue,
    #[wasm_bindgen(js_name = optionsB, unchecked_param_type = "InspectOptions | undefined")]
    options_b: JsValue,
) -> Result<JsValue, JsError> {
    let (Some(a), Some(b)) = (a.as_string(), b.as_string()) else {
        return Err(JsError::new("diff: `a` and `b` must be strings"));
    };
    let oa = options_arg("optionsA", &options_a)?;
    let ob = options_arg("optionsB", &options_b)?;
    to_js("diff", &crate::diff::diff(&a, &b, &oa, &ob))
}
