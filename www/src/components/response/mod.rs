//! The Response panel: would Twilio accept the server's answer? The core's verdict in one
//! line, the predicted Debugger codes, the body numbered with a text marker under each
//! finding's position, every finding linked to its marker and to the explanation of its
//! Twilio error code, the URLs Twilio will request next, and the connection overrides of
//! the webhook URL. Everything comes from the report's `response` section (the core's
//! `inspect_response`, run by `inspect` on the same paste); [`crate::respview`] lays the
//! body out.

use twilio_webhook_inspector::response::{connection_overrides, ConnectionOverrides};
use twilio_webhook_inspector::InputFormat;
use wasm_bindgen::JsCast;
use yew::prelude::*;

mod body;
mod lists;

use body::ResponseBody;
use lists::{explanations, urls_table, ResponseFindings};

use super::Place;
use crate::respview;
use crate::web;

/// Props of [`ResponsePanel`].
#[derive(Properties, PartialEq)]
pub struct ResponsePanelProps {
    /// The report (the panel shows its `response` section, and nothing without one).
    pub report: super::ReportRc,
    /// Where it is rendered (an embed); the app leaves it out.
    #[prop_or_default]
    pub place: Place,
}

/// Moves to the element a panel link points at (a marker, an explanation) without touching
/// the location fragment, which the app's router and the embeds' host pages own. The target
/// is looked up inside the panel, so it is found in an embed's shadow root too.
fn jump(place: &Place) -> Callback<MouseEvent> {
    let embedded = place.embedded;
    Callback::from(move |e: MouseEvent| {
        // Yew delegates events to its root: the link is found from the target (which may
        // be a child of the link), not from `current_target`.
        let Some(link) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest("[data-jump]").ok().flatten())
        else {
            return;
        };
        let Some(id) = link.get_attribute("data-jump") else {
            return;
        };
        let target = link
            .closest("[data-testid=response]")
            .ok()
            .flatten()
            .and_then(|panel| panel.query_selector(&format!("#{id}")).ok().flatten())
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(el) = target {
            e.prevent_default();
            web::reveal(&el, embedded);
            // The reader asked for it: the focus follows (inside the embed, in an embed).
            let _ = el.focus();
        }
    })
}

/// A link inside the panel to the element `id` (a marker, an explanation), moved to by
/// `jump` without touching the location fragment.
fn jump_link(
    place: &Place,
    jump: &Callback<MouseEvent>,
    id: &str,
    text: Html,
    testid: &'static str,
    label: String,
) -> Html {
    let full = place.id(id);
    html! {
        <a href={format!("#{full}")} data-jump={full} onclick={jump.clone()} data-testid={testid} aria-label={label}>{ text }</a>
    }
}

/// The connection overrides of a webhook URL: every override with the value in force, and
/// the worst-case wait. `heading` is the heading level's tag (`h3` alone, `h4` in the panel).
pub fn overrides_view(o: &ConnectionOverrides, place: &Place, heading: &'static str) -> Html {
    let title_id = place.id("resp-overrides-h");
    html! {
        <div class="resp-overrides" data-testid="connection-overrides" aria-labelledby={title_id.clone()} role="group">
            <@{heading} id={title_id} class="resp-sub">{ "Connection overrides" }</@>
            <p class="help">
                { format!("From the URL's fragment #{}. ", o.fragment) }
                { respview::overrides_summary(o) }
                { " The fragment is never sent to your server, and it is not part of the URL Twilio signs." }
            </p>
            <div class="table-scroll" role="region" aria-label="Connection overrides" tabindex="0">
                <table class="resp-table">
                    <thead>
                        <tr><th scope="col">{ "Key" }</th><th scope="col">{ "Sets" }</th><th scope="col">{ "Given" }</th><th scope="col">{ "In force" }</th></tr>
                    </thead>
                    <tbody>
                        { for o.values.iter().map(|v| html! {
                            <tr class={classes!((!v.valid).then_some("sev-warning"))} data-key={v.key.clone()} data-valid={v.valid.to_string()}>
                                <th scope="row"><code>{ v.key.clone() }</code></th>
                                <td>{ v.name.clone() }</td>
                                <td class="mono">
                                    { v.given.clone().unwrap_or_else(|| "—".into()) }
                                    if !v.valid { { " " }<span class="badge badge-warning">{ "out of range" }</span> }
                                </td>
                                <td class="mono">
                                    { v.effective.clone() }
                                    if v.given.is_none() || !v.valid { <span class="muted">{ " (default)" }</span> }
                                </td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            if !o.unknown.is_empty() {
                <p class="warn">{ format!("Not overrides (ignored by Twilio): {}", o.unknown.join(", ")) }</p>
            }
        </div>
    }
}

/// Props of [`OverridesCard`].
#[derive(Properties, PartialEq)]
pub struct OverridesCardProps {
    /// The report (its request URL is read).
    pub report: super::ReportRc,
    /// Where it is rendered.
    #[prop_or_default]
    pub place: Place,
}

/// The connection overrides of the request URL, on their own: for a request pasted without
/// its answer (with an answer they are part of [`ResponsePanel`]).
#[component]
pub fn OverridesCard(props: &OverridesCardProps) -> Html {
    let r = &props.report;
    if r.response.is_some() {
        return html! {};
    }
    let Some(o) = r.request.url.as_deref().and_then(connection_overrides) else {
        return html! {};
    };
    html! {
        <section class="card">{ overrides_view(&o, &props.place, "h3") }</section>
    }
}

#[component]
pub fn ResponsePanel(props: &ResponsePanelProps) -> Html {
    let place = &props.place;
    let report = &props.report;
    let Some(r) = &report.response else {
        return html! {};
    };
    let jump = jump(place);
    let forced = report.kind.overridden;
    let alone = report.format == InputFormat::Response;
    let state = if r.accepted { "resp-ok" } else { "resp-bad" };

    html! {
        <section class={classes!("card", "response-card", state)} aria-labelledby={place.id("resp-h")}
                 data-testid="response" data-accepted={r.accepted.to_string()}>
            <div class="card-head">
                <h3 id={place.id("resp-h")} class="card-title">{ "Your server's answer" }</h3>
                if r.document != twilio_webhook_inspector::response::DocumentType::Auto {
                    <span class="chip" data-testid="response-document">{ respview::document_name(r.document) }</span>
                }
            </div>
            <p class="resp-verdict" data-testid="response-verdict">
                <span class="resp-icon" aria-hidden="true">{ if r.accepted { "✓" } else { "✕" } }</span>
                <span>{ r.verdict.clone() }</span>
            </p>
            if !r.errors.is_empty() {
                <p class="resp-codes" data-testid="response-codes">
                    { "Predicted in the Debugger: " }
                    { for r.errors.iter().enumerate().map(|(i, e)| html! {
                        <>
                            if i > 0 { { ", " } }
                            { jump_link(place, &jump, &respview::error_id(e.code), html! { <><strong>{ e.code }</strong>{ format!(" {}", e.name) }</> },
                                   "response-code", format!("Twilio error {}, {}: what it means", e.code, e.name)) }
                        </>
                    }) }
                </p>
            }
            <dl class="facts resp-facts">
                <div class="fact-wide">
                    <dt>{ "Read as" }</dt>
                    <dd data-testid="response-input-kind">{ respview::input_kind_name(r.input_kind) }</dd>
                </div>
                if let Some(s) = respview::status_text(r) {
                    <div><dt>{ "Status" }</dt><dd class="mono">{ s }</dd></div>
                }
                if r.input_kind != twilio_webhook_inspector::response::ResponseInputKind::Twiml {
                    <div><dt>{ "Content-Type" }</dt><dd class="mono">{ r.content_type.clone().unwrap_or_else(|| "none".into()) }</dd></div>
                }
                <div class="fact-wide">
                    <dt>{ "Answers" }</dt>
                    <dd data-testid="response-context">
                        if let Some(c) = respview::context(r, forced) {
                            <code>{ c }</code>
                        } else if alone {
                            { "a request of unknown kind. Choose the request's kind under Kind to check the answer in its context." }
                        } else {
                            { "a request of unknown kind." }
                        }
                    </dd>
                </div>
            </dl>
            <ResponseBody report={report.clone()} place={place.clone()} />
            <ResponseFindings report={report.clone()} place={place.clone()} />
            if !r.urls.is_empty() {
                { urls_table(r) }
            }
            if !r.errors.is_empty() {
                { explanations(r, place) }
            }
            if let Some(o) = &r.connection_overrides {
                { overrides_view(o, place, "h4") }
            }
        </section>
    }
}
