//! Line styles that tell series apart without relying on colour: a chart gives each optimizer
//! its palette colour and each batch size a [`Dash`] pattern ([`batch_dash`]), so nine curves of
//! three optimizers at three batch sizes stay distinguishable in print, in grey scale and for
//! readers who cannot tell the shades of one colour apart.

use plotters::prelude::*;

use crate::chart::axis::Chart;

/// A stroke pattern, in CSS pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Dash {
    /// A continuous line.
    Solid,
    /// Dashes of `on` pixels separated by gaps of `off` pixels.
    Dashed {
        /// Dash length.
        on: f64,
        /// Gap length.
        off: f64,
    },
}

/// The patterns handed out to batch sizes, largest batch first: solid, long dash, short dash,
/// dots, then longer and sparser variants.
const PATTERNS: [Dash; 8] = [
    Dash::Solid,
    Dash::Dashed { on: 10.0, off: 4.0 },
    Dash::Dashed { on: 5.0, off: 3.0 },
    Dash::Dashed { on: 2.0, off: 3.0 },
    Dash::Dashed { on: 16.0, off: 5.0 },
    Dash::Dashed { on: 7.0, off: 7.0 },
    Dash::Dashed { on: 3.0, off: 7.0 },
    Dash::Dashed { on: 1.0, off: 6.0 },
];

/// The pattern of the `i`-th smallest of `n` batch sizes: the largest is solid, the smaller
/// ones dashed ever more finely.
pub fn batch_dash(i: usize, n: usize) -> Dash {
    let from_largest = n.saturating_sub(1).saturating_sub(i);
    PATTERNS
        .get(from_largest % PATTERNS.len())
        .copied()
        .unwrap_or(Dash::Solid)
}

/// Draws the polyline `pts` (data coordinates) on `chart` with `dash`, in `style` (the stroke
/// width already in device pixels), `scale` device pixels per CSS pixel.
pub fn draw_line<DB: DrawingBackend>(
    chart: &mut Chart<'_, DB>,
    pts: Vec<(f64, f64)>,
    dash: Dash,
    style: ShapeStyle,
    scale: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let px = |v: f64| (v * scale).round().max(1.0) as u32;
    match dash {
        Dash::Solid => {
            chart.draw_series(LineSeries::new(pts, style))?;
        }
        Dash::Dashed { on, off } => {
            chart.draw_series(DashedLineSeries::new(pts, px(on), px(off), style))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn largest_batch_is_solid_and_patterns_differ() {
        assert_eq!(batch_dash(2, 3), Dash::Solid);
        assert_ne!(batch_dash(0, 3), batch_dash(1, 3));
        assert_eq!(batch_dash(0, 1), Dash::Solid);
        let all: Vec<Dash> = (0..8).map(|i| batch_dash(i, 8)).collect();
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }
}
