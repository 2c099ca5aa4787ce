//! The learning rate each scaling rule gives as the batch moves away from the one it was tuned at,
//! on log–log axes: linear (Goyal et al. 2017), square root (Krizhevsky 2014; Malladi et al. 2022)
//! and McCandlish et al. 2018's ε_opt ratio, which bends flat past the critical batch.

use crate::chart::axis::frame_of;
use crate::chart::frame::PlotFrame;
use plotters::coord::Shift;
use plotters::prelude::*;

use super::{mark_label, mesh, v_mark};
use crate::chart::axis::{Axis, log_range, tick_budget, tick_label};
use crate::chart::build::{self, Layout};
use crate::chart::dash::Dash;
use crate::chart::legend::{self, Entry, Swatch};
use crate::chart::table::{Cell, Column, DataTable, NumFmt};
use crate::chart::{AxisLabels, ChartStyle};

/// One rule's curve.
#[derive(Debug, Clone)]
pub struct RuleCurve<'a> {
    /// (B, learning rate), B increasing (theory: dashed).
    pub points: &'a [(f64, f64)],
    /// Legend name.
    pub name: &'a str,
    /// Palette index (0 linear, the SGD rule; 3 square root, the Adam rule; text colour otherwise).
    pub series: Option<usize>,
    /// Drawn thicker: the rule suggested for the chosen optimizer.
    pub suggested: bool,
}

/// What the chart shows.
#[derive(Debug, Clone)]
pub struct LrRulesPlot<'a> {
    /// The rules.
    pub rules: &'a [RuleCurve<'a>],
    /// The tuned point (B0, lr0).
    pub start: (f64, f64),
    /// The new batch B1, marked with a dashed line.
    pub b1: f64,
    /// Label of the B1 mark.
    pub b1_label: &'a str,
    /// B_crit, if known: marked with a dashed line.
    pub b_crit: Option<f64>,
    /// Label of the B_crit mark.
    pub b_crit_label: &'a str,
    /// Axis titles.
    pub labels: AxisLabels<'a>,
}

/// Draws the rules on `root`.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    plot: &LrRulesPlot<'_>,
    style: &ChartStyle,
) -> Result<PlotFrame, DrawingAreaErrorKind<DB::ErrorType>> {
    let pal = style.palette();
    root.fill(&pal.background)?;
    let entries = legend_entries(plot, style);
    let (area, legend_area, lay) = legend::split(root, &entries, style);
    let root = &area;
    let ok = |p: &(f64, f64)| p.0 > 0.0 && p.0.is_finite() && p.1 > 0.0 && p.1.is_finite();
    let curves: Vec<Vec<(f64, f64)>> = plot
        .rules
        .iter()
        .map(|r| r.points.iter().copied().filter(ok).collect())
        .collect();
    let all = || {
        curves
            .iter()
            .flatten()
            .chain(ok(&plot.start).then_some(&plot.start))
    };
    let (xlo, xhi) = all().fold((f64::INFINITY, 0.0_f64), |(a, b), p| {
        (a.min(p.0), b.max(p.0))
    });
    let (ylo, yhi) = all().fold((f64::INFINITY, 0.0_f64), |(a, b), p| {
        (a.min(p.1), b.max(p.1))
    });
    let (x0, x1) = log_range(xlo, xhi);
    let (y0, y1) = log_range(ylo / 1.3, yhi * 1.3);
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
    if let Some(bc) = plot.b_crit.filter(|&b| b >= x0 && b <= x1) {
        v_mark(&mut chart, bc, (y0, y1), pal.grid, style)?;
        mark_label(&mut chart, (bc, y0), plot.b_crit_label, (6.0, -10.0), style)?;
    }
    if plot.b1 >= x0 && plot.b1 <= x1 {
        v_mark(&mut chart, plot.b1, (y0, y1), pal.text, style)?;
        mark_label(&mut chart, (plot.b1, y1), plot.b1_label, (6.0, 10.0), style)?;
    }
    for (rule, pts) in plot.rules.iter().zip(&curves) {
        let colour = rule
            .series
            .and_then(|i| pal.series.get(i).copied())
            .unwrap_or(pal.text);
        let width = if rule.suggested { 3.0 } else { 1.5 };
        chart.draw_series(DashedLineSeries::new(
            pts.iter().copied(),
            style.px(8.0),
            style.px(4.0),
            colour.stroke_width(style.px(width)),
        ))?;
    }
    if ok(&plot.start) {
        chart.draw_series(std::iter::once(Circle::new(
            plot.start,
            style.px(5.0),
            pal.text.filled(),
        )))?;
    }
    legend::draw(&legend_area, &entries, &lay, style)?;
    root.present()?;
    Ok(frame_of(&chart, &plot.labels, (false, false)))
}

/// The legend below the plot: each rule with its colour and dashes (thicker when suggested).
fn legend_entries(plot: &LrRulesPlot<'_>, style: &ChartStyle) -> Vec<Entry> {
    let pal = style.palette();
    plot.rules
        .iter()
        .map(|r| Entry {
            swatch: Swatch::Line {
                color: r
                    .series
                    .and_then(|i| pal.series.get(i).copied())
                    .unwrap_or(pal.text),
                width: if r.suggested { 3.0 } else { 1.5 },
                dash: Dash::Dashed { on: 8.0, off: 4.0 },
            },
            label: r.name.to_string(),
        })
        .collect()
}

/// The plotted rules: rule, batch size, learning rate (one row per point of each rule).
pub fn table(plot: &LrRulesPlot<'_>, series: &str) -> DataTable {
    let mut t = DataTable::new(vec![
        Column::new(series, NumFmt::Number),
        Column::new(plot.labels.x, NumFmt::Number),
        Column::new(plot.labels.y, NumFmt::Sci),
    ]);
    for r in plot.rules {
        for &(b, lr) in r.points {
            t.push(vec![r.name.into(), Cell::Num(b), Cell::Num(lr)]);
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::render_svg;
    use crate::core::lr_scaling::{batch_ratio, linear_lr, mccandlish_lr, sqrt_lr};
    use crate::core::noise_scale::log_grid;

    fn svg(b_noise: f64, suggested_linear: bool, dark: bool) -> String {
        let grid = log_grid(32.0, 8192.0, 60);
        let (lr0, b0) = (1e-4, 256.0);
        let lin: Vec<_> = grid
            .iter()
            .map(|&b| (b, linear_lr(lr0, batch_ratio(b0, b))))
            .collect();
        let sq: Vec<_> = grid
            .iter()
            .map(|&b| (b, sqrt_lr(lr0, batch_ratio(b0, b))))
            .collect();
        let mc: Vec<_> = grid
            .iter()
            .map(|&b| (b, mccandlish_lr(lr0, b0, b, b_noise)))
            .collect();
        let rules = [
            RuleCurve {
                points: &lin,
                name: "linear",
                series: Some(0),
                suggested: suggested_linear,
            },
            RuleCurve {
                points: &sq,
                name: "square root",
                series: Some(3),
                suggested: !suggested_linear,
            },
            RuleCurve {
                points: &mc,
                name: "McCandlish",
                series: None,
                suggested: false,
            },
        ];
        let plot = LrRulesPlot {
            rules: &rules,
            start: (b0, lr0),
            b1: 1024.0,
            b1_label: "B1",
            b_crit: Some(b_noise),
            b_crit_label: "B_crit",
            labels: AxisLabels {
                x: "new batch size",
                y: "learning rate",
            },
        };
        render_svg(|root| draw(root, &plot, &ChartStyle { scale: 1.0, dark }).expect("draws"))
    }

    #[test]
    fn labels_and_changes() {
        let a = svg(1000.0, false, false);
        for label in [
            "new batch size",
            "learning rate",
            "linear",
            "square root",
            "McCandlish",
            "B1",
            "B_crit",
        ] {
            assert!(a.contains(label), "{label}");
        }
        assert_ne!(a, svg(3000.0, false, false));
        assert_ne!(a, svg(1000.0, true, false));
        assert_ne!(a, svg(1000.0, false, true));
    }
}
