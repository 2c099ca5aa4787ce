//! The figure cards: FLOPs per token and for the run, time per update and in all, GPU-hours,
//! cluster throughput, energy and cost; with the peak used and the terms counted.

use crate::ui::i18n::fill;
use leptos::prelude::*;

use super::Computed;
use crate::core::compute::flops::FlopsRule;
use crate::core::format::{fmt_compact, fmt_number, fmt_sci};
use crate::ui::components::figure::Figure;
use crate::ui::i18n::{FigureText, Lang, Strings, texts};
use crate::ui::state::AppState;

/// How a figure reads.
#[derive(Clone, Copy)]
enum Style {
    /// `49.2 B` / `492 亿`.
    Compact,
    /// `4.92e17`.
    Sci,
    /// `1,234` or `12.3` (4 significant digits).
    Plain,
}

/// The figures of the Time & cost view.
#[component]
pub fn ComputeFigures(
    /// The result on screen.
    shown: Memo<Option<Computed>>,
    /// Whether it is kept from the last valid input.
    stale: Signal<bool>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let strings = move || texts(state.lang.get());
    let figure = move |testid: &'static str,
                       f: fn(&Computed) -> Option<f64>,
                       style: Style,
                       unit: usize,
                       text: fn(&'static Strings) -> &'static FigureText| {
        let raw = Signal::derive(move || {
            shown.with(|c| {
                c.as_ref()
                    .and_then(f)
                    .map_or(String::new(), |x| x.to_string())
            })
        });
        let seen = Signal::derive(move || {
            let zh = state.lang.get() == Lang::Zh;
            shown.with(|c| {
                c.as_ref().and_then(f).map_or("—".into(), |x| match style {
                    Style::Compact => fmt_compact(x, zh),
                    Style::Sci => fmt_sci(x),
                    Style::Plain => fmt_number(round4(x)),
                })
            })
        });
        let unit =
            Signal::derive(move || strings().compute().units.get(unit).copied().unwrap_or(""));
        view! { <Figure testid=testid raw=raw shown=seen unit=unit text=text stale=stale/> }
    };
    let has_price = move || shown.with(|c| c.as_ref().is_some_and(|c| c.est.cost.is_some()));
    let peak = move || {
        let t = strings().compute();
        shown.with(|c| {
            c.as_ref().map(|c| {
                let (gpu, spec) = c.card;
                let peak = fmt_number(c.input.tflops);
                let line = if c.peak_entered {
                    fill(t.peak_entered, &[("peak", &peak)])
                } else {
                    fill(t.peak_card, &[("card", gpu.name), ("peak", &peak), ("watts", &spec.watts.map_or("—".into(), fmt_number)), ("source", spec.source)])
                };
                view! { <p class="aside figures-note" data-testid="compute-peak" data-value=c.input.tflops.to_string()>{line}</p> }
            })
        })
    };
    let included = move || {
        let t = strings().compute();
        shown.with(|c| {
            c.as_ref().map(|c| {
                let n = &t.included_terms;
                let detailed = c.rule == FlopsRule::Detailed;
                let mut terms = vec![n[0], n[1]];
                if c.flops.backward > c.flops.forward {
                    terms.push(n[2]);
                }
                if c.flops.recompute + c.flops.attention_recompute > 0.0 {
                    terms.push(n[3]);
                }
                if detailed {
                    terms.push(n[4]);
                    terms.push(n[5]);
                }
                if c.adapters {
                    terms.push(n[6]);
                }
                let sep = if state.lang.get() == Lang::Zh { "、" } else { ", " };
                view! { <p class="aside figures-note" data-testid="compute-terms">{fill(t.included, &[("terms", &terms.join(sep))])}</p> }
            })
        })
    };
    view! {
        <div class="figures">
            {figure("wall-hours", |c| Some(c.est.wall_hours), Style::Plain, 3, |s| &s.compute().wall_hours)}
            {figure("gpu-hours", |c| Some(c.est.gpu_hours), Style::Plain, 4, |s| &s.compute().gpu_hours)}
            <Show when=has_price fallback=move || view! { <p class="aside" data-testid="compute-no-price">{move || strings().compute().no_price}</p> }>
                {figure("cost", |c| c.est.cost, Style::Plain, 7, |s| &s.compute().cost)}
            </Show>
        </div>
        {peak}
        <div class="figures">
            {figure("flops-per-token", |c| Some(c.input.flops_per_token), Style::Compact, 1, |s| &s.compute().flops_per_token)}
            {figure("train-flops", |c| Some(c.est.train_flops), Style::Sci, 0, |s| &s.compute().train_flops)}
            {figure("step-seconds", |c| Some(c.est.step_seconds), Style::Plain, 2, |s| &s.compute().step_seconds)}
            {figure("tokens-per-second", |c| Some(c.est.tokens_per_second), Style::Compact, 5, |s| &s.compute().tokens_per_second)}
            {figure("energy-kwh", |c| c.est.energy_kwh, Style::Plain, 6, |s| &s.compute().energy_kwh)}
        </div>
        {included}
    }
}

/// Rounds to 4 significant digits (what `fmt_number` shows), so that large values do not show
/// spurious digits (`184,320.3` → `184,300`).
fn round4(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let e = x.abs().log10().floor() as i32;
    let f = 10f64.powi(3 - e);
    (x * f).round() / f
}
