//! The Time & cost view's inputs: its own (declared in `core::params::compute`) and the Memory
//! and Steps views' fields it reads, parsed into the figures the view shows.

use leptos::prelude::*;

use super::memory::{MODEL_KEYS, MemoryParams};
use super::steps::StepsParams;
use crate::core::compute::flops::{FlopsPerToken, FlopsRule, FlopsSetup};
use crate::core::compute::hardware::CardSpec;
use crate::core::compute::{
    ComputeEstimate, ComputeInput, MAX_PRICE, MAX_TFLOPS, parse_mfu, parse_optional,
};
use crate::core::error::{ErrorKind, InputError};
use crate::core::memory::MemoryInput;
use crate::core::memory::gpu::{GPU_KEYS, Gpu};
use crate::core::params::compute as C;
use crate::core::steps::{StepsInput, StepsPlan, StepsText, plan};
use crate::ui::state::{FieldCheck, Param, ParamSet, Query};

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
            flops: Param::from_spec(&C::FLOPS, q),
            causal: Param::from_spec(&C::CAUSAL, q),
            tflops: Param::from_spec(&C::TFLOPS, q),
            mfu: Param::from_spec(&C::MFU, q),
            price: Param::from_spec(&C::PRICE, q),
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

    /// The model, method, precision and checkpointing as the Memory view reads them, and the
    /// card (tracked). The fields only the memory estimate needs (and the batch, which the Steps
    /// view owns here) are left at their defaults, so they cannot fail this view.
    fn memory_part(&self, errors: &mut Vec<InputError>) -> Option<(MemoryInput, Gpu)> {
        let m = self.memory;
        let model = m.model.value.get().trim().to_ascii_lowercase();
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
        let gpu = Gpu::parse(&m.gpu.value.get())
            .map_err(|e| errors.push(e))
            .ok();
        Some((mem?, gpu?))
    }

    /// The Steps view's examples, epochs, sequence, batch and devices, and their plan (tracked).
    fn steps_part(&self, errors: &mut Vec<InputError>) -> Option<(StepsInput, StepsPlan)> {
        let s = self.steps;
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
        .map(|p| p.value.get());
        let input = StepsText {
            n: &v[0],
            mbs: &v[1],
            ga: &v[2],
            gpus: &v[3],
            epochs: &v[4],
            seq: &v[5],
            drop_last: &v[6],
            max_steps: &v[7],
            ..StepsText::DEFAULT
        }
        .parse()
        .map_err(|es| errors.extend(es))
        .ok()?;
        let plan = plan(&input).map_err(|e| errors.push(e)).ok()?;
        Some((input, plan))
    }

    /// This view's own fields (tracked).
    fn own_part(&self, errors: &mut Vec<InputError>) -> Option<Own> {
        let text = |p: Param| p.value.get();
        let rule = keep(errors, FlopsRule::parse(&text(self.flops)));
        let causal = keep(errors, C::CAUSAL.flag(&text(self.causal)));
        let tflops = keep(
            errors,
            parse_optional(&text(self.tflops), C::TFLOPS.key, MAX_TFLOPS),
        );
        let mfu = keep(errors, parse_mfu(&text(self.mfu)));
        let price = keep(
            errors,
            parse_optional(&text(self.price), C::PRICE.key, MAX_PRICE),
        );
        Some(Own {
            rule: rule?,
            causal: causal?,
            tflops: tflops?,
            mfu: mfu?,
            price: price?,
        })
    }

    /// Parses every field it reads (tracked). Errors name the field; all bad fields are
    /// reported.
    pub fn parse(&self) -> Result<Computed, Vec<InputError>> {
        let mut errors = Vec::new();
        let memory = self.memory_part(&mut errors);
        let steps = self.steps_part(&mut errors);
        let own = self.own_part(&mut errors);
        let (Some((mem, gpu)), Some((steps, plan)), Some(own)) = (memory, steps, own) else {
            return Err(errors);
        };
        let Some(spec) = CardSpec::of(&gpu).copied() else {
            return Err(vec![InputError::new("gpu", ErrorKind::NotOneOf(GPU_KEYS))]);
        };
        let Some(peak) = own.tflops.or_else(|| spec.tflops(mem.prec)) else {
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
            rule: own.rule,
            causal: own.causal,
        }
        .per_token();
        let input = ComputeInput {
            flops_per_token: flops.total(),
            tokens: plan.tokens_seen as f64,
            effective_batch: plan.effective_batch as f64,
            seq: steps.seq as f64,
            gpus: steps.dev as f64,
            tflops: peak,
            mfu: own.mfu,
            watts: spec.watts,
            price: own.price,
        };
        Ok(Computed {
            flops,
            input,
            est: input.estimate(),
            plan,
            card: (gpu, spec),
            peak_entered: own.tflops.is_some(),
            adapters: mem.method.lora().is_some(),
            rule: own.rule,
        })
    }
}

/// The value of `r`, or `None` with its error added to `errors`.
fn keep<T>(errors: &mut Vec<InputError>, r: Result<T, InputError>) -> Option<T> {
    r.map_err(|e| errors.push(e)).ok()
}

/// This view's own fields, parsed.
struct Own {
    rule: FlopsRule,
    causal: bool,
    tflops: Option<f64>,
    mfu: f64,
    price: Option<f64>,
}

impl ParamSet for ComputeParams {
    /// This view's own parameters; the shared ones belong to the Memory and Steps views.
    fn params(&self) -> Vec<Param> {
        self.own().to_vec()
    }

    /// On this page the view also checks the shared fields it reads.
    fn checked_params(&self) -> Vec<Param> {
        self.own().into_iter().chain(self.shared()).collect()
    }
}

impl FieldCheck for ComputeParams {
    fn field_errors(&self) -> Vec<InputError> {
        untrack(|| self.parse().err().unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::i18n::Lang;
    use crate::ui::state::AppState;

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
