//! Model shapes and their exact parameter counts.
//!
//! A [`ModelConfig`] holds the numbers of a Hugging Face `config.json` that decide how many
//! parameters a decoder-only model has. [`ModelConfig::tensors`] lists every parameter tensor
//! with its shape (needed for per-tensor optimizer states such as Adafactor's factored moments
//! and 8-bit Adam's size threshold); [`ModelConfig::params_total`] sums them.
//!
//! Formulas: a Llama/Mistral/Qwen2 layer is attention + gated MLP + 2 RMSNorms, Qwen2 adds q/k/v
//! biases; GPT-2 has LayerNorms with biases, biases on every linear and learned positions. They
//! follow the module lists of transformers 5.24.0 `src/transformers/models/llama/modeling_llama.py`,
//! `mistral/modeling_mistral.py`, `qwen2/modeling_qwen2.py` and `gpt2/modeling_gpt2.py`; every
//! preset's total equals `num_parameters()` of the model built on the meta device
//! (`python tests/reference/peft_lora_counts.py`).

use crate::core::error::{ErrorKind, InputError};
use crate::core::params::memory as M;

/// Largest accepted number of layers (documented cap).
pub const MAX_LAYERS: u64 = 1000;
/// Largest accepted hidden size (documented cap).
pub const MAX_HIDDEN: u64 = 65_536;
/// Largest accepted number of attention heads (documented cap).
pub const MAX_HEADS: u64 = 65_536;
/// Largest accepted MLP width (documented cap).
pub const MAX_FFN: u64 = 1_048_576;
/// Largest accepted vocabulary (documented cap).
pub const MAX_VOCAB: u64 = 10_000_000;
/// Largest accepted number of learned positions for GPT-2 (documented cap).
pub const MAX_POSITIONS: u64 = 1_048_576;

/// The architecture family, which decides the module list and biases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// Llama 2/3: RMSNorm, SwiGLU MLP, no biases, optional GQA.
    Llama,
    /// Mistral: the Llama module list (sliding-window attention does not change the count).
    Mistral,
    /// Qwen2 / Qwen2.5: the Llama module list plus biases on q, k and v.
    Qwen2,
    /// GPT-2: LayerNorm with bias, biases on every linear, 4h GeLU MLP, learned positions.
    Gpt2,
}

impl Family {
    /// The URL word for this family.
    pub fn key(self) -> &'static str {
        match self {
            Family::Llama => "llama",
            Family::Mistral => "mistral",
            Family::Qwen2 => "qwen2",
            Family::Gpt2 => "gpt2",
        }
    }

    /// All URL words, in display order.
    pub const KEYS: &'static [&'static str] = &["llama", "mistral", "qwen2", "gpt2"];

    /// Parses a URL word.
    pub fn parse(text: &str, field: &'static str) -> Result<Self, InputError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "llama" => Ok(Family::Llama),
            "mistral" => Ok(Family::Mistral),
            "qwen2" => Ok(Family::Qwen2),
            "gpt2" => Ok(Family::Gpt2),
            _ => Err(InputError::new(field, ErrorKind::NotOneOf(Self::KEYS))),
        }
    }

    /// Whether the family uses a gated (SwiGLU) MLP with gate/up/down projections.
    pub fn gated(self) -> bool {
        self != Family::Gpt2
    }
}

/// The shape of a decoder-only transformer, as read from its `config.json`.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelConfig {
    /// Architecture family.
    pub family: Family,
    /// Hidden size d (`hidden_size`, GPT-2 `n_embd`).
    pub hidden: u64,
    /// Number of decoder layers L.
    pub layers: u64,
    /// Attention heads n_h.
    pub heads: u64,
    /// Key/value heads n_kv (GQA); equals `heads` for multi-head attention.
    pub kv_heads: u64,
    /// Width of one attention head (`head_dim`, default d / n_h).
    pub head_dim: u64,
    /// MLP width d_ff (`intermediate_size`, GPT-2 `n_inner` or 4d).
    pub ffn: u64,
    /// Vocabulary size V.
    pub vocab: u64,
    /// Whether the LM head shares the embedding matrix.
    pub tied: bool,
    /// Learned position embeddings (GPT-2 `n_positions`; 0 for rotary families).
    pub n_positions: u64,
}

/// What one parameter tensor is, for deciding its precision under QLoRA and its LoRA target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TensorKind {
    /// Token embedding matrix.
    Embedding,
    /// Learned position embedding matrix (GPT-2).
    Positions,
    /// Untied LM head.
    Head,
    /// A linear layer's weight matrix (the module's PEFT name).
    Linear(&'static str),
    /// A bias vector.
    Bias,
    /// A norm weight or bias.
    Norm,
}

/// One family of identical parameter tensors: `count` tensors of shape `rows × cols`
/// (`cols = 1` for vectors). For linears, `rows` = d_out and `cols` = d_in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParamTensor {
    /// What the tensor is.
    pub kind: TensorKind,
    /// Output dimension (or vector length).
    pub rows: u64,
    /// Input dimension (1 for vectors).
    pub cols: u64,
    /// How many such tensors the model has.
    pub count: u64,
}

impl ParamTensor {
    /// Scalars in one tensor.
    pub fn numel(&self) -> u64 {
        self.rows * self.cols
    }
    /// Scalars in all `count` tensors.
    pub fn total(&self) -> u64 {
        self.numel() * self.count
    }
}

/// One linear module of a decoder layer: PEFT name, d_in, d_out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinearShape {
    /// Module name as PEFT's `target_modules` matches it.
    pub name: &'static str,
    /// Input features.
    pub d_in: u64,
    /// Output features.
    pub d_out: u64,
}

impl ModelConfig {
    /// A validated config from numbers. `head_dim = None` means d / n_h, which must divide.
    /// Errors name the URL field at fault: zero or too-large values, heads not dividing
    /// `hidden`, kv heads not dividing heads.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        family: Family,
        hidden: u64,
        layers: u64,
        heads: u64,
        kv_heads: u64,
        head_dim: Option<u64>,
        ffn: u64,
        vocab: u64,
        tied: bool,
        n_positions: u64,
    ) -> Result<Self, InputError> {
        check(hidden, "hidden", MAX_HIDDEN)?;
        check(layers, "layers", MAX_LAYERS)?;
        check(heads, "heads", MAX_HEADS)?;
        check(kv_heads, "kv_heads", MAX_HEADS)?;
        check(ffn, "ffn", MAX_FFN)?;
        check(vocab, "vocab", MAX_VOCAB)?;
        let head_dim = match head_dim {
            Some(hd) => check(hd, "head_dim", MAX_HIDDEN)?,
            None => {
                if !hidden.is_multiple_of(heads) {
                    return Err(InputError::new(
                        M::HEADS.key,
                        ErrorKind::MustDivide(M::HIDDEN.key),
                    ));
                }
                hidden / heads
            }
        };
        // GPT-2 has no GQA: its key/value heads are its heads, whatever `kv_heads` says.
        let kv_heads = if family == Family::Gpt2 {
            heads
        } else {
            kv_heads
        };
        if !heads.is_multiple_of(kv_heads) {
            return Err(InputError::new(
                M::KV_HEADS.key,
                ErrorKind::MustDivide(M::HEADS.key),
            ));
        }
        if family == Family::Gpt2 {
            check(n_positions, "n_positions", MAX_POSITIONS)?;
        }
        let n_positions = if family == Family::Gpt2 {
            n_positions
        } else {
            0
        };
        Ok(Self {
            family,
            hidden,
            layers,
            heads,
            kv_heads,
            head_dim,
            ffn,
            vocab,
            tied,
            n_positions,
        })
    }

    /// Width of the query projection output, n_h · head_dim.
    pub fn q_dim(&self) -> u64 {
        self.heads * self.head_dim
    }

    /// Width of each of the key and value projection outputs, n_kv · head_dim.
    pub fn kv_dim(&self) -> u64 {
        self.kv_heads * self.head_dim
    }

    /// The linear modules of one decoder layer with PEFT names and shapes.
    /// GPT-2's attention and MLP output projections are both called `c_proj` in the model; they
    /// are listed as `attn.c_proj` and `mlp.c_proj`, the suffixes PEFT matches them by.
    pub fn linears(&self) -> Vec<LinearShape> {
        let d = self.hidden;
        let l = |name, d_in, d_out| LinearShape { name, d_in, d_out };
        match self.family {
            Family::Gpt2 => vec![
                l("c_attn", d, 3 * d),
                l("attn.c_proj", d, d),
                l("c_fc", d, self.ffn),
                l("mlp.c_proj", self.ffn, d),
            ],
            _ => vec![
                l("q_proj", d, self.q_dim()),
                l("k_proj", d, self.kv_dim()),
                l("v_proj", d, self.kv_dim()),
                l("o_proj", self.q_dim(), d),
                l("gate_proj", d, self.ffn),
                l("up_proj", d, self.ffn),
                l("down_proj", self.ffn, d),
            ],
        }
    }

    /// Every parameter tensor of the model (transformers' module list for the family).
    pub fn tensors(&self) -> Vec<ParamTensor> {
        let d = self.hidden;
        let n = self.layers;
        let t = |kind, rows, cols, count| ParamTensor {
            kind,
            rows,
            cols,
            count,
        };
        let mut out = vec![t(TensorKind::Embedding, self.vocab, d, 1)];
        if self.family == Family::Gpt2 {
            out.push(t(TensorKind::Positions, self.n_positions, d, 1));
        }
        for lin in self.linears() {
            out.push(t(TensorKind::Linear(lin.name), lin.d_out, lin.d_in, n));
            if self.family == Family::Gpt2 {
                out.push(t(TensorKind::Bias, lin.d_out, 1, n));
            }
        }
        match self.family {
            Family::Qwen2 => {
                out.push(t(TensorKind::Bias, self.q_dim(), 1, n));
                out.push(t(TensorKind::Bias, self.kv_dim(), 1, 2 * n));
                out.push(t(TensorKind::Norm, d, 1, 2 * n + 1));
            }
            // LayerNorm: weight and bias, two per layer plus ln_f.
            Family::Gpt2 => out.push(t(TensorKind::Norm, d, 1, 2 * (2 * n + 1))),
            // RMSNorm: weight only, two per layer plus the final norm.
            Family::Llama | Family::Mistral => out.push(t(TensorKind::Norm, d, 1, 2 * n + 1)),
        }
        if !self.tied {
            out.push(t(TensorKind::Head, self.vocab, d, 1));
        }
        out
    }

    /// Exact parameter count (what `model.num_parameters()` reports): embeddings, learned
    /// positions, every layer's linears, biases and norms, the final norm, and the head if
    /// untied.
    pub fn params_total(&self) -> u64 {
        self.tensors().iter().map(ParamTensor::total).sum()
    }

    /// Parameters of one decoder layer (those of `model.layers[0]` / `transformer.h[0]`).
    pub fn params_per_layer(&self) -> u64 {
        let lin: u64 = self.linears().iter().map(|l| l.d_in * l.d_out).sum();
        let d = self.hidden;
        match self.family {
            Family::Llama | Family::Mistral => lin + 2 * d,
            Family::Qwen2 => lin + self.q_dim() + 2 * self.kv_dim() + 2 * d,
            Family::Gpt2 => {
                let bias: u64 = self.linears().iter().map(|l| l.d_out).sum();
                lin + bias + 4 * d
            }
        }
    }

    /// The custom-model URL fields that rebuild exactly this config through
    /// [`super::MemoryInput::from_fields`] with `model=custom`: `family`, `hidden`, `layers`,
    /// `heads`, `kv_heads`, `head_dim` (empty when it is hidden / heads), `ffn`, `vocab`,
    /// `tied` (0/1) and `n_positions` (GPT-2; empty otherwise).
    pub fn field_texts(&self) -> [(&'static str, String); 10] {
        let head_dim = if self.heads * self.head_dim == self.hidden {
            String::new()
        } else {
            self.head_dim.to_string()
        };
        let positions = if self.family == Family::Gpt2 {
            self.n_positions.to_string()
        } else {
            String::new()
        };
        [
            ("family", self.family.key().to_string()),
            ("hidden", self.hidden.to_string()),
            ("layers", self.layers.to_string()),
            ("heads", self.heads.to_string()),
            ("kv_heads", self.kv_heads.to_string()),
            ("head_dim", head_dim),
            ("ffn", self.ffn.to_string()),
            ("vocab", self.vocab.to_string()),
            ("tied", if self.tied { "1" } else { "0" }.to_string()),
            ("n_positions", positions),
        ]
    }

    /// Parameters of the linear layers inside the decoder blocks (what QLoRA quantises).
    pub fn params_linear(&self) -> u64 {
        self.linears().iter().map(|l| l.d_in * l.d_out).sum::<u64>() * self.layers
    }
}

fn check(x: u64, field: &'static str, max: u64) -> Result<u64, InputError> {
    if x == 0 {
        Err(InputError::new(field, ErrorKind::BelowMin(1.0)))
    } else if x > max {
        Err(InputError::new(field, ErrorKind::AboveMax(max as f64)))
    } else {
        Ok(x)
    }
}

/// URL words of the presets, in display order.
pub const PRESETS: &[&str] = &[
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
];

/// A preset by its URL word. Values are the models' Hugging Face `config.json` fields
/// (GPT-2 = transformers' `GPT2Config` defaults, i.e. the `gpt2` checkpoint). Mistral is `mistralai/Mistral-7B-v0.1`.
pub fn preset(name: &str) -> Result<ModelConfig, InputError> {
    use Family::*;
    // (family, d, L, n_h, n_kv, d_ff, V, tied, n_pos)
    let p = match name.trim().to_ascii_lowercase().as_str() {
        "gpt2" => (Gpt2, 768, 12, 12, 12, 3072, 50257, true, 1024),
        "llama-2-7b" => (Llama, 4096, 32, 32, 32, 11008, 32000, false, 0),
        "llama-2-13b" => (Llama, 5120, 40, 40, 40, 13824, 32000, false, 0),
        "llama-3-8b" => (Llama, 4096, 32, 32, 8, 14336, 128256, false, 0),
        "llama-3.2-1b" => (Llama, 2048, 16, 32, 8, 8192, 128256, true, 0),
        "llama-3.2-3b" => (Llama, 3072, 28, 24, 8, 8192, 128256, true, 0),
        "mistral-7b" => (Mistral, 4096, 32, 32, 8, 14336, 32000, false, 0),
        "qwen2.5-0.5b" => (Qwen2, 896, 24, 14, 2, 4864, 151936, true, 0),
        "qwen2.5-3b" => (Qwen2, 2048, 36, 16, 2, 11008, 151936, true, 0),
        "qwen2.5-7b" => (Qwen2, 3584, 28, 28, 4, 18944, 152064, false, 0),
        _ => return Err(InputError::new(M::MODEL.key, ErrorKind::NotOneOf(PRESETS))),
    };
    ModelConfig::new(p.0, p.1, p.2, p.3, p.4, None, p.5, p.6, p.7, p.8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn total(name: &str) -> u64 {
        preset(name).map(|m| m.params_total()).unwrap_or(0)
    }

    #[test]
    fn reference_totals() {
        // transformers 5.24.0 `num_parameters()` of the meta-device model, and its first layer's
        // parameters: `python tests/reference/peft_lora_counts.py`.
        assert_eq!(total("llama-2-7b"), 6_738_415_616);
        assert_eq!(
            preset("llama-2-7b").map(|m| m.params_per_layer()),
            Ok(202_383_360)
        );
        // GPT-2 124,439,808 incl. 1024×768 positions; 7,087,872 per layer (same script).
        assert_eq!(total("gpt2"), 124_439_808);
        assert_eq!(preset("gpt2").map(|m| m.params_per_layer()), Ok(7_087_872));
        // 6,476,005,376 nn.Linear weights in Llama-2-7B's decoder layers (same script).
        assert_eq!(
            preset("llama-2-7b").map(|m| m.params_linear()),
            Ok(6_476_005_376)
        );
    }

    /// The other presets, checked against published figures (and against the meta-device models
    /// by `python tests/reference/peft_lora_counts.py`).
    #[test]
    fn computed_totals_match_published_figures() {
        // Llama-3-8B: Meta's model card / HF hub "8.03B" (8,030,261,248).
        assert_eq!(total("llama-3-8b"), 8_030_261_248);
        // Mistral-7B-v0.1: HF hub safetensors "7.24B" (7,241,732,096).
        assert_eq!(total("mistral-7b"), 7_241_732_096);
        // Llama-2-13B: PEFT printouts "all params: 13,022,417,920" with r=8 q,v
        // = 13,015,864,320 + 40·2·8·(5120+5120).
        assert_eq!(total("llama-2-13b"), 13_015_864_320);
        // Llama-3.2-3B: PEFT method_comparison results (num_total_params of the full
        // fine-tuning run, huggingface/peft method_comparison/MetaMathQA/results/
        // full-finetuning--llama-3.2-3B-lr_0.00001.json) = 3,212,749,824.
        assert_eq!(total("llama-3.2-3b"), 3_212_749_824);
        // Llama-3.2-1B: HF hub "1.24B" (model card table says 1.23B).
        assert_eq!(total("llama-3.2-1b"), 1_235_814_400);
        // Qwen2.5 model cards: 0.49B, 3.09B, 7.61B (OALL leaderboard request file for
        // Qwen/Qwen2.5-7B lists "params": 7.616).
        assert_eq!(total("qwen2.5-0.5b"), 494_032_768);
        assert_eq!(total("qwen2.5-3b"), 3_085_938_688);
        assert_eq!(total("qwen2.5-7b"), 7_615_616_512);
        let round = |x: u64, unit: f64| (x as f64 / unit * 100.0).round() / 100.0;
        assert_eq!(round(total("llama-3-8b"), 1e9), 8.03);
        assert_eq!(round(total("mistral-7b"), 1e9), 7.24);
        assert_eq!(round(total("qwen2.5-0.5b"), 1e9), 0.49);
        assert_eq!(round(total("qwen2.5-3b"), 1e9), 3.09);
        // The Qwen2.5-7B card truncates to 7.61B; OALL's request file says 7.616.
        assert_eq!((total("qwen2.5-7b") as f64 / 1e6).round() / 1e3, 7.616);
        assert_eq!(round(total("llama-3.2-3b"), 1e9), 3.21);
    }

    #[test]
    fn bad_shapes_name_the_field() {
        let f = Family::Llama;
        let e = |r: Result<ModelConfig, InputError>| r.err().map(|e| (e.field, e.kind));
        assert_eq!(
            e(ModelConfig::new(
                f, 4096, 0, 32, 32, None, 11008, 32000, false, 0
            )),
            Some(("layers", ErrorKind::BelowMin(1.0)))
        );
        assert_eq!(
            e(ModelConfig::new(
                f, 4096, 32, 30, 30, None, 11008, 32000, false, 0
            )),
            Some(("heads", ErrorKind::MustDivide("hidden")))
        );
        assert_eq!(
            e(ModelConfig::new(
                f, 4096, 32, 32, 5, None, 11008, 32000, false, 0
            )),
            Some(("kv_heads", ErrorKind::MustDivide("heads")))
        );
        assert!(preset("llama-9").is_err());
        // GPT-2 ignores kv_heads (no GQA): a leftover value from a Llama shape is not an error.
        assert_eq!(
            ModelConfig::new(Family::Gpt2, 768, 12, 12, 8, None, 3072, 50257, true, 1024)
                .map(|m| m.params_total()),
            Ok(124_439_808)
        );
    }
}
