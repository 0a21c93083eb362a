//! The compare page: two captures side by side, the core's diff highlighted — fields added,
//! removed, changed (the differing characters marked), reordered or repeated; kind, API
//! version, format, method and URL differences; and the one sentence on which difference
//! breaks one signature and not the other.

mod table;

use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::share_panel::{share_buttons, share_panel, ShareControls};
use super::Copy;
use crate::compare::{self, Edit, Pair, Side};
use crate::redact::ShareLink;
use crate::share::Shared;
use crate::state::Action;
use table::{ComparedRc, FieldDiffs, SignatureSummary};

/// Props of [`ComparePage`].
#[derive(Properties, PartialEq)]
pub struct ComparePageProps {
    /// The two captures.
    pub pair: Pair,
    /// The auth tokens of this tab (memory only), tried on both sides.
    pub tokens: Vec<String>,
    /// The primary token slot, as typed.
    pub token: String,
    /// The share panel is open.
    pub share_open: bool,
    /// Redaction checkbox.
    pub redact: bool,
    /// The share link, once computed.
    pub share: Option<ShareLink>,
    /// User intent.
    pub on_action: Callback<Action>,
    /// Clipboard requests.
    pub on_copy: Callback<Copy>,
}

#[component]
pub fn ComparePage(props: &ComparePageProps) -> Html {
    let act = &props.on_action;
    let compared = use_memo((props.pair.clone(), props.tokens.clone()), |(p, t)| {
        compare::compare(p, t)
    });
    let controls = ShareControls {
        open: props.share_open,
        redact: props.redact,
        link: props.share.as_ref(),
        what: "comparison",
        on_action: act,
        on_copy: &props.on_copy,
    };
    let on_token = act.reform(|e: InputEvent| {
        Action::SetToken(0, e.target_unchecked_into::<HtmlInputElement>().value())
    });
    let on_swap = act.reform(|_: MouseEvent| Action::EditPair(Side::A, Edit::Swap));

    html! {
        <div class="compare-page" data-testid="compare">
            <div class="page-head">
                <h1>{ "Compare two captures" }</h1>
                <p class="muted">
                    { "Paste two requests — or pick two marks on a timeline — to see every field that differs, and which difference breaks one signature and not the other. Nothing leaves this page." }
                </p>
            </div>
            <div class="cmp-inputs">
                <CompareSide side={Side::A} shared={props.pair.side(Side::A).clone()} on_action={act.clone()} />
                <CompareSide side={Side::B} shared={props.pair.side(Side::B).clone()} on_action={act.clone()} />
            </div>
            <div class="toolbar cmp-toolbar" role="toolbar" aria-label="Comparison">
                <button type="button" class="btn" onclick={on_swap} data-testid="cmp-swap">{ "Swap A and B" }</button>
                <div class="field cmp-token">
                    <label for="cmp-token">{ "Auth token (tried on both; never stored or shared)" }</label>
                    <input id="cmp-token" type="password" class="input mono" value={props.token.clone()} oninput={on_token}
                           autocomplete="off" spellcheck="false" data-lpignore="true" data-testid="cmp-token" />
                </div>
                { share_buttons(&controls) }
            </div>
            { share_panel(&controls) }
            if props.pair.is_empty() {
                <p class="muted" data-testid="cmp-empty">{ "Paste a request on each side." }</p>
            } else {
                <SignatureSummary compared={ComparedRc(compared.clone())} />
                <FieldDiffs compared={ComparedRc(compared)} />
            }
        </div>
    }
}

/// Props of [`CompareSide`].
#[derive(Properties, PartialEq)]
pub struct CompareSideProps {
    /// Which side.
    pub side: Side,
    /// Its inputs.
    pub shared: Shared,
    /// User intent.
    pub on_action: Callback<Action>,
}

/// One side's inputs: the pasted request, the URL Twilio requested, the signature.
#[component]
pub fn CompareSide(props: &CompareSideProps) -> Html {
    let (side, s, act) = (props.side, &props.shared, &props.on_action);
    let id = side.id();
    let on_input = act.reform(move |e: InputEvent| {
        Action::EditPair(
            side,
            Edit::Input(e.target_unchecked_into::<HtmlTextAreaElement>().value()),
        )
    });
    let on_url = act.reform(move |e: InputEvent| {
        Action::EditPair(
            side,
            Edit::Url(e.target_unchecked_into::<HtmlInputElement>().value()),
        )
    });
    let on_sig = act.reform(move |e: InputEvent| {
        Action::EditPair(
            side,
            Edit::Signature(e.target_unchecked_into::<HtmlInputElement>().value()),
        )
    });
    html! {
        <section class={classes!("panel", "cmp-side", format!("cmp-side-{id}"))} aria-labelledby={format!("cmp-{id}-h")}>
            <h2 id={format!("cmp-{id}-h")} class="panel-title">{ format!("Capture {}", side.name()) }</h2>
            <div class="field">
                <label for={format!("cmp-input-{id}")}>{ format!("Request {}", side.name()) }</label>
                <textarea id={format!("cmp-input-{id}")} class="input mono paste cmp-paste" rows="8" spellcheck="false"
                          autocomplete="off" autocapitalize="off" value={s.input.clone()} oninput={on_input}
                          placeholder="A form body, raw HTTP request, URL, curl command or JSON"
                          data-testid={format!("cmp-input-{id}")} />
            </div>
            <div class="field">
                <label for={format!("cmp-url-{id}")}>{ "URL Twilio requested" }</label>
                <input id={format!("cmp-url-{id}")} type="url" class="input mono" value={s.url.clone().unwrap_or_default()}
                       oninput={on_url} autocomplete="off" spellcheck="false" data-testid={format!("cmp-url-{id}")} />
            </div>
            <div class="field">
                <label for={format!("cmp-sig-{id}")}>{ "X-Twilio-Signature" }</label>
                <input id={format!("cmp-sig-{id}")} type="text" class="input mono" value={s.signature.clone().unwrap_or_default()}
                       oninput={on_sig} autocomplete="off" spellcheck="false" data-testid={format!("cmp-sig-{id}")} />
            </div>
        </section>
    }
}
