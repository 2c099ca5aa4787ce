//! The comparison chart: each task's share under proportional, capped, temperature and equal
//! mixing, with the current choice marked, and its data table.

use std::rc::Rc;

use leptos::prelude::*;

use super::MixState;
use crate::chart::data::mix_shares::{self, MixSharesPlot};
use crate::core::mix::{MixPlan, Scheme};
use crate::ui::components::chart_canvas::{ChartCanvas, ChartFn, ChartJob};
use crate::ui::i18n::{Strings, fill, texts};
use crate::ui::state::AppState;

/// The label of a scheme, in the reader's language (a `\n` may split it).
fn scheme_label(s: &Strings, scheme: Scheme) -> String {
    s.data().scheme_label(scheme)
}

/// Scheme labels and shares of a plan, for the chart and the table.
fn series(s: &Strings, plan: &MixPlan) -> (Vec<String>, Vec<Vec<Option<f64>>>) {
    plan.comparison
        .iter()
        .map(|c| (scheme_label(s, c.scheme), c.shares.clone()))
        .unzip()
}

/// The chart figure.
#[component]
pub fn MixChart(
    /// The view's state.
    m: MixState,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let strings = move || texts(state.lang.get());
    // Default and example names in the reader's language, typed names as typed.
    let names = move || -> Vec<String> {
        let data = strings().data();
        m.cells.with(|c| {
            c.iter()
                .map(|c| data.task_name(c.name.trim()).into_owned())
                .collect()
        })
    };
    let alt = Signal::derive(move || {
        let s = strings();
        m.plan.shown.with(|p| {
            p.as_ref().map_or(String::new(), |p| {
                let current = p.comparison.get(p.current).map_or(String::new(), |c| {
                    scheme_label(s, c.scheme).replace('\n', " ")
                });
                let n = p.rows.iter().flatten().count();
                fill(
                    s.data().chart_alt,
                    &[("n", &n.to_string()), ("current", &current)],
                )
            })
        })
    });
    let chart: ChartFn = Rc::new(move |job: ChartJob<'_, '_>| {
        let s = strings();
        let Some(plan) = m.plan.shown.get() else {
            return;
        };
        let tasks = names();
        let (labels, shares) = series(s, &plan);
        let plot = MixSharesPlot {
            schemes: &labels,
            shares: &shares,
            tasks: &tasks,
            current: plan.current,
            current_label: s.data().chart_current,
            y_label: s.data().chart_y,
        };
        job.run(
            |root, style| mix_shares::draw(root, &plot, style),
            || mix_shares::table(&plot, s.data().table_task),
        );
    });
    // Exported files: batch-lab_data_mix_examples_k-none_t1.*
    let file = Signal::derive(move || {
        let p = state.data;
        let k = p.k.value.get();
        format!(
            "data_mix_{}_k{}_t{}",
            p.mix.value.get().trim(),
            if k.trim().is_empty() {
                "-none"
            } else {
                k.trim()
            },
            p.t.value.get().trim()
        )
    });
    view! {
        <figure class="chart" class:stale=move || m.plan.stale.get()>
            <figcaption>{move || strings().data().chart_title}</figcaption>
            <ChartCanvas testid="chart-mix" alt=alt chart=chart file=file table_testid="mix-chart-table"/>
            <p class="hint" class:hidden=move || m.plan.shown.with(|p| p.as_ref().is_none_or(|p| p.comparison.len() >= 4))>
                {move || strings().data().chart_hint}
            </p>
        </figure>
    }
}
