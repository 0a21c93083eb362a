//! Wiring: one `use_reducer` over [`State`], the report derived from the inputs (`use_memo`,
//! or the inspection worker for a large paste: never stored), the fragment router, theme,
//! clipboard and notices.
//!
//! The hooks live in `app/hooks.rs` (router, warm-up, notices, the settled input, the share
//! link), the callbacks in `app/handlers.rs` (dispatch, clipboard, theme); this file holds
//! the component and the pages it shows.

mod handlers;
mod hooks;

use std::rc::Rc;

use twilio_webhook_inspector::{Options, Report};
use yew::prelude::*;

use crate::compare::Pair;
use crate::components::{
    catalog::CatalogBrowser,
    compare::ComparePage,
    footer::{Footer, Notice},
    gallery::Gallery,
    header::TopBar,
    input_panel::InputPanel,
    report_view::ReportView,
    timeline::{BackBar, ManyRc, TimelineView},
    Copy, ReportRc,
};
use crate::many::{self, Many};
use crate::offload::Shown;
use crate::redact::ShareLink;
use crate::route;
use crate::share::Shared;
use crate::state::{self, Action, Page, State};
use crate::web;

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

/// The state the page opens with: the theme saved, then what the address says (a shared
/// input or comparison decoded before the first render, else the fragment's route).
fn opening(props: &AppProps) -> State {
    let s = State::initial(web::load_theme());
    let hash = web::hash();
    let route = match (props.initial.clone(), props.pair.clone()) {
        (Some(shared), _) => state::Route::Shared(shared),
        (None, Some(pair)) => state::Route::ComparePair(Box::new(pair)),
        (None, None) => route::parse_fragment(&hash),
    };
    let s = state::apply(&s, Action::Route(route));
    state::apply(&s, Action::FocusField(route::focus_param(&hash)))
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let state = use_reducer(|| opening(props));
    let dispatch = handlers::dispatch(state.dispatcher());
    hooks::use_router(state.dispatcher());
    hooks::use_warm_up();
    // Theme: apply and remember the choice.
    use_effect_with(state.theme, |t| web::apply_theme(*t));
    hooks::use_notice_timer(state.dispatcher(), state.notice_seq);
    let source = hooks::use_settled_input(&state.input);

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

    // The report: derived from the inputs, recomputed only when they change; a large paste
    // is inspected in a worker (a paste of many captures is not inspected as one request).
    let shown = hooks::use_report(&source, state.options(), is_many);
    let report = shown.report.clone();
    let share = hooks::use_share_link(&state, &shown, is_many);
    let on_copy = handlers::copy(
        handlers::Copied {
            state: state.clone(),
            shown: shown.clone(),
            many: (*many).clone(),
            link: share.clone(),
        },
        state.dispatcher(),
    );
    let on_toggle_theme = handlers::toggle_theme(&dispatch, state.theme);
    let wiring = Wiring {
        state: &state,
        report: &report,
        shown: &shown,
        source: &source,
        many: many.as_ref().as_ref(),
        share,
        dispatch: &dispatch,
        on_copy: &on_copy,
    };

    html! {
        <>
            <TopBar page={state.page} theme={state.theme} on_toggle_theme={on_toggle_theme} />
            <main id="main" class="page">
                { page(&wiring) }
            </main>
            <Footer version={report.tool_version.clone()} />
            <Notice notice={state.notice.clone().map(AttrValue::from)} />
        </>
    }
}

/// What the pages are drawn from.
struct Wiring<'a> {
    state: &'a State,
    report: &'a Rc<Report>,
    /// The report with how it was made (fields left out, a paste still being inspected).
    shown: &'a Shown,
    /// The input the report was derived from.
    source: &'a str,
    many: Option<&'a Rc<Many>>,
    share: Option<ShareLink>,
    dispatch: &'a Callback<Action>,
    on_copy: &'a Callback<Copy>,
}

/// The visible page.
fn page(w: &Wiring) -> Html {
    let (state, dispatch) = (w.state, w.dispatch);
    match state.page {
        Page::Inspect => match w.many {
            Some(m) => timeline_page(w, m),
            None => inspect_page(w),
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
                share={w.share.clone()}
                on_action={dispatch.clone()}
                on_copy={w.on_copy.clone()}
            />
        },
    }
}

/// The inspector on a paste of many captures: the input panel and the timeline.
fn timeline_page(w: &Wiring, m: &Rc<Many>) -> Html {
    let state = w.state;
    html! {
        <div class="workspace">
            <InputPanel state={state.clone()} report={ReportRc(w.report.clone())} on_action={w.dispatch.clone()}
                        many={AttrValue::from(many::format_name(m.format))} />
            <TimelineView
                many={ManyRc(m.clone())}
                ui={state.timeline.clone()}
                share_open={state.share_open}
                redact={state.redact}
                share={w.share.clone()}
                on_action={w.dispatch.clone()}
                on_copy={w.on_copy.clone()}
            />
        </div>
    }
}

/// The inspector on one request: the way back to a timeline (when the request was opened
/// from one), the input panel and the report.
fn inspect_page(w: &Wiring) -> Html {
    let state = w.state;
    html! {
        <>
        if let Some(stash) = &state.stash {
            <BackBar stash={(**stash).clone()} on_action={w.dispatch.clone()} />
        }
        <div class="workspace">
            <InputPanel state={state.clone()} report={ReportRc(w.report.clone())} on_action={w.dispatch.clone()} />
            <ReportView
                report={ReportRc(w.report.clone())}
                omitted_fields={w.shown.omitted_fields}
                pending={w.shown.pending}
                failure={w.shown.failure.clone().map(AttrValue::from)}
                input={w.source.to_string()}
                show_raw={state.show_raw}
                tokens={state.token_count()}
                redact={state.redact}
                share={w.share.clone()}
                share_open={state.share_open}
                on_action={w.dispatch.clone()}
                on_copy={w.on_copy.clone()}
                focus={state.field.clone()}
            />
        </div>
        </>
    }
}
