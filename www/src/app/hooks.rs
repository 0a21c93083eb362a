//! The app's custom hooks: the fragment router, the warm-up, notices that fade, the input
//! as it settles while typing, and the share link (compressed by the browser, async).

use std::rc::Rc;

use twilio_webhook_inspector::{inspect, Options, Report};
use yew::prelude::*;

use crate::compare::{self, Pair};
use crate::many;
use crate::offload::{self, Shown};
use crate::redact::{self, ShareLink};
use crate::route;
use crate::share::{self, Shared};
use crate::state::{Action, Page, Route, State};
use crate::typing::{self, When};
use crate::web;

/// Follows fragment changes (links, back/forward); shared inputs and comparisons are
/// decompressed asynchronously.
#[hook]
pub fn use_router(d: UseReducerDispatcher<State>) {
    use_effect_with((), move |_| {
        web::on_hash_change(move |h| {
            if compare::payload_of(&h).is_some() {
                let d = d.clone();
                yew::platform::spawn_local(async move {
                    if let Some(pair) = web::pair_from(&h).await {
                        d.dispatch(Action::Route(Route::ComparePair(Box::new(pair))));
                    }
                });
            } else if share::payload_of(&h).is_some() {
                let d = d.clone();
                yew::platform::spawn_local(async move {
                    if let Some(shared) = web::shared_from(&h).await {
                        d.dispatch(Action::Route(Route::Shared(shared)));
                        d.dispatch(Action::FocusField(route::focus_param(&h)));
                    }
                });
            } else {
                d.dispatch(Action::Route(route::parse_fragment(&h)));
                d.dispatch(Action::FocusField(route::focus_param(&h)));
            }
        });
    });
}

/// The first timeline of a session would pay for compiling its code in the browser: read a
/// small generated one once the page has settled (pure computation, no output).
#[hook]
pub fn use_warm_up() {
    use_effect_with((), |_| {
        yew::platform::spawn_local(async {
            yew::platform::time::sleep(std::time::Duration::from_millis(1500)).await;
            many::warm_up();
        });
    });
}

/// Notices disappear after a moment (unless a newer one replaced them).
#[hook]
pub fn use_notice_timer(d: UseReducerDispatcher<State>, seq: u32) {
    use_effect_with(seq, move |seq| {
        let seq = *seq;
        yew::platform::spawn_local(async move {
            yew::platform::time::sleep(std::time::Duration::from_millis(2600)).await;
            d.dispatch(Action::ClearNotice(seq));
        });
    });
}

/// The input the report is derived from: `input` itself, except while the user types in a
/// large one ([`typing::when`]), where it is the last input typing paused on.
#[hook]
pub fn use_settled_input(input: &str) -> String {
    let settled = use_state(|| input.to_string());
    let generation = use_mut_ref(|| 0u32);
    let seen_len = use_mut_ref(|| input.len());
    let now = typing::when(input.len(), *seen_len.borrow());
    {
        let settled = settled.clone();
        let generation = generation.clone();
        let seen_len = seen_len.clone();
        use_effect_with(input.to_string(), move |input| {
            *generation.borrow_mut() += 1;
            let was = std::mem::replace(&mut *seen_len.borrow_mut(), input.len());
            match typing::when(input.len(), was) {
                When::Now => {}
                When::Pasted => settled.set(input.clone()),
                When::AfterPause => {
                    let mine = *generation.borrow();
                    let input = input.clone();
                    yew::platform::spawn_local(async move {
                        let pause = std::time::Duration::from_millis(typing::PAUSE_MS);
                        yew::platform::time::sleep(pause).await;
                        if *generation.borrow() == mine {
                            settled.set(input);
                        }
                    });
                }
            }
        });
    }
    match now {
        When::AfterPause => (*settled).clone(),
        When::Now | When::Pasted => input.to_string(),
    }
}

/// The share link of what the page shows, while the share panel is open: the compare page
/// shares its two captures (`#compare=…`), the inspector its input (`#i=…`; a timeline's
/// with its picked marks), redacted when asked (a timeline with the fields of every capture).
/// Derived from the inputs and compressed by the browser (async), so it is kept in a local
/// cache keyed by what it was computed from. Never a token.
#[hook]
pub fn use_share_link(state: &State, shown: &Shown, is_many: bool) -> Option<ShareLink> {
    let share_link = use_state(|| None::<ShareLink>);
    let compare_page = state.page == Page::Compare;
    let key = (
        state.share_open,
        state.redact,
        state.shared(),
        compare_page.then(|| state.pair.clone()),
        is_many,
    );
    let link = share_link.clone();
    let shown = shown.clone();
    use_effect_with(key, move |(open, redact, shared, pair, is_many)| {
        // Never show (or copy) a link for older inputs while the new one is computed.
        link.set(None);
        if !*open {
            return;
        }
        match pair {
            Some(pair) => share_pair(pair, *redact, link),
            None => share_input(shared, *redact, *is_many, &shown, link),
        }
    });
    (*share_link).clone()
}

/// Computes the `#compare=…` link of `pair` into `link`.
fn share_pair(pair: &Pair, redact: bool, link: UseStateHandle<Option<ShareLink>>) {
    let (payload, redaction) = if redact {
        let (p, r) = compare::redact_pair(pair);
        (p, Some(r))
    } else {
        (pair.clone(), None)
    };
    yew::platform::spawn_local(async move {
        if let Some(url) = web::pair_url(&payload).await {
            link.set(Some(ShareLink { url, redaction }));
        }
    });
}

/// Computes the `#i=…` link of `shared` into `link`.
fn share_input(
    shared: &Shared,
    redact: bool,
    is_many: bool,
    shown: &Shown,
    link: UseStateHandle<Option<ShareLink>>,
) {
    let (payload, redaction) = if redact {
        // A timeline is redacted with the fields of every capture.
        let r = if is_many {
            many::redact_many(shared)
        } else {
            // Every field of the report, so that none escapes redaction.
            redact::redact(shared, &shown.full())
        };
        (r.shared.clone(), Some(r))
    } else {
        (shared.clone(), None)
    };
    yew::platform::spawn_local(async move {
        if let Some(url) = web::share_url(&payload).await {
            link.set(Some(ShareLink { url, redaction }));
        }
    });
}

/// The report of `source` with `options`: inspected in the page, or — for a large paste
/// ([`offload::wants_worker`]) — in the inspection worker, so the page never freezes. While
/// the worker works, the report is that of an empty input and `pending` holds the paste's
/// size; when no worker can run, the page inspects the paste itself. A paste of many captures
/// (`is_many`) is not inspected as one request.
#[hook]
pub fn use_report(source: &str, options: Options, is_many: bool) -> Shown {
    let offloaded = !is_many && offload::wants_worker(source.len());
    let here = if is_many || offloaded { "" } else { source };
    let in_page = use_memo((here.to_string(), options.clone()), |(input, options)| {
        shown(inspect(input, options), 0, input, options)
    });
    let answer = use_state(|| None::<Shown>);
    let seq = use_mut_ref(|| 0u32);
    {
        let answer = answer.clone();
        let job = offloaded.then(|| source.to_string());
        use_effect_with((job, options.clone()), move |(job, options)| {
            *seq.borrow_mut() += 1;
            let Some(input) = job else { return };
            // The same input again (the page came back to it): the answer stands.
            if answer
                .as_ref()
                .is_some_and(|a| a.source.0 == *input && a.source.1 == *options)
            {
                return;
            }
            let mine = *seq.borrow();
            let reply = answer.clone();
            let for_reply = Rc::new((input.clone(), options.clone()));
            let started = crate::worker::inspect(mine, input, options, move |outcome| {
                if *seq.borrow() != mine {
                    return;
                }
                let (input, options) = &*for_reply;
                reply.set(Some(match outcome {
                    Ok(w) => shown(w.report, w.omitted_fields, input, options),
                    // The worker failed: inspect here (correct first, smooth second).
                    Err(e) => Shown {
                        failure: Some(e),
                        ..shown(inspect(input, options), 0, input, options)
                    },
                }));
            });
            if let Err(e) = started {
                answer.set(Some(Shown {
                    failure: Some(e),
                    ..shown(inspect(input, options), 0, input, options)
                }));
            }
        });
    }
    if !offloaded {
        return (*in_page).clone();
    }
    match &*answer {
        Some(a) if a.source.0 == source && a.source.1 == options => a.clone(),
        // Not answered yet: the empty report, with the size being inspected.
        _ => Shown {
            pending: Some(source.len()),
            ..(*in_page).clone()
        },
    }
}

/// A [`Shown`] of `report`, the report of `input` with `options`.
fn shown(report: Report, omitted_fields: usize, input: &str, options: &Options) -> Shown {
    Shown {
        report: Rc::new(report),
        omitted_fields,
        pending: None,
        failure: None,
        source: Rc::new((input.to_string(), options.clone())),
    }
}
