//! The few browser calls the app makes. Nothing here touches the network: the fragment,
//! the clipboard, `localStorage` for the theme choice only (never tokens or input), the
//! `prefers-color-scheme` query, scrolling, and local-time formatting with `Date`.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::state::Theme;

const THEME_KEY: &str = "twi.theme";

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The current location fragment, with `#`.
pub fn hash() -> String {
    window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// `origin + pathname` (no query, no fragment).
pub fn base_url() -> String {
    window()
        .map(|w| {
            let l = w.location();
            format!(
                "{}{}",
                l.origin().unwrap_or_default(),
                l.pathname().unwrap_or_default()
            )
        })
        .unwrap_or_default()
}

/// The query string, with `?` (or "").
pub fn search() -> String {
    window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// The directory of this page (`origin + pathname` up to its last `/`): where the full app
/// lives, seen from its embed page.
pub fn app_dir() -> String {
    let mut b = base_url();
    if let Some(slash) = b.rfind('/') {
        b.truncate(slash + 1);
    }
    b
}

/// True when `<html>` has the attribute `name` (`data-embed` marks the embed page).
pub fn root_has_attr(name: &str) -> bool {
    window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .is_some_and(|r| r.has_attribute(name))
}

/// The page's `<body>`.
pub fn body() -> Option<web_sys::Element> {
    window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
        .map(Into::into)
}

/// Reloads the page.
pub fn reload() {
    if let Some(w) = window() {
        let _ = w.location().reload();
    }
}

/// True when this page runs in a frame (an embed in someone's documentation).
pub fn framed() -> bool {
    window().is_some_and(|w| {
        let me: &JsValue = w.as_ref();
        w.parent().ok().flatten().is_some_and(|p| {
            let p: &JsValue = p.as_ref();
            p != me
        })
    })
}

/// Sets (or with `None` removes) an attribute of `<html>`: `data-embed`, and `data-theme`
/// forced by an embed (never stored).
pub fn set_root_attr(name: &str, value: Option<&str>) {
    if let Some(root) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = match value {
            Some(v) => root.set_attribute(name, v),
            None => root.remove_attribute(name),
        };
    }
}

/// Drops the fragment from the address bar without navigating or adding history.
pub fn clear_hash() {
    if let Some(w) = window() {
        if let Ok(h) = w.history() {
            let path = w.location().pathname().unwrap_or_else(|_| "/".into());
            let search = w.location().search().unwrap_or_default();
            let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&format!("{path}{search}")));
        }
    }
}

/// Replaces the fragment with `#fragment` without navigating or adding history.
pub fn replace_hash(fragment: &str) {
    if let Some(w) = window() {
        if let Ok(h) = w.history() {
            let path = w.location().pathname().unwrap_or_else(|_| "/".into());
            let search = w.location().search().unwrap_or_default();
            let _ = h.replace_state_with_url(
                &JsValue::NULL,
                "",
                Some(&format!("{path}{search}#{fragment}")),
            );
        }
    }
}

/// Navigates to `#fragment` (a history entry, and a `hashchange`).
pub fn set_hash(fragment: &str) {
    if let Some(w) = window() {
        let _ = w.location().set_hash(fragment);
    }
}

/// Moves the focus to the element with `id`, scrolling it into view only as far as needed.
pub fn focus_id(id: &str) {
    let Some(el) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    else {
        return;
    };
    let opts = web_sys::ScrollIntoViewOptions::new();
    opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
    el.scroll_into_view_with_scroll_into_view_options(&opts);
    if let Ok(h) = el.dyn_into::<web_sys::HtmlElement>() {
        let _ = h.focus();
    }
}

/// Calls `f` on every `hashchange`. The listener lives as long as the page.
pub fn on_hash_change(f: impl Fn(String) + 'static) {
    if let Some(w) = window() {
        let cb = Closure::<dyn Fn()>::new(move || f(hash()));
        let _ = w.add_event_listener_with_callback("hashchange", cb.as_ref().unchecked_ref());
        cb.forget();
    }
}

/// Writes `text` to the clipboard; `done(true)` when it worked.
pub fn copy(text: String, done: impl FnOnce(bool) + 'static) {
    let Some(w) = window() else {
        done(false);
        return;
    };
    let promise = w.navigator().clipboard().write_text(&text);
    yew::platform::spawn_local(async move {
        done(wasm_bindgen_futures::JsFuture::from(promise).await.is_ok());
    });
}

/// The saved theme choice.
pub fn load_theme() -> Theme {
    window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(THEME_KEY).ok().flatten())
        .map(|v| Theme::from_id(&v))
        .unwrap_or_default()
}

/// Saves the theme choice (the only thing the app ever stores) and applies it to `<html>`.
pub fn apply_theme(theme: Theme) {
    let Some(w) = window() else { return };
    if let Some(s) = w.local_storage().ok().flatten() {
        let _ = match theme {
            Theme::System => s.remove_item(THEME_KEY),
            t => s.set_item(THEME_KEY, t.id()),
        };
    }
    if let Some(root) = w.document().and_then(|d| d.document_element()) {
        let _ = match theme {
            Theme::System => root.remove_attribute("data-theme"),
            t => root.set_attribute("data-theme", t.id()),
        };
    }
}

/// True when the system prefers a dark scheme.
pub fn system_prefers_dark() -> bool {
    window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .map(|m| m.matches())
        .unwrap_or(false)
}

/// Scrolls the element with `id` into view and moves focus to it (it must be focusable).
pub fn scroll_to(id: &str) {
    let Some(el) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    else {
        return;
    };
    let opts = web_sys::ScrollIntoViewOptions::new();
    opts.set_block(web_sys::ScrollLogicalPosition::Center);
    el.scroll_into_view_with_scroll_into_view_options(&opts);
    if let Ok(h) = el.dyn_into::<web_sys::HtmlElement>() {
        let _ = h.focus();
    }
}

/// Brings a deep link's target into view. In the app (and an embed page opened on its own)
/// the page scrolls to it and it takes the focus. An embed never moves its host page nor
/// takes the focus from it: in a frame it scrolls only its own window, as a custom element
/// (`embedded`) only its own scroll box (`.embed-scroll`, when it has a maximum height).
pub fn reveal(el: &web_sys::HtmlElement, embedded: bool) {
    let Some(w) = window() else { return };
    let framed = framed();
    if !embedded && !framed {
        let opts = web_sys::ScrollIntoViewOptions::new();
        opts.set_block(web_sys::ScrollLogicalPosition::Center);
        el.scroll_into_view_with_scroll_into_view_options(&opts);
        let _ = el.focus();
        return;
    }
    let rect = el.get_bounding_client_rect();
    let scroll_box = el
        .closest(".embed-scroll")
        .ok()
        .flatten()
        .filter(|b| b.scroll_height() > b.client_height());
    if let Some(b) = scroll_box {
        let outer = b.get_bounding_client_rect();
        let delta = rect.top() - outer.top() - (outer.height() - rect.height()) / 2.0;
        b.set_scroll_top(b.scroll_top() + delta as i32);
    } else if !embedded {
        let view = w
            .inner_height()
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0);
        w.scroll_by_with_x_and_y(0.0, rect.top() - (view - rect.height()) / 2.0);
    }
}

/// `2025-06-03 19:12:41 (UTC+02:00, Europe/Paris)`: a UTC instant (ISO 8601 text) in the
/// viewer's time zone.
pub fn local_time(iso: &str) -> Option<String> {
    let date = js_sys::Date::new(&JsValue::from_str(iso));
    if date.get_time().is_nan() {
        return None;
    }
    let off = -(date.get_timezone_offset() as i64); // minutes east of UTC
    let sign = if off < 0 { '-' } else { '+' };
    let zone = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new())
        .resolved_options();
    let tz = js_sys::Reflect::get(&zone, &JsValue::from_str("timeZone"))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    Some(format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02} (UTC{}{:02}:{:02}{}{})",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date(),
        date.get_hours(),
        date.get_minutes(),
        date.get_seconds(),
        sign,
        off.abs() / 60,
        off.abs() % 60,
        if tz.is_empty() { "" } else { ", " },
        tz
    ))
}

// web-sys gates these behind `web_sys_unstable_apis`; the two constructors are all we need.
#[wasm_bindgen]
extern "C" {
    type CompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<CompressionStream, JsValue>;

    type DecompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;
}

/// Runs `bytes` through the browser's `CompressionStream("deflate-raw")` (or the matching
/// `DecompressionStream` when `compress` is false), reading at most `limit` output bytes.
/// Purely in-page: no request is made.
pub async fn deflate_raw(bytes: &[u8], compress: bool, limit: usize) -> Option<Vec<u8>> {
    use wasm_bindgen_futures::JsFuture;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).ok()?;
    let transform: web_sys::ReadableWritablePair = if compress {
        CompressionStream::new("deflate-raw").ok()?.unchecked_into()
    } else {
        DecompressionStream::new("deflate-raw")
            .ok()?
            .unchecked_into()
    };
    let stream = blob.stream().pipe_through(&transform);
    let reader = web_sys::ReadableStreamDefaultReader::new(&stream).ok()?;
    let mut out = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read()).await.ok()?;
        let done = js_sys::Reflect::get(&chunk, &JsValue::from_str("done")).ok()?;
        if done.as_bool().unwrap_or(true) {
            break;
        }
        let value = js_sys::Reflect::get(&chunk, &JsValue::from_str("value")).ok()?;
        let arr = value.dyn_into::<js_sys::Uint8Array>().ok()?;
        if out.len() + arr.length() as usize > limit {
            let _ = reader.cancel();
            return None;
        }
        let start = out.len();
        out.resize(start + arr.length() as usize, 0);
        arr.copy_to(&mut out[start..]);
    }
    Some(out)
}

/// The share URL for `shared`: this page's address with `#i=…` (uncompressed where the
/// browser has no `CompressionStream`).
pub async fn share_url(shared: &crate::share::Shared) -> Option<String> {
    Some(format!("{}#{}", base_url(), share_fragment(shared).await))
}

/// The `i=…` fragment (without `#`) for `shared`: compressed, or plain where the browser has
/// no `CompressionStream`.
pub async fn share_fragment(shared: &crate::share::Shared) -> String {
    use crate::share::{fragment_for, pack, Packing};
    let packed = pack(shared);
    match deflate_raw(&packed, true, usize::MAX).await {
        Some(compressed) => fragment_for(Packing::Deflate, &compressed),
        None => fragment_for(Packing::Plain, &packed),
    }
}

/// The shared input in a `#i=…` fragment, if it is one and it decodes.
pub async fn shared_from(fragment: &str) -> Option<crate::share::Shared> {
    use crate::share::{payload_of, unpack, Packing, MAX_PAYLOAD};
    let (packing, bytes) = payload_of(fragment)?;
    let raw = match packing {
        Packing::Deflate => deflate_raw(&bytes, false, MAX_PAYLOAD).await?,
        Packing::Plain => bytes,
    };
    unpack(&raw)
}

/// The share URL of a comparison: this page's address with `#compare=…` (never a token).
pub async fn pair_url(pair: &crate::compare::Pair) -> Option<String> {
    use crate::compare::{fragment_for, pack_pair};
    use crate::share::Packing;
    let packed = pack_pair(pair);
    let fragment = match deflate_raw(&packed, true, usize::MAX).await {
        Some(compressed) => fragment_for(Packing::Deflate, &compressed),
        None => fragment_for(Packing::Plain, &packed),
    };
    Some(format!("{}#{fragment}", base_url()))
}

/// The comparison in a `#compare=…` fragment, if it is one and it decodes.
pub async fn pair_from(fragment: &str) -> Option<crate::compare::Pair> {
    use crate::compare::{payload_of, unpack_pair};
    use crate::share::{Packing, MAX_PAYLOAD};
    let (packing, bytes) = payload_of(fragment)?;
    let raw = match packing {
        Packing::Deflate => deflate_raw(&bytes, false, MAX_PAYLOAD).await?,
        Packing::Plain => bytes,
    };
    unpack_pair(&raw)
}
