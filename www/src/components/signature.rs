//! The signature panel: verdict, the candidate and token that matched, twilio-node vs
//! twilio-python, the doctor's diagnoses (each with the URL and string-to-sign of the variant
//! that matches), the string-to-sign with invisible characters shown, expected vs received,
//! and the `bodySHA256` check of JSON webhooks.

use yew::prelude::*;

use super::{finding_list, visible_escaped};
use crate::sigview::{sig_view, Verdict};
use crate::state::{Action, TOKEN_SLOTS};

/// Props of [`SignaturePanel`].
#[derive(Properties, PartialEq)]
pub struct SignaturePanelProps {
    /// The report.
    pub report: super::ReportRc,
    /// How many tokens were given.
    pub tokens: usize,
    /// The input is a demo example whose token can be filled in.
    pub demo_available: bool,
    /// User intent.
    pub on_action: Callback<Action>,
    /// Where it is rendered (an embed); the app leaves it out.
    #[prop_or_default]
    pub place: super::Place,
}

fn lib_verdict(name: &'static str, v: Option<bool>) -> Html {
    let (class, text) = match v {
        Some(true) => ("lib lib-ok", "accepts"),
        Some(false) => ("lib lib-bad", "rejects"),
        None => ("lib lib-na", "—"),
    };
    html! { <span class={class}><code>{ name }</code>{ " " }<strong>{ text }</strong></span> }
}

fn token_name(i: usize) -> String {
    TOKEN_SLOTS
        .get(i)
        .map_or_else(|| format!("token #{}", i + 1), |s| format!("{s} token"))
}

fn kv(label: &'static str, value: Html) -> Html {
    html! { <div class="kv"><span class="k">{ label }</span><span class="v">{ value }</span></div> }
}

#[component]
pub fn SignaturePanel(props: &SignaturePanelProps) -> Html {
    let place = &props.place;
    let r = &props.report;
    let v = sig_view(r);
    let class = match v.verdict {
        Verdict::Valid => "card signature sig-valid",
        Verdict::Invalid => "card signature sig-invalid",
        Verdict::NotChecked => "card signature sig-unchecked",
    };
    let use_demo = props.on_action.reform(|_: MouseEvent| Action::UseDemoToken);
    let mismatch = matches!((&v.expected, &v.received), (Some(e), Some(x)) if e != x);
    let why_not = (v.verdict == Verdict::NotChecked && v.findings.is_empty()).then(|| {
        match (r.request.signature.is_some(), props.tokens > 0) {
            (false, _) => "No X-Twilio-Signature in the input or the signature field.",
            (true, false) => "Add an auth token to check the signature.",
            (true, true) => "The full URL Twilio requested is needed to check the signature.",
        }
    });
    html! {
        <section class={class} aria-labelledby={place.id("sig-h")} data-testid="signature-panel" data-status={v.status.clone()}>
            <div class="sig-head">
                <span class="sig-dot" aria-hidden="true"></span>
                <h3 id={place.id("sig-h")} class="card-title" data-testid="sig-verdict">{ v.headline() }</h3>
                if props.demo_available && props.tokens == 0 {
                    <button type="button" class="btn btn-small" onclick={use_demo} data-testid="use-demo-token">
                        { "Try the demo token" }
                    </button>
                }
            </div>
            if let Some(w) = why_not {
                <p class="help">{ w }</p>
            }
            if let Some(m) = &v.matched {
                <p class="sig-matched" data-testid="sig-matched">
                    { "Matched " }<strong>{ m.candidate.clone().unwrap_or_else(|| "a candidate".into()) }</strong>
                    if let Some(i) = m.token_index {
                        { " with the " }<strong>{ token_name(i) }</strong>
                    }
                    if let Some(h) = &m.token_hint { <span class="muted">{ format!(" — {h}") }</span> }
                    if let Some(k) = &m.key_order { <span class="muted">{ format!("; {k}") }</span> }
                    { "." }
                </p>
            }
            if v.node_valid.is_some() || v.python_valid.is_some() {
                <p class="libs" data-testid="sig-libs">
                    { lib_verdict("twilio-node", v.node_valid) }
                    { lib_verdict("twilio-python", v.python_valid) }
                </p>
            }
            if let Some(d) = &v.disagreement {
                <p class="disagreement">{ d.clone() }</p>
            }
            if !v.diagnoses.is_empty() {
                <div class="diagnoses" data-testid="sig-diagnoses">
                    <h4>{ "Signature doctor" }</h4>
                    <ul>
                        { for v.diagnoses.iter().map(|d| html! {
                            <li data-code={d.code.clone().unwrap_or_default()}>
                                <p class="diag-msg">{ d.message.clone() }</p>
                                if let Some(h) = &d.hint { <p class="finding-hint">{ h.clone() }</p> }
                                if d.url.is_some() || d.string_to_sign.is_some() {
                                    <details class="diag-variant">
                                        <summary>{ "The variant that matches" }</summary>
                                        if let Some(u) = &d.url { { kv("URL", html! { <code>{ visible_escaped(u, false) }</code> }) } }
                                        if let Some(s) = &d.string_to_sign {
                                            <pre class="sts">{ visible_escaped(s, true) }</pre>
                                        }
                                        if let Some(s) = &d.signature { { kv("Signature", html! { <code>{ s.clone() }</code> }) } }
                                        if let Some(i) = d.token_index { { kv("Token", html! { { token_name(i) } }) } }
                                    </details>
                                }
                            </li>
                        }) }
                    </ul>
                </div>
            }
            if let Some(u) = v.matched.as_ref().and_then(|m| m.url.clone()) {
                { kv("URL signed", html! { <code>{ visible_escaped(&u, false) }</code> }) }
            }
            if let Some(m) = &v.mode {
                { kv("Signed", html! { { m.clone() } }) }
            }
            if let Some(sts) = &v.string_to_sign {
                <div class="sts-block">
                    <span class="k">{ "String to sign" }<span class="muted">{ " — spaces shown as ·, invisible characters named" }</span></span>
                    <pre class="sts" data-testid="sig-sts">{ visible_escaped(sts, true) }</pre>
                </div>
            }
            if v.expected.is_some() || v.received.is_some() {
                <div class="sig-compare">
                    if let Some(e) = &v.expected {
                        { kv("Expected", html! { <code data-testid="sig-expected">{ e.clone() }</code> }) }
                    }
                    if let Some(x) = &v.received {
                        { kv("Received", html! {
                            <code class={if mismatch { "mismatch" } else { "" }} data-testid="sig-received">{ visible_escaped(x, false) }</code>
                        }) }
                    }
                </div>
            }
            if let Some(b) = &v.body_hash {
                <div class="sig-compare" data-testid="sig-body-hash">
                    { kv("bodySHA256", html! { <code>{ b.in_url.clone().unwrap_or_else(|| "(not in the URL)".into()) }</code> }) }
                    { kv("Body SHA-256", html! {
                        <><code>{ b.expected.clone() }</code>{ if b.matches { " ✓ matches" } else { " ✗ differs" } }</>
                    }) }
                </div>
            }
            if !v.findings.is_empty() {
                { finding_list(&v.findings, false) }
            }
        </section>
    }
}
