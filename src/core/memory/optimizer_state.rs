//! Optimizer state sizes, exact per parameter tensor.
//!
//! | `opt` | state per tensor of n = rows·cols elements | source |
//! |---|---|---|
//! | `adamw` | 2n (m, v) | torch.optim.AdamW; REFERENCE.md §3.3, §4.1 |
//! | `adamw8bit` | n < 4096: 2n at 32 bit; else 2n bytes + one fp32 absmax per 2048-element block per state | Dettmers et al. 2022 (block-wise 8-bit optimizers, block 2048); bitsandbytes `min_8bit_size=4096` (REFERENCE.md §4.1) |
//! | `sgd` | 0 | torch.optim.SGD with momentum 0 |
//! | `momentum` | n (momentum buffer) | torch.optim.SGD, REFERENCE.md §3.1 |
//! | `sophia` | 2n (m, h) | Liuhong99/Sophia `sophia.py` (REFERENCE.md §3.4) |
//! | `lion` | n (m) | google/automl `lion_pytorch.py` (REFERENCE.md §3.5) |
//! | `adafactor` | matrices: rows + cols (factored second moment); vectors: n; no first moment | Shazeer & Stern 2018, §3 (factored second-moment estimator); transformers `optimization.py` `Adafactor` (`exp_avg_sq_row`, `exp_avg_sq_col`, `beta1=None` default) |
//!
//! The fp32 master copy of `bf16-master` is counted separately (see [`super::precision`]).

use crate::core::error::{ErrorKind, InputError};

/// bitsandbytes: tensors with fewer elements keep 32-bit states (`min_8bit_size`).
pub const MIN_8BIT_SIZE: u64 = 4096;
/// Block size of the block-wise 8-bit state quantisation (Dettmers et al. 2022).
pub const BLOCK_8BIT: u64 = 2048;

/// The optimizer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Optimizer {
    /// AdamW (two fp32/bf16 moments).
    AdamW,
    /// bitsandbytes 8-bit AdamW (block-wise quantised moments).
    AdamW8bit,
    /// Plain SGD (no state).
    Sgd,
    /// SGD with momentum (one buffer).
    Momentum,
    /// SophiaG (momentum + Hessian estimate).
    Sophia,
    /// Lion (one momentum).
    Lion,
    /// Adafactor (factored second moment, no first moment).
    Adafactor,
}

impl Optimizer {
    /// URL words, in display order.
    pub const KEYS: &'static [&'static str] = &[
        "adamw",
        "adamw8bit",
        "sgd",
        "momentum",
        "sophia",
        "lion",
        "adafactor",
    ];

    /// Parses a URL word.
    pub fn parse(text: &str) -> Result<Self, InputError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "adamw" | "" => Ok(Self::AdamW),
            "adamw8bit" => Ok(Self::AdamW8bit),
            "sgd" => Ok(Self::Sgd),
            "momentum" => Ok(Self::Momentum),
            "sophia" => Ok(Self::Sophia),
            "lion" => Ok(Self::Lion),
            "adafactor" => Ok(Self::Adafactor),
            _ => Err(InputError::new("opt", ErrorKind::NotOneOf(Self::KEYS))),
        }
    }

    /// The URL word.
    pub fn key(self) -> &'static str {
        Self::KEYS[self as usize]
    }

    /// State bytes for `count` tensors of shape rows × cols, with `width` bytes per full-precision
    /// state element (4 = fp32, 2 = bf16). Exact; u128 so no input can overflow it.
    pub fn state_bytes(self, rows: u64, cols: u64, count: u64, width: u64) -> u128 {
        let n = rows as u128 * cols as u128;
        let w = width as u128;
        let per = match self {
            Self::AdamW | Self::Sophia => 2 * n * w,
            Self::Momentum | Self::Lion => n * w,
            Self::Sgd => 0,
            Self::AdamW8bit => {
                if n < MIN_8BIT_SIZE as u128 {
                    2 * n * 4
                } else {
                    2 * (n + 4 * n.div_ceil(BLOCK_8BIT as u128))
                }
            }
            Self::Adafactor => {
                if rows > 1 && cols > 1 {
                    (rows as u128 + cols as u128) * w
                } else {
                    n * w
                }
            }
        };
        per * count as u128
    }

    /// Where the state layout comes from.
    pub fn source(self) -> &'static str {
        match self {
            Self::AdamW => "torch.optim.AdamW: exp_avg + exp_avg_sq (REFERENCE.md §3.3)",
            Self::AdamW8bit => {
                "Dettmers et al. 2022, block-wise 8-bit states (block 2048); bitsandbytes min_8bit_size = 4096"
            }
            Self::Sgd => "torch.optim.SGD, momentum = 0: no state",
            Self::Momentum => "torch.optim.SGD momentum_buffer (REFERENCE.md §3.1)",
            Self::Sophia => "SophiaG exp_avg + hessian (Liuhong99/Sophia sophia.py)",
            Self::Lion => "Lion exp_avg (google/automl lion_pytorch.py)",
            Self::Adafactor => {
                "Shazeer & Stern 2018 §3; transformers Adafactor: exp_avg_sq_row + exp_avg_sq_col per matrix"
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn per_tensor_sizes() {
        // 4096×4096 fp32: AdamW 2·4·n; Adafactor (4096+4096)·4.
        let n = 4096u128 * 4096;
        assert_eq!(Optimizer::AdamW.state_bytes(4096, 4096, 1, 4), 8 * n);
        assert_eq!(Optimizer::Adafactor.state_bytes(4096, 4096, 1, 4), 8192 * 4);
        assert_eq!(
            Optimizer::Adafactor.state_bytes(4096, 1, 3, 4),
            3 * 4096 * 4
        );
        // 8-bit: n bytes per state + 4 B per 2048-block per state.
        assert_eq!(
            Optimizer::AdamW8bit.state_bytes(4096, 4096, 1, 4),
            2 * (n + 4 * 8192)
        );
        // Below min_8bit_size (a 4095-element vector): 32-bit states.
        assert_eq!(
            Optimizer::AdamW8bit.state_bytes(4095, 1, 1, 4),
            2 * 4095 * 4
        );
        assert_eq!(Optimizer::Sgd.state_bytes(10, 10, 5, 4), 0);
        assert_eq!(Optimizer::Lion.state_bytes(10, 10, 5, 2), 1000);
        assert_eq!(Optimizer::parse("Lion").map(Optimizer::key), Ok("lion"));
        assert!(Optimizer::parse("adam").is_err());
    }
}
