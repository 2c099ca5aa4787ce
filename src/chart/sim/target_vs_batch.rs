//! Steps (or examples) to the target loss against the batch size, log–log, per optimizer: the
//! sweep's measurements (solid, dots), the McCandlish fit S = S_min(1 + B_crit/B) or
//! E = E_min(1 + B/B_crit) dashed (McCandlish et al. 2018, eqs. 2.11–2.12 and App. D), and
//! the critical batch marked on the fit (its labels kept apart, [`crate::chart::labels`]). The
//! legend sits below the plot ([`crate::chart::legend`]).

use crate::chart::axis::frame_of;
use crate::chart::frame::PlotFrame;
use plotters::coord::Shift;
use plotters::prelude::*;

use crate::chart::axis::log_extent;
use crate::chart::build::{self, Layout};
use crate::chart::dash::Dash;
use crate::chart::labels::draw_point_labels;
use crate::chart::legend::{self, Entry, Marker, Swatch};
use crate::chart::table::{Cell, Column, DataTable, NumFmt};
use crate::chart::{AxisLabels, ChartStyle};
use crate::core::format::fmt_number;
use crate::core::sim::critical_batch::CriticalBatchFit;

/// One optimizer's measurements and fit.
#[derive(Debug, Clone)]
pub struct TargetSeries<'a> {
    /// Palette index (the optimizer's fixed index).
    pub series: usize,
    /// Legend text (the optimizer's name).
    pub label: String,
    /// (batch size, steps to target) of the batch sizes that reached it.
    pub points: &'a [(f64, f64)],
    /// The fit, if the points determine one.
    pub fit: Option<CriticalBatchFit>,
}

/// What the chart shows.
#[derive(Debug, Clone)]
pub struct TargetPlot<'a> {
    /// One entry per optimizer.
    pub series: &'a [TargetSeries<'a>],
    /// Plot examples B·S rather than steps S.
    pub examples: bool,
    /// Axis titles.
    pub labels: AxisLabels<'a>,
    /// Legend text of the dashed fits.
    pub fit_label: &'a str,
    /// Prefix of the critical-batch mark, e.g. "B_crit".
    pub bcrit_label: &'a str,
}

fn lg(v: f64) -> Option<f64> {
    (v.is_finite() && v > 0.0).then(|| v.log10())
}

/// Draws the chart on `root`.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    plot: &TargetPlot<'_>,
    style: &ChartStyle,
) -> Result<PlotFrame, DrawingAreaErrorKind<DB::ErrorType>> {
    let pal = style.palette();
    root.fill(&pal.background)?;
    let entries = legend_entries(plot, style);
    let (area, legend_area, lay) = legend::split(root, &entries, style);
    let root = &area;
    let y_of = |b: f64, s: f64| if plot.examples { b * s } else { s };
    let (x_lo, x_hi) = log_extent(
        plot.series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.0)),
        1.5,
    );
    let fit_y = |f: &CriticalBatchFit, b: f64| y_of(b, f.steps_at(b));
    let (y_lo, y_hi) = log_extent(
        plot.series.iter().flat_map(|s| {
            s.points
                .iter()
                .map(|p| y_of(p.0, p.1))
                .chain(s.fit.iter().flat_map(|f| [fit_y(f, x_lo), fit_y(f, x_hi)]))
        }),
        1.4,
    );
    let y_lo = y_lo.max(y_hi * 1e-12);
    let (x0, x1) = (x_lo.log10(), x_hi.log10());
    let small = ("sans-serif", style.font(11.0))
        .into_font()
        .color(&pal.text);
    let mut chart = build::log_log(
        root,
        &Layout::new(40.0, 58.0),
        style,
        &plot.labels,
        (x_lo, x_hi),
        (y_lo, y_hi),
    )?;
    let w = |css: f64| style.px(css);
    let mut marks: Vec<(String, (i32, i32))> = Vec::new();
    for s in plot.series {
        let col = pal.series.get(s.series).copied().unwrap_or(pal.text);
        let pts: Vec<(f64, f64)> = s
            .points
            .iter()
            .filter_map(|&(b, st)| Some((lg(b)?, lg(y_of(b, st))?)))
            .collect();
        let width = w(2.0);
        chart.draw_series(LineSeries::new(pts.clone(), col.stroke_width(width)))?;
        chart.draw_series(pts.iter().map(|&p| Circle::new(p, w(3.5), col.filled())))?;
        let Some(f) = s.fit else { continue };
        let curve: Vec<(f64, f64)> = (0..=60)
            .map(|i| 10f64.powf(x0 + (x1 - x0) * f64::from(i) / 60.0))
            .filter_map(|b| Some((lg(b)?, lg(fit_y(&f, b))?)))
            .collect();
        chart.draw_series(DashedLineSeries::new(
            curve,
            w(5.0),
            w(4.0),
            col.stroke_width(w(1.5)),
        ))?;
        if let (Some(bx), Some(by)) = (lg(f.b_crit), lg(fit_y(&f, f.b_crit)))
            && bx >= x0
            && bx <= x1
        {
            let r = w(5.0) as i32;
            chart.draw_series(std::iter::once(
                EmptyElement::at((bx, by))
                    + Rectangle::new([(-r, -r), (r, r)], col.stroke_width(w(2.0))),
            ))?;
            marks.push((
                format!("{} ≈ {}", plot.bcrit_label, fmt_number(f.b_crit.round())),
                chart.backend_coord(&(bx, by)),
            ));
        }
    }
    let (xr, yr) = chart.plotting_area().get_pixel_range();
    draw_point_labels(
        root,
        &marks,
        (xr.start, yr.start, xr.end, yr.end),
        &small,
        w(7.0) as i32,
    )?;
    legend::draw(&legend_area, &entries, &lay, style)?;
    root.present()?;
    Ok(frame_of(&chart, &plot.labels, (true, true)))
}

/// The legend: each optimizer in its colour, then the fit (dashed) and the B_crit mark.
fn legend_entries(plot: &TargetPlot<'_>, style: &ChartStyle) -> Vec<Entry> {
    let pal = style.palette();
    let mut out: Vec<Entry> = plot
        .series
        .iter()
        .map(|s| Entry {
            swatch: Swatch::Line {
                color: pal.series.get(s.series).copied().unwrap_or(pal.text),
                width: 2.0,
                dash: Dash::Solid,
            },
            label: s.label.clone(),
        })
        .collect();
    if plot.series.iter().any(|s| s.fit.is_some()) {
        out.push(Entry {
            swatch: Swatch::Line {
                color: pal.text,
                width: 1.5,
                dash: Dash::Dashed { on: 5.0, off: 4.0 },
            },
            label: plot.fit_label.to_string(),
        });
        out.push(Entry {
            swatch: Swatch::Marker {
                shape: Marker::Square,
                color: pal.text,
            },
            label: plot.bcrit_label.to_string(),
        });
    }
    out
}

/// The plotted points: optimizer, batch size, steps (or examples) to the target, and the fit's
/// value at that batch size.
pub fn table(plot: &TargetPlot<'_>, series: &str) -> DataTable {
    let mut t = DataTable::new(vec![
        Column::new(series, NumFmt::Number),
        Column::new(plot.labels.x, NumFmt::Number),
        Column::new(plot.labels.y, NumFmt::Number),
        Column::new(plot.fit_label, NumFmt::Number),
    ]);
    let scale = |b: f64| if plot.examples { b } else { 1.0 };
    for s in plot.series {
        for &(b, steps) in s.points {
            t.push(vec![
                Cell::Text(s.label.clone()),
                Cell::Num(b),
                Cell::Num(steps * scale(b)),
                s.fit.map(|f| f.steps_at(b) * scale(b)).into(),
            ]);
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::sim::critical_batch::fit;

    fn render(plot: &TargetPlot<'_>) -> String {
        crate::chart::render_svg_sized((720, 400), |root| {
            draw(
                root,
                plot,
                &ChartStyle {
                    scale: 1.0,
                    dark: false,
                },
            )
            .expect("draws");
        })
    }

    #[test]
    fn draws_points_fit_and_critical_batch() {
        // S = 100(1 + 64/B) exactly (S = S_min(1 + B_crit/B), McCandlish et al. 2018, eq. 2.11),
        // so the fit gives B_crit = 64.
        let pts: Vec<(f64, f64)> = [1.0, 4.0, 16.0, 64.0, 256.0, 1024.0]
            .iter()
            .map(|&b| (b, 100.0 * (1.0 + 64.0 / b)))
            .collect();
        let series = vec![TargetSeries {
            series: 0,
            label: "SGD".into(),
            points: &pts,
            fit: fit(&pts),
        }];
        let plot = TargetPlot {
            series: &series,
            examples: false,
            labels: AxisLabels {
                x: "batch size",
                y: "steps to target",
            },
            fit_label: "McCandlish fit",
            bcrit_label: "B_crit",
        };
        let svg = render(&plot);
        for s in [
            "batch size",
            "steps to target",
            "SGD",
            "McCandlish fit",
            "B_crit ≈ 64",
        ] {
            assert!(svg.contains(s), "missing {s}");
        }
        assert_ne!(
            svg,
            render(&TargetPlot {
                examples: true,
                ..plot.clone()
            })
        );
    }
}
