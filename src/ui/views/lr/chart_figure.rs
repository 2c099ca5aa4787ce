//! A chart of the Batch & LR view: caption, canvas and a "Show the data" table under it.

use leptos::prelude::*;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, IntoDrawingArea};
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

use crate::chart::ChartStyle;
use crate::ui::components::chart_canvas::ChartCanvas;
use crate::ui::i18n::texts;
use crate::ui::state::AppState;

/// The drawing area of a canvas, if the canvas has a 2-D context.
pub(crate) fn canvas_area(canvas: &HtmlCanvasElement) -> Option<DrawingArea<CanvasBackend, Shift>> {
    CanvasBackend::with_canvas_object(canvas.clone()).map(IntoDrawingArea::into_drawing_area)
}

/// A captioned chart with its data as a table on demand.
#[component]
pub fn LrChart<F>(
    /// `data-testid` of the canvas.
    testid: &'static str,
    /// Caption.
    #[prop(into)]
    title: Signal<String>,
    /// Text alternative.
    #[prop(into)]
    alt: Signal<String>,
    /// Draws the chart.
    draw: F,
    /// Column headings of the data table.
    #[prop(into)]
    head: Signal<Vec<String>>,
    /// Rows of the data table, formatted.
    #[prop(into)]
    rows: Signal<Vec<Vec<String>>>,
    /// Whether the chart shows the last valid input.
    #[prop(into)]
    stale: Signal<bool>,
) -> impl IntoView
where
    F: Fn(&HtmlCanvasElement, &ChartStyle) + 'static,
{
    let state = expect_context::<AppState>();
    let strings = move || texts(state.lang.get());
    view! {
        <figure class="chart" class:stale=move || stale.get()>
            <figcaption>{move || title.get()}</figcaption>
            <ChartCanvas testid=testid alt=alt draw=draw/>
            <details class="data-table">
                <summary>{move || strings().shell.show_data}</summary>
                <table data-testid=format!("{testid}-data")>
                    <thead><tr>{move || head.get().into_iter().map(|h| view! { <th>{h}</th> }).collect_view()}</tr></thead>
                    <tbody>
                        {move || rows.get().into_iter().map(|r| view! {
                            <tr>{r.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}</tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </details>
        </figure>
    }
}

/// Up to `n` evenly spread indices into a list of `len` items (the first and, for n ≥ 2, the last).
pub(crate) fn sample_indices(len: usize, n: usize) -> Vec<usize> {
    if len == 0 || n == 0 {
        return Vec::new();
    }
    if len <= n {
        return (0..len).collect();
    }
    let mut idx: Vec<usize> = (0..n).map(|i| i * (len - 1) / (n - 1).max(1)).collect();
    idx.dedup();
    idx
}

#[cfg(test)]
mod tests {
    use super::sample_indices;

    #[test]
    fn samples() {
        assert_eq!(sample_indices(3, 10), vec![0, 1, 2]);
        assert_eq!(sample_indices(101, 5), vec![0, 25, 50, 75, 100]);
        assert!(sample_indices(0, 5).is_empty());
        assert_eq!(sample_indices(10, 1), vec![0]);
    }
}
