//! Native timing of the simulation kernels (`cargo bench --bench sim_native`), the native half of
//! `.ci/bench`. Each kernel runs a few times; the best time is reported as
//! `kernel <name> units <n> ms <best> checksum <bits>` so `.ci/bench` can compare it with WASM.

use std::time::Instant;

use batch_lab::core::sim::bench::{Kernel, bench_kernel};

fn main() {
    const REPEATS: usize = 5;
    for kernel in Kernel::ALL {
        let mut best = f64::INFINITY;
        let mut report = bench_kernel(kernel);
        for _ in 0..REPEATS {
            let start = Instant::now();
            report = bench_kernel(kernel);
            best = best.min(start.elapsed().as_secs_f64() * 1e3);
        }
        println!(
            "kernel {} units {} ms {:.3} checksum {:016x}",
            kernel.name(),
            report.units,
            best,
            report.checksum.to_bits()
        );
    }
}
