//! Exact expected loss of the noisy quadratic under SGD, heavy-ball momentum and the diagonal
//! preconditioner P = H^{−p}: the per-coordinate second-moment recurrences of Zhang et al. 2019
//! ("Which Algorithmic Choices Matter at Which Batch Sizes?", arXiv:1907.04164; code:
//! gd-zhang/noisy-quadratic-model `nqm.ipynb`, `simulate_kstep_dynamics` and
//! `simulate_momentum_dynamics`).
//!
//! Per coordinate, with aᵢ = α hᵢ^{1−p} and qᵢ = α² hᵢ^{−2p} · cᵢ/B (cᵢ = hᵢ, noise C = H), the
//! vector z = (E[θ²], E[v²], E[θv]) evolves as z ← M z + (q, q, q) with
//!
//! ```text
//! M = [ (1−a)²     β²   2(1−a)β ]
//!     [  a²        β²   −2aβ    ]
//!     [ −(1−a)a    β²   (1−2a)β ]
//! ```
//!
//! (the transition matrix of the notebook's `simulate_momentum_dynamics`, which cites the paper's
//! eq. 21); β = 0 reduces it to s ← (1−a)² s + q, the notebook's SGD recurrence. The expected loss
//! is ½ Σ hᵢ E[θᵢ²]. With v₀ = 0 this is exactly PyTorch's SGD momentum in expectation (torch
//! 2.15.0 `torch/optim/sgd.py`: b₁ = g₁, then b ← βb + g and θ ← θ − γb, i.e. v = −γb).
//! `tests/reference/nqm_exact.py` checks these numbers by propagating the covariance of (θ, b)
//! under the update itself.

use super::run::DIVERGENCE_FACTOR;
use crate::core::schedule::Schedule;

/// The update rule whose expected loss is tracked.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ExactRule {
    /// Heavy-ball momentum β (0 for plain SGD), as PyTorch's `momentum` with `dampening = 0`.
    pub momentum: f64,
    /// The preconditioner power p in P = H^{−p} (0 for plain SGD; Zhang et al. use 0…0.75).
    pub precond_power: f64,
}

impl ExactRule {
    /// Plain SGD.
    pub const SGD: ExactRule = ExactRule {
        momentum: 0.0,
        precond_power: 0.0,
    };
}

/// An expected-loss curve: `loss[t]` after t updates (`loss[0]` is the initial ½ Σ hᵢ sᵢ(0)).
#[derive(Debug, Clone, PartialEq)]
pub struct ExactCurve {
    /// Expected loss after each update, starting with the initial loss; stops at divergence.
    pub loss: Vec<f64>,
    /// The first update whose expected loss is non-finite or above 10⁶ × the initial loss.
    pub diverged_at: Option<u64>,
}

/// Iterates the exact recurrence for curvatures `h` (initial E[θ²] = 1 for every coordinate,
/// θ₀ ~ N(0, I)), batch size `batch`, the learning rates of `schedule`, over `steps` updates.
pub fn expected_loss_curve(
    h: &[f64],
    rule: ExactRule,
    batch: usize,
    schedule: &Schedule,
    steps: u64,
) -> ExactCurve {
    let d = h.len();
    let beta = rule.momentum;
    let inv_b = 1.0 / batch.max(1) as f64;
    // Per coordinate: h^{1−p} and h^{1−2p} (the factor of α and α² in a and q).
    let h_eff: Vec<f64> = h
        .iter()
        .map(|&x| crate::core::math::pow(x, 1.0 - rule.precond_power))
        .collect();
    let h_noise: Vec<f64> = h
        .iter()
        .map(|&x| crate::core::math::pow(x, 1.0 - 2.0 * rule.precond_power) * inv_b)
        .collect();
    let mut s = vec![1.0; d];
    let mut v2 = vec![0.0; d];
    let mut tv = vec![0.0; d];
    let initial = 0.5 * h.iter().sum::<f64>();
    let mut loss = Vec::with_capacity(steps.min(1 << 20) as usize + 1);
    loss.push(initial);
    for u in 1..=steps {
        let alpha = schedule.lr_at_update(u);
        let mut total = 0.0;
        for i in 0..d {
            let a = alpha * h_eff[i];
            let q = alpha * alpha * h_noise[i];
            let (s0, v0, c0) = (s[i], v2[i], tv[i]);
            let b2v = beta * beta * v0;
            s[i] = (1.0 - a) * (1.0 - a) * s0 + b2v + 2.0 * (1.0 - a) * beta * c0 + q;
            v2[i] = a * a * s0 + b2v - 2.0 * a * beta * c0 + q;
            tv[i] = -(1.0 - a) * a * s0 + b2v + (1.0 - 2.0 * a) * beta * c0 + q;
            total += h[i] * s[i];
        }
        let l = 0.5 * total;
        if !l.is_finite() || l > DIVERGENCE_FACTOR * initial {
            return ExactCurve {
                loss,
                diverged_at: Some(u),
            };
        }
        loss.push(l);
    }
    ExactCurve {
        loss,
        diverged_at: None,
    }
}

/// The steady-state expected loss of SGD with P = H^{−p} and noise C = H: Σ aᵢ / (2B(2 − aᵢ))
/// with aᵢ = α hᵢ^{1−p}: Σ hᵢ/2 times the fixed point s* = qᵢ/(1 − (1 − aᵢ)²) of the recurrence
/// (the notebook's `s_star`); `None` if some aᵢ ∉ (0, 2) (no steady state).
pub fn sgd_steady_state_loss(h: &[f64], lr: f64, batch: usize, precond_power: f64) -> Option<f64> {
    let b = batch.max(1) as f64;
    let mut total = 0.0;
    for &x in h {
        let a = lr * crate::core::math::pow(x, 1.0 - precond_power);
        if !(a > 0.0 && a < 2.0) {
            return None;
        }
        total += a / (2.0 * b * (2.0 - a));
    }
    Some(total)
}

/// The steady-state expected loss of heavy-ball momentum with C = H:
/// Σ (1+β) α hᵢ / (2B(2β + 2 − α hᵢ)(1 − β)), the fixed point of the recurrence above (Zhang et
/// al. 2019, the steady-state risk of heavy-ball momentum; `tests/reference/nqm_exact.py` checks
/// it against the fixed point of the covariance map); `None` outside 0 ≤ β < 1,
/// 0 < α hᵢ < 2(1 + β).
pub fn momentum_steady_state_loss(h: &[f64], lr: f64, momentum: f64, batch: usize) -> Option<f64> {
    let b = batch.max(1) as f64;
    if !(0.0..1.0).contains(&momentum) {
        return None;
    }
    let mut total = 0.0;
    for &x in h {
        let a = lr * x;
        if !(a > 0.0 && a < 2.0 * (1.0 + momentum)) {
            return None;
        }
        total +=
            (1.0 + momentum) * lr * x / (2.0 * b * (2.0 * momentum + 2.0 - a) * (1.0 - momentum));
    }
    Some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn curve(h: &[f64], rule: ExactRule, lr: f64, b: usize, t: u64) -> ExactCurve {
        expected_loss_curve(h, rule, b, &Schedule::constant(lr, t), t)
    }

    fn harmonic(d: usize) -> Vec<f64> {
        (1..=d).map(|i| 1.0 / i as f64).collect()
    }

    #[test]
    fn one_dimensional_checks() {
        // h = 1, noise variance 1 per example, s₀ = 1; loss = s/2. Numbers from
        // `python tests/reference/nqm_exact.py` (numpy 2.4.6), "one_dimensional_checks".
        let h = [1.0];
        let c = curve(&h, ExactRule::SGD, 0.1, 1, 10);
        assert!((c.loss[1] - 0.41).abs() < 1e-15); // s(1) = 0.82
        assert!((2.0 * c.loss[10] - 0.16780946224369736).abs() < 1e-14);
        let c10 = curve(&h, ExactRule::SGD, 0.1, 10, 10);
        assert!((2.0 * c10.loss[10] - 0.12619993535588217).abs() < 1e-14);
        // α = 0.5, B = 4: steady state 0.5/(2·4·1.5) = 0.0416667.
        let ss = sgd_steady_state_loss(&h, 0.5, 4, 0.0).unwrap();
        assert!((ss - 0.5 / 12.0).abs() < 1e-15);
        let long = curve(&h, ExactRule::SGD, 0.5, 4, 200);
        assert!((long.loss[200] - ss).abs() < 1e-12);
        // Momentum α = 0.1, β = 0.9, B = 1: s(0…3) = 1, 0.82, 0.5608, 0.333352; steady state 0.25675675675675685.
        let mom = ExactRule {
            momentum: 0.9,
            precond_power: 0.0,
        };
        let m = curve(&h, mom, 0.1, 1, 3);
        for (t, want) in [(0, 1.0), (1, 0.82), (2, 0.5608), (3, 0.333352)] {
            assert!((2.0 * m.loss[t] - want).abs() < 1e-12, "t = {t}");
        }
        let mss = momentum_steady_state_loss(&h, 0.1, 0.9, 1).unwrap();
        assert!((mss - 0.25675675675675685).abs() < 1e-14);
        let mlong = curve(&h, mom, 0.1, 1, 3000);
        assert!((mlong.loss[3000] - mss).abs() < 1e-10);
    }

    #[test]
    fn dimension_ten_thousand_checks() {
        // hᵢ = 1/i, unbinned, noise C = H, s₀ = 1. Numbers from
        // `python tests/reference/nqm_exact.py` (numpy 2.4.6), "dimension_ten_thousand_checks".
        let h = harmonic(10_000);
        let p05 = ExactRule {
            momentum: 0.0,
            precond_power: 0.5,
        };
        assert!(
            (curve(&h, ExactRule::SGD, 1.0, 1, 100).loss[100] - 3.630916379886564).abs() < 1e-12
        );
        let b1024 = curve(&h, ExactRule::SGD, 1.0, 1024, 1000);
        assert!((b1024.loss[100] - 1.678038655945567).abs() < 1e-12);
        assert!((b1024.loss[1000] - 0.6136524329392696).abs() < 1e-12);
        assert!((curve(&h, p05, 1.0, 1024, 100).loss[100] - 0.0959959385278692).abs() < 1e-12);
    }

    #[test]
    fn sgd_diverges_above_two_over_h_max() {
        // Stability needs |1 − a| < 1, i.e. 0 < a < 2 (the factor (1 − a)² of the recurrence); h_max = 1.
        let h = harmonic(100);
        assert!(
            curve(&h, ExactRule::SGD, 1.99, 1024, 2000)
                .diverged_at
                .is_none()
        );
        assert!(
            curve(&h, ExactRule::SGD, 2.05, 1024, 2000)
                .diverged_at
                .is_some()
        );
        assert!(sgd_steady_state_loss(&h, 2.05, 1, 0.0).is_none());
    }
}
