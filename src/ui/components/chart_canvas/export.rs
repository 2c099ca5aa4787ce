//! The export toolbar: PNG at 2×, SVG, CSV and JSON of one chart, marked stale while the input
//! is invalid.

use std::time::Duration;

use leptos::prelude::*;
use plotters::prelude::SVGBackend;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlCanvasElement};

use super::{ChartBackend, ChartFn, css_box, draw_on};
use crate::chart::ChartStyle;
use crate::chart::table::{DataTable, file_name};
use crate::ui::i18n::texts;
use crate::ui::state::AppState;

/// An export format, in toolbar order ([`Format::ALL`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// The chart as a PNG at twice its CSS size.
    Png,
    /// The chart as SVG markup.
    Svg,
    /// The plotted data as CSV.
    Csv,
    /// The plotted data as JSON.
    Json,
}

impl Format {
    /// The four formats, in toolbar order (the order of the export texts' `buttons` and `titles`).
    pub const ALL: [Format; 4] = [Format::Png, Format::Svg, Format::Csv, Format::Json];

    /// The file extension, also the word in the buttons' `data-testid`s.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Png => "png",
            Format::Svg => "svg",
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }

    /// The index of this format in the export texts' `buttons` and `titles`.
    fn index(self) -> usize {
        self as usize
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

/// What an export reads: the chart, its data, its canvas and its names. All handles, so `Copy`.
#[derive(Clone, Copy)]
pub(super) struct Exporter {
    pub chart: StoredValue<ChartFn, LocalStorage>,
    pub table: Memo<DataTable>,
    pub canvas_ref: NodeRef<leptos::html::Canvas>,
    /// The canvas's size in CSS pixels when last drawn.
    pub css_size: StoredValue<(f64, f64)>,
    /// How many times the canvas has been drawn.
    pub drawn: StoredValue<u32>,
    pub alt: Signal<String>,
    pub file: Signal<String>,
}

impl Exporter {
    /// Downloads the chart or its data as `format`.
    fn export(self, format: Format) {
        if self.table.with_untracked(|t| t.rows.is_empty()) {
            return;
        }
        let state = expect_context::<AppState>();
        // The chart on screen is the last good one, kept while the input is invalid.
        let stale = self
            .canvas_ref
            .get_untracked()
            .is_some_and(|c| matches!(Element::closest(&c, "figure.chart.stale"), Ok(Some(_))));
        let note = untrack(|| texts(state.lang.get()).shell().stale);
        let name = file_name(
            &format!("batch-lab_{}", self.file.get_untracked()),
            format.extension(),
        );
        let dark = untrack(|| state.dark());
        // The size drawn on screen, or the size it will have if it has not been drawn yet.
        let (w, h) = match (self.drawn.get_value(), self.canvas_ref.get_untracked()) {
            (0, Some(canvas)) => css_box(&canvas),
            _ => self.css_size.get_value(),
        };
        match format {
            Format::Png => self.png(&name, (w, h), dark),
            Format::Svg => {
                let mut svg = String::new();
                self.chart.with_value(|f| {
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
                    svg = stale_svg(&svg, &self.alt.get_untracked(), note);
                }
                download_text(&name, "image/svg+xml", &svg);
            }
            Format::Csv => self.table.with_untracked(|t| {
                let csv = t.to_csv();
                let csv = if stale { stale_csv(&csv, note) } else { csv };
                download_text(&name, "text/csv;charset=utf-8", &csv);
            }),
            Format::Json => {
                let title = self.alt.get_untracked();
                let title = if stale {
                    format!("{title} ({note})")
                } else {
                    title
                };
                self.table.with_untracked(|t| {
                    download_text(&name, "application/json", &t.to_json(&title));
                });
            }
        }
    }

    /// Draws the chart at twice `(w, h)` on an offscreen canvas and downloads it as a PNG.
    fn png(self, name: &str, (w, h): (f64, f64), dark: bool) {
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
        self.chart.with_value(|f| {
            untrack(|| {
                draw_on(
                    f,
                    ChartBackend::Canvas(backend),
                    &ChartStyle { scale: 2.0, dark },
                )
            });
        });
        if let Ok(url) = canvas.to_data_url() {
            click_link(&url, name);
        }
    }
}

/// The export toolbar: one button per [`Format`], off while the chart shows nothing.
#[component]
pub(super) fn ExportBar(
    /// What the buttons export.
    exporter: Exporter,
    /// Whether the chart shows nothing (buttons disabled).
    empty: RwSignal<bool>,
    /// Suffix of the buttons' `data-testid`s; empty for a view's only chart.
    suffix: &'static str,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let strings = move || texts(state.lang.get());
    let buttons = Format::ALL
        .into_iter()
        .map(|format| {
            let ext = format.extension();
            let id = if suffix.is_empty() {
                format!("export-{ext}")
            } else {
                format!("export-{ext}-{suffix}")
            };
            let i = format.index();
            view! {
                <button type="button" data-testid=id on:click=move |_| exporter.export(format)
                    disabled=move || empty.get()
                    title=move || strings().export().titles[i]>
                    {move || strings().export().buttons[i]}
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="chart-export" role="group" aria-label=move || strings().export().toolbar>
            {buttons}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_in_toolbar_order() {
        let words: Vec<_> = Format::ALL.iter().map(|f| f.extension()).collect();
        assert_eq!(words, ["png", "svg", "csv", "json"]);
        assert!(Format::ALL.iter().enumerate().all(|(i, f)| f.index() == i));
    }

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
}
