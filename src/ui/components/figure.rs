//! A figure card: a big number with its unit, a one-line label and a "why?" note that links to
//! the figure's entry on the "Formulas and sources" page (`ui::formulas`).

use leptos::prelude::*;

use crate::ui::formulas::{formula_for, formula_href};
use crate::ui::i18n::FigureText;
use crate::ui::i18n::{Strings, texts};
use crate::ui::state::AppState;

/// A computed figure. `data-testid` names it and `data-value` holds the raw number (integers
/// exact, no separators) for course pages and tests; the visible text is formatted for reading.
#[component]
pub fn Figure(
    /// The public name of the figure (`data-testid`).
    testid: &'static str,
    /// The raw number as text.
    #[prop(into)]
    raw: Signal<String>,
    /// The number formatted for reading.
    #[prop(into)]
    shown: Signal<String>,
    /// The unit after the number.
    #[prop(into)]
    unit: Signal<&'static str>,
    /// Picks the label and "why?" note.
    text: fn(&'static Strings) -> &'static FigureText,
    /// Whether the value is kept from the last valid input.
    #[prop(into)]
    stale: Signal<bool>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let strings = move || texts(state.lang.get());
    // The page's view is fixed for its life (another view is another page).
    let entry = formula_for(state.view, testid);
    // In an embed the entry opens in a new tab, so the frame keeps the app.
    let new_tab = state.embed;
    let source = entry.map(|id| {
        view! {
            <a
                class="formula-link"
                href=move || formula_href(state.lang.get(), id)
                target=new_tab.then_some("_blank")
                rel=new_tab.then_some("noopener")
            >
                {move || strings().shell().formula_link}
            </a>
        }
    });
    view! {
        <div class="figure" class:stale=move || stale.get()>
            <div class="figure-value">
                <output data-testid=testid data-value=move || raw.get() data-stale=move || stale.get().to_string()>
                    {move || shown.get()}
                </output>
                <span class="unit">{move || unit.get()}</span>
            </div>
            <div class="figure-label">{move || text(strings()).label}</div>
            <details class="why">
                <summary>{move || strings().shell().why}</summary>
                <p>{move || text(strings()).why}</p>
                {source}
            </details>
        </div>
    }
}
