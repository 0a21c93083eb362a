//! The comparison's results: the signature summary (the one sentence on which difference
//! breaks one signature and not the other, the verdicts, the request-level differences) and
//! the fields that differ, side by side with the differing characters marked.

use std::rc::Rc;

use twilio_webhook_inspector::diff::{FieldChange, FieldChangeKind};
use yew::prelude::*;

use super::super::visible_text;
use crate::compare::{self, Compared, Side};

/// Both reports and their diff as components receive them: shared, compared by identity
/// (the page derives them again only when a side or the token changes).
#[derive(Debug, Clone)]
pub struct ComparedRc(pub Rc<Compared>);

impl PartialEq for ComparedRc {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Props of [`SignatureSummary`] and [`FieldDiffs`].
#[derive(Properties, PartialEq)]
pub struct ComparedProps {
    /// The comparison.
    pub compared: ComparedRc,
}

/// The "Signatures" card.
#[component]
pub fn SignatureSummary(props: &ComparedProps) -> Html {
    let d = &props.compared.0.diff;
    let facts = compare::facts(d);
    html! {
        <section class="card" aria-labelledby="cmp-sig-h" data-testid="cmp-summary">
            <h2 id="cmp-sig-h" class="card-title">{ "Signatures" }</h2>
            <p class="cmp-sentence" data-testid="cmp-sentence">{ d.signature.sentence.clone() }</p>
            <p class="muted small" data-testid="cmp-verdicts">
                { format!("A: {} · B: {}", d.signature.a.id(), d.signature.b.id()) }
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
                    { for facts.iter().map(|f| html! {
                        <div class="cmp-fact" data-testid={f.id}>
                            <dt>{ f.label }</dt>
                            <dd class="mono">{ f.text.clone() }</dd>
                        </div>
                    }) }
                </dl>
            }
        </section>
    }
}

/// The "Fields" card: every field that differs, then the identical ones (folded).
#[component]
pub fn FieldDiffs(props: &ComparedProps) -> Html {
    let c = &props.compared.0;
    let d = &c.diff;
    let same = compare::same_fields(&c.a, d);
    html! {
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
}

/// One differing field: its name, the kind of difference (and whether it is signed), both
/// sides.
fn row(f: &FieldChange) -> Html {
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
