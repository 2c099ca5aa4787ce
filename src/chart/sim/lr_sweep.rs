//! The learning-rate sweep of one optimizer: final loss against the peak rate (both log) for each
//! batch size, diverged rates as × on the top edge, the best rate (●) and the largest stable rate
//! (▲) marked, and a predicted rate per batch size as a dashed vertical line, in the same units as
//! the x axis (the page draws SGD's noise-floor rate 4·B·L/tr Σ capped at the largest stable
//! rate, [`crate::core::sim::critical_story::noise_floor_rate`]). Batch sizes differ by shade
//! and line pattern; the legend sits below the plot ([`crate::chart::legend`]).

use crate::chart::axis::frame_of;
use crate::chart::frame::PlotFrame;
use plotters::coord::Shift;
use plotters::prelude::*;

use crate::chart::axis::log_extent;
use crate::chart::build::{self, Layout};
use crate::chart::dash::{Dash, draw_line};
use crate::chart::legend::{self, Entry, Marker, Swatch};
use crate::chart::palette::shade;
use crate::chart::table::{Cell, Column, DataTable, NumFmt};
use crate::chart::{AxisLabels, ChartStyle};
use crate::core::sim::sweep::LrPoint;

/// One batch size's sweep.
#[derive(Debug, Clone)]
pub struct SweepLine<'a> {
    /// Shade strength 0.4…1 (the batch size's rank).
    pub shade: f64,
    /// Legend text, for example "B = 16".
    pub label: String,
    /// The batch size's line pattern.
    pub dash: Dash,
    /// The grid's results, rates increasing.
    pub points: &'a [LrPoint],
    /// The rate with the lowest final loss.
    pub best_lr: Option<f64>,
    /// The largest rate that did not diverge.
    pub max_stable_lr: Option<f64>,
    /// The predicted rate at this batch size (a learning rate, drawn on the x axis).
    pub theory_lr: Option<f64>,
}

/// What the chart shows.
#[derive(Debug, Clone)]
pub struct SweepPlot<'a> {
    /// Palette index of the optimizer.
    pub series: usize,
    /// One line per batch size.
    pub lines: &'a [SweepLine<'a>],
    /// Axis titles.
    pub labels: AxisLabels<'a>,
    /// Legend words: best rate, largest stable rate, theory, diverged.
    pub legend: [&'a str; 4],
}

fn lg(v: f64) -> Option<f64> {
    (v.is_finite() && v > 0.0).then(|| v.log10())
}

/// Draws the chart on `root`.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    plot: &SweepPlot<'_>,
    style: &ChartStyle,
) -> Result<PlotFrame, DrawingAreaErrorKind<DB::ErrorType>> {
    let pal = style.palette();
    root.fill(&pal.background)?;
    let entries = legend_entries(plot, style);
    let (area, legend_area, lay) = legend::split(root, &entries, style);
    let all = || plot.lines.iter().flat_map(|l| l.points.iter());
    let (x_lo, x_hi) = log_extent(all().map(|p| p.lr), 1.3);
    let (y_lo, y_hi) = log_extent(all().filter_map(|p| p.final_loss), 1.6);
    let y_lo = y_lo.max(y_hi * 1e-9);
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
    let base = pal.series.get(plot.series).copied().unwrap_or(pal.text);
    let top = y1 - 0.03 * (y1 - y0);
    for line in plot.lines {
        let col = shade(base, pal.background, line.shade);
        let loss_at = |lr: f64| {
            line.points
                .iter()
                .find(|p| p.lr == lr)
                .and_then(|p| p.final_loss)
                .and_then(lg)
        };
        let pts: Vec<(f64, f64)> = line
            .points
            .iter()
            .filter_map(|p| Some((lg(p.lr)?, lg(p.final_loss?)?)))
            .collect();
        draw_line(
            &mut chart,
            pts.clone(),
            line.dash,
            col.stroke_width(w(2.0)),
            style.scale,
        )?;
        chart.draw_series(pts.iter().map(|&p| Circle::new(p, w(2.0), col.filled())))?;
        let crosses: Vec<(f64, f64)> = line
            .points
            .iter()
            .filter(|p| p.diverged_at.is_some())
            .filter_map(|p| Some((lg(p.lr)?, top)))
            .collect();
        chart.draw_series(
            crosses
                .iter()
                .map(|&p| Cross::new(p, w(4.0), col.stroke_width(w(1.5)))),
        )?;
        if let Some(t) = line.theory_lr.and_then(lg).filter(|t| *t >= x0 && *t <= x1) {
            chart.draw_series(DashedLineSeries::new(
                [(t, y0), (t, y1)],
                w(4.0),
                w(4.0),
                col.stroke_width(w(1.0)),
            ))?;
        }
        if let Some(p) = line.best_lr.and_then(|b| Some((lg(b)?, loss_at(b)?))) {
            chart.draw_series(std::iter::once(Circle::new(
                p,
                w(6.0),
                col.stroke_width(w(2.0)),
            )))?;
        }
        if let Some(p) = line.max_stable_lr.and_then(|b| Some((lg(b)?, loss_at(b)?))) {
            chart.draw_series(std::iter::once(TriangleMarker::new(
                p,
                w(7.0),
                col.filled(),
            )))?;
        }
    }
    legend::draw(&legend_area, &entries, &lay, style)?;
    root.present()?;
    Ok(frame_of(&chart, &plot.labels, (true, true)))
}

/// The legend: each batch size in its shade and pattern, then the marks that occur (best rate,
/// largest stable rate, the predicted rate, a divergence) in the text colour.
fn legend_entries(plot: &SweepPlot<'_>, style: &ChartStyle) -> Vec<Entry> {
    let pal = style.palette();
    let base = pal.series.get(plot.series).copied().unwrap_or(pal.text);
    let [best_word, stable_word, theory_word, diverged_word] = plot.legend;
    let mut out: Vec<Entry> = plot
        .lines
        .iter()
        .map(|l| Entry {
            swatch: Swatch::Line {
                color: shade(base, pal.background, l.shade),
                width: 2.0,
                dash: l.dash,
            },
            label: l.label.clone(),
        })
        .collect();
    let any = |f: &dyn Fn(&SweepLine<'_>) -> bool| plot.lines.iter().any(f);
    let marker = |shape, label: &str| Entry {
        swatch: Swatch::Marker {
            shape,
            color: pal.text,
        },
        label: label.to_string(),
    };
    if any(&|l| l.best_lr.is_some()) {
        out.push(marker(Marker::Circle, best_word));
    }
    if any(&|l| l.max_stable_lr.is_some()) {
        out.push(marker(Marker::Triangle, stable_word));
    }
    if any(&|l| l.theory_lr.is_some()) {
        out.push(Entry {
            swatch: Swatch::Line {
                color: pal.text,
                width: 1.0,
                dash: Dash::Dashed { on: 4.0, off: 4.0 },
            },
            label: theory_word.to_string(),
        });
    }
    if any(&|l| l.points.iter().any(|p| p.diverged_at.is_some())) {
        out.push(marker(Marker::Cross, diverged_word));
    }
    out
}

/// The plotted grid: batch size, learning rate, final loss (empty if diverged) and the update it
/// diverged at.
pub fn table(plot: &SweepPlot<'_>, series: &str, diverged_at: &str) -> DataTable {
    let mut t = DataTable::new(vec![
        Column::new(series, NumFmt::Number),
        Column::new(plot.labels.x, NumFmt::Sci),
        Column::new(plot.labels.y, NumFmt::Sci),
        Column::new(diverged_at, NumFmt::Number),
    ]);
    for l in plot.lines {
        for p in l.points {
            t.push(vec![
                Cell::Text(l.label.clone()),
                Cell::Num(p.lr),
                p.final_loss.into(),
                p.diverged_at.map(|u| u as f64).into(),
            ]);
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(plot: &SweepPlot<'_>, dark: bool) -> String {
        crate::chart::render_svg_sized((720, 400), |root| {
            draw(root, plot, &ChartStyle { scale: 1.0, dark }).expect("draws");
        })
    }

    fn points(scale: f64) -> Vec<LrPoint> {
        (0..8)
            .map(|k| {
                let lr = 1e-3 * 4f64.powi(k);
                let diverged = lr > 2.0;
                LrPoint {
                    lr,
                    final_loss: (!diverged).then(|| scale * (0.01 / lr + lr)),
                    diverged_at: diverged.then_some(5),
                    steps_to_target: None,
                }
            })
            .collect()
    }

    #[test]
    fn draws_lines_marks_and_legend() {
        let (a, b) = (points(1.0), points(0.3));
        let lines = vec![
            SweepLine {
                shade: 0.4,
                label: "B = 16".into(),
                dash: Dash::Dashed { on: 5.0, off: 3.0 },
                points: &a,
                best_lr: Some(a[3].lr),
                max_stable_lr: Some(a[5].lr),
                theory_lr: Some(0.05),
            },
            SweepLine {
                shade: 1.0,
                label: "B = 1024".into(),
                dash: Dash::Solid,
                points: &b,
                best_lr: Some(b[4].lr),
                max_stable_lr: Some(b[5].lr),
                theory_lr: Some(0.3),
            },
        ];
        let plot = SweepPlot {
            series: 0,
            lines: &lines,
            labels: AxisLabels {
                x: "peak learning rate",
                y: "final loss",
            },
            legend: [
                "best rate",
                "largest stable rate",
                "theory ε_opt(B)",
                "diverged",
            ],
        };
        let svg = render(&plot, false);
        for s in [
            "peak learning rate",
            "final loss",
            "B = 16",
            "B = 1024",
            "best rate",
            "largest stable rate",
            "theory ε_opt(B)",
            "diverged",
        ] {
            assert!(svg.contains(s), "missing {s}");
        }
        let c = points(5.0);
        let other = vec![SweepLine {
            points: &c,
            ..lines[0].clone()
        }];
        assert_ne!(
            svg,
            render(
                &SweepPlot {
                    lines: &other,
                    ..plot.clone()
                },
                false
            )
        );
        assert_ne!(
            svg,
            render(
                &SweepPlot {
                    series: 3,
                    ..plot.clone()
                },
                false
            )
        );
    }
}
