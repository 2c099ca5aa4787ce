//! The Memory view's inputs.

use leptos::prelude::*;

use super::steps::StepsParams;
use crate::core::error::{ErrorKind, InputError};
use crate::core::memory::byte_unit::ByteUnit;
use crate::core::memory::gpu::Gpu;
use crate::core::memory::lora::{LoraConfig, MAX_RANK};
use crate::core::memory::model::{self, Family};
use crate::core::memory::{MemoryEstimate, MemoryInput};
use crate::core::params::memory as M;
use crate::core::units::{parse_count, parse_flag};
use crate::ui::state::{FieldCheck, Param, ParamSet, Query};

/// URL words of the `model` field: the presets, then `custom`.
pub const MODEL_KEYS: &[&str] = &[
    "gpt2",
    "llama-2-7b",
    "llama-2-13b",
    "llama-3-8b",
    "llama-3.2-1b",
    "llama-3.2-3b",
    "mistral-7b",
    "qwen2.5-0.5b",
    "qwen2.5-3b",
    "qwen2.5-7b",
    "custom",
];

/// The Memory view's URL parameters.
#[derive(Clone, Copy, Debug)]
pub struct MemoryParams {
    /// `model`: a preset or `custom`.
    pub model: Param,
    /// `family` (custom).
    pub family: Param,
    /// `hidden` (custom).
    pub hidden: Param,
    /// `layers` (custom).
    pub layers: Param,
    /// `heads` (custom).
    pub heads: Param,
    /// `kv_heads` (custom).
    pub kv_heads: Param,
    /// `head_dim` (custom, optional).
    pub head_dim: Param,
    /// `ffn` (custom).
    pub ffn: Param,
    /// `vocab` (custom).
    pub vocab: Param,
    /// `tied` (custom, 0/1).
    pub tied: Param,
    /// `n_positions` (custom GPT-2).
    pub n_positions: Param,
    /// `method`: full, lora, qlora.
    pub method: Param,
    /// `r`: LoRA rank.
    pub r: Param,
    /// `targets`: adapted modules (empty = PEFT default).
    pub targets: Param,
    /// `dq`: QLoRA double quantisation (0/1).
    pub dq: Param,
    /// `prec`: precision convention.
    pub prec: Param,
    /// `opt`: optimizer.
    pub opt: Param,
    /// `mbs`: micro-batch per GPU.
    pub mbs: Param,
    /// `seq`: sequence length.
    pub seq: Param,
    /// `ga`: gradient accumulation.
    pub ga: Param,
    /// `attn`: eager or flash.
    pub attn: Param,
    /// `ckpt`: none, selective, full.
    pub ckpt: Param,
    /// `gpus`: data-parallel GPUs (the Steps view's devices, shared).
    pub gpus: Param,
    /// `zero`: ZeRO stage.
    pub zero: Param,
    /// `gpu`: the chosen card.
    pub gpu: Param,
    /// `unit`: gb or gib.
    pub unit: Param,
}

/// A valid set of inputs and its estimate.
#[derive(Debug, Clone, PartialEq)]
pub struct Computed {
    /// The validated input.
    pub input: MemoryInput,
    /// Its estimate.
    pub est: MemoryEstimate,
    /// The chosen card.
    pub gpu: Gpu,
    /// The display unit.
    pub unit: ByteUnit,
}

impl MemoryParams {
    /// Reads the parameters from the query (defaults in `core::params::memory`). The
    /// micro-batch, sequence length and accumulation are the Steps view's own parameters (`mbs`, `seq`, `ga`, `gpus`): one scenario, one value, one URL
    /// key.
    pub fn new(q: &Query, steps: &StepsParams) -> Self {
        MemoryParams {
            model: Param::from_spec(&M::MODEL, q),
            family: Param::from_spec(&M::FAMILY, q),
            hidden: Param::from_spec(&M::HIDDEN, q),
            layers: Param::from_spec(&M::LAYERS, q),
            heads: Param::from_spec(&M::HEADS, q),
            kv_heads: Param::from_spec(&M::KV_HEADS, q),
            head_dim: Param::from_spec(&M::HEAD_DIM, q),
            ffn: Param::from_spec(&M::FFN, q),
            vocab: Param::from_spec(&M::VOCAB, q),
            tied: Param::from_spec(&M::TIED, q),
            n_positions: Param::from_spec(&M::N_POSITIONS, q),
            method: Param::from_spec(&M::METHOD, q),
            r: Param::from_spec(&M::R, q),
            targets: Param::from_spec(&M::TARGETS, q),
            dq: Param::from_spec(&M::DQ, q),
            prec: Param::from_spec(&M::PREC, q),
            opt: Param::from_spec(&M::OPT, q),
            mbs: steps.mbs,
            seq: steps.seq,
            ga: steps.ga,
            attn: Param::from_spec(&M::ATTN, q),
            ckpt: Param::from_spec(&M::CKPT, q),
            gpus: steps.gpus,
            zero: Param::from_spec(&M::ZERO, q),
            gpu: Param::from_spec(&M::GPU, q),
            unit: Param::from_spec(&M::UNIT, q),
        }
    }

    /// Every parameter, the shared ones included, in URL order.
    pub fn all(&self) -> [Param; 26] {
        [
            self.model,
            self.family,
            self.hidden,
            self.layers,
            self.heads,
            self.kv_heads,
            self.head_dim,
            self.ffn,
            self.vocab,
            self.tied,
            self.n_positions,
            self.method,
            self.r,
            self.targets,
            self.dq,
            self.prec,
            self.opt,
            self.mbs,
            self.seq,
            self.ga,
            self.attn,
            self.ckpt,
            self.gpus,
            self.zero,
            self.gpu,
            self.unit,
        ]
    }

    /// Parses the current text of every field (tracked) and estimates. The estimator reports
    /// its first bad field; the card and unit are checked as well.
    pub fn parse(&self) -> Result<Computed, Vec<InputError>> {
        let values: Vec<(&'static str, String)> =
            self.all().iter().map(|p| (p.key, p.value.get())).collect();
        let field = |k: &str| {
            values
                .iter()
                .find(|(key, _)| *key == k)
                .map(|(_, v)| v.as_str())
        };
        let mut errors = Vec::new();
        let model = field(M::MODEL.key)
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        let input = if MODEL_KEYS.contains(&model.as_str()) {
            MemoryInput::from_fields(|k| {
                if k == M::MODEL.key {
                    Some(model.as_str())
                } else {
                    field(k)
                }
            })
            .map_err(|e| errors.push(e))
            .ok()
        } else {
            errors.push(InputError::new(
                M::MODEL.key,
                ErrorKind::NotOneOf(MODEL_KEYS),
            ));
            None
        };
        let gpu = Gpu::parse(field(M::GPU.key).unwrap_or(""))
            .map_err(|e| errors.push(e))
            .ok();
        let unit = ByteUnit::parse(field(M::UNIT.key).unwrap_or(""))
            .map_err(|e| errors.push(e))
            .ok();
        match (input, gpu, unit) {
            (Some(input), Some(gpu), Some(unit)) if errors.is_empty() => {
                let est = input.estimate().map_err(|e| vec![e])?;
                Ok(Computed {
                    input,
                    est,
                    gpu,
                    unit,
                })
            }
            _ => Err(errors),
        }
    }

    /// Errors of the fields the current choices leave unused, each checked on its own: the
    /// custom model's shape under a preset, the LoRA settings under full fine-tuning, `dq`
    /// without QLoRA. A bad value in a link is then reported and reset instead of lingering
    /// unused in the URL (untracked; for the start-up check).
    fn unused_field_errors(&self) -> Vec<InputError> {
        let text = |p: Param| p.value.get_untracked();
        let given = |p: Param| Some(text(p)).filter(|t| !t.trim().is_empty());
        let count = |p: Param, min: u64, max: u64| {
            given(p).and_then(|t| parse_count(&t, p.key, min, max).err())
        };
        let flag = |p: Param| given(p).and_then(|t| parse_flag(&t, p.key).err());
        let mut errors = Vec::new();
        if !text(self.model).trim().eq_ignore_ascii_case("custom") {
            errors.extend(given(self.family).and_then(|t| Family::parse(&t, M::FAMILY.key).err()));
            errors.extend(count(self.hidden, 0, model::MAX_HIDDEN));
            errors.extend(count(self.layers, 0, model::MAX_LAYERS));
            errors.extend(count(self.heads, 1, model::MAX_HEADS));
            errors.extend(count(self.kv_heads, 0, model::MAX_HEADS));
            errors.extend(count(self.head_dim, 1, model::MAX_HIDDEN));
            errors.extend(count(self.ffn, 0, model::MAX_FFN));
            errors.extend(count(self.vocab, 0, model::MAX_VOCAB));
            errors.extend(flag(self.tied));
            errors.extend(count(self.n_positions, 0, model::MAX_POSITIONS));
        }
        let method = text(self.method).trim().to_ascii_lowercase();
        if !matches!(method.as_str(), "lora" | "qlora") {
            errors.extend(count(self.r, 1, MAX_RANK));
            if let (Some(t), Some(family)) = (given(self.targets), self.family_now()) {
                errors.extend(LoraConfig::parse_targets(&t, family).err());
            }
        }
        if method != "qlora" {
            errors.extend(flag(self.dq));
        }
        errors
    }

    /// The family the model fields currently describe (untracked; for event handlers).
    pub fn family_now(&self) -> Option<Family> {
        let model = self.model.value.get_untracked();
        if model.trim() == "custom" {
            Family::parse(&self.family.value.get_untracked(), M::FAMILY.key).ok()
        } else {
            model::preset(&model).ok().map(|m| m.family)
        }
    }

    /// After the model or family changed: targets written for another family go back to
    /// PEFT's default for the new one (an event handler calls this).
    pub fn keep_targets_valid(&self) {
        if let Some(family) = self.family_now()
            && LoraConfig::parse_targets(&self.targets.value.get_untracked(), family).is_err()
        {
            self.targets.value.set(String::new());
        }
    }

    /// Writes a model's shape into the custom fields and selects `custom` (event handlers only).
    pub fn set_custom(&self, m: &model::ModelConfig) {
        for (key, text) in m.field_texts() {
            if let Some(p) = self.all().iter().find(|p| p.key == key) {
                p.value.set(text);
            }
        }
        self.model.value.set("custom".into());
        self.keep_targets_valid();
    }
}

impl ParamSet for MemoryParams {
    /// This view's own parameters; the shared `mbs`, `seq` and `ga` belong to the Steps view.
    fn params(&self) -> Vec<Param> {
        let shared = [self.mbs.key, self.seq.key, self.ga.key];
        self.all()
            .into_iter()
            .filter(|p| !shared.contains(&p.key))
            .collect()
    }

    /// On this page the Memory view also checks the shared `mbs`, `seq` and `ga` against its
    /// own, tighter ranges (`mbs` ≤ 4096, `seq` ≤ 1,048,576).
    fn checked_params(&self) -> Vec<Param> {
        self.all().to_vec()
    }
}

impl FieldCheck for MemoryParams {
    fn field_errors(&self) -> Vec<InputError> {
        untrack(|| {
            let mut errors = self.parse().err().unwrap_or_default();
            errors.extend(self.unused_field_errors());
            errors
        })
    }
}
