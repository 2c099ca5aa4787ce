//! The stacked-bar chart of the parts at both moments, with the chosen card's capacity line
//! and its data table.

use crate::ui::i18n::fill;
use std::rc::Rc;

use leptos::prelude::*;

use super::Computed;
use crate::chart::AxisLabels;
use crate::chart::memory::parts_bar::{self, Bar, PartsBarPlot};
use crate::core::format::fmt_number;
use crate::core::memory::Phase;
use crate::ui::components::chart_canvas::{ChartCanvas, ChartFn, ChartJob};
use crate::ui::i18n::texts;
use crate::ui::state::AppState;

/// The one rung of the unit ladder for the whole chart: the one the larger of the peak and the
/// card's capacity reads in, so bars and capacity line share an axis.
fn chart_rung(c: &Computed) -> (f64, &'static str) {
    c.unit.rung(c.est.total.max(c.gpu.bytes()) as f64)
}

/// The chart of the Memory view.
#[component]
pub fn PartsChart(
    /// The estimate on screen.
    shown: Memo<Option<Computed>>,
    /// Whether it is kept from the last valid input.
    stale: Signal<bool>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let strings = move || texts(state.lang.get());
    let alt = Signal::derive(move || {
        let t = &strings().memory();
        shown.with(|c| {
            c.as_ref().map_or(String::new(), |c| {
                let moment = match c.est.phase {
                    Phase::BackwardStart => t.moment_names[0],
                    Phase::OptimizerStep => t.moment_names[1],
                };
                let (per, symbol) = chart_rung(c);
                fill(
                    t.chart_alt,
                    &[
                        ("peak", &fmt_number(c.est.total as f64 / per)),
                        ("moment", moment),
                        ("card", c.gpu.name),
                        ("cap", &fmt_number(c.gpu.bytes() as f64 / per)),
                        ("unit", symbol),
                    ],
                )
            })
        })
    });
    let chart: ChartFn = Rc::new(move |job: ChartJob<'_, '_>| {
        let t = &strings().memory();
        let Some(c) = shown.get() else { return };
        let (per, symbol) = chart_rung(&c);
        let amounts = |parts: [u64; 6]| parts.map(|b| b as f64 / per);
        let bars = [
            Bar {
                name: t.moment_names[0],
                parts: amounts(c.est.backward.list()),
            },
            Bar {
                name: t.moment_names[1],
                parts: amounts(c.est.step.list()),
            },
        ];
        let y = fill(t.chart_y, &[("unit", symbol)]);
        let plot = PartsBarPlot {
            bars: &bars,
            part_names: t.part_names,
            peak: usize::from(c.est.phase == Phase::OptimizerStep),
            peak_word: t.peak_word,
            capacity: Some((c.gpu.name, c.gpu.bytes() as f64 / per)),
            unit: symbol,
            labels: AxisLabels { x: "", y: &y },
        };
        let words = &strings().export();
        job.run(
            |root, style| parts_bar::draw(root, &plot, style),
            || parts_bar::table(&plot, words.bar, words.total),
        );
    });
    // Exported files: batch-lab_memory_parts_llama-3-8b_lora_a100-80_mbs4_seq512.*
    let file = Signal::derive(move || {
        let p = state.memory;
        let v = |q: crate::ui::state::Param| q.value.get().trim().to_string();
        format!(
            "memory_parts_{}_{}_{}_mbs{}_seq{}",
            v(p.model),
            v(p.method),
            v(p.gpu),
            v(p.mbs),
            v(p.seq)
        )
    });
    view! {
        <figure class="chart" class:stale=move || stale.get()>
            <figcaption>{move || strings().memory().chart_title}</figcaption>
            <ChartCanvas testid="chart-memory" alt=alt chart=chart file=file/>
        </figure>
    }
}
