//! Loss against updates, examples or epochs (log y): one colour per optimizer, one line pattern
//! (and shade) per batch size, the mean of the seeds with its band, the exact expected loss thin
//! grey dashes, a × where a run diverged (labels merged and kept apart, [`crate::chart::labels`]),
//! and the target as a thin dashed line. The legend lists the optimizers and the batch sizes once
//! each, below the plot ([`crate::chart::legend`]).
//!
//! Both axes are drawn on log₁₀ of the value (x only when `log_x`), with 1-2-5 ticks labelled in
//! the value's own units, so one code path serves linear and log x.

use crate::chart::axis::frame_of;
use crate::chart::frame::PlotFrame;
use plotters::coord::Shift;
use plotters::prelude::*;

use crate::chart::axis::{Axis, linear_ticks, log_extent, mesh, pow10_label};
use crate::chart::build::{self, Layout};
use crate::chart::dash::{Dash, draw_line};
use crate::chart::labels::draw_point_labels;
use crate::chart::legend::{self, Entry, Swatch};
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
    /// The curve's name in the data table, for example "SGD · B = 16".
    pub label: String,
    /// The optimizer's name (a legend entry in its colour).
    pub opt_name: String,
    /// The batch size's name, e.g. "B = 16" (a legend entry with its pattern).
    pub batch_name: String,
    /// The batch size's line pattern.
    pub dash: Dash,
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
    let entries = legend_entries(plot, style);
    let (area, legend_area, lay) = legend::split(root, &entries, style);
    let root = &area;
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
    let x_axis = if plot.log_x {
        Axis::log10(x_lo, x_hi)
    } else {
        Axis::ticked(x_lo, x_hi, linear_ticks(x_hi, 6))
    };
    let small = ("sans-serif", style.font(11.0))
        .into_font()
        .color(&pal.text);
    let mut chart = build::chart(
        root,
        &Layout::new(40.0, 58.0),
        style,
        x_axis,
        Axis::log10(y_lo, y_hi),
    )?;
    let log_x = plot.log_x;
    let x_fmt = |v: &f64| {
        if log_x {
            pow10_label(v)
        } else {
            fmt_number(v.round())
        }
    };
    mesh(&mut chart, &plot.labels, style, &x_fmt, &pow10_label)?;
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
    let mut marks: Vec<(String, (i32, i32))> = Vec::new();
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
            chart.draw_series(DashedLineSeries::new(
                pts,
                w(3.0),
                w(3.0),
                pal.text.mix(0.7).stroke_width(w(1.0)),
            ))?;
        }
        let line: Vec<(f64, f64)> =
            b.x.iter()
                .zip(&b.mean)
                .filter_map(|(&x, &m)| Some((fx(x)?, lg(m)?)))
                .collect();
        draw_line(
            &mut chart,
            line,
            c.dash,
            col.stroke_width(w(2.0)),
            style.scale,
        )?;
        for d in &b.diverged {
            let (Some(x), Some(y)) = (fx(d.x), lg(d.loss)) else {
                continue;
            };
            chart.draw_series(std::iter::once(Cross::new(
                (x, y),
                w(6.0),
                col.stroke_width(w(2.5)),
            )))?;
            marks.push((
                format!("{} {}", plot.step_word, d.step),
                chart.backend_coord(&(x, y)),
            ));
        }
    }
    let (xr, yr) = chart.plotting_area().get_pixel_range();
    draw_point_labels(
        root,
        &marks,
        (xr.start, yr.start, xr.end, yr.end),
        &small,
        w(5.0) as i32,
    )?;
    legend::draw(&legend_area, &entries, &lay, style)?;
    root.present()?;
    Ok(frame_of(&chart, &plot.labels, (plot.log_x, true)))
}

/// The legend: each optimizer in its colour, each batch size with its pattern (in the text
/// colour), and the exact curves if any are drawn.
fn legend_entries(plot: &LossPlot<'_>, style: &ChartStyle) -> Vec<Entry> {
    let pal = style.palette();
    let mut out: Vec<Entry> = Vec::new();
    let seen = |label: &str, out: &Vec<Entry>| out.iter().any(|e| e.label == label);
    for c in plot.curves {
        if !seen(&c.opt_name, &out) {
            out.push(Entry {
                swatch: Swatch::Line {
                    color: pal.series.get(c.series).copied().unwrap_or(pal.text),
                    width: 3.0,
                    dash: Dash::Solid,
                },
                label: c.opt_name.clone(),
            });
        }
    }
    let mut batches: Vec<&LossCurve<'_>> = Vec::new();
    for c in plot.curves {
        if !batches.iter().any(|b| b.batch_name == c.batch_name) {
            batches.push(c);
        }
    }
    for c in batches {
        if !seen(&c.batch_name, &out) {
            out.push(Entry {
                swatch: Swatch::Line {
                    color: pal.text,
                    width: 2.0,
                    dash: c.dash,
                },
                label: c.batch_name.clone(),
            });
        }
    }
    if plot
        .curves
        .iter()
        .any(|c| c.exact.is_some_and(|e| !e.is_empty()))
    {
        out.push(Entry {
            swatch: Swatch::Line {
                color: shade(pal.text, pal.background, 0.7),
                width: 1.0,
                dash: Dash::Dashed { on: 3.0, off: 3.0 },
            },
            label: plot.exact_label.to_string(),
        });
    }
    out
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
        crate::chart::render_svg_sized((720, 400), |root| {
            draw(root, plot, &ChartStyle { scale: 1.0, dark }).expect("draws");
        })
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
                opt_name: "SGD".into(),
                batch_name: "B = 16".into(),
                dash: Dash::Dashed { on: 5.0, off: 3.0 },
                band: &a,
                exact: Some(&exact),
            },
            LossCurve {
                series: 3,
                shade: 1.0,
                label: "Adam · B = 1024".into(),
                opt_name: "Adam".into(),
                batch_name: "B = 1024".into(),
                dash: Dash::Solid,
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
            "SGD",
            "B = 16",
            "B = 1024",
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

    /// Six runs that all diverge at update 2 (as at `sim_lr=100`) get one label with a count, and
    /// nine curves get a legend of their three optimizers and three batch sizes, below the plot.
    #[test]
    fn equal_divergence_labels_merge_and_the_legend_stays_off_the_plot() {
        let mut b = band(1.0, false);
        b.diverged = vec![
            DivergedMark {
                x: 2.0,
                loss: 1e6,
                step: 2,
            };
            2
        ];
        let names = ["SGD", "Momentum", "Adam"];
        let curves: Vec<LossCurve<'_>> = (0..9)
            .map(|k| LossCurve {
                series: [0, 1, 3][k / 3],
                shade: 1.0,
                label: format!("{} · B = {}", names[k / 3], [16, 128, 1024][k % 3]),
                opt_name: names[k / 3].into(),
                batch_name: format!("B = {}", [16, 128, 1024][k % 3]),
                dash: crate::chart::dash::batch_dash(k % 3, 3),
                band: &b,
                exact: None,
            })
            .collect();
        let plot = LossPlot {
            curves: &curves[..3],
            log_x: false,
            target: Some(0.02),
            labels: AxisLabels { x: "x", y: "y" },
            step_word: "diverged at",
            exact_label: "exact",
            target_label: "target",
        };
        let svg = render(&plot, false);
        assert_eq!(svg.matches("diverged at 2").count(), 1, "one merged label");
        assert!(svg.contains("diverged at 2 (×6)"));
        let all = LossPlot {
            curves: &curves,
            ..plot.clone()
        };
        let mut frame = None;
        let small = crate::chart::render_svg_sized((375, 220), |root| {
            frame = Some(
                draw(
                    root,
                    &all,
                    &ChartStyle {
                        scale: 1.0,
                        dark: false,
                    },
                )
                .expect("draws"),
            );
        });
        let frame = frame.expect("drawn");
        for n in ["SGD", "Momentum", "Adam", "B = 16", "B = 128", "B = 1024"] {
            let found = small.matches(&format!(">\n{n}\n<")).count();
            assert_eq!(found, 1, "{n} listed {found} times");
        }
        // The plot area ends above the legend rows.
        assert!(frame.y_px.1 < 220 - 2 * 17, "{:?}", frame.y_px);
    }
}
