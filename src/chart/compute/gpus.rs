//! Wall-clock time against the number of GPUs on log–log axes: a straight line of slope −1 at
//! fixed utilisation, flat past the data-parallel limit (`core::compute::ComputeInput::dp_limit`),
//! with the chosen number of GPUs marked.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use crate::chart::axis::{Axis, frame_of, log_range, mesh, tick_budget, tick_label};
use crate::chart::build::{self, Layout};
use crate::chart::frame::PlotFrame;
use crate::chart::lr::annotate;
use crate::chart::table::{Column, DataTable, NumFmt};
use crate::chart::{AxisLabels, ChartStyle};

/// What the chart shows.
#[derive(Debug, Clone)]
pub struct GpusPlot<'a> {
    /// (GPUs, hours), GPUs increasing.
    pub curve: &'a [(f64, f64)],
    /// The data-parallel limit (GPUs) and its label.
    pub limit: (f64, &'a str),
    /// The chosen (GPUs, hours) and its label.
    pub current: ((f64, f64), &'a str),
    /// Axis titles (x: GPUs, y: hours).
    pub labels: AxisLabels<'a>,
}

fn ok(p: &(f64, f64)) -> bool {
    p.0.is_finite() && p.0 > 0.0 && p.1.is_finite() && p.1 > 0.0
}

/// Draws the chart on `root`.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    plot: &GpusPlot<'_>,
    style: &ChartStyle,
) -> Result<PlotFrame, DrawingAreaErrorKind<DB::ErrorType>> {
    let pal = style.palette();
    root.fill(&pal.background)?;
    let pts: Vec<(f64, f64)> = plot.curve.iter().copied().filter(ok).collect();
    let xs = pts.iter().map(|p| p.0);
    let ys = pts.iter().map(|p| p.1);
    let (x0, x1) = log_range(
        xs.clone().fold(f64::INFINITY, f64::min),
        xs.fold(0.0, f64::max),
    );
    let (y0, y1) = log_range(
        ys.clone().fold(f64::INFINITY, f64::min) / 1.5,
        ys.fold(0.0, f64::max) * 1.5,
    );
    let (w, h) = root.dim_in_pixel();
    let (nx, ny) = (
        tick_budget(w, style.scale, 48.0),
        tick_budget(h, style.scale, 30.0),
    );
    let mut chart = build::chart(
        root,
        &Layout::new(40.0, 56.0).right(20.0),
        style,
        Axis::log(x0, x1, nx),
        Axis::log(y0, y1, ny),
    )?;
    mesh(
        &mut chart,
        &plot.labels,
        style,
        &|x: &f64| tick_label(*x),
        &|y: &f64| tick_label(*y),
    )?;
    chart.draw_series(LineSeries::new(
        pts.iter().copied(),
        pal.series[0].stroke_width(style.px(2.0)),
    ))?;
    let (limit, limit_label) = plot.limit;
    if limit.is_finite() && limit >= x0 && limit <= x1 {
        chart.draw_series(DashedLineSeries::new(
            [(limit, y0), (limit, y1)],
            style.px(6.0),
            style.px(4.0),
            pal.text.stroke_width(style.px(1.0)),
        ))?;
        annotate(
            &mut chart,
            (limit, y1),
            limit_label,
            (-6.0, 10.0),
            HPos::Right,
            style,
        )?;
    }
    let (at, label) = plot.current;
    if ok(&at) {
        chart.draw_series(std::iter::once(Circle::new(
            at,
            style.px(5.0),
            pal.series[0].filled(),
        )))?;
        annotate(&mut chart, at, label, (9.0, -9.0), HPos::Left, style)?;
    }
    root.present()?;
    Ok(frame_of(&chart, &plot.labels, (false, false)))
}

/// The plotted curve: GPUs and hours.
pub fn table(plot: &GpusPlot<'_>) -> DataTable {
    DataTable::xy(
        Column::new(plot.labels.x, NumFmt::Number),
        Column::new(plot.labels.y, NumFmt::Number),
        plot.curve,
    )
}

/// GPU counts to plot: powers of two from 1 to four times the larger of the limit and the chosen
/// count (at most 2²⁰), plus the chosen count and the limit themselves, sorted.
pub fn gpu_counts(current: f64, limit: f64) -> Vec<f64> {
    let top = (current.max(limit) * 4.0).clamp(2.0, 1_048_576.0);
    let mut out: Vec<f64> = (0..=20)
        .map(|k| f64::from(1u32 << k))
        .filter(|&g| g <= top)
        .collect();
    for x in [current, limit] {
        if x.is_finite() && x >= 1.0 && x <= top {
            out.push(x.round());
        }
    }
    out.sort_by(f64::total_cmp);
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::render_svg;

    fn svg(curve: &[(f64, f64)], current: (f64, f64), dark: bool) -> String {
        let plot = GpusPlot {
            curve,
            limit: (100.0, "limit 100"),
            current: (current, "1 GPU"),
            labels: AxisLabels {
                x: "GPUs",
                y: "hours",
            },
        };
        render_svg(|root| draw(root, &plot, &ChartStyle { scale: 1.0, dark }).expect("draws"))
    }

    fn curve(hours_at_one: f64) -> Vec<(f64, f64)> {
        gpu_counts(1.0, 100.0)
            .into_iter()
            .map(|g| (g, hours_at_one / g.min(100.0)))
            .collect()
    }

    #[test]
    fn counts_cover_the_limit_and_the_choice() {
        let c = gpu_counts(3.0, 100.0);
        assert_eq!(c.first(), Some(&1.0));
        assert!(c.contains(&3.0) && c.contains(&100.0) && c.contains(&256.0));
        assert_eq!(c.last(), Some(&256.0));
        assert!(c.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn labels_and_changes() {
        let a = svg(&curve(10.0), (1.0, 10.0), false);
        for label in ["GPUs", "hours", "limit 100", "1 GPU"] {
            assert!(a.contains(label), "{label}");
        }
        assert_ne!(a, svg(&curve(1000.0), (1.0, 1000.0), false));
        assert_ne!(a, svg(&curve(10.0), (1.0, 10.0), true));
        let t = table(&GpusPlot {
            curve: &curve(10.0),
            limit: (100.0, ""),
            current: ((1.0, 10.0), ""),
            labels: AxisLabels { x: "GPUs", y: "h" },
        });
        assert!(t.to_csv().contains("100,0.1"));
    }
}
