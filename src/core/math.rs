//! The elementary functions the calculations use, with the same bits on every target.
//!
//! Natively they are the `libm` crate's (a port of musl's libm), so results do not depend on the
//! platform's C library. In WebAssembly the standard library's `f64` methods are that same code
//! (compiler-builtins carries the `libm` crate's sources: there is no other `pow` or `exp` for
//! wasm32), and calling them lets a page keep one copy, shared with the charting code, instead of
//! two. The golden runs (`core::sim::golden`), checked natively and in the browser
//! (`tests/web.rs`), and `.ci/bench`'s native-against-WASM checksums hold both paths to the same
//! bits.

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    pub use libm::{cos, exp, floor, log, log10, pow, round, sin, tanh};
}

#[cfg(target_arch = "wasm32")]
mod imp {
    /// cos x.
    pub fn cos(x: f64) -> f64 {
        x.cos()
    }
    /// eˣ.
    pub fn exp(x: f64) -> f64 {
        x.exp()
    }
    /// ⌊x⌋.
    pub fn floor(x: f64) -> f64 {
        x.floor()
    }
    /// ln x.
    pub fn log(x: f64) -> f64 {
        x.ln()
    }
    /// log₁₀ x.
    pub fn log10(x: f64) -> f64 {
        x.log10()
    }
    /// xʸ.
    pub fn pow(x: f64, y: f64) -> f64 {
        x.powf(y)
    }
    /// x rounded half away from zero.
    pub fn round(x: f64) -> f64 {
        x.round()
    }
    /// sin x.
    pub fn sin(x: f64) -> f64 {
        x.sin()
    }
    /// tanh x.
    pub fn tanh(x: f64) -> f64 {
        x.tanh()
    }
}

pub use imp::{cos, exp, floor, log, log10, pow, round, sin, tanh};
