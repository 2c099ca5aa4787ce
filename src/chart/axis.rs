//! The one axis type every chart uses, so plotters' generic chart pipeline (`ChartBuilder`,
//! `ChartContext`, `MeshStyle`, `draw_series` …) is compiled once for `Cartesian2d<Axis, Axis>`
//! instead of once per combination of linear, log and ticked axes. Plus the tick choices and
//! tick labels the charts share, and the common axes-and-grid style ([`mesh`]).

use std::ops::Range;

use plotters::coord::cartesian::Cartesian2d;
use plotters::coord::ranged1d::{BoldPoints, DefaultFormatting, KeyPointHint, Ranged};
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

use super::frame::{PlotFrame, Scale};
use super::{AxisLabels, ChartStyle};
use crate::core::format::{fmt_fixed, fmt_number, fmt_sci};

/// Most ticks on one log axis.
pub const MAX_TICKS: usize = 10;

/// A chart whose both axes are [`Axis`].
pub type Chart<'a, DB> = ChartContext<'a, DB, Cartesian2d<Axis, Axis>>;

/// An axis from `lo` to `hi`, linear or logarithmic, in the data's own units.
///
/// Grid lines and labels sit at fixed `ticks` when given; a linear axis without them takes
/// plotters' own 1-2-5 key points for the number of labels the mesh asks for
/// (`plotters::coord::ranged1d::types::numeric`, `compute_f64_key_points`). Fixed ticks are bold
/// points only (no light grid lines), as `WithKeyPoints` without light points draws them.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    lo: f64,
    hi: f64,
    log: bool,
    /// `lo` and `hi` where the mapping is linear: themselves, or their natural logarithms.
    a: f64,
    b: f64,
    ticks: Option<Vec<f64>>,
    /// Whether key points must be whole numbers (a count of steps).
    whole: bool,
}

impl Axis {
    /// A linear axis with plotters' 1-2-5 ticks. A non-finite or reversed range becomes 0…1; a
    /// single value is widened by half its size (at least 0.5) each way.
    pub fn linear(lo: f64, hi: f64) -> Axis {
        let (lo, hi) = linear_range(lo, hi);
        Axis {
            lo,
            hi,
            log: false,
            a: lo,
            b: hi,
            ticks: None,
            whole: false,
        }
    }

    /// A linear axis of whole numbers (steps): plotters' 1-2-5 key points when they are whole,
    /// else the largest such set that is, so that a run of two steps is labelled 0, 1, 2 and
    /// not 0, 0.5, 1, 1.5, 2 (which read "0 1 1 2 2" once rounded).
    pub fn whole(lo: f64, hi: f64) -> Axis {
        Axis {
            whole: true,
            ..Axis::linear(lo, hi)
        }
    }

    /// A linear axis whose grid lines and labels sit exactly at `ticks` (those outside the range
    /// are dropped). The simulator's charts pass log₁₀ values and [`ticks_125`] to draw a log axis.
    pub fn ticked(lo: f64, hi: f64, ticks: Vec<f64>) -> Axis {
        let mut axis = Axis::linear(lo, hi);
        let (lo, hi) = (axis.lo, axis.hi);
        let tol = 1e-9 * (hi - lo);
        axis.ticks = Some(
            ticks
                .into_iter()
                .filter(|t| *t >= lo - tol && *t <= hi + tol)
                .collect(),
        );
        axis
    }

    /// A log axis over [`lo`, `hi`] (made valid by [`log_range`]) with at most `max`
    /// [`log_ticks`].
    pub fn log(lo: f64, hi: f64, max: usize) -> Axis {
        let (lo, hi) = log_range(lo, hi);
        Axis {
            lo,
            hi,
            log: true,
            a: lo.ln(),
            b: hi.ln(),
            ticks: Some(log_ticks(lo, hi, max)),
            whole: false,
        }
    }

    /// A linear axis carrying log₁₀ of data from `lo` to `hi` (both positive), with grid lines
    /// at the data's 1-2-5 values ([`ticks_125`]); its tick labels come from [`pow10_label`].
    /// The simulator's charts draw their log axes so.
    pub fn log10(lo: f64, hi: f64) -> Axis {
        Axis::ticked(
            lo.log10(),
            hi.log10(),
            ticks_125(lo, hi).iter().map(|v| v.log10()).collect(),
        )
    }

    /// Whether the axis is logarithmic.
    pub fn is_log(&self) -> bool {
        self.log
    }

    /// The axis as the read-out sees it, in data units; `log10_values` for an axis that carries
    /// log₁₀ of the data (the Simulator charts), which is a log scale of the data itself.
    pub fn scale(&self, log10_values: bool) -> Scale {
        if log10_values {
            Scale::log(10f64.powf(self.lo), 10f64.powf(self.hi))
        } else if self.log {
            Scale::log(self.lo, self.hi)
        } else {
            Scale::linear(self.lo, self.hi)
        }
    }
}

/// Where `chart`'s plot area is and what its axes span (titled `labels`), for the hover
/// read-out; `log10_values` says which axes (x, y) carry log₁₀ of the data.
pub fn frame_of<DB: DrawingBackend>(
    chart: &Chart<'_, DB>,
    labels: &AxisLabels<'_>,
    log10_values: (bool, bool),
) -> PlotFrame {
    let spec = chart.as_coord_spec();
    PlotFrame::new(
        chart.plotting_area().get_pixel_range(),
        spec.x_spec().scale(log10_values.0),
        spec.y_spec().scale(log10_values.1),
        labels,
    )
}

/// `lo`…`hi` when finite and increasing; else a usable range (see [`Axis::linear`]).
fn linear_range(lo: f64, hi: f64) -> (f64, f64) {
    if lo.is_finite() && hi.is_finite() {
        if hi > lo {
            return (lo, hi);
        }
        if hi == lo {
            let d = (lo.abs() * 0.5).max(0.5);
            return (lo - d, lo + d);
        }
    }
    (0.0, 1.0)
}

impl Ranged for Axis {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    /// As plotters' `RangedCoordf64::map` (of `ln v` on a log axis, as its `LogCoord` does), but
    /// far-off and infinite points are clamped to a band around the plot, never wrapped.
    fn map(&self, v: &f64, limit: (i32, i32)) -> i32 {
        let x = if self.log { v.ln() } else { *v };
        let t = (x - self.a) / (self.b - self.a);
        let len = f64::from(limit.1 - limit.0);
        let px = (len * t).clamp(-1e6, 1e6);
        let px = if len >= 0.0 {
            (px + 1e-3).floor()
        } else {
            (px - 1e-3).ceil()
        };
        // NaN becomes 0 here, as in plotters.
        limit.0 + px as i32
    }

    fn key_points<H: KeyPointHint>(&self, hint: H) -> Vec<f64> {
        let n = hint.max_num_points();
        match &self.ticks {
            _ if n == 0 => Vec::new(),
            Some(_) if hint.weight().allow_light_points() => Vec::new(),
            Some(ticks) => ticks.clone(),
            None if self.whole => whole_key_points(self.lo, self.hi, n),
            None => RangedCoordf64::from(self.lo..self.hi).key_points(n),
        }
    }

    fn range(&self) -> Range<f64> {
        self.lo..self.hi
    }
}

/// At most `n` whole-number key points in [`lo`, `hi`]: plotters' own for the largest count
/// up to `n` whose points are all whole, else every whole number inside (when at most `n`),
/// else plotters' own.
fn whole_key_points(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    let plotters = RangedCoordf64::from(lo..hi);
    for m in (1..=n).rev() {
        let points = plotters.key_points(m);
        if points.len() >= 2 && points.iter().all(|p| p.fract() == 0.0) {
            return points;
        }
    }
    let (first, last) = (lo.ceil(), hi.floor());
    if last >= first && last - first < n as f64 {
        let count = (last - first) as usize;
        return (0..=count).map(|i| first + i as f64).collect();
    }
    plotters.key_points(n)
}

/// `fmt` when it gives each of `ticks` a label of its own; else plain decimals, or failing
/// those scientific notation, with just enough digits that no two labels read the same (a
/// label formatter sees one value at a time, so two ticks closer than its precision would
/// otherwise share a label).
pub fn distinct_labeller<'a>(
    ticks: &[f64],
    fmt: &'a dyn Fn(&f64) -> String,
) -> Box<dyn Fn(&f64) -> String + 'a> {
    let mut values: Vec<f64> = ticks.iter().copied().filter(|t| t.is_finite()).collect();
    values.sort_by(f64::total_cmp);
    values.dedup();
    let distinct = |f: &dyn Fn(&f64) -> String| {
        let mut labels: Vec<String> = values.iter().map(f).collect();
        labels.sort();
        labels.windows(2).all(|w| w[0] != w[1])
    };
    if distinct(fmt) {
        return Box::new(fmt);
    }
    if values.iter().all(|v| v.abs() < 1e15) {
        for decimals in 0..=12 {
            let f = move |x: &f64| fmt_fixed(*x, decimals);
            if distinct(&f) {
                return Box::new(f);
            }
        }
    }
    for digits in 0..=16 {
        let f = move |x: &f64| sci_digits(*x, digits);
        if distinct(&f) {
            return Box::new(f);
        }
    }
    Box::new(fmt)
}

/// `x` in scientific notation with `digits` after the mantissa's point (trailing zeros
/// dropped) and `−` for minus: `sci_digits(1.25e-21, 2)` → `1.25e−21`.
fn sci_digits(x: f64, digits: usize) -> String {
    let s = format!("{x:.digits$e}");
    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
    let m = if m.contains('.') {
        m.trim_end_matches('0').trim_end_matches('.')
    } else {
        m
    };
    format!("{m}e{e}").replace('-', "−")
}

/// Tick positions on a log axis over [`lo`, `hi`]: 1, 2 and 5 times each power of ten when
/// that gives at most `max` ticks; else 1 and 3; else the powers of ten, every k-th decade so
/// that at most `max` remain. Empty unless 0 < lo < hi < ∞.
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

/// The range [lo, hi] of the positive finite `values`, widened by `pad` (a factor ≥ 1) on each
/// side; (1, 10) when there is none. The upper end is at least 1.5 × the lower.
pub fn log_extent(values: impl IntoIterator<Item = f64>, pad: f64) -> (f64, f64) {
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

/// The tick label of `v` on an [`Axis::log10`]: the data value 10^`v` as [`plain_tick_label`]
/// writes it.
pub fn pow10_label(v: &f64) -> String {
    plain_tick_label(10f64.powf(*v))
}

/// A tick label without unit suffixes: plain from 10⁻³ to 10⁵, scientific outside (the
/// simulator's axes).
pub fn plain_tick_label(v: f64) -> String {
    if v != 0.0 && !(1e-3..1e5).contains(&v.abs()) {
        fmt_sci(v)
    } else {
        fmt_number(v)
    }
}

/// The font of tick labels, axis titles and annotations.
pub(crate) fn label_font(style: &ChartStyle) -> TextStyle<'static> {
    ("sans-serif", style.font(12.0))
        .into_font()
        .color(&style.palette().text)
}

/// Labels on the x axis that [`mesh`] asks for (at most).
const X_LABELS: usize = 7;
/// Labels on the y axis that [`mesh`] asks for (at most).
const Y_LABELS: usize = 6;

/// Draws axes, grid and labels in the common style of the Batch & LR and Simulator charts.
/// Tick labels are made distinct with [`distinct_labeller`].
pub(crate) fn mesh<DB: DrawingBackend>(
    chart: &mut Chart<'_, DB>,
    labels: &AxisLabels<'_>,
    style: &ChartStyle,
    x_fmt: &dyn Fn(&f64) -> String,
    y_fmt: &dyn Fn(&f64) -> String,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let pal = style.palette();
    let font = label_font(style);
    let spec = chart.as_coord_spec();
    let x_fmt = distinct_labeller(&spec.x_spec().key_points(BoldPoints(X_LABELS)), x_fmt);
    let y_fmt = distinct_labeller(&spec.y_spec().key_points(BoldPoints(Y_LABELS)), y_fmt);
    chart
        .configure_mesh()
        .x_desc(labels.x)
        .y_desc(labels.y)
        .axis_desc_style(font.clone())
        .label_style(font)
        .axis_style(pal.text.stroke_width(style.px(1.0)))
        .bold_line_style(pal.grid.stroke_width(style.px(1.0)))
        .light_line_style(pal.grid_light.stroke_width(style.px(1.0)))
        .max_light_lines(1)
        .x_labels(X_LABELS)
        .y_labels(Y_LABELS)
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&y_fmt)
        .draw()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log10_axes_carry_exponents_and_label_the_data() {
        let axis = Axis::log10(10.0, 1000.0);
        assert_eq!(axis.range(), 1.0..3.0);
        let ticks: Vec<f64> = ticks_125(10.0, 1000.0).iter().map(|v| v.log10()).collect();
        assert_eq!(axis.key_points(BoldPoints(MAX_TICKS)), ticks);
        assert_eq!(pow10_label(&2.0), "100");
        assert_eq!(pow10_label(&-4.0), plain_tick_label(1e-4));
    }

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
        assert_eq!(plain_tick_label(1e-5), "1e−5");
        assert_eq!(plain_tick_label(200.0), "200");
        assert_eq!(plain_tick_label(2e6), "2e6");
    }

    #[test]
    fn simulator_ticks_and_extents() {
        assert_eq!(ticks_125(0.9, 60.0), vec![1.0, 2.0, 5.0, 10.0, 20.0, 50.0]);
        assert_eq!(
            ticks_125(1e-4, 10.0),
            vec![1e-4, 1e-3, 1e-2, 1e-1, 1.0, 10.0]
        );
        assert!(ticks_125(1e-12, 1e12).len() <= 13);
        assert!(ticks_125(0.0, 1.0).is_empty() && ticks_125(2.0, 1.0).is_empty());
        assert_eq!(log_extent([f64::NAN, -1.0], 2.0), (1.0, 10.0));
        let (lo, hi) = log_extent([0.5, 4.0, f64::INFINITY], 2.0);
        assert!((lo - 0.25).abs() < 1e-15 && (hi - 8.0).abs() < 1e-15);
        assert_eq!(log_extent([3.0], 1.0), (3.0, 4.5));
        assert_eq!(
            linear_ticks(800.0, 6),
            vec![0.0, 200.0, 400.0, 600.0, 800.0]
        );
        assert_eq!(linear_ticks(f64::NAN, 6), vec![0.0]);
    }

    use plotters::coord::ranged1d::LightPoints;

    #[test]
    fn ticked_axis_keeps_ticks_inside() {
        let r = Axis::ticked(0.0, 2.0, vec![-1.0, 0.0, 1.0, 2.0, 3.0]);
        assert_eq!(r.key_points(BoldPoints(10)), vec![0.0, 1.0, 2.0]);
        // Fixed ticks draw no light grid lines.
        assert!(r.key_points(LightPoints::new(10, 10)).is_empty());
        assert!(r.key_points(BoldPoints(0)).is_empty());
        assert_eq!(r.map(&1.0, (0, 100)), 50);
        assert_eq!(r.map(&f64::NAN, (0, 100)), 0);
        assert_eq!(Axis::ticked(1.0, f64::NAN, vec![]).range(), 0.0..1.0);
    }

    #[test]
    fn linear_axis_matches_plotters() {
        let ours = Axis::linear(0.0, 1234.5);
        let theirs = RangedCoordf64::from(0.0..1234.5);
        for n in [0, 3, 6, 7, 14] {
            assert_eq!(ours.key_points(BoldPoints(n)), theirs.key_points(n));
            assert_eq!(
                ours.key_points(LightPoints::new(n, n * 2)),
                theirs.key_points(n * 2)
            );
        }
        for v in [0.0, 1.0, 333.3, 617.25, 1234.5] {
            for limit in [(40, 600), (300, 20)] {
                assert_eq!(ours.map(&v, limit), theirs.map(&v, limit), "{v} {limit:?}");
            }
        }
        // Far-off values are clamped, never wrapped.
        assert_eq!(ours.map(&1e300, (0, 100)), 1_000_000);
        assert_eq!(ours.map(&f64::NEG_INFINITY, (0, 100)), -1_000_000);
    }

    #[test]
    fn log_axis_matches_plotters() {
        let ours = Axis::log(8.0, 8192.0, MAX_TICKS);
        assert!(ours.is_log());
        let theirs: LogCoord<f64> = (8.0..8192.0).log_scale().into();
        for v in [8.0, 10.0, 100.0, 1000.0, 5000.0, 8192.0] {
            for limit in [(40, 600), (300, 20)] {
                assert_eq!(ours.map(&v, limit), theirs.map(&v, limit), "{v} {limit:?}");
            }
        }
        assert_eq!(
            ours.key_points(BoldPoints(7)),
            log_ticks(8.0, 8192.0, MAX_TICKS)
        );
        assert!(ours.key_points(LightPoints::new(7, 7)).is_empty());
        // Zero and negative values fall far below the axis instead of panicking.
        assert_eq!(ours.map(&0.0, (0, 100)), -1_000_000);
        assert_eq!(ours.map(&-1.0, (0, 100)), 0);
    }

    #[test]
    fn maps_are_monotone_and_ticks_inside() {
        let axes = [
            Axis::linear(-3.0, 7.5),
            Axis::linear(0.0, 1e-20),
            Axis::ticked(-5.0, 2.0, (-6..=3).map(f64::from).collect()),
            Axis::log(1e-7, 3e4, 6),
            Axis::log(0.5, 0.9, MAX_TICKS),
        ];
        for axis in &axes {
            let Range { start: lo, end: hi } = axis.range();
            let mut last = i32::MIN;
            for i in 0..=200 {
                let v = if axis.is_log() {
                    lo * (hi / lo).powf(f64::from(i) / 200.0)
                } else {
                    lo + (hi - lo) * f64::from(i) / 200.0
                };
                let px = axis.map(&v, (0, 1000));
                assert!(px >= last, "{axis:?} not monotone at {v}");
                assert!((-1..=1001).contains(&px));
                last = px;
            }
            let ticks = axis.key_points(BoldPoints(7));
            assert!(!ticks.is_empty(), "{axis:?}");
            let tol = 1e-9 * (hi - lo).abs();
            for t in ticks {
                assert!(t >= lo - tol && t <= hi + tol, "{t} outside {axis:?}");
            }
        }
    }

    #[test]
    fn bad_ranges_do_not_panic() {
        let nan = f64::NAN;
        let inf = f64::INFINITY;
        for (lo, hi) in [(nan, nan), (inf, -inf), (5.0, 5.0), (3.0, 1.0), (0.0, 0.0)] {
            for axis in [Axis::linear(lo, hi), Axis::log(lo, hi, 5)] {
                let r = axis.range();
                assert!(r.start.is_finite() && r.end.is_finite() && r.end > r.start);
                let _ = axis.key_points(BoldPoints(6));
                let _ = axis.key_points(LightPoints::new(6, 6));
                for v in [nan, inf, -inf, 0.0, lo, hi] {
                    let _ = axis.map(&v, (0, 100));
                }
            }
        }
        assert_eq!(Axis::linear(5.0, 5.0).range(), 2.5..7.5);
        assert_eq!(Axis::linear(0.0, 0.0).range(), -0.5..0.5);
    }

    fn labels(axis: &Axis, n: usize, fmt: &dyn Fn(&f64) -> String) -> Vec<String> {
        let ticks = axis.key_points(BoldPoints(n));
        let f = distinct_labeller(&ticks, fmt);
        ticks.iter().map(f).collect()
    }

    fn assert_distinct(labels: &[String], what: &str) {
        let mut sorted = labels.to_vec();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), labels.len(), "{what}: {labels:?}");
    }

    /// The Batch & LR loss chart at step size 5 blows up within a few steps: its step axis
    /// read "0 1 1 2 2" (ticks at halves, rounded).
    #[test]
    fn short_runs_get_whole_step_ticks() {
        let round = |x: &f64| fmt_number(x.round());
        for steps in [1.0, 2.0, 3.0, 4.0, 5.0, 7.0, 13.0, 60.0, 1234.0] {
            let axis = Axis::whole(0.0, steps);
            let ticks = axis.key_points(BoldPoints(X_LABELS));
            assert!(ticks.len() >= 2, "{steps}: {ticks:?}");
            assert!(ticks.iter().all(|t| t.fract() == 0.0), "{steps}: {ticks:?}");
            assert_distinct(&labels(&axis, X_LABELS, &round), "whole");
        }
        assert_eq!(
            Axis::whole(0.0, 2.0).key_points(BoldPoints(7)),
            vec![0.0, 1.0, 2.0]
        );
        // The labeller alone also rescues a plain linear axis: 0, 0.5, 1 … keep their halves.
        let halves = labels(&Axis::linear(0.0, 2.0), 7, &round);
        assert_distinct(&halves, "linear, rounded");
        assert!(halves.contains(&"0.5".to_string()), "{halves:?}");
    }

    /// Every axis type with every label formatter the charts use, over spans from 10⁻¹² to
    /// 10¹⁵ (at offsets 0 … 10⁹) and label counts 3 … 10: no two tick labels on one axis read
    /// the same.
    #[test]
    fn tick_labels_are_distinct_on_every_axis() {
        type Labeller<'a> = &'a dyn Fn(&f64) -> String;
        let formatters: [(&str, Labeller<'_>); 6] = [
            ("number", &|x| fmt_number(*x)),
            ("rounded", &|x| fmt_number(x.round())),
            ("tick", &|x| tick_label(*x)),
            ("loss", &|x| loss_tick_label(*x)),
            ("plain", &|x| plain_tick_label(*x)),
            ("sci", &|x| fmt_sci(*x)),
        ];
        let mut checked = 0;
        for k in -12..=15 {
            for m in [1.0, 1.3, 2.5, 7.0] {
                let span = m * 10f64.powi(k);
                for lo in [0.0, -span / 3.0, 1.0, 8.0, 1e6, 1e9 + 0.5] {
                    let hi = lo + span;
                    // Spans below a billionth of the values sit at float resolution (plotters
                    // then repeats a key point); no chart draws those.
                    if span < 1e-9 * lo.abs() {
                        continue;
                    }
                    let mut axes = vec![
                        ("linear", Axis::linear(lo, hi)),
                        ("whole", Axis::whole(lo, hi)),
                    ];
                    if lo > 0.0 {
                        axes.push(("log", Axis::log(lo, hi, MAX_TICKS)));
                        axes.push(("log6", Axis::log(lo, hi, 6)));
                        // The Simulator's log axes: log₁₀ values at 1-2-5 ticks.
                        let ticks = ticks_125(lo, hi).iter().map(|t| t.log10()).collect();
                        axes.push(("ticked", Axis::ticked(lo.log10(), hi.log10(), ticks)));
                    }
                    for (kind, axis) in &axes {
                        for n in [3, 5, 6, 7, MAX_TICKS] {
                            for (name, fmt) in &formatters {
                                let shown = if *kind == "ticked" {
                                    let f = |v: &f64| fmt(&10f64.powf(*v));
                                    labels(axis, n, &f)
                                } else {
                                    labels(axis, n, *fmt)
                                };
                                let what = format!("{kind} {lo}…{hi}, {n} labels, {name}");
                                assert_distinct(&shown, &what);
                                checked += 1;
                            }
                        }
                    }
                }
            }
        }
        assert!(checked > 15_000, "{checked}");
    }
}
