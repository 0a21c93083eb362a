//! One field of the report: its catalog row (for the detected kind, or every row that
//! could apply), its status (known, undocumented, deprecated, alias…), its placeholder
//! label, and the value checks.

use std::borrow::Cow;

use crate::catalog::{self, ApiVersion, DocStatus, KindSpec, ParamSpec, ValueType};
use crate::check;
use crate::finding::{Code, Finding, Severity};
use crate::placeholder::{self, Placeholder};
use crate::report::{Field, FieldStatus, RawPair};

/// What every field of one request is judged against.
pub(super) struct FieldContext {
    /// The detected kind's catalog entry.
    pub kind: Option<&'static KindSpec>,
    /// The API version in force.
    pub api: Option<ApiVersion>,
    /// Twilio sent the request (a webhook), rather than an app.
    pub webhook: bool,
    /// Judge values by Twilio's formats (not for another product's request).
    pub check_values: bool,
    /// A compatible platform's request: ids not shaped like SIDs are its own.
    pub foreign_ids: bool,
}

/// The field's catalog row and status for the detected kind, or — when the kind does not
/// document it — every row that could apply.
fn look_up(name: &str, ctx: &FieldContext) -> (FieldStatus, Rows) {
    let api = ctx.api;
    if let Some(s) = ctx.kind.and_then(|k| catalog::param_for_spec(k, name)) {
        let status = if s.alias_of.is_some()
            && s.deprecated
                .is_some_and(|d| Some(d.since) == api.map(ApiVersion::as_str))
        {
            // An alias superseded by the very version that still sends it (Caller in
            // 2010) is a compatibility copy: legacy.
            FieldStatus::Legacy
        } else if s
            .deprecated
            .is_some_and(|d| deprecation_in_force(d.since, api))
        {
            FieldStatus::Deprecated
        } else if s.alias_of.is_some() {
            FieldStatus::Legacy
        } else {
            FieldStatus::Known
        };
        return (status, Rows::One([s]));
    }
    // Rows of this API version first, then the others.
    let mut rows: Vec<&'static ParamSpec> = catalog::params_named(name).collect();
    rows.sort_by_key(|p| Some(p.api_version) != api);
    if rows.is_empty() {
        (FieldStatus::Unknown, Rows::Many(rows))
    } else if ctx.kind.is_some() {
        (FieldStatus::OtherKind, Rows::Many(rows))
    } else {
        // The kind is unknown: the parameter is a documented one, judged by every row.
        (FieldStatus::Known, Rows::Many(rows))
    }
}

/// The catalog rows that could apply to a field: the kind's own row (most fields, no
/// allocation) or every row of the name.
enum Rows {
    One([&'static ParamSpec; 1]),
    Many(Vec<&'static ParamSpec>),
}

impl std::ops::Deref for Rows {
    type Target = [&'static ParamSpec];

    fn deref(&self) -> &Self::Target {
        match self {
            Rows::One(one) => one,
            Rows::Many(many) => many,
        }
    }
}

/// Builds the field of one decoded pair (whose strings move into the field).
pub(super) fn build_field(index: usize, pair: RawPair, ctx: &FieldContext) -> Field {
    let kind = ctx.kind;
    let (status, rows) = look_up(&pair.name, ctx);
    let spec = rows.first().copied();
    let non_literal = pair.non_literal;
    let mut field = Field {
        index,
        source: pair.source,
        name: pair.name,
        raw_name: pair.raw_name,
        value: pair.value,
        raw_value: pair.raw_value,
        catalog_name: spec.map(|s| Cow::Borrowed(s.name)),
        label: spec.map(|s| Cow::Borrowed(s.label)),
        description: spec.map(|s| Cow::Borrowed(s.description)),
        value_type: spec.map(|s| s.value_type.id()),
        display: None,
        status,
        placeholder: None,
        findings: Vec::new(),
    };
    if let Some(op) = list_filter_operator(&field.name) {
        let name = &field.name;
        field.display = Some(format!(
            "{} {} {}",
            &name[..name.len() - 1],
            op,
            field.value
        ));
    }
    let value_type = spec.map_or(ValueType::Text { max_len: None }, |s| s.value_type);
    // An expression as written in a program (`from_number`) is neither a value nor a
    // stand-in for one: nothing to classify or check.
    if !non_literal {
        field.placeholder = placeholder::classify(&field.value, &value_type).or_else(|| {
            (ctx.foreign_ids
                && matches!(value_type, ValueType::Sid { .. })
                && !placeholder::is_sid_shaped(field.value.trim()))
            .then_some(Placeholder::ForeignId)
        });
    }
    let Some(spec) = spec else {
        let name = &field.name;
        field.findings.push(
            Finding::new(Code::UnknownParam, unknown_param_message(name, kind))
                .param(name.as_str())
                .hint("Tolerated: Twilio adds parameters without notice, and apps add their own to their URLs."),
        );
        field.label_placeholder();
        return field;
    };
    if let Some(finding) = status_finding(&field, spec, &rows, kind, ctx.webhook) {
        field.findings.push(finding);
    }
    if spec.status == DocStatus::ExampleOnly {
        let name = &field.name;
        field.findings.push(
            Finding::new(
                Code::ExampleOnlyParam,
                format!("{name} appears in Twilio's examples but not in its API schema."),
            )
            .param(name.as_str())
            .hint("Twilio may ignore it."),
        );
    }
    if non_literal {
        return field;
    }
    // Free text is checked even when it reads as redacted (its length still matters);
    // typed values that are stand-ins are not.
    let free_text = matches!(value_type, ValueType::Text { .. } | ValueType::Twiml { .. });
    if field.placeholder.is_some() {
        field.label_placeholder();
    }
    if ctx.check_values && (field.placeholder.is_none() || free_text) {
        let checked = check_against_rows(&rows, &field.name, &field.value, ctx);
        if field.display.is_none() {
            field.display = checked.display;
        }
        field.findings.extend(checked.findings);
    }
    field
}

/// "`name` is not a documented parameter of `kind`.", written in one allocation (a large
/// paste of unknown names has one per field).
fn unknown_param_message(name: &str, kind: Option<&KindSpec>) -> String {
    let of = kind.map_or("", |k| k.id);
    let mut m = String::with_capacity(name.len() + of.len() + 36);
    m.push_str(name);
    m.push_str(" is not a documented parameter");
    if !of.is_empty() {
        m.push_str(" of ");
        m.push_str(of);
    }
    m.push('.');
    m
}

/// Checks a value against the rows that could apply: the first row it satisfies wins; when
/// it satisfies none, the findings of the most relevant row stand.
fn check_against_rows(
    rows: &[&'static ParamSpec],
    name: &str,
    value: &str,
    ctx: &FieldContext,
) -> check::Checked {
    if let [row] = rows {
        return check::check_value(row, name, value, ctx.api, ctx.webhook);
    }
    let mut first: Option<check::Checked> = None;
    let mut tried: Vec<ValueType> = Vec::new();
    for row in rows {
        if tried.contains(&row.value_type) {
            continue;
        }
        tried.push(row.value_type);
        let checked = check::check_value(row, name, value, ctx.api, ctx.webhook);
        if !checked
            .findings
            .iter()
            .any(|f| f.severity >= Severity::Warning)
        {
            return checked;
        }
        first.get_or_insert(checked);
    }
    first.unwrap_or_default()
}

/// The deprecated, legacy or other-kind finding of a field.
fn status_finding(
    field: &Field,
    spec: &ParamSpec,
    rows: &[&'static ParamSpec],
    kind: Option<&'static KindSpec>,
    webhook: bool,
) -> Option<Finding> {
    let name = &field.name;
    match field.status {
        FieldStatus::Deprecated => {
            let d = spec.deprecated?;
            let message = match ApiVersion::parse(d.since) {
                Some(v) => format!(
                    "{name} is deprecated since API version {}; {} replaces it.",
                    v.as_str(),
                    d.use_instead
                ),
                None => format!(
                    "{name} is deprecated (Twilio's current documentation no longer lists it); {} replaces it.",
                    d.use_instead
                ),
            };
            let finding = Finding::new(Code::DeprecatedParam, message).param(name.as_str());
            Some(if webhook {
                // Twilio still sends it: nothing for the app to fix, only which name to
                // read.
                finding.severity(Severity::Info).hint(format!(
                    "Twilio still sends it for compatibility; read {} instead.",
                    d.use_instead
                ))
            } else {
                finding.hint(format!("Use {} instead.", d.use_instead))
            })
        }
        FieldStatus::Legacy => {
            let target = spec.alias_of.unwrap_or_default();
            Some(
                Finding::new(
                    Code::LegacyParam,
                    format!("{name} is a legacy alias of {target}, still sent for compatibility."),
                )
                .param(name.as_str())
                .hint(format!("Read {target} instead.")),
            )
        }
        FieldStatus::OtherKind => {
            let mut kinds: Vec<&str> = Vec::new();
            for k in rows.iter().flat_map(|r| r.kinds.iter()) {
                let shown = catalog::kind(k).map_or(*k, |s| s.reported_as);
                if !kinds.contains(&shown) {
                    kinds.push(shown);
                }
            }
            Some(
                Finding::new(
                    Code::OtherKindParam,
                    format!(
                        "{name} is documented for {}, not for {}.",
                        kinds.join(", "),
                        kind.map(|k| k.reported_as).unwrap_or("this request")
                    ),
                )
                .param(name.as_str()),
            )
        }
        FieldStatus::Known | FieldStatus::Unknown => None,
    }
}

/// A deprecation dated by an API version (`2010-04-01`) does not apply to requests of an
/// earlier version: `Caller` was the right name in 2008.
fn deprecation_in_force(since: &str, api: Option<ApiVersion>) -> bool {
    match (ApiVersion::parse(since), api) {
        (Some(since), Some(api)) => api.as_str() >= since.as_str(),
        _ => true,
    }
}

/// `StartTime>` → "on or after"; `StartTime<` → "on or before".
fn list_filter_operator(name: &str) -> Option<&'static str> {
    if !(name.starts_with("StartTime") || name.starts_with("EndTime")) {
        return None;
    }
    match name.as_bytes().last() {
        Some(b'>') => Some("on or after"),
        Some(b'<') => Some("on or before"),
        _ => None,
    }
}
