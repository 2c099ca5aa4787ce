//! The iterates of gradient descent on the 2-D quadratic, over its contour lines: the path
//! zig-zags across the sharp direction once the step passes 1/λ_max and leaves the valley once it
//! passes the stability bound (see `core::max_step`).

use crate::chart::axis::frame_of;
use crate::chart::frame::PlotFrame;
use plotters::coord::Shift;
use plotters::prelude::*;

use super::clip::Frame;
use super::mesh;
use crate::chart::axis::Axis;
use crate::chart::build::{self, Layout};
use crate::chart::table::{Cell, Column, DataTable, NumFmt};
use crate::chart::{AxisLabels, ChartStyle};
use crate::core::format::fmt_number;

/// What the chart shows.
#[derive(Debug, Clone)]
pub struct PathPlot<'a> {
    /// The iterates (θ₁, θ₂) from the start on.
    pub iterates: &'a [(f64, f64)],
    /// Level sets of the loss, each a closed polyline.
    pub contours: &'a [Vec<(f64, f64)>],
    /// The window shown.
    pub frame: Frame,
    /// Palette index of the run (0 plain gradient descent, 1 with momentum).
    pub series: usize,
    /// Whether the run diverged: its last drawn point gets a ×.
    pub diverged: bool,
    /// Axis titles (θ₁ along the sharp direction, θ₂ along the flat one).
    pub labels: AxisLabels<'a>,
}

/// Draws the path on `root`.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    plot: &PathPlot<'_>,
    style: &ChartStyle,
) -> Result<PlotFrame, DrawingAreaErrorKind<DB::ErrorType>> {
    let pal = style.palette();
    root.fill(&pal.background)?;
    let f = plot.frame;
    let valid = f.x.0 < f.x.1 && f.y.0 < f.y.1 && f.x.1.is_finite() && f.y.1.is_finite();
    let f = if valid {
        f
    } else {
        Frame {
            x: (-1.0, 1.0),
            y: (-1.0, 1.0),
        }
    };
    let mut chart = build::chart(
        root,
        &Layout::new(40.0, 52.0),
        style,
        Axis::linear(f.x.0, f.x.1),
        Axis::linear(f.y.0, f.y.1),
    )?;
    let fmt = |v: &f64| fmt_number(*v);
    mesh(&mut chart, &plot.labels, style, &fmt, &fmt)?;
    let contour_style = pal.grid.stroke_width(style.px(1.0));
    for c in plot.contours {
        for piece in f.clip_polyline(c) {
            chart.draw_series(LineSeries::new(piece, contour_style))?;
        }
    }
    // The minimum.
    chart.draw_series(std::iter::once(Cross::new(
        (0.0, 0.0),
        style.px(4.0),
        pal.text.stroke_width(style.px(1.0)),
    )))?;
    let colour = pal.series[plot.series.min(pal.series.len() - 1)];
    let line = colour.stroke_width(style.px(1.5));
    for piece in f.clip_polyline(plot.iterates) {
        chart.draw_series(LineSeries::new(piece, line))?;
    }
    let dot = style.px(2.5);
    chart.draw_series(
        plot.iterates
            .iter()
            .filter(|p| f.contains(**p))
            .map(|&p| Circle::new(p, dot, colour.filled())),
    )?;
    if let Some(&start) = plot.iterates.first()
        && f.contains(start)
    {
        chart.draw_series(std::iter::once(Circle::new(
            start,
            style.px(4.5),
            colour.stroke_width(style.px(2.0)),
        )))?;
    }
    if plot.diverged {
        // Where the path leaves the window (or its last point, if it never does).
        let exit = plot
            .iterates
            .windows(2)
            .find(|w| f.contains(w[0]) && !f.contains(w[1]))
            .and_then(|w| f.clip_segment(w[0], w[1]).map(|s| s.1))
            .or_else(|| plot.iterates.last().copied().filter(|p| f.contains(*p)));
        if let Some(p) = exit {
            chart.draw_series(std::iter::once(Cross::new(
                p,
                style.px(7.0),
                pal.series[4].stroke_width(style.px(3.0)),
            )))?;
        }
    }
    root.present()?;
    Ok(frame_of(&chart, &plot.labels, (false, false)))
}

/// The plotted iterates: step, θ₁, θ₂ (the contour lines are left out).
pub fn table(plot: &PathPlot<'_>, step: &str) -> DataTable {
    let mut t = DataTable::new(vec![
        Column::new(step, NumFmt::Number),
        Column::new(plot.labels.x, NumFmt::Sci),
        Column::new(plot.labels.y, NumFmt::Sci),
    ]);
    for (k, &(a, b)) in plot.iterates.iter().enumerate() {
        t.push(vec![Cell::Num(k as f64), Cell::Num(a), Cell::Num(b)]);
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::render_svg;
    use crate::core::max_step::MaxStep;

    type Polyline = Vec<(f64, f64)>;

    fn plot_for(step: f64) -> (Polyline, Vec<Polyline>, bool) {
        let m = MaxStep::new(10.0, 1.0, step, 0.0, 40, (1.0, 1.0)).unwrap();
        let r = m.run();
        let its = r.iterates.iter().map(|i| (i.theta1, i.theta2)).collect();
        let l0 = m.loss(1.0, 1.0);
        let cs = [1.0, 0.3, 0.1]
            .iter()
            .map(|k| m.contour(k * l0, 64))
            .collect();
        (its, cs, r.stopped_at.is_some())
    }

    fn svg(step: f64, dark: bool) -> String {
        let (its, cs, diverged) = plot_for(step);
        let plot = PathPlot {
            iterates: &its,
            contours: &cs,
            frame: Frame {
                x: (-1.5, 1.5),
                y: (-1.5, 1.5),
            },
            series: 0,
            diverged,
            labels: AxisLabels {
                x: "θ₁ (sharp)",
                y: "θ₂ (flat)",
            },
        };
        render_svg(|root| draw(root, &plot, &ChartStyle { scale: 1.0, dark }).expect("draws"))
    }

    #[test]
    fn labels_and_changes() {
        let a = svg(0.19, false);
        assert!(a.contains("θ₁ (sharp)") && a.contains("θ₂ (flat)"));
        // A different step size draws a different path; the dark theme other colours.
        assert_ne!(a, svg(0.05, false));
        assert_ne!(a, svg(0.19, true));
        // A diverging run gets a thick × where it leaves the window (3 px stroke).
        let b = svg(0.25, false);
        assert!(b.contains("stroke-width=\"3\""));
        assert!(!a.contains("stroke-width=\"3\""));
    }
}
