//! Loss against updates, examples or epochs (log y): one colour per optimizer, one shade per batch
//! size, the mean of the seeds with its band, the exact expected loss dashed, a × where a run
//! diverged, and the target as a thin dashed line.
//!
//! Both axes are drawn on log₁₀ of the value (x only when `log_x`), with 1-2-5 ticks labelled in
//! the value's own units, so one code path serves linear and log x.

use crate::chart::axis::frame_of;
use crate::chart::frame::PlotFrame;
use plotters::coord::Shift;
use plotters::prelude::*;

use crate::chart::axis::{Axis, linear_ticks, log_extent, mesh, plain_tick_label, ticks_125};
use crate::chart::palette::shade;
use crate::chart::table::{Cell, Column, DataTable, NumFmt};
use crate::chart::{AxisLabels, ChartStyle};
use crate::core::format::fmt_number;
use crate::core::sim::seed_band::SeedBand;

/// One (optimizer, batch size) curve.
#[derive(Debug, Clone)]
pub struct LossCurve<'a> {
    /// Palette index (the optimizer's fixed index).
    pub series: usize,
    /// Shade strength 0.4…1 (the batch size's rank).
    pub shade: f64,
    /// Legend text, for example "SGD · B = 16".
    pub label: String,
    /// Mean and band of the seeds.
    pub band: &'a SeedBand,
    /// The exact expected-loss curve (x, loss), where one exists.
    pub exact: Option<&'a [(f64, f64)]>,
}

/// What the chart shows.
#[derive(Debug, Clone)]
pub struct LossPlot<'a> {
    /// The curves.
    pub curves: &'a [LossCurve<'a>],
    /// Log-scaled x (examples, epochs) rather than linear (updates).
    pub log_x: bool,
    /// The target loss, drawn as a reference line.
    pub target: Option<f64>,
    /// Axis titles.
    pub labels: AxisLabels<'a>,
    /// The word before a divergence's update number ("step").
    pub step_word: &'a str,
    /// Legend text of the dashed exact curves.
    pub exact_label: &'a str,
    /// Label of the target line.
    pub target_label: &'a str,
}

fn lg(v: f64) -> Option<f64> {
    (v.is_finite() && v > 0.0).then(|| v.log10())
}

/// Draws the chart on `root`.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    plot: &LossPlot<'_>,
    style: &ChartStyle,
) -> Result<PlotFrame, DrawingAreaErrorKind<DB::ErrorType>> {
    let pal = style.palette();
    root.fill(&pal.background)?;
    let ys = plot.curves.iter().flat_map(|c| {
        let b = c.band;
        b.mean
            .iter()
            .chain(&b.lo)
            .chain(&b.hi)
            .copied()
            .chain(b.diverged.iter().map(|d| d.loss))
            .chain(c.exact.unwrap_or(&[]).iter().map(|p| p.1))
    });
    let (y_lo, y_hi) = log_extent(ys.chain(plot.target), 1.25);
    let y_lo = y_lo.max(y_hi * 1e-9);
    let xs = plot.curves.iter().flat_map(|c| {
        c.band
            .x
            .iter()
            .copied()
            .chain(c.exact.unwrap_or(&[]).iter().map(|p| p.0))
    });
    let (x_lo, x_hi) = if plot.log_x {
        log_extent(xs, 1.0)
    } else {
        (
            0.0,
            xs.fold(1.0_f64, |m, x| if x.is_finite() { m.max(x) } else { m }),
        )
    };
    let fx = |x: f64| {
        if plot.log_x {
            lg(x)
        } else {
            x.is_finite().then_some(x)
        }
    };
    let (x0, x1) = if plot.log_x {
        (x_lo.log10(), x_hi.log10())
    } else {
        (x_lo, x_hi)
    };
    let (y0, y1) = (y_lo.log10(), y_hi.log10());
    let y_ticks: Vec<f64> = ticks_125(y_lo, y_hi).iter().map(|v| v.log10()).collect();
    let x_ticks: Vec<f64> = if plot.log_x {
        ticks_125(x_lo, x_hi).iter().map(|v| v.log10()).collect()
    } else {
        linear_ticks(x_hi, 6)
    };
    let small = ("sans-serif", style.font(11.0))
        .into_font()
        .color(&pal.text);
    let mut builder = ChartBuilder::on(root);
    builder
        .margin(style.px(10.0))
        .x_label_area_size(style.px(40.0))
        .y_label_area_size(style.px(58.0));
    let mut chart =
        builder.build_cartesian_2d(Axis::ticked(x0, x1, x_ticks), Axis::ticked(y0, y1, y_ticks))?;
    let log_x = plot.log_x;
    let y_fmt = |v: &f64| plain_tick_label(10f64.powf(*v));
    let x_fmt = |v: &f64| {
        if log_x {
            plain_tick_label(10f64.powf(*v))
        } else {
            fmt_number(v.round())
        }
    };
    mesh(&mut chart, &plot.labels, style, &x_fmt, &y_fmt)?;
    let w = |css: f64| style.px(css);
    if let Some(t) = plot.target.and_then(lg) {
        let grey = pal.text.mix(0.6).stroke_width(w(1.0));
        chart.draw_series(DashedLineSeries::new(
            [(x0, t), (x1, t)],
            w(3.0),
            w(3.0),
            grey,
        ))?;
        chart.draw_series(std::iter::once(Text::new(
            plot.target_label.to_string(),
            (x0 + 0.01 * (x1 - x0), t),
            small.clone().pos(plotters::style::text_anchor::Pos::new(
                plotters::style::text_anchor::HPos::Left,
                plotters::style::text_anchor::VPos::Bottom,
            )),
        )))?;
    }
    let mut exact_in_legend = false;
    for c in plot.curves {
        let base = pal.series.get(c.series).copied().unwrap_or(pal.text);
        let col = shade(base, pal.background, c.shade);
        let b = c.band;
        // Band: lo forward, hi backward.
        let mut poly: Vec<(f64, f64)> =
            b.x.iter()
                .zip(&b.lo)
                .filter_map(|(&x, &l)| Some((fx(x)?, lg(l)?)))
                .collect();
        let upper: Vec<(f64, f64)> =
            b.x.iter()
                .zip(&b.hi)
                .filter_map(|(&x, &h)| Some((fx(x)?, lg(h)?)))
                .collect();
        if poly.len() > 1 && b.lo != b.hi {
            poly.extend(upper.into_iter().rev());
            chart.draw_series(std::iter::once(Polygon::new(poly, col.mix(0.16).filled())))?;
        }
        if let Some(exact) = c.exact {
            let pts: Vec<(f64, f64)> = exact
                .iter()
                .filter_map(|&(x, l)| Some((fx(x)?, lg(l)?)))
                .collect();
            let s = chart.draw_series(DashedLineSeries::new(
                pts,
                w(5.0),
                w(4.0),
                pal.text.mix(0.85).stroke_width(w(1.5)),
            ))?;
            if !exact_in_legend {
                exact_in_legend = true;
                let legend_col = pal.text.mix(0.85);
                s.label(plot.exact_label).legend(move |(x, y)| {
                    PathElement::new(
                        vec![(x, y), (x + 8, y), (x + 12, y), (x + 20, y)],
                        legend_col,
                    )
                });
            }
        }
        let line: Vec<(f64, f64)> =
            b.x.iter()
                .zip(&b.mean)
                .filter_map(|(&x, &m)| Some((fx(x)?, lg(m)?)))
                .collect();
        let width = w(2.0);
        chart
            .draw_series(LineSeries::new(line, col.stroke_width(width)))?
            .label(c.label.clone())
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 20, y)], col.stroke_width(width))
            });
        for d in &b.diverged {
            let (Some(x), Some(y)) = (fx(d.x), lg(d.loss)) else {
                continue;
            };
            chart.draw_series(std::iter::once(Cross::new(
                (x, y),
                w(6.0),
                col.stroke_width(w(2.5)),
            )))?;
            chart.draw_series(std::iter::once(Text::new(
                format!("{} {}", plot.step_word, d.step),
                (x, y),
                small.clone(),
            )))?;
        }
    }
    if !plot.curves.is_empty() {
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .label_font(small)
            .background_style(pal.background.mix(0.85))
            .border_style(pal.grid)
            .margin(w(4.0))
            .draw()?;
    }
    root.present()?;
    Ok(frame_of(&chart, &plot.labels, (plot.log_x, true)))
}

/// The plotted curves: curve, x, mean loss, lowest and highest over the seeds (one row per
/// point of each curve; the exact curves are left out).
pub fn table(plot: &LossPlot<'_>, series: &str, lo: &str, hi: &str) -> DataTable {
    let mut t = DataTable::new(vec![
        Column::new(series, NumFmt::Number),
        Column::new(plot.labels.x, NumFmt::Number),
        Column::new(plot.labels.y, NumFmt::Sci),
        Column::new(lo, NumFmt::Sci),
        Column::new(hi, NumFmt::Sci),
    ]);
    for c in plot.curves {
        let b = c.band;
        for i in 0..b.x.len() {
            t.push(vec![
                Cell::Text(c.label.clone()),
                Cell::Num(b.x[i]),
                b.mean.get(i).copied().into(),
                b.lo.get(i).copied().into(),
                b.hi.get(i).copied().into(),
            ]);
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::sim::seed_band::DivergedMark;

    fn render(plot: &LossPlot<'_>, dark: bool) -> String {
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (720, 400)).into_drawing_area();
            draw(&root, plot, &ChartStyle { scale: 1.0, dark }).expect("draws");
        }
        svg
    }

    fn band(scale: f64, diverge: bool) -> SeedBand {
        let x: Vec<f64> = (0..=50).map(|i| 10.0 * i as f64).collect();
        let mean: Vec<f64> = x
            .iter()
            .map(|u| scale * (-u / 200.0_f64).exp() + 0.01)
            .collect();
        SeedBand {
            lo: mean.iter().map(|m| m * 0.8).collect(),
            hi: mean.iter().map(|m| m * 1.25).collect(),
            x,
            mean,
            diverged: if diverge {
                vec![DivergedMark {
                    x: 120.0,
                    loss: 40.0,
                    step: 12,
                }]
            } else {
                Vec::new()
            },
        }
    }

    #[test]
    fn draws_curves_labels_markers_and_theory() {
        let (a, b) = (band(2.0, false), band(1.0, true));
        let exact: Vec<(f64, f64)> = a.x.iter().zip(&a.mean).map(|(&x, &m)| (x, m)).collect();
        let curves = vec![
            LossCurve {
                series: 0,
                shade: 0.4,
                label: "SGD · B = 16".into(),
                band: &a,
                exact: Some(&exact),
            },
            LossCurve {
                series: 3,
                shade: 1.0,
                label: "Adam · B = 1024".into(),
                band: &b,
                exact: None,
            },
        ];
        let plot = LossPlot {
            curves: &curves,
            log_x: false,
            target: Some(0.02),
            labels: AxisLabels {
                x: "optimizer updates",
                y: "training loss",
            },
            step_word: "step",
            exact_label: "exact expected loss",
            target_label: "target",
        };
        let svg = render(&plot, false);
        for s in [
            "optimizer updates",
            "training loss",
            "SGD · B = 16",
            "Adam · B = 1024",
            "exact expected loss",
            "step 12",
            "target",
        ] {
            assert!(svg.contains(s), "missing {s}");
        }
        assert!(svg.contains("stroke-dasharray") || svg.matches("<polyline").count() > 4);
        // Other data, log x, or the dark theme: another picture.
        let c = band(5.0, false);
        let other = vec![LossCurve {
            band: &c,
            ..curves[0].clone()
        }];
        assert_ne!(
            svg,
            render(
                &LossPlot {
                    curves: &other,
                    ..plot.clone()
                },
                false
            )
        );
        let logx = render(
            &LossPlot {
                log_x: true,
                ..plot.clone()
            },
            false,
        );
        assert_ne!(svg, logx);
        assert_ne!(svg, render(&plot, true));
    }

    #[test]
    fn degenerate_data_does_not_panic() {
        let empty = SeedBand::default();
        let weird = SeedBand {
            x: vec![0.0, f64::NAN, 1.0],
            mean: vec![0.0, -1.0, f64::INFINITY],
            lo: vec![0.0, -1.0, f64::INFINITY],
            hi: vec![0.0, -1.0, f64::INFINITY],
            diverged: vec![DivergedMark {
                x: f64::NAN,
                loss: 0.0,
                step: 0,
            }],
        };
        for b in [&empty, &weird] {
            let curves = vec![LossCurve {
                series: 9,
                shade: 2.0,
                label: String::new(),
                band: b,
                exact: Some(&[]),
            }];
            for log_x in [false, true] {
                render(
                    &LossPlot {
                        curves: &curves,
                        log_x,
                        target: Some(-1.0),
                        labels: AxisLabels { x: "x", y: "y" },
                        step_word: "",
                        exact_label: "",
                        target_label: "",
                    },
                    false,
                );
            }
        }
        render(
            &LossPlot {
                curves: &[],
                log_x: false,
                target: None,
                labels: AxisLabels { x: "x", y: "y" },
                step_word: "",
                exact_label: "",
                target_label: "",
            },
            true,
        );
    }
}
