//! The page's side of the inspection worker (`www/worker.js`): one dedicated module worker,
//! started by `boot.js` while the page may still fetch (it loads the JS glue at once, so the
//! page fetches nothing after its lock-down), that instantiates this same wasm module on the
//! first large paste (the page sends it the compiled `WebAssembly.Module`, so nothing is
//! downloaded or compiled twice) and runs [`crate::offload::run`]. Jobs run one after the
//! other; the answer to a job a newer one replaced is dropped. A worker that fails is
//! dropped, and the next large paste starts a new one.

use std::cell::RefCell;

use twilio_webhook_inspector::Options;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, MessageEvent, Worker, WorkerOptions, WorkerType};

use crate::offload::{self, Windowed};

type Done = Box<dyn FnOnce(Result<Windowed, String>)>;

/// The worker and its event handlers (kept alive as long as it runs).
struct Running {
    worker: Worker,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

thread_local! {
    static RUNNING: RefCell<Option<Running>> = const { RefCell::new(None) };
    /// The job waiting for an answer, and what to do with it.
    static WAITING: RefCell<Option<(u32, Done)>> = const { RefCell::new(None) };
}

/// Inspects `input` with `options` in the worker; `done` gets the report unless a newer job
/// replaced this one first. `Err` when no worker can be started (the caller then inspects
/// in the page).
pub fn inspect(
    seq: u32,
    input: &str,
    options: &Options,
    done: impl FnOnce(Result<Windowed, String>) + 'static,
) -> Result<(), String> {
    let worker = match RUNNING.with(|r| r.borrow().as_ref().map(|r| r.worker.clone())) {
        Some(w) => w,
        None => {
            let running = start()?;
            let w = running.worker.clone();
            RUNNING.with(|r| *r.borrow_mut() = Some(running));
            w
        }
    };
    WAITING.with(|w| *w.borrow_mut() = Some((seq, Box::new(done))));
    let job = message(&[
        ("type", "job".into()),
        ("seq", seq.into()),
        ("input", input.into()),
        ("options", offload::options_json(options).into()),
    ]);
    worker.post_message(&job).map_err(|e| {
        WAITING.with(|w| w.borrow_mut().take());
        describe(&e)
    })
}

/// Stops the worker (a busy one is abandoned with its job).
fn stop() {
    if let Some(r) = RUNNING.with(|r| r.borrow_mut().take()) {
        r.worker.terminate();
    }
}

/// The worker `boot.js` started (taken once), or a new one; then it gets the module and the
/// URL of its JavaScript glue.
fn start() -> Result<Running, String> {
    let glue = glue_url().ok_or("the page has no boot script to start a worker from")?;
    let worker = match started_by_boot() {
        Some(w) => w,
        None => {
            let options = WorkerOptions::new();
            options.set_type(WorkerType::Module);
            Worker::new_with_options(&resolve("worker.js")?, &options).map_err(|e| describe(&e))?
        }
    };
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
        // Answers are text; the worker's other messages (glue loaded) are not for us.
        let Some(text) = event.data().as_string() else {
            return;
        };
        match offload::read_reply(&text) {
            Ok(reply) => finish(Some(reply.seq), reply.outcome),
            Err(e) => finish(None, Err(e)),
        }
    });
    let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(|event: ErrorEvent| {
        // A worker that failed is not reused.
        stop();
        finish(
            None,
            Err(format!("the worker stopped: {}", event.message())),
        );
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let init = message(&[
        ("type", "init".into()),
        ("module", wasm_bindgen::module()),
        ("js", resolve(&glue)?.into()),
    ]);
    worker.post_message(&init).map_err(|e| describe(&e))?;
    Ok(Running {
        worker,
        _on_message: on_message,
        _on_error: on_error,
    })
}

/// The worker `boot.js` started, taken from the page's global scope (only once: a worker
/// that failed is not reused).
fn started_by_boot() -> Option<Worker> {
    const NAME: &str = "twilioInspectorWorker";
    let global = js_sys::global();
    let worker = js_sys::Reflect::get(&global, &JsValue::from_str(NAME))
        .ok()?
        .dyn_into::<Worker>()
        .ok()?;
    let _ = js_sys::Reflect::delete_property(&global, &JsValue::from_str(NAME));
    Some(worker)
}

/// Hands the answer to the waiting job (`seq`: the job it answers; `None`: whichever waits).
fn finish(seq: Option<u32>, outcome: Result<Windowed, String>) {
    let waiting = WAITING.with(|w| {
        let mut w = w.borrow_mut();
        match (&*w, seq) {
            (Some((mine, _)), Some(s)) if *mine != s => None,
            _ => w.take(),
        }
    });
    if let Some((_, done)) = waiting {
        done(outcome);
    }
}

/// A plain object of `fields`.
fn message(fields: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in fields {
        // Setting a property on a fresh plain object cannot fail.
        let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o.into()
}

/// The URL of the app's JavaScript glue, as `boot.js` imported it (`data-js`).
fn glue_url() -> Option<String> {
    web_sys::window()?
        .document()?
        .get_element_by_id("boot")?
        .get_attribute("data-js")
}

/// `path` resolved against this page's address.
fn resolve(path: &str) -> Result<String, String> {
    web_sys::Url::new_with_base(path, &crate::web::base_url())
        .map(|u| u.href())
        .map_err(|e| describe(&e))
}

fn describe(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| format!("{e:?}"))
}
