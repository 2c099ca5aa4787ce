//! GPU cards and their memory.
//!
//! Capacities are the vendors' nominal sizes. NVIDIA's "GB" for these cards is binary: an
//! "80GB" A100 reports 81,920 MiB = 80 GiB to `nvidia-smi`, so each card here is its nominal
//! number of **GiB** (2³⁰ bytes). The driver keeps a little of it (ECC, reserved pages), so the
//! usable amount is slightly lower; the CUDA context is modelled in [`super::overhead`].
//! H200's "141GB" is likewise a nominal GiB-style figure (HBM3e, 6 stacks).

use crate::core::error::{ErrorKind, InputError};
use crate::core::params::memory as M;

/// One card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gpu {
    /// URL word (`gpu=`).
    pub key: &'static str,
    /// Display name.
    pub name: &'static str,
    /// Nominal capacity in GiB.
    pub gib: u64,
}

impl Gpu {
    /// Capacity in bytes (nominal GiB × 2³⁰).
    pub fn bytes(&self) -> u64 {
        self.gib << 30
    }

    /// Parses a URL word.
    pub fn parse(text: &str) -> Result<Self, InputError> {
        let t = text.trim().to_ascii_lowercase();
        GPUS.iter()
            .find(|g| g.key == t)
            .copied()
            .ok_or(InputError::new(M::GPU.key, ErrorKind::NotOneOf(GPU_KEYS)))
    }
}

/// The cards offered, smallest first (16, 24, 40, 48, 80, 141 GB classes).
pub const GPUS: &[Gpu] = &[
    Gpu {
        key: "v100-16",
        name: "NVIDIA V100 16GB",
        gib: 16,
    },
    Gpu {
        key: "t4",
        name: "NVIDIA T4 16GB",
        gib: 16,
    },
    Gpu {
        key: "rtx4090",
        name: "NVIDIA GeForce RTX 4090 24GB",
        gib: 24,
    },
    Gpu {
        key: "a10g",
        name: "NVIDIA A10G 24GB",
        gib: 24,
    },
    Gpu {
        key: "a100-40",
        name: "NVIDIA A100 40GB",
        gib: 40,
    },
    Gpu {
        key: "l40s",
        name: "NVIDIA L40S 48GB",
        gib: 48,
    },
    Gpu {
        key: "a6000",
        name: "NVIDIA RTX A6000 48GB",
        gib: 48,
    },
    Gpu {
        key: "a100-80",
        name: "NVIDIA A100 80GB",
        gib: 80,
    },
    Gpu {
        key: "h100-80",
        name: "NVIDIA H100 80GB",
        gib: 80,
    },
    Gpu {
        key: "h200",
        name: "NVIDIA H200 141GB",
        gib: 141,
    },
];

/// URL words of [`GPUS`].
pub const GPU_KEYS: &[&str] = &[
    "v100-16", "t4", "rtx4090", "a10g", "a100-40", "l40s", "a6000", "a100-80", "h100-80", "h200",
];

/// Display names of [`GPUS`], in the same order (product names, the same in every language).
pub const GPU_NAMES: &[&str] = &[
    "NVIDIA V100 16GB",
    "NVIDIA T4 16GB",
    "NVIDIA GeForce RTX 4090 24GB",
    "NVIDIA A10G 24GB",
    "NVIDIA A100 40GB",
    "NVIDIA L40S 48GB",
    "NVIDIA RTX A6000 48GB",
    "NVIDIA A100 80GB",
    "NVIDIA H100 80GB",
    "NVIDIA H200 141GB",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_names_follow_the_cards() {
        let keys: Vec<&str> = GPUS.iter().map(|g| g.key).collect();
        let names: Vec<&str> = GPUS.iter().map(|g| g.name).collect();
        assert_eq!(keys, GPU_KEYS);
        assert_eq!(names, GPU_NAMES);
        // An "80GB" A100 reports 81,920 MiB in nvidia-smi: 80 GiB.
        assert_eq!(Gpu::parse("a100-80").map(|g| g.bytes()), Ok(81_920 << 20));
    }
}
