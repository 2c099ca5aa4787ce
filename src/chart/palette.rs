//! Chart colours: the Okabe–Ito colour-blind-safe palette (Okabe & Ito 2008, "Color Universal
//! Design"), with a variant per theme so every series keeps AA-level contrast on its background.

use plotters::style::RGBColor;

/// Colours for one theme.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Palette {
    /// Plot background.
    pub background: RGBColor,
    /// Text and axes.
    pub text: RGBColor,
    /// Major grid lines.
    pub grid: RGBColor,
    /// Minor grid lines and reference marks.
    pub grid_light: RGBColor,
    /// Series colours in order: the same index means the same thing (e.g. the same optimizer) in
    /// every chart.
    pub series: [RGBColor; 7],
}

impl Palette {
    /// The palette for the light or dark theme.
    pub fn for_theme(dark: bool) -> Palette {
        if dark {
            Palette {
                background: RGBColor(0x16, 0x1b, 0x22),
                text: RGBColor(0xe6, 0xe9, 0xee),
                grid: RGBColor(0x3a, 0x42, 0x4d),
                grid_light: RGBColor(0x26, 0x2d, 0x36),
                // Okabe–Ito, lightened where the original is too dark on a dark background.
                series: [
                    RGBColor(0x56, 0xb4, 0xe9), // sky blue
                    RGBColor(0xe6, 0x9f, 0x00), // orange
                    RGBColor(0x2e, 0xc4, 0x9a), // bluish green (lighter)
                    RGBColor(0xf0, 0xe4, 0x42), // yellow
                    RGBColor(0xff, 0x7f, 0x50), // vermillion (lighter)
                    RGBColor(0xe0, 0x9a, 0xc4), // reddish purple (lighter)
                    RGBColor(0xc8, 0xcc, 0xd2), // grey
                ],
            }
        } else {
            Palette {
                background: RGBColor(0xff, 0xff, 0xff),
                text: RGBColor(0x1f, 0x23, 0x28),
                grid: RGBColor(0xd0, 0xd5, 0xdb),
                grid_light: RGBColor(0xec, 0xee, 0xf1),
                series: [
                    RGBColor(0x00, 0x72, 0xb2), // blue
                    RGBColor(0xb8, 0x6e, 0x00), // orange (darkened for contrast on white)
                    RGBColor(0x00, 0x85, 0x60), // bluish green (darkened)
                    RGBColor(0x8a, 0x7a, 0x00), // yellow (darkened to olive)
                    RGBColor(0xd5, 0x5e, 0x00), // vermillion
                    RGBColor(0xa8, 0x4a, 0x86), // reddish purple (darkened)
                    RGBColor(0x55, 0x5b, 0x63), // grey
                ],
            }
        }
    }
}

/// `c` mixed towards `bg`: `t` = 1 keeps `c`, `t` = 0 gives `bg`.
pub fn shade(c: RGBColor, bg: RGBColor, t: f64) -> RGBColor {
    let t = t.clamp(0.0, 1.0);
    let mix = |a: u8, b: u8| (f64::from(a) * t + f64::from(b) * (1.0 - t)).round() as u8;
    RGBColor(mix(c.0, bg.0), mix(c.1, bg.1), mix(c.2, bg.2))
}

/// The shade strength of the `i`-th of `n` batch sizes (smallest lightest): 0.6 … 1. Shades
/// alone are hard to tell apart, so charts also give each batch size a line pattern
/// ([`crate::chart::dash::batch_dash`]); the shade stays dark enough to read.
pub fn batch_shade(i: usize, n: usize) -> f64 {
    if n <= 1 {
        1.0
    } else {
        0.6 + 0.4 * i as f64 / (n - 1) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shades() {
        let (c, bg) = (RGBColor(0, 100, 200), RGBColor(255, 255, 255));
        assert_eq!(shade(c, bg, 1.0), c);
        assert_eq!(shade(c, bg, 0.0), bg);
        assert_eq!(batch_shade(0, 3), 0.6);
        assert_eq!(batch_shade(2, 3), 1.0);
        assert_eq!(batch_shade(0, 1), 1.0);
    }
}
