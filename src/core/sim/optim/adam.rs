//! `torch.optim.Adam` and `torch.optim.AdamW` (torch 2.15.0 `torch/optim/adam.py` and `adamw.py`,
//! `_single_tensor_adam`; AdamW is Adam with `decoupled_weight_decay=True` there):
//!
//! * Adam (coupled L2): g ← g + λθ; AdamW (decoupled): θ ← θ(1 − γλ) before the step;
//! * m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g²;
//! * θ ← θ − (γ / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)  (torch's order of operations).

use super::{Optimizer, StepContext};

/// Adam/AdamW hyper-parameters (the learning rate comes from the schedule).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct AdamConfig {
    /// β₁, default 0.9.
    pub beta1: f64,
    /// β₂, default 0.999.
    pub beta2: f64,
    /// ε, default 1e-8.
    pub eps: f64,
    /// λ: Adam default 0 (coupled), AdamW default 1e-2 (decoupled).
    pub weight_decay: f64,
    /// Decoupled decay (AdamW) instead of L2 added to the gradient (Adam).
    pub decoupled: bool,
}

impl AdamConfig {
    /// `torch.optim.Adam` defaults.
    pub fn adam() -> Self {
        AdamConfig {
            beta1: 0.9,
            beta2: 0.999,
            eps: 1e-8,
            weight_decay: 0.0,
            decoupled: false,
        }
    }

    /// `torch.optim.AdamW` defaults (weight_decay = 1e-2).
    pub fn adamw() -> Self {
        AdamConfig {
            weight_decay: 1e-2,
            decoupled: true,
            ..Self::adam()
        }
    }
}

/// Adam state: `exp_avg`, `exp_avg_sq` and `step`.
#[derive(Debug, Clone, PartialEq)]
pub struct AdamState {
    /// First moment m.
    pub exp_avg: Vec<f64>,
    /// Second moment v.
    pub exp_avg_sq: Vec<f64>,
    /// Updates taken.
    pub step: u64,
}

impl Optimizer for AdamConfig {
    type State = AdamState;

    fn init_state(&self, dim: usize) -> AdamState {
        AdamState {
            exp_avg: vec![0.0; dim],
            exp_avg_sq: vec![0.0; dim],
            step: 0,
        }
    }

    fn step(&self, state: &mut AdamState, params: &mut [f64], grad: &[f64], ctx: StepContext) {
        state.step += 1;
        let t = state.step as f64;
        let (b1, b2, lr, wd) = (self.beta1, self.beta2, ctx.lr, self.weight_decay);
        let step_size = lr / (1.0 - crate::core::math::pow(b1, t));
        let bc2_sqrt = (1.0 - crate::core::math::pow(b2, t)).sqrt();
        let n = params
            .len()
            .min(grad.len())
            .min(state.exp_avg.len())
            .min(state.exp_avg_sq.len());
        let (p, g) = (&mut params[..n], &grad[..n]);
        let (m, v) = (&mut state.exp_avg[..n], &mut state.exp_avg_sq[..n]);
        // The decay branch is decided once per step, outside the per-coordinate loop; each
        // coordinate still sees exactly torch's sequence of operations.
        if wd != 0.0 && self.decoupled {
            let keep = 1.0 - lr * wd;
            for x in p.iter_mut() {
                *x *= keep;
            }
        }
        let coupled = wd != 0.0 && !self.decoupled;
        let (one_b1, one_b2, eps) = (1.0 - b1, 1.0 - b2, self.eps);
        for i in 0..n {
            let gi = if coupled { g[i] + wd * p[i] } else { g[i] };
            let mi = b1 * m[i] + one_b1 * gi;
            let vi = b2 * v[i] + one_b2 * gi * gi;
            m[i] = mi;
            v[i] = vi;
            let denom = vi.sqrt() / bc2_sqrt + eps;
            p[i] -= step_size * mi / denom;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_vectors::{assert_close, run_scalar};
    use super::*;

    /// x after each update of f(x) = x² from x₀ = 1 (the `run_scalar` harness), as printed by
    /// `tests/reference/optim_trajectories.py` (run: `python tests/reference/optim_trajectories.py`),
    /// which runs `torch.optim.Adam` and `torch.optim.AdamW` (torch 2.15.0, `torch/optim/adam.py`,
    /// `torch/optim/adamw.py`, float64, foreach=False).
    #[test]
    fn torch_test_vectors() {
        let adam = AdamConfig::adam();
        let want = [0.9000000005, 0.8004122286917927, 0.7015862729460302];
        assert_close(&run_scalar(&adam, 0.1, 3), &want, 1e-15, "Adam");
        let l2 = AdamConfig {
            weight_decay: 0.1,
            ..adam
        };
        let want = [0.9000000004761904, 0.8004122286431954, 0.7015862728718214];
        assert_close(&run_scalar(&l2, 0.1, 3), &want, 1e-15, "Adam L2");
        let adamw = AdamConfig::adamw();
        let want = [0.8990000005, 0.7985190271685215, 0.6989111831582322];
        assert_close(&run_scalar(&adamw, 0.1, 3), &want, 1e-15, "AdamW default");
        let adamw1 = AdamConfig {
            weight_decay: 0.1,
            ..adamw
        };
        let want = [0.8900000004999999, 0.7815718559365048, 0.6751012216400697];
        assert_close(&run_scalar(&adamw1, 0.1, 3), &want, 1e-15, "AdamW wd=0.1");
    }
}
