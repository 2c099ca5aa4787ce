//! The sweep's per-optimizer critical batch and the measured noise scale, as figure cards.

use leptos::prelude::*;

use super::SimCtx;
use super::loss_panel::opt_index;
use crate::core::format::fmt_number;
use crate::core::sim::optim::OptimizerKind;
use crate::ui::components::figure::Figure;
use crate::ui::i18n::texts;
use crate::ui::state::AppState;

/// `critical-batch-<opt>` test ids, in [`OptimizerKind::ALL`] order.
const CRITICAL_IDS: [&str; 7] = [
    "critical-batch-sgd",
    "critical-batch-momentum",
    "critical-batch-nesterov",
    "critical-batch-adam",
    "critical-batch-adamw",
    "critical-batch-sophia",
    "critical-batch-lion",
];

/// The cards (shown once a sweep exists).
#[component]
pub fn NoiseFigures() -> impl IntoView {
    let state = expect_context::<AppState>();
    let ctx = expect_context::<SimCtx>();
    let engine = ctx.engine;
    let strings = move || texts(state.lang.get());
    let stale = Signal::derive(move || {
        let spec = ctx
            .checked
            .shown
            .with(|s| s.as_ref().map(|i| i.sweep_spec()));
        engine
            .sweep
            .with(|s| s.as_ref().is_some_and(|s| Some(&s.spec) != spec.as_ref()))
    });
    let noise = move || {
        engine
            .sweep
            .with(|s| s.as_ref().and_then(|s| s.result.noise))
    };
    let fig = move |f: fn(&crate::core::sim::problem::NoiseStats) -> Option<f64>| {
        (
            Signal::derive(move || {
                noise()
                    .and_then(|n| f(&n))
                    .map_or_else(String::new, |v| v.to_string())
            }),
            Signal::derive(move || {
                noise()
                    .and_then(|n| f(&n))
                    .map_or_else(|| "—".into(), |v| fmt_number(v.round()))
            }),
        )
    };
    let (bs_raw, bs_shown) = fig(|n| n.b_simple);
    let (bn_raw, bn_shown) = fig(|n| n.b_noise);
    let unit = Signal::derive(move || strings().sim().unit_examples);
    let critical = move || {
        let t = &strings().sim();
        let sweep = engine.sweep.get()?;
        Some(
            sweep
                .spec
                .optimizers
                .iter()
                .map(|&o: &OptimizerKind| {
                    let i = opt_index(o);
                    let fit = sweep.result.fit(o);
                    let raw = fit.map_or_else(String::new, |f| f.b_crit.to_string());
                    let shown = fit.map_or_else(|| "—".into(), |f| fmt_number(f.b_crit.round()));
                    view! {
                        <div class="figure" class:stale=move || stale.get()>
                            <div class="figure-value">
                                <output data-testid=CRITICAL_IDS.get(i).copied().unwrap_or("") data-value=raw>{shown}</output>
                                <span class="unit">{t.unit_examples}</span>
                            </div>
                            <div class="figure-label">
                                <span class=format!("opt-swatch opt-{i}")></span>
                                {t.critical_batch.label} " · " {t.opt_names.get(i).copied().unwrap_or("")}
                            </div>
                            <details class="why">
                                <summary>{strings().shell().why}</summary>
                                <p>{t.critical_batch.why}</p>
                            </details>
                        </div>
                    }
                })
                .collect_view(),
        )
    };
    view! {
        <Show when=move || engine.sweep.with(Option::is_some)>
            <div class="figures">
                <Figure testid="b-simple" raw=bs_raw shown=bs_shown unit=unit text=|s| &s.sim().b_simple stale=stale/>
                <Figure testid="b-noise" raw=bn_raw shown=bn_shown unit=unit text=|s| &s.sim().b_noise stale=stale/>
                {critical}
            </div>
        </Show>
    }
}
