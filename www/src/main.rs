//! The web app: paste a Twilio webhook, get the report. Everything runs in the page; nothing
//! is sent anywhere (the Content-Security-Policy in `index.html` forbids connections).
//!
//! Layout: `state` (inputs + pure reducer), `app` (wiring: one `use_reducer`, the report
//! derived with `use_memo`), `components/` (presentational), `share` (permalinks and
//! redaction), `examples` (the gallery), `display`/`export`/`sigview` (pure view helpers),
//! `web` (the few browser calls: fragment, clipboard, theme storage, local dates).
//! The pure modules compile and are unit-tested natively: `cargo test -p www`.
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

mod display;
mod examples;
mod export;
mod share;
mod sigview;
mod state;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod components;
#[cfg(target_arch = "wasm32")]
mod web;

fn main() {
    // A shared link (`#i=…`) is decompressed before the first render, so the page opens
    // straight onto the shared input.
    #[cfg(target_arch = "wasm32")]
    yew::platform::spawn_local(async {
        let initial = web::shared_from(&web::hash()).await;
        yew::Renderer::<app::App>::with_props(app::AppProps { initial }).render();
    });
}
