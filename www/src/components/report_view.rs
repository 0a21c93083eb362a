//! The report column: actions (share, copy), summary, signature, findings, media, fields.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::fields::FieldsTable;
use super::findings::RequestFindings;
use super::response::{OverridesCard, ResponsePanel};
use super::signature::SignaturePanel;
use super::summary::Summary;
use super::Copy;
use crate::display;
use crate::examples;
use crate::offload;
use crate::redact::ShareLink;
use crate::state::Action;

/// Props of [`ReportView`].
#[derive(Properties, PartialEq)]
pub struct ReportViewProps {
    /// The report.
    pub report: super::ReportRc,
    /// The pasted text (for the raw view).
    pub input: String,
    /// Show the raw text beside the fields.
    pub show_raw: bool,
    /// How many tokens were given.
    pub tokens: usize,
    /// Redaction checkbox.
    pub redact: bool,
    /// The share panel is open.
    pub share_open: bool,
    /// The share link, once computed.
    pub share: Option<ShareLink>,
    /// User intent.
    pub on_action: Callback<Action>,
    /// Clipboard requests.
    pub on_copy: Callback<Copy>,
    /// A field to scroll to and highlight (a deep link's `param`).
    #[prop_or_default]
    pub focus: Option<String>,
    /// Fields of the report left out of `report` (a large paste inspected in the worker).
    #[prop_or_default]
    pub omitted_fields: usize,
    /// The size of a paste the worker is inspecting now (the report is then empty).
    #[prop_or_default]
    pub pending: Option<usize>,
    /// Why the worker could not inspect the paste (the page did it instead).
    #[prop_or_default]
    pub failure: Option<AttrValue>,
}

#[component]
pub fn ReportView(props: &ReportViewProps) -> Html {
    let r = &props.report;
    let act = &props.on_action;
    let copy = |what: Copy| props.on_copy.reform(move |_: MouseEvent| what);
    let on_share = act.reform(|_: MouseEvent| Action::ToggleShare);
    let on_redact = act.reform(|e: Event| {
        Action::SetRedact(e.target_unchecked_into::<HtmlInputElement>().checked())
    });
    let select_all =
        Callback::from(|e: FocusEvent| e.target_unchecked_into::<HtmlInputElement>().select());
    let demo_available = examples::demo_token_for(&props.input).is_some();
    let media = display::media(r);
    // A response pasted alone has no request to report on: only its panel is shown.
    let request = r.format != twilio_webhook_inspector::InputFormat::Response;

    html! {
        <section class="report" aria-labelledby="report-h" id="report" data-testid="report">
            <h2 id="report-h" class="sr-only">{ "Report" }</h2>
            if let Some(bytes) = props.pending {
                <div class="inspect-progress" role="status" aria-live="polite" data-testid="inspect-progress">
                    <progress aria-label="Inspecting the paste"></progress>
                    <span>{ format!(
                        "Inspecting {} in the background: keep typing or scrolling, the report appears here when it is ready.",
                        offload::size_text(bytes)
                    ) }</span>
                </div>
            }
            if let Some(why) = &props.failure {
                <p class="help warn" data-testid="inspect-fallback">{ format!("Inspected in the page: the background worker could not ({why}).") }</p>
            }
            <div class="toolbar" role="toolbar" aria-label="Share and export">
                <button type="button" class={classes!("btn", props.share_open.then_some("btn-active"))}
                        onclick={on_share} aria-expanded={props.share_open.to_string()} aria-controls="share-panel"
                        data-testid="share">
                    { "Share link" }
                </button>
                <button type="button" class="btn" onclick={copy(Copy::Json)} data-testid="copy-json">{ "Copy JSON" }</button>
                <button type="button" class="btn" onclick={copy(Copy::Curl)} data-testid="copy-curl"
                        title="The request as a curl command. Never includes a token.">{ "Copy as curl" }</button>
                <label class="check">
                    <input type="checkbox" checked={props.redact} onchange={on_redact} data-testid="redact" />
                    { "Redact phone numbers and bodies in links" }
                </label>
            </div>
            if props.share_open {
                <div id="share-panel" class="share-panel" data-testid="share-panel">
                    <label for="share-url">{ "Permalink — the input lives in the #fragment, which browsers never send to a server. Tokens are never included." }</label>
                    <div class="share-row">
                        <input id="share-url" class="input mono" readonly=true onfocus={select_all}
                               value={props.share.as_ref().map(|s| s.url.clone()).unwrap_or_default()}
                               placeholder="Compressing…" data-testid="share-url" />
                        <button type="button" class="btn btn-primary" onclick={copy(Copy::Link)} data-testid="copy-link"
                                disabled={props.share.is_none()}>{ "Copy" }</button>
                    </div>
                    if let Some(share) = &props.share {
                        if let Some(red) = &share.redaction {
                            <p class="help">
                                { format!("Redacted {} value{} (phone numbers keep their country code).", red.replaced, if red.replaced == 1 { "" } else { "s" }) }
                                if !red.leftovers.is_empty() {
                                    <span class="warn">{ format!(" Could not redact everywhere: {}. Check before sharing.", red.leftovers.join(", ")) }</span>
                                }
                            </p>
                        }
                        <p class="help">{ format!("{} characters.", share.url.len()) }</p>
                    }
                </div>
            }
            if request { <Summary report={r.clone()} omitted_fields={props.omitted_fields} /> }
            if request { <SignaturePanel report={r.clone()} tokens={props.tokens} demo_available={demo_available} on_action={act.clone()} /> }
            <ResponsePanel report={r.clone()} />
            <OverridesCard report={r.clone()} />
            if request { <RequestFindings report={r.clone()} /> }
            if request && !media.is_empty() {
                <section class="card" aria-labelledby="media-h" data-testid="media">
                    <h3 id="media-h" class="card-title">{ format!("Media ({})", media.len()) }</h3>
                    <p class="help">{ "Links only — the inspector never fetches or previews media." }</p>
                    <ul class="media-list">
                        { for media.iter().map(|m| html! {
                            <li>
                                <span class="media-index">{ format!("#{}", m.index) }</span>
                                if display::is_web_url(&m.url) {
                                    <a href={m.url.clone()} target="_blank" rel="noreferrer noopener" class="mono">{ m.url.clone() }</a>
                                } else {
                                    <code>{ m.url.clone() }</code>
                                }
                                <span class="chip">{ m.content_type.clone().unwrap_or_else(|| "no content type".into()) }</span>
                            </li>
                        }) }
                    </ul>
                </section>
            }
            if request { <FieldsTable report={r.clone()} omitted_fields={props.omitted_fields} input={props.input.clone()} show_raw={props.show_raw} on_action={act.clone()} focus={props.focus.clone()} /> }
        </section>
    }
}
