//! Presentational components. Each takes `XxxProps` and reports user intent through
//! `Callback<Action>`; none holds state of its own. The small shared pieces (severity
//! badge, finding list, visible text) are plain functions returning `Html`: as components
//! they cost ~0.5 KB of gzipped wasm each and gain nothing.
//!
//! Every value from the input is rendered as a text node (Yew escapes it); nothing here
//! ever builds HTML from strings.

pub mod catalog;
pub mod compare;
pub mod embed;
pub mod fields;
pub mod findings;
pub mod footer;
pub mod gallery;
pub mod header;
pub mod input_panel;
pub mod report_view;
pub mod response;
pub mod share_panel;
pub mod signature;
pub mod summary;
pub mod timeline;

use std::rc::Rc;

use twilio_webhook_inspector::{Finding, Report, Severity};
use yew::prelude::*;

use crate::display::{self, Seg};

/// The report as components receive it: shared, and compared by identity. The app derives
/// a new report only when the inputs change, so pointer equality is exact, and it spares
/// every render a deep comparison of the whole report (and the wasm its code).
#[derive(Debug)]
pub struct ReportRc(pub Rc<Report>);

impl Clone for ReportRc {
    fn clone(&self) -> Self {
        ReportRc(Rc::clone(&self.0))
    }
}

impl PartialEq for ReportRc {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for ReportRc {
    type Target = Report;
    fn deref(&self) -> &Report {
        &self.0
    }
}

/// Where the report components are rendered. The app passes none (the default: ids as they
/// are, links are fragments of this page); an embed passes its own, so that several embeds
/// on one page keep their ids apart and links open the full inspector. (A prop rather than
/// a Yew context: the context provider and hooks cost the wasm more.)
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Place {
    /// Prefix of every element id ("" in the app).
    pub ids: AttrValue,
    /// The full inspector's address, for links out of an embed ("" in the app).
    pub app: AttrValue,
    /// A custom element on someone else's page: deep links highlight, and scroll only the
    /// embed's own box, never the page.
    pub embedded: bool,
}

impl Place {
    /// The element id `id` here.
    pub fn id(&self, id: &str) -> String {
        format!("{}{id}", self.ids)
    }

    /// A link to `#fragment` of the app (of this page in the app itself).
    pub fn href(&self, fragment: &str) -> String {
        format!("{}#{fragment}", self.app)
    }

    /// Links out of an embed open in a new tab.
    pub fn target(&self) -> Option<&'static str> {
        (!self.app.is_empty()).then_some("_blank")
    }

    /// `rel` for those links.
    pub fn rel(&self) -> Option<&'static str> {
        (!self.app.is_empty()).then_some("noopener noreferrer")
    }
}

/// What to put on the clipboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Copy {
    /// The report as JSON.
    Json,
    /// The timeline as JSON (the core's `Timeline`, as the CLI's `timeline --json`).
    TimelineJson,
    /// The request as a curl command.
    Curl,
    /// The permalink.
    Link,
}

/// A severity pill.
pub fn severity_badge(severity: Severity) -> Html {
    html! {
        <span class={classes!("badge", display::severity_class(severity))}>{ severity.name() }</span>
    }
}

/// A list of findings with severity, message, hint and code (`show_param`: the parameter
/// name in front of each message).
pub fn finding_list(findings: &[Finding], show_param: bool) -> Html {
    html! {
        <ul class="findings">
            { for findings.iter().map(|f| html! {
                <li class={classes!("finding", display::severity_class(f.severity))} data-code={f.code.id()}>
                    { severity_badge(f.severity) }
                    <div class="finding-body">
                        <p class="finding-msg">
                            if show_param {
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

/// Text with invisible characters made visible (`show_spaces`: spaces as dim middle dots).
pub fn visible_text(text: &str, show_spaces: bool) -> Html {
    segments(display::visible(text), show_spaces)
}

/// Like [`visible_text`], for text the core already escaped (`\u{200b}`, `\n`, `␠`).
pub fn visible_escaped(text: &str, show_spaces: bool) -> Html {
    segments(display::visible_escaped(text), show_spaces)
}

fn segments(segs: Vec<Seg>, show_spaces: bool) -> Html {
    html! {
        <>
            { for segs.into_iter().map(|s| match s {
                Seg::Text(t) => html! { { t } },
                Seg::Space if show_spaces => html! { <span class="ws" aria-hidden="true">{ "·" }</span> },
                Seg::Space => html! { { " " } },
                Seg::Invisible(label) => html! {
                    <span class="invisible" title={format!("Invisible character {label}")}>{ label }</span>
                },
            }) }
        </>
    }
}
