//! Held-out loss curves of the Data view's experiments (`core::data_exp`): one line per task, per
//! coverage or per data set, solid (measured), with an optional dashed
//! horizontal reference (the clean run's loss in the quality experiment). The legend sits under
//! the plot, so it never covers a curve.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::chart::axis::{Axis, frame_of, log_extent, pow10_label};
use crate::chart::build::{self, Layout};
use crate::chart::frame::PlotFrame;
use crate::chart::table::{Cell, Column, DataTable, NumFmt};
use crate::chart::{AxisLabels, ChartStyle};
use crate::core::format::fmt_number;

/// One measured curve.
#[derive(Debug, Clone, PartialEq)]
pub struct Curve {
    /// Legend text.
    pub label: String,
    /// Palette index (a task keeps its table colour).
    pub series: usize,
    /// (x, held-out loss) points, x increasing.
    pub points: Vec<(f64, f64)>,
}

/// What the chart shows.
#[derive(Debug, Clone)]
pub struct ExpPlot<'a> {
    /// The curves.
    pub curves: &'a [Curve],
    /// A horizontal reference line: its legend text and its y.
    pub reference: Option<(&'a str, f64)>,
    /// Logarithmic x (data-set sizes); linear otherwise (examples drawn).
    pub log_x: bool,
    /// Axis titles.
    pub labels: AxisLabels<'a>,
}

/// Most characters of a legend entry.
const LEGEND_CHARS: usize = 28;

fn short(name: &str) -> String {
    if name.chars().count() > LEGEND_CHARS {
        let mut s: String = name.chars().take(LEGEND_CHARS - 1).collect();
        s.push('…');
        s
    } else {
        name.to_string()
    }
}

/// Rough text width in device pixels (CJK characters are wider than Latin ones).
fn text_width(text: &str, font: f64) -> i32 {
    (text
        .chars()
        .map(|c| if c.is_ascii() { 0.6 } else { 1.0 })
        .sum::<f64>()
        * font) as i32
}

/// Legend entries placed in lines from the left: (entry, line, x).
fn place_legend(
    names: &[String],
    left: i32,
    right: i32,
    style: &ChartStyle,
) -> Vec<(usize, i32, i32)> {
    let swatch = style.px(20.0) as i32 + style.px(5.0) as i32;
    let gap = style.px(14.0) as i32;
    let (mut line, mut x) = (0_i32, left);
    let mut placed = Vec::new();
    for (k, name) in names.iter().enumerate() {
        let w = swatch + text_width(name, style.font(12.0));
        if x > left && x + w > right {
            line += 1;
            x = left;
        }
        placed.push((k, line, x));
        x += w + gap;
    }
    placed
}

/// The loss axis: the values' range padded by 6 % (at least 0.02), never below 0; 0…1 when
/// there is nothing to plot.
fn y_range(plot: &ExpPlot<'_>) -> (f64, f64) {
    let ys: Vec<f64> = plot
        .curves
        .iter()
        .flat_map(|c| c.points.iter().map(|p| p.1))
        .chain(plot.reference.map(|r| r.1))
        .filter(|v| v.is_finite())
        .collect();
    let y_lo = ys.iter().copied().fold(f64::INFINITY, f64::min);
    let y_hi = ys.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let pad = ((y_hi - y_lo) * 0.06).max(0.02);
    if ys.is_empty() {
        (0.0, 1.0)
    } else {
        ((y_lo - pad).max(0.0), y_hi + pad)
    }
}

/// Draws the curves on `root`.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    plot: &ExpPlot<'_>,
    style: &ChartStyle,
) -> Result<PlotFrame, DrawingAreaErrorKind<DB::ErrorType>> {
    let pal = style.palette();
    root.fill(&pal.background)?;
    let (width, height) = root.dim_in_pixel();
    let mut names: Vec<String> = plot.curves.iter().map(|c| short(&c.label)).collect();
    if let Some((label, _)) = plot.reference {
        names.push(short(label));
    }
    let left = style.px(58.0) as i32;
    let placed = place_legend(&names, left, width as i32 - style.px(8.0) as i32, style);
    let line_h = style.px(18.0) as i32;
    let lines = placed.last().map_or(0, |p| p.1 + 1) as u32;
    let legend_h = (lines * line_h as u32 + style.px(6.0)).min(height / 2);
    let (upper, lower) = root.split_vertically(height.saturating_sub(legend_h));

    let finite = |v: &f64| v.is_finite();
    let (y0, y1) = y_range(plot);
    let xs = plot
        .curves
        .iter()
        .flat_map(|c| c.points.iter().map(|p| p.0));
    let x_axis = if plot.log_x {
        let (lo, hi) = log_extent(xs, 1.15);
        Axis::log10(lo, hi)
    } else {
        let hi = xs.filter(finite).fold(1.0_f64, f64::max);
        Axis::linear(0.0, hi)
    };
    let log_x = plot.log_x;
    let fx = move |x: f64| {
        if log_x {
            (x > 0.0 && x.is_finite()).then(|| x.log10())
        } else {
            x.is_finite().then_some(x)
        }
    };
    let mut chart = build::chart(
        &upper,
        &Layout::new(40.0, 48.0).right(20.0),
        style,
        x_axis,
        Axis::linear(y0, y1),
    )?;
    let x_fmt = |v: &f64| {
        if log_x {
            pow10_label(v)
        } else {
            fmt_number(v.round())
        }
    };
    let y_fmt = |v: &f64| fmt_number((v * 100.0).round() / 100.0);
    // The axes as the Data view's other chart draws them (no distinct-label search: a loss axis
    // of a few tenths and a count axis label cleanly at two decimals and whole numbers).
    let font = ("sans-serif", style.font(12.0))
        .into_font()
        .color(&pal.text);
    chart
        .configure_mesh()
        .x_desc(plot.labels.x)
        .y_desc(plot.labels.y)
        .axis_desc_style(font.clone())
        .label_style(font)
        .axis_style(pal.text.stroke_width(style.px(1.0)))
        .bold_line_style(pal.grid.stroke_width(style.px(1.0)))
        .light_line_style(pal.grid_light.stroke_width(style.px(1.0)))
        .max_light_lines(1)
        .x_labels(6)
        .y_labels(6)
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&y_fmt)
        .draw()?;
    let (x_lo, x_hi) = {
        let r = chart.x_range();
        (r.start, r.end)
    };
    // Every line is a `PathElement`, the element the Data view's other chart already draws, so
    // the page carries one instance of plotters' drawing code for both.
    if let Some((_, y)) = plot.reference.filter(|r| r.1.is_finite()) {
        let grey = pal.text.mix(0.8).stroke_width(style.px(1.5));
        let dash = (x_hi - x_lo) / 60.0;
        chart.draw_series((0..30).map(|i| {
            let a = x_lo + 2.0 * dash * f64::from(i);
            PathElement::new(vec![(a, y), (a + dash, y)], grey)
        }))?;
    }
    for c in plot.curves {
        let col = pal.series[c.series % pal.series.len()];
        let pts: Vec<(f64, f64)> = c
            .points
            .iter()
            .filter_map(|&(x, y)| Some((fx(x)?, y.is_finite().then_some(y)?)))
            .collect();
        chart.draw_series(std::iter::once(PathElement::new(
            pts,
            col.stroke_width(style.px(2.0)),
        )))?;
    }
    draw_legend(&lower, plot, &names, &placed, style)?;
    let frame = frame_of(&chart, &plot.labels, (plot.log_x, false));
    root.present()?;
    Ok(frame)
}

/// The legend under the plot: a line sample and the name of each curve, then the reference.
fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    plot: &ExpPlot<'_>,
    names: &[String],
    placed: &[(usize, i32, i32)],
    style: &ChartStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let pal = style.palette();
    let font = ("sans-serif", style.font(12.0))
        .into_font()
        .color(&pal.text)
        .pos(Pos::new(HPos::Left, VPos::Center));
    let line_h = style.px(18.0) as i32;
    let sample = style.px(20.0) as i32;
    for &(k, line, x) in placed {
        let y = style.px(3.0) as i32 + line * line_h + line_h / 2;
        match plot.curves.get(k) {
            Some(c) => {
                let col = pal.series[c.series % pal.series.len()];
                area.draw(&PathElement::new(
                    vec![(x, y), (x + sample, y)],
                    col.stroke_width(style.px(2.0)),
                ))?;
            }
            None => {
                let grey = pal.text.mix(0.8).stroke_width(style.px(1.5));
                let dash = sample / 4;
                for d in [0, 2] {
                    area.draw(&PathElement::new(
                        vec![(x + d * dash, y), (x + (d + 1) * dash + dash / 2, y)],
                        grey,
                    ))?;
                }
            }
        }
        let name = names.get(k).cloned().unwrap_or_default();
        area.draw(&Text::new(
            name,
            (x + sample + style.px(5.0) as i32, y),
            font.clone(),
        ))?;
    }
    Ok(())
}

/// The plotted numbers: one row per x, one column per curve (empty where a curve has no point
/// at that x), then the reference's value.
pub fn table(plot: &ExpPlot<'_>) -> DataTable {
    let mut cols = vec![Column::new(plot.labels.x, NumFmt::Number)];
    cols.extend(
        plot.curves
            .iter()
            .map(|c| Column::new(&c.label, NumFmt::Number)),
    );
    if let Some((label, _)) = plot.reference {
        cols.push(Column::new(label, NumFmt::Number));
    }
    let mut xs: Vec<f64> = plot
        .curves
        .iter()
        .flat_map(|c| c.points.iter().map(|p| p.0))
        .filter(|x| x.is_finite())
        .collect();
    xs.sort_by(f64::total_cmp);
    xs.dedup();
    let mut t = DataTable::new(cols);
    for x in xs {
        let mut row = vec![Cell::Num(x)];
        row.extend(plot.curves.iter().map(|c| {
            c.points
                .iter()
                .find(|p| p.0 == x)
                .map_or(Cell::Empty, |p| Cell::Num(p.1))
        }));
        if let Some((_, y)) = plot.reference {
            row.push(Cell::Num(y));
        }
        t.push(row);
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(plot: &ExpPlot<'_>, dark: bool) -> String {
        crate::chart::render_svg_sized((640, 360), |root| {
            draw(root, plot, &ChartStyle { scale: 1.0, dark }).expect("draws");
        })
    }

    fn curves() -> Vec<Curve> {
        vec![
            Curve {
                label: "classify".into(),
                series: 0,
                points: vec![(0.0, 1.4), (100.0, 0.9), (200.0, 0.7)],
            },
            Curve {
                label: "生成".into(),
                series: 2,
                points: vec![(0.0, 1.4), (100.0, 1.1), (200.0, 1.2)],
            },
        ]
    }

    #[test]
    fn draws_labels_legend_and_reference() {
        let c = curves();
        let plot = ExpPlot {
            curves: &c,
            reference: Some(("clean, n = 200", 0.8)),
            log_x: false,
            labels: AxisLabels {
                x: "examples drawn",
                y: "held-out loss (nats)",
            },
        };
        let svg = render(&plot, false);
        for s in [
            "examples drawn",
            "held-out loss (nats)",
            "classify",
            "生成",
            "clean, n = 200",
        ] {
            assert!(svg.contains(s), "{s} missing");
        }
        let other = ExpPlot {
            reference: None,
            ..plot.clone()
        };
        assert_ne!(svg, render(&other, false));
        assert_ne!(svg, render(&plot, true));
        let log = ExpPlot {
            log_x: true,
            curves: &c[..1],
            ..plot.clone()
        };
        assert!(render(&log, false).contains("200"));
    }

    #[test]
    fn table_is_wide_with_gaps() {
        let mut c = curves();
        c[1].points.remove(1);
        let plot = ExpPlot {
            curves: &c,
            reference: Some(("clean", 0.8)),
            log_x: false,
            labels: AxisLabels {
                x: "examples drawn",
                y: "loss",
            },
        };
        let t = table(&plot);
        assert_eq!(t.columns.len(), 4);
        assert_eq!(t.rows.len(), 3);
        assert_eq!(t.rows[1][2], Cell::Empty);
        assert_eq!(
            t.rows[2],
            vec![
                Cell::Num(200.0),
                Cell::Num(0.7),
                Cell::Num(1.2),
                Cell::Num(0.8)
            ]
        );
    }
}
