//! Optimizer state sizes, exact per parameter tensor.
//!
//! | `opt` | state per tensor of n = rows·cols elements | source |
//! |---|---|---|
//! | `adamw` | 2n (m, v) | torch 2.15.0 `torch/optim/adamw.py` (`exp_avg`, `exp_avg_sq`) |
//! | `adamw8bit` | n < 4096: 2n at 32 bit; else 2n bytes + one fp32 absmax per 256-element block per state | Dettmers et al. 2022 (block-wise 8-bit optimizers); bitsandbytes 0.50.2 `bitsandbytes/optim/optimizer.py` `Optimizer2State.init_state` (`blocksize = 256` since 0.44.0, 2048 before; `min_8bit_size=4096`) |
//! | `sgd` | 0 | torch.optim.SGD with momentum 0 |
//! | `momentum` | n (momentum buffer) | torch 2.15.0 `torch/optim/sgd.py` (`momentum_buffer`) |
//! | `sophia` | 2n (m, h) | Liuhong99/Sophia `sophia.py` (`exp_avg`, `hessian`) |
//! | `lion` | n (m) | google/automl `lion/lion_pytorch.py` (`exp_avg`) |
//! | `adafactor` | matrices: rows + cols (factored second moment); vectors: n; no first moment | Shazeer & Stern 2018, §3 (factored second-moment estimator); transformers `optimization.py` `Adafactor` (`exp_avg_sq_row`, `exp_avg_sq_col`, `beta1=None` default) |
//!
//! The fp32 master copy of `bf16-master` is counted separately (see [`super::precision`]).

use crate::core::error::{ErrorKind, InputError};
use crate::core::params::memory as M;

/// bitsandbytes: tensors with fewer elements keep 32-bit states (`min_8bit_size`).
pub const MIN_8BIT_SIZE: u64 = 4096;
/// Block size of the block-wise 8-bit state quantisation: bitsandbytes 0.44.0 and later
/// (`bitsandbytes/optim/optimizer.py`, `blocksize = 256`); Dettmers et al. 2022 and bitsandbytes
/// up to 0.43 used 2048. Checked on bitsandbytes 0.50.2 by `tests/reference/bnb_bytes.py`.
pub const BLOCK_8BIT: u64 = 256;

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
            _ => Err(InputError::new(M::OPT.key, ErrorKind::NotOneOf(Self::KEYS))),
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
            Self::AdamW => "torch.optim.AdamW: exp_avg + exp_avg_sq (torch/optim/adamw.py)",
            Self::AdamW8bit => {
                "Dettmers et al. 2022, block-wise 8-bit states; bitsandbytes ≥ 0.44: block 256, min_8bit_size = 4096"
            }
            Self::Sgd => "torch.optim.SGD, momentum = 0: no state",
            Self::Momentum => "torch.optim.SGD momentum_buffer (torch/optim/sgd.py)",
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
        // 8-bit: n bytes per state + 4 B per 256-block per state; bitsandbytes 0.50.2
        // AdamW8bit allocates 34,078,720 B for 4096×4096 (tests/reference/bnb_bytes.py).
        assert_eq!(
            Optimizer::AdamW8bit.state_bytes(4096, 4096, 1, 4),
            34_078_720
        );
        assert_eq!(34_078_720, 2 * (n + 4 * 65_536));
        // 4096 and 5000 elements: 8-bit with 16 and 20 blocks (8,320 and 10,160 B).
        assert_eq!(Optimizer::AdamW8bit.state_bytes(4096, 1, 1, 4), 8_320);
        assert_eq!(Optimizer::AdamW8bit.state_bytes(1000, 5, 1, 4), 10_160);
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
