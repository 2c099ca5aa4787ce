//! Simulation kernels for benchmarking, callable natively and from the WASM page alike.
//!
//! Core code has no clock: the caller times [`bench_kernel`] (`std::time::Instant` natively,
//! `performance.now()` in the browser) and divides the reported work by the elapsed time. The
//! checksum keeps the optimiser from deleting the work and lets the two sides check they computed
//! the same thing.

use super::classifier::Classifier;
use super::config::{Task, default_sweep};
use super::dataset::{CLASSES, DEFAULT_TRAIN_SIZE, Dataset, FEATURES};
use super::mlp::{DEFAULT_HIDDEN, Mlp};
use super::nqm::{DEFAULT_NQM_DIM, Nqm};
use super::optim::OptimizerKind;
use super::rng::SimRng;
use super::run::{RunSpec, run};
use super::softmax::SoftmaxRegression;
use super::sweep::sweep;
use crate::core::schedule::Schedule;

/// The kernels measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kernel {
    /// 10⁶ standard normal draws.
    Normals,
    /// SGD on the NQM (d = 100, B = 64): 50 runs of 400 updates.
    NqmSgd,
    /// Adam on the NQM (d = 100, B = 64): 50 runs of 400 updates.
    NqmAdam,
    /// Softmax regression on the data set (n = 10,000, B = 64): 300 updates with 3 evaluations.
    Softmax,
    /// The MLP on the data set (n = 10,000, B = 64): 300 updates with 3 evaluations.
    Mlp,
    /// The default NQM sweep of [`default_sweep`].
    DefaultSweep,
}

impl Kernel {
    /// All kernels, in report order.
    pub const ALL: [Kernel; 6] = [
        Kernel::Normals,
        Kernel::NqmSgd,
        Kernel::NqmAdam,
        Kernel::Softmax,
        Kernel::Mlp,
        Kernel::DefaultSweep,
    ];

    /// A short name for reports.
    pub fn name(self) -> &'static str {
        match self {
            Kernel::Normals => "normals",
            Kernel::NqmSgd => "nqm_sgd",
            Kernel::NqmAdam => "nqm_adam",
            Kernel::Softmax => "softmax",
            Kernel::Mlp => "mlp",
            Kernel::DefaultSweep => "default_sweep",
        }
    }
}

/// What a kernel did.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BenchReport {
    /// The kernel.
    pub kernel: Kernel,
    /// Work done, in the kernel's unit (normals, or optimizer updates).
    pub units: u64,
    /// A value depending on every result (compare natively and in WASM).
    pub checksum: f64,
}

fn nqm_runs(kind: OptimizerKind, lr: f64) -> BenchReport {
    let Ok(q) = Nqm::new(DEFAULT_NQM_DIM) else {
        return BenchReport {
            kernel: Kernel::NqmSgd,
            units: 0,
            checksum: 0.0,
        };
    };
    let mut checksum = 0.0;
    let mut units = 0;
    for seed in 0..50 {
        let spec = RunSpec {
            optimizer: kind.config(),
            batch_size: 64,
            schedule: Schedule::constant(lr, 400),
            steps: 400,
            seed,
            eval_every: 0,
        };
        let t = run(&q, &spec);
        units += t.steps_done();
        checksum += t.loss.last().copied().unwrap_or(0.0);
    }
    let kernel = if kind == OptimizerKind::Sgd {
        Kernel::NqmSgd
    } else {
        Kernel::NqmAdam
    };
    BenchReport {
        kernel,
        units,
        checksum,
    }
}

fn data_run<N: super::classifier::Net>(kernel: Kernel, net: N) -> BenchReport {
    let Ok(data) = Dataset::generate(DEFAULT_TRAIN_SIZE, 1) else {
        return BenchReport {
            kernel,
            units: 0,
            checksum: 0.0,
        };
    };
    let problem = Classifier::new(net, data);
    let spec = RunSpec {
        optimizer: OptimizerKind::Adam.config(),
        batch_size: 64,
        schedule: Schedule::constant(0.01, 300),
        steps: 300,
        seed: 1,
        eval_every: 100,
    };
    let t = run(&problem, &spec);
    BenchReport {
        kernel,
        units: t.steps_done(),
        checksum: t.evals.last().map_or(0.0, |e| e.train_loss),
    }
}

/// Runs one kernel and reports its work; time the call from outside.
pub fn bench_kernel(kernel: Kernel) -> BenchReport {
    match kernel {
        Kernel::Normals => {
            let mut rng = SimRng::new(1);
            let checksum = (0..1_000_000).map(|_| rng.normal()).sum();
            BenchReport {
                kernel,
                units: 1_000_000,
                checksum,
            }
        }
        Kernel::NqmSgd => nqm_runs(OptimizerKind::Sgd, 0.5),
        Kernel::NqmAdam => nqm_runs(OptimizerKind::Adam, 0.05),
        Kernel::Softmax => data_run(
            kernel,
            SoftmaxRegression {
                features: FEATURES,
                classes: CLASSES,
            },
        ),
        Kernel::Mlp => data_run(
            kernel,
            Mlp {
                features: FEATURES,
                hidden: DEFAULT_HIDDEN,
                classes: CLASSES,
            },
        ),
        Kernel::DefaultSweep => {
            let spec = default_sweep();
            let Ok(problem) = Task::Nqm {
                dim: DEFAULT_NQM_DIM,
            }
            .build(1) else {
                return BenchReport {
                    kernel,
                    units: 0,
                    checksum: 0.0,
                };
            };
            let r = sweep(problem.as_ref(), spec);
            let units = r.cells.len() as u64;
            let checksum = r.cells.iter().filter_map(|c| c.best_final_loss()).sum();
            BenchReport {
                kernel,
                units,
                checksum,
            }
        }
    }
}

/// Every kernel once, in [`Kernel::ALL`] order (for a caller that times the whole set).
pub fn bench_kernels() -> Vec<BenchReport> {
    Kernel::ALL.into_iter().map(bench_kernel).collect()
}
