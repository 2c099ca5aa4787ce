//! The multilingual name of the temperature: α = 1/T, with mT5, XLM-R and mBERT as presets.

use leptos::prelude::*;

use super::MixState;
use crate::core::format::fmt_number;
use crate::core::mix::{MBERT_S, MT5_ALPHA};
use crate::ui::components::figure::Figure;
use crate::ui::i18n::texts;
use crate::ui::state::AppState;

/// The α figure and the aside that says α and T are one rule.
#[component]
pub fn AlphaAside(
    /// The view's state.
    m: MixState,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let strings = move || texts(state.lang.get());
    let alpha = move || m.plan.shown.with(|p| p.as_ref().map(|p| p.alpha));
    let raw = Signal::derive(move || alpha().map_or(String::new(), |a| a.to_string()));
    let shown = Signal::derive(move || alpha().map_or("—".into(), fmt_number));
    let unit = Signal::derive(move || strings().data().unit_none);
    // α → T = 1/α (the mT5 code writes DEFAULT_TEMPERATURE = 1.0/0.3).
    let set_alpha = move |a: f64| {
        m.p.mix.value.set("examples".into());
        m.p.t.value.set((1.0 / a).to_string());
    };
    let presets = [MT5_ALPHA, MBERT_S, 1.0];
    view! {
        <div class="aside alpha-aside">
            <strong>{move || strings().data().alpha_title}</strong>
            <p class="alpha-body" data-testid="mix-alpha-body">{move || strings().data().alpha_body}</p>
            <div class="figures">
                <Figure testid="mix-alpha" raw=raw shown=shown unit=unit text=|s| &s.data().alpha_fig stale=m.plan.stale/>
            </div>
            <div class="table-actions">
                {presets
                    .into_iter()
                    .enumerate()
                    .map(|(i, a)| view! {
                        <button type="button" class="action" data-testid=format!("mix-alpha-preset-{i}") on:click=move |_| set_alpha(a)>
                            {move || strings().data().alpha_presets[i]}
                        </button>
                    })
                    .collect_view()}
            </div>
        </div>
    }
}
