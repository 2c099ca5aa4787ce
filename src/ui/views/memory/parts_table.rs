//! The parts at the peak and at both moments, their bytes per parameter, and the convention
//! behind each, with its source.

use leptos::prelude::*;

use super::Computed;
use crate::core::format::fmt_number;
use crate::core::memory::Method;
use crate::core::memory::optimizer_state::Optimizer;
use crate::core::memory::precision::Precision;
use crate::ui::i18n::{Memory, texts};
use crate::ui::state::AppState;

/// One row of the table: the part's key, its bytes at the peak, in the backward pass and at the
/// optimizer step, its bytes per parameter, and the convention's source.
struct PartRow {
    key: &'static str,
    bytes: [u64; 3],
    per_param: String,
    source: String,
}

/// The sources of the weights', gradients' and optimizer states' conventions for this estimate.
fn state_sources(c: &Computed, t: &'static Memory) -> [String; 3] {
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
    let weights = match c.input.method {
        Method::Full => prec_src,
        Method::Lora(_) => t.lora_weights_source,
        Method::Qlora { .. } => t.qlora_weights_source,
    };
    let grads = if full {
        prec_src
    } else {
        t.adapter_grads_source
    };
    let master = full && c.input.prec == Precision::Bf16Master;
    let optimizer = format!("{opt_src}{}", if master { t.master_source } else { "" });
    [weights.to_string(), grads.to_string(), optimizer]
}

/// The six rows, in the order of `t.part_names`.
fn part_rows(c: &Computed, t: &'static Memory) -> [PartRow; 6] {
    let e = &c.est;
    let bpp = |x: f64, per: usize| {
        let unit = t.per_param.get(per).copied().unwrap_or("");
        format!("{} B {unit}", fmt_number(x))
    };
    // `t.per_param`: 0 = per parameter, 1 = per trainable parameter.
    let (per_all, per_trainable) = (0, 1);
    let bp = &e.bytes_per_param;
    let [weights_src, grads_src, opt_src] = state_sources(c, t);
    let row = |key, bytes, per_param, source: &str| PartRow {
        key,
        bytes,
        per_param,
        source: source.to_string(),
    };
    let none = || "—".to_string();
    [
        row(
            "weights",
            [e.weights, e.backward.weights, e.step.weights],
            bpp(bp.weights, per_all),
            &weights_src,
        ),
        row(
            "grads",
            [e.grads, e.backward.grads, e.step.grads],
            bpp(bp.grads, per_trainable),
            &grads_src,
        ),
        row(
            "optimizer",
            [e.optimizer, e.backward.optimizer, e.step.optimizer],
            bpp(bp.optimizer, per_trainable),
            &opt_src,
        ),
        row(
            "activations",
            [e.activations, e.backward.activations, e.step.activations],
            none(),
            t.act_source,
        ),
        row(
            "logits",
            [e.logits, e.backward.logits, e.step.logits],
            none(),
            t.logits_source,
        ),
        row(
            "overhead",
            [e.overhead, e.backward.overhead, e.step.overhead],
            none(),
            t.overhead_source,
        ),
    ]
}

/// The table of parts.
#[component]
pub fn PartsTable(
    /// The estimate on screen.
    shown: Memo<Option<Computed>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let strings = move || texts(state.lang.get());
    let rows = move || {
        let t = strings().memory();
        shown.get().map(|c| {
            part_rows(&c, t)
                .into_iter()
                .enumerate()
                .map(|(i, r)| {
                    let name = t.part_names.get(i).copied().unwrap_or(r.key);
                    let [peak, back, step] = r.bytes.map(|x| c.unit.format(x as f64));
                    view! {
                        <tr data-testid=format!("part-{}", r.key)>
                            <th scope="row">{name}</th>
                            <td>{peak}</td>
                            <td>{back}</td>
                            <td>{step}</td>
                            <td>{r.per_param}</td>
                            <td class="mem-src">{r.source}</td>
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
