//! A Simulator job cut into independent cells, so that a pool of workers can share it.
//!
//! A cell is one whole run: a run of the runs (its trajectory), a grid point of a sweep (its
//! [`LrPoint`]), or the sweep's noise measurement (its [`NoiseStats`]). Every cell is determined by
//! its own [`RunSpec`] (seed included) and the problem, never by which worker runs it or when, so
//! the results are bit-identical whatever the number of workers, the way cells are grouped into
//! messages, and the order they finish in; [`Plan`] puts them back in the order of
//! [`super::sweep::sweep`] and [`SimInput::run_specs`] (tested below against both, over simulated
//! pools).
//!
//! A worker gets cells in batches ([`Plan::next_batch`]): as many as make about [`BATCH_WORK`]
//! estimated work units (the cost model of [`super::config`]), fewer towards the end of the queue
//! so that the workers finish together, and always at least one. A sweep's grid cells are a
//! millisecond each on the quadratic, so one message per cell would cost more than the cell.
//!
//! A job runs in up to two stages: the sweep's grid runs, then the runs (whose rates may come from
//! the grid). The noise measurement needs only the grid runs of one cell (the first optimizer at
//! the largest batch, [`SweepSpec::noise_cell`]): those go first, and the measurement is queued
//! ahead of the rest of the grid as soon as they are in, so it runs beside the grid instead of
//! after it. Cells cross a worker boundary as bytes ([`encode`], [`decode`]): bincode 1.3 over the
//! serde derives of the core types, so every `f64` travels as its exact bits (NaN and infinities
//! included) and a field added to a spec travels with it.

use std::collections::VecDeque;

use serde::{Deserialize, Serialize, de::DeserializeOwned};

use super::config::{Task, noise_work, run_work};
use super::divisor_study::{self, DivisorSpec, DivisorStudy};
use super::input::SimInput;
use super::nqm::NoiseModel;
use super::optim::OptimizerKind;
use super::problem::{NoiseStats, Problem};
use super::run::{RunSpec, RunState, Trajectory};
use super::sweep::{LrPoint, SweepCell, SweepResult, SweepSpec};

/// Updates between two progress reports of a running cell.
pub const PROGRESS_EVERY: u64 = 64;

/// Estimated work units a batch of cells aims at (one unit is about 10 ns, see
/// [`super::config`]): a few milliseconds, so that a message's round trip is small beside the work
/// it carries, while progress still moves several times a second (a cancel ends the busy workers
/// at once, whatever their batch).
pub const BATCH_WORK: f64 = 5e5;

/// One unit of work.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Cell {
    /// A run of the runs: gives its [`Trajectory`].
    Run(RunSpec),
    /// A grid run of a sweep at peak rate `lr`: gives its [`LrPoint`] at `target`.
    Grid {
        /// The grid rate.
        lr: f64,
        /// The loss that counts as reached.
        target: f64,
        /// The run.
        run: RunSpec,
    },
    /// The sweep's noise measurement: `run` stopped at the sweep's target, then
    /// [`SweepSpec::measure_noise`] at its last parameters.
    Noise {
        /// The sweep.
        sweep: SweepSpec,
        /// The reference run ([`SweepSpec::noise_run`]).
        run: RunSpec,
    },
    /// The divisor study of the quadratic ([`divisor_study::run`]): gives its [`DivisorStudy`].
    Divisor(DivisorSpec),
}

impl Cell {
    /// Optimizer updates the cell runs at most (its share of a progress bar).
    pub fn updates(&self) -> u64 {
        match self {
            Cell::Run(r) | Cell::Grid { run: r, .. } | Cell::Noise { run: r, .. } => r.steps,
            Cell::Divisor(d) => d.update,
        }
    }

    /// Estimated work units of the cell on `task` (the cost model of [`super::config`]).
    pub fn work(&self, task: Task) -> f64 {
        let run = |r: &RunSpec| run_work(task, r.batch_size, r.steps, r.eval_every);
        match self {
            Cell::Run(r) | Cell::Grid { run: r, .. } => run(r),
            Cell::Noise { sweep, run: r } => run(r) + noise_work(task, sweep.noise_samples),
            Cell::Divisor(d) => d.update as f64 * d.dim as f64 * divisor_study::RULES.len() as f64,
        }
    }
}

/// What a cell gives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum CellOut {
    /// A run's trajectory.
    Run(Trajectory),
    /// A grid point.
    Grid(LrPoint),
    /// The noise statistics.
    Noise(NoiseStats),
    /// The divisor study (`None` if its quadratic could not be built).
    Divisor(Option<DivisorStudy>),
}

/// A message to a worker: a batch of cells of job `job` (the page's generation counter), each
/// with its id, and what the worker needs to build their problem.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Request {
    /// The job.
    pub job: u64,
    /// The problem.
    pub task: Task,
    /// The quadratic's gradient-noise model (ignored on the data sets).
    pub noise: NoiseModel,
    /// The seed of the problem's data ([`Task::build`]).
    pub data_seed: u64,
    /// The cells, each with its id in its [`Plan`], to run in this order.
    pub cells: Vec<(usize, Cell)>,
}

/// A message from a worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Reply {
    /// The worker's module is running and takes cells.
    Ready,
    /// The batch of `job` out: its first `done` cells are finished, and the next has done
    /// `updates` updates.
    Progress {
        /// The job.
        job: u64,
        /// Cells of the batch finished.
        done: usize,
        /// Updates done by the cell running.
        updates: u64,
    },
    /// The batch of `job` is done, after `ms` of computing: what each cell gave, by id.
    Done {
        /// The job.
        job: u64,
        /// Milliseconds spent on the batch.
        ms: f64,
        /// What each cell gave, in the batch's order.
        outs: Vec<(usize, CellOut)>,
    },
    /// The batch of `job` could not be run (its problem could not be built).
    Failed {
        /// The job.
        job: u64,
    },
}

/// Serializes a message for a worker boundary (bincode 1.3, little-endian, fixed-width integers).
pub fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    bincode::serialize(value).unwrap_or_default()
}

/// Reads a message written by [`encode`]; `None` if the bytes are not one.
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    bincode::deserialize(bytes).ok()
}

/// The cells of a batch out (their ids in the batch's order) as (cell id, updates done), when its
/// first `done` cells are finished and the next has done `updates`: what [`Plan::progress`]
/// counts (a finished cell counts in full).
pub fn batch_in_flight(ids: &[usize], done: usize, updates: u64) -> Vec<(usize, u64)> {
    ids.iter()
        .take(done.saturating_add(1))
        .enumerate()
        .map(|(i, &id)| (id, if i < done { u64::MAX } else { updates }))
        .collect()
}

/// Runs one cell, calling `progress(updates done)` every [`PROGRESS_EVERY`] updates.
pub fn run_cell<P: Problem + ?Sized>(
    problem: &P,
    cell: &Cell,
    progress: &mut dyn FnMut(u64),
) -> CellOut {
    let mut drive = |mut state: RunState| {
        while state.advance(problem, PROGRESS_EVERY) {
            progress(state.updates_done());
        }
        state.into_parts()
    };
    match cell {
        Cell::Run(spec) => CellOut::Run(drive(RunState::new(problem, spec, None)).0),
        Cell::Grid { lr, target, run } => {
            let t = drive(RunState::grid(problem, run, *target)).0;
            CellOut::Grid(LrPoint::of(*lr, &t, *target))
        }
        Cell::Noise { sweep, run } => {
            let params = drive(RunState::new(problem, run, Some(sweep.target))).1;
            CellOut::Noise(sweep.measure_noise(problem, &params))
        }
        Cell::Divisor(spec) => CellOut::Divisor(divisor_study::run(spec)),
    }
}

/// Which result a cell id stands for.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Slot {
    Grid(usize),
    Noise,
    Run(usize),
}

/// A finished part of a job, in the order it completes (short-lived: a job makes at most two, so
/// the larger variant costs nothing).
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Finished {
    /// The sweep: what was swept and the result.
    Sweep(SweepSpec, SweepResult),
    /// The runs: per run its (optimizer, batch size, peak rate), and the trajectories, in the
    /// order of [`SimInput::run_specs`].
    Runs(Vec<(OptimizerKind, usize, f64)>, Vec<Trajectory>),
}

/// The sweep part of a job.
#[derive(Debug, Clone)]
struct SweepPart {
    spec: SweepSpec,
    /// (cell index, rate) per grid id, in [`SweepSpec::grid_runs`] order.
    grid: Vec<(usize, f64)>,
    points: Vec<Option<LrPoint>>,
    /// The grid's cells once every point is in.
    cells: Option<Vec<SweepCell>>,
    /// The noise measurement: `None` while pending, `Some(None)` when there is none.
    noise: Option<Option<NoiseStats>>,
    published: bool,
}

/// A job (a sweep, then runs) as cells: hand them out with [`Plan::next_cell`] to any worker,
/// in any number, give back what they give with [`Plan::complete`].
#[derive(Debug, Clone)]
pub struct Plan {
    input: SimInput,
    sweep: Option<SweepPart>,
    /// The sweep the runs take their rates from when the job does not sweep.
    prior: Option<SweepResult>,
    want_runs: bool,
    runs_meta: Vec<(OptimizerKind, usize, f64)>,
    runs: Vec<Option<Trajectory>>,
    runs_started: bool,
    runs_published: bool,
    cells: Vec<(Slot, Cell)>,
    /// Ids of the cells not handed out yet, in the order to hand them out.
    queue: VecDeque<usize>,
    /// Updates of finished cells: sweep grid, runs.
    done_units: [u64; 2],
}

impl Plan {
    /// A job for `input`: the sweep first if `sweep`, then the runs if `runs`, with their rates
    /// from the new sweep or, without one, from `prior`.
    pub fn new(input: SimInput, sweep: bool, runs: bool, prior: Option<SweepResult>) -> Self {
        let mut plan = Plan {
            sweep: None,
            prior,
            want_runs: runs,
            runs_meta: Vec::new(),
            runs: Vec::new(),
            runs_started: false,
            runs_published: false,
            cells: Vec::new(),
            queue: VecDeque::new(),
            done_units: [0; 2],
            input,
        };
        if sweep {
            let spec = plan.input.sweep_spec();
            let runs = spec.grid_runs();
            let grid: Vec<(usize, f64)> = runs.iter().map(|&(ci, lr, _)| (ci, lr)).collect();
            for (k, (_, lr, run)) in runs.into_iter().enumerate() {
                let target = spec.target;
                plan.cells
                    .push((Slot::Grid(k), Cell::Grid { lr, target, run }));
            }
            // The grid runs the noise measurement reads go first.
            let first = spec.noise_cell();
            let (ahead, rest): (Vec<usize>, Vec<usize>) =
                (0..grid.len()).partition(|&k| grid.get(k).map(|g| g.0) == first);
            plan.queue.extend(ahead.into_iter().chain(rest));
            plan.sweep = Some(SweepPart {
                points: vec![None; plan.cells.len()],
                grid,
                spec,
                cells: None,
                noise: None,
                published: false,
            });
            plan.queue_noise();
            if plan.cells.is_empty() {
                plan.grid_done();
            }
        } else {
            plan.start_runs();
        }
        plan
    }

    /// The task of every cell of the job.
    pub fn task(&self) -> Task {
        self.input.task
    }

    /// The inputs.
    pub fn input(&self) -> &SimInput {
        &self.input
    }

    /// Whether the job has a sweep.
    pub fn sweeps(&self) -> bool {
        self.sweep.is_some()
    }

    /// The next cell to hand out, with its id; `None` while the rest waits for cells out.
    pub fn next_cell(&mut self) -> Option<(usize, Cell)> {
        let id = self.queue.pop_front()?;
        let (_, cell) = self.cells.get(id)?;
        Some((id, cell.clone()))
    }

    /// The next cells to hand out to one of `workers` workers, with their ids: at least one (none
    /// while the rest waits for cells out), and more while their estimated work stays within
    /// `max_work` and within a share of what is queued (a `2 × workers`-th, so that batches
    /// shrink towards the end of the queue and the workers finish together).
    pub fn next_batch(&mut self, max_work: f64, workers: usize) -> Vec<(usize, Cell)> {
        let task = self.input.task;
        let work =
            |cells: &[(Slot, Cell)], id: usize| cells.get(id).map_or(0.0, |c| c.1.work(task));
        let queued: f64 = self.queue.iter().map(|&id| work(&self.cells, id)).sum();
        let limit = max_work.min(queued / (2 * workers.max(1)) as f64);
        let mut out = Vec::new();
        let mut total = 0.0;
        while let Some(&id) = self.queue.front() {
            let w = work(&self.cells, id);
            if !out.is_empty() && total + w > limit {
                break;
            }
            self.queue.pop_front();
            total += w;
            if let Some((_, cell)) = self.cells.get(id) {
                out.push((id, cell.clone()));
            }
        }
        out
    }

    /// Gives back what cell `id` gave; returns the parts this completes. An id that is unknown,
    /// given twice, or with the wrong kind of result is ignored.
    pub fn complete(&mut self, id: usize, out: CellOut) -> Vec<Finished> {
        let Some(&(slot, ref cell)) = self.cells.get(id) else {
            return Vec::new();
        };
        let units = cell.updates();
        match (slot, out) {
            (Slot::Grid(k), CellOut::Grid(p)) => {
                let Some(sweep) = self.sweep.as_mut() else {
                    return Vec::new();
                };
                let Some(at @ None) = sweep.points.get_mut(k) else {
                    return Vec::new();
                };
                *at = Some(p);
                self.done_units[0] += units;
                let all = sweep.points.iter().all(Option::is_some);
                self.queue_noise();
                if all {
                    self.grid_done();
                }
            }
            (Slot::Noise, CellOut::Noise(n)) => {
                if let Some(sweep) = self.sweep.as_mut()
                    && sweep.noise.is_none()
                {
                    sweep.noise = Some(Some(n));
                }
            }
            (Slot::Run(k), CellOut::Run(t)) => {
                let Some(at @ None) = self.runs.get_mut(k) else {
                    return Vec::new();
                };
                *at = Some(t);
                self.done_units[1] += units;
            }
            _ => return Vec::new(),
        }
        self.finished()
    }

    /// The parts complete by now and not yet returned (the sweep before the runs); a job without
    /// cells is complete from the start.
    pub fn finished(&mut self) -> Vec<Finished> {
        let mut out = Vec::new();
        if let Some(sweep) = self.sweep.as_mut()
            && !sweep.published
            && let (Some(cells), Some(noise)) = (&sweep.cells, sweep.noise)
        {
            sweep.published = true;
            out.push(Finished::Sweep(
                sweep.spec.clone(),
                sweep.spec.result(cells.clone(), noise),
            ));
        }
        let sweep_out = self.sweep.as_ref().is_none_or(|s| s.published);
        if self.runs_started
            && !self.runs_published
            && sweep_out
            && self.runs.iter().all(Option::is_some)
        {
            self.runs_published = true;
            let trajs = self.runs.iter_mut().filter_map(Option::take).collect();
            out.push(Finished::Runs(self.runs_meta.clone(), trajs));
        }
        out
    }

    /// Whether every part has been returned.
    pub fn is_done(&self) -> bool {
        self.sweep.as_ref().is_none_or(|s| s.published) && (!self.want_runs || self.runs_published)
    }

    /// Whether the sweep is still being computed, and the fraction done of the current stage
    /// (the grid while sweeping, then the runs), counting `in_flight` (cell id, updates done)
    /// of cells out.
    pub fn progress(&self, in_flight: &[(usize, u64)]) -> (bool, f64) {
        let sweeping = self.sweep.as_ref().is_some_and(|s| !s.published);
        let stage = usize::from(!sweeping);
        let mut total = 0u64;
        for (slot, cell) in &self.cells {
            if matches!(slot, Slot::Grid(_)) == sweeping && !matches!(slot, Slot::Noise) {
                total += cell.updates();
            }
        }
        let partial: u64 = in_flight
            .iter()
            .filter_map(|&(id, u)| {
                let (slot, cell) = self.cells.get(id)?;
                let here =
                    matches!(slot, Slot::Grid(_)) == sweeping && !matches!(slot, Slot::Noise);
                here.then_some(u.min(cell.updates()))
            })
            .sum();
        let done = self.done_units.get(stage).copied().unwrap_or(0) + partial;
        (sweeping, done as f64 / total.max(1) as f64)
    }

    /// Once the grid runs of the cell the noise measurement reads are in (or there is no such
    /// cell), queues the measurement ahead of every other cell (or records that there is none).
    fn queue_noise(&mut self) {
        let Some(sweep) = self.sweep.as_mut() else {
            return;
        };
        let queued = self.cells.iter().any(|(s, _)| *s == Slot::Noise);
        if queued || sweep.noise.is_some() {
            return;
        }
        let first = sweep.spec.noise_cell();
        let mut cells = sweep.spec.empty_cells();
        for (&(ci, _), p) in sweep.grid.iter().zip(&sweep.points) {
            if Some(ci) != first {
                continue;
            }
            match (cells.get_mut(ci), p) {
                (Some(c), Some(p)) => c.points.push(*p),
                _ => return,
            }
        }
        match sweep.spec.noise_run(&cells) {
            Some(run) => {
                self.queue.push_front(self.cells.len());
                self.cells.push((
                    Slot::Noise,
                    Cell::Noise {
                        sweep: sweep.spec.clone(),
                        run,
                    },
                ));
            }
            None => sweep.noise = Some(None),
        }
    }

    /// The grid is complete: queue the runs (they need the grid's rates only).
    fn grid_done(&mut self) {
        let Some(sweep) = self.sweep.as_mut() else {
            return;
        };
        let mut cells = sweep.spec.empty_cells();
        for (&(ci, _), p) in sweep.grid.iter().zip(&sweep.points) {
            if let (Some(c), Some(p)) = (cells.get_mut(ci), p) {
                c.points.push(*p);
            }
        }
        self.prior = Some(sweep.spec.result(cells.clone(), None));
        sweep.cells = Some(cells);
        self.start_runs();
    }

    fn start_runs(&mut self) {
        if !self.want_runs || self.runs_started {
            return;
        }
        self.runs_started = true;
        let specs = self.input.run_specs(self.prior.as_ref());
        self.runs = vec![None; specs.len()];
        for (k, (o, b, spec)) in specs.into_iter().enumerate() {
            self.runs_meta.push((o, b, spec.schedule.peak_lr));
            self.queue.push_back(self.cells.len());
            self.cells.push((Slot::Run(k), Cell::Run(spec)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::sim::input::SimText;
    use crate::core::sim::rng::SimRng;
    use crate::core::sim::run::run;
    use crate::core::sim::sweep::sweep;

    /// Two optimizers × two batch sizes × two seeds, with a warmup and a decay; 150 updates on
    /// the quadratic, 30 on the (slower) MLP.
    fn input(task: Task, lr: &'static str) -> SimInput {
        let steps = if matches!(task, Task::Nqm { .. }) {
            "150"
        } else {
            "30"
        };
        let mut i = SimText {
            opts: "sgd,adam",
            bs: "2,16",
            lr,
            steps,
            seeds: "2",
            sched: "cosine",
            warmup: "4",
            ..SimText::DEFAULT
        }
        .parse_fields()
        .expect("valid inputs");
        i.task = task;
        i
    }

    /// Runs `plan` on `k` simulated workers: each takes a batch ([`Plan::next_batch`] with
    /// `max_work`) when free, and the next to finish is drawn at random, so batches finish in a
    /// shuffled order. Every batch and every reply goes through the wire encoding, and progress
    /// is read between the cells of a batch. Returns the parts in the order they completed.
    fn pooled(
        mut plan: Plan,
        problem: &dyn Problem,
        k: usize,
        order: u64,
        max_work: f64,
    ) -> Vec<Finished> {
        let mut rng = SimRng::new(order);
        let mut out = plan.finished();
        let mut busy: Vec<Vec<u8>> = Vec::new();
        let mut fraction = (true, 0.0);
        loop {
            while busy.len() < k {
                let cells = plan.next_batch(max_work, k);
                if cells.is_empty() {
                    break;
                }
                let work: f64 = cells.iter().map(|(_, c)| c.work(plan.task())).sum();
                assert!(
                    cells.len() == 1 || work <= max_work,
                    "{} cells, {work}",
                    cells.len()
                );
                let request = Request {
                    job: 7,
                    task: plan.task(),
                    noise: plan.input().noise,
                    data_seed: 1,
                    cells,
                };
                busy.push(encode(&request));
            }
            if busy.is_empty() {
                break;
            }
            let pick = (rng.next_u64() % busy.len() as u64) as usize;
            let request: Request = decode(&busy.swap_remove(pick)).expect("a batch");
            let ids: Vec<usize> = request.cells.iter().map(|c| c.0).collect();
            let mut outs = Vec::new();
            for (done, (id, cell)) in request.cells.iter().enumerate() {
                let mut last = 0;
                let result = run_cell(problem, cell, &mut |u| {
                    assert!(u > last && u <= cell.updates());
                    last = u;
                });
                let now = plan.progress(&batch_in_flight(&ids, done, last));
                assert!((0.0..=1.0).contains(&now.1), "fraction {now:?}");
                if now.0 == fraction.0 {
                    assert!(
                        now.1 >= fraction.1,
                        "progress only grows: {fraction:?} {now:?}"
                    );
                }
                fraction = now;
                outs.push((*id, result));
            }
            let reply = Reply::Done {
                job: request.job,
                ms: 1.0,
                outs,
            };
            let Some(Reply::Done { job: 7, outs, .. }) = decode(&encode(&reply)) else {
                panic!("a batch's results");
            };
            for (id, result) in outs {
                out.extend(plan.complete(id, result));
            }
        }
        assert!(plan.is_done(), "every part returned");
        out
    }

    /// The reference: the whole sweep at once, then each run at once, in order.
    fn whole(input: &SimInput, problem: &dyn Problem, sweeping: bool) -> Vec<Finished> {
        let mut out = Vec::new();
        let mut prior = None;
        if sweeping {
            let spec = input.sweep_spec();
            let r = sweep(problem, spec.clone());
            prior = Some(r.clone());
            out.push(Finished::Sweep(spec, r));
        }
        let specs = input.run_specs(prior.as_ref());
        let meta = specs
            .iter()
            .map(|(o, b, s)| (*o, *b, s.schedule.peak_lr))
            .collect();
        out.push(Finished::Runs(
            meta,
            specs.iter().map(|(_, _, s)| run(problem, s)).collect(),
        ));
        out
    }

    /// The pooled path gives bit for bit the results of the whole sweep and the runs done in one
    /// place, whatever the number of workers (1, 2, 3, 8), the size of their batches (one cell,
    /// a few, [`BATCH_WORK`], unbounded) and the order batches finish in: on the quadratic and on
    /// the MLP, with rates from the sweep (`auto`, so the runs depend on it) and with fixed rates.
    #[test]
    fn pooled_results_do_not_depend_on_workers_or_order() {
        for task in [
            Task::Nqm { dim: 20 },
            Task::Mlp {
                n: 24,
                label_noise: 0.0,
            },
        ] {
            let problem = task.build(1).expect("a problem");
            for lr in ["auto", ""] {
                let input = input(task, lr);
                let reference = whole(&input, problem.as_ref(), true);
                assert!(
                    matches!(&reference[0], Finished::Sweep(_, r) if r.noise.is_some()),
                    "{task:?}: the noise is measured"
                );
                let pools: &[(usize, u64, f64)] = match task {
                    Task::Nqm { .. } => &[
                        (1, 1, 0.0),
                        (2, 2, BATCH_WORK),
                        (2, 3, 0.0),
                        (2, 9, 1e4),
                        (3, 4, 1e4),
                        (8, 5, f64::INFINITY),
                    ],
                    _ => &[(1, 1, 0.0), (3, 4, BATCH_WORK)],
                };
                for &(k, order, max_work) in pools {
                    let plan = Plan::new(input.clone(), true, true, None);
                    let got = pooled(plan, problem.as_ref(), k, order, max_work);
                    assert_eq!(
                        got, reference,
                        "{task:?}, lr {lr:?}, {k} workers, batches of {max_work}"
                    );
                }
            }
        }
    }

    /// Runs alone, with rates from an earlier sweep, and a sweep alone.
    #[test]
    fn runs_alone_and_sweep_alone() {
        let task = Task::Nqm { dim: 20 };
        let problem = task.build(1).expect("a problem");
        let input = input(task, "auto");
        let reference = whole(&input, problem.as_ref(), true);
        let Finished::Sweep(_, prior) = &reference[0] else {
            panic!("a sweep first");
        };
        for k in [1, 4] {
            let plan = Plan::new(input.clone(), false, true, Some(prior.clone()));
            assert!(!plan.sweeps());
            let got = pooled(plan, problem.as_ref(), k, 7, BATCH_WORK);
            assert_eq!(got.as_slice(), &reference[1..]);
            let plan = Plan::new(input.clone(), true, false, None);
            let got = pooled(plan, problem.as_ref(), k, 8, BATCH_WORK);
            assert_eq!(got.as_slice(), &reference[..1]);
        }
        // Without a sweep to take `auto` rates from, there are no runs: the job is complete at once.
        let mut plan = Plan::new(input.clone(), false, true, None);
        assert!(plan.next_cell().is_none());
        assert_eq!(
            plan.finished(),
            vec![Finished::Runs(Vec::new(), Vec::new())]
        );
        assert!(plan.is_done());
    }

    /// A result stays in place when given again, or given for the wrong kind of cell; progress
    /// counts finished and running updates of the current stage.
    #[test]
    fn bad_completions_are_ignored_and_progress_adds_up() {
        let task = Task::Nqm { dim: 20 };
        let problem = task.build(1).expect("a problem");
        let mut plan = Plan::new(input(task, ""), false, true, None);
        let (id, cell) = plan.next_cell().expect("a run");
        assert_eq!(plan.progress(&[]), (false, 0.0));
        let (_, half) = plan.progress(&[(id, 20)]);
        // 2 optimizers × 2 batch sizes × 2 seeds × 150 updates.
        assert_eq!(half, 20.0 / 1200.0);
        let out = run_cell(problem.as_ref(), &cell, &mut |_| {});
        assert!(
            plan.complete(
                id,
                CellOut::Noise(NoiseStats::from_parts(1.0, 1.0, None, 1))
            )
            .is_empty()
        );
        assert!(plan.complete(99, out.clone()).is_empty());
        assert!(plan.complete(id, out.clone()).is_empty());
        assert_eq!(plan.progress(&[]), (false, 150.0 / 1200.0));
        assert!(plan.complete(id, out).is_empty());
        assert_eq!(plan.progress(&[]), (false, 150.0 / 1200.0));
    }

    /// The divisor study as a worker cell (spec and result through the wire encoding) gives bit
    /// for bit the study computed in one place, on both noise models and with Hutchinson's
    /// estimator; off the quadratic there is no cell.
    #[test]
    fn divisor_cell_matches_the_direct_study() {
        let bits = |s: &DivisorStudy| {
            let mut v: Vec<u64> = s.h.iter().map(|x| x.to_bits()).collect();
            for r in &s.readings {
                v.extend(r.divisors.iter().map(|x| x.to_bits()));
                v.extend(r.slope.iter().chain(&r.clipped).map(|x| x.to_bits()));
            }
            v.push(s.warmth.to_bits());
            v
        };
        for (noise, est, at) in [
            ("hessian", "gnb", None),
            ("isotropic", "gnb", Some(300)),
            ("hessian", "hutchinson", Some(57)),
        ] {
            let input = SimText {
                noise,
                options: crate::core::sim::options::OptionsText {
                    estimator: est,
                    ..SimText::DEFAULT.options
                },
                ..SimText::DEFAULT
            }
            .parse()
            .expect("valid inputs");
            let direct = divisor_study::study(&input, at).expect("a study");
            let spec = divisor_study::spec(&input, at).expect("a spec");
            let request = Request {
                job: 1,
                task: input.task,
                noise: input.noise,
                data_seed: 1,
                cells: vec![(0, Cell::Divisor(spec))],
            };
            let back: Request = decode(&encode(&request)).expect("a request");
            assert_eq!(back, request);
            let [(0, cell)] = back.cells.as_slice() else {
                panic!("one cell");
            };
            let problem = back.task.build(1).expect("a problem");
            let out = run_cell(problem.as_ref(), cell, &mut |_| {});
            let Some(CellOut::Divisor(Some(pooled))) = decode::<CellOut>(&encode(&out)) else {
                panic!("a divisor study");
            };
            assert_eq!(bits(&pooled), bits(&direct), "{noise} {est} {at:?}");
            assert_eq!(pooled, direct);
            assert_eq!(cell.updates(), direct.update);
        }
        let soft = SimText {
            task: "softmax",
            ..SimText::DEFAULT
        }
        .parse_fields()
        .expect("valid inputs");
        assert!(divisor_study::spec(&soft, None).is_none());
    }

    /// Every `f64` crosses the boundary as its bits, NaN and infinities included.
    #[test]
    fn the_wire_keeps_exact_bits() {
        let t = Trajectory {
            batch_size: 3,
            train_size: None,
            loss: vec![
                0.1 + 0.2,
                f64::INFINITY,
                f64::NAN,
                -0.0,
                f64::MIN_POSITIVE / 3.0,
            ],
            evals: Vec::new(),
            diverged_at: Some(1),
            stopped_at_target: None,
        };
        let back: CellOut = decode(&encode(&CellOut::Run(t.clone()))).expect("decodes");
        let CellOut::Run(b) = back else {
            panic!("a run");
        };
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&b.loss), bits(&t.loss));
        assert_eq!(b.diverged_at, Some(1));
        assert!(decode::<Request>(&[1, 2, 3]).is_none());
    }

    /// Every message round-trips through the encoding unchanged: a batch of cells of each kind,
    /// and every reply (a batch's results included); bytes cut short do not decode.
    #[test]
    fn messages_round_trip() {
        let task = Task::Nqm { dim: 20 };
        let problem = task.build(1).expect("a problem");
        let mut plan = Plan::new(input(task, "auto"), true, true, None);
        let mut cells = Vec::new();
        while let Some((id, cell)) = plan.next_cell() {
            let out = run_cell(problem.as_ref(), &cell, &mut |_| {});
            cells.push((id, cell));
            plan.complete(id, out);
        }
        for kind in [Slot::Grid(0), Slot::Noise, Slot::Run(0)] {
            let same = |id: &usize| {
                plan.cells.get(*id).map(|c| std::mem::discriminant(&c.0))
                    == Some(std::mem::discriminant(&kind))
            };
            assert!(cells.iter().any(|(id, _)| same(id)), "{kind:?} cells");
        }
        let request = Request {
            job: u64::MAX,
            task,
            noise: NoiseModel::Isotropic,
            data_seed: 3,
            cells: cells.clone(),
        };
        let bytes = encode(&request);
        assert_eq!(decode::<Request>(&bytes), Some(request));
        assert!(decode::<Request>(&bytes[..bytes.len() - 1]).is_none());
        let outs: Vec<(usize, CellOut)> = cells
            .iter()
            .map(|(id, c)| (*id, run_cell(problem.as_ref(), c, &mut |_| {})))
            .collect();
        for reply in [
            Reply::Ready,
            Reply::Progress {
                job: 2,
                done: 3,
                updates: 64,
            },
            Reply::Done {
                job: 2,
                ms: 0.25,
                outs,
            },
            Reply::Failed { job: 2 },
        ] {
            assert_eq!(decode::<Reply>(&encode(&reply)), Some(reply));
        }
    }

    /// Batches hold whole cells within the work asked for (more than one only when they fit),
    /// shrink towards the end of the queue, and hand out every cell once.
    #[test]
    fn batches_fit_their_work_and_shrink_at_the_end() {
        // The default sweep of the Simulator: 6 optimizers × 7 batch sizes × 13 rates on d = 100.
        let input = SimText::DEFAULT.parse_fields().expect("valid inputs");
        let mut plan = Plan::new(input, true, false, None);
        let grid = plan.cells.len();
        let unit = plan
            .cells
            .first()
            .map(|c| c.1.work(plan.task()))
            .unwrap_or(0.0);
        assert!(
            unit > 0.0 && unit < BATCH_WORK / 2.0,
            "a grid cell is small: {unit}"
        );
        let mut sizes = Vec::new();
        let mut seen = vec![false; grid];
        loop {
            let batch = plan.next_batch(BATCH_WORK, 2);
            if batch.is_empty() {
                break;
            }
            let work: f64 = batch.iter().map(|(_, c)| c.work(plan.task())).sum();
            assert!(work <= BATCH_WORK, "{work}");
            for (id, _) in &batch {
                assert!(
                    !std::mem::replace(&mut seen[*id], true),
                    "cell {id} given twice"
                );
            }
            sizes.push(batch.len());
        }
        assert!(seen.iter().all(|&s| s), "every cell handed out");
        assert_eq!(sizes.first(), Some(&((BATCH_WORK / unit) as usize)));
        assert_eq!(sizes.last(), Some(&1));
        assert!(sizes.windows(2).all(|w| w[1] <= w[0]), "{sizes:?}");
        assert!(
            sizes.len() < grid / 4,
            "{} messages for {grid} cells",
            sizes.len()
        );
    }

    /// The noise measurement is handed out as soon as the grid runs it reads are in, ahead of
    /// the rest of the grid, and the result is the same as measured after the grid.
    #[test]
    fn the_noise_measurement_runs_beside_the_grid() {
        let task = Task::Nqm { dim: 20 };
        let problem = task.build(1).expect("a problem");
        let input = input(task, "");
        let reference = whole(&input, problem.as_ref(), true);
        let mut plan = Plan::new(input, true, false, None);
        let spec = plan
            .sweep
            .as_ref()
            .map(|s| s.spec.clone())
            .expect("a sweep");
        let rates = spec.grid.values().len();
        let grid = plan.cells.len();
        let mut order = Vec::new();
        let mut out = Vec::new();
        while let Some((id, cell)) = plan.next_cell() {
            order.push(plan.cells.get(id).map(|c| c.0));
            let result = run_cell(problem.as_ref(), &cell, &mut |_| {});
            out.extend(plan.complete(id, result));
        }
        assert_eq!(order.len(), grid + 1);
        assert_eq!(order.get(rates), Some(&Some(Slot::Noise)), "{order:?}");
        let first = spec.noise_cell().expect("a noise cell");
        for slot in order.iter().take(rates) {
            let Some(Slot::Grid(k)) = slot else {
                panic!("{slot:?}");
            };
            assert_eq!(plan.sweep.as_ref().map(|s| s.grid[*k].0), Some(first));
        }
        assert_eq!(out.as_slice(), &reference[..1]);
    }
}
