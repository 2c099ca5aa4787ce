//! The Batch & LR view's inputs.

use leptos::prelude::*;

use super::param_struct;
use crate::core::error::InputError;
use crate::core::lr_scaling::{self as lrs, AdamHyper, OptimizerFamily};
use crate::core::max_step as ms;
use crate::core::noise_estimate as ne;
use crate::core::noise_scale as ns;
use crate::core::params::lr as P;
use crate::core::units::{parse_count, parse_number, parse_positive, parse_real};
use crate::ui::state::{FieldCheck, Param, ParamSet};

param_struct! {
    /// The Batch & LR view's URL parameters (declared, with their defaults, in
    /// `core::params::lr`).
    LrParams {
        /// `lam_max`: the steep curvature of the section-1 quadratic.
        lam_max: P::LAM_MAX,
        /// `lam_2`: its flat curvature.
        lam_2: P::LAM_2,
        /// `step_size`: the step size η of the section-1 run.
        step_size: P::STEP_SIZE,
        /// `momentum`: heavy-ball β of the section-1 run.
        momentum: P::MOMENTUM,
        /// `iters`: steps of the section-1 run.
        iters: P::ITERS,
        /// `b_noise`: the noise scale (= B_crit), used by sections 2 and 4.
        b_noise: P::B_NOISE,
        /// `eps_max`: the noiseless best step.
        eps_max: P::EPS_MAX,
        /// `b`: the batch size the section-2 figures are read at.
        b: P::B,
        /// `b_min`: left end of the section-2 batch axis.
        b_min: P::B_MIN,
        /// `b_max`: right end of the section-2 batch axis.
        b_max: P::B_MAX,
        /// `b_small`: the small batch of the estimator.
        b_small: P::B_SMALL,
        /// `gn_small`: |G|² measured at the small batch.
        gn_small: P::GN_SMALL,
        /// `b_big`: the big batch of the estimator.
        b_big: P::B_BIG,
        /// `gn_big`: |G|² measured at the big batch.
        gn_big: P::GN_BIG,
        /// `lr0`: the learning rate tuned at `b0`.
        lr0: P::LR0,
        /// `b0`: the old batch size.
        b0: P::B0,
        /// `b1`: the new batch size.
        b1: P::B1,
        /// `scale_opt`: optimizer family, `sgd` or `adam`.
        scale_opt: P::SCALE_OPT,
        /// `beta1`: Adam's β₁ at `b0`.
        beta1: P::BETA1,
        /// `beta2`: Adam's β₂ at `b0`.
        beta2: P::BETA2,
        /// `adam_eps`: Adam's ε at `b0`.
        adam_eps: P::ADAM_EPS,
    }
}

impl LrParams {
    /// Errors of section 1's fields read one by one (tracked).
    pub fn max_step_field_errors(&self) -> Vec<InputError> {
        let momentum = self.momentum.value.get();
        [
            parse_positive(
                &self.lam_max.value.get(),
                ms::FIELD_LAMBDA_MAX,
                ms::MAX_LAMBDA,
            )
            .err(),
            parse_positive(&self.lam_2.value.get(), ms::FIELD_LAMBDA_2, ms::MAX_LAMBDA).err(),
            parse_number(&self.step_size.value.get(), ms::FIELD_STEP_SIZE).err(),
            (!momentum.trim().is_empty())
                .then(|| parse_real(&momentum, ms::FIELD_MOMENTUM, 0.0, ms::MAX_MOMENTUM).err())
                .flatten(),
            parse_count(&self.iters.value.get(), ms::FIELD_ITERS, 1, ms::MAX_ITERS).err(),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    /// Errors of section 2's fields read one by one (tracked).
    pub fn critical_field_errors(&self) -> Vec<InputError> {
        [
            ns::parse_b_noise(&self.b_noise.value.get()).err(),
            ns::parse_eps_max(&self.eps_max.value.get()).err(),
            ns::parse_batch(&self.b.value.get(), ns::FIELD_B).err(),
            ns::parse_batch(&self.b_min.value.get(), ns::FIELD_B_MIN).err(),
            ns::parse_batch(&self.b_max.value.get(), ns::FIELD_B_MAX).err(),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    /// Errors of section 3's fields read one by one (tracked).
    pub fn estimator_field_errors(&self) -> Vec<InputError> {
        [
            ne::parse_batch(&self.b_small.value.get(), ne::FIELD_B_SMALL).err(),
            ne::parse_norm_sq(&self.gn_small.value.get(), ne::FIELD_GN_SMALL).err(),
            ne::parse_batch(&self.b_big.value.get(), ne::FIELD_B_BIG).err(),
            ne::parse_norm_sq(&self.gn_big.value.get(), ne::FIELD_GN_BIG).err(),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    /// The optimizer family, if `scale_opt` reads as one (tracked).
    pub fn family(&self) -> Result<OptimizerFamily, InputError> {
        OptimizerFamily::parse(&self.scale_opt.value.get())
    }

    /// Adam's hyper-parameters as typed (tracked); errors name `beta1`, `beta2` or `adam_eps`.
    pub fn adam(&self) -> Result<AdamHyper, Vec<InputError>> {
        let (b1, b2, eps) = (
            self.beta1.value.get(),
            self.beta2.value.get(),
            self.adam_eps.value.get(),
        );
        let errors: Vec<InputError> = [
            AdamHyper::parse(&b1, "0.999", "1e-8").err(),
            AdamHyper::parse("0.9", &b2, "1e-8").err(),
            AdamHyper::parse("0.9", "0.999", &eps).err(),
        ]
        .into_iter()
        .flatten()
        .collect();
        if errors.is_empty() {
            AdamHyper::parse(&b1, &b2, &eps).map_err(|e| vec![e])
        } else {
            Err(errors)
        }
    }

    /// Errors of section 4's fields read one by one (tracked). Adam's fields count only when
    /// the family is Adam (they are hidden otherwise).
    pub fn scaling_field_errors(&self) -> Vec<InputError> {
        let mut errors: Vec<InputError> = [
            parse_positive(&self.lr0.value.get(), lrs::FIELD_LR0, lrs::MAX_LR).err(),
            parse_count(&self.b0.value.get(), lrs::FIELD_B0, 1, lrs::MAX_BATCH).err(),
            parse_count(&self.b1.value.get(), lrs::FIELD_B1, 1, lrs::MAX_BATCH).err(),
            self.family().err(),
        ]
        .into_iter()
        .flatten()
        .collect();
        if self.family() == Ok(OptimizerFamily::Adam) {
            errors.extend(self.adam().err().unwrap_or_default());
        }
        errors
    }
}

impl ParamSet for LrParams {
    fn params(&self) -> Vec<Param> {
        self.all()
    }
}

impl FieldCheck for LrParams {
    /// Only errors of single fields: a combination (λ₂ ≥ λ_max, equal batch sizes, a negative
    /// estimate from noisy norms) is explained in the view rather than reset. Adam's fields are
    /// checked whatever `scale_opt` says: a link's bad `adam_eps` is reported even under SGD,
    /// where the field is hidden, rather than kept unused.
    fn field_errors(&self) -> Vec<InputError> {
        untrack(|| {
            let mut e = self.max_step_field_errors();
            e.extend(self.critical_field_errors());
            e.extend(self.estimator_field_errors());
            e.extend(self.scaling_field_errors());
            if self.family() != Ok(OptimizerFamily::Adam) {
                e.extend(self.adam().err().unwrap_or_default());
            }
            e
        })
    }
}
