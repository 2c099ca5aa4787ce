//! The Data view's parameters: the mixing calculator's (read by `core::mix`) and the
//! experiments' (read by `core::data_exp::settings`).

use super::{ParamSpec, Rule};
use crate::core::mix::{FIELD_DRAW, FIELD_K, FIELD_MIX, FIELD_T, FIELD_TASKS, MAX_DRAW};

/// `tasks`: the task table, `name:count[:seq],…` (rows read by `core::mix::parse_tasks`).
pub const TASKS: ParamSpec =
    ParamSpec::custom(FIELD_TASKS, "classify:24000,extract:3000,generate:250");
/// `mix`: `examples` (by size, with K and T) or `equal`.
pub const MIX: ParamSpec = ParamSpec::custom(FIELD_MIX, "examples");
/// `k`: the cap K (empty = none).
pub const K: ParamSpec = ParamSpec::custom(FIELD_K, "");
/// `t`: the temperature T.
pub const T: ParamSpec = ParamSpec::custom(FIELD_T, "1");
/// `draw`: examples drawn in total (empty = the Steps view's run).
pub const DRAW: ParamSpec = ParamSpec::ruled(FIELD_DRAW, "", Rule::Positive { max: MAX_DRAW });

/// The mixing calculator's parameters, in URL order.
pub const MIXING: [ParamSpec; 5] = [TASKS, MIX, K, T, DRAW];

/// The experiments' parameters. The defaults tell a story: 200 clean examples against four
/// times as many with 40 % of labels random; a quarter of the phrasings seen in training.
pub mod exp {
    use super::super::{ParamSpec, Rule};
    use crate::core::data_exp::quality::{MAX_CLEAN, MAX_MULTIPLE};

    /// `label_noise`: fraction p of the noisy set's labels replaced by random classes.
    pub const LABEL_NOISE: ParamSpec =
        ParamSpec::ruled("label_noise", "0.4", Rule::Real { min: 0.0, max: 1.0 });
    /// `clean_n`: the clean set's size n.
    pub const CLEAN_N: ParamSpec = ParamSpec::ruled(
        "clean_n",
        "200",
        Rule::Count {
            min: 1,
            max: MAX_CLEAN as u64,
        },
    );
    /// `noisy_x`: the noisy set holds `noisy_x`·n examples.
    pub const NOISY_X: ParamSpec =
        ParamSpec::ruled("noisy_x", "4", Rule::Positive { max: MAX_MULTIPLE });
    /// `coverage`: fraction of the phrasings present in the diversity experiment's training set.
    pub const COVERAGE: ParamSpec =
        ParamSpec::ruled("coverage", "0.25", Rule::Positive { max: 1.0 });
    /// `exp_seed`: the seed of every experiment (tasks, draws, initial weights).
    pub const EXP_SEED: ParamSpec = ParamSpec::ruled(
        "exp_seed",
        "1",
        Rule::Count {
            min: 1,
            max: 1_000_000_000,
        },
    );

    /// Every experiment parameter, in URL order.
    pub const ALL: [ParamSpec; 5] = [LABEL_NOISE, CLEAN_N, NOISY_X, COVERAGE, EXP_SEED];
}

pub use exp::{CLEAN_N, COVERAGE, EXP_SEED, LABEL_NOISE, NOISY_X};

/// Every Data view parameter, in URL order.
pub const ALL: [ParamSpec; 10] = [
    TASKS,
    MIX,
    K,
    T,
    DRAW,
    LABEL_NOISE,
    CLEAN_N,
    NOISY_X,
    COVERAGE,
    EXP_SEED,
];
