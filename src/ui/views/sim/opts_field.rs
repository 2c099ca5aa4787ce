//! The optimizers as a group of checkboxes, stored in the URL as a comma list (`opts`).

use leptos::prelude::*;

use super::SimCtx;
use crate::core::sim::optim::OptimizerKind;
use crate::ui::i18n::{error_message, texts};
use crate::ui::state::AppState;

/// The optimizers named in `text` (unknown words skipped), in [`OptimizerKind::ALL`] order.
fn listed(text: &str) -> Vec<OptimizerKind> {
    let words: Vec<&str> = text.split([',', '，']).map(str::trim).collect();
    OptimizerKind::ALL
        .into_iter()
        .filter(|k| words.contains(&k.key()))
        .collect()
}

/// One checkbox per optimizer.
#[component]
pub fn OptsField() -> impl IntoView {
    let state = expect_context::<AppState>();
    let ctx = expect_context::<SimCtx>();
    let param = ctx.p.opts;
    let strings = move || texts(state.lang.get());
    let error = ctx.error(&crate::core::params::sim::OPTS);
    let boxes = OptimizerKind::ALL
        .into_iter()
        .enumerate()
        .map(|(i, kind)| {
            let id = format!("f-opts-{}", kind.key());
            let toggle = move |ev| {
                let on = event_target_checked(&ev);
                let before = listed(&param.value.get_untracked());
                // The list stays in the order of `OptimizerKind::ALL`.
                let text: Vec<&str> = OptimizerKind::ALL
                    .into_iter()
                    .filter(|k| if *k == kind { on } else { before.contains(k) })
                    .map(OptimizerKind::key)
                    .collect();
                param.value.set(text.join(","));
            };
            view! {
                <label class="opt-box" for=id.clone()>
                    <input
                        id=id.clone()
                        type="checkbox"
                        data-testid=format!("input-opts-{}", kind.key())
                        prop:checked=move || listed(&param.value.get()).contains(&kind)
                        on:change=toggle
                    />
                    <span class=format!("opt-swatch opt-{i}")></span>
                    {move || strings().sim().opt_names.get(i).copied().unwrap_or("")}
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="field opts-field" data-testid="input-opts">
            <legend>{move || strings().sim().opts.label}</legend>
            <div class="opt-boxes">{boxes}</div>
            <p class="hint">{move || strings().sim().opts.hint}</p>
            <p class="error" role="alert" data-testid="error-opts">
                {move || error.get().map(|e| error_message(state.lang.get(), &e))}
            </p>
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_known_words_in_canonical_order() {
        assert_eq!(
            listed("adam, sgd,foo"),
            vec![OptimizerKind::Sgd, OptimizerKind::Adam]
        );
        assert!(listed("").is_empty());
    }
}
