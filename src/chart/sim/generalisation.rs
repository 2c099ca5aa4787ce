//! Training and held-out loss of each (optimizer, batch size): the seeds' mean with its band
//! (lowest to highest run), training solid, held-out dashed, against the loss chart's x axis
//! (linear). The legend is the page's text under the chart (colour: optimizer; light to dark: small
//! to large batch; solid and dashed: training and held-out), so nothing covers a curve.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::chart::axis::{Axis, frame_of, linear_ticks, mesh};
use crate::chart::build::{self, Layout};
use crate::chart::frame::PlotFrame;
use crate::chart::palette::shade;
use crate::chart::table::{Cell, Column, DataTable, NumFmt};
use crate::chart::{AxisLabels, ChartStyle};
use crate::core::format::fmt_number;
use crate::core::sim::seed_band::SeedBand;

/// One (optimizer, batch size).
#[derive(Debug, Clone)]
pub struct GapCurve<'a> {
    /// Palette index of the optimizer.
    pub series: usize,
    /// Shade strength 0.4…1 (the batch size's rank).
    pub shade: f64,
    /// The curve's name in the data table, for example "SGD · B = 8".
    pub label: String,
    /// Training loss of the seeds.
    pub train: &'a SeedBand,
    /// Held-out loss of the seeds.
    pub heldout: &'a SeedBand,
}

/// What the chart shows.
#[derive(Debug, Clone)]
pub struct GapPlot<'a> {
    /// The curves.
    pub curves: &'a [GapCurve<'a>],
    /// Axis titles.
    pub labels: AxisLabels<'a>,
    /// Column words for the two losses: training, held-out.
    pub kinds: [&'a str; 2],
}

fn finite(points: impl Iterator<Item = (f64, f64)>) -> Vec<(f64, f64)> {
    points
        .filter(|(x, y)| x.is_finite() && y.is_finite())
        .collect()
}

/// Draws the chart on `root`.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    plot: &GapPlot<'_>,
    style: &ChartStyle,
) -> Result<PlotFrame, DrawingAreaErrorKind<DB::ErrorType>> {
    let pal = style.palette();
    root.fill(&pal.background)?;
    let w = |css: f64| style.px(css);
    let bands = || plot.curves.iter().flat_map(|c| [c.train, c.heldout]);
    let xs = || bands().flat_map(|b| b.x.iter().copied());
    let ys = || {
        bands()
            .flat_map(|b| b.lo.iter().chain(&b.hi).copied())
            .filter(|y| y.is_finite())
    };
    let x_hi = xs().filter(|x| x.is_finite()).fold(0.0, f64::max);
    let x_hi = if x_hi > 0.0 { x_hi } else { 1.0 };
    let (y_lo, y_hi) = ys().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), y| {
        (a.min(y), b.max(y))
    });
    let (y_lo, y_hi) = if y_lo.is_finite() && y_hi > y_lo {
        let pad = 0.05 * (y_hi - y_lo);
        ((y_lo - pad).max(0.0), y_hi + pad)
    } else if y_lo.is_finite() {
        ((y_lo - 0.5).max(0.0), y_lo + 0.5)
    } else {
        (0.0, 1.0)
    };
    let mut chart = build::chart(
        root,
        &Layout::new(40.0, 58.0),
        style,
        Axis::ticked(0.0, x_hi, linear_ticks(x_hi, 6)),
        Axis::linear(y_lo, y_hi),
    )?;
    let x_fmt = |v: &f64| fmt_number(*v);
    let y_fmt = |v: &f64| fmt_number(*v);
    mesh(&mut chart, &plot.labels, style, &x_fmt, &y_fmt)?;
    let colour = |c: &GapCurve<'_>| {
        let base = pal.series.get(c.series).copied().unwrap_or(pal.text);
        shade(base, pal.background, c.shade)
    };
    for c in plot.curves {
        let col = colour(c);
        for (band, dashed) in [(c.train, false), (c.heldout, true)] {
            let mut poly = finite(band.x.iter().copied().zip(band.lo.iter().copied()));
            let upper = finite(band.x.iter().copied().zip(band.hi.iter().copied()));
            if poly.len() > 1 && band.lo != band.hi {
                poly.extend(upper.into_iter().rev());
                chart.draw_series(std::iter::once(Polygon::new(poly, col.mix(0.14).filled())))?;
            }
            let line = finite(band.x.iter().copied().zip(band.mean.iter().copied()));
            if dashed {
                chart.draw_series(DashedLineSeries::new(
                    line,
                    w(6.0),
                    w(4.0),
                    col.stroke_width(w(2.0)),
                ))?;
            } else {
                chart.draw_series(LineSeries::new(line, col.stroke_width(w(2.0))))?;
            }
        }
    }
    root.present()?;
    Ok(frame_of(&chart, &plot.labels, (false, false)))
}

/// The plotted numbers: per curve and x, the training and held-out mean with their bands.
pub fn table(plot: &GapPlot<'_>, series: &str, lo: &str, hi: &str) -> DataTable {
    let [train_word, heldout_word] = plot.kinds;
    let mut t = DataTable::new(vec![
        Column::new(series, NumFmt::Number),
        Column::new(plot.labels.x, NumFmt::Number),
        Column::new(train_word, NumFmt::Number),
        Column::new(&format!("{train_word} {lo}"), NumFmt::Number),
        Column::new(&format!("{train_word} {hi}"), NumFmt::Number),
        Column::new(heldout_word, NumFmt::Number),
        Column::new(&format!("{heldout_word} {lo}"), NumFmt::Number),
        Column::new(&format!("{heldout_word} {hi}"), NumFmt::Number),
    ]);
    for c in plot.curves {
        for (i, &x) in c.train.x.iter().enumerate() {
            // The held-out band has the same evaluation points (the same runs' evaluations).
            let h = |v: &Vec<f64>| Cell::from(v.get(i).copied());
            t.push(vec![
                Cell::Text(c.label.clone()),
                Cell::Num(x),
                h(&c.train.mean),
                h(&c.train.lo),
                h(&c.train.hi),
                h(&c.heldout.mean),
                h(&c.heldout.lo),
                h(&c.heldout.hi),
            ]);
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn band(scale: f64, spread: f64) -> SeedBand {
        let x: Vec<f64> = (0..=10).map(f64::from).collect();
        let mean: Vec<f64> = x.iter().map(|x| scale * (0.5 + 1.0 / (1.0 + x))).collect();
        SeedBand {
            lo: mean.iter().map(|m| m - spread).collect(),
            hi: mean.iter().map(|m| m + spread).collect(),
            x,
            mean,
            diverged: Vec::new(),
        }
    }

    fn render(plot: &GapPlot<'_>, dark: bool) -> String {
        crate::chart::render_svg_sized((720, 420), |root| {
            draw(root, plot, &ChartStyle { scale: 1.0, dark }).expect("draws");
        })
    }

    #[test]
    fn draws_both_losses_with_bands() {
        let (a, b, c, d) = (
            band(1.0, 0.02),
            band(1.2, 0.03),
            band(0.8, 0.0),
            band(1.1, 0.0),
        );
        let curves = vec![
            GapCurve {
                series: 0,
                shade: 0.4,
                label: "SGD · B = 8".into(),
                train: &a,
                heldout: &b,
            },
            GapCurve {
                series: 0,
                shade: 1.0,
                label: "SGD · B = 500".into(),
                train: &c,
                heldout: &d,
            },
        ];
        let plot = GapPlot {
            curves: &curves,
            labels: AxisLabels {
                x: "epochs",
                y: "loss (nats)",
            },
            kinds: ["training", "held-out"],
        };
        let svg = render(&plot, false);
        for s in ["epochs", "loss (nats)"] {
            assert!(svg.contains(s), "missing {s}");
        }
        // A band per loss where the seeds differ; per curve a solid training line and a dashed
        // held-out line (drawn in segments).
        assert_eq!(
            svg.matches("<polygon").count(),
            2,
            "bands only where the seeds differ"
        );
        assert!(svg.matches("<polyline").count() > 2 * 2);
        let c2 = band(2.0, 0.02);
        let moved = vec![GapCurve {
            heldout: &c2,
            ..curves[0].clone()
        }];
        assert_ne!(
            svg,
            render(
                &GapPlot {
                    curves: &moved,
                    ..plot.clone()
                },
                false
            )
        );
        assert_ne!(svg, render(&plot, true));
        let t = table(&plot, "series", "low", "high");
        assert_eq!(t.rows.len(), 22);
        assert_eq!(t.columns.len(), 8);
    }
}
