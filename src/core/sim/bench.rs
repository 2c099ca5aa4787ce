//! Simulation kernels for benchmarking, callable natively and from the WASM page alike.
//!
//! Core code has no clock: the caller times [`bench_kernel`] (`std::time::Instant` natively,
//! `performance.now()` in the browser) and divides the reported work by the elapsed time. The
//! checksum keeps the optimiser from deleting the work and lets the two sides check they computed
//! the same thing.

use super::classifier::{Classifier, Net};
use super::config::{Task, default_sweep};
use super::dataset::{CLASSES, DEFAULT_TRAIN_SIZE, Dataset, FEATURES};
use super::linalg;
use super::mlp::{DEFAULT_HIDDEN, Mlp};
use super::nqm::{DEFAULT_NQM_DIM, Nqm};
use super::optim::OptimizerKind;
use super::problem::{Batch, Problem};
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
    /// The layer kernels of [`super::linalg`] alone: 20,000 passes of a 32 × 16 and a 4 × 32
    /// matrix–vector product with bias, the transposed product and both rank-one updates of
    /// back-propagation (the MLP's shapes); units are multiply–adds.
    Linalg,
    /// Whole-set evaluations of softmax regression (forward pass and cross-entropy) over the
    /// default data set (10,000 training and 2,000 held-out examples), 10 times; units are examples.
    SoftmaxEval,
    /// Minibatch gradients of softmax regression (forward, cross-entropy, backward): 200 batches of
    /// 256; units are examples.
    SoftmaxGrad,
    /// As [`Kernel::SoftmaxEval`] for the MLP (hidden width 32).
    MlpEval,
    /// As [`Kernel::SoftmaxGrad`] for the MLP.
    MlpGrad,
}

impl Kernel {
    /// All kernels, in report order.
    pub const ALL: [Kernel; 11] = [
        Kernel::Normals,
        Kernel::NqmSgd,
        Kernel::NqmAdam,
        Kernel::Softmax,
        Kernel::Mlp,
        Kernel::DefaultSweep,
        Kernel::Linalg,
        Kernel::SoftmaxEval,
        Kernel::SoftmaxGrad,
        Kernel::MlpEval,
        Kernel::MlpGrad,
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
            Kernel::Linalg => "linalg",
            Kernel::SoftmaxEval => "softmax_eval",
            Kernel::SoftmaxGrad => "softmax_grad",
            Kernel::MlpEval => "mlp_eval",
            Kernel::MlpGrad => "mlp_grad",
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

fn data_run<N: Net>(kernel: Kernel, net: N) -> BenchReport {
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

fn empty(kernel: Kernel) -> BenchReport {
    BenchReport {
        kernel,
        units: 0,
        checksum: 0.0,
    }
}

/// The MLP of the Simulator.
fn default_mlp() -> Mlp {
    Mlp {
        features: FEATURES,
        hidden: DEFAULT_HIDDEN,
        classes: CLASSES,
    }
}

/// Softmax regression of the Simulator.
fn default_softmax() -> SoftmaxRegression {
    SoftmaxRegression {
        features: FEATURES,
        classes: CLASSES,
    }
}

fn linalg_passes() -> BenchReport {
    let (f, h, k) = (FEATURES, DEFAULT_HIDDEN, CLASSES);
    let mut rng = SimRng::new(3);
    let mut draw = |n: usize| -> Vec<f64> { (0..n).map(|_| rng.uniform() - 0.5).collect() };
    let (w1, b1, w2, b2, x) = (draw(h * f), draw(h), draw(k * h), draw(k), draw(f));
    let (mut a, mut z, mut da) = (vec![0.0; h], vec![0.0; k], vec![0.0; h]);
    let (mut g1, mut g2) = (vec![0.0; h * f], vec![0.0; k * h]);
    let passes = 20_000;
    for _ in 0..passes {
        linalg::matvec_bias(&w1, &x, &b1, &mut a);
        linalg::matvec_bias(&w2, &a, &b2, &mut z);
        da.iter_mut().for_each(|d| *d = 0.0);
        linalg::matvec_t_add(1e-3, &z, &w2, &mut da);
        linalg::outer_add(1e-3, &z, &a, &mut g2);
        linalg::outer_add(1e-3, &da, &x, &mut g1);
    }
    let checksum = linalg::dot(&g1, &g1) + linalg::dot(&g2, &g2) + z.iter().sum::<f64>();
    BenchReport {
        kernel: Kernel::Linalg,
        units: passes * (2 * (h * f) + 3 * (k * h)) as u64,
        checksum,
    }
}

fn evals<N: Net>(kernel: Kernel, net: N) -> BenchReport {
    let Ok(data) = Dataset::generate(DEFAULT_TRAIN_SIZE, 1) else {
        return empty(kernel);
    };
    let problem = Classifier::new(net, data);
    let params = problem.init(&mut SimRng::new(1));
    let mut checksum = 0.0;
    let mut units = 0;
    for _ in 0..10 {
        checksum += problem.loss(&params) + problem.heldout_loss(&params);
        units += (problem.data().train.len() + problem.data().heldout.len()) as u64;
    }
    BenchReport {
        kernel,
        units,
        checksum,
    }
}

fn grads<N: Net>(kernel: Kernel, net: N) -> BenchReport {
    let Ok(data) = Dataset::generate(DEFAULT_TRAIN_SIZE, 1) else {
        return empty(kernel);
    };
    let problem = Classifier::new(net, data);
    let mut rng = SimRng::new(1);
    let params = problem.init(&mut rng);
    let mut grad = vec![0.0; problem.dim()];
    let n = problem.data().train.len() as u64;
    let mut checksum = 0.0;
    let mut units = 0;
    for _ in 0..200 {
        let idx: Vec<usize> = (0..256).map(|_| rng.below(n) as usize).collect();
        checksum += problem.gradient(&params, Batch::Examples(&idx), &mut rng, &mut grad);
        checksum += grad.iter().sum::<f64>();
        units += idx.len() as u64;
    }
    BenchReport {
        kernel,
        units,
        checksum,
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
        Kernel::Softmax => data_run(kernel, default_softmax()),
        Kernel::Mlp => data_run(kernel, default_mlp()),
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
        Kernel::Linalg => linalg_passes(),
        Kernel::SoftmaxEval => evals(kernel, default_softmax()),
        Kernel::SoftmaxGrad => grads(kernel, default_softmax()),
        Kernel::MlpEval => evals(kernel, default_mlp()),
        Kernel::MlpGrad => grads(kernel, default_mlp()),
    }
}

/// Every kernel once, in [`Kernel::ALL`] order (for a caller that times the whole set).
pub fn bench_kernels() -> Vec<BenchReport> {
    Kernel::ALL.into_iter().map(bench_kernel).collect()
}
