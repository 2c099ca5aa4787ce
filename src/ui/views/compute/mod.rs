//! The Time & cost view: the shared scenario (model, method, precision, checkpointing, card and
//! GPUs from the Memory view; examples, epochs, sequence length and batch from the Steps view)
//! → FLOPs per token, FLOPs of the run, time, GPU-hours, energy and cost.

mod charts;
mod figures;
mod runs_table;

use leptos::prelude::*;

use crate::core::compute::flops::{FlopsPerToken, FlopsRule, FlopsSetup};
use crate::core::compute::hardware::CardSpec;
use crate::core::compute::{
    ComputeEstimate, ComputeInput, MAX_PRICE, MAX_TFLOPS, parse_mfu, parse_optional,
};
use crate::core::error::{ErrorKind, InputError};
use crate::core::memory::MemoryInput;
use crate::core::memory::gpu::{GPU_KEYS, GPU_NAMES, Gpu};
use crate::core::steps::{StepsPlan, StepsText, plan};
use crate::core::units::parse_flag;
use crate::ui::components::choice_field::{ChoiceField, FlagField};
use crate::ui::components::later::later;
use crate::ui::components::num_field::NumField;
use crate::ui::i18n::texts;
use crate::ui::state::{AppState, Param, ParamSet, Query};
use crate::ui::views::memory::{MODEL_KEYS, MemoryParams};
use crate::ui::views::steps::StepsParams;

use self::charts::{BreakdownChart, GpusChart};
use self::figures::ComputeFigures;
use self::runs_table::RunsTable;

/// The Time & cost view's URL parameters: its own (`flops`, `causal`, `tflops`, `mfu`, `price`)
/// and the shared ones it reads, which belong to the Memory and Steps views.
#[derive(Clone, Copy, Debug)]
pub struct ComputeParams {
    /// `flops`: `detailed` or `6n`.
    pub flops: Param,
    /// `causal`: halve QKᵀ and A·V (0/1).
    pub causal: Param,
    /// `tflops`: peak per GPU, TFLOP/s (empty = the card's).
    pub tflops: Param,
    /// `mfu`: utilisation, (0, 1].
    pub mfu: Param,
    /// `price`: per GPU-hour (empty = no cost).
    pub price: Param,
    /// The Memory view's parameters (model, method, precision, checkpointing, card, GPUs).
    pub memory: MemoryParams,
    /// The Steps view's parameters (examples, epochs, sequence, batch).
    pub steps: StepsParams,
}

/// A valid set of inputs and its figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Computed {
    /// FLOPs per token by term.
    pub flops: FlopsPerToken,
    /// The numbers the time depends on.
    pub input: ComputeInput,
    /// The figures.
    pub est: ComputeEstimate,
    /// The Steps plan (tokens, updates, effective batch).
    pub plan: StepsPlan,
    /// The card and its published figures.
    pub card: (Gpu, CardSpec),
    /// Whether the peak was entered by hand.
    pub peak_entered: bool,
    /// Whether LoRA adapters train (for the list of counted terms).
    pub adapters: bool,
    /// The count used.
    pub rule: FlopsRule,
}

impl ComputeParams {
    /// Reads this view's own parameters from the query; the shared ones are the Memory and
    /// Steps views' (one scenario, one key each). Defaults: the detailed count, full attention,
    /// the card's peak, utilisation 0.4, no price.
    pub fn new(q: &Query, steps: StepsParams, memory: MemoryParams) -> Self {
        ComputeParams {
            flops: Param::new("flops", "detailed", q),
            causal: Param::new("causal", "0", q),
            tflops: Param::new("tflops", "", q),
            mfu: Param::new("mfu", "0.4", q),
            price: Param::new("price", "", q),
            memory,
            steps,
        }
    }

    fn own(&self) -> [Param; 5] {
        [self.flops, self.causal, self.tflops, self.mfu, self.price]
    }

    /// The shared parameters this view reads and checks on its page.
    fn shared(&self) -> [Param; 15] {
        let (m, s) = (self.memory, self.steps);
        [
            m.model,
            m.method,
            m.r,
            m.targets,
            m.prec,
            m.ckpt,
            m.gpu,
            s.gpus,
            s.n,
            s.epochs,
            s.seq,
            s.mbs,
            s.ga,
            s.drop_last,
            s.max_steps,
        ]
    }

    /// Parses every field it reads (tracked). Errors name the field; all bad fields are
    /// reported.
    pub fn parse(&self) -> Result<Computed, Vec<InputError>> {
        let mut errors = Vec::new();
        let (m, s) = (self.memory, self.steps);
        let text = |p: Param| p.value.get();
        // Model, method, precision and checkpointing as the Memory view reads them; the fields
        // only the memory estimate needs (and the batch, which the Steps view owns here) are
        // left at their defaults so they cannot fail this view.
        let model = text(m.model).trim().to_ascii_lowercase();
        let memory_keys = [
            m.family,
            m.hidden,
            m.layers,
            m.heads,
            m.kv_heads,
            m.head_dim,
            m.ffn,
            m.vocab,
            m.tied,
            m.n_positions,
            m.method,
            m.r,
            m.targets,
            m.dq,
            m.prec,
            m.ckpt,
        ]
        .map(|p| (p.key, p.value.get()));
        let field = |k: &str| -> Option<&str> {
            if k == "model" {
                return Some(model.as_str());
            }
            memory_keys
                .iter()
                .find(|(key, _)| *key == k)
                .map(|(_, v)| v.as_str())
        };
        let mem = if MODEL_KEYS.contains(&model.as_str()) {
            MemoryInput::from_fields(field)
                .map_err(|e| errors.push(e))
                .ok()
        } else {
            errors.push(InputError::new("model", ErrorKind::NotOneOf(MODEL_KEYS)));
            None
        };
        let gpu = Gpu::parse(&text(m.gpu)).map_err(|e| errors.push(e)).ok();
        let v = [
            s.n,
            s.mbs,
            s.ga,
            s.gpus,
            s.epochs,
            s.seq,
            s.drop_last,
            s.max_steps,
        ]
        .map(text);
        let d = StepsText::DEFAULT;
        let steps = StepsText {
            n: &v[0],
            mbs: &v[1],
            ga: &v[2],
            gpus: &v[3],
            epochs: &v[4],
            seq: &v[5],
            drop_last: &v[6],
            max_steps: &v[7],
            ..d
        }
        .parse()
        .map_err(|es| errors.extend(es))
        .ok()
        .and_then(|i| plan(&i).map(|p| (i, p)).map_err(|e| errors.push(e)).ok());
        let rule = FlopsRule::parse(&text(self.flops))
            .map_err(|e| errors.push(e))
            .ok();
        let causal = parse_flag(&text(self.causal), "causal")
            .map_err(|e| errors.push(e))
            .ok();
        let tflops = parse_optional(&text(self.tflops), "tflops", MAX_TFLOPS)
            .map_err(|e| errors.push(e))
            .ok();
        let mfu = parse_mfu(&text(self.mfu)).map_err(|e| errors.push(e)).ok();
        let price = parse_optional(&text(self.price), "price", MAX_PRICE)
            .map_err(|e| errors.push(e))
            .ok();
        let (
            Some(mem),
            Some(gpu),
            Some((steps, plan)),
            Some(rule),
            Some(causal),
            Some(tflops),
            Some(mfu),
            Some(price),
        ) = (mem, gpu, steps, rule, causal, tflops, mfu, price)
        else {
            return Err(errors);
        };
        let Some(spec) = CardSpec::of(&gpu).copied() else {
            return Err(vec![InputError::new("gpu", ErrorKind::NotOneOf(GPU_KEYS))]);
        };
        let Some(peak) = tflops.or_else(|| spec.tflops(mem.prec)) else {
            return Err(vec![InputError::new(
                "tflops",
                ErrorKind::NoPublishedPeak(gpu.name.to_string()),
            )]);
        };
        let flops = FlopsSetup {
            model: &mem.model,
            method: &mem.method,
            ckpt: mem.ckpt,
            seq: steps.seq,
            rule,
            causal,
        }
        .per_token();
        let input = ComputeInput {
            flops_per_token: flops.total(),
            tokens: plan.tokens_seen as f64,
            effective_batch: plan.effective_batch as f64,
            seq: steps.seq as f64,
            gpus: steps.dev as f64,
            tflops: peak,
            mfu,
            watts: spec.watts,
            price,
        };
        Ok(Computed {
            flops,
            input,
            est: input.estimate(),
            plan,
            card: (gpu, spec),
            peak_entered: tflops.is_some(),
            adapters: mem.method.lora().is_some(),
            rule,
        })
    }
}

impl ParamSet for ComputeParams {
    /// This view's own parameters; the shared ones belong to the Memory and Steps views.
    fn params(&self) -> Vec<Param> {
        self.own().to_vec()
    }

    fn field_errors(&self) -> Vec<InputError> {
        untrack(|| self.parse().err().unwrap_or_default())
    }

    /// On this page the view also checks the shared fields it reads.
    fn checked_params(&self) -> Vec<Param> {
        self.own().into_iter().chain(self.shared()).collect()
    }
}

/// The view as a page's content (see `ui::mount`).
pub fn page() -> AnyView {
    view! { <ComputeView/> }.into_any()
}

/// The Time & cost view.
#[component]
pub fn ComputeView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let p = state.compute;
    let (m, s) = (p.memory, p.steps);
    let strings = move || texts(state.lang.get());
    let result: Memo<Result<Computed, Vec<InputError>>> = Memo::new(move |_| p.parse());
    // The last result from valid input: shown (marked stale) while the input is invalid.
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
    let flag_error = move |key: &'static str| {
        let error = error_for(key);
        view! {
            <p class="error" role="alert" data-testid=format!("error-{key}")>
                {move || error.get().map(|e| crate::ui::i18n::error_message(state.lang.get(), &e))}
            </p>
        }
    };
    view! {
        <section class="view view-compute" data-testid="view-compute">
            <header class="view-head">
                <h2>{move || strings().compute().title}</h2>
                <p class="lead">{move || strings().compute().lead}</p>
            </header>
            <div class="view-body">
                <form class="controls" aria-label=move || strings().shell().inputs on:submit=|ev| ev.prevent_default()>
                    <p class="hint">{move || strings().compute().shared_note}</p>
                    <h3 class="group-title">{move || strings().compute().groups[0]}</h3>
                    <ChoiceField param=m.model text=|s| &s.compute().model keys=MODEL_KEYS labels=|s| &s.compute().model_names error=error_for("model")/>
                    <ChoiceField param=m.method text=|s| &s.compute().method keys=crate::core::memory::Method::KEYS labels=|s| &s.compute().method_names error=error_for("method")/>
                    <ChoiceField param=m.prec text=|s| &s.compute().prec keys=crate::core::memory::precision::Precision::KEYS labels=|s| &s.compute().prec_names error=error_for("prec")/>
                    <ChoiceField param=m.ckpt text=|s| &s.compute().ckpt keys=crate::core::memory::activations::Checkpointing::KEYS labels=|s| &s.compute().ckpt_names error=error_for("ckpt")/>

                    <h3 class="group-title">{move || strings().compute().groups[1]}</h3>
                    <NumField param=s.n text=|s| &s.compute().n error=error_for("n")/>
                    <NumField param=s.epochs text=|s| &s.compute().epochs error=error_for("epochs")/>
                    <NumField param=s.seq text=|s| &s.compute().seq error=error_for("seq")/>
                    <NumField param=s.mbs text=|s| &s.compute().mbs error=error_for("mbs")/>
                    <NumField param=s.ga text=|s| &s.compute().ga error=error_for("ga")/>

                    <h3 class="group-title">{move || strings().compute().groups[2]}</h3>
                    <ChoiceField param=p.flops text=|s| &s.compute().flops keys=FlopsRule::KEYS labels=|s| &s.compute().flops_names error=error_for("flops")/>
                    <FlagField param=p.causal text=|s| &s.compute().causal/>
                    {flag_error("causal")}

                    <h3 class="group-title">{move || strings().compute().groups[3]}</h3>
                    <ChoiceField param=m.gpu text=|s| &s.compute().gpu keys=GPU_KEYS labels=|_| GPU_NAMES error=error_for("gpu")/>
                    <NumField param=s.gpus text=|s| &s.compute().gpus error=error_for("gpus")/>
                    <NumField param=p.tflops text=|s| &s.compute().tflops error=error_for("tflops")/>
                    <NumField param=p.mfu text=|s| &s.compute().mfu error=error_for("mfu")/>
                    <NumField param=p.price text=|s| &s.compute().price error=error_for("price")/>
                </form>
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::compute::runs::RUNS;
    use crate::ui::i18n::{EN, Lang, ZH};

    #[test]
    fn label_tables_line_up() {
        for s in [&EN, &ZH] {
            let t = s.compute();
            assert_eq!(t.model_names.len(), MODEL_KEYS.len());
            assert_eq!(t.flops_names.len(), FlopsRule::KEYS.len());
            assert!(RUNS.len() <= 5);
        }
    }

    fn params(search: &str) -> ComputeParams {
        let state = AppState::from_search(search, "en", false);
        state.compute
    }

    #[test]
    fn the_default_scenario_computes() {
        let owner = Owner::new();
        owner.with(|| {
            let p = params("view=compute");
            let c = p.parse().unwrap_or_else(|e| panic!("{e:?}"));
            // Steps defaults: 10,000 examples × 3 epochs × 512 tokens.
            assert_eq!(c.input.tokens, 30_000.0 * 512.0);
            assert_eq!(c.input.tflops, 312.0);
            assert_eq!(c.input.mfu, 0.4);
            assert!(c.est.cost.is_none());
            assert!(c.est.wall_hours > 0.0 && c.est.wall_hours.is_finite());
        });
    }

    #[test]
    fn bad_fields_are_named_and_a10g_needs_a_peak() {
        let owner = Owner::new();
        owner.with(|| {
            let p = params("view=compute&gpu=a10g");
            let e = p.parse().err().unwrap_or_default();
            assert_eq!(e.first().map(|e| e.field), Some("tflops"));
            // Its own message, naming the card, not the generic "Enter a value."
            let kind = e.first().map(|e| e.kind.clone());
            assert!(
                matches!(&kind, Some(ErrorKind::NoPublishedPeak(card)) if card.contains("A10G")),
                "{kind:?}"
            );
            for lang in [Lang::En, Lang::Zh] {
                let msg = crate::ui::i18n::error_message(lang, &e[0]);
                assert!(msg.contains("A10G") && msg.contains("TFLOP/s"), "{msg}");
                let generic = crate::ui::i18n::error_message(
                    lang,
                    &InputError::new("tflops", ErrorKind::Empty),
                );
                assert_ne!(msg, generic);
            }
            p.tflops.value.set("70".into());
            assert!(p.parse().is_ok());
            p.mfu.value.set("2".into());
            let e = p.parse().err().unwrap_or_default();
            assert_eq!(e.first().map(|e| e.field), Some("mfu"));
            // A bad learning rate (a Steps-only field) does not stop this view.
            let q = params("view=compute&lr=abc");
            q.steps.lr.value.set("abc".into());
            assert!(q.parse().is_ok());
        });
    }
}
