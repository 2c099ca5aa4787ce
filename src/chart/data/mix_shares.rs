//! Each task's share of the draws under several mixing schemes, as 100 % stacked bars side by
//! side, with the current scheme marked (the schemes of [`crate::core::mix`]: T5's cap and
//! temperature, Raffel et al. 2020, §3.5.2).

use crate::chart::axis::frame_of;
use crate::chart::frame::{Bars, PlotFrame};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::chart::ChartStyle;
use crate::chart::axis::Axis;
use crate::chart::build::{self, Layout};
use crate::chart::table::{Cell, Column, DataTable, NumFmt};
use crate::core::format::fmt_number;

/// What the chart shows.
#[derive(Debug, Clone)]
pub struct MixSharesPlot<'a> {
    /// One label per scheme, in bar order (a `\n` splits it over two lines).
    pub schemes: &'a [String],
    /// `shares[s][i]`: the share of task row `i` under scheme `s`; `None` for rows with errors
    /// (left out, so the colours stay with their rows).
    pub shares: &'a [Vec<Option<f64>>],
    /// Task names, one per row (for the legend).
    pub tasks: &'a [String],
    /// Index of the current scheme (outlined and labelled).
    pub current: usize,
    /// Label above the current scheme's bar.
    pub current_label: &'a str,
    /// Vertical axis title.
    pub y_label: &'a str,
}

/// Most characters of a task name in the legend.
const LEGEND_CHARS: usize = 18;
/// Most legend lines; further tasks are summarised by "…".
const LEGEND_LINES: usize = 5;

fn short(name: &str) -> String {
    if name.chars().count() > LEGEND_CHARS {
        let mut s: String = name.chars().take(LEGEND_CHARS - 1).collect();
        s.push('…');
        s
    } else {
        name.to_string()
    }
}

/// Draws the bars on `root`.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    plot: &MixSharesPlot<'_>,
    style: &ChartStyle,
) -> Result<PlotFrame, DrawingAreaErrorKind<DB::ErrorType>> {
    let pal = style.palette();
    root.fill(&pal.background)?;
    let (width, height) = root.dim_in_pixel();
    let text_font = ("sans-serif", style.font(12.0))
        .into_font()
        .color(&pal.text);

    // Legend below the plot: items flow left to right and wrap.
    let live: Vec<usize> = (0..plot.tasks.len())
        .filter(|&i| {
            plot.shares
                .iter()
                .any(|s| s.get(i).copied().flatten().is_some())
        })
        .collect();
    let swatch = style.px(11.0) as i32;
    let gap = style.px(16.0) as i32;
    let left = style.px(60.0) as i32;
    let right = width as i32 - style.px(8.0) as i32;
    let line_h = style.px(18.0) as i32;
    let names: Vec<String> = live
        .iter()
        .map(|&i| plot.tasks.get(i).map_or(String::new(), |n| short(n)))
        .collect();
    // (row index, line, x) of each legend item, estimating text width from its characters.
    let mut placed: Vec<(usize, i32, i32)> = Vec::new();
    let (mut line, mut x) = (0_i32, left);
    for (k, name) in names.iter().enumerate() {
        let w = swatch
            + style.px(5.0) as i32
            + (name
                .chars()
                .map(|c| if c.is_ascii() { 0.6 } else { 1.0 })
                .sum::<f64>()
                * style.font(12.0)) as i32;
        if x > left && x + w > right {
            line += 1;
            x = left;
        }
        if line as usize >= LEGEND_LINES {
            break;
        }
        placed.push((k, line, x));
        x += w + gap;
    }
    let lines = placed.last().map_or(0, |p| p.1 + 1) as u32;
    let legend_h = (lines * line_h as u32 + style.px(8.0)).min(height / 2);
    let (upper, lower) = root.split_vertically(height.saturating_sub(legend_h));

    let n = plot.schemes.len().max(1) as f64;
    let mut chart = build::chart(
        &upper,
        &Layout::new(38.0, 58.0).top(26.0),
        style,
        Axis::linear(0.0, n),
        Axis::linear(0.0, 1.0),
    )?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .disable_x_axis()
        .y_desc(plot.y_label)
        .axis_desc_style(text_font.clone())
        .label_style(text_font.clone())
        .axis_style(pal.text.stroke_width(style.px(1.0)))
        .bold_line_style(pal.grid.stroke_width(style.px(1.0)))
        .light_line_style(pal.grid_light.stroke_width(style.px(1.0)))
        .max_light_lines(1)
        .y_labels(6)
        .y_label_formatter(&|y: &f64| format!("{}%", fmt_number((y * 100.0).round())))
        .draw()?;

    let seg_font = ("sans-serif", style.font(11.0))
        .into_font()
        .color(&pal.background)
        .pos(Pos::new(HPos::Center, VPos::Center));
    for (s, shares) in plot.shares.iter().enumerate() {
        let x0 = s as f64 + 0.18;
        let x1 = s as f64 + 0.82;
        let mut bottom = 0.0;
        for (i, share) in shares.iter().enumerate() {
            let Some(share) = share.filter(|v| v.is_finite() && *v > 0.0) else {
                continue;
            };
            let top = (bottom + share).min(1.0);
            let colour = pal.series[i % pal.series.len()];
            chart.draw_series(std::iter::once(Rectangle::new(
                [(x0, bottom), (x1, top)],
                colour.filled(),
            )))?;
            // Thin separators keep neighbouring tasks apart when colours repeat.
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(x0, top), (x1, top)],
                pal.background.stroke_width(style.px(1.0)),
            )))?;
            if top - bottom >= 0.07 {
                chart.draw_series(std::iter::once(Text::new(
                    format!("{}%", fmt_number((share * 1000.0).round() / 10.0)),
                    ((x0 + x1) / 2.0, (bottom + top) / 2.0),
                    seg_font.clone(),
                )))?;
            }
            bottom = top;
        }
        if s == plot.current {
            chart.draw_series(std::iter::once(Rectangle::new(
                [(x0 - 0.03, 0.0), (x1 + 0.03, 1.0)],
                pal.text.stroke_width(style.px(2.5)),
            )))?;
            let (px, py) = chart.backend_coord(&((x0 + x1) / 2.0, 1.0));
            upper.draw(&Text::new(
                plot.current_label.to_string(),
                (px, py - style.px(13.0) as i32),
                text_font.clone().pos(Pos::new(HPos::Center, VPos::Center)),
            ))?;
        }
    }

    // Scheme names under the bars, one or two lines, in a font small enough to fit a bar's slot.
    let slot = {
        let (a, _) = chart.backend_coord(&(0.0, 0.0));
        let (b, _) = chart.backend_coord(&(1.0, 0.0));
        f64::from((b - a).max(1))
    };
    let widest = plot
        .schemes
        .iter()
        .flat_map(|l| l.lines())
        .map(|l| {
            l.chars()
                .map(|c| if c.is_ascii() { 0.58 } else { 1.0 })
                .sum::<f64>()
        })
        .fold(1.0, f64::max);
    let size = (slot / widest).clamp(style.font(8.0), style.font(12.0));
    let under = ("sans-serif", size)
        .into_font()
        .color(&pal.text)
        .pos(Pos::new(HPos::Center, VPos::Top));
    for (s, label) in plot.schemes.iter().enumerate() {
        let (px, py) = chart.backend_coord(&(s as f64 + 0.5, 0.0));
        for (j, line) in label.lines().take(2).enumerate() {
            upper.draw(&Text::new(
                line.to_string(),
                (
                    px,
                    py + style.px(6.0) as i32 + j as i32 * (size * 1.25) as i32,
                ),
                under.clone(),
            ))?;
        }
    }

    // Legend: a swatch and the name of each task with a share; "…" when some did not fit.
    let name_font = text_font.pos(Pos::new(HPos::Left, VPos::Center));
    let cut = placed.len() < live.len();
    for (n, &(k, line, x)) in placed.iter().enumerate() {
        let y = style.px(4.0) as i32 + line * line_h + line_h / 2;
        let i = live.get(k).copied().unwrap_or(0);
        let colour = pal.series[i % pal.series.len()];
        lower.draw(&Rectangle::new(
            [(x, y - swatch / 2), (x + swatch, y + swatch / 2)],
            colour.filled(),
        ))?;
        let name = names.get(k).cloned().unwrap_or_default();
        let name = if cut && n + 1 == placed.len() {
            format!("{name} …")
        } else {
            name
        };
        lower.draw(&Text::new(
            name,
            (x + swatch + style.px(5.0) as i32, y),
            name_font.clone(),
        ))?;
    }
    let frame = frame_of(
        &chart,
        &crate::chart::AxisLabels {
            x: "",
            y: plot.y_label,
        },
        (false, false),
    )
    .with_bars(Bars::Columns { first: 0.5 });
    root.present()?;
    Ok(frame)
}

/// The plotted shares: one row per task (rows with errors left out), one column per scheme
/// (the current one marked ★), shares as fractions.
pub fn table(plot: &MixSharesPlot<'_>, task: &str) -> DataTable {
    let mut cols = vec![Column::new(task, NumFmt::Number)];
    for (j, s) in plot.schemes.iter().enumerate() {
        let mark = if j == plot.current { " ★" } else { "" };
        cols.push(Column::new(
            &format!("{}{mark}", s.replace('\n', " ")),
            NumFmt::Percent,
        ));
    }
    let mut t = DataTable::new(cols);
    for (i, name) in plot.tasks.iter().enumerate() {
        let cells: Vec<Option<f64>> = plot
            .shares
            .iter()
            .map(|c| c.get(i).copied().flatten())
            .collect();
        if cells.iter().all(Option::is_none) {
            continue;
        }
        let mut row = vec![Cell::Text(name.clone())];
        row.extend(cells.into_iter().map(Cell::from));
        t.push(row);
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(plot: &MixSharesPlot<'_>, dark: bool) -> String {
        crate::chart::render_svg_sized((640, 360), |root| {
            draw(root, plot, &ChartStyle { scale: 1.0, dark }).expect("draws");
        })
    }

    fn schemes() -> Vec<String> {
        [
            "proportional",
            "cap\nK = 65,536",
            "K = 65,536\nT = 2",
            "equal",
        ]
        .map(String::from)
        .to_vec()
    }

    #[test]
    fn draws_labels_bars_and_the_current_mark() {
        let names: Vec<String> = ["classify", "extract", "generate"]
            .map(String::from)
            .to_vec();
        // Proportional (0.9009, 0.0901, 0.0090) and K = 2^16 (0.46456, 0.46456, 0.07089) for
        // e = (1e6, 1e5, 1e4), from seqio 0.0.20 `mixing_rate_num_examples`
        // (`python tests/reference/mix_rates.py`).
        let shares = vec![
            vec![Some(0.9009), Some(0.0901), Some(0.0090)],
            vec![Some(0.46456), Some(0.46456), Some(0.07089)],
            vec![Some(0.40), Some(0.40), Some(0.20)],
            vec![Some(1.0 / 3.0); 3],
        ];
        let labels = schemes();
        let plot = MixSharesPlot {
            schemes: &labels,
            shares: &shares,
            tasks: &names,
            current: 1,
            current_label: "your choice",
            y_label: "share of examples drawn",
        };
        let svg = render(&plot, false);
        for text in [
            "share of examples drawn",
            "your choice",
            "proportional",
            "K = 65,536",
            "cap",
            "T = 2",
            "equal",
            "classify",
            "generate",
            "90.1%",
            "46.5%",
            "33.3%",
            "100%",
        ] {
            assert!(svg.contains(text), "missing {text}");
        }
        // Other shares, another current scheme, or the dark theme: a different picture.
        let mut other = shares.clone();
        other[0] = vec![Some(0.5), Some(0.3), Some(0.2)];
        assert_ne!(
            svg,
            render(
                &MixSharesPlot {
                    shares: &other,
                    ..plot.clone()
                },
                false
            )
        );
        assert_ne!(
            svg,
            render(
                &MixSharesPlot {
                    current: 3,
                    ..plot.clone()
                },
                false
            )
        );
        assert_ne!(svg, render(&plot, true));
    }

    #[test]
    fn rows_with_errors_are_left_out() {
        let names: Vec<String> = ["kept", "broken"].map(String::from).to_vec();
        let shares = vec![vec![Some(1.0), None]];
        let labels = vec!["proportional".to_string()];
        let svg = render(
            &MixSharesPlot {
                schemes: &labels,
                shares: &shares,
                tasks: &names,
                current: 0,
                current_label: "now",
                y_label: "share",
            },
            false,
        );
        assert!(svg.contains("kept") && !svg.contains("broken"));
    }

    #[test]
    fn table_has_a_row_per_valid_task_and_marks_the_current_scheme() {
        let schemes = vec!["proportional".to_string(), "T = 2".to_string()];
        let shares = vec![
            vec![Some(0.75), None, Some(0.25)],
            vec![Some(0.6), None, Some(0.4)],
        ];
        let tasks = vec![
            "a, \"quoted\"".to_string(),
            "bad".to_string(),
            "c".to_string(),
        ];
        let plot = MixSharesPlot {
            schemes: &schemes,
            shares: &shares,
            tasks: &tasks,
            current: 1,
            current_label: "yours",
            y_label: "share",
        };
        let t = table(&plot, "task");
        let names: Vec<&str> = t.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["task", "proportional", "T = 2 ★"]);
        assert_eq!(t.rows.len(), 2, "the row with an error is left out");
        assert_eq!(
            t.rows[1],
            vec![Cell::Text("c".into()), Cell::Num(0.25), Cell::Num(0.4)]
        );
        let csv = t.to_csv();
        assert!(csv.contains("\"a, \"\"quoted\"\"\",0.75,0.6\r\n"), "{csv}");
        assert_eq!(t.show(0, 1), "75%");
    }
}
