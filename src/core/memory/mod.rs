//! Training memory per GPU: weights, gradients, optimizer states, activations, logits and
//! overhead, for full fine-tuning, LoRA and QLoRA; each part's source is in its module.
//!
//! [`MemoryInput`] is built from numbers ([`MemoryInput::new`]) or from URL-style text fields
//! ([`MemoryInput::from_fields`]); [`MemoryInput::estimate`] gives a [`MemoryEstimate`] in bytes
//! per GPU; [`MemoryInput::max_mbs`] finds the largest micro-batch that fits a card.
//!
//! **The peak.** Memory is highest either at the start of backward (weights, optimizer states,
//! all saved activations, the logits and loss tensors, and gradients only if they persist across
//! micro-batches, i.e. gradient accumulation > 1) or at the optimizer step (weights, states and
//! all gradients, activations freed). PyTorch frees activations as backward produces gradients,
//! and `zero_grad(set_to_none=True)` (the default since PyTorch 2.0, and what HF's Trainer calls
//! after each step) means gradients do not exist during the forward of the first micro-batch.
//! The estimate reports the parts resident at whichever moment is larger; `states` always holds
//! the full per-GPU model states. Optimizer-step temporaries (e.g. foreach AdamW's copy of
//! √v) are not counted.
//!
//! All byte arithmetic is in u128 and saturates to u64 at the API (2⁶⁴ B ≈ 18 EB).

pub mod activations;
pub mod byte_unit;
pub mod gpu;
pub mod hf_config;
pub mod lora;
pub mod measured;
pub mod model;
pub mod nf4;
pub mod optimizer_state;
pub mod overhead;
pub mod precision;
pub mod zero;

use self::activations::{Attention, Checkpointing, Setup, logit_elements, logits_bytes};
use self::gpu::Gpu;
use self::lora::{LoraConfig, MAX_RANK};
use self::model::{Family, ModelConfig, TensorKind};
use self::optimizer_state::Optimizer;
use self::overhead::Overhead;
use self::precision::Precision;
use self::zero::{StateBytes, Zero};
use crate::core::error::{ErrorKind, InputError};
use crate::core::params::memory as M;
use crate::core::params::steps as S;
use crate::core::units::{parse_count, parse_flag};

/// Largest accepted micro-batch (documented cap).
pub const MAX_MBS: u64 = 4096;
/// Largest accepted sequence length (documented cap).
pub const MAX_SEQ: u64 = 1_048_576;
/// Largest accepted gradient-accumulation count (documented cap).
pub const MAX_GA: u64 = 1_000_000;

/// What trains.
#[derive(Debug, Clone, PartialEq)]
pub enum Method {
    /// Every parameter trains.
    Full,
    /// Frozen 16-bit base plus LoRA adapters.
    Lora(LoraConfig),
    /// Frozen NF4 base (decoder linears) plus LoRA adapters.
    Qlora {
        /// The adapters.
        lora: LoraConfig,
        /// Double quantisation of the block constants (Dettmers et al. 2023, QLoRA, §3).
        double_quant: bool,
    },
}

impl Method {
    /// URL words.
    pub const KEYS: &'static [&'static str] = &["full", "lora", "qlora"];

    /// The adapters, if any.
    pub fn lora(&self) -> Option<&LoraConfig> {
        match self {
            Method::Full => None,
            Method::Lora(l) | Method::Qlora { lora: l, .. } => Some(l),
        }
    }
}

/// Everything the estimate depends on (validated).
#[derive(Debug, Clone, PartialEq)]
pub struct MemoryInput {
    /// Model shape.
    pub model: ModelConfig,
    /// Full, LoRA or QLoRA.
    pub method: Method,
    /// Precision convention.
    pub prec: Precision,
    /// Optimizer.
    pub opt: Optimizer,
    /// Micro-batch per GPU (sequences).
    pub mbs: u64,
    /// Sequence length (tokens).
    pub seq: u64,
    /// Attention implementation.
    pub attn: Attention,
    /// Activation checkpointing.
    pub ckpt: Checkpointing,
    /// ZeRO stage and data-parallel GPUs.
    pub zero: Zero,
    /// Gradient-accumulation steps (gradients persist across micro-batches when > 1).
    pub ga: u64,
    /// CUDA context and allocator slack.
    pub overhead: Overhead,
}

/// The moment that sets the peak.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Start of backward: activations and logits are all alive.
    BackwardStart,
    /// Optimizer step: all gradients alive, activations freed.
    OptimizerStep,
}

/// The bytes resident on one GPU at one moment of a training step. Parts sum to `total`
/// (saturating at u64::MAX); `overhead` is the context plus the slack on this moment's tensors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parts {
    /// Weights.
    pub weights: u64,
    /// Gradients alive at this moment.
    pub grads: u64,
    /// Optimizer states and master weights.
    pub optimizer: u64,
    /// Saved activations alive at this moment.
    pub activations: u64,
    /// Logits and loss tensors alive at this moment.
    pub logits: u64,
    /// CUDA context and allocator slack.
    pub overhead: u64,
    /// Sum of the parts.
    pub total: u64,
}

impl Parts {
    /// The six parts in display order: weights, grads, optimizer, activations, logits, overhead.
    pub fn list(&self) -> [u64; 6] {
        [
            self.weights,
            self.grads,
            self.optimizer,
            self.activations,
            self.logits,
            self.overhead,
        ]
    }
}

/// Bytes per parameter of each model-state part, with the sources of the conventions.
#[derive(Debug, Clone, PartialEq)]
pub struct BytesPerParam {
    /// Weight bytes per parameter of the whole model (adapters included).
    pub weights: f64,
    /// Gradient bytes per trainable parameter.
    pub grads: f64,
    /// Optimizer bytes (states + master copy) per trainable parameter.
    pub optimizer: f64,
    /// Source of the precision convention.
    pub precision_source: &'static str,
    /// Source of the optimizer-state layout.
    pub optimizer_source: &'static str,
}

/// Memory per GPU at the peak. Parts sum to `total` (saturating at u64::MAX).
#[derive(Debug, Clone, PartialEq)]
pub struct MemoryEstimate {
    /// Weights resident (`mem-weights`).
    pub weights: u64,
    /// Gradients resident at the peak (`mem-grads`).
    pub grads: u64,
    /// Optimizer states and master weights (`mem-optimizer`).
    pub optimizer: u64,
    /// Saved activations resident at the peak (`mem-activations`).
    pub activations: u64,
    /// Logits and loss tensors resident at the peak (`mem-logits`).
    pub logits: u64,
    /// CUDA context and allocator slack (`mem-overhead`).
    pub overhead: u64,
    /// Peak bytes per GPU (`mem-total`).
    pub total: u64,
    /// Which moment sets the peak.
    pub phase: Phase,
    /// Full per-GPU model states (gradients included even when not resident at the peak).
    pub states: StateBytes,
    /// Activations of one micro-batch (whether or not resident at the peak).
    pub activations_all: u64,
    /// Logits and loss tensors of one micro-batch.
    pub logits_all: u64,
    /// Bytes per parameter of each part, with sources.
    pub bytes_per_param: BytesPerParam,
    /// What is resident at the start of backward (the first candidate for the peak).
    pub backward: Parts,
    /// What is resident at the optimizer step (the second candidate for the peak).
    pub step: Parts,
    /// Parameters of the base model.
    pub params_total: u64,
    /// Trainable parameters (PEFT "trainable params").
    pub params_trainable: u64,
    /// All parameters including adapters (PEFT "all params").
    pub params_all: u64,
}

impl MemoryEstimate {
    /// Whether the peak fits on `gpu`.
    pub fn fits(&self, gpu: &Gpu) -> bool {
        self.total <= gpu.bytes()
    }
}

fn sat(x: u128) -> u64 {
    u64::try_from(x).unwrap_or(u64::MAX)
}

impl MemoryInput {
    /// A validated input from numbers: mbs in 1..=[`MAX_MBS`], seq in 1..=[`MAX_SEQ`],
    /// ga in 1..=[`MAX_GA`]; LoRA targets and rank are re-checked against the model.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        model: ModelConfig,
        method: Method,
        prec: Precision,
        opt: Optimizer,
        mbs: u64,
        seq: u64,
        attn: Attention,
        ckpt: Checkpointing,
        zero: Zero,
        ga: u64,
        overhead: Overhead,
    ) -> Result<Self, InputError> {
        let input = Self {
            model,
            method,
            prec,
            opt,
            mbs,
            seq,
            attn,
            ckpt,
            zero,
            ga,
            overhead,
        };
        input.validate()?;
        Ok(input)
    }

    /// Re-checks every rule (fields are public, so a caller may have changed them).
    pub fn validate(&self) -> Result<(), InputError> {
        let range = |x: u64, field, max: u64| {
            if x == 0 {
                Err(InputError::new(field, ErrorKind::BelowMin(1.0)))
            } else if x > max {
                Err(InputError::new(field, ErrorKind::AboveMax(max as f64)))
            } else {
                Ok(())
            }
        };
        range(self.mbs, "mbs", MAX_MBS)?;
        range(self.seq, "seq", MAX_SEQ)?;
        range(self.ga, "ga", MAX_GA)?;
        let m = &self.model;
        ModelConfig::new(
            m.family,
            m.hidden,
            m.layers,
            m.heads,
            m.kv_heads,
            Some(m.head_dim),
            m.ffn,
            m.vocab,
            m.tied,
            m.n_positions,
        )?;
        Zero::new(u64::from(self.zero.stage), self.zero.gpus)?;
        Overhead::new(self.overhead.context, self.overhead.slack)?;
        if let Some(l) = self.method.lora() {
            LoraConfig::new(m, l.r, l.targets.clone())?;
        }
        Ok(())
    }

    /// Reads the URL-style text fields (absent → default):
    /// `model` (preset | `custom` | `config`), for `custom`: `family`, `hidden`, `layers`,
    /// `heads`, `kv_heads` (= heads), `head_dim` (= hidden / heads), `ffn`, `vocab`, `tied` (0),
    /// `n_positions` (1024, GPT-2);
    /// for `config`: the pasted `config`; `method` (full), `r` (8), `targets` (PEFT default),
    /// `dq` (1), `prec` (bf16-master), `opt` (adamw), `mbs` (1), `seq` (2048), `attn` (flash),
    /// `ckpt` (none), `gpus` (1), `zero` (0), `ga` (1). The first bad field is the error.
    pub fn from_fields<'a>(field: impl Fn(&str) -> Option<&'a str>) -> Result<Self, InputError> {
        let text = |k: &str| field(k).map(str::trim).filter(|t| !t.is_empty());
        let count = |k: &'static str, default: u64, min: u64, max: u64| match text(k) {
            None => Ok(default),
            Some(t) => parse_count(t, k, min, max),
        };
        let model = match text(M::MODEL.key).unwrap_or("llama-2-7b") {
            "custom" => {
                let family = Family::parse(text(M::FAMILY.key).unwrap_or("llama"), M::FAMILY.key)?;
                let heads = count(M::HEADS.key, 0, 1, model::MAX_HEADS)?;
                if heads == 0 {
                    return Err(InputError::new(M::HEADS.key, ErrorKind::Empty));
                }
                let need = |k: &'static str, max| match text(k) {
                    None => Err(InputError::new(k, ErrorKind::Empty)),
                    Some(t) => parse_count(t, k, 0, max),
                };
                ModelConfig::new(
                    family,
                    need(M::HIDDEN.key, model::MAX_HIDDEN)?,
                    need(M::LAYERS.key, model::MAX_LAYERS)?,
                    heads,
                    count(M::KV_HEADS.key, heads, 0, model::MAX_HEADS)?,
                    text(M::HEAD_DIM.key)
                        .map(|t| parse_count(t, M::HEAD_DIM.key, 1, model::MAX_HIDDEN))
                        .transpose()?,
                    need(M::FFN.key, model::MAX_FFN)?,
                    need(M::VOCAB.key, model::MAX_VOCAB)?,
                    text(M::TIED.key)
                        .map(|t| parse_flag(t, M::TIED.key))
                        .transpose()?
                        .unwrap_or(false),
                    count(M::N_POSITIONS.key, 1024, 0, model::MAX_POSITIONS)?,
                )?
            }
            "config" => hf_config::parse(field(hf_config::FIELD).unwrap_or(""))?,
            name => model::preset(name)?,
        };
        let lora = || -> Result<LoraConfig, InputError> {
            let r = count(M::R.key, 8, 1, MAX_RANK)?;
            let targets =
                LoraConfig::parse_targets(text(M::TARGETS.key).unwrap_or(""), model.family)?;
            LoraConfig::new(&model, r, targets)
        };
        let method = match text(M::METHOD.key)
            .unwrap_or("full")
            .to_ascii_lowercase()
            .as_str()
        {
            "full" => Method::Full,
            "lora" => Method::Lora(lora()?),
            "qlora" => Method::Qlora {
                lora: lora()?,
                double_quant: text(M::DQ.key)
                    .map(|t| parse_flag(t, M::DQ.key))
                    .transpose()?
                    .unwrap_or(true),
            },
            _ => {
                return Err(InputError::new(
                    M::METHOD.key,
                    ErrorKind::NotOneOf(Method::KEYS),
                ));
            }
        };
        let prec = Precision::parse(text(M::PREC.key).unwrap_or(""))?;
        let opt = Optimizer::parse(text(M::OPT.key).unwrap_or(""))?;
        let mbs = count(S::MBS.key, 1, 1, MAX_MBS)?;
        let seq = count(S::SEQ.key, 2048, 1, MAX_SEQ)?;
        let attn = Attention::parse(text(M::ATTN.key).unwrap_or(""))?;
        let ckpt = Checkpointing::parse(text(M::CKPT.key).unwrap_or(""))?;
        let gpus = count(S::GPUS.key, 1, 1, zero::MAX_GPUS)?;
        let zero = Zero::new(count(M::ZERO.key, 0, 0, 3)?, gpus)?;
        let ga = count(S::GA.key, 1, 1, MAX_GA)?;
        Self::new(
            model,
            method,
            prec,
            opt,
            mbs,
            seq,
            attn,
            ckpt,
            zero,
            ga,
            Overhead::default(),
        )
    }

    /// The same input with another micro-batch (not validated; `estimate` validates).
    pub fn with_mbs(&self, mbs: u64) -> Self {
        Self {
            mbs,
            ..self.clone()
        }
    }

    /// Trainable parameters: all for full fine-tuning, the adapters for LoRA/QLoRA.
    pub fn params_trainable(&self) -> u64 {
        match self.method.lora() {
            None => self.model.params_total(),
            Some(l) => l.params_trainable(&self.model),
        }
    }

    /// Whole-model states before ZeRO sharding.
    fn states_all(&self) -> StateBytes {
        let p = self.prec;
        let total = self.model.params_total() as u128;
        let tensors = self.model.tensors();
        match &self.method {
            Method::Full => StateBytes {
                weights: total * (p.weight_bytes() + p.cast_copy_bytes()) as u128,
                grads: total * p.grad_bytes() as u128,
                optimizer: tensors
                    .iter()
                    .map(|t| {
                        self.opt
                            .state_bytes(t.rows, t.cols, t.count, p.state_bytes())
                    })
                    .sum::<u128>()
                    + total * p.master_bytes() as u128,
            },
            Method::Lora(l) | Method::Qlora { lora: l, .. } => {
                let trainable = l.params_trainable(&self.model) as u128;
                let wa = p.adapter_bytes();
                let base = match &self.method {
                    Method::Qlora { double_quant, .. } => tensors
                        .iter()
                        .map(|t| match t.kind {
                            TensorKind::Linear(_) => {
                                nf4::tensor_bytes(t.numel(), t.count, *double_quant)
                            }
                            _ => t.total() as u128 * p.activation_bytes() as u128,
                        })
                        .sum(),
                    _ => total * (p.frozen_bytes() + p.cast_copy_bytes()) as u128,
                };
                StateBytes {
                    weights: base + trainable * wa as u128,
                    grads: trainable * wa as u128,
                    optimizer: l
                        .tensors(&self.model)
                        .iter()
                        .map(|&(r, c, n)| self.opt.state_bytes(r, c, n, wa))
                        .sum(),
                }
            }
        }
    }

    /// The estimate (validates first).
    pub fn estimate(&self) -> Result<MemoryEstimate, InputError> {
        self.validate()?;
        let all = self.states_all();
        let states = self.zero.per_gpu(all);
        let setup = Setup {
            model: &self.model,
            width: self.prec.activation_bytes(),
            adapter_width: self.prec.adapter_bytes(),
            full: self.method == Method::Full,
            lora: self.method.lora(),
            attn: self.attn,
            ckpt: self.ckpt,
        };
        let activations = setup.total(self.mbs, self.seq);
        let logits = logits_bytes(
            logit_elements(self.model.vocab, self.mbs, self.seq),
            self.prec.activation_bytes(),
        );
        let held_grads = if self.ga > 1 { states.grads } else { 0 };
        let moment = |grads: u128, act: u128, lg: u128| {
            let tensors = states.weights + states.optimizer + grads + act + lg;
            let overhead = self.overhead.bytes(tensors);
            (
                tensors,
                Parts {
                    weights: sat(states.weights),
                    grads: sat(grads),
                    optimizer: sat(states.optimizer),
                    activations: sat(act),
                    logits: sat(lg),
                    overhead: sat(overhead),
                    total: sat(tensors + overhead),
                },
            )
        };
        let (backward, at_backward) = moment(held_grads, activations, logits);
        let (step, at_step) = moment(states.grads, 0, 0);
        let (phase, peak) = if backward >= step {
            (Phase::BackwardStart, at_backward)
        } else {
            (Phase::OptimizerStep, at_step)
        };
        let params_total = self.model.params_total();
        let params_trainable = self.params_trainable();
        let params_all = match self.method {
            Method::Full => params_total,
            _ => params_total + params_trainable,
        };
        let per = |x: u128, n: u64| if n == 0 { 0.0 } else { x as f64 / n as f64 };
        Ok(MemoryEstimate {
            weights: peak.weights,
            grads: peak.grads,
            optimizer: peak.optimizer,
            activations: peak.activations,
            logits: peak.logits,
            overhead: peak.overhead,
            total: peak.total,
            phase,
            backward: at_backward,
            step: at_step,
            states,
            activations_all: sat(activations),
            logits_all: sat(logits),
            bytes_per_param: BytesPerParam {
                weights: per(all.weights, params_all),
                grads: per(all.grads, params_trainable),
                optimizer: per(all.optimizer, params_trainable),
                precision_source: self.prec.source(),
                optimizer_source: self.opt.source(),
            },
            params_total,
            params_trainable,
            params_all,
        })
    }

    /// Largest micro-batch (≤ [`MAX_MBS`]) whose peak fits in `capacity` bytes; 0 when even
    /// mbs = 1 does not fit. Binary search: the peak never decreases as mbs grows.
    pub fn max_mbs(&self, capacity: u64) -> u64 {
        let fits = |mbs: u64| {
            self.with_mbs(mbs)
                .estimate()
                .is_ok_and(|e| e.total <= capacity)
        };
        if !fits(1) {
            return 0;
        }
        let (mut lo, mut hi) = (1, MAX_MBS);
        if fits(hi) {
            return hi;
        }
        // Invariant: fits(lo) and !fits(hi).
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if fits(mid) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        lo
    }
}

#[cfg(test)]
mod tests;
