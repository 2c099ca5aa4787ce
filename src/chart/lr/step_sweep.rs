//! The loss after a fixed number of steps against the step size: flat and low below the
//! stability bound 2(1 + β)/λ_max, a cliff at it (see `core::max_step::MaxStep::sweep`).

use crate::chart::axis::frame_of;
use crate::chart::frame::PlotFrame;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::{annotate, mesh, v_mark};
use crate::chart::axis::{Axis, log_range, loss_tick_label, tick_budget};
use crate::chart::build::{self, Layout};
use crate::chart::table::{Column, DataTable, NumFmt};
use crate::chart::{AxisLabels, ChartStyle};
use crate::core::format::fmt_number;

/// What the chart shows.
#[derive(Debug, Clone)]
pub struct StepSweepPlot<'a> {
    /// (step size, loss after the run's steps), step sizes increasing.
    pub points: &'a [(f64, f64)],
    /// The stability bound, marked with a dashed line.
    pub threshold: f64,
    /// Label of the bound, e.g. "2/λ_max".
    pub threshold_label: &'a str,
    /// The run's own (step size, final loss), marked with a dot.
    pub current: (f64, f64),
    /// Palette index (0 plain gradient descent, 1 with momentum).
    pub series: usize,
    /// Axis titles.
    pub labels: AxisLabels<'a>,
}

/// Draws the sweep on `root`.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    plot: &StepSweepPlot<'_>,
    style: &ChartStyle,
) -> Result<PlotFrame, DrawingAreaErrorKind<DB::ErrorType>> {
    let pal = style.palette();
    root.fill(&pal.background)?;
    let ok = |p: &(f64, f64)| p.0.is_finite() && p.1.is_finite() && p.0 >= 0.0 && p.1 > 0.0;
    let pts: Vec<(f64, f64)> = plot.points.iter().copied().filter(ok).collect();
    let ys = pts
        .iter()
        .map(|p| p.1)
        .chain(ok(&plot.current).then_some(plot.current.1));
    let (lo, hi) = ys.fold((f64::INFINITY, 0.0_f64), |(a, b), y| (a.min(y), b.max(y)));
    let lo = lo.max(hi * 1e-16);
    let (y0, y1) = log_range(lo / 3.0, hi * 3.0);
    let x_max = pts
        .iter()
        .map(|p| p.0)
        .chain([plot.current.0, plot.threshold])
        .filter(|x| x.is_finite())
        .fold(0.0_f64, f64::max)
        * 1.02;
    let x_max = if x_max > 0.0 { x_max } else { 1.0 };
    let ny = tick_budget(root.dim_in_pixel().1, style.scale, 30.0);
    let mut chart = build::chart(
        root,
        &Layout::new(40.0, 56.0).right(20.0),
        style,
        Axis::linear(0.0, x_max),
        Axis::log(y0, y1, ny),
    )?;
    mesh(
        &mut chart,
        &plot.labels,
        style,
        &|x: &f64| fmt_number(*x),
        &|y: &f64| loss_tick_label(*y),
    )?;
    if plot.threshold.is_finite() && plot.threshold > 0.0 {
        v_mark(&mut chart, plot.threshold, (y0, y1), pal.text, style)?;
        annotate(
            &mut chart,
            (plot.threshold, y1),
            plot.threshold_label,
            (-6.0, 12.0),
            HPos::Right,
            style,
        )?;
    }
    let colour = pal.series[plot.series.min(pal.series.len() - 1)];
    chart.draw_series(LineSeries::new(
        pts.iter().map(|&(x, y)| (x, y.clamp(y0, y1))),
        colour.stroke_width(style.px(2.0)),
    ))?;
    if ok(&plot.current) {
        let (x, y) = plot.current;
        chart.draw_series(std::iter::once(Circle::new(
            (x, y.clamp(y0, y1)),
            style.px(5.0),
            pal.text.filled(),
        )))?;
    }
    root.present()?;
    Ok(frame_of(&chart, &plot.labels, (false, false)))
}

/// The plotted points: step size and final loss.
pub fn table(plot: &StepSweepPlot<'_>) -> DataTable {
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

    fn svg(beta: f64, dark: bool) -> String {
        let m = MaxStep::new(10.0, 1.0, 0.19, beta, 50, (1.0, 1.0)).unwrap();
        let pts = m.sweep(1.5, 60);
        let r = m.run();
        let plot = StepSweepPlot {
            points: &pts,
            threshold: r.threshold,
            threshold_label: "2(1+β)/λ_max",
            current: (0.19, r.iterates.last().unwrap().loss),
            series: usize::from(beta > 0.0),
            labels: AxisLabels {
                x: "step size η",
                y: "loss after 50 steps",
            },
        };
        render_svg(|root| draw(root, &plot, &ChartStyle { scale: 1.0, dark }).expect("draws"))
    }

    #[test]
    fn labels_and_changes() {
        let a = svg(0.0, false);
        assert!(a.contains("step size η") && a.contains("loss after 50 steps"));
        assert!(a.contains("2(1+β)/λ_max"));
        // Momentum moves the cliff (and the colour).
        assert_ne!(a, svg(0.5, false));
        assert_ne!(a, svg(0.0, true));
    }
}
