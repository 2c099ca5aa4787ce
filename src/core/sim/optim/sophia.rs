//! SophiaG as in the official code (Liuhong99/Sophia at commit a7e1572, `sophia.py`, class
//! `SophiaG`; the training loop of `train_sophiag.py`; paper: Liu et al. 2023, "Sophia: A Scalable
//! Stochastic Second-order Optimizer for Language Model Pre-training", arXiv:2305.14342, Alg. 3):
//!
//! `step(bs)`: θ ← θ(1 − γλ); m ← β₁m + (1 − β₁)g; ratio = min(|m| / (ρ·bs·h + 1e-15), 1);
//! θ ← θ − γ·sign(m)·ratio.
//! `update_hessian()`: h ← β₂h + (1 − β₂)·ĝ⊙ĝ, with ĝ the gradient of the loss on labels sampled
//! from the model's own logits (Gauss–Newton–Bartlett, see
//! [`crate::core::sim::problem::Problem::curvature`]). The paper's estimator is B·ĝ⊙ĝ; the code
//! leaves out B here and multiplies by ρ·bs in `step` instead, with bs the tokens per batch
//! (`total_bs * block_size` in `train_sophiag.py`).
//!
//! **When h is refreshed.** `train_sophiag.py` (lines 289–421 at a7e1572) keeps `iter_num`, the
//! number of updates taken so far. Every iteration takes a training gradient, calls
//! `optimizer.step(bs=…)` and `zero_grad`, and increments `iter_num`; in the iterations where
//! `iter_num % hess_interval == hess_interval - 1` held before the increment, it then runs a
//! fresh batch forward, samples labels from the logits, back-propagates that loss, calls
//! `update_hessian()` and `zero_grad`. So with k = `hess_interval` = 10 the estimate is taken at
//! the parameters after updates k, 2k, 3k, … (1-based) and first used by updates k + 1, 2k + 1, …;
//! the README loop (`iter_num = -1`, incremented right after `step`, same test) gives the same
//! updates. Updates 1…k therefore run with h = 0, that is as pure sign-momentum steps. Alg. 3 of
//! the paper is written with the estimate at steps t ≡ 1 (mod k), taken before that step's
//! update: the same parameters as the code's refreshes, plus one at t = 1 that the code does not
//! make. The simulator follows the code. Two details of the script it leaves out: the script
//! clips the sampled-label gradient to norm 1.0 (`grad_clip`) before `update_hessian`, and it
//! draws a fresh batch for the estimate, where the simulator reuses the update's batch.

use super::{Optimizer, StepContext, sign};
use crate::core::sim::problem::CurvatureEstimator;

/// The official code's ε added to the denominator.
pub const SOPHIA_EPS: f64 = 1e-15;

/// SophiaG hyper-parameters, with the defaults of `SophiaG.__init__` in `sophia.py` (the learning
/// rate comes from the schedule). The GPT-2 configs (`config/train_gpt2_*_sophiag.py`) keep these
/// betas and use ρ = 0.05–0.08 and λ = 0.2.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SophiaConfig {
    /// β₁, default 0.965.
    pub beta1: f64,
    /// β₂ (Hessian EMA), default 0.99.
    pub beta2: f64,
    /// ρ, default 0.04.
    pub rho: f64,
    /// λ (decoupled), default 0.1.
    pub weight_decay: f64,
    /// Refresh the Hessian EMA after every k-th update, default 10 (`hess_interval` of
    /// `train_sophiag.py`, `interval` of the GPT-2 configs).
    pub hessian_interval: u64,
    /// The curvature estimator: Gauss–Newton–Bartlett (SophiaG, the official code) by default;
    /// Hutchinson as the paper's Sophia-H (Alg. 1), an option here.
    pub estimator: CurvatureEstimator,
}

impl Default for SophiaConfig {
    fn default() -> Self {
        SophiaConfig {
            beta1: 0.965,
            beta2: 0.99,
            rho: 0.04,
            weight_decay: 0.1,
            hessian_interval: 10,
            estimator: CurvatureEstimator::Gnb,
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
    /// The fraction of coordinates whose last ratio was below 1 (`train/win_rate` of
    /// `train_sophiag.py`: |m| < ρ·bs·h), for `bs` and `rho`.
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

    /// After updates k, 2k, 3k, … (1-based), as `train_sophiag.py` (see the module docs).
    fn curvature_due(&self, update: u64) -> bool {
        let k = self.hessian_interval.max(1);
        update > 0 && update.is_multiple_of(k)
    }

    fn curvature_estimator(&self) -> CurvatureEstimator {
        self.estimator
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
    //! The reference numbers come from the official `SophiaG` class (Liuhong99/Sophia at commit
    //! a7e157229b71d58cf995d32854f1be15c265b350, `sophia.py`) run in float64 with torch 2.15.0 by
    //! `tests/reference/sophia_trajectory.py`:
    //!
    //! ```text
    //! git clone https://github.com/Liuhong99/Sophia /tmp/Sophia
    //! /work/venv/bin/python tests/reference/sophia_trajectory.py --sophia-dir /tmp/Sophia
    //! ```
    use super::super::test_vectors::{assert_close, run_scalar};
    use super::*;
    use crate::core::schedule::Schedule;
    use crate::core::sim::optim::OptimizerConfig;
    use crate::core::sim::problem::{Batch, NoiseStats, Problem};
    use crate::core::sim::rng::SimRng;
    use crate::core::sim::run::{RunSpec, RunState};

    /// The script's "h = 0" case: lr = 0.1, other defaults, f(x) = x², no Hessian update yet.
    #[test]
    fn sign_momentum_before_any_hessian() {
        let c = SophiaConfig::default();
        assert_close(
            &run_scalar(&c, 0.1, 2),
            &[0.89, 0.7811],
            1e-15,
            "SophiaG h = 0",
        );
    }

    /// The script's "given Hessian" case: three coordinates, x₀ = 1, g = 2, lr = 0.1, ρ = 1, wd = 0,
    /// bs = 1; `update_hessian` with the gradient (10, 1, 0) → h = (1, 0.01, 0) up to rounding;
    /// one step → m = 0.07 and x = (0.993, 0.9, 0.9).
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
        // torch prints 1.0000000000000009 and 0.010000000000000009.
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

    /// The script's "rho*bs factor" case: ρ = 0.04, bs = 5120, h = 1e-3 → ratio 0.07/0.2048 =
    /// 0.341796875, x₁ = 0.9658203125 (torch: 0.9658203125000001).
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
        assert!((x[0] - 0.9658203125).abs() < 1e-15);
    }

    #[test]
    fn refresh_schedule_follows_the_training_script() {
        let c = SophiaConfig::default();
        let due: Vec<u64> = (0..=30).filter(|&u| c.curvature_due(u)).collect();
        assert_eq!(due, vec![10, 20, 30]);
        let k3 = SophiaConfig {
            hessian_interval: 3,
            ..c
        };
        let due: Vec<u64> = (0..=9).filter(|&u| k3.curvature_due(u)).collect();
        assert_eq!(due, vec![3, 6, 9]);
    }

    /// The script's fixed problem: loss ½ Σ hᵢxᵢ², noiseless gradient h ⊙ x, and the sampled-label
    /// gradient stood in for by c ⊙ x at the parameters after the update, so the estimate is
    /// (c ⊙ x)² (its `H`, `C`, `X0`).
    struct FixedQuadratic;

    const H: [f64; 3] = [2.0, 0.5, 0.125];
    const C: [f64; 3] = [40.0, 3.0, 20.0];
    const X0: [f64; 3] = [1.0, -0.5, 2.0];

    impl Problem for FixedQuadratic {
        fn dim(&self) -> usize {
            3
        }
        fn train_size(&self) -> Option<usize> {
            None
        }
        fn init(&self, _rng: &mut SimRng) -> Vec<f64> {
            X0.to_vec()
        }
        fn loss(&self, params: &[f64]) -> f64 {
            0.5 * params.iter().zip(H).map(|(x, h)| h * x * x).sum::<f64>()
        }
        fn heldout_loss(&self, params: &[f64]) -> f64 {
            self.loss(params)
        }
        fn gradient(&self, params: &[f64], _: Batch<'_>, _: &mut SimRng, grad: &mut [f64]) -> f64 {
            for ((g, x), h) in grad.iter_mut().zip(params).zip(H) {
                *g = h * x;
            }
            self.loss(params)
        }
        fn curvature(&self, params: &[f64], _: Batch<'_>, _: &mut SimRng, out: &mut [f64]) {
            for ((o, x), c) in out.iter_mut().zip(params).zip(C) {
                *o = (c * x) * (c * x);
            }
        }
        fn noise_stats(&self, _: &[f64], _: usize, _: &mut SimRng) -> NoiseStats {
            NoiseStats::from_parts(0.0, 0.0, None, 0)
        }
    }

    /// The loss after each of 25 updates of the official training loop on [`FixedQuadratic`]
    /// (bs = 8, lr = 0.05, hess_interval = 10, SophiaG defaults), run through the simulator's
    /// own loop ([`RunState`]). Refreshing after updates 9 and 19 instead, as before, moves the
    /// loss from update 10 on (update 10 would already use a Hessian).
    #[test]
    fn trajectory_matches_the_official_training_loop() {
        let spec = RunSpec {
            optimizer: OptimizerConfig::Sophia(SophiaConfig::default()),
            batch_size: 8,
            schedule: Schedule::constant(0.05, 25),
            steps: 25,
            seed: 0,
            eval_every: 0,
        };
        let mut run = RunState::new(&FixedQuadratic, &spec, None);
        while run.advance(&FixedQuadratic, u64::MAX) {}
        let (traj, x) = run.into_parts();
        let want = [
            1.3125,
            1.1783140625,
            1.0526181922265625,
            0.9352919429466022,
            0.8262162486672722,
            0.7252734089741208,
            0.6323470745199722,
            0.5473222326630018,
            0.47008519325249776,
            0.400523574560812,
            0.33852628936002077,
            0.316957808476514,
            0.2972587161896784,
            0.27957037824900444,
            0.2640138722484715,
            0.2506896538045776,
            0.23967752752406185,
            0.23103689918382023,
            0.2248072836748619,
            0.2008160792044984,
            0.17956078295637765,
            0.16273223876315324,
            0.1482044414275273,
            0.13593947298904901,
            0.12589197594073337,
            0.11800999061087458,
        ];
        assert_close(&traj.loss, &want, 1e-14, "loss");
        let x_want = [0.1159242851116799, 0.04710038522727186, 1.2900662876617228];
        assert_close(&x, &x_want, 1e-14, "x after 25 updates");
    }
}
