//! The Simulator's worker module (not a page): started in a dedicated module worker by
//! `public/sim-worker.js`, it takes a batch of cells ([`batch_lab::core::sim::pool::Request`]) per
//! message, runs them in order ([`batch_lab::core::sim::pool::run_cell`]) and posts the batch's
//! results back in one message, with progress reports in between (at most one per
//! [`PROGRESS_MS`]). It links the simulation core only: no view, no Leptos, no charts.

use std::cell::RefCell;

use batch_lab::core::sim::config::Task;
use batch_lab::core::sim::input::problem_for;
use batch_lab::core::sim::nqm::NoiseModel;
use batch_lab::core::sim::pool::{Reply, Request, decode, encode, run_cell};
use batch_lab::core::sim::problem::Problem;
use js_sys::Uint8Array;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

/// The least time between two progress reports of a cell, in ms.
const PROGRESS_MS: f64 = 40.0;

/// A problem and what it was built from: (task, noise model, data seed).
type Built = ((Task, NoiseModel, u64), Box<dyn Problem>);

thread_local! {
    /// The last problem built: consecutive cells of a job share it.
    static PROBLEM: RefCell<Option<Built>> = const { RefCell::new(None) };
}

fn now(scope: &DedicatedWorkerGlobalScope) -> f64 {
    scope.performance().map_or(0.0, |p| p.now())
}

fn post(scope: &DedicatedWorkerGlobalScope, reply: &Reply) {
    let bytes = encode(reply);
    let _ = scope.post_message(&Uint8Array::from(bytes.as_slice()));
}

fn handle(scope: &DedicatedWorkerGlobalScope, bytes: &[u8]) {
    let Some(request) = decode::<Request>(bytes) else {
        return;
    };
    let job = request.job;
    PROBLEM.with(|slot| {
        let mut slot = slot.borrow_mut();
        let key = (request.task, request.noise, request.data_seed);
        if slot.as_ref().is_none_or(|(k, _)| *k != key) {
            *slot = problem_for(request.task, request.noise, request.data_seed)
                .ok()
                .map(|p| (key, p));
        }
        let Some((_, problem)) = slot.as_ref() else {
            post(scope, &Reply::Failed { job });
            return;
        };
        let start = now(scope);
        let mut last = start;
        let mut outs = Vec::with_capacity(request.cells.len());
        for (done, (id, cell)) in request.cells.iter().enumerate() {
            let out = run_cell(problem.as_ref(), cell, &mut |updates| {
                let t = now(scope);
                if t - last >= PROGRESS_MS {
                    last = t;
                    post(scope, &Reply::Progress { job, done, updates });
                }
            });
            outs.push((*id, out));
        }
        let ms = now(scope) - start;
        post(scope, &Reply::Done { job, ms, outs });
    });
}

fn main() {
    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else {
        return;
    };
    let inner = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        handle(&inner, &Uint8Array::new(&e.data()).to_vec());
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    post(&scope, &Reply::Ready);
}
