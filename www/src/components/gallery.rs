//! The examples gallery: a realistic capture of every kind.

use yew::prelude::*;

use crate::examples::EXAMPLES;

/// Props of [`Gallery`].
#[derive(Properties, PartialEq)]
pub struct GalleryProps {
    /// The example loaded now, if any.
    pub current: Option<&'static str>,
}

fn preview(text: &str) -> String {
    let mut out: String = text
        .lines()
        .take(4)
        .map(|l| {
            let mut l: String = l.chars().take(96).collect();
            if l.chars().count() >= 96 {
                l.push('…');
            }
            l
        })
        .collect::<Vec<_>>()
        .join("\n");
    if text.lines().count() > 4 {
        out.push_str("\n…");
    }
    out
}

#[component]
pub fn Gallery(props: &GalleryProps) -> Html {
    html! {
        <div class="gallery-page">
            <div class="page-head">
                <h1>{ "Examples" }</h1>
                <p class="muted">
                    { "A realistic capture of every kind, in every input format. SIDs and the fictional 555-01xx numbers are made up; the 2008 samples are quoted from Twilio's original docs. " }
                    { "The signed samples use a public demo token, filled in for you. " }
                    { "The request + response samples add the server's answer, with what Twilio would make of it." }
                </p>
            </div>
            <div class="gallery">
                { for EXAMPLES.iter().map(|e| {
                    let current = props.current == Some(e.id);
                    html! {
                        <article class={classes!("ex-card", current.then_some("current"))} data-testid="example-card" data-example={e.id}>
                            <h2 class="ex-title">{ e.title }</h2>
                            <div class="chips">
                                <code class="chip chip-kind">{ e.kind }</code>
                                <span class="chip">{ e.format }</span>
                                if e.token.is_some() { <span class="chip chip-signed">{ "signed · demo token" }</span> }
                            </div>
                            <p class="ex-blurb">{ e.blurb }</p>
                            <pre class="ex-preview" aria-hidden="true">{ preview(e.input) }</pre>
                            <div class="ex-actions">
                                <a class="btn btn-primary ex-open" href={format!("#example={}", e.id)}
                                   aria-label={format!("Inspect example: {}", e.title)}>{ "Inspect" }</a>
                            </div>
                        </article>
                    }
                }) }
            </div>
        </div>
    }
}
