//! Runs an experiment's training runs in the page without freezing it, as the Simulator's engine
//! does: the work is cut into slices of about [`SLICE_MS`] ms, each scheduled with
//! `setTimeout(0)`, so input and painting happen between slices. Each slice builds the next run
//! (its data) or advances the current one by `Trainer::advance(n)`, with n doubled or halved so
//! that one call takes 1–4 ms. A generation number cancels a stale job: every start and every
//! cancel bumps it, and a slice of an older job does nothing.

use std::any::Any;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::marker::PhantomData;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

use crate::core::data_exp::trainer::Trainer;
use crate::ui::views::sim::engine::{SLICE_MS, now_ms};

/// Builds one run (its data sets): `None` when the settings give no run.
pub type Build = Box<dyn FnOnce() -> Option<Trainer>>;

/// What an experiment's runner is doing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Status {
    /// Nothing started yet.
    Idle,
    /// Working: fraction done (0…1).
    Busy(f64),
    /// Finished: ms spent computing inside slices, and wall-clock ms from the click to the end.
    Done(f64, f64),
    /// Cancelled by the reader.
    Cancelled,
}

/// A finished job: what it ran with (a `M` of its [`Runner`]) and its runs, in the order they
/// were built. The meta is stored type-erased so that every runner shares one signal type and
/// one copy of the scheduling code (the page's WebAssembly stays smaller).
pub struct Finished {
    meta: Box<dyn Any>,
    runs: Vec<Trainer>,
}

/// A runner: its status, its last finished job and the generation of its current job. Cheap to
/// copy.
pub struct Runner<M: 'static> {
    /// The current job's state.
    pub status: RwSignal<Status>,
    result: RwSignal<Option<Rc<Finished>>, LocalStorage>,
    generation: StoredValue<u64>,
    meta: PhantomData<fn() -> M>,
}

impl<M: 'static> Clone for Runner<M> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<M: 'static> Copy for Runner<M> {}

struct Job {
    generation: u64,
    meta: Option<Box<dyn Any>>,
    builds: VecDeque<Build>,
    /// Steps of all runs, for the progress.
    expected_steps: usize,
    current: Option<Trainer>,
    done: Vec<Trainer>,
    chunk: usize,
    busy: f64,
    start: f64,
}

/// The signals a job reports to (the same types for every runner).
#[derive(Clone, Copy)]
struct Sink {
    status: RwSignal<Status>,
    result: RwSignal<Option<Rc<Finished>>, LocalStorage>,
    generation: StoredValue<u64>,
}

impl<M: 'static> Runner<M> {
    /// A runner with nothing run yet.
    pub fn new() -> Self {
        Runner {
            status: RwSignal::new(Status::Idle),
            result: RwSignal::new_local(None),
            generation: StoredValue::new(0),
            meta: PhantomData,
        }
    }

    fn bump(&self) -> u64 {
        self.generation.update_value(|g| *g = g.wrapping_add(1));
        self.generation.get_value()
    }

    /// Stops the current job.
    pub fn cancel(&self) {
        self.bump();
        if matches!(self.status.get_untracked(), Status::Busy(_)) {
            self.status.set(Status::Cancelled);
        }
    }

    /// Reads the last finished job (tracked): what it ran with and its runs.
    pub fn with_result<R>(&self, f: impl FnOnce(Option<(&M, &[Trainer])>) -> R) -> R {
        self.result.with(|r| {
            f(r.as_ref()
                .and_then(|r| r.meta.downcast_ref::<M>().map(|m| (m, r.runs.as_slice()))))
        })
    }

    /// Whether there is a finished job (tracked).
    pub fn has_result(&self) -> bool {
        self.result.with(Option::is_some)
    }

    /// Starts a job of `builds` runs, each of about `steps_each` minibatches, with `meta`,
    /// cancelling any other.
    pub fn start(&self, meta: M, builds: Vec<Build>, steps_each: usize) {
        let generation = self.bump();
        let expected_steps = builds.len() * steps_each.max(1);
        let job = Job {
            generation,
            meta: Some(Box::new(meta)),
            builds: builds.into(),
            expected_steps,
            current: None,
            done: Vec::new(),
            chunk: 1,
            busy: 0.0,
            start: now_ms(),
        };
        self.status.set(Status::Busy(0.0));
        let sink = Sink {
            status: self.status,
            result: self.result,
            generation: self.generation,
        };
        schedule(Rc::new(RefCell::new(job)), sink);
    }
}

impl<M: 'static> Default for Runner<M> {
    fn default() -> Self {
        Self::new()
    }
}

fn schedule(job: Rc<RefCell<Job>>, runner: Sink) {
    let callback = Closure::once_into_js(move || {
        let Ok(mut j) = job.try_borrow_mut() else {
            return;
        };
        if runner.generation.try_get_value() != Some(j.generation) {
            return;
        }
        let t0 = now_ms();
        let more = slice(&mut j, t0 + SLICE_MS);
        j.busy += now_ms() - t0;
        if more {
            let steps_done: usize = j.done.iter().map(Trainer::step).sum::<usize>()
                + j.current.as_ref().map_or(0, Trainer::step);
            let fraction = steps_done as f64 / j.expected_steps.max(1) as f64;
            runner.status.set(Status::Busy(fraction.min(1.0)));
            drop(j);
            schedule(job, runner);
        } else {
            let runs = std::mem::take(&mut j.done);
            if let Some(meta) = j.meta.take() {
                runner.result.set(Some(Rc::new(Finished { meta, runs })));
            }
            runner.status.set(Status::Done(j.busy, now_ms() - j.start));
        }
    });
    if let Some(w) = web_sys::window() {
        let _ =
            w.set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), 0);
    }
}

/// Works on `job` until `deadline`; false once every run is finished. Building a run's data is
/// a step of its own: a slice that builds does nothing else.
fn slice(job: &mut Job, deadline: f64) -> bool {
    loop {
        match job.current.as_mut() {
            None => {
                let Some(build) = job.builds.pop_front() else {
                    return false;
                };
                job.current = build();
                return true;
            }
            Some(t) if t.done() => {
                if let Some(t) = job.current.take() {
                    job.done.push(t);
                }
            }
            Some(t) => {
                let t0 = now_ms();
                t.advance(job.chunk);
                let dt = now_ms() - t0;
                if dt < 1.0 {
                    job.chunk = (job.chunk * 2).min(1 << 16);
                } else if dt > 4.0 {
                    job.chunk = (job.chunk / 2).max(1);
                }
            }
        }
        if now_ms() >= deadline {
            return true;
        }
    }
}
