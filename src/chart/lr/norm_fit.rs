//! The two measured squared gradient norms and the line the estimator puts through them:
//! E|G_B|² = |𝒢|² + 𝒮/B (McCandlish et al. 2018, eq. A.1), on log–log axes. The curve flattens
//! at |𝒢|² (signal) for large B; at B = B_simple noise and signal are equal, so the curve is at
//! 2|𝒢|².

use crate::chart::axis::frame_of;
use crate::chart::frame::PlotFrame;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::{annotate, mesh, v_mark};
use crate::chart::axis::{Axis, log_range, tick_budget, tick_label};
use crate::chart::build::{self, Layout};
use crate::chart::table::{Cell, Column, DataTable, NumFmt};
use crate::chart::{AxisLabels, ChartStyle};

/// What the chart shows.
#[derive(Debug, Clone)]
pub struct NormFitPlot<'a> {
    /// (B, |𝒢|² + 𝒮/B), B increasing (theory: dashed).
    pub curve: &'a [(f64, f64)],
    /// The estimated |𝒢|², drawn as a thin horizontal line.
    pub signal: f64,
    /// Its label.
    pub signal_label: &'a str,
    /// B_simple, marked with a dashed vertical line.
    pub b_simple: f64,
    /// Its label.
    pub b_simple_label: &'a str,
    /// The two measurements (B, |G_B|²), drawn as solid dots.
    pub measured: [(f64, f64); 2],
    /// Axis titles.
    pub labels: AxisLabels<'a>,
}

/// Draws the fit on `root`.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    plot: &NormFitPlot<'_>,
    style: &ChartStyle,
) -> Result<PlotFrame, DrawingAreaErrorKind<DB::ErrorType>> {
    let pal = style.palette();
    root.fill(&pal.background)?;
    let ok = |p: &(f64, f64)| p.0 > 0.0 && p.0.is_finite() && p.1 > 0.0 && p.1.is_finite();
    let pts: Vec<(f64, f64)> = plot.curve.iter().copied().filter(ok).collect();
    let meas: Vec<(f64, f64)> = plot.measured.iter().copied().filter(ok).collect();
    let all = || pts.iter().chain(&meas);
    let (xlo, xhi) = all().fold((f64::INFINITY, 0.0_f64), |(a, b), p| {
        (a.min(p.0), b.max(p.0))
    });
    let (ylo, yhi) = all().fold((f64::INFINITY, 0.0_f64), |(a, b), p| {
        (a.min(p.1), b.max(p.1))
    });
    let (x0, x1) = log_range(xlo, xhi);
    let ylo = if plot.signal > 0.0 {
        ylo.min(plot.signal)
    } else {
        ylo
    };
    let (y0, y1) = log_range(ylo / 1.5, yhi * 1.5);
    let (w, h) = root.dim_in_pixel();
    let (nx, ny) = (
        tick_budget(w, style.scale, 48.0),
        tick_budget(h, style.scale, 30.0),
    );
    let mut chart = build::chart(
        root,
        &Layout::new(40.0, 52.0).right(20.0),
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
    if plot.signal >= y0 && plot.signal <= y1 {
        chart.draw_series(LineSeries::new(
            [(x0, plot.signal), (x1, plot.signal)],
            pal.grid.stroke_width(style.px(1.5)),
        ))?;
        annotate(
            &mut chart,
            (x0, plot.signal),
            plot.signal_label,
            (6.0, 10.0),
            HPos::Left,
            style,
        )?;
    }
    if plot.b_simple >= x0 && plot.b_simple <= x1 {
        v_mark(&mut chart, plot.b_simple, (y0, y1), pal.text, style)?;
        annotate(
            &mut chart,
            (plot.b_simple, y1),
            plot.b_simple_label,
            (6.0, 10.0),
            HPos::Left,
            style,
        )?;
    }
    chart.draw_series(DashedLineSeries::new(
        pts.iter().copied(),
        style.px(8.0),
        style.px(4.0),
        pal.text.stroke_width(style.px(2.0)),
    ))?;
    chart.draw_series(
        meas.iter()
            .map(|&p| Circle::new(p, style.px(5.0), pal.series[0].filled())),
    )?;
    root.present()?;
    Ok(frame_of(&chart, &plot.labels, (false, false)))
}

/// The plotted curve (batch size, |𝒢|² + 𝒮/B) followed by the two measured points, told apart by
/// the first column (`fit` and `measured` name them, in the reader's language).
pub fn table(plot: &NormFitPlot<'_>, series: &str, fit: &str, measured: &str) -> DataTable {
    let mut t = DataTable::new(vec![
        Column::new(series, NumFmt::Number),
        Column::new(plot.labels.x, NumFmt::Number),
        Column::new(plot.labels.y, NumFmt::Number),
    ]);
    for &(b, g) in plot.curve {
        t.push(vec![fit.into(), Cell::Num(b), Cell::Num(g)]);
    }
    for (b, g) in plot.measured {
        t.push(vec![measured.into(), Cell::Num(b), Cell::Num(g)]);
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::render_svg;
    use crate::core::noise_scale::log_grid;

    fn svg(gn_big: f64, dark: bool) -> String {
        // McCandlish et al. 2018, eq. A.1 with |G|² = 4, tr Σ = 100: 7.125 at 32 and 4.1953125 at
        // 512 (`python tests/reference/noise_scale.py`).
        let (g2, s) = (4.0, 100.0);
        let curve: Vec<(f64, f64)> = log_grid(4.0, 4096.0, 80)
            .iter()
            .map(|&b| (b, g2 + s / b))
            .collect();
        let plot = NormFitPlot {
            curve: &curve,
            signal: g2,
            signal_label: "|G|²",
            b_simple: s / g2,
            b_simple_label: "B_simple",
            measured: [(32.0, 7.125), (512.0, gn_big)],
            labels: AxisLabels {
                x: "batch size B",
                y: "squared gradient norm",
            },
        };
        render_svg(|root| draw(root, &plot, &ChartStyle { scale: 1.0, dark }).expect("draws"))
    }

    #[test]
    fn labels_and_changes() {
        let a = svg(4.1953125, false);
        for label in ["batch size B", "squared gradient norm", "|G|²", "B_simple"] {
            assert!(a.contains(label), "{label}");
        }
        assert_ne!(a, svg(5.0, false));
        assert_ne!(a, svg(4.1953125, true));
    }
}
