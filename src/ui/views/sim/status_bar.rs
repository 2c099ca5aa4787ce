//! Progress, cancel, the sweep button, and the `sim-done` marker with the compute time.

use leptos::prelude::*;

use super::SimCtx;
use super::engine::{Status, same_runs};
use crate::ui::i18n::{error_message, fill, texts};
use crate::ui::state::AppState;

/// The line above the charts.
#[component]
pub fn StatusBar() -> impl IntoView {
    let state = expect_context::<AppState>();
    let ctx = expect_context::<SimCtx>();
    let engine = ctx.engine;
    let strings = move || texts(state.lang.get());
    let busy = move || matches!(engine.status.get(), Status::Busy { .. });
    let sweeping = move || matches!(engine.status.get(), Status::Busy { sweep: true, .. });
    // The sweep has a cap of its own (13 rates per setting): over it, the button is off and the
    // message beside it says what to cut.
    let sweep_error = Memo::new(move |_| {
        ctx.checked
            .result
            .with(|r| r.as_ref().ok().and_then(|i| i.check_sweep().err()))
    });
    let run_sweep = move |_| {
        if let Ok(input) = ctx.checked.result.get_untracked() {
            let runs_current = engine
                .runs
                .get_untracked()
                .is_some_and(|r| same_runs(&r.input, &input));
            engine.start(input, true, !runs_current);
        }
    };
    let text = move || {
        let t = &strings().sim();
        match engine.status.get() {
            Status::Idle => String::new(),
            Status::Busy { sweep: true, .. } => t.status_sweep.to_string(),
            Status::Busy { sweep: false, .. } => t.status_runs.to_string(),
            Status::Done { busy_ms, wall_ms } => match engine.workers.get() {
                0 => fill(t.status_done, &[("ms", &format!("{busy_ms:.0}"))]),
                n => fill(
                    t.status_done_workers,
                    &[
                        ("wall", &format!("{wall_ms:.0}")),
                        ("n", &n.to_string()),
                        ("ms", &format!("{busy_ms:.0}")),
                    ],
                ),
            },
            Status::Cancelled => t.status_cancelled.to_string(),
            Status::NoWorkers => String::new(),
        }
    };
    let fraction = move || match engine.status.get() {
        Status::Busy { fraction, .. } => fraction,
        _ => 1.0,
    };
    let done = move || match engine.status.get() {
        Status::Done { busy_ms, wall_ms } => Some(view! {
            <span class="sim-done" data-testid="sim-done" data-value=format!("{busy_ms:.1}") data-wall=format!("{wall_ms:.1}")></span>
        }),
        _ => None,
    };
    let workers = move || engine.workers.get();
    let no_workers = move || {
        matches!(engine.status.get(), Status::NoWorkers)
            .then(|| view! { <p class="error" data-testid="sim-no-workers">{move || strings().sim().status_no_workers}</p> })
    };
    view! {
        <div class="sim-status" role="status" data-testid="sim-status-bar" data-workers=move || workers().to_string()>
            <button
                type="button"
                class="primary"
                data-testid="run-sweep"
                disabled=move || sweeping() || ctx.checked.result.with(Result::is_err) || sweep_error.with(Option::is_some)
                aria-describedby="sweep-error"
                on:click=run_sweep
            >
                {move || strings().sim().run_sweep}
            </button>
            <progress data-testid="sim-progress" max="1" prop:value=fraction class:hidden=move || !busy()></progress>
            <button type="button" data-testid="cancel" class:hidden=move || !busy() on:click=move |_| engine.cancel()>
                {move || strings().sim().cancel}
            </button>
            <span class="sim-status-text" data-testid="sim-status">{text}</span>
            {done}
            <p class="error" id="sweep-error" role="alert" data-testid="error-sweep">
                {move || sweep_error.get().map(|e| error_message(state.lang.get(), &e))}
            </p>
            {no_workers}
        </div>
    }
}
