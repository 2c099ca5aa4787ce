//! The Steps view: dataset, batch and accumulation → updates, examples, tokens and the LR schedule.

use std::rc::Rc;

use leptos::prelude::*;

use crate::chart::AxisLabels;
use crate::chart::lr_schedule::{self, LrSchedulePlot};
use crate::core::error::InputError;
use crate::core::format::{fmt_compact, fmt_int, fmt_number, fmt_sci};
use crate::core::schedule::ScheduleKind;
use crate::core::steps::{StepsInput, StepsPlan, StepsText, plan};
use crate::ui::components::chart_canvas::{ChartCanvas, ChartFn, ChartJob};
use crate::ui::components::choice_field::{ChoiceField, FlagField};
use crate::ui::components::figure::Figure;
use crate::ui::components::later::later;
use crate::ui::components::num_field::NumField;
use crate::ui::i18n::{Lang, texts};
use crate::ui::state::{AppState, Param, ParamSet, Query};

/// The Steps view's URL parameters.
#[derive(Clone, Copy, Debug)]
pub struct StepsParams {
    /// `n`: examples in the data set.
    pub n: Param,
    /// `mbs`: micro-batch per device.
    pub mbs: Param,
    /// `ga`: gradient accumulation steps.
    pub ga: Param,
    /// `gpus`: data-parallel devices, shared with the Memory view (`dev` is read as an alias).
    pub gpus: Param,
    /// `epochs`.
    pub epochs: Param,
    /// `seq`: tokens per example.
    pub seq: Param,
    /// `drop_last`: 0/1.
    pub drop_last: Param,
    /// `max_steps`: optional override.
    pub max_steps: Param,
    /// `lr`: peak learning rate.
    pub lr: Param,
    /// `warmup`: steps (≥ 1) or ratio (< 1).
    pub warmup: Param,
    /// `sched`: schedule family.
    pub sched: Param,
    /// `min_lr`: floor ratio for `cosine_min`.
    pub min_lr: Param,
}

impl StepsParams {
    /// Reads the parameters from the query, with the defaults of [`StepsText::DEFAULT`].
    pub fn new(q: &Query) -> Self {
        let d = StepsText::DEFAULT;
        StepsParams {
            n: Param::new("n", d.n, q),
            mbs: Param::new("mbs", d.mbs, q),
            ga: Param::new("ga", d.ga, q),
            gpus: Param::with_alias("gpus", "dev", d.gpus, q),
            epochs: Param::new("epochs", d.epochs, q),
            seq: Param::new("seq", d.seq, q),
            drop_last: Param::new("drop_last", d.drop_last, q),
            max_steps: Param::new("max_steps", d.max_steps, q),
            lr: Param::new("lr", d.lr, q),
            warmup: Param::new("warmup", d.warmup, q),
            sched: Param::new("sched", d.sched, q),
            min_lr: Param::new("min_lr", d.min_lr, q),
        }
    }

    /// Parses the current text of every field (tracked).
    pub fn parse(&self) -> Result<StepsInput, Vec<InputError>> {
        let v = self.params().map(|p| p.value.get());
        StepsText {
            n: &v[0],
            mbs: &v[1],
            ga: &v[2],
            gpus: &v[3],
            epochs: &v[4],
            seq: &v[5],
            drop_last: &v[6],
            max_steps: &v[7],
            lr: &v[8],
            warmup: &v[9],
            sched: &v[10],
            min_lr: &v[11],
        }
        .parse()
    }

    fn params(&self) -> [Param; 12] {
        [
            self.n,
            self.mbs,
            self.ga,
            self.gpus,
            self.epochs,
            self.seq,
            self.drop_last,
            self.max_steps,
            self.lr,
            self.warmup,
            self.sched,
            self.min_lr,
        ]
    }
}

impl ParamSet for StepsParams {
    fn params(&self) -> Vec<Param> {
        StepsParams::params(self).to_vec()
    }

    fn field_errors(&self) -> Vec<InputError> {
        untrack(|| self.parse().err().unwrap_or_default())
    }
}

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

/// The Steps view.
#[component]
pub fn StepsView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let p = state.steps;
    let strings = move || texts(state.lang.get());
    let result: Memo<Result<StepsPlan, Vec<InputError>>> = Memo::new(move |_| {
        p.parse()
            .and_then(|input| plan(&input).map_err(|e| vec![e]))
    });
    // The last plan computed from valid input: shown (marked stale) while the input is invalid.
    let shown: Memo<Option<StepsPlan>> =
        Memo::new(move |prev: Option<&Option<StepsPlan>>| match result.get() {
            Ok(plan) => Some(plan),
            Err(_) => prev.copied().flatten(),
        });
    let stale = Signal::derive(move || result.with(Result::is_err));
    let error_for = move |key: &'static str| {
        Signal::derive(move || {
            result.with(|r| {
                r.as_ref()
                    .err()
                    .and_then(|es| es.iter().find(|e| e.field == key).cloned())
            })
        })
    };
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
        Signal::derive(move || f(strings().steps()))
    };

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
            view! {
                <p class="aside" data-testid="accumulation-spans-epoch">
                    {t.accumulation_spans_epoch
                        .replace("{batches}", &fmt_int(u128::from(pl.batches_per_epoch)))}
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

    let chart_alt = Signal::derive(move || {
        let t = &strings().steps();
        shown.get().map_or(String::new(), |pl| {
            let sched = ScheduleKind::ALL
                .iter()
                .position(|k| *k == pl.schedule.kind)
                .map_or("", |i| t.sched_names[i]);
            t.chart_alt
                .replace("{sched}", sched)
                .replace("{total}", &fmt_int(u128::from(pl.total_updates)))
                .replace("{warmup}", &fmt_int(u128::from(pl.warmup_steps)))
                .replace("{peak}", &fmt_sci(pl.schedule.peak_lr))
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

    view! {
        <section class="view" data-testid="view-steps">
            <header class="view-head">
                <h2>{move || strings().steps().title}</h2>
                <p class="lead">{move || strings().steps().lead}</p>
            </header>
            <div class="view-body">
                <form class="controls" aria-label=move || strings().shell().inputs on:submit=|ev| ev.prevent_default()>
                    <NumField param=p.n text=|s| &s.steps().n error=error_for("n")/>
                    <NumField param=p.mbs text=|s| &s.steps().mbs error=error_for("mbs")/>
                    <NumField param=p.ga text=|s| &s.steps().ga error=error_for("ga")/>
                    <NumField param=p.gpus text=|s| &s.steps().dev error=error_for("gpus")/>
                    <NumField param=p.epochs text=|s| &s.steps().epochs error=error_for("epochs")/>
                    <NumField param=p.max_steps text=|s| &s.steps().max_steps error=error_for("max_steps")/>
                    <NumField param=p.seq text=|s| &s.steps().seq error=error_for("seq")/>
                    <FlagField param=p.drop_last text=|s| &s.steps().drop_last/>
                    <NumField param=p.lr text=|s| &s.steps().lr error=error_for("lr")/>
                    <ChoiceField
                        param=p.sched
                        text=|s| &s.steps().sched
                        keys=ScheduleKind::KEYS
                        labels=|s| &s.steps().sched_names
                        error=error_for("sched")
                    />
                    <NumField param=p.warmup text=|s| &s.steps().warmup error=error_for("warmup")/>
                    <Show when=move || p.sched.value.with(|v| v.trim() == "cosine_min")>
                        <NumField param=p.min_lr text=|s| &s.steps().min_lr error=error_for("min_lr")/>
                    </Show>
                </form>
                <div class="results" aria-live="polite">
                    <p class="stale-badge" class:hidden=move || !stale.get()>{move || strings().shell().stale}</p>
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
                    {accumulation_note}
                    {legacy}
                    {schedule_notes}
                    <figure class="chart" class:stale=move || stale.get()>
                        <figcaption>{move || strings().steps().chart_title}</figcaption>
                        <ChartCanvas testid="chart-lr" alt=chart_alt chart=chart file=file/>
                    </figure>
                </div>
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
