//! Request-level findings: missing parameters first, then the rest by severity.

use twilio_webhook_inspector::{catalog, Finding};
use yew::prelude::*;

use crate::display;

/// Props of [`RequestFindings`].
#[derive(Properties, PartialEq)]
pub struct RequestFindingsProps {
    /// The report.
    pub report: super::ReportRc,
    /// Where it is rendered (an embed); the app leaves it out.
    #[prop_or_default]
    pub place: super::Place,
}

#[component]
pub fn RequestFindings(props: &RequestFindingsProps) -> Html {
    let place = &props.place;
    let r = &props.report;
    let (missing, mut rest): (Vec<Finding>, Vec<Finding>) = r
        .findings
        .iter()
        .filter(|f| !display::is_signature_finding(f))
        .cloned()
        .partition(display::is_missing_finding);
    rest.sort_by_key(|f| std::cmp::Reverse(f.severity));
    if missing.is_empty() && rest.is_empty() {
        return html! {};
    }
    html! {
        <section class="card" aria-labelledby={place.id("findings-h")} data-testid="request-findings">
            <h3 id={place.id("findings-h")} class="card-title">{ "Request findings" }</h3>
            if !missing.is_empty() {
                <div class="missing" data-testid="missing">
                    <h4>{ "Missing parameters" }</h4>
                    <ul class="missing-list">
                        { for missing.iter().map(|f| {
                            let spec = f.param.as_deref().and_then(|p| catalog::param_for_kind(&r.kind.id, p));
                            html! {
                                <li class={classes!(display::severity_class(f.severity))}>
                                    <span class="badge badge-missing">{ "missing" }</span>
                                    if let Some(p) = &f.param {
                                        <a class="mono" href={place.href(&format!("param={p}"))} target={place.target()} rel={place.rel()}>{ p.clone() }</a>
                                    }
                                    if let Some(s) = spec { <span class="muted">{ format!(" — {}", s.label) }</span> }
                                    <p class="finding-msg">{ f.message.clone() }</p>
                                    if let Some(h) = &f.hint { <p class="finding-hint">{ h.clone() }</p> }
                                </li>
                            }
                        }) }
                    </ul>
                </div>
            }
            if !rest.is_empty() {
                { super::finding_list(&rest, true) }
            }
        </section>
    }
}
