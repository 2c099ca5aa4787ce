//! Steps and examples to the target against the batch size, per optimizer, with the fits.

use leptos::prelude::*;
use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;

use super::SimCtx;
use super::loss_panel::opt_index;
use crate::chart::sim::target_vs_batch::{self, TargetPlot, TargetSeries};
use crate::chart::{AxisLabels, ChartStyle};
use crate::core::format::fmt_int;
use crate::ui::components::chart_canvas::ChartCanvas;
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
        let spec = ctx.shown.with(|s| s.as_ref().map(|i| i.sweep_spec()));
        engine
            .sweep_late
            .with(|s| s.as_ref().is_some_and(|s| Some(&s.spec) != spec.as_ref()))
    });
    let alt = Signal::derive(move || strings().sim.target_alt.to_string());
    let draw_for = move |examples: bool| {
        move |canvas: &web_sys::HtmlCanvasElement, style: &ChartStyle| {
            let t = &strings().sim;
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
            let Some(backend) = CanvasBackend::with_canvas_object(canvas.clone()) else {
                return;
            };
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
            let _ = target_vs_batch::draw(&backend.into_drawing_area(), &plot, style);
        }
    };
    let rows = move || {
        let s = engine.sweep_late.get()?;
        let t = &strings().sim;
        Some(
            s.result
                .cells
                .iter()
                .map(|c| {
                    let name = t.opt_names.get(opt_index(c.optimizer)).copied().unwrap_or("");
                    let steps = c
                        .steps_to_target()
                        .map_or_else(|| t.not_reached.to_string(), |v| fmt_int(u128::from(v)));
                    let ex = c
                        .examples_to_target()
                        .map_or_else(|| t.not_reached.to_string(), |v| fmt_int(u128::from(v)));
                    view! { <tr><td>{name}</td><td>{c.batch_size}</td><td>{steps}</td><td>{ex}</td></tr> }
                })
                .collect_view(),
        )
    };
    view! {
        <Show when=move || engine.sweep_late.with(Option::is_some)>
            <div class="sim-pair">
                <figure class="chart" class:stale=move || stale.get()>
                    <figcaption>{move || strings().sim.steps_title}</figcaption>
                    <ChartCanvas testid="chart-sim-steps" alt=alt draw=draw_for(false)/>
                </figure>
                <figure class="chart" class:stale=move || stale.get()>
                    <figcaption>{move || strings().sim.examples_title}</figcaption>
                    <ChartCanvas testid="chart-sim-examples" alt=alt draw=draw_for(true)/>
                </figure>
            </div>
            <details class="data-table">
                <summary>{move || strings().shell.show_data}</summary>
                <table>
                    <thead>
                        <tr>
                            <th>{move || strings().sim.table_heads[0]}</th>
                            <th>"B"</th>
                            <th>{move || strings().sim.steps_y}</th>
                            <th>{move || strings().sim.examples_y}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </details>
        </Show>
    }
}
