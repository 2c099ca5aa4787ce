//! The three charts of section 1 (max step): the path on the loss contours, the loss per step and
//! the step-size sweep, one component each.

use std::rc::Rc;

use leptos::prelude::*;

use super::chart_figure::LrChart;
use super::max_step::{Run, sweep_reach, verdict_index};
use crate::chart::AxisLabels;
use crate::chart::lr::clip::Frame;
use crate::chart::lr::{loss_steps, path, step_sweep};
use crate::core::format::{fmt_number, fmt_sci};
use crate::core::max_step::RunClass;
use crate::ui::components::chart_canvas::{ChartFn, ChartJob};
use crate::ui::i18n::{fill, texts};
use crate::ui::state::AppState;

/// Points of the step-size sweep.
const SWEEP_POINTS: usize = 120;
/// Loss levels of the contour lines, as fractions of the starting loss.
const LEVELS: [f64; 6] = [1.0, 0.4, 0.15, 0.05, 0.015, 0.004];

/// The series colour of a run: the second one with momentum.
fn series(r: &Run) -> usize {
    usize::from(r.model.momentum > 0.0)
}

/// The iterates on the loss contours (`chart-path`).
#[component]
pub(super) fn PathChart(
    /// The last good run.
    shown: Memo<Option<Run>>,
    /// The parameters in the exported files' names.
    key: Signal<String>,
    /// Whether the input is invalid and the chart is the last good one.
    stale: Signal<bool>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || &texts(state.lang.get()).lr().max_step;
    let chart: ChartFn = Rc::new(move |job: ChartJob<'_, '_>| {
        let Some(r) = shown.get() else { return };
        let (s1, s2) = r.model.start;
        let l0 = r.model.loss(s1, s2);
        let contours: Vec<Vec<(f64, f64)>> =
            LEVELS.iter().map(|k| r.model.contour(k * l0, 96)).collect();
        let its: Vec<(f64, f64)> = r
            .run
            .iterates
            .iter()
            .map(|i| (i.theta1, i.theta2))
            .collect();
        let (w1, w2) = (1.6 * s1.abs().max(s2.abs()), 1.6 * s1.abs().max(s2.abs()));
        let plot = path::PathPlot {
            iterates: &its,
            contours: &contours,
            frame: Frame {
                x: (-w1, w1),
                y: (-w2, w2),
            },
            series: series(&r),
            diverged: r.run.class == RunClass::Diverges,
            labels: AxisLabels {
                x: t().path_x,
                y: t().path_y,
            },
        };
        job.run(
            |root, style| path::draw(root, &plot, style),
            || path::table(&plot, t().loss_x),
        );
    });
    let alt = Signal::derive(move || {
        shown.with(|s| {
            s.as_ref().map_or(String::new(), |r| {
                fill(
                    t().path_alt,
                    &[
                        ("eta", &fmt_number(r.model.step_size)),
                        ("verdict", t().verdicts[verdict_index(r.run.class)]),
                    ],
                )
            })
        })
    });
    view! {
        <LrChart testid="chart-path" title=Signal::derive(move || t().path_title.to_string()) alt=alt chart=chart key=key stale=stale/>
    }
}

/// The loss at every step (`chart-loss`).
#[component]
pub(super) fn LossChart(
    /// The last good run.
    shown: Memo<Option<Run>>,
    /// The parameters in the exported files' names.
    key: Signal<String>,
    /// Whether the input is invalid and the chart is the last good one.
    stale: Signal<bool>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || &texts(state.lang.get()).lr().max_step;
    let chart: ChartFn = Rc::new(move |job: ChartJob<'_, '_>| {
        let Some(r) = shown.get() else { return };
        let pts: Vec<(f64, f64)> = r
            .run
            .iterates
            .iter()
            .enumerate()
            .map(|(k, i)| (k as f64, i.loss))
            .collect();
        let stopped = r
            .run
            .stopped_at
            .map(|k| fill(t().loss_stopped, &[("k", &fmt_number(k as f64))]));
        let plot = loss_steps::LossStepsPlot {
            points: &pts,
            series: series(&r),
            stopped: stopped.as_deref(),
            labels: AxisLabels {
                x: t().loss_x,
                y: t().loss_y,
            },
        };
        job.run(
            |root, style| loss_steps::draw(root, &plot, style),
            || loss_steps::table(&plot),
        );
    });
    let alt = Signal::derive(move || {
        shown.with(|s| {
            s.as_ref().map_or(String::new(), |r| {
                let first = r.run.iterates.first().map_or(0.0, |i| i.loss);
                let last = r.run.iterates.last().map_or(0.0, |i| i.loss);
                fill(
                    t().loss_alt,
                    &[
                        (
                            "n",
                            &fmt_number((r.run.iterates.len().saturating_sub(1)) as f64),
                        ),
                        ("first", &fmt_sci(first)),
                        ("last", &fmt_sci(last)),
                    ],
                )
            })
        })
    });
    view! {
        <LrChart testid="chart-loss" title=Signal::derive(move || t().loss_title.to_string()) alt=alt chart=chart key=key stale=stale/>
    }
}

/// The final loss against the step size (`chart-sweep`).
#[component]
pub(super) fn SweepChart(
    /// The last good run.
    shown: Memo<Option<Run>>,
    /// The parameters in the exported files' names.
    key: Signal<String>,
    /// Whether the input is invalid and the chart is the last good one.
    stale: Signal<bool>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || &texts(state.lang.get()).lr().max_step;
    let sweep = Memo::new(move |_| {
        shown.with(|s| {
            s.as_ref()
                .map(|r| r.model.sweep(sweep_reach(&r.run), SWEEP_POINTS))
                .unwrap_or_default()
        })
    });
    let n_steps = move || shown.with(|s| s.as_ref().map_or(0, |r| r.model.iters));
    let chart: ChartFn = Rc::new(move |job: ChartJob<'_, '_>| {
        let Some(r) = shown.get() else { return };
        let pts = sweep.get();
        let last = r.run.iterates.last().map_or(0.0, |i| i.loss);
        let cap = crate::core::max_step::LOSS_CAP * r.run.iterates.first().map_or(0.0, |i| i.loss);
        let y_label = fill(t().sweep_y, &[("n", &fmt_number(r.model.iters as f64))]);
        let plot = step_sweep::StepSweepPlot {
            points: &pts,
            threshold: r.run.threshold,
            threshold_label: if r.model.momentum > 0.0 {
                "2(1+β)/λ_max"
            } else {
                "2/λ_max"
            },
            current: (r.model.step_size, last.min(cap)),
            series: series(&r),
            labels: AxisLabels {
                x: t().sweep_x,
                y: &y_label,
            },
        };
        job.run(
            |root, style| step_sweep::draw(root, &plot, style),
            || step_sweep::table(&plot),
        );
    });

    let alt = Signal::derive(move || {
        shown.with(|s| {
            s.as_ref().map_or(String::new(), |r| {
                fill(t().sweep_alt, &[("bound", &fmt_number(r.run.threshold))])
            })
        })
    });
    let title =
        Signal::derive(move || fill(t().sweep_title, &[("n", &fmt_number(n_steps() as f64))]));
    view! {
        <LrChart testid="chart-sweep" title=title alt=alt chart=chart key=key stale=stale/>
    }
}
