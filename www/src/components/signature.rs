//! The signature panel: verdict, the candidate and token that matched, twilio-node vs
//! twilio-python, the doctor's diagnoses, the string-to-sign with invisible characters shown,
//! and expected vs received.

use std::rc::Rc;

use twilio_webhook_inspector::Report;
use yew::prelude::*;

use crate::sigview::{sig_view, Verdict};
use crate::state::{Action, TOKEN_SLOTS};

/// Props of [`SignaturePanel`].
#[derive(Properties, PartialEq)]
pub struct SignaturePanelProps {
    /// The report.
    pub report: Rc<Report>,
    /// How many tokens were given.
    pub tokens: usize,
    /// The input is a demo example whose token can be filled in.
    pub demo_available: bool,
    /// User intent.
    pub on_action: Callback<Action>,
}

fn lib_verdict(name: &str, v: Option<bool>) -> Html {
    let (class, text) = match v {
        Some(true) => ("lib-ok", "accepts"),
        Some(false) => ("lib-bad", "rejects"),
        None => ("lib-na", "—"),
    };
    html! { <span class={classes!("lib", class)}><code>{ name.to_string() }</code>{ " " }<strong>{ text }</strong></span> }
}

#[component]
pub fn SignaturePanel(props: &SignaturePanelProps) -> Html {
    let r = &props.report;
    let v = sig_view(r);
    let (class, headline) = match v.verdict {
        Verdict::Valid => ("sig-valid", "Signature valid"),
        Verdict::Invalid => ("sig-invalid", "Signature does not match"),
        Verdict::NotChecked => ("sig-unchecked", "Signature not checked"),
    };
    let use_demo = props.on_action.reform(|_: MouseEvent| Action::UseDemoToken);
    let token_name = v
        .token_index
        .and_then(|i| TOKEN_SLOTS.get(i).map(|s| s.to_string()))
        .or(v.token_label.clone());
    let mismatch = match (&v.expected, &v.received) {
        (Some(e), Some(r)) => e != r,
        _ => false,
    };
    let why_not = if v.verdict == Verdict::NotChecked && v.findings.is_empty() {
        Some(match (r.request.signature.is_some(), props.tokens > 0) {
            (false, _) => "No X-Twilio-Signature in the input or the signature field.",
            (true, false) => "Add an auth token to check the signature.",
            (true, true) => "The URL Twilio requested is needed to check the signature.",
        })
    } else {
        None
    };
    html! {
        <section class={classes!("card", "signature", class)} aria-labelledby="sig-h" data-testid="signature-panel">
            <div class="sig-head">
                <span class="sig-dot" aria-hidden="true"></span>
                <h3 id="sig-h" class="card-title" data-testid="sig-verdict" data-verdict={v.status.clone()}>{ headline }</h3>
                if props.demo_available && props.tokens == 0 {
                    <button type="button" class="btn btn-small" onclick={use_demo} data-testid="use-demo-token">
                        { "Try the demo token" }
                    </button>
                }
            </div>
            if let Some(w) = why_not {
                <p class="help">{ w }</p>
            }
            if v.matched.is_some() || token_name.is_some() {
                <p class="sig-matched" data-testid="sig-matched">
                    if let Some(m) = &v.matched { { "Matched: " }<strong>{ m.clone() }</strong> }
                    if let Some(t) = &token_name { { " · token: " }<strong>{ t.clone() }</strong> }
                </p>
            }
            if v.node_valid.is_some() || v.python_valid.is_some() {
                <p class="libs" data-testid="sig-libs">
                    { lib_verdict("twilio-node", v.node_valid) }
                    { lib_verdict("twilio-python", v.python_valid) }
                </p>
            }
            if !v.diagnoses.is_empty() {
                <div class="diagnoses" data-testid="sig-diagnoses">
                    <h4>{ "Signature doctor" }</h4>
                    <ul>{ for v.diagnoses.iter().map(|d| html! { <li>{ d.clone() }</li> }) }</ul>
                </div>
            }
            if let Some(u) = &v.url {
                <div class="kv"><span class="k">{ "URL signed" }</span><code class="v">{ u.clone() }</code></div>
            }
            if let Some(sts) = &v.string_to_sign {
                <div class="sts-block">
                    <span class="k">{ "String to sign" }<span class="muted">{ " — spaces shown as ·, invisible characters named" }</span></span>
                    <pre class="sts" data-testid="sig-sts">{ super::visible_text(&sts.clone(), true) }</pre>
                </div>
            }
            if v.expected.is_some() || v.received.is_some() {
                <div class="sig-compare">
                    if let Some(e) = &v.expected {
                        <div class="kv"><span class="k">{ "Expected" }</span><code class="v" data-testid="sig-expected">{ e.clone() }</code></div>
                    }
                    if let Some(x) = &v.received {
                        <div class="kv"><span class="k">{ "Received" }</span>
                            <code class={classes!("v", mismatch.then_some("mismatch"))} data-testid="sig-received">{ super::visible_text(&x.clone(), false) }</code>
                        </div>
                    }
                </div>
            }
            if !v.candidates.is_empty() {
                <details class="more">
                    <summary>{ format!("{} candidates tried", v.candidates.len()) }</summary>
                    <ul class="candidates">
                        { for v.candidates.iter().map(|(c, ok)| html! {
                            <li class={classes!(ok.then_some("cand-ok"))}>{ if *ok { "✓ " } else { "✗ " } }{ c.clone() }</li>
                        }) }
                    </ul>
                </details>
            }
            if !v.findings.is_empty() {
                { super::finding_list(&v.findings.clone(), false) }
            }
        </section>
    }
}
