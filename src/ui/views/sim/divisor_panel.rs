//! What SGD, Adam and Sophia divide the gradient by, per coordinate, against the true curvature
//! (the chart `chart-sim-divisor`), its slopes and Sophia's state as figure cards, a reading
//! worded from the numbers, and weight decay (Adam against AdamW) with a setting where it shows.
//!
//! The section is [`DivisorPanel`]; the study it shows is asked of a background worker by
//! [`Study`], and each of its parts is a component of its own: [`DivisorFigures`],
//! [`DivisorChart`], [`DivisorReading`] and [`DecayNote`].

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
use crate::core::sim::input::{SimInput, suggested_lr};
use crate::core::sim::nqm::NoiseModel;
use crate::core::sim::optim::OptimizerKind;
use crate::core::sim::options::decay_factor;
use crate::core::sim::problem::CurvatureEstimator;
use crate::ui::components::chart_canvas::{ChartCanvas, ChartFn, ChartJob};
use crate::ui::components::figure::Figure;
use crate::ui::i18n::{SimDivisor, fill, texts};
use crate::ui::state::AppState;

/// A share as a percentage.
fn percent(x: f64) -> String {
    format!("{}%", fmt_fixed(100.0 * x, 0))
}

/// A slope as shown (two decimals; "—" when undefined).
fn slope_text(s: Option<f64>) -> String {
    s.map_or_else(|| "—".into(), |v| fmt_fixed(v, 2))
}

/// The study on screen. It is computed by a background worker: the spec goes out, the answer
/// comes back tagged with its spec, and an older answer stays on screen, marked stale, until the
/// current one arrives.
#[derive(Clone, Copy)]
struct Study {
    /// What the shown inputs ask for (`None` when the problem is not the quadratic).
    wanted: Memo<Option<DivisorSpec>>,
    /// The latest answer, current or not (`None` while there is none, or nothing is wanted).
    data: Memo<Option<DivisorStudy>>,
    /// Whether `data` is not the study of the current text (invalid text, or an answer pending).
    stale: Signal<bool>,
}

impl Study {
    /// Asks the worker for the study of the shown inputs, again whenever they change.
    fn new(ctx: SimCtx) -> Study {
        let p = ctx.p;
        // The update read: the last valid choice while the field's text is invalid.
        let at = Memo::new(move |prev: Option<&Option<u64>>| match p.div_choice() {
            Ok(t) => t,
            Err(_) => prev.copied().flatten(),
        });
        let wanted: Memo<Option<DivisorSpec>> = Memo::new(move |_| {
            ctx.checked
                .shown
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
            ctx.checked.result.with(Result::is_err) || p.div_choice().is_err() || pending()
        });
        Study {
            wanted,
            data,
            stale,
        }
    }
}

/// The divisor section: the study's parts while the problem is the quadratic, and the weight
/// decay note always.
#[component]
pub fn DivisorPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let ctx = expect_context::<SimCtx>();
    let strings = move || texts(state.lang.get());
    let study = Study::new(ctx);
    let is_nqm = move || study.wanted.with(Option::is_some);
    view! {
        <section class="sim-divisor" data-testid="sim-divisor">
            <h3>{move || strings().sim_divisor().title}</h3>
            <Show when=is_nqm fallback=move || view! { <p class="chart-note">{move || strings().sim_divisor().only_nqm}</p> }>
                <DivisorFigures study=study/>
                <DivisorChart study=study/>
                <DivisorReading study=study/>
            </Show>
            <DecayNote/>
        </section>
    }
}

/// A figure's raw text (empty without a value) and its text as shown (`shown`, "—" without).
fn figure_texts(
    value: impl Fn() -> Option<f64> + Copy + Send + Sync + 'static,
    shown: fn(f64) -> String,
) -> (Signal<String>, Signal<String>) {
    (
        Signal::derive(move || value().map_or_else(String::new, |v| v.to_string())),
        Signal::derive(move || value().map_or_else(|| "—".into(), shown)),
    )
}

/// The slopes of the three rules, Sophia's warm-up and clipped share, and SGD's noise-floor
/// batch, as figure cards.
#[component]
fn DivisorFigures(
    /// The study shown.
    study: Study,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let ctx = expect_context::<SimCtx>();
    let strings = move || texts(state.lang.get());
    let (data, stale) = (study.data, study.stale);
    let slope =
        move |i: usize| move || data.with(|d| d.as_ref().and_then(|d| d.readings.get(i)?.slope));
    let two_places = |v: f64| fmt_fixed(v, 2);
    let (s0_raw, s0) = figure_texts(slope(0), two_places);
    let (s1_raw, s1) = figure_texts(slope(1), two_places);
    let (s2_raw, s2) = figure_texts(slope(2), two_places);
    let warm = move || data.with(|d| d.as_ref().map(|d| d.warmth));
    let (warm_raw, warm_shown) = figure_texts(warm, percent);
    let clipped = move || data.with(|d| d.as_ref()?.readings.get(2)?.clipped);
    let (clip_raw, clip_shown) = figure_texts(clipped, percent);
    let floor = Memo::new(move |_| {
        ctx.checked
            .shown
            .with(|s| s.as_ref().and_then(sgd_noise_floor_batch))
    });
    let (floor_raw, floor_shown) = figure_texts(move || floor.get(), |v| fmt_number(v.round()));
    let none = Signal::derive(|| "");
    let examples = Signal::derive(move || strings().sim().unit_examples);
    view! {
        <div class="figures">
            <Figure testid="divisor-slope-sgd" raw=s0_raw shown=s0 unit=none text=|s| &s.sim_divisor().slopes[0] stale=stale/>
            <Figure testid="divisor-slope-adam" raw=s1_raw shown=s1 unit=none text=|s| &s.sim_divisor().slopes[1] stale=stale/>
            <Figure testid="divisor-slope-sophia" raw=s2_raw shown=s2 unit=none text=|s| &s.sim_divisor().slopes[2] stale=stale/>
            <Figure testid="sophia-warm" raw=warm_raw shown=warm_shown unit=none text=|s| &s.sim_divisor().warm stale=stale/>
            <Figure testid="sophia-clipped" raw=clip_raw shown=clip_shown unit=none text=|s| &s.sim_divisor().clipped stale=stale/>
            <Figure testid="b-noise-floor" raw=floor_raw shown=floor_shown unit=examples text=|s| &s.sim_divisor().noise_floor stale=stale/>
        </div>
    }
}

/// Draws (or tabulates) study `d` with the texts `t`.
fn draw_study(t: &SimDivisor, d: &DivisorStudy, job: ChartJob<'_, '_>) {
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
}

/// The note under the chart: the update, batch, seed, rates and coordinates of study `d`.
fn setup_text(t: &SimDivisor, d: &DivisorStudy) -> String {
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
}

/// The chart with its caption and the note of how the study was run.
#[component]
fn DivisorChart(
    /// The study shown.
    study: Study,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let strings = move || texts(state.lang.get());
    let (data, stale) = (study.data, study.stale);
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
    // Made here, inside `Show`, whose children must be Send (an Rc is not).
    let chart: ChartFn = Rc::new(move |job: ChartJob<'_, '_>| {
        let t = strings().sim_divisor();
        if let Some(d) = data.get() {
            draw_study(t, &d, job);
        }
    });
    let file = Signal::derive(move || super::file_stem(&state.sim, "divisor"));
    let setup = move || data.with(|d| d.as_ref().map(|d| setup_text(strings().sim_divisor(), d)));
    view! {
        <figure class="chart" class:stale=move || stale.get()>
            <figcaption>{move || strings().sim_divisor().chart_title}</figcaption>
            <ChartCanvas testid="chart-sim-divisor" alt=alt chart=chart file=file suffix="sim-divisor"/>
            <p class="chart-note" data-testid="divisor-setup">{setup}</p>
        </figure>
    }
}

/// The reading of study `d`, worded from its numbers and the settings `input` that produced it:
/// what Adam's and Sophia's slopes say, and Sophia's state.
fn reading_text(t: &SimDivisor, input: &SimInput, d: &DivisorStudy) -> Vec<String> {
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
    let clipped = d.readings.get(2).and_then(|r| r.clipped);
    let state_text = fill(
        t.read_sophia_state,
        &[
            ("n", &d.refreshes.to_string()),
            ("k", &input.optim.sophia.hessian_interval.to_string()),
            ("b2", &fmt_rate(input.optim.sophia.beta2)),
            ("warm", &percent(d.warmth)),
            ("clipped", &clipped.map_or_else(|| "—".into(), percent)),
        ],
    );
    vec![
        fill(adam, &[("adam", &s(1))]),
        fill(sophia, &[("sophia", &s(2))]),
        state_text,
    ]
}

/// The reading of the study, one paragraph per sentence group.
#[component]
fn DivisorReading(
    /// The study shown.
    study: Study,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let ctx = expect_context::<SimCtx>();
    let reading = move || {
        let input = ctx.checked.shown.get()?;
        let d = study.data.get()?;
        Some(reading_text(
            texts(state.lang.get()).sim_divisor(),
            &input,
            &d,
        ))
    };
    view! {
        <div class="note" data-testid="divisor-reading">
            {move || reading().unwrap_or_default().into_iter().map(|para| view! { <p>{para}</p> }).collect_view()}
        </div>
    }
}

/// What AdamW's weight decay keeps of a weight over the run of `input`, at AdamW's rate for the
/// smallest batch.
fn decay_text(t: &SimDivisor, input: &SimInput) -> String {
    let wd = input.optim.adamw_weight_decay;
    let smallest = input.batch_sizes.iter().copied().min().unwrap_or(1);
    let lr = input
        .lr_for(OptimizerKind::AdamW, smallest, None)
        .unwrap_or_else(|| suggested_lr(input.task, OptimizerKind::AdamW));
    let keep = decay_factor(&input.schedule(lr), wd, input.steps);
    fill(
        t.decay_body,
        &[
            ("wd", &fmt_rate(wd)),
            ("lr", &fmt_rate(lr)),
            ("steps", &fmt_number(input.steps as f64)),
            ("keep", &fmt_rate(keep)),
        ],
    )
}

/// Weight decay: what it does over the current run, and a button that loads a setting where
/// AdamW differs from Adam.
#[component]
fn DecayNote() -> impl IntoView {
    let state = expect_context::<AppState>();
    let ctx = expect_context::<SimCtx>();
    let p = ctx.p;
    let strings = move || texts(state.lang.get());
    let decay = move || {
        let input = ctx.checked.shown.get()?;
        Some(decay_text(strings().sim_divisor(), &input))
    };
    // A preset is a click: an event handler may write the inputs.
    let preset = move |_| {
        p.opts.value.set("adam,adamw".to_string());
        p.adamw_wd.value.set("1".to_string());
    };
    view! {
        <div class="note" data-testid="decay-note">
            <h4>{move || strings().sim_divisor().decay_title}</h4>
            <p>{decay}</p>
            <button type="button" class="link-button" data-testid="sim-preset-decay" on:click=preset>
                {move || strings().sim_divisor().decay_preset}
            </button>
        </div>
    }
}
