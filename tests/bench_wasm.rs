//! WASM timing of the simulation kernels in headless Chromium (`performance.now()`), the browser
//! half of `.ci/bench`; same kernels and output format as `tests/bench/sim_native.rs`. Prints only;
//! it asserts no time (speed targets are measured, never tested).
#![cfg(target_arch = "wasm32")]

use batch_lab::core::sim::bench::{Kernel, bench_kernel};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

#[wasm_bindgen_test]
fn bench_sim_kernels() {
    const REPEATS: usize = 5;
    for kernel in Kernel::ALL {
        let mut best = f64::INFINITY;
        let mut report = bench_kernel(kernel);
        for _ in 0..REPEATS {
            let start = now_ms();
            report = bench_kernel(kernel);
            best = best.min(now_ms() - start);
        }
        console_log!(
            "kernel {} units {} ms {:.3} checksum {:016x}",
            kernel.name(),
            report.units,
            best,
            report.checksum.to_bits()
        );
    }
}
