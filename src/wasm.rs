//! The JavaScript API of the npm package: a thin layer that only converts.
//!
//! Every export takes JS values, turns them into core arguments, calls the core and turns
//! the result back; no webhook logic lives here. Reports cross the boundary as JSON text
//! parsed by the engine's `JSON.parse` (measured faster than building objects field by
//! field, see `npm/bench/`). The signature exports avoid serde entirely.
//!
//! Bad arguments become JS `Error`s with a message naming the function and the argument;
//! nothing panics across the boundary (`Result<_, JsError>` everywhere).
//!
//! The TypeScript declarations of the report, options and catalog types are generated from
//! the Rust types by ts-rs (feature `ts`) into `npm/types.d.ts`, which is embedded here as
//! a custom section so wasm-bindgen writes it into the package's `.d.ts`.

use js_sys::{Array, JSON};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::catalog::{self, EnumSpec, KindSpec, ParamSpec, SidPrefix};
use crate::inspect::Options;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("../npm/types.d.ts");

#[wasm_bindgen]
extern "C" {
    /// The `options` argument of `inspect` (typed `InspectOptions` in the declarations).
    #[wasm_bindgen(typescript_type = "InspectOptions")]
    pub type InspectOptionsArg;
}

/// The whole catalog as `catalog()` returns it (the same shape as `catalog --json`).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Catalog {
    /// Every webhook kind and request the inspector knows.
    kinds: &'static [KindSpec],
    /// Every parameter row (a name may have several rows, one per API version or kind group).
    params: &'static [ParamSpec],
    /// Every documented value set.
    enums: &'static [EnumSpec],
    /// Every SID prefix and what it names.
    sid_prefixes: &'static [SidPrefix],
}

/// Reads a required string argument.
fn string_arg(function: &str, name: &str, value: &JsValue) -> Result<String, JsError> {
    value.as_string().ok_or_else(|| {
        JsError::new(&format!(
            "{function}: `{name}` must be a string, got {}",
            type_name(value)
        ))
    })
}

/// A short description of a JS value's type for error messages.
fn type_name(value: &JsValue) -> String {
    if value.is_null() {
        "null".into()
    } else if Array::is_array(value) {
        "an array".into()
    } else {
        value.js_typeof().as_string().unwrap_or_default()
    }
}

/// Reads the optional `options` object of `inspect` (undefined or null: defaults).
fn inspect_options(value: &JsValue) -> Result<Options, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(Options::default());
    }
    if !value.is_object() || Array::is_array(value) {
        return Err(JsError::new(&format!(
            "inspect: `options` must be an object, got {}",
            type_name(value)
        )));
    }
    // JSON.stringify drops undefined members, so `{ url: undefined }` means "not given".
    let text: String = JSON::stringify(value)
        .map_err(|_| JsError::new("inspect: `options` cannot be converted to JSON"))?
        .into();
    serde_json::from_str(&text).map_err(|e| JsError::new(&format!("inspect: bad `options`: {e}")))
}

/// Inspects a captured webhook: decodes `input` (form body, query, URL, raw HTTP request,
/// curl command, JSON or XML), detects the kind, labels and checks every field and
/// verifies `X-Twilio-Signature` when `options` gives the auth token(s). Never throws for
/// bad webhook input (problems are findings); throws only for arguments of the wrong type.
#[wasm_bindgen(js_name = inspect, unchecked_return_type = "Report")]
pub fn inspect_js(
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
    options: Option<InspectOptionsArg>,
) -> Result<JsValue, JsError> {
    let json = inspect_json(input, options)?;
    JSON::parse(&json).map_err(|_| JsError::new("inspect: internal error (report is not JSON)"))
}

/// `inspect`, returning the report as JSON text (the CLI's `--json` output, compact).
#[wasm_bindgen(js_name = inspectJson)]
pub fn inspect_json(
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
    options: Option<InspectOptionsArg>,
) -> Result<String, JsError> {
    let input = string_arg("inspect", "input", &input)?;
    let options = inspect_options(&options.map(JsValue::from).unwrap_or(JsValue::UNDEFINED))?;
    let report = crate::inspect(&input, &options);
    serde_json::to_string(&report).map_err(|e| JsError::new(&format!("inspect: {e}")))
}

/// The catalog: every webhook kind, parameter, value set and SID prefix the inspector knows.
#[wasm_bindgen(unchecked_return_type = "Catalog")]
pub fn catalog() -> Result<JsValue, JsError> {
    let value = Catalog {
        kinds: catalog::KINDS,
        params: catalog::PARAMS,
        enums: catalog::ENUMS,
        sid_prefixes: catalog::SID_PREFIXES,
    };
    let json = serde_json::to_string(&value).map_err(|e| JsError::new(&format!("catalog: {e}")))?;
    JSON::parse(&json).map_err(|_| JsError::new("catalog: internal error"))
}

/// The version of the package (and of the Rust core it was built from).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").into()
}

#[cfg(all(test, feature = "ts"))]
mod ts_export {
    //! Writes `npm/types.d.ts` from the Rust types. Run by `scripts/npm-build.sh`;
    //! fails when the committed file is stale unless `UPDATE_TYPES=1`.
    use std::collections::BTreeSet;

    use ts_rs::{Config, TypeVisitor, TS};

    struct Collect<'a> {
        cfg: &'a Config,
        seen: BTreeSet<String>,
        decls: Vec<String>,
    }

    impl TypeVisitor for Collect<'_> {
        fn visit<T: TS + 'static + ?Sized>(&mut self) {
            if T::output_path().is_none() {
                return;
            }
            let name = T::ident(self.cfg);
            if !self.seen.insert(name) {
                return;
            }
            let docs = T::docs().unwrap_or_default();
            self.decls
                .push(format!("{docs}export {}", T::decl(self.cfg)));
            T::visit_dependencies(self);
        }
    }

    #[test]
    fn types_d_ts_is_fresh() {
        let cfg = Config::new().with_large_int("number");
        let mut c = Collect {
            cfg: &cfg,
            seen: BTreeSet::new(),
            decls: Vec::new(),
        };
        c.visit::<crate::Report>();
        c.visit::<crate::Options>();
        c.visit::<super::Catalog>();
        let mut out = String::from(
            "// Generated from the Rust types by ts-rs: `cargo test --lib --features ts wasm::`.\n\
             // Do not edit by hand.\n\n",
        );
        for d in &c.decls {
            out.push_str(d);
            out.push_str("\n\n");
        }
        out.push_str(
            "/** Options of `inspect`: every member may be left out. */\n\
             export type InspectOptions = Partial<Options>;\n",
        );
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/npm/types.d.ts");
        let old = std::fs::read_to_string(path).unwrap_or_default();
        if old != out {
            if std::env::var_os("UPDATE_TYPES").is_some() {
                std::fs::write(path, &out).expect("write npm/types.d.ts");
            } else {
                panic!("npm/types.d.ts is stale: run `UPDATE_TYPES=1 cargo test --lib --features ts wasm::`");
            }
        }
    }
}
