//! The one legend rule of the charts: **a legend never sits on the plot.** It is drawn below the
//! plot, its entries flowing left to right in rows as the width allows, and the rows it needs are
//! taken from the chart's height before the plot is laid out ([`split`]), so on a 375 px phone and
//! in a 600 px embed the data keep all of the plot area, whatever the number of series.
//!
//! Each entry is a swatch (a line with its [`Dash`] pattern, a marker, or a band) and a label.
//! Charts with many series list each varying attribute once, e.g. one entry per optimizer (its
//! colour) and one per batch size (its dash pattern), rather than every combination.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::RGBColor;

use crate::chart::ChartStyle;
use crate::chart::dash::Dash;

/// A marker shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    /// An open circle.
    Circle,
    /// A filled dot.
    Dot,
    /// A filled triangle.
    Triangle,
    /// A ×.
    Cross,
    /// An open square.
    Square,
}

/// What an entry's swatch shows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Swatch {
    /// A line of this colour, CSS width and pattern.
    Line {
        /// Colour.
        color: RGBColor,
        /// Width in CSS pixels.
        width: f64,
        /// Pattern.
        dash: Dash,
    },
    /// A marker of this colour.
    Marker {
        /// Shape.
        shape: Marker,
        /// Colour.
        color: RGBColor,
    },
}

/// One legend entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// What the swatch shows.
    pub swatch: Swatch,
    /// The text after it.
    pub label: String,
}

/// Where each entry goes, relative to the legend's top-left corner, in device pixels.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Layout {
    /// (x, y) of each entry's swatch start, the entry's vertical centre.
    pub positions: Vec<(i32, i32)>,
    /// The height the legend needs (0 with no entries).
    pub height: u32,
}

/// Sizes in CSS pixels.
const SWATCH: f64 = 22.0;
const GAP: f64 = 5.0;
const ENTRY_GAP: f64 = 14.0;
const ROW: f64 = 17.0;
const PAD: f64 = 6.0;
const LEFT: f64 = 12.0;

/// The font of legend labels.
pub fn font(style: &ChartStyle) -> (String, f64) {
    ("sans-serif".to_string(), style.font(11.0))
}

/// Lays `widths` (each label's width in device pixels) out in rows of at most `width` device
/// pixels: entries flow left to right and wrap; an entry wider than a row gets a row of its own.
pub fn layout(widths: &[u32], width: u32, style: &ChartStyle) -> Layout {
    if widths.is_empty() {
        return Layout::default();
    }
    let px = |v: f64| (v * style.scale).round() as i32;
    let (left, row_h) = (px(LEFT), px(ROW));
    let avail = (width as i32 - 2 * left).max(1);
    let (mut x, mut row) = (0, 0);
    let mut positions = Vec::with_capacity(widths.len());
    for &w in widths {
        let need = px(SWATCH) + px(GAP) + w as i32;
        if x > 0 && x + need > avail {
            x = 0;
            row += 1;
        }
        positions.push((left + x, px(PAD) + row * row_h + row_h / 2));
        x += need + px(ENTRY_GAP);
    }
    let rows = row + 1;
    Layout {
        positions,
        height: (px(PAD) * 2 + rows * row_h) as u32,
    }
}

/// Measures `entries` on `root` and splits it into the plot area (top) and the legend area
/// (bottom, as tall as the legend needs but at most half of `root`); returns both and the layout.
pub fn split<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    entries: &[Entry],
    style: &ChartStyle,
) -> (DrawingArea<DB, Shift>, DrawingArea<DB, Shift>, Layout) {
    let (family, size) = font(style);
    let f: TextStyle<'_> = (family.as_str(), size).into_font().into();
    let widths: Vec<u32> = entries
        .iter()
        .map(|e| {
            root.estimate_text_size(&e.label, &f)
                .map_or((e.label.chars().count() as f64 * size * 0.6) as u32, |s| {
                    s.0
                })
        })
        .collect();
    let (w, h) = root.dim_in_pixel();
    let lay = layout(&widths, w, style);
    let legend_h = lay.height.min(h / 2);
    let (plot, legend) = root.split_vertically((h - legend_h) as i32);
    (plot, legend, lay)
}

/// Draws `entries` at `layout` on `area` (the legend area from [`split`]).
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[Entry],
    layout: &Layout,
    style: &ChartStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let pal = style.palette();
    let (family, size) = font(style);
    let text = (family.as_str(), size).into_font().color(&pal.text);
    let px = |v: f64| (v * style.scale).round() as i32;
    let (_, h) = area.dim_in_pixel();
    for (e, &(x, y)) in entries.iter().zip(&layout.positions) {
        if y + px(ROW) / 2 > h as i32 {
            break;
        }
        let (x1, mid) = (x + px(SWATCH), x + px(SWATCH) / 2);
        match e.swatch {
            Swatch::Line { color, width, dash } => {
                let st = color.stroke_width(px(width).max(1) as u32);
                match dash {
                    Dash::Solid => {
                        area.draw(&PathElement::new(vec![(x, y), (x1, y)], st))?;
                    }
                    Dash::Dashed { on, off } => {
                        let (on, off) = (px(on).max(1), px(off).max(1));
                        let mut s = x;
                        while s < x1 {
                            let e = (s + on).min(x1);
                            area.draw(&PathElement::new(vec![(s, y), (e, y)], st))?;
                            s = e + off;
                        }
                    }
                }
            }
            Swatch::Marker { shape, color } => {
                let r = px(4.5).max(2);
                match shape {
                    Marker::Circle => area.draw(&Circle::new(
                        (mid, y),
                        r,
                        color.stroke_width(px(2.0) as u32),
                    ))?,
                    Marker::Dot => area.draw(&Circle::new((mid, y), r, color.filled()))?,
                    Marker::Triangle => {
                        area.draw(&TriangleMarker::new((mid, y), r + 1, color.filled()))?
                    }
                    Marker::Cross => {
                        area.draw(&Cross::new((mid, y), r, color.stroke_width(px(2.0) as u32)))?
                    }
                    Marker::Square => area.draw(&Rectangle::new(
                        [(mid - r, y - r), (mid + r, y + r)],
                        color.stroke_width(px(2.0) as u32),
                    ))?,
                }
            }
        }
        area.draw(&Text::new(
            e.label.clone(),
            (x1 + px(GAP), y),
            text.clone().pos(plotters::style::text_anchor::Pos::new(
                plotters::style::text_anchor::HPos::Left,
                plotters::style::text_anchor::VPos::Center,
            )),
        ))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE: ChartStyle = ChartStyle {
        scale: 1.0,
        dark: false,
    };

    #[test]
    fn entries_wrap_into_rows_and_reserve_their_height() {
        // 375 px wide: 3 entries of 100 px labels (swatch 22 + gap 5 + 100 = 127 each, spaced 14).
        let l = layout(&[100, 100, 100], 375, &ONE);
        assert_eq!(l.positions.len(), 3);
        assert_eq!(
            l.positions[0].1, l.positions[1].1,
            "two fit on the first row"
        );
        assert!(l.positions[2].1 > l.positions[1].1, "the third wraps");
        assert_eq!(l.height, 6 * 2 + 2 * 17);
        // Wide: one row.
        let wide = layout(&[100, 100, 100], 1000, &ONE);
        assert!(wide.positions.iter().all(|p| p.1 == wide.positions[0].1));
        assert!(wide.height < l.height);
        // An entry wider than the row still gets a row of its own, and nothing is lost.
        let long = layout(&[2000, 10], 300, &ONE);
        assert_eq!(long.positions.len(), 2);
        assert_ne!(long.positions[0].1, long.positions[1].1);
        assert_eq!(layout(&[], 300, &ONE), Layout::default());
        // Device pixels scale with the style.
        let two = layout(
            &[100],
            750,
            &ChartStyle {
                scale: 2.0,
                dark: false,
            },
        );
        assert_eq!(two.height, 2 * (6 * 2 + 17));
    }

    #[test]
    fn the_legend_area_sits_below_the_plot() {
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (375, 240)).into_drawing_area();
            let entries: Vec<Entry> = (0..9)
                .map(|i| Entry {
                    swatch: Swatch::Line {
                        color: RGBColor(0, 0, 0),
                        width: 2.0,
                        dash: crate::chart::dash::batch_dash(i % 3, 3),
                    },
                    label: format!("series {i}"),
                })
                .collect();
            let (plot, legend, lay) = split(&root, &entries, &ONE);
            let (pw, ph) = plot.dim_in_pixel();
            let (_, lh) = legend.dim_in_pixel();
            assert_eq!(pw, 375);
            assert_eq!(ph + lh, 240);
            assert!(lh >= 17 * 2, "needs at least two rows at 375 px: {lh}");
            assert!(legend.get_base_pixel().1 >= ph as i32);
            draw(&legend, &entries, &lay, &ONE).unwrap();
        }
        assert!(svg.contains("series 8"));
    }
}
