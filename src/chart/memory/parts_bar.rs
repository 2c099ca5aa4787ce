//! Memory per GPU at the two moments that can set the peak, as stacked bars of the parts
//! (weights, gradients, optimizer states, activations, logits, overhead), with the chosen card's
//! capacity as a dashed line. Part `i` always takes palette colour `i`.

use crate::chart::axis::frame_of;
use crate::chart::frame::{Bars, PlotFrame};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::super::axis::Axis;
use super::super::{AxisLabels, ChartStyle};
use crate::chart::build::{self, Layout};
use crate::chart::table::{Cell, Column, DataTable, NumFmt};
use crate::core::format::fmt_number;

/// Number of stacked parts per bar.
pub const PARTS: usize = 6;

/// One bar: its name and the parts in display units (e.g. GB), bottom to top.
#[derive(Debug, Clone)]
pub struct Bar<'a> {
    /// Name under the bar.
    pub name: &'a str,
    /// Part sizes in display units.
    pub parts: [f64; PARTS],
}

/// What the chart shows.
#[derive(Debug, Clone)]
pub struct PartsBarPlot<'a> {
    /// The bars, left to right.
    pub bars: &'a [Bar<'a>],
    /// Names of the parts (legend), bottom to top.
    pub part_names: [&'a str; PARTS],
    /// Index of the bar that sets the peak (its total is marked).
    pub peak: usize,
    /// Word put before the peak bar's total.
    pub peak_word: &'a str,
    /// The card: label and capacity in display units.
    pub capacity: Option<(&'a str, f64)>,
    /// The display unit's symbol (after the capacity).
    pub unit: &'a str,
    /// Axis titles (x is unused; y names the unit).
    pub labels: AxisLabels<'a>,
}

fn clean(x: f64) -> f64 {
    if x.is_finite() && x > 0.0 { x } else { 0.0 }
}

/// Draws the bars on `root`: the plot on the left, the legend in a column on the right.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    plot: &PartsBarPlot<'_>,
    style: &ChartStyle,
) -> Result<PlotFrame, DrawingAreaErrorKind<DB::ErrorType>> {
    let pal = style.palette();
    root.fill(&pal.background)?;
    let (w, _) = root.dim_in_pixel();
    let legend_w =
        (f64::from(w) * 0.3).clamp(f64::from(style.px(90.0)), f64::from(style.px(170.0)));
    let (left, right) = root.split_horizontally(w.saturating_sub(legend_w as u32));
    let totals: Vec<f64> = plot
        .bars
        .iter()
        .map(|b| b.parts.iter().copied().map(clean).sum())
        .collect();
    let cap = plot.capacity.map_or(0.0, |c| clean(c.1));
    let top = totals.iter().copied().fold(cap, f64::max);
    let y_top = if top > 0.0 { top * 1.15 } else { 1.0 };
    let n = plot.bars.len().max(1) as f64;
    let font = |size: f64| {
        ("sans-serif", style.font(size))
            .into_font()
            .color(&pal.text)
    };
    let mut chart = build::chart(
        &left,
        &Layout::new(30.0, 52.0),
        style,
        Axis::linear(-0.5, n - 0.5),
        Axis::linear(0.0, y_top),
    )?;
    let names: Vec<&str> = plot.bars.iter().map(|b| b.name).collect();
    // Bar names shrink (down to 9 px) when the widest would run into its neighbour's slot, as on
    // a phone-wide chart.
    let slot = f64::from(chart.plotting_area().dim_in_pixel().0) / n;
    let widest = names
        .iter()
        .filter_map(|name| root.estimate_text_size(name, &font(12.0)).ok())
        .map(|(w, _)| f64::from(w))
        .fold(0.0, f64::max);
    let name_size = if widest > slot * 0.92 {
        (12.0 * slot * 0.92 / widest).max(9.0)
    } else {
        12.0
    };
    chart
        .configure_mesh()
        .disable_x_mesh()
        .y_desc(plot.labels.y)
        .axis_desc_style(font(12.0))
        .label_style(font(12.0))
        .x_label_style(font(name_size))
        .axis_style(pal.text.stroke_width(style.px(1.0)))
        .bold_line_style(pal.grid.stroke_width(style.px(1.0)))
        .light_line_style(pal.grid_light.stroke_width(style.px(1.0)))
        .max_light_lines(1)
        .x_labels(names.len().max(1) + 1)
        .y_labels(6)
        .x_label_formatter(&|x| {
            let i = x.round();
            if (x - i).abs() < 1e-9 && i >= 0.0 {
                names
                    .get(i as usize)
                    .map_or(String::new(), |s| (*s).to_string())
            } else {
                String::new()
            }
        })
        .y_label_formatter(&|y| fmt_number(*y))
        .draw()?;
    for part in 0..PARTS {
        let colour = pal.series[part % pal.series.len()];
        chart.draw_series(plot.bars.iter().enumerate().map(|(i, bar)| {
            let below: f64 = bar.parts.iter().take(part).copied().map(clean).sum();
            let here = bar.parts.get(part).copied().map_or(0.0, clean);
            let x = i as f64;
            Rectangle::new([(x - 0.3, below), (x + 0.3, below + here)], colour.filled())
        }))?;
    }
    let label_pos = Pos::new(HPos::Center, VPos::Bottom);
    chart.draw_series(totals.iter().enumerate().map(|(i, t)| {
        let text = if i == plot.peak {
            format!("{} {}", plot.peak_word, fmt_number(round3(*t)))
        } else {
            fmt_number(round3(*t))
        };
        Text::new(
            text,
            (i as f64, *t + y_top * 0.01),
            font(12.0).pos(label_pos),
        )
    }))?;
    if let Some((label, _)) = plot.capacity {
        let line = pal.text.stroke_width(style.px(1.5));
        chart.draw_series(DashedLineSeries::new(
            [(-0.5, cap), (n - 0.5, cap)],
            style.px(6.0),
            style.px(4.0),
            line,
        ))?;
        chart.draw_series(std::iter::once(Text::new(
            format!("{label}: {} {}", fmt_number(round3(cap)), plot.unit),
            (-0.45, cap + y_top * 0.01),
            font(11.0).pos(Pos::new(HPos::Left, VPos::Bottom)),
        )))?;
    }
    // Legend: top part first, as stacked.
    let sq = style.px(11.0) as i32;
    let line_h = style.px(20.0) as i32;
    for (row, part) in (0..PARTS).rev().enumerate() {
        let y = style.px(14.0) as i32 + row as i32 * line_h;
        let x = style.px(4.0) as i32;
        let colour = pal.series[part % pal.series.len()];
        right.draw(&Rectangle::new([(x, y), (x + sq, y + sq)], colour.filled()))?;
        let name = plot.part_names.get(part).copied().unwrap_or("");
        right.draw(&Text::new(
            name.to_string(),
            (x + sq + style.px(6.0) as i32, y + sq / 2),
            font(12.0).pos(Pos::new(HPos::Left, VPos::Center)),
        ))?;
    }
    let frame = frame_of(&chart, &plot.labels, (false, false)).with_bars(Bars::Rows { first: 0.0 });
    root.present()?;
    Ok(frame)
}

/// Rounds to 3 significant digits for labels.
fn round3(x: f64) -> f64 {
    if x <= 0.0 || !x.is_finite() {
        return 0.0;
    }
    let e = crate::core::math::floor(crate::core::math::log10(x)) as i32;
    let f = crate::core::math::pow(10.0, f64::from(2 - e));
    crate::core::math::round(x * f) / f
}

/// The plotted bars: one row per bar, one column per part and the total, in display units.
pub fn table(plot: &PartsBarPlot<'_>, bar: &str, total: &str) -> DataTable {
    let unit = |name: &str| format!("{name} ({})", plot.unit);
    let mut cols = vec![Column::new(bar, NumFmt::Number)];
    cols.extend(
        plot.part_names
            .iter()
            .map(|n| Column::new(&unit(n), NumFmt::Number)),
    );
    cols.push(Column::new(&unit(total), NumFmt::Number));
    let mut t = DataTable::new(cols);
    for b in plot.bars {
        let mut row = vec![Cell::Text(b.name.replace('\n', " "))];
        row.extend(b.parts.iter().map(|&p| Cell::Num(p)));
        row.push(Cell::Num(b.parts.iter().sum()));
        t.push(row);
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAMES: [&str; PARTS] = [
        "weights",
        "gradients",
        "optimizer",
        "activations",
        "logits",
        "overhead",
    ];

    fn render(plot: &PartsBarPlot<'_>, dark: bool) -> String {
        crate::chart::render_svg_sized((640, 360), |root| {
            draw(root, plot, &ChartStyle { scale: 1.0, dark }).expect("draws");
        })
    }

    /// The font size of the SVG text element that reads `text`.
    fn size_of(svg: &str, text: &str) -> Option<f64> {
        let end = svg.find(text)?;
        let start = svg[..end].rfind("<text")?;
        let tag = &svg[start..end];
        let at = tag.find("font-size=\"")? + "font-size=\"".len();
        tag[at..].split('"').next()?.parse().ok()
    }

    #[test]
    fn long_bar_names_shrink_on_a_narrow_chart() {
        let bars = [
            Bar {
                name: "start of backward",
                parts: [16.0, 0.0, 0.0, 11.0, 3.7, 2.1],
            },
            Bar {
                name: "optimizer step",
                parts: [16.0, 0.0, 0.0, 0.0, 0.0, 1.3],
            },
        ];
        let plot = PartsBarPlot {
            bars: &bars,
            part_names: NAMES,
            peak: 0,
            peak_word: "peak",
            capacity: None,
            unit: "GB",
            labels: AxisLabels { x: "", y: "GB" },
        };
        let at = |w: u32| {
            let svg = crate::chart::render_svg_sized((w, 240), |root| {
                draw(
                    root,
                    &plot,
                    &ChartStyle {
                        scale: 1.0,
                        dark: false,
                    },
                )
                .expect("draws");
            });
            size_of(&svg, "start of backward").expect("the name is drawn")
        };
        // plotters' SVG backend writes sizes scaled by a constant factor, so compare ratios.
        let wide = at(1200);
        let narrow = at(330);
        assert!(
            narrow < wide && narrow >= wide * 9.0 / 12.0 - 1e-9,
            "{narrow} vs {wide}"
        );
    }

    #[test]
    fn draws_bars_legend_capacity_and_totals() {
        // Llama-3-8B LoRA r=8 (q,v), bf16, mbs 1, seq 2048, in GB (our estimate).
        let bars = [
            Bar {
                name: "start of backward",
                parts: [16.07, 0.0, 0.027, 11.32, 3.68, 2.09],
            },
            Bar {
                name: "optimizer step",
                parts: [16.07, 0.017, 0.027, 0.0, 0.0, 1.34],
            },
        ];
        let plot = PartsBarPlot {
            bars: &bars,
            part_names: NAMES,
            peak: 0,
            peak_word: "peak",
            capacity: Some(("A100 80GB", 85.9)),
            unit: "GB",
            labels: AxisLabels {
                x: "",
                y: "GB per GPU",
            },
        };
        let svg = render(&plot, false);
        for word in NAMES
            .iter()
            .chain(&["GB per GPU", "start of backward", "optimizer step"])
        {
            assert!(svg.contains(word), "{word} missing");
        }
        assert!(
            svg.contains("A100 80GB: 85.9 GB"),
            "capacity line is labelled"
        );
        assert!(svg.contains("peak 33.2"), "the peak bar's total is marked");
        // Different data, no card, dark theme: different pictures.
        let bigger = [Bar {
            name: "start of backward",
            parts: [40.0, 0.0, 10.0, 20.0, 3.0, 2.0],
        }];
        let other = PartsBarPlot {
            bars: &bigger,
            capacity: None,
            ..plot.clone()
        };
        let svg2 = render(&other, false);
        assert_ne!(svg, svg2);
        assert!(!svg2.contains("A100"));
        assert_ne!(svg, render(&plot, true));
    }
}
