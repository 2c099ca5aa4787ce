//! Content built in a task after the page's first one.

use std::time::Duration;

use leptos::prelude::*;

/// Builds `build`'s content in a task of its own, queued when the page is built.
///
/// A view wraps in it what lies below its first screen on a phone (the Batch & LR view's later
/// sections and charts, the notes, ...): the page's start-up is then several tasks instead of one
/// long one, and Lighthouse's Total Blocking Time counts only what each task runs past 50 ms. What
/// is wrapped must not be above the first screen, or its arrival would push what is already shown.
pub fn later(build: impl FnOnce() -> AnyView + 'static) -> impl IntoView {
    let build = StoredValue::new_local(Some(build));
    let ready = RwSignal::new(false);
    set_timeout(move || ready.set(true), Duration::ZERO);
    // Only `ready` is tracked: building the content reads signals of its own.
    move || {
        ready
            .get()
            .then(|| untrack(|| build.try_update_value(Option::take).flatten().map(|f| f())))
            .flatten()
    }
}
