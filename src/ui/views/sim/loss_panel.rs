//! The loss chart: mean of the seeds per (optimizer, batch size), bands, exact NQM curves.

use std::rc::Rc;

use leptos::prelude::*;

use super::SimCtx;
use super::engine::RunsOut;
use crate::chart::AxisLabels;
use crate::chart::dash::{Dash, batch_dash};
use crate::chart::palette::batch_shade;
use crate::chart::sim::loss_curves::{self, LossCurve, LossPlot};
use crate::core::sim::config::Task;
use crate::core::sim::nqm::{NoiseModel, Nqm};
use crate::core::sim::nqm_exact::{ExactRule, expected_loss_curve};
use crate::core::sim::optim::OptimizerKind;
use crate::core::sim::seed_band::{SeedBand, XAxis, seed_band, thin};
use crate::ui::components::chart_canvas::{ChartCanvas, ChartFn, ChartJob};
use crate::ui::i18n::{fill, texts};
use crate::ui::state::AppState;

/// Points per drawn curve.
const POINTS: usize = 400;

/// The palette index of an optimizer (VIEWS.md: sgd 0 … lion 6).
pub fn opt_index(kind: OptimizerKind) -> usize {
    OptimizerKind::ALL
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(0)
}

/// The shade of batch size `b` among `sizes` (smallest lightest).
pub fn shade_of(b: usize, sizes: &[usize]) -> f64 {
    // `b`'s place in `sizes` sorted ascending: the number of smaller sizes.
    let i = sizes.iter().filter(|&&s| s < b).count();
    batch_shade(i, sizes.len())
}

/// The line pattern of batch size `b` among `sizes` (the largest solid).
pub fn dash_of(b: usize, sizes: &[usize]) -> Dash {
    let i = sizes.iter().filter(|&&s| s < b).count();
    batch_dash(i, sizes.len())
}

/// One curve's data, owned.
struct CurveData {
    series: usize,
    shade: f64,
    dash: Dash,
    label: String,
    opt_name: String,
    batch_name: String,
    band: SeedBand,
    exact: Option<Vec<(f64, f64)>>,
}

/// The exact expected-loss rule of an optimizer on the quadratic, where one exists: plain SGD and
/// heavy-ball momentum 0.9 (Zhang et al. 2019, arXiv:1907.04164; the same update as PyTorch's
/// `torch.optim.SGD` with momentum and dampening 0, torch/optim/sgd.py).
fn exact_rule(kind: OptimizerKind) -> Option<ExactRule> {
    match kind {
        OptimizerKind::Sgd => Some(ExactRule::SGD),
        OptimizerKind::Momentum => Some(ExactRule {
            momentum: 0.9,
            precond_power: 0.0,
        }),
        _ => None,
    }
}

fn curves(out: &RunsOut, x: XAxis, names: &[&str; 7]) -> Vec<CurveData> {
    // The recurrence assumes per-example noise of covariance H (Zhang et al. 2019).
    let nqm = match out.input.task {
        Task::Nqm { dim } if out.input.noise == NoiseModel::Hessian => Nqm::new(dim).ok(),
        _ => None,
    };
    out.groups
        .iter()
        .map(|g| {
            let i = opt_index(g.opt);
            let exact = nqm.as_ref().zip(exact_rule(g.opt)).and_then(|(q, rule)| {
                let first = g.runs.first()?;
                let schedule = out.input.schedule(g.lr);
                let c =
                    expected_loss_curve(q.curvatures(), rule, g.batch, &schedule, out.input.steps);
                let pts: Vec<(f64, f64)> = c
                    .loss
                    .iter()
                    .enumerate()
                    .map(|(u, &l)| (x.at(first, u as u64), l))
                    .collect();
                Some(thin(&pts, POINTS))
            });
            let opt_name = names.get(i).copied().unwrap_or("").to_string();
            CurveData {
                series: i,
                shade: shade_of(g.batch, &out.input.batch_sizes),
                dash: dash_of(g.batch, &out.input.batch_sizes),
                label: format!("{opt_name} · B = {}", g.batch),
                batch_name: format!("B = {}", g.batch),
                opt_name,
                band: seed_band(&g.runs, x, POINTS),
                exact,
            }
        })
        .collect()
}

/// The loss chart with its data table.
#[component]
pub fn LossPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let ctx = expect_context::<SimCtx>();
    let engine = ctx.engine;
    let strings = move || texts(state.lang.get());
    let x_index = move || match ctx.x_axis() {
        XAxis::Steps => 0,
        XAxis::Examples => 1,
        XAxis::Epochs => 2,
    };
    let stale = Signal::derive(move || {
        let runs = engine.runs.get();
        match (runs, ctx.checked.result.get()) {
            (Some(r), Ok(i)) => !super::engine::same_runs(&r.input, &i),
            _ => true,
        }
    });
    let alt = Signal::derive(move || {
        let t = &strings().sim();
        let n = engine
            .runs
            .with(|r| r.as_ref().map_or(0, |r| r.groups.len()));
        fill(
            t.loss_alt,
            &[
                ("n", &n.to_string()),
                ("x", t.loss_x.get(x_index()).copied().unwrap_or("")),
            ],
        )
    });
    let chart: ChartFn = Rc::new(move |job: ChartJob<'_, '_>| {
        let t = &strings().sim();
        let x = ctx.x_axis();
        let Some(out) = engine.runs.get() else { return };
        let data = curves(&out, x, &t.opt_names);
        let list: Vec<LossCurve<'_>> = data
            .iter()
            .map(|c| LossCurve {
                series: c.series,
                shade: c.shade,
                dash: c.dash,
                label: c.label.clone(),
                opt_name: c.opt_name.clone(),
                batch_name: c.batch_name.clone(),
                band: &c.band,
                exact: c.exact.as_deref(),
            })
            .collect();
        let plot = LossPlot {
            curves: &list,
            log_x: x != XAxis::Steps,
            target: Some(out.input.target),
            labels: AxisLabels {
                x: t.loss_x.get(x_index()).copied().unwrap_or(""),
                y: t.loss_y,
            },
            step_word: t.step_word,
            exact_label: t.exact_label,
            target_label: t.target_label,
        };
        let w = &strings().export();
        job.run(
            |root, style| loss_curves::draw(root, &plot, style),
            || loss_curves::table(&plot, w.series, w.band_lo, w.band_hi),
        );
    });
    let file = Signal::derive(move || super::file_stem(&state.sim, "loss"));
    view! {
        <figure class="chart" class:stale=move || stale.get()>
            <figcaption>{move || strings().sim().loss_title}</figcaption>
            <ChartCanvas testid="chart-sim-loss" alt=alt chart=chart file=file suffix="sim-loss"/>
            <p class="chart-note">{move || strings().sim().loss_caption}</p>
        </figure>
    }
}
