//! What SGD, Adam and Sophia divide the gradient by, per coordinate, against the true curvature
//! (the chart `chart-sim-divisor`), its slopes and Sophia's state as figure cards, a reading
//! worded from the numbers, and weight decay (Adam against AdamW) with a setting where it shows.

use std::rc::Rc;

use leptos::prelude::*;

use super::SimCtx;
use super::divisor_job::{Answer, request};
use super::loss_panel::opt_index;
use crate::chart::AxisLabels;
use crate::chart::legend::Marker;
use crate::chart::sim::divisor::{self, DivisorPlot, DivisorSeries};
use crate::core::format::{fmt_fixed, fmt_number, fmt_rate};
use crate::core::sim::divisor_study::{
    DivisorSpec, DivisorStudy, rule_kind, sgd_noise_floor_batch, spec,
};
use crate::core::sim::nqm::NoiseModel;
use crate::core::sim::problem::CurvatureEstimator;
use crate::ui::components::chart_canvas::{ChartCanvas, ChartFn, ChartJob};
use crate::ui::components::figure::Figure;
use crate::ui::i18n::{fill, texts};
use crate::ui::state::AppState;

/// A share as a percentage.
fn percent(x: f64) -> String {
    format!("{}%", fmt_fixed(100.0 * x, 0))
}

/// A slope as shown (two decimals; "—" when undefined).
fn slope_text(s: Option<f64>) -> String {
    s.map_or_else(|| "—".into(), |v| fmt_fixed(v, 2))
}

/// The divisor section.
#[component]
pub fn DivisorPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let ctx = expect_context::<SimCtx>();
    let p = ctx.p;
    let strings = move || texts(state.lang.get());
    let at = Memo::new(move |prev: Option<&Option<u64>>| match p.div_choice() {
        Ok(t) => t,
        Err(_) => prev.copied().flatten(),
    });
    // The study is computed by a background worker: the spec goes out, the answer comes back
    // tagged with its spec (an older answer stays on screen, marked stale, until it arrives).
    let wanted: Memo<Option<DivisorSpec>> = Memo::new(move |_| {
        ctx.shown
            .with(|s| s.as_ref().and_then(|i| spec(i, at.get())))
    });
    let answer: RwSignal<Option<Answer>> = RwSignal::new(None);
    Effect::new(move |_| request(wanted.get(), answer));
    let data: Memo<Option<DivisorStudy>> = Memo::new(move |_| {
        if wanted.with(Option::is_none) {
            return None;
        }
        answer.with(|a| a.as_ref().and_then(|a| a.1.clone()))
    });
    let pending = move || {
        answer.with(|a| {
            wanted.with(|w| match (a, w) {
                (Some(a), Some(w)) => a.0 != *w,
                _ => false,
            })
        })
    };
    let stale = Signal::derive(move || {
        ctx.parsed.with(Result::is_err) || p.div_choice().is_err() || pending()
    });
    let slope = move |i: usize| data.with(|d| d.as_ref().and_then(|d| d.readings.get(i)?.slope));
    let slope_fig = move |i: usize| {
        (
            Signal::derive(move || slope(i).map_or_else(String::new, |v| v.to_string())),
            Signal::derive(move || slope_text(slope(i))),
        )
    };
    let (s0_raw, s0) = slope_fig(0);
    let (s1_raw, s1) = slope_fig(1);
    let (s2_raw, s2) = slope_fig(2);
    let warm = move || data.with(|d| d.as_ref().map(|d| d.warmth));
    let clipped = move || {
        data.with(|d| {
            d.as_ref()
                .and_then(|d| d.readings.get(2).and_then(|r| r.clipped))
        })
    };
    let floor = Memo::new(move |_| {
        ctx.shown
            .with(|s| s.as_ref().and_then(sgd_noise_floor_batch))
    });
    let none = Signal::derive(|| "");
    let examples = Signal::derive(move || strings().sim().unit_examples);
    let alt = Signal::derive(move || {
        let t = strings().sim_divisor();
        data.with(|d| {
            d.as_ref().map_or_else(String::new, |d| {
                fill(
                    t.alt,
                    &[
                        ("t", &fmt_number(d.update as f64)),
                        ("b", &d.batch.to_string()),
                    ],
                )
            })
        })
    });
    // Built inside `Show`, whose children must be Send: the Rc is made there.
    let chart = move || -> ChartFn {
        Rc::new(move |job: ChartJob<'_, '_>| {
            let t = strings().sim_divisor();
            let Some(d) = data.get() else { return };
            let markers = [Marker::Dot, Marker::Circle, Marker::Triangle];
            let series: Vec<DivisorSeries<'_>> = d
                .readings
                .iter()
                .enumerate()
                .map(|(i, r)| DivisorSeries {
                    series: opt_index(rule_kind(r.rule)),
                    marker: markers.get(i).copied().unwrap_or(Marker::Dot),
                    label: fill(
                        t.rule_labels.get(i).copied().unwrap_or(""),
                        &[("slope", &slope_text(r.slope))],
                    ),
                    divisors: &r.divisors,
                    fit: d.fits.get(i).copied().flatten(),
                })
                .collect();
            let plot = DivisorPlot {
                h: &d.h,
                series: &series,
                labels: AxisLabels { x: t.x, y: t.y },
                fit_label: t.fit_label,
            };
            let names: Vec<String> = t.rule_names.iter().map(|s| s.to_string()).collect();
            job.run(
                |root, style| divisor::draw(root, &plot, style),
                || divisor::table(&plot, t.coordinate, &names),
            );
        })
    };
    let file = Signal::derive(move || super::file_stem(&state.sim, "divisor"));
    let setup = move || {
        let t = strings().sim_divisor();
        data.with(|d| {
            d.as_ref().map(|d| {
                let lr = |i: usize| d.lrs.get(i).map_or_else(String::new, |v| fmt_rate(*v));
                fill(
                    t.setup,
                    &[
                        ("t", &fmt_number(d.update as f64)),
                        ("b", &d.batch.to_string()),
                        ("seed", &d.seed.to_string()),
                        ("lr_sgd", &lr(0)),
                        ("lr_adam", &lr(1)),
                        ("lr_sophia", &lr(2)),
                        ("coords", &d.h.len().to_string()),
                    ],
                )
            })
        })
    };
    // The reading, worded from the numbers and the settings that produced them.
    let reading = move || {
        let t = strings().sim_divisor();
        let input = ctx.shown.get()?;
        let d = data.get()?;
        let s = |i: usize| slope_text(d.readings.get(i).and_then(|r| r.slope));
        let sophia = match (input.optim.sophia.estimator, input.noise) {
            (CurvatureEstimator::Hutchinson, _) => t.read_hutchinson,
            (CurvatureEstimator::Gnb, NoiseModel::Hessian) => t.read_gnb_hessian,
            (CurvatureEstimator::Gnb, NoiseModel::Isotropic) => t.read_gnb_iso,
        };
        let adam = match input.noise {
            NoiseModel::Hessian => t.read_adam_hessian,
            NoiseModel::Isotropic => t.read_adam_iso,
        };
        let state_text = fill(
            t.read_sophia_state,
            &[
                ("n", &d.refreshes.to_string()),
                ("k", &input.optim.sophia.hessian_interval.to_string()),
                ("b2", &fmt_rate(input.optim.sophia.beta2)),
                ("warm", &percent(d.warmth)),
                (
                    "clipped",
                    &d.readings
                        .get(2)
                        .and_then(|r| r.clipped)
                        .map_or_else(|| "—".into(), percent),
                ),
            ],
        );
        Some(vec![
            fill(adam, &[("adam", &s(1))]),
            fill(sophia, &[("sophia", &s(2))]),
            state_text,
        ])
    };
    let decay = move || {
        let t = strings().sim_divisor();
        let input = ctx.shown.get()?;
        let wd = input.optim.adamw_weight_decay;
        let lr = input
            .lr_for(
                crate::core::sim::optim::OptimizerKind::AdamW,
                input.batch_sizes.iter().copied().min().unwrap_or(1),
                None,
            )
            .unwrap_or_else(|| {
                crate::core::sim::input::suggested_lr(
                    input.task,
                    crate::core::sim::optim::OptimizerKind::AdamW,
                )
            });
        let keep = crate::core::sim::options::decay_factor(&input.schedule(lr), wd, input.steps);
        Some(fill(
            t.decay_body,
            &[
                ("wd", &fmt_rate(wd)),
                ("lr", &fmt_rate(lr)),
                ("steps", &fmt_number(input.steps as f64)),
                ("keep", &fmt_rate(keep)),
            ],
        ))
    };
    // A preset is a click: an event handler may write the inputs.
    let preset = move |_| {
        p.opts.value.set("adam,adamw".to_string());
        p.adamw_wd.value.set("1".to_string());
    };
    let warm_raw = Signal::derive(move || warm().map_or_else(String::new, |v| v.to_string()));
    let warm_shown = Signal::derive(move || warm().map_or_else(|| "—".into(), percent));
    let clip_raw = Signal::derive(move || clipped().map_or_else(String::new, |v| v.to_string()));
    let clip_shown = Signal::derive(move || clipped().map_or_else(|| "—".into(), percent));
    let floor_raw = Signal::derive(move || floor.get().map_or_else(String::new, |v| v.to_string()));
    let floor_shown = Signal::derive(move || {
        floor
            .get()
            .map_or_else(|| "—".into(), |v| fmt_number(v.round()))
    });
    let is_nqm = move || wanted.with(Option::is_some);
    view! {
        <section class="sim-divisor" data-testid="sim-divisor">
            <h3>{move || strings().sim_divisor().title}</h3>
            <Show when=is_nqm fallback=move || view! { <p class="chart-note">{move || strings().sim_divisor().only_nqm}</p> }>
                <div class="figures">
                    <Figure testid="divisor-slope-sgd" raw=s0_raw shown=s0 unit=none text=|s| &s.sim_divisor().slopes[0] stale=stale/>
                    <Figure testid="divisor-slope-adam" raw=s1_raw shown=s1 unit=none text=|s| &s.sim_divisor().slopes[1] stale=stale/>
                    <Figure testid="divisor-slope-sophia" raw=s2_raw shown=s2 unit=none text=|s| &s.sim_divisor().slopes[2] stale=stale/>
                    <Figure testid="sophia-warm" raw=warm_raw shown=warm_shown unit=none text=|s| &s.sim_divisor().warm stale=stale/>
                    <Figure testid="sophia-clipped" raw=clip_raw shown=clip_shown unit=none text=|s| &s.sim_divisor().clipped stale=stale/>
                    <Figure testid="b-noise-floor" raw=floor_raw shown=floor_shown unit=examples text=|s| &s.sim_divisor().noise_floor stale=stale/>
                </div>
                <figure class="chart" class:stale=move || stale.get()>
                    <figcaption>{move || strings().sim_divisor().chart_title}</figcaption>
                    <ChartCanvas testid="chart-sim-divisor" alt=alt chart=chart() file=file suffix="sim-divisor"/>
                    <p class="chart-note" data-testid="divisor-setup">{setup}</p>
                </figure>
                <div class="note" data-testid="divisor-reading">
                    {move || reading().unwrap_or_default().into_iter().map(|para| view! { <p>{para}</p> }).collect_view()}
                </div>
            </Show>
            <div class="note" data-testid="decay-note">
                <h4>{move || strings().sim_divisor().decay_title}</h4>
                <p>{decay}</p>
                <button type="button" class="link-button" data-testid="sim-preset-decay" on:click=preset>
                    {move || strings().sim_divisor().decay_preset}
                </button>
            </div>
        </section>
    }
}
