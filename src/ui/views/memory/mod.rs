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

use crate::core::error::{ErrorKind, InputError};
use crate::core::memory::byte_unit::ByteUnit;
use crate::core::memory::gpu::{GPU_KEYS, GPU_NAMES, Gpu};
use crate::core::memory::lora::{LoraConfig, MAX_RANK};
use crate::core::memory::model::{self, Family};
use crate::core::memory::{MemoryEstimate, MemoryInput};
use crate::core::units::{parse_count, parse_flag};
use crate::ui::components::choice_field::{ChoiceField, FlagField};
use crate::ui::components::later::later;
use crate::ui::components::num_field::NumField;
use crate::ui::i18n::{error_message, texts};
use crate::ui::state::{AppState, Param, ParamSet, Query};
use crate::ui::views::steps::StepsParams;

use self::config_paste::ConfigPaste;
use self::figures::MemoryFigures;
use self::gpu_list::GpuList;
use self::measured_table::MeasuredTable;
use self::parts_chart::PartsChart;
use self::parts_table::PartsTable;
use self::select::WatchedChoice;
use self::targets::TargetsField;

/// URL words of the `model` field: the presets, then `custom`.
pub const MODEL_KEYS: &[&str] = &[
    "gpt2",
    "llama-2-7b",
    "llama-2-13b",
    "llama-3-8b",
    "llama-3.2-1b",
    "llama-3.2-3b",
    "mistral-7b",
    "qwen2.5-0.5b",
    "qwen2.5-3b",
    "qwen2.5-7b",
    "custom",
];

/// URL words of the `zero` field.
const ZERO_KEYS: &[&str] = &["0", "1", "2", "3"];

/// The Memory view's URL parameters.
#[derive(Clone, Copy, Debug)]
pub struct MemoryParams {
    /// `model`: a preset or `custom`.
    pub model: Param,
    /// `family` (custom).
    pub family: Param,
    /// `hidden` (custom).
    pub hidden: Param,
    /// `layers` (custom).
    pub layers: Param,
    /// `heads` (custom).
    pub heads: Param,
    /// `kv_heads` (custom).
    pub kv_heads: Param,
    /// `head_dim` (custom, optional).
    pub head_dim: Param,
    /// `ffn` (custom).
    pub ffn: Param,
    /// `vocab` (custom).
    pub vocab: Param,
    /// `tied` (custom, 0/1).
    pub tied: Param,
    /// `n_positions` (custom GPT-2).
    pub n_positions: Param,
    /// `method`: full, lora, qlora.
    pub method: Param,
    /// `r`: LoRA rank.
    pub r: Param,
    /// `targets`: adapted modules (empty = PEFT default).
    pub targets: Param,
    /// `dq`: QLoRA double quantisation (0/1).
    pub dq: Param,
    /// `prec`: precision convention.
    pub prec: Param,
    /// `opt`: optimizer.
    pub opt: Param,
    /// `mbs`: micro-batch per GPU.
    pub mbs: Param,
    /// `seq`: sequence length.
    pub seq: Param,
    /// `ga`: gradient accumulation.
    pub ga: Param,
    /// `attn`: eager or flash.
    pub attn: Param,
    /// `ckpt`: none, selective, full.
    pub ckpt: Param,
    /// `gpus`: data-parallel GPUs (the Steps view's devices, shared).
    pub gpus: Param,
    /// `zero`: ZeRO stage.
    pub zero: Param,
    /// `gpu`: the chosen card.
    pub gpu: Param,
    /// `unit`: gb or gib.
    pub unit: Param,
}

/// A valid set of inputs and its estimate.
#[derive(Debug, Clone, PartialEq)]
pub struct Computed {
    /// The validated input.
    pub input: MemoryInput,
    /// Its estimate.
    pub est: MemoryEstimate,
    /// The chosen card.
    pub gpu: Gpu,
    /// The display unit.
    pub unit: ByteUnit,
}

impl MemoryParams {
    /// Reads the parameters from the query. Defaults tell a story: Llama-3-8B with PEFT's
    /// default LoRA on one 80 GB card. The micro-batch, sequence length and accumulation are the
    /// Steps view's own parameters (`mbs`, `seq`, `ga`, `gpus`): one scenario, one value, one URL
    /// key.
    pub fn new(q: &Query, steps: &StepsParams) -> Self {
        MemoryParams {
            model: Param::new("model", "llama-3-8b", q),
            family: Param::new("family", "llama", q),
            hidden: Param::new("hidden", "4096", q),
            layers: Param::new("layers", "32", q),
            heads: Param::new("heads", "32", q),
            kv_heads: Param::new("kv_heads", "8", q),
            head_dim: Param::new("head_dim", "", q),
            ffn: Param::new("ffn", "14336", q),
            vocab: Param::new("vocab", "128256", q),
            tied: Param::new("tied", "0", q),
            n_positions: Param::new("n_positions", "", q),
            method: Param::new("method", "lora", q),
            r: Param::new("r", "8", q),
            targets: Param::new("targets", "", q),
            dq: Param::new("dq", "1", q),
            prec: Param::new("prec", "bf16-master", q),
            opt: Param::new("opt", "adamw", q),
            mbs: steps.mbs,
            seq: steps.seq,
            ga: steps.ga,
            attn: Param::new("attn", "flash", q),
            ckpt: Param::new("ckpt", "none", q),
            gpus: steps.gpus,
            zero: Param::new("zero", "0", q),
            gpu: Param::new("gpu", "a100-80", q),
            unit: Param::new("unit", "gb", q),
        }
    }

    fn all(&self) -> [Param; 26] {
        [
            self.model,
            self.family,
            self.hidden,
            self.layers,
            self.heads,
            self.kv_heads,
            self.head_dim,
            self.ffn,
            self.vocab,
            self.tied,
            self.n_positions,
            self.method,
            self.r,
            self.targets,
            self.dq,
            self.prec,
            self.opt,
            self.mbs,
            self.seq,
            self.ga,
            self.attn,
            self.ckpt,
            self.gpus,
            self.zero,
            self.gpu,
            self.unit,
        ]
    }

    /// Parses the current text of every field (tracked) and estimates. The estimator reports
    /// its first bad field; the card and unit are checked as well.
    pub fn parse(&self) -> Result<Computed, Vec<InputError>> {
        let values: Vec<(&'static str, String)> =
            self.all().iter().map(|p| (p.key, p.value.get())).collect();
        let field = |k: &str| {
            values
                .iter()
                .find(|(key, _)| *key == k)
                .map(|(_, v)| v.as_str())
        };
        let mut errors = Vec::new();
        let model = field("model").unwrap_or("").trim().to_ascii_lowercase();
        let input = if MODEL_KEYS.contains(&model.as_str()) {
            MemoryInput::from_fields(|k| {
                if k == "model" {
                    Some(model.as_str())
                } else {
                    field(k)
                }
            })
            .map_err(|e| errors.push(e))
            .ok()
        } else {
            errors.push(InputError::new("model", ErrorKind::NotOneOf(MODEL_KEYS)));
            None
        };
        let gpu = Gpu::parse(field("gpu").unwrap_or(""))
            .map_err(|e| errors.push(e))
            .ok();
        let unit = ByteUnit::parse(field("unit").unwrap_or(""))
            .map_err(|e| errors.push(e))
            .ok();
        match (input, gpu, unit) {
            (Some(input), Some(gpu), Some(unit)) if errors.is_empty() => {
                let est = input.estimate().map_err(|e| vec![e])?;
                Ok(Computed {
                    input,
                    est,
                    gpu,
                    unit,
                })
            }
            _ => Err(errors),
        }
    }

    /// Errors of the fields the current choices leave unused, each checked on its own: the
    /// custom model's shape under a preset, the LoRA settings under full fine-tuning, `dq`
    /// without QLoRA. A bad value in a link is then reported and reset instead of lingering
    /// unused in the URL (untracked; for the start-up check).
    fn unused_field_errors(&self) -> Vec<InputError> {
        let text = |p: Param| p.value.get_untracked();
        let given = |p: Param| Some(text(p)).filter(|t| !t.trim().is_empty());
        let count = |p: Param, min: u64, max: u64| {
            given(p).and_then(|t| parse_count(&t, p.key, min, max).err())
        };
        let flag = |p: Param| given(p).and_then(|t| parse_flag(&t, p.key).err());
        let mut errors = Vec::new();
        if !text(self.model).trim().eq_ignore_ascii_case("custom") {
            errors.extend(given(self.family).and_then(|t| Family::parse(&t, "family").err()));
            errors.extend(count(self.hidden, 0, model::MAX_HIDDEN));
            errors.extend(count(self.layers, 0, model::MAX_LAYERS));
            errors.extend(count(self.heads, 1, model::MAX_HEADS));
            errors.extend(count(self.kv_heads, 0, model::MAX_HEADS));
            errors.extend(count(self.head_dim, 1, model::MAX_HIDDEN));
            errors.extend(count(self.ffn, 0, model::MAX_FFN));
            errors.extend(count(self.vocab, 0, model::MAX_VOCAB));
            errors.extend(flag(self.tied));
            errors.extend(count(self.n_positions, 0, model::MAX_POSITIONS));
        }
        let method = text(self.method).trim().to_ascii_lowercase();
        if !matches!(method.as_str(), "lora" | "qlora") {
            errors.extend(count(self.r, 1, MAX_RANK));
            if let (Some(t), Some(family)) = (given(self.targets), self.family_now()) {
                errors.extend(LoraConfig::parse_targets(&t, family).err());
            }
        }
        if method != "qlora" {
            errors.extend(flag(self.dq));
        }
        errors
    }

    /// The family the model fields currently describe (untracked; for event handlers).
    fn family_now(&self) -> Option<Family> {
        let model = self.model.value.get_untracked();
        if model.trim() == "custom" {
            Family::parse(&self.family.value.get_untracked(), "family").ok()
        } else {
            model::preset(&model).ok().map(|m| m.family)
        }
    }

    /// After the model or family changed: targets written for another family go back to
    /// PEFT's default for the new one (an event handler calls this).
    fn keep_targets_valid(&self) {
        if let Some(family) = self.family_now()
            && LoraConfig::parse_targets(&self.targets.value.get_untracked(), family).is_err()
        {
            self.targets.value.set(String::new());
        }
    }

    /// Writes a model's shape into the custom fields and selects `custom` (event handlers only).
    fn set_custom(&self, m: &model::ModelConfig) {
        for (key, text) in m.field_texts() {
            if let Some(p) = self.all().iter().find(|p| p.key == key) {
                p.value.set(text);
            }
        }
        self.model.value.set("custom".into());
        self.keep_targets_valid();
    }
}

impl ParamSet for MemoryParams {
    /// This view's own parameters; the shared `mbs`, `seq` and `ga` belong to the Steps view.
    fn params(&self) -> Vec<Param> {
        let shared = [self.mbs.key, self.seq.key, self.ga.key];
        self.all()
            .into_iter()
            .filter(|p| !shared.contains(&p.key))
            .collect()
    }

    fn field_errors(&self) -> Vec<InputError> {
        untrack(|| {
            let mut errors = self.parse().err().unwrap_or_default();
            errors.extend(self.unused_field_errors());
            errors
        })
    }

    /// On this page the Memory view also checks the shared `mbs`, `seq` and `ga` against its
    /// own, tighter ranges (`mbs` ≤ 4096, `seq` ≤ 1,048,576).
    fn checked_params(&self) -> Vec<Param> {
        self.all().to_vec()
    }
}

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
    let result: Memo<Result<Computed, Vec<InputError>>> = Memo::new(move |_| p.parse());
    // The last estimate from valid input: shown (marked stale) while the input is invalid.
    let shown: Memo<Option<Computed>> =
        Memo::new(move |prev: Option<&Option<Computed>>| match result.get() {
            Ok(c) => Some(c),
            Err(_) => prev.cloned().flatten(),
        });
    let stale = Signal::derive(move || result.with(Result::is_err));
    let error_for = move |key: &'static str| {
        Signal::derive(move || {
            result.with(|r| {
                r.as_ref()
                    .err()
                    .and_then(|es| es.iter().find(|e| e.field == key).cloned())
            })
        })
    };
    // Checkboxes have no error line of their own; a bad URL value's message goes under them.
    let flag_error = move |key: &'static str| {
        let error = error_for(key);
        view! {
            <p class="error" role="alert" data-testid=format!("error-{key}")>
                {move || error.get().map(|e| error_message(state.lang.get(), &e))}
            </p>
        }
    };
    let is_custom = move || p.model.value.with(|v| v.trim() == "custom");
    let is_gpt2 = move || {
        p.family
            .value
            .with(|v| v.trim().eq_ignore_ascii_case("gpt2"))
    };
    let has_lora = move || {
        p.method
            .value
            .with(|v| matches!(v.trim(), "lora" | "qlora"))
    };
    let is_qlora = move || p.method.value.with(|v| v.trim() == "qlora");
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
        <section class="view view-memory" data-testid="view-memory">
            <header class="view-head">
                <h2>{move || strings().memory().title}</h2>
                <p class="lead">{move || strings().memory().lead}</p>
            </header>
            <div class="view-body">
                <form class="controls" aria-label=move || strings().shell().inputs on:submit=|ev| ev.prevent_default()>
                    <h3 class="group-title">{move || strings().memory().groups[0]}</h3>
                    <WatchedChoice
                        param=p.model
                        text=|s| &s.memory().model
                        keys=MODEL_KEYS
                        labels=|s| &s.memory().model_names
                        error=error_for("model")
                        after=on_model
                    />
                    <Show when=is_custom>
                        <div class="mem-custom">
                            <WatchedChoice
                                param=p.family
                                text=|s| &s.memory().family
                                keys=Family::KEYS
                                labels=|s| &s.memory().family_names
                                error=error_for("family")
                                after=on_family
                            />
                            <NumField param=p.hidden text=|s| &s.memory().hidden error=error_for("hidden")/>
                            <NumField param=p.layers text=|s| &s.memory().layers error=error_for("layers")/>
                            <NumField param=p.heads text=|s| &s.memory().heads error=error_for("heads")/>
                            <Show when=move || !is_gpt2() || error_for("kv_heads").with(Option::is_some)>
                                <NumField param=p.kv_heads text=|s| &s.memory().kv_heads error=error_for("kv_heads")/>
                            </Show>
                            <NumField param=p.head_dim text=|s| &s.memory().head_dim error=error_for("head_dim")/>
                            <NumField param=p.ffn text=|s| &s.memory().ffn error=error_for("ffn")/>
                            <NumField param=p.vocab text=|s| &s.memory().vocab error=error_for("vocab")/>
                            <FlagField param=p.tied text=|s| &s.memory().tied/>
                            {flag_error("tied")}
                            // Shown for GPT-2, and whenever its value is wrong (it is read for
                            // every custom model), so an error never hides.
                            <Show when=move || is_gpt2() || error_for("n_positions").with(Option::is_some)>
                                <NumField param=p.n_positions text=|s| &s.memory().n_positions error=error_for("n_positions")/>
                            </Show>
                        </div>
                    </Show>
                    <ConfigPaste/>

                    <h3 class="group-title">{move || strings().memory().groups[1]}</h3>
                    <ChoiceField
                        param=p.method
                        text=|s| &s.memory().method
                        keys=crate::core::memory::Method::KEYS
                        labels=|s| &s.memory().method_names
                        error=error_for("method")
                    />
                    <Show when=has_lora>
                        <NumField param=p.r text=|s| &s.memory().r error=error_for("r")/>
                        <TargetsField error=error_for("targets")/>
                    </Show>
                    <Show when=is_qlora>
                        <FlagField param=p.dq text=|s| &s.memory().dq/>
                        {flag_error("dq")}
                    </Show>

                    <h3 class="group-title">{move || strings().memory().groups[2]}</h3>
                    <ChoiceField
                        param=p.prec
                        text=|s| &s.memory().prec
                        keys=crate::core::memory::precision::Precision::KEYS
                        labels=|s| &s.memory().prec_names
                        error=error_for("prec")
                    />
                    <ChoiceField
                        param=p.opt
                        text=|s| &s.memory().opt
                        keys=crate::core::memory::optimizer_state::Optimizer::KEYS
                        labels=|s| &s.memory().opt_names
                        error=error_for("opt")
                    />

                    <h3 class="group-title">{move || strings().memory().groups[3]}</h3>
                    <NumField param=p.mbs text=|s| &s.memory().mbs error=error_for("mbs")/>
                    <NumField param=p.seq text=|s| &s.memory().seq error=error_for("seq")/>
                    <NumField param=p.ga text=|s| &s.memory().ga error=error_for("ga")/>
                    <ChoiceField
                        param=p.attn
                        text=|s| &s.memory().attn
                        keys=crate::core::memory::activations::Attention::KEYS
                        labels=|s| &s.memory().attn_names
                        error=error_for("attn")
                    />
                    <ChoiceField
                        param=p.ckpt
                        text=|s| &s.memory().ckpt
                        keys=crate::core::memory::activations::Checkpointing::KEYS
                        labels=|s| &s.memory().ckpt_names
                        error=error_for("ckpt")
                    />

                    <h3 class="group-title">{move || strings().memory().groups[4]}</h3>
                    <NumField param=p.gpus text=|s| &s.memory().gpus error=error_for("gpus")/>
                    <ChoiceField
                        param=p.zero
                        text=|s| &s.memory().zero
                        keys=ZERO_KEYS
                        labels=|s| &s.memory().zero_names
                        error=error_for("zero")
                    />
                    <ChoiceField
                        param=p.gpu
                        text=|s| &s.memory().gpu
                        keys=GPU_KEYS
                        labels=|_| GPU_NAMES
                        error=error_for("gpu")
                    />
                    <ChoiceField
                        param=p.unit
                        text=|s| &s.memory().unit
                        keys=ByteUnit::KEYS
                        labels=|s| &s.memory().unit_names
                        error=error_for("unit")
                    />
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
