//! The comparison chart: each task's share under proportional, capped, temperature and equal
//! mixing, with the current choice marked, and its data table.

use leptos::prelude::*;
use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;

use super::MixState;
use super::task_table::fmt_pct;
use crate::chart::ChartStyle;
use crate::chart::data::mix_shares::{self, MixSharesPlot};
use crate::core::format::fmt_number;
use crate::core::mix::{MixPlan, Scheme};
use crate::ui::components::chart_canvas::ChartCanvas;
use crate::ui::i18n::{Strings, texts};
use crate::ui::state::AppState;

/// The label of a scheme, in the reader's language (a `\n` may split it).
fn scheme_label(s: &Strings, scheme: Scheme) -> String {
    let names = &s.data.scheme_names;
    match scheme {
        Scheme::Proportional => names[0].to_string(),
        Scheme::Capped { k } => names[1].replace("{k}", &fmt_number(k)),
        Scheme::Temperature { k: None, t } => names[2].replace("{t}", &fmt_number(t)),
        Scheme::Temperature { k: Some(k), t } => names[3]
            .replace("{k}", &fmt_number(k))
            .replace("{t}", &fmt_number(t)),
        Scheme::Equal => names[4].to_string(),
    }
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
    let names = move || -> Vec<String> {
        m.cells
            .with(|c| c.iter().map(|c| c.name.trim().to_string()).collect())
    };
    let alt = Signal::derive(move || {
        let s = strings();
        m.shown.with(|p| {
            p.as_ref().map_or(String::new(), |p| {
                let current = p.comparison.get(p.current).map_or(String::new(), |c| {
                    scheme_label(s, c.scheme).replace('\n', " ")
                });
                let n = p.rows.iter().flatten().count();
                s.data
                    .chart_alt
                    .replace("{n}", &n.to_string())
                    .replace("{current}", &current)
            })
        })
    });
    let draw = move |canvas: &web_sys::HtmlCanvasElement, style: &ChartStyle| {
        let s = strings();
        let Some(plan) = m.shown.get() else { return };
        let tasks = names();
        let (labels, shares) = series(s, &plan);
        let Some(backend) = CanvasBackend::with_canvas_object(canvas.clone()) else {
            return;
        };
        let plot = MixSharesPlot {
            schemes: &labels,
            shares: &shares,
            tasks: &tasks,
            current: plan.current,
            current_label: s.data.chart_current,
            y_label: s.data.chart_y,
        };
        let _ = mix_shares::draw(&backend.into_drawing_area(), &plot, style);
    };
    let head = move || {
        let s = strings();
        m.shown.with(|p| {
            p.as_ref().map(|p| {
                series(s, p)
                    .0
                    .into_iter()
                    .enumerate()
                    .map(|(j, l)| {
                        let mark = if j == p.current { " ★" } else { "" };
                        view! { <th>{l.replace('\n', " ")}{mark}</th> }
                    })
                    .collect_view()
            })
        })
    };
    let body = move || {
        let s = strings();
        let tasks = names();
        m.shown.with(|p| {
            p.as_ref().map(|p| {
                let (_, shares) = series(s, p);
                tasks
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| {
                        shares
                            .iter()
                            .any(|c| c.get(*i).copied().flatten().is_some())
                    })
                    .map(|(i, name)| {
                        let cells = shares
                            .iter()
                            .map(|c| {
                                let v = c.get(i).copied().flatten().map_or("—".into(), fmt_pct);
                                view! { <td>{v}</td> }
                            })
                            .collect_view();
                        view! { <tr><th scope="row">{name.clone()}</th>{cells}</tr> }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        <figure class="chart" class:stale=move || m.stale.get()>
            <figcaption>{move || strings().data.chart_title}</figcaption>
            <ChartCanvas testid="chart-mix" alt=alt draw=draw/>
            <p class="hint" class:hidden=move || m.shown.with(|p| p.as_ref().is_none_or(|p| p.comparison.len() >= 4))>
                {move || strings().data.chart_hint}
            </p>
            <details class="data-table">
                <summary>{move || strings().shell.show_data}</summary>
                <table data-testid="mix-chart-table">
                    <thead><tr><th>{move || strings().data.table_task}</th>{head}</tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </details>
        </figure>
    }
}
