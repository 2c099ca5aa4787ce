//! An experiment's Run button, progress bar, Cancel button, status line and `<prefix>-done`
//! marker (`data-value` = ms spent computing).

use leptos::prelude::*;

use super::runner::Status;
use crate::ui::i18n::{Strings, fill, texts};
use crate::ui::state::AppState;

/// The bar above an experiment's results.
#[component]
pub fn RunBar(
    /// Test-id prefix: `<prefix>-run`, `-cancel`, `-progress`, `-status`, `-done`.
    prefix: &'static str,
    /// The runner's status.
    #[prop(into)]
    status: Signal<Status>,
    /// The Run button's label.
    label: fn(&'static Strings) -> &'static str,
    /// Whether the settings forbid a run.
    #[prop(into)]
    disabled: Signal<bool>,
    /// Starts a run.
    run: Callback<()>,
    /// Cancels it.
    cancel: Callback<()>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let strings = move || texts(state.lang.get());
    let busy = move || matches!(status.get(), Status::Busy(_));
    let text = move || {
        let t = strings().data_exp();
        match status.get() {
            Status::Idle => String::new(),
            Status::Busy(_) => t.running.to_string(),
            Status::Done(ms, _) => fill(t.done, &[("ms", &format!("{ms:.0}"))]),
            Status::Cancelled => t.cancelled.to_string(),
        }
    };
    let fraction = move || match status.get() {
        Status::Busy(f) => f,
        _ => 1.0,
    };
    let done = move || match status.get() {
        Status::Done(ms, wall) => Some(view! {
            <span class="sim-done" data-testid=format!("{prefix}-done") data-value=format!("{ms:.1}") data-wall=format!("{wall:.1}")></span>
        }),
        _ => None,
    };
    view! {
        <div class="sim-status exp-status" role="status">
            <button
                type="button"
                class="primary"
                data-testid=format!("{prefix}-run")
                disabled=move || busy() || disabled.get()
                on:click=move |_| run.run(())
            >
                {move || label(strings())}
            </button>
            <progress
                data-testid=format!("{prefix}-progress")
                aria-label=move || strings().data_exp().progress
                max="1"
                prop:value=fraction
                class:hidden=move || !busy()
            ></progress>
            <button type="button" data-testid=format!("{prefix}-cancel") class:hidden=move || !busy() on:click=move |_| cancel.run(())>
                {move || strings().data_exp().cancel}
            </button>
            <span class="sim-status-text" data-testid=format!("{prefix}-status")>{text}</span>
            {done}
        </div>
    }
}
