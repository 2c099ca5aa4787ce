//! Section 1 of the Batch & LR view: why a maximum step size exists, on a 2-D quadratic.

use std::rc::Rc;

use leptos::prelude::*;

use super::chart_figure::LrChart;
use super::{fill, find_error, raw_real};
use crate::chart::AxisLabels;
use crate::chart::lr::clip::Frame;
use crate::chart::lr::{loss_steps, path, step_sweep};
use crate::core::error::InputError;
use crate::core::format::{fmt_number, fmt_sci};
use crate::core::max_step::{MaxStep, MaxStepRun, RunClass, gd_threshold};
use crate::ui::components::chart_canvas::{ChartFn, ChartJob};
use crate::ui::components::figure::Figure;
use crate::ui::components::later::later;
use crate::ui::components::num_field::NumField;
use crate::ui::i18n::texts;
use crate::ui::state::AppState;

/// A validated run and its result.
#[derive(Debug, Clone, PartialEq)]
struct Run {
    model: MaxStep,
    run: MaxStepRun,
}

/// Loss levels of the contour lines, as fractions of the starting loss.
const LEVELS: [f64; 6] = [1.0, 0.4, 0.15, 0.05, 0.015, 0.004];
/// Points of the step-size sweep.
const SWEEP_POINTS: usize = 120;

fn verdict_index(class: RunClass) -> usize {
    match class {
        RunClass::Converges => 0,
        RunClass::Oscillates => 1,
        RunClass::Diverges => 2,
    }
}

fn verdict_key(class: RunClass) -> &'static str {
    match class {
        RunClass::Converges => "converges",
        RunClass::Oscillates => "oscillates",
        RunClass::Diverges => "diverges",
    }
}

/// How far past the bound the sweep reaches: 1.5× the bound, or beyond the run's own step.
fn sweep_reach(run: &MaxStepRun) -> f64 {
    (run.step_over_threshold * 1.15).max(1.5)
}

/// Section 1.
#[component]
pub fn MaxStepSection() -> impl IntoView {
    let state = expect_context::<AppState>();
    let p = state.lr;
    let strings = move || texts(state.lang.get());
    let t = move || &strings().lr().max_step;
    let result: Memo<Result<Run, Vec<InputError>>> = Memo::new(move |_| {
        let errors = p.max_step_field_errors();
        if !errors.is_empty() {
            return Err(errors);
        }
        let model = MaxStep::parse(
            &p.lam_max.value.get(),
            &p.lam_2.value.get(),
            &p.step_size.value.get(),
            &p.momentum.value.get(),
            &p.iters.value.get(),
        )
        .map_err(|e| vec![e])?;
        Ok(Run {
            run: model.run(),
            model,
        })
    });
    let shown: Memo<Option<Run>> =
        Memo::new(move |prev: Option<&Option<Run>>| match result.get() {
            Ok(r) => Some(r),
            Err(_) => prev.cloned().flatten(),
        });
    let stale = Signal::derive(move || result.with(Result::is_err));
    let error_for = move |key: &'static str| {
        Signal::derive(move || result.with(|r| r.as_ref().err().and_then(|es| find_error(es, key))))
    };
    let fig = move |f: fn(&Run) -> f64| {
        (
            Signal::derive(move || {
                shown.with(|s| s.as_ref().map_or(String::new(), |r| raw_real(f(r))))
            }),
            Signal::derive(move || {
                shown.with(|s| s.as_ref().map_or("—".into(), |r| fmt_number(f(r))))
            }),
        )
    };
    let (thr_raw, thr_shown) = fig(|r| r.run.threshold);
    let (ratio_raw, ratio_shown) = fig(|r| r.run.step_over_threshold);
    let (rate_raw, rate_shown) = fig(|r| r.run.rate);
    let verdict_raw = Signal::derive(move || {
        shown.with(|s| {
            s.as_ref()
                .map_or(String::new(), |r| verdict_key(r.run.class).to_string())
        })
    });
    let verdict_shown = Signal::derive(move || {
        shown.with(|s| {
            s.as_ref().map_or("—".into(), |r| {
                t().verdicts[verdict_index(r.run.class)].to_string()
            })
        })
    });
    let blow_raw = Signal::derive(move || {
        shown.with(|s| {
            s.as_ref()
                .and_then(|r| r.run.stopped_at)
                .map_or(String::new(), |k| k.to_string())
        })
    });
    let blow_shown = Signal::derive(move || {
        shown.with(|s| match s.as_ref().map(|r| r.run.stopped_at) {
            None => "—".to_string(),
            Some(None) => t().no_blowup.to_string(),
            Some(Some(k)) => fmt_number(k as f64),
        })
    });
    let no_unit = Signal::derive(|| "");
    let times_unit = Signal::derive(move || t().unit_times);

    let asides = move || {
        let r = shown.get()?;
        let mut notes = Vec::new();
        if r.run.rings && r.run.class != RunClass::Diverges {
            notes.push(t().rings.to_string());
        }
        if r.run.class == RunClass::Diverges && r.run.stopped_at.is_none() {
            notes.push(fill(
                t().slow_divergence,
                &[
                    ("rate", fmt_number(r.run.rate)),
                    ("n", fmt_number(r.model.iters as f64)),
                ],
            ));
        }
        if r.model.momentum > 0.0 {
            notes.push(fill(
                t().momentum_note,
                &[("bound0", fmt_number(gd_threshold(r.model.lambda_max)))],
            ));
        }
        Some(
            notes
                .into_iter()
                .map(|n| view! { <p class="aside">{n}</p> })
                .collect_view(),
        )
    };

    let series = move |r: &Run| usize::from(r.model.momentum > 0.0);
    let path_chart: ChartFn = Rc::new(move |job: ChartJob<'_, '_>| {
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
    let loss_chart: ChartFn = Rc::new(move |job: ChartJob<'_, '_>| {
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
            .map(|k| fill(t().loss_stopped, &[("k", fmt_number(k as f64))]));
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
    let sweep = Memo::new(move |_| {
        shown.with(|s| {
            s.as_ref()
                .map(|r| r.model.sweep(sweep_reach(&r.run), SWEEP_POINTS))
                .unwrap_or_default()
        })
    });
    let n_steps = move || shown.with(|s| s.as_ref().map_or(0, |r| r.model.iters));
    let sweep_chart: ChartFn = Rc::new(move |job: ChartJob<'_, '_>| {
        let Some(r) = shown.get() else { return };
        let pts = sweep.get();
        let last = r.run.iterates.last().map_or(0.0, |i| i.loss);
        let cap = crate::core::max_step::LOSS_CAP * r.run.iterates.first().map_or(0.0, |i| i.loss);
        let y_label = fill(t().sweep_y, &[("n", fmt_number(r.model.iters as f64))]);
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

    let path_alt = Signal::derive(move || {
        shown.with(|s| {
            s.as_ref().map_or(String::new(), |r| {
                fill(
                    t().path_alt,
                    &[
                        ("eta", fmt_number(r.model.step_size)),
                        (
                            "verdict",
                            t().verdicts[verdict_index(r.run.class)].to_string(),
                        ),
                    ],
                )
            })
        })
    });
    let loss_alt = Signal::derive(move || {
        shown.with(|s| {
            s.as_ref().map_or(String::new(), |r| {
                let first = r.run.iterates.first().map_or(0.0, |i| i.loss);
                let last = r.run.iterates.last().map_or(0.0, |i| i.loss);
                fill(
                    t().loss_alt,
                    &[
                        (
                            "n",
                            fmt_number((r.run.iterates.len().saturating_sub(1)) as f64),
                        ),
                        ("first", fmt_sci(first)),
                        ("last", fmt_sci(last)),
                    ],
                )
            })
        })
    });
    let sweep_alt = Signal::derive(move || {
        shown.with(|s| {
            s.as_ref().map_or(String::new(), |r| {
                fill(t().sweep_alt, &[("bound", fmt_number(r.run.threshold))])
            })
        })
    });
    let sweep_title =
        Signal::derive(move || fill(t().sweep_title, &[("n", fmt_number(n_steps() as f64))]));
    // Exported files: batch-lab_lr_<chart>_lmax10_l2-1_eta0.19_beta0.*
    let key = Signal::derive(move || {
        format!(
            "lmax{}_l2-{}_eta{}_beta{}",
            p.lam_max.value.get().trim(),
            p.lam_2.value.get().trim(),
            p.step_size.value.get().trim(),
            p.momentum.value.get().trim()
        )
    });

    view! {
        <section class="lr-section" data-testid="lr-max-step">
            <h3>{move || t().heading}</h3>
            <p class="lr-intro">{move || t().intro}</p>
            <div class="view-body">
                <form class="controls" aria-label=move || format!("{} · {}", strings().shell().inputs, t().heading) on:submit=|ev| ev.prevent_default()>
                    <NumField param=p.lam_max text=|s| &s.lr().max_step.lam_max error=error_for("lam_max")/>
                    <NumField param=p.lam_2 text=|s| &s.lr().max_step.lam_2 error=error_for("lam_2")/>
                    <NumField param=p.step_size text=|s| &s.lr().max_step.step_size error=error_for("step_size")/>
                    <NumField param=p.momentum text=|s| &s.lr().max_step.momentum error=error_for("momentum")/>
                    <NumField param=p.iters text=|s| &s.lr().max_step.iters error=error_for("iters")/>
                </form>
                <div class="results" aria-live="polite">
                    <p class="stale-badge" class:hidden=move || !stale.get()>{move || strings().shell().stale}</p>
                    <div class="figures">
                        <Figure testid="eta-max" raw=thr_raw shown=thr_shown unit=no_unit text=|s| &s.lr().max_step.threshold stale=stale/>
                        <Figure testid="step-ratio" raw=ratio_raw shown=ratio_shown unit=times_unit text=|s| &s.lr().max_step.step_ratio stale=stale/>
                        <Figure testid="verdict" raw=verdict_raw shown=verdict_shown unit=no_unit text=|s| &s.lr().max_step.verdict stale=stale/>
                        <Figure testid="blowup-step" raw=blow_raw shown=blow_shown unit=no_unit text=|s| &s.lr().max_step.blowup stale=stale/>
                        <Figure testid="rate" raw=rate_raw shown=rate_shown unit=no_unit text=|s| &s.lr().max_step.rate stale=stale/>
                    </div>
                    {asides}
                    {later(move || view! {
                        <div class="lr-charts">
                            <LrChart testid="chart-path" title=Signal::derive(move || t().path_title.to_string()) alt=path_alt chart=path_chart key=key stale=stale/>
                            <LrChart testid="chart-loss" title=Signal::derive(move || t().loss_title.to_string()) alt=loss_alt chart=loss_chart key=key stale=stale/>
                        </div>
                        <LrChart testid="chart-sweep" title=sweep_title alt=sweep_alt chart=sweep_chart key=key stale=stale/>
                    }.into_any())}
                </div>
            </div>
        </section>
    }
}
