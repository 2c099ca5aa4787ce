//! The optimal step as a fraction of the noiseless one, ε_opt(B)/ε_max = 1/(1 + B_noise/B),
//! against the batch size on a log axis (McCandlish et al. 2018, eq. 2.6): linear in B well
//! below B_noise, one half at B_noise, flat above it.

use crate::chart::axis::frame_of;
use crate::chart::frame::PlotFrame;
use plotters::coord::Shift;
use plotters::prelude::*;

use super::{mark_label, mesh, v_mark};
use crate::chart::axis::{Axis, log_range, tick_budget, tick_label};
use crate::chart::build::{self, Layout};
use crate::chart::table::{Column, DataTable, NumFmt};
use crate::chart::{AxisLabels, ChartStyle};
use crate::core::format::fmt_number;

/// What the chart shows.
#[derive(Debug, Clone)]
pub struct EpsFractionPlot<'a> {
    /// (B, ε_opt/ε_max), B increasing (theory: drawn dashed).
    pub curve: &'a [(f64, f64)],
    /// B_noise, marked with a dashed line.
    pub b_noise: f64,
    /// Label of the B_noise mark.
    pub b_noise_label: &'a str,
    /// The batch read off and its fraction, marked with a dot.
    pub current: (f64, f64),
    /// Axis titles.
    pub labels: AxisLabels<'a>,
}

/// Draws the curve on `root`.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    plot: &EpsFractionPlot<'_>,
    style: &ChartStyle,
) -> Result<PlotFrame, DrawingAreaErrorKind<DB::ErrorType>> {
    let pal = style.palette();
    root.fill(&pal.background)?;
    let ok = |p: &(f64, f64)| p.0 > 0.0 && p.0.is_finite() && p.1.is_finite();
    let pts: Vec<(f64, f64)> = plot.curve.iter().copied().filter(ok).collect();
    let (x0, x1) = log_range(
        pts.first().map_or(1.0, |p| p.0),
        pts.last().map_or(10.0, |p| p.0),
    );
    let nx = tick_budget(root.dim_in_pixel().0, style.scale, 48.0);
    let mut chart = build::chart(
        root,
        &Layout::new(40.0, 48.0).right(20.0),
        style,
        Axis::log(x0, x1, nx),
        Axis::linear(0.0, 1.05),
    )?;
    mesh(
        &mut chart,
        &plot.labels,
        style,
        &|x: &f64| tick_label(*x),
        &|y: &f64| fmt_number(*y),
    )?;
    if plot.b_noise >= x0 && plot.b_noise <= x1 {
        v_mark(&mut chart, plot.b_noise, (0.0, 1.05), pal.text, style)?;
        mark_label(
            &mut chart,
            (plot.b_noise, 1.0),
            plot.b_noise_label,
            (6.0, 0.0),
            style,
        )?;
    }
    chart.draw_series(DashedLineSeries::new(
        pts.iter().map(|&(x, y)| (x, y.clamp(0.0, 1.05))),
        style.px(8.0),
        style.px(4.0),
        pal.text.stroke_width(style.px(2.0)),
    ))?;
    let (bx, by) = plot.current;
    if ok(&plot.current) && bx >= x0 && bx <= x1 {
        let colour = pal.series[0];
        chart.draw_series(std::iter::once(Circle::new(
            (bx, by.clamp(0.0, 1.05)),
            style.px(5.0),
            colour.filled(),
        )))?;
    }
    root.present()?;
    Ok(frame_of(&chart, &plot.labels, (false, false)))
}

/// The plotted curve: batch size and ε_opt/ε_max.
pub fn table(plot: &EpsFractionPlot<'_>) -> DataTable {
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

    /// B_noise at either end of the batch axis: the label stays inside the plot area.
    #[test]
    fn b_noise_label_stays_inside_at_the_axis_ends() {
        for b in [8.0, 8192.0] {
            let svg = svg(b, false);
            let (left, right) = crate::chart::svg_text_extent(&svg, "B_noise").expect("label");
            assert!(
                left >= 48.0 && right <= 640.0 - 10.0,
                "B_noise = {b}: {left}…{right}"
            );
        }
    }

    fn svg(b_noise: f64, dark: bool) -> String {
        let cb = CriticalBatch::new(b_noise, 0.1).unwrap();
        let c = cb.curves(BatchRange::new(8.0, 8192.0).unwrap(), 100);
        let r = cb.readout(256.0).unwrap();
        let plot = EpsFractionPlot {
            curve: &c.fraction,
            b_noise,
            b_noise_label: "B_noise",
            current: (256.0, r.fraction),
            labels: AxisLabels {
                x: "batch size B",
                y: "ε_opt / ε_max",
            },
        };
        render_svg(|root| draw(root, &plot, &ChartStyle { scale: 1.0, dark }).expect("draws"))
    }

    #[test]
    fn labels_and_changes() {
        let a = svg(1000.0, false);
        assert!(a.contains("batch size B") && a.contains("ε_opt / ε_max") && a.contains("B_noise"));
        // 1-2-5 ticks on the batch axis.
        assert!(a.contains("20") && a.contains("5k"));
        assert_ne!(a, svg(100.0, false));
        assert_ne!(a, svg(1000.0, true));
        // B_noise off the chart: no mark.
        assert!(!svg(1e6, false).contains("B_noise"));
    }
}
