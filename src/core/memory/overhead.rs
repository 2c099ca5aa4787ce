//! The memory a training process uses beyond its tensors.
//!
//! Two terms, both **conventions**, not derivations:
//! - **CUDA context** (driver state, kernels/modules, cuBLAS/cuDNN workspaces), default
//!   512 MiB. It is not part of `torch.cuda.memory_reserved()`; PyTorch's "CUDA semantics →
//!   Memory management" notes describe reserved vs. allocated memory and that `nvidia-smi` shows
//!   more than the caching allocator reserves. Reported sizes range from roughly 300 MiB (CUDA ≥
//!   11.7 lazy module loading) to over 1 GiB (eager loading, many kernels); the default is a
//!   middle value, not a measurement of any particular card.
//! - **Allocator slack**: the caching allocator reserves more than is live (block rounding,
//!   fragmentation). Default 5 % of the tensor peak — our convention, chosen from the gap
//!   between reserved and allocated memory in measured runs (see [`super::measured`]), and
//!   adjustable.

use crate::core::error::InputError;
use crate::core::units::check_range;

/// Default CUDA context size in bytes (512 MiB; a convention, see the module docs).
pub const DEFAULT_CONTEXT: u64 = 512 * 1024 * 1024;
/// Default allocator slack as a fraction of the tensor peak (a convention).
pub const DEFAULT_SLACK: f64 = 0.05;

/// The overhead model.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Overhead {
    /// Fixed CUDA context bytes.
    pub context: u64,
    /// Allocator slack as a fraction of the tensor peak, 0 ≤ slack ≤ 1.
    pub slack: f64,
}

impl Default for Overhead {
    fn default() -> Self {
        Self {
            context: DEFAULT_CONTEXT,
            slack: DEFAULT_SLACK,
        }
    }
}

impl Overhead {
    /// A validated overhead (context ≤ 64 GiB, field `ctx`; 0 ≤ slack ≤ 1, field `slack`).
    pub fn new(context: u64, slack: f64) -> Result<Self, InputError> {
        check_range(context as f64, "ctx", 0.0, 68_719_476_736.0)?;
        let slack = check_range(slack, "slack", 0.0, 1.0)?;
        Ok(Self { context, slack })
    }

    /// Overhead bytes on top of a tensor peak of `tensors` bytes.
    pub fn bytes(&self, tensors: u128) -> u128 {
        // slack ∈ [0, 1] and tensors < 2^128, so the product is finite; round up.
        let slack = (tensors as f64 * self.slack).ceil();
        self.context as u128
            + if slack.is_finite() && slack > 0.0 {
                slack as u128
            } else {
                0
            }
    }
}
