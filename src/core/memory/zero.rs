//! ZeRO data parallelism (Rajbhandari et al. 2020, arXiv:1910.02054, §5): which model states
//! are split across the N_d data-parallel GPUs.
//!
//! | stage | per GPU |
//! |---|---|
//! | 0 (plain DP) | weights + grads + optimizer |
//! | 1 (P_os) | weights + grads + optimizer / N_d |
//! | 2 (P_os+g) | weights + (grads + optimizer) / N_d |
//! | 3 (P_os+g+p) | (weights + grads + optimizer) / N_d |
//!
//! Shards are rounded up to whole bytes (a GPU holds at least its share).

use crate::core::error::{ErrorKind, InputError};

/// Largest accepted number of GPUs (documented cap).
pub const MAX_GPUS: u64 = 65_536;

/// A ZeRO stage with its data-parallel degree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Zero {
    /// Stage 0..=3.
    pub stage: u8,
    /// Data-parallel GPUs N_d (≥ 1).
    pub gpus: u64,
}

/// Model-state bytes on one GPU.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StateBytes {
    /// Weights (all, frozen included).
    pub weights: u128,
    /// Gradients.
    pub grads: u128,
    /// Optimizer states and master weights.
    pub optimizer: u128,
}

impl Zero {
    /// A validated set-up: stage 0..=3 (field `zero`), 1 ≤ gpus ≤ [`MAX_GPUS`] (field `gpus`).
    pub fn new(stage: u64, gpus: u64) -> Result<Self, InputError> {
        if stage > 3 {
            return Err(InputError::new(
                crate::core::params::memory::ZERO.key,
                ErrorKind::AboveMax(3.0),
            ));
        }
        if gpus == 0 {
            return Err(InputError::new(
                crate::core::params::steps::GPUS.key,
                ErrorKind::BelowMin(1.0),
            ));
        }
        if gpus > MAX_GPUS {
            return Err(InputError::new(
                "gpus",
                ErrorKind::AboveMax(MAX_GPUS as f64),
            ));
        }
        Ok(Self {
            stage: stage as u8,
            gpus,
        })
    }

    /// Per-GPU share of the whole-model states under this stage.
    pub fn per_gpu(&self, all: StateBytes) -> StateBytes {
        let n = self.gpus as u128;
        let split = |x: u128, from: u8| if self.stage >= from { x.div_ceil(n) } else { x };
        StateBytes {
            optimizer: split(all.optimizer, 1),
            grads: split(all.grads, 2),
            weights: split(all.weights, 3),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Mixed-precision Adam (ZeRO §3.1): 2Ψ weights, 2Ψ grads, KΨ optimizer states with K = 12.
    fn gb(psi: u128, stage: u64, gpus: u64) -> f64 {
        let z = Zero::new(stage, gpus).unwrap_or_else(|e| panic!("{e}"));
        let s = z.per_gpu(StateBytes {
            weights: 2 * psi,
            grads: 2 * psi,
            optimizer: 12 * psi,
        });
        (s.weights + s.grads + s.optimizer) as f64 / 1e9
    }

    #[test]
    fn reference_table() {
        // Rajbhandari et al. 2020, Fig. 1: 7.5B params, N_d = 64 → 120 / 31.4 / 16.6 / 1.9 GB
        // (`python tests/reference/memory_arithmetic.py` prints the unrounded values).
        let p = 7_500_000_000;
        assert_eq!(gb(p, 0, 64), 120.0);
        assert_eq!((gb(p, 1, 64) * 1000.0).round() / 1000.0, 31.406);
        assert_eq!((gb(p, 2, 64) * 100.0).round() / 100.0, 16.64);
        assert_eq!((gb(p, 3, 64) * 1000.0).round() / 1000.0, 1.875);
        // Llama-2-7B, N_d = 8 → 107.81 / 37.06 / 25.27 / 13.48 GB.
        let l = 6_738_415_616;
        assert_eq!(16 * l, 107_814_649_856); // 16Ψ (ZeRO §3.1)
        let r2 = |x: f64| (x * 100.0).round() / 100.0;
        assert_eq!(r2(gb(l, 0, 8)), 107.81);
        assert_eq!(r2(gb(l, 1, 8)), 37.06);
        assert_eq!(r2(gb(l, 2, 8)), 25.27);
        assert_eq!(r2(gb(l, 3, 8)), 13.48);
        assert_eq!(Zero::new(4, 1).unwrap_err().field, "zero");
        assert_eq!(Zero::new(1, 0).unwrap_err().field, "gpus");
    }
}
