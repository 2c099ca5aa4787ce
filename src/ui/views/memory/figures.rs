//! The figure cards: bytes per GPU of each part at the peak, the largest micro-batch, the
//! parameter counts, and a sentence saying which moment sets the peak.

use crate::ui::i18n::fill;
use leptos::prelude::*;

use super::Computed;
use crate::core::format::{fmt_int, fmt_number};
use crate::core::memory::{MemoryEstimate, Phase};
use crate::ui::components::figure::Figure;
use crate::ui::i18n::{FigureText, Strings, texts};
use crate::ui::state::AppState;

/// The figures of the Memory view.
#[component]
pub fn MemoryFigures(
    /// The estimate on screen.
    shown: Memo<Option<Computed>>,
    /// Whether it is kept from the last valid input.
    stale: Signal<bool>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let strings = move || texts(state.lang.get());
    let bytes = move |testid: &'static str,
                      f: fn(&MemoryEstimate) -> u64,
                      text: fn(&'static Strings) -> &'static FigureText| {
        let raw = Signal::derive(move || {
            shown.with(|c| c.as_ref().map_or(String::new(), |c| f(&c.est).to_string()))
        });
        // Each figure in its own rung of the unit ladder (GB → TB → PB).
        let rung = move |c: &Computed| c.unit.rung(f(&c.est) as f64);
        let seen = Signal::derive(move || {
            shown.with(|c| {
                c.as_ref()
                    .map_or("—".into(), |c| fmt_number(f(&c.est) as f64 / rung(c).0))
            })
        });
        let unit = Signal::derive(move || shown.with(|c| c.as_ref().map_or("", |c| rung(c).1)));
        view! { <Figure testid=testid raw=raw shown=seen unit=unit text=text stale=stale/> }
    };
    let count = move |testid: &'static str,
                      f: fn(&Computed) -> u64,
                      unit: fn(&'static Strings) -> &'static str,
                      text: fn(&'static Strings) -> &'static FigureText| {
        let raw = Signal::derive(move || {
            shown.with(|c| c.as_ref().map_or(String::new(), |c| f(c).to_string()))
        });
        let seen = Signal::derive(move || {
            shown.with(|c| c.as_ref().map_or("—".into(), |c| fmt_int(u128::from(f(c)))))
        });
        let unit = Signal::derive(move || unit(strings()));
        view! { <Figure testid=testid raw=raw shown=seen unit=unit text=text stale=stale/> }
    };
    let phase = move || {
        let t = &strings().memory();
        shown.with(|c| {
            c.as_ref().map(|c| {
                let (sentence, other) = match c.est.phase {
                    Phase::BackwardStart => (t.phase_backward, c.est.step.total),
                    Phase::OptimizerStep => (t.phase_step, c.est.backward.total),
                };
                let other = c.unit.format(other as f64);
                let key = match c.est.phase {
                    Phase::BackwardStart => "backward",
                    Phase::OptimizerStep => "step",
                };
                view! { <p class="aside" data-testid="mem-phase" data-value=key>{fill(sentence, &[("other", &other)])}</p> }
            })
        })
    };
    view! {
        <div class="figures mem-total-row">
            {bytes("mem-total", |e| e.total, |s| &s.memory().mem_total)}
            {count("max-mbs", |c| c.input.max_mbs(c.gpu.bytes()), |s| s.memory().unit_seqs, |s| &s.memory().max_mbs)}
        </div>
        {phase}
        <div class="figures">
            {bytes("mem-weights", |e| e.weights, |s| &s.memory().mem_weights)}
            {bytes("mem-grads", |e| e.grads, |s| &s.memory().mem_grads)}
            {bytes("mem-optimizer", |e| e.optimizer, |s| &s.memory().mem_optimizer)}
            {bytes("mem-activations", |e| e.activations, |s| &s.memory().mem_activations)}
            {bytes("mem-logits", |e| e.logits, |s| &s.memory().mem_logits)}
            {bytes("mem-overhead", |e| e.overhead, |s| &s.memory().mem_overhead)}
        </div>
        <div class="figures mem-params">
            {count("params-total", |c| c.est.params_total, |s| s.memory().unit_params, |s| &s.memory().params_total)}
            {count("params-trainable", |c| c.est.params_trainable, |s| s.memory().unit_params, |s| &s.memory().params_trainable)}
            {count("params-all", |c| c.est.params_all, |s| s.memory().unit_params, |s| &s.memory().params_all)}
        </div>
    }
}
