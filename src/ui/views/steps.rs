//! The Steps view: dataset, batch and accumulation → updates, examples, tokens and the LR schedule.

use std::rc::Rc;

use leptos::prelude::*;

use crate::chart::AxisLabels;
use crate::chart::lr_schedule::{self, LrSchedulePlot};
use crate::core::format::{fmt_compact, fmt_int, fmt_number, fmt_sci};
use crate::core::params::{ParamSpec, steps as P};
use crate::core::schedule::ScheduleKind;
use crate::core::steps::{StepsPlan, plan};
use crate::ui::components::chart_canvas::{ChartCanvas, ChartFn, ChartJob};
use crate::ui::components::checked::Checked;
use crate::ui::components::choice_field::{ChoiceField, FlagField};
use crate::ui::components::figure::Figure;
use crate::ui::components::later::later;
use crate::ui::components::num_field::NumField;
use crate::ui::i18n::{Lang, fill, texts};
pub use crate::ui::params::steps::StepsParams;
use crate::ui::state::AppState;

/// Updates at which each epoch ends, for marking the chart.
fn epoch_ends(plan: &StepsPlan) -> Vec<f64> {
    let upe = plan.updates_per_epoch;
    let epochs = plan.total_updates.div_ceil(upe).min(61);
    (1..=epochs)
        .map(|e| (e * upe).min(plan.total_updates) as f64)
        .collect()
}

/// The view as a page's content (see `ui::mount`).
pub fn page() -> AnyView {
    view! { <StepsView/> }.into_any()
}

/// The Steps view: inputs, figures and chart, notes.
#[component]
pub fn StepsView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let p = state.steps;
    let strings = move || texts(state.lang.get());
    let checked = Checked::new(move || {
        p.parse()
            .and_then(|input| plan(&input).map_err(|e| vec![e]))
    });
    view! {
        <section class="view" data-testid="view-steps">
            <header class="view-head">
                <h2>{move || strings().steps().title}</h2>
                <p class="lead">{move || strings().steps().lead}</p>
            </header>
            <div class="view-body">
                <StepsForm checked=checked/>
                <StepsResults checked=checked/>
            </div>
            {later(move || view! {
                <section class="notes">
                    <h3>{move || strings().steps().notes_title}</h3>
                    {move || strings().steps().notes.iter().map(|(h, body)| view! { <div class="note"><h4>{*h}</h4><p>{*body}</p></div> }).collect_view()}
                </section>
            }.into_any())}
        </section>
    }
}

/// The Steps view's inputs, each with its error (looked up by its declaration).
#[component]
fn StepsForm(checked: Checked<StepsPlan>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let p = state.steps;
    let e = move |spec: &'static ParamSpec| checked.error(spec);
    view! {
        <form class="controls" aria-label=move || texts(state.lang.get()).shell().inputs on:submit=|ev| ev.prevent_default()>
            <NumField param=p.n text=|s| &s.steps().n error=e(&P::N)/>
            <NumField param=p.mbs text=|s| &s.steps().mbs error=e(&P::MBS)/>
            <NumField param=p.ga text=|s| &s.steps().ga error=e(&P::GA)/>
            <NumField param=p.gpus text=|s| &s.steps().dev error=e(&P::GPUS)/>
            <NumField param=p.epochs text=|s| &s.steps().epochs error=e(&P::EPOCHS)/>
            <NumField param=p.max_steps text=|s| &s.steps().max_steps error=e(&P::MAX_STEPS)/>
            <NumField param=p.seq text=|s| &s.steps().seq error=e(&P::SEQ)/>
            <FlagField param=p.drop_last text=|s| &s.steps().drop_last/>
            <NumField param=p.lr text=|s| &s.steps().lr error=e(&P::LR)/>
            <ChoiceField
                param=p.sched
                text=|s| &s.steps().sched
                keys=ScheduleKind::KEYS
                labels=|s| &s.steps().sched_names
                error=e(&P::SCHED)
            />
            <NumField param=p.warmup text=|s| &s.steps().warmup error=e(&P::WARMUP)/>
            <Show when=move || p.sched.value.with(|v| v.trim() == "cosine_min")>
                <NumField param=p.min_lr text=|s| &s.steps().min_lr error=e(&P::MIN_LR)/>
            </Show>
        </form>
    }
}

/// The figure cards, the notes on the run, and the schedule chart.
#[component]
fn StepsResults(checked: Checked<StepsPlan>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let strings = move || texts(state.lang.get());
    let stale = checked.stale;
    view! {
        <div class="results" aria-live="polite">
            <p class="stale-badge" class:hidden=move || !stale.get()>{move || strings().shell().stale}</p>
            <StepsFigures checked=checked/>
            <StepsNotes shown=checked.shown/>
            <figure class="chart" class:stale=move || stale.get()>
                <figcaption>{move || strings().steps().chart_title}</figcaption>
                <ScheduleChart shown=checked.shown/>
            </figure>
        </div>
    }
}

/// The figure cards.
#[component]
fn StepsFigures(checked: Checked<StepsPlan>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let (shown, stale) = (checked.shown, checked.stale);
    let int_fig = move |f: fn(&StepsPlan) -> u128| {
        (
            Signal::derive(move || shown.get().map_or(String::new(), |pl| f(&pl).to_string())),
            Signal::derive(move || shown.get().map_or("—".into(), |pl| fmt_int(f(&pl)))),
        )
    };
    let (eb_raw, eb_shown) = int_fig(|pl| u128::from(pl.effective_batch));
    let (bpe_raw, bpe_shown) = int_fig(|pl| u128::from(pl.batches_per_epoch));
    let (upe_raw, upe_shown) = int_fig(|pl| u128::from(pl.updates_per_epoch));
    let (tu_raw, tu_shown) = int_fig(|pl| u128::from(pl.total_updates));
    let (ex_raw, ex_shown) = int_fig(|pl| pl.examples_seen);
    let (tok_raw, _) = int_fig(|pl| pl.tokens_seen);
    let tok_shown = Signal::derive(move || {
        shown.get().map_or("—".into(), |pl| {
            fmt_compact(pl.tokens_seen as f64, state.lang.get() == Lang::Zh)
        })
    });
    let (wu_raw, wu_shown) = int_fig(|pl| u128::from(pl.warmup_steps));
    let (ep_raw, ep_shown) = int_fig(|pl| u128::from(pl.epochs_logged));
    let ef_raw = Signal::derive(move || {
        shown
            .get()
            .map_or(String::new(), |pl| pl.epoch_final.to_string())
    });
    let ef_shown = Signal::derive(move || {
        shown
            .get()
            .map_or("—".into(), |pl| fmt_number(pl.epoch_final))
    });
    let unit = move |f: fn(&'static crate::ui::i18n::Steps) -> &'static str| {
        Signal::derive(move || f(texts(state.lang.get()).steps()))
    };
    view! {
        <div class="figures">
            <Figure testid="effective-batch" raw=eb_raw shown=eb_shown unit=unit(|s| s.unit_examples) text=|s| &s.steps().effective_batch stale=stale/>
            <Figure testid="updates-per-epoch" raw=upe_raw shown=upe_shown unit=unit(|s| s.unit_updates) text=|s| &s.steps().updates_per_epoch stale=stale/>
            <Figure testid="total-updates" raw=tu_raw shown=tu_shown unit=unit(|s| s.unit_updates) text=|s| &s.steps().total_updates stale=stale/>
            <Figure testid="batches-per-epoch" raw=bpe_raw shown=bpe_shown unit=unit(|s| s.unit_batches) text=|s| &s.steps().batches_per_epoch stale=stale/>
            <Figure testid="epochs-run" raw=ep_raw shown=ep_shown unit=unit(|s| s.unit_epochs) text=|s| &s.steps().epochs_logged stale=stale/>
            <Figure testid="epoch-final" raw=ef_raw shown=ef_shown unit=unit(|s| s.unit_epochs) text=|s| &s.steps().epoch_final stale=stale/>
            <Figure testid="warmup-steps" raw=wu_raw shown=wu_shown unit=unit(|s| s.unit_updates) text=|s| &s.steps().warmup_steps stale=stale/>
            <Figure testid="examples-seen" raw=ex_raw shown=ex_shown unit=unit(|s| s.unit_examples) text=|s| &s.steps().examples_seen stale=stale/>
            <Figure testid="tokens-seen" raw=tok_raw shown=tok_shown unit=unit(|s| s.unit_tokens) text=|s| &s.steps().tokens_seen stale=stale/>
        </div>
    }
}

/// Asides on the shown plan: accumulation longer than an epoch, the older Trainer's counts,
/// warmup the schedule ignores or that outlasts the run.
#[component]
fn StepsNotes(shown: Memo<Option<StepsPlan>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let strings = move || texts(state.lang.get());
    let legacy = move || {
        let pl = shown.get()?;
        let differs = pl.legacy.updates_per_epoch != pl.updates_per_epoch
            || pl.legacy.total_updates != pl.total_updates;
        differs.then(|| {
            let t = &strings().steps();
            view! {
                <div class="aside" data-testid="legacy">
                    <strong>{t.legacy_title} ": "</strong>
                    <span data-testid="legacy-updates-per-epoch" data-value=pl.legacy.updates_per_epoch.to_string()>
                        {fmt_int(u128::from(pl.legacy.updates_per_epoch))}
                    </span>
                    " " {t.unit_updates} " / epoch · "
                    <span data-testid="legacy-total-updates" data-value=pl.legacy.total_updates.to_string()>
                        {fmt_int(u128::from(pl.legacy.total_updates))}
                    </span>
                    " " {t.unit_updates}
                    <p>{t.legacy_why}</p>
                </div>
            }
        })
    };
    let accumulation_note = move || {
        let pl = shown.get()?;
        pl.accumulation_spans_epoch.then(|| {
            let t = &strings().steps();
            let batches = fmt_int(u128::from(pl.batches_per_epoch));
            view! {
                <p class="aside" data-testid="accumulation-spans-epoch">
                    {fill(t.accumulation_spans_epoch, &[("batches", &batches)])}
                </p>
            }
        })
    };
    let schedule_notes = move || {
        let t = &strings().steps();
        let pl = shown.get()?;
        let mut notes = Vec::new();
        if pl.schedule.kind == ScheduleKind::Constant && pl.warmup_steps > 0 {
            notes.push(t.constant_ignores_warmup);
        } else if pl.schedule.kind.uses_warmup() && pl.warmup_steps > pl.total_updates {
            notes.push(t.warmup_longer);
        }
        Some(
            notes
                .into_iter()
                .map(|n| view! { <p class="aside">{n}</p> })
                .collect_view(),
        )
    };
    view! { {accumulation_note} {legacy} {schedule_notes} }
}

/// The learning-rate schedule chart of the shown plan.
#[component]
fn ScheduleChart(shown: Memo<Option<StepsPlan>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let p = state.steps;
    let strings = move || texts(state.lang.get());
    let chart_alt = Signal::derive(move || {
        let t = &strings().steps();
        shown.get().map_or(String::new(), |pl| {
            let sched = ScheduleKind::ALL
                .iter()
                .position(|k| *k == pl.schedule.kind)
                .map_or("", |i| t.sched_names[i]);
            fill(
                t.chart_alt,
                &[
                    ("sched", sched),
                    ("total", &fmt_int(u128::from(pl.total_updates))),
                    ("warmup", &fmt_int(u128::from(pl.warmup_steps))),
                    ("peak", &fmt_sci(pl.schedule.peak_lr)),
                ],
            )
        })
    });
    let chart: ChartFn = Rc::new(move |job: ChartJob<'_, '_>| {
        let t = &strings().steps();
        let Some(pl) = shown.get() else { return };
        let points = pl.schedule.sample(600);
        let ends = epoch_ends(&pl);
        let plot = LrSchedulePlot {
            points: &points,
            epoch_ends: &ends,
            total: pl.total_updates as f64,
            labels: AxisLabels {
                x: t.chart_x,
                y: t.chart_y,
            },
        };
        job.run(
            |root, style| lr_schedule::draw(root, &plot, style),
            || lr_schedule::table(&plot),
        );
    });
    // Exported files: batch-lab_steps_lr-schedule_n10000_b100_cosine.*
    let file = Signal::derive(move || {
        let eb = shown.get().map_or(0, |pl| pl.effective_batch);
        format!(
            "steps_lr-schedule_n{}_b{eb}_{}",
            p.n.value.get().trim(),
            p.sched.value.get().trim()
        )
    });
    view! { <ChartCanvas testid="chart-lr" alt=chart_alt chart=chart file=file/> }
}
