//! Steps and examples relative to their minima against the batch size, both axes logarithmic:
//! S/S_min = 1 + B_crit/B falls and E/E_min = 1 + B/B_crit rises; they cross at B_crit, where each
//! is 2 (McCandlish et al. 2018, eq. 2.11 and App. D).

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

/// What the chart shows.
#[derive(Debug, Clone)]
pub struct StepsExamplesPlot<'a> {
    /// (B, S/S_min), B increasing (theory: dashed).
    pub steps: &'a [(f64, f64)],
    /// (B, E/E_min), B increasing (theory: dashed).
    pub examples: &'a [(f64, f64)],
    /// Legend names of the two curves.
    pub names: (&'a str, &'a str),
    /// B_crit, marked with a dashed line.
    pub b_crit: f64,
    /// Label of the B_crit mark.
    pub b_crit_label: &'a str,
    /// The batch read off, marked with a dot on each curve.
    pub current: f64,
    /// Axis titles.
    pub labels: AxisLabels<'a>,
}

/// Draws both curves on `root`.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    plot: &StepsExamplesPlot<'_>,
    style: &ChartStyle,
) -> Result<PlotFrame, DrawingAreaErrorKind<DB::ErrorType>> {
    let pal = style.palette();
    root.fill(&pal.background)?;
    let entries = legend_entries(plot, style);
    let (area, legend_area, lay) = legend::split(root, &entries, style);
    let root = &area;
    let ok = |p: &(f64, f64)| p.0 > 0.0 && p.0.is_finite() && p.1 > 0.0 && p.1.is_finite();
    let s: Vec<(f64, f64)> = plot.steps.iter().copied().filter(ok).collect();
    let e: Vec<(f64, f64)> = plot.examples.iter().copied().filter(ok).collect();
    let xs = s.iter().chain(&e).map(|p| p.0);
    let (xlo, xhi) = xs.fold((f64::INFINITY, 0.0_f64), |(a, b), x| (a.min(x), b.max(x)));
    let (x0, x1) = log_range(xlo, xhi);
    let y_top = s.iter().chain(&e).map(|p| p.1).fold(2.0_f64, f64::max);
    let (y0, y1) = log_range(1.0, y_top * 1.3);
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
    if plot.b_crit >= x0 && plot.b_crit <= x1 {
        v_mark(&mut chart, plot.b_crit, (y0, y1), pal.text, style)?;
        mark_label(
            &mut chart,
            (plot.b_crit, y0),
            plot.b_crit_label,
            (6.0, -10.0),
            style,
        )?;
    }
    for (pts, idx) in [(&s, 0), (&e, 4)] {
        let colour = pal.series[idx];
        chart.draw_series(DashedLineSeries::new(
            pts.iter().copied(),
            style.px(8.0),
            style.px(4.0),
            colour.stroke_width(style.px(2.0)),
        ))?;
        // The curve's value at the batch read off: interpolate in log-log between grid points.
        if let Some(y) = at(pts, plot.current) {
            chart.draw_series(std::iter::once(Circle::new(
                (plot.current, y),
                style.px(5.0),
                colour.filled(),
            )))?;
        }
    }
    legend::draw(&legend_area, &entries, &lay, style)?;
    root.present()?;
    Ok(frame_of(&chart, &plot.labels, (false, false)))
}

/// The legend below the plot: the two curves with their colours and dashes.
fn legend_entries(plot: &StepsExamplesPlot<'_>, style: &ChartStyle) -> Vec<Entry> {
    let pal = style.palette();
    [(plot.names.0, 0), (plot.names.1, 4)]
        .into_iter()
        .map(|(name, idx)| Entry {
            swatch: Swatch::Line {
                color: pal.series.get(idx).copied().unwrap_or(pal.text),
                width: 2.0,
                dash: Dash::Dashed { on: 8.0, off: 4.0 },
            },
            label: name.to_string(),
        })
        .collect()
}

/// The curve's value at `x`, interpolated linearly in log-log between its points; `None` outside.
fn at(pts: &[(f64, f64)], x: f64) -> Option<f64> {
    pts.windows(2).find_map(|w| {
        let ((xa, ya), (xb, yb)) = (w[0], w[1]);
        (x >= xa && x <= xb && xb > xa).then(|| {
            let t = (x.ln() - xa.ln()) / (xb.ln() - xa.ln());
            (ya.ln() + t * (yb.ln() - ya.ln())).exp()
        })
    })
}

/// The plotted curves: batch size, S/S_min and E/E_min (one row per batch size of either curve).
pub fn table(plot: &StepsExamplesPlot<'_>) -> DataTable {
    let mut t = DataTable::new(vec![
        Column::new(plot.labels.x, NumFmt::Number),
        Column::new(plot.names.0, NumFmt::Number),
        Column::new(plot.names.1, NumFmt::Number),
    ]);
    // Batch sizes are positive and finite, and for those the bit patterns sort like the numbers:
    // sorting the bits shares the one `u64` sort the crate already has (smaller WebAssembly).
    let mut bits: Vec<u64> = plot
        .steps
        .iter()
        .chain(plot.examples)
        .map(|p| p.0.to_bits())
        .collect();
    bits.sort_unstable();
    bits.dedup();
    let bs: Vec<f64> = bits.into_iter().map(f64::from_bits).collect();
    let at = |pts: &[(f64, f64)], b: f64| pts.iter().find(|p| p.0 == b).map(|p| p.1);
    for b in bs {
        t.push(vec![
            Cell::Num(b),
            at(plot.steps, b).into(),
            at(plot.examples, b).into(),
        ]);
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::render_svg;
    use crate::core::noise_scale::{BatchRange, CriticalBatch};

    fn svg(b_noise: f64, current: f64, dark: bool) -> String {
        let cb = CriticalBatch::new(b_noise, 0.1).unwrap();
        let c = cb.curves(BatchRange::new(8.0, 8192.0).unwrap(), 100);
        let plot = StepsExamplesPlot {
            steps: &c.s_over_smin,
            examples: &c.e_over_emin,
            names: ("steps S/S_min", "examples E/E_min"),
            b_crit: b_noise,
            b_crit_label: "B_crit",
            current,
            labels: AxisLabels {
                x: "batch size B",
                y: "relative to the minimum",
            },
        };
        render_svg(|root| draw(root, &plot, &ChartStyle { scale: 1.0, dark }).expect("draws"))
    }

    #[test]
    fn labels_and_changes() {
        let a = svg(1000.0, 256.0, false);
        for label in [
            "batch size B",
            "relative to the minimum",
            "steps S/S_min",
            "examples E/E_min",
            "B_crit",
        ] {
            assert!(a.contains(label), "{label}");
        }
        assert_ne!(a, svg(300.0, 256.0, false));
        assert_ne!(a, svg(1000.0, 64.0, false));
        assert_ne!(a, svg(1000.0, 256.0, true));
    }

    /// B_crit at either end of the batch axis (8 … 8192, plot area ending 20 px before the
    /// 640 px edge): its label stays inside the plot area (at 8192 it used to run off).
    #[test]
    fn b_crit_label_stays_inside_at_the_axis_ends() {
        for b in [8.0, 11.0, 1000.0, 6000.0, 8192.0] {
            let svg = svg(b, 256.0, false);
            let (left, right) = crate::chart::svg_text_extent(&svg, "B_crit").expect("label");
            assert!(
                left >= 48.0 && right <= 620.0,
                "B_crit = {b}: {left}…{right}"
            );
        }
    }

    #[test]
    fn interpolation() {
        let pts = [(1.0, 1.0), (100.0, 10000.0)];
        assert!((at(&pts, 10.0).unwrap() - 100.0).abs() < 1e-9);
        assert_eq!(at(&pts, 1000.0), None);
        assert_eq!(at(&[], 1.0), None);
    }

    #[test]
    fn table_joins_both_curves_on_the_batch_size() {
        let plot = StepsExamplesPlot {
            steps: &[(1.0, 1001.0), (1000.0, 2.0)],
            examples: &[(1.0, 1.001), (1000.0, 2.0), (1e6, 1001.0)],
            names: ("S/S_min", "E/E_min"),
            b_crit: 1000.0,
            b_crit_label: "B_crit",
            current: 256.0,
            labels: AxisLabels {
                x: "batch size B",
                y: "ratio",
            },
        };
        let t = table(&plot);
        assert_eq!(t.columns[1].name, "S/S_min");
        assert_eq!(t.rows.len(), 3);
        assert_eq!(
            t.rows[1],
            vec![Cell::Num(1000.0), Cell::Num(2.0), Cell::Num(2.0)]
        );
        assert_eq!(t.rows[2][1], Cell::Empty, "a batch only one curve reaches");
    }
}
