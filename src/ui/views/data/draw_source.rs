//! The examples drawn in total and where the number comes from: typed, or the Steps view's run.

use leptos::prelude::*;

use super::{Draws, MixState};
use crate::core::format::{fmt_compact, fmt_int, fmt_number};
use crate::ui::browser;
use crate::ui::components::figure::Figure;
use crate::ui::i18n::{Lang, error_message, fill, texts};
use crate::ui::state::{AppState, View};

/// The total-draws figure with its source and a switch between the two sources.
#[component]
pub fn DrawSource(
    /// The view's state.
    m: MixState,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let strings = move || texts(state.lang.get());
    // The last total known, kept (marked stale) while the current one cannot be read, like every
    // figure: a bad value typed in `draw` does not blank the number.
    let total: Memo<Option<f64>> = Memo::new(move |prev: Option<&Option<f64>>| {
        m.draws.with(Draws::total).or(prev.copied().flatten())
    });
    let total = move || total.get();
    let raw = Signal::derive(move || total().map_or(String::new(), |t| t.to_string()));
    let shown = Signal::derive(move || {
        total().map_or("—".into(), |t| {
            if t < 1e6 {
                fmt_number(t)
            } else {
                fmt_compact(t, state.lang.get() == Lang::Zh)
            }
        })
    });
    let unit = Signal::derive(move || strings().data().unit_examples);
    let missing = Signal::derive(move || m.draws.with(Draws::total).is_none());
    let source_key = move || match m.draws.get() {
        Draws::Typed(_) => "typed",
        Draws::Steps(_) => "steps",
    };
    let source_text = move || {
        let t = &strings().data();
        match m.draws.get() {
            Draws::Typed(_) => t.source_typed.to_string(),
            Draws::Steps(Ok((eb, updates, _))) => fill(
                t.source_steps,
                &[
                    ("eb", &fmt_int(u128::from(eb))),
                    ("updates", &fmt_int(u128::from(updates))),
                ],
            ),
            // Which Steps value is at fault, and why, in the reader's language.
            Draws::Steps(Err(e)) => format!(
                "{} ({}: {})",
                t.source_steps_bad,
                e.field,
                error_message(state.lang.get(), &e)
            ),
        }
    };
    let buttons = move || {
        let t = &strings().data();
        match m.draws.get() {
            Draws::Typed(_) => view! {
                <button type="button" class="action" data-testid="mix-use-steps" on:click=move |_| m.p.draw.value.set(String::new())>
                    {t.use_steps}
                </button>
            }
            .into_any(),
            Draws::Steps(s) => {
                let fixed = s.ok().map(|(_, _, total)| total);
                view! {
                    <button
                        type="button"
                        class="action"
                        data-testid="mix-type-total"
                        on:click=move |_| m.p.draw.value.set(fixed.map_or("100000".into(), |t| t.to_string()))
                    >
                        {t.keep_typed}
                    </button>
                    <button type="button" class="action" data-testid="mix-open-steps" on:click=move |_| browser::navigate(&browser::href_with(&state.pairs_to(View::Steps)))>
                        {t.open_steps}
                    </button>
                }
                .into_any()
            }
        }
    };
    view! {
        <div class="figures">
            <Figure testid="mix-draws" raw=raw shown=shown unit=unit text=|s| &s.data().draws_fig stale=missing/>
            <div class="draw-source">
                <p data-testid="mix-draw-source" data-value=source_key>{source_text}</p>
                <div class="table-actions">{buttons}</div>
            </div>
        </div>
    }
}
