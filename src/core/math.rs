//! The elementary functions the calculations use, with the same bits on every target.
//!
//! Natively they are the `libm` crate's (a port of musl's libm), so results do not depend on the
//! platform's C library. In WebAssembly the standard library's `f64` methods are that same code
//! (compiler-builtins carries the `libm` crate's sources: there is no other `pow` or `exp` for
//! wasm32), and calling them lets a page keep one copy, shared with the charting code, instead of
//! two. The golden runs (`core::sim::golden`), checked natively and in the browser
//! (`tests/web.rs`), and `.ci/bench`'s native-against-WASM checksums hold both paths to the same
//! bits.
//!
//! But those methods are LLVM intrinsics (`llvm.pow.f64`, `llvm.exp.f64`, …), and LLVM evaluates
//! an intrinsic whose arguments are compile-time constants with the *build machine's* C library,
//! and may rewrite a call whose base or exponent it knows (`pow(2, y)` as `exp2(y)`, for
//! one): another function, other last bits. At opt-level 3 the data set's feature scales,
//! `pow(10, −1 + 2j/15)` for j = 0…15 (`core::sim::dataset`), are unrolled into constants, and
//! glibc's `pow(10, −0.2)` is 0x3FE430CD74F6D479 where musl's is …478: the worker's held-out
//! figures then differed from native ones in their last digits. So in WebAssembly the arguments
//! go through [`black_box`](core::hint::black_box): LLVM sees no constant and no known base or
//! exponent, and the call is always the library's. `floor` and `round` are exact (their folding
//! gives the same bits) and need no barrier.

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    pub use libm::{cos, exp, floor, log, log10, pow, round, sin, tanh};
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use core::hint::black_box;

    /// cos x.
    pub fn cos(x: f64) -> f64 {
        black_box(x).cos()
    }
    /// eˣ.
    pub fn exp(x: f64) -> f64 {
        black_box(x).exp()
    }
    /// ⌊x⌋.
    pub fn floor(x: f64) -> f64 {
        x.floor()
    }
    /// ln x.
    pub fn log(x: f64) -> f64 {
        black_box(x).ln()
    }
    /// log₁₀ x.
    pub fn log10(x: f64) -> f64 {
        black_box(x).log10()
    }
    /// xʸ.
    pub fn pow(x: f64, y: f64) -> f64 {
        black_box(x).powf(black_box(y))
    }
    /// x rounded half away from zero.
    pub fn round(x: f64) -> f64 {
        x.round()
    }
    /// sin x.
    pub fn sin(x: f64) -> f64 {
        black_box(x).sin()
    }
    /// tanh x.
    pub fn tanh(x: f64) -> f64 {
        black_box(x).tanh()
    }
}

pub use imp::{cos, exp, floor, log, log10, pow, round, sin, tanh};
