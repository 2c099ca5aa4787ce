//! Runs the simulation in the page without freezing it: the work (a sweep, then the runs) is cut
//! into slices of about [`SLICE_MS`] ms, each scheduled with `setTimeout(0)`, so input events and
//! painting happen between slices. A generation counter cancels a stale job: every start and every
//! cancel bumps it, and a slice whose job is no longer current does nothing.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

use crate::core::sim::config::Task;
use crate::core::sim::input::SimInput;
use crate::core::sim::optim::OptimizerKind;
use crate::core::sim::problem::Problem;
use crate::core::sim::run::Trajectory;
use crate::core::sim::run_set::RunSet;
use crate::core::sim::seed_band::XAxis;
use crate::core::sim::sweep::{SweepResult, SweepSpec, SweepState};

/// Milliseconds of work per slice: a fifth of a 50 ms "long task", so that the slices stay short
/// on a phone several times slower than the machine they were timed on (Lighthouse's mobile
/// preset models one four times slower).
pub const SLICE_MS: f64 = 10.0;
/// The data set is drawn from this seed, so `seed` changes the runs, not the problem.
pub const DATA_SEED: u64 = 1;

thread_local! {
    static GENERATION: Cell<u64> = const { Cell::new(0) };
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
}

/// A run set and, per run, its (optimizer, batch size, rate).
type Runs = (RunSet, Vec<(OptimizerKind, usize, f64)>);

struct Job {
    generation: u64,
    problem: Box<dyn Problem>,
    input: SimInput,
    sweep: Option<SweepState>,
    sweep_out: Option<Arc<SweepOut>>,
    want_runs: bool,
    runs: Option<Runs>,
    /// Results computed but not yet shown: published alone at the start of the next slice, so
    /// the redraw they cause does not add to a slice's computing time.
    ready_sweep: Option<Arc<SweepOut>>,
    ready_sweep_late: Option<Arc<SweepOut>>,
    ready_runs: Option<Arc<RunsOut>>,
    /// Updates per `advance` call between clock checks.
    chunk: u64,
    start: f64,
    busy: f64,
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
        }
    }

    /// Stops the current job (its next slice does nothing).
    pub fn cancel(&self) {
        bump_generation();
        if matches!(self.status.get_untracked(), Status::Busy { .. }) {
            self.status.set(Status::Cancelled);
        }
    }

    /// Starts a job for `input`, cancelling any other: the sweep first when `sweep` is asked for
    /// or the rates need one that is not at hand, then the runs when `runs` is asked for or
    /// the rates come from the new sweep.
    pub fn start(&self, input: SimInput, sweep: bool, runs: bool) {
        let generation = bump_generation();
        let spec = input.sweep_spec();
        let existing = self
            .sweep
            .get_untracked()
            .filter(|s| s.spec == spec && !sweep);
        let sweep_state =
            (sweep || (input.needs_sweep() && existing.is_none())).then(|| SweepState::new(spec));
        let want_runs = runs || (input.needs_sweep() && sweep_state.is_some());
        let Ok(problem) = input.problem(DATA_SEED) else {
            self.status.set(Status::Idle);
            return;
        };
        let chunk = if matches!(input.task, Task::Nqm { .. }) {
            16
        } else {
            1
        };
        let job = Job {
            generation,
            problem,
            input,
            sweep: sweep_state,
            sweep_out: existing,
            want_runs,
            runs: None,
            ready_sweep: None,
            ready_sweep_late: None,
            ready_runs: None,
            chunk,
            start: now_ms(),
            busy: 0.0,
        };
        self.status.set(Status::Busy {
            sweep: job.sweep.is_some(),
            fraction: 0.0,
        });
        schedule(Rc::new(RefCell::new(job)), *self);
    }
}

fn schedule(job: Rc<RefCell<Job>>, engine: Engine) {
    let callback = Closure::once_into_js(move || {
        let Ok(mut j) = job.try_borrow_mut() else {
            return;
        };
        if j.generation != generation() {
            return;
        }
        let t0 = now_ms();
        if j.busy == 0.0 {
            j.start = t0;
        }
        let more = slice(&mut j, engine, t0 + SLICE_MS);
        j.busy += now_ms() - t0;
        if more {
            drop(j);
            schedule(job, engine);
        } else {
            engine.status.set(Status::Done {
                busy_ms: j.busy,
                wall_ms: now_ms() - j.start,
            });
        }
    });
    if let Some(w) = web_sys::window() {
        let _ =
            w.set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), 0);
    }
}

/// Works on `job` until `deadline`; false once it is complete (results published). A slice that
/// publishes a result does nothing else, and a slice that completes a phase stops there.
fn slice(job: &mut Job, engine: Engine, deadline: f64) -> bool {
    if let Some(out) = job.ready_sweep.take() {
        engine.sweep.set(Some(out.clone()));
        if let Some(noise) = out.result.handover_critical_batch() {
            engine.published_noise.set(Some(noise));
        }
        job.ready_sweep_late = Some(out);
        return true;
    }
    if let Some(out) = job.ready_sweep_late.take() {
        engine.sweep_late.set(Some(out));
        return true;
    }
    if let Some(out) = job.ready_runs.take() {
        engine.runs.set(Some(out));
        return false;
    }
    loop {
        if let Some(state) = job.sweep.as_mut() {
            if !state.advance(job.problem.as_ref(), job.chunk)
                && let Some(state) = job.sweep.take()
            {
                let spec = state.spec().clone();
                let result = state.finish(job.problem.as_ref());
                let out = Arc::new(SweepOut { spec, result });
                job.sweep_out = Some(out.clone());
                job.ready_sweep = Some(out);
                break;
            }
        } else if let Some((set, _)) = job.runs.as_mut() {
            if !set.advance(job.problem.as_ref(), job.chunk) {
                if let Some((set, meta)) = job.runs.take() {
                    let trajs = set.finish(job.problem.as_ref());
                    job.ready_runs = Some(Arc::new(group(&job.input, &meta, trajs)));
                }
                break;
            }
        } else if job.want_runs {
            job.want_runs = false;
            let sweep = job.sweep_out.as_ref().map(|s| &s.result);
            let specs = job.input.run_specs(sweep);
            let meta = specs
                .iter()
                .map(|(o, b, s)| (*o, *b, s.schedule.peak_lr))
                .collect();
            job.runs = Some((RunSet::new(specs.into_iter().map(|s| s.2).collect()), meta));
        } else {
            return false;
        }
        if now_ms() >= deadline {
            break;
        }
    }
    let status = if let Some(s) = job.sweep.as_ref() {
        let (done, total) = s.progress();
        Status::Busy {
            sweep: true,
            fraction: done as f64 / total.max(1) as f64,
        }
    } else if let Some((set, _)) = job.runs.as_ref() {
        let (done, total) = set.progress();
        Status::Busy {
            sweep: false,
            fraction: done as f64 / total.max(1) as f64,
        }
    } else {
        Status::Busy {
            sweep: false,
            fraction: 0.0,
        }
    };
    engine.status.set(status);
    true
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
