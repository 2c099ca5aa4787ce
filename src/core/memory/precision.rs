//! Numeric precision conventions: how many bytes weights, gradients, master copies and
//! optimizer states take per parameter.
//!
//! | `prec` | weights | grads | master | states | activations | source of the convention |
//! |---|---|---|---|---|---|---|
//! | `fp32` | 4 | 4 | 0 | 4 | 4 | plain fp32 training (with Adam: 4 + 4 + 8 = 16 B/param) |
//! | `amp` | 4 + 2 | 4 | 0 | 4 | 2 | fp32 weights, bf16 autocast: each weight's bf16 cast is kept for backward (PyTorch `torch.amp` autocast weight cast cache) → Adam 18 B/param |
//! | `bf16-master` | 2 | 2 | 4 | 4 | 2 | ZeRO (Rajbhandari et al. 2020, arXiv:1910.02054, §3.1): 2Ψ + 2Ψ + KΨ, K = 12 for Adam → 16 B/param (default) |
//! | `pure-bf16` | 2 | 2 | 0 | 2 | 2 | everything bf16, states included (e.g. a bf16 model with `torch.optim.AdamW`, whose states take the parameter dtype) → Adam 8 B/param |
//!
//! Frozen weights (LoRA base) take 2 bytes except under `fp32`/`amp` (4). LoRA adapters follow
//! PEFT's default `autocast_adapter_dtype=True`, which keeps adapter weights in fp32 when the
//! base is 16-bit: adapters are fp32 with fp32 states except under `pure-bf16`.

use crate::core::error::{ErrorKind, InputError};
use crate::core::params::memory as M;

/// How numbers are stored during training.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    /// Everything fp32.
    Fp32,
    /// fp32 weights, grads and states; bf16 autocast for compute.
    Amp,
    /// bf16 weights and grads, fp32 master weights and states (ZeRO convention; default).
    Bf16Master,
    /// bf16 everything, optimizer states included.
    PureBf16,
}

impl Precision {
    /// URL words, in display order.
    pub const KEYS: &'static [&'static str] = &["fp32", "amp", "bf16-master", "pure-bf16"];

    /// Parses a URL word.
    pub fn parse(text: &str) -> Result<Self, InputError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "fp32" => Ok(Self::Fp32),
            "amp" => Ok(Self::Amp),
            "bf16-master" | "" => Ok(Self::Bf16Master),
            "pure-bf16" => Ok(Self::PureBf16),
            _ => Err(InputError::new(
                M::PREC.key,
                ErrorKind::NotOneOf(Self::KEYS),
            )),
        }
    }

    /// The URL word.
    pub fn key(self) -> &'static str {
        match self {
            Self::Fp32 => "fp32",
            Self::Amp => "amp",
            Self::Bf16Master => "bf16-master",
            Self::PureBf16 => "pure-bf16",
        }
    }

    /// Bytes of a trainable weight as stored (without the autocast copy).
    pub fn weight_bytes(self) -> u64 {
        match self {
            Self::Fp32 | Self::Amp => 4,
            Self::Bf16Master | Self::PureBf16 => 2,
        }
    }

    /// Bytes of the bf16 copy autocast keeps per weight used in a matmul (`amp` only).
    pub fn cast_copy_bytes(self) -> u64 {
        if self == Self::Amp { 2 } else { 0 }
    }

    /// Bytes of a gradient (same dtype as the parameter).
    pub fn grad_bytes(self) -> u64 {
        self.weight_bytes()
    }

    /// Bytes of the fp32 master copy the optimizer keeps (`bf16-master` only).
    pub fn master_bytes(self) -> u64 {
        if self == Self::Bf16Master { 4 } else { 0 }
    }

    /// Bytes of one optimizer state element (fp32 unless `pure-bf16`).
    pub fn state_bytes(self) -> u64 {
        if self == Self::PureBf16 { 2 } else { 4 }
    }

    /// Bytes of one activation element (bf16 compute unless `fp32`).
    pub fn activation_bytes(self) -> u64 {
        if self == Self::Fp32 { 4 } else { 2 }
    }

    /// Bytes of a frozen (LoRA base) weight.
    pub fn frozen_bytes(self) -> u64 {
        self.weight_bytes()
    }

    /// Bytes of a LoRA adapter weight, its gradient, and each of its state elements
    /// (PEFT `autocast_adapter_dtype=True`: fp32 unless `pure-bf16`). Adapters have no master copy.
    pub fn adapter_bytes(self) -> u64 {
        if self == Self::PureBf16 { 2 } else { 4 }
    }

    /// Where the convention comes from (shown next to the bytes per parameter).
    pub fn source(self) -> &'static str {
        match self {
            Self::Fp32 => "fp32 everywhere: 4 B weights + 4 B grads + fp32 states",
            Self::Amp => {
                "PyTorch torch.amp autocast: fp32 weights/grads/states plus the bf16 weight cast kept for backward"
            }
            Self::Bf16Master => {
                "ZeRO (Rajbhandari et al. 2020, §3.1): 2Ψ bf16 weights + 2Ψ bf16 grads + KΨ fp32 master and states"
            }
            Self::PureBf16 => {
                "bf16 model with torch.optim states in the parameter dtype (no master copy)"
            }
        }
    }
}
