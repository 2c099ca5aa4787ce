//! The Simulator view: noisy training runs for several optimizers and batch sizes, a learning-rate
//! sweep, and the critical batch, computed by background workers ([`engine`]).
//!
//! Its URL keys are declared in `core::params::sim`.

mod cells_table;
mod controls;
mod divisor_job;
mod divisor_panel;
pub mod engine;
mod gen_panel;
mod loss_panel;
mod noise_figures;
mod opts_field;
mod pool;
mod status_bar;
mod sweep_panel;
mod target_panel;

use leptos::prelude::*;

use self::cells_table::CellsTable;
use self::controls::SimControls;
use self::divisor_panel::DivisorPanel;
use self::engine::Engine;
use self::gen_panel::GenPanel;
use self::loss_panel::LossPanel;
use self::noise_figures::NoiseFigures;
use self::status_bar::StatusBar;
use self::sweep_panel::SweepPanel;
use self::target_panel::TargetPanel;
use crate::core::error::InputError;
use crate::core::params::ParamSpec;
use crate::core::sim::config::Task;
use crate::core::sim::input::SimInput;
use crate::core::sim::seed_band::XAxis;
use crate::ui::components::checked::Checked;
use crate::ui::components::later::later;
use crate::ui::i18n::texts;
pub use crate::ui::params::sim::SimParams;
use crate::ui::state::AppState;

/// What the view's parts share.
#[derive(Clone, Copy)]
pub struct SimCtx {
    /// The inputs.
    pub p: SimParams,
    /// The parsed inputs, the last valid ones (kept while the text is invalid) and the stale flag.
    pub checked: Checked<SimInput>,
    /// The work scheduler and its results.
    pub engine: Engine,
}

impl SimCtx {
    /// The error of the field `spec` declares, if any.
    pub fn error(&self, spec: &'static ParamSpec) -> Signal<Option<InputError>> {
        self.checked.error(spec)
    }

    /// The x axis to draw with.
    pub fn x_axis(&self) -> XAxis {
        self.checked
            .shown
            .with(|s| s.as_ref().map_or(XAxis::Steps, |i| i.x))
    }
}

/// Which notes speak of the quadratic only (its stability cap 2/h_max and noise floor): shown
/// only while the problem is the quadratic.
const NOTE_NQM_ONLY: [bool; 5] = [true, false, false, false, true];

/// The view as a page's content (see `ui::mount`).
pub fn page() -> AnyView {
    view! { <SimView/> }.into_any()
}

/// The Simulator view.
#[component]
pub fn SimView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let p = state.sim;
    let strings = move || texts(state.lang.get());
    let checked = Checked::new(move || p.parse());
    let (parsed, shown) = (checked.result, checked.shown);
    let engine = Engine::new(state.measured_noise);
    let ctx = SimCtx { p, checked, engine };
    provide_context(ctx);
    // What the runs depend on: everything but the chart axis and the sweep chart's choice.
    let run_input: Memo<Option<SimInput>> = Memo::new(move |_| {
        parsed.with(|r| {
            r.as_ref().ok().map(|i| SimInput {
                x: XAxis::Steps,
                ..i.clone()
            })
        })
    });
    // Starting a job touches the outside world (timers), so it lives in an effect.
    Effect::new(move |_| {
        if let Some(input) = run_input.get() {
            engine.start(input, false, true);
        }
    });
    on_cleanup(move || engine.cancel());
    let stale = checked.stale;

    view! {
        <section class="view sim-view" data-testid="view-sim">
            <header class="view-head">
                <h2>{move || strings().sim().title}</h2>
                <p class="lead">{move || strings().sim().lead}</p>
            </header>
            <div class="view-body">
                <SimControls/>
                <div class="results" aria-live="polite">
                    <p class="stale-badge" class:hidden=move || !stale.get()>{move || strings().shell().stale}</p>
                    <StatusBar/>
                    <LossPanel/>
                    {later(move || view! {
                        <CellsTable/>
                        <GenPanel/>
                        <NoiseFigures/>
                        <SweepPanel/>
                        <TargetPanel/>
                        <DivisorPanel/>
                    }.into_any())}
                </div>
            </div>
            {later(move || view! {
                <section class="notes">
                    <h3>{move || strings().sim().notes_title}</h3>
                    {move || {
                        let nqm = shown.with(|s| s.as_ref().is_none_or(|i| matches!(i.task, Task::Nqm { .. })));
                        strings().sim().notes.iter().zip(NOTE_NQM_ONLY).filter(move |(_, only)| nqm || !only).map(|((h, body), _)| view! { <div class="note"><h4>{*h}</h4><p>{*body}</p></div> }).collect_view()
                    }}
                </section>
            }.into_any())}
        </section>
    }
}

/// The name of an exported Simulator chart file (without `batch-lab_` and the extension): the
/// chart, the task, the optimizers, the batch sizes and the updates, e.g.
/// `sim_loss_nqm_sgd-momentum-adam_bs16-128-1024_steps800`.
pub(crate) fn file_stem(p: &SimParams, chart: &str) -> String {
    format!(
        "sim_{chart}_{}_{}_bs{}_steps{}",
        p.task.value.get().trim(),
        p.opts.value.get().trim(),
        p.bs.value.get().trim(),
        p.steps.value.get().trim()
    )
}
