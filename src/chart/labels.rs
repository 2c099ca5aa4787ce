//! Text labels next to points (a critical batch, a divergence) placed so that they do not
//! overlap one another nor leave the plot: each label tries a few spots around its point, then
//! steps away vertically; a label that finds no free spot is left out (its point stays marked,
//! and the chart's data table has the value). Labels with the same text at nearby points are
//! merged first, with the number of points after a ×.

use plotters::coord::Shift;
use plotters::prelude::*;

/// A rectangle in device pixels: left, top, right, bottom.
pub type Rect = (i32, i32, i32, i32);

fn overlaps(a: Rect, b: Rect) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// One label to place: the point it belongs to and its text's size, in device pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct Wanted {
    /// The point.
    pub at: (i32, i32),
    /// Text width.
    pub w: i32,
    /// Text height.
    pub h: i32,
}

/// The top-left corner of each label inside `bounds`, none overlapping another or any of
/// `avoid`, or `None` where no spot was free. `gap` is the distance kept from the point.
pub fn place(wanted: &[Wanted], bounds: Rect, avoid: &[Rect], gap: i32) -> Vec<Option<(i32, i32)>> {
    let mut taken: Vec<Rect> = avoid.to_vec();
    wanted
        .iter()
        .map(|l| {
            let (x, y) = l.at;
            let (w, h) = (l.w.max(1), l.h.max(1));
            let mut spots = vec![
                (x + gap, y - gap - h),
                (x + gap, y + gap),
                (x - gap - w, y - gap - h),
                (x - gap - w, y + gap),
            ];
            for k in 1..=6 {
                let dy = k * (h + 2);
                spots.push((x + gap, y - gap - h - dy));
                spots.push((x + gap, y + gap + dy));
                spots.push((x - gap - w, y - gap - h - dy));
                spots.push((x - gap - w, y + gap + dy));
            }
            let inside =
                |r: Rect| r.0 >= bounds.0 && r.1 >= bounds.1 && r.2 <= bounds.2 && r.3 <= bounds.3;
            let found = spots.into_iter().find(|&(sx, sy)| {
                let r = (sx, sy, sx + w, sy + h);
                inside(r) && !taken.iter().any(|t| overlaps(*t, r))
            });
            if let Some((sx, sy)) = found {
                taken.push((sx, sy, sx + w, sy + h));
            }
            found
        })
        .collect()
}

/// Merges labels with the same text whose points lie within `near` device pixels of the first
/// such point: returns (text, point, count) with the first point of each group.
pub fn merge(labels: &[(String, (i32, i32))], near: i32) -> Vec<(String, (i32, i32), usize)> {
    let mut out: Vec<(String, (i32, i32), usize)> = Vec::new();
    for (text, at) in labels {
        match out
            .iter_mut()
            .find(|(t, p, _)| t == text && (p.0 - at.0).abs() <= near && (p.1 - at.1).abs() <= near)
        {
            Some(group) => group.2 += 1,
            None => out.push((text.clone(), *at, 1)),
        }
    }
    out
}

/// The text of a merged label: `text` alone, or `text (×n)`.
pub fn merged_text(text: &str, count: usize) -> String {
    if count > 1 {
        format!("{text} (×{count})")
    } else {
        text.to_string()
    }
}

/// Draws `items` (text, point in absolute device pixels) on `area` in `font`: equal texts at
/// nearby points merged ([`merge`]), then placed without overlaps inside `bounds` ([`place`]).
pub fn draw_point_labels<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    items: &[(String, (i32, i32))],
    bounds: Rect,
    font: &TextStyle<'_>,
    gap: i32,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let merged = merge(items, 3 * gap.max(1));
    let texts: Vec<String> = merged.iter().map(|(t, _, n)| merged_text(t, *n)).collect();
    let wanted: Vec<Wanted> = merged
        .iter()
        .zip(&texts)
        .map(|((_, at, _), text)| {
            let (w, h) = area
                .estimate_text_size(text, font)
                .unwrap_or((text.chars().count() as u32 * 7, 12));
            Wanted {
                at: *at,
                w: w as i32,
                h: h as i32,
            }
        })
        .collect();
    let spots = place(&wanted, bounds, &[], gap);
    let base = area.get_base_pixel();
    for (text, spot) in texts.into_iter().zip(spots) {
        if let Some((x, y)) = spot {
            area.draw(&Text::new(text, (x - base.0, y - base.1), font.clone()))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_at_the_same_point_do_not_overlap() {
        let wanted = vec![
            Wanted {
                at: (100, 100),
                w: 80,
                h: 12,
            };
            4
        ];
        let spots = place(&wanted, (0, 0, 400, 300), &[], 4);
        let rects: Vec<Rect> = spots
            .iter()
            .map(|s| {
                let (x, y) = s.expect("room for all four");
                (x, y, x + 80, y + 12)
            })
            .collect();
        for (i, a) in rects.iter().enumerate() {
            assert!(a.0 >= 0 && a.2 <= 400 && a.1 >= 0 && a.3 <= 300);
            for b in &rects[i + 1..] {
                assert!(!overlaps(*a, *b), "{a:?} {b:?}");
            }
        }
        // No room at all: left out rather than drawn over another.
        let tiny = place(&wanted, (90, 90, 110, 110), &[], 4);
        assert!(tiny.iter().all(Option::is_none));
        // An area to avoid is avoided.
        let one = place(&wanted[..1], (0, 0, 400, 300), &[(104, 84, 184, 96)], 4);
        let (x, y) = one[0].unwrap();
        assert!(!overlaps((x, y, x + 80, y + 12), (104, 84, 184, 96)));
    }

    #[test]
    fn equal_labels_at_one_spot_merge() {
        let six: Vec<(String, (i32, i32))> = (0..6)
            .map(|i| ("diverged at 2".to_string(), (50 + i, 20)))
            .chain(std::iter::once(("diverged at 3".to_string(), (52, 20))))
            .collect();
        let m = merge(&six, 8);
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].2, 6);
        assert_eq!(merged_text(&m[0].0, m[0].2), "diverged at 2 (×6)");
        assert_eq!(merged_text("x", 1), "x");
    }
}
