//! [`ChartBackend`]: the one plotters drawing backend every chart is compiled for, forwarding
//! each call to a canvas (screen, PNG) or to plotters' SVG backend (SVG export).

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, SVGBackend};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};
use plotters_canvas::CanvasBackend;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::lr_schedule::{LrSchedulePlot, draw};
    use crate::chart::{AxisLabels, ChartStyle};
    use plotters::prelude::IntoDrawingArea;

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
