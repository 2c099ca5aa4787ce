//! Dense peak throughput and board power of the Memory view's cards.
//!
//! Peaks are **dense** (no 2:4 structured sparsity; datasheets that print "with sparsity"
//! figures give twice these). The 16-bit figure is the tensor-core BF16 peak (FP16 on V100 and
//! T4, which have no BF16) with FP32 accumulation, the mode mixed-precision training uses; for
//! the GeForce RTX 4090 that is half its FP16-accumulate figure. The 32-bit figure is the plain
//! FP32 (non-tensor) peak: PyTorch runs fp32 matmuls without TF32 unless asked
//! (`torch.backends.cuda.matmul.allow_tf32` is `False` by default since PyTorch 1.12).
//! Board power is the card's maximum (TDP / TGP), what an energy estimate multiplies by.
//!
//! NVIDIA publishes no datasheet for the A10G (an AWS variant of the A10 with different clocks),
//! so it has no peak here: the view asks for one (`tflops`).

use crate::core::memory::gpu::Gpu;
use crate::core::memory::precision::Precision;

/// One card's published figures.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CardSpec {
    /// The Memory view's URL word for the card (`gpu=`).
    pub key: &'static str,
    /// Dense 16-bit tensor peak, TFLOP/s (BF16, or FP16 where the card has no BF16).
    pub tflops_16: Option<f64>,
    /// Dense FP32 (non-tensor) peak, TFLOP/s.
    pub tflops_32: Option<f64>,
    /// Board power, W.
    pub watts: Option<f64>,
    /// The datasheet (name and year) and which variant the figures are for.
    pub source: &'static str,
}

impl CardSpec {
    /// The peak for the precision convention, TFLOP/s: FP32 for `fp32`, 16-bit tensor
    /// otherwise (`amp`, `bf16-master` and `pure-bf16` all multiply in BF16).
    pub fn tflops(&self, prec: Precision) -> Option<f64> {
        match prec {
            Precision::Fp32 => self.tflops_32,
            _ => self.tflops_16,
        }
    }

    /// The figures of a card (every card of the Memory view has an entry).
    pub fn of(gpu: &Gpu) -> Option<&'static CardSpec> {
        CARDS.iter().find(|c| c.key == gpu.key)
    }
}

/// The cards, in the Memory view's order ([`crate::core::memory::gpu::GPU_KEYS`]).
pub const CARDS: &[CardSpec] = &[
    CardSpec {
        key: "v100-16",
        tflops_16: Some(125.0),
        tflops_32: Some(15.7),
        watts: Some(300.0),
        source: "NVIDIA Tesla V100 GPU Accelerator datasheet (2018), SXM2: FP16 tensor 125, FP32 15.7, 300 W",
    },
    CardSpec {
        key: "t4",
        tflops_16: Some(65.0),
        tflops_32: Some(8.1),
        watts: Some(70.0),
        source: "NVIDIA T4 Tensor Core GPU datasheet (2019): FP16 tensor 65, FP32 8.1, 70 W",
    },
    CardSpec {
        key: "rtx4090",
        tflops_16: Some(165.2),
        tflops_32: Some(82.6),
        watts: Some(450.0),
        source: "NVIDIA Ada Lovelace GPU Architecture whitepaper (2022), GeForce RTX 4090: FP16/BF16 tensor with FP32 accumulate 165.2, FP32 82.6, 450 W",
    },
    CardSpec {
        key: "a10g",
        tflops_16: None,
        tflops_32: None,
        watts: None,
        source: "no NVIDIA datasheet for the A10G (an AWS variant); enter its peak",
    },
    CardSpec {
        key: "a100-40",
        tflops_16: Some(312.0),
        tflops_32: Some(19.5),
        watts: Some(400.0),
        source: "NVIDIA A100 Tensor Core GPU datasheet (2021), SXM: BF16 tensor 312, FP32 19.5, 400 W",
    },
    CardSpec {
        key: "l40s",
        tflops_16: Some(362.05),
        tflops_32: Some(91.6),
        watts: Some(350.0),
        source: "NVIDIA L40S datasheet (2023): BF16 tensor 362.05, FP32 91.6, 350 W",
    },
    CardSpec {
        key: "a6000",
        tflops_16: Some(154.8),
        tflops_32: Some(38.7),
        watts: Some(300.0),
        source: "NVIDIA Ampere GA102 GPU Architecture whitepaper (2021), RTX A6000: FP16/BF16 tensor with FP32 accumulate 154.8, FP32 38.7, 300 W",
    },
    CardSpec {
        key: "a100-80",
        tflops_16: Some(312.0),
        tflops_32: Some(19.5),
        watts: Some(400.0),
        source: "NVIDIA A100 Tensor Core GPU datasheet (2021), SXM: BF16 tensor 312, FP32 19.5, 400 W",
    },
    CardSpec {
        key: "h100-80",
        tflops_16: Some(989.4),
        tflops_32: Some(66.9),
        watts: Some(700.0),
        source: "NVIDIA H100 Tensor Core GPU Architecture whitepaper (2022), H100 SXM5: BF16 tensor with FP32 accumulate 989.4 (1,978.9 with sparsity), FP32 66.9; H100 datasheet (2023): 700 W",
    },
    CardSpec {
        key: "h200",
        tflops_16: Some(989.4),
        tflops_32: Some(67.0),
        watts: Some(700.0),
        source: "NVIDIA H200 Tensor Core GPU datasheet (2024), SXM: BF16 tensor 1,979 with sparsity (half of it dense: 989.4, the H100 SXM5 whitepaper figure), FP32 67, up to 700 W",
    },
];

/// The default model FLOPs utilisation: 0.4. Published large runs sustain 38–47 %: PaLM 540B
/// 46.2 % (Chowdhery et al. 2022, arXiv:2204.02311, Table 3), Llama 3 405B 38–43 % in BF16
/// (Llama Team 2024, "The Llama 3 Herd of Models", arXiv:2407.21783, §3.3.2, Table 4), OPT-175B
/// 147 of 312 TFLOP/s per A100 ≈ 47 % (Zhang et al. 2022, arXiv:2205.01068, §2.4). Smaller
/// fine-tuning runs on one card usually do worse, so 0.4 is a hopeful round figure.
pub const DEFAULT_MFU: f64 = 0.4;

/// The URL words of [`CARDS`], to check they follow the Memory view's list.
pub fn keys() -> Vec<&'static str> {
    CARDS.iter().map(|c| c.key).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::memory::gpu::{GPU_KEYS, GPUS};

    #[test]
    fn one_entry_per_card_in_the_memory_order() {
        assert_eq!(keys(), GPU_KEYS);
        for g in GPUS {
            assert!(CardSpec::of(g).is_some(), "{}", g.key);
        }
    }

    #[test]
    fn precision_picks_the_peak() {
        let a100 = CardSpec::of(&GPUS[7]).copied();
        assert_eq!(a100.map(|c| c.key), Some("a100-80"));
        assert_eq!(
            a100.and_then(|c| c.tflops(Precision::Bf16Master)),
            Some(312.0)
        );
        assert_eq!(a100.and_then(|c| c.tflops(Precision::Amp)), Some(312.0));
        assert_eq!(a100.and_then(|c| c.tflops(Precision::Fp32)), Some(19.5));
        // Every published peak is positive, 16-bit above 32-bit.
        for c in CARDS {
            if let (Some(a), Some(b)) = (c.tflops_16, c.tflops_32) {
                assert!(a > b && b > 0.0, "{}", c.key);
            }
        }
    }
}
