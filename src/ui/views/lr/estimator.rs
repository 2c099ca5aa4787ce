//! Section 3 of the Batch & LR view: estimating B_simple from squared gradient norms measured at
//! two batch sizes (McCandlish et al. 2018, App. A).

use std::rc::Rc;

use leptos::prelude::*;

use super::chart_figure::LrChart;
use super::{SectionForm, StaleBadge, figure_pair};
use crate::chart::AxisLabels;
use crate::chart::lr::norm_fit;
use crate::core::error::{ErrorKind, InputError};
use crate::core::format::{fmt_number, fmt_sci};
use crate::core::noise_estimate::{
    FIELD_B_BIG, FIELD_B_SMALL, FIELD_GN_BIG, FIELD_GN_SMALL, NoiseEstimate, TwoBatch,
};
use crate::core::noise_scale::{examples_over_min, log_grid, steps_over_min};
use crate::core::params::lr as spec;
use crate::ui::components::chart_canvas::{ChartFn, ChartJob};
use crate::ui::components::checked::Checked;
use crate::ui::components::figure::Figure;
use crate::ui::components::num_field::NumField;
use crate::ui::i18n::{fill, texts};
use crate::ui::state::AppState;

/// A validated measurement and its estimate.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Estimate {
    input: TwoBatch,
    est: NoiseEstimate,
}

/// Section 3: two measured squared gradient norms in, G², tr Σ and B_simple out, with a chart of
/// the fitted curve, what went wrong when the measurements do not give an estimate, and advice.
#[component]
pub fn EstimatorSection() -> impl IntoView {
    let state = expect_context::<AppState>();
    let p = state.lr;
    let t = move || &texts(state.lang.get()).lr().estimator;
    let measured = Memo::new(move |_| {
        TwoBatch::parse(
            &p.b_small.value.get(),
            &p.gn_small.value.get(),
            &p.b_big.value.get(),
            &p.gn_big.value.get(),
        )
    });
    let checked = Checked::new(move || {
        let errors = p.estimator_field_errors();
        if !errors.is_empty() {
            return Err(errors);
        }
        let input = measured.get().map_err(|e| vec![e])?;
        let est = input.estimate().map_err(|e| vec![e])?;
        Ok(Estimate { input, est })
    });
    view! {
        <section class="lr-section" data-testid="lr-estimator">
            <h3>{move || t().heading}</h3>
            <p class="lr-intro">{move || t().intro}</p>
            <div class="view-body">
                <SectionForm heading=Signal::derive(move || t().heading)>
                    <NumField param=p.b_small text=|s| &s.lr().estimator.b_small error=checked.error(&spec::B_SMALL)/>
                    <NumField param=p.gn_small text=|s| &s.lr().estimator.gn_small error=checked.error(&spec::GN_SMALL)/>
                    <NumField param=p.b_big text=|s| &s.lr().estimator.b_big error=checked.error(&spec::B_BIG)/>
                    <NumField param=p.gn_big text=|s| &s.lr().estimator.gn_big error=checked.error(&spec::GN_BIG)/>
                </SectionForm>
                <div class="results" aria-live="polite">
                    <StaleBadge stale=checked.stale/>
                    <EstimatorFigures checked/>
                    <EstimatorProblem checked measured/>
                    <EstimatorAdvice checked/>
                    <EstimatorChart checked/>
                </div>
            </div>
            <div class="lr-howto">
                <h4>{move || t().howto_title}</h4>
                <div class="lr-howto-grid">
                    {move || t().howto.iter().map(|(h, body)| view! { <div class="note"><h5>{*h}</h5><p>{*body}</p></div> }).collect_view()}
                </div>
            </div>
        </section>
    }
}

/// G², tr Σ and B_simple.
#[component]
fn EstimatorFigures(checked: Checked<Estimate>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let shown = checked.shown;
    let (g2_raw, g2_shown) = figure_pair(shown, |r| Some(r.est.grad_sq), fmt_number);
    let (tr_raw, tr_shown) = figure_pair(shown, |r| Some(r.est.trace_sigma), fmt_number);
    let (bs_raw, bs_shown) = figure_pair(shown, |r| Some(r.est.b_simple), fmt_number);
    let no_unit = Signal::derive(|| "");
    let examples = Signal::derive(move || texts(state.lang.get()).lr().estimator.unit_examples);
    let stale = checked.stale;
    view! {
        <div class="figures">
            <Figure testid="g2" raw=g2_raw shown=g2_shown unit=no_unit text=|s| &s.lr().estimator.g2 stale=stale/>
            <Figure testid="trace-sigma" raw=tr_raw shown=tr_shown unit=no_unit text=|s| &s.lr().estimator.trace_sigma stale=stale/>
            <Figure testid="b-simple" raw=bs_raw shown=bs_shown unit=examples text=|s| &s.lr().estimator.b_simple stale=stale/>
        </div>
    }
}

/// What went wrong, in words, when the two measurements do not give an estimate: which input,
/// and what to do.
#[component]
fn EstimatorProblem(
    checked: Checked<Estimate>,
    measured: Memo<Result<TwoBatch, InputError>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || &texts(state.lang.get()).lr().estimator;
    move || {
        let errors = checked.result.get().err()?;
        let raw = measured.get().ok().map(|m| m.raw());
        let text = errors.iter().find_map(|e| match (e.field, &e.kind) {
            (FIELD_B_BIG, ErrorKind::MustDiffer(_)) => Some(t().equal_batches.to_string()),
            (FIELD_B_SMALL, ErrorKind::NotBelow(_)) => Some(t().swapped.to_string()),
            (FIELD_GN_SMALL, ErrorKind::NoisyEstimate) => {
                raw.map(|r| fill(t().noisy_trace, &[("value", &fmt_sci(r.trace_sigma))]))
            }
            (FIELD_GN_BIG, ErrorKind::NoisyEstimate) => {
                raw.map(|r| fill(t().noisy_signal, &[("value", &fmt_sci(r.grad_sq))]))
            }
            _ => None,
        })?;
        Some(
            view! { <p class="aside lr-warn" role="status" data-testid="estimator-problem">{text}</p> },
        )
    }
}

/// Where the larger measured batch sits against B_simple, and what it costs in steps and examples.
#[component]
fn EstimatorAdvice(checked: Checked<Estimate>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || &texts(state.lang.get()).lr().estimator;
    move || {
        let r = checked.result.get().ok()?;
        let (bb, bs) = (r.input.b_big, r.est.b_simple);
        let text = if bb < bs / 2.0 {
            t().advice_below
        } else if bb > bs * 2.0 {
            t().advice_above
        } else {
            t().advice_near
        };
        let pairs = [
            ("b_big", fmt_number(bb)),
            ("b_simple", fmt_number(bs)),
            ("s", fmt_number(steps_over_min(bs, bb))),
            ("e", fmt_number(examples_over_min(bs, bb))),
        ];
        let args: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        Some(view! { <p class="aside" data-testid="estimator-advice">{fill(text, &args)}</p> })
    }
}

/// |G_B|² against B: the fitted G² + tr Σ / B through the two measurements.
#[component]
fn EstimatorChart(checked: Checked<Estimate>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let p = state.lr;
    let strings = move || texts(state.lang.get());
    let t = move || &strings().lr().estimator;
    let shown = checked.shown;
    let curve = Memo::new(move |_| {
        shown.get().map_or(Vec::new(), |r| {
            log_grid(r.input.b_small / 4.0, r.input.b_big * 4.0, 160)
                .into_iter()
                .map(|b| (b, r.est.grad_sq + r.est.trace_sigma / b))
                .collect::<Vec<(f64, f64)>>()
        })
    });
    let chart: ChartFn = Rc::new(move |job: ChartJob<'_, '_>| {
        let Some(r) = shown.get() else { return };
        let pts = curve.get();
        let plot = norm_fit::NormFitPlot {
            curve: &pts,
            signal: r.est.grad_sq,
            signal_label: t().signal_label,
            b_simple: r.est.b_simple,
            b_simple_label: t().b_simple_label,
            measured: [
                (r.input.b_small, r.input.gn_small),
                (r.input.b_big, r.input.gn_big),
            ],
            labels: AxisLabels {
                x: t().chart_x,
                y: t().chart_y,
            },
        };
        job.run(
            |root, style| norm_fit::draw(root, &plot, style),
            || {
                norm_fit::table(
                    &plot,
                    strings().export().series,
                    strings().export().theory,
                    strings().export().measured,
                )
            },
        );
    });
    let alt = Signal::derive(move || {
        shown.get().map_or(String::new(), |r| {
            fill(t().chart_alt, &[("b_simple", &fmt_number(r.est.b_simple))])
        })
    });
    // Exported files: batch-lab_lr_norm-fit_bs32_gs104_bb512_gb10.25.*
    let key = Signal::derive(move || {
        format!(
            "bs{}_gs{}_bb{}_gb{}",
            p.b_small.value.get().trim(),
            p.gn_small.value.get().trim(),
            p.b_big.value.get().trim(),
            p.gn_big.value.get().trim()
        )
    });
    view! {
        <LrChart testid="chart-norm-fit" title=Signal::derive(move || t().chart_title.to_string()) alt=alt chart=chart key=key stale=checked.stale/>
    }
}
