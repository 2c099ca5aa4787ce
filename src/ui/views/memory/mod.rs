//! The Memory view: model, method and set-up → bytes per GPU at the peak, which cards fit, and
//! how close the estimate comes to published measurements.

mod config_paste;
mod figures;
mod gpu_list;
mod measured_table;
mod parts_chart;
mod parts_table;
mod select;
mod targets;

use leptos::prelude::*;

use crate::core::memory::byte_unit::ByteUnit;
use crate::core::memory::gpu::{GPU_KEYS, GPU_NAMES};
use crate::core::memory::model::{self, Family};
use crate::core::params::{ParamSpec, memory as M, steps as S};
use crate::ui::components::checked::Checked;
use crate::ui::components::choice_field::{ChoiceField, FlagField};
use crate::ui::components::later::later;
use crate::ui::components::num_field::NumField;
use crate::ui::i18n::{error_message, texts};
pub use crate::ui::params::memory::{Computed, MODEL_KEYS, MemoryParams};
use crate::ui::state::AppState;

use self::config_paste::ConfigPaste;
use self::figures::MemoryFigures;
use self::gpu_list::GpuList;
use self::measured_table::MeasuredTable;
use self::parts_chart::PartsChart;
use self::parts_table::PartsTable;
use self::select::WatchedChoice;
use self::targets::TargetsField;

/// URL words of the `zero` field.
const ZERO_KEYS: &[&str] = &["0", "1", "2", "3"];

/// The view as a page's content (see `ui::mount`).
pub fn page() -> AnyView {
    view! { <MemoryView/> }.into_any()
}

/// The Memory view.
#[component]
pub fn MemoryView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let p = state.memory;
    let strings = move || texts(state.lang.get());
    let checked = Checked::new(move || p.parse());
    let (shown, stale) = (checked.shown, checked.stale);
    view! {
        <section class="view view-memory" data-testid="view-memory">
            <header class="view-head">
                <h2>{move || strings().memory().title}</h2>
                <p class="lead">{move || strings().memory().lead}</p>
            </header>
            <div class="view-body">
                <form class="controls" aria-label=move || strings().shell().inputs on:submit=|ev| ev.prevent_default()>
                    <ModelFields checked=checked/>
                    <MethodFields checked=checked/>
                    <SetupFields checked=checked/>
                </form>
                {later(move || view! {
                    <div class="results" aria-live="polite">
                        <p class="stale-badge" class:hidden=move || !stale.get()>{move || strings().shell().stale}</p>
                        <MemoryFigures shown=shown stale=stale/>
                        <PartsChart shown=shown stale=stale/>
                        <PartsTable shown=shown/>
                        <GpuList shown=shown/>
                    </div>
                }.into_any())}
            </div>
            {later(move || view! {
                <MeasuredTable shown=shown/>
                <section class="notes">
                    <h3>{move || strings().memory().notes_title}</h3>
                    {move || strings().memory().notes.iter().map(|(h, body)| view! { <div class="note"><h4>{*h}</h4><p>{*body}</p></div> }).collect_view()}
                </section>
            }.into_any())}
        </section>
    }
}

/// A checkbox's error line: checkboxes have none of their own, so a bad URL value's message
/// goes under them.
#[component]
fn FlagError(checked: Checked<Computed>, spec: &'static ParamSpec) -> impl IntoView {
    let state = expect_context::<AppState>();
    let error = checked.error(spec);
    view! {
        <p class="error" role="alert" data-testid=format!("error-{}", spec.key)>
            {move || error.get().map(|e| error_message(state.lang.get(), &e))}
        </p>
    }
}

/// The model group: a preset, or a custom shape (and a config.json to paste).
#[component]
fn ModelFields(checked: Checked<Computed>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let p = state.memory;
    let e = move |spec: &'static ParamSpec| checked.error(spec);
    let is_custom = move || p.model.value.with(|v| v.trim() == "custom");
    let is_gpt2 = move || {
        p.family
            .value
            .with(|v| v.trim().eq_ignore_ascii_case("gpt2"))
    };
    let on_model = Callback::new(move |old: String| {
        // Choosing "custom" starts from the preset that was selected.
        if p.model.value.get_untracked().trim() == "custom"
            && let Ok(m) = model::preset(&old)
        {
            p.set_custom(&m);
        }
        p.keep_targets_valid();
    });
    let on_family = Callback::new(move |_old: String| p.keep_targets_valid());
    view! {
        <h3 class="group-title">{move || texts(state.lang.get()).memory().groups[0]}</h3>
        <WatchedChoice
            param=p.model
            text=|s| &s.memory().model
            keys=MODEL_KEYS
            labels=|s| &s.memory().model_names
            error=e(&M::MODEL)
            after=on_model
        />
        <Show when=is_custom>
            <div class="mem-custom">
                <WatchedChoice
                    param=p.family
                    text=|s| &s.memory().family
                    keys=Family::KEYS
                    labels=|s| &s.memory().family_names
                    error=e(&M::FAMILY)
                    after=on_family
                />
                <NumField param=p.hidden text=|s| &s.memory().hidden error=e(&M::HIDDEN)/>
                <NumField param=p.layers text=|s| &s.memory().layers error=e(&M::LAYERS)/>
                <NumField param=p.heads text=|s| &s.memory().heads error=e(&M::HEADS)/>
                <Show when=move || !is_gpt2() || e(&M::KV_HEADS).with(Option::is_some)>
                    <NumField param=p.kv_heads text=|s| &s.memory().kv_heads error=e(&M::KV_HEADS)/>
                </Show>
                <NumField param=p.head_dim text=|s| &s.memory().head_dim error=e(&M::HEAD_DIM)/>
                <NumField param=p.ffn text=|s| &s.memory().ffn error=e(&M::FFN)/>
                <NumField param=p.vocab text=|s| &s.memory().vocab error=e(&M::VOCAB)/>
                <FlagField param=p.tied text=|s| &s.memory().tied/>
                <FlagError checked=checked spec=&M::TIED/>
                // Shown for GPT-2, and whenever its value is wrong (it is read for every
                // custom model), so an error never hides.
                <Show when=move || is_gpt2() || e(&M::N_POSITIONS).with(Option::is_some)>
                    <NumField param=p.n_positions text=|s| &s.memory().n_positions error=e(&M::N_POSITIONS)/>
                </Show>
            </div>
        </Show>
        <ConfigPaste/>
    }
}

/// The method group: full fine-tuning, LoRA or QLoRA, and their settings.
#[component]
fn MethodFields(checked: Checked<Computed>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let p = state.memory;
    let e = move |spec: &'static ParamSpec| checked.error(spec);
    let has_lora = move || {
        p.method
            .value
            .with(|v| matches!(v.trim(), "lora" | "qlora"))
    };
    let is_qlora = move || p.method.value.with(|v| v.trim() == "qlora");
    view! {
        <h3 class="group-title">{move || texts(state.lang.get()).memory().groups[1]}</h3>
        <ChoiceField
            param=p.method
            text=|s| &s.memory().method
            keys=crate::core::memory::Method::KEYS
            labels=|s| &s.memory().method_names
            error=e(&M::METHOD)
        />
        <Show when=has_lora>
            <NumField param=p.r text=|s| &s.memory().r error=e(&M::R)/>
            <TargetsField error=e(&M::TARGETS)/>
        </Show>
        <Show when=is_qlora>
            <FlagField param=p.dq text=|s| &s.memory().dq/>
            <FlagError checked=checked spec=&M::DQ/>
        </Show>
    }
}

/// The precision, batch and parallelism groups, and the card and unit.
#[component]
fn SetupFields(checked: Checked<Computed>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let p = state.memory;
    let e = move |spec: &'static ParamSpec| checked.error(spec);
    let group = move |i: usize| move || texts(state.lang.get()).memory().groups[i];
    view! {
        <h3 class="group-title">{group(2)}</h3>
        <ChoiceField
            param=p.prec
            text=|s| &s.memory().prec
            keys=crate::core::memory::precision::Precision::KEYS
            labels=|s| &s.memory().prec_names
            error=e(&M::PREC)
        />
        <ChoiceField
            param=p.opt
            text=|s| &s.memory().opt
            keys=crate::core::memory::optimizer_state::Optimizer::KEYS
            labels=|s| &s.memory().opt_names
            error=e(&M::OPT)
        />

        <h3 class="group-title">{group(3)}</h3>
        <NumField param=p.mbs text=|s| &s.memory().mbs error=e(&S::MBS)/>
        <NumField param=p.seq text=|s| &s.memory().seq error=e(&S::SEQ)/>
        <NumField param=p.ga text=|s| &s.memory().ga error=e(&S::GA)/>
        <ChoiceField
            param=p.attn
            text=|s| &s.memory().attn
            keys=crate::core::memory::activations::Attention::KEYS
            labels=|s| &s.memory().attn_names
            error=e(&M::ATTN)
        />
        <ChoiceField
            param=p.ckpt
            text=|s| &s.memory().ckpt
            keys=crate::core::memory::activations::Checkpointing::KEYS
            labels=|s| &s.memory().ckpt_names
            error=e(&M::CKPT)
        />

        <h3 class="group-title">{group(4)}</h3>
        <NumField param=p.gpus text=|s| &s.memory().gpus error=e(&S::GPUS)/>
        <ChoiceField
            param=p.zero
            text=|s| &s.memory().zero
            keys=ZERO_KEYS
            labels=|s| &s.memory().zero_names
            error=e(&M::ZERO)
        />
        <ChoiceField
            param=p.gpu
            text=|s| &s.memory().gpu
            keys=GPU_KEYS
            labels=|_| GPU_NAMES
            error=e(&M::GPU)
        />
        <ChoiceField
            param=p.unit
            text=|s| &s.memory().unit
            keys=ByteUnit::KEYS
            labels=|s| &s.memory().unit_names
            error=e(&M::UNIT)
        />
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::memory::measured::ROWS;
    use crate::core::memory::model::PRESETS;
    use crate::ui::i18n::{EN, ZH};

    #[test]
    fn keys_and_labels_line_up() {
        // The model keys are the presets plus "custom", and every label table matches its keys.
        assert_eq!(&MODEL_KEYS[..PRESETS.len()], PRESETS);
        assert_eq!(MODEL_KEYS.len(), PRESETS.len() + 1);
        for s in [&EN, &ZH] {
            assert_eq!(s.memory().model_names.len(), MODEL_KEYS.len());
            assert_eq!(s.memory().measured_rows.len(), ROWS.len());
            assert_eq!(s.memory().family_names.len(), Family::KEYS.len());
        }
    }
}
