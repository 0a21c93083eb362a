//! The input panel's "Signature check" group: the URL Twilio requested, the signature, and
//! the auth tokens (password fields, memory only).

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::super::ReportRc;
use crate::examples;
use crate::state::{Action, TOKEN_SLOTS};

fn input_value(e: InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

/// Props of [`SignatureCheck`].
#[derive(Properties, PartialEq)]
pub struct SignatureCheckProps {
    /// The URL as typed.
    pub url: String,
    /// The signature as typed.
    pub signature: String,
    /// The token slots as typed (memory only).
    pub tokens: [String; 3],
    /// The report (the URL and signature read from the paste are the placeholders).
    pub report: ReportRc,
    /// User intent.
    pub on_action: Callback<Action>,
}

/// The URL and signature fields (with what the paste says when they are blank), the token
/// slots, and what happens to tokens.
#[component]
pub fn SignatureCheck(props: &SignatureCheckProps) -> Html {
    let (r, act) = (&props.report, &props.on_action);
    let on_url = act.reform(|e: InputEvent| Action::SetUrl(input_value(e)));
    let on_sig = act.reform(|e: InputEvent| Action::SetSignature(input_value(e)));
    let on_clear_tokens = act.reform(|_: MouseEvent| Action::ClearTokens);
    let derived_url = r
        .request
        .url
        .clone()
        .filter(|_| props.url.trim().is_empty());
    let derived_sig = r
        .request
        .signature
        .clone()
        .filter(|_| props.signature.trim().is_empty());
    let tokens = &props.tokens;
    let demo = tokens.iter().any(|t| examples::is_demo_token(t));
    let given = tokens.iter().any(|t| !t.trim().is_empty());
    let more_tokens_open = !tokens[1].is_empty() || !tokens[2].is_empty();
    let token = |i: usize| html! { <TokenField slot={i} value={tokens[i].clone()} on_action={act.clone()} /> };
    html! {
        <fieldset class="group">
            <legend>{ "Signature check" }</legend>
            <div class="field">
                <label for="url">{ "URL Twilio requested" }</label>
                <input id="url" type="url" class="input mono" value={props.url.clone()} oninput={on_url}
                       autocomplete="off" spellcheck="false" data-testid="url"
                       placeholder={derived_url.clone().unwrap_or_else(|| "https://your-app.example.com/twilio/sms".into())} />
                if let Some(u) = derived_url {
                    <p class="help">{ "From the pasted request: " }<code>{ u }</code></p>
                }
            </div>
            <div class="field">
                <label for="signature">{ "X-Twilio-Signature" }</label>
                <input id="signature" type="text" class="input mono" value={props.signature.clone()} oninput={on_sig}
                       autocomplete="off" spellcheck="false" data-testid="signature"
                       placeholder={derived_sig.clone().unwrap_or_else(|| "28 base64 characters".into())} />
                if let Some(sig) = derived_sig {
                    <p class="help">{ "From the pasted request: " }<code>{ sig }</code></p>
                }
            </div>
            { token(0) }
            <details class="more" open={more_tokens_open}>
                <summary>{ "Secondary and sub-account tokens" }</summary>
                { token(1) }
                { token(2) }
            </details>
            <div class="token-note">
                <p class="help">
                    { "Tokens never leave this tab: not stored, not in share links, not in copied curl or JSON. Each one given is tried." }
                </p>
                if demo {
                    <p class="help demo-note" data-testid="demo-note">
                        { "The public demo token was filled in by the example (c0ffee00…). It is not a real credential." }
                    </p>
                }
                if given {
                    <button type="button" class="btn btn-small" onclick={on_clear_tokens}>{ "Forget tokens" }</button>
                }
            </div>
        </fieldset>
    }
}

/// Props of [`TokenField`].
#[derive(Properties, PartialEq)]
pub struct TokenFieldProps {
    /// Which slot (0 primary, 1 secondary, 2 sub-account).
    pub slot: usize,
    /// The token as typed.
    pub value: String,
    /// User intent.
    pub on_action: Callback<Action>,
}

/// One token slot: a password field, never autocompleted or stored.
#[component]
pub fn TokenField(props: &TokenFieldProps) -> Html {
    let i = props.slot;
    let id = format!("token-{i}");
    let on_input = props
        .on_action
        .reform(move |e: InputEvent| Action::SetToken(i, input_value(e)));
    let label = match i {
        0 => "Auth token".to_string(),
        _ => format!("{} token", TOKEN_SLOTS.get(i).copied().unwrap_or("Another")),
    };
    html! {
        <div class="field">
            <label for={id.clone()}>{ label }
                if i == 0 { <span class="muted">{ " (primary)" }</span> }
            </label>
            <input id={id} type="password" class="input mono" value={props.value.clone()} oninput={on_input}
                   autocomplete="off" spellcheck="false" data-lpignore="true"
                   placeholder={if i == 2 { "Token of the sub-account in AccountSid" } else { "32 hex characters" }}
                   data-testid={format!("token-{i}")} />
        </div>
    }
}
