//! The Data view's inputs.

use leptos::prelude::*;

use super::{param_struct, text_of, texts};
use crate::core::data_exp::settings::ExpSettings;
use crate::core::error::InputError;
use crate::core::mix::{Mixing, parse_draw};
use crate::core::params::data as P;
use crate::ui::state::{FieldCheck, Param, ParamSet};

param_struct! {
    /// The Data view's URL parameters (declared in `core::params::data`).
    DataParams {
        /// `tasks`: `name:count[:seq],…`.
        tasks: P::TASKS,
        /// `mix`: `examples` or `equal`.
        mix: P::MIX,
        /// `k`: the cap K (empty = none).
        k: P::K,
        /// `t`: the temperature T.
        t: P::T,
        /// `draw`: examples drawn in total (empty = from the Steps view).
        draw: P::DRAW,
        /// `label_noise`: the quality experiment's noise fraction p.
        label_noise: P::LABEL_NOISE,
        /// `clean_n`: the quality experiment's clean examples n.
        clean_n: P::CLEAN_N,
        /// `noisy_x`: the quality experiment's multiple k.
        noisy_x: P::NOISY_X,
        /// `coverage`: the diversity experiment's coverage.
        coverage: P::COVERAGE,
        /// `exp_seed`: the experiments' seed.
        exp_seed: P::EXP_SEED,
    }
}

impl DataParams {
    /// The experiments' settings (tracked), read under their declarations.
    pub fn exp_settings(&self) -> Result<ExpSettings, Vec<InputError>> {
        // Only the experiments' fields are read (and tracked): editing the task table does not
        // touch the experiments' settings.
        let exp: Vec<Param> = P::exp::ALL.iter().filter_map(|s| self.get(s)).collect();
        let texts = texts(&exp);
        ExpSettings::read(|spec| text_of(&texts, spec))
    }

    /// Errors of the single fields `mix`, `k`, `t` and `draw`, each on its own (tracked). The
    /// task list has per-row errors instead.
    pub fn setting_errors(&self) -> Vec<InputError> {
        let mix = self.mix.value.get();
        let k = self.k.value.get();
        let t = self.t.value.get();
        let draw = self.draw.value.get();
        let mut errors: Vec<InputError> = [
            Mixing::parse(&mix, "", ""),
            Mixing::parse("", &k, ""),
            Mixing::parse("", "", &t),
        ]
        .into_iter()
        .filter_map(Result::err)
        .collect();
        if !draw.trim().is_empty()
            && let Err(e) = parse_draw(&draw)
        {
            errors.push(e);
        }
        errors
    }
}

impl ParamSet for DataParams {
    fn params(&self) -> Vec<Param> {
        self.all()
    }
}

impl FieldCheck for DataParams {
    fn field_errors(&self) -> Vec<InputError> {
        untrack(|| {
            let mut errors = self.setting_errors();
            errors.extend(self.exp_settings().err().unwrap_or_default());
            errors
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::state::Query;

    /// Every declaration has its field, under its key, with its default; the defaults read.
    #[test]
    fn every_declaration_has_its_field() {
        let owner = Owner::new();
        owner.with(|| {
            let p = DataParams::new(&Query::new());
            super::super::assert_one_field_per_declaration(&p.all(), &P::ALL);
            assert!(p.setting_errors().is_empty());
            assert!(p.exp_settings().is_ok());
        });
    }

    /// Each bad setting is reported under its declared key.
    #[test]
    fn errors_name_the_declared_key() {
        let owner = Owner::new();
        owner.with(|| {
            let p = DataParams::new(&Query::new());
            p.mix.value.set("uniform".into());
            p.k.value.set("0".into());
            p.t.value.set("-1".into());
            p.draw.value.set("0".into());
            p.coverage.value.set("2".into());
            let keys: Vec<&str> = p.field_errors().iter().map(|e| e.field).collect();
            for spec in [P::MIX, P::K, P::T, P::DRAW, P::COVERAGE] {
                assert!(keys.contains(&spec.key), "{}: {keys:?}", spec.key);
            }
        });
    }
}
