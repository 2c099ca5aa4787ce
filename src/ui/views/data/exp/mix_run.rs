//! Experiment 1: multi-task training with the view's own mixing rates, per-task held-out loss
//! against examples drawn, and each task's end, lowest point and epochs.

use leptos::prelude::*;

use super::curves::{CurvesData, CurvesFigure};
use super::run_bar::RunBar;
use super::runner::{Build, Runner};
use super::{Blocked, ExpCtx, MixInput, WhyNote, fmt_loss, raw};
use crate::chart::data::exp::Curve;
use crate::core::data_exp::mixing::{
    HELDOUT, MAX_SIM_TASKS, TaskResult, scaled_mixing, task_results, trainer,
};
use crate::core::data_exp::trainer::{BATCH, Trainer};
use crate::core::format::{fmt_int, fmt_number};
use crate::ui::i18n::{Strings, fill, texts};
use crate::ui::state::AppState;

/// One curve per task of a finished run: held-out loss against examples drawn.
pub fn task_curves(s: &Strings, names: &[String], t: &Trainer) -> Vec<Curve> {
    (0..t.tasks())
        .map(|i| Curve {
            label: names
                .get(i)
                .map_or(String::new(), |n| s.data().task_name(n).into_owned()),
            series: i,
            points: t
                .evals
                .iter()
                .map(|e| {
                    let y = e.heldout.get(i).copied().unwrap_or(f64::NAN);
                    ((e.step * BATCH) as f64, y)
                })
                .collect(),
        })
        .collect()
}

/// The setup sentence for the current input, or why it cannot run.
fn about(s: &Strings, input: &Result<MixInput, Blocked>) -> String {
    let t = s.data_exp();
    match input {
        Ok(i) => fill(
            t.mix_about,
            &[
                ("tasks", &i.names.len().to_string()),
                ("scale", &fmt_number(i.size.scale)),
                (
                    "examples",
                    &i.size
                        .examples
                        .iter()
                        .map(|&n| fmt_int(n as u128))
                        .collect::<Vec<_>>()
                        .join(" / "),
                ),
                ("draws", &fmt_int(i.size.draws as u128)),
                ("steps", &fmt_int(i.size.steps as u128)),
                ("heldout", &HELDOUT.to_string()),
            ],
        ),
        Err(Blocked::Invalid) => t.mix_blocked.to_string(),
        Err(Blocked::TooMany) => fill(t.mix_too_many, &[("max", &MAX_SIM_TASKS.to_string())]),
    }
}

/// The multi-task section.
#[component]
pub fn MixExp(
    /// The experiments' shared state.
    ctx: ExpCtx,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let strings = move || texts(state.lang.get());
    let runner: Runner<MixInput> = Runner::new();
    on_cleanup(move || runner.cancel());
    let run = Callback::new(move |()| {
        let Ok(input) = ctx.mix.get_untracked() else {
            return;
        };
        let (size, seed) = (input.size.clone(), input.seed);
        let mixing = scaled_mixing(input.mixing, &size);
        let steps = size.steps;
        let build: Build = Box::new(move || Some(trainer(&size, mixing, seed)));
        runner.start(input, vec![build], steps);
    });
    let stale = Signal::derive(move || {
        runner.with_result(|r| {
            r.is_some_and(|r| {
                ctx.mix
                    .with(|m| m.as_ref().ok().is_none_or(|m| m.key != r.0.key))
            })
        })
    });
    let data = Signal::derive(move || {
        let s = strings();
        runner.with_result(|r| {
            let r = r?;
            let t = r.1.first()?;
            let curves = task_curves(s, &r.0.names, t);
            let ends = curves
                .iter()
                .zip(task_results(t))
                .map(|(c, res)| format!("{} {}", c.label, fmt_loss(res.last)))
                .collect::<Vec<_>>()
                .join(", ");
            let alt = fill(
                s.data_exp().mix_alt,
                &[("n", &curves.len().to_string()), ("ends", &ends)],
            );
            Some(CurvesData {
                curves,
                reference: None,
                alt,
            })
        })
    });
    let file =
        Signal::derive(move || format!("data_exp_mix_{}", state.data.mix.value.get().trim()));
    view! {
        <section class="exp" id="exp-mix" data-testid="exp-mix">
            <h4>{move || strings().data_exp().mix_title}</h4>
            <p class="exp-about" data-testid="exp-about">{move || ctx.mix.with(|m| about(strings(), m))}</p>
            <RunBar
                prefix="exp"
                status=runner.status
                label=|s| s.data_exp().run
                disabled=Signal::derive(move || ctx.mix.with(Result::is_err))
                run=run
                cancel=Callback::new(move |()| runner.cancel())
            />
            <p class="stale-badge" class:hidden=move || !stale.get()>{move || strings().data_exp().stale}</p>
            <CurvesFigure
                testid="chart-data-exp"
                suffix="data-exp"
                caption=|s| s.data_exp().mix_chart
                data=data
                log_x=false
                x_label=|s| s.data_exp().x_drawn
                y_label=|s| s.data_exp().y_heldout
                file=file
                stale=stale
            />
            <MixResults runner=runner stale=stale/>
        </section>
    }
}

/// One task's row: name, scaled examples, epochs, lowest, end and the reading.
fn task_row(
    s: &'static Strings,
    row: usize,
    name: &str,
    n: usize,
    r: TaskResult,
    stale: bool,
) -> impl IntoView + use<> {
    let t = s.data_exp();
    let reading = if r.overfit() {
        fill(t.mix_overfit, &[("rise", &fmt_loss(r.last - r.best))])
    } else {
        t.mix_fine.to_string()
    };
    let cell = move |testid: String, value: f64, shown: String| {
        view! {
            <td>
                <output data-testid=testid data-value=raw(value) data-stale=stale.to_string()>{shown}</output>
            </td>
        }
    };
    view! {
        <tr data-overfit=r.overfit().to_string()>
            <th scope="row">{s.data().task_name(name).into_owned()}</th>
            <td>{fmt_int(n as u128)}</td>
            {cell(format!("exp-epochs-{row}"), r.epochs, fmt_number(r.epochs))}
            {cell(format!("exp-best-{row}"), r.best, fmt_loss(r.best))}
            {cell(format!("exp-heldout-{row}"), r.last, fmt_loss(r.last))}
            <td>{reading}</td>
        </tr>
    }
}

/// The per-task results of the last run.
#[component]
fn MixResults(
    /// The multi-task runner.
    runner: Runner<MixInput>,
    /// Whether its result came from other settings.
    stale: Signal<bool>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let strings = move || texts(state.lang.get());
    let rows = move || {
        let s = strings();
        let stale = stale.get();
        runner.with_result(|r| {
            let r = r?;
            let t = r.1.first()?;
            let input = r.0;
            Some(
                task_results(t)
                    .into_iter()
                    .enumerate()
                    .map(|(i, res)| {
                        let row = input.rows.get(i).copied().unwrap_or(i);
                        let name = input.names.get(i).map_or("", String::as_str);
                        let n = input.size.examples.get(i).copied().unwrap_or(0);
                        task_row(s, row, name, n, res, stale)
                    })
                    .collect_view(),
            )
        })
    };
    let head = move || {
        strings()
            .data_exp()
            .mix_cols
            .iter()
            .map(|c| view! { <th scope="col">{*c}</th> })
            .collect_view()
    };
    view! {
        <div class="exp-results" class:stale=move || stale.get() class:hidden=move || !runner.has_result()>
            <table class="exp-table" data-testid="exp-table">
                <thead><tr>{head}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <WhyNote text=|s| s.data_exp().mix_why entry="data-exp"/>
        </div>
    }
}
