//! Log axes with 1-2-5 ticks, and the shades that tell batch sizes apart within one colour.

use std::ops::Range;

use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use plotters::style::RGBColor;

use crate::core::format::{fmt_number, fmt_sci};

/// A linear axis from `lo` to `hi` whose grid lines and labels sit exactly at `ticks` (the charts
/// pass log₁₀ values and 1-2-5 ticks to draw a log axis).
#[derive(Debug, Clone, PartialEq)]
pub struct TickedRange {
    lo: f64,
    hi: f64,
    ticks: Vec<f64>,
}

impl TickedRange {
    /// The axis lo…hi (a degenerate or non-finite range becomes 0…1) with `ticks` inside it.
    pub fn new(lo: f64, hi: f64, ticks: Vec<f64>) -> Self {
        let (lo, hi) = if lo.is_finite() && hi.is_finite() && hi > lo {
            (lo, hi)
        } else {
            (0.0, 1.0)
        };
        let ticks = ticks
            .into_iter()
            .filter(|t| *t >= lo - 1e-9 * (hi - lo) && *t <= hi + 1e-9 * (hi - lo))
            .collect();
        TickedRange { lo, hi, ticks }
    }
}

impl Ranged for TickedRange {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, v: &f64, limit: (i32, i32)) -> i32 {
        let t = (*v - self.lo) / (self.hi - self.lo);
        let px = f64::from(limit.0) + t * f64::from(limit.1 - limit.0);
        // Far-off points are clamped to a band around the plot, never wrapped.
        px.clamp(-1e6, 1e6).round() as i32
    }

    fn key_points<H: KeyPointHint>(&self, hint: H) -> Vec<f64> {
        if hint.max_num_points() == 0 {
            return Vec::new();
        }
        self.ticks.clone()
    }

    fn range(&self) -> Range<f64> {
        self.lo..self.hi
    }
}

/// The range [lo, hi] of the positive finite `values`, widened by `pad` (a factor ≥ 1) on each
/// side; (1, 10) when there is none. The upper end is at least 1.5 × the lower.
pub fn log_range(values: impl IntoIterator<Item = f64>, pad: f64) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::INFINITY, 0.0_f64);
    for v in values {
        if v.is_finite() && v > 0.0 {
            lo = lo.min(v);
            hi = hi.max(v);
        }
    }
    if !(lo.is_finite() && hi > 0.0) {
        return (1.0, 10.0);
    }
    let (lo, hi) = (lo / pad.max(1.0), hi * pad.max(1.0));
    (lo, hi.max(lo * 1.5))
}

/// Tick values m·10ᵏ in [lo, hi]: m ∈ {1, 2, 5} when the range spans at most three decades, only
/// m = 1 (and every other decade past eight) when wider, so labels never crowd.
pub fn ticks_125(lo: f64, hi: f64) -> Vec<f64> {
    if !(lo > 0.0 && hi > lo && lo.is_finite() && hi.is_finite()) {
        return Vec::new();
    }
    let (k0, k1) = (lo.log10().floor() as i32, hi.log10().ceil() as i32);
    let span = k1 - k0;
    let mants: &[f64] = if span <= 3 { &[1.0, 2.0, 5.0] } else { &[1.0] };
    let step = if span > 8 { 2 } else { 1 };
    let mut out = Vec::new();
    for k in (k0..=k1).step_by(step) {
        for &m in mants {
            let v = m * 10f64.powi(k);
            if v >= lo * (1.0 - 1e-9) && v <= hi * (1.0 + 1e-9) {
                out.push(v);
            }
        }
    }
    out
}

/// About `n` evenly spaced ticks 0, s, 2s, … ≤ hi with s a 1-2-5 multiple of a power of ten.
pub fn linear_ticks(hi: f64, n: usize) -> Vec<f64> {
    if !(hi > 0.0 && hi.is_finite()) {
        return vec![0.0];
    }
    let raw = hi / n.max(1) as f64;
    let p = 10f64.powi(raw.log10().floor() as i32);
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * p)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * p);
    let count = (hi / step).floor() as usize;
    (0..=count.min(100)).map(|i| i as f64 * step).collect()
}

/// A tick label: plain from 10⁻³ to 10⁵, scientific outside.
pub fn tick_label(v: f64) -> String {
    if v != 0.0 && !(1e-3..1e5).contains(&v.abs()) {
        fmt_sci(v)
    } else {
        fmt_number(v)
    }
}

/// `c` mixed towards `bg`: `t` = 1 keeps `c`, `t` = 0 gives `bg`.
pub fn shade(c: RGBColor, bg: RGBColor, t: f64) -> RGBColor {
    let t = t.clamp(0.0, 1.0);
    let mix = |a: u8, b: u8| (f64::from(a) * t + f64::from(b) * (1.0 - t)).round() as u8;
    RGBColor(mix(c.0, bg.0), mix(c.1, bg.1), mix(c.2, bg.2))
}

/// The shade strength of the `i`-th of `n` batch sizes (smallest lightest): 0.4 … 1.
pub fn batch_shade(i: usize, n: usize) -> f64 {
    if n <= 1 {
        1.0
    } else {
        0.4 + 0.6 * i as f64 / (n - 1) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_and_ranges() {
        assert_eq!(ticks_125(0.9, 60.0), vec![1.0, 2.0, 5.0, 10.0, 20.0, 50.0]);
        assert_eq!(
            ticks_125(1e-4, 10.0),
            vec![1e-4, 1e-3, 1e-2, 1e-1, 1.0, 10.0]
        );
        assert!(ticks_125(1e-12, 1e12).len() <= 13);
        assert!(ticks_125(0.0, 1.0).is_empty() && ticks_125(2.0, 1.0).is_empty());
        assert_eq!(log_range([f64::NAN, -1.0], 2.0), (1.0, 10.0));
        let (lo, hi) = log_range([0.5, 4.0, f64::INFINITY], 2.0);
        assert!((lo - 0.25).abs() < 1e-15 && (hi - 8.0).abs() < 1e-15);
        assert_eq!(log_range([3.0], 1.0), (3.0, 4.5));
        let r = TickedRange::new(0.0, 2.0, vec![-1.0, 0.0, 1.0, 2.0, 3.0]);
        assert_eq!(r.key_points(10usize), vec![0.0, 1.0, 2.0]);
        assert_eq!(r.map(&1.0, (0, 100)), 50);
        assert_eq!(r.map(&f64::NAN, (0, 100)), 0);
        assert_eq!(TickedRange::new(1.0, f64::NAN, vec![]).range(), 0.0..1.0);
        assert_eq!(
            linear_ticks(800.0, 6),
            vec![0.0, 200.0, 400.0, 600.0, 800.0]
        );
        assert_eq!(linear_ticks(f64::NAN, 6), vec![0.0]);
        assert_eq!(tick_label(1e-5), "1e−5");
        assert_eq!(tick_label(200.0), "200");
        let (c, bg) = (RGBColor(0, 100, 200), RGBColor(255, 255, 255));
        assert_eq!(shade(c, bg, 1.0), c);
        assert_eq!(shade(c, bg, 0.0), bg);
        assert_eq!(batch_shade(0, 3), 0.4);
        assert_eq!(batch_shade(2, 3), 1.0);
    }
}
