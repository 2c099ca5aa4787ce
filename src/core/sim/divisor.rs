//! What each optimizer divides the gradient by, per coordinate, against the true curvature hᵢ
//! of the noisy quadratic ([`super::nqm`]): plain SGD divides by 1; Adam by √v̂ᵢ + ε with
//! v̂ = v/(1 − β₂ᵗ) (torch 2.15.0 `torch/optim/adam.py`, `_single_tensor_adam`); SophiaG by
//! max(ρ·B·ĥᵢ, ε) (Liuhong99/Sophia at a7e1572, `sophia.py`, `SophiaG.step`: the denominator
//! ρ·bs·h + 1e-15 of the ratio |m|/(…)). A Newton step would divide by hᵢ itself, so the
//! least-squares slope of log divisor against log hᵢ ([`log_slope`]) reads how far each rule is
//! from it: 0 for SGD, 1 for Sophia once its curvature estimate has been refreshed (ĥ ≈ h/B on
//! the NQM), and for Adam ½ where the gradient is noise-dominated (v ≈ hᵢ/B) rising towards 1
//! where the mean gradient hᵢθᵢ dominates.

use super::nqm::Nqm;
use super::optim::adam::{AdamConfig, AdamState};
use super::optim::sophia::{SOPHIA_EPS, SophiaConfig, SophiaState};
use super::optim::{Optimizer, StepContext};
use super::problem::{Batch, Problem};
use super::rng::SimRng;

/// The rules compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum DivisorRule {
    /// Plain SGD: divisor 1.
    Sgd,
    /// Adam with torch defaults: √v̂ + ε.
    Adam,
    /// SophiaG with the official defaults: max(ρ·B·ĥ, ε).
    Sophia,
}

impl DivisorRule {
    /// The key used in test ids (`divisor-slope-<key>`).
    pub fn key(self) -> &'static str {
        match self {
            DivisorRule::Sgd => "sgd",
            DivisorRule::Adam => "adam",
            DivisorRule::Sophia => "sophia",
        }
    }
}

/// Runs `rule` on `nqm` at batch `batch` and constant rate `lr` for `updates` updates (seed
/// `seed`, Sophia refreshing ĥ from the exact curvature h/B every `hessian_interval` updates as
/// [`SophiaConfig::curvature_due`]) and returns each coordinate's divisor after the last update.
pub fn divisors_at(
    nqm: &Nqm,
    rule: DivisorRule,
    batch: usize,
    lr: f64,
    updates: u64,
    seed: u64,
) -> Vec<f64> {
    let sophia = SophiaConfig::default();
    reading(nqm, rule, batch, lr, updates, seed, &sophia).divisors
}

/// One rule's divisors and what else the chart reports about them.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DivisorReading {
    /// The rule.
    pub rule: DivisorRule,
    /// Each coordinate's divisor, in the order of the quadratic's coordinates.
    pub divisors: Vec<f64>,
    /// [`log_slope`] against the curvatures.
    pub slope: Option<f64>,
    /// Sophia only: the fraction of coordinates whose last step was clipped at the rate
    /// (|m| ≥ ρ·B·ĥ, the complement of `train/win_rate` in `train_sophiag.py`): they moved by ±γ,
    /// as in sign descent.
    pub clipped: Option<f64>,
}

/// Like [`divisors_at`], with Sophia's settings `sophia` (ρ, k, β₂, estimator, and its decay λ,
/// which acts on θ), and with the slope and the clipped share.
pub fn reading(
    nqm: &Nqm,
    rule: DivisorRule,
    batch: usize,
    lr: f64,
    updates: u64,
    seed: u64,
    sophia: &SophiaConfig,
) -> DivisorReading {
    let d = nqm.dim();
    let mut rng = SimRng::new(seed);
    let mut theta = nqm.init(&mut rng);
    let mut grad = vec![0.0; d];
    let mut est = vec![0.0; d];
    let ctx = StepContext {
        lr,
        batch_size: batch,
    };
    let (divisors, clipped) = match rule {
        DivisorRule::Sgd => (vec![1.0; d], None),
        DivisorRule::Adam => {
            let cfg = AdamConfig::adam();
            let mut st: AdamState = cfg.init_state(d);
            for _ in 0..updates {
                nqm.gradient(&theta, Batch::Stream(batch), &mut rng, &mut grad);
                cfg.step(&mut st, &mut theta, &grad, ctx);
                if !theta.iter().all(|t| t.is_finite()) {
                    break;
                }
            }
            let t = st.step.max(1) as f64;
            let bc2 = (1.0 - crate::core::math::pow(cfg.beta2, t)).sqrt();
            let div = st
                .exp_avg_sq
                .iter()
                .map(|v| v.sqrt() / bc2 + cfg.eps)
                .collect();
            (div, None)
        }
        DivisorRule::Sophia => {
            let cfg = *sophia;
            let mut st: SophiaState = cfg.init_state(d);
            for u in 1..=updates {
                nqm.gradient(&theta, Batch::Stream(batch), &mut rng, &mut grad);
                cfg.step(&mut st, &mut theta, &grad, ctx);
                if cfg.curvature_due(u) {
                    nqm.estimate_curvature(
                        cfg.estimator,
                        &theta,
                        Batch::Stream(batch),
                        &mut rng,
                        &mut est,
                    );
                    cfg.update_curvature(&mut st, &est);
                }
                if !theta.iter().all(|t| t.is_finite()) {
                    break;
                }
            }
            let scale = cfg.rho * batch as f64;
            let div: Vec<f64> = st
                .hessian
                .iter()
                .map(|h| (scale * h).max(SOPHIA_EPS))
                .collect();
            let clipped = (st.step > 0).then(|| 1.0 - st.win_rate(cfg.rho, batch));
            (div, clipped)
        }
    };
    DivisorReading {
        rule,
        slope: log_slope(nqm.curvatures(), &divisors),
        divisors,
        clipped,
    }
}

/// At most this many coordinates are simulated for the chart (spread evenly in log hᵢ).
pub const MAX_COORDS: usize = 100;

/// The coordinates the chart follows for a quadratic of dimension `dim`: all of them up to
/// [`MAX_COORDS`], else that many spread evenly in log i (so evenly in log hᵢ = −log i).
pub fn chart_coordinates(dim: usize) -> Vec<usize> {
    if dim <= MAX_COORDS {
        return (0..dim).collect();
    }
    let top = (dim as f64).ln();
    let mut out: Vec<usize> = (0..MAX_COORDS)
        .map(|k| {
            let x = top * k as f64 / (MAX_COORDS - 1) as f64;
            (crate::core::math::exp(x).round() as usize).clamp(1, dim) - 1
        })
        .collect();
    out.dedup();
    out
}

/// The least-squares slope of log divisor against log hᵢ over the coordinates with both
/// positive and finite; `None` with fewer than two such points or equal hᵢ.
pub fn log_slope(h: &[f64], divisor: &[f64]) -> Option<f64> {
    log_fit(h, divisor).map(|f| f.0)
}

/// The least-squares line ln divisor = slope·ln hᵢ + intercept: (slope, intercept), over the
/// same coordinates as [`log_slope`].
pub fn log_fit(h: &[f64], divisor: &[f64]) -> Option<(f64, f64)> {
    let pts: Vec<(f64, f64)> = h
        .iter()
        .zip(divisor)
        .filter(|(a, b)| **a > 0.0 && **b > 0.0 && a.is_finite() && b.is_finite())
        .map(|(a, b)| (a.ln(), b.ln()))
        .collect();
    let n = pts.len() as f64;
    if pts.len() < 2 {
        return None;
    }
    let mx = pts.iter().map(|p| p.0).sum::<f64>() / n;
    let my = pts.iter().map(|p| p.1).sum::<f64>() / n;
    let sxx: f64 = pts.iter().map(|p| (p.0 - mx) * (p.0 - mx)).sum();
    let sxy: f64 = pts.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    (sxx > 0.0).then(|| {
        let slope = sxy / sxx;
        (slope, my - slope * mx)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slope_of_a_power_law_is_its_exponent() {
        let h: Vec<f64> = (1..=50).map(|i| 1.0 / i as f64).collect();
        let d: Vec<f64> = h.iter().map(|x| 3.0 * x.powf(0.7)).collect();
        assert!((log_slope(&h, &d).unwrap() - 0.7).abs() < 1e-12);
        assert_eq!(log_slope(&[1.0, 1.0], &[2.0, 3.0]), None);
        assert_eq!(log_slope(&[1.0], &[2.0]), None);
    }

    #[test]
    fn noise_model_and_estimator_decide_what_the_divisors_follow() {
        use crate::core::sim::nqm::NoiseModel;
        use crate::core::sim::problem::CurvatureEstimator;
        let hess = Nqm::new(100).unwrap();
        let iso = Nqm::with_noise(100, NoiseModel::Isotropic).unwrap();
        let gnb = SophiaConfig::default();
        let hutch = SophiaConfig {
            estimator: CurvatureEstimator::Hutchinson,
            ..gnb
        };
        let slope =
            |q: &Nqm, r, s: &SophiaConfig| reading(q, r, 16, 0.01, 800, 1, s).slope.unwrap();
        // Adam at B = 16: noise-dominated, so √v̂ follows √c: ½ under C = H, far less under σ²I.
        let (a_h, a_i) = (
            slope(&hess, DivisorRule::Adam, &gnb),
            slope(&iso, DivisorRule::Adam, &gnb),
        );
        assert!(a_h > 0.4 && a_h < 0.8, "{a_h}");
        assert!(a_i < a_h - 0.2, "{a_i} vs {a_h}");
        // GNB measures C: curvature under C = H, nothing under σ²I; Hutchinson measures H.
        assert!((slope(&hess, DivisorRule::Sophia, &gnb) - 1.0).abs() < 1e-9);
        assert!(slope(&iso, DivisorRule::Sophia, &gnb).abs() < 1e-9);
        let h_i = slope(&iso, DivisorRule::Sophia, &hutch);
        assert!((h_i - 1.0).abs() < 0.15, "{h_i}");
        // The clipped share is a fraction; before any refresh every step is clipped.
        let r = reading(&hess, DivisorRule::Sophia, 16, 0.01, 5, 1, &gnb);
        assert_eq!(r.clipped, Some(1.0));
        assert_eq!(
            reading(&hess, DivisorRule::Sgd, 16, 0.01, 5, 1, &gnb).clipped,
            None
        );
        // A subset of a large quadratic, spread in log h.
        let idx = chart_coordinates(10_000);
        assert!(idx.len() <= MAX_COORDS && idx.len() > 50);
        assert_eq!((idx[0], *idx.last().unwrap()), (0, 9_999));
        assert_eq!(chart_coordinates(7), (0..7).collect::<Vec<_>>());
    }

    #[test]
    fn sgd_flat_sophia_follows_curvature_adam_in_between() {
        let nqm = Nqm::new(100).unwrap();
        let h = nqm.curvatures();
        let slope = |r, u| log_slope(h, &divisors_at(&nqm, r, 64, 0.01, u, 1)).unwrap();
        assert!(slope(DivisorRule::Sgd, 50).abs() < 1e-12);
        // Sophia: ĥ is an EMA of h/B, so ρ·B·ĥ ∝ h exactly once refreshed (after update 10).
        assert!((slope(DivisorRule::Sophia, 200) - 1.0).abs() < 1e-9);
        // Before the first refresh ĥ = 0: every divisor is ε, slope 0.
        assert!(slope(DivisorRule::Sophia, 5).abs() < 1e-12);
        // Adam after many updates: between the noise-dominated ½ and Newton's 1.
        let a = slope(DivisorRule::Adam, 400);
        assert!(a > 0.45 && a < 1.0, "{a}");
    }
}
