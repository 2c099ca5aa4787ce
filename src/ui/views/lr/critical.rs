//! Section 2 of the Batch & LR view: ε_opt(B), steps and examples against the batch size, and
//! the critical batch.

use std::rc::Rc;

use leptos::prelude::*;

use super::chart_figure::LrChart;
use super::{SectionForm, StaleBadge, figure_pair};
use crate::chart::AxisLabels;
use crate::chart::lr::{eps_fraction, steps_examples, tradeoff};
use crate::core::format::{fmt_input, fmt_int, fmt_number};
use crate::core::noise_estimate::TwoBatch;
use crate::core::noise_scale::{
    BatchCurves, BatchRange, BatchReadout, CriticalBatch, FIELD_B, parse_batch,
};
use crate::core::params::lr as spec;
use crate::core::steps::plan;
use crate::ui::components::chart_canvas::{ChartFn, ChartJob};
use crate::ui::components::checked::Checked;
use crate::ui::components::figure::Figure;
use crate::ui::components::num_field::NumField;
use crate::ui::i18n::{fill, texts};
use crate::ui::state::AppState;

/// Points on each curve.
const CURVE_POINTS: usize = 240;

/// A validated reading: the model, the figures at `b` and the charts' range.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Reading {
    model: CriticalBatch,
    at: BatchReadout,
    range: BatchRange,
}

/// Where `b` sits against B_crit: 0 well below (under half), 1 near, 2 well above (over twice).
pub(super) fn regime(b: f64, b_crit: f64) -> usize {
    if b < b_crit / 2.0 {
        0
    } else if b > b_crit * 2.0 {
        2
    } else {
        1
    }
}

/// Section 2: the inputs, the figures at the chosen batch and the three charts.
#[component]
pub fn CriticalSection() -> impl IntoView {
    let state = expect_context::<AppState>();
    let p = state.lr;
    let t = move || &texts(state.lang.get()).lr().critical;
    let checked = Checked::new(move || {
        let errors = p.critical_field_errors();
        if !errors.is_empty() {
            return Err(errors);
        }
        let read = || -> Result<Reading, crate::core::error::InputError> {
            let model = CriticalBatch::parse(&p.b_noise.value.get(), &p.eps_max.value.get())?;
            let range = BatchRange::parse(&p.b_min.value.get(), &p.b_max.value.get())?;
            let at = model.readout(parse_batch(&p.b.value.get(), FIELD_B)?)?;
            Ok(Reading { model, at, range })
        };
        read().map_err(|e| vec![e])
    });
    view! {
        <section class="lr-section" data-testid="lr-critical">
            <h3>{move || t().heading}</h3>
            <p class="lr-intro">{move || t().intro}</p>
            <div class="view-body">
                <SectionForm heading=Signal::derive(move || t().heading)>
                    <NumField param=p.b_noise text=|s| &s.lr().critical.b_noise error=checked.error(&spec::B_NOISE)/>
                    <NumField param=p.eps_max text=|s| &s.lr().critical.eps_max error=checked.error(&spec::EPS_MAX)/>
                    <NumField param=p.b text=|s| &s.lr().critical.b error=checked.error(&spec::B)/>
                    <NumField param=p.b_min text=|s| &s.lr().critical.b_min error=checked.error(&spec::B_MIN)/>
                    <NumField param=p.b_max text=|s| &s.lr().critical.b_max error=checked.error(&spec::B_MAX)/>
                    <CriticalLinks/>
                </SectionForm>
                <div class="results" aria-live="polite">
                    <StaleBadge stale=checked.stale/>
                    <CriticalFigures checked/>
                    <CriticalReading checked/>
                    <CriticalCharts checked/>
                </div>
            </div>
        </section>
    }
}

/// The figures at the chosen batch: ε_opt, S/S_min, E/E_min and B_crit.
#[component]
fn CriticalFigures(checked: Checked<Reading>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || &texts(state.lang.get()).lr().critical;
    let shown = checked.shown;
    let (eps_raw, eps_shown) = figure_pair(shown, |r| Some(r.at.eps_opt), fmt_number);
    let (s_raw, s_shown) = figure_pair(shown, |r| Some(r.at.s_over_smin), fmt_number);
    let (e_raw, e_shown) = figure_pair(shown, |r| Some(r.at.e_over_emin), fmt_number);
    let (bc_raw, bc_shown) = figure_pair(shown, |r| Some(r.at.b_crit), fmt_number);
    let no_unit = Signal::derive(|| "");
    let times = Signal::derive(move || t().unit_times_min);
    let examples = Signal::derive(move || t().unit_examples);
    let stale = checked.stale;
    view! {
        <div class="figures">
            <Figure testid="eps-opt" raw=eps_raw shown=eps_shown unit=no_unit text=|s| &s.lr().critical.eps_opt stale=stale/>
            <Figure testid="s-over-smin" raw=s_raw shown=s_shown unit=times text=|s| &s.lr().critical.s_over_smin stale=stale/>
            <Figure testid="e-over-emin" raw=e_raw shown=e_shown unit=times text=|s| &s.lr().critical.e_over_emin stale=stale/>
            <Figure testid="b-crit" raw=bc_raw shown=bc_shown unit=examples text=|s| &s.lr().critical.b_crit stale=stale/>
        </div>
    }
}

/// Buttons that fill B or B_noise from elsewhere: the Steps view's effective batch, section 3's
/// B_simple, and the critical batch the Simulator fitted.
#[component]
fn CriticalLinks() -> impl IntoView {
    let state = expect_context::<AppState>();
    let p = state.lr;
    let t = move || &texts(state.lang.get()).lr().critical;
    let steps_batch = Memo::new(move |_| {
        state
            .steps
            .parse()
            .ok()
            .and_then(|input| plan(&input).ok())
            .map(|pl| pl.effective_batch)
    });
    let b_simple = Memo::new(move |_| {
        TwoBatch::parse(
            &p.b_small.value.get(),
            &p.gn_small.value.get(),
            &p.b_big.value.get(),
            &p.gn_big.value.get(),
        )
        .and_then(|tb| tb.estimate())
        .ok()
        .map(|e| e.b_simple)
        .filter(|&b| CriticalBatch::new(b, 1.0).is_ok())
    });
    let links = move || {
        let eb = steps_batch.get().map(|eb| {
            view! {
                <button type="button" class="lr-link" data-testid="use-steps-batch"
                    on:click=move |_| p.b.value.set(eb.to_string())>
                    {fill(t().use_steps_batch, &[("b", &fmt_int(u128::from(eb)))])}
                </button>
            }
        });
        let bs = b_simple.get().map(|bs| {
            view! {
                <button type="button" class="lr-link" data-testid="use-b-simple"
                    on:click=move |_| p.b_noise.value.set(fmt_input(bs))>
                    {fill(t().use_b_simple, &[("b", &fmt_number(bs))])}
                </button>
            }
        });
        let sim = state.measured_noise.get().map(|bn| {
            view! {
                <button type="button" class="lr-link" data-testid="use-sim-noise"
                    on:click=move |_| p.b_noise.value.set(fmt_input(bn))>
                    {fill(t().use_sim_noise, &[("b", &fmt_number(bn.round()))])}
                </button>
            }
        });
        view! { {eb} {bs} {sim} }
    };
    view! { <div class="lr-links">{links}</div> }
}

/// One sentence on where the chosen batch sits against B_crit, with its S/S_min and E/E_min.
#[component]
fn CriticalReading(checked: Checked<Reading>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || &texts(state.lang.get()).lr().critical;
    move || {
        let r = checked.shown.get()?;
        let text =
            [t().reading_below, t().reading_near, t().reading_above][regime(r.at.b, r.at.b_crit)];
        let b = fmt_number(r.at.b);
        let s = fmt_number(r.at.s_over_smin);
        let e = fmt_number(r.at.e_over_emin);
        Some(view! {
            <p class="aside" data-testid="critical-reading">
                {fill(text, &[("b", &b), ("s", &s), ("e", &e)])}
            </p>
        })
    }
}

/// The three charts: ε_opt(B)/ε_max, S/S_min and E/E_min against B, and the trade-off between
/// steps and examples.
#[component]
fn CriticalCharts(checked: Checked<Reading>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let p = state.lr;
    let strings = move || texts(state.lang.get());
    let t = move || &strings().lr().critical;
    let shown = checked.shown;
    let curves: Memo<Option<BatchCurves>> =
        Memo::new(move |_| shown.get().map(|r| r.model.curves(r.range, CURVE_POINTS)));
    let eps_chart: ChartFn = Rc::new(move |job: ChartJob<'_, '_>| {
        let (Some(r), Some(c)) = (shown.get(), curves.get()) else {
            return;
        };
        let plot = eps_fraction::EpsFractionPlot {
            curve: &c.fraction,
            b_noise: r.model.b_noise,
            b_noise_label: strings().lr().mark_b_noise,
            current: (r.at.b, r.at.fraction),
            labels: AxisLabels {
                x: t().batch_x,
                y: t().eps_y,
            },
        };
        job.run(
            |root, style| eps_fraction::draw(root, &plot, style),
            || eps_fraction::table(&plot),
        );
    });
    let se_chart: ChartFn = Rc::new(move |job: ChartJob<'_, '_>| {
        let (Some(r), Some(c)) = (shown.get(), curves.get()) else {
            return;
        };
        let plot = steps_examples::StepsExamplesPlot {
            steps: &c.s_over_smin,
            examples: &c.e_over_emin,
            names: (t().se_steps, t().se_examples),
            b_crit: r.at.b_crit,
            b_crit_label: strings().lr().mark_b_crit,
            current: r.at.b,
            labels: AxisLabels {
                x: t().batch_x,
                y: t().se_y,
            },
        };
        job.run(
            |root, style| steps_examples::draw(root, &plot, style),
            || steps_examples::table(&plot),
        );
    });
    let trade_chart: ChartFn = Rc::new(move |job: ChartJob<'_, '_>| {
        let (Some(r), Some(c)) = (shown.get(), curves.get()) else {
            return;
        };
        let label = fill(t().trade_current, &[("b", &fmt_number(r.at.b))]);
        let plot = tradeoff::TradeoffPlot {
            curve: &c.tradeoff,
            b_crit_point: c.b_crit_point,
            b_crit_label: strings().lr().mark_b_crit,
            current: (r.at.e_over_emin, r.at.s_over_smin),
            current_label: &label,
            labels: AxisLabels {
                x: t().trade_x,
                y: t().trade_y,
            },
        };
        job.run(
            |root, style| tradeoff::draw(root, &plot, style),
            || tradeoff::table(&plot),
        );
    });
    let eps_alt = Signal::derive(move || {
        shown.get().map_or(String::new(), |r| {
            fill(t().eps_alt, &[("b_noise", &fmt_number(r.model.b_noise))])
        })
    });
    let se_alt = Signal::derive(move || {
        shown.get().map_or(String::new(), |r| {
            fill(t().se_alt, &[("b_crit", &fmt_number(r.at.b_crit))])
        })
    });
    let trade_alt = Signal::derive(move || t().trade_alt.to_string());
    // Exported files: batch-lab_lr_<chart>_bnoise1000_epsmax0.1_b256.*
    let key = Signal::derive(move || {
        format!(
            "bnoise{}_epsmax{}_b{}",
            p.b_noise.value.get().trim(),
            p.eps_max.value.get().trim(),
            p.b.value.get().trim()
        )
    });
    let stale = checked.stale;
    view! {
        <LrChart testid="chart-eps-opt" title=Signal::derive(move || t().eps_title.to_string()) alt=eps_alt chart=eps_chart key=key stale=stale/>
        <div class="lr-charts">
            <LrChart testid="chart-steps-examples" title=Signal::derive(move || t().se_title.to_string()) alt=se_alt chart=se_chart key=key stale=stale/>
            <LrChart testid="chart-tradeoff" title=Signal::derive(move || t().trade_title.to_string()) alt=trade_alt chart=trade_chart key=key stale=stale/>
        </div>
    }
}
