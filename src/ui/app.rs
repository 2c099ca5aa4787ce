//! The page shell: header with navigation and switches, the page's view, and the footer.
//!
//! Each view is a page of its own, built as a WebAssembly module of its own (see `ui::mount`): the
//! navigation links load the other pages with the same query string, so the scenario carries over.

use leptos::prelude::*;

use super::browser;
use super::components::later::later;
use super::components::notice::BadParamsNotice;
use super::components::share::Share;
use super::formulas::page_file;
use super::i18n::{Lang, texts};
use super::state::{AppState, Page, Theme, View, hide_words};

/// Where the Simulator's measured noise scale waits for the Batch & LR page (session storage).
const NOISE_KEY: &str = "batch-lab:measured-noise";

/// One page of the app: the shell around `page`'s view, whose content `render` builds.
///
/// `render` is passed in rather than chosen here so that a page's module links only its own view.
#[component]
pub fn App(
    /// The view this page shows and its parameter set.
    page: Page,
    /// Builds the view's content.
    render: fn() -> AnyView,
) -> impl IntoView {
    // One media-query listener keeps the system flag current (an event source, not an effect).
    let system_dark = RwSignal::new(false);
    let dark_now = browser::watch_dark_scheme(move |dark| system_dark.set(dark));
    system_dark.set(dark_now);
    let state = AppState {
        system_dark,
        ..AppState::load_search(
            &browser::search(),
            &browser::browser_language(),
            dark_now,
            page,
        )
    };
    // The Simulator publishes its measured noise scale for the Batch & LR page, which is another
    // page load away: it travels through the tab's session storage.
    if let Some(noise) = browser::session_get(NOISE_KEY)
        .and_then(|t| t.parse::<f64>().ok())
        .filter(|b| b.is_finite() && *b > 0.0)
    {
        state.measured_noise.set(Some(noise));
    }
    provide_context(state);
    // The other views' parameters are checked once this page is built.
    set_timeout(move || state.check_other_views(), std::time::Duration::ZERO);
    // `embed` and `hide` are fixed for the page's life: mark the document once.
    browser::set_embed_attrs(state.embed, &hide_words(state.hide, " "));

    // Outside world: the URL, the session's noise scale, and the document's language and theme.
    Effect::new(move |_| browser::replace_query(&state.query_pairs()));
    Effect::new(move |_| {
        if let Some(noise) = state.measured_noise.get() {
            browser::session_set(NOISE_KEY, &noise.to_string());
        }
    });
    Effect::new(move |_| {
        browser::set_document_attrs(state.lang.get().key(), state.theme.get().key())
    });

    let strings = move || texts(state.lang.get());
    let share = (!state.embed).then(|| view! { <div class="share-bar"><Share/></div> });
    view! {
        <a class="skip" href="#main">{move || strings().shell().skip}</a>
        <SiteHeader/>
        <BadParamsNotice/>
        <main id="main">
            {share}
            {render()}
        </main>
        // Last, after every part of the view built later (`later`), so it never moves once shown.
        {later(move || view! { <SiteFooter/> }.into_any())}
    }
}

/// The header: the name, the view tabs (links to the other pages in the same state), an embed's
/// way out, and the language and theme switches.
#[component]
fn SiteHeader() -> impl IntoView {
    let state = expect_context::<AppState>();
    let strings = move || texts(state.lang.get());
    let nav = View::ALL
        .into_iter()
        .map(|v| {
            view! {
                <a
                    href=move || browser::href_with(&state.pairs_to(v))
                    data-testid=format!("nav-{}", v.key())
                    aria-current=(v == state.view).then_some("page")
                >
                    {move || strings().shell().nav_name(v)}
                </a>
            }
        })
        .collect_view();
    // An embed's way out: the full app in the same state, in a new tab (never the parent page).
    let open_full = state.embed.then(|| {
        view! {
            <a
                class="open-full"
                data-testid="open-full"
                href=move || browser::href_with(&state.full_pairs())
                target="_blank"
                rel="noopener"
                aria-label=move || strings().share().open_full_label
            >
                {move || strings().share().open_full}
            </a>
        }
    });
    view! {
        <header class="site-head">
            <div class="brand">
                <h1>{move || strings().shell().name}</h1>
                <p class="tagline">{move || strings().shell().tagline}</p>
            </div>
            <nav data-testid="nav" aria-label=move || strings().shell().nav_label>{nav}</nav>
            {open_full}
            <div class="switches">
                <LangSwitch/>
                <ThemeSwitch/>
            </div>
        </header>
    }
}

/// One button per language, each labelled in its own language.
#[component]
fn LangSwitch() -> impl IntoView {
    let state = expect_context::<AppState>();
    let buttons = Lang::ALL
        .into_iter()
        .map(|lang| {
            view! {
                <button
                    type="button"
                    data-testid=format!("lang-{}", lang.key())
                    aria-pressed=move || (state.lang.get() == lang).to_string()
                    on:click=move |_| state.lang.set(lang)
                >
                    {lang.switch_label()}
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="lang-switch" role="group" aria-label=move || texts(state.lang.get()).shell().lang_label>
            {buttons}
        </div>
    }
}

/// The theme: automatic (the system's), light or dark.
#[component]
fn ThemeSwitch() -> impl IntoView {
    let state = expect_context::<AppState>();
    let strings = move || texts(state.lang.get());
    let options = move || {
        Theme::ALL
            .into_iter()
            .map(|th| {
                let name = match th {
                    Theme::Auto => strings().shell().theme_auto,
                    Theme::Light => strings().shell().theme_light,
                    Theme::Dark => strings().shell().theme_dark,
                };
                view! { <option value=th.key() selected=move || state.theme.get() == th>{name}</option> }
            })
            .collect_view()
    };
    view! {
        <label class="theme-switch">
            <span>{move || strings().shell().theme_label}</span>
            <select
                data-testid="theme"
                on:change=move |ev| {
                    if let Some(th) = Theme::parse(&event_target_value(&ev)) {
                        state.theme.set(th);
                    }
                }
            >
                {options}
            </select>
        </label>
    }
}

/// The footer: the sources, a note, and the link to the formulas page.
#[component]
fn SiteFooter() -> impl IntoView {
    let state = expect_context::<AppState>();
    let strings = move || texts(state.lang.get());
    view! {
        <footer class="site-foot">
            <h2>{move || strings().shell().sources}</h2>
            <ul>{move || strings().shell().source_items.iter().map(|s| view! { <li>{*s}</li> }).collect_view()}</ul>
            <p>{move || strings().shell().footer_note}</p>
            <p>
                <a data-testid="formulas" href=move || page_file(state.lang.get())>
                    {move || strings().shell().formulas}
                </a>
            </p>
        </footer>
    }
}
