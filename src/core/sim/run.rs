//! One training run: a problem, an optimizer, a batch size, a learning-rate schedule, a number of
//! updates and a seed → a [`Trajectory`].
//!
//! Per update u = 1…T: draw a minibatch (a fresh stream batch, or the next batch of the seeded
//! per-epoch shuffle), take its gradient, apply the optimizer at lr = `schedule.lr_at_update(u)`
//! (the Steps view's code, HF indexing), and, for Sophia, refresh the Hessian EMA with the same
//! batch after updates k, 2k, … (the schedule of Liuhong99/Sophia `train_sophiag.py`, see
//! [`super::optim::sophia`]). The run stops at the first update whose loss is non-finite or
//! above [`DIVERGENCE_FACTOR`] × the initial loss, and never stores a non-finite value (but the
//! NaN held-out losses a sweep's grid run does not measure, [`RunState::grid`]).

use super::optim::{Optimizer, OptimizerConfig, OptimizerState, StepContext};
use super::problem::{Batch, Problem};
use super::rng::SimRng;
use super::sampler::{EpochSampler, steps_per_epoch};
use crate::core::schedule::Schedule;

/// A run counts as diverged once its loss exceeds this factor times the initial loss (a choice of
/// this simulator: far above any loss a converging run reaches, far below overflow).
pub const DIVERGENCE_FACTOR: f64 = 1e6;

/// Everything that determines a run besides the problem (validated by [`super::config`]).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RunSpec {
    /// The update rule and its hyper-parameters.
    pub optimizer: OptimizerConfig,
    /// Examples per minibatch B.
    pub batch_size: usize,
    /// The learning rate per update (peak rate and shape).
    pub schedule: Schedule,
    /// Updates T.
    pub steps: u64,
    /// The seed of the initial point, the noise and the shuffles.
    pub seed: u64,
    /// Evaluate the whole training set and the held-out split every this many updates (finite data
    /// sets only; 0 means only at the start and the end).
    pub eval_every: u64,
}

/// A full-data evaluation.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Eval {
    /// After this many updates.
    pub step: u64,
    /// Loss on the whole training set.
    pub train_loss: f64,
    /// Loss on the held-out split.
    pub heldout_loss: f64,
}

/// What a run produced. All stored numbers are finite, except the held-out losses of a sweep's
/// grid runs ([`RunState::grid`]), which are NaN: not measured.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Trajectory {
    /// The batch size B.
    pub batch_size: usize,
    /// Training examples n (`None` for an unlimited stream).
    pub train_size: Option<usize>,
    /// `loss[0]` is the initial training loss; `loss[u]` for u ≥ 1 is, on a stream (the quadratic),
    /// the exact loss after update u, and on a finite data set the minibatch loss of update u (as a
    /// training loop logs it). It ends early at divergence.
    pub loss: Vec<f64>,
    /// Whole-set evaluations (finite data sets only): at 0, every `eval_every` updates, and at the
    /// end (a grid run of a sweep skips those between the first that reaches its target and the end).
    pub evals: Vec<Eval>,
    /// The first update whose loss was non-finite or above 10⁶ × the initial loss.
    pub diverged_at: Option<u64>,
    /// The update at which the run stopped because it reached its stop target, if it did.
    pub stopped_at_target: Option<u64>,
}

impl Trajectory {
    /// Updates completed (and stored).
    pub fn steps_done(&self) -> u64 {
        self.loss.len().saturating_sub(1) as u64
    }

    /// Steps per epoch ⌈n/B⌉, or `None` on a stream.
    pub fn steps_per_epoch(&self) -> Option<u64> {
        self.train_size
            .map(|n| steps_per_epoch(n, self.batch_size) as u64)
    }

    /// Examples processed after `u` updates: u·B on a stream; on a finite set, whole epochs of n
    /// plus the batches of the current epoch (the last batch of an epoch is partial).
    pub fn examples_seen(&self, u: u64) -> u64 {
        let b = self.batch_size as u64;
        match (self.train_size, self.steps_per_epoch()) {
            (Some(n), Some(spe)) if spe > 0 => {
                let n = n as u64;
                (u / spe)
                    .saturating_mul(n)
                    .saturating_add(((u % spe) * b).min(n))
            }
            _ => u.saturating_mul(b),
        }
    }

    /// Epochs after `u` updates (examples seen / n); on a stream, 0.
    pub fn epochs(&self, u: u64) -> f64 {
        match self.train_size {
            Some(n) if n > 0 => self.examples_seen(u) as f64 / n as f64,
            _ => 0.0,
        }
    }

    /// The first update at which the training loss is at or below `target`: from the per-update
    /// exact loss on a stream, from the whole-set evaluations on a finite data set.
    pub fn steps_to_target(&self, target: f64) -> Option<u64> {
        if self.train_size.is_some() {
            self.evals
                .iter()
                .find(|e| e.train_loss <= target)
                .map(|e| e.step)
        } else {
            self.loss
                .iter()
                .position(|&l| l <= target)
                .map(|u| u as u64)
        }
    }

    /// The run's end-of-training loss: on a stream, the mean exact loss over the last tenth of the
    /// updates (at least one), which smooths the sampling noise; on a finite set, the last
    /// evaluation's training loss. `None` if the run diverged.
    pub fn final_loss(&self) -> Option<f64> {
        if self.diverged_at.is_some() {
            return None;
        }
        if self.train_size.is_some() {
            return self.evals.last().map(|e| e.train_loss);
        }
        let t = self.loss.len();
        let tail = (t.saturating_sub(1) / 10).max(1).min(t);
        let slice = self.loss.get(t - tail..)?;
        Some(slice.iter().sum::<f64>() / tail as f64)
    }
}

/// True if `loss` counts as diverged relative to `initial`.
pub fn is_diverged(loss: f64, initial: f64) -> bool {
    !loss.is_finite() || loss > DIVERGENCE_FACTOR * initial.abs()
}

/// Runs `spec` on `problem`.
pub fn run<P: Problem + ?Sized>(problem: &P, spec: &RunSpec) -> Trajectory {
    run_until(problem, spec, None).0
}

/// Runs `spec` on `problem`, stopping early once the training loss (as in
/// [`Trajectory::steps_to_target`]) reaches `stop_at`; returns the trajectory and the last parameters.
pub fn run_until<P: Problem + ?Sized>(
    problem: &P,
    spec: &RunSpec,
    stop_at: Option<f64>,
) -> (Trajectory, Vec<f64>) {
    let mut state = RunState::new(problem, spec, stop_at);
    while state.advance(problem, u64::MAX) {}
    state.into_parts()
}

/// A run that can be advanced a few updates at a time (so a page can slice its work), giving
/// exactly the trajectory of [`run_until`] whatever the slicing. It holds no reference to the
/// problem: pass the same problem to every call.
#[derive(Debug, Clone)]
pub struct RunState {
    spec: RunSpec,
    stop_at: Option<f64>,
    /// A sweep's grid run ([`RunState::grid`]): its target, and whether an evaluation reached it.
    grid: Option<(f64, bool)>,
    rng: SimRng,
    params: Vec<f64>,
    grad: Vec<f64>,
    curv: Vec<f64>,
    state: OptimizerState,
    sampler: Option<EpochSampler>,
    batch_idx: Vec<usize>,
    initial: f64,
    traj: Trajectory,
    /// The next update to run (1-based).
    next: u64,
    done: bool,
}

impl RunState {
    /// The state before update 1: initial parameters drawn, initial loss (and evaluation) stored.
    pub fn new<P: Problem + ?Sized>(problem: &P, spec: &RunSpec, stop_at: Option<f64>) -> Self {
        Self::start(problem, spec, stop_at, None)
    }

    /// A grid run of a sweep with target loss `target`, which evaluates only what a sweep cell
    /// reads ([`super::sweep::LrPoint`]: the first evaluation at or below the target, the last
    /// evaluation, the divergence): the training set only (the held-out losses are NaN), and,
    /// once an evaluation has reached the target, only the last one. Its point is that of the
    /// same run made by [`RunState::new`], except in one case no setting is known to produce: a
    /// run whose skipped evaluation would have diverged while no minibatch loss did.
    pub fn grid<P: Problem + ?Sized>(problem: &P, spec: &RunSpec, target: f64) -> Self {
        Self::start(problem, spec, None, Some(target))
    }

    fn start<P: Problem + ?Sized>(
        problem: &P,
        spec: &RunSpec,
        stop_at: Option<f64>,
        grid_target: Option<f64>,
    ) -> Self {
        let mut rng = SimRng::new(spec.seed);
        let dim = problem.dim();
        let params = problem.init(&mut rng);
        let opt = spec.optimizer;
        let train_size = problem.train_size();
        let initial = problem.loss(&params);
        let mut run = RunState {
            spec: *spec,
            stop_at,
            grid: grid_target.map(|t| (t, initial <= t)),
            rng,
            params,
            grad: vec![0.0; dim],
            curv: Vec::new(),
            state: opt.init_state(dim),
            sampler: train_size.map(|n| EpochSampler::new(n, spec.batch_size)),
            batch_idx: Vec::with_capacity(spec.batch_size.min(1 << 16)),
            initial,
            traj: Trajectory {
                batch_size: spec.batch_size,
                train_size,
                loss: Vec::with_capacity(spec.steps.min(1 << 20) as usize + 1),
                evals: Vec::new(),
                diverged_at: None,
                stopped_at_target: None,
            },
            next: 1,
            done: false,
        };
        if !initial.is_finite() {
            run.traj.diverged_at = Some(0);
            run.done = true;
            return run;
        }
        run.traj.loss.push(initial);
        if train_size.is_some() {
            let heldout = if run.grid.is_some() {
                f64::NAN
            } else {
                problem.heldout_loss(&run.params)
            };
            run.traj.evals.push(Eval {
                step: 0,
                train_loss: initial,
                heldout_loss: heldout,
            });
        }
        run
    }

    /// Runs up to `max_updates` more updates; false once the run is over (all updates done,
    /// diverged, or the stop target reached).
    pub fn advance<P: Problem + ?Sized>(&mut self, problem: &P, max_updates: u64) -> bool {
        let mut budget = max_updates;
        while !self.done && budget > 0 {
            if self.next > self.spec.steps {
                self.done = true;
                break;
            }
            self.update(problem);
            budget -= 1;
        }
        if self.next > self.spec.steps {
            self.done = true;
        }
        !self.done
    }

    /// Whether the run is over.
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// Updates completed so far.
    pub fn updates_done(&self) -> u64 {
        self.next - 1
    }

    /// The trajectory so far.
    pub fn trajectory(&self) -> &Trajectory {
        &self.traj
    }

    /// The trajectory and the current parameters.
    pub fn into_parts(self) -> (Trajectory, Vec<f64>) {
        (self.traj, self.params)
    }

    /// One update (the loop body of a run; see the module docs).
    fn update<P: Problem + ?Sized>(&mut self, problem: &P) {
        let u = self.next;
        self.next += 1;
        let spec = &self.spec;
        let opt = spec.optimizer;
        let train_size = self.traj.train_size;
        if let Some(s) = self.sampler.as_mut() {
            self.batch_idx.clear();
            self.batch_idx
                .extend_from_slice(s.next_batch(&mut self.rng));
        }
        let batch = if self.sampler.is_some() {
            Batch::Examples(&self.batch_idx)
        } else {
            Batch::Stream(spec.batch_size)
        };
        let batch_loss = problem.gradient(&self.params, batch, &mut self.rng, &mut self.grad);
        let ctx = StepContext {
            lr: spec.schedule.lr_at_update(u),
            batch_size: spec.batch_size,
        };
        opt.step(&mut self.state, &mut self.params, &self.grad, ctx);
        if opt.curvature_due(u) {
            self.curv.resize(self.params.len(), 0.0);
            problem.estimate_curvature(
                opt.curvature_estimator(),
                &self.params,
                batch,
                &mut self.rng,
                &mut self.curv,
            );
            opt.update_curvature(&mut self.state, &self.curv);
        }
        let loss = if train_size.is_some() {
            batch_loss
        } else {
            problem.loss(&self.params)
        };
        if is_diverged(loss, self.initial) {
            self.traj.diverged_at = Some(u);
            self.done = true;
            return;
        }
        self.traj.loss.push(loss);
        let stop_at = self.stop_at;
        let mut reached = train_size.is_none() && stop_at.is_some_and(|t| loss <= t);
        let reached_before = self.grid.is_some_and(|g| g.1);
        if train_size.is_some()
            && ((spec.eval_every > 0 && u.is_multiple_of(spec.eval_every) && !reached_before)
                || u == spec.steps)
        {
            let train_loss = problem.loss(&self.params);
            let heldout_loss = if self.grid.is_some() {
                f64::NAN
            } else {
                problem.heldout_loss(&self.params)
            };
            if is_diverged(train_loss, self.initial)
                || (self.grid.is_none() && !heldout_loss.is_finite())
            {
                self.traj.diverged_at = Some(u);
                self.done = true;
                return;
            }
            self.traj.evals.push(Eval {
                step: u,
                train_loss,
                heldout_loss,
            });
            reached = stop_at.is_some_and(|t| train_loss <= t);
            if let Some((target, hit)) = self.grid.as_mut() {
                *hit |= train_loss <= *target;
            }
        }
        if reached {
            self.traj.stopped_at_target = Some(u);
            self.done = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::sim::classifier::Classifier;
    use crate::core::sim::dataset::{CLASSES, Dataset, FEATURES};
    use crate::core::sim::nqm::Nqm;
    use crate::core::sim::nqm_exact::{ExactRule, expected_loss_curve};
    use crate::core::sim::optim::OptimizerKind;
    use crate::core::sim::softmax::SoftmaxRegression;

    fn spec(kind: OptimizerKind, b: usize, lr: f64, steps: u64, seed: u64) -> RunSpec {
        RunSpec {
            optimizer: kind.config(),
            batch_size: b,
            schedule: Schedule::constant(lr, steps),
            steps,
            seed,
            eval_every: 0,
        }
    }

    /// Sampled runs average to the exact expected loss of [`expected_loss_curve`] (the NQM's
    /// dynamics are linear, so the mean of E[θ²] over runs follows the recurrence: Zhang et al.
    /// 2019, gd-zhang/noisy-quadratic-model `nqm.ipynb`, “Setup and Details”), for SGD and for
    /// PyTorch momentum (torch 2.15.0 `torch/optim/sgd.py`), which is heavy ball with v = −γb.
    #[test]
    fn sampled_runs_average_to_the_exact_curve() {
        let q = Nqm::new(100).unwrap();
        for (kind, rule, lr) in [
            (OptimizerKind::Sgd, ExactRule::SGD, 0.5),
            (
                OptimizerKind::Momentum,
                ExactRule {
                    momentum: 0.9,
                    precond_power: 0.0,
                },
                0.05,
            ),
        ] {
            let runs = 300;
            let mut mean = vec![0.0; 101];
            for seed in 0..runs {
                let t = run(&q, &spec(kind, 16, lr, 100, seed));
                for (m, l) in mean.iter_mut().zip(&t.loss) {
                    *m += l / runs as f64;
                }
            }
            let exact =
                expected_loss_curve(q.curvatures(), rule, 16, &Schedule::constant(lr, 100), 100);
            for t in [1, 10, 50, 100] {
                let rel = mean[t] / exact.loss[t] - 1.0;
                assert!(
                    rel.abs() < 0.05,
                    "{kind:?} t = {t}: sampled {} exact {}",
                    mean[t],
                    exact.loss[t]
                );
            }
        }
    }

    #[test]
    fn same_seed_same_trajectory_and_divergence_stops_the_run() {
        let q = Nqm::new(100).unwrap();
        let a = run(&q, &spec(OptimizerKind::Adam, 8, 0.05, 50, 3));
        assert_eq!(a, run(&q, &spec(OptimizerKind::Adam, 8, 0.05, 50, 3)));
        assert_ne!(a, run(&q, &spec(OptimizerKind::Adam, 8, 0.05, 50, 4)));
        let d = run(&q, &spec(OptimizerKind::Sgd, 8, 5.0, 500, 3));
        let u = d.diverged_at.unwrap();
        assert!(u < 50 && d.steps_done() == u - 1);
        assert!(
            d.loss
                .iter()
                .all(|l| l.is_finite() && *l <= DIVERGENCE_FACTOR * d.loss[0])
        );
        assert_eq!(d.final_loss(), None);
        assert_eq!(d.examples_seen(10), 80);
    }

    #[test]
    fn data_set_runs_count_epochs_and_evaluate() {
        let data = Dataset::generate(1_000, 1).unwrap();
        let p = Classifier::new(
            SoftmaxRegression {
                features: FEATURES,
                classes: CLASSES,
            },
            data,
        );
        let s = RunSpec {
            eval_every: 25,
            ..spec(OptimizerKind::Adam, 64, 0.01, 100, 1)
        };
        let t = run(&p, &s);
        // ⌈1000/64⌉ = 16 steps per epoch; after 16 steps exactly one epoch = 1000 examples.
        assert_eq!(t.steps_per_epoch(), Some(16));
        assert_eq!(t.examples_seen(16), 1_000);
        assert_eq!(t.examples_seen(17), 1_064);
        assert!((t.epochs(32) - 2.0).abs() < 1e-15);
        let steps: Vec<u64> = t.evals.iter().map(|e| e.step).collect();
        assert_eq!(steps, vec![0, 25, 50, 75, 100]);
        let (first, last) = (t.evals[0], t.evals[4]);
        assert!(last.train_loss < 0.8 * first.train_loss && last.heldout_loss < first.heldout_loss);
        assert_eq!(t.steps_to_target(first.train_loss), Some(0));
    }
}
