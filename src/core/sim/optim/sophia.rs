//! SophiaG as in the official code (Liuhong99/Sophia `sophia.py`, `SophiaG`; README training loop;
//! paper arXiv:2305.14342, Algorithm 3; REFERENCE.md §3.4):
//!
//! `step(bs)`: θ ← θ(1 − γλ); m ← β₁m + (1 − β₁)g; ratio = min(|m| / (ρ·bs·h + 1e-15), 1);
//! θ ← θ − γ·sign(m)·ratio.
//! `update_hessian()`: h ← β₂h + (1 − β₂)·ĥ, with ĥ the curvature estimate (ĝ⊙ĝ of the
//! Gauss–Newton–Bartlett gradient on sampled labels, see [`crate::core::sim::problem::Problem::curvature`]).
//! The README loop refreshes h after update u when u mod k = k − 1 (k = 10), so the first k − 1
//! updates run with h = 0, that is pure sign-momentum steps.

use super::{Optimizer, StepContext, sign};

/// The official code's ε added to the denominator.
pub const SOPHIA_EPS: f64 = 1e-15;

/// SophiaG hyper-parameters, with the official defaults (the learning rate comes from the schedule).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SophiaConfig {
    /// β₁, default 0.965.
    pub beta1: f64,
    /// β₂ (Hessian EMA), default 0.99.
    pub beta2: f64,
    /// ρ, default 0.04.
    pub rho: f64,
    /// λ (decoupled), default 0.1.
    pub weight_decay: f64,
    /// Refresh the Hessian EMA every k updates, default 10 (README loop, GPT-2 configs).
    pub hessian_interval: u64,
}

impl Default for SophiaConfig {
    fn default() -> Self {
        SophiaConfig {
            beta1: 0.965,
            beta2: 0.99,
            rho: 0.04,
            weight_decay: 0.1,
            hessian_interval: 10,
        }
    }
}

/// SophiaG state: `exp_avg`, `hessian` and `step`.
#[derive(Debug, Clone, PartialEq)]
pub struct SophiaState {
    /// The gradient EMA m.
    pub exp_avg: Vec<f64>,
    /// The Hessian-diagonal EMA h.
    pub hessian: Vec<f64>,
    /// Updates taken.
    pub step: u64,
}

impl SophiaState {
    /// The fraction of coordinates whose last ratio was below 1 (the README's `win_rate`), for `bs`
    /// and `rho`.
    pub fn win_rate(&self, rho: f64, bs: usize) -> f64 {
        let n = self.exp_avg.len().max(1) as f64;
        let unclipped = self
            .exp_avg
            .iter()
            .zip(&self.hessian)
            .filter(|&(m, h)| m.abs() < rho * bs as f64 * h + SOPHIA_EPS)
            .count();
        unclipped as f64 / n
    }
}

impl Optimizer for SophiaConfig {
    type State = SophiaState;

    fn init_state(&self, dim: usize) -> SophiaState {
        SophiaState {
            exp_avg: vec![0.0; dim],
            hessian: vec![0.0; dim],
            step: 0,
        }
    }

    fn step(&self, state: &mut SophiaState, params: &mut [f64], grad: &[f64], ctx: StepContext) {
        state.step += 1;
        let (b1, lr) = (self.beta1, ctx.lr);
        let scale = self.rho * ctx.batch_size as f64;
        for (((p, &g), m), &h) in params
            .iter_mut()
            .zip(grad)
            .zip(state.exp_avg.iter_mut())
            .zip(&state.hessian)
        {
            *p *= 1.0 - lr * self.weight_decay;
            *m = *m * b1 + g * (1.0 - b1);
            let ratio = (m.abs() / (scale * h + SOPHIA_EPS)).min(1.0);
            *p -= lr * sign(*m) * ratio;
        }
    }

    fn curvature_due(&self, update: u64) -> bool {
        let k = self.hessian_interval.max(1);
        update % k == k - 1
    }

    fn update_curvature(&self, state: &mut SophiaState, estimate: &[f64]) {
        let b2 = self.beta2;
        for (h, &e) in state.hessian.iter_mut().zip(estimate) {
            *h = *h * b2 + e * (1.0 - b2);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_vectors::{assert_close, run_scalar};
    use super::*;

    /// REFERENCE.md §3.6: "SophiaG lr=0.1, other defaults, no Hessian update yet (h=0)" → 0.89, 0.7811.
    #[test]
    fn sign_momentum_before_any_hessian() {
        let c = SophiaConfig::default();
        assert_close(
            &run_scalar(&c, 0.1, 2),
            &[0.89, 0.7811],
            1e-12,
            "SophiaG h = 0",
        );
    }

    /// REFERENCE.md §3.6 "SophiaG with a Hessian [RUN, sophia.py]": three coordinates, x₀ = 1, g = 2,
    /// lr = 0.1, ρ = 1, wd = 0, bs = 1; update_hessian with (10, 1, 0) → h = (1, 0.01, 0); one step
    /// → m = 0.07 and x = (0.993, 0.9, 0.9).
    #[test]
    fn official_hessian_case() {
        let c = SophiaConfig {
            rho: 1.0,
            weight_decay: 0.0,
            ..SophiaConfig::default()
        };
        let mut s = c.init_state(3);
        // `update_hessian` squares the gradient (10, 1, 0); here the problem has already squared it.
        c.update_curvature(&mut s, &[100.0, 1.0, 0.0]);
        // The product rounds differently from the decimal, so compare to 1e-15.
        assert_close(&s.hessian, &[1.0, 0.01, 0.0], 1e-15, "hessian");
        let mut x = [1.0; 3];
        c.step(
            &mut s,
            &mut x,
            &[2.0; 3],
            StepContext {
                lr: 0.1,
                batch_size: 1,
            },
        );
        assert_close(&s.exp_avg, &[0.07; 3], 1e-15, "exp_avg");
        assert_close(&x, &[0.993, 0.9, 0.9], 1e-15, "x");
        assert!((s.win_rate(1.0, 1) - 1.0 / 3.0).abs() < 1e-15);
    }

    /// REFERENCE.md §3.6 "a second Sophia case": ρ = 0.04, bs = 5120, h = 1e-3 → ratio 0.341796875,
    /// x₁ = 0.9658203125.
    #[test]
    fn batch_size_factor() {
        let c = SophiaConfig {
            weight_decay: 0.0,
            ..SophiaConfig::default()
        };
        let mut s = c.init_state(1);
        s.hessian[0] = 1e-3;
        let mut x = [1.0];
        c.step(
            &mut s,
            &mut x,
            &[2.0],
            StepContext {
                lr: 0.1,
                batch_size: 5120,
            },
        );
        assert!((x[0] - 0.9658203125).abs() < 1e-12);
    }

    #[test]
    fn refresh_schedule_follows_the_readme_loop() {
        let c = SophiaConfig::default();
        let due: Vec<u64> = (1..=30).filter(|&u| c.curvature_due(u)).collect();
        assert_eq!(due, vec![9, 19, 29]);
    }
}
