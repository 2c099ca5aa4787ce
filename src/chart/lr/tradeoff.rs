//! The steps–examples trade-off: (S/S_min − 1)(E/E_min − 1) = 1 on log–log axes, with the
//! critical batch at (2, 2) and the batch read off marked (McCandlish et al. 2018, eq. 2.11).

use crate::chart::axis::frame_of;
use crate::chart::frame::PlotFrame;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::{annotate, mark_label, mesh};
use crate::chart::axis::{Axis, log_range, tick_budget, tick_label};
use crate::chart::build::{self, Layout};
use crate::chart::table::{Column, DataTable, NumFmt};
use crate::chart::{AxisLabels, ChartStyle};

/// What the chart shows.
#[derive(Debug, Clone)]
pub struct TradeoffPlot<'a> {
    /// (E/E_min, S/S_min) in order of increasing B (theory: dashed).
    pub curve: &'a [(f64, f64)],
    /// The critical batch's point, (2, 2).
    pub b_crit_point: (f64, f64),
    /// Its label.
    pub b_crit_label: &'a str,
    /// The batch read off: (E/E_min, S/S_min).
    pub current: (f64, f64),
    /// Its label, e.g. "B = 256".
    pub current_label: &'a str,
    /// Axis titles (x: examples, y: steps).
    pub labels: AxisLabels<'a>,
}

/// Draws the trade-off curve on `root`.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    plot: &TradeoffPlot<'_>,
    style: &ChartStyle,
) -> Result<PlotFrame, DrawingAreaErrorKind<DB::ErrorType>> {
    let pal = style.palette();
    root.fill(&pal.background)?;
    let ok = |p: &(f64, f64)| p.0 >= 1.0 && p.0.is_finite() && p.1 >= 1.0 && p.1.is_finite();
    let pts: Vec<(f64, f64)> = plot.curve.iter().copied().filter(ok).collect();
    let top = |f: fn(&(f64, f64)) -> f64| {
        pts.iter()
            .chain(
                [&plot.b_crit_point, &plot.current]
                    .into_iter()
                    .filter(|p| ok(p)),
            )
            .map(f)
            .fold(3.0_f64, f64::max)
    };
    let (x0, x1) = log_range(1.0, top(|p| p.0) * 1.2);
    let (y0, y1) = log_range(1.0, top(|p| p.1) * 1.2);
    let (w, h) = root.dim_in_pixel();
    let (nx, ny) = (
        tick_budget(w, style.scale, 48.0),
        tick_budget(h, style.scale, 30.0),
    );
    let mut chart = build::chart(
        root,
        &Layout::new(40.0, 48.0).right(20.0),
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
    chart.draw_series(DashedLineSeries::new(
        pts.iter().copied(),
        style.px(8.0),
        style.px(4.0),
        pal.text.stroke_width(style.px(2.0)),
    ))?;
    if ok(&plot.b_crit_point) {
        chart.draw_series(std::iter::once(Circle::new(
            plot.b_crit_point,
            style.px(5.0),
            pal.text.stroke_width(style.px(2.0)),
        )))?;
        mark_label(
            &mut chart,
            plot.b_crit_point,
            plot.b_crit_label,
            (9.0, -9.0),
            style,
        )?;
    }
    if ok(&plot.current) {
        chart.draw_series(std::iter::once(Circle::new(
            plot.current,
            style.px(5.0),
            pal.series[0].filled(),
        )))?;
        annotate(
            &mut chart,
            plot.current,
            plot.current_label,
            (9.0, 9.0),
            HPos::Left,
            style,
        )?;
    }
    root.present()?;
    Ok(frame_of(&chart, &plot.labels, (false, false)))
}

/// The plotted curve: E/E_min and S/S_min.
pub fn table(plot: &TradeoffPlot<'_>) -> DataTable {
    DataTable::xy(
        Column::new(plot.labels.x, NumFmt::Number),
        Column::new(plot.labels.y, NumFmt::Number),
        plot.curve,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::render_svg;
    use crate::core::noise_scale::{BatchRange, CriticalBatch};

    fn svg(b: f64, dark: bool) -> String {
        let cb = CriticalBatch::new(1000.0, 0.1).unwrap();
        let c = cb.curves(BatchRange::new(8.0, 8192.0).unwrap(), 100);
        let r = cb.readout(b).unwrap();
        let plot = TradeoffPlot {
            curve: &c.tradeoff,
            b_crit_point: c.b_crit_point,
            b_crit_label: "B_crit",
            current: (r.e_over_emin, r.s_over_smin),
            current_label: "B = 256",
            labels: AxisLabels {
                x: "examples E/E_min",
                y: "steps S/S_min",
            },
        };
        render_svg(|root| draw(root, &plot, &ChartStyle { scale: 1.0, dark }).expect("draws"))
    }

    #[test]
    fn labels_and_changes() {
        let a = svg(256.0, false);
        for label in ["examples E/E_min", "steps S/S_min", "B_crit", "B = 256"] {
            assert!(a.contains(label), "{label}");
        }
        assert_ne!(a, svg(4096.0, false));
        assert_ne!(a, svg(256.0, true));
    }
}
