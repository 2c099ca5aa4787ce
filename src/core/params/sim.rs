//! The Simulator view's parameters (read by `core::sim::input` and `core::sim::options`; the
//! page reads `sweep_opt` and `div_t`). The learning rate, schedule, warmup, data-set size,
//! epochs and label-noise keys carry a `sim_` prefix because the Steps and Data views own `lr`,
//! `sched`, `warmup`, `n`, `epochs` and `label_noise` with other meanings and defaults.
//!
//! The defaults: the quadratic, SGD, momentum and Adam at B = 16, 128, 1024, 800 updates
//! (enough for B = 16 to reach the target with SGD), 2 seeds, constant rate: 18 runs, under
//! 100 ms of WASM compute. A blank default means "off" (the rule in the comment applies).

use super::{ParamSpec, Rule};
use crate::core::sim::config::{MAX_LR, MAX_STEPS};
use crate::core::sim::dataset::{DEFAULT_TRAIN_SIZE, MAX_LABEL_NOISE};
use crate::core::sim::input::{MAX_SEED, MAX_SEEDS, MAX_SIM_EPOCHS};
use crate::core::sim::options::{MAX_ADAMW_WD, MAX_SOPHIA_K, MAX_SOPHIA_RHO};

/// `task`: `nqm`, `softmax` or `mlp`.
pub const TASK: ParamSpec = ParamSpec::custom("task", "nqm");
/// `opts`: comma list of optimizers.
pub const OPTS: ParamSpec = ParamSpec::custom("opts", "sgd,momentum,adam");
/// `bs`: comma list of batch sizes.
pub const BS: ParamSpec = ParamSpec::custom("bs", "16,128,1024");
/// `sim_lr`: blank, a rate in (0, `MAX_LR`], or `auto`.
pub const LR: ParamSpec = ParamSpec::custom("sim_lr", "");

const fn rate(key: &'static str) -> ParamSpec {
    ParamSpec::ruled(key, "", Rule::Positive { max: MAX_LR })
}

/// `lr_sgd`: SGD's own rate (blank: `sim_lr`'s rule).
pub const LR_SGD: ParamSpec = rate("lr_sgd");
/// `lr_momentum`: heavy-ball momentum's own rate.
pub const LR_MOMENTUM: ParamSpec = rate("lr_momentum");
/// `lr_nesterov`: Nesterov momentum's own rate.
pub const LR_NESTEROV: ParamSpec = rate("lr_nesterov");
/// `lr_adam`: Adam's own rate.
pub const LR_ADAM: ParamSpec = rate("lr_adam");
/// `lr_adamw`: AdamW's own rate.
pub const LR_ADAMW: ParamSpec = rate("lr_adamw");
/// `lr_sophia`: Sophia's own rate.
pub const LR_SOPHIA: ParamSpec = rate("lr_sophia");
/// `lr_lion`: Lion's own rate.
pub const LR_LION: ParamSpec = rate("lr_lion");

/// The per-optimizer rates, in `OptimizerKind::ALL` order.
pub const LR_OPT: [ParamSpec; 7] = [
    LR_SGD,
    LR_MOMENTUM,
    LR_NESTEROV,
    LR_ADAM,
    LR_ADAMW,
    LR_SOPHIA,
    LR_LION,
];

/// `steps`: optimizer updates per run.
pub const STEPS: ParamSpec = ParamSpec::ruled(
    "steps",
    "800",
    Rule::Count {
        min: 1,
        max: MAX_STEPS,
    },
);
/// `seed`: the first seed.
pub const SEED: ParamSpec = ParamSpec::ruled(
    "seed",
    "1",
    Rule::Count {
        min: 0,
        max: MAX_SEED,
    },
);
/// `seeds`: runs averaged per setting.
pub const SEEDS: ParamSpec = ParamSpec::ruled(
    "seeds",
    "2",
    Rule::Count {
        min: 1,
        max: MAX_SEEDS,
    },
);
/// `x`: the loss chart's axis, `steps`, `examples` or `epochs`.
pub const X: ParamSpec = ParamSpec::custom("x", "steps");
/// `target`: blank (the task's default) or a loss > 0.
pub const TARGET: ParamSpec = ParamSpec::custom("target", "");
/// `sim_sched`: schedule family.
pub const SCHED: ParamSpec = ParamSpec::custom("sim_sched", "constant");
/// `sim_warmup`: steps (≥ 1) or a ratio of the run (< 1).
pub const WARMUP: ParamSpec = ParamSpec::custom("sim_warmup", "0");
/// `sweep_opt`: the optimizer shown in the sweep chart (blank: the first).
pub const SWEEP_OPT: ParamSpec = ParamSpec::custom("sweep_opt", "");
/// `sim_noise`: the quadratic's noise model, `hessian` or `isotropic`.
pub const NOISE: ParamSpec = ParamSpec::custom("sim_noise", "hessian");
/// `sophia_est`: Sophia's curvature estimator, `gnb` or `hutchinson`.
pub const SOPHIA_EST: ParamSpec = ParamSpec::custom("sophia_est", "gnb");
/// `sophia_rho`: Sophia's ρ, in (0, `MAX_SOPHIA_RHO`].
pub const SOPHIA_RHO: ParamSpec = ParamSpec::ruled(
    "sophia_rho",
    "0.04",
    Rule::Positive {
        max: MAX_SOPHIA_RHO,
    },
);
/// `sophia_k`: Sophia's refresh interval.
pub const SOPHIA_K: ParamSpec = ParamSpec::ruled(
    "sophia_k",
    "10",
    Rule::Count {
        min: 1,
        max: MAX_SOPHIA_K,
    },
);
/// `sophia_b2`: Sophia's β₂, in [0, 1) (read by `core::sim::options`).
pub const SOPHIA_B2: ParamSpec = ParamSpec::custom("sophia_b2", "0.99");
/// `adamw_wd`: AdamW's decoupled weight decay λ.
pub const ADAMW_WD: ParamSpec = ParamSpec::ruled(
    "adamw_wd",
    "0.01",
    Rule::Real {
        min: 0.0,
        max: MAX_ADAMW_WD,
    },
);
/// `div_t`: the update the divisor chart reads (blank: the last).
pub const DIV_T: ParamSpec = ParamSpec::ruled(
    "div_t",
    "",
    Rule::Count {
        min: 1,
        max: MAX_STEPS,
    },
);
/// `sim_n`: training examples of the data sets.
pub const N: ParamSpec = ParamSpec::ruled(
    "sim_n",
    "10000",
    Rule::Count {
        min: 1,
        max: DEFAULT_TRAIN_SIZE as u64,
    },
);
/// `sim_label_noise`: the fraction of training labels flipped.
pub const LABEL_NOISE: ParamSpec = ParamSpec::ruled(
    "sim_label_noise",
    "0",
    Rule::Real {
        min: 0.0,
        max: MAX_LABEL_NOISE,
    },
);
/// `sim_epochs`: blank, or an epoch budget on the data sets.
pub const EPOCHS: ParamSpec = ParamSpec::ruled(
    "sim_epochs",
    "",
    Rule::Positive {
        max: MAX_SIM_EPOCHS,
    },
);

/// Every Simulator parameter, in URL order.
pub const ALL: [ParamSpec; 29] = [
    TASK,
    OPTS,
    BS,
    LR,
    LR_SGD,
    LR_MOMENTUM,
    LR_NESTEROV,
    LR_ADAM,
    LR_ADAMW,
    LR_SOPHIA,
    LR_LION,
    STEPS,
    SEED,
    SEEDS,
    X,
    TARGET,
    SCHED,
    WARMUP,
    SWEEP_OPT,
    NOISE,
    SOPHIA_EST,
    SOPHIA_RHO,
    SOPHIA_K,
    SOPHIA_B2,
    ADAMW_WD,
    DIV_T,
    N,
    LABEL_NOISE,
    EPOCHS,
];
