//! Section 1 of the Batch & LR view: why a maximum step size exists, on a 2-D quadratic.

use leptos::prelude::*;

use super::max_step_charts::{LossChart, PathChart, SweepChart};
use super::{SectionForm, StaleBadge, figure_pair};
use crate::core::format::fmt_number;
use crate::core::max_step::{MaxStep, MaxStepRun, RunClass, gd_threshold};
use crate::core::params::lr as spec;
use crate::ui::components::checked::Checked;
use crate::ui::components::figure::Figure;
use crate::ui::components::later::later;
use crate::ui::components::num_field::NumField;
use crate::ui::i18n::{fill, texts};
use crate::ui::state::AppState;

/// A validated run and its result.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Run {
    /// The validated model.
    pub model: MaxStep,
    /// Its run.
    pub run: MaxStepRun,
}

pub(super) fn verdict_index(class: RunClass) -> usize {
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
pub(super) fn sweep_reach(run: &MaxStepRun) -> f64 {
    (run.step_over_threshold * 1.15).max(1.5)
}

/// Section 1: a 2-D quadratic run with the chosen step, its verdict, and three charts.
#[component]
pub fn MaxStepSection() -> impl IntoView {
    let state = expect_context::<AppState>();
    let p = state.lr;
    let t = move || &texts(state.lang.get()).lr().max_step;
    let checked = Checked::new(move || {
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
    let shown = checked.shown;
    let stale = checked.stale;
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
                <SectionForm heading=Signal::derive(move || t().heading)>
                    <NumField param=p.lam_max text=|s| &s.lr().max_step.lam_max error=checked.error(&spec::LAM_MAX)/>
                    <NumField param=p.lam_2 text=|s| &s.lr().max_step.lam_2 error=checked.error(&spec::LAM_2)/>
                    <NumField param=p.step_size text=|s| &s.lr().max_step.step_size error=checked.error(&spec::STEP_SIZE)/>
                    <NumField param=p.momentum text=|s| &s.lr().max_step.momentum error=checked.error(&spec::MOMENTUM)/>
                    <NumField param=p.iters text=|s| &s.lr().max_step.iters error=checked.error(&spec::ITERS)/>
                </SectionForm>
                <div class="results" aria-live="polite">
                    <StaleBadge stale/>
                    <MaxStepFigures checked/>
                    <MaxStepNotes checked/>
                    {later(move || view! {
                        <div class="lr-charts">
                            <PathChart shown key stale/>
                            <LossChart shown key stale/>
                        </div>
                        <SweepChart shown key stale/>
                    }.into_any())}
                </div>
            </div>
        </section>
    }
}

/// The bound 2/λ_max, the step over it, the verdict, the step where the run blew up, and the rate.
#[component]
fn MaxStepFigures(checked: Checked<Run>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || &texts(state.lang.get()).lr().max_step;
    let shown = checked.shown;
    let (thr_raw, thr_shown) = figure_pair(shown, |r| Some(r.run.threshold), fmt_number);
    let (ratio_raw, ratio_shown) =
        figure_pair(shown, |r| Some(r.run.step_over_threshold), fmt_number);
    let (rate_raw, rate_shown) = figure_pair(shown, |r| Some(r.run.rate), fmt_number);
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
    let stale = checked.stale;
    view! {
        <div class="figures">
            <Figure testid="eta-max" raw=thr_raw shown=thr_shown unit=no_unit text=|s| &s.lr().max_step.threshold stale=stale/>
            <Figure testid="step-ratio" raw=ratio_raw shown=ratio_shown unit=times_unit text=|s| &s.lr().max_step.step_ratio stale=stale/>
            <Figure testid="verdict" raw=verdict_raw shown=verdict_shown unit=no_unit text=|s| &s.lr().max_step.verdict stale=stale/>
            <Figure testid="blowup-step" raw=blow_raw shown=blow_shown unit=no_unit text=|s| &s.lr().max_step.blowup stale=stale/>
            <Figure testid="rate" raw=rate_raw shown=rate_shown unit=no_unit text=|s| &s.lr().max_step.rate stale=stale/>
        </div>
    }
}

/// Notes on the current run: ringing, a divergence too slow to blow up within the run, and how
/// momentum moves the bound.
#[component]
fn MaxStepNotes(checked: Checked<Run>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || &texts(state.lang.get()).lr().max_step;
    move || {
        let r = checked.shown.get()?;
        let mut notes = Vec::new();
        if r.run.rings && r.run.class != RunClass::Diverges {
            notes.push(t().rings.to_string());
        }
        if r.run.class == RunClass::Diverges && r.run.stopped_at.is_none() {
            let rate = fmt_number(r.run.rate);
            let n = fmt_number(r.model.iters as f64);
            notes.push(fill(t().slow_divergence, &[("rate", &rate), ("n", &n)]));
        }
        if r.model.momentum > 0.0 {
            let bound0 = fmt_number(gd_threshold(r.model.lambda_max));
            notes.push(fill(t().momentum_note, &[("bound0", &bound0)]));
        }
        Some(
            notes
                .into_iter()
                .map(|n| view! { <p class="aside">{n}</p> })
                .collect_view(),
        )
    }
}
