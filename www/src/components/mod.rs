//! Presentational components. Each takes `XxxProps` and reports user intent through
//! `Callback<Action>`; none holds state of its own beyond transient UI (none so far).
//!
//! Every value from the input is rendered as a text node (Yew escapes it); nothing here
//! ever builds HTML from strings.

pub mod catalog;
pub mod fields;
pub mod findings;
pub mod gallery;
pub mod header;
pub mod input_panel;
pub mod report_view;
pub mod signature;
pub mod summary;

use twilio_webhook_inspector::{Finding, Severity};
use yew::prelude::*;

use crate::display::{self, Seg};

/// What to put on the clipboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Copy {
    /// The report as JSON.
    Json,
    /// The request as a curl command.
    Curl,
    /// The permalink.
    Link,
}

/// A severity pill.
#[derive(Properties, PartialEq)]
pub struct SeverityBadgeProps {
    /// The severity.
    pub severity: Severity,
}

#[component]
pub fn SeverityBadge(props: &SeverityBadgeProps) -> Html {
    html! {
        <span class={classes!("badge", display::severity_class(props.severity))}>{ props.severity.name() }</span>
    }
}

/// A list of findings with severity, message, hint and code.
#[derive(Properties, PartialEq)]
pub struct FindingListProps {
    /// The findings.
    pub findings: Vec<Finding>,
    /// Show the parameter name in front of each message.
    #[prop_or(true)]
    pub show_param: bool,
}

#[component]
pub fn FindingList(props: &FindingListProps) -> Html {
    html! {
        <ul class="findings">
            { for props.findings.iter().map(|f| html! {
                <li class={classes!("finding", display::severity_class(f.severity))} data-code={f.code.id()}>
                    <SeverityBadge severity={f.severity} />
                    <div class="finding-body">
                        <p class="finding-msg">
                            if props.show_param {
                                if let Some(p) = &f.param {
                                    <code class="finding-param">{ p.clone() }</code>{ " " }
                                }
                            }
                            { f.message.clone() }
                        </p>
                        if let Some(h) = &f.hint {
                            <p class="finding-hint">{ h.clone() }</p>
                        }
                        <p class="finding-code"><code>{ f.code.id() }</code></p>
                    </div>
                </li>
            }) }
        </ul>
    }
}

/// Text with invisible characters made visible.
#[derive(Properties, PartialEq)]
pub struct VisibleTextProps {
    /// The text.
    pub text: String,
    /// Show spaces as dim middle dots too.
    #[prop_or(false)]
    pub show_spaces: bool,
}

#[component]
pub fn VisibleText(props: &VisibleTextProps) -> Html {
    html! {
        <>
            { for display::visible(&props.text).into_iter().map(|s| match s {
                Seg::Text(t) => html! { { t } },
                Seg::Space if props.show_spaces => html! { <span class="ws" aria-hidden="true">{ "·" }</span> },
                Seg::Space => html! { { " " } },
                Seg::Invisible(label) => html! {
                    <span class="invisible" title={format!("Invisible character {label}")}>{ label }</span>
                },
            }) }
        </>
    }
}
