//! The divisor study computed by a background worker of its own ([`Solo`]): the panel asks for a
//! [`DivisorSpec`] and the result arrives in a signal, tagged with the spec it answers (a result
//! for an older spec is shown as stale until the current one arrives). Where no worker can start,
//! nothing is computed (the page says so, see the status bar).

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;

use crate::core::sim::divisor_study::{DivisorSpec, DivisorStudy};
use crate::core::sim::pool::{Cell as WorkCell, CellOut, Reply, Request};

use super::engine::DATA_SEED;
use super::pool::{Event, Handler, Solo};

/// A study and the spec it was computed for.
pub type Answer = Arc<(DivisorSpec, Option<DivisorStudy>)>;

enum State {
    Untried,
    Up(Box<Solo>),
    Down,
}

thread_local! {
    static SOLO: RefCell<State> = const { RefCell::new(State::Untried) };
    static ASKED: Cell<u64> = const { Cell::new(0) };
    static WANTED: RefCell<Option<DivisorSpec>> = const { RefCell::new(None) };
}

fn on_event(out: RwSignal<Option<Answer>>, serial: u64, event: Event) {
    let current = SOLO.with(|s| match s.try_borrow().as_deref() {
        Ok(State::Up(solo)) => solo.is_current(serial),
        _ => false,
    });
    if !current {
        return;
    }
    let reply = match event {
        Event::Ready => Reply::Ready,
        Event::Reply(r) => r,
        Event::Failed => {
            SOLO.with(|s| {
                if let Ok(mut s) = s.try_borrow_mut() {
                    if let State::Up(solo) = &*s {
                        solo.terminate();
                    }
                    *s = State::Down;
                }
            });
            return;
        }
    };
    SOLO.with(|s| {
        if let Ok(mut s) = s.try_borrow_mut()
            && let State::Up(solo) = &mut *s
        {
            solo.note(&reply);
        }
    });
    if let Reply::Done { job, outs, .. } = reply
        && job == ASKED.with(Cell::get)
        && let Some((_, CellOut::Divisor(study))) = outs.into_iter().next()
        && let Some(spec) = WANTED.with(|w| w.borrow().clone())
    {
        out.set(Some(Arc::new((spec, study))));
    }
}

/// Asks for the study of `spec` (nothing for `None`); its answer lands in `out`.
pub fn request(spec: Option<DivisorSpec>, out: RwSignal<Option<Answer>>) {
    let Some(spec) = spec else {
        return;
    };
    let job = ASKED.with(|a| {
        let next = a.get().wrapping_add(1);
        a.set(next);
        next
    });
    WANTED.with(|w| *w.borrow_mut() = Some(spec.clone()));
    SOLO.with(|s| {
        let Ok(mut s) = s.try_borrow_mut() else {
            return;
        };
        if matches!(*s, State::Untried) {
            let handler: Handler = Rc::new(move |_, serial, e| on_event(out, serial, e));
            *s = Solo::new(handler).map_or(State::Down, |solo| State::Up(Box::new(solo)));
        }
        let State::Up(solo) = &mut *s else {
            return;
        };
        let request = Request {
            job,
            task: crate::core::sim::config::Task::Nqm { dim: spec.dim },
            noise: spec.noise,
            data_seed: DATA_SEED,
            cells: vec![(0, WorkCell::Divisor(spec))],
        };
        if !solo.send(request) {
            solo.terminate();
            *s = State::Down;
        }
    });
}
