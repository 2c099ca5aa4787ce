//! The table of every (optimizer, batch size) of the current runs: the rate used and the mean
//! final loss from the runs; the best rate, the largest stable rate and the steps and examples to
//! the target from the sweep. Each number is an `<output>` with `data-testid` and `data-value`.

use leptos::prelude::*;

use super::SimCtx;
use super::loss_panel::opt_index;
use crate::core::format::{fmt_int, fmt_number, fmt_rate};
use crate::core::sim::seed_band::mean_final_loss;
use crate::ui::i18n::texts;
use crate::ui::state::AppState;

fn cell(testid: String, raw: String, shown: String) -> impl IntoView {
    view! { <td><output data-testid=testid data-value=raw>{shown}</output></td> }
}

/// The table.
#[component]
pub fn CellsTable() -> impl IntoView {
    let state = expect_context::<AppState>();
    let ctx = expect_context::<SimCtx>();
    let engine = ctx.engine;
    let strings = move || texts(state.lang.get());
    let sweep_stale = move || {
        let spec = ctx
            .checked
            .shown
            .with(|s| s.as_ref().map(|i| i.sweep_spec()));
        engine
            .sweep
            .with(|s| s.as_ref().is_some_and(|s| Some(&s.spec) != spec.as_ref()))
    };
    let rows = move || {
        let t = &strings().sim();
        let out = engine.runs.get()?;
        let sweep = engine.sweep.get();
        Some(
            out.groups
                .iter()
                .map(|g| {
                    let key = format!("{}-{}", g.opt.key(), g.batch);
                    let name = t.opt_names.get(opt_index(g.opt)).copied().unwrap_or("");
                    let (fin, _) = mean_final_loss(&g.runs);
                    let c = sweep.as_ref().and_then(|s| s.result.cell(g.opt, g.batch).cloned());
                    let has = c.is_some();
                    let dash = || "—".to_string();
                    let best = c.as_ref().and_then(|c| c.best_lr());
                    let stable = c.as_ref().and_then(|c| c.max_stable_lr());
                    let steps = c.as_ref().and_then(|c| c.steps_to_target());
                    let examples = c.as_ref().and_then(|c| c.examples_to_target());
                    let missing = if has { t.not_reached } else { "—" };
                    view! {
                        <tr>
                            <th scope="row">{name}</th>
                            <td>{fmt_int(g.batch as u128)}</td>
                            {cell(format!("lr-{key}"), g.lr.to_string(), fmt_rate(g.lr))}
                            {cell(
                                format!("final-loss-{key}"),
                                fin.map_or_else(String::new, |f| f.to_string()),
                                fin.map_or_else(|| t.diverged.to_string(), fmt_number),
                            )}
                            {cell(
                                format!("best-lr-{key}"),
                                best.map_or_else(String::new, |v| v.to_string()),
                                best.map_or_else(dash, fmt_rate),
                            )}
                            {cell(
                                format!("max-stable-lr-{key}"),
                                stable.map_or_else(String::new, |v| v.to_string()),
                                stable.map_or_else(dash, fmt_rate),
                            )}
                            {cell(
                                format!("steps-to-target-{key}"),
                                steps.map_or_else(String::new, |v| v.to_string()),
                                steps.map_or_else(|| missing.to_string(), |v| fmt_int(u128::from(v))),
                            )}
                            {cell(
                                format!("examples-to-target-{key}"),
                                examples.map_or_else(String::new, |v| v.to_string()),
                                examples.map_or_else(|| missing.to_string(), |v| fmt_int(u128::from(v))),
                            )}
                        </tr>
                    }
                })
                .collect_view(),
        )
    };
    view! {
        <section class="sim-cells" class:sweep-stale=sweep_stale>
            <h3>{move || strings().sim().table_title}</h3>
            <div class="table-scroll">
                <table class="sim-table" data-testid="sim-table">
                    <thead>
                        <tr>
                            {move || strings().sim().table_heads.iter().map(|h| view! { <th>{*h}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}
