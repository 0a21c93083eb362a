//! The panel's lists: the findings (each linked to its marker and to the explanation of its
//! Twilio error code), the URLs Twilio requests next, and what the predicted codes mean.

use twilio_webhook_inspector::response::ResponseReport;
use twilio_webhook_inspector::Finding;
use yew::prelude::*;

use super::super::{severity_badge, Place, ReportRc};
use super::{jump, jump_link};
use crate::display;
use crate::respview;

/// Props of [`ResponseFindings`].
#[derive(Properties, PartialEq)]
pub struct ResponseFindingsProps {
    /// The report (its `response` section).
    pub report: ReportRc,
    /// Where it is rendered.
    pub place: Place,
}

/// The answer's findings (the first [`respview::MAX_SHOWN`]), each with its position,
/// Twilio error code and finding code.
#[component]
pub fn ResponseFindings(props: &ResponseFindingsProps) -> Html {
    let place = &props.place;
    let Some(r) = props
        .report
        .response
        .as_ref()
        .filter(|r| !r.findings.is_empty())
    else {
        return html! {};
    };
    let jump = jump(place);
    html! {
        <>
            <h4 class="resp-sub">{ format!("Findings ({})", r.findings.len()) }</h4>
            <ul class="findings" data-testid="response-findings">
                { for r.findings.iter().enumerate().take(respview::MAX_SHOWN).map(|(i, f)| html! {
                    <li class={classes!("finding", display::severity_class(f.severity))} data-code={f.code.id()}
                        data-twilio={f.twilio_error_code.map(|c| c.to_string())}>
                        { severity_badge(f.severity) }
                        <div class="finding-body">
                            <p class="finding-msg">{ f.message.clone() }</p>
                            if let Some(h) = &f.hint { <p class="finding-hint">{ h.clone() }</p> }
                            { code_line(r, i, f, place, &jump) }
                        </div>
                    </li>
                }) }
            </ul>
            if r.findings.len() > respview::MAX_SHOWN {
                <p class="warn" data-testid="response-more">
                    { format!("…and {} more findings, not shown (Copy JSON has them all).", r.findings.len() - respview::MAX_SHOWN) }
                </p>
            }
        </>
    }
}

/// A finding's last line: its position (a link to its marker), its Twilio error code (a link
/// to the explanation when there is one) and its code.
fn code_line(
    r: &ResponseReport,
    i: usize,
    f: &Finding,
    place: &Place,
    jump: &Callback<MouseEvent>,
) -> Html {
    let pos = respview::position(f);
    html! {
        <p class="finding-code">
            if let Some(p) = &pos {
                { jump_link(place, jump, &respview::marker_id(i), html! { { p.clone() } }, "response-position",
                       format!("Show {p} in the body")) }
                { " · " }
            }
            if let Some(code) = f.twilio_error_code {
                if r.errors.iter().any(|e| e.code == code) {
                    { jump_link(place, jump, &respview::error_id(code), html! { { format!("Twilio error {code}") } }, "response-error-link",
                           format!("What Twilio error {code} means")) }
                } else {
                    <span>{ format!("Twilio error {code}") }</span>
                }
                { " · " }
            }
            <code>{ f.code.id() }</code>
        </p>
    }
}

/// The URLs in the answer: where each is, as written, and what Twilio requests.
pub fn urls_table(r: &ResponseReport) -> Html {
    html! {
        <>
            <h4 class="resp-sub">{ "Where Twilio goes next" }</h4>
            <div class="table-scroll" role="region" aria-label="URLs in the answer" tabindex="0">
                <table class="resp-table" data-testid="response-urls">
                    <thead><tr><th scope="col">{ "Line" }</th><th scope="col">{ "Where" }</th><th scope="col">{ "As written" }</th><th scope="col">{ "Twilio requests" }</th></tr></thead>
                    <tbody>
                        { for r.urls.iter().map(|u| html! {
                            <tr>
                                <td>{ u.line }</td>
                                <td class="mono">{ match &u.attribute { Some(a) => format!("<{}> {a}", u.element), None => format!("<{}>", u.element) } }</td>
                                <td class="mono">{ u.raw.clone() }</td>
                                <td class="mono">{ u.resolved.clone().unwrap_or_else(|| "—".into()) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </>
    }
}

/// What each predicted Twilio error code means, its typical causes and Twilio's page.
pub fn explanations(r: &ResponseReport, place: &Place) -> Html {
    html! {
        <div class="resp-errors" data-testid="response-errors">
            <h4 class="resp-sub">{ "What the codes mean" }</h4>
            { for r.errors.iter().map(|e| html! {
                <article class="resp-err" id={place.id(&respview::error_id(e.code))} tabindex="-1"
                         data-testid="response-explanation" data-code={e.code.to_string()}>
                    <h5 class="resp-err-title"><span class="mono">{ e.code }</span>{ format!(" — {}", e.name) }</h5>
                    <p>{ e.meaning.to_string() }</p>
                    if !e.causes.is_empty() {
                        <p class="muted small">{ "Typical causes:" }</p>
                        <ul class="resp-causes">
                            { for e.causes.iter().map(|c| html! { <li>{ c.to_string() }</li> }) }
                        </ul>
                    }
                    if display::is_web_url(&e.source) {
                        <a href={e.source.to_string()} target="_blank" rel="noreferrer noopener" class="small">
                            { format!("Twilio's page for {} ↗", e.code) }
                        </a>
                    }
                </article>
            }) }
        </div>
    }
}
