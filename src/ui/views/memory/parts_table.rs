//! The parts at the peak and at both moments, their bytes per parameter, and the convention
//! behind each, with its source.

use leptos::prelude::*;

use super::Computed;
use crate::core::format::fmt_number;
use crate::core::memory::Method;
use crate::core::memory::optimizer_state::Optimizer;
use crate::core::memory::precision::Precision;
use crate::ui::i18n::texts;
use crate::ui::state::AppState;

/// The table of parts.
#[component]
pub fn PartsTable(
    /// The estimate on screen.
    shown: Memo<Option<Computed>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let strings = move || texts(state.lang.get());
    let rows = move || {
        let t = &strings().memory();
        shown.get().map(|c| {
            let e = &c.est;
            let f = move |x: u64| c.unit.format(x as f64);
            let prec_i = Precision::KEYS
                .iter()
                .position(|k| *k == c.input.prec.key())
                .unwrap_or(0);
            let opt_i = Optimizer::KEYS
                .iter()
                .position(|k| *k == c.input.opt.key())
                .unwrap_or(0);
            let prec_src = t.prec_sources.get(prec_i).copied().unwrap_or("");
            let opt_src = t.opt_sources.get(opt_i).copied().unwrap_or("");
            let full = c.input.method == Method::Full;
            let weights_src = match c.input.method {
                Method::Full => prec_src.to_string(),
                Method::Lora(_) => t.lora_weights_source.to_string(),
                Method::Qlora { .. } => t.qlora_weights_source.to_string(),
            };
            let grads_src = if full {
                prec_src
            } else {
                t.adapter_grads_source
            };
            let master = full && c.input.prec == Precision::Bf16Master;
            let opt_src = format!("{opt_src}{}", if master { t.master_source } else { "" });
            let bpp = |x: f64, per: usize| {
                format!(
                    "{} B {}",
                    fmt_number(x),
                    t.per_param.get(per).copied().unwrap_or("")
                )
            };
            let per_all = 0;
            let per_trainable = 1;
            let bp = &e.bytes_per_param;
            let data: [(&str, u64, u64, u64, String, String); 6] = [
                (
                    "weights",
                    e.weights,
                    e.backward.weights,
                    e.step.weights,
                    bpp(bp.weights, per_all),
                    weights_src,
                ),
                (
                    "grads",
                    e.grads,
                    e.backward.grads,
                    e.step.grads,
                    bpp(bp.grads, per_trainable),
                    grads_src.to_string(),
                ),
                (
                    "optimizer",
                    e.optimizer,
                    e.backward.optimizer,
                    e.step.optimizer,
                    bpp(bp.optimizer, per_trainable),
                    opt_src,
                ),
                (
                    "activations",
                    e.activations,
                    e.backward.activations,
                    e.step.activations,
                    "—".into(),
                    t.act_source.to_string(),
                ),
                (
                    "logits",
                    e.logits,
                    e.backward.logits,
                    e.step.logits,
                    "—".into(),
                    t.logits_source.to_string(),
                ),
                (
                    "overhead",
                    e.overhead,
                    e.backward.overhead,
                    e.step.overhead,
                    "—".into(),
                    t.overhead_source.to_string(),
                ),
            ];
            data.into_iter()
                .enumerate()
                .map(|(i, (key, peak, back, step, per, src))| {
                    let name = t.part_names.get(i).copied().unwrap_or(key);
                    view! {
                        <tr data-testid=format!("part-{key}")>
                            <th scope="row">{name}</th>
                            <td>{f(peak)}</td>
                            <td>{f(back)}</td>
                            <td>{f(step)}</td>
                            <td>{per}</td>
                            <td class="mem-src">{src}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let head = move || {
        strings()
            .memory()
            .parts_cols
            .iter()
            .map(|h| view! { <th scope="col">{*h}</th> })
            .collect_view()
    };
    view! {
        <section class="mem-block">
            <h3>{move || strings().memory().parts_title}</h3>
            <div class="mem-scroll">
                <table class="mem-table" data-testid="mem-parts">
                    <thead><tr>{head}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}
