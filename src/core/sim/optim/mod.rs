//! The optimizers, with the update rules and defaults of PyTorch and the official repositories.
//!
//! Each optimizer is a configuration (immutable, with the library defaults) plus a separate state
//! (moment buffers, step count): [`Optimizer::step`] takes the state in and leaves the next state,
//! so a run is `state₀ → state₁ → …` and a test can inspect every intermediate state.

pub mod adam;
pub mod lion;
pub mod sgd;
pub mod sophia;

use self::adam::{AdamConfig, AdamState};
use self::lion::{LionConfig, LionState};
use self::sgd::{SgdConfig, SgdState};
use self::sophia::{SophiaConfig, SophiaState};
use crate::core::error::{ErrorKind, InputError};
use crate::core::sim::problem::CurvatureEstimator;

/// What one update needs besides the gradient.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StepContext {
    /// This update's learning rate (the schedule's value).
    pub lr: f64,
    /// The batch size, for Sophia's `bs` factor (official `step(bs=…)`).
    pub batch_size: usize,
}

/// An update rule: configuration in `self`, state passed in and out.
pub trait Optimizer {
    /// Everything the rule carries from one update to the next.
    type State;

    /// The state before the first update, for `dim` parameters.
    fn init_state(&self, dim: usize) -> Self::State;

    /// One update of `params` in place from the minibatch gradient `grad`.
    fn step(&self, state: &mut Self::State, params: &mut [f64], grad: &[f64], ctx: StepContext);

    /// Whether the curvature estimate should be refreshed after update `update` (1-based).
    fn curvature_due(&self, _update: u64) -> bool {
        false
    }

    /// Folds a fresh curvature estimate into the state (Sophia's `update_hessian`).
    fn update_curvature(&self, _state: &mut Self::State, _estimate: &[f64]) {}

    /// Which curvature estimate [`Optimizer::update_curvature`] wants.
    fn curvature_estimator(&self) -> CurvatureEstimator {
        CurvatureEstimator::Gnb
    }
}

/// torch.sign: +1, −1, or the value itself for ±0 and NaN (unlike `f64::signum`, which gives ±1 at ±0).
pub(crate) fn sign(x: f64) -> f64 {
    if x > 0.0 {
        1.0
    } else if x < 0.0 {
        -1.0
    } else {
        x
    }
}

/// The optimizers offered (the `opts` URL words).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum OptimizerKind {
    /// Plain SGD (torch defaults: no momentum, no decay).
    Sgd,
    /// SGD with heavy-ball momentum 0.9.
    Momentum,
    /// SGD with Nesterov momentum 0.9.
    Nesterov,
    /// Adam (torch defaults, coupled L2 decay 0).
    Adam,
    /// AdamW (torch defaults, decoupled decay 0.01).
    AdamW,
    /// SophiaG (official defaults).
    Sophia,
    /// Lion (official defaults).
    Lion,
}

impl OptimizerKind {
    /// All kinds, in the order the UI lists them.
    pub const ALL: [OptimizerKind; 7] = [
        OptimizerKind::Sgd,
        OptimizerKind::Momentum,
        OptimizerKind::Nesterov,
        OptimizerKind::Adam,
        OptimizerKind::AdamW,
        OptimizerKind::Sophia,
        OptimizerKind::Lion,
    ];
    /// The URL words, in the order of [`OptimizerKind::ALL`].
    pub const KEYS: &'static [&'static str] = &[
        "sgd", "momentum", "nesterov", "adam", "adamw", "sophia", "lion",
    ];

    /// The URL word.
    pub fn key(self) -> &'static str {
        match self {
            OptimizerKind::Sgd => "sgd",
            OptimizerKind::Momentum => "momentum",
            OptimizerKind::Nesterov => "nesterov",
            OptimizerKind::Adam => "adam",
            OptimizerKind::AdamW => "adamw",
            OptimizerKind::Sophia => "sophia",
            OptimizerKind::Lion => "lion",
        }
    }

    /// Reads one URL word.
    pub fn parse(text: &str, field: &'static str) -> Result<Self, InputError> {
        let t = text.trim();
        Self::ALL
            .into_iter()
            .find(|k| k.key() == t)
            .ok_or_else(|| InputError::new(field, ErrorKind::NotOneOf(Self::KEYS)))
    }

    /// The configuration with library defaults. PyTorch's SGD has `momentum = 0` by default; the
    /// `momentum` and `nesterov` entries use the customary 0.9 (torch `sgd.py` docstring example).
    pub fn config(self) -> OptimizerConfig {
        match self {
            OptimizerKind::Sgd => OptimizerConfig::Sgd(SgdConfig::default()),
            OptimizerKind::Momentum => OptimizerConfig::Sgd(SgdConfig {
                momentum: 0.9,
                ..SgdConfig::default()
            }),
            OptimizerKind::Nesterov => OptimizerConfig::Sgd(SgdConfig {
                momentum: 0.9,
                nesterov: true,
                ..SgdConfig::default()
            }),
            OptimizerKind::Adam => OptimizerConfig::Adam(AdamConfig::adam()),
            OptimizerKind::AdamW => OptimizerConfig::Adam(AdamConfig::adamw()),
            OptimizerKind::Sophia => OptimizerConfig::Sophia(SophiaConfig::default()),
            OptimizerKind::Lion => OptimizerConfig::Lion(LionConfig::default()),
        }
    }
}

/// Any optimizer's configuration.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum OptimizerConfig {
    /// `torch.optim.SGD` (plain, momentum, Nesterov).
    Sgd(SgdConfig),
    /// `torch.optim.Adam` / `AdamW`.
    Adam(AdamConfig),
    /// SophiaG.
    Sophia(SophiaConfig),
    /// Lion.
    Lion(LionConfig),
}

/// Any optimizer's state (matches the [`OptimizerConfig`] variant that made it).
#[derive(Debug, Clone, PartialEq)]
pub enum OptimizerState {
    /// SGD state.
    Sgd(SgdState),
    /// Adam/AdamW state.
    Adam(AdamState),
    /// SophiaG state.
    Sophia(SophiaState),
    /// Lion state.
    Lion(LionState),
}

impl Optimizer for OptimizerConfig {
    type State = OptimizerState;

    fn init_state(&self, dim: usize) -> OptimizerState {
        match self {
            OptimizerConfig::Sgd(c) => OptimizerState::Sgd(c.init_state(dim)),
            OptimizerConfig::Adam(c) => OptimizerState::Adam(c.init_state(dim)),
            OptimizerConfig::Sophia(c) => OptimizerState::Sophia(c.init_state(dim)),
            OptimizerConfig::Lion(c) => OptimizerState::Lion(c.init_state(dim)),
        }
    }

    /// Dispatches to the variant's rule; a state of another variant is left as is (cannot happen
    /// when the state came from [`Optimizer::init_state`] of the same configuration).
    fn step(&self, state: &mut OptimizerState, params: &mut [f64], grad: &[f64], ctx: StepContext) {
        match (self, state) {
            (OptimizerConfig::Sgd(c), OptimizerState::Sgd(s)) => c.step(s, params, grad, ctx),
            (OptimizerConfig::Adam(c), OptimizerState::Adam(s)) => c.step(s, params, grad, ctx),
            (OptimizerConfig::Sophia(c), OptimizerState::Sophia(s)) => c.step(s, params, grad, ctx),
            (OptimizerConfig::Lion(c), OptimizerState::Lion(s)) => c.step(s, params, grad, ctx),
            _ => {}
        }
    }

    fn curvature_due(&self, update: u64) -> bool {
        match self {
            OptimizerConfig::Sophia(c) => c.curvature_due(update),
            _ => false,
        }
    }

    fn curvature_estimator(&self) -> CurvatureEstimator {
        match self {
            OptimizerConfig::Sophia(c) => c.estimator,
            _ => CurvatureEstimator::Gnb,
        }
    }

    fn update_curvature(&self, state: &mut OptimizerState, estimate: &[f64]) {
        if let (OptimizerConfig::Sophia(c), OptimizerState::Sophia(s)) = (self, state) {
            c.update_curvature(s, estimate);
        }
    }
}

#[cfg(test)]
pub(crate) mod test_vectors {
    //! The harness of the optimizer tests: f(x) = ½·h·x² with h = 2 (g = 2x), x₀ = 1, f64; the
    //! same problem as `run_scalar` in `tests/reference/optim_trajectories.py` and
    //! `tests/reference/sophia_trajectory.py`, which print the reference numbers.
    use super::*;

    /// x after each of `steps` updates of `opt` at constant `lr` on f(x) = x² (g = 2x).
    pub fn run_scalar<O: Optimizer>(opt: &O, lr: f64, steps: usize) -> Vec<f64> {
        let mut state = opt.init_state(1);
        let mut x = [1.0];
        let mut out = Vec::new();
        for _ in 0..steps {
            let g = [2.0 * x[0]];
            opt.step(&mut state, &mut x, &g, StepContext { lr, batch_size: 1 });
            out.push(x[0]);
        }
        out
    }

    /// Asserts `got` matches `want` to `tol`.
    pub fn assert_close(got: &[f64], want: &[f64], tol: f64, what: &str) {
        assert_eq!(got.len(), want.len(), "{what}");
        for (i, (g, w)) in got.iter().zip(want).enumerate() {
            assert!((g - w).abs() < tol, "{what}, step {}: {g} vs {w}", i + 1);
        }
    }

    #[test]
    fn kinds_parse_and_sign_matches_torch() {
        for k in OptimizerKind::ALL {
            assert_eq!(OptimizerKind::parse(k.key(), "opts"), Ok(k));
        }
        assert_eq!(
            OptimizerKind::parse("rmsprop", "opts").unwrap_err().field,
            "opts"
        );
        assert_eq!(sign(0.0), 0.0);
        assert_eq!(sign(-3.0), -1.0);
        assert!(sign(f64::NAN).is_nan());
    }
}
