//! Why a maximum step size exists however exact the gradient: gradient descent with the exact
//! gradient, optionally with heavy-ball momentum, on the 2-D quadratic
//! L(θ) = ½(λ_max·θ₁² + λ₂·θ₂²), λ₂ < λ_max.
//!
//! Update (Polyak 1964 heavy ball; the same iterates as torch 2.15.0 `torch/optim/sgd.py` with
//! momentum β and dampening 0, whose buffer b is −v/η): v ← βv − η∇L(θ), θ ← θ + v; β = 0 is plain gradient descent.
//!
//! Each coordinate evolves on its own with a = ηλ. Without momentum it is multiplied by (1 − a)
//! each step, so it shrinks iff 0 < a < 2: the classical step-size bound η < 2/λ_max of gradient
//! descent on a quadratic. With momentum the pair (θ, θ_prev) follows the roots of
//! z² − (1 + β − a)z + β = 0, which lie inside the unit circle iff 0 < a < 2(1 + β) for
//! 0 ≤ β < 1 (Polyak 1964; Goh 2017, "Why Momentum Really Works", Distill, section
//! "The dynamics of momentum"): η < 2(1 + β)/λ_max. No amount of gradient accuracy changes this.

use super::error::{ErrorKind, InputError};
use super::units::{check_range, parse_count, parse_number, parse_positive, parse_real};

/// URL key of the large curvature λ_max.
pub const FIELD_LAMBDA_MAX: &str = "lam_max";
/// URL key of the small curvature λ₂.
pub const FIELD_LAMBDA_2: &str = "lam_2";
/// URL key of the step size η.
pub const FIELD_STEP_SIZE: &str = "step_size";
/// URL key of the heavy-ball momentum β.
pub const FIELD_MOMENTUM: &str = "momentum";
/// URL key of the number of steps to run.
pub const FIELD_ITERS: &str = "iters";
/// Error field of the starting point (no URL key: the view fixes it).
pub const FIELD_START: &str = "theta0";

/// Largest curvature accepted.
pub const MAX_LAMBDA: f64 = 1e6;
/// Largest step size accepted, as a multiple of the stability bound (beyond it nothing new shows).
pub const MAX_STEP_OVER_BOUND: f64 = 100.0;
/// Largest momentum accepted (β → 1 never settles in a chart).
pub const MAX_MOMENTUM: f64 = 0.999;
/// Most steps in one run.
pub const MAX_ITERS: u64 = 10_000;
/// Largest |θ| accepted at the start.
pub const MAX_START: f64 = 1e3;
/// A run stops once its loss exceeds this multiple of the initial loss.
pub const LOSS_CAP: f64 = 1e6;
/// The default starting point.
pub const DEFAULT_START: (f64, f64) = (1.0, 1.0);

/// The classical step-size bound of gradient descent on a quadratic, η < 2/λ_max
/// (standard stability analysis of GD: each eigen-direction is multiplied by 1 − ηλ).
pub fn gd_threshold(lambda_max: f64) -> f64 {
    2.0 / lambda_max
}

/// The step-size bound with heavy-ball momentum β ∈ [0, 1), η < 2(1 + β)/λ_max
/// (Polyak 1964; Goh 2017, "Why Momentum Really Works", Distill).
pub fn heavy_ball_threshold(lambda_max: f64, beta: f64) -> f64 {
    2.0 * (1.0 + beta) / lambda_max
}

/// The two roots of z² − (1 + β − a)z + β = 0 for one eigen-direction (a = ηλ): their largest
/// modulus (the per-step contraction factor of that direction; < 1 means it converges) and
/// whether the direction rings (a negative or complex dominant root: the iterate overshoots the
/// minimum and comes back, instead of approaching it from one side).
/// Non-finite inputs give (`f64::MAX`, false): treated as diverging.
pub fn direction_rate(a: f64, beta: f64) -> (f64, bool) {
    if !(a.is_finite() && beta.is_finite()) {
        return (f64::MAX, false);
    }
    let c = 1.0 + beta - a;
    let disc = c * c - 4.0 * beta;
    if disc < 0.0 {
        // Complex pair: |z|² = product of the roots = β.
        (beta.max(0.0).sqrt(), true)
    } else {
        let r = disc.sqrt();
        let (z1, z2) = ((c + r) / 2.0, (c - r) / 2.0);
        let dominant = if z1.abs() >= z2.abs() { z1 } else { z2 };
        let rate = dominant.abs();
        if rate.is_finite() {
            (rate, dominant < 0.0)
        } else {
            (f64::MAX, true)
        }
    }
}

/// What a run does in the long run, from the contraction factors of both directions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunClass {
    /// Both directions shrink: the loss goes to 0.
    Converges,
    /// The sharp direction neither shrinks nor grows (η exactly at the bound): the iterate
    /// bounces between the walls of the valley for ever.
    Oscillates,
    /// The sharp direction grows every step: the loss blows up.
    Diverges,
}

/// Tolerance on the contraction factor for calling a run marginal ([`RunClass::Oscillates`]).
const MARGINAL: f64 = 1e-9;

/// Classifies a run from the largest contraction factor ρ.
pub fn classify(rate: f64) -> RunClass {
    if rate < 1.0 - MARGINAL {
        RunClass::Converges
    } else if rate <= 1.0 + MARGINAL {
        RunClass::Oscillates
    } else {
        RunClass::Diverges
    }
}

/// The validated settings of one run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MaxStep {
    /// λ_max ∈ (0, 10⁶].
    pub lambda_max: f64,
    /// λ₂ ∈ (0, λ_max).
    pub lambda_2: f64,
    /// η > 0, at most 100× the stability bound.
    pub step_size: f64,
    /// β ∈ [0, 0.999].
    pub momentum: f64,
    /// Steps to run, in [1, 10⁴].
    pub iters: u64,
    /// Starting point (θ₁, θ₂), not both 0, each |θ| ≤ 10³.
    pub start: (f64, f64),
}

/// One point of a run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Iterate {
    /// θ₁, along the sharp direction λ_max.
    pub theta1: f64,
    /// θ₂, along the flat direction λ₂.
    pub theta2: f64,
    /// L(θ).
    pub loss: f64,
}

/// A run and everything the view shows about it.
#[derive(Debug, Clone, PartialEq)]
pub struct MaxStepRun {
    /// Iterates from step 0 (the start) on; shorter than `iters + 1` if the run was stopped.
    pub iterates: Vec<Iterate>,
    /// The stability bound for this β: 2(1 + β)/λ_max (2/λ_max when β = 0).
    pub threshold: f64,
    /// η divided by the bound (< 1 is stable).
    pub step_over_threshold: f64,
    /// The largest per-step contraction factor over both directions (see [`direction_rate`]).
    pub rate: f64,
    /// Converges, oscillates or diverges.
    pub class: RunClass,
    /// Whether the sharp direction overshoots the minimum each step (zig-zag or spiral).
    pub rings: bool,
    /// The step at which the loss passed 10⁶ × the initial loss and the run was stopped.
    pub stopped_at: Option<u64>,
}

impl MaxStep {
    /// Validates typed numbers; errors name `lam_max`, `lam_2`, `step_size`, `momentum`,
    /// `iters` or `theta0`.
    pub fn new(
        lambda_max: f64,
        lambda_2: f64,
        step_size: f64,
        momentum: f64,
        iters: u64,
        start: (f64, f64),
    ) -> Result<Self, InputError> {
        let positive = |x: f64, field: &'static str, max: f64| {
            if x > 0.0 {
                check_range(x, field, 0.0, max)
            } else {
                Err(InputError::new(field, ErrorKind::NotAbove(0.0)))
            }
        };
        let lambda_max = positive(lambda_max, FIELD_LAMBDA_MAX, MAX_LAMBDA)?;
        let lambda_2 = positive(lambda_2, FIELD_LAMBDA_2, MAX_LAMBDA)?;
        if lambda_2 >= lambda_max {
            return Err(InputError::new(
                FIELD_LAMBDA_2,
                ErrorKind::NotBelow(lambda_max),
            ));
        }
        let momentum = check_range(momentum, FIELD_MOMENTUM, 0.0, MAX_MOMENTUM)?;
        let bound = heavy_ball_threshold(lambda_max, momentum);
        let step_size = positive(step_size, FIELD_STEP_SIZE, MAX_STEP_OVER_BOUND * bound)?;
        let iters = check_range(iters as f64, FIELD_ITERS, 1.0, MAX_ITERS as f64)? as u64;
        for x in [start.0, start.1] {
            check_range(x, FIELD_START, -MAX_START, MAX_START)?;
        }
        if start == (0.0, 0.0) {
            return Err(InputError::new(FIELD_START, ErrorKind::NotAbove(0.0)));
        }
        Ok(Self {
            lambda_max,
            lambda_2,
            step_size,
            momentum,
            iters,
            start,
        })
    }

    /// Reads `lam_max`, `lam_2`, `step_size`, `momentum` (empty = 0), `iters`; starts at
    /// [`DEFAULT_START`].
    pub fn parse(
        lambda_max: &str,
        lambda_2: &str,
        step_size: &str,
        momentum: &str,
        iters: &str,
    ) -> Result<Self, InputError> {
        let momentum = if momentum.trim().is_empty() {
            0.0
        } else {
            parse_real(momentum, FIELD_MOMENTUM, 0.0, MAX_MOMENTUM)?
        };
        Self::new(
            parse_positive(lambda_max, FIELD_LAMBDA_MAX, MAX_LAMBDA)?,
            parse_positive(lambda_2, FIELD_LAMBDA_2, MAX_LAMBDA)?,
            parse_number(step_size, FIELD_STEP_SIZE)?,
            momentum,
            parse_count(iters, FIELD_ITERS, 1, MAX_ITERS)?,
            DEFAULT_START,
        )
    }

    /// L(θ) = ½(λ_max θ₁² + λ₂ θ₂²).
    pub fn loss(&self, theta1: f64, theta2: f64) -> f64 {
        0.5 * (self.lambda_max * theta1 * theta1 + self.lambda_2 * theta2 * theta2)
    }

    /// The stability bound for this run's momentum.
    pub fn threshold(&self) -> f64 {
        heavy_ball_threshold(self.lambda_max, self.momentum)
    }

    /// Runs exact-gradient descent with heavy-ball momentum, stopping early once the loss
    /// exceeds 10⁶ × the initial loss (that iterate is kept, so a chart can end it with ×).
    pub fn run(&self) -> MaxStepRun {
        let (rate_max, rings) = direction_rate(self.step_size * self.lambda_max, self.momentum);
        let (rate_2, _) = direction_rate(self.step_size * self.lambda_2, self.momentum);
        let rate = rate_max.max(rate_2);
        let (iterates, stopped_at) = self.iterate(self.iters);
        let threshold = self.threshold();
        MaxStepRun {
            iterates,
            threshold,
            step_over_threshold: self.step_size / threshold,
            rate,
            class: classify(rate),
            rings,
            stopped_at,
        }
    }

    fn iterate(&self, iters: u64) -> (Vec<Iterate>, Option<u64>) {
        let (mut t1, mut t2) = self.start;
        let (mut v1, mut v2) = (0.0, 0.0);
        let initial = self.loss(t1, t2);
        let cap = LOSS_CAP * initial;
        let mut out = Vec::with_capacity(iters as usize + 1);
        out.push(Iterate {
            theta1: t1,
            theta2: t2,
            loss: initial,
        });
        for k in 1..=iters {
            v1 = self.momentum * v1 - self.step_size * self.lambda_max * t1;
            v2 = self.momentum * v2 - self.step_size * self.lambda_2 * t2;
            t1 += v1;
            t2 += v2;
            let loss = self.loss(t1, t2);
            if !(loss.is_finite() && t1.is_finite() && t2.is_finite()) {
                // Cannot happen within the input caps; a safety net so nothing infinite leaves.
                return (out, Some(k));
            }
            out.push(Iterate {
                theta1: t1,
                theta2: t2,
                loss,
            });
            if loss > cap {
                return (out, Some(k));
            }
        }
        (out, None)
    }

    /// The loss after `iters` steps as the step size sweeps `points` values evenly over
    /// (0, `up_to` × bound] (e.g. `up_to` = 1.5): (η, loss) pairs, each loss capped at
    /// 10⁶ × the initial loss. Shows the cliff at the bound.
    pub fn sweep(&self, up_to: f64, points: usize) -> Vec<(f64, f64)> {
        let points = points.clamp(2, 1001);
        let up_to = if up_to.is_finite() {
            up_to.clamp(0.01, MAX_STEP_OVER_BOUND)
        } else {
            1.5
        };
        let top = up_to * self.threshold();
        let cap = LOSS_CAP * self.loss(self.start.0, self.start.1);
        (1..=points)
            .map(|i| {
                let eta = top * i as f64 / points as f64;
                let probe = Self {
                    step_size: eta,
                    ..*self
                };
                let (its, _) = probe.iterate(self.iters);
                let loss = its.last().map_or(0.0, |it| it.loss).min(cap);
                (eta, loss)
            })
            .collect()
    }

    /// The level set L(θ) = `level` as a closed polyline of `points` points (an ellipse with
    /// semi-axes √(2·level/λ_max) and √(2·level/λ₂)), for contour lines under the iterates.
    pub fn contour(&self, level: f64, points: usize) -> Vec<(f64, f64)> {
        if !(level > 0.0 && level.is_finite()) {
            return Vec::new();
        }
        let points = points.clamp(8, 1000);
        let (a, b) = (
            (2.0 * level / self.lambda_max).sqrt(),
            (2.0 * level / self.lambda_2).sqrt(),
        );
        if !(a.is_finite() && b.is_finite()) {
            return Vec::new();
        }
        (0..=points)
            .map(|i| {
                let t = 2.0 * core::f64::consts::PI * i as f64 / points as f64;
                (a * crate::core::math::cos(t), b * crate::core::math::sin(t))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(step: f64, beta: f64) -> MaxStepRun {
        MaxStep::new(1.0, 0.1, step, beta, 200, DEFAULT_START)
            .unwrap()
            .run()
    }

    #[test]
    fn plain_gd_bound_is_two_over_lambda() {
        // Standard GD stability on a quadratic: η < 2/λ_max; at λ_max = 1 the bound is 2.
        assert_eq!(gd_threshold(1.0), 2.0);
        let r = run(1.9, 0.0);
        assert_eq!(r.class, RunClass::Converges);
        assert!(r.rings, "1.9 > 1/λ_max: the sharp direction zig-zags");
        assert_eq!(r.stopped_at, None);
        assert!(r.iterates.last().unwrap().loss < 1e-3 * r.iterates[0].loss);
        let r = run(2.1, 0.0);
        assert_eq!(r.class, RunClass::Diverges);
        assert!(r.stopped_at.is_some());
        let last = r.iterates.last().unwrap();
        assert!(last.loss > LOSS_CAP * r.iterates[0].loss && last.loss.is_finite());
        // Exactly at the bound the sharp coordinate flips sign with constant size: 1 → −1 → 1.
        let r = run(2.0, 0.0);
        assert_eq!(r.class, RunClass::Oscillates);
        assert_eq!(r.iterates[1].theta1, -1.0);
        assert_eq!(r.iterates[2].theta1, 1.0);
        // Below 1/λ_max the sharp direction approaches from one side.
        assert!(!run(0.5, 0.0).rings);
    }

    #[test]
    fn heavy_ball_bound() {
        // Polyak heavy ball / Goh 2017: η < 2(1 + β)/λ_max; β = 0.9 at λ_max = 1 gives 3.8.
        assert!((heavy_ball_threshold(1.0, 0.9) - 3.8).abs() < 1e-15);
        assert_eq!(run(3.7, 0.9).class, RunClass::Converges);
        assert_eq!(run(3.9, 0.9).class, RunClass::Diverges);
        // 2.1 diverges without momentum but converges with β = 0.9.
        let r = MaxStep::new(1.0, 0.1, 2.1, 0.9, 2000, DEFAULT_START)
            .unwrap()
            .run();
        assert_eq!(r.class, RunClass::Converges);
        assert!(r.iterates.last().unwrap().loss < 1e-6);
        assert!((r.threshold - 3.8).abs() < 1e-15);
    }

    #[test]
    fn rate_matches_the_simulation() {
        // The contraction factor predicts the loss decay: loss ∝ ρ^(2k) for large k.
        let m = MaxStep::new(1.0, 0.5, 1.5, 0.0, 60, (1.0, 0.0)).unwrap();
        let r = m.run();
        assert!((r.rate - 0.5).abs() < 1e-15);
        let l = &r.iterates;
        assert!((l[60].loss / l[59].loss - 0.25).abs() < 1e-12);
    }

    #[test]
    fn sweep_shows_the_cliff() {
        let m = MaxStep::new(1.0, 0.1, 1.0, 0.0, 100, DEFAULT_START).unwrap();
        let s = m.sweep(1.5, 30);
        assert_eq!(s.len(), 30);
        let l0 = m.loss(1.0, 1.0);
        for &(eta, loss) in &s {
            assert!(loss.is_finite() && loss <= LOSS_CAP * l0);
            if eta < 1.9 {
                assert!(loss < l0, "{eta}");
            }
            if eta > 2.1 {
                assert_eq!(loss, LOSS_CAP * l0, "{eta}");
            }
        }
        let c = m.contour(0.5, 16);
        for &(x, y) in &c {
            assert!((m.loss(x, y) - 0.5).abs() < 1e-12);
        }
    }

    #[test]
    fn validation() {
        let e = MaxStep::new(1.0, 1.0, 1.0, 0.0, 10, DEFAULT_START).unwrap_err();
        assert_eq!((e.field, e.kind), ("lam_2", ErrorKind::NotBelow(1.0)));
        let e = MaxStep::new(1.0, 0.5, 0.0, 0.0, 10, DEFAULT_START).unwrap_err();
        assert_eq!((e.field, e.kind), ("step_size", ErrorKind::NotAbove(0.0)));
        let e = MaxStep::new(1.0, 0.5, 1.0, 1.0, 10, DEFAULT_START).unwrap_err();
        assert_eq!(e.field, "momentum");
        assert_eq!(
            MaxStep::new(1.0, 0.5, 1.0, 0.0, 0, DEFAULT_START)
                .unwrap_err()
                .field,
            "iters"
        );
        assert_eq!(
            MaxStep::new(1.0, 0.5, 1.0, 0.0, 5, (0.0, 0.0))
                .unwrap_err()
                .field,
            "theta0"
        );
        assert!(MaxStep::parse("1", "0.1", "1.9", "", "100").is_ok());
        assert_eq!(
            MaxStep::parse("1", "0.1", "x", "", "100")
                .unwrap_err()
                .field,
            "step_size"
        );
    }

    #[test]
    fn no_input_yields_nan_or_panic() {
        let vals = [
            0.0,
            1e-300,
            1e-3,
            0.5,
            1.0,
            1.9,
            2.0,
            2.1,
            3.8,
            1e3,
            1e6,
            1e300,
            -1.0,
            f64::NAN,
        ];
        let betas = [0.0, 0.5, 0.9, 0.999, 1.0, -0.1, f64::NAN];
        for &lm in &vals {
            for &eta in &vals {
                for &b in &betas {
                    let Ok(m) =
                        MaxStep::new(lm, lm * 0.01, eta, b, 10_000, (MAX_START, -MAX_START))
                    else {
                        continue;
                    };
                    let r = m.run();
                    assert!(r.rate.is_finite() && r.threshold.is_finite());
                    for it in &r.iterates {
                        assert!(
                            it.loss.is_finite() && it.theta1.is_finite() && it.theta2.is_finite()
                        );
                    }
                    if r.class == RunClass::Diverges {
                        assert!(r.stopped_at.is_some(), "{lm} {eta} {b}");
                    }
                }
            }
        }
        for &(a, b) in &[(f64::NAN, 0.5), (1e300, 0.9), (-1.0, 0.0)] {
            let (r, _) = direction_rate(a, b);
            let _ = classify(r);
        }
    }
}
