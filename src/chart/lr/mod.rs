//! Charts of the Batch & LR view, one file per chart, plus the clipping and marks they share
//! (axes and grid: [`crate::chart::axis`]).
//!
//! Colours (indices into [`Palette::series`](super::Palette)): plain gradient descent and SGD
//! are 0 and heavy-ball momentum 1, Adam 3, as in every view. Within this view S/S_min is 0 and
//! E/E_min 4; McCandlish et al.'s model curves that are not tied to an optimizer use the text
//! colour. Theory curves are dashed; the simulated run and measured points are solid.

pub mod clip;
pub mod eps_fraction;
pub mod loss_steps;
pub mod lr_rules;
pub mod norm_fit;
pub mod path;
pub mod step_sweep;
pub mod steps_examples;
pub mod tradeoff;

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::ChartStyle;
use super::axis::Chart;
pub(crate) use super::axis::{label_font, mesh};

/// A thin dashed vertical line at `x` from `y0` to `y1` (a mark such as a threshold).
pub(crate) fn v_mark<DB: DrawingBackend>(
    chart: &mut Chart<'_, DB>,
    x: f64,
    (y0, y1): (f64, f64),
    color: RGBColor,
    style: &ChartStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    chart.draw_series(DashedLineSeries::new(
        [(x, y0), (x, y1)],
        style.px(4.0),
        style.px(3.0),
        color.stroke_width(style.px(1.5)),
    ))?;
    Ok(())
}

/// Writes `text` next to the data point `at`, shifted by `offset` CSS pixels, anchored on its
/// left, centre or right (`h`) and vertical middle.
pub(crate) fn annotate<DB: DrawingBackend>(
    chart: &mut Chart<'_, DB>,
    at: (f64, f64),
    text: &str,
    offset: (f64, f64),
    h: HPos,
    style: &ChartStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let font = label_font(style).pos(Pos::new(h, VPos::Center));
    let dx = (offset.0 * style.scale).round() as i32;
    let dy = (offset.1 * style.scale).round() as i32;
    chart.draw_series(std::iter::once(
        EmptyElement::at(at) + Text::new(text.to_string(), (dx, dy), font),
    ))?;
    Ok(())
}

/// Renders a chart into an SVG string, for native tests.
#[cfg(test)]
pub(crate) fn render_svg<F, R>(draw: F) -> String
where
    F: FnOnce(&DrawingArea<SVGBackend<'_>, plotters::coord::Shift>) -> R,
{
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (640, 380)).into_drawing_area();
        let _ = draw(&root);
    }
    svg
}
