//! The compact inspector that documentation sites embed: the report (summary, signature
//! when there is one, findings, fields) of one input, without the page chrome, and a link
//! that opens the full inspector on the same input. The same components as the app, told
//! where they are by a [`Place`] (ids kept apart when several embeds share a page, links
//! out opening the full inspector in a new tab).

use std::rc::Rc;

use twilio_webhook_inspector::{inspect, Report};
use yew::prelude::*;

use super::fields::FieldsTable;
use super::findings::RequestFindings;
use super::response::{OverridesCard, ResponsePanel};
use super::signature::SignaturePanel;
use super::summary::Summary;
use super::{Place, ReportRc};
use crate::embed::{self, Start};
use crate::examples;
use crate::state::Action;
use crate::web;

/// Props of [`Embed`].
#[derive(Properties, PartialEq)]
pub struct EmbedProps {
    /// What the embed starts with.
    pub start: Start,
    /// A field to highlight.
    #[prop_or_default]
    pub param: Option<String>,
    /// Where it is rendered.
    pub place: Place,
}

#[component]
pub fn Embed(props: &EmbedProps) -> Html {
    let place = &props.place;
    let state = use_reducer(|| props.start.state.clone());
    let dispatch: Callback<Action> = {
        let d = state.dispatcher();
        Callback::from(move |a| d.dispatch(a))
    };
    let report: Rc<Report> = use_memo(
        (state.input.clone(), state.options()),
        |(input, options)| inspect(input, options),
    );

    // The link to the full inspector carries the inputs (never a token), compressed by the
    // browser: uncompressed until that is done.
    let packed = use_state(|| None::<String>);
    {
        let packed = packed.clone();
        let by_name = props.start.example_link.is_some() && state.input == props.start.state.input;
        use_effect_with(state.shared(), move |shared| {
            packed.set(None);
            if !by_name {
                let shared = shared.clone();
                yew::platform::spawn_local(async move {
                    packed.set(Some(web::share_fragment(&shared).await));
                });
            }
        });
    }
    let open = embed::open_link(
        &place.app,
        &props.start,
        &state,
        (*packed).as_deref(),
        props.param.as_deref(),
    );

    let r = ReportRc(report.clone());
    let signed = report.request.signature.is_some() || !state.signature.trim().is_empty();
    let demo_available = examples::demo_token_for(&state.input).is_some();
    // A response embedded alone shows only its panel (see the app's report view).
    let request = report.format != twilio_webhook_inspector::InputFormat::Response;
    html! {
        <div class="embed" data-testid="embed" data-kind={report.kind.id.id()}
             data-example={state.example.unwrap_or_default()}>
            <div class="embed-scroll">
                if let Some(id) = &props.start.unknown_example {
                    <p class="warn" data-testid="embed-unknown">{ format!("No example named {id}.") }</p>
                }
                if request {
                    <Summary report={r.clone()} place={place.clone()} />
                    if signed {
                        <SignaturePanel report={r.clone()} place={place.clone()} tokens={state.token_count()} demo_available={demo_available} on_action={dispatch.clone()} />
                    }
                }
                <ResponsePanel report={r.clone()} place={place.clone()} />
                <OverridesCard report={r.clone()} place={place.clone()} />
                if request {
                    <RequestFindings report={r.clone()} place={place.clone()} />
                    <FieldsTable report={r} place={place.clone()} input={state.input.clone()} show_raw={state.show_raw} on_action={dispatch} focus={props.param.clone()} />
                }
            </div>
            <footer class="embed-foot">
                <a class="embed-open" href={open} target="_blank" rel="noopener noreferrer" data-testid="embed-open">
                    { "Open in the full inspector ↗" }
                </a>
                <span class="muted">{ "Webhook Inspector for Twilio · runs in your browser, nothing is sent" }</span>
            </footer>
        </div>
    }
}
