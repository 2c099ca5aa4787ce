//! Sweeps: optimizers × batch sizes × a log-spaced learning-rate grid on one problem, giving for each
//! (optimizer, B) the best and the largest stable learning rate and the steps and examples to a
//! target loss, and for each optimizer S_min, E_min and the critical batch (McCandlish et al. 2018,
//! eqs. 2.11–2.12, via [`super::critical_batch::fit`]). It also measures the noise scale B_simple
//! from per-example gradients (eq. 2.9) and, where H is known, B_noise (eq. 2.8).
//!
//! Every run of a sweep uses the same seed (common random numbers: the same initial point and
//! noise stream), so differences between cells come from the settings, not the draw.
//! [`SweepRunner`] does one run per call so a page can slice the work or report progress.

use super::critical_batch::{CriticalBatchFit, fit};
use super::nqm::NoiseModel;
use super::optim::OptimizerKind;
use super::options::OptimizerOptions;
use super::problem::{NoiseStats, Problem};
use super::rng::SimRng;
use super::run::{RunSpec, RunState, Trajectory};
use crate::core::schedule::Schedule;

/// A log-spaced grid of learning rates: `points` values from `min` to `max` inclusive.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LrGrid {
    /// Smallest rate.
    pub min: f64,
    /// Largest rate.
    pub max: f64,
    /// Number of rates (≥ 2).
    pub points: usize,
}

impl LrGrid {
    /// The rates min·(max/min)^{k/(points−1)}, k = 0…points−1 (`crate::core::math::pow`).
    pub fn values(&self) -> Vec<f64> {
        let n = self.points.max(2);
        let ratio = self.max / self.min;
        (0..n)
            .map(|k| self.min * crate::core::math::pow(ratio, k as f64 / (n - 1) as f64))
            .collect()
    }
}

/// What a sweep covers (validated by [`super::config::validate_sweep`]).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SweepSpec {
    /// Optimizers, each with its library defaults.
    pub optimizers: Vec<OptimizerKind>,
    /// Batch sizes.
    pub batch_sizes: Vec<usize>,
    /// Peak learning rates tried for every (optimizer, B).
    pub grid: LrGrid,
    /// The schedule shape; its `peak_lr` is replaced by each grid value and `total` by `steps`.
    pub schedule: Schedule,
    /// Updates per run.
    pub steps: u64,
    /// The training loss that counts as reached.
    pub target: f64,
    /// The seed shared by all runs.
    pub seed: u64,
    /// Whole-set evaluation interval on finite data sets.
    pub eval_every: u64,
    /// Per-example gradients used to measure the noise scale (0: skip the measurement).
    pub noise_samples: usize,
    /// Settings of Sophia and AdamW that differ from the defaults.
    pub options: OptimizerOptions,
    /// The quadratic's noise model (the problem itself is built by the caller; a sweep made
    /// under another model is another sweep).
    pub noise: NoiseModel,
}

impl SweepSpec {
    /// The run of the grid point (optimizer, B, peak rate `lr`): the spec's schedule shape at that
    /// peak over `steps` updates, from the shared seed.
    pub fn grid_run(&self, optimizer: OptimizerKind, batch_size: usize, lr: f64) -> RunSpec {
        RunSpec {
            optimizer: self.options.config(optimizer),
            batch_size,
            schedule: Schedule {
                peak_lr: lr,
                total: self.steps,
                ..self.schedule
            },
            steps: self.steps,
            seed: self.seed,
            eval_every: self.eval_every,
        }
    }

    /// Every grid run, cell-major (optimizers outer, batch sizes inner) and rates inner: the
    /// (cell index, rate, run) in the order [`SweepState`] does them.
    pub fn grid_runs(&self) -> Vec<(usize, f64, RunSpec)> {
        let lrs = self.grid.values();
        let mut out = Vec::new();
        for (oi, &o) in self.optimizers.iter().enumerate() {
            for (bi, &b) in self.batch_sizes.iter().enumerate() {
                let ci = oi * self.batch_sizes.len() + bi;
                out.extend(lrs.iter().map(|&lr| (ci, lr, self.grid_run(o, b, lr))));
            }
        }
        out
    }

    /// The cells before any run: one per (optimizer, B), optimizers outer, no points.
    pub fn empty_cells(&self) -> Vec<SweepCell> {
        self.optimizers
            .iter()
            .flat_map(|&o| {
                self.batch_sizes.iter().map(move |&b| SweepCell {
                    optimizer: o,
                    batch_size: b,
                    points: Vec::new(),
                })
            })
            .collect()
    }

    /// The reference run of the noise measurement, given the finished grid `cells`: the first
    /// optimizer at the largest batch, at its fastest rate (or its best rate); run it stopped at
    /// the target. `None` when the measurement is off or no rate qualifies.
    pub fn noise_run(&self, cells: &[SweepCell]) -> Option<RunSpec> {
        let cell = cells.get(self.noise_cell()?)?;
        let lr = cell.fastest().map(|f| f.1).or_else(|| cell.best_lr())?;
        Some(self.grid_run(cell.optimizer, cell.batch_size, lr))
    }

    /// The index (in [`SweepSpec::empty_cells`] order) of the one cell [`SweepSpec::noise_run`]
    /// reads: the first optimizer at the largest batch; `None` when the measurement is off.
    pub fn noise_cell(&self) -> Option<usize> {
        if self.noise_samples == 0 {
            return None;
        }
        let &b = self.batch_sizes.iter().max()?;
        self.optimizers.first()?;
        self.batch_sizes.iter().position(|&x| x == b)
    }

    /// The noise statistics at `params` (the end of [`SweepSpec::noise_run`]) from
    /// `noise_samples` per-example gradients, drawn from a stream derived from the seed.
    pub fn measure_noise<P: Problem + ?Sized>(&self, problem: &P, params: &[f64]) -> NoiseStats {
        let mut rng = SimRng::derived(self.seed, 0x004E_015E);
        problem.noise_stats(params, self.noise_samples, &mut rng)
    }

    /// The result from the finished `cells` and the noise measurement: each optimizer's
    /// steps–examples fit over its batch sizes that reached the target.
    pub fn result(&self, cells: Vec<SweepCell>, noise: Option<NoiseStats>) -> SweepResult {
        let summaries = self
            .optimizers
            .iter()
            .map(|&o| {
                let pts: Vec<(f64, f64)> = cells
                    .iter()
                    .filter(|c| c.optimizer == o)
                    .filter_map(|c| c.steps_to_target().map(|s| (c.batch_size as f64, s as f64)))
                    .collect();
                OptimizerSummary {
                    optimizer: o,
                    fit: fit(&pts),
                }
            })
            .collect();
        SweepResult {
            cells,
            summaries,
            noise,
        }
    }
}

/// One learning rate of one (optimizer, B).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LrPoint {
    /// The peak learning rate.
    pub lr: f64,
    /// The end-of-run loss ([`super::run::Trajectory::final_loss`]); `None` if diverged.
    pub final_loss: Option<f64>,
    /// Where the run diverged, if it did.
    pub diverged_at: Option<u64>,
    /// The first update with training loss ≤ target, if reached.
    pub steps_to_target: Option<u64>,
}

impl LrPoint {
    /// The point of a finished run at peak rate `lr`, with steps to `target`.
    pub fn of(lr: f64, t: &Trajectory, target: f64) -> Self {
        LrPoint {
            lr,
            final_loss: t.final_loss(),
            diverged_at: t.diverged_at,
            steps_to_target: t.steps_to_target(target),
        }
    }
}

/// The figures of one (optimizer, batch size).
#[derive(Debug, Clone, PartialEq)]
pub struct SweepCell {
    /// The optimizer.
    pub optimizer: OptimizerKind,
    /// The batch size B.
    pub batch_size: usize,
    /// One entry per grid rate, in increasing order.
    pub points: Vec<LrPoint>,
}

impl SweepCell {
    /// The rate with the lowest final loss.
    pub fn best_lr(&self) -> Option<f64> {
        self.points
            .iter()
            .filter_map(|p| p.final_loss.map(|l| (p.lr, l)))
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(lr, _)| lr)
    }

    /// The lowest final loss over the grid.
    pub fn best_final_loss(&self) -> Option<f64> {
        self.points
            .iter()
            .filter_map(|p| p.final_loss)
            .min_by(|a, b| a.total_cmp(b))
    }

    /// The largest rate whose run did not diverge.
    pub fn max_stable_lr(&self) -> Option<f64> {
        self.points
            .iter()
            .filter(|p| p.diverged_at.is_none())
            .map(|p| p.lr)
            .max_by(|a, b| a.total_cmp(b))
    }

    /// The smallest rate whose run diverged.
    pub fn min_diverging_lr(&self) -> Option<f64> {
        self.points
            .iter()
            .filter(|p| p.diverged_at.is_some())
            .map(|p| p.lr)
            .min_by(|a, b| a.total_cmp(b))
    }

    /// The fewest updates to the target over the grid, and the rate that achieved it (ties: the smaller rate).
    pub fn fastest(&self) -> Option<(u64, f64)> {
        self.points
            .iter()
            .filter_map(|p| p.steps_to_target.map(|s| (s, p.lr)))
            .min_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)))
    }

    /// The fewest updates to the target over the grid.
    pub fn steps_to_target(&self) -> Option<u64> {
        self.fastest().map(|f| f.0)
    }

    /// Examples to the target, B × steps (the fastest run; on a finite set this counts the partial
    /// last batches of epochs as full, a bound within one batch per epoch).
    pub fn examples_to_target(&self) -> Option<u64> {
        self.steps_to_target()
            .map(|s| s.saturating_mul(self.batch_size as u64))
    }
}

/// The per-optimizer figures.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OptimizerSummary {
    /// The optimizer.
    pub optimizer: OptimizerKind,
    /// The steps–examples fit over its batch sizes that reached the target.
    pub fit: Option<CriticalBatchFit>,
}

/// Everything a sweep produced.
#[derive(Debug, Clone, PartialEq)]
pub struct SweepResult {
    /// One cell per (optimizer, B), optimizers outer, batch sizes inner, in the spec's order.
    pub cells: Vec<SweepCell>,
    /// One summary per optimizer.
    pub summaries: Vec<OptimizerSummary>,
    /// Noise scale measured at the first point where a reference run (the first optimizer at the
    /// largest batch and its fastest rate, or its best rate) reached the target, or at its end.
    pub noise: Option<NoiseStats>,
}

impl SweepResult {
    /// The cell of (optimizer, B).
    pub fn cell(&self, optimizer: OptimizerKind, batch_size: usize) -> Option<&SweepCell> {
        self.cells
            .iter()
            .find(|c| c.optimizer == optimizer && c.batch_size == batch_size)
    }

    /// The fit of `optimizer`.
    pub fn fit(&self, optimizer: OptimizerKind) -> Option<CriticalBatchFit> {
        self.summaries
            .iter()
            .find(|s| s.optimizer == optimizer)
            .and_then(|s| s.fit)
    }

    /// What the Simulator hands to the Batch & LR view's noise-scale field: plain SGD's fitted
    /// critical batch B_crit = E_min/S_min (McCandlish et al. 2018, eq. 2.12), the figure that
    /// section uses as B_crit. Not the measured B_noise: that is read at the target, where it is
    /// far above the knee of the steps curve on an ill-conditioned problem
    /// ([`super::critical_story`]). `None` if SGD was not swept or its fit failed.
    pub fn handover_critical_batch(&self) -> Option<f64> {
        self.fit(OptimizerKind::Sgd).map(|f| f.b_crit)
    }
}

/// Where a [`SweepState`] is.
#[derive(Debug, Clone)]
enum Phase {
    /// Grid runs; the current one, if started.
    Runs(Option<RunState>),
    /// The reference run for the noise measurement, if started.
    NoiseRun(Option<RunState>),
    /// Everything done.
    Done,
}

/// A sweep that can be advanced a few optimizer updates at a time (so a page can slice its work
/// into short tasks), giving exactly the result of [`sweep`] whatever the slicing. It holds no
/// reference to the problem: pass the same problem to every call.
#[derive(Debug, Clone)]
pub struct SweepState {
    spec: SweepSpec,
    lrs: Vec<f64>,
    cells: Vec<SweepCell>,
    /// Index of the current grid run (cell-major, rates inner).
    next: usize,
    phase: Phase,
    noise: Option<NoiseStats>,
}

impl SweepState {
    /// The state of a validated `spec` before any run.
    pub fn new(spec: SweepSpec) -> Self {
        let lrs = spec.grid.values();
        let cells = spec.empty_cells();
        SweepState {
            spec,
            lrs,
            cells,
            next: 0,
            phase: Phase::Runs(None),
            noise: None,
        }
    }

    /// The spec.
    pub fn spec(&self) -> &SweepSpec {
        &self.spec
    }

    fn run_spec(&self, optimizer: OptimizerKind, batch_size: usize, lr: f64) -> RunSpec {
        self.spec.grid_run(optimizer, batch_size, lr)
    }

    /// (cell index, rate) of the current grid run, if any remain.
    fn current(&self) -> Option<(usize, f64)> {
        let per_cell = self.lrs.len().max(1);
        let ci = self.next / per_cell;
        let lr = *self.lrs.get(self.next % per_cell)?;
        (ci < self.cells.len()).then_some((ci, lr))
    }

    /// The reference run of the noise measurement: the first optimizer at the largest batch, at
    /// its fastest rate (or its best rate), stopped at the target.
    fn noise_run_spec(&self) -> Option<RunSpec> {
        self.spec.noise_run(&self.cells)
    }

    /// Runs up to about `max_updates` optimizer updates (the noise measurement's per-example
    /// gradients count as one slice of their own); false once the sweep is complete.
    pub fn advance<P: Problem + ?Sized>(&mut self, problem: &P, max_updates: u64) -> bool {
        let mut budget = max_updates.max(1);
        loop {
            match self.phase {
                Phase::Done => return false,
                Phase::Runs(_) => {
                    let Some((ci, lr)) = self.current() else {
                        self.phase = Phase::NoiseRun(None);
                        continue;
                    };
                    if matches!(self.phase, Phase::Runs(None)) {
                        let Some(cell) = self.cells.get(ci) else {
                            self.phase = Phase::NoiseRun(None);
                            continue;
                        };
                        let spec = self.run_spec(cell.optimizer, cell.batch_size, lr);
                        let run = RunState::grid(problem, &spec, self.spec.target);
                        self.phase = Phase::Runs(Some(run));
                    }
                    let Phase::Runs(Some(run)) = &mut self.phase else {
                        return true;
                    };
                    let before = run.updates_done();
                    run.advance(problem, budget);
                    budget = budget.saturating_sub(run.updates_done() - before);
                    if run.is_done() {
                        let point = LrPoint::of(lr, run.trajectory(), self.spec.target);
                        self.phase = Phase::Runs(None);
                        if let Some(c) = self.cells.get_mut(ci) {
                            c.points.push(point);
                        }
                        self.next += 1;
                    }
                    if budget == 0 {
                        return true;
                    }
                }
                Phase::NoiseRun(_) => {
                    if matches!(self.phase, Phase::NoiseRun(None)) {
                        let Some(spec) = self.noise_run_spec() else {
                            self.phase = Phase::Done;
                            return false;
                        };
                        let run = RunState::new(problem, &spec, Some(self.spec.target));
                        self.phase = Phase::NoiseRun(Some(run));
                    }
                    let Phase::NoiseRun(Some(run)) = &mut self.phase else {
                        return false;
                    };
                    run.advance(problem, budget);
                    if !run.is_done() {
                        return true;
                    }
                    let Phase::NoiseRun(Some(run)) =
                        std::mem::replace(&mut self.phase, Phase::Done)
                    else {
                        return false;
                    };
                    let params = run.into_parts().1;
                    self.noise = Some(self.spec.measure_noise(problem, &params));
                    return false;
                }
            }
        }
    }

    /// Completes the current grid run (and starts none); false once every grid run is done.
    pub fn run_next<P: Problem + ?Sized>(&mut self, problem: &P) -> bool {
        let start = self.next;
        while self.next == start && matches!(self.phase, Phase::Runs(_)) && self.current().is_some()
        {
            self.advance(problem, u64::MAX);
        }
        self.next != start
    }

    /// (grid runs done, grid runs in total), for a progress bar.
    pub fn progress(&self) -> (usize, usize) {
        (self.next, self.cells.len() * self.lrs.len())
    }

    /// Whether the sweep is complete.
    pub fn is_done(&self) -> bool {
        matches!(self.phase, Phase::Done)
    }

    /// Completes whatever remains and returns the result (cells, fits, noise scale).
    pub fn finish<P: Problem + ?Sized>(mut self, problem: &P) -> SweepResult {
        while self.advance(problem, u64::MAX) {}
        self.spec.result(self.cells, self.noise)
    }
}

/// A sweep in progress bound to its problem: call [`SweepRunner::run_next`] until it returns
/// false, then [`SweepRunner::finish`] (a thin wrapper over [`SweepState`]).
pub struct SweepRunner<'a, P: Problem + ?Sized> {
    problem: &'a P,
    state: SweepState,
}

impl<'a, P: Problem + ?Sized> SweepRunner<'a, P> {
    /// A runner for a validated `spec`.
    pub fn new(problem: &'a P, spec: SweepSpec) -> Self {
        SweepRunner {
            problem,
            state: SweepState::new(spec),
        }
    }

    /// Runs one (optimizer, B, lr); false once every run is done.
    pub fn run_next(&mut self) -> bool {
        self.state.run_next(self.problem)
    }

    /// (runs done, runs in total), for a progress bar.
    pub fn progress(&self) -> (usize, usize) {
        self.state.progress()
    }

    /// Completes any remaining runs, fits each optimizer and measures the noise scale.
    pub fn finish(self) -> SweepResult {
        self.state.finish(self.problem)
    }
}

/// Runs a whole sweep at once.
pub fn sweep<P: Problem + ?Sized>(problem: &P, spec: SweepSpec) -> SweepResult {
    SweepRunner::new(problem, spec).finish()
}

#[cfg(test)]
mod tests {
    //! The four phenomena the simulator is built to show, at the default settings of
    //! [`crate::core::sim::config::default_sweep`] on the default NQM (d = 100).
    use super::*;
    use crate::core::sim::config::{DEFAULT_BATCH_SIZES, default_sweep};
    use crate::core::sim::nqm::Nqm;
    use std::sync::OnceLock;

    /// The default sweep restricted to the optimizers the phenomena are about (same settings).
    fn default_result() -> &'static SweepResult {
        static RESULT: OnceLock<SweepResult> = OnceLock::new();
        RESULT.get_or_init(|| {
            let spec = SweepSpec {
                optimizers: vec![
                    OptimizerKind::Sgd,
                    OptimizerKind::Momentum,
                    OptimizerKind::Adam,
                ],
                ..default_sweep()
            };
            sweep(&Nqm::new(100).unwrap(), spec)
        })
    }

    fn sgd(b: usize) -> &'static SweepCell {
        default_result().cell(OptimizerKind::Sgd, b).unwrap()
    }

    /// Phenomenon 1: SGD diverges above an LR near 2/h_max = 2 for every batch size: in the NQM's
    /// recurrence E[θᵢ²] ← (1 − αhᵢ)² E[θᵢ²] + α²hᵢ/B (Zhang et al. 2019, arXiv:1907.04164; code:
    /// gd-zhang/noisy-quadratic-model `nqm.ipynb`, “Setup and Details”) the batch only scales the
    /// added noise, while the factor (1 − αh₁)² > 1 for α > 2/h₁ whatever B is.
    /// A finer grid around the ceiling (×1.12 apart) locates the edge.
    #[test]
    fn max_step_belongs_to_curvature_not_noise() {
        let spec = SweepSpec {
            optimizers: vec![OptimizerKind::Sgd],
            grid: LrGrid {
                min: 0.55,
                max: 4.0,
                points: 18,
            },
            noise_samples: 0,
            options: OptimizerOptions::default(),
            noise: NoiseModel::Hessian,
            ..default_sweep()
        };
        let r = sweep(&Nqm::new(100).unwrap(), spec);
        for c in &r.cells {
            let (stable, diverging) = (c.max_stable_lr().unwrap(), c.min_diverging_lr().unwrap());
            assert!(
                (1.8..2.0).contains(&stable),
                "B = {}: largest stable {stable}",
                c.batch_size
            );
            assert!(
                diverging > 2.0 && diverging < 2.3,
                "B = {}: smallest diverging {diverging}",
                c.batch_size
            );
        }
        // On the default coarse grid too, the edge is the same for every B.
        let first = sgd(1).max_stable_lr();
        for b in DEFAULT_BATCH_SIZES {
            assert_eq!(sgd(b).max_stable_lr(), first);
            assert!(sgd(b).min_diverging_lr().unwrap() > 2.0);
        }
    }

    /// Phenomenon 2: The best LR grows with B, then saturates below the ceiling (Zhang et al. 2019;
    /// the notebook's “Optimal LR as a function of batch size”: linear growth until the learning
    /// rate hits its upper bound).
    #[test]
    fn best_lr_grows_then_saturates() {
        let best: Vec<f64> = DEFAULT_BATCH_SIZES
            .iter()
            .map(|&b| sgd(b).best_lr().unwrap())
            .collect();
        for w in best.windows(2) {
            assert!(w[1] >= w[0], "best LR not non-decreasing: {best:?}");
        }
        assert!(best[6] >= 4.0 * best[0], "{best:?}");
        // Saturation: the two largest batches share the best LR, below the largest stable LR < 2.
        assert_eq!(best[5], best[6], "{best:?}");
        assert!(best[6] <= sgd(4096).max_stable_lr().unwrap() && best[6] < 2.0);
    }

    /// Phenomenon 3: Steps to target fall about ∝ 1/B for small B and flatten past the critical batch
    /// (McCandlish et al. 2018, arXiv:1812.06162, eq. 2.11: S = S_min(1 + B_crit/B)).
    #[test]
    fn steps_fall_as_one_over_b_then_flatten() {
        let s = |b| sgd(b).steps_to_target().unwrap() as f64;
        // Below the knee, ×4 in B gives close to ×4 fewer steps (at least ×2.5).
        assert!(s(16) / s(64) > 2.5, "S(16) = {}, S(64) = {}", s(16), s(64));
        // Past it, ×4 in B saves under 10%.
        assert!(s(1024) / s(4096) < 1.1 && s(256) / s(1024) < 1.1);
        // So examples to target grow almost ∝ B there.
        let e = |b| sgd(b).examples_to_target().unwrap() as f64;
        assert!(e(4096) / e(256) > 12.0);
        // And the fitted critical batch lies between the two regimes.
        let fit = default_result().fit(OptimizerKind::Sgd).unwrap();
        assert!(fit.b_crit > 16.0 && fit.b_crit < 256.0, "{fit:?}");
        // The Batch & LR view gets this knee, not B_noise read at the target (far above it).
        let r = default_result();
        assert_eq!(r.handover_critical_batch(), Some(fit.b_crit));
        assert!(r.noise.unwrap().b_noise.unwrap() > 10.0 * fit.b_crit);
    }

    /// Phenomenon 4: Momentum and Adam have a larger critical batch than plain SGD on the quadratic
    /// (Zhang et al. 2019, arXiv:1907.04164; the notebook's “Effect of momentum and preconditioning”:
    /// momentum and preconditioning extend perfect scaling to larger batches).
    #[test]
    fn momentum_and_adam_have_larger_critical_batch() {
        let b = |o| default_result().fit(o).unwrap().b_crit;
        let (s, m, a) = (
            b(OptimizerKind::Sgd),
            b(OptimizerKind::Momentum),
            b(OptimizerKind::Adam),
        );
        assert!(m > 1.5 * s, "momentum {m} vs SGD {s}");
        assert!(a > 1.5 * s, "Adam {a} vs SGD {s}");
        // Both mainly by lowering S_min (fewer steps at large B).
        let smin = |o| default_result().fit(o).unwrap().s_min;
        assert!(smin(OptimizerKind::Momentum) < smin(OptimizerKind::Sgd));
        assert!(smin(OptimizerKind::Adam) < smin(OptimizerKind::Sgd));
    }

    #[test]
    fn cells_are_complete_and_noise_is_measured() {
        let r = default_result();
        assert_eq!(r.cells.len(), 3 * 7);
        assert!(r.cells.iter().all(|c| c.points.len() == 13));
        let noise = r.noise.unwrap();
        assert!(noise.trace_cov > 0.0 && noise.b_noise.is_some());
        let grid = LrGrid {
            min: 1e-3,
            max: 10.0,
            points: 13,
        }
        .values();
        assert!((grid[0] - 1e-3).abs() < 1e-18 && (grid[12] - 10.0).abs() < 1e-12);
    }
}

#[cfg(test)]
mod slicing_tests {
    use super::*;
    use crate::core::sim::config::Task;

    /// A sweep advanced a few updates at a time gives exactly the result of [`sweep`], noise
    /// measurement included, on the quadratic and on the MLP.
    #[test]
    fn sliced_sweep_equals_whole_sweep() {
        for (task, samples) in [
            (Task::Nqm { dim: 10 }, 500),
            (
                Task::Mlp {
                    n: 50,
                    label_noise: 0.0,
                },
                40,
            ),
        ] {
            let p = task.build(1).unwrap();
            let spec = SweepSpec {
                optimizers: vec![OptimizerKind::Sgd, OptimizerKind::Adam],
                batch_sizes: vec![2, 8],
                grid: LrGrid {
                    min: 0.01,
                    max: 10.0,
                    points: 4,
                },
                schedule: Schedule::constant(1.0, 30),
                steps: 30,
                target: 0.3,
                seed: 5,
                eval_every: 5,
                noise_samples: samples,
                options: OptimizerOptions::default(),
                noise: NoiseModel::Hessian,
            };
            let whole = sweep(p.as_ref(), spec.clone());
            assert!(whole.noise.is_some());
            for k in [1, 7] {
                let mut s = SweepState::new(spec.clone());
                let mut last = (0, 0);
                while s.advance(p.as_ref(), k) {
                    let now = s.progress();
                    assert!(now.0 >= last.0 && now.1 == 16);
                    last = now;
                }
                assert!(s.is_done());
                assert_eq!(s.finish(p.as_ref()), whole, "{task:?}, k = {k}");
            }
        }
    }
}
