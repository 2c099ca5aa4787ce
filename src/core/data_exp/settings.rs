//! The experiments' own settings, read from their URL text under the declarations of
//! [`crate::core::params::data::exp`] (the multi-task experiment reads the mixing keys of
//! [`crate::core::mix`] instead).

use crate::core::error::InputError;
use crate::core::params::ParamSpec;
use crate::core::params::data::exp as P;

/// Settings of the quality and diversity experiments, and the seed of all three.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ExpSettings {
    /// Fraction p of the noisy set's labels replaced at random.
    pub label_noise: f64,
    /// Clean examples n.
    pub clean_n: usize,
    /// The noisy set holds `noisy_x`·n examples.
    pub noisy_x: f64,
    /// Fraction of the phrasings in the diversity experiment's training set.
    pub coverage: f64,
    /// The seed.
    pub seed: u64,
}

impl ExpSettings {
    /// Reads every setting with `text` (the text of a declaration); every bad field is reported.
    pub fn read<'a>(text: impl Fn(&ParamSpec) -> &'a str) -> Result<Self, Vec<InputError>> {
        let mut errors = Vec::new();
        let mut real = |spec: &ParamSpec| {
            spec.real(text(spec))
                .map_err(|e| errors.push(e))
                .unwrap_or(0.0)
        };
        let label_noise = real(&P::LABEL_NOISE);
        let noisy_x = real(&P::NOISY_X);
        let coverage = real(&P::COVERAGE);
        let mut count = |spec: &ParamSpec| {
            spec.count(text(spec))
                .map_err(|e| errors.push(e))
                .unwrap_or(1)
        };
        let clean_n = count(&P::CLEAN_N) as usize;
        let seed = count(&P::EXP_SEED);
        if errors.is_empty() {
            Ok(ExpSettings {
                label_noise,
                clean_n,
                noisy_x,
                coverage,
                seed,
            })
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(pairs: &[(&str, &str)]) -> Result<ExpSettings, Vec<InputError>> {
        ExpSettings::read(|spec| {
            pairs
                .iter()
                .find(|(k, _)| *k == spec.key)
                .map_or(spec.default, |(_, v)| v)
        })
    }

    #[test]
    fn defaults_read_and_bad_fields_are_all_named() {
        let d = read(&[]).expect("defaults read");
        assert_eq!(
            d,
            ExpSettings {
                label_noise: 0.4,
                clean_n: 200,
                noisy_x: 4.0,
                coverage: 0.25,
                seed: 1
            }
        );
        let errors = read(&[
            ("label_noise", "1.5"),
            ("coverage", "0"),
            ("clean_n", "2.5"),
        ])
        .expect_err("three bad fields");
        let mut keys: Vec<&str> = errors.iter().map(|e| e.field).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["clean_n", "coverage", "label_noise"]);
        assert!(read(&[("noisy_x", "21")]).is_err());
        assert!(read(&[("clean_n", "1001")]).is_err());
        assert_eq!(
            read(&[("label_noise", "0")]).map(|s| s.label_noise),
            Ok(0.0)
        );
    }
}
