//! The loss at each step of the run on a log axis: a straight line down when the step size is
//! below the bound, flat at the bound, a straight line up (ending in ×) above it.

use crate::chart::axis::frame_of;
use crate::chart::frame::PlotFrame;
use plotters::coord::Shift;
use plotters::prelude::*;

use crate::chart::axis::{Axis, log_range, loss_tick_label, tick_budget};
use plotters::style::text_anchor::HPos;

use super::{annotate, mesh};
use crate::chart::build::{self, Layout};
use crate::chart::table::{Column, DataTable, NumFmt};
use crate::chart::{AxisLabels, ChartStyle};
use crate::core::format::fmt_number;

/// What the chart shows.
#[derive(Debug, Clone)]
pub struct LossStepsPlot<'a> {
    /// (step, loss) from step 0 on.
    pub points: &'a [(f64, f64)],
    /// Palette index of the run (0 plain gradient descent, 1 with momentum).
    pub series: usize,
    /// If the run was stopped for blowing up: the text put beside its final ×.
    pub stopped: Option<&'a str>,
    /// Axis titles.
    pub labels: AxisLabels<'a>,
}

/// Smallest loss shown, relative to the largest: below it the curve is clipped.
const FLOOR: f64 = 1e-16;

/// Draws the loss curve on `root`.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    plot: &LossStepsPlot<'_>,
    style: &ChartStyle,
) -> Result<PlotFrame, DrawingAreaErrorKind<DB::ErrorType>> {
    let pal = style.palette();
    root.fill(&pal.background)?;
    let finite = |p: &&(f64, f64)| p.0.is_finite() && p.1.is_finite() && p.1 > 0.0;
    let top = plot
        .points
        .iter()
        .filter(finite)
        .map(|p| p.1)
        .fold(0.0_f64, f64::max);
    let bottom = plot
        .points
        .iter()
        .filter(finite)
        .map(|p| p.1)
        .fold(f64::INFINITY, f64::min)
        .max(top * FLOOR);
    let (y0, y1) = log_range(bottom / 2.0, top * 2.0);
    let x_max = plot
        .points
        .iter()
        .filter(finite)
        .map(|p| p.0)
        .fold(1.0_f64, f64::max);
    let ny = tick_budget(root.dim_in_pixel().1, style.scale, 30.0);
    let mut chart = build::chart(
        root,
        &Layout::new(40.0, 56.0).right(24.0),
        style,
        Axis::whole(0.0, x_max),
        Axis::log(y0, y1, ny),
    )?;
    mesh(
        &mut chart,
        &plot.labels,
        style,
        &|x: &f64| fmt_number(x.round()),
        &|y: &f64| loss_tick_label(*y),
    )?;
    let colour = pal.series[plot.series.min(pal.series.len() - 1)];
    let shown: Vec<(f64, f64)> = plot
        .points
        .iter()
        .filter(finite)
        .map(|&(x, y)| (x, y.max(y0)))
        .collect();
    chart.draw_series(LineSeries::new(
        shown.iter().copied(),
        colour.stroke_width(style.px(2.0)),
    ))?;
    if shown.len() <= 120 {
        chart.draw_series(
            shown
                .iter()
                .map(|&p| Circle::new(p, style.px(2.0), colour.filled())),
        )?;
    }
    if let (Some(text), Some(&last)) = (plot.stopped, shown.last()) {
        let cross = pal.series[4].stroke_width(style.px(3.0));
        chart.draw_series(std::iter::once(Cross::new(last, style.px(7.0), cross)))?;
        annotate(&mut chart, last, text, (-10.0, 10.0), HPos::Right, style)?;
    }
    root.present()?;
    Ok(frame_of(&chart, &plot.labels, (false, false)))
}

/// The plotted points: step and loss.
pub fn table(plot: &LossStepsPlot<'_>) -> DataTable {
    DataTable::xy(
        Column::new(plot.labels.x, NumFmt::Number),
        Column::new(plot.labels.y, NumFmt::Sci),
        plot.points,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::render_svg;
    use crate::core::max_step::MaxStep;

    fn points(step: f64) -> (Vec<(f64, f64)>, bool) {
        let r = MaxStep::new(10.0, 1.0, step, 0.0, 60, (1.0, 1.0))
            .unwrap()
            .run();
        let pts = r
            .iterates
            .iter()
            .enumerate()
            .map(|(k, i)| (k as f64, i.loss))
            .collect();
        (pts, r.stopped_at.is_some())
    }

    fn svg(step: f64, dark: bool) -> String {
        let (pts, stopped) = points(step);
        let plot = LossStepsPlot {
            points: &pts,
            series: 0,
            stopped: stopped.then_some("blew up at step 31"),
            labels: AxisLabels {
                x: "step",
                y: "loss",
            },
        };
        render_svg(|root| draw(root, &plot, &ChartStyle { scale: 1.0, dark }).expect("draws"))
    }

    #[test]
    fn labels_and_changes() {
        let a = svg(0.19, false);
        assert!(a.contains("step") && a.contains("loss"));
        // 1-2-5 log ticks in short form.
        assert!(a.contains("1e−") || a.contains("0.01"));
        assert_ne!(a, svg(0.1, false));
        assert_ne!(a, svg(0.19, true));
        assert!(!a.contains("blew up"));
        assert!(svg(0.3, false).contains("blew up at step 31"));
    }
}
