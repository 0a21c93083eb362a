//! The web app: paste a Twilio webhook, get the report. Everything runs in the page; nothing
//! is sent anywhere (the Content-Security-Policy in `index.html` forbids connections).
//!
//! Layout: `state` (inputs + pure reducer), `app` (wiring: one `use_reducer`, the report
//! derived with `use_memo`), `components/` (presentational), `share` (the permalink
//! codec), `route` (the fragment router), `redact` (redaction before sharing), `examples` (the gallery), `embed` (what a documentation-site embed shows),
//! `many` (a paste of many captures and its timeline picture), `compare` (two captures side
//! by side), `typing` (when typing is inspected),
//! `display`/`export`/`sigview` (pure view helpers), `web` (the few browser calls:
//! fragment, clipboard, theme storage, local dates, scrolling).
//! The pure modules compile and are unit-tested natively: `cargo test -p www`.
//!
//! One wasm module, four ways in (all exported to JavaScript):
//! - [`start_page`], called by `boot.js` on `index.html`: the app — or, on `embed.html`
//!   (`<html data-embed>`), `index.html?embed#…` and `index.html#embed&…`, the embed page
//!   for iframes;
//! - [`mount`], called by `embed.js` for each `<twilio-webhook-inspector>` element of a
//!   documentation page: a compact inspector in that element;
//! - [`worker_inspect`], called by `worker.js` in the Web Worker that inspects large pastes
//!   off the page's main thread (`offload`, `worker`).

// The pure modules below are used by the browser-only `app`/`components` (compiled for
// wasm32 only) and by their unit tests; a native non-test build (`cargo build -p www`,
// `cargo clippy` without `--all-targets`) sees none of their callers.
#[cfg_attr(not(any(target_arch = "wasm32", test)), allow(dead_code))]
mod compare;
#[cfg_attr(not(any(target_arch = "wasm32", test)), allow(dead_code))]
mod display;
#[cfg_attr(not(any(target_arch = "wasm32", test)), allow(dead_code))]
mod embed;
#[cfg_attr(not(any(target_arch = "wasm32", test)), allow(dead_code))]
mod examples;
#[cfg_attr(not(any(target_arch = "wasm32", test)), allow(dead_code))]
mod export;
#[cfg_attr(not(any(target_arch = "wasm32", test)), allow(dead_code))]
mod many;
#[cfg_attr(not(any(target_arch = "wasm32", test)), allow(dead_code))]
mod offload;
#[cfg_attr(not(any(target_arch = "wasm32", test)), allow(dead_code))]
mod paste;
#[cfg_attr(not(any(target_arch = "wasm32", test)), allow(dead_code))]
mod redact;
#[cfg_attr(not(any(target_arch = "wasm32", test)), allow(dead_code))]
mod respview;
#[cfg_attr(not(any(target_arch = "wasm32", test)), allow(dead_code))]
mod route;
#[cfg_attr(not(any(target_arch = "wasm32", test)), allow(dead_code))]
mod share;
#[cfg_attr(not(any(target_arch = "wasm32", test)), allow(dead_code))]
mod sigview;
#[cfg_attr(not(any(target_arch = "wasm32", test)), allow(dead_code))]
mod state;
#[cfg(test)]
mod test_util;
#[cfg_attr(not(any(target_arch = "wasm32", test)), allow(dead_code))]
mod typing;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod components;
#[cfg(target_arch = "wasm32")]
mod web;
#[cfg(target_arch = "wasm32")]
mod worker;

/// Nothing starts by itself: `boot.js` calls [`start_page`], `embed.js` calls [`mount`].
fn main() {}

/// The allocator: talc instead of Rust's default dlmalloc on wasm (fewer instructions per
/// report: −17% for an SMS `inspect` in the npm package, measured with callgrind).
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(target_arch = "wasm32")]
pub use wasm::*;

#[cfg(target_arch = "wasm32")]
mod wasm {
    use std::sync::atomic::{AtomicU32, Ordering};

    use wasm_bindgen::prelude::*;

    use crate::components::embed::{Embed, EmbedProps};
    use crate::components::Place;
    use crate::{app, embed, web};

    /// Starts the page `boot.js` runs on: the app, or the embed page (`<html data-embed>`,
    /// or `?embed` in the query).
    #[wasm_bindgen]
    pub fn start_page() {
        let (search, hash) = (web::search(), web::hash());
        if web::root_has_attr("data-embed") || embed::wants_embed(&search, &hash) {
            start_embed_page(&search, &hash);
            return;
        }
        // A shared link (`#i=…`, `#compare=…`) is decompressed before the first render, so
        // the page opens straight onto the shared input.
        yew::platform::spawn_local(async {
            let hash = web::hash();
            let initial = web::shared_from(&hash).await;
            let pair = web::pair_from(&hash).await;
            yew::Renderer::<app::App>::with_props(app::AppProps { initial, pair }).render();
        });
    }

    /// The embed page (for iframes): the compact inspector of the example or shared input in
    /// its address, filling the frame. Its height goes to the parent page (`boot.js`).
    fn start_embed_page(search: &str, hash: &str) {
        web::set_root_attr("data-embed", Some(""));
        let spec = embed::from_location(search, hash);
        if let Some(t) = spec.theme_id() {
            web::set_root_attr("data-theme", Some(t));
        }
        // A new address is a new embed.
        web::on_hash_change(|_| web::reload());
        yew::platform::spawn_local(async move {
            let shared = match &spec.payload {
                Some(p) => web::shared_from(p).await,
                None => None,
            };
            let props = EmbedProps {
                start: embed::start(&spec, shared),
                param: spec.param.clone(),
                place: Place {
                    app: web::app_dir().into(),
                    ..Place::default()
                },
            };
            if let Some(body) = web::body() {
                yew::Renderer::<Embed>::with_root_and_props(body, props).render();
            }
        });
    }

    /// The inspection worker's entry (`worker.js`): a large paste inspected off the page's
    /// main thread, answered as the JSON of an [`crate::offload::Reply`].
    #[wasm_bindgen]
    pub fn worker_inspect(seq: u32, input: &str, options: &str) -> String {
        crate::offload::run(seq, input, options)
    }

    /// A mounted `<twilio-webhook-inspector>`: `destroy()` unmounts it.
    #[wasm_bindgen]
    pub struct EmbedHandle(Option<yew::AppHandle<Embed>>);

    #[wasm_bindgen]
    impl EmbedHandle {
        /// Unmounts the inspector (the element left the page).
        pub fn destroy(&mut self) {
            if let Some(h) = self.0.take() {
                h.destroy();
            }
        }
    }

    static MOUNTED: AtomicU32 = AtomicU32::new(0);

    /// Mounts a compact inspector into `root` (inside `host`'s shadow root) for the
    /// `<twilio-webhook-inspector>` element `host`: its attributes ([`embed::ATTRIBUTES`])
    /// and `text` (the element's text: the input) say what to show; `app` is the full
    /// inspector's address for the "open" link. Each element is an app of its own.
    #[wasm_bindgen]
    pub fn mount(
        host: web_sys::Element,
        root: web_sys::Element,
        text: String,
        app: String,
    ) -> EmbedHandle {
        let mut spec = embed::Spec::default();
        for name in embed::ATTRIBUTES {
            if let Some(v) = host.get_attribute(name) {
                spec.set(name, &v);
            }
        }
        spec.set("input", &text);
        let n = MOUNTED.fetch_add(1, Ordering::Relaxed);
        let props = EmbedProps {
            start: embed::start(&spec, None),
            param: spec.param.clone(),
            place: Place {
                ids: format!("twi{n}-").into(),
                app: app.into(),
                embedded: true,
            },
        };
        EmbedHandle(Some(
            yew::Renderer::<Embed>::with_root_and_props(root, props).render(),
        ))
    }
}
