//! Validated simulator inputs, their caps, the cost model behind the caps, and the defaults.
//!
//! **Caps.** B ∈ 1…[`MAX_BATCH`] (the `bs` URL range), steps ∈ 1…[`MAX_STEPS`], peak lr ∈
//! (0, [`MAX_LR`]], LR grid of 2…[`MAX_LR_POINTS`] points, d ≤ 10⁴ (NQM), n ≤ 50,000 (data set), and a
//! total estimated work of at most [`MAX_RUN_WORK`] per run and [`MAX_SWEEP_WORK`] per sweep.
//!
//! **Cost model** ([`run_work`]): one work unit is one NQM coordinate update (a normal draw plus a
//! few flops, ≈ 10 ns natively and ≈ 15 ns in WASM, see [`super::bench`]). A classifier update costs
//! about 3 multiply-adds per parameter per example (forward, backward), and an evaluation one
//! forward pass over the training and held-out sets; a multiply-add counts as ¼ unit. The caps
//! keep one run under about 1.5 s and one sweep under about 4 s of WASM time, so no input can
//! stall a page (the work runs off the main thread or in slices in any case).

use super::classifier::Classifier;
use super::dataset::{CLASSES, DEFAULT_TRAIN_SIZE, Dataset, FEATURES};
use super::mlp::{DEFAULT_HIDDEN, Mlp};
use super::nqm::{DEFAULT_NQM_DIM, Nqm};
use super::optim::OptimizerKind;
use super::problem::Problem;
use super::run::RunSpec;
use super::softmax::SoftmaxRegression;
use super::sweep::{LrGrid, SweepSpec};
use crate::core::error::{ErrorKind, InputError};
use crate::core::schedule::Schedule;

/// The largest batch size (the `bs` URL range 1…4096).
pub const MAX_BATCH: usize = 4096;
/// The largest number of updates in one run.
pub const MAX_STEPS: u64 = 100_000;
/// The largest peak learning rate.
pub const MAX_LR: f64 = 100.0;
/// The most learning rates in a sweep grid.
pub const MAX_LR_POINTS: usize = 32;
/// The most work units in one run (≈ 1.5 s of WASM time).
pub const MAX_RUN_WORK: f64 = 1e8;
/// The most work units in one sweep (≈ 4 s of WASM time).
pub const MAX_SWEEP_WORK: f64 = 3e8;

/// The training problems offered (the `task` URL words).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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
    },
    /// The two-layer MLP on the synthetic data set of `n` training examples.
    Mlp {
        /// n.
        n: usize,
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
            }),
            "mlp" => Ok(Task::Mlp {
                n: DEFAULT_TRAIN_SIZE,
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
            Task::Softmax { n } => Box::new(Classifier::new(
                SoftmaxRegression {
                    features: FEATURES,
                    classes: CLASSES,
                },
                Dataset::generate(n, data_seed)?,
            )),
            Task::Mlp { n } => Box::new(Classifier::new(
                Mlp {
                    features: FEATURES,
                    hidden: DEFAULT_HIDDEN,
                    classes: CLASSES,
                },
                Dataset::generate(n, data_seed)?,
            )),
        })
    }

    /// Parameters of the task's model.
    fn dim(self) -> usize {
        match self {
            Task::Nqm { dim } => dim,
            Task::Softmax { .. } => CLASSES * (FEATURES + 1),
            Task::Mlp { .. } => DEFAULT_HIDDEN * (FEATURES + 1) + CLASSES * (DEFAULT_HIDDEN + 1),
        }
    }
}

/// Estimated work units of a run (see the module docs).
pub fn run_work(task: Task, batch: usize, steps: u64, eval_every: u64) -> f64 {
    let (d, t) = (task.dim() as f64, steps as f64);
    match task {
        Task::Nqm { .. } => t * d,
        Task::Softmax { n } | Task::Mlp { n } => {
            let evals = if eval_every == 0 {
                2.0
            } else {
                t / eval_every as f64 + 2.0
            };
            let n_all = n as f64 * 1.2;
            0.25 * (3.0 * d * batch as f64 * t + d * n_all * evals)
        }
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
        Err(InputError::new("bs", ErrorKind::BelowMin(1.0)))
    } else if b > MAX_BATCH {
        Err(InputError::new("bs", ErrorKind::AboveMax(MAX_BATCH as f64)))
    } else {
        Ok(())
    }
}

fn check_steps(steps: u64) -> Result<(), InputError> {
    if steps == 0 {
        Err(InputError::new("steps", ErrorKind::BelowMin(1.0)))
    } else if steps > MAX_STEPS {
        Err(InputError::new(
            "steps",
            ErrorKind::AboveMax(MAX_STEPS as f64),
        ))
    } else {
        Ok(())
    }
}

/// The most steps that fit `budget` work units for `task` at `batch` (for the error message).
fn max_steps_within(task: Task, batch: usize, eval_every: u64, budget: f64) -> f64 {
    let per = run_work(task, batch, 1000, eval_every) / 1000.0;
    (budget / per.max(1e-9)).floor()
}

/// Checks a run: `bs`, `lr` (the schedule's peak), `steps`, and the work cap (reported on `steps`).
pub fn validate_run(task: Task, spec: &RunSpec) -> Result<(), InputError> {
    check_batch(spec.batch_size)?;
    check_lr(spec.schedule.peak_lr, "lr")?;
    check_steps(spec.steps)?;
    if run_work(task, spec.batch_size, spec.steps, spec.eval_every) > MAX_RUN_WORK {
        let most = max_steps_within(task, spec.batch_size, spec.eval_every, MAX_RUN_WORK);
        return Err(InputError::new("steps", ErrorKind::AboveMax(most)));
    }
    Ok(())
}

/// Checks a sweep: `opts` and `bs` lists (non-empty, no duplicates), the LR grid (`lr`), `steps`,
/// `target` (> 0, finite), and the work cap (reported on `steps`).
pub fn validate_sweep(task: Task, spec: &SweepSpec) -> Result<(), InputError> {
    if spec.optimizers.is_empty() {
        return Err(InputError::new("opts", ErrorKind::EmptyList));
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
        return Err(InputError::new("bs", ErrorKind::EmptyList));
    }
    for (i, &b) in spec.batch_sizes.iter().enumerate() {
        check_batch(b)?;
        if spec
            .batch_sizes
            .get(..i)
            .is_some_and(|prev| prev.contains(&b))
        {
            return Err(InputError::new("bs", ErrorKind::Duplicate(b.to_string())));
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
        return Err(InputError::new("target", ErrorKind::NotFinite));
    }
    if spec.target <= 0.0 {
        return Err(InputError::new("target", ErrorKind::NotAbove(0.0)));
    }
    let runs = (spec.optimizers.len() * spec.grid.points) as f64;
    let work: f64 = spec
        .batch_sizes
        .iter()
        .map(|&b| run_work(task, b, spec.steps, spec.eval_every))
        .sum::<f64>()
        * runs;
    if work > MAX_SWEEP_WORK {
        let per_step = work / spec.steps as f64;
        return Err(InputError::new(
            "steps",
            ErrorKind::AboveMax((MAX_SWEEP_WORK / per_step).floor()),
        ));
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
        assert_eq!(big, InputError::new("steps", ErrorKind::AboveMax(10_000.0)));
        let mlp = validate_run(Task::Mlp { n: 50_000 }, &run_spec(4096, 0.1, 100_000)).unwrap_err();
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
        assert_eq!(with(&|s| s.steps = 50_000), "steps");
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
            Task::Softmax { n: 50 },
            Task::Mlp { n: 40 },
        ]
        .into_iter()
        .map(|t| (t, t.build(3).unwrap()))
        .collect();
        for case in 0..120 {
            let (task, problem) = &problems[case % 3];
            let kind = OptimizerKind::ALL[r.below(7) as usize];
            let lr = libm::pow(10.0, -4.0 + 6.0 * r.uniform()); // 1e-4 … 100
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
