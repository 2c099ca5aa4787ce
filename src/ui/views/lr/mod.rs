//! The Batch & LR view: the maximum step size, ε_opt(B) and the critical batch, a noise-scale
//! estimator and learning-rate scaling rules — four sections, one component each.

mod chart_figure;
mod critical;
mod estimator;
mod max_step;
mod max_step_charts;
mod scaling;

use leptos::prelude::*;

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

/// A figure read from a section's last good result: its `data-value` (empty until there is a
/// result, or when `f` has no value) and its visible text (`—` then), formatted by `format`.
pub(crate) fn figure_pair<T>(
    shown: Memo<Option<T>>,
    f: fn(&T) -> Option<f64>,
    format: fn(f64) -> String,
) -> (Signal<String>, Signal<String>)
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let value = move || shown.with(|s| s.as_ref().and_then(f));
    (
        Signal::derive(move || value().map_or(String::new(), raw_real)),
        Signal::derive(move || value().map_or_else(|| "—".to_string(), format)),
    )
}

/// A section's form: its fields under an accessible name made of "Inputs" and the heading.
#[component]
pub(crate) fn SectionForm(
    /// The section's heading (for the form's accessible name).
    #[prop(into)]
    heading: Signal<&'static str>,
    children: Children,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let label = move || {
        format!(
            "{} · {}",
            texts(state.lang.get()).shell().inputs,
            heading.get()
        )
    };
    view! {
        <form class="controls" aria-label=label on:submit=|ev| ev.prevent_default()>
            {children()}
        </form>
    }
}

/// The badge that says the figures below are the last valid input's.
#[component]
pub(crate) fn StaleBadge(
    /// Whether the section's input is invalid.
    #[prop(into)]
    stale: Signal<bool>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <p class="stale-badge" class:hidden=move || !stale.get()>{move || texts(state.lang.get()).shell().stale}</p>
    }
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
}
