//! `torch.optim.SGD` (torch 2.15.0 `torch/optim/sgd.py`, `_single_tensor_sgd`):
//!
//! 1. g ← ∇f(θ) + λθ (L2 weight decay, if λ ≠ 0);
//! 2. with momentum μ ≠ 0: b ← g on the first update (no dampening then), else b ← μb + (1 − τ)g;
//!    Nesterov: g ← g + μb, otherwise g ← b;
//! 3. θ ← θ − γ g.

use super::{Optimizer, StepContext};

/// SGD hyper-parameters, with torch's defaults (the learning rate comes from the schedule).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SgdConfig {
    /// μ, default 0.
    pub momentum: f64,
    /// τ, default 0.
    pub dampening: f64,
    /// λ (coupled L2), default 0.
    pub weight_decay: f64,
    /// Nesterov momentum, default false.
    pub nesterov: bool,
}

impl Default for SgdConfig {
    fn default() -> Self {
        SgdConfig {
            momentum: 0.0,
            dampening: 0.0,
            weight_decay: 0.0,
            nesterov: false,
        }
    }
}

/// SGD state: torch's `momentum_buffer` (absent until the first update).
#[derive(Debug, Clone, PartialEq)]
pub struct SgdState {
    /// The momentum buffer b.
    pub buffer: Vec<f64>,
    /// Whether b has been set (torch's `momentum_buffer is None` test).
    pub started: bool,
}

impl Optimizer for SgdConfig {
    type State = SgdState;

    fn init_state(&self, dim: usize) -> SgdState {
        let len = if self.momentum != 0.0 { dim } else { 0 };
        SgdState {
            buffer: vec![0.0; len],
            started: false,
        }
    }

    fn step(&self, state: &mut SgdState, params: &mut [f64], grad: &[f64], ctx: StepContext) {
        let (mu, wd, lr) = (self.momentum, self.weight_decay, ctx.lr);
        if mu == 0.0 {
            if wd != 0.0 {
                for (p, &g) in params.iter_mut().zip(grad) {
                    *p -= lr * (g + wd * *p);
                }
            } else {
                for (p, &g) in params.iter_mut().zip(grad) {
                    *p -= lr * g;
                }
            }
            return;
        }
        let first = !state.started;
        state.started = true;
        for ((p, &g), b) in params.iter_mut().zip(grad).zip(state.buffer.iter_mut()) {
            let d = if wd != 0.0 { g + wd * *p } else { g };
            *b = if first {
                d
            } else {
                mu * *b + (1.0 - self.dampening) * d
            };
            let step = if self.nesterov { d + mu * *b } else { *b };
            *p -= lr * step;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_vectors::{assert_close, run_scalar};
    use super::*;

    /// x after each update of f(x) = x² from x₀ = 1 (the `run_scalar` harness), as printed by
    /// `tests/reference/optim_trajectories.py` (run: `python tests/reference/optim_trajectories.py`),
    /// which runs `torch.optim.SGD` (torch 2.15.0, `torch/optim/sgd.py`, float64, foreach=False).
    #[test]
    fn torch_test_vectors() {
        let plain = SgdConfig::default();
        assert_close(
            &run_scalar(&plain, 0.1, 3),
            &[0.8, 0.64, 0.512],
            1e-15,
            "SGD lr=0.1",
        );
        let wd = SgdConfig {
            weight_decay: 0.1,
            ..plain
        };
        assert_close(
            &run_scalar(&wd, 0.1, 3),
            &[0.7899999999999999, 0.6241, 0.49303899999999995],
            1e-15,
            "SGD wd=0.1",
        );
        let mom = SgdConfig {
            momentum: 0.9,
            ..plain
        };
        assert_close(
            &run_scalar(&mom, 0.1, 3),
            &[0.8, 0.45999999999999996, 0.0619999999999999],
            1e-15,
            "SGD momentum",
        );
        let nes = SgdConfig {
            momentum: 0.9,
            nesterov: true,
            ..plain
        };
        assert_close(
            &run_scalar(&nes, 0.1, 3),
            &[0.62, 0.2224, -0.10835200000000006],
            1e-15,
            "SGD Nesterov",
        );
    }

    /// torch 2.15.0 `torch/optim/sgd.py`: the buffer starts as a clone of the gradient, undamped;
    /// the script's "damp=0.5" line prints 0.8, 0.54.
    #[test]
    fn first_step_ignores_dampening() {
        let damp = SgdConfig {
            momentum: 0.9,
            dampening: 0.5,
            ..SgdConfig::default()
        };
        let xs = run_scalar(&damp, 0.1, 2);
        assert!((xs[0] - 0.8).abs() < 1e-15);
        // b₂ = 0.9·2 + 0.5·1.6 = 2.6 → x₂ = 0.8 − 0.26.
        assert!((xs[1] - 0.54).abs() < 1e-15);
    }
}
