//! Published pre-training runs beside this view's count: the utilisation each publication
//! implies under our detailed FLOPs count, and the GPU-hours the view computes for it at the
//! default utilisation ([`DEFAULT_MFU`]).
//!
//! Every run is counted as full training in 16-bit, no recomputation, attention not halved
//! (the convention of the MFU papers).

use super::flops::{FlopsRule, FlopsSetup};
use super::hardware::{CardSpec, DEFAULT_MFU};
use crate::core::error::InputError;
use crate::core::memory::Method;
use crate::core::memory::activations::Checkpointing;
use crate::core::memory::gpu::Gpu;
use crate::core::memory::model::{Family, ModelConfig, preset};
use crate::core::memory::precision::Precision;

/// What a publication reports about the run's cost.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Reported {
    /// Total training FLOPs.
    Flops(f64),
    /// Total GPU-hours.
    GpuHours(f64),
    /// Achieved TFLOP/s per GPU.
    TflopsPerGpu(f64),
}

/// One published run.
#[derive(Debug, Clone, Copy)]
pub struct Run {
    /// Model and where it is published (paper, table or section).
    pub source: &'static str,
    /// Link to the paper.
    pub url: &'static str,
    /// Tokens trained on.
    pub tokens: f64,
    /// Sequence length.
    pub seq: u64,
    /// The Memory view's card key.
    pub gpu: &'static str,
    /// What is reported.
    pub reported: Reported,
    /// The model's shape.
    pub model: fn() -> Result<ModelConfig, InputError>,
}

/// A run with our numbers for it.
#[derive(Debug, Clone, Copy)]
pub struct RunRow {
    /// The run.
    pub run: Run,
    /// Our detailed FLOPs for the whole run.
    pub flops: f64,
    /// Our 6·N FLOPs for the whole run.
    pub flops_6n: f64,
    /// Utilisation the report implies (none when only FLOPs are reported).
    pub implied_mfu: Option<f64>,
    /// GPU-hours this view computes at [`DEFAULT_MFU`].
    pub gpu_hours: f64,
}

/// GPT-3 175B: Brown et al. 2020, arXiv:2005.14165, Table 2.1 (96 layers, d = 12288, 96 heads,
/// context 2048) with GPT-2's 50257-token vocabulary.
fn gpt3() -> Result<ModelConfig, InputError> {
    ModelConfig::new(
        Family::Gpt2,
        12288,
        96,
        96,
        96,
        None,
        49152,
        50257,
        true,
        2048,
    )
}

/// Llama 2 70B: Hugging Face `meta-llama/Llama-2-70b-hf` `config.json`.
fn llama2_70b() -> Result<ModelConfig, InputError> {
    ModelConfig::new(Family::Llama, 8192, 80, 64, 8, None, 28672, 32000, false, 0)
}

/// OPT-175B: Zhang et al. 2022, arXiv:2205.01068, Table 1 (96 layers, 96 heads, d = 12288),
/// a GPT-style block (4d MLP, learned positions), vocabulary 50272.
fn opt175b() -> Result<ModelConfig, InputError> {
    ModelConfig::new(
        Family::Gpt2,
        12288,
        96,
        96,
        96,
        None,
        49152,
        50272,
        true,
        2050,
    )
}

fn llama2_7b() -> Result<ModelConfig, InputError> {
    preset("llama-2-7b")
}

/// The runs.
pub const RUNS: &[Run] = &[
    Run {
        source: "GPT-3 175B — Brown et al. 2020, App. D, Table D.1",
        url: "https://arxiv.org/abs/2005.14165",
        tokens: 300e9,
        seq: 2048,
        gpu: "v100-16",
        reported: Reported::Flops(3.14e23),
        model: gpt3,
    },
    Run {
        source: "Llama 2 7B — Touvron et al. 2023, Tables 1 and 2",
        url: "https://arxiv.org/abs/2307.09288",
        tokens: 2e12,
        seq: 4096,
        gpu: "a100-80",
        reported: Reported::GpuHours(184_320.0),
        model: llama2_7b,
    },
    Run {
        source: "Llama 2 70B — Touvron et al. 2023, Tables 1 and 2",
        url: "https://arxiv.org/abs/2307.09288",
        tokens: 2e12,
        seq: 4096,
        gpu: "a100-80",
        reported: Reported::GpuHours(1_720_320.0),
        model: llama2_70b,
    },
    Run {
        source: "OPT-175B — Zhang et al. 2022, §2.3 and §2.4",
        url: "https://arxiv.org/abs/2205.01068",
        tokens: 180e9,
        seq: 2048,
        gpu: "a100-80",
        reported: Reported::TflopsPerGpu(147.0),
        model: opt175b,
    },
];

/// Our numbers for every run (a run whose shape or card fails to build is left out).
pub fn table() -> Vec<RunRow> {
    RUNS.iter().filter_map(|r| row(r).ok()).collect()
}

fn row(run: &Run) -> Result<RunRow, InputError> {
    let model = (run.model)()?;
    let peak = Gpu::parse(run.gpu)
        .ok()
        .and_then(|g| CardSpec::of(&g))
        .and_then(|c| c.tflops(Precision::Bf16Master))
        .unwrap_or(f64::NAN);
    let count = |rule| {
        FlopsSetup {
            model: &model,
            method: &Method::Full,
            ckpt: Checkpointing::None,
            seq: run.seq,
            rule,
            causal: false,
        }
        .per_token()
        .total()
            * run.tokens
    };
    let flops = count(FlopsRule::Detailed);
    let implied_mfu = match run.reported {
        Reported::Flops(_) => None,
        Reported::GpuHours(h) => Some(flops / (h * 3600.0 * peak * 1e12)),
        Reported::TflopsPerGpu(t) => Some(t / peak),
    };
    Ok(RunRow {
        run: *run,
        flops,
        flops_6n: count(FlopsRule::SixN),
        implied_mfu,
        gpu_hours: flops / (peak * 1e12 * DEFAULT_MFU) / 3600.0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_run_builds() {
        assert_eq!(table().len(), RUNS.len());
        for r in table() {
            assert!(
                r.flops.is_finite() && r.gpu_hours.is_finite(),
                "{}",
                r.run.source
            );
        }
    }

    #[test]
    fn implied_utilisation_is_plausible() {
        let t = table();
        // GPT-3: 6·N·D is the published 3.14e23 to within 1 %; the detailed count adds the
        // attention and head terms (a few per cent at s = 2048).
        assert!((t[0].flops_6n / 3.14e23 - 1.0).abs() < 0.01);
        assert!(t[0].flops > t[0].flops_6n && t[0].flops < 1.1 * t[0].flops_6n);
        // Llama 2 7B: 184,320 A100-hours for 2T tokens → about 45 % of 312 TFLOP/s.
        let m7 = t[1].implied_mfu.unwrap_or(0.0);
        assert!(m7 > 0.40 && m7 < 0.50, "{m7}");
        let m70 = t[2].implied_mfu.unwrap_or(0.0);
        assert!(m70 > 0.40 && m70 < 0.55, "{m70}");
        // OPT: 147 / 312.
        assert!((t[3].implied_mfu.unwrap_or(0.0) - 147.0 / 312.0).abs() < 1e-12);
        // At 40 % the view's GPU-hours for Llama 2 7B are within 15 % of the published ones.
        assert!(
            (t[1].gpu_hours / 184_320.0 - 1.0).abs() < 0.15,
            "{}",
            t[1].gpu_hours
        );
    }
}
