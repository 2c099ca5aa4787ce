//! FLOPs per token by term (forward, backward, recomputation, attention) as one bar each, with
//! each bar's value written above it. Bar `i` takes palette colour `i`.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::chart::axis::{Axis, frame_of, label_font};
use crate::chart::build::{self, Layout};
use crate::chart::frame::{Bars, PlotFrame};
use crate::chart::table::{Cell, Column, DataTable, NumFmt};
use crate::chart::{AxisLabels, ChartStyle};
use crate::core::format::fmt_number;

/// Number of bars.
pub const TERMS: usize = 4;

/// What the chart shows.
#[derive(Debug, Clone)]
pub struct BreakdownPlot<'a> {
    /// Bar names, left to right.
    pub names: [&'a str; TERMS],
    /// Values in display units (e.g. GFLOPs per token).
    pub values: [f64; TERMS],
    /// Axis titles (x unused; y names the unit).
    pub labels: AxisLabels<'a>,
}

fn clean(x: f64) -> f64 {
    if x.is_finite() && x > 0.0 { x } else { 0.0 }
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

/// Draws the bars on `root`.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    plot: &BreakdownPlot<'_>,
    style: &ChartStyle,
) -> Result<PlotFrame, DrawingAreaErrorKind<DB::ErrorType>> {
    let pal = style.palette();
    root.fill(&pal.background)?;
    let top = plot.values.iter().copied().map(clean).fold(0.0, f64::max);
    let y_top = if top > 0.0 { top * 1.15 } else { 1.0 };
    let n = TERMS as f64;
    let font = label_font(style);
    let mut chart = build::chart(
        root,
        &Layout::new(30.0, 56.0),
        style,
        Axis::linear(-0.5, n - 0.5),
        Axis::linear(0.0, y_top),
    )?;
    let names = plot.names;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .y_desc(plot.labels.y)
        .axis_desc_style(font.clone())
        .label_style(font.clone())
        .axis_style(pal.text.stroke_width(style.px(1.0)))
        .bold_line_style(pal.grid.stroke_width(style.px(1.0)))
        .light_line_style(pal.grid_light.stroke_width(style.px(1.0)))
        .max_light_lines(1)
        .x_labels(TERMS + 1)
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
    chart.draw_series(plot.values.iter().enumerate().map(|(i, v)| {
        let x = i as f64;
        let colour = pal.series[i % pal.series.len()];
        Rectangle::new([(x - 0.3, 0.0), (x + 0.3, clean(*v))], colour.filled())
    }))?;
    let above = Pos::new(HPos::Center, VPos::Bottom);
    chart.draw_series(plot.values.iter().enumerate().map(|(i, v)| {
        Text::new(
            fmt_number(round3(clean(*v))),
            (i as f64, clean(*v) + y_top * 0.01),
            font.clone().pos(above),
        )
    }))?;
    let frame = frame_of(&chart, &plot.labels, (false, false)).with_bars(Bars::Rows { first: 0.0 });
    root.present()?;
    Ok(frame)
}

/// The plotted bars: one row per term.
pub fn table(plot: &BreakdownPlot<'_>, term: &str) -> DataTable {
    let mut t = DataTable::new(vec![
        Column::new(term, NumFmt::Number),
        Column::new(plot.labels.y, NumFmt::Number),
    ]);
    for (name, v) in plot.names.iter().zip(plot.values) {
        t.push(vec![Cell::Text((*name).to_string()), Cell::Num(v)]);
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::render_svg;

    const NAMES: [&str; TERMS] = ["forward", "backward", "recompute", "attention"];

    fn svg(values: [f64; TERMS], dark: bool) -> String {
        let plot = BreakdownPlot {
            names: NAMES,
            values,
            labels: AxisLabels {
                x: "",
                y: "GFLOPs per token",
            },
        };
        render_svg(|root| draw(root, &plot, &ChartStyle { scale: 1.0, dark }).expect("draws"))
    }

    #[test]
    fn draws_bars_names_and_values() {
        // Llama-2-7B full training, detailed count, s = 2048 (core::compute::flops).
        let a = svg([13.2, 26.4, 0.0, 3.22], false);
        for word in NAMES.iter().chain(&["GFLOPs per token", "26.4", "13.2"]) {
            assert!(a.contains(word), "{word} missing");
        }
        assert_ne!(a, svg([13.2, 26.4, 13.0, 4.3], false));
        assert_ne!(a, svg([13.2, 26.4, 0.0, 3.22], true));
        let t = table(
            &BreakdownPlot {
                names: NAMES,
                values: [1.0, 2.0, 0.0, 0.5],
                labels: AxisLabels { x: "", y: "GFLOPs" },
            },
            "term",
        );
        assert!(t.to_csv().contains("backward,2"));
    }
}
