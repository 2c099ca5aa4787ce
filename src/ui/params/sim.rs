//! The Simulator view's inputs.

use leptos::prelude::*;

use super::{param_struct, text_of, texts};
use crate::core::error::InputError;
use crate::core::params::sim as P;
use crate::core::sim::input::{SimInput, SimText};
use crate::core::sim::optim::OptimizerKind;
use crate::ui::state::{FieldCheck, Param, ParamSet};

param_struct! {
    /// The Simulator view's URL parameters (declared in `core::params::sim`).
    SimParams {
        /// `task`: nqm, softmax, mlp.
        task: P::TASK,
        /// `opts`: comma list of optimizers.
        opts: P::OPTS,
        /// `bs`: comma list of batch sizes.
        bs: P::BS,
        /// `sim_lr`: blank, a number, or `auto`.
        lr: P::LR,
        /// `lr_sgd`.
        lr_sgd: P::LR_SGD,
        /// `lr_momentum`.
        lr_momentum: P::LR_MOMENTUM,
        /// `lr_nesterov`.
        lr_nesterov: P::LR_NESTEROV,
        /// `lr_adam`.
        lr_adam: P::LR_ADAM,
        /// `lr_adamw`.
        lr_adamw: P::LR_ADAMW,
        /// `lr_sophia`.
        lr_sophia: P::LR_SOPHIA,
        /// `lr_lion`.
        lr_lion: P::LR_LION,
        /// `steps`: updates per run.
        steps: P::STEPS,
        /// `seed`: the first seed.
        seed: P::SEED,
        /// `seeds`: runs averaged.
        seeds: P::SEEDS,
        /// `x`: steps, examples, epochs.
        x: P::X,
        /// `target`: blank or a loss.
        target: P::TARGET,
        /// `sim_sched`: schedule family.
        sched: P::SCHED,
        /// `sim_warmup`: steps or ratio.
        warmup: P::WARMUP,
        /// `sweep_opt`: the optimizer shown in the sweep chart (blank: the first).
        sweep_opt: P::SWEEP_OPT,
        /// `sim_noise`: the quadratic's noise model.
        noise: P::NOISE,
        /// `sophia_est`: Sophia's curvature estimator.
        sophia_est: P::SOPHIA_EST,
        /// `sophia_rho`: Sophia's ρ.
        sophia_rho: P::SOPHIA_RHO,
        /// `sophia_k`: Sophia's refresh interval.
        sophia_k: P::SOPHIA_K,
        /// `sophia_b2`: Sophia's β₂.
        sophia_b2: P::SOPHIA_B2,
        /// `adamw_wd`: AdamW's decoupled weight decay λ.
        adamw_wd: P::ADAMW_WD,
        /// `div_t`: the update at which the divisor chart reads the divisors (blank: the last).
        div_t: P::DIV_T,
        /// `sim_n`: training examples of the data sets.
        n: P::N,
        /// `sim_label_noise`: the fraction of training labels flipped.
        label_noise: P::LABEL_NOISE,
        /// `sim_epochs`: blank, or an epoch budget.
        epochs: P::EPOCHS,
    }
}

impl SimParams {
    /// The per-optimizer rate fields, in `OptimizerKind::ALL` order (as `P::LR_OPT`).
    pub fn lr_opt(&self) -> [Param; 7] {
        [
            self.lr_sgd,
            self.lr_momentum,
            self.lr_nesterov,
            self.lr_adam,
            self.lr_adamw,
            self.lr_sophia,
            self.lr_lion,
        ]
    }

    /// Parses the current text of every field (tracked), with the combination checks.
    pub fn parse(&self) -> Result<SimInput, Vec<InputError>> {
        self.parse_with(|t| t.parse())
    }

    fn parse_with(
        &self,
        parse: fn(&SimText<'_>) -> Result<SimInput, Vec<InputError>>,
    ) -> Result<SimInput, Vec<InputError>> {
        let texts = texts(&self.all());
        let mut result = parse(&SimText::read(|spec| text_of(&texts, spec)));
        for e in [self.sweep_choice().err(), self.div_choice().err()]
            .into_iter()
            .flatten()
        {
            match &mut result {
                Ok(_) => result = Err(vec![e]),
                Err(es) => es.push(e),
            }
        }
        result
    }

    /// The `sweep_opt` choice: blank (`None`) or one optimizer (tracked).
    pub fn sweep_choice(&self) -> Result<Option<OptimizerKind>, InputError> {
        let text = self.sweep_opt.value.get();
        if text.trim().is_empty() {
            Ok(None)
        } else {
            OptimizerKind::parse(&text, P::SWEEP_OPT.key).map(Some)
        }
    }

    /// The `div_t` choice: blank (`None`, the last update) or an update number ≥ 1 (tracked).
    /// Updates past the run's end read the last update.
    pub fn div_choice(&self) -> Result<Option<u64>, InputError> {
        let text = self.div_t.value.get();
        if text.trim().is_empty() {
            Ok(None)
        } else {
            P::DIV_T.count(&text).map(Some)
        }
    }
}

impl ParamSet for SimParams {
    fn params(&self) -> Vec<Param> {
        self.all()
    }
}

impl FieldCheck for SimParams {
    /// Single-field errors only (the work caps depend on the combination and are not reset).
    fn field_errors(&self) -> Vec<InputError> {
        untrack(|| {
            self.parse_with(|t| t.parse_fields())
                .err()
                .unwrap_or_default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::state::Query;

    /// Every declaration has its field, under its key, with its default; the defaults parse.
    #[test]
    fn every_declaration_has_its_field() {
        let owner = Owner::new();
        owner.with(|| {
            let p = SimParams::new(&Query::new());
            super::super::assert_one_field_per_declaration(&p.all(), &P::ALL);
            for (param, spec) in p.lr_opt().iter().zip(&P::LR_OPT) {
                assert_eq!(param.key, spec.key);
            }
            assert!(p.parse().is_ok());
        });
    }

    /// A bad value is reported under its declared key.
    #[test]
    fn errors_name_the_declared_key() {
        let owner = Owner::new();
        owner.with(|| {
            let p = SimParams::new(&Query::new());
            p.lr_adam.value.set("0".into());
            p.div_t.value.set("0".into());
            p.sophia_k.value.set("2.5".into());
            let keys: Vec<&str> = p
                .parse()
                .err()
                .unwrap_or_default()
                .iter()
                .map(|e| e.field)
                .collect();
            for spec in [P::LR_ADAM, P::DIV_T, P::SOPHIA_K] {
                assert!(keys.contains(&spec.key), "{}: {keys:?}", spec.key);
            }
        });
    }
}
