//! The Batch & LR view: the maximum step size, ε_opt(B) and the critical batch, a noise-scale
//! estimator and learning-rate scaling rules — four sections, one component each.

mod chart_figure;
mod critical;
mod estimator;
mod max_step;
mod scaling;

use leptos::prelude::*;

use crate::core::error::InputError;
use crate::core::lr_scaling::{self as lrs, AdamHyper, OptimizerFamily};
use crate::core::max_step as ms;
use crate::core::noise_estimate as ne;
use crate::core::noise_scale as ns;
use crate::core::units::{parse_count, parse_number, parse_positive, parse_real};
use crate::ui::components::later::later;
use crate::ui::i18n::texts;
use crate::ui::state::{AppState, Param, ParamSet, Query};

use critical::CriticalSection;
use estimator::EstimatorSection;
use max_step::MaxStepSection;
use scaling::ScalingSection;

/// The Batch & LR view's URL parameters.
#[derive(Clone, Copy, Debug)]
pub struct LrParams {
    /// `lam_max`: the steep curvature of the section-1 quadratic.
    pub lam_max: Param,
    /// `lam_2`: its flat curvature.
    pub lam_2: Param,
    /// `step_size`: the step size η of the section-1 run.
    pub step_size: Param,
    /// `momentum`: heavy-ball β of the section-1 run.
    pub momentum: Param,
    /// `iters`: steps of the section-1 run.
    pub iters: Param,
    /// `b_noise`: the noise scale (= B_crit), used by sections 2 and 4.
    pub b_noise: Param,
    /// `eps_max`: the noiseless best step.
    pub eps_max: Param,
    /// `b`: the batch size the section-2 figures are read at.
    pub b: Param,
    /// `b_min`: left end of the section-2 batch axis.
    pub b_min: Param,
    /// `b_max`: right end of the section-2 batch axis.
    pub b_max: Param,
    /// `b_small`: the small batch of the estimator.
    pub b_small: Param,
    /// `gn_small`: |G|² measured at the small batch.
    pub gn_small: Param,
    /// `b_big`: the big batch of the estimator.
    pub b_big: Param,
    /// `gn_big`: |G|² measured at the big batch.
    pub gn_big: Param,
    /// `lr0`: the learning rate tuned at `b0`.
    pub lr0: Param,
    /// `b0`: the old batch size.
    pub b0: Param,
    /// `b1`: the new batch size.
    pub b1: Param,
    /// `scale_opt`: optimizer family, `sgd` or `adam`.
    pub scale_opt: Param,
    /// `beta1`: Adam's β₁ at `b0`.
    pub beta1: Param,
    /// `beta2`: Adam's β₂ at `b0`.
    pub beta2: Param,
    /// `adam_eps`: Adam's ε at `b0`.
    pub adam_eps: Param,
}

impl LrParams {
    /// Reads the parameters from the query. The defaults tell a story: a step just under the
    /// bound 2/λ_max; a noise scale of 1,000 read at batch 256 over 8 … 8192 (well below it); the
    /// two-batch estimator of McCandlish et al. 2018, App. A.1 (per-device 32, global 512) on norms
    /// 104 and 10.25, i.e. |G|² = 4 and tr Σ = 3200, so B_simple = 800, the same order as the
    /// 1,000 of section 2, with the global 512 near it and 32 far below; Adam moved from
    /// 256 to 1024 with the square-root rule of Malladi et al. 2022 (arXiv:2205.10287).
    pub fn new(q: &Query) -> Self {
        LrParams {
            lam_max: Param::new(ms::FIELD_LAMBDA_MAX, "10", q),
            lam_2: Param::new(ms::FIELD_LAMBDA_2, "1", q),
            step_size: Param::new(ms::FIELD_STEP_SIZE, "0.19", q),
            momentum: Param::new(ms::FIELD_MOMENTUM, "0", q),
            iters: Param::new(ms::FIELD_ITERS, "50", q),
            b_noise: Param::new(ns::FIELD_B_NOISE, "1000", q),
            eps_max: Param::new(ns::FIELD_EPS_MAX, "0.1", q),
            b: Param::new(ns::FIELD_B, "256", q),
            b_min: Param::new(ns::FIELD_B_MIN, "8", q),
            b_max: Param::new(ns::FIELD_B_MAX, "8192", q),
            b_small: Param::new(ne::FIELD_B_SMALL, "32", q),
            gn_small: Param::new(ne::FIELD_GN_SMALL, "104", q),
            b_big: Param::new(ne::FIELD_B_BIG, "512", q),
            gn_big: Param::new(ne::FIELD_GN_BIG, "10.25", q),
            lr0: Param::new(lrs::FIELD_LR0, "1e-4", q),
            b0: Param::new(lrs::FIELD_B0, "256", q),
            b1: Param::new(lrs::FIELD_B1, "1024", q),
            scale_opt: Param::new(lrs::FIELD_OPT, "adam", q),
            beta1: Param::new(lrs::FIELD_BETA1, "0.9", q),
            beta2: Param::new(lrs::FIELD_BETA2, "0.999", q),
            adam_eps: Param::new(lrs::FIELD_ADAM_EPS, "1e-8", q),
        }
    }

    fn all(&self) -> [Param; 21] {
        [
            self.lam_max,
            self.lam_2,
            self.step_size,
            self.momentum,
            self.iters,
            self.b_noise,
            self.eps_max,
            self.b,
            self.b_min,
            self.b_max,
            self.b_small,
            self.gn_small,
            self.b_big,
            self.gn_big,
            self.lr0,
            self.b0,
            self.b1,
            self.scale_opt,
            self.beta1,
            self.beta2,
            self.adam_eps,
        ]
    }

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
        self.all().to_vec()
    }

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

/// A real number for `data-value`: rounded to 12 significant digits (so float noise such as
/// 0.6000000000000001 reads 0.6) and written in Rust's shortest form; empty if not finite.
pub(crate) fn raw_real(x: f64) -> String {
    if !x.is_finite() {
        return String::new();
    }
    format!("{x:.11e}")
        .parse::<f64>()
        .map_or(String::new(), |v| v.to_string())
}

/// `text` with each `{key}` replaced by its value.
pub(crate) fn fill(text: &str, pairs: &[(&str, String)]) -> String {
    pairs.iter().fold(text.to_string(), |t, (k, v)| {
        t.replace(&format!("{{{k}}}"), v)
    })
}

/// The error for `key` among `errors`, if any.
pub(crate) fn find_error(errors: &[InputError], key: &str) -> Option<InputError> {
    errors.iter().find(|e| e.field == key).cloned()
}

/// The view as a page's content (see `ui::mount`).
pub fn page() -> AnyView {
    view! { <LrView/> }.into_any()
}

/// The Batch & LR view.
#[component]
pub fn LrView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let strings = move || texts(state.lang.get());
    view! {
        <section class="view" data-testid="view-lr">
            <header class="view-head">
                <h2>{move || strings().lr().title}</h2>
                <p class="lead">{move || strings().lr().lead}</p>
            </header>
            <MaxStepSection/>
            {later(move || view! {
                <CriticalSection/>
                <EstimatorSection/>
                <ScalingSection/>
                <section class="notes">
                    <h3>{move || strings().lr().notes_title}</h3>
                    {move || strings().lr().notes.iter().map(|(h, body)| view! { <div class="note"><h4>{*h}</h4><p>{*body}</p></div> }).collect_view()}
                </section>
            }.into_any())}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_reals_drop_float_noise() {
        // Malladi et al. 2022 with κ = 4: β₁ = 1 − 4·(1 − 0.9) = 0.6, computed as 0.6000000000000001.
        assert_eq!(raw_real(1.0 - 4.0 * (1.0 - 0.9)), "0.6");
        assert_eq!(raw_real(5e-9), "0.000000005");
        assert_eq!(raw_real(1000.0), "1000");
        assert_eq!(raw_real(8.0 / 58.0), "0.137931034483");
        assert_eq!(raw_real(f64::NAN), "");
        assert_eq!(raw_real(-2.5), "-2.5");
    }

    #[test]
    fn placeholders() {
        assert_eq!(
            fill(
                "B = {b}, {b}; {s}×",
                &[("b", "8".into()), ("s", "2".into())]
            ),
            "B = 8, 8; 2×"
        );
    }
}
