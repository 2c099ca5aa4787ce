//! "How close is this?": published **measured** peak-memory figures, each with the exact
//! configuration re-entered into the estimator, our estimate and the error.
//!
//! The PEFT rows come from `huggingface/peft` `method_comparison/MetaMathQA/results/*.json`
//! (Llama-3.2-3B in bf16 on one NVIDIA L40S, batch 4, `max_seq_length` 768, torch AdamW,
//! no gradient checkpointing, `attn_implementation` null = SDPA, gradient accumulation 1).
//! Their `accelerator_memory_max` is `torch.cuda.max_memory_reserved()` minus the memory at
//! start-up (`run.py`, `utils.py::log_results`): caching-allocator reserved bytes, no CUDA
//! context — so those rows are compared with our estimate without the context term. The
//! longest training batches are truncated to 768 tokens, which is the sequence length used.

use super::MemoryInput;
use super::Method;
use super::activations::{Attention, Checkpointing};
use super::lora::LoraConfig;
use super::model::preset;
use super::optimizer_state::Optimizer;
use super::overhead::{DEFAULT_SLACK, Overhead};
use super::precision::Precision;
use super::zero::Zero;
use crate::core::error::InputError;

/// One published measurement.
#[derive(Debug, Clone, Copy)]
pub struct Measured {
    /// Who measured it and where it is published.
    pub source: &'static str,
    /// File or URL of the figure.
    pub url: &'static str,
    /// The configuration in words.
    pub config: &'static str,
    /// The measured peak in bytes.
    pub measured: u64,
    /// What the number measures (tool / counter).
    pub scope: &'static str,
    /// Why our estimate differs, where it does.
    pub note: &'static str,
    /// Builds the same configuration for the estimator.
    pub input: fn() -> Result<MemoryInput, InputError>,
}

/// A measurement with our estimate for the same configuration.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// The measurement.
    pub row: Measured,
    /// Our estimate in bytes.
    pub ours: u64,
    /// (ours − measured) / measured × 100.
    pub error_pct: f64,
}

const PEFT: &str = "huggingface/peft method_comparison (MetaMathQA)";
const PEFT_SCOPE: &str = "torch.cuda.max_memory_reserved() − start-up memory (no CUDA context)";

fn peft_lora(r: u64, targets: Vec<&'static str>) -> Result<MemoryInput, InputError> {
    let m = preset("llama-3.2-3b")?;
    let lora = LoraConfig::new(&m, r, targets)?;
    peft_run(m, Method::Lora(lora), Precision::Bf16Master)
}

fn peft_run(
    model: super::model::ModelConfig,
    method: Method,
    prec: Precision,
) -> Result<MemoryInput, InputError> {
    MemoryInput::new(
        model,
        method,
        prec,
        Optimizer::AdamW,
        4,
        768,
        Attention::Flash,
        Checkpointing::None,
        Zero::new(0, 1)?,
        1,
        Overhead::new(0, DEFAULT_SLACK)?,
    )
}

/// The published measurements.
pub const ROWS: &[Measured] = &[
    Measured {
        source: PEFT,
        url: "https://github.com/huggingface/peft/blob/main/method_comparison/MetaMathQA/results/full-finetuning--llama-3.2-3B-lr_0.00001.json",
        config: "Llama-3.2-3B full fine-tuning, bf16 weights, torch AdamW (bf16 states), mbs 4, seq ≤ 768, SDPA, no checkpointing",
        measured: 37_241_225_216,
        scope: PEFT_SCOPE,
        note: "States 8 B/param (pure bf16); the peak is the start of backward, before gradients exist.",
        input: || peft_run(preset("llama-3.2-3b")?, Method::Full, Precision::PureBf16),
    },
    Measured {
        source: PEFT,
        url: "https://github.com/huggingface/peft/blob/main/method_comparison/MetaMathQA/results/lora--llama-3.2-3B-rank32.json",
        config: "Llama-3.2-3B LoRA r=32 on q_proj,v_proj, bf16 base, fp32 adapters (autocast_adapter_dtype), AdamW, mbs 4, seq ≤ 768",
        measured: 22_273_851_392,
        scope: PEFT_SCOPE,
        note: "The run's maximum also spans evaluation (generation with batch 50, KV cache); training dominates at seq 768.",
        input: || peft_lora(32, vec!["q_proj", "v_proj"]),
    },
    Measured {
        source: PEFT,
        url: "https://github.com/huggingface/peft/blob/main/method_comparison/MetaMathQA/results/lora--llama-3.2-3B-rank64.json",
        config: "Llama-3.2-3B LoRA r=64 on q_proj,v_proj, otherwise as r=32",
        measured: 22_540_189_696,
        scope: PEFT_SCOPE,
        note: "",
        input: || peft_lora(64, vec!["q_proj", "v_proj"]),
    },
    Measured {
        source: PEFT,
        url: "https://github.com/huggingface/peft/blob/main/method_comparison/MetaMathQA/results/lora--llama-3.2-3B-rank10-target-mlp.json",
        config: "Llama-3.2-3B LoRA r=10 on gate_proj,up_proj,down_proj, otherwise as r=32 (torch 2.9, transformers 4.57)",
        measured: 24_712_839_168,
        scope: PEFT_SCOPE,
        note: "MLP adapters make PEFT keep fp32 copies of the f-wide down_proj input.",
        input: || peft_lora(10, vec!["gate_proj", "up_proj", "down_proj"]),
    },
    Measured {
        source: "LongLoRA (Chen et al. 2023, arXiv:2309.12307), efficiency table, plain LoRA row; quoted by the odyn-network/benchmark-finetune-lora-v1 dataset",
        url: "https://arxiv.org/abs/2309.12307",
        config: "Llama-2-7B LoRA r=8 on q,k,v,o, seq 8192, mbs 1, FlashAttention-2, gradient checkpointing, DeepSpeed ZeRO-2 on 8×A100, grad. accumulation 8",
        measured: 25_700_000_000,
        scope: "per-GPU peak as published (\"GB\"; tool not stated, likely including context and DeepSpeed buffers)",
        note: "DeepSpeed ZeRO-2 keeps communication buckets (reduce/allgather, default 5e8 elements each) and the table's \"GB\" unit and measuring tool are not stated; we under-estimate.",
        input: || {
            let m = preset("llama-2-7b")?;
            let lora = LoraConfig::new(&m, 8, vec!["q_proj", "k_proj", "v_proj", "o_proj"])?;
            MemoryInput::new(
                m,
                Method::Lora(lora),
                Precision::Bf16Master,
                Optimizer::AdamW,
                1,
                8192,
                Attention::Flash,
                Checkpointing::Full,
                Zero::new(2, 8)?,
                8,
                Overhead::default(),
            )
        },
    },
];

/// Our estimates for every row (rows whose input fails are skipped — none do; tested).
pub fn table() -> Vec<Comparison> {
    ROWS.iter()
        .filter_map(|row| {
            let ours = (row.input)().and_then(|i| i.estimate()).ok()?.total;
            let error_pct = (ours as f64 - row.measured as f64) / row.measured as f64 * 100.0;
            Some(Comparison {
                row: *row,
                ours,
                error_pct,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reproduces_published_measurements() {
        let t = table();
        assert_eq!(t.len(), ROWS.len());
        assert!(ROWS.len() >= 5);
        for c in &t {
            eprintln!(
                "{:>6.1} %  measured {:>15}  ours {:>15}  {}",
                c.error_pct, c.row.measured, c.ours, c.row.config
            );
        }
        // Target ±15 % (this app's accuracy goal for published measurements); every row meets it. A row that stops meeting it
        // must say why in its note rather than have constants tuned.
        for c in &t {
            assert!(
                c.error_pct.abs() <= 15.0,
                "{} off by {:.1} %",
                c.row.url,
                c.error_pct
            );
        }
    }
}
