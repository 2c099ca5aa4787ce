//! Charts of the Batch & LR view, one file per chart, plus the clipping and marks they share
//! (axes and grid: [`crate::chart::axis`]).
//!
//! Colours (indices into [`Palette::series`](super::Palette)): plain gradient descent and SGD
//! are 0 and heavy-ball momentum 1, Adam 3, as in every view. Within this view S/S_min is 0 and
//! E/E_min 4; McCandlish et al.'s model curves that are not tied to an optimizer use the text
//! colour. Theory curves are dashed; the simulated run and measured points are solid.

pub mod clip;
pub mod eps_fraction;
pub mod loss_steps;
pub mod lr_rules;
pub mod norm_fit;
pub mod path;
pub mod step_sweep;
pub mod steps_examples;
pub mod tradeoff;

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::ChartStyle;
use super::axis::Chart;
pub(crate) use super::axis::{label_font, mesh};

/// A thin dashed vertical line at `x` from `y0` to `y1` (a mark such as a threshold).
pub(crate) fn v_mark<DB: DrawingBackend>(
    chart: &mut Chart<'_, DB>,
    x: f64,
    (y0, y1): (f64, f64),
    color: RGBColor,
    style: &ChartStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    chart.draw_series(DashedLineSeries::new(
        [(x, y0), (x, y1)],
        style.px(4.0),
        style.px(3.0),
        color.stroke_width(style.px(1.5)),
    ))?;
    Ok(())
}

/// Writes `text` next to the data point `at`, shifted by `offset` CSS pixels, anchored on its
/// left, centre or right (`h`) and vertical middle.
pub(crate) fn annotate<DB: DrawingBackend>(
    chart: &mut Chart<'_, DB>,
    at: (f64, f64),
    text: &str,
    offset: (f64, f64),
    h: HPos,
    style: &ChartStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let font = label_font(style).pos(Pos::new(h, VPos::Center));
    let dx = (offset.0 * style.scale).round() as i32;
    let dy = (offset.1 * style.scale).round() as i32;
    chart.draw_series(std::iter::once(
        EmptyElement::at(at) + Text::new(text.to_string(), (dx, dy), font),
    ))?;
    Ok(())
}

/// Where a label beside a mark at pixel `x` starts (its left edge), for a plot area spanning
/// `left` … `right` pixels and a label `width` pixels wide set `gap` pixels off the mark: on the
/// mark's right when the text fits there, else on its left; when it fits on neither side,
/// against the right edge (over the mark). The whole text stays inside the plot area whenever
/// it is narrower than it, and its start always does.
pub(crate) fn label_left(x: i32, (left, right): (i32, i32), width: i32, gap: i32) -> i32 {
    let width = width.max(0);
    let x = x.clamp(left, right);
    if x + gap + width <= right {
        x + gap
    } else if x - gap - width >= left {
        x - gap - width
    } else {
        (right - width).max(left)
    }
}

/// Writes `text` beside the mark at `at` (in data units), `gap` CSS pixels to its side and `dy`
/// below, on the side where it fits inside the plot area ([`label_left`]).
pub(crate) fn mark_label<DB: DrawingBackend>(
    chart: &mut Chart<'_, DB>,
    at: (f64, f64),
    text: &str,
    (gap, dy): (f64, f64),
    style: &ChartStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let area = chart.plotting_area();
    let (xs, _) = area.get_pixel_range();
    let font = label_font(style);
    // The backend measures the text where it can; else about 0.6 em per Latin letter and 1 em
    // per Chinese character.
    let width = area
        .estimate_text_size(text, &font)
        .map(|(w, _)| w as i32)
        .unwrap_or_else(|_| {
            let em = style.font(12.0);
            text.chars()
                .map(|c| if c.is_ascii() { 0.6 * em } else { em })
                .sum::<f64>()
                .ceil() as i32
        });
    let (px, py) = chart.backend_coord(&at);
    let gap = (gap * style.scale).round() as i32;
    let ax = label_left(px, (xs.start, xs.end), width, gap);
    let dy = (dy * style.scale).round() as i32;
    let font = font.pos(Pos::new(HPos::Left, VPos::Center));
    // Drawn on the root (pixel) coordinates of the chart's area, so nothing clips the text.
    let origin = area.get_base_pixel();
    area.strip_coord_spec().draw(&Text::new(
        text.to_string(),
        (ax - origin.0, py + dy - origin.1),
        font,
    ))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mark_labels_flip_at_the_right_edge() {
        // Room on the right: the text starts 6 px right of the mark.
        assert_eq!(label_left(100, (50, 600), 40, 6), 106);
        // At the right edge: it ends 6 px left of the mark.
        assert_eq!(label_left(600, (50, 600), 40, 6), 554);
        assert_eq!(label_left(570, (50, 600), 40, 6), 524);
        // At the left edge: on the right as before.
        assert_eq!(label_left(50, (50, 600), 40, 6), 56);
        // Room on neither side: against the right edge, or the left edge when wider than all.
        assert_eq!(label_left(80, (50, 120), 60, 6), 60);
        assert_eq!(label_left(80, (50, 120), 500, 6), 50);
        for x in [-1000, 0, 50, 51, 300, 599, 600, 601, 10_000] {
            for width in [0, 10, 40, 200, 549, 550] {
                let l = label_left(x, (50, 600), width, 6);
                assert!(l >= 50 && l + width <= 600, "{x} {width}: {l}");
            }
        }
    }
}
