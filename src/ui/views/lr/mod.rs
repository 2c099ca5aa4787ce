//! The Batch & LR view: the maximum step size, ε_opt(B) and the critical batch, a noise-scale
//! estimator and learning-rate scaling rules — four sections, one component each.

mod chart_figure;
mod critical;
mod estimator;
mod max_step;
mod max_step_charts;
mod scaling;

use leptos::prelude::*;

use crate::core::error::InputError;
use crate::ui::components::later::later;
use crate::ui::i18n::texts;
pub use crate::ui::params::lr::LrParams;
use crate::ui::state::AppState;

use critical::CriticalSection;
use estimator::EstimatorSection;
use max_step::MaxStepSection;
use scaling::ScalingSection;

/// A real number for `data-value`: rounded to 12 significant digits (so float noise such as
/// 0.6000000000000001 reads 0.6) and written in Rust's shortest form; empty if not finite.
pub(crate) fn raw_real(x: f64) -> String {
    if !x.is_finite() {
        return String::new();
    }
    format!("{x:.11e}")
        .parse::<f64>()
        .map_or(String::new(), |v| v.to_string())
}

/// `text` with each `{key}` replaced by its value.
pub(crate) fn fill(text: &str, pairs: &[(&str, String)]) -> String {
    pairs.iter().fold(text.to_string(), |t, (k, v)| {
        t.replace(&format!("{{{k}}}"), v)
    })
}

/// The error for `key` among `errors`, if any.
pub(crate) fn find_error(errors: &[InputError], key: &str) -> Option<InputError> {
    errors.iter().find(|e| e.field == key).cloned()
}

/// The view as a page's content (see `ui::mount`).
pub fn page() -> AnyView {
    view! { <LrView/> }.into_any()
}

/// The Batch & LR view.
#[component]
pub fn LrView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let strings = move || texts(state.lang.get());
    view! {
        <section class="view" data-testid="view-lr">
            <header class="view-head">
                <h2>{move || strings().lr().title}</h2>
                <p class="lead">{move || strings().lr().lead}</p>
            </header>
            <MaxStepSection/>
            {later(move || view! {
                <CriticalSection/>
                <EstimatorSection/>
                <ScalingSection/>
                <section class="notes">
                    <h3>{move || strings().lr().notes_title}</h3>
                    {move || strings().lr().notes.iter().map(|(h, body)| view! { <div class="note"><h4>{*h}</h4><p>{*body}</p></div> }).collect_view()}
                </section>
            }.into_any())}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_reals_drop_float_noise() {
        // Malladi et al. 2022 with κ = 4: β₁ = 1 − 4·(1 − 0.9) = 0.6, computed as 0.6000000000000001.
        assert_eq!(raw_real(1.0 - 4.0 * (1.0 - 0.9)), "0.6");
        assert_eq!(raw_real(5e-9), "0.000000005");
        assert_eq!(raw_real(1000.0), "1000");
        assert_eq!(raw_real(8.0 / 58.0), "0.137931034483");
        assert_eq!(raw_real(f64::NAN), "");
        assert_eq!(raw_real(-2.5), "-2.5");
    }

    #[test]
    fn placeholders() {
        assert_eq!(
            fill(
                "B = {b}, {b}; {s}×",
                &[("b", "8".into()), ("s", "2".into())]
            ),
            "B = 8, 8; 2×"
        );
    }
}
