//! A chart of the Batch & LR view: caption, canvas, export buttons and a "Show the data" table.

use leptos::prelude::*;

use crate::ui::components::chart_canvas::{ChartCanvas, ChartFn};

/// A captioned chart with its export buttons and its data as a table on demand.
#[component]
pub fn LrChart(
    /// `data-testid` of the canvas (`chart-<name>`; the export buttons are `export-<format>-<name>`).
    testid: &'static str,
    /// Caption.
    #[prop(into)]
    title: Signal<String>,
    /// Text alternative.
    #[prop(into)]
    alt: Signal<String>,
    /// Draws the chart or gives its data.
    chart: ChartFn,
    /// The section's key parameters, for the exported files' names.
    #[prop(into)]
    key: Signal<String>,
    /// Whether the chart shows the last valid input.
    #[prop(into)]
    stale: Signal<bool>,
) -> impl IntoView {
    let name = testid.strip_prefix("chart-").unwrap_or(testid);
    let file = Signal::derive(move || format!("lr_{name}_{}", key.get()));
    view! {
        <figure class="chart" class:stale=move || stale.get()>
            <figcaption>{move || title.get()}</figcaption>
            <ChartCanvas testid=testid alt=alt chart=chart file=file suffix=name/>
        </figure>
    }
    .into_any()
}
