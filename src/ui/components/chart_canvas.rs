//! A chart: its canvas (sharp on HiDPI screens, redrawn on resize and theme change), an export
//! toolbar (PNG at 2×, SVG, CSV, JSON) and its plotted data as a table on demand.
//!
//! Every chart's drawing code is compiled once, for [`ChartBackend`]: an enum that forwards each
//! plotters drawing call to a canvas backend (screen and PNG) or to plotters' SVG backend (SVG
//! export). The component itself is not generic: a view hands it one [`ChartFn`] that builds the
//! chart's plot from its signals and either draws it or returns its [`DataTable`].
//!
//! While the input is invalid a view keeps its last good chart on screen, marked stale
//! (`<figure class="chart stale">`); its exports then say so too ([`stale_csv`], [`stale_svg`],
//! a JSON title suffix). A chart that shows nothing (no valid input yet) has its export
//! buttons disabled.

use std::rc::Rc;
use std::time::Duration;

use leptos::ev;
use leptos::prelude::*;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, IntoDrawingArea, SVGBackend};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlCanvasElement};

use crate::chart::ChartStyle;
use crate::chart::frame::{PlotFrame, Readout, readout};
use crate::chart::table::{DataTable, file_name};
use crate::ui::browser;
use crate::ui::i18n::texts;
use crate::ui::state::AppState;

/// Rows of the on-page data table at most (the exports hold every row).
const TABLE_ROWS: usize = 40;

/// The error of a [`ChartBackend`]: the message of the backend's own error.
#[derive(Debug)]
pub struct ChartError(String);

impl std::fmt::Display for ChartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ChartError {}

/// The one drawing backend the charts are compiled for: a canvas or an SVG string.
pub enum ChartBackend<'a> {
    /// A `<canvas>` (on screen, or offscreen for a PNG).
    Canvas(CanvasBackend),
    /// SVG markup written into a string (plotters-svg's `SVGBackend::with_string`).
    Svg(SVGBackend<'a>),
}

/// The drawing area a chart draws on.
pub type ChartArea<'a> = DrawingArea<ChartBackend<'a>, Shift>;

fn cast<E: std::error::Error + Send + Sync>(
    e: DrawingErrorKind<E>,
) -> DrawingErrorKind<ChartError> {
    match e {
        DrawingErrorKind::DrawingError(e) => {
            DrawingErrorKind::DrawingError(ChartError(e.to_string()))
        }
        DrawingErrorKind::FontError(e) => DrawingErrorKind::FontError(e),
    }
}

/// Forwards a call to whichever backend this is.
macro_rules! forward {
    ($self:ident, $b:ident => $call:expr) => {
        match $self {
            ChartBackend::Canvas($b) => $call.map_err(cast),
            ChartBackend::Svg($b) => $call.map_err(cast),
        }
    };
}

impl DrawingBackend for ChartBackend<'_> {
    type ErrorType = ChartError;

    fn get_size(&self) -> (u32, u32) {
        match self {
            ChartBackend::Canvas(b) => b.get_size(),
            ChartBackend::Svg(b) => b.get_size(),
        }
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<ChartError>> {
        forward!(self, b => b.ensure_prepared())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<ChartError>> {
        forward!(self, b => b.present())
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<ChartError>> {
        forward!(self, b => b.draw_pixel(point, color))
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<ChartError>> {
        forward!(self, b => b.draw_line(from, to, style))
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<ChartError>> {
        forward!(self, b => b.draw_rect(upper_left, bottom_right, style, fill))
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<ChartError>> {
        forward!(self, b => b.draw_path(path, style))
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<ChartError>> {
        forward!(self, b => b.draw_circle(center, radius, style, fill))
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<ChartError>> {
        forward!(self, b => b.fill_polygon(vert, style))
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<ChartError>> {
        forward!(self, b => b.draw_text(text, style, pos))
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<ChartError>> {
        forward!(self, b => b.estimate_text_size(text, style))
    }
}

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
/// in height, within 220–380 px (the same rule as `.chart-box canvas` in the stylesheet).
fn css_box(canvas: &HtmlCanvasElement) -> (f64, f64) {
    let w = f64::from(
        canvas
            .parent_element()
            .map_or(600, |p| p.client_width())
            .max(240),
    );
    (w, (w * 0.58).clamp(220.0, 380.0))
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

/// Makes the browser download `href` as `name` through a temporary `<a download>`.
fn click_link(href: &str, name: &str) {
    let doc = document();
    let Ok(a) = doc.create_element("a") else {
        return;
    };
    let _ = a.set_attribute("href", href);
    let _ = a.set_attribute("download", name);
    let Some(body) = doc.body() else { return };
    let _ = body.append_child(&a);
    if let Some(a) = a.dyn_ref::<web_sys::HtmlElement>() {
        a.click();
    }
    a.remove();
}

/// Downloads `text` as a file of type `mime` through a `blob:` URL, revoked a little later.
fn download_text(name: &str, mime: &str, text: &str) {
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type(mime);
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &bag) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    click_link(&url, name);
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        Duration::from_secs(30),
    );
}

/// An exported CSV marked as kept from the last valid input: a first line `# <note>` after
/// the byte-order mark (a comment line, as `pandas.read_csv(comment="#")` and R's
/// `read.csv(comment.char = "#")` skip), then the table as it was.
fn stale_csv(csv: &str, note: &str) -> String {
    let body = csv.strip_prefix('\u{feff}').unwrap_or(csv);
    let note = note.replace(['\r', '\n'], " ");
    format!("\u{feff}# {note}\r\n{body}")
}

/// An exported SVG marked as kept from the last valid input: a `<title>` (the accessible name
/// SVG viewers show) right after the opening `<svg …>` tag.
fn stale_svg(svg: &str, title: &str, note: &str) -> String {
    let Some(end) = svg
        .find("<svg")
        .and_then(|at| svg[at..].find('>').map(|e| at + e + 1))
    else {
        return svg.to_string();
    };
    let escaped = format!("{title} ({note})")
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    format!("{}\n<title>{escaped}</title>{}", &svg[..end], &svg[end..])
}

/// The four export formats, in toolbar order.
const FORMATS: [&str; 4] = ["png", "svg", "csv", "json"];

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
    let strings = move || texts(state.lang.get());
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
    // Where the last screen drawing put its plot area (canvas pixels), for the read-out.
    let frame = StoredValue::new(None::<PlotFrame>);
    // The pointer over the canvas, in CSS pixels from its top-left corner.
    let pointer = RwSignal::new(None::<(f64, f64)>);
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
        frame.set_value(drew);
        let n = drawn.get_value().wrapping_add(1);
        drawn.set_value(n);
        let _ = canvas.set_attribute("data-drawn", &n.to_string());
    });
    let export = move |format: usize| {
        if table.with_untracked(|t| t.rows.is_empty()) {
            return;
        }
        // The chart on screen is the last good one, kept while the input is invalid.
        let stale = canvas_ref
            .get_untracked()
            .is_some_and(|c| matches!(Element::closest(&c, "figure.chart.stale"), Ok(Some(_))));
        let note = untrack(|| strings().shell().stale);
        let name = file_name(
            &format!("batch-lab_{}", file.get_untracked()),
            FORMATS[format],
        );
        let dark = untrack(|| state.dark());
        // The size drawn on screen, or the size it will have if it has not been drawn yet.
        let (w, h) = match (drawn.get_value(), canvas_ref.get_untracked()) {
            (0, Some(canvas)) => css_box(&canvas),
            _ => css_size.get_value(),
        };
        match format {
            0 => {
                let Ok(el) = document().create_element("canvas") else {
                    return;
                };
                let Ok(canvas) = el.dyn_into::<HtmlCanvasElement>() else {
                    return;
                };
                canvas.set_width((w * 2.0).round() as u32);
                canvas.set_height((h * 2.0).round() as u32);
                let Some(backend) = CanvasBackend::with_canvas_object(canvas.clone()) else {
                    return;
                };
                chart.with_value(|f| {
                    untrack(|| {
                        draw_on(
                            f,
                            ChartBackend::Canvas(backend),
                            &ChartStyle { scale: 2.0, dark },
                        )
                    });
                });
                if let Ok(url) = canvas.to_data_url() {
                    click_link(&url, &name);
                }
            }
            1 => {
                let mut svg = String::new();
                chart.with_value(|f| {
                    let backend =
                        SVGBackend::with_string(&mut svg, (w.round() as u32, h.round() as u32));
                    untrack(|| {
                        draw_on(
                            f,
                            ChartBackend::Svg(backend),
                            &ChartStyle { scale: 1.0, dark },
                        )
                    });
                });
                if stale {
                    svg = stale_svg(&svg, &alt.get_untracked(), note);
                }
                download_text(&name, "image/svg+xml", &svg);
            }
            2 => table.with_untracked(|t| {
                let csv = t.to_csv();
                let csv = if stale { stale_csv(&csv, note) } else { csv };
                download_text(&name, "text/csv;charset=utf-8", &csv);
            }),
            _ => {
                let title = alt.get_untracked();
                let title = if stale {
                    format!("{title} ({note})")
                } else {
                    title
                };
                table.with_untracked(|t| {
                    download_text(&name, "application/json", &t.to_json(&title));
                });
            }
        }
    };
    let buttons = (0..4)
        .map(|i| {
            let id = if suffix.is_empty() {
                format!("export-{}", FORMATS[i])
            } else {
                format!("export-{}-{suffix}", FORMATS[i])
            };
            view! {
                <button type="button" data-testid=id on:click=move |_| export(i)
                    disabled=move || empty.get()
                    title=move || strings().export().titles[i]>
                    {move || strings().export().buttons[i]}
                </button>
            }
        })
        .collect_view();
    // The on-page table is built only while its <details> is open.
    let open = RwSignal::new(false);
    let table_view = move || {
        if !open.get() {
            return None;
        }
        Some(table.with(|t| {
            let picked = t.sample(TABLE_ROWS);
            let note = (picked.len() < t.rows.len()).then(|| {
                strings()
                    .export()
                    .rows_shown
                    .replace("{shown}", &picked.len().to_string())
                    .replace("{total}", &t.rows.len().to_string())
            });
            let head = t
                .columns
                .iter()
                .map(|c| view! { <th scope="col">{c.name.clone()}</th> })
                .collect_view();
            let body = picked
                .into_iter()
                .map(|r| {
                    let cells = (0..t.columns.len())
                        .map(|c| view! { <td>{t.show(r, c)}</td> })
                        .collect_view();
                    view! { <tr>{cells}</tr> }
                })
                .collect_view();
            view! {
                <table data-testid=table_testid.map_or_else(|| format!("{testid}-data"), str::to_string)>
                    <caption>{move || alt.get()}</caption>
                    <thead><tr>{head}</tr></thead>
                    <tbody>{body}</tbody>
                </table>
                {note.map(|n| view! { <p class="hint">{n}</p> })}
            }
        }))
    };
    // Hover (and tap) read-out: the data coordinates under the pointer and, for charts whose table
    // has one x column, the plotted values nearest to it. Pointer-only: the data table below is
    // the accessible form of the same numbers.
    let track_pointer = move |ev: web_sys::PointerEvent, keep: bool| {
        let Some(canvas) = canvas_ref.get_untracked() else {
            return;
        };
        let (x, y) = (f64::from(ev.offset_x()), f64::from(ev.offset_y()));
        let inside = frame.with_value(|f| {
            let k = device_per_css(&canvas);
            f.as_ref().and_then(|f| f.value_at(x * k, y * k)).is_some()
        });
        if inside {
            pointer.set(Some((x, y)));
        } else if !keep {
            pointer.set(None);
        }
    };
    let shown_readout = move || {
        let (x, y) = pointer.get()?;
        let canvas = canvas_ref.get_untracked()?;
        let k = device_per_css(&canvas);
        let width = f64::from(canvas.client_width());
        let (text, top, height) = frame.with_value(|f| {
            let f = f.as_ref()?;
            let (vx, vy) = f.value_at(x * k, y * k)?;
            let r: Readout = table.with(|t| readout(f, vx, vy, t));
            Some((
                r,
                f64::from(f.y_px.0) / k,
                f64::from(f.y_px.1 - f.y_px.0) / k,
            ))
        })?;
        let lines = text
            .lines
            .into_iter()
            .map(
                |(name, value)| view! { <div><span class="k">{name}</span>" "<b>{value}</b></div> },
            )
            .collect_view();
        // The box sits beside the pointer, on the side with more room.
        let (left, right) = if x > width / 2.0 {
            ("auto".to_string(), format!("{:.0}px", width - x + 10.0))
        } else {
            (format!("{:.0}px", x + 10.0), "auto".to_string())
        };
        Some(view! {
            <div class="crosshair" aria-hidden="true" style:left=format!("{x:.0}px")
                style:top=format!("{top:.0}px") style:height=format!("{height:.0}px")></div>
            <div class="readout" aria-hidden="true" data-testid=format!("{testid}-readout")
                style:left=left style:right=right style:top=format!("{:.0}px", top + 4.0)>
                {lines}
            </div>
        })
    };
    view! {
        <div class="chart-box">
            <canvas node_ref=canvas_ref role="img" aria-label=move || alt.get() data-testid=testid
                on:pointermove=move |ev| track_pointer(ev, false)
                on:pointerdown=move |ev| track_pointer(ev, true)
                on:pointerleave=move |ev| {
                    // A finger lifts off a touch screen: keep what the tap showed.
                    if ev.pointer_type() == "mouse" {
                        pointer.set(None);
                    }
                }></canvas>
            {shown_readout}
        </div>
        <div class="chart-export" role="group" aria-label=move || strings().export().toolbar>
            {buttons}
        </div>
        <details class="data-table" on:toggle=move |ev| {
            open.set(crate::ui::browser::details_open(&ev))
        }>
            <summary>{move || strings().shell().show_data}</summary>
            {table_view}
        </details>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::AxisLabels;
    use crate::chart::lr_schedule::{LrSchedulePlot, draw};

    #[test]
    fn stale_exports_say_so() {
        let csv = "\u{feff}step,lr\r\n1,0.001\r\n";
        assert_eq!(
            stale_csv(csv, "kept from the last valid input"),
            "\u{feff}# kept from the last valid input\r\nstep,lr\r\n1,0.001\r\n"
        );
        assert_eq!(
            stale_csv("a\r\n", "沿用上一次有效输入的结果"),
            "\u{feff}# 沿用上一次有效输入的结果\r\na\r\n"
        );
        let svg = "<svg width=\"10\" height=\"10\" xmlns=\"http://www.w3.org/2000/svg\">\n<rect/>\n</svg>\n";
        let marked = stale_svg(svg, "LR <schedule> & steps", "kept");
        assert!(marked.starts_with(
            "<svg width=\"10\" height=\"10\" xmlns=\"http://www.w3.org/2000/svg\">\n<title>"
        ));
        assert!(marked.contains("<title>LR &lt;schedule&gt; &amp; steps (kept)</title>\n<rect/>"));
        assert_eq!(stale_svg("not svg", "t", "n"), "not svg");
    }

    /// The SVG export draws through [`ChartBackend`] exactly what plotters' SVG backend draws
    /// directly: every call is forwarded.
    #[test]
    fn svg_through_the_enum_is_plotters_svg() {
        let points = [(1.0, 0.0), (50.0, 1e-4), (100.0, 0.0)];
        let plot = LrSchedulePlot {
            points: &points,
            epoch_ends: &[50.0],
            total: 100.0,
            labels: AxisLabels { x: "x", y: "y" },
        };
        let style = ChartStyle {
            scale: 1.0,
            dark: false,
        };
        let mut direct = String::new();
        {
            let root = SVGBackend::with_string(&mut direct, (500, 300)).into_drawing_area();
            draw(&root, &plot, &style).expect("draws");
        }
        let mut via = String::new();
        {
            let backend = ChartBackend::Svg(SVGBackend::with_string(&mut via, (500, 300)));
            draw(&backend.into_drawing_area(), &plot, &style).expect("draws");
        }
        assert!(direct.starts_with("<svg") && direct.contains("<polyline"));
        assert_eq!(via, direct);
    }
}
