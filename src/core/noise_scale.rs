//! The gradient noise scale and the critical batch size of McCandlish et al. 2018,
//! "An Empirical Model of Large-Batch Training" (arXiv:1812.06162), §2 and App. D.
//!
//! On a local quadratic model of the loss, one SGD step with batch size B and step ε improves the
//! expected loss by ε|G|² − ½ε²(GᵀHG + tr(HΣ)/B) (eqs. 2.4–2.5). Minimising over ε gives
//!
//! * ε_opt(B) = ε_max / (1 + B_noise/B), with ε_max = |G|²/(GᵀHG) (eq. 2.6);
//! * ΔL_opt(B) = ΔL_max / (1 + B_noise/B), with ΔL_max = ½|G|⁴/(GᵀHG) (eq. 2.7);
//! * B_noise = tr(HΣ)/(GᵀHG) (eq. 2.8) and its Hessian-free cousin B_simple = tr Σ/|G|² (eq. 2.9).
//!
//! Over a whole run at a constant batch B (eqs. 2.11–2.12, App. D):
//! S/S_min = 1 + B_crit/B, E/E_min = 1 + B/B_crit, so (S/S_min − 1)(E/E_min − 1) = 1, with
//! B_crit = E_min/S_min (equal to B_noise when the noise scale is constant over the run).
//!
//! [`CriticalBatch`] holds the two validated numbers the Batch & LR view needs (`b_noise`,
//! `eps_max`) and returns every figure ([`BatchReadout`]) and chart series ([`BatchCurves`]).

use super::error::{ErrorKind, InputError, Syntax};
use super::units::{check_range, parse_number, parse_positive};

/// URL key of the noise scale (B_noise, also used as B_crit).
pub const FIELD_B_NOISE: &str = "b_noise";
/// URL key of the noiseless optimal step ε_max.
pub const FIELD_EPS_MAX: &str = "eps_max";
/// URL key of the batch size at which the figures are read off.
pub const FIELD_B: &str = "b";
/// URL key of the lower end of the charts' batch range.
pub const FIELD_B_MIN: &str = "b_min";
/// URL key of the upper end of the charts' batch range.
pub const FIELD_B_MAX: &str = "b_max";

/// Smallest batch size accepted (one example).
pub const MIN_BATCH: f64 = 1.0;
/// Largest batch size accepted (10¹⁵, enough for batches counted in tokens).
pub const MAX_BATCH: f64 = 1e15;
/// Smallest noise scale accepted; below it the model is noiseless for any batch people use.
pub const MIN_B_NOISE: f64 = 1e-6;
/// Largest ε_max accepted.
pub const MAX_EPS: f64 = 1e6;
/// Fewest and most points a chart series may have.
pub const SERIES_POINTS: (usize, usize) = (2, 4001);

/// Reads `b_noise`: a real number in [10⁻⁶, 10¹⁵].
pub fn parse_b_noise(text: &str) -> Result<f64, InputError> {
    let x = parse_number(text, FIELD_B_NOISE)?;
    check_range(x, FIELD_B_NOISE, MIN_B_NOISE, MAX_BATCH)
}

/// Reads `eps_max`: a real number in (0, 10⁶].
pub fn parse_eps_max(text: &str) -> Result<f64, InputError> {
    parse_positive(text, FIELD_EPS_MAX, MAX_EPS)
}

/// Reads a batch size (`b`, `b_min`, `b_max`, …) for `field`: a real number in [1, 10¹⁵].
/// Fractions are allowed because the model's curves are continuous in B.
pub fn parse_batch(text: &str, field: &'static str) -> Result<f64, InputError> {
    let x = parse_number(text, field)?;
    check_batch(x, field)
}

/// Checks an already parsed batch size against [1, 10¹⁵].
pub fn check_batch(b: f64, field: &'static str) -> Result<f64, InputError> {
    check_range(b, field, MIN_BATCH, MAX_BATCH)
}

/// The fraction of the noiseless step that is optimal at batch B:
/// ε_opt(B)/ε_max = 1/(1 + B_noise/B) = B/(B + B_noise) (McCandlish et al. 2018, eq. 2.6).
/// Also ΔL_opt/ΔL_max (eq. 2.7). Returns 0 unless both inputs are positive.
pub fn optimal_fraction(b_noise: f64, b: f64) -> f64 {
    let valid = b > 0.0 && b_noise >= 0.0 && b.is_finite() && b_noise.is_finite();
    if !valid {
        return 0.0;
    }
    // Written as in eq. 2.6: every step is a correctly rounded monotone operation, so the result
    // is monotone in B even in floating point (B/(B + B_noise) is not); 1/∞ = 0 covers overflow.
    1.0 / (1.0 + b_noise / b)
}

/// ε_opt(B) = ε_max/(1 + B_noise/B) (McCandlish et al. 2018, eq. 2.6).
pub fn eps_opt(eps_max: f64, b_noise: f64, b: f64) -> f64 {
    eps_max * optimal_fraction(b_noise, b)
}

/// ΔL_opt(B) = ΔL_max/(1 + B_noise/B) (McCandlish et al. 2018, eq. 2.7).
pub fn delta_l_opt(delta_l_max: f64, b_noise: f64, b: f64) -> f64 {
    delta_l_max * optimal_fraction(b_noise, b)
}

/// Steps relative to the fewest possible: S/S_min = 1 + B_crit/B
/// (McCandlish et al. 2018, eq. 2.11 and App. D, eq. D.1).
pub fn steps_over_min(b_crit: f64, b: f64) -> f64 {
    1.0 + b_crit / b
}

/// Examples relative to the fewest possible: E/E_min = 1 + B/B_crit
/// (McCandlish et al. 2018, eq. 2.11 and App. D, eq. D.1).
pub fn examples_over_min(b_crit: f64, b: f64) -> f64 {
    1.0 + b / b_crit
}

/// The critical batch B_crit = E_min/S_min (McCandlish et al. 2018, eq. 2.12).
/// Both inputs must be positive and finite; the fields are `e_min` and `s_min`.
pub fn b_crit(e_min: f64, s_min: f64) -> Result<f64, InputError> {
    let e = check_range(e_min, "e_min", 0.0, f64::MAX)?;
    let s = check_range(s_min, "s_min", 0.0, f64::MAX)?;
    if e <= 0.0 {
        return Err(InputError::new("e_min", ErrorKind::NotAbove(0.0)));
    }
    if s <= 0.0 {
        return Err(InputError::new("s_min", ErrorKind::NotAbove(0.0)));
    }
    let ratio = e / s;
    if ratio.is_finite() && ratio > 0.0 {
        Ok(ratio)
    } else {
        Err(InputError::new("e_min", ErrorKind::Overflow))
    }
}

/// `n` batch sizes spaced evenly in log B from `lo` to `hi` inclusive (both positive, `lo < hi`;
/// `n` is clamped to [`SERIES_POINTS`]). Uses `libm` so the grid is identical natively and in WASM.
pub fn log_grid(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    let n = n.clamp(SERIES_POINTS.0, SERIES_POINTS.1);
    if !(lo > 0.0 && hi > lo && hi.is_finite()) {
        return Vec::new();
    }
    let (a, z) = (crate::core::math::log(lo), crate::core::math::log(hi));
    let last = (n - 1) as f64;
    (0..n)
        .map(|i| match i {
            0 => lo,
            _ if i == n - 1 => hi,
            _ => crate::core::math::exp(a + (z - a) * i as f64 / last),
        })
        .collect()
}

/// A validated batch range for the charts: 1 ≤ `lo` < `hi` ≤ 10¹⁵.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BatchRange {
    /// Smallest batch size on the x axis.
    pub lo: f64,
    /// Largest batch size on the x axis.
    pub hi: f64,
}

impl BatchRange {
    /// Validates a range; `b_max` must exceed `b_min`.
    pub fn new(lo: f64, hi: f64) -> Result<Self, InputError> {
        let lo = check_batch(lo, FIELD_B_MIN)?;
        let hi = check_batch(hi, FIELD_B_MAX)?;
        if hi <= lo {
            return Err(InputError::new(FIELD_B_MAX, ErrorKind::NotAbove(lo)));
        }
        Ok(Self { lo, hi })
    }

    /// Reads `b_min` and `b_max`.
    pub fn parse(lo: &str, hi: &str) -> Result<Self, InputError> {
        Self::new(parse_batch(lo, FIELD_B_MIN)?, parse_batch(hi, FIELD_B_MAX)?)
    }

    /// Three decades either side of `b_noise` (clipped to [1, 10¹⁵]), so B_noise sits mid-chart
    /// when it can.
    pub fn around(b_noise: f64) -> Self {
        let centre = if b_noise.is_finite() && b_noise > 0.0 {
            b_noise
        } else {
            MIN_BATCH
        };
        let lo = (centre / 1e3).clamp(MIN_BATCH, MAX_BATCH / 1e6);
        let hi = (centre * 1e3).clamp(lo * 1e3, MAX_BATCH);
        Self { lo, hi }
    }
}

/// The two numbers behind the Batch & LR view's second section, validated:
/// the noise scale (used as B_crit, which equals B_noise when it is constant over the run;
/// McCandlish et al. 2018, eq. 2.12 and App. D) and the noiseless optimal step ε_max.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CriticalBatch {
    /// B_noise, in examples (or whatever unit the batch is counted in).
    pub b_noise: f64,
    /// ε_max, the optimal step for an exact gradient (eq. 2.6).
    pub eps_max: f64,
}

/// The figures read off at one batch size: `eps-opt`, `s-over-smin`, `e-over-emin`, `b-crit`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BatchReadout {
    /// The batch size read off.
    pub b: f64,
    /// ε_opt(B) (eq. 2.6), figure `eps-opt`.
    pub eps_opt: f64,
    /// ε_opt(B)/ε_max, also ΔL_opt/ΔL_max (eqs. 2.6–2.7).
    pub fraction: f64,
    /// S/S_min at B (eq. 2.11), figure `s-over-smin`.
    pub s_over_smin: f64,
    /// E/E_min at B (eq. 2.11), figure `e-over-emin`.
    pub e_over_emin: f64,
    /// B_crit (eq. 2.12), figure `b-crit`.
    pub b_crit: f64,
}

/// Chart series over a batch range. Each is a list of (x, y) points.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchCurves {
    /// (B, ε_opt/ε_max): the optimal step as a fraction of ε_max (log x).
    pub fraction: Vec<(f64, f64)>,
    /// (B, S/S_min).
    pub s_over_smin: Vec<(f64, f64)>,
    /// (B, E/E_min).
    pub e_over_emin: Vec<(f64, f64)>,
    /// (E/E_min, S/S_min): the trade-off curve (S/S_min − 1)(E/E_min − 1) = 1 (eq. 2.11),
    /// in order of increasing B.
    pub tradeoff: Vec<(f64, f64)>,
    /// Where B = B_crit sits on the trade-off curve: always (2, 2): 2·S_min steps and 2·E_min
    /// examples (McCandlish et al. 2018, eq. 2.11).
    pub b_crit_point: (f64, f64),
}

impl CriticalBatch {
    /// Validates typed numbers (`b_noise` in [10⁻⁶, 10¹⁵], `eps_max` in (0, 10⁶]).
    pub fn new(b_noise: f64, eps_max: f64) -> Result<Self, InputError> {
        let b_noise = check_range(b_noise, FIELD_B_NOISE, MIN_B_NOISE, MAX_BATCH)?;
        if eps_max.is_nan() || eps_max <= 0.0 {
            return Err(InputError::new(FIELD_EPS_MAX, ErrorKind::NotAbove(0.0)));
        }
        let eps_max = check_range(eps_max, FIELD_EPS_MAX, 0.0, MAX_EPS)?;
        Ok(Self { b_noise, eps_max })
    }

    /// Reads `b_noise` and `eps_max` from text.
    pub fn parse(b_noise: &str, eps_max: &str) -> Result<Self, InputError> {
        Self::new(parse_b_noise(b_noise)?, parse_eps_max(eps_max)?)
    }

    /// B_crit: here the constant noise scale (McCandlish et al. 2018, eq. 2.12 with a constant
    /// 𝓑).
    pub fn b_crit(&self) -> f64 {
        self.b_noise
    }

    /// The figures at batch size `b` (validated into [1, 10¹⁵], field `b`).
    pub fn readout(&self, b: f64) -> Result<BatchReadout, InputError> {
        let b = check_batch(b, FIELD_B)?;
        let fraction = optimal_fraction(self.b_noise, b);
        Ok(BatchReadout {
            b,
            eps_opt: self.eps_max * fraction,
            fraction,
            s_over_smin: steps_over_min(self.b_crit(), b),
            e_over_emin: examples_over_min(self.b_crit(), b),
            b_crit: self.b_crit(),
        })
    }

    /// The chart series on `points` log-spaced batch sizes over `range`.
    pub fn curves(&self, range: BatchRange, points: usize) -> BatchCurves {
        let grid = log_grid(range.lo, range.hi, points);
        let bc = self.b_crit();
        let s: Vec<(f64, f64)> = grid.iter().map(|&b| (b, steps_over_min(bc, b))).collect();
        let e: Vec<(f64, f64)> = grid
            .iter()
            .map(|&b| (b, examples_over_min(bc, b)))
            .collect();
        BatchCurves {
            fraction: grid
                .iter()
                .map(|&b| (b, optimal_fraction(self.b_noise, b)))
                .collect(),
            tradeoff: e.iter().zip(&s).map(|(e, s)| (e.1, s.1)).collect(),
            s_over_smin: s,
            e_over_emin: e,
            b_crit_point: (2.0, 2.0),
        }
    }
}

/// URL-free names of the diagonal model's inputs, used as error fields.
const FIELD_H: &str = "h";
const FIELD_G: &str = "g";
const FIELD_SIGMA: &str = "sigma";

/// A quadratic model with diagonal Hessian H, gradient G and diagonal per-example gradient
/// covariance Σ (McCandlish et al. 2018, §2.2, eqs. 2.1–2.5). Validated: equal
/// non-empty lengths, H ≥ 0, Σ ≥ 0, all finite, |G|² > 0 and GᵀHG > 0.
#[derive(Debug, Clone, PartialEq)]
pub struct DiagonalQuadratic {
    h: Vec<f64>,
    g: Vec<f64>,
    sigma: Vec<f64>,
}

/// Everything eqs. 2.6–2.9 derive from (H, G, Σ).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NoiseScales {
    /// |G|².
    pub grad_sq: f64,
    /// GᵀHG, the curvature along G.
    pub curvature: f64,
    /// tr(HΣ).
    pub tr_h_sigma: f64,
    /// tr(Σ).
    pub tr_sigma: f64,
    /// ε_max = |G|²/(GᵀHG) (eq. 2.6).
    pub eps_max: f64,
    /// ΔL_max = ½|G|⁴/(GᵀHG) (eq. 2.7).
    pub delta_l_max: f64,
    /// B_noise = tr(HΣ)/(GᵀHG) (eq. 2.8).
    pub b_noise: f64,
    /// B_simple = tr(Σ)/|G|² (eq. 2.9).
    pub b_simple: f64,
}

impl NoiseScales {
    /// ε_opt(B) (eq. 2.6).
    pub fn eps_opt(&self, b: f64) -> f64 {
        eps_opt(self.eps_max, self.b_noise, b)
    }

    /// ΔL_opt(B) (eq. 2.7).
    pub fn delta_l_opt(&self, b: f64) -> f64 {
        delta_l_opt(self.delta_l_max, self.b_noise, b)
    }
}

impl DiagonalQuadratic {
    /// Validates the diagonals of H and Σ and the gradient G (fields `h`, `g`, `sigma`).
    pub fn new(h: Vec<f64>, g: Vec<f64>, sigma: Vec<f64>) -> Result<Self, InputError> {
        if g.is_empty() {
            return Err(InputError::new(FIELD_G, ErrorKind::EmptyList));
        }
        for (v, field) in [(&h, FIELD_H), (&sigma, FIELD_SIGMA)] {
            if v.len() != g.len() {
                return Err(InputError::new(
                    field,
                    ErrorKind::Malformed(Syntax::Count {
                        found: v.len(),
                        expected: g.len(),
                    }),
                ));
            }
            for &x in v {
                check_range(x, field, 0.0, f64::MAX)?;
            }
        }
        for &x in &g {
            check_range(x, FIELD_G, f64::MIN, f64::MAX)?;
        }
        let model = Self { h, g, sigma };
        let grad_sq = model.grad_sq();
        if !grad_sq.is_finite() {
            return Err(InputError::new(FIELD_G, ErrorKind::NotFinite));
        }
        if grad_sq <= 0.0 {
            return Err(InputError::new(FIELD_G, ErrorKind::NotAbove(0.0)));
        }
        let c = model.curvature();
        if !c.is_finite() {
            return Err(InputError::new(FIELD_H, ErrorKind::NotFinite));
        }
        if c <= 0.0 {
            return Err(InputError::new(FIELD_H, ErrorKind::NotAbove(0.0)));
        }
        if !(model.tr_h_sigma().is_finite() && model.tr_sigma().is_finite()) {
            return Err(InputError::new(FIELD_SIGMA, ErrorKind::NotFinite));
        }
        Ok(model)
    }

    fn grad_sq(&self) -> f64 {
        self.g.iter().map(|g| g * g).sum()
    }

    fn curvature(&self) -> f64 {
        self.g.iter().zip(&self.h).map(|(g, h)| g * h * g).sum()
    }

    fn tr_h_sigma(&self) -> f64 {
        self.h.iter().zip(&self.sigma).map(|(h, s)| h * s).sum()
    }

    fn tr_sigma(&self) -> f64 {
        self.sigma.iter().sum()
    }

    /// The noise scales and optimal step of this model (McCandlish et al. 2018, eqs. 2.6–2.9).
    /// Ratios that overflow are capped at `f64::MAX` so nothing infinite leaves.
    pub fn scales(&self) -> NoiseScales {
        let grad_sq = self.grad_sq();
        let curvature = self.curvature();
        let tr_h_sigma = self.tr_h_sigma();
        let tr_sigma = self.tr_sigma();
        let finite = |x: f64| x.min(f64::MAX);
        NoiseScales {
            grad_sq,
            curvature,
            tr_h_sigma,
            tr_sigma,
            eps_max: finite(grad_sq / curvature),
            delta_l_max: finite(0.5 * (grad_sq / curvature) * grad_sq),
            b_noise: finite(tr_h_sigma / curvature),
            b_simple: finite(tr_sigma / grad_sq),
        }
    }

    /// Expected loss improvement of one step ε at batch B on the quadratic model:
    /// ε|G|² − ½ε²(GᵀHG + tr(HΣ)/B) (McCandlish et al. 2018, eqs. 2.4–2.5).
    /// Negative beyond 2ε_opt(B). Returns 0 for a non-positive or non-finite B.
    pub fn expected_improvement(&self, eps: f64, b: f64) -> f64 {
        if !(b > 0.0 && b.is_finite() && eps.is_finite()) {
            return 0.0;
        }
        let v = eps * self.grad_sq() - 0.5 * eps * eps * (self.curvature() + self.tr_h_sigma() / b);
        // For a huge |ε| both terms overflow (∞ − ∞); the −ε² term is the larger one.
        if v.is_nan() {
            f64::MIN
        } else {
            v.clamp(f64::MIN, f64::MAX)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::sim::rng::SimRng;

    fn close(a: f64, b: f64, rel: f64) -> bool {
        (a - b).abs() <= rel * b.abs().max(1e-300)
    }

    /// A two-parameter instance of McCandlish et al. 2018, §2.2: H = diag(1, 10), G = (1, 1),
    /// Σ = diag(4, 1). Every value below is printed (and checked by Monte Carlo) by
    /// `python tests/reference/noise_scale.py`.
    fn worked() -> NoiseScales {
        DiagonalQuadratic::new(vec![1.0, 10.0], vec![1.0, 1.0], vec![4.0, 1.0])
            .expect("valid model")
            .scales()
    }

    #[test]
    fn mccandlish_worked_example() {
        let s = worked();
        // |G|² = 2, GᵀHG = 11, tr(HΣ) = 14, tr Σ = 5.
        assert_eq!(
            (s.grad_sq, s.curvature, s.tr_h_sigma, s.tr_sigma),
            (2.0, 11.0, 14.0, 5.0)
        );
        // ε_max = ΔL_max = 2/11 (McCandlish et al. 2018, eqs. 2.6–2.7).
        assert!(close(s.eps_max, 2.0 / 11.0, 1e-15));
        assert!(close(s.delta_l_max, 2.0 / 11.0, 1e-15));
        // B_noise = 14/11, B_simple = 2.5 (eqs. 2.8–2.9).
        assert!(close(s.b_noise, 14.0 / 11.0, 1e-15));
        assert!(close(s.b_simple, 2.5, 1e-15));
        // ε_opt(1) = 0.08, ε_opt(4) = 0.137931…, ε_opt(100) = 0.179533… (eq. 2.6).
        assert!(close(s.eps_opt(1.0), 0.08, 1e-14));
        assert!(close(s.eps_opt(4.0), 0.137931, 1e-5));
        assert!(close(s.eps_opt(4.0), 8.0 / 58.0, 1e-14));
        assert!(close(s.eps_opt(100.0), 0.179533, 1e-5));
        // Expected ΔL at ε_opt(1) is also 0.08 (eqs. 2.4 and 2.7).
        assert!(close(s.delta_l_opt(1.0), 0.08, 1e-14));
        let m = DiagonalQuadratic::new(vec![1.0, 10.0], vec![1.0, 1.0], vec![4.0, 1.0]).unwrap();
        assert!(close(m.expected_improvement(0.08, 1.0), 0.08, 1e-14));
        // Beyond 2ε_opt the expected loss goes up (eq. 2.4 is quadratic in ε).
        assert!(m.expected_improvement(2.0 * 0.08 * 1.01, 1.0) < 0.0);
        // The same through the view's API.
        let cb = CriticalBatch::new(s.b_noise, s.eps_max).unwrap();
        assert!(close(cb.readout(100.0).unwrap().eps_opt, 0.179533, 1e-5));
    }

    #[test]
    fn critical_batch_table() {
        // McCandlish et al. 2018, eq. 2.11 and App. D at B_crit = 1000
        // (`python tests/reference/noise_scale.py`).
        let cb = CriticalBatch::new(1000.0, 1.0).unwrap();
        for (b, s, e) in [(100.0, 11.0, 1.1), (1000.0, 2.0, 2.0), (10000.0, 1.1, 11.0)] {
            let r = cb.readout(b).unwrap();
            assert!(close(r.s_over_smin, s, 1e-14), "{b}");
            assert!(close(r.e_over_emin, e, 1e-14), "{b}");
            assert!(close(
                (r.s_over_smin - 1.0) * (r.e_over_emin - 1.0),
                1.0,
                1e-14
            ));
            assert_eq!(r.b_crit, 1000.0);
        }
        // B_crit = E_min/S_min (eq. 2.12): e.g. 2·10⁹ examples over 2·10⁶ steps.
        assert_eq!(b_crit(2e9, 2e6), Ok(1000.0));
        assert_eq!(b_crit(0.0, 1.0).unwrap_err().kind, ErrorKind::NotAbove(0.0));
        // At B = B_noise the optimal step is half of ε_max (eq. 2.6).
        assert_eq!(cb.readout(1000.0).unwrap().fraction, 0.5);
    }

    #[test]
    fn curves_lie_on_the_tradeoff_hyperbola() {
        let cb = CriticalBatch::new(1000.0, 0.5).unwrap();
        let c = cb.curves(BatchRange::new(1.0, 1e6).unwrap(), 61);
        assert_eq!(c.fraction.len(), 61);
        assert_eq!(c.fraction[0].0, 1.0);
        assert_eq!(c.fraction[60].0, 1e6);
        for &(e, s) in &c.tradeoff {
            assert!(close((s - 1.0) * (e - 1.0), 1.0, 1e-12));
        }
        assert_eq!(c.b_crit_point, (2.0, 2.0));
    }

    #[test]
    fn parsing_and_validation() {
        assert_eq!(parse_b_noise("2k"), Ok(2000.0));
        assert_eq!(
            parse_eps_max("0").unwrap_err().kind,
            ErrorKind::NotAbove(0.0)
        );
        assert_eq!(
            parse_batch("0.5", FIELD_B).unwrap_err().kind,
            ErrorKind::BelowMin(1.0)
        );
        assert_eq!(parse_b_noise("abc").unwrap_err().field, "b_noise");
        let e = BatchRange::parse("100", "10").unwrap_err();
        assert_eq!((e.field, e.kind), ("b_max", ErrorKind::NotAbove(100.0)));
        assert!(CriticalBatch::parse("1e3", "0.1").is_ok());
        assert_eq!(
            CriticalBatch::new(1.0, f64::NAN).unwrap_err().field,
            "eps_max"
        );
        assert_eq!(
            DiagonalQuadratic::new(vec![1.0], vec![0.0], vec![1.0])
                .unwrap_err()
                .field,
            "g"
        );
        assert_eq!(
            DiagonalQuadratic::new(vec![1.0, 2.0], vec![1.0], vec![1.0])
                .unwrap_err()
                .field,
            "h"
        );
        let r = BatchRange::around(1000.0);
        assert_eq!((r.lo, r.hi), (1.0, 1e6));
        let r = BatchRange::around(1e15);
        assert!(r.lo < r.hi && r.hi <= MAX_BATCH);
    }

    #[test]
    fn monotone_in_batch_and_finite() {
        let mut rng = SimRng::new(7);
        for _ in 0..300 {
            let b_noise =
                crate::core::math::pow(10.0, (rng.next_u64() % 2000) as f64 / 100.0 - 5.0);
            let b_noise = b_noise.clamp(MIN_B_NOISE, MAX_BATCH);
            let eps_max =
                crate::core::math::pow(10.0, (rng.next_u64() % 1200) as f64 / 100.0 - 6.0);
            let cb = CriticalBatch::new(b_noise, eps_max).unwrap();
            let c = cb.curves(BatchRange::new(1.0, MAX_BATCH).unwrap(), 200);
            for w in c.fraction.windows(2) {
                // ε_opt increases with B and stays below ε_max (eq. 2.6).
                assert!(w[1].1 >= w[0].1 && w[1].1 <= 1.0 && w[0].1 > 0.0);
            }
            for w in c.s_over_smin.windows(2) {
                assert!(w[1].1 <= w[0].1 && w[1].1 >= 1.0);
            }
            for w in c.e_over_emin.windows(2) {
                assert!(w[1].1 >= w[0].1 && w[0].1 >= 1.0);
            }
            for p in c.tradeoff.iter().chain(&c.fraction) {
                assert!(p.0.is_finite() && p.1.is_finite());
            }
            let r = cb.readout(MAX_BATCH).unwrap();
            assert!(r.eps_opt <= eps_max && r.e_over_emin.is_finite());
        }
    }

    #[test]
    fn edge_inputs_never_panic() {
        let weird = [
            0.0,
            -1.0,
            1e-320,
            1e308,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        for &a in &weird {
            for &b in &weird {
                assert!(optimal_fraction(a, b).is_finite());
                let _ = CriticalBatch::new(a, b);
                let _ = BatchRange::new(a, b);
                let _ = b_crit(a, b);
                let _ = log_grid(a, b, 0);
                let r = BatchRange::around(a);
                assert!(r.lo < r.hi);
                if let Ok(m) = DiagonalQuadratic::new(vec![a, 1.0], vec![1.0, b], vec![a, b]) {
                    let s = m.scales();
                    for x in [s.eps_max, s.b_noise, s.b_simple, s.delta_l_max] {
                        assert!(x.is_finite());
                    }
                    assert!(m.expected_improvement(a, b).is_finite());
                }
            }
        }
        for text in ["", "-", "1e999", "NaN", "0", "-5", "1万"] {
            let _ = parse_b_noise(text);
            let _ = parse_eps_max(text);
            let _ = parse_batch(text, FIELD_B);
        }
    }
}
