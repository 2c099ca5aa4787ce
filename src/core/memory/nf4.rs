//! QLoRA storage of a frozen linear weight (Dettmers et al. 2023, arXiv:2305.14314, §3).
//!
//! NF4 packs two 4-bit values per byte in blocks of 64 (bitsandbytes 0.50.2
//! `bitsandbytes/functional.py`, `quantize_4bit`, `blocksize=64`) with one fp32 absmax per block (0.5 bit/param). Double quantisation stores
//! the absmax values in 8 bits, quantised again in blocks of 256 with fp32 constants:
//! 8/64 + 32/(64·256) = 0.126953125 bit/param. Only the decoder's linear layers are quantised;
//! embeddings, the LM head, norms and biases stay in the 16-bit compute dtype
//! (transformers' bitsandbytes integration skips `lm_head` and non-Linear modules).

/// Elements per first-level block.
pub const BLOCK: u64 = 64;
/// First-level constants per second-level block (double quantisation).
pub const BLOCK2: u64 = 256;

/// Bits per parameter of the quantisation constants, asymptotically (no rounding of blocks).
pub fn constant_bits_per_param(double_quant: bool) -> f64 {
    if double_quant {
        8.0 / BLOCK as f64 + 32.0 / (BLOCK * BLOCK2) as f64
    } else {
        32.0 / BLOCK as f64
    }
}

/// Bytes of `count` quantised tensors of `numel` elements each: ⌈n/2⌉ packed bytes plus the
/// block constants (whole blocks), plus one fp32 offset per tensor with double quantisation.
pub fn tensor_bytes(numel: u64, count: u64, double_quant: bool) -> u128 {
    let n = numel as u128;
    let blocks = n.div_ceil(BLOCK as u128);
    let constants = if double_quant {
        blocks + 4 * blocks.div_ceil(BLOCK2 as u128) + 4
    } else {
        4 * blocks
    };
    (n.div_ceil(2) + constants) * count as u128
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_bits() {
        // Dettmers et al. 2023, §3: 0.5 bit without DQ, 0.126953125 with DQ (paper: 0.127).
        assert_eq!(constant_bits_per_param(false), 0.5);
        assert_eq!(constant_bits_per_param(true), 0.126953125);
        // 4096×4096: 8,388,608 packed bytes + 262,144 one-byte constants + 1024·4 + 4, the bytes
        // bitsandbytes 0.50.2 `quantize_4bit` allocates (`python tests/reference/bnb_bytes.py`).
        assert_eq!(
            tensor_bytes(4096 * 4096, 1, true),
            8_388_608 + 262_144 + 4096 + 4
        );
        assert_eq!(tensor_bytes(4096 * 4096, 1, false), 8_388_608 + 1_048_576);
    }
}
