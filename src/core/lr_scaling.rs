//! Rescaling the learning rate when the batch size changes from B0 to B1 = κ·B0:
//!
//! * linear rule, lr₁ = κ·lr₀ (Goyal et al. 2017, "Accurate, Large Minibatch SGD",
//!   arXiv:1706.02677, §2.1),
//!   the empirical rule for SGD;
//! * square-root rule, lr₁ = √κ·lr₀: for SGD the variance-matching argument of Krizhevsky 2014
//!   ("One weird trick for parallelizing convolutional neural networks", arXiv:1404.5997); for Adam/RMSProp the
//!   SDE-based rule of Malladi, Lyu, Panigrahi & Arora 2022 (arXiv:2205.10287), which also moves
//!   (1 − β₁) → κ(1 − β₁), (1 − β₂) → κ(1 − β₂) and ε → ε/√κ;
//! * the McCandlish ratio lr₁ = lr₀·ε_opt(B1)/ε_opt(B0) with ε_opt of McCandlish et al. 2018,
//!   eq. 2.6, which is linear for B ≪ B_noise and flat for B ≫ B_noise.
//!
//! None of them holds past the critical batch: beyond B_crit a bigger batch buys few fewer steps
//! (McCandlish et al. 2018, eq. 2.11), so [`LrScaling::beyond_critical`] flags it when `b_noise`
//! is known.

use super::error::{ErrorKind, InputError};
use super::noise_scale::{self, optimal_fraction};
use super::units::{check_range, parse_count, parse_number, parse_positive};

/// URL key of the learning rate used at the old batch size.
pub const FIELD_LR0: &str = "lr0";
/// URL key of the old batch size.
pub const FIELD_B0: &str = "b0";
/// URL key of the new batch size.
pub const FIELD_B1: &str = "b1";
/// URL key of the optimizer family (not `opt`, which the Memory view uses for its optimizer list).
pub const FIELD_OPT: &str = "scale_opt";
/// URL key of Adam's β₁.
pub const FIELD_BETA1: &str = "beta1";
/// URL key of Adam's β₂.
pub const FIELD_BETA2: &str = "beta2";
/// URL key of Adam's ε.
pub const FIELD_ADAM_EPS: &str = "adam_eps";

/// Largest learning rate accepted.
pub const MAX_LR: f64 = 1e3;
/// Largest batch size accepted (10¹⁵; batches may be counted in tokens).
pub const MAX_BATCH: u64 = 1_000_000_000_000_000;
/// Largest Adam ε accepted.
pub const MAX_ADAM_EPS: f64 = 1.0;

/// Which optimizer the rules are for (the `scale_opt` URL values `sgd`, `adam`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptimizerFamily {
    /// SGD, with or without momentum.
    Sgd,
    /// Adam, AdamW, RMSProp: adaptive optimizers with β and ε.
    Adam,
}

impl OptimizerFamily {
    /// All families in UI order.
    pub const ALL: [OptimizerFamily; 2] = [OptimizerFamily::Sgd, OptimizerFamily::Adam];
    /// The URL words, in the order of [`OptimizerFamily::ALL`].
    pub const KEYS: &'static [&'static str] = &["sgd", "adam"];

    /// The URL word.
    pub fn key(self) -> &'static str {
        match self {
            OptimizerFamily::Sgd => "sgd",
            OptimizerFamily::Adam => "adam",
        }
    }

    /// Reads the `scale_opt` URL word.
    pub fn parse(text: &str) -> Result<Self, InputError> {
        let t = text.trim().to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|f| f.key() == t)
            .ok_or_else(|| InputError::new(FIELD_OPT, ErrorKind::NotOneOf(Self::KEYS)))
    }

    /// The rule that suits this family below the critical batch: linear for SGD (Goyal et al.
    /// 2017, §2.1), square root for Adam (Malladi et al. 2022).
    pub fn suggested_rule(self) -> Rule {
        match self {
            OptimizerFamily::Sgd => Rule::Linear,
            OptimizerFamily::Adam => Rule::Sqrt,
        }
    }
}

/// A scaling rule, for labelling which one is suggested.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// lr × κ (figure `lr-linear`).
    Linear,
    /// lr × √κ (figure `lr-sqrt`).
    Sqrt,
    /// lr × ε_opt(B1)/ε_opt(B0) (figure `lr-mccandlish`).
    McCandlish,
}

/// κ = B1/B0, the factor by which the batch grows (< 1 when it shrinks); 1 for invalid input.
pub fn batch_ratio(b0: f64, b1: f64) -> f64 {
    let k = b1 / b0;
    if k > 0.0 && k.is_finite() { k } else { 1.0 }
}

/// Linear scaling, lr₀·κ (Goyal et al. 2017, §2.1).
pub fn linear_lr(lr0: f64, kappa: f64) -> f64 {
    lr0 * kappa
}

/// Square-root scaling, lr₀·√κ (Krizhevsky 2014 for SGD; Malladi et al. 2022 for Adam;
/// the Adam rule is in [`scale_adam`]).
pub fn sqrt_lr(lr0: f64, kappa: f64) -> f64 {
    lr0 * kappa.max(0.0).sqrt()
}

/// The McCandlish ratio lr₀·ε_opt(B1)/ε_opt(B0), with ε_opt(B) = ε_max/(1 + B_noise/B)
/// (McCandlish et al. 2018, eq. 2.6). Derived for SGD; for Adam the paper reports a power law
/// with exponent 0.5–1 at small B instead (McCandlish et al. 2018, §3.1).
/// Returns lr₀ unchanged for invalid batch sizes.
pub fn mccandlish_lr(lr0: f64, b0: f64, b1: f64, b_noise: f64) -> f64 {
    let f0 = optimal_fraction(b_noise, b0);
    let f1 = optimal_fraction(b_noise, b1);
    if f0 > 0.0 && f1 > 0.0 {
        lr0 * (f1 / f0)
    } else {
        lr0
    }
}

/// One of Adam's β after the batch change.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScaledBeta {
    /// The β to use: 1 − κ(1 − β), clamped into [0, 1) (0 when the rule would give β ≤ 0).
    pub value: f64,
    /// 1 − κ(1 − β) before clamping (may be ≤ 0; always finite).
    pub unclamped: f64,
    /// True when κ(1 − β) ≥ 1 (β would be ≤ 0) or when β rounds to 1: the rule left its range
    /// (Malladi et al.'s SDE argument needs κ(1 − β) well below 1), so the UI should say so rather
    /// than show the value as advice.
    pub out_of_range: bool,
}

/// (1 − β) → κ(1 − β) (Malladi et al. 2022, square-root scaling rule for Adam).
/// For κ < 1 the result moves towards 1 and stays below it.
pub fn scale_beta(beta: f64, kappa: f64) -> ScaledBeta {
    let one_minus = kappa * (1.0 - beta);
    // A non-finite product (invalid β or κ) is reported as far outside the range.
    let unclamped = if one_minus.is_finite() {
        1.0 - one_minus
    } else {
        f64::MIN
    };
    // Largest f64 below 1: a β that rounds to 1 would stop Adam's averages from moving.
    const BELOW_ONE: f64 = 1.0 - f64::EPSILON / 2.0;
    let out_of_range = !(one_minus > 0.0 && one_minus < 1.0 && unclamped < 1.0);
    ScaledBeta {
        value: unclamped.clamp(0.0, BELOW_ONE),
        unclamped,
        out_of_range,
    }
}

/// Adam's hyper-parameters, validated: 0 ≤ β₁, β₂ < 1 and 0 < ε ≤ 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AdamHyper {
    /// β₁.
    pub beta1: f64,
    /// β₂.
    pub beta2: f64,
    /// ε.
    pub eps: f64,
}

impl Default for AdamHyper {
    /// PyTorch's `torch.optim.Adam` defaults: β = (0.9, 0.999), ε = 1e-8.
    fn default() -> Self {
        Self {
            beta1: 0.9,
            beta2: 0.999,
            eps: 1e-8,
        }
    }
}

fn check_beta(beta: f64, field: &'static str) -> Result<f64, InputError> {
    let b = check_range(beta, field, 0.0, 1.0)?;
    if b >= 1.0 {
        return Err(InputError::new(field, ErrorKind::NotBelow(1.0)));
    }
    Ok(b)
}

fn check_adam_eps(eps: f64) -> Result<f64, InputError> {
    if eps.is_nan() || eps <= 0.0 {
        return Err(InputError::new(FIELD_ADAM_EPS, ErrorKind::NotAbove(0.0)));
    }
    check_range(eps, FIELD_ADAM_EPS, 0.0, MAX_ADAM_EPS)
}

impl AdamHyper {
    /// Validates typed numbers (fields `beta1`, `beta2`, `adam_eps`).
    pub fn new(beta1: f64, beta2: f64, eps: f64) -> Result<Self, InputError> {
        Ok(Self {
            beta1: check_beta(beta1, FIELD_BETA1)?,
            beta2: check_beta(beta2, FIELD_BETA2)?,
            eps: check_adam_eps(eps)?,
        })
    }

    /// Reads `beta1`, `beta2`, `adam_eps`.
    pub fn parse(beta1: &str, beta2: &str, eps: &str) -> Result<Self, InputError> {
        Self::new(
            parse_number(beta1, FIELD_BETA1)?,
            parse_number(beta2, FIELD_BETA2)?,
            parse_positive(eps, FIELD_ADAM_EPS, MAX_ADAM_EPS)?,
        )
    }
}

/// Adam after Malladi et al. 2022's square-root rule.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AdamScaled {
    /// lr₀·√κ.
    pub lr: f64,
    /// β₁ with (1 − β₁) → κ(1 − β₁).
    pub beta1: ScaledBeta,
    /// β₂ with (1 − β₂) → κ(1 − β₂).
    pub beta2: ScaledBeta,
    /// ε/√κ.
    pub eps: f64,
}

/// Malladi et al. 2022's square-root rule for Adam at batch ratio κ (arXiv:2205.10287): lr·√κ,
/// 1 − β → κ(1 − β) for both β, ε/√κ.
pub fn scale_adam(lr0: f64, hyper: AdamHyper, kappa: f64) -> AdamScaled {
    let root = kappa.max(0.0).sqrt();
    AdamScaled {
        lr: lr0 * root,
        beta1: scale_beta(hyper.beta1, kappa),
        beta2: scale_beta(hyper.beta2, kappa),
        eps: if root > 0.0 {
            hyper.eps / root
        } else {
            hyper.eps
        },
    }
}

/// The validated inputs of the LR-scaling section.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LrScalingInputs {
    /// Learning rate tuned at B0, in (0, 10³].
    pub lr0: f64,
    /// Old batch size B0, whole, in [1, 10¹⁵].
    pub b0: f64,
    /// New batch size B1, whole, in [1, 10¹⁵].
    pub b1: f64,
    /// Optimizer family.
    pub family: OptimizerFamily,
    /// Adam's β and ε (used when `family` is Adam).
    pub adam: AdamHyper,
    /// The noise scale (`b_noise`), if known.
    pub b_noise: Option<f64>,
}

/// Everything the LR-scaling section shows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LrScaling {
    /// κ = B1/B0.
    pub kappa: f64,
    /// Figure `lr-linear`.
    pub linear: f64,
    /// Figure `lr-sqrt`.
    pub sqrt: f64,
    /// Adam's β and ε under Malladi et al.'s rule (only for the Adam family).
    pub adam: Option<AdamScaled>,
    /// Figure `lr-mccandlish` (only when `b_noise` is given).
    pub mccandlish: Option<f64>,
    /// The rule that suits the optimizer family.
    pub suggested: Rule,
    /// Whether B1 exceeds the critical batch B_crit ≈ B_noise (only when `b_noise` is given).
    pub beyond_critical: Option<bool>,
}

fn check_batch(b: f64, field: &'static str) -> Result<f64, InputError> {
    let b = check_range(b, field, 1.0, MAX_BATCH as f64)?;
    if b.fract() != 0.0 {
        return Err(InputError::new(field, ErrorKind::NotWhole));
    }
    Ok(b)
}

impl LrScalingInputs {
    /// Validates typed numbers (fields `lr0`, `b0`, `b1`, `b_noise`).
    pub fn new(
        lr0: f64,
        b0: f64,
        b1: f64,
        family: OptimizerFamily,
        adam: AdamHyper,
        b_noise: Option<f64>,
    ) -> Result<Self, InputError> {
        if lr0.is_nan() || lr0 <= 0.0 {
            return Err(InputError::new(FIELD_LR0, ErrorKind::NotAbove(0.0)));
        }
        let lr0 = check_range(lr0, FIELD_LR0, 0.0, MAX_LR)?;
        let b0 = check_batch(b0, FIELD_B0)?;
        let b1 = check_batch(b1, FIELD_B1)?;
        let b_noise = match b_noise {
            Some(x) => Some(check_range(
                x,
                noise_scale::FIELD_B_NOISE,
                noise_scale::MIN_B_NOISE,
                noise_scale::MAX_BATCH,
            )?),
            None => None,
        };
        let adam = AdamHyper::new(adam.beta1, adam.beta2, adam.eps)?;
        Ok(Self {
            lr0,
            b0,
            b1,
            family,
            adam,
            b_noise,
        })
    }

    /// Reads the section's fields; an empty `b_noise` means "not known".
    pub fn parse(
        lr0: &str,
        b0: &str,
        b1: &str,
        family: &str,
        adam: AdamHyper,
        b_noise: &str,
    ) -> Result<Self, InputError> {
        let b_noise = if b_noise.trim().is_empty() {
            None
        } else {
            Some(noise_scale::parse_b_noise(b_noise)?)
        };
        Self::new(
            parse_positive(lr0, FIELD_LR0, MAX_LR)?,
            parse_count(b0, FIELD_B0, 1, MAX_BATCH)? as f64,
            parse_count(b1, FIELD_B1, 1, MAX_BATCH)? as f64,
            OptimizerFamily::parse(family)?,
            adam,
            b_noise,
        )
    }

    /// All rules at once: linear, square root, Malladi et al.'s Adam rule and the McCandlish ratio.
    pub fn scale(&self) -> LrScaling {
        let kappa = batch_ratio(self.b0, self.b1);
        LrScaling {
            kappa,
            linear: linear_lr(self.lr0, kappa),
            sqrt: sqrt_lr(self.lr0, kappa),
            adam: (self.family == OptimizerFamily::Adam)
                .then(|| scale_adam(self.lr0, self.adam, kappa)),
            mccandlish: self
                .b_noise
                .map(|bn| mccandlish_lr(self.lr0, self.b0, self.b1, bn)),
            suggested: self.family.suggested_rule(),
            beyond_critical: self.b_noise.map(|bn| self.b1 > bn),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-12 * b.abs()
    }

    #[test]
    fn malladi_adam_example() {
        // Malladi et al. 2022's rule at κ = 4 from lr 1e-4, β = (0.9, 0.999), ε = 1e-8
        // → lr 2e-4, β₁ 0.6, β₂ 0.996, ε 5e-9 (`python tests/reference/noise_scale.py`).
        let inp = LrScalingInputs::new(
            1e-4,
            256.0,
            1024.0,
            OptimizerFamily::Adam,
            AdamHyper::default(),
            None,
        )
        .unwrap();
        let r = inp.scale();
        assert_eq!(r.kappa, 4.0);
        assert_eq!(r.suggested, Rule::Sqrt);
        let a = r.adam.unwrap();
        assert!(close(a.lr, 2e-4));
        assert!(close(a.beta1.value, 0.6) && !a.beta1.out_of_range);
        assert!(close(a.beta2.value, 0.996) && !a.beta2.out_of_range);
        assert!(close(a.eps, 5e-9));
        assert_eq!((r.mccandlish, r.beyond_critical), (None, None));
    }

    #[test]
    fn goyal_linear_example() {
        // Goyal et al. 2017's ResNet-50 reference η = 0.1·b/256: b = 8192 gives 3.2
        // (`python tests/reference/noise_scale.py`).
        let inp =
            LrScalingInputs::parse("0.1", "256", "8192", "sgd", AdamHyper::default(), "").unwrap();
        let r = inp.scale();
        assert!(close(r.linear, 3.2));
        assert_eq!(r.suggested, Rule::Linear);
        assert_eq!(r.adam, None);
        // √32·0.1 (Krizhevsky 2014's square-root rule).
        assert!(close(r.sqrt, 0.1 * 32f64.sqrt()));
    }

    #[test]
    fn mccandlish_ratio_and_critical_flag() {
        // ε_opt(B) ∝ B/(B + B_noise) (McCandlish et al. 2018, eq. 2.6): with B_noise = 1000,
        // 100 → 1000 multiplies the optimal step by (1000/2000)/(100/1100) = 5.5.
        let adam = AdamHyper::default();
        let r = LrScalingInputs::new(0.1, 100.0, 1000.0, OptimizerFamily::Sgd, adam, Some(1000.0))
            .unwrap()
            .scale();
        assert!(close(r.mccandlish.unwrap(), 0.55));
        assert_eq!(r.beyond_critical, Some(false));
        // Far below B_noise the McCandlish ratio approaches the linear rule.
        let m = mccandlish_lr(1.0, 1.0, 2.0, 1e12);
        assert!((m - 2.0).abs() < 1e-9);
        // Far above B_noise it barely moves.
        assert!((mccandlish_lr(1.0, 1e9, 1e10, 1.0) - 1.0).abs() < 1e-8);
        let r = LrScalingInputs::new(0.1, 100.0, 4000.0, OptimizerFamily::Sgd, adam, Some(1000.0))
            .unwrap()
            .scale();
        assert_eq!(r.beyond_critical, Some(true));
    }

    #[test]
    fn shrinking_and_out_of_range_betas() {
        // κ = 1/4: lr halves, (1 − β) shrinks four-fold, ε doubles.
        let a = scale_adam(2e-4, AdamHyper::default(), 0.25);
        assert!(close(a.lr, 1e-4));
        assert!(close(a.beta1.value, 0.975));
        assert!(close(a.beta2.value, 0.99975));
        assert!(close(a.eps, 2e-8));
        // κ = 16 with β₁ = 0.9: 1 − 16·0.1 = −0.6 → flagged and clamped at 0.
        let b = scale_beta(0.9, 16.0);
        assert!(b.out_of_range);
        assert_eq!(b.value, 0.0);
        assert!(close(b.unclamped, -0.6));
        // Exactly at the edge, κ(1 − β) = 1: β would be 0, flagged.
        assert!(scale_beta(0.5, 2.0).out_of_range);
    }

    #[test]
    fn parsing_errors() {
        let adam = AdamHyper::default();
        let e = LrScalingInputs::parse("0", "1", "2", "sgd", adam, "").unwrap_err();
        assert_eq!((e.field, e.kind), ("lr0", ErrorKind::NotAbove(0.0)));
        let e = LrScalingInputs::parse("1e-3", "1.5", "2", "sgd", adam, "").unwrap_err();
        assert_eq!((e.field, e.kind), ("b0", ErrorKind::NotWhole));
        let e = LrScalingInputs::parse("1e-3", "1", "2", "lion", adam, "").unwrap_err();
        assert_eq!(e.field, "scale_opt");
        let e = LrScalingInputs::parse("1e-3", "1", "2", "adam", adam, "-3").unwrap_err();
        assert_eq!(e.field, "b_noise");
        assert_eq!(
            AdamHyper::parse("1", "0.9", "1e-8").unwrap_err().kind,
            ErrorKind::NotBelow(1.0)
        );
        assert_eq!(
            AdamHyper::parse("0.9", "0.9", "0").unwrap_err().field,
            "adam_eps"
        );
        assert_eq!(OptimizerFamily::parse(" Adam "), Ok(OptimizerFamily::Adam));
    }

    #[test]
    fn never_panics_nothing_infinite() {
        let weird = [
            0.0,
            -1.0,
            0.5,
            1.0,
            7.0,
            1e15,
            1e-300,
            1e308,
            f64::NAN,
            f64::INFINITY,
        ];
        for &a in &weird {
            for &b in &weird {
                let k = batch_ratio(a, b);
                assert!(k.is_finite() && k > 0.0);
                let s = scale_beta(a, b);
                assert!(s.value.is_finite() && s.unclamped.is_finite());
                assert!((0.0..1.0).contains(&s.value));
                assert!(mccandlish_lr(1.0, a, b, 10.0).is_finite());
                for fam in OptimizerFamily::ALL {
                    if let Ok(inp) =
                        LrScalingInputs::new(a, b, 1e15, fam, AdamHyper::default(), Some(1.0))
                    {
                        let r = inp.scale();
                        for x in [r.linear, r.sqrt, r.mccandlish.unwrap_or(0.0), r.kappa] {
                            assert!(x.is_finite());
                        }
                    }
                }
            }
        }
    }
}
