//! Activation memory: what autograd keeps between the forward and the backward pass.
//!
//! # Reference: Korthikanti et al. 2022 (arXiv:2205.05198, §4.1)
//! GPT-style block, 16-bit values, 1-byte dropout masks: **sbh(34 + 5as/h)** bytes per layer;
//! 34sbh with selective recomputation (or FlashAttention), 2sbh with full recomputation.
//! Kept here as [`korthikanti_per_layer`] and tested on s = 2048, b = 1, h = 4096, a = 32
//! (`python tests/reference/memory_arithmetic.py`).
//!
//! # Adapted to Llama-family blocks (GQA, SwiGLU, RMSNorm, dropout = 0)
//! Per token, with w = activation bytes (2 for bf16 compute, 4 for fp32), d = hidden,
//! q = n_h·head_dim, k = n_kv·head_dim, f = ffn, a = n_h, s = sequence length. The tensors are
//! the ones transformers' `modeling_llama.py` (eager/sdpa/flash paths) leaves saved in the
//! autograd graph; PyTorch saves a matmul's input only when the weight needs a gradient.
//!
//! | saved tensor | bytes per token | when |
//! |---|---|---|
//! | input_layernorm: fp32 upcast of the residual (`hidden_states.to(float32)`) | 4d | always |
//! | input_layernorm: normalised value before × weight | wd | norm weights trainable |
//! | norm output = input of q/k/v_proj (shared) | wd | any of q/k/v trainable, or LoRA-adapted with adapter dtype = w |
//! | Q, K, V after RoPE (kept by the attention kernel; RoPE keeps only cos/sin) | w(q + 2k) | flash / selective |
//! | same, K and V expanded by `repeat_kv` (eager matmuls save the expanded copies) | 3wq | eager |
//! | attention kernel output + fp32 log-sum-exp | wq + 4a | flash |
//! | eager softmax output in fp32 (`softmax(..., dtype=float32)`) + its cast to w for P·V | (4 + w)·a·s (4a·s if w = 4) | eager |
//! | o_proj input (contiguous transpose of the attention output) | wq | o trainable / adapted |
//! | post_attention_layernorm: fp32 upcast + normalised value | 4d (+ wd) | as above |
//! | norm output = input of gate/up_proj | wd | gate/up trainable / adapted |
//! | gate output (SiLU input), SiLU output, up output (both factors of the product) | 3wf | always |
//! | product = down_proj input | wf | down trainable / adapted |
//!
//! Dropout is 0 (no masks); the residual adds save nothing. Full fine-tuning, flash, bf16:
//! 8d + 4wd + 3wq + 2wk + 4wf + 4a per token — for Llama-2-7B 26d + 8f + 4a = 194,688 B ≈ 47.5d,
//! more than the GPT-style 34d because HF's RMSNorm keeps an fp32 copy of its input and SwiGLU
//! keeps four f-wide tensors (f = 2.69d) where a GeLU MLP keeps 4h + 4h.
//!
//! **LoRA** (PEFT `lora.Linear`, dropout 0): each adapted module saves its input for A (shared
//! with the base input when the adapter dtype equals w; otherwise PEFT's `_cast_input_dtype`
//! makes an fp32 copy per module, w_a·d_in) and the r-wide A output for B (w_a·r).
//!
//! **GPT-2** (`modeling_gpt2.py`): LayerNorm keeps its input plus fp32 mean/rstd (wd + 8, twice),
//! the fused c_attn output holds Q, K, V (3wd), attention as above (eager softmax stays in w:
//! w·a·s), `gelu_new` (a composite of pow/tanh/mul) keeps 4 f-wide tensors, plus linear inputs.
//!
//! **Checkpointing.** `selective` recomputes only the attention core (Korthikanti §5): no s²
//! terms and no kernel output/statistics. `full` keeps each layer's input (wd per token per
//! layer) and rebuilds one layer at a time in backward, so one full layer is added once.

use super::lora::LoraConfig;
use super::model::{Family, ModelConfig};
use crate::core::error::{ErrorKind, InputError};
use crate::core::params::memory as M;

/// Attention implementation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attention {
    /// Materialised scores and softmax (s² per head).
    Eager,
    /// FlashAttention / memory-efficient SDPA: no s² tensors kept.
    Flash,
}

impl Attention {
    /// URL words.
    pub const KEYS: &'static [&'static str] = &["eager", "flash"];
    /// Parses a URL word (empty → flash).
    pub fn parse(text: &str) -> Result<Self, InputError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "eager" => Ok(Self::Eager),
            "flash" | "sdpa" | "" => Ok(Self::Flash),
            _ => Err(InputError::new(
                M::ATTN.key,
                ErrorKind::NotOneOf(Self::KEYS),
            )),
        }
    }
}

/// Activation checkpointing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checkpointing {
    /// Keep everything.
    None,
    /// Recompute the attention core only (Korthikanti et al. 2022, §5).
    Selective,
    /// Keep each layer's input only; recompute the layer in backward.
    Full,
}

impl Checkpointing {
    /// URL words.
    pub const KEYS: &'static [&'static str] = &["none", "selective", "full"];
    /// Parses a URL word (empty → none).
    pub fn parse(text: &str) -> Result<Self, InputError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "none" | "" => Ok(Self::None),
            "selective" => Ok(Self::Selective),
            "full" => Ok(Self::Full),
            _ => Err(InputError::new(
                M::CKPT.key,
                ErrorKind::NotOneOf(Self::KEYS),
            )),
        }
    }
}

/// What decides the saved tensors.
#[derive(Debug, Clone, Copy)]
pub struct Setup<'a> {
    /// The model.
    pub model: &'a ModelConfig,
    /// Activation bytes per element (2 for bf16 compute, 4 for fp32).
    pub width: u64,
    /// LoRA adapter bytes per element (PEFT casts the adapter input to this dtype).
    pub adapter_width: u64,
    /// Whether all base weights and norms train (full fine-tuning).
    pub full: bool,
    /// LoRA adapters, if any.
    pub lora: Option<&'a LoraConfig>,
    /// Attention implementation.
    pub attn: Attention,
    /// Checkpointing.
    pub ckpt: Checkpointing,
}

/// Bytes of one layer: `per_token` + `per_token_per_key`·s, per token (tokens = b·s).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayerBytes {
    /// Bytes per token that do not depend on s.
    pub per_token: u128,
    /// Bytes per token per key position (eager attention's s² terms).
    pub per_token_per_key: u128,
}

impl Setup<'_> {
    /// Inputs saved for the linears of one input group (shared input of width `d_in`).
    fn group(&self, d_in: u64, modules: &[&str]) -> u128 {
        let (w, wa) = (self.width as u128, self.adapter_width as u128);
        let d_in = d_in as u128;
        let mut shared = self.full;
        let mut extra = 0u128;
        if let Some(l) = self.lora {
            for _ in modules.iter().filter(|m| l.adapts(m)) {
                if wa == w {
                    shared = true;
                } else {
                    extra += wa * d_in;
                }
                extra += wa * l.r as u128;
            }
        }
        extra + if shared { w * d_in } else { 0 }
    }

    /// Bytes one layer keeps without checkpointing (or during its recomputation).
    pub fn layer_uncheckpointed(&self, attn: Attention, selective: bool) -> LayerBytes {
        let m = self.model;
        let w = self.width as u128;
        let (d, q, k, f, a) = (
            m.hidden as u128,
            m.q_dim() as u128,
            m.kv_dim() as u128,
            m.ffn as u128,
            m.heads as u128,
        );
        let norm_w = if self.full { w * d } else { 0 };
        let mut per_token;
        let mut per_key = 0;
        match m.family {
            Family::Gpt2 => {
                per_token = 2 * (w * d + 8) + 3 * w * d + 4 * w * f;
                if !selective {
                    match attn {
                        Attention::Flash => per_token += w * d + 4 * a,
                        Attention::Eager => per_key = w * a,
                    }
                }
                per_token += self.group(m.hidden, &["c_attn"])
                    + self.group(m.hidden, &["attn.c_proj"])
                    + self.group(m.hidden, &["c_fc"])
                    + self.group(m.ffn, &["mlp.c_proj"]);
            }
            _ => {
                per_token = 2 * (4 * d + norm_w) + 3 * w * f;
                let eager_qkv = attn == Attention::Eager && !selective;
                per_token += if eager_qkv {
                    3 * w * q
                } else {
                    w * (q + 2 * k)
                };
                if !selective {
                    match attn {
                        Attention::Flash => per_token += w * q + 4 * a,
                        Attention::Eager => per_key = (4 + if w < 4 { w } else { 0 }) * a,
                    }
                }
                per_token += self.group(m.hidden, &["q_proj", "k_proj", "v_proj"])
                    + self.group(m.q_dim(), &["o_proj"])
                    + self.group(m.hidden, &["gate_proj", "up_proj"])
                    + self.group(m.ffn, &["down_proj"]);
            }
        }
        LayerBytes {
            per_token,
            per_token_per_key: per_key,
        }
    }

    /// Bytes kept after the last layer (final norm and LM-head input), per token.
    pub fn final_per_token(&self) -> u128 {
        let w = self.width as u128;
        let d = self.model.hidden as u128;
        let trainable = if self.full { 2 * w * d } else { 0 };
        match self.model.family {
            Family::Gpt2 => w * d + 8 + trainable / 2,
            _ => 4 * d + trainable,
        }
    }

    /// Total activation bytes for a micro-batch of `mbs` sequences of `seq` tokens, all layers.
    pub fn total(&self, mbs: u64, seq: u64) -> u128 {
        let tokens = mbs as u128 * seq as u128;
        let s = seq as u128;
        let bytes = |lb: LayerBytes| tokens * lb.per_token + tokens * s * lb.per_token_per_key;
        let layers = self.model.layers as u128;
        let body = match self.ckpt {
            Checkpointing::None => layers * bytes(self.layer_uncheckpointed(self.attn, false)),
            Checkpointing::Selective => layers * bytes(self.layer_uncheckpointed(self.attn, true)),
            Checkpointing::Full => {
                layers * tokens * self.width as u128 * self.model.hidden as u128
                    + bytes(self.layer_uncheckpointed(self.attn, false))
            }
        };
        body + tokens * self.final_per_token()
    }
}

/// Logit elements of one micro-batch: s·b·V (the LM head's output, `[b, s, V]`).
pub fn logit_elements(vocab: u64, mbs: u64, seq: u64) -> u128 {
    vocab as u128 * mbs as u128 * seq as u128
}

/// Peak bytes of the LM head's logits and the loss during backward, for n logits of `width`
/// bytes. transformers 5.24.0 (`src/transformers/loss/loss_utils.py`, `ForCausalLMLoss`) upcasts
/// with `logits.float()` and calls `cross_entropy`; the upcast is freed after the forward pass,
/// and at the peak of backward live: the logits the model output keeps (w·n), the fp32
/// log-softmax output autograd saved (4n), the fp32 gradient of the NLL (4n) and the fp32
/// gradient of the logits (4n). 14 B per logit in bf16, 16 in fp32, as measured on CPU by
/// `python tests/reference/logits_peak.py`.
pub fn logits_bytes(elements: u128, width: u64) -> u128 {
    elements * (width as u128 + 4 + 4 + 4)
}

/// Korthikanti et al. 2022 §4.1 per-layer activations of a GPT block:
/// sbh·34 + 5·a·s²·b bytes (no recomputation, no parallelism).
pub fn korthikanti_per_layer(s: u64, b: u64, h: u64, a: u64) -> u128 {
    let (s, b, h, a) = (s as u128, b as u128, h as u128, a as u128);
    34 * s * b * h + 5 * a * s * s * b
}

/// Korthikanti et al. 2022: selective recomputation (or FlashAttention) keeps 34·sbh per layer.
pub fn korthikanti_selective(s: u64, b: u64, h: u64) -> u128 {
    34 * s as u128 * b as u128 * h as u128
}

/// Korthikanti et al. 2022: full recomputation keeps 2·sbh per layer (the layer input).
pub fn korthikanti_full(s: u64, b: u64, h: u64) -> u128 {
    2 * s as u128 * b as u128 * h as u128
}

#[cfg(test)]
mod tests {
    use super::super::model::preset;
    use super::*;

    #[test]
    fn korthikanti_reference_example() {
        // Korthikanti et al. 2022, §4.1 (and §5 for 34sbh and 2sbh) at s = 2048, b = 1, h = 4096,
        // a = 32: `python tests/reference/memory_arithmetic.py`.
        assert_eq!(korthikanti_per_layer(2048, 1, 4096, 32), 956_301_312);
        assert_eq!(korthikanti_selective(2048, 1, 4096), 285_212_672);
        assert_eq!(korthikanti_full(2048, 1, 4096), 16_777_216);
    }

    #[test]
    fn logits_reference_example() {
        // Llama-3-8B, V = 128256, s = 2048, b = 1: `python tests/reference/memory_arithmetic.py`.
        let n = logit_elements(128_256, 1, 2048);
        assert_eq!(n, 262_668_288);
        // 0.525 GB in bf16 and 1.051 GB in fp32 for the logits alone.
        assert_eq!(((n * 2) as f64 / 1e6).round() / 1e3, 0.525);
        assert_eq!(((n * 4) as f64 / 1e6).round() / 1e3, 1.051);
        // Peak of the loss's backward, measured: `python tests/reference/logits_peak.py`.
        assert_eq!(logits_bytes(n, 2), 14 * n);
        assert_eq!(logits_bytes(n, 4), 16 * n);
    }

    #[test]
    fn llama_derivation_by_hand() {
        // Llama-2-7B, full fine-tuning, flash, bf16 (d = q = k = 4096, f = 11008, a = 32):
        // 8d + 4·2d + 3·2q + 2·2k + 4·2f + 4a = 26·4096 + 8·11008 + 128 = 194,688 B per token.
        let m = preset("llama-2-7b").unwrap_or_else(|e| panic!("{e}"));
        let s = Setup {
            model: &m,
            width: 2,
            adapter_width: 4,
            full: true,
            lora: None,
            attn: Attention::Flash,
            ckpt: Checkpointing::None,
        };
        let lb = s.layer_uncheckpointed(Attention::Flash, false);
        assert_eq!(
            lb,
            LayerBytes {
                per_token: 194_688,
                per_token_per_key: 0
            }
        );
        // Eager adds (4 + 2)·a·s per token: the fp32 softmax and its bf16 cast.
        let e = s.layer_uncheckpointed(Attention::Eager, false);
        assert_eq!(e.per_token_per_key, 6 * 32);
        // Full checkpointing: 2·s·b·h per layer (Korthikanti's 2sbh) plus one rebuilt layer.
        let full = Setup {
            ckpt: Checkpointing::Full,
            ..s
        };
        let one = 2048u128 * 194_688;
        assert_eq!(
            full.total(1, 2048),
            32 * korthikanti_full(2048, 1, 4096) + one + 2048 * 8 * 4096
        );
    }

    #[test]
    fn activations_grow_with_batch_and_sequence() {
        let m = preset("qwen2.5-0.5b").unwrap_or_else(|e| panic!("{e}"));
        for attn in [Attention::Eager, Attention::Flash] {
            for ckpt in [
                Checkpointing::None,
                Checkpointing::Selective,
                Checkpointing::Full,
            ] {
                let s = Setup {
                    model: &m,
                    width: 2,
                    adapter_width: 4,
                    full: true,
                    lora: None,
                    attn,
                    ckpt,
                };
                let mut last = 0;
                for seq in [1, 2, 64, 1000, 4096] {
                    let t = s.total(2, seq);
                    assert!(t > last);
                    assert!(s.total(3, seq) > t);
                    last = t;
                }
            }
        }
    }
}
