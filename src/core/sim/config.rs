//! Validated simulator inputs, their caps, the cost model behind the caps, and the defaults.
//!
//! **Caps.** B ∈ 1…[`MAX_BATCH`] (the `bs` URL range), steps ∈ 1…[`MAX_STEPS`], peak lr ∈
//! (0, [`MAX_LR`]], LR grid of 2…[`MAX_LR_POINTS`] points, d ≤ 10⁴ (NQM), n ≤ 50,000 (data set), and a
//! total estimated work of at most [`MAX_RUN_WORK`] per run, [`MAX_RUNS_WORK`] for all the runs of
//! a request and [`MAX_SWEEP_WORK`] per sweep.
//!
//! **Cost model** ([`run_work`]): one work unit is one NQM coordinate update (a normal draw plus a
//! few flops; 7–14 ns natively on the 2-core development machine depending on its load, about
//! the same in WASM, see [`super::bench`] and README “Benchmarks”). On the data sets, a run costs
//! per update B training examples (forward, cross-entropy, backward) plus one optimizer step per
//! parameter (1 unit), and per whole-set evaluation n + n/5 forward passes with cross-entropy. The
//! per-example costs ([`SOFTMAX_EXAMPLE_UNITS`], [`SOFTMAX_EVAL_UNITS`], [`MLP_EXAMPLE_UNITS`],
//! [`MLP_EVAL_UNITS`]) are the times of the `softmax_grad`, `softmax_eval`, `mlp_grad` and
//! `mlp_eval` kernels per example divided by the `nqm_sgd` kernel's time per coordinate update,
//! measured natively (2026-12-03, release profile, same process). The caps keep one run under about 2 s and all the
//! runs of a request under about 12 s of one core; a sweep may take up to about five times that,
//! so that every task's default sweep runs.
//!
//! **Over a cap**, the error ([`ErrorKind::TooMuchWork`], on `steps`) lists what to cut, each
//! change checked against the same caps before it is offered ([`work_cuts`]): the most updates
//! that fit, the first k optimizers, only the smallest batch sizes, fewer seeds; if no single
//! change fits, one set of changes that fits together.

use super::classifier::Classifier;
use super::dataset::{CLASSES, DEFAULT_TRAIN_SIZE, Dataset, FEATURES, heldout_size};
use super::mlp::{DEFAULT_HIDDEN, Mlp};
use super::nqm::{DEFAULT_NQM_DIM, NoiseModel, Nqm};
use super::optim::OptimizerKind;
use super::options::OptimizerOptions;
use super::problem::Problem;
use super::run::RunSpec;
use super::softmax::SoftmaxRegression;
use super::sweep::{LrGrid, SweepSpec};
use crate::core::error::{ErrorKind, InputError, WorkCut};
use crate::core::params::sim as P;
use crate::core::schedule::Schedule;

/// The largest batch size (the `bs` URL range 1…4096).
pub const MAX_BATCH: usize = 4096;
/// The largest number of updates in one run.
pub const MAX_STEPS: u64 = 100_000;
/// The largest peak learning rate.
pub const MAX_LR: f64 = 100.0;
/// The most learning rates in a sweep grid.
pub const MAX_LR_POINTS: usize = 32;
/// The most work units in one run (≈ 2 s of one core).
pub const MAX_RUN_WORK: f64 = 2e8;
/// The most work units in all the runs of one request (≈ 12 s of one core, shared out over the
/// page's workers): the default runs of every task fit, the largest (the MLP's 18 runs) with
/// about 1.1 × 10⁹.
pub const MAX_RUNS_WORK: f64 = 1.2e9;
/// The most work units in the grid runs of one sweep ([`sweep_work`]), shared out over the page's
/// workers: the default sweep of every task fits, the largest (the MLP's 3 optimizers × 3 batch
/// sizes × 13 rates × 800 updates) with about 6.0 × 10⁹ (an upper bound: its grid runs skip the
/// evaluations after their target, [`super::run::RunState::grid`]).
pub const MAX_SWEEP_WORK: f64 = 6.4e9;

/// The training problems offered (the `task` URL words). On the data sets, `n` is the `sim_n`
/// field and `sim_label_noise` the `sim_label_noise` field (see [`Dataset::generate_with`]).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Task {
    /// The noisy quadratic model of dimension `dim`.
    Nqm {
        /// d.
        dim: usize,
    },
    /// Softmax regression on the synthetic data set of `n` training examples.
    Softmax {
        /// n.
        n: usize,
        /// The fraction of training labels flipped.
        label_noise: f64,
    },
    /// The two-layer MLP on the synthetic data set of `n` training examples.
    Mlp {
        /// n.
        n: usize,
        /// The fraction of training labels flipped.
        label_noise: f64,
    },
}

impl Task {
    /// The URL words.
    pub const KEYS: &'static [&'static str] = &["nqm", "softmax", "mlp"];

    /// The task for a URL word, with default sizes.
    pub fn parse(text: &str, field: &'static str) -> Result<Self, InputError> {
        match text.trim() {
            "nqm" => Ok(Task::Nqm {
                dim: DEFAULT_NQM_DIM,
            }),
            "softmax" => Ok(Task::Softmax {
                n: DEFAULT_TRAIN_SIZE,
                label_noise: 0.0,
            }),
            "mlp" => Ok(Task::Mlp {
                n: DEFAULT_TRAIN_SIZE,
                label_noise: 0.0,
            }),
            _ => Err(InputError::new(field, ErrorKind::NotOneOf(Self::KEYS))),
        }
    }

    /// The URL word.
    pub fn key(self) -> &'static str {
        match self {
            Task::Nqm { .. } => "nqm",
            Task::Softmax { .. } => "softmax",
            Task::Mlp { .. } => "mlp",
        }
    }

    /// Builds the problem; the data set is drawn from `data_seed`.
    pub fn build(self, data_seed: u64) -> Result<Box<dyn Problem>, InputError> {
        Ok(match self {
            Task::Nqm { dim } => Box::new(Nqm::new(dim)?),
            Task::Softmax { n, label_noise } => Box::new(Classifier::new(
                SoftmaxRegression {
                    features: FEATURES,
                    classes: CLASSES,
                },
                Dataset::generate_with(n, label_noise, data_seed)?,
            )),
            Task::Mlp { n, label_noise } => Box::new(Classifier::new(
                Mlp {
                    features: FEATURES,
                    hidden: DEFAULT_HIDDEN,
                    classes: CLASSES,
                },
                Dataset::generate_with(n, label_noise, data_seed)?,
            )),
        })
    }

    /// Parameters of the task's model.
    pub fn dim(self) -> usize {
        match self {
            Task::Nqm { dim } => dim,
            Task::Softmax { .. } => CLASSES * (FEATURES + 1),
            Task::Mlp { .. } => DEFAULT_HIDDEN * (FEATURES + 1) + CLASSES * (DEFAULT_HIDDEN + 1),
        }
    }
}

/// The cost of a data-set task in work units: per training example per update (forward pass,
/// cross-entropy, back-propagation), per parameter per update (the optimizer's step), and per
/// example of a whole-set evaluation (forward pass and cross-entropy). Measured with
/// [`super::bench`] (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq)]
struct DataCosts {
    per_example: f64,
    per_param: f64,
    per_eval_example: f64,
}

fn data_costs(task: Task) -> DataCosts {
    match task {
        Task::Mlp { .. } => DataCosts {
            per_example: MLP_EXAMPLE_UNITS,
            per_param: 1.0,
            per_eval_example: MLP_EVAL_UNITS,
        },
        _ => DataCosts {
            per_example: SOFTMAX_EXAMPLE_UNITS,
            per_param: 1.0,
            per_eval_example: SOFTMAX_EVAL_UNITS,
        },
    }
}

/// Work units of one training example (forward, cross-entropy, backward) of softmax regression.
pub const SOFTMAX_EXAMPLE_UNITS: f64 = 16.0;
/// Work units of one evaluated example (forward and cross-entropy) of softmax regression.
pub const SOFTMAX_EVAL_UNITS: f64 = 12.0;
/// Work units of one training example of the MLP.
pub const MLP_EXAMPLE_UNITS: f64 = 108.0;
/// Work units of one evaluated example of the MLP.
pub const MLP_EVAL_UNITS: f64 = 65.0;

/// The number of whole-set evaluations of a run of `steps` updates: at 0, after every
/// `eval_every` updates (0: none in between), and at the end (see [`super::run`]).
pub fn evaluations(steps: u64, eval_every: u64) -> u64 {
    let between = steps.checked_div(eval_every).unwrap_or(0);
    let end = u64::from(eval_every == 0 || !steps.is_multiple_of(eval_every));
    1 + between + end
}

/// Estimated work units of a run (see the module docs).
pub fn run_work(task: Task, batch: usize, steps: u64, eval_every: u64) -> f64 {
    data_run_work(task, batch, steps, eval_every, true)
}

/// Estimated work units of a sweep's grid run ([`super::run::RunState::grid`]): as [`run_work`]
/// without the held-out split, and with every evaluation (the most it can make).
pub fn grid_run_work(task: Task, batch: usize, steps: u64, eval_every: u64) -> f64 {
    data_run_work(task, batch, steps, eval_every, false)
}

fn data_run_work(task: Task, batch: usize, steps: u64, eval_every: u64, heldout: bool) -> f64 {
    let (d, t) = (task.dim() as f64, steps as f64);
    match task {
        Task::Nqm { .. } => t * d,
        Task::Softmax { n, .. } | Task::Mlp { n, .. } => {
            let c = data_costs(task);
            let n_all = (n + if heldout { heldout_size(n) } else { 0 }) as f64;
            let evals = evaluations(steps, eval_every) as f64;
            t * (batch as f64 * c.per_example + d * c.per_param)
                + evals * n_all * c.per_eval_example
        }
    }
}

/// Estimated work units of a noise measurement from `samples` per-example gradients
/// ([`Problem::noise_stats`]): on the quadratic a normal draw and a few flops per coordinate and
/// sample (one unit each); on a data set (at most n examples) one training example's forward and
/// backward pass plus a pass over the parameters per sample.
pub fn noise_work(task: Task, samples: usize) -> f64 {
    let d = task.dim() as f64;
    match task {
        Task::Nqm { .. } => samples as f64 * d,
        Task::Softmax { n, .. } | Task::Mlp { n, .. } => {
            let c = data_costs(task);
            samples.min(n) as f64 * (c.per_example + d * c.per_param)
        }
    }
}

/// Estimated work units of a sweep: every batch size's grid run for every optimizer and grid rate.
pub fn sweep_work(
    task: Task,
    optimizers: usize,
    batch_sizes: &[usize],
    points: usize,
    steps: u64,
    eval_every: u64,
) -> f64 {
    let per_rate: f64 = batch_sizes
        .iter()
        .map(|&b| grid_run_work(task, b, steps, eval_every))
        .sum();
    per_rate * (optimizers * points) as f64
}

/// The shape of a request the work caps look at: how many optimizers, which batch sizes, how
/// many seeds, how many updates.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkShape {
    /// Optimizers.
    pub optimizers: usize,
    /// Batch sizes.
    pub batch_sizes: Vec<usize>,
    /// Seeds per setting (`None`: not a choice here, as in a sweep).
    pub seeds: Option<u64>,
    /// Updates per run.
    pub steps: u64,
}

/// The changes that bring `shape` under the caps, each found by searching one input with the
/// others fixed and kept only if `fits` accepts the result (so applying any one of them gives an
/// accepted input): fewer optimizers (the first ones kept), only the smallest batch sizes, fewer
/// seeds, fewer updates (the most that fit, by bisection over values `fits` has accepted).
pub fn work_cuts(shape: &WorkShape, fits: &dyn Fn(&WorkShape) -> bool) -> Vec<WorkCut> {
    let mut cuts = Vec::new();
    let bisect = |from: u64, at: &dyn Fn(u64) -> WorkShape| -> Option<u64> {
        let (mut lo, mut hi) = (0, from);
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if fits(&at(mid)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        (lo >= 1).then_some(lo)
    };
    if let Some(to) = bisect(shape.steps, &|t| WorkShape {
        steps: t,
        ..shape.clone()
    }) {
        cuts.push(WorkCut::Updates {
            from: shape.steps,
            to,
        });
    }
    if let Some(to) = bisect(shape.optimizers as u64, &|k| WorkShape {
        optimizers: k as usize,
        ..shape.clone()
    }) {
        cuts.push(WorkCut::Optimizers {
            from: shape.optimizers,
            to: to as usize,
        });
    }
    let mut sorted = shape.batch_sizes.clone();
    sorted.sort_unstable();
    let smallest = |m: u64| -> Vec<usize> {
        let limit = sorted
            .get(m.saturating_sub(1) as usize)
            .copied()
            .unwrap_or(0);
        shape
            .batch_sizes
            .iter()
            .copied()
            .filter(|&b| m >= 1 && b <= limit)
            .collect()
    };
    if let Some(m) = bisect(shape.batch_sizes.len() as u64, &|m| WorkShape {
        batch_sizes: smallest(m),
        ..shape.clone()
    }) {
        cuts.push(WorkCut::BatchSizes {
            from: shape.batch_sizes.len(),
            keep: smallest(m),
        });
    }
    if let Some(seeds) = shape.seeds
        && let Some(to) = bisect(seeds, &|s| WorkShape {
            seeds: Some(s),
            ..shape.clone()
        })
    {
        cuts.push(WorkCut::Seeds { from: seeds, to });
    }
    cuts
}

/// When no single change fits: the fewest seeds, optimizers and batch sizes needed (cut in that
/// order, each only as far as needed for one update to fit), then the most updates that fit with
/// them. `None` if even one update of one setting is over the caps.
fn combined_cuts(shape: &WorkShape, fits: &dyn Fn(&WorkShape) -> bool) -> Option<Vec<WorkCut>> {
    let at_one = |s: &WorkShape| {
        fits(&WorkShape {
            steps: 1,
            ..s.clone()
        })
    };
    let mut s = shape.clone();
    let mut cuts = Vec::new();
    // Seeds: the most that let one update fit, or 1.
    if let Some(seeds) = shape.seeds
        && !at_one(&s)
    {
        let to = (1..seeds)
            .rev()
            .find(|&k| {
                at_one(&WorkShape {
                    seeds: Some(k),
                    ..s.clone()
                })
            })
            .unwrap_or(1);
        s.seeds = Some(to);
        cuts.push(WorkCut::Seeds { from: seeds, to });
    }
    if !at_one(&s) && s.optimizers > 1 {
        let to = (1..s.optimizers)
            .rev()
            .find(|&k| {
                at_one(&WorkShape {
                    optimizers: k,
                    ..s.clone()
                })
            })
            .unwrap_or(1);
        cuts.push(WorkCut::Optimizers {
            from: s.optimizers,
            to,
        });
        s.optimizers = to;
    }
    if !at_one(&s) && s.batch_sizes.len() > 1 {
        let mut sorted = s.batch_sizes.clone();
        sorted.sort_unstable();
        let keep = |m: usize| -> Vec<usize> {
            let limit = sorted.get(m.saturating_sub(1)).copied().unwrap_or(0);
            s.batch_sizes
                .iter()
                .copied()
                .filter(|&b| b <= limit)
                .collect()
        };
        let m = (1..s.batch_sizes.len())
            .rev()
            .find(|&m| {
                at_one(&WorkShape {
                    batch_sizes: keep(m),
                    ..s.clone()
                })
            })
            .unwrap_or(1);
        let kept = keep(m);
        cuts.push(WorkCut::BatchSizes {
            from: s.batch_sizes.len(),
            keep: kept.clone(),
        });
        s.batch_sizes = kept;
    }
    if !fits(&s) {
        let (mut lo, mut hi) = (0, s.steps);
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if fits(&WorkShape {
                steps: mid,
                ..s.clone()
            }) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        if lo == 0 {
            return None;
        }
        cuts.push(WorkCut::Updates {
            from: shape.steps,
            to: lo,
        });
        s.steps = lo;
    }
    fits(&s).then_some(cuts)
}

/// The error for a request over its caps: [`ErrorKind::TooMuchWork`] on `steps` with the single
/// changes that fit ([`work_cuts`]), or, if there are none, with a set of changes that fit
/// together; if even that fails (one update of one setting over the caps, which the caps rule
/// out for every accepted task size), [`ErrorKind::AboveMax`] on `steps` at 1.
pub fn too_much_work(shape: &WorkShape, fits: &dyn Fn(&WorkShape) -> bool) -> InputError {
    let cuts = work_cuts(shape, fits);
    if !cuts.is_empty() {
        return InputError::new(
            "steps",
            ErrorKind::TooMuchWork {
                cuts,
                together: false,
            },
        );
    }
    match combined_cuts(shape, fits) {
        Some(cuts) if !cuts.is_empty() => InputError::new(
            "steps",
            ErrorKind::TooMuchWork {
                cuts,
                together: true,
            },
        ),
        _ => InputError::new(P::STEPS.key, ErrorKind::AboveMax(1.0)),
    }
}

fn check_lr(lr: f64, field: &'static str) -> Result<(), InputError> {
    if !lr.is_finite() {
        Err(InputError::new(field, ErrorKind::NotFinite))
    } else if lr <= 0.0 {
        Err(InputError::new(field, ErrorKind::NotAbove(0.0)))
    } else if lr > MAX_LR {
        Err(InputError::new(field, ErrorKind::AboveMax(MAX_LR)))
    } else {
        Ok(())
    }
}

fn check_batch(b: usize) -> Result<(), InputError> {
    if b == 0 {
        Err(InputError::new(P::BS.key, ErrorKind::BelowMin(1.0)))
    } else if b > MAX_BATCH {
        Err(InputError::new(
            P::BS.key,
            ErrorKind::AboveMax(MAX_BATCH as f64),
        ))
    } else {
        Ok(())
    }
}

fn check_steps(steps: u64) -> Result<(), InputError> {
    if steps == 0 {
        Err(InputError::new(P::STEPS.key, ErrorKind::BelowMin(1.0)))
    } else if steps > MAX_STEPS {
        Err(InputError::new(
            "steps",
            ErrorKind::AboveMax(MAX_STEPS as f64),
        ))
    } else {
        Ok(())
    }
}

/// Checks a run: `bs`, `lr` (the schedule's peak), `steps`, and the work cap (reported on `steps`).
pub fn validate_run(task: Task, spec: &RunSpec) -> Result<(), InputError> {
    check_batch(spec.batch_size)?;
    check_lr(spec.schedule.peak_lr, "lr")?;
    check_steps(spec.steps)?;
    let fits = |s: &WorkShape| {
        s.batch_sizes
            .iter()
            .all(|&b| run_work(task, b, s.steps, spec.eval_every) <= MAX_RUN_WORK)
    };
    let shape = WorkShape {
        optimizers: 1,
        batch_sizes: vec![spec.batch_size],
        seeds: None,
        steps: spec.steps,
    };
    if !fits(&shape) {
        return Err(too_much_work(&shape, &fits));
    }
    Ok(())
}

/// Checks a sweep: `opts` and `bs` lists (non-empty, no duplicates), the LR grid (`lr`), `steps`,
/// `target` (> 0, finite), and the work cap (reported on `steps`).
pub fn validate_sweep(task: Task, spec: &SweepSpec) -> Result<(), InputError> {
    if spec.optimizers.is_empty() {
        return Err(InputError::new(P::OPTS.key, ErrorKind::EmptyList));
    }
    for (i, o) in spec.optimizers.iter().enumerate() {
        if spec
            .optimizers
            .get(..i)
            .is_some_and(|prev| prev.contains(o))
        {
            return Err(InputError::new(
                "opts",
                ErrorKind::Duplicate(o.key().to_string()),
            ));
        }
    }
    if spec.batch_sizes.is_empty() {
        return Err(InputError::new(P::BS.key, ErrorKind::EmptyList));
    }
    for (i, &b) in spec.batch_sizes.iter().enumerate() {
        check_batch(b)?;
        if spec
            .batch_sizes
            .get(..i)
            .is_some_and(|prev| prev.contains(&b))
        {
            return Err(InputError::new(
                P::BS.key,
                ErrorKind::Duplicate(b.to_string()),
            ));
        }
    }
    check_lr(spec.grid.min, "lr")?;
    check_lr(spec.grid.max, "lr")?;
    if spec.grid.max <= spec.grid.min {
        return Err(InputError::new("lr", ErrorKind::NotAbove(spec.grid.min)));
    }
    if spec.grid.points < 2 {
        return Err(InputError::new("lr_points", ErrorKind::BelowMin(2.0)));
    }
    if spec.grid.points > MAX_LR_POINTS {
        return Err(InputError::new(
            "lr_points",
            ErrorKind::AboveMax(MAX_LR_POINTS as f64),
        ));
    }
    check_steps(spec.steps)?;
    if !spec.target.is_finite() {
        return Err(InputError::new(P::TARGET.key, ErrorKind::NotFinite));
    }
    if spec.target <= 0.0 {
        return Err(InputError::new(P::TARGET.key, ErrorKind::NotAbove(0.0)));
    }
    let fits = |s: &WorkShape| {
        sweep_work(
            task,
            s.optimizers,
            &s.batch_sizes,
            spec.grid.points,
            s.steps,
            spec.eval_every,
        ) <= MAX_SWEEP_WORK
    };
    let shape = WorkShape {
        optimizers: spec.optimizers.len(),
        batch_sizes: spec.batch_sizes.clone(),
        seeds: None,
        steps: spec.steps,
    };
    if !fits(&shape) {
        return Err(too_much_work(&shape, &fits));
    }
    Ok(())
}

/// The batch sizes of the default sweep (×4 apart, 1…4096).
pub const DEFAULT_BATCH_SIZES: [usize; 7] = [1, 4, 16, 64, 256, 1024, 4096];
/// The optimizers of the default (full) sweep.
pub const DEFAULT_SWEEP_OPTIMIZERS: [OptimizerKind; 6] = [
    OptimizerKind::Sgd,
    OptimizerKind::Momentum,
    OptimizerKind::Adam,
    OptimizerKind::AdamW,
    OptimizerKind::Sophia,
    OptimizerKind::Lion,
];
/// Updates per run in the default sweep: enough for B = 16 to reach the target with SGD, so the
/// 1/B regime shows below the knee.
pub const DEFAULT_SWEEP_STEPS: u64 = 800;
/// The default target loss on the NQM (d = 100; initial loss ½ Σ 1/i ≈ 2.59, so ≈ 1/130 of it).
pub const DEFAULT_NQM_TARGET: f64 = 0.02;

/// The full default sweep on the NQM: 6 optimizers × 7 batch sizes × 13 rates from 10⁻³ to 10
/// (×2.15 apart), constant rate, [`DEFAULT_SWEEP_STEPS`] updates, target [`DEFAULT_NQM_TARGET`],
/// noise scale from 10⁴ per-example gradients.
pub fn default_sweep() -> SweepSpec {
    SweepSpec {
        optimizers: DEFAULT_SWEEP_OPTIMIZERS.to_vec(),
        batch_sizes: DEFAULT_BATCH_SIZES.to_vec(),
        grid: LrGrid {
            min: 1e-3,
            max: 10.0,
            points: 13,
        },
        schedule: Schedule::constant(1.0, DEFAULT_SWEEP_STEPS),
        steps: DEFAULT_SWEEP_STEPS,
        target: DEFAULT_NQM_TARGET,
        seed: 1,
        eval_every: 0,
        noise_samples: 10_000,
        options: OptimizerOptions::default(),
        noise: NoiseModel::Hessian,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::sim::rng::SimRng;
    use crate::core::sim::run::run;

    fn run_spec(b: usize, lr: f64, steps: u64) -> RunSpec {
        RunSpec {
            optimizer: OptimizerKind::Sgd.config(),
            batch_size: b,
            schedule: Schedule::constant(lr, steps),
            steps,
            seed: 1,
            eval_every: 10,
        }
    }

    #[test]
    fn bad_runs_name_their_field() {
        let nqm = Task::Nqm { dim: 100 };
        let field = |s: RunSpec| validate_run(nqm, &s).unwrap_err().field;
        assert_eq!(field(run_spec(0, 0.1, 10)), "bs");
        assert_eq!(field(run_spec(4097, 0.1, 10)), "bs");
        assert_eq!(field(run_spec(1, 0.0, 10)), "lr");
        assert_eq!(field(run_spec(1, -1.0, 10)), "lr");
        assert_eq!(field(run_spec(1, f64::NAN, 10)), "lr");
        assert_eq!(field(run_spec(1, f64::INFINITY, 10)), "lr");
        assert_eq!(field(run_spec(1, 1e3, 10)), "lr");
        assert_eq!(field(run_spec(1, 0.1, 0)), "steps");
        assert_eq!(field(run_spec(1, 0.1, MAX_STEPS + 1)), "steps");
        // d = 10⁴ × 10⁵ steps = 10⁹ units > the cap: reported on `steps` with the most allowed.
        let big = validate_run(Task::Nqm { dim: 10_000 }, &run_spec(1, 0.1, 100_000)).unwrap_err();
        let most = WorkCut::Updates {
            from: 100_000,
            to: 20_000,
        };
        assert_eq!(
            big,
            InputError::new(
                "steps",
                ErrorKind::TooMuchWork {
                    cuts: vec![most],
                    together: false
                }
            )
        );
        let mlp = validate_run(
            Task::Mlp {
                n: 50_000,
                label_noise: 0.0,
            },
            &run_spec(4096, 0.1, 100_000),
        )
        .unwrap_err();
        assert_eq!(mlp.field, "steps");
        assert!(validate_run(nqm, &run_spec(4096, 0.1, 100_000)).is_ok());
        assert!(Task::Nqm { dim: 0 }.build(1).is_err());
        assert_eq!(Task::parse("cifar", "task").unwrap_err().field, "task");
    }

    #[test]
    fn bad_sweeps_name_their_field() {
        let nqm = Task::Nqm { dim: 100 };
        assert!(validate_sweep(nqm, &default_sweep()).is_ok());
        let with = |f: &dyn Fn(&mut SweepSpec)| {
            let mut s = default_sweep();
            f(&mut s);
            validate_sweep(nqm, &s).unwrap_err().field
        };
        assert_eq!(with(&|s| s.optimizers.clear()), "opts");
        assert_eq!(with(&|s| s.optimizers.push(OptimizerKind::Sgd)), "opts");
        assert_eq!(with(&|s| s.batch_sizes.clear()), "bs");
        assert_eq!(with(&|s| s.batch_sizes.push(0)), "bs");
        assert_eq!(with(&|s| s.batch_sizes.push(4)), "bs");
        assert_eq!(with(&|s| s.grid.min = 0.0), "lr");
        assert_eq!(with(&|s| s.grid.max = f64::NAN), "lr");
        assert_eq!(with(&|s| s.grid.max = s.grid.min), "lr");
        assert_eq!(with(&|s| s.grid.points = 1), "lr_points");
        assert_eq!(with(&|s| s.grid.points = 33), "lr_points");
        assert_eq!(with(&|s| s.steps = 0), "steps");
        let heavy = |s: &mut SweepSpec| {
            s.steps = MAX_STEPS;
            s.grid.points = MAX_LR_POINTS;
        };
        assert_eq!(with(&heavy), "steps");
        assert_eq!(with(&|s| s.target = 0.0), "target");
        assert_eq!(with(&|s| s.target = f64::NAN), "target");
    }

    /// Property: random (possibly absurd but validated) runs on every task never panic and never
    /// store a non-finite number.
    #[test]
    fn no_panic_no_nan_over_random_valid_runs() {
        let mut r = SimRng::new(99);
        let problems: Vec<(Task, Box<dyn Problem>)> = [
            Task::Nqm { dim: 7 },
            Task::Softmax {
                n: 50,
                label_noise: 0.1,
            },
            Task::Mlp {
                n: 40,
                label_noise: 0.0,
            },
        ]
        .into_iter()
        .map(|t| (t, t.build(3).unwrap()))
        .collect();
        for case in 0..120 {
            let (task, problem) = &problems[case % 3];
            let kind = OptimizerKind::ALL[r.below(7) as usize];
            let lr = crate::core::math::pow(10.0, -4.0 + 6.0 * r.uniform()); // 1e-4 … 100
            let b = 1 + r.below(80) as usize;
            let spec = RunSpec {
                optimizer: kind.config(),
                ..run_spec(b, lr, 1 + r.below(60))
            };
            validate_run(*task, &spec).unwrap();
            let t = run(problem.as_ref(), &spec);
            assert!(
                t.loss.iter().all(|x| x.is_finite()),
                "{kind:?} lr={lr} B={b}"
            );
            assert!(
                t.evals
                    .iter()
                    .all(|e| e.train_loss.is_finite() && e.heldout_loss.is_finite())
            );
            assert!(t.final_loss().is_none_or(f64::is_finite));
            if let Some(u) = t.diverged_at {
                assert_eq!(t.steps_done() + 1, u);
            }
        }
    }
}
