//! Lion (Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms", arXiv:2302.06675;
//! code: google/automl `lion/lion_pytorch.py`, and the same `update_fn` in lion-pytorch
//! 0.2.5 `lion_pytorch/lion_pytorch.py`):
//!
//! 1. θ ← θ(1 − γλ); 2. c = β₁m + (1 − β₁)g; 3. θ ← θ − γ·sign(c); 4. m ← β₂m + (1 − β₂)g.

use super::{Optimizer, StepContext, sign};

/// Lion hyper-parameters, with the official defaults (the learning rate comes from the schedule).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LionConfig {
    /// β₁, default 0.9.
    pub beta1: f64,
    /// β₂, default 0.99.
    pub beta2: f64,
    /// λ (decoupled), default 0.
    pub weight_decay: f64,
}

impl Default for LionConfig {
    fn default() -> Self {
        LionConfig {
            beta1: 0.9,
            beta2: 0.99,
            weight_decay: 0.0,
        }
    }
}

/// Lion state: `exp_avg`.
#[derive(Debug, Clone, PartialEq)]
pub struct LionState {
    /// The momentum m.
    pub exp_avg: Vec<f64>,
}

impl Optimizer for LionConfig {
    type State = LionState;

    fn init_state(&self, dim: usize) -> LionState {
        LionState {
            exp_avg: vec![0.0; dim],
        }
    }

    fn step(&self, state: &mut LionState, params: &mut [f64], grad: &[f64], ctx: StepContext) {
        let (b1, b2, lr) = (self.beta1, self.beta2, ctx.lr);
        for ((p, &g), m) in params.iter_mut().zip(grad).zip(state.exp_avg.iter_mut()) {
            *p *= 1.0 - lr * self.weight_decay;
            let c = *m * b1 + g * (1.0 - b1);
            *p -= lr * sign(c);
            *m = *m * b2 + g * (1.0 - b2);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_vectors::{assert_close, run_scalar};
    use super::*;

    /// x after each update of f(x) = x² from x₀ = 1 (the `run_scalar` harness), and the momentum
    /// after three, as printed by `tests/reference/optim_trajectories.py` (run: `python
    /// tests/reference/optim_trajectories.py`), which runs `lion_pytorch.Lion` (lion-pytorch 0.2.5,
    /// `lion_pytorch/lion_pytorch.py`, float64).
    #[test]
    fn official_test_vectors() {
        let lion = LionConfig::default();
        assert_close(
            &run_scalar(&lion, 0.1, 3),
            &[0.9, 0.8, 0.7000000000000001],
            1e-15,
            "Lion wd=0",
        );
        let decayed = LionConfig {
            weight_decay: 0.1,
            ..lion
        };
        assert_close(
            &run_scalar(&decayed, 0.1, 3),
            &[0.89, 0.7811, 0.673289],
            1e-15,
            "Lion wd=0.1",
        );
        // The script's "exp_avg after 3" line: 0.053422000000000046.
        let mut state = lion.init_state(1);
        let mut x = [1.0];
        for _ in 0..3 {
            let g = [2.0 * x[0]];
            lion.step(
                &mut state,
                &mut x,
                &g,
                StepContext {
                    lr: 0.1,
                    batch_size: 1,
                },
            );
        }
        assert!((state.exp_avg[0] - 0.053422000000000046).abs() < 1e-15);
    }
}
