//! Charts drawn with plotters, generic over [`DrawingBackend`](plotters::prelude::DrawingBackend):
//! the same code draws on a browser canvas, into SVG for export, and into SVG in native tests.
//! One file per chart, each with one `draw` function.

pub mod axis;
pub mod compute;
pub mod dash;
pub mod data;
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
