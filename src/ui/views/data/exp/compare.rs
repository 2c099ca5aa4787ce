//! The one-click comparison: proportional, capped, temperature and equal mixing on the same
//! scaled tasks and seed, with each scheme's mean and worst held-out loss and what the runs show
//! about the smallest task, in sentences computed from the results.

use leptos::prelude::*;

use super::run_bar::RunBar;
use super::runner::{Build, Runner};
use super::{ExpCtx, MixInput, WhyNote, fmt_loss, raw};
use crate::core::data_exp::mixing::{
    CMP_T, Findings, SCHEMES, TaskResult, findings, mean_worst, scheme_mixing, task_results,
    trainer,
};
use crate::core::data_exp::trainer::Trainer;
use crate::core::format::fmt_number;
use crate::core::mix::Mixing;
use crate::ui::i18n::{Strings, fill, texts};
use crate::ui::state::AppState;

/// What the comparison ran with.
#[derive(Debug, Clone)]
pub struct CmpMeta {
    /// The tasks and settings.
    pub input: MixInput,
    /// The mixing of each scheme, in [`SCHEMES`] order (caps already scaled).
    pub mixings: Vec<Mixing>,
}

/// A scheme's label with its K and T.
fn scheme_label(s: &Strings, i: usize, m: &Mixing) -> String {
    let t = s.data_exp();
    let k = m.cap.map(|k| fmt_number(k.round())).unwrap_or_default();
    match i {
        1 => fill(t.cmp_schemes[1], &[("k", &k)]),
        2 => {
            let cap = m
                .cap
                .map(|_| fill(t.cmp_with_cap, &[("k", &k)]))
                .unwrap_or_default();
            fill(
                t.cmp_schemes[2],
                &[("t", &fmt_number(m.temperature)), ("cap", &cap)],
            )
        }
        _ => t.cmp_schemes.get(i).copied().unwrap_or("").to_string(),
    }
}

/// The findings about the smallest task, as sentences.
fn sentences(s: &Strings, meta: &CmpMeta, res: &[Vec<TaskResult>], f: &Findings) -> Vec<String> {
    let t = s.data_exp();
    let task = meta
        .input
        .names
        .get(f.smallest)
        .map_or(String::new(), |n| s.data().task_name(n).into_owned());
    let at = |i: usize| res.get(i).and_then(|r| r.get(f.smallest)).copied();
    let label = |i: usize| {
        meta.mixings
            .get(i)
            .map_or(String::new(), |m| scheme_label(s, i, m))
    };
    let mut out = Vec::new();
    if let Some(prop) = at(0) {
        out.push(match f.starved {
            Some((i, other)) => fill(
                t.cmp_starved,
                &[
                    ("task", &task),
                    ("epochs", &fmt_number(prop.epochs)),
                    ("prop", &fmt_loss(prop.last)),
                    ("scheme", &label(i)),
                    ("other", &fmt_loss(other)),
                ],
            ),
            None => fill(
                t.cmp_not_starved,
                &[("task", &task), ("prop", &fmt_loss(prop.last))],
            ),
        });
    }
    for &i in &f.overfit {
        if let Some(r) = at(i) {
            out.push(fill(
                t.cmp_overfit,
                &[
                    ("scheme", &label(i)),
                    ("task", &task),
                    ("epochs", &fmt_number(r.epochs)),
                    ("best", &fmt_loss(r.best)),
                    ("last", &fmt_loss(r.last)),
                ],
            ));
        }
    }
    if f.overfit.is_empty() {
        out.push(fill(t.cmp_no_overfit, &[("task", &task)]));
    }
    out
}

/// One scheme's row of the comparison table.
fn scheme_row(
    s: &Strings,
    i: usize,
    meta: &CmpMeta,
    t: &Trainer,
    small: usize,
    stale: bool,
) -> impl IntoView + use<> {
    let word = SCHEMES.get(i).copied().unwrap_or("examples");
    let (mean, worst) = mean_worst(t);
    let label = meta
        .mixings
        .get(i)
        .map_or(String::new(), |m| scheme_label(s, i, m));
    let cell = move |testid: Option<String>, v: f64| {
        view! {
            <td>
                <output data-testid=testid data-value=raw(v) data-stale=stale.to_string()>{fmt_loss(v)}</output>
            </td>
        }
    };
    view! {
        <tr>
            <th scope="row" data-testid=format!("exp-scheme-{word}")>{label}</th>
            {cell(Some(format!("exp-mean-heldout-{word}")), mean)}
            {cell(Some(format!("exp-worst-heldout-{word}")), worst)}
            <td>{fmt_number(t.epochs(small))}</td>
            {cell(None, t.best(small))}
            {cell(None, t.last(small))}
        </tr>
    }
}

/// The comparison section.
#[component]
pub fn CompareExp(
    /// The experiments' shared state.
    ctx: ExpCtx,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let strings = move || texts(state.lang.get());
    let runner: Runner<CmpMeta> = Runner::new();
    on_cleanup(move || runner.cancel());
    let run = Callback::new(move |()| {
        let Ok(input) = ctx.mix.get_untracked() else {
            return;
        };
        let (k, t) = (input.mixing.cap, input.mixing.temperature);
        let mixings: Vec<Mixing> = SCHEMES
            .iter()
            .map(|w| scheme_mixing(w, &input.size, k, t))
            .collect();
        let builds: Vec<Build> = mixings
            .iter()
            .map(|&m| {
                let (size, seed) = (input.size.clone(), input.seed);
                Box::new(move || Some(trainer(&size, m, seed))) as Build
            })
            .collect();
        let steps = input.size.steps;
        runner.start(CmpMeta { input, mixings }, builds, steps);
    });
    let stale = Signal::derive(move || {
        runner.with_result(|r| {
            r.is_some_and(|r| {
                ctx.mix
                    .with(|m| m.as_ref().ok().is_none_or(|m| m.key != r.0.input.key))
            })
        })
    });
    let body = move || {
        let s = strings();
        let stale = stale.get();
        runner.with_result(|r| {
            let r = r?;
            let meta = r.0;
            let results: Vec<Vec<TaskResult>> = r.1.iter().map(task_results).collect();
            let f = findings(&meta.input.size.examples, &results)?;
            let rows = r
                .1
                .iter()
                .enumerate()
                .map(|(i, t)| scheme_row(s, i, meta, t, f.smallest, stale))
                .collect_view();
            let lines = sentences(s, meta, &results, &f)
                .into_iter()
                .map(|l| view! { <li>{l}</li> })
                .collect_view();
            let starved = f.starved.is_some().to_string();
            let overfit = f
                .overfit
                .iter()
                .filter_map(|&i| SCHEMES.get(i).copied())
                .collect::<Vec<_>>()
                .join(" ");
            let head = s
                .data_exp()
                .cmp_cols
                .iter()
                .map(|c| view! { <th scope="col">{*c}</th> })
                .collect_view();
            Some(view! {
                <table class="exp-table" data-testid="exp-compare-table">
                    <thead><tr>{head}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
                <ul class="findings" data-testid="exp-findings" data-starved=starved data-overfit=overfit>
                    {lines}
                </ul>
            })
        })
    };
    view! {
        <section class="exp" id="exp-compare" data-testid="exp-compare">
            <h4>{move || strings().data_exp().cmp_title}</h4>
            <p class="exp-about">{move || fill(strings().data_exp().cmp_about, &[("t", &fmt_number(CMP_T))])}</p>
            <RunBar
                prefix="exp-compare"
                status=runner.status
                label=|s| s.data_exp().cmp_run
                disabled=Signal::derive(move || ctx.mix.with(Result::is_err))
                run=run
                cancel=Callback::new(move |()| runner.cancel())
            />
            <p class="stale-badge" class:hidden=move || !stale.get()>{move || strings().data_exp().stale}</p>
            <div class="exp-results" class:stale=move || stale.get()>{body}</div>
            <WhyNote text=|s| s.data_exp().cmp_why entry="data-exp"/>
        </section>
    }
}
