//! The stacked-bar chart of the parts at both moments, with the chosen card's capacity line
//! and its data table.

use leptos::prelude::*;
use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;

use super::Computed;
use crate::chart::AxisLabels;
use crate::chart::memory::parts_bar::{self, Bar, PartsBarPlot};
use crate::core::format::fmt_number;
use crate::core::memory::Phase;
use crate::ui::components::chart_canvas::ChartCanvas;
use crate::ui::i18n::texts;
use crate::ui::state::AppState;

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
        let t = &strings().memory;
        shown.with(|c| {
            c.as_ref().map_or(String::new(), |c| {
                let moment = match c.est.phase {
                    Phase::BackwardStart => t.moment_names[0],
                    Phase::OptimizerStep => t.moment_names[1],
                };
                t.chart_alt
                    .replace("{peak}", &fmt_number(c.unit.amount(c.est.total)))
                    .replace("{moment}", moment)
                    .replace("{card}", c.gpu.name)
                    .replace("{cap}", &fmt_number(c.unit.amount(c.gpu.bytes())))
                    .replace("{unit}", c.unit.symbol())
            })
        })
    });
    let draw = move |canvas: &web_sys::HtmlCanvasElement, style: &crate::chart::ChartStyle| {
        let t = &strings().memory;
        let Some(c) = shown.get() else { return };
        let amounts = |parts: [u64; 6]| parts.map(|b| c.unit.amount(b));
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
        let y = t.chart_y.replace("{unit}", c.unit.symbol());
        let plot = PartsBarPlot {
            bars: &bars,
            part_names: t.part_names,
            peak: usize::from(c.est.phase == Phase::OptimizerStep),
            peak_word: t.peak_word,
            capacity: Some((c.gpu.name, c.unit.amount(c.gpu.bytes()))),
            unit: c.unit.symbol(),
            labels: AxisLabels { x: "", y: &y },
        };
        let Some(backend) = CanvasBackend::with_canvas_object(canvas.clone()) else {
            return;
        };
        let _ = parts_bar::draw(&backend.into_drawing_area(), &plot, style);
    };
    let rows = move || {
        let t = &strings().memory;
        shown.get().map(|c| {
            let (b, s) = (c.est.backward.list(), c.est.step.list());
            let f = move |x: u64| fmt_number(c.unit.amount(x));
            let parts = t
                .part_names
                .iter()
                .enumerate()
                .map(|(i, name)| {
                    let (x, y) = (b.get(i).copied().unwrap_or(0), s.get(i).copied().unwrap_or(0));
                    view! { <tr><th scope="row">{*name}</th><td>{f(x)}</td><td>{f(y)}</td></tr> }
                })
                .collect_view();
            let sum = view! {
                <tr class="mem-sum"><th scope="row">"Σ"</th><td>{f(c.est.backward.total)}</td><td>{f(c.est.step.total)}</td></tr>
            };
            (parts, sum)
        })
    };
    let unit = move || shown.with(|c| c.as_ref().map_or("", |c| c.unit.symbol()));
    view! {
        <figure class="chart" class:stale=move || stale.get()>
            <figcaption>{move || strings().memory.chart_title}</figcaption>
            <ChartCanvas testid="chart-memory" alt=alt draw=draw/>
            <details class="data-table">
                <summary>{move || strings().shell.show_data}</summary>
                <table>
                    <thead>
                        <tr>
                            <th></th>
                            <th>{move || strings().memory.moment_names[0]} " (" {unit} ")"</th>
                            <th>{move || strings().memory.moment_names[1]} " (" {unit} ")"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </details>
        </figure>
    }
}
