//! The optimizer settings a reader may change from the library defaults: Sophia's ρ, k (the
//! refresh interval), β₂ and curvature estimator, and AdamW's decoupled weight decay λ.
//!
//! Left at their defaults they give exactly [`OptimizerKind::config`]: SophiaG's `__init__`
//! defaults and `hess_interval` of `train_sophiag.py` (Liuhong99/Sophia at a7e1572), and
//! `torch.optim.AdamW`'s weight_decay = 1e-2 (torch 2.15.0 `torch/optim/adamw.py`).
//!
//! **Decoupled decay** (Loshchilov & Hutter 2019, "Decoupled Weight Decay Regularization", §2 and
//! Alg. 2): Adam's L2 term λθ is added to the gradient and so divided by √v̂ like the rest of it,
//! which weakens the decay exactly where gradients are large; AdamW instead shrinks the weights
//! directly, θ ← θ(1 − γλ), outside the adaptive step, so every coordinate decays at the same rate.

use super::optim::adam::AdamConfig;
use super::optim::sophia::SophiaConfig;
use super::optim::{OptimizerConfig, OptimizerKind};
use super::problem::CurvatureEstimator;
use crate::core::error::{ErrorKind, InputError};
use crate::core::params::sim as P;
use crate::core::schedule::Schedule;
use crate::core::units::parse_number;

/// The largest Sophia ρ accepted.
pub const MAX_SOPHIA_RHO: f64 = 100.0;
/// The largest refresh interval k accepted.
pub const MAX_SOPHIA_K: u64 = 1000;
/// The largest AdamW λ accepted.
pub const MAX_ADAMW_WD: f64 = 100.0;

/// Settings that differ from the library defaults.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct OptimizerOptions {
    /// Sophia's configuration (ρ, k, β₂ and the estimator may differ from the defaults).
    pub sophia: SophiaConfig,
    /// AdamW's decoupled weight decay λ.
    pub adamw_weight_decay: f64,
}

impl Default for OptimizerOptions {
    fn default() -> Self {
        OptimizerOptions {
            sophia: SophiaConfig::default(),
            adamw_weight_decay: AdamConfig::adamw().weight_decay,
        }
    }
}

impl OptimizerOptions {
    /// The configuration of `kind` with these settings.
    pub fn config(&self, kind: OptimizerKind) -> OptimizerConfig {
        match kind {
            OptimizerKind::Sophia => OptimizerConfig::Sophia(self.sophia),
            OptimizerKind::AdamW => OptimizerConfig::Adam(AdamConfig {
                weight_decay: self.adamw_weight_decay,
                ..AdamConfig::adamw()
            }),
            k => k.config(),
        }
    }

    /// The fraction of its settled value that Sophia's curvature EMA has reached after `updates`
    /// updates: it starts at 0 and is refreshed ⌊t/k⌋ times with weight 1 − β₂ and no bias
    /// correction (`update_hessian` in `sophia.py`), so ĥ = (1 − β₂ⁿ)·h for a constant estimate h.
    pub fn sophia_warmth(&self, updates: u64) -> f64 {
        let n = updates / self.sophia.hessian_interval.max(1);
        1.0 - crate::core::math::pow(self.sophia.beta2, n as f64)
    }
}

/// What decoupled decay alone multiplies the weights by over `steps` updates of `schedule` with
/// decay λ = `wd`: Π (1 − γₜλ) (AdamW's θ ← θ(1 − γλ), torch 2.15.0 `adamw.py`; Loshchilov &
/// Hutter 2019, Alg. 2 line 12 with the schedule multiplier folded into γₜ).
pub fn decay_factor(schedule: &Schedule, wd: f64, steps: u64) -> f64 {
    (1..=steps).fold(1.0, |acc, u| acc * (1.0 - schedule.lr_at_update(u) * wd))
}

/// The options as typed (blank = the default).
#[derive(Debug, Clone, Copy, Default)]
pub struct OptionsText<'a> {
    /// `sophia_est`: gnb or hutchinson.
    pub estimator: &'a str,
    /// `sophia_rho`.
    pub rho: &'a str,
    /// `sophia_k`.
    pub k: &'a str,
    /// `sophia_b2`.
    pub beta2: &'a str,
    /// `adamw_wd`.
    pub adamw_wd: &'a str,
}

fn blank_or<T>(
    text: &str,
    default: T,
    parse: impl Fn(&str) -> Result<T, InputError>,
) -> Result<T, InputError> {
    if text.trim().is_empty() {
        Ok(default)
    } else {
        parse(text)
    }
}

fn in_range(
    text: &str,
    field: &'static str,
    lo: f64,
    lo_open: bool,
    hi: f64,
    hi_open: bool,
) -> Result<f64, InputError> {
    let x = parse_number(text, field)?;
    if (lo_open && x <= lo) || (!lo_open && x < lo) {
        let kind = if lo_open {
            ErrorKind::NotAbove(lo)
        } else {
            ErrorKind::BelowMin(lo)
        };
        return Err(InputError::new(field, kind));
    }
    if (hi_open && x >= hi) || (!hi_open && x > hi) {
        let kind = if hi_open {
            ErrorKind::NotBelow(hi)
        } else {
            ErrorKind::AboveMax(hi)
        };
        return Err(InputError::new(field, kind));
    }
    Ok(x)
}

impl OptionsText<'_> {
    /// Reads every field, pushing each bad one to `errors` (its default is used in its place).
    pub fn parse_into(&self, errors: &mut Vec<InputError>) -> OptimizerOptions {
        let d = OptimizerOptions::default();
        let mut take = |r: Result<f64, InputError>, fallback: f64| match r {
            Ok(v) => v,
            Err(e) => {
                errors.push(e);
                fallback
            }
        };
        let rho = take(
            blank_or(self.rho, d.sophia.rho, |t| {
                in_range(t, P::SOPHIA_RHO.key, 0.0, true, MAX_SOPHIA_RHO, false)
            }),
            d.sophia.rho,
        );
        let beta2 = take(
            blank_or(self.beta2, d.sophia.beta2, |t| {
                in_range(t, P::SOPHIA_B2.key, 0.0, false, 1.0, true)
            }),
            d.sophia.beta2,
        );
        let wd = take(
            blank_or(self.adamw_wd, d.adamw_weight_decay, |t| {
                in_range(t, P::ADAMW_WD.key, 0.0, false, MAX_ADAMW_WD, false)
            }),
            d.adamw_weight_decay,
        );
        let k = match blank_or(self.k, d.sophia.hessian_interval, |t| P::SOPHIA_K.count(t)) {
            Ok(k) => k,
            Err(e) => {
                errors.push(e);
                d.sophia.hessian_interval
            }
        };
        let estimator = match blank_or(self.estimator, CurvatureEstimator::Gnb, |t| {
            CurvatureEstimator::parse(t, P::SOPHIA_EST.key)
        }) {
            Ok(e) => e,
            Err(e) => {
                errors.push(e);
                CurvatureEstimator::Gnb
            }
        };
        OptimizerOptions {
            sophia: SophiaConfig {
                rho,
                beta2,
                hessian_interval: k,
                estimator,
                ..d.sophia
            },
            adamw_weight_decay: wd,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_library_defaults() {
        let d = OptionsText::default();
        let mut errors = Vec::new();
        let o = d.parse_into(&mut errors);
        assert!(errors.is_empty());
        for k in OptimizerKind::ALL {
            assert_eq!(o.config(k), k.config(), "{k:?}");
        }
        // 800 updates, k = 10, β₂ = 0.99: 80 refreshes, 1 − 0.99⁸⁰ ≈ 0.552.
        assert!((o.sophia_warmth(800) - (1.0 - 0.99_f64.powi(80))).abs() < 1e-12);
        assert_eq!(o.sophia_warmth(9), 0.0);
        // torch's λ = 0.01 at rate 0.01 over 800 updates: 0.9999⁸⁰⁰ ≈ 0.923; λ = 1: 0.99⁸⁰⁰ ≈ 3.2e-4.
        let c = Schedule::constant(0.01, 800);
        assert!((decay_factor(&c, 0.01, 800) - 0.9999_f64.powi(800)).abs() < 1e-12);
        assert!((decay_factor(&c, 1.0, 800) - 0.99_f64.powi(800)).abs() < 1e-12);
    }

    #[test]
    fn fields_parse_and_bad_ones_are_named() {
        let t = OptionsText {
            estimator: "hutchinson",
            rho: "0.1",
            k: "1",
            beta2: "0.9",
            adamw_wd: "1",
        };
        let mut errors = Vec::new();
        let o = t.parse_into(&mut errors);
        assert!(errors.is_empty());
        assert_eq!(o.sophia.estimator, CurvatureEstimator::Hutchinson);
        assert_eq!(
            (o.sophia.rho, o.sophia.hessian_interval, o.sophia.beta2),
            (0.1, 1, 0.9)
        );
        match o.config(OptimizerKind::AdamW) {
            OptimizerConfig::Adam(a) => assert!(a.decoupled && a.weight_decay == 1.0),
            other => panic!("{other:?}"),
        }
        let bad = OptionsText {
            estimator: "newton",
            rho: "0",
            k: "0",
            beta2: "1",
            adamw_wd: "-1",
        };
        let mut errors = Vec::new();
        let o = bad.parse_into(&mut errors);
        let mut fields: Vec<&str> = errors.iter().map(|e| e.field).collect();
        fields.sort_unstable();
        assert_eq!(
            fields,
            [
                "adamw_wd",
                "sophia_b2",
                "sophia_est",
                "sophia_k",
                "sophia_rho"
            ]
        );
        assert_eq!(o, OptimizerOptions::default());
    }
}
