//! A figure card: a big number with its unit, a one-line label and a "why?" note.

use leptos::prelude::*;

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
            </details>
        </div>
    }
}
