//! The pool of background workers that computes the Simulator's jobs: one dedicated module worker
//! per core (`navigator.hardwareConcurrency`, at most [`MAX_WORKERS`]), each running the worker
//! module (`src/bin/sim_worker.rs`, started by `public/sim-worker.js`, whose hashed URL is in
//! `<meta name="batch-lab-worker">`, written by `.ci/hash-pages.mjs`). The page hands out the cells
//! of a [`Plan`] to idle workers, a batch at a time ([`Plan::next_batch`], about [`BATCH_WORK`]
//! units each), and publishes the results in the plan's order, so they do not depend on how many
//! workers there are, how the cells were batched, or which finishes first.
//!
//! Cancelling terminates the workers that are busy (a cell cannot be interrupted from outside) and
//! starts fresh ones in their place, so a cancel takes effect at once. A worker that fails to
//! start or errs makes the pool unusable: the page then says so and computes nothing (its
//! thread runs no simulation). A worker whose module could not load says so with a message that
//! is not bytes (`public/sim-worker.js`), which counts as such a failure. [`Solo`] is one more
//! worker of the same module for the divisor study, so that chart never waits behind a long job.

use std::rc::Rc;

use js_sys::Uint8Array;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

use crate::core::sim::pool::{BATCH_WORK, Plan, Reply, Request, batch_in_flight, decode, encode};

/// The most workers (more rarely pays: the runs of a default job are a few dozen cells).
pub const MAX_WORKERS: usize = 8;

/// What a worker tells the engine.
pub enum Event {
    /// A worker's module is running (it may take cells now).
    Ready,
    /// A message about a cell.
    Reply(Reply),
    /// A worker failed (could not load, or threw).
    Failed,
}

struct Slot {
    worker: Worker,
    /// Which worker this is: events of a worker that was replaced carry an older serial.
    serial: u64,
    ready: bool,
    /// The batch out.
    busy: Option<Busy>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

/// A batch out to a worker.
struct Busy {
    job: u64,
    /// Its cells' ids, in the batch's order.
    ids: Vec<usize>,
    /// Cells of the batch finished.
    done: usize,
    /// Updates done by the cell running.
    updates: u64,
}

/// The workers. Events arrive through the handler given to [`Pool::new`].
pub struct Pool {
    url: String,
    slots: Vec<Slot>,
    handler: Handler,
    serial: u64,
}

/// Receives (worker index, worker serial, event).
pub type Handler = Rc<dyn Fn(usize, u64, Event)>;

/// The worker script's URL (from the page's `<meta name="batch-lab-worker">`, resolved against the
/// document's base), if the page has one and the browser has `Worker`.
pub fn worker_url() -> Option<String> {
    let window = web_sys::window()?;
    let has_worker = js_sys::Reflect::has(&window, &"Worker".into()).unwrap_or(false);
    if !has_worker {
        return None;
    }
    let doc = window.document()?;
    let meta = doc
        .query_selector("meta[name=\"batch-lab-worker\"]")
        .ok()??;
    let js = meta.get_attribute("data-js")?;
    let base = doc.base_uri().ok()??;
    web_sys::Url::new_with_base(&js, &base)
        .ok()
        .map(|u| u.href())
}

/// How many workers: one per logical core, 1…[`MAX_WORKERS`].
pub fn pool_size() -> usize {
    let n = web_sys::window().map_or(1.0, |w| w.navigator().hardware_concurrency());
    if n.is_finite() && n >= 1.0 {
        (n as usize).min(MAX_WORKERS)
    } else {
        1
    }
}

fn spawn(url: &str, index: usize, serial: u64, handler: &Handler) -> Option<Slot> {
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    let worker = Worker::new_with_options(url, &options).ok()?;
    let h = handler.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        // Replies are bytes; anything else is the start script saying the module did not load.
        let Ok(data) = e.data().dyn_into::<Uint8Array>() else {
            return h(index, serial, Event::Failed);
        };
        match decode::<Reply>(&data.to_vec()) {
            Some(Reply::Ready) => h(index, serial, Event::Ready),
            Some(reply) => h(index, serial, Event::Reply(reply)),
            None => h(index, serial, Event::Failed),
        }
    });
    let h = handler.clone();
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
        e.prevent_default();
        h(index, serial, Event::Failed)
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Some(Slot {
        worker,
        serial,
        ready: false,
        busy: None,
        _on_message: on_message,
        _on_error: on_error,
    })
}

impl Pool {
    /// Starts [`pool_size`] workers; `None` where the page has no worker script or the browser
    /// cannot start one. The handler receives every event.
    pub fn new(handler: Handler) -> Option<Pool> {
        let url = worker_url()?;
        let n = pool_size();
        let slots = (0..n)
            .map(|i| spawn(&url, i, i as u64, &handler))
            .collect::<Option<Vec<_>>>()?;
        Some(Pool {
            url,
            slots,
            handler,
            serial: n as u64,
        })
    }

    /// Whether worker `i` is the one with `serial` (not one since replaced).
    pub fn is_current(&self, i: usize, serial: u64) -> bool {
        self.slots.get(i).is_some_and(|s| s.serial == serial)
    }

    /// The number of workers.
    pub fn size(&self) -> usize {
        self.slots.len()
    }

    /// Ends every busy worker and starts a fresh one in its place (its cell's result will never
    /// come); false if a worker could not be started.
    pub fn stop_busy(&mut self) -> bool {
        let mut ok = true;
        for i in 0..self.slots.len() {
            let busy = self.slots.get(i).is_some_and(|s| s.busy.is_some());
            if !busy {
                continue;
            }
            if let Some(old) = self.slots.get(i) {
                old.worker.terminate();
            }
            self.serial += 1;
            match spawn(&self.url, i, self.serial, &self.handler) {
                Some(fresh) => {
                    if let Some(s) = self.slots.get_mut(i) {
                        *s = fresh;
                    }
                }
                None => ok = false,
            }
        }
        ok
    }

    /// Ends every worker.
    pub fn terminate(&mut self) {
        for s in self.slots.drain(..) {
            s.worker.terminate();
        }
    }

    /// Marks worker `i` ready.
    pub fn set_ready(&mut self, i: usize) {
        if let Some(s) = self.slots.get_mut(i) {
            s.ready = true;
        }
    }

    /// Records a progress report or the end of worker `i`'s batch.
    pub fn note(&mut self, i: usize, reply: &Reply) {
        let Some(s) = self.slots.get_mut(i) else {
            return;
        };
        s.note(reply);
    }

    /// The cells of `job` out now, as (id, updates done; a finished cell of a batch out counts
    /// in full).
    pub fn in_flight(&self, job: u64) -> Vec<(usize, u64)> {
        self.slots
            .iter()
            .filter_map(|s| s.busy.as_ref().filter(|b| b.job == job))
            .flat_map(|b| batch_in_flight(&b.ids, b.done, b.updates))
            .collect()
    }

    /// Hands the next batches of `plan` (job `job`) to the idle ready workers.
    pub fn pump(&mut self, job: u64, plan: &mut Plan, data_seed: u64) {
        let workers = self.slots.len();
        for s in &mut self.slots {
            if !s.ready || s.busy.is_some() {
                continue;
            }
            let cells = plan.next_batch(BATCH_WORK, workers);
            if cells.is_empty() {
                return;
            }
            s.send(&Request {
                job,
                task: plan.task(),
                noise: plan.input().noise,
                data_seed,
                cells,
            });
        }
    }
}

/// One worker of its own for a study that follows the inputs (the divisor chart): the latest
/// request wins, a worker still busy with an older one is replaced.
pub struct Solo {
    url: String,
    slot: Slot,
    handler: Handler,
    queued: Option<Request>,
}

impl Solo {
    /// Starts the worker; `None` where [`Pool::new`] would fail. Its events carry index 0.
    pub fn new(handler: Handler) -> Option<Solo> {
        let url = worker_url()?;
        let slot = spawn(&url, 0, 0, &handler)?;
        Some(Solo {
            url,
            slot,
            handler,
            queued: None,
        })
    }

    /// Whether `serial` is the current worker's.
    pub fn is_current(&self, serial: u64) -> bool {
        self.slot.serial == serial
    }

    /// Sends `request` once the worker is ready, replacing a worker busy with an older request;
    /// false if a fresh worker could not be started.
    pub fn send(&mut self, request: Request) -> bool {
        if self.slot.busy.is_some() {
            self.slot.worker.terminate();
            let serial = self.slot.serial + 1;
            match spawn(&self.url, 0, serial, &self.handler) {
                Some(fresh) => self.slot = fresh,
                None => return false,
            }
        }
        self.queued = Some(request);
        self.flush();
        true
    }

    /// The worker is ready, or has answered: send what waits.
    pub fn note(&mut self, reply: &Reply) {
        self.slot.note(reply);
        self.flush();
    }

    /// Ends the worker.
    pub fn terminate(&self) {
        self.slot.worker.terminate();
    }

    fn flush(&mut self) {
        if !self.slot.ready || self.slot.busy.is_some() {
            return;
        }
        if let Some(r) = self.queued.take() {
            self.slot.send(&r);
        }
    }
}

impl Slot {
    /// Posts `request` to the worker, which is busy with it until it answers.
    fn send(&mut self, request: &Request) {
        let bytes = encode(request);
        let _ = self
            .worker
            .post_message(&Uint8Array::from(bytes.as_slice()));
        self.busy = Some(Busy {
            job: request.job,
            ids: request.cells.iter().map(|c| c.0).collect(),
            done: 0,
            updates: 0,
        });
    }

    /// Records the worker's reply: progress of its batch, its end, or that it is ready.
    fn note(&mut self, reply: &Reply) {
        match *reply {
            Reply::Progress { job, done, updates } => {
                if let Some(b) = self.busy.as_mut()
                    && b.job == job
                {
                    b.done = done;
                    b.updates = updates;
                }
            }
            Reply::Done { job, .. } | Reply::Failed { job } => {
                if self.busy.as_ref().is_some_and(|b| b.job == job) {
                    self.busy = None;
                }
            }
            Reply::Ready => self.ready = true,
        }
    }
}
