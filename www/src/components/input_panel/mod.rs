//! The input column: paste area, format/kind overrides, the request URL, the signature and
//! the auth tokens (password fields, memory only).

use twilio_webhook_inspector::catalog::{self, Direction};
use twilio_webhook_inspector::InputFormat;
use wasm_bindgen::JsCast;
use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

mod signature;

use crate::display;
use crate::examples::EXAMPLES;
use crate::state::{Action, State};
use crate::{offload, paste};
use signature::SignatureCheck;

/// Props of [`InputPanel`].
#[derive(Properties, PartialEq)]
pub struct InputPanelProps {
    /// The inputs.
    pub state: State,
    /// The report of those inputs (for detected values and placeholders).
    pub report: super::ReportRc,
    /// User intent.
    pub on_action: Callback<Action>,
    /// When the paste holds many captures: how it was recognised (the timeline shows it).
    #[prop_or_default]
    pub many: Option<AttrValue>,
}

/// The kinds of one direction, as an option group of the kind select (`selected`: the
/// forced kind).
fn kind_group(dir: Direction, label: &'static str, selected: Option<&str>) -> Html {
    let kinds: Vec<_> = catalog::KINDS
        .iter()
        .filter(|k| k.direction == dir)
        .collect();
    if kinds.is_empty() {
        return html! {};
    }
    html! {
        <optgroup label={label}>
            { for kinds.into_iter().map(|k| html! {
                <option value={k.id} selected={selected == Some(k.id)}>
                    { format!("{} ({})", k.title, k.id) }
                </option>
            }) }
        </optgroup>
    }
}

#[component]
pub fn InputPanel(props: &InputPanelProps) -> Html {
    let s = &props.state;
    let r = &props.report;
    let act = &props.on_action;

    // The `selected` attribute does not move a selection the user has changed, so the
    // selects' values are also set as properties after each render.
    let example_ref = use_node_ref();
    let format_ref = use_node_ref();
    let kind_ref = use_node_ref();
    {
        let refs = (example_ref.clone(), format_ref.clone(), kind_ref.clone());
        let values = (
            s.example.unwrap_or("").to_string(),
            s.format.map(|f| f.id()).unwrap_or("").to_string(),
            s.kind.clone().unwrap_or_default(),
        );
        use_effect_with(values, move |(e, f, k)| {
            for (r, v) in [(&refs.0, e), (&refs.1, f), (&refs.2, k)] {
                if let Some(el) = r.cast::<HtmlSelectElement>() {
                    el.set_value(v);
                }
            }
        });
    }

    let cut = paste::is_cut(&s.input);
    let on_text = {
        let act = act.clone();
        Callback::from(move |e: InputEvent| {
            // A cut (read-only) box never edits the input it stands for.
            if !cut {
                act.emit(Action::SetInput(
                    e.target_unchecked_into::<HtmlTextAreaElement>().value(),
                ));
            }
        })
    };
    // A large paste goes straight to the input, never through the box (see `paste`).
    let on_paste = {
        let act = act.clone();
        let input = s.input.clone();
        Callback::from(move |e: Event| {
            let Some(e) = e.dyn_ref::<web_sys::ClipboardEvent>() else {
                return;
            };
            let Some(text) = e.clipboard_data().and_then(|d| d.get_data("text").ok()) else {
                return;
            };
            if !cut && text.len() <= paste::PREVIEW_FROM {
                return; // the browser pastes it as usual
            }
            e.prevent_default();
            let area = e.target_unchecked_into::<HtmlTextAreaElement>();
            let start = area.selection_start().ok().flatten().unwrap_or(0);
            let end = area.selection_end().ok().flatten().unwrap_or(start);
            act.emit(Action::SetInput(paste::spliced(&input, start, end, &text)));
        })
    };
    let on_format = act.reform(|e: Event| {
        Action::SetFormat(InputFormat::from_id(
            &e.target_unchecked_into::<HtmlSelectElement>().value(),
        ))
    });
    let on_kind = act.reform(|e: Event| {
        let v = e.target_unchecked_into::<HtmlSelectElement>().value();
        Action::SetKind((!v.is_empty()).then_some(v))
    });
    let on_example = act.reform(|e: Event| {
        Action::LoadExample(e.target_unchecked_into::<HtmlSelectElement>().value())
    });
    let on_clear_input = act.reform(|_: MouseEvent| Action::SetInput(String::new()));

    let detected_format = if r.format_overridden {
        String::from("Auto")
    } else if let Some(m) = &props.many {
        format!("Auto: many captures ({m})")
    } else {
        format!("Auto: {}", display::format_name(r.format.id()))
    };
    let detected_kind = if r.kind.overridden {
        String::from("Auto")
    } else if props.many.is_some() {
        String::from("Auto: each capture's own")
    } else {
        format!("Auto: {}", r.kind.id)
    };
    let kind = s.kind.as_deref();

    html! {
        <section class="panel input-panel" aria-labelledby="input-h">
            <div class="panel-head">
                <h1 id="input-h" class="panel-title">{ "Paste a webhook" }</h1>
                <select ref={example_ref} class="select select-sm" aria-label="Load an example" onchange={on_example} data-testid="example-select">
                    <option value="" selected={s.example.is_none()}>{ "Load an example…" }</option>
                    { for EXAMPLES.iter().map(|e| html! {
                        <option value={e.id} selected={s.example == Some(e.id)}>{ e.title }</option>
                    }) }
                </select>
            </div>
            <p class="panel-sub">
                { "Form body, query string, URL, raw HTTP request, curl command, JSON or XML — the report updates as you type. " }
                { "Add your server's answer after the request (HTTP/1.1 200 OK…), or paste TwiML alone, to see whether Twilio would accept it. " }
                { "Many captures at once (a log, JSON Lines, HAR, Call Events…) show as a timeline." }
                <a class="jump" href="#report">{ " Jump to the report ↓" }</a>
            </p>
            <div class="field">
                <label for="input" class="sr-only">{ "Captured request, and optionally your server's answer" }</label>
                <textarea id="input" class="input mono paste" rows="14" spellcheck="false" autocomplete="off"
                          autocapitalize="off" value={paste::shown(&s.input).into_owned()} oninput={on_text} onpaste={on_paste}
                          readonly={cut} aria-describedby={cut.then_some("input-cut")}
                          placeholder="CallSid=CA…&From=%2B1415…  or  POST /twilio HTTP/1.1 …  or  curl …"
                          data-testid="input" />
                <div class="paste-meta">
                    <span class="muted">{ format!("{} characters", s.input.chars().count()) }</span>
                    if cut {
                        <span id="input-cut" class="muted" data-testid="input-cut">{ format!(
                            " — {} pasted: the box shows its beginning, the report reads it all.",
                            offload::size_text(s.input.len())
                        ) }</span>
                    }
                    if !s.input.is_empty() {
                        <button type="button" class="btn btn-link" onclick={on_clear_input} data-testid="input-clear">{ "Clear" }</button>
                    }
                </div>
            </div>
            <div class="row-2">
                <div class="field">
                    <label for="format">{ "Input format" }</label>
                    <select ref={format_ref} id="format" class="select" onchange={on_format} data-testid="format-select">
                        <option value="" selected={s.format.is_none()}>{ detected_format }</option>
                        { for InputFormat::ALL.iter().map(|f| html! {
                            <option value={f.id()} selected={s.format == Some(*f)}>{ display::format_name(f.id()) }</option>
                        }) }
                    </select>
                </div>
                <div class="field">
                    <label for="kind">{ "Kind" }</label>
                    <select ref={kind_ref} id="kind" class="select" onchange={on_kind} data-testid="kind-select">
                        <option value="" selected={s.kind.is_none()}>{ detected_kind }</option>
                        { kind_group(Direction::TwilioToApp, "Webhooks (Twilio → your app)", kind) }
                        { kind_group(Direction::AppToTwilio, "REST requests (your app → Twilio)", kind) }
                        { kind_group(Direction::Response, "REST responses", kind) }
                    </select>
                </div>
            </div>

            <SignatureCheck url={s.url.clone()} signature={s.signature.clone()} tokens={s.tokens.clone()}
                            report={r.clone()} on_action={act.clone()} />
        </section>
    }
}
