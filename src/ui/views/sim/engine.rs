//! Runs the simulation without freezing the page: a pool of background workers ([`super::pool`])
//! computes the job's cells (one run each, [`Plan`]) and the page only hands them out, in
//! batches, and shows the results, in the plan's order, one result per task. The page's thread runs no simulation:
//! where no worker can start, the job ends at once with [`Status::NoWorkers`] and the page says
//! so. A generation counter cancels a stale job: every start and every cancel bumps it, and a
//! result of a job that is no longer current is dropped (busy workers are also ended).

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

use crate::core::sim::input::SimInput;
use crate::core::sim::optim::OptimizerKind;
use crate::core::sim::pool::{Finished, Plan, Reply};
use crate::core::sim::run::Trajectory;
use crate::core::sim::seed_band::XAxis;
use crate::core::sim::sweep::{SweepResult, SweepSpec};

use super::pool::{Event, Handler, Pool};

/// Milliseconds of work per slice for work that runs on the page's thread in slices (the Data
/// view's experiments; the Simulator computes in workers only): a fifth of a 50 ms "long task",
/// so that the slices stay short on a phone several times slower than the machine they were
/// timed on (Lighthouse's mobile preset models one four times slower).
pub const SLICE_MS: f64 = 10.0;
/// The data set is drawn from this seed, so `seed` changes the runs, not the problem.
pub const DATA_SEED: u64 = 1;

thread_local! {
    static GENERATION: Cell<u64> = const { Cell::new(0) };
    static POOL: RefCell<PoolState> = const { RefCell::new(PoolState::Untried) };
    static JOB: RefCell<Option<PooledJob>> = const { RefCell::new(None) };
}

/// Whether the workers are up.
enum PoolState {
    /// Not started yet (the first job starts them).
    Untried,
    /// Running.
    Up(Pool),
    /// Could not start, or failed: nothing is computed.
    Down,
}

/// A result to show, one per task.
enum Publish {
    Sweep(Arc<SweepOut>),
    SweepLate(Arc<SweepOut>),
    Runs(Arc<RunsOut>),
}

/// The job the workers are computing.
struct PooledJob {
    generation: u64,
    plan: Plan,
    outbox: VecDeque<Publish>,
    draining: bool,
    start: f64,
    /// Milliseconds the workers spent on the job's cells.
    busy: f64,
}

fn bump_generation() -> u64 {
    GENERATION.with(|g| {
        let next = g.get().wrapping_add(1);
        g.set(next);
        next
    })
}

fn generation() -> u64 {
    GENERATION.with(Cell::get)
}

/// `performance.now()` in ms (0 where there is no window).
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// The runs of one (optimizer, batch size): one trajectory per seed.
#[derive(Debug, Clone)]
pub struct Group {
    /// The optimizer.
    pub opt: OptimizerKind,
    /// The batch size.
    pub batch: usize,
    /// The peak rate used.
    pub lr: f64,
    /// One trajectory per seed.
    pub runs: Vec<Trajectory>,
}

/// A finished set of runs.
#[derive(Debug, Clone)]
pub struct RunsOut {
    /// The inputs they were run with.
    pub input: SimInput,
    /// One group per (optimizer, batch size) that had a rate.
    pub groups: Vec<Group>,
}

/// A finished sweep.
#[derive(Debug, Clone)]
pub struct SweepOut {
    /// What was swept.
    pub spec: SweepSpec,
    /// The result.
    pub result: SweepResult,
}

/// What the current job is doing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Status {
    /// Nothing started yet.
    Idle,
    /// Computing runs (false) or the sweep (true), with the fraction done.
    Busy {
        /// Whether the sweep is being computed.
        sweep: bool,
        /// 0…1.
        fraction: f64,
    },
    /// Finished: ms spent computing (inside slices), and wall-clock ms from the first slice to
    /// the end.
    Done {
        /// Compute time.
        busy_ms: f64,
        /// Wall-clock time.
        wall_ms: f64,
    },
    /// Cancelled by the reader.
    Cancelled,
    /// No background worker could start (or one failed): nothing is computed.
    NoWorkers,
}

/// The signals the view reads, and the controls it calls. Cheap to copy.
#[derive(Clone, Copy)]
pub struct Engine {
    /// The current job's state.
    pub status: RwSignal<Status>,
    /// The last finished runs.
    pub runs: RwSignal<Option<Arc<RunsOut>>>,
    /// The last finished sweep.
    pub sweep: RwSignal<Option<Arc<SweepOut>>>,
    /// The same sweep, published one task later for the steps/examples charts, so the redraws a
    /// finished sweep causes are split over two tasks, each well under 50 ms.
    pub sweep_late: RwSignal<Option<Arc<SweepOut>>>,
    /// Where a finished sweep's measured noise scale is published for other views.
    pub published_noise: RwSignal<Option<f64>>,
    /// Background workers computing the current job; 0 when none could start.
    pub workers: RwSignal<usize>,
}

impl Engine {
    /// Fresh signals; finished sweeps publish their noise scale to `published_noise`.
    pub fn new(published_noise: RwSignal<Option<f64>>) -> Self {
        Engine {
            published_noise,
            status: RwSignal::new(Status::Idle),
            runs: RwSignal::new(None),
            sweep: RwSignal::new(None),
            sweep_late: RwSignal::new(None),
            workers: RwSignal::new(0),
        }
    }

    /// Stops the current job (its next slice does nothing).
    pub fn cancel(&self) {
        bump_generation();
        JOB.with(|j| j.borrow_mut().take());
        stop_busy_workers();
        if matches!(self.status.get_untracked(), Status::Busy { .. }) {
            self.status.set(Status::Cancelled);
        }
    }

    /// Starts a job for `input`, cancelling any other: the sweep first when `sweep` is asked for
    /// or the rates need one that is not at hand, then the runs when `runs` is asked for or
    /// the rates come from the new sweep.
    pub fn start(&self, input: SimInput, sweep: bool, runs: bool) {
        let generation = bump_generation();
        JOB.with(|j| j.borrow_mut().take());
        let spec = input.sweep_spec();
        let existing = self
            .sweep
            .get_untracked()
            .filter(|s| s.spec == spec && !sweep);
        let sweeps = sweep || (input.needs_sweep() && existing.is_none());
        let want_runs = runs || (input.needs_sweep() && sweeps);
        if let Some(size) = workers_ready(*self) {
            self.workers.set(size);
            let plan = Plan::new(
                input.clone(),
                sweeps,
                want_runs,
                existing.map(|s| s.result.clone()),
            );
            self.status.set(Status::Busy {
                sweep: plan.sweeps(),
                fraction: 0.0,
            });
            JOB.with(|j| {
                *j.borrow_mut() = Some(PooledJob {
                    generation,
                    plan,
                    outbox: VecDeque::new(),
                    draining: false,
                    start: now_ms(),
                    busy: 0.0,
                })
            });
            collect(*self, generation);
            pump();
            return;
        }
        self.workers.set(0);
        self.status.set(Status::NoWorkers);
    }
}

/// The workers, started on first use, with the busy ones replaced by fresh ones (their cells belong
/// to a job that is over); their number, or `None` where none can start.
fn workers_ready(engine: Engine) -> Option<usize> {
    POOL.with(|p| {
        let mut p = p.borrow_mut();
        if matches!(*p, PoolState::Untried) {
            let handler: Handler = Rc::new(move |i, serial, e| on_event(engine, i, serial, e));
            *p = Pool::new(handler).map_or(PoolState::Down, PoolState::Up);
        }
        let PoolState::Up(pool) = &mut *p else {
            return None;
        };
        if pool.stop_busy() {
            Some(pool.size())
        } else {
            pool.terminate();
            *p = PoolState::Down;
            None
        }
    })
}

fn stop_busy_workers() {
    POOL.with(|p| {
        if let Ok(mut p) = p.try_borrow_mut()
            && let PoolState::Up(pool) = &mut *p
            && !pool.stop_busy()
        {
            pool.terminate();
            *p = PoolState::Down;
        }
    });
}

/// Hands the current job's next cells to idle workers.
fn pump() {
    let generation = generation();
    JOB.with(|j| {
        POOL.with(|p| {
            let (Ok(mut j), Ok(mut p)) = (j.try_borrow_mut(), p.try_borrow_mut()) else {
                return;
            };
            if let (Some(job), PoolState::Up(pool)) = (j.as_mut(), &mut *p)
                && job.generation == generation
            {
                pool.pump(generation, &mut job.plan, DATA_SEED);
            }
        })
    });
}

/// What a worker said (ignored if the worker has been replaced since).
fn on_event(engine: Engine, worker: usize, serial: u64, event: Event) {
    let current = POOL.with(|p| match p.try_borrow().as_deref() {
        Ok(PoolState::Up(pool)) => pool.is_current(worker, serial),
        _ => false,
    });
    if !current {
        return;
    }
    match event {
        Event::Ready => {
            POOL.with(|p| {
                if let Ok(mut p) = p.try_borrow_mut()
                    && let PoolState::Up(pool) = &mut *p
                {
                    pool.set_ready(worker);
                }
            });
            pump();
        }
        Event::Failed => pool_failed(engine),
        Event::Reply(reply) => {
            POOL.with(|p| {
                if let Ok(mut p) = p.try_borrow_mut()
                    && let PoolState::Up(pool) = &mut *p
                {
                    pool.note(worker, &reply);
                }
            });
            let generation = generation();
            match reply {
                Reply::Done { job, ms, outs } if job == generation => {
                    JOB.with(|j| {
                        if let Ok(mut j) = j.try_borrow_mut()
                            && let Some(job) = j.as_mut()
                            && job.generation == generation
                        {
                            job.busy += ms;
                            for (id, out) in outs {
                                let finished = job.plan.complete(id, out);
                                queue(job, finished);
                            }
                        }
                    });
                    pump();
                    collect(engine, generation);
                }
                Reply::Progress { job, .. } if job == generation => collect(engine, generation),
                Reply::Failed { job, .. } if job == generation => pool_failed(engine),
                _ => {}
            }
        }
    }
}

/// The workers cannot go on: end them and the current job, and say so.
fn pool_failed(engine: Engine) {
    POOL.with(|p| {
        if let Ok(mut p) = p.try_borrow_mut() {
            if let PoolState::Up(pool) = &mut *p {
                pool.terminate();
            }
            *p = PoolState::Down;
        }
    });
    let job = JOB.with(|j| j.try_borrow_mut().ok().and_then(|mut j| j.take()));
    if job.is_some_and(|job| job.generation == generation()) {
        engine.workers.set(0);
        engine.status.set(Status::NoWorkers);
    }
}

/// Queues the finished parts of a job for showing.
fn queue(job: &mut PooledJob, finished: Vec<Finished>) {
    for f in finished {
        match f {
            Finished::Sweep(spec, result) => {
                job.outbox
                    .push_back(Publish::Sweep(Arc::new(SweepOut { spec, result })));
            }
            Finished::Runs(meta, trajs) => {
                let out = group(job.plan.input(), &meta, trajs);
                job.outbox.push_back(Publish::Runs(Arc::new(out)));
            }
        }
    }
}

/// Updates the progress of job `generation`, queues what it finished, and starts showing it.
fn collect(engine: Engine, generation: u64) {
    let in_flight = POOL.with(|p| match p.try_borrow().as_deref() {
        Ok(PoolState::Up(pool)) => pool.in_flight(generation),
        _ => Vec::new(),
    });
    let update = JOB.with(|j| {
        let mut j = j.try_borrow_mut().ok()?;
        let job = j.as_mut().filter(|job| job.generation == generation)?;
        let finished = job.plan.finished();
        queue(job, finished);
        let start_drain = !job.draining && (!job.outbox.is_empty() || job.plan.is_done());
        if start_drain {
            job.draining = true;
        }
        let (sweep, fraction) = job.plan.progress(&in_flight);
        Some((
            (!job.plan.is_done()).then_some(Status::Busy { sweep, fraction }),
            start_drain,
        ))
    });
    let Some((status, start_drain)) = update else {
        return;
    };
    if let Some(s) = status {
        engine.status.set(s);
    }
    if start_drain {
        later_task(move || drain(engine, generation));
    }
}

/// Shows one queued result of job `generation`, then schedules the next; once the job is
/// complete and everything shown, marks it done.
fn drain(engine: Engine, generation: u64) {
    enum Step {
        Show(Publish),
        Done(f64, f64),
        Idle,
    }
    let step = JOB.with(|j| {
        let Ok(mut j) = j.try_borrow_mut() else {
            return Step::Idle;
        };
        let Some(job) = j.as_mut().filter(|job| job.generation == generation) else {
            return Step::Idle;
        };
        if let Some(p) = job.outbox.pop_front() {
            Step::Show(p)
        } else if job.plan.is_done() {
            job.draining = false;
            Step::Done(job.busy, now_ms() - job.start)
        } else {
            job.draining = false;
            Step::Idle
        }
    });
    match step {
        Step::Show(p) => {
            match p {
                Publish::Sweep(out) => {
                    engine.sweep.set(Some(out.clone()));
                    if let Some(noise) = out.result.handover_critical_batch() {
                        engine.published_noise.set(Some(noise));
                    }
                    JOB.with(|j| {
                        if let Ok(mut j) = j.try_borrow_mut()
                            && let Some(job) = j.as_mut()
                        {
                            job.outbox.push_front(Publish::SweepLate(out));
                        }
                    });
                }
                Publish::SweepLate(out) => engine.sweep_late.set(Some(out)),
                Publish::Runs(out) => engine.runs.set(Some(out)),
            }
            later_task(move || drain(engine, generation));
        }
        Step::Done(busy_ms, wall_ms) => engine.status.set(Status::Done { busy_ms, wall_ms }),
        Step::Idle => {}
    }
}

/// Runs `f` in a task of its own (`setTimeout(0)`).
fn later_task(f: impl FnOnce() + 'static) {
    let callback = Closure::once_into_js(f);
    if let Some(w) = web_sys::window() {
        let _ =
            w.set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), 0);
    }
}

/// Whether two inputs give the same runs (they may differ in the chart axis only).
pub fn same_runs(a: &SimInput, b: &SimInput) -> bool {
    let steps = |i: &SimInput| SimInput {
        x: XAxis::Steps,
        ..i.clone()
    };
    steps(a) == steps(b)
}

/// Groups the trajectories (in spec order: optimizer, batch, seed) by (optimizer, batch).
fn group(
    input: &SimInput,
    meta: &[(OptimizerKind, usize, f64)],
    trajs: Vec<Trajectory>,
) -> RunsOut {
    let mut groups: Vec<Group> = Vec::new();
    for (&(opt, batch, lr), t) in meta.iter().zip(trajs) {
        match groups.last_mut() {
            Some(g) if g.opt == opt && g.batch == batch => g.runs.push(t),
            _ => groups.push(Group {
                opt,
                batch,
                lr,
                runs: vec![t],
            }),
        }
    }
    RunsOut {
        input: input.clone(),
        groups,
    }
}
