//! The compare page: two captures side by side, the core's diff highlighted — fields added,
//! removed, changed (the differing characters marked), reordered or repeated; kind, API
//! version, format, method and URL differences; and the one sentence on which difference
//! breaks one signature and not the other.

use twilio_webhook_inspector::diff::{Change, FieldChange, FieldChangeKind};
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::share_panel::{share_buttons, share_panel, ShareControls};
use super::{visible_text, Copy};
use crate::compare::{self, Edit, Pair, Side};
use crate::redact::ShareLink;
use crate::state::Action;

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

fn change_words(c: &Change) -> String {
    format!(
        "{} → {}",
        c.a.as_deref().unwrap_or("(none)"),
        c.b.as_deref().unwrap_or("(none)")
    )
}

/// A value with the part that differs from `other` marked (`ins`: B's side).
fn marked(value: &str, other: &str, ins: bool) -> Html {
    let [(pre, mid, post), _] = compare::split_difference(value, other);
    let class = if ins { "cmp-ins" } else { "cmp-del" };
    html! {
        <>
            { visible_text(pre, false) }
            if !mid.is_empty() {
                <mark class={class}>{ visible_text(mid, false) }</mark>
            }
            { visible_text(post, false) }
        </>
    }
}

fn side_cell(f: &FieldChange, side: Side) -> Html {
    let (mine, theirs) = match side {
        Side::A => (&f.a, &f.b),
        Side::B => (&f.b, &f.a),
    };
    let Some(m) = mine else {
        return html! { <td class="cmp-absent"><span class="muted">{ "—" }</span></td> };
    };
    let value = match (f.change, theirs) {
        (FieldChangeKind::Changed, Some(t)) if f.raw_only => {
            marked(&m.raw_value, &t.raw_value, side == Side::B)
        }
        (FieldChangeKind::Changed, Some(t)) => marked(&m.value, &t.value, side == Side::B),
        _ => visible_text(&m.value, false),
    };
    html! {
        <td class="cmp-value">
            <span class="mono">{ value }</span>
            if m.raw_value != m.value {
                <span class="cmp-raw muted mono">{ "raw: " }{ visible_text(&m.raw_value, false) }</span>
            }
            <span class="cmp-pos muted">{ format!("#{}", m.index + 1) }</span>
        </td>
    }
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

    let side_inputs = |side: Side| {
        let s = props.pair.side(side);
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
    };

    let c = &*compared;
    let d = &c.diff;
    let same = compare::same_fields(&c.a, d);
    let status = |s: twilio_webhook_inspector::signature::SignatureStatus| s.id();
    let mut facts: Vec<(&'static str, &'static str, String)> = Vec::new();
    if let Some(k) = &d.kind {
        facts.push(("Kind", "cmp-kind", change_words(k)));
    }
    if let Some(v) = &d.api_version {
        facts.push(("API version", "cmp-api-version", change_words(v)));
    }
    if let Some(f) = &d.format {
        facts.push(("Input format", "cmp-format", change_words(f)));
    }
    if let Some(m) = &d.method {
        facts.push(("Method", "cmp-method", change_words(m)));
    }
    for (part, ch) in &d.url {
        facts.push((
            "URL",
            "cmp-url-part",
            format!("{part}: {}", change_words(ch)),
        ));
    }
    if d.body_differs {
        facts.push(("Body", "cmp-body", "the bytes differ".to_string()));
    }

    let row = |f: &FieldChange| {
        let name = compare::change_name(f.change);
        let note = match (f.change, f.counts) {
            (FieldChangeKind::Duplicated, Some((a, b))) => format!(" ({a}× in A, {b}× in B)"),
            (FieldChangeKind::Changed, _) if f.raw_only => " (encoding only)".to_string(),
            _ => String::new(),
        };
        html! {
            <tr class={classes!("cmp-row", format!("cmp-{name}"))} data-testid="cmp-row" data-name={f.name.clone()} data-change={name}>
                <th scope="row" class="mono">{ visible_text(&f.name, false) }</th>
                <td>
                    <span class={classes!("badge", format!("cmp-badge-{name}"))}>{ name }</span>
                    if f.signed {
                        <span class="badge badge-neutral cmp-signed" title="This difference changes what Twilio signs">{ "signed" }</span>
                    }
                    <span class="muted small">{ note }</span>
                </td>
                { side_cell(f, Side::A) }
                { side_cell(f, Side::B) }
            </tr>
        }
    };

    html! {
        <div class="compare-page" data-testid="compare">
            <div class="page-head">
                <h1>{ "Compare two captures" }</h1>
                <p class="muted">
                    { "Paste two requests — or pick two marks on a timeline — to see every field that differs, and which difference breaks one signature and not the other. Nothing leaves this page." }
                </p>
            </div>
            <div class="cmp-inputs">
                { side_inputs(Side::A) }
                { side_inputs(Side::B) }
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
                <section class="card" aria-labelledby="cmp-sig-h" data-testid="cmp-summary">
                    <h2 id="cmp-sig-h" class="card-title">{ "Signatures" }</h2>
                    <p class="cmp-sentence" data-testid="cmp-sentence">{ d.signature.sentence.clone() }</p>
                    <p class="muted small" data-testid="cmp-verdicts">
                        { format!("A: {} · B: {}", status(d.signature.a), status(d.signature.b)) }
                    </p>
                    if !d.signature.differences.is_empty() {
                        <ul class="cmp-signed-list">
                            { for d.signature.differences.iter().map(|s| html! {
                                <li data-testid="cmp-signed-difference" data-code={s.code.clone()}>
                                    { s.message.clone() }
                                    if let Some(code) = &s.code { { " " }<code>{ code.clone() }</code> }
                                </li>
                            }) }
                        </ul>
                    }
                    if !facts.is_empty() {
                        <dl class="cmp-facts">
                            { for facts.iter().map(|(label, id, text)| html! {
                                <div class="cmp-fact" data-testid={*id}>
                                    <dt>{ *label }</dt>
                                    <dd class="mono">{ text.clone() }</dd>
                                </div>
                            }) }
                        </dl>
                    }
                </section>
                <section class="card" aria-labelledby="cmp-fields-h">
                    <h2 id="cmp-fields-h" class="card-title">
                        { format!("Fields: {} different, {} identical", d.fields.len(), d.same) }
                    </h2>
                    if d.fields.is_empty() {
                        <p class="muted" data-testid="cmp-no-difference">{ "No field differs." }</p>
                    } else {
                        <div class="cmp-table-wrap">
                            <table class="cmp-table" data-testid="cmp-fields">
                                <thead>
                                    <tr>
                                        <th scope="col">{ "Field" }</th>
                                        <th scope="col">{ "Difference" }</th>
                                        <th scope="col">{ "A" }</th>
                                        <th scope="col">{ "B" }</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    { for d.fields.iter().map(row) }
                                </tbody>
                            </table>
                        </div>
                    }
                    if !same.is_empty() {
                        <details class="more cmp-same" data-testid="cmp-same">
                            <summary>{ format!("{} identical field{} in A", same.len(), if same.len() == 1 { "" } else { "s" }) }</summary>
                            <ul class="cmp-same-list">
                                { for same.iter().map(|f| html! {
                                    <li><code>{ visible_text(&f.name, false) }</code>{ " = " }<span class="mono">{ visible_text(&f.value, false) }</span></li>
                                }) }
                            </ul>
                        </details>
                    }
                </section>
            }
        </div>
    }
}
