//! The answer's body, numbered, with a text marker under each finding's position (laid out
//! by [`crate::respview`]).

use twilio_webhook_inspector::Severity;
use yew::prelude::*;

use super::super::{Place, ReportRc};
use crate::display;
use crate::respview::{self, Row};

/// Props of [`ResponseBody`].
#[derive(Properties, PartialEq)]
pub struct ResponseBodyProps {
    /// The report (its `response` section).
    pub report: ReportRc,
    /// Where it is rendered.
    pub place: Place,
}

/// The body's lines, markers and elided stretches; or that it is empty.
#[component]
pub fn ResponseBody(props: &ResponseBodyProps) -> Html {
    let place = &props.place;
    let Some(r) = &props.report.response else {
        return html! {};
    };
    let rows = respview::rows(&r.body, &r.findings);
    if rows.is_empty() {
        return html! { <p class="muted" data-testid="response-empty">{ "The body is empty." }</p> };
    }
    html! {
        <>
            <h4 class="resp-sub" id={place.id("resp-body-h")}>{ "Body" }</h4>
            <div class="tw-code" role="region" aria-labelledby={place.id("resp-body-h")} tabindex="0" data-testid="response-body">
                { for rows.iter().map(|row| match row {
                    Row::Line(l) => {
                        let sev = l.worst.map(display::severity_class);
                        html! {
                            <div class={classes!("tw-line", sev, l.worst.is_some().then_some("tw-flagged"))} data-line={l.n.to_string()}>
                                <span class="tw-ln">{ l.n }</span>
                                <span class="tw-glyph" aria-hidden="true">{ glyph(l.worst) }</span>
                                <code class="tw-src">
                                    if l.hidden_before > 0 { <span class="tw-clip">{ format!("…{} characters… ", l.hidden_before) }</span> }
                                    { l.text.clone() }
                                    if l.hidden_after > 0 { <span class="tw-clip">{ format!(" …{} characters…", l.hidden_after) }</span> }
                                </code>
                            </div>
                        }
                    }
                    Row::Marker(m) => marker(m, &r.findings[m.finding], place),
                    Row::Gap { from, to } => html! {
                        <div class="tw-gap">
                            <span class="tw-ln" aria-hidden="true">{ "⋮" }</span>
                            <span class="muted">{ format!("lines {from}–{to} not shown") }</span>
                        </div>
                    },
                }) }
            </div>
        </>
    }
}

/// The marker under a finding's position: a caret at its column (or an arrow when the line
/// was cut), its severity and message; the panel's links move the focus here.
fn marker(m: &respview::Marker, f: &twilio_webhook_inspector::Finding, place: &Place) -> Html {
    let what = match f.twilio_error_code {
        Some(c) => format!("{} {c}", f.severity.name()),
        None => f.severity.name().to_string(),
    };
    html! {
        <div class={classes!("tw-mark", display::severity_class(f.severity))} id={place.id(&respview::marker_id(m.finding))}
             tabindex="-1" data-testid="response-marker" data-line={m.line.to_string()} data-column={m.column.to_string()}>
            <span class="tw-ln"></span>
            <span class="tw-glyph" aria-hidden="true"></span>
            <code class="tw-src">
                if let Some(pad) = &m.pad {
                    <span aria-hidden="true">{ pad.clone() }</span><span class="tw-caret" aria-hidden="true">{ "^ " }</span>
                } else {
                    <span class="tw-caret" aria-hidden="true">{ "→ " }</span>
                }
                <span class="tw-note">
                    <span class="sr-only">{ format!("Line {}, column {}: ", m.line, m.column) }</span>
                    <strong>{ what }</strong>{ " " }{ f.message.clone() }
                </span>
            </code>
        </div>
    }
}

/// The gutter's text mark of a line's most serious finding (colour is not the only sign).
fn glyph(s: Option<Severity>) -> &'static str {
    match s {
        Some(Severity::Error) => "✕",
        Some(Severity::Warning) => "!",
        Some(Severity::Info) => "i",
        None => "",
    }
}
