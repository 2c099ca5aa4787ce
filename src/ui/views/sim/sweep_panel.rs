//! The learning-rate sweep chart for one optimizer at a time, with SGD's noise-floor rate.

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;

use super::SimCtx;
use super::engine::SweepOut;
use super::loss_panel::{dash_of, opt_index, shade_of};
use crate::chart::AxisLabels;
use crate::chart::sim::lr_sweep::{self, SweepLine, SweepPlot};
use crate::core::sim::critical_story::noise_floor_rate;
use crate::core::sim::optim::OptimizerKind;
use crate::ui::components::chart_canvas::{ChartCanvas, ChartFn, ChartJob};
use crate::ui::i18n::{error_message, fill, texts};
use crate::ui::state::AppState;

/// The optimizer to show: the `sweep_opt` choice if it was swept, else the first swept.
fn chosen(sweep: &SweepOut, choice: Option<OptimizerKind>) -> Option<OptimizerKind> {
    choice
        .filter(|c| sweep.spec.optimizers.contains(c))
        .or_else(|| sweep.spec.optimizers.first().copied())
}

/// For plain SGD, the rate whose noise floor is the target: ε = 4·B·L/tr Σ
/// ([`crate::core::sim::critical_story::noise_floor_rate`], the steady-state loss ε·tr Σ/(4B) of a
/// constant rate; Zhang et al. 2019), capped at the cell's largest stable rate (the curvature
/// ceiling), with tr Σ as measured and L the sweep's target. The greedy one-step rate of
/// McCandlish et al. 2018, eq. 2.6, is not drawn: with the B_noise measured at the target it sits
/// far below the best constant rates (see [`crate::core::sim::critical_story`]). Other optimizers
/// have no such line.
fn theory(sweep: &SweepOut, opt: OptimizerKind, b: usize) -> Option<f64> {
    if opt != OptimizerKind::Sgd {
        return None;
    }
    let cap = sweep.result.cell(opt, b)?.max_stable_lr()?;
    let noise = sweep.result.noise?;
    let e = noise_floor_rate(sweep.spec.target, noise.trace_cov, b as f64).min(cap);
    (e > 0.0 && e.is_finite()).then_some(e)
}

/// The sweep chart.
#[component]
pub fn SweepPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let ctx = expect_context::<SimCtx>();
    let engine = ctx.engine;
    let param = ctx.p.sweep_opt;
    let strings = move || texts(state.lang.get());
    let choice = move || ctx.p.sweep_choice().ok().flatten();
    let stale = Signal::derive(move || {
        let spec = ctx
            .checked
            .shown
            .with(|s| s.as_ref().map(|i| i.sweep_spec()));
        engine
            .sweep
            .with(|s| s.as_ref().is_some_and(|s| Some(&s.spec) != spec.as_ref()))
    });
    let current = move || -> Option<(Arc<SweepOut>, OptimizerKind)> {
        let s = engine.sweep.get()?;
        let o = chosen(&s, choice())?;
        Some((s, o))
    };
    let alt = Signal::derive(move || {
        let t = &strings().sim();
        current().map_or(String::new(), |(_, o)| {
            fill(
                t.sweep_alt,
                &[("opt", t.opt_names.get(opt_index(o)).copied().unwrap_or(""))],
            )
        })
    });
    let chart: ChartFn = Rc::new(move |job: ChartJob<'_, '_>| {
        let t = &strings().sim();
        let Some((s, o)) = current() else { return };
        let lines: Vec<SweepLine<'_>> = s
            .spec
            .batch_sizes
            .iter()
            .filter_map(|&b| {
                let c = s.result.cell(o, b)?;
                Some(SweepLine {
                    shade: shade_of(b, &s.spec.batch_sizes),
                    label: format!("B = {b}"),
                    dash: dash_of(b, &s.spec.batch_sizes),
                    points: &c.points,
                    best_lr: c.best_lr(),
                    max_stable_lr: c.max_stable_lr(),
                    theory_lr: theory(&s, o, b),
                })
            })
            .collect();
        let plot = SweepPlot {
            series: opt_index(o),
            lines: &lines,
            labels: AxisLabels {
                x: t.sweep_x,
                y: t.sweep_y,
            },
            legend: t.sweep_legend,
        };
        let w = &strings().export();
        job.run(
            |root, style| lr_sweep::draw(root, &plot, style),
            || lr_sweep::table(&plot, w.series, w.diverged_at),
        );
    });
    let options = move || {
        let t = &strings().sim();
        let swept = engine
            .sweep
            .with(|s| s.as_ref().map(|s| s.spec.optimizers.clone()))
            .unwrap_or_default();
        let shown = current().map(|c| c.1);
        swept
            .into_iter()
            .map(|o| {
                let name = t.opt_names.get(opt_index(o)).copied().unwrap_or("");
                view! { <option value=o.key() selected=shown == Some(o)>{name}</option> }
            })
            .collect_view()
    };
    let error = ctx.error(&crate::core::params::sim::SWEEP_OPT);
    // `Show` rebuilds its children, so the chart function is kept where they can clone it.
    let chart = StoredValue::new_local(chart);
    let file = Signal::derive(move || {
        let opt = current().map_or("", |(_, o)| o.key());
        super::file_stem(&state.sim, &format!("sweep-{opt}"))
    });
    view! {
        <figure class="chart" class:stale=move || stale.get() data-testid="sweep-panel">
            <figcaption>{move || strings().sim().sweep_title}</figcaption>
            <Show
                when=move || engine.sweep.with(Option::is_some)
                fallback=move || view! { <p class="aside" data-testid="sweep-empty">{move || strings().sim().sweep_empty}</p> }
            >
                <div class="field sweep-opt">
                    <label for="f-sweep_opt">{move || strings().sim().sweep_opt.label}</label>
                    <select
                        id="f-sweep_opt"
                        data-testid="input-sweep_opt"
                        on:change=move |ev| param.value.set(event_target_value(&ev))
                    >
                        {options}
                    </select>
                    <p class="error" role="alert" data-testid="error-sweep_opt">
                        {move || error.get().map(|e| error_message(state.lang.get(), &e))}
                    </p>
                </div>
                <p class="stale-badge" class:hidden=move || !stale.get()>{move || strings().sim().sweep_stale}</p>
                <ChartCanvas testid="chart-sim-sweep" alt=alt chart=chart.get_value() file=file suffix="sim-sweep"/>
                <p class="chart-note">{move || strings().sim().sweep_caption}</p>
            </Show>
        </figure>
    }
}
