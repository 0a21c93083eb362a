//! The catalog browser: every kind and parameter, searchable, with deep links
//! (`#kind=voice-request`, `#param=MessageStatus` — scrolled to and highlighted).

use twilio_webhook_inspector::catalog::{
    self, ApiVersion, Direction, KindSpec, ParamSpec, Presence, ValueType, KINDS, PARAMS,
};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::examples::EXAMPLES;
use crate::state::Action;
use crate::web;

/// Props of [`CatalogBrowser`].
#[derive(Properties, PartialEq)]
pub struct CatalogBrowserProps {
    /// Search text.
    pub query: String,
    /// `param:Name` or `kind:id` to scroll to and highlight.
    pub focus: Option<String>,
    /// User intent.
    pub on_action: Callback<Action>,
}

fn direction_name(d: Direction) -> &'static str {
    match d {
        Direction::TwilioToApp => "webhook · Twilio → app",
        Direction::AppToTwilio => "REST request · app → Twilio",
        Direction::Response => "REST response",
    }
}

/// The documented values of an enum-typed parameter row.
fn enum_values(p: &ParamSpec) -> Option<&'static [&'static str]> {
    match p.value_type {
        ValueType::Enum { id }
        | ValueType::RepeatedEnum { id }
        | ValueType::SpaceSeparatedEnum { id } => catalog::enum_spec(id).map(|e| e.values),
        _ => None,
    }
}

fn presence_name(p: Presence) -> &'static str {
    match p {
        Presence::Always => "always",
        Presence::Conditional => "conditional",
        Presence::Optional => "optional",
    }
}

/// Parameters grouped by wire name, in table order.
fn groups() -> Vec<(&'static str, Vec<&'static ParamSpec>)> {
    let mut out: Vec<(&'static str, Vec<&'static ParamSpec>)> = Vec::new();
    for p in PARAMS.iter() {
        match out.iter_mut().find(|(n, _)| *n == p.name) {
            Some((_, v)) => v.push(p),
            None => out.push((p.name, vec![p])),
        }
    }
    out
}

fn kind_matches(k: &KindSpec, q: &str) -> bool {
    q.is_empty()
        || [k.id, k.title, k.summary]
            .iter()
            .any(|s| s.to_ascii_lowercase().contains(q))
}

fn param_matches(name: &str, rows: &[&ParamSpec], q: &str) -> bool {
    q.is_empty()
        || name.to_ascii_lowercase().contains(q)
        || rows.iter().any(|p| {
            p.label.to_ascii_lowercase().contains(q)
                || p.description.to_ascii_lowercase().contains(q)
                || p.kinds.iter().any(|k| k.contains(q))
                || p.value_type.id().to_ascii_lowercase().contains(q)
        })
}

/// The element id a focus target resolves to (`param:MediaUrl3` → `param-MediaUrl{N}`).
fn focus_id(focus: &str, groups: &[(&'static str, Vec<&'static ParamSpec>)]) -> Option<String> {
    if let Some(name) = focus.strip_prefix("param:") {
        let g = groups
            .iter()
            .find(|(n, _)| *n == name)
            .or_else(|| groups.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)))
            .or_else(|| groups.iter().find(|(n, _)| catalog::name_matches(n, name)))?;
        return Some(format!("param-{}", g.0));
    }
    let id = focus.strip_prefix("kind:")?;
    catalog::kind(id)
        .or_else(|| KINDS.iter().find(|k| k.reported_as == id))
        .map(|k| format!("kind-{}", k.id))
}

#[component]
pub fn CatalogBrowser(props: &CatalogBrowserProps) -> Html {
    let groups = use_memo((), |_| groups());
    let q = props.query.trim().to_ascii_lowercase();
    let target = props.focus.as_deref().and_then(|f| focus_id(f, &groups));

    {
        let target = target.clone();
        use_effect_with(target, |t| {
            if let Some(id) = t {
                web::scroll_to(id);
            }
        });
    }

    let on_query = props.on_action.reform(|e: InputEvent| {
        Action::SetCatalogQuery(e.target_unchecked_into::<HtmlInputElement>().value())
    });

    let kinds: Vec<&KindSpec> = KINDS.iter().filter(|k| kind_matches(k, &q)).collect();
    let params: Vec<&(&'static str, Vec<&'static ParamSpec>)> = groups
        .iter()
        .filter(|(n, rows)| param_matches(n, rows, &q))
        .collect();
    let unresolved = props.focus.is_some() && target.is_none();

    html! {
        <div class="catalog-page">
            <div class="page-head">
                <h1>{ "Catalog" }</h1>
                <p class="muted">{ format!("{} kinds and {} parameters Twilio sends or accepts, with types, presence and deprecations. Deep links: #kind=…, #param=….", KINDS.len(), groups.len()) }</p>
                <div class="search">
                    <label for="catalog-q" class="sr-only">{ "Search the catalog" }</label>
                    <input id="catalog-q" type="search" class="input" placeholder="Search kinds and parameters — e.g. MessageStatus, duration, whatsapp"
                           value={props.query.clone()} oninput={on_query} autocomplete="off" spellcheck="false" data-testid="catalog-search" />
                </div>
                if unresolved {
                    <p class="warn">{ format!("No catalog entry for {}.", props.focus.clone().unwrap_or_default().split_once(':').map(|x| x.1).unwrap_or_default()) }</p>
                }
            </div>
            if KINDS.is_empty() && PARAMS.is_empty() {
                <p class="empty-state">{ "The catalog table is empty in this build." }</p>
            }
            <section aria-labelledby="kinds-h">
                <h2 id="kinds-h" class="section-title">{ format!("Kinds ({})", kinds.len()) }</h2>
                <div class="kind-grid">
                    { for kinds.iter().map(|k| kind_card(k, target.as_deref())) }
                </div>
            </section>
            <section aria-labelledby="params-h">
                <h2 id="params-h" class="section-title">{ format!("Parameters ({})", params.len()) }</h2>
                <div class="param-list">
                    { for params.iter().map(|(name, rows)| param_entry(name, rows, target.as_deref())) }
                </div>
            </section>
        </div>
    }
}

/// One kind: title (a deep link), id, direction, API version, summary, parameter count,
/// and a link to an example of it (`target`: the element id to highlight).
fn kind_card(k: &KindSpec, target: Option<&str>) -> Html {
    let id = format!("kind-{}", k.id);
    let focused = target == Some(id.as_str());
    let example = EXAMPLES
        .iter()
        .find(|e| e.kind == k.reported_as || e.kind == k.id);
    let n = catalog::params_of_kind(k.id).len();
    html! {
        <article id={id} tabindex="-1" class={classes!("kind-card", focused.then_some("focused"))} data-testid="catalog-kind">
            <h3><a href={format!("#kind={}", k.id)} class="anchor">{ k.title }</a></h3>
            <div class="chips">
                <code class="chip chip-kind">{ k.id }</code>
                <span class="chip">{ direction_name(k.direction) }</span>
                <span class="chip">{ k.api_version.as_str() }</span>
                if k.reported_as != k.id { <span class="chip">{ format!("reported as {}", k.reported_as) }</span> }
            </div>
            <p>{ k.summary }</p>
            <p class="muted small">
                { format!("{n} parameters") }
                if let Some(parent) = k.inherits { { format!(" · inherits {parent}") } }
            </p>
            if let Some(e) = example {
                <a class="btn btn-small" href={format!("#example={}", e.id)}>{ "Inspect an example" }</a>
            }
        </article>
    }
}

/// One parameter (its catalog rows grouped by wire name): label, deprecation, alias,
/// description, and per row its type, presence, API version, kinds and values.
fn param_entry(name: &'static str, rows: &[&'static ParamSpec], target: Option<&str>) -> Html {
    let id = format!("param-{name}");
    let focused = target == Some(id.as_str());
    let first = rows[0];
    let deprecated = rows.iter().find_map(|p| p.deprecated);
    let alias = rows.iter().find_map(|p| p.alias_of);
    html! {
        <article id={id} tabindex="-1" class={classes!("param-entry", focused.then_some("focused"))}
                 data-testid="catalog-param" data-name={name}>
            <div class="param-head">
                <a href={format!("#param={name}")} class="anchor mono pname">{ name }</a>
                <span class="plabel">{ first.label }</span>
                if let Some(d) = deprecated {
                    <span class="badge badge-warning" title={format!("Deprecated since {}; use {}", d.since, d.use_instead)}>{ "deprecated" }</span>
                }
                if let Some(a) = alias {
                    <span class="badge badge-info" title={format!("Legacy alias of {a}")}>{ format!("alias of {a}") }</span>
                }
            </div>
            <p class="param-desc">{ first.description }</p>
            if let Some(d) = deprecated {
                <p class="finding-hint">{ format!("Deprecated ({}): use {}.", d.since, d.use_instead) }</p>
            }
            <ul class="param-rows">
                { for rows.iter().map(|p| html! {
                    <li>
                        <span class="type mono">{ p.value_type.id() }</span>
                        <span class={classes!("chip", format!("presence-{}", presence_name(p.presence)))}>{ presence_name(p.presence) }</span>
                        <span class="chip">{ match p.api_version { ApiVersion::V2008 => "2008", ApiVersion::V2010 => "2010" } }</span>
                        { for p.kinds.iter().map(|k| html! { <a class="chip chip-kind mono" href={format!("#kind={k}")}>{ *k }</a> }) }
                        if let Some(vals) = enum_values(p) {
                            <span class="enum-inline">
                                { for vals.iter().map(|v| html! { <code>{ *v }</code> }) }
                            </span>
                        }
                    </li>
                }) }
            </ul>
        </article>
    }
}
