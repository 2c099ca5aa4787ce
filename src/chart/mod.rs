//! Charts drawn with plotters, generic over [`DrawingBackend`](plotters::prelude::DrawingBackend):
//! the same code draws on a browser canvas, into SVG for export, and into SVG in native tests.
//! One file per chart, each with one `draw` function.

pub mod axis;
pub mod build;
pub mod compute;
pub mod dash;
pub mod data;
#[cfg(test)]
mod degenerate;
pub mod frame;
pub mod labels;
pub mod legend;
pub mod lr;
pub mod lr_schedule;
pub mod memory;
pub mod palette;
pub mod sim;
pub mod table;

pub use palette::Palette;

#[cfg(test)]
use axis::label_font;
#[cfg(test)]
use plotters::prelude::*;

/// How to draw: device pixels per CSS pixel (fonts and strokes scale by it) and the theme.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChartStyle {
    /// Device pixels per CSS pixel (`devicePixelRatio` on screen, 2 for a 2× PNG, 1 for SVG).
    pub scale: f64,
    /// Dark theme.
    pub dark: bool,
}

impl ChartStyle {
    /// A length in CSS pixels, in device pixels.
    pub fn px(&self, css: f64) -> u32 {
        (css * self.scale).round().max(1.0) as u32
    }

    /// A font size in device pixels.
    pub fn font(&self, css: f64) -> f64 {
        css * self.scale
    }

    /// The colours for this theme.
    pub fn palette(&self) -> Palette {
        Palette::for_theme(self.dark)
    }
}

/// Axis titles, in the reader's language.
#[derive(Debug, Clone, Copy)]
pub struct AxisLabels<'a> {
    /// Horizontal axis.
    pub x: &'a str,
    /// Vertical axis.
    pub y: &'a str,
}

/// Renders a chart into an SVG string on a 640×380 canvas, for native tests
/// ([`render_svg_sized`]).
#[cfg(test)]
pub(crate) fn render_svg<F, R>(draw: F) -> String
where
    F: FnOnce(&DrawingArea<SVGBackend<'_>, plotters::coord::Shift>) -> R,
{
    render_svg_sized((640, 380), draw)
}

/// Renders a chart into an SVG string on a `size` canvas, for native tests. With
/// `BATCH_LAB_SVG_DUMP=<dir>` set, each rendering is also written to `<dir>`, named after the
/// test and the rendering's number within it (to compare charts before and after a change).
#[cfg(test)]
pub(crate) fn render_svg_sized<F, R>(size: (u32, u32), draw: F) -> String
where
    F: FnOnce(&DrawingArea<SVGBackend<'_>, plotters::coord::Shift>) -> R,
{
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        let _ = draw(&root);
    }
    dump_svg(&svg);
    svg
}

/// Writes `svg` into `$BATCH_LAB_SVG_DUMP` when set, as `<test name>.<n>.svg` (n counts the
/// renderings of the current test thread).
#[cfg(test)]
fn dump_svg(svg: &str) {
    use std::cell::Cell;
    thread_local! {
        static COUNT: Cell<usize> = const { Cell::new(0) };
    }
    let Some(dir) = std::env::var_os("BATCH_LAB_SVG_DUMP") else {
        return;
    };
    let n = COUNT.with(|c| {
        let n = c.get();
        c.set(n + 1);
        n
    });
    let thread = std::thread::current();
    let name = thread.name().unwrap_or("main").replace("::", ".");
    let path = std::path::Path::new(&dir).join(format!("{name}.{n:03}.svg"));
    std::fs::create_dir_all(&dir).expect("creates the SVG dump directory");
    std::fs::write(&path, svg).expect("writes the SVG dump");
}

/// The horizontal extent of the `<text>` element reading `text` in an SVG from
/// [`render_svg`], its width as plotters estimates it for the label font at scale 1.
#[cfg(test)]
pub(crate) fn svg_text_extent(svg: &str, text: &str) -> Option<(f64, f64)> {
    let end = svg.find(&format!("\n{text}\n</text>"))?;
    let start = svg[..end].rfind("<text")?;
    let tag = &svg[start..end];
    let attr = |name: &str| {
        let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        tag[at..].split('"').next()
    };
    let x: f64 = attr("x")?.parse().ok()?;
    let mut scratch = String::new();
    let root = SVGBackend::with_string(&mut scratch, (10, 10)).into_drawing_area();
    let style = ChartStyle {
        scale: 1.0,
        dark: false,
    };
    let (w, _) = root.estimate_text_size(text, &label_font(&style)).ok()?;
    let w = f64::from(w);
    match attr("text-anchor") {
        Some("end") => Some((x - w, x)),
        Some("middle") => Some((x - w / 2.0, x + w / 2.0)),
        _ => Some((x, x + w)),
    }
}
