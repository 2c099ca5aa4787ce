//! Steps and examples to the target against the batch size, per optimizer, with the fits.

use std::rc::Rc;

use leptos::prelude::*;

use super::SimCtx;
use super::loss_panel::opt_index;
use crate::chart::AxisLabels;
use crate::chart::sim::target_vs_batch::{self, TargetPlot, TargetSeries};
use crate::ui::components::chart_canvas::{ChartCanvas, ChartFn, ChartJob};
use crate::ui::i18n::texts;
use crate::ui::state::AppState;

/// Both charts (shown once a sweep exists).
#[component]
pub fn TargetPanel() -> impl IntoView {
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
            .sweep_late
            .with(|s| s.as_ref().is_some_and(|s| Some(&s.spec) != spec.as_ref()))
    });
    let alt = Signal::derive(move || strings().sim().target_alt.to_string());
    let chart_for = move |examples: bool| -> ChartFn {
        Rc::new(move |job: ChartJob<'_, '_>| {
            let t = &strings().sim();
            let Some(s) = engine.sweep_late.get() else {
                return;
            };
            let points: Vec<Vec<(f64, f64)>> = s
                .spec
                .optimizers
                .iter()
                .map(|&o| {
                    s.spec
                        .batch_sizes
                        .iter()
                        .filter_map(|&b| {
                            let st = s.result.cell(o, b)?.steps_to_target()?;
                            Some((b as f64, st as f64))
                        })
                        .collect()
                })
                .collect();
            let series: Vec<TargetSeries<'_>> = s
                .spec
                .optimizers
                .iter()
                .zip(&points)
                .map(|(&o, pts)| TargetSeries {
                    series: opt_index(o),
                    label: t
                        .opt_names
                        .get(opt_index(o))
                        .copied()
                        .unwrap_or("")
                        .to_string(),
                    points: pts,
                    fit: s.result.fit(o),
                })
                .collect();
            let plot = TargetPlot {
                series: &series,
                examples,
                labels: AxisLabels {
                    x: t.batch_x,
                    y: if examples { t.examples_y } else { t.steps_y },
                },
                fit_label: t.fit_label,
                bcrit_label: t.bcrit_label,
            };
            job.run(
                |root, style| target_vs_batch::draw(root, &plot, style),
                || target_vs_batch::table(&plot, strings().export().series),
            );
        })
    };
    let file = move |name: &'static str| Signal::derive(move || super::file_stem(&state.sim, name));
    view! {
        <Show when=move || engine.sweep_late.with(Option::is_some)>
            <div class="sim-pair">
                <figure class="chart" class:stale=move || stale.get()>
                    <figcaption>{move || strings().sim().steps_title}</figcaption>
                    <ChartCanvas testid="chart-sim-steps" alt=alt chart=chart_for(false) file=file("steps-to-target") suffix="sim-steps"/>
                </figure>
                <figure class="chart" class:stale=move || stale.get()>
                    <figcaption>{move || strings().sim().examples_title}</figcaption>
                    <ChartCanvas testid="chart-sim-examples" alt=alt chart=chart_for(true) file=file("examples-to-target") suffix="sim-examples"/>
                </figure>
            </div>
        </Show>
    }
}
