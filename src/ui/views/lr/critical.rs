//! Section 2 of the Batch & LR view: ε_opt(B), steps and examples against the batch size, and
//! the critical batch.

use std::rc::Rc;

use leptos::prelude::*;

use super::chart_figure::LrChart;
use super::{fill, find_error, raw_real};
use crate::chart::AxisLabels;
use crate::chart::lr::{eps_fraction, steps_examples, tradeoff};
use crate::core::error::InputError;
use crate::core::format::{fmt_input, fmt_int, fmt_number};
use crate::core::noise_estimate::TwoBatch;
use crate::core::noise_scale::{
    BatchCurves, BatchRange, BatchReadout, CriticalBatch, FIELD_B, FIELD_B_MAX, FIELD_B_MIN,
    parse_batch,
};
use crate::core::steps::plan;
use crate::ui::components::chart_canvas::{ChartFn, ChartJob};
use crate::ui::components::figure::Figure;
use crate::ui::components::num_field::NumField;
use crate::ui::i18n::texts;
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

/// Section 2.
#[component]
pub fn CriticalSection() -> impl IntoView {
    let state = expect_context::<AppState>();
    let p = state.lr;
    let strings = move || texts(state.lang.get());
    let t = move || &strings().lr().critical;
    let result: Memo<Result<Reading, Vec<InputError>>> = Memo::new(move |_| {
        let errors = p.critical_field_errors();
        if !errors.is_empty() {
            return Err(errors);
        }
        let read = || -> Result<Reading, InputError> {
            let model = CriticalBatch::parse(&p.b_noise.value.get(), &p.eps_max.value.get())?;
            let range = BatchRange::parse(&p.b_min.value.get(), &p.b_max.value.get())?;
            let at = model.readout(parse_batch(&p.b.value.get(), FIELD_B)?)?;
            Ok(Reading { model, at, range })
        };
        read().map_err(|e| vec![e])
    });
    let shown: Memo<Option<Reading>> =
        Memo::new(move |prev: Option<&Option<Reading>>| match result.get() {
            Ok(r) => Some(r),
            Err(_) => prev.copied().flatten(),
        });
    let stale = Signal::derive(move || result.with(Result::is_err));
    let error_for = move |key: &'static str| {
        Signal::derive(move || result.with(|r| r.as_ref().err().and_then(|es| find_error(es, key))))
    };
    let curves: Memo<Option<BatchCurves>> =
        Memo::new(move |_| shown.get().map(|r| r.model.curves(r.range, CURVE_POINTS)));
    let fig = move |f: fn(&Reading) -> f64| {
        (
            Signal::derive(move || shown.get().map_or(String::new(), |r| raw_real(f(&r)))),
            Signal::derive(move || shown.get().map_or("—".into(), |r| fmt_number(f(&r)))),
        )
    };
    let (eps_raw, eps_shown) = fig(|r| r.at.eps_opt);
    let (s_raw, s_shown) = fig(|r| r.at.s_over_smin);
    let (e_raw, e_shown) = fig(|r| r.at.e_over_emin);
    let (bc_raw, bc_shown) = fig(|r| r.at.b_crit);
    let no_unit = Signal::derive(|| "");
    let times = Signal::derive(move || t().unit_times_min);
    let examples = Signal::derive(move || t().unit_examples);

    // Links from other views: the Steps view's effective batch, section 3's B_simple.
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
                    {fill(t().use_steps_batch, &[("b", fmt_int(u128::from(eb)))])}
                </button>
            }
        });
        let bs = b_simple.get().map(|bs| {
            view! {
                <button type="button" class="lr-link" data-testid="use-b-simple"
                    on:click=move |_| p.b_noise.value.set(fmt_input(bs))>
                    {fill(t().use_b_simple, &[("b", fmt_number(bs))])}
                </button>
            }
        });
        let sim = state.measured_noise.get().map(|bn| {
            view! {
                <button type="button" class="lr-link" data-testid="use-sim-noise"
                    on:click=move |_| p.b_noise.value.set(fmt_input(bn))>
                    {fill(t().use_sim_noise, &[("b", fmt_number(bn.round()))])}
                </button>
            }
        });
        view! { {eb} {bs} {sim} }
    };

    let reading = move || {
        let r = shown.get()?;
        let text =
            [t().reading_below, t().reading_near, t().reading_above][regime(r.at.b, r.at.b_crit)];
        Some(view! {
            <p class="aside" data-testid="critical-reading">
                {fill(
                    text,
                    &[
                        ("b", fmt_number(r.at.b)),
                        ("s", fmt_number(r.at.s_over_smin)),
                        ("e", fmt_number(r.at.e_over_emin)),
                    ],
                )}
            </p>
        })
    };

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
        let label = fill(t().trade_current, &[("b", fmt_number(r.at.b))]);
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
            fill(t().eps_alt, &[("b_noise", fmt_number(r.model.b_noise))])
        })
    });
    let se_alt = Signal::derive(move || {
        shown.get().map_or(String::new(), |r| {
            fill(t().se_alt, &[("b_crit", fmt_number(r.at.b_crit))])
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

    view! {
        <section class="lr-section" data-testid="lr-critical">
            <h3>{move || t().heading}</h3>
            <p class="lr-intro">{move || t().intro}</p>
            <div class="view-body">
                <form class="controls" aria-label=move || format!("{} · {}", strings().shell().inputs, t().heading) on:submit=|ev| ev.prevent_default()>
                    <NumField param=p.b_noise text=|s| &s.lr().critical.b_noise error=error_for("b_noise")/>
                    <NumField param=p.eps_max text=|s| &s.lr().critical.eps_max error=error_for("eps_max")/>
                    <NumField param=p.b text=|s| &s.lr().critical.b error=error_for(FIELD_B)/>
                    <NumField param=p.b_min text=|s| &s.lr().critical.b_min error=error_for(FIELD_B_MIN)/>
                    <NumField param=p.b_max text=|s| &s.lr().critical.b_max error=error_for(FIELD_B_MAX)/>
                    <div class="lr-links">{links}</div>
                </form>
                <div class="results" aria-live="polite">
                    <p class="stale-badge" class:hidden=move || !stale.get()>{move || strings().shell().stale}</p>
                    <div class="figures">
                        <Figure testid="eps-opt" raw=eps_raw shown=eps_shown unit=no_unit text=|s| &s.lr().critical.eps_opt stale=stale/>
                        <Figure testid="s-over-smin" raw=s_raw shown=s_shown unit=times text=|s| &s.lr().critical.s_over_smin stale=stale/>
                        <Figure testid="e-over-emin" raw=e_raw shown=e_shown unit=times text=|s| &s.lr().critical.e_over_emin stale=stale/>
                        <Figure testid="b-crit" raw=bc_raw shown=bc_shown unit=examples text=|s| &s.lr().critical.b_crit stale=stale/>
                    </div>
                    {reading}
                    <LrChart testid="chart-eps-opt" title=Signal::derive(move || t().eps_title.to_string()) alt=eps_alt chart=eps_chart key=key stale=stale/>
                    <div class="lr-charts">
                        <LrChart testid="chart-steps-examples" title=Signal::derive(move || t().se_title.to_string()) alt=se_alt chart=se_chart key=key stale=stale/>
                        <LrChart testid="chart-tradeoff" title=Signal::derive(move || t().trade_title.to_string()) alt=trade_alt chart=trade_chart key=key stale=stale/>
                    </div>
                </div>
            </div>
        </section>
    }
}
