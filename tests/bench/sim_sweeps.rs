//! Native timing of the Simulator's default sweeps on the data sets (`cargo bench --bench
//! sim_sweeps`): the cells the page's "run sweep" hands its workers for `task=softmax` and
//! `task=mlp` with every other input at its default (the grid runs, then the noise measurement),
//! run one after another on one core. Prints one line per sweep:
//! `sweep <task> cells <n> compute_ms <total> cpu_ms <total> longest_cell_ms <max> checksum <bits>`
//! (`cpu_ms`: the thread's time on a core, from `/proc/thread-self/schedstat`, less sensitive to
//! other load than the clock).
//! `SWEEPS=softmax` (or `mlp`) times one of them only. A benchmark: it asserts nothing.

use std::time::Instant;

use batch_lab::core::sim::input::SimText;
use batch_lab::core::sim::pool::{Finished, Plan, run_cell};

/// The calling thread's time on a core so far, in ms (Linux; 0 elsewhere).
fn cpu_ms() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |ns| ns / 1e6)
}

fn main() {
    let only = std::env::var("SWEEPS").unwrap_or_default();
    for task in ["softmax", "mlp"] {
        if !only.is_empty() && !only.split(',').any(|t| t == task) {
            continue;
        }
        let text = SimText {
            task,
            ..SimText::DEFAULT
        };
        let Ok(input) = text.parse() else {
            println!("sweep {task} refused: {:?}", text.parse().err());
            continue;
        };
        if let Err(e) = input.check_sweep() {
            println!("sweep {task} refused by the work caps: {e:?}");
        }
        let Ok(problem) = input.problem(1) else {
            println!("sweep {task}: no problem");
            continue;
        };
        let mut plan = Plan::new(input, true, false, None);
        let (mut total, mut longest, mut cells) = (0.0_f64, 0.0_f64, 0);
        let mut checksum = 0.0;
        let cpu0 = cpu_ms();
        while let Some((id, cell)) = plan.next_cell() {
            let start = Instant::now();
            let out = run_cell(problem.as_ref(), &cell, &mut |_| {});
            let ms = start.elapsed().as_secs_f64() * 1e3;
            total += ms;
            longest = longest.max(ms);
            cells += 1;
            for f in plan.complete(id, out) {
                if let Finished::Sweep(_, r) = f {
                    checksum += r
                        .cells
                        .iter()
                        .filter_map(|c| c.best_final_loss())
                        .sum::<f64>();
                    checksum += r
                        .cells
                        .iter()
                        .filter_map(|c| c.steps_to_target())
                        .sum::<u64>() as f64;
                    checksum += r.noise.map_or(0.0, |n| n.trace_cov);
                }
            }
        }
        let cpu = cpu_ms() - cpu0;
        println!(
            "sweep {task} cells {cells} compute_ms {total:.0} cpu_ms {cpu:.0} longest_cell_ms {longest:.0} checksum {:016x}",
            checksum.to_bits()
        );
    }
}
