//! "How close is this?": published training runs beside this view's count.

use crate::ui::i18n::fill;
use leptos::prelude::*;

use crate::core::compute::runs::{self, Reported};
use crate::core::format::{fmt_number, fmt_sci};
use crate::ui::i18n::texts;
use crate::ui::state::AppState;

/// The comparison table (the rows do not depend on the inputs).
#[component]
pub fn RunsTable() -> impl IntoView {
    let state = expect_context::<AppState>();
    let strings = move || texts(state.lang.get());
    let table = runs::table();
    let rows = move || {
        let t = strings().compute();
        table
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let card = crate::core::memory::gpu::Gpu::parse(r.run.gpu)
                    .map_or(r.run.gpu, |g| g.name);
                let reported = match r.run.reported {
                    Reported::Flops(x) => fill(t.runs_reported.flops, &[("x", &fmt_sci(x))]),
                    Reported::GpuHours(x) => fill(t.runs_reported.gpu_hours, &[("x", &fmt_number(x))]),
                    Reported::TflopsPerGpu(x) => fill(t.runs_reported.tflops_per_gpu, &[("x", &fmt_number(x))]),
                };
                let mfu = r
                    .implied_mfu
                    .map_or("—".into(), |m| format!("{} %", fmt_number((m * 1000.0).round() / 10.0)));
                let hours = fmt_number((r.gpu_hours / 1000.0).round() * 1000.0);
                view! {
                    <tr data-testid=format!("run-{i}") data-value=r.implied_mfu.map_or(String::new(), |m| m.to_string())>
                        <td><a href=r.run.url target="_blank" rel="noopener">{r.run.source}</a></td>
                        <td>{fmt_sci(r.run.tokens)}</td>
                        <td>{card}</td>
                        <td>{reported}</td>
                        <td>{fmt_sci(r.flops)}</td>
                        <td>{mfu}</td>
                        <td>{hours}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let head = move || {
        strings()
            .compute()
            .runs_cols
            .iter()
            .map(|h| view! { <th scope="col">{*h}</th> })
            .collect_view()
    };
    view! {
        <section class="mem-block mem-measured">
            <h3>{move || strings().compute().runs_title}</h3>
            <p class="lead-small">{move || strings().compute().runs_intro}</p>
            <div class="mem-scroll">
                <table class="mem-table" data-testid="runs-table">
                    <thead><tr>{head}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}
