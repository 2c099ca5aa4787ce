//! The learning rate at each optimizer update over a run, with epoch boundaries marked.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::axis::{Axis, frame_of};
use super::{AxisLabels, ChartStyle};
use crate::chart::build::{self, Layout};
use crate::chart::frame::PlotFrame;
use crate::chart::table::{Column, DataTable, NumFmt};
use crate::core::format::fmt_sci;

/// What the chart shows.
#[derive(Debug, Clone)]
pub struct LrSchedulePlot<'a> {
    /// (update, learning rate) points, updates increasing.
    pub points: &'a [(f64, f64)],
    /// Updates at which an epoch ends (drawn as thin vertical marks).
    pub epoch_ends: &'a [f64],
    /// Total updates (the right end of the x axis).
    pub total: f64,
    /// Axis titles.
    pub labels: AxisLabels<'a>,
}

/// Draws the schedule on `root`.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    plot: &LrSchedulePlot<'_>,
    style: &ChartStyle,
) -> Result<PlotFrame, DrawingAreaErrorKind<DB::ErrorType>> {
    let pal = style.palette();
    root.fill(&pal.background)?;
    let y_max = plot.points.iter().map(|p| p.1).fold(0.0_f64, f64::max);
    let y_top = if y_max > 0.0 { y_max * 1.08 } else { 1.0 };
    let x_max = plot.total.max(1.0);
    let label_font = ("sans-serif", style.font(12.0))
        .into_font()
        .color(&pal.text);
    let mut chart = build::chart(
        root,
        &Layout::new(40.0, 62.0),
        style,
        Axis::whole(0.0, x_max),
        Axis::linear(0.0, y_top),
    )?;
    chart
        .configure_mesh()
        .x_desc(plot.labels.x)
        .y_desc(plot.labels.y)
        .axis_desc_style(label_font.clone())
        .label_style(label_font)
        .axis_style(pal.text.stroke_width(style.px(1.0)))
        .bold_line_style(pal.grid.stroke_width(style.px(1.0)))
        .light_line_style(pal.grid_light.stroke_width(style.px(1.0)))
        .max_light_lines(2)
        .x_labels(6)
        .y_labels(6)
        .x_label_formatter(&|x| crate::core::format::fmt_number(x.round()))
        .y_label_formatter(&|y| if *y == 0.0 { "0".into() } else { fmt_sci(*y) })
        .draw()?;
    // Epoch boundaries (at most 60 marks; past that the run has too many epochs to mark each).
    if plot.epoch_ends.len() <= 60 {
        let mark = pal.grid.stroke_width(style.px(1.0));
        chart.draw_series(
            plot.epoch_ends
                .iter()
                .filter(|&&x| x > 0.0 && x < x_max)
                .map(|&x| PathElement::new(vec![(x, 0.0), (x, y_top)], mark)),
        )?;
    }
    let line = pal.series[0].stroke_width(style.px(2.0));
    chart.draw_series(LineSeries::new(plot.points.iter().copied(), line))?;
    root.present()?;
    Ok(frame_of(&chart, &plot.labels, (false, false)))
}

/// The plotted points: update and learning rate.
pub fn table(plot: &LrSchedulePlot<'_>) -> DataTable {
    DataTable::xy(
        Column::new(plot.labels.x, NumFmt::Number),
        Column::new(plot.labels.y, NumFmt::Sci),
        plot.points,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::schedule::{Schedule, ScheduleKind};

    fn render(plot: &LrSchedulePlot<'_>, dark: bool) -> String {
        crate::chart::render_svg_sized((640, 360), |root| {
            draw(root, plot, &ChartStyle { scale: 1.0, dark }).expect("draws");
        })
    }

    #[test]
    fn draws_labels_and_the_schedule() {
        let s = Schedule {
            kind: ScheduleKind::Cosine,
            peak_lr: 5e-5,
            warmup: 30,
            total: 300,
            min_lr_ratio: 0.0,
        };
        let points = s.sample(400);
        let plot = LrSchedulePlot {
            points: &points,
            epoch_ends: &[100.0, 200.0, 300.0],
            total: 300.0,
            labels: AxisLabels {
                x: "optimizer update",
                y: "learning rate",
            },
        };
        let svg = render(&plot, false);
        assert!(svg.contains("optimizer update") && svg.contains("learning rate"));
        assert!(
            svg.contains("5e−5"),
            "the peak's tick is labelled in scientific notation"
        );
        // A different schedule draws a different picture; the dark theme changes the colours.
        let lin = Schedule {
            kind: ScheduleKind::Linear,
            ..s
        }
        .sample(400);
        assert_ne!(
            svg,
            render(
                &LrSchedulePlot {
                    points: &lin,
                    ..plot.clone()
                },
                false
            )
        );
        assert_ne!(svg, render(&plot, true));
    }

    #[test]
    fn table_holds_the_plotted_points_raw() {
        let points = [(1.0, 0.0), (2.0, 5e-5), (3.0, 2.5e-5)];
        let plot = LrSchedulePlot {
            points: &points,
            epoch_ends: &[],
            total: 3.0,
            labels: AxisLabels {
                x: "optimizer update",
                y: "learning rate",
            },
        };
        let t = table(&plot);
        assert_eq!(t.rows.len(), 3);
        let csv = t.to_csv();
        assert_eq!(
            csv,
            "\u{feff}optimizer update,learning rate\r\n1,0\r\n2,0.00005\r\n3,0.000025\r\n"
        );
    }
}
