//! The Time & cost view: the shared scenario (model, method, precision, checkpointing, card and
//! GPUs from the Memory view; examples, epochs, sequence length and batch from the Steps view)
//! → FLOPs per token, FLOPs of the run, time, GPU-hours, energy and cost.

mod charts;
mod figures;
mod runs_table;

use leptos::prelude::*;

use crate::core::compute::flops::FlopsRule;
use crate::core::memory::Method;
use crate::core::memory::activations::Checkpointing;
use crate::core::memory::gpu::{GPU_KEYS, GPU_NAMES};
use crate::core::memory::precision::Precision;
use crate::core::params::compute as C;
use crate::core::params::memory as M;
use crate::core::params::steps as S;
use crate::ui::components::checked::Checked;
use crate::ui::components::choice_field::{ChoiceField, FlagField};
use crate::ui::components::later::later;
use crate::ui::components::num_field::NumField;
use crate::ui::i18n::{error_message, texts};
pub use crate::ui::params::compute::{ComputeParams, Computed};
use crate::ui::state::AppState;
use crate::ui::views::memory::MODEL_KEYS;

use self::charts::{BreakdownChart, GpusChart};
use self::figures::ComputeFigures;
use self::runs_table::RunsTable;

/// The view as a page's content (see `ui::mount`).
pub fn page() -> AnyView {
    view! { <ComputeView/> }.into_any()
}

/// The Time & cost view.
#[component]
pub fn ComputeView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let p = state.compute;
    let strings = move || texts(state.lang.get());
    let checked = Checked::new(move || p.parse());
    let (shown, stale) = (checked.shown, checked.stale);
    view! {
        <section class="view view-compute" data-testid="view-compute">
            <header class="view-head">
                <h2>{move || strings().compute().title}</h2>
                <p class="lead">{move || strings().compute().lead}</p>
            </header>
            <div class="view-body">
                <ComputeForm checked/>
                <div class="results" aria-live="polite">
                    <p class="stale-badge" class:hidden=move || !stale.get()>{move || strings().shell().stale}</p>
                    <ComputeFigures shown=shown stale=stale/>
                    {later(move || view! {
                        <GpusChart shown=shown stale=stale/>
                        <BreakdownChart shown=shown stale=stale/>
                    }.into_any())}
                </div>
            </div>
            {later(move || view! {
                <RunsTable/>
                <section class="notes">
                    <h3>{move || strings().compute().notes_title}</h3>
                    {move || strings().compute().notes.iter().map(|(h, body)| view! { <div class="note"><h4>{*h}</h4><p>{*body}</p></div> }).collect_view()}
                </section>
            }.into_any())}
        </section>
    }
}

/// The fields, in four groups: the model and method (the Memory view's), the data (the Steps
/// view's), the FLOPs count, and the hardware and price.
#[component]
fn ComputeForm(checked: Checked<Computed>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let p = state.compute;
    let (m, s) = (p.memory, p.steps);
    let strings = move || texts(state.lang.get());
    let causal_error = checked.error(&C::CAUSAL);
    view! {
        <form class="controls" aria-label=move || strings().shell().inputs on:submit=|ev| ev.prevent_default()>
            <p class="hint">{move || strings().compute().shared_note}</p>
            <h3 class="group-title">{move || strings().compute().groups[0]}</h3>
            <ChoiceField param=m.model text=|s| &s.compute().model keys=MODEL_KEYS labels=|s| &s.compute().model_names error=checked.error(&M::MODEL)/>
            <ChoiceField param=m.method text=|s| &s.compute().method keys=Method::KEYS labels=|s| &s.compute().method_names error=checked.error(&M::METHOD)/>
            <ChoiceField param=m.prec text=|s| &s.compute().prec keys=Precision::KEYS labels=|s| &s.compute().prec_names error=checked.error(&M::PREC)/>
            <ChoiceField param=m.ckpt text=|s| &s.compute().ckpt keys=Checkpointing::KEYS labels=|s| &s.compute().ckpt_names error=checked.error(&M::CKPT)/>

            <h3 class="group-title">{move || strings().compute().groups[1]}</h3>
            <NumField param=s.n text=|s| &s.compute().n error=checked.error(&S::N)/>
            <NumField param=s.epochs text=|s| &s.compute().epochs error=checked.error(&S::EPOCHS)/>
            <NumField param=s.seq text=|s| &s.compute().seq error=checked.error(&S::SEQ)/>
            <NumField param=s.mbs text=|s| &s.compute().mbs error=checked.error(&S::MBS)/>
            <NumField param=s.ga text=|s| &s.compute().ga error=checked.error(&S::GA)/>

            <h3 class="group-title">{move || strings().compute().groups[2]}</h3>
            <ChoiceField param=p.flops text=|s| &s.compute().flops keys=FlopsRule::KEYS labels=|s| &s.compute().flops_names error=checked.error(&C::FLOPS)/>
            <FlagField param=p.causal text=|s| &s.compute().causal/>
            <p class="error" role="alert" data-testid="error-causal">
                {move || causal_error.get().map(|e| error_message(state.lang.get(), &e))}
            </p>

            <h3 class="group-title">{move || strings().compute().groups[3]}</h3>
            <ChoiceField param=m.gpu text=|s| &s.compute().gpu keys=GPU_KEYS labels=|_| GPU_NAMES error=checked.error(&M::GPU)/>
            <NumField param=s.gpus text=|s| &s.compute().gpus error=checked.error(&S::GPUS)/>
            <NumField param=p.tflops text=|s| &s.compute().tflops error=checked.error(&C::TFLOPS)/>
            <NumField param=p.mfu text=|s| &s.compute().mfu error=checked.error(&C::MFU)/>
            <NumField param=p.price text=|s| &s.compute().price error=checked.error(&C::PRICE)/>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::compute::runs::RUNS;
    use crate::ui::i18n::{EN, ZH};

    #[test]
    fn label_tables_line_up() {
        for s in [&EN, &ZH] {
            let t = s.compute();
            assert_eq!(t.model_names.len(), MODEL_KEYS.len());
            assert_eq!(t.flops_names.len(), FlopsRule::KEYS.len());
            assert!(RUNS.len() <= 5);
        }
    }
}
