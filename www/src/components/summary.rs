//! The summary card: kind with its reasons and runner-up, format, API version, request line,
//! and the finding counts.

use twilio_webhook_inspector::catalog;
use yew::prelude::*;

use crate::display;

/// Props of [`Summary`].
#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    /// The report.
    pub report: super::ReportRc,
    /// Where it is rendered (an embed); the app leaves it out.
    #[prop_or_default]
    pub place: super::Place,
    /// Fields of the report left out of `report` (counted all the same).
    #[prop_or_default]
    pub omitted_fields: usize,
}

#[component]
pub fn Summary(props: &SummaryProps) -> Html {
    let place = &props.place;
    let r = &props.report;
    let k = &r.kind;
    let c = r.counts;
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let summary_text = catalog::kind(&k.id)
        .map(|s| s.summary)
        .filter(|s| !s.is_empty());
    let unknown = k.id == "unknown";
    let mut reasons: Vec<&str> = Vec::new();
    for x in &k.reasons {
        if !reasons.contains(&x.as_str()) {
            reasons.push(x);
        }
    }
    html! {
        <section class="card summary" aria-labelledby={place.id("kind-h")} data-testid="summary">
            <div class="summary-top">
                <div class="kind-block">
                    <p class="eyebrow">{ if k.overridden { "Kind (forced)" } else { "Detected kind" } }</p>
                    <h3 id={place.id("kind-h")} class={classes!("kind-title", unknown.then_some("kind-unknown"))} data-testid="kind-title">{ k.title.clone() }</h3>
                    <a class="kind-id mono" href={place.href(&format!("kind={}", k.id))} target={place.target()} rel={place.rel()} data-testid="kind-id"
                       title="Show this kind in the catalog">{ k.id.id() }</a>
                </div>
                <div class="confidence" title="How sure the detector is">
                    <span class="confidence-num">{ format!("{}%", k.confidence) }</span>
                    <meter min="0" max="100" low="40" high="75" optimum="100" value={k.confidence.to_string()}
                           aria-label="Detection confidence" />
                    <span class="muted">{ "confidence" }</span>
                </div>
            </div>
            if let Some(s) = summary_text {
                <p class="kind-summary">{ s }</p>
            }
            if !reasons.is_empty() {
                <ul class="reasons" aria-label="Why this kind">
                    { for reasons.iter().map(|x| html! { <li>{ x.to_string() }</li> }) }
                </ul>
            }
            if let Some(ru) = &k.runner_up {
                <p class="runner-up">{ "Runner-up: " }
                    <a href={place.href(&format!("kind={}", ru.id))} target={place.target()} rel={place.rel()} class="mono">{ ru.id.id() }</a>
                    { format!(" ({}%)", ru.confidence) }
                </p>
            }
            <dl class="facts">
                <div>
                    <dt>{ "Format" }</dt>
                    <dd data-testid="format-id" data-format={r.format.id()}>
                        { display::format_name(r.format.id()) }
                        <span class="muted">{ if r.format_overridden { " (forced)" } else { " (detected)" } }</span>
                    </dd>
                </div>
                <div>
                    <dt>{ "API version" }</dt>
                    <dd data-testid="api-version">{ r.api_version.map_or("—", |a| a.as_str()) }</dd>
                </div>
                <div>
                    <dt>{ "Fields" }</dt>
                    <dd data-testid="field-count">{ r.fields.len() + props.omitted_fields }</dd>
                </div>
                if let Some(m) = &r.request.method {
                    <div class="fact-wide">
                        <dt>{ "Request" }</dt>
                        <dd class="mono request-line">
                            <span class="method">{ m.clone() }</span>{ " " }
                            { r.request.url.clone().or_else(|| r.request.path.clone()).unwrap_or_default() }
                        </dd>
                    </div>
                }
            </dl>
            <div class="counts" data-testid="counts" aria-label="Findings by severity">
                <span class={classes!("count", "sev-error", (c.error == 0).then_some("zero"))} data-testid="count-error">
                    { plural(c.error, "error", "errors") }
                </span>
                <span class={classes!("count", "sev-warning", (c.warning == 0).then_some("zero"))} data-testid="count-warning">
                    { plural(c.warning, "warning", "warnings") }
                </span>
                <span class={classes!("count", "sev-info", (c.info == 0).then_some("zero"))} data-testid="count-info">
                    { plural(c.info, "note", "notes") }
                </span>
            </div>
        </section>
    }
}
