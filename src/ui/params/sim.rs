//! The Simulator view's inputs.

use leptos::prelude::*;

use crate::core::error::InputError;
use crate::core::sim::config::MAX_STEPS;
use crate::core::sim::input::{LR_KEYS, SimInput, SimText};
use crate::core::sim::optim::OptimizerKind;
use crate::core::sim::options::OptionsText;
use crate::ui::state::{Param, ParamSet, Query};

/// The Simulator view's URL parameters.
#[derive(Clone, Copy, Debug)]
pub struct SimParams {
    /// `task`: nqm, softmax, mlp.
    pub task: Param,
    /// `opts`: comma list of optimizers.
    pub opts: Param,
    /// `bs`: comma list of batch sizes.
    pub bs: Param,
    /// `sim_lr`: blank, a number, or `auto`.
    pub lr: Param,
    /// `lr_<opt>`: per-optimizer rates, in `OptimizerKind::ALL` order.
    pub lr_opt: [Param; 7],
    /// `steps`: updates per run.
    pub steps: Param,
    /// `seed`: the first seed.
    pub seed: Param,
    /// `seeds`: runs averaged.
    pub seeds: Param,
    /// `x`: steps, examples, epochs.
    pub x: Param,
    /// `target`: blank or a loss.
    pub target: Param,
    /// `sim_sched`: schedule family.
    pub sched: Param,
    /// `sim_warmup`: steps or ratio.
    pub warmup: Param,
    /// `sweep_opt`: the optimizer shown in the sweep chart (blank: the first).
    pub sweep_opt: Param,
    /// `sim_noise`: the quadratic's noise model.
    pub noise: Param,
    /// `sophia_est`: Sophia's curvature estimator.
    pub sophia_est: Param,
    /// `sophia_rho`: Sophia's ρ.
    pub sophia_rho: Param,
    /// `sophia_k`: Sophia's refresh interval.
    pub sophia_k: Param,
    /// `sophia_b2`: Sophia's β₂.
    pub sophia_b2: Param,
    /// `adamw_wd`: AdamW's decoupled weight decay λ.
    pub adamw_wd: Param,
    /// `div_t`: the update at which the divisor chart reads the divisors (blank: the last).
    pub div_t: Param,
    /// `sim_n`: training examples of the data sets.
    pub n: Param,
    /// `sim_label_noise`: the fraction of training labels flipped.
    pub label_noise: Param,
    /// `sim_epochs`: blank, or an epoch budget.
    pub epochs: Param,
}

impl SimParams {
    /// Reads the parameters from the query, with the defaults of [`SimText::DEFAULT`].
    pub fn new(q: &Query) -> Self {
        let d = SimText::DEFAULT;
        let lr_opt = LR_KEYS.map(|k| Param::new(k, "", q));
        SimParams {
            task: Param::new("task", d.task, q),
            opts: Param::new("opts", d.opts, q),
            bs: Param::new("bs", d.bs, q),
            lr: Param::new("sim_lr", d.lr, q),
            lr_opt,
            steps: Param::new("steps", d.steps, q),
            seed: Param::new("seed", d.seed, q),
            seeds: Param::new("seeds", d.seeds, q),
            x: Param::new("x", d.x, q),
            target: Param::new("target", d.target, q),
            sched: Param::new("sim_sched", d.sched, q),
            warmup: Param::new("sim_warmup", d.warmup, q),
            sweep_opt: Param::new("sweep_opt", "", q),
            noise: Param::new("sim_noise", d.noise, q),
            sophia_est: Param::new("sophia_est", d.options.estimator, q),
            sophia_rho: Param::new("sophia_rho", d.options.rho, q),
            sophia_k: Param::new("sophia_k", d.options.k, q),
            sophia_b2: Param::new("sophia_b2", d.options.beta2, q),
            adamw_wd: Param::new("adamw_wd", d.options.adamw_wd, q),
            div_t: Param::new("div_t", "", q),
            n: Param::new("sim_n", d.n, q),
            label_noise: Param::new("sim_label_noise", d.label_noise, q),
            epochs: Param::new("sim_epochs", d.epochs, q),
        }
    }

    /// Parses the current text of every field (tracked), with the combination checks.
    pub fn parse(&self) -> Result<SimInput, Vec<InputError>> {
        self.parse_with(|t| t.parse())
    }

    fn parse_with(
        &self,
        parse: fn(&SimText<'_>) -> Result<SimInput, Vec<InputError>>,
    ) -> Result<SimInput, Vec<InputError>> {
        let lr_opt: Vec<String> = self.lr_opt.iter().map(|p| p.value.get()).collect();
        let lr_opt_refs: [&str; 7] =
            std::array::from_fn(|i| lr_opt.get(i).map_or("", String::as_str));
        let v: Vec<String> = [
            self.task,
            self.opts,
            self.bs,
            self.lr,
            self.steps,
            self.seed,
            self.seeds,
            self.x,
            self.target,
            self.sched,
            self.warmup,
            self.noise,
            self.sophia_est,
            self.sophia_rho,
            self.sophia_k,
            self.sophia_b2,
            self.adamw_wd,
            self.n,
            self.label_noise,
            self.epochs,
        ]
        .iter()
        .map(|p| p.value.get())
        .collect();
        let at = |i: usize| v.get(i).map_or("", String::as_str);
        let text = SimText {
            task: at(0),
            opts: at(1),
            bs: at(2),
            lr: at(3),
            lr_opt: lr_opt_refs,
            steps: at(4),
            seed: at(5),
            seeds: at(6),
            x: at(7),
            target: at(8),
            sched: at(9),
            warmup: at(10),
            noise: at(11),
            options: OptionsText {
                estimator: at(12),
                rho: at(13),
                k: at(14),
                beta2: at(15),
                adamw_wd: at(16),
            },
            n: at(17),
            label_noise: at(18),
            epochs: at(19),
        };
        let mut result = parse(&text);
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
            OptimizerKind::parse(&text, "sweep_opt").map(Some)
        }
    }

    /// The `div_t` choice: blank (`None`, the last update) or an update number ≥ 1 (tracked).
    /// Updates past the run's end read the last update.
    pub fn div_choice(&self) -> Result<Option<u64>, InputError> {
        let text = self.div_t.value.get();
        if text.trim().is_empty() {
            Ok(None)
        } else {
            crate::core::units::parse_count(&text, "div_t", 1, MAX_STEPS).map(Some)
        }
    }

    fn all(&self) -> Vec<Param> {
        let mut v = vec![self.task, self.opts, self.bs, self.lr];
        v.extend(self.lr_opt);
        v.extend([
            self.steps,
            self.seed,
            self.seeds,
            self.x,
            self.target,
            self.sched,
            self.warmup,
            self.sweep_opt,
            self.noise,
            self.sophia_est,
            self.sophia_rho,
            self.sophia_k,
            self.sophia_b2,
            self.adamw_wd,
            self.div_t,
            self.n,
            self.label_noise,
            self.epochs,
        ]);
        v
    }
}

impl ParamSet for SimParams {
    fn params(&self) -> Vec<Param> {
        self.all()
    }

    /// Single-field errors only (the work caps depend on the combination and are not reset).
    fn field_errors(&self) -> Vec<InputError> {
        untrack(|| {
            self.parse_with(|t| t.parse_fields())
                .err()
                .unwrap_or_default()
        })
    }
}
