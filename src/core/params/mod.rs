//! Every URL parameter of the calculators, declared once: its key, an older key still read, its
//! default text and the rule its text is read with. The page derives from these declarations
//! the URL reading and writing, the fields and their error lookup; a test checks that the
//! README's URL tables list exactly these keys.
//!
//! A declaration is data, not a signal: `core` stays free of the browser. The views' parsers
//! (`core::steps::StepsText::parse`, `core::memory::MemoryInput::from_fields`, …) read each
//! value under its declaration's key, so an error names the field it belongs to.

use super::error::InputError;
use super::units::{parse_count, parse_flag, parse_positive, parse_real};

/// How a parameter's text is read (bounds included). `Custom` parameters are read by their
/// module's own parser (a choice word, a list, an optional value).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Rule {
    /// A whole number in `min ..= max`.
    Count {
        /// Smallest value accepted.
        min: u64,
        /// Largest value accepted.
        max: u64,
    },
    /// A real number in `(0, max]`.
    Positive {
        /// Largest value accepted.
        max: f64,
    },
    /// A real number in `[min, max]`.
    Real {
        /// Smallest value accepted.
        min: f64,
        /// Largest value accepted.
        max: f64,
    },
    /// `0`/`1` (also `true`/`false`, `yes`/`no`, `on`/`off`).
    Flag,
    /// Read by the calculation's own parser.
    Custom,
}

/// One URL parameter, declared once.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParamSpec {
    /// URL key (also the field's id suffix and the key errors name).
    pub key: &'static str,
    /// An older key still read when `key` is absent (written back as `key`).
    pub alias: Option<&'static str>,
    /// Default text.
    pub default: &'static str,
    /// How the text is read.
    pub rule: Rule,
}

impl ParamSpec {
    /// A parameter read by its calculation's own parser.
    pub const fn custom(key: &'static str, default: &'static str) -> ParamSpec {
        ParamSpec {
            key,
            alias: None,
            default,
            rule: Rule::Custom,
        }
    }

    /// A parameter read with `rule`.
    pub const fn ruled(key: &'static str, default: &'static str, rule: Rule) -> ParamSpec {
        ParamSpec {
            key,
            alias: None,
            default,
            rule,
        }
    }

    /// The same parameter, also read under an older key.
    pub const fn with_alias(self, alias: &'static str) -> ParamSpec {
        ParamSpec {
            alias: Some(alias),
            ..self
        }
    }

    /// Reads a whole number with the declared bounds (a `Count` rule; any other rule accepts
    /// every non-negative whole number).
    pub fn count(&self, text: &str) -> Result<u64, InputError> {
        let (min, max) = match self.rule {
            Rule::Count { min, max } => (min, max),
            _ => (0, u64::MAX),
        };
        parse_count(text, self.key, min, max)
    }

    /// Reads a real number with the declared bounds (`Positive` or `Real`; any other rule
    /// accepts every positive number).
    pub fn real(&self, text: &str) -> Result<f64, InputError> {
        match self.rule {
            Rule::Real { min, max } => parse_real(text, self.key, min, max),
            Rule::Positive { max } => parse_positive(text, self.key, max),
            _ => parse_positive(text, self.key, f64::MAX),
        }
    }

    /// Reads a `0`/`1` flag.
    pub fn flag(&self, text: &str) -> Result<bool, InputError> {
        parse_flag(text, self.key)
    }
}

impl Rule {
    /// Checks `text` against this rule alone, naming `key` in the error: the check a page
    /// applies to the values of views it does not show, without linking their parsers. A
    /// `Custom` rule accepts everything here (its view's parser checks it on its own page).
    pub fn check(self, key: &'static str, text: &str) -> Result<(), InputError> {
        match self {
            Rule::Count { min, max } => parse_count(text, key, min, max).map(drop),
            Rule::Positive { max } => parse_positive(text, key, max).map(drop),
            Rule::Real { min, max } => parse_real(text, key, min, max).map(drop),
            Rule::Flag => parse_flag(text, key).map(drop),
            Rule::Custom => Ok(()),
        }
    }
}

/// The Steps view's parameters (`core::steps` reads them).
pub mod steps {
    use super::{ParamSpec, Rule};
    use crate::core::memory::zero::MAX_GPUS;
    use crate::core::steps::{MAX_EPOCHS, MAX_EXAMPLES, MAX_FACTOR, MAX_LR, MAX_SEQ};

    const fn count(key: &'static str, default: &'static str, max: u64) -> ParamSpec {
        ParamSpec::ruled(key, default, Rule::Count { min: 1, max })
    }

    /// `n`: examples in the data set.
    pub const N: ParamSpec = count("n", "10000", MAX_EXAMPLES);
    /// `mbs`: micro-batch per device (shared with the Memory view).
    pub const MBS: ParamSpec = count("mbs", "4", MAX_FACTOR);
    /// `ga`: gradient accumulation steps (shared with the Memory view).
    pub const GA: ParamSpec = count("ga", "25", MAX_FACTOR);
    /// `gpus`: data-parallel devices (shared with the Memory view; `dev` is the older key).
    pub const GPUS: ParamSpec = count("gpus", "1", MAX_GPUS).with_alias("dev");
    /// `epochs`: `num_train_epochs`, fractional allowed.
    pub const EPOCHS: ParamSpec =
        ParamSpec::ruled("epochs", "3", Rule::Positive { max: MAX_EPOCHS });
    /// `seq`: tokens per example (shared with the Memory view).
    pub const SEQ: ParamSpec = count("seq", "512", MAX_SEQ);
    /// `drop_last`: `dataloader_drop_last`.
    pub const DROP_LAST: ParamSpec = ParamSpec::ruled("drop_last", "0", Rule::Flag);
    /// `max_steps`: optional override of the epochs (empty, 0 or negative = off).
    pub const MAX_STEPS: ParamSpec = ParamSpec::custom("max_steps", "");
    /// `lr`: peak learning rate.
    pub const LR: ParamSpec = ParamSpec::ruled("lr", "5e-5", Rule::Positive { max: MAX_LR });
    /// `warmup`: steps (≥ 1) or a ratio of the run (< 1).
    pub const WARMUP: ParamSpec = ParamSpec::custom("warmup", "0.1");
    /// `sched`: schedule family.
    pub const SCHED: ParamSpec = ParamSpec::custom("sched", "cosine");
    /// `min_lr`: floor of `cosine_min` as a fraction of the peak.
    pub const MIN_LR: ParamSpec =
        ParamSpec::ruled("min_lr", "0.1", Rule::Real { min: 0.0, max: 1.0 });

    /// Every Steps parameter, in URL order.
    pub const ALL: [ParamSpec; 12] = [
        N, MBS, GA, GPUS, EPOCHS, SEQ, DROP_LAST, MAX_STEPS, LR, WARMUP, SCHED, MIN_LR,
    ];
}

/// The Batch & LR view's parameters (read by `core::max_step`, `core::noise_scale`,
/// `core::noise_estimate` and `core::lr_scaling`). The defaults tell a story: a step just under
/// the bound 2/λ_max; a noise scale of 1,000 read at batch 256 over 8 … 8192; the two-batch
/// estimator of McCandlish et al. 2018, App. A.1 (per-device 32, global 512); Adam moved from
/// 256 to 1024 with the square-root rule of Malladi et al. 2022 (arXiv:2205.10287).
pub mod lr {
    use super::ParamSpec;
    use crate::core::lr_scaling as lrs;
    use crate::core::max_step as ms;
    use crate::core::noise_estimate as ne;
    use crate::core::noise_scale as ns;

    /// `lam_max`: the steep curvature of the section-1 quadratic.
    pub const LAM_MAX: ParamSpec = ParamSpec::custom(ms::FIELD_LAMBDA_MAX, "10");
    /// `lam_2`: its flat curvature.
    pub const LAM_2: ParamSpec = ParamSpec::custom(ms::FIELD_LAMBDA_2, "1");
    /// `step_size`: the step size η of the section-1 run.
    pub const STEP_SIZE: ParamSpec = ParamSpec::custom(ms::FIELD_STEP_SIZE, "0.19");
    /// `momentum`: heavy-ball β of the section-1 run.
    pub const MOMENTUM: ParamSpec = ParamSpec::custom(ms::FIELD_MOMENTUM, "0");
    /// `iters`: steps of the section-1 run.
    pub const ITERS: ParamSpec = ParamSpec::custom(ms::FIELD_ITERS, "50");
    /// `b_noise`: the noise scale (= B_crit), used by sections 2 and 4.
    pub const B_NOISE: ParamSpec = ParamSpec::custom(ns::FIELD_B_NOISE, "1000");
    /// `eps_max`: the noiseless best step.
    pub const EPS_MAX: ParamSpec = ParamSpec::custom(ns::FIELD_EPS_MAX, "0.1");
    /// `b`: the batch size the section-2 figures are read at.
    pub const B: ParamSpec = ParamSpec::custom(ns::FIELD_B, "256");
    /// `b_min`: left end of the section-2 batch axis.
    pub const B_MIN: ParamSpec = ParamSpec::custom(ns::FIELD_B_MIN, "8");
    /// `b_max`: right end of the section-2 batch axis.
    pub const B_MAX: ParamSpec = ParamSpec::custom(ns::FIELD_B_MAX, "8192");
    /// `b_small`: the small batch of the estimator.
    pub const B_SMALL: ParamSpec = ParamSpec::custom(ne::FIELD_B_SMALL, "32");
    /// `gn_small`: |G|² measured at the small batch.
    pub const GN_SMALL: ParamSpec = ParamSpec::custom(ne::FIELD_GN_SMALL, "104");
    /// `b_big`: the big batch of the estimator.
    pub const B_BIG: ParamSpec = ParamSpec::custom(ne::FIELD_B_BIG, "512");
    /// `gn_big`: |G|² measured at the big batch.
    pub const GN_BIG: ParamSpec = ParamSpec::custom(ne::FIELD_GN_BIG, "10.25");
    /// `lr0`: the learning rate tuned at `b0`.
    pub const LR0: ParamSpec = ParamSpec::custom(lrs::FIELD_LR0, "1e-4");
    /// `b0`: the old batch size.
    pub const B0: ParamSpec = ParamSpec::custom(lrs::FIELD_B0, "256");
    /// `b1`: the new batch size.
    pub const B1: ParamSpec = ParamSpec::custom(lrs::FIELD_B1, "1024");
    /// `scale_opt`: optimizer family, `sgd` or `adam`.
    pub const SCALE_OPT: ParamSpec = ParamSpec::custom(lrs::FIELD_OPT, "adam");
    /// `beta1`: Adam's β₁ at `b0`.
    pub const BETA1: ParamSpec = ParamSpec::custom(lrs::FIELD_BETA1, "0.9");
    /// `beta2`: Adam's β₂ at `b0`.
    pub const BETA2: ParamSpec = ParamSpec::custom(lrs::FIELD_BETA2, "0.999");
    /// `adam_eps`: Adam's ε at `b0`.
    pub const ADAM_EPS: ParamSpec = ParamSpec::custom(lrs::FIELD_ADAM_EPS, "1e-8");

    /// Every Batch & LR parameter, in URL order.
    pub const ALL: [ParamSpec; 21] = [
        LAM_MAX, LAM_2, STEP_SIZE, MOMENTUM, ITERS, B_NOISE, EPS_MAX, B, B_MIN, B_MAX, B_SMALL,
        GN_SMALL, B_BIG, GN_BIG, LR0, B0, B1, SCALE_OPT, BETA1, BETA2, ADAM_EPS,
    ];
}

/// The Memory view's own parameters (read by `core::memory`); it also reads the Steps view's
/// `mbs`, `seq`, `ga` and `gpus` ([`SHARED`]). The defaults tell a story: Llama-3-8B with
/// PEFT's default LoRA on one 80 GB card.
pub mod memory {
    use super::ParamSpec;

    /// `model`: a preset or `custom`.
    pub const MODEL: ParamSpec = ParamSpec::custom("model", "llama-3-8b");
    /// `family` (custom model).
    pub const FAMILY: ParamSpec = ParamSpec::custom("family", "llama");
    /// `hidden` (custom model).
    pub const HIDDEN: ParamSpec = ParamSpec::custom("hidden", "4096");
    /// `layers` (custom model).
    pub const LAYERS: ParamSpec = ParamSpec::custom("layers", "32");
    /// `heads` (custom model).
    pub const HEADS: ParamSpec = ParamSpec::custom("heads", "32");
    /// `kv_heads` (custom model).
    pub const KV_HEADS: ParamSpec = ParamSpec::custom("kv_heads", "8");
    /// `head_dim` (custom model, optional).
    pub const HEAD_DIM: ParamSpec = ParamSpec::custom("head_dim", "");
    /// `ffn` (custom model).
    pub const FFN: ParamSpec = ParamSpec::custom("ffn", "14336");
    /// `vocab` (custom model).
    pub const VOCAB: ParamSpec = ParamSpec::custom("vocab", "128256");
    /// `tied` (custom model, 0/1).
    pub const TIED: ParamSpec = ParamSpec::custom("tied", "0");
    /// `n_positions` (custom GPT-2).
    pub const N_POSITIONS: ParamSpec = ParamSpec::custom("n_positions", "");
    /// `method`: full, lora, qlora.
    pub const METHOD: ParamSpec = ParamSpec::custom("method", "lora");
    /// `r`: LoRA rank.
    pub const R: ParamSpec = ParamSpec::custom("r", "8");
    /// `targets`: adapted modules (empty = PEFT's default).
    pub const TARGETS: ParamSpec = ParamSpec::custom("targets", "");
    /// `dq`: QLoRA double quantisation (0/1).
    pub const DQ: ParamSpec = ParamSpec::custom("dq", "1");
    /// `prec`: precision convention.
    pub const PREC: ParamSpec = ParamSpec::custom("prec", "bf16-master");
    /// `opt`: optimizer.
    pub const OPT: ParamSpec = ParamSpec::custom("opt", "adamw");
    /// `attn`: eager or flash.
    pub const ATTN: ParamSpec = ParamSpec::custom("attn", "flash");
    /// `ckpt`: none, selective, full.
    pub const CKPT: ParamSpec = ParamSpec::custom("ckpt", "none");
    /// `zero`: ZeRO stage.
    pub const ZERO: ParamSpec = ParamSpec::custom("zero", "0");
    /// `gpu`: the chosen card.
    pub const GPU: ParamSpec = ParamSpec::custom("gpu", "a100-80");
    /// `unit`: gb or gib.
    pub const UNIT: ParamSpec = ParamSpec::custom("unit", "gb");

    /// The Memory view's own parameters, in URL order.
    pub const OWN: [ParamSpec; 22] = [
        MODEL,
        FAMILY,
        HIDDEN,
        LAYERS,
        HEADS,
        KV_HEADS,
        HEAD_DIM,
        FFN,
        VOCAB,
        TIED,
        N_POSITIONS,
        METHOD,
        R,
        TARGETS,
        DQ,
        PREC,
        OPT,
        ATTN,
        CKPT,
        ZERO,
        GPU,
        UNIT,
    ];

    /// The Steps view's parameters the Memory view reads too (checked against its own ranges
    /// on its page).
    pub const SHARED: [ParamSpec; 4] = [
        super::steps::MBS,
        super::steps::SEQ,
        super::steps::GA,
        super::steps::GPUS,
    ];
}

/// The Time & cost view's own parameters (read by `core::compute`). The model, method, card
/// and data it reads are the Memory and Steps views' parameters.
pub mod compute {
    use super::{ParamSpec, Rule};

    /// `flops`: `detailed` (every matmul) or `6n` (Kaplan et al. 2020).
    pub const FLOPS: ParamSpec = ParamSpec::custom("flops", "detailed");
    /// `causal`: halve QKᵀ and A·V (0/1).
    pub const CAUSAL: ParamSpec = ParamSpec::ruled("causal", "0", Rule::Flag);
    /// `tflops`: dense peak per GPU, TFLOP/s (empty: the card's published figure).
    pub const TFLOPS: ParamSpec = ParamSpec::custom("tflops", "");
    /// `mfu`: the share of the peak sustained, in (0, 1].
    pub const MFU: ParamSpec = ParamSpec::custom("mfu", "0.4");
    /// `price`: per GPU-hour (empty: no cost).
    pub const PRICE: ParamSpec = ParamSpec::custom("price", "");

    /// Every Time & cost parameter, in URL order.
    pub const ALL: [ParamSpec; 5] = [FLOPS, CAUSAL, TFLOPS, MFU, PRICE];
}

pub mod data;
pub mod sim;

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key of the views declared here: no key is declared twice, and every default reads
    /// under its own rule.
    #[test]
    fn keys_are_unique_and_defaults_read() {
        let mut keys: Vec<&str> = steps::ALL
            .iter()
            .chain(&lr::ALL)
            .chain(&memory::OWN)
            .chain(&compute::ALL)
            .chain(&data::ALL)
            .chain(&sim::ALL)
            .map(|s| s.key)
            .collect();
        let n = keys.len();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), n, "a key is declared twice");
        for s in steps::ALL
            .iter()
            .chain(&lr::ALL)
            .chain(&memory::OWN)
            .chain(&compute::ALL)
            .chain(&data::ALL)
            .chain(&sim::ALL)
        {
            let ok = match s.rule {
                // An empty default means "off" for an optional parameter.
                _ if s.default.is_empty() => true,
                Rule::Count { .. } => s.count(s.default).is_ok(),
                Rule::Positive { .. } | Rule::Real { .. } => s.real(s.default).is_ok(),
                Rule::Flag => s.flag(s.default).is_ok(),
                Rule::Custom => true,
            };
            assert!(ok, "{}: default {:?}", s.key, s.default);
        }
    }

    #[test]
    fn rules_carry_their_bounds_into_errors() {
        assert!(steps::N.count("0").is_err());
        assert_eq!(steps::N.count("10k"), Ok(10_000));
        assert_eq!(steps::N.count("0").map_err(|e| e.field), Err("n"));
        assert!(steps::MIN_LR.real("1.5").is_err());
        assert_eq!(steps::MIN_LR.real("0"), Ok(0.0));
        assert!(steps::LR.real("0").is_err());
        assert_eq!(steps::DROP_LAST.flag("1"), Ok(true));
        assert_eq!(steps::GPUS.alias, Some("dev"));
    }

    /// README's URL tables list every declared key of each view, and no key that is not declared.
    #[test]
    fn readme_tables_match_the_declarations() {
        let readme = include_str!("../../../README.md");
        let table_keys = |heading: &str| -> Vec<String> {
            let start = readme.find(heading).unwrap_or(readme.len());
            let section = &readme[start..];
            // The section ends at the next heading of any level.
            let section = section[heading.len()..]
                .find("\n#")
                .map_or(section, |end| &section[..heading.len() + end]);
            section
                .lines()
                .filter(|l| l.starts_with("| `"))
                .filter_map(|l| l.split('|').nth(1))
                .flat_map(|cell| cell.split(','))
                .filter_map(|k| k.trim().strip_prefix('`')?.strip_suffix('`'))
                .map(str::to_string)
                .collect()
        };
        for (heading, own) in [
            ("### Steps (`view=steps`)", &steps::ALL[..]),
            ("### Batch & LR (`view=lr`)", &lr::ALL[..]),
            ("### Memory (`view=memory`)", &memory::OWN[..]),
            ("### Time & cost (`view=compute`)", &compute::ALL[..]),
            ("### Data (`view=data`)", &data::ALL[..]),
            ("### Simulator (`view=sim`)", &sim::ALL[..]),
        ] {
            let listed = table_keys(heading);
            assert!(!listed.is_empty(), "{heading}: no table");
            for s in own {
                assert!(
                    listed.iter().any(|k| k == s.key),
                    "{heading}: {} missing",
                    s.key
                );
            }
            let shared = &memory::SHARED[..];
            for k in &listed {
                assert!(
                    own.iter().chain(shared).any(|s| s.key == k),
                    "{heading}: {k} is not declared"
                );
            }
        }
    }
}
