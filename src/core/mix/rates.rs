//! Mixing rates: examples-proportional with a cap and a temperature, equal, and the
//! multilingual exponent form, and the validated settings that pick one.

use super::*;
use crate::core::error::{ErrorKind, InputError};
use crate::core::units::parse_number;

/// The `mix` URL values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MixKind {
    /// Rates from example counts, with the cap and temperature (`examples`, the default).
    Examples,
    /// Every task the same rate (`equal`).
    Equal,
}

impl MixKind {
    /// The URL words.
    pub const KEYS: &'static [&'static str] = &["examples", "equal"];

    /// Reads `mix`; empty means `examples`.
    pub fn parse(text: &str) -> Result<Self, InputError> {
        match text.trim() {
            "" | "examples" => Ok(MixKind::Examples),
            "equal" => Ok(MixKind::Equal),
            _ => Err(InputError::new(FIELD_MIX, ErrorKind::NotOneOf(Self::KEYS))),
        }
    }

    /// The URL word.
    pub fn key(self) -> &'static str {
        match self {
            MixKind::Examples => "examples",
            MixKind::Equal => "equal",
        }
    }
}

/// Rates min(n_i, K)^(1/T) normalised to sum to 1 (seqio `mixing_rate_num_examples`, K before
/// T; Raffel et al. 2020, §3.5.2). Computed in log space, so tiny T and huge
/// counts neither overflow nor underflow to a 0/0. Tasks with n ≤ 0 (or non-finite) get 0. If
/// no task has examples, or the cap or temperature is not positive and finite, all rates are 0.
pub fn mixing_rates(examples: &[f64], cap: Option<f64>, temperature: f64) -> Vec<f64> {
    let cap_ok = cap.is_none_or(|k| k > 0.0 && k.is_finite());
    if !(temperature > 0.0 && temperature.is_finite() && cap_ok) {
        return vec![0.0; examples.len()];
    }
    let logs: Vec<Option<f64>> = examples
        .iter()
        .map(|&n| {
            (n > 0.0 && n.is_finite())
                .then(|| crate::core::math::log(cap.map_or(n, |k| n.min(k))) / temperature)
        })
        .collect();
    let top = logs
        .iter()
        .flatten()
        .copied()
        .fold(f64::NEG_INFINITY, f64::max);
    if !top.is_finite() {
        return vec![0.0; examples.len()];
    }
    let weights: Vec<f64> = logs
        .iter()
        .map(|l| l.map_or(0.0, |l| crate::core::math::exp(l - top)))
        .collect();
    // The largest weight is exactly 1, so the sum is ≥ 1.
    let sum: f64 = weights.iter().sum();
    weights.iter().map(|w| w / sum).collect()
}

/// Equal mixing, the T → ∞ limit: every task with examples gets the same rate.
pub fn equal_rates(examples: &[f64]) -> Vec<f64> {
    let live = examples
        .iter()
        .filter(|&&n| n > 0.0 && n.is_finite())
        .count();
    examples
        .iter()
        .map(|&n| {
            if live > 0 && n > 0.0 && n.is_finite() {
                1.0 / live as f64
            } else {
                0.0
            }
        })
        .collect()
}

/// The multilingual form (XLM-R, Conneau et al. 2020, arXiv:1911.02116, §3, α = 0.3, with the
/// sampling distribution of Lample & Conneau 2019): p_i = n_i/Σn, then
/// q_i = p_i^α/Σ p_j^α. Equal to [`mixing_rates`] with T = 1/α and no cap; kept separate to
/// show that the two names describe one rule. α must be positive.
pub fn multilingual_rates(examples: &[f64], alpha: f64) -> Vec<f64> {
    let total: f64 = examples.iter().filter(|n| n.is_finite() && **n > 0.0).sum();
    if !(total > 0.0 && total.is_finite() && alpha > 0.0 && alpha.is_finite()) {
        return vec![0.0; examples.len()];
    }
    let probs: Vec<f64> = examples.iter().map(|&n| n / total).collect();
    mixing_rates(&probs, None, 1.0 / alpha)
}

/// A mixing scheme, for labelling the comparison chart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scheme {
    /// Examples-proportional, no cap, T = 1.
    Proportional,
    /// Examples-proportional with the cap K, T = 1.
    Capped {
        /// K.
        k: f64,
    },
    /// Temperature T (with the cap K if set).
    Temperature {
        /// K, if set.
        k: Option<f64>,
        /// T.
        t: f64,
    },
    /// Equal rates.
    Equal,
}

/// Validated mixing settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mixing {
    /// Rates from examples, or equal.
    pub kind: MixKind,
    /// The cap K (> 0), if any.
    pub cap: Option<f64>,
    /// The temperature T ∈ (0, 10⁶].
    pub temperature: f64,
}

impl Mixing {
    /// Validates typed settings; K ≤ 0 → field `k`, T ≤ 0 → field `t`, both `NotAbove(0)`.
    pub fn new(kind: MixKind, cap: Option<f64>, temperature: f64) -> Result<Self, InputError> {
        if let Some(k) = cap {
            if k.is_nan() || k <= 0.0 {
                return Err(InputError::new(FIELD_K, ErrorKind::NotAbove(0.0)));
            }
            if !k.is_finite() {
                return Err(InputError::new(FIELD_K, ErrorKind::NotFinite));
            }
        }
        if temperature.is_nan() || temperature <= 0.0 {
            return Err(InputError::new(FIELD_T, ErrorKind::NotAbove(0.0)));
        }
        if !temperature.is_finite() {
            return Err(InputError::new(FIELD_T, ErrorKind::NotFinite));
        }
        if temperature > MAX_TEMPERATURE {
            return Err(InputError::new(
                FIELD_T,
                ErrorKind::AboveMax(MAX_TEMPERATURE),
            ));
        }
        Ok(Self {
            kind,
            cap,
            temperature,
        })
    }

    /// Examples-proportional mixing (no cap, T = 1).
    pub fn proportional() -> Self {
        Self {
            kind: MixKind::Examples,
            cap: None,
            temperature: 1.0,
        }
    }

    /// The multilingual form p ∝ n^α with an optional cap: T = 1/α (field `alpha` for α ≤ 0 or
    /// α < 10⁻⁶).
    pub fn from_alpha(alpha: f64, cap: Option<f64>) -> Result<Self, InputError> {
        if alpha.is_nan() || alpha <= 0.0 {
            return Err(InputError::new(FIELD_ALPHA, ErrorKind::NotAbove(0.0)));
        }
        let min = 1.0 / MAX_TEMPERATURE;
        if alpha < min {
            return Err(InputError::new(FIELD_ALPHA, ErrorKind::BelowMin(min)));
        }
        if !alpha.is_finite() {
            return Err(InputError::new(FIELD_ALPHA, ErrorKind::NotFinite));
        }
        Self::new(MixKind::Examples, cap, 1.0 / alpha)
    }

    /// Reads `mix`, `k` (empty = no cap) and `t` (empty = 1).
    pub fn parse(mix: &str, k: &str, t: &str) -> Result<Self, InputError> {
        let kind = MixKind::parse(mix)?;
        let cap = if k.trim().is_empty() {
            None
        } else {
            Some(parse_number(k, FIELD_K)?)
        };
        let temperature = if t.trim().is_empty() {
            1.0
        } else {
            parse_number(t, FIELD_T)?
        };
        Self::new(kind, cap, temperature)
    }

    /// α = 1/T, the multilingual name of the temperature (0 for equal mixing).
    pub fn alpha(&self) -> f64 {
        match self.kind {
            MixKind::Equal => 0.0,
            MixKind::Examples => 1.0 / self.temperature,
        }
    }

    /// The scheme these settings amount to.
    pub fn scheme(&self) -> Scheme {
        match (self.kind, self.cap) {
            (MixKind::Equal, _) => Scheme::Equal,
            (MixKind::Examples, k) if self.temperature != 1.0 => Scheme::Temperature {
                k,
                t: self.temperature,
            },
            (MixKind::Examples, Some(k)) => Scheme::Capped { k },
            (MixKind::Examples, None) => Scheme::Proportional,
        }
    }

    /// The rates for these example counts.
    pub fn rates(&self, examples: &[f64]) -> Vec<f64> {
        scheme_rates(self.scheme(), examples)
    }
}

/// The rates a scheme gives.
pub fn scheme_rates(scheme: Scheme, examples: &[f64]) -> Vec<f64> {
    match scheme {
        Scheme::Proportional => mixing_rates(examples, None, 1.0),
        Scheme::Capped { k } => mixing_rates(examples, Some(k), 1.0),
        Scheme::Temperature { k, t } => mixing_rates(examples, k, t),
        Scheme::Equal => equal_rates(examples),
    }
}
