//! Experiment 3: training on a fraction of a task's phrasings, tested on all of them, for a
//! sweep of coverages.

use leptos::prelude::*;

use super::curves::{CurvesData, CurvesFigure};
use super::run_bar::RunBar;
use super::runner::{Build, Runner};
use super::{ExpCtx, WhyNote, fmt_loss, raw};
use crate::chart::data::exp::Curve;
use crate::core::data_exp::diversity::{self as d, coverages, percent, phrasings};
use crate::core::data_exp::trainer::{BATCH, Trainer};
use crate::core::data_exp::world::PHRASINGS;
use crate::core::format::fmt_int;
use crate::core::params::data::exp as P;
use crate::ui::components::num_field::NumField;
use crate::ui::i18n::{Strings, fill, texts};
use crate::ui::state::AppState;

/// What a sweep ran with.
#[derive(Debug, Clone, PartialEq)]
pub struct DMeta {
    /// The coverages, in run order.
    pub coverages: Vec<f64>,
    /// Seed.
    pub seed: u64,
}

/// A coverage's label: percent and phrasings.
fn row_label(s: &Strings, c: f64) -> String {
    fill(
        s.data_exp().d_row,
        &[
            ("c", &percent(c).to_string()),
            ("k", &phrasings(c).to_string()),
            ("of", &PHRASINGS.to_string()),
        ],
    )
}

/// The curves and the summary of a finished sweep.
fn chart_data(s: &Strings, m: &DMeta, runs: &[Trainer]) -> CurvesData {
    let curves: Vec<Curve> = m
        .coverages
        .iter()
        .zip(runs)
        .enumerate()
        .map(|(i, (&c, t))| Curve {
            label: row_label(s, c),
            series: i,
            points: t
                .evals
                .iter()
                .map(|e| {
                    (
                        (e.step * BATCH) as f64,
                        e.heldout.first().copied().unwrap_or(f64::NAN),
                    )
                })
                .collect(),
        })
        .collect();
    let ends = m
        .coverages
        .iter()
        .zip(runs)
        .map(|(&c, t)| format!("{} % {}", percent(c), fmt_loss(t.last(0))))
        .collect::<Vec<_>>()
        .join(", ");
    CurvesData {
        curves,
        reference: None,
        alt: fill(s.data_exp().d_alt, &[("ends", &ends)]),
    }
}

/// The sentence on the trend, from the final losses.
fn sentence(s: &Strings, m: &DMeta, runs: &[Trainer]) -> Option<String> {
    let last: Vec<f64> = runs.iter().map(|t| t.last(0)).collect();
    let (a, b) = (*last.first()?, *last.last()?);
    let falls = last.windows(2).all(|w| w[1] < w[0]);
    let t = s.data_exp();
    Some(fill(
        if falls { t.d_falls } else { t.d_mixed },
        &[
            ("lo", &percent(*m.coverages.first()?).to_string()),
            ("a", &fmt_loss(a)),
            ("b", &fmt_loss(b)),
        ],
    ))
}

/// The diversity section.
#[component]
pub fn DiversityExp(
    /// The experiments' shared state.
    ctx: ExpCtx,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let strings = move || texts(state.lang.get());
    let runner: Runner<DMeta> = Runner::new();
    on_cleanup(move || runner.cancel());
    let current = move || {
        ctx.settings.with(|s| {
            s.as_ref().ok().map(|s| DMeta {
                coverages: coverages(s.coverage),
                seed: s.seed,
            })
        })
    };
    let run = Callback::new(move |()| {
        let Some(m) = untrack(current) else {
            return;
        };
        let seed = m.seed;
        let builds: Vec<Build> = m
            .coverages
            .iter()
            .map(|&c| Box::new(move || Some(d::trainer(c, seed))) as Build)
            .collect();
        runner.start(m, builds, d::DRAWS / BATCH);
    });
    let stale = Signal::derive(move || {
        runner.with_result(|r| r.is_some_and(|r| current().as_ref() != Some(r.0)))
    });
    let data =
        Signal::derive(move || runner.with_result(|r| r.map(|r| chart_data(strings(), r.0, r.1))));
    let rows = move || {
        let s = strings();
        let stale = stale.get().to_string();
        runner.with_result(|r| {
            let r = r?;
            let rows = r.0.coverages.iter().zip(r.1).map(|(&c, t)| {
                let stale = stale.clone();
                view! {
                    <tr>
                        <th scope="row">{row_label(s, c)}</th>
                        <td>{fmt_loss(t.best(0))}</td>
                        <td>
                            <output data-testid=format!("diversity-heldout-{}", percent(c)) data-value=raw(t.last(0)) data-stale=stale>
                                {fmt_loss(t.last(0))}
                            </output>
                        </td>
                    </tr>
                }
            }).collect_view();
            let head = s.data_exp().d_cols.iter().map(|c| view! { <th scope="col">{*c}</th> }).collect_view();
            Some(view! {
                <table class="exp-table" data-testid="diversity-table">
                    <thead><tr>{head}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
                <p class="findings" data-testid="diversity-findings">{sentence(s, r.0, r.1)}</p>
            })
        })
    };
    let about = move || {
        fill(
            strings().data_exp().d_about,
            &[
                ("examples", &fmt_int(d::EXAMPLES as u128)),
                ("heldout", &fmt_int(d::HELDOUT as u128)),
                ("draws", &fmt_int(d::DRAWS as u128)),
                ("phrasings", &PHRASINGS.to_string()),
            ],
        )
    };
    let file = Signal::derive(move || {
        format!("data_exp_diversity_c{}", ctx.p.coverage.value.get().trim())
    });
    view! {
        <section class="exp" id="exp-diversity" data-testid="exp-diversity">
            <h4>{move || strings().data_exp().d_title}</h4>
            <p class="exp-about">{about}</p>
            <form class="controls exp-controls" aria-label=move || strings().data_exp().d_title on:submit=|ev| ev.prevent_default()>
                <NumField param=ctx.p.coverage text=|s| &s.data_exp().coverage error=ctx.error(&P::COVERAGE)/>
            </form>
            <RunBar
                prefix="diversity"
                status=runner.status
                label=|s| s.data_exp().run
                disabled=Signal::derive(move || current().is_none())
                run=run
                cancel=Callback::new(move |()| runner.cancel())
            />
            <p class="stale-badge" class:hidden=move || !stale.get()>{move || strings().data_exp().stale}</p>
            <div class="exp-results" class:stale=move || stale.get()>{rows}</div>
            <CurvesFigure
                testid="chart-diversity"
                suffix="diversity"
                caption=|s| s.data_exp().d_chart
                data=data
                log_x=false
                x_label=|s| s.data_exp().x_drawn
                y_label=|s| s.data_exp().y_heldout
                file=file
                stale=stale
            />
            <WhyNote text=|s| s.data_exp().d_why entry="data-exp-diversity"/>
        </section>
    }
}
