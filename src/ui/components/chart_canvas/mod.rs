//! A chart: its canvas (sharp on HiDPI screens, redrawn on resize and theme change), an export
//! toolbar (PNG at 2×, SVG, CSV, JSON) and its plotted data as a table on demand.
//!
//! Every chart's drawing code is compiled once, for [`ChartBackend`]: an enum that forwards each
//! plotters drawing call to a canvas backend (screen and PNG) or to plotters' SVG backend (SVG
//! export). The component itself is not generic: a view hands it one [`ChartFn`] that builds the
//! chart's plot from its signals and either draws it or returns its [`DataTable`].
//!
//! While the input is invalid a view keeps its last good chart on screen, marked stale
//! (`<figure class="chart stale">`); its exports then say so too (`export::stale_csv`, `export::stale_svg`,
//! a JSON title suffix). A chart that shows nothing (no valid input yet) has its export
//! buttons disabled.

mod backend;
mod data_table;
mod export;
mod readout;

use std::rc::Rc;

use leptos::ev;
use leptos::prelude::*;
use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

pub use backend::{ChartArea, ChartBackend, ChartError};
use data_table::DataTableView;
pub use export::Format;
use export::{ExportBar, Exporter};
use readout::Pointer;

use crate::chart::ChartStyle;
use crate::chart::frame::PlotFrame;
use crate::chart::table::DataTable;
use crate::ui::browser;
use crate::ui::state::AppState;

/// What a view's chart function is asked to do.
pub enum ChartJob<'a, 'b> {
    /// Draw the chart on this area in this style, and say where its plot area is (for the
    /// hover read-out) if it can.
    Draw(&'a ChartArea<'b>, &'a ChartStyle, &'a mut Option<PlotFrame>),
    /// Put the plotted data here.
    Table(&'a mut Option<DataTable>),
}

impl<'b> ChartJob<'_, 'b> {
    /// Does the job: draws with `draw` and keeps the plot frame it reports (a drawing error
    /// leaves the chart as far as it got, with no read-out) or tabulates with `table`.
    pub fn run<E>(
        self,
        draw: impl FnOnce(&ChartArea<'b>, &ChartStyle) -> Result<PlotFrame, E>,
        table: impl FnOnce() -> DataTable,
    ) {
        match self {
            ChartJob::Draw(root, style, frame) => *frame = draw(root, style).ok(),
            ChartJob::Table(out) => *out = Some(table()),
        }
    }
}

/// A view's chart: builds the plot from the signals it reads, then does the job.
pub type ChartFn = Rc<dyn Fn(ChartJob<'_, '_>)>;

/// Draws with `chart` on a fresh area of `backend`.
fn draw_on(chart: &ChartFn, backend: ChartBackend<'_>, style: &ChartStyle) -> Option<PlotFrame> {
    let mut frame = None;
    chart(ChartJob::Draw(
        &backend.into_drawing_area(),
        style,
        &mut frame,
    ));
    frame
}

/// A chart canvas's size in CSS pixels: its container's width (at least 240 px) and 58 % of that
/// in height, within 220–380 px, or at least 290 px in a container narrower than 480 px, where a
/// legend's rows below the plot (`chart::legend`) would otherwise leave the plot too little
/// height (the same rule as `.chart-box canvas` in the stylesheet).
fn css_box(canvas: &HtmlCanvasElement) -> (f64, f64) {
    let w = f64::from(
        canvas
            .parent_element()
            .map_or(600, |p| p.client_width())
            .max(240),
    );
    let min = if w < 480.0 { 290.0 } else { 220.0 };
    (w, (w * 0.58).clamp(min, 380.0))
}

/// Canvas (device) pixels per CSS pixel of `canvas` as laid out now.
fn device_per_css(canvas: &HtmlCanvasElement) -> f64 {
    let css = f64::from(canvas.client_width());
    if css > 0.0 {
        f64::from(canvas.width()) / css
    } else {
        1.0
    }
}

/// A chart with its export toolbar and its data table.
#[component]
pub fn ChartCanvas(
    /// `data-testid` of the canvas (`chart-…`).
    testid: &'static str,
    /// The one-line summary: the canvas's accessible name and the data table's caption.
    #[prop(into)]
    alt: Signal<String>,
    /// Draws the chart or gives its data.
    chart: ChartFn,
    /// What the exported files are called, without `batch-lab_` and the extension: the view, the
    /// chart and its key parameters, e.g. `steps_lr-schedule_n10000_b100`.
    #[prop(into)]
    file: Signal<String>,
    /// Suffix of the export buttons' `data-testid`s (`export-png-<suffix>`) when a view has
    /// several charts; empty for a view's only chart.
    #[prop(optional)]
    suffix: &'static str,
    /// `data-testid` of the data table; `<testid>-data` if not given.
    #[prop(optional)]
    table_testid: Option<&'static str>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let chart = StoredValue::new_local(chart);
    let canvas_ref = NodeRef::<leptos::html::Canvas>::new();
    // The canvas's size in CSS pixels, for the exports.
    let css_size = StoredValue::new((600.0_f64, 348.0_f64));
    let resized = RwSignal::new(0u32);
    let listener = window_event_listener(ev::resize, move |_| {
        resized.update(|n| *n = n.wrapping_add(1))
    });
    on_cleanup(move || listener.remove());
    // How many times the canvas has been drawn, in `data-drawn` (scripts that read the pixels wait
    // for the first). A chart is first drawn when it comes near the viewport, in a task of its own
    // after the page has been laid out and painted: a page's start-up task then builds only the
    // DOM, and a chart far down the page costs nothing until the reader scrolls to it. The
    // canvas's box has its final size from the stylesheet before that (`.chart-box canvas`), so
    // nothing moves when it is drawn.
    let near = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(canvas) = canvas_ref.get() {
            browser::when_near_viewport(&canvas, move || near.set(true));
        }
    });
    let drawn = StoredValue::new(0u32);
    let table = Memo::new(move |_| {
        chart.with_value(|f| {
            let mut out = None;
            f(ChartJob::Table(&mut out));
            out.unwrap_or_default()
        })
    });
    // Whether the last screen drawing showed nothing (no valid input yet): exports are off.
    let empty = RwSignal::new(false);
    let pointer = Pointer {
        canvas_ref,
        frame: StoredValue::new(None::<PlotFrame>),
        table,
        at: RwSignal::new(None),
    };
    Effect::new(move |_| {
        resized.track();
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        if !near.get() {
            return;
        }
        let dark = state.dark();
        let dpr = window().device_pixel_ratio().clamp(1.0, 4.0);
        let (css_w, css_h) = css_box(&canvas);
        css_size.set_value((css_w, css_h));
        let _ = web_sys::HtmlElement::style(&canvas).set_property("height", &format!("{css_h}px"));
        canvas.set_width((css_w * dpr).round() as u32);
        canvas.set_height((css_h * dpr).round() as u32);
        let Some(backend) = CanvasBackend::with_canvas_object(HtmlCanvasElement::clone(&canvas))
        else {
            return;
        };
        let drew = chart.with_value(|f| {
            draw_on(
                f,
                ChartBackend::Canvas(backend),
                &ChartStyle { scale: dpr, dark },
            )
        });
        empty.set(drew.is_none() || table.with_untracked(|t| t.rows.is_empty()));
        pointer.frame.set_value(drew);
        let n = drawn.get_value().wrapping_add(1);
        drawn.set_value(n);
        let _ = canvas.set_attribute("data-drawn", &n.to_string());
    });
    let exporter = Exporter {
        chart,
        table,
        canvas_ref,
        css_size,
        drawn,
        alt,
        file,
    };
    let table_testid = table_testid.map_or_else(|| format!("{testid}-data"), str::to_string);
    view! {
        <div class="chart-box">
            <canvas node_ref=canvas_ref role="img" aria-label=move || alt.get() data-testid=testid
                on:pointermove=move |ev| pointer.track(ev, false)
                on:pointerdown=move |ev| pointer.track(ev, true)
                on:pointerleave=move |ev| {
                    // A finger lifts off a touch screen: keep what the tap showed.
                    if ev.pointer_type() == "mouse" {
                        pointer.at.set(None);
                    }
                }></canvas>
            {move || pointer.view(testid)}
        </div>
        <ExportBar exporter empty suffix />
        <DataTableView table alt testid=table_testid />
    }
    .into_any()
}
