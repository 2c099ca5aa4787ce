//! Section 1 of the Batch & LR view: why a maximum step size exists, on a 2-D quadratic.

use leptos::prelude::*;

use super::max_step_charts::{LossChart, PathChart, SweepChart};
use super::{fill, find_error, raw_real};
use crate::core::error::InputError;
use crate::core::format::fmt_number;
use crate::core::max_step::{MaxStep, MaxStepRun, RunClass, gd_threshold};
use crate::ui::components::figure::Figure;
use crate::ui::components::later::later;
use crate::ui::components::num_field::NumField;
use crate::ui::i18n::texts;
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
