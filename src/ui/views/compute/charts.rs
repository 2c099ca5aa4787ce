//! The two charts: time to finish against the number of GPUs, and FLOPs per token by term.

use crate::ui::i18n::fill;
use std::rc::Rc;

use leptos::prelude::*;

use super::Computed;
use crate::chart::AxisLabels;
use crate::chart::compute::breakdown::{self, BreakdownPlot};
use crate::chart::compute::gpus::{self, GpusPlot, gpu_counts};
use crate::core::format::fmt_number;
use crate::ui::components::chart_canvas::{ChartCanvas, ChartFn, ChartJob};
use crate::ui::i18n::texts;
use crate::ui::state::{AppState, Param};

/// Three significant digits for text.
fn sig3(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return fmt_number(x);
    }
    let e = x.abs().log10().floor() as i32;
    let f = 10f64.powi(2 - e);
    fmt_number((x * f).round() / f)
}

/// The file-name stem shared by both charts: model, method, card, GPUs.
fn stem(state: AppState, chart: &str) -> String {
    let v = |q: Param| q.value.get().trim().to_string();
    let (m, s) = (state.compute.memory, state.compute.steps);
    format!(
        "compute_{chart}_{}_{}_{}_gpus{}",
        v(m.model),
        v(m.method),
        v(m.gpu),
        v(s.gpus)
    )
}

/// Time to finish against GPUs.
#[component]
pub fn GpusChart(
    /// The result on screen.
    shown: Memo<Option<Computed>>,
    /// Whether it is kept from the last valid input.
    stale: Signal<bool>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let strings = move || texts(state.lang.get());
    let alt = Signal::derive(move || {
        let t = strings().compute();
        shown.with(|c| {
            c.as_ref().map_or(String::new(), |c| {
                let limit = c.input.dp_limit();
                fill(
                    t.gpus_alt,
                    &[
                        ("hours", &sig3(c.est.wall_hours)),
                        ("gpus", &fmt_number(c.input.gpus)),
                        ("limit", &fmt_number(limit)),
                        ("best", &sig3(c.input.hours_with(limit))),
                    ],
                )
            })
        })
    });
    let chart: ChartFn = Rc::new(move |job: ChartJob<'_, '_>| {
        let t = strings().compute();
        let Some(c) = shown.get() else { return };
        let limit = c.input.dp_limit();
        let curve: Vec<(f64, f64)> = gpu_counts(c.input.gpus, limit)
            .into_iter()
            .map(|g| (g, c.input.hours_with(g)))
            .collect();
        let limit_label = fill(t.gpus_limit, &[("limit", &fmt_number(limit))]);
        let current_label = fill(t.gpus_current, &[("gpus", &fmt_number(c.input.gpus))]);
        let plot = GpusPlot {
            curve: &curve,
            limit: (limit, &limit_label),
            current: ((c.input.gpus, c.est.wall_hours), &current_label),
            labels: AxisLabels {
                x: t.gpus_axes[0],
                y: t.gpus_axes[1],
            },
        };
        job.run(
            |root, style| gpus::draw(root, &plot, style),
            || gpus::table(&plot),
        );
    });
    let file = Signal::derive(move || stem(state, "gpus"));
    view! {
        <figure class="chart" class:stale=move || stale.get()>
            <figcaption>{move || strings().compute().gpus_title}</figcaption>
            <ChartCanvas testid="chart-compute-gpus" alt=alt chart=chart file=file/>
        </figure>
    }
}

/// FLOPs per token by term.
#[component]
pub fn BreakdownChart(
    /// The result on screen.
    shown: Memo<Option<Computed>>,
    /// Whether it is kept from the last valid input.
    stale: Signal<bool>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let strings = move || texts(state.lang.get());
    let alt = Signal::derive(move || {
        let t = strings().compute();
        shown.with(|c| {
            c.as_ref().map_or(String::new(), |c| {
                fill(t.breakdown_alt, &[("total", &sig3(c.flops.total() / 1e9))])
            })
        })
    });
    let chart: ChartFn = Rc::new(move |job: ChartJob<'_, '_>| {
        let t = strings().compute();
        let Some(c) = shown.get() else { return };
        let plot = BreakdownPlot {
            names: t.breakdown_names,
            values: c.flops.parts().map(|x| x / 1e9),
            labels: AxisLabels {
                x: "",
                y: t.breakdown_y,
            },
        };
        job.run(
            |root, style| breakdown::draw(root, &plot, style),
            || breakdown::table(&plot, t.breakdown_term),
        );
    });
    let file = Signal::derive(move || stem(state, "breakdown"));
    view! {
        <figure class="chart" class:stale=move || stale.get()>
            <figcaption>{move || strings().compute().breakdown_title}</figcaption>
            <ChartCanvas testid="chart-compute-breakdown" alt=alt chart=chart file=file/>
        </figure>
    }
}
