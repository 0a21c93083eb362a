//! The response side of the npm package: `lintTwiml` (would Twilio accept this response?)
//! and `explainError`. Converts only, like the rest of `src/wasm.rs`.

use js_sys::{Array, JSON};
use wasm_bindgen::prelude::*;

use super::{string_arg, type_name};

#[wasm_bindgen]
extern "C" {
    /// The `options` argument of `lintTwiml` (typed `LintOptions` in the declarations).
    #[wasm_bindgen(typescript_type = "LintOptions")]
    pub type LintOptionsArg;
}

/// The `options` of `lintTwiml`: what is known about the request the response answers.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename_all = "camelCase", optional_fields = nullable))]
#[allow(dead_code)] // Only describes the shape for the declarations; read as a ResponseContext.
pub(super) struct LintOptions {
    /// The TwiML vocabulary: `voice`, `messaging`, `fax` or `auto` (the default: told from
    /// `kind`, else from the verbs).
    document: Option<crate::response::DocumentType>,
    /// The kind of request answered (`voice-request`, `voice-status-callback`, …).
    kind: Option<String>,
    /// The URL Twilio requested: resolves relative URLs; its `#ct=…` fragment is read.
    url: Option<String>,
}

/// Checks a webhook response: would Twilio accept it? `input` is TwiML alone, a raw HTTP
/// response (`HTTP/1.1 200 OK`…), a HAR entry, or a request followed by its response.
/// Returns the response report (verdict, findings with line, column and the Twilio error
/// code each predicts, the codes explained). Throws only for arguments of the wrong type.
#[wasm_bindgen(js_name = lintTwiml, unchecked_return_type = "ResponseReport")]
pub fn lint_twiml(
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
    options: Option<LintOptionsArg>,
) -> Result<JsValue, JsError> {
    const F: &str = "lintTwiml";
    let input = string_arg(F, "input", &input)?;
    let options = options.map(JsValue::from).unwrap_or(JsValue::UNDEFINED);
    let ctx: crate::response::ResponseContext = if options.is_undefined() || options.is_null() {
        Default::default()
    } else if !options.is_object() || Array::is_array(&options) {
        return Err(JsError::new(&format!(
            "{F}: `options` must be an object, got {}",
            type_name(&options)
        )));
    } else {
        let text: String = JSON::stringify(&options)
            .map_err(|_| JsError::new(&format!("{F}: `options` cannot be converted to JSON")))?
            .into();
        serde_json::from_str(&text)
            .map_err(|e| JsError::new(&format!("{F}: bad `options`: {e}")))?
    };
    let report = crate::response::inspect_response(&input, &ctx);
    let json = serde_json::to_string(&report).map_err(|e| JsError::new(&format!("{F}: {e}")))?;
    JSON::parse(&json).map_err(|_| JsError::new(&format!("{F}: internal error")))
}

/// Explains a Twilio error code in this project's own words (`{code, name, meaning, causes,
/// source}`), or `undefined` when the inspector does not know it.
#[wasm_bindgen(js_name = explainError, unchecked_return_type = "ExplainedError | undefined")]
pub fn explain_error(code: u32) -> Result<JsValue, JsError> {
    match crate::response::explain_error(code) {
        None => Ok(JsValue::UNDEFINED),
        Some(info) => {
            let e = crate::response::ExplainedError::from(info);
            let json = serde_json::to_string(&e)
                .map_err(|e| JsError::new(&format!("explainError: {e}")))?;
            JSON::parse(&json).map_err(|_| JsError::new("explainError: internal error"))
        }
    }
}
