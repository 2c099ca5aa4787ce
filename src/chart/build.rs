//! The one chart frame set-up every chart shares: the canvas margins and label-area sizes
//! ([`Layout`]) and the plotters `ChartBuilder` call that lays a [`Chart`] out on an area with
//! two [`Axis`] ([`chart`]). The axes-and-grid style drawn on it is [`super::axis::mesh`]; a
//! chart with both axes logarithmic gets both at once from [`log_log`].

use plotters::coord::Shift;
use plotters::prelude::*;

use super::axis::{Axis, Chart, mesh, pow10_label};
use super::{AxisLabels, ChartStyle};

/// Where a chart's plot area sits on its drawing area, in CSS pixels (scaled by
/// [`ChartStyle::px`] when drawn): margins all round, optionally wider on the right or top, and
/// the room for tick labels and axis titles below (x) and on the left (y).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Layout {
    /// Margin on every side.
    pub margin: f64,
    /// Margin on the right instead of [`Layout::margin`] (room for a label at the right edge).
    pub right: Option<f64>,
    /// Margin on the top instead of [`Layout::margin`] (room for labels above the plot).
    pub top: Option<f64>,
    /// Height of the x axis's label area.
    pub x_labels: f64,
    /// Width of the y axis's label area.
    pub y_labels: f64,
}

impl Layout {
    /// A 10 px margin all round, `x_labels` px below the plot for the x axis and `y_labels` px
    /// on its left for the y axis.
    pub const fn new(x_labels: f64, y_labels: f64) -> Layout {
        Layout {
            margin: 10.0,
            right: None,
            top: None,
            x_labels,
            y_labels,
        }
    }

    /// The same with a right margin of `css` px.
    pub const fn right(self, css: f64) -> Layout {
        Layout {
            right: Some(css),
            ..self
        }
    }

    /// The same with a top margin of `css` px.
    pub const fn top(self, css: f64) -> Layout {
        Layout {
            top: Some(css),
            ..self
        }
    }
}

/// A chart on `area` laid out as `layout` says, with axes `x` and `y` (no mesh drawn yet).
pub fn chart<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    layout: &Layout,
    style: &ChartStyle,
    x: Axis,
    y: Axis,
) -> Result<Chart<'a, DB>, DrawingAreaErrorKind<DB::ErrorType>> {
    let mut builder = ChartBuilder::on(area);
    builder.margin(style.px(layout.margin));
    if let Some(right) = layout.right {
        builder.margin_right(style.px(right));
    }
    if let Some(top) = layout.top {
        builder.margin_top(style.px(top));
    }
    builder
        .x_label_area_size(style.px(layout.x_labels))
        .y_label_area_size(style.px(layout.y_labels))
        .build_cartesian_2d(x, y)
}

/// A chart on `area` laid out as `layout` says with both axes logarithmic, x from `x.0` to `x.1`
/// and y from `y.0` to `y.1` (in the data's units, both positive), its mesh drawn with tick
/// labels in the data's units ([`pow10_label`]) and axis titles `labels`.
pub fn log_log<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    layout: &Layout,
    style: &ChartStyle,
    labels: &AxisLabels<'_>,
    x: (f64, f64),
    y: (f64, f64),
) -> Result<Chart<'a, DB>, DrawingAreaErrorKind<DB::ErrorType>> {
    let mut chart = chart(
        area,
        layout,
        style,
        Axis::log10(x.0, x.1),
        Axis::log10(y.0, y.1),
    )?;
    mesh(&mut chart, labels, style, &pow10_label, &pow10_label)?;
    Ok(chart)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_layout_sets_the_plot_area_as_the_builder_calls_did() {
        let style = ChartStyle {
            scale: 2.0,
            dark: false,
        };
        let layout = Layout::new(40.0, 56.0).right(20.0).top(26.0);
        let mut svg = String::new();
        let root = SVGBackend::with_string(&mut svg, (640, 380)).into_drawing_area();
        let chart = chart(
            &root,
            &layout,
            &style,
            Axis::linear(0.0, 1.0),
            Axis::linear(0.0, 1.0),
        )
        .expect("builds");
        let (x, y) = chart.plotting_area().get_pixel_range();
        // Margins 20 (left), 40 (right), 52 (top), 20 (bottom); labels 112 left, 80 below.
        assert_eq!((x.start, x.end), (20 + 112, 640 - 40));
        assert_eq!((y.start, y.end), (52, 380 - 20 - 80));
    }
}
