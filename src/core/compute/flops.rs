//! Floating-point operations per trained token.
//!
//! A matrix multiply of a `d_in × d_out` weight by one token's activations is `d_in · d_out`
//! multiply-adds, i.e. **2 · d_in · d_out FLOPs**. Summed over every weight that multiplies a
//! token, the forward pass costs 2·N per token (Kaplan et al. 2020, arXiv:2001.08361, §2.1 and
//! Table 1). The backward pass does two such products per weight — the gradient with respect
//! to the layer's input (needed to go on backwards) and the gradient with respect to the weight
//! — so it costs 2 × forward, and training costs 6·N per token.
//!
//! Two counts are offered ([`FlopsRule`]):
//!
//! * **`6n`** — Kaplan's rule: 6 · N with N the non-embedding parameters (the decoder layers'
//!   parameters; embeddings, learned positions, final norm and LM head left out), no attention
//!   term.
//! * **`detailed`** — every matmul weight a token meets: the decoder layers' linear layers and
//!   the LM head (2 · V · d per token; with tied embeddings the same matrix, used once as a
//!   head), plus the attention products QKᵀ and A·V, which have no weights: per layer and token
//!   2 · s · d_attn FLOPs each (s = sequence length, d_attn = heads × head width), so
//!   4 · L · s · d_attn in the forward. This is the count behind Narayanan et al. 2021
//!   ("Efficient Large-Scale Language Model Training on GPU Clusters", arXiv:2104.04473, §5.1,
//!   eq. 3: 96·B·s·l·h²·(1 + s/(6h) + V/(16·l·h)) per iteration with recomputation) and PaLM's
//!   6N + 12·L·H·Q·T (Chowdhery et al. 2022, arXiv:2204.02311, App. B). A causal mask makes half
//!   of QKᵀ and A·V unnecessary; kernels that skip it (FlashAttention's causal path) do half the
//!   work, so halving is a choice (`causal`), off by default as in both papers.
//!
//! **Not counted** (small next to the matmuls for these models): norms, activation functions,
//! softmax, residual adds, the optimizer step, the embedding lookup, and QLoRA's
//! de-quantisation of the frozen weights.
//!
//! **LoRA / QLoRA.** The frozen weights still pass gradients back to their inputs (≈ 1 ×
//! forward) but compute no weight gradient, so their backward is 1 × forward instead of 2 ×
//! (Hu et al. 2021, arXiv:2106.09685, §4.2: the frozen weights need no gradients; the split input-gradient +
//! weight-gradient is the one above). The adapters themselves are trained: an adapter of rank r
//! on a `d_in → d_out` layer costs 2 · r · (d_in + d_out) forward and twice that backward.
//!
//! **Recomputation.** Full activation checkpointing (each decoder layer's input kept, the layer
//! run again in backward) adds one forward of the decoder layers, attention included; the LM
//! head is not recomputed (Hugging Face's gradient checkpointing wraps the decoder layers only:
//! transformers 5.24.0, `src/transformers/modeling_layers.py`, `GradientCheckpointingLayer`).
//! Selective recomputation (Korthikanti et al. 2022, arXiv:2205.05198, §5) recomputes only the
//! attention core: one more forward of QKᵀ and A·V.

use crate::core::memory::Method;
use crate::core::memory::activations::Checkpointing;
use crate::core::memory::model::ModelConfig;

/// Which count of FLOPs per token (URL `flops`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlopsRule {
    /// 6 · N, N = non-embedding parameters (Kaplan et al. 2020, §2.1).
    SixN,
    /// Every matmul, the LM head and attention (Narayanan et al. 2021, §5.1).
    Detailed,
}

impl FlopsRule {
    /// URL words, in display order.
    pub const KEYS: &'static [&'static str] = &["detailed", "6n"];

    /// Parses a URL word (empty → detailed).
    pub fn parse(text: &str) -> Result<Self, crate::core::error::InputError> {
        use crate::core::error::{ErrorKind, InputError};
        match text.trim().to_ascii_lowercase().as_str() {
            "detailed" | "" => Ok(Self::Detailed),
            "6n" => Ok(Self::SixN),
            _ => Err(InputError::new(
                crate::core::params::compute::FLOPS.key,
                ErrorKind::NotOneOf(Self::KEYS),
            )),
        }
    }
}

/// FLOPs per trained token, split the way the breakdown chart shows them. The first three
/// exclude the attention products; `attention` holds all of theirs (forward, backward and
/// any recomputation).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FlopsPerToken {
    /// Forward of every weight matrix (decoder linears, LM head, adapters).
    pub forward: f64,
    /// Backward of the weight matrices: input gradients, plus weight gradients of what trains.
    pub backward: f64,
    /// Recomputed forward of the decoder layers' weights (full checkpointing only).
    pub recompute: f64,
    /// QKᵀ and A·V: forward + backward (2 × forward) + recomputation if any.
    pub attention: f64,
    /// The attention part that is recomputation (included in `attention`).
    pub attention_recompute: f64,
}

impl FlopsPerToken {
    /// All FLOPs the GPUs execute per token (recomputation included).
    pub fn total(&self) -> f64 {
        self.forward + self.backward + self.recompute + self.attention
    }

    /// Model FLOPs per token: without recomputation, what PaLM's MFU counts (Chowdhery et al.
    /// 2022, App. B).
    pub fn model(&self) -> f64 {
        self.total() - self.recompute - self.attention_recompute
    }

    /// The four bars of the breakdown chart: forward, backward, recompute, attention.
    pub fn parts(&self) -> [f64; 4] {
        [self.forward, self.backward, self.recompute, self.attention]
    }
}

/// What the FLOPs depend on.
#[derive(Debug, Clone, Copy)]
pub struct FlopsSetup<'a> {
    /// Model shape.
    pub model: &'a ModelConfig,
    /// Full fine-tuning, LoRA or QLoRA.
    pub method: &'a Method,
    /// Activation checkpointing.
    pub ckpt: Checkpointing,
    /// Tokens per sequence (s).
    pub seq: u64,
    /// Which count.
    pub rule: FlopsRule,
    /// Halve QKᵀ and A·V for the causal mask.
    pub causal: bool,
}

/// Non-embedding parameters N of Kaplan et al. 2020 (§2.1): the decoder layers' parameters.
pub fn non_embedding_params(model: &ModelConfig) -> f64 {
    model.params_per_layer() as f64 * model.layers as f64
}

/// Forward FLOPs per token of QKᵀ and A·V together: 4 · L · s · d_attn (halved if causal).
pub fn attention_forward(model: &ModelConfig, seq: u64, causal: bool) -> f64 {
    let full = 4.0 * model.layers as f64 * seq as f64 * model.q_dim() as f64;
    if causal { full / 2.0 } else { full }
}

impl FlopsSetup<'_> {
    /// FLOPs per trained token (see the module documentation for what is counted).
    pub fn per_token(&self) -> FlopsPerToken {
        let m = self.model;
        let adapters = self
            .method
            .lora()
            .map_or(0.0, |l| l.params_trainable(m) as f64);
        let frozen = self.method.lora().is_some();
        // Parameters the weight-gradient rule applies to, in the decoder layers and outside.
        let (layer_w, head_w, attn) = match self.rule {
            FlopsRule::SixN => (non_embedding_params(m), 0.0, 0.0),
            FlopsRule::Detailed => (
                m.params_linear() as f64,
                (m.vocab * m.hidden) as f64,
                attention_forward(m, self.seq, self.causal),
            ),
        };
        let base = layer_w + head_w;
        let forward = 2.0 * (base + adapters);
        // Input gradients of every weight; weight gradients only of what trains.
        let backward = if frozen {
            2.0 * base + 4.0 * adapters
        } else {
            4.0 * base
        };
        let (recompute, attention_recompute) = match self.ckpt {
            Checkpointing::None => (0.0, 0.0),
            Checkpointing::Selective => (0.0, attn),
            Checkpointing::Full => (2.0 * (layer_w + adapters), attn),
        };
        FlopsPerToken {
            forward,
            backward,
            recompute,
            attention: 3.0 * attn + attention_recompute,
            attention_recompute,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::memory::lora::{LoraConfig, default_targets};
    use crate::core::memory::model::{Family, preset};

    fn setup<'a>(m: &'a ModelConfig, method: &'a Method, rule: FlopsRule) -> FlopsSetup<'a> {
        FlopsSetup {
            model: m,
            method,
            ckpt: Checkpointing::None,
            seq: 2048,
            rule,
            causal: false,
        }
    }

    /// GPT-3 175B (Brown et al. 2020, Table 2.1): 96 layers, d = 12288, 96 heads, s = 2048.
    fn gpt3() -> ModelConfig {
        ModelConfig::new(
            Family::Gpt2,
            12288,
            96,
            96,
            96,
            None,
            4 * 12288,
            50257,
            true,
            2048,
        )
        .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn six_n_is_six_times_the_non_embedding_parameters() {
        let m = preset("llama-2-7b").unwrap_or_else(|e| panic!("{e}"));
        let f = setup(&m, &Method::Full, FlopsRule::SixN).per_token();
        // 32 layers × 202,383,360 parameters each (transformers' first layer).
        let n = 32.0 * 202_383_360.0;
        assert_eq!(f.total(), 6.0 * n);
        assert_eq!(f.forward, 2.0 * n);
        assert_eq!(f.backward, 4.0 * n);
        assert_eq!(f.model(), f.total());
    }

    #[test]
    fn detailed_matches_narayanan_eq_3() {
        // Narayanan et al. 2021, eq. 3, without recomputation (72 instead of 96: three passes,
        // not four): 72·B·s·l·h²·(1 + s/(6h) + V/(12·l·h)) per iteration. For a GPT with a 4h
        // MLP and our count (biases and norms left out, as in the paper), per token:
        let m = gpt3();
        let (s, l, h, v) = (2048.0, 96.0, 12288.0, 50257.0);
        let paper = 72.0 * l * h * h * (1.0 + s / (6.0 * h) + v / (12.0 * l * h));
        let ours = setup(&m, &Method::Full, FlopsRule::Detailed).per_token();
        assert!(
            (ours.total() / paper - 1.0).abs() < 1e-12,
            "{}",
            ours.total()
        );
        // With full recomputation (four passes of the layers, three of the LM head: V/(16·l·h)
        // times 96 is 6·V·h) the paper's count is ours exactly.
        let full = FlopsSetup {
            ckpt: Checkpointing::Full,
            ..setup(&m, &Method::Full, FlopsRule::Detailed)
        }
        .per_token();
        let paper96 = 96.0 * l * h * h * (1.0 + s / (6.0 * h) + v / (16.0 * l * h));
        let r = full.total() / paper96;
        assert!((r - 1.0).abs() < 1e-12, "{r}");
        assert!(full.model() == ours.total());
    }

    #[test]
    fn gpt3_6n_matches_brown_et_al() {
        // Brown et al. 2020, App. D, Table D.1: 3.14e23 training FLOPs for 300B tokens.
        let m = gpt3();
        let f = setup(&m, &Method::Full, FlopsRule::SixN).per_token();
        let total = f.total() * 300e9;
        assert!((total / 3.14e23 - 1.0).abs() < 0.01, "{total:e}");
    }

    #[test]
    fn lora_drops_the_frozen_weight_gradients() {
        let m = preset("llama-3-8b").unwrap_or_else(|e| panic!("{e}"));
        let lora =
            LoraConfig::new(&m, 8, default_targets(m.family)).unwrap_or_else(|e| panic!("{e}"));
        let adapters = lora.params_trainable(&m) as f64;
        let method = Method::Lora(lora);
        let full = setup(&m, &Method::Full, FlopsRule::SixN).per_token();
        let lo = setup(&m, &method, FlopsRule::SixN).per_token();
        // 4N for the frozen weights plus 6 per adapter parameter.
        let n = non_embedding_params(&m);
        assert_eq!(lo.total(), 4.0 * n + 6.0 * adapters);
        assert!(lo.total() / full.total() > 2.0 / 3.0);
        assert!(lo.total() / full.total() < 0.67);
        // Attention is unchanged by LoRA.
        let a = setup(&m, &Method::Full, FlopsRule::Detailed).per_token();
        let b = setup(&m, &method, FlopsRule::Detailed).per_token();
        assert_eq!(a.attention, b.attention);
    }

    #[test]
    fn checkpointing_and_causal_halving() {
        let m = preset("llama-2-7b").unwrap_or_else(|e| panic!("{e}"));
        let base = setup(&m, &Method::Full, FlopsRule::Detailed);
        let none = base.per_token();
        // Attention: 4·L·s·d forward, ×3 for training.
        let attn = 4.0 * 32.0 * 2048.0 * 4096.0;
        assert_eq!(none.attention, 3.0 * attn);
        let sel = FlopsSetup {
            ckpt: Checkpointing::Selective,
            ..base
        }
        .per_token();
        assert_eq!(sel.attention, 4.0 * attn);
        assert_eq!(sel.model(), none.total());
        let full = FlopsSetup {
            ckpt: Checkpointing::Full,
            ..base
        }
        .per_token();
        assert_eq!(full.recompute, 2.0 * m.params_linear() as f64);
        let causal = FlopsSetup {
            causal: true,
            ..base
        }
        .per_token();
        assert_eq!(causal.attention, none.attention / 2.0);
        assert_eq!(causal.forward, none.forward);
    }
}
