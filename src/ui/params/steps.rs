//! The Steps view's inputs.

use leptos::prelude::*;

use super::{param_struct, text_of, texts};
use crate::core::error::InputError;
use crate::core::params::steps as P;
use crate::core::steps::{StepsInput, StepsText};
use crate::ui::state::{FieldCheck, Param, ParamSet};

param_struct! {
    /// The Steps view's URL parameters (declared in `core::params::steps`).
    StepsParams {
        /// `n`: examples in the data set.
        n: P::N,
        /// `mbs`: micro-batch per device.
        mbs: P::MBS,
        /// `ga`: gradient accumulation steps.
        ga: P::GA,
        /// `gpus`: data-parallel devices, shared with the Memory view (`dev` is read as an alias).
        gpus: P::GPUS,
        /// `epochs`.
        epochs: P::EPOCHS,
        /// `seq`: tokens per example.
        seq: P::SEQ,
        /// `drop_last`: 0/1.
        drop_last: P::DROP_LAST,
        /// `max_steps`: optional override.
        max_steps: P::MAX_STEPS,
        /// `lr`: peak learning rate.
        lr: P::LR,
        /// `warmup`: steps (≥ 1) or ratio (< 1).
        warmup: P::WARMUP,
        /// `sched`: schedule family.
        sched: P::SCHED,
        /// `min_lr`: floor ratio for `cosine_min`.
        min_lr: P::MIN_LR,
    }
}

impl StepsParams {
    /// Parses the current text of every field (tracked).
    pub fn parse(&self) -> Result<StepsInput, Vec<InputError>> {
        let texts = texts(&self.all());
        StepsText::read(|spec| text_of(&texts, spec)).parse()
    }
}

impl ParamSet for StepsParams {
    fn params(&self) -> Vec<Param> {
        self.all()
    }
}

impl FieldCheck for StepsParams {
    fn field_errors(&self) -> Vec<InputError> {
        untrack(|| self.parse().err().unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::state::Query;

    /// Every declaration has its field, under its key, with its default.
    #[test]
    fn every_declaration_has_its_field() {
        let owner = Owner::new();
        owner.with(|| {
            let p = StepsParams::new(&Query::new());
            super::super::assert_one_field_per_declaration(&p.all(), &P::ALL);
            assert!(p.parse().is_ok());
        });
    }
}
