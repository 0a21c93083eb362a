//! The fields table, in wire order: name and label, decoded value with a human rendering,
//! type, description, badges, and the findings of each field. Optional raw view beside it.

use twilio_webhook_inspector::catalog;
use twilio_webhook_inspector::{Field, Severity};
use yew::prelude::*;

/// Field rows rendered at most: a 1 MB paste has tens of thousands of fields, and a table
/// of them all would block the page for seconds. The report keeps every field.
/// The most rows drawn (the worker sends no more: see `offload`).
const MAX_ROWS: usize = crate::offload::SENT_FIELDS;

use crate::display::{self, FocusRow};
use crate::state::Action;
use crate::web;

/// Props of [`FieldsTable`].
#[derive(Properties, PartialEq)]
pub struct FieldsTableProps {
    /// The report.
    pub report: super::ReportRc,
    /// The pasted text, for the raw view.
    pub input: String,
    /// Show the raw view.
    pub show_raw: bool,
    /// User intent.
    pub on_action: Callback<Action>,
    /// A field to scroll to and highlight, by name (`param` of a deep link).
    #[prop_or_default]
    pub focus: Option<String>,
    /// Where it is rendered (an embed); the app leaves it out.
    #[prop_or_default]
    pub place: super::Place,
    /// Fields of the report left out of `report` (a large paste inspected in the worker).
    #[prop_or_default]
    pub omitted_fields: usize,
}

fn human(f: &Field) -> Html {
    let vt = f.value_type.as_deref().unwrap_or("");
    // Dates: the viewer's local time and UTC.
    if let Some(d) = f.display.as_deref() {
        if display::iso_utc(d).is_some() {
            let local = web::local_time(d).unwrap_or_default();
            return html! {
                <div class="human date" data-testid="date">
                    <span class="human-main" data-testid="date-local">{ local }</span>
                    <span class="muted" data-testid="date-utc">{ display::utc_words(d).unwrap_or_default() }</span>
                </div>
            };
        }
    }
    // Phone numbers: the core's formatting plus the country of the calling code.
    let phone_like = vt == "phone" || display::e164_digits(&f.value).is_some();
    if phone_like {
        let shown = f.display.clone().filter(|d| d != &f.value && !d.is_empty());
        let country = display::phone_country(&f.value);
        if shown.is_some() || country.is_some() {
            return html! {
                <div class="human phone" data-testid="phone">
                    // The core's formatting (with its country code); the country's name from
                    // the calling-code table as a tooltip, or on its own when the core gave none.
                    if let Some(s) = shown {
                        <span class="human-main" title={country.clone().unwrap_or_default()}>{ s }</span>
                    } else if let Some(c) = country {
                        <span class="muted">{ c }</span>
                    }
                </div>
            };
        }
    }
    if let Some(d) = f
        .display
        .as_deref()
        .filter(|d| *d != f.value && !d.is_empty())
    {
        return html! { <div class="human"><span class="human-main">{ d.to_string() }</span></div> };
    }
    html! {}
}

/// "1 error, 2 notes".
fn findings_label(f: &Field) -> String {
    let n = |s: Severity| f.findings.iter().filter(|x| x.severity == s).count();
    [
        (n(Severity::Error), "error", "errors"),
        (n(Severity::Warning), "warning", "warnings"),
        (n(Severity::Info), "note", "notes"),
    ]
    .iter()
    .filter(|(c, _, _)| *c > 0)
    .map(|(c, one, many)| format!("{c} {}", if *c == 1 { one } else { many }))
    .collect::<Vec<_>>()
    .join(", ")
}

fn enum_values(f: &Field) -> Option<&'static [&'static str]> {
    let vt = f.value_type.as_deref()?;
    let id = vt
        .strip_prefix("enum:")
        .or_else(|| vt.strip_prefix("repeated-enum:"))
        .or_else(|| vt.strip_prefix("enum-list:"))?;
    catalog::enum_spec(id).map(|e| e.values)
}

fn value_cell(f: &Field) -> Html {
    if f.value.is_empty() {
        return html! { <span class="empty">{ "(empty)" }</span> };
    }
    let is_url = f.value_type.as_deref() == Some("url") || f.name.starts_with("MediaUrl");
    if is_url && display::is_web_url(&f.value) {
        return html! {
            <a class="v mono" href={f.value.clone()} target="_blank" rel="noreferrer noopener"
               title="Opens in a new tab. The inspector never fetches it.">{ f.value.clone() }</a>
        };
    }
    html! { <code class="v">{ super::visible_text(&f.value.clone(), false) }</code> }
}

#[component]
pub fn FieldsTable(props: &FieldsTableProps) -> Html {
    let place = &props.place;
    let r = &props.report;
    let on_raw = props.on_action.reform(|_: Event| Action::ToggleRaw);
    let missing: Vec<_> = r
        .findings
        .iter()
        .filter(|f| matches!(f.code.id(), "missing-param" | "missing-conditional-param"))
        .filter_map(|f| f.param.clone().map(|p| (p, f.clone())))
        .collect();

    // A deep link's field: highlighted, and scrolled to once the row is in the page.
    let target = props.focus.as_deref().and_then(|w| {
        let names: Vec<String> = missing.iter().map(|(p, _)| p.clone()).collect();
        display::focus_row(&r.fields, &names, w)
    });
    let focus_ref = use_node_ref();
    {
        let focus_ref = focus_ref.clone();
        let embedded = place.embedded;
        use_effect_with((target.clone(), props.report.clone()), move |(t, _)| {
            if t.is_some() {
                if let Some(el) = focus_ref.cast::<web_sys::HtmlElement>() {
                    web::reveal(&el, embedded);
                }
            }
        });
    }
    // The focused row, and the reference the effect above reveals it by.
    let focus_of = |row: FocusRow| {
        let on = target.as_ref() == Some(&row);
        (on, on.then(|| focus_ref.clone()))
    };

    let hidden = (r.fields.len() + props.omitted_fields).saturating_sub(MAX_ROWS);
    let rows = r.fields.iter().take(MAX_ROWS).map(|f| {
        let (focused, node) = focus_of(FocusRow::Field(f.index));
        field_row(f, props.show_raw, focused, node, place)
    });

    let ghost_rows = missing.iter().map(|(p, f)| {
        let (focused, node) = focus_of(FocusRow::Missing(p.clone()));
        missing_row(&r.kind.id, p, f, focused, node)
    });

    html! {
        <section class="card fields-card" aria-labelledby={place.id("fields-h")} data-testid="fields">
            <div class="card-head">
                <h3 id={place.id("fields-h")} class="card-title">{ "Fields" }<span class="count-pill">{ r.fields.len() + props.omitted_fields }</span>
                    <span class="muted small">{ " in wire order" }</span></h3>
                <label class="switch">
                    <input type="checkbox" role="switch" checked={props.show_raw} onchange={on_raw} data-testid="raw-toggle" />
                    <span>{ "Raw side by side" }</span>
                </label>
            </div>
            if let (Some(name), None) = (&props.focus, &target) {
                <p class="warn focus-missing" data-testid="focus-missing">
                    { format!("No field {name} in this request. ") }
                    <a href={place.href(&format!("param={}", crate::route::encode_component(name)))} target={place.target()} rel={place.rel()}>
                        { "See it in the catalog" }
                    </a>
                </p>
            }
            <div class={classes!("fields-wrap", props.show_raw.then_some("with-raw"))}>
                if props.show_raw {
                    <div class="raw-pane">
                        <p class="raw-title">{ "As pasted" }</p>
                        <pre class="raw" data-testid="raw-text" tabindex="0" aria-label="The pasted text">{ props.input.clone() }</pre>
                    </div>
                }
                if r.fields.is_empty() && missing.is_empty() {
                    <p class="empty-state">{ "No parameters found. Paste a form body, query string, URL, HTTP request, curl command, JSON or XML." }</p>
                } else {
                    <div class="table-scroll">
                        <table class="fields-table">
                            <thead>
                                <tr>
                                    <th scope="col" class="c-idx">{ "#" }</th>
                                    <th scope="col">{ "Parameter" }</th>
                                    <th scope="col">{ "Value" }</th>
                                    <th scope="col">{ "Description" }</th>
                                </tr>
                            </thead>
                            <tbody>
                                { for rows }
                                if hidden > 0 {
                                    <tr class="frow ghost" data-testid="fields-truncated">
                                        <td colspan="4">{ format!(
                                            "{} more fields are not shown here (a page with every row would freeze); copy the report as JSON to see them all.",
                                            hidden
                                        ) }</td>
                                    </tr>
                                }
                                { for ghost_rows }
                            </tbody>
                        </table>
                    </div>
                }
            </div>
        </section>
    }
}

/// One field: index, name, label, type and badges; value, its human rendering, the raw
/// pair and its findings; description, documented values and the catalog link.
/// (A function rather than a component: a report of 500 rows re-renders them all anyway,
/// and a component per row measured slower to draw.)
fn field_row(
    f: &Field,
    show_raw: bool,
    focused: bool,
    node: Option<NodeRef>,
    place: &super::Place,
) -> Html {
    let badges = display::field_badges(f);
    let status_class = format!(
        "st-{}",
        serde_json::to_value(f.status)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    );
    let values = enum_values(f);
    let worst = f
        .findings
        .iter()
        .map(|x| x.severity)
        .max()
        .unwrap_or(Severity::Info);
    let show_raw_pair = show_raw && (f.raw_name != f.name || f.raw_value != f.value);
    html! {
        <tr key={f.index} id={place.id(&format!("field-{}", f.index))} class={classes!("frow", status_class, focused.then_some("focused"))}
            ref={node.unwrap_or_default()} tabindex={focused.then_some("-1")} data-name={f.name.clone()} data-testid="field-row">
            <td class="c-idx">{ f.index }</td>
            <td class="c-name">
                <code class="pname">{ f.name.clone() }</code>
                if let Some(l) = &f.label { <div class="plabel">{ l.clone() }</div> }
                if let Some(t) = &f.value_type { <div class="ptype"><span class="type mono">{ t.clone() }</span></div> }
                if !badges.is_empty() {
                    <div class="badges">
                        { for badges.iter().map(|(cls, text, why)| html! {
                            <span class={classes!("badge", *cls)} title={why.clone()} data-badge={*text}>{ *text }</span>
                        }) }
                    </div>
                }
            </td>
            <td class="c-value">
                { value_cell(f) }
                { human(f) }
                if show_raw_pair {
                    <div class="rawpair" data-testid="raw-pair">
                        <span class="muted">{ "as sent: " }</span>
                        <code>{ format!("{}={}", f.raw_name, f.raw_value) }</code>
                    </div>
                }
                if !f.findings.is_empty() {
                    <details class="ffindings" open={worst == Severity::Error}>
                        <summary class={classes!(display::severity_class(worst))}>{ findings_label(f) }</summary>
                        { super::finding_list(&f.findings.clone(), false) }
                    </details>
                }
            </td>
            <td class="c-desc">
                { f.description.clone().unwrap_or_default() }
                if let Some(vals) = values {
                    <details class="enum-values">
                        <summary>{ format!("{} documented values", vals.len()) }</summary>
                        <ul>{ for vals.iter().map(|v| html! {
                            <li class={classes!((f.value == *v).then_some("current"))}><code>{ *v }</code></li>
                        }) }</ul>
                    </details>
                }
                if let Some(c) = &f.catalog_name {
                    <a class="catalog-link" href={place.href(&format!("param={c}"))} target={place.target()} rel={place.rel()} aria-label={format!("{c} in the catalog")}>{ "catalog →" }</a>
                }
            </td>
        </tr>
    }
}

/// A parameter the kind requires and the request lacks: a ghost row with the finding.
fn missing_row(
    kind: &str,
    p: &str,
    f: &twilio_webhook_inspector::Finding,
    focused: bool,
    node: Option<NodeRef>,
) -> Html {
    let spec = catalog::param_for_kind(kind, p);
    html! {
        <tr key={format!("missing-{p}")} class={classes!("frow", "ghost", focused.then_some("focused"))}
            ref={node.unwrap_or_default()} tabindex={focused.then_some("-1")}
            data-name={p.to_string()} data-testid="missing-row">
            <td class="c-idx">{ "—" }</td>
            <td class="c-name">
                <code class="pname">{ p.to_string() }</code>
                if let Some(s) = spec {
                    <div class="plabel">{ s.label }</div>
                    <div class="ptype"><span class="type mono">{ s.value_type.id() }</span></div>
                }
                <div class="badges"><span class="badge badge-missing" title={display::finding_text(f)} data-badge="missing">{ "missing" }</span></div>
            </td>
            <td class="c-value"><span class="empty">{ "not present" }</span><p class="finding-hint">{ display::finding_text(f) }</p></td>
            <td class="c-desc">{ spec.map(|s| s.description).unwrap_or_default() }</td>
        </tr>
    }
}
