//! Wiring: one `use_reducer` over [`State`], the report derived from the inputs with
//! `use_memo` (never stored), the fragment router, theme, clipboard and notices.

use std::rc::Rc;

use twilio_webhook_inspector::{inspect, Options, Report};
use yew::prelude::*;

use crate::compare::{self, Pair};
use crate::components::{
    catalog::CatalogBrowser,
    compare::ComparePage,
    gallery::Gallery,
    header::TopBar,
    input_panel::InputPanel,
    report_view::ReportView,
    timeline::{BackBar, ManyRc, TimelineView},
    Copy, ReportRc,
};
use crate::many;
use crate::redact::{self, ShareLink};
use crate::route;
use crate::share::{self, Shared};
use crate::state::{self, Action, Page, State};
use crate::{export, web};

/// Inputs at least this long are inspected after a short pause in typing.
const DEBOUNCE_FROM: usize = 8_000;

/// A change of at least this many characters at once is a paste (or a cut), not typing: it is
/// inspected at once.
const PASTE_JUMP: usize = 256;

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(state::apply(&self, action))
    }
}

/// Props of [`App`].
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The shared input the page was opened with (`#i=…`), already decoded.
    pub initial: Option<Shared>,
    /// The shared comparison the page was opened with (`#compare=…`), already decoded.
    #[prop_or_default]
    pub pair: Option<Pair>,
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let state = use_reducer(|| {
        let s = State::initial(web::load_theme());
        let hash = web::hash();
        let route = match (props.initial.clone(), props.pair.clone()) {
            (Some(shared), _) => state::Route::Shared(shared),
            (None, Some(pair)) => state::Route::ComparePair(Box::new(pair)),
            (None, None) => route::parse_fragment(&hash),
        };
        let s = state::apply(&s, Action::Route(route));
        state::apply(&s, Action::FocusField(route::focus_param(&hash)))
    });
    let dispatch: Callback<Action> = {
        let d = state.dispatcher();
        Callback::from(move |a: Action| {
            // Once the user edits a shared or example input, the fragment no longer describes
            // the page: drop it so a reload does not silently bring the old input back.
            if matches!(a, Action::SetInput(_) | Action::LoadExample(_)) {
                let h = web::hash();
                if h.starts_with("#i=") || h.starts_with("#example=") {
                    web::clear_hash();
                }
            }
            // Likewise a shared comparison, once either side is edited.
            if matches!(a, Action::EditPair(..)) && web::hash().starts_with("#compare=") {
                web::replace_hash("compare");
            }
            d.dispatch(a)
        })
    };

    // Router: follow fragment changes (links, back/forward); shared inputs decode async.
    {
        let d = state.dispatcher();
        use_effect_with((), move |_| {
            web::on_hash_change(move |h| {
                if compare::payload_of(&h).is_some() {
                    let d = d.clone();
                    yew::platform::spawn_local(async move {
                        if let Some(pair) = web::pair_from(&h).await {
                            d.dispatch(Action::Route(state::Route::ComparePair(Box::new(pair))));
                        }
                    });
                } else if share::payload_of(&h).is_some() {
                    let d = d.clone();
                    yew::platform::spawn_local(async move {
                        if let Some(shared) = web::shared_from(&h).await {
                            d.dispatch(Action::Route(state::Route::Shared(shared)));
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
    // The first timeline of a session would pay for compiling its code in the browser:
    // read a small generated one once the page has settled (pure computation, no output).
    use_effect_with((), |_| {
        yew::platform::spawn_local(async {
            yew::platform::time::sleep(std::time::Duration::from_millis(1500)).await;
            many::warm_up();
        });
    });
    // Theme: apply and remember the choice.
    use_effect_with(state.theme, |t| web::apply_theme(*t));
    // Notices disappear after a moment.
    {
        let d = state.dispatcher();
        use_effect_with(state.notice_seq, move |seq| {
            let seq = *seq;
            yew::platform::spawn_local(async move {
                yew::platform::time::sleep(std::time::Duration::from_millis(2600)).await;
                d.dispatch(Action::ClearNotice(seq));
            });
        });
    }

    // Typing in a large input is inspected once typing pauses (a 2,000-field body costs
    // ~200 ms per pass); everything under DEBOUNCE_FROM characters updates on every keystroke,
    // and a paste (a jump of PASTE_JUMP characters or more) is inspected at once.
    let settled = use_state(|| state.input.clone());
    let generation = use_mut_ref(|| 0u32);
    let seen_len = use_mut_ref(|| state.input.len());
    let jump = state.input.len().abs_diff(*seen_len.borrow()) >= PASTE_JUMP;
    {
        let settled = settled.clone();
        let generation = generation.clone();
        let seen_len = seen_len.clone();
        use_effect_with(state.input.clone(), move |input| {
            *generation.borrow_mut() += 1;
            let was = std::mem::replace(&mut *seen_len.borrow_mut(), input.len());
            if input.len() >= DEBOUNCE_FROM && input.len().abs_diff(was) >= PASTE_JUMP {
                settled.set(input.clone());
            } else if input.len() >= DEBOUNCE_FROM {
                let mine = *generation.borrow();
                let input = input.clone();
                yew::platform::spawn_local(async move {
                    yew::platform::time::sleep(std::time::Duration::from_millis(200)).await;
                    if *generation.borrow() == mine {
                        settled.set(input);
                    }
                });
            }
        });
    }
    let source = if state.input.len() < DEBOUNCE_FROM || jump {
        state.input.clone()
    } else {
        (*settled).clone()
    };

    // Many captures in one paste (the core's reader says so): the timeline view instead of
    // the report. Derived like the report, never stored.
    let many = use_memo(
        (source.clone(), state.format, state.kind.clone()),
        |(input, format, kind)| {
            let options = Options {
                format: *format,
                kind: kind.clone(),
                ..Options::default()
            };
            many::read(input, &options).map(Rc::new)
        },
    );
    let is_many = many.is_some();

    // The report: derived from the inputs, recomputed only when they change (a paste of many
    // captures is not inspected as one request).
    let report: Rc<Report> = use_memo(
        (source.clone(), state.options(), is_many),
        |(input, options, is_many)| inspect(if *is_many { "" } else { input }, options),
    );

    // The share link: derived from the inputs, compressed by the browser (async), so it is
    // kept in a local cache keyed by what it was computed from.
    let share_link = use_state(|| None::<ShareLink>);
    {
        let share_link = share_link.clone();
        let compare_page = state.page == Page::Compare;
        let key = (
            state.share_open,
            state.redact,
            state.shared(),
            compare_page.then(|| state.pair.clone()),
            is_many,
        );
        let report = report.clone();
        use_effect_with(key, move |(open, redact, shared, pair, is_many)| {
            // Never show (or copy) a link for older inputs while the new one is computed.
            share_link.set(None);
            if !*open {
                return;
            }
            // The compare page shares its two captures (`#compare=…`).
            if let Some(pair) = pair {
                let (payload, redaction) = if *redact {
                    let (p, r) = compare::redact_pair(pair);
                    (p, Some(r))
                } else {
                    (pair.clone(), None)
                };
                yew::platform::spawn_local(async move {
                    if let Some(url) = web::pair_url(&payload).await {
                        share_link.set(Some(ShareLink { url, redaction }));
                    }
                });
                return;
            }
            let (payload, redaction) = if *redact {
                // A timeline is redacted with the fields of every capture.
                let r = if *is_many {
                    many::redact_many(shared)
                } else {
                    redact::redact(shared, &report)
                };
                (r.shared.clone(), Some(r))
            } else {
                (shared.clone(), None)
            };
            yew::platform::spawn_local(async move {
                if let Some(url) = web::share_url(&payload).await {
                    share_link.set(Some(ShareLink { url, redaction }));
                }
            });
        });
    }

    let on_copy: Callback<Copy> = {
        let report = report.clone();
        let state = state.clone();
        let notify = state.dispatcher();
        let link = (*share_link).clone();
        Callback::from(move |what: Copy| {
            let (text, label) = match what {
                Copy::Json => (export::report_json(&report), "Report JSON copied"),
                // With a token, the replay carries a fresh signature over the request as
                // pasted (the core's `sign`); the token itself is never in the command.
                Copy::Curl => {
                    match twilio_webhook_inspector::sign(&state.input, &state.options()) {
                        Ok(signed) if state.token_count() > 0 => {
                            (signed.curl, "Signed curl command copied (no token)")
                        }
                        _ => (
                            export::curl(&report, &state.input),
                            "curl command copied (no token)",
                        ),
                    }
                }
                Copy::Link => match &link {
                    Some(l) => (l.url.clone(), "Link copied"),
                    None => return,
                },
            };
            let notify = notify.clone();
            web::copy(text, move |ok| {
                notify.dispatch(Action::Notify(Some(if ok {
                    label.to_string()
                } else {
                    "Could not copy: select the text and copy it yourself".to_string()
                })))
            });
        })
    };

    let on_toggle_theme = {
        let d = dispatch.clone();
        let theme = state.theme;
        Callback::from(move |_| d.emit(Action::SetTheme(theme.toggled(web::system_prefers_dark()))))
    };

    let page = match state.page {
        Page::Inspect if many.is_some() => html! {
            <div class="workspace">
                <InputPanel state={(*state).clone()} report={ReportRc(report.clone())} on_action={dispatch.clone()}
                            many={many.as_ref().as_ref().map(|m| AttrValue::from(many::format_name(m.format)))} />
                if let Some(m) = many.as_ref() {
                    <TimelineView
                        many={ManyRc(m.clone())}
                        ui={state.timeline.clone()}
                        share_open={state.share_open}
                        redact={state.redact}
                        share={(*share_link).clone()}
                        on_action={dispatch.clone()}
                        on_copy={on_copy.clone()}
                    />
                }
            </div>
        },
        Page::Inspect => html! {
            <>
            if let Some(stash) = &state.stash {
                <BackBar stash={(**stash).clone()} on_action={dispatch.clone()} />
            }
            <div class="workspace">
                <InputPanel state={(*state).clone()} report={ReportRc(report.clone())} on_action={dispatch.clone()} />
                <ReportView
                    report={ReportRc(report.clone())}
                    input={source.clone()}
                    show_raw={state.show_raw}
                    tokens={state.token_count()}
                    redact={state.redact}
                    share={(*share_link).clone()}
                    share_open={state.share_open}
                    on_action={dispatch.clone()}
                    on_copy={on_copy.clone()}
                    focus={state.field.clone()}
                />
            </div>
            </>
        },
        Page::Examples => html! { <Gallery current={state.example} /> },
        Page::Catalog => html! {
            <CatalogBrowser query={state.catalog_query.clone()} focus={state.focus.clone()} on_action={dispatch.clone()} />
        },
        Page::Compare => html! {
            <ComparePage
                pair={state.pair.clone()}
                tokens={state.options().auth_tokens}
                token={state.tokens[0].clone()}
                share_open={state.share_open}
                redact={state.redact}
                share={(*share_link).clone()}
                on_action={dispatch.clone()}
                on_copy={on_copy.clone()}
            />
        },
    };

    html! {
        <>
            <TopBar page={state.page} theme={state.theme} on_toggle_theme={on_toggle_theme} />
            <main id="main" class="page">
                { page }
            </main>
            <footer class="footer">
                <p>
                    { "Runs entirely in your browser. Nothing you paste is sent anywhere — the page's Content-Security-Policy forbids network connections. " }
                    { "Auth tokens stay in this tab's memory: never stored, never put in a link." }
                </p>
                <p class="muted">{ format!("twilio-webhook-inspector {}", report.tool_version) }</p>
            </footer>
            <div class="toast" role="status" aria-live="polite" data-testid="notice">
                if let Some(n) = &state.notice { <span>{ n.clone() }</span> }
            </div>
        </>
    }
}
