//! Log-scale axes: 1-2-5 ticks per decade (thinned when the range spans many decades) and short
//! tick labels such as `8`, `1k`, `8.2k`, `1e−5`.

use plotters::coord::combinators::WithKeyPoints;
use plotters::prelude::*;

use crate::core::format::{fmt_number, fmt_sci};

/// Most ticks on one log axis.
pub const MAX_TICKS: usize = 10;

/// Tick positions on a log axis over [`lo`, `hi`]: 1, 2 and 5 times each power of ten when
/// that gives at most `max` ticks; else the powers of ten, every k-th decade so that at most
/// `max` remain. Empty unless 0 < lo < hi < ∞.
pub fn log_ticks(lo: f64, hi: f64, max: usize) -> Vec<f64> {
    if !(lo > 0.0 && hi > lo && hi.is_finite()) {
        return Vec::new();
    }
    let max = max.max(2);
    let first = lo.log10().floor() as i32;
    let last = hi.log10().ceil() as i32;
    let inside = |x: f64| x >= lo * (1.0 - 1e-9) && x <= hi * (1.0 + 1e-9);
    for mantissas in [&[1.0, 2.0, 5.0][..], &[1.0, 3.0][..]] {
        let ticks: Vec<f64> = (first..=last)
            .flat_map(|e| mantissas.iter().map(move |m| m * 10f64.powi(e)))
            .filter(|&x| inside(x))
            .collect();
        if ticks.len() <= max && ticks.len() >= 2 {
            return ticks;
        }
    }
    let decades: Vec<i32> = (first..=last).filter(|&e| inside(10f64.powi(e))).collect();
    let step = decades.len().div_ceil(max).max(1);
    let ticks: Vec<f64> = decades
        .iter()
        .step_by(step)
        .map(|&e| 10f64.powi(e))
        .collect();
    if ticks.len() >= 2 {
        ticks
    } else {
        // Less than a decade with no 1-2-5 or 1-3 mark inside: label both ends.
        vec![lo, hi]
    }
}

/// A log axis over [`lo`, `hi`] with at most `max` [`log_ticks`]. `lo` and `hi` are made
/// valid (positive, ordered, finite) first.
pub fn log_axis(lo: f64, hi: f64, max: usize) -> WithKeyPoints<LogCoord<f64>> {
    let (lo, hi) = log_range(lo, hi);
    (lo..hi).log_scale().with_key_points(log_ticks(lo, hi, max))
}

/// How many ticks fit along `px` device pixels when each label needs `css_per_tick` CSS
/// pixels: between 3 and [`MAX_TICKS`].
pub fn tick_budget(px: u32, scale: f64, css_per_tick: f64) -> usize {
    let css = f64::from(px) / scale.max(0.1);
    ((css / css_per_tick.max(1.0)) as usize).clamp(3, MAX_TICKS)
}

/// A usable log range from any two numbers: positive, finite, and `hi > lo` (a single value
/// is widened to a factor of 2 each way).
pub fn log_range(lo: f64, hi: f64) -> (f64, f64) {
    let ok = |x: f64| x > 0.0 && x.is_finite();
    let (lo, hi) = match (ok(lo), ok(hi)) {
        (true, true) => (lo.min(hi), lo.max(hi)),
        (true, false) => (lo, lo),
        (false, true) => (hi, hi),
        (false, false) => (1.0, 10.0),
    };
    let (lo, hi) = (lo.max(1e-300), hi.min(1e300));
    if hi > lo * (1.0 + 1e-9) {
        (lo, hi)
    } else {
        (lo / 2.0, hi * 2.0)
    }
}

/// A short tick label: `8`, `0.5`, `1k`, `8.19k`, `1M`, `1e−5`.
pub fn tick_label(x: f64) -> String {
    let a = x.abs();
    if (1e3..1e15).contains(&a) {
        for (scale, suffix) in [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")] {
            if a >= scale {
                let v = x / scale;
                let v = (v * 100.0).round() / 100.0;
                return format!("{}{suffix}", fmt_number(v));
            }
        }
    }
    if a != 0.0 && !(1e-2..1e15).contains(&a) {
        return fmt_sci(x);
    }
    fmt_number(x)
}

/// A tick label for a loss axis: like [`tick_label`] but in scientific notation from 10⁴ up
/// (`1e6`, not `1M`: a loss is not a count).
pub fn loss_tick_label(x: f64) -> String {
    if x.abs() >= 1e4 && x.is_finite() {
        fmt_sci(x)
    } else {
        tick_label(x)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_two_five_ticks() {
        assert_eq!(
            log_ticks(8.0, 8192.0, MAX_TICKS),
            vec![
                10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0, 2000.0, 5000.0
            ]
        );
        // Five decades: 1-2-5 gives 16 ticks, 1-3 gives 11, so powers of ten.
        assert_eq!(
            log_ticks(1.0, 1e5, MAX_TICKS),
            vec![1.0, 10.0, 100.0, 1e3, 1e4, 1e5]
        );
        // Thirty decades: every 4th power of ten.
        let t = log_ticks(1e-15, 1e15, MAX_TICKS);
        assert!(t.len() <= MAX_TICKS && t.len() >= 2);
        // Less than a decade without a mark.
        assert_eq!(log_ticks(1.1, 1.9, MAX_TICKS), vec![1.1, 1.9]);
        assert!(log_ticks(0.0, 1.0, 5).is_empty());
        assert!(log_ticks(f64::NAN, 1.0, 5).is_empty());
    }

    #[test]
    fn budgets() {
        // A phone-width chart (300 CSS px) gets 6 ticks on 8 … 8192: 1-3 marks, not 1-2-5.
        assert_eq!(tick_budget(600, 2.0, 48.0), 6);
        assert_eq!(
            log_ticks(8.0, 8192.0, tick_budget(600, 2.0, 48.0)),
            vec![10.0, 30.0, 100.0, 300.0, 1000.0, 3000.0]
        );
        assert_eq!(tick_budget(10_000, 1.0, 48.0), MAX_TICKS);
        assert_eq!(tick_budget(0, 0.0, 0.0), 3);
    }

    #[test]
    fn ranges_and_labels() {
        assert_eq!(log_range(5.0, 5.0), (2.5, 10.0));
        assert_eq!(log_range(-1.0, f64::NAN), (1.0, 10.0));
        assert_eq!(log_range(100.0, 1.0), (1.0, 100.0));
        assert_eq!(tick_label(8.0), "8");
        assert_eq!(tick_label(1000.0), "1k");
        assert_eq!(tick_label(8192.0), "8.19k");
        assert_eq!(tick_label(2e6), "2M");
        assert_eq!(tick_label(1e-5), "1e−5");
        assert_eq!(tick_label(0.5), "0.5");
        assert_eq!(loss_tick_label(1e6), "1e6");
        assert_eq!(loss_tick_label(100.0), "100");
    }
}
