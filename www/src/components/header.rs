//! The top bar: brand, page navigation, the privacy note and the theme toggle.

use yew::prelude::*;

use crate::state::{Page, Theme};

/// Props of [`TopBar`].
#[derive(Properties, PartialEq)]
pub struct TopBarProps {
    /// The visible page.
    pub page: Page,
    /// The theme choice.
    pub theme: Theme,
    /// The toggle was pressed.
    pub on_toggle_theme: Callback<()>,
}

#[component]
pub fn TopBar(props: &TopBarProps) -> Html {
    let link = |page: Page, href: &'static str, text: &'static str| {
        let current = props.page == page;
        html! {
            <a href={href} class={classes!("nav-link", current.then_some("active"))}
               aria-current={current.then_some("page")}>{ text }</a>
        }
    };
    let onclick = props.on_toggle_theme.reform(|_: MouseEvent| ());
    let (label, title) = match props.theme {
        Theme::System => (
            "Auto",
            "Theme follows your system. Switch to the other theme.",
        ),
        Theme::Light => ("Light", "Light theme. Switch to dark."),
        Theme::Dark => ("Dark", "Dark theme. Switch to light."),
    };
    html! {
        <header class="topbar">
            <a class="brand" href="#" aria-label="Webhook Inspector for Twilio — inspect a request">
                <svg class="brand-mark" viewBox="0 0 32 32" width="26" height="26" aria-hidden="true">
                    <circle cx="16" cy="16" r="14" fill="none" stroke="currentColor" stroke-width="3"/>
                    <circle cx="11.5" cy="11.5" r="3" fill="currentColor"/>
                    <circle cx="20.5" cy="11.5" r="3" fill="currentColor"/>
                    <circle cx="11.5" cy="20.5" r="3" fill="currentColor"/>
                    <circle cx="20.5" cy="20.5" r="3" fill="currentColor"/>
                </svg>
                <span class="brand-text">{ "Webhook Inspector" }<span class="brand-sub">{ " for Twilio" }</span></span>
            </a>
            <nav class="nav" aria-label="Pages">
                { link(Page::Inspect, "#", "Inspect") }
                { link(Page::Examples, "#examples", "Examples") }
                { link(Page::Catalog, "#catalog", "Catalog") }
                { link(Page::Compare, "#compare", "Compare") }
            </nav>
            <div class="topbar-end">
                <span class="privacy" title="Nothing you paste leaves this page: the Content-Security-Policy forbids network connections.">
                    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
                        <path d="M8 1l5 2v4c0 3.5-2.2 6.3-5 7.5C5.2 13.3 3 10.5 3 7V3z" fill="none" stroke="currentColor" stroke-width="1.5"/>
                    </svg>
                    { "Offline · nothing leaves your browser" }
                </span>
                <button type="button" class="btn btn-ghost theme-toggle" onclick={onclick}
                        title={title} aria-label={format!("Theme: {label}. {title}")} data-testid="theme-toggle">
                    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
                        <circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" stroke-width="1.5"/>
                        <path d="M8 2a6 6 0 0 1 0 12z" fill="currentColor"/>
                    </svg>
                    <span>{ label }</span>
                </button>
            </div>
        </header>
    }
}
