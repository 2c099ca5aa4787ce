//! What each optimizer divides the gradient by, per coordinate, against the coordinate's true
//! curvature hᵢ, both log: one colour and marker per rule (SGD, Adam, Sophia), each with its
//! least-squares line dashed ([`crate::core::sim::divisor::log_fit`]). A slope of 0 is a flat
//! divisor (plain SGD), a slope of 1 a Newton-like one. The legend sits below the plot
//! ([`crate::chart::legend`]).

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::chart::axis::{frame_of, log_extent};
use crate::chart::build::{self, Layout};
use crate::chart::dash::{Dash, draw_line};
use crate::chart::frame::PlotFrame;
use crate::chart::legend::{self, Entry, Marker, Swatch};
use crate::chart::table::{Cell, Column, DataTable, NumFmt};
use crate::chart::{AxisLabels, ChartStyle};

/// One rule's divisors.
#[derive(Debug, Clone)]
pub struct DivisorSeries<'a> {
    /// Palette index (the optimizer's fixed index).
    pub series: usize,
    /// Marker of its points.
    pub marker: Marker,
    /// Legend text (the rule and its slope).
    pub label: String,
    /// The divisors, one per entry of [`DivisorPlot::h`].
    pub divisors: &'a [f64],
    /// The least-squares line (slope, intercept) in natural logs, if any.
    pub fit: Option<(f64, f64)>,
}

/// What the chart shows.
#[derive(Debug, Clone)]
pub struct DivisorPlot<'a> {
    /// The curvatures hᵢ of the coordinates shown.
    pub h: &'a [f64],
    /// One entry per rule.
    pub series: &'a [DivisorSeries<'a>],
    /// Axis titles.
    pub labels: AxisLabels<'a>,
    /// Legend text of the dashed lines.
    pub fit_label: &'a str,
}

fn lg(v: f64) -> Option<f64> {
    (v.is_finite() && v > 0.0).then(|| v.log10())
}

/// Draws the chart on `root`.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    plot: &DivisorPlot<'_>,
    style: &ChartStyle,
) -> Result<PlotFrame, DrawingAreaErrorKind<DB::ErrorType>> {
    let pal = style.palette();
    root.fill(&pal.background)?;
    let colour = |i: usize| pal.series.get(i).copied().unwrap_or(pal.text);
    let mut entries: Vec<Entry> = plot
        .series
        .iter()
        .map(|s| Entry {
            swatch: Swatch::Marker {
                shape: s.marker,
                color: colour(s.series),
            },
            label: s.label.clone(),
        })
        .collect();
    if plot.series.iter().any(|s| s.fit.is_some()) {
        entries.push(Entry {
            swatch: Swatch::Line {
                color: pal.text,
                width: 1.5,
                dash: Dash::Dashed { on: 6.0, off: 4.0 },
            },
            label: plot.fit_label.to_string(),
        });
    }
    let (area, legend_area, lay) = legend::split(root, &entries, style);
    let (x_lo, x_hi) = log_extent(plot.h.iter().copied(), 1.3);
    let (y_lo, y_hi) = log_extent(
        plot.series.iter().flat_map(|s| s.divisors.iter().copied()),
        2.0,
    );
    let (x0, x1, y0, y1) = (x_lo.log10(), x_hi.log10(), y_lo.log10(), y_hi.log10());
    let mut chart = build::log_log(
        &area,
        &Layout::new(40.0, 58.0),
        style,
        &plot.labels,
        (x_lo, x_hi),
        (y_lo, y_hi),
    )?;
    let w = |css: f64| style.px(css);
    for s in plot.series {
        let col = colour(s.series);
        let pts: Vec<(f64, f64)> = plot
            .h
            .iter()
            .zip(s.divisors)
            .filter_map(|(&h, &d)| Some((lg(h)?, lg(d)?)))
            .collect();
        let r = w(3.0);
        match s.marker {
            Marker::Circle => {
                chart.draw_series(
                    pts.iter()
                        .map(|&p| Circle::new(p, r, col.stroke_width(w(1.5)))),
                )?;
            }
            Marker::Triangle => {
                chart.draw_series(
                    pts.iter()
                        .map(|&p| TriangleMarker::new(p, r + 1, col.filled())),
                )?;
            }
            Marker::Cross => {
                chart.draw_series(
                    pts.iter()
                        .map(|&p| Cross::new(p, r, col.stroke_width(w(1.5)))),
                )?;
            }
            Marker::Square => {
                chart.draw_series(pts.iter().map(|&p| {
                    EmptyElement::at(p)
                        + Rectangle::new([(-3, -3), (3, 3)], col.stroke_width(w(1.5)))
                }))?;
            }
            Marker::Dot => {
                chart.draw_series(pts.iter().map(|&p| Circle::new(p, r, col.filled())))?;
            }
        }
        if let Some((slope, icpt)) = s.fit {
            // ln d = slope·ln h + icpt, so log₁₀ d = slope·log₁₀ h + icpt/ln 10.
            let b = icpt / std::f64::consts::LN_10;
            let line: Vec<(f64, f64)> = [x0, x1]
                .iter()
                .map(|&x| (x, (slope * x + b).clamp(y0, y1)))
                .collect();
            draw_line(
                &mut chart,
                line,
                Dash::Dashed { on: 6.0, off: 4.0 },
                col.stroke_width(w(1.5)),
                style.scale,
            )?;
        }
    }
    legend::draw(&legend_area, &entries, &lay, style)?;
    root.present()?;
    Ok(frame_of(&chart, &plot.labels, (true, true)))
}

/// The plotted numbers: coordinate i (1-based), hᵢ, and each rule's divisor.
pub fn table(plot: &DivisorPlot<'_>, coordinate: &str, names: &[String]) -> DataTable {
    let mut cols = vec![
        Column::new(coordinate, NumFmt::Number),
        Column::new(plot.labels.x, NumFmt::Sci),
    ];
    cols.extend(names.iter().map(|n| Column::new(n, NumFmt::Sci)));
    let mut t = DataTable::new(cols);
    for (i, &h) in plot.h.iter().enumerate() {
        let mut row = vec![Cell::Num((i + 1) as f64), Cell::Num(h)];
        row.extend(
            plot.series
                .iter()
                .map(|s| s.divisors.get(i).copied().into()),
        );
        t.push(row);
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(plot: &DivisorPlot<'_>, w: u32, dark: bool) -> String {
        crate::chart::render_svg_sized((w, 300), |root| {
            draw(root, plot, &ChartStyle { scale: 1.0, dark }).expect("draws");
        })
    }

    #[test]
    fn draws_points_fits_and_a_legend_below() {
        let h: Vec<f64> = (1..=100).map(|i| 1.0 / i as f64).collect();
        let flat = vec![1.0; 100];
        let sqrt: Vec<f64> = h.iter().map(|x| 0.3 * x.sqrt()).collect();
        let lin: Vec<f64> = h.iter().map(|x| 0.02 * x).collect();
        let fit = |d: &[f64]| crate::core::sim::divisor::log_fit(&h, d);
        let series = vec![
            DivisorSeries {
                series: 0,
                marker: Marker::Dot,
                label: "SGD: 1 (slope 0.00)".into(),
                divisors: &flat,
                fit: fit(&flat),
            },
            DivisorSeries {
                series: 3,
                marker: Marker::Circle,
                label: "Adam: √v̂ (slope 0.50)".into(),
                divisors: &sqrt,
                fit: fit(&sqrt),
            },
            DivisorSeries {
                series: 5,
                marker: Marker::Triangle,
                label: "Sophia: ρ·B·ĥ (slope 1.00)".into(),
                divisors: &lin,
                fit: fit(&lin),
            },
        ];
        let plot = DivisorPlot {
            h: &h,
            series: &series,
            labels: AxisLabels {
                x: "curvature hᵢ",
                y: "divisor",
            },
            fit_label: "least-squares line",
        };
        let svg = render(&plot, 720, false);
        for s in [
            "curvature hᵢ",
            "divisor",
            "slope 0.50",
            "Sophia",
            "least-squares line",
        ] {
            assert!(svg.contains(s), "missing {s}");
        }
        assert!(svg.contains("stroke-dasharray") || svg.matches("<polyline").count() >= 3);
        assert_ne!(svg, render(&plot, 720, true));
        // At 375 px the legend wraps below the plot: every entry is still drawn.
        let narrow = render(&plot, 375, false);
        assert!(narrow.contains("least-squares line") && narrow.contains("SGD: 1"));
        let t = table(&plot, "i", &["SGD".into(), "Adam".into(), "Sophia".into()]);
        assert_eq!(t.rows.len(), 100);
        assert_eq!(t.columns.len(), 5);
    }
}
