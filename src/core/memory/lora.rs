//! LoRA (Hu et al. 2021, arXiv:2106.09685, §4.1) adapters as PEFT builds them, and the
//! trainable-parameter count that PEFT's `print_trainable_parameters` prints.
//!
//! Each adapted linear W ∈ R^{d_out×d_in} gets A ∈ R^{r×d_in} and B ∈ R^{d_out×r}:
//! **r·(d_in + d_out)** trainable parameters per adapted matrix (peft 0.21.2,
//! `src/peft/tuners/lora/layer.py`, `LoraLayer.update_layer`: `lora_A` is
//! `nn.Linear(in_features, r)`, `lora_B` is `nn.Linear(r, out_features)`, no bias by default).
//! PEFT's default targets (`src/peft/utils/constants.py`,
//! `TRANSFORMERS_MODELS_TO_LORA_TARGET_MODULES_MAPPING`): llama, mistral, qwen2 → `q_proj`,
//! `v_proj`; gpt2 → `c_attn`. "all params" includes the adapters
//! (`PeftModel.get_nb_trainable_parameters` in `src/peft/peft_model.py`).

use super::model::{Family, LinearShape, ModelConfig};
use crate::core::error::{ErrorKind, InputError};
use crate::core::params::memory as M;

/// Largest accepted LoRA rank (documented cap; it must also fit every adapted dimension).
pub const MAX_RANK: u64 = 65_536;

/// Target names accepted for Llama/Mistral/Qwen2 (short URL forms and PEFT names).
pub const LLAMA_TARGETS: &[&str] = &["q", "k", "v", "o", "gate", "up", "down"];
/// Target names accepted for GPT-2 (`c_proj` alone means both projections, as in PEFT).
pub const GPT2_TARGETS: &[&str] = &["c_attn", "attn.c_proj", "c_fc", "mlp.c_proj", "c_proj"];

/// A LoRA set-up: rank and adapted modules (PEFT module names).
#[derive(Debug, Clone, PartialEq)]
pub struct LoraConfig {
    /// Rank r.
    pub r: u64,
    /// Adapted linear modules of each layer, by PEFT name (e.g. `q_proj`, `c_attn`).
    pub targets: Vec<&'static str>,
}

/// PEFT's default `target_modules` for a family.
pub fn default_targets(family: Family) -> Vec<&'static str> {
    match family {
        Family::Gpt2 => vec!["c_attn"],
        _ => vec!["q_proj", "v_proj"],
    }
}

impl LoraConfig {
    /// A validated set-up. `r` must be ≥ 1 and no larger than any adapted dimension
    /// (error at `r`); targets must exist in the family (error at `targets`).
    pub fn new(
        model: &ModelConfig,
        r: u64,
        targets: Vec<&'static str>,
    ) -> Result<Self, InputError> {
        if r == 0 {
            return Err(InputError::new(M::R.key, ErrorKind::BelowMin(1.0)));
        }
        if r > MAX_RANK {
            return Err(InputError::new(
                M::R.key,
                ErrorKind::AboveMax(MAX_RANK as f64),
            ));
        }
        if targets.is_empty() {
            return Err(InputError::new(M::TARGETS.key, ErrorKind::EmptyList));
        }
        let linears = model.linears();
        for (i, t) in targets.iter().enumerate() {
            if targets.iter().take(i).any(|u| u == t) {
                return Err(InputError::new(
                    "targets",
                    ErrorKind::Duplicate((*t).to_string()),
                ));
            }
            let Some(lin) = linears.iter().find(|l| l.name == *t) else {
                let allowed = if model.family == Family::Gpt2 {
                    GPT2_TARGETS
                } else {
                    LLAMA_TARGETS
                };
                return Err(InputError::new(
                    M::TARGETS.key,
                    ErrorKind::NotOneOf(allowed),
                ));
            };
            let smallest = lin.d_in.min(lin.d_out);
            if r > smallest {
                return Err(InputError::new(
                    M::R.key,
                    ErrorKind::AboveMax(smallest as f64),
                ));
            }
        }
        Ok(Self { r, targets })
    }

    /// Parses the `targets` field: comma/space separated short names (`q,v`), PEFT names
    /// (`q_proj`), or for GPT-2 `c_attn, c_proj, c_fc, attn.c_proj, mlp.c_proj`. Empty text
    /// gives PEFT's defaults for the family.
    pub fn parse_targets(text: &str, family: Family) -> Result<Vec<&'static str>, InputError> {
        let err = |kind| InputError::new(M::TARGETS.key, kind);
        let mut out: Vec<&'static str> = Vec::new();
        let words: Vec<&str> = text
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|w| !w.is_empty())
            .collect();
        if words.is_empty() {
            return Ok(default_targets(family));
        }
        for w in words {
            let w = w.to_ascii_lowercase();
            let names: &[&'static str] = match (family, w.as_str()) {
                (Family::Gpt2, "c_attn") => &["c_attn"],
                (Family::Gpt2, "attn.c_proj") => &["attn.c_proj"],
                (Family::Gpt2, "c_fc") => &["c_fc"],
                (Family::Gpt2, "mlp.c_proj") => &["mlp.c_proj"],
                (Family::Gpt2, "c_proj") => &["attn.c_proj", "mlp.c_proj"],
                (Family::Gpt2, _) => return Err(err(ErrorKind::NotOneOf(GPT2_TARGETS))),
                (_, "q" | "q_proj") => &["q_proj"],
                (_, "k" | "k_proj") => &["k_proj"],
                (_, "v" | "v_proj") => &["v_proj"],
                (_, "o" | "o_proj") => &["o_proj"],
                (_, "gate" | "gate_proj") => &["gate_proj"],
                (_, "up" | "up_proj") => &["up_proj"],
                (_, "down" | "down_proj") => &["down_proj"],
                _ => return Err(err(ErrorKind::NotOneOf(LLAMA_TARGETS))),
            };
            for n in names {
                if out.contains(n) {
                    return Err(err(ErrorKind::Duplicate((*n).to_string())));
                }
                out.push(n);
            }
        }
        Ok(out)
    }

    /// The adapted modules' shapes in `model`.
    pub fn adapted<'a>(&'a self, model: &'a ModelConfig) -> impl Iterator<Item = LinearShape> + 'a {
        model
            .linears()
            .into_iter()
            .filter(|l| self.targets.contains(&l.name))
    }

    /// Whether the module named `name` is adapted.
    pub fn adapts(&self, name: &str) -> bool {
        self.targets.contains(&name)
    }

    /// Adapter parameters in one layer: Σ r·(d_in + d_out) over adapted modules.
    pub fn params_per_layer(&self, model: &ModelConfig) -> u64 {
        self.adapted(model)
            .map(|l| self.r * (l.d_in + l.d_out))
            .sum()
    }

    /// Trainable parameters (PEFT `print_trainable_parameters` "trainable params").
    pub fn params_trainable(&self, model: &ModelConfig) -> u64 {
        self.params_per_layer(model) * model.layers
    }

    /// The adapter matrices as (rows, cols, count) tensors: A is r×d_in, B is d_out×r.
    pub fn tensors(&self, model: &ModelConfig) -> Vec<(u64, u64, u64)> {
        self.adapted(model)
            .flat_map(|l| {
                [
                    (self.r, l.d_in, model.layers),
                    (l.d_out, self.r, model.layers),
                ]
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::model::preset;
    use super::*;

    fn counts(model: &str, r: u64, targets: &str) -> (u64, u64) {
        let m = preset(model).unwrap_or_else(|e| panic!("{e}"));
        let t = LoraConfig::parse_targets(targets, m.family).unwrap_or_default();
        let l = LoraConfig::new(&m, r, t).unwrap_or_else(|e| panic!("{e}"));
        (
            l.params_trainable(&m),
            m.params_total() + l.params_trainable(&m),
        )
    }

    #[test]
    fn matches_peft_printouts() {
        // peft 0.21.2 `get_peft_model` on meta-device transformers 5.24.0 models, read with
        // `get_nb_trainable_parameters()`: `python tests/reference/peft_lora_counts.py`, which
        // also reproduces the method_comparison figures below.
        assert_eq!(counts("llama-2-7b", 8, ""), (4_194_304, 6_742_609_920));
        assert_eq!(counts("llama-2-7b", 16, "q,v"), (8_388_608, 6_746_804_224));
        assert_eq!(counts("gpt2", 8, ""), (294_912, 124_734_720));
        // huggingface/peft method_comparison/MetaMathQA/results/lora--llama-3.2-3B-rank32.json:
        // num_trainable_params 9,175,040, num_total_params 3,221,924,864 (q_proj, v_proj, r=32).
        assert_eq!(
            counts("llama-3.2-3b", 32, "q_proj,v_proj"),
            (9_175_040, 3_221_924_864)
        );
        // ... lora--llama-3.2-3B-rank64.json: 18,350,080 / 3,231,099,904.
        assert_eq!(
            counts("llama-3.2-3b", 64, "q,v"),
            (18_350_080, 3_231_099_904)
        );
        // ... lora--llama-3.2-3B-rank10-target-mlp.json: 9,461,760 / 3,222,211,584.
        assert_eq!(
            counts("llama-3.2-3b", 10, "gate,up,down"),
            (9_461_760, 3_222_211_584)
        );
    }

    #[test]
    fn gpt2_names_and_rank_limits() {
        let m = preset("gpt2").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            LoraConfig::parse_targets("c_attn, c_proj", m.family),
            Ok(vec!["c_attn", "attn.c_proj", "mlp.c_proj"])
        );
        // c_attn 8·(768+2304), attn.c_proj 8·(768+768), mlp.c_proj 8·(3072+768); ×12 layers
        // = 811,008, as peft gives for targets c_attn,c_proj (tests/reference/peft_lora_counts.py).
        let l = LoraConfig::new(&m, 8, vec!["c_attn", "attn.c_proj", "mlp.c_proj"]);
        assert_eq!(
            l.map(|l| l.params_trainable(&m)),
            Ok(12 * 8 * (3072 + 1536 + 3840))
        );
        assert_eq!(
            LoraConfig::new(&m, 769, vec!["c_attn"]).unwrap_err().field,
            "r"
        );
        assert_eq!(
            LoraConfig::new(&m, 0, vec!["c_attn"]).unwrap_err().field,
            "r"
        );
        assert_eq!(
            LoraConfig::parse_targets("q", m.family).unwrap_err().field,
            "targets"
        );
        let q = preset("qwen2.5-0.5b").unwrap_or_else(|e| panic!("{e}"));
        // k_proj of Qwen2.5-0.5B is 896 → 128: r = 129 exceeds it.
        assert_eq!(
            LoraConfig::new(&q, 129, vec!["k_proj"]).unwrap_err().kind,
            ErrorKind::AboveMax(128.0)
        );
        assert_eq!(
            LoraConfig::parse_targets("q,q_proj", q.family)
                .unwrap_err()
                .kind,
            ErrorKind::Duplicate("q_proj".into())
        );
    }
}
