//! The held-out loss section: training against held-out loss per (optimizer, batch size), the
//! generalisation gap with its seed range (`heldout-loss-<opt>-<B>`, `gen-gap-<opt>-<B>`), what the
//! current runs show about small against large batches (sentences chosen from the results by
//! [`crate::core::sim::generalisation::contrast`]), the literature's answer, and a button that
//! loads an experiment where the effect can appear.

use std::rc::Rc;

use leptos::prelude::*;

use super::SimCtx;
use super::engine::{RunsOut, same_runs};
use super::loss_panel::{opt_index, shade_of};
use crate::chart::AxisLabels;
use crate::chart::sim::generalisation::{self as gap_chart, GapCurve, GapPlot};
use crate::core::format::{fmt_int, fmt_number};
use crate::core::params::sim as P;
use crate::core::sim::config::Task;
use crate::core::sim::generalisation::{
    BatchContrast, Compare, EXPERIMENT, GapStats, contrast, experiment_text, gap_stats,
    heldout_series,
};
use crate::core::sim::optim::OptimizerKind;
use crate::core::sim::seed_band::{SeedBand, XAxis, band_of, seed_band};
use crate::ui::components::chart_canvas::{ChartCanvas, ChartFn, ChartJob};
use crate::ui::i18n::{Lang, SimGen, Strings, fill, texts};
use crate::ui::state::{AppState, ParamSet};

/// Points per drawn curve.
const POINTS: usize = 200;

/// One curve's bands, owned.
struct Bands {
    series: usize,
    shade: f64,
    label: String,
    train: SeedBand,
    heldout: SeedBand,
}

fn bands(out: &RunsOut, x: XAxis, names: &[&str; 7]) -> Vec<Bands> {
    out.groups
        .iter()
        .map(|g| {
            let i = opt_index(g.opt);
            Bands {
                series: i,
                shade: shade_of(g.batch, &out.input.batch_sizes),
                label: format!("{} · B = {}", names.get(i).copied().unwrap_or(""), g.batch),
                train: seed_band(&g.runs, x, POINTS),
                heldout: band_of(&g.runs, x, POINTS, heldout_series),
            }
        })
        .collect()
}

/// The experiment button's description, filled from [`EXPERIMENT`].
fn load_hint(t: &SimGen, lang: Lang, opt_names: &[&str; 7]) -> String {
    let task = Task::parse(experiment_text(&P::TASK), P::TASK.key).ok();
    let params = task.map_or(0, Task::dim);
    let noise = experiment_text(&P::LABEL_NOISE)
        .parse::<f64>()
        .map_or_else(|_| String::new(), |q| format!("{}%", fmt_number(q * 100.0)));
    let sep = if lang == Lang::Zh { "、" } else { ", " };
    let bs = experiment_text(&P::BS)
        .split(',')
        .collect::<Vec<_>>()
        .join(sep);
    let opts = experiment_text(&P::OPTS)
        .split(',')
        .filter_map(|w| OptimizerKind::parse(w, P::OPTS.key).ok())
        .map(|o| opt_names.get(opt_index(o)).copied().unwrap_or(""))
        .collect::<Vec<_>>()
        .join(sep);
    fill(
        t.load_hint,
        &[
            ("params", &fmt_int(params as u128)),
            ("n", experiment_text(&P::N)),
            ("noise", &noise),
            ("opt", &opts),
            ("lr", experiment_text(&P::LR)),
            ("bs", &bs),
            ("epochs", experiment_text(&P::EPOCHS)),
            ("seeds", experiment_text(&P::SEEDS)),
        ],
    )
}

fn pick(cases: &[&'static str; 3], c: Compare) -> &'static str {
    let i = match c {
        Compare::Lower => 0,
        Compare::Higher => 1,
        Compare::Overlap => 2,
    };
    cases.get(i).copied().unwrap_or("")
}

/// The sentences about one optimizer's smallest and largest batch.
fn verdict(
    t: &SimGen,
    lang: Lang,
    opt: &str,
    c: &BatchContrast,
    seeds: u64,
    updates: [u64; 2],
) -> String {
    // Chinese sentences follow each other without a space.
    let gap = if lang == Lang::Zh { "" } else { " " };
    let (small, large) = (c.small.to_string(), c.large.to_string());
    let [us, ul] = updates.map(|u| fmt_int(u128::from(u)));
    let at = |s: &'static str| fill(s, &[("small", &small), ("large", &large)]);
    let mut text = fill(
        t.summary,
        &[
            ("opt", opt),
            ("small", &small),
            ("large", &large),
            ("us", &us),
            ("ul", &ul),
            ("hs", &fmt_number(c.small_stats.heldout.mean)),
            ("hl", &fmt_number(c.large_stats.heldout.mean)),
            ("gs", &fmt_number(c.small_stats.gap.mean)),
            ("gl", &fmt_number(c.large_stats.gap.mean)),
            ("n", &c.small_stats.runs.min(c.large_stats.runs).to_string()),
        ],
    );
    if seeds < 2 {
        text.push_str(gap);
        text.push_str(t.one_seed);
        return text;
    }
    for s in [
        pick(&t.train_cmp, c.train),
        pick(&t.heldout_cmp, c.heldout),
        pick(&t.gap_cmp, c.gap),
    ] {
        text.push_str(gap);
        text.push_str(&at(s));
    }
    text
}

/// The lines of the verdict on the runs `out`: per optimizer, its smallest against its largest
/// batch (or why there is no contrast), and a note when the runs have no epoch budget.
fn verdict_lines(s: &'static Strings, lang: Lang, out: &RunsOut) -> Vec<String> {
    let t = s.sim_gen();
    let mut lines: Vec<String> = Vec::new();
    for &o in &out.input.opts {
        let settings: Vec<(usize, GapStats)> = out
            .groups
            .iter()
            .filter(|g| g.opt == o)
            .filter_map(|g| Some((g.batch, gap_stats(&g.runs)?)))
            .collect();
        let name = s.sim().opt_names.get(opt_index(o)).copied().unwrap_or("");
        match contrast(&settings) {
            Some(c) => {
                let updates = [c.small, c.large].map(|b| out.input.steps_for(b));
                lines.push(verdict(t, lang, name, &c, out.input.seeds, updates));
            }
            None => lines.push(format!("{name}: {}", t.one_batch)),
        }
    }
    if out.input.epochs.is_none() {
        lines.push(t.no_budget.to_string());
    }
    lines
}

/// The section: the experiment to load, and once the runs train on a data set, the chart, the
/// table, the verdict and the literature's answer.
#[component]
pub fn GenPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let ctx = expect_context::<SimCtx>();
    let engine = ctx.engine;
    let strings = move || texts(state.lang.get());
    let on_data = move || {
        ctx.checked
            .shown
            .with(|s| s.as_ref().is_some_and(|i| i.train_size().is_some()))
    };
    let stale = move || match (engine.runs.get(), ctx.checked.result.get()) {
        (Some(r), Ok(i)) => !same_runs(&r.input, &i),
        _ => true,
    };
    view! {
        <section class="sim-gen" data-testid="sim-gen">
            <h3>{move || strings().sim_gen().title}</h3>
            <p class="hint">{move || strings().sim_gen().intro}</p>
            <GenLoad/>
            <p class="sim-gen-nodata" class:hidden=on_data>{move || strings().sim_gen().needs_data}</p>
            <div class:hidden=move || !on_data() class:stale=stale>
                <GenChart/>
                <GenTable/>
                <GenVerdict/>
                <h4>{move || strings().sim_gen().literature_title}</h4>
                <p class="sim-gen-literature" data-testid="gen-literature">{move || strings().sim_gen().literature}</p>
            </div>
        </section>
    }
}

/// The button that loads the experiment, and what it sets.
#[component]
fn GenLoad() -> impl IntoView {
    let state = expect_context::<AppState>();
    let ctx = expect_context::<SimCtx>();
    let strings = move || texts(state.lang.get());
    // Loading the experiment is a click: an event handler may write signals. Every Simulator
    // input goes back to its default first, so the experiment is the same whatever came before.
    let load = move |_| {
        let params = ctx.p.params();
        for p in &params {
            p.value.set(p.default.to_string());
        }
        for (spec, value) in EXPERIMENT {
            if let Some(p) = ctx.p.get(spec) {
                p.value.set(value.to_string());
            }
        }
    };
    view! {
        <div class="sim-gen-load">
            <button type="button" data-testid="load-gen-experiment" on:click=load>
                {move || strings().sim_gen().load}
            </button>
            <p class="hint">{move || load_hint(strings().sim_gen(), state.lang.get(), &strings().sim().opt_names)}</p>
        </div>
    }
}

/// The chart of training against held-out loss, per optimizer and batch size.
#[component]
fn GenChart() -> impl IntoView {
    let state = expect_context::<AppState>();
    let ctx = expect_context::<SimCtx>();
    let engine = ctx.engine;
    let strings = move || texts(state.lang.get());
    let x_name = move |s: &'static Strings| {
        let i = match ctx.x_axis() {
            XAxis::Steps => 0,
            XAxis::Examples => 1,
            XAxis::Epochs => 2,
        };
        s.sim().loss_x.get(i).copied().unwrap_or("")
    };
    let alt = Signal::derive(move || {
        let s = strings();
        let n = engine
            .runs
            .with(|r| r.as_ref().map_or(0, |r| r.groups.len()));
        fill(s.sim_gen().alt, &[("n", &n.to_string()), ("x", x_name(s))])
    });
    let chart: ChartFn = Rc::new(move |job: ChartJob<'_, '_>| {
        let s = strings();
        let x = ctx.x_axis();
        let Some(out) = engine.runs.get() else { return };
        let data = bands(&out, x, &s.sim().opt_names);
        let curves: Vec<GapCurve<'_>> = data
            .iter()
            .filter(|b| !b.heldout.x.is_empty())
            .map(|b| GapCurve {
                series: b.series,
                shade: b.shade,
                label: b.label.clone(),
                train: &b.train,
                heldout: &b.heldout,
            })
            .collect();
        let plot = GapPlot {
            curves: &curves,
            labels: AxisLabels {
                x: x_name(s),
                y: s.sim_gen().y,
            },
            kinds: s.sim_gen().kinds,
        };
        let w = s.export();
        job.run(
            |root, style| gap_chart::draw(root, &plot, style),
            || gap_chart::table(&plot, w.series, w.band_lo, w.band_hi),
        );
    });
    let file = Signal::derive(move || super::file_stem(&state.sim, "gen"));
    view! {
        <figure class="chart">
            <figcaption>{move || strings().sim_gen().chart_title}</figcaption>
            <ChartCanvas testid="chart-sim-gen" alt=alt chart=chart file=file suffix="sim-gen"/>
            <p class="chart-note">{move || strings().sim_gen().caption}</p>
        </figure>
    }
}

/// The table: per optimizer and batch size, the updates, the training and held-out loss and the
/// gap with its range over the seeds.
#[component]
fn GenTable() -> impl IntoView {
    let state = expect_context::<AppState>();
    let ctx = expect_context::<SimCtx>();
    let engine = ctx.engine;
    let strings = move || texts(state.lang.get());
    let rows = move || {
        let s = strings();
        let out = engine.runs.get()?;
        Some(
            out.groups
                .iter()
                .map(|g| {
                    let key = format!("{}-{}", g.opt.key(), g.batch);
                    let name = s.sim().opt_names.get(opt_index(g.opt)).copied().unwrap_or("");
                    let st = gap_stats(&g.runs);
                    let raw = |f: fn(&GapStats) -> f64| st.as_ref().map_or_else(String::new, |x| f(x).to_string());
                    let shown = |f: fn(&GapStats) -> f64| st.as_ref().map_or_else(|| s.sim().diverged.to_string(), |x| fmt_number(f(x)));
                    let range = st.as_ref().map_or_else(|| "—".to_string(), |x| format!("{} … {}", fmt_number(x.gap.lo), fmt_number(x.gap.hi)));
                    view! {
                        <tr>
                            <th scope="row">{name}</th>
                            <td>{fmt_int(g.batch as u128)}</td>
                            <td>{fmt_int(u128::from(out.input.steps_for(g.batch)))}</td>
                            <td>{shown(|x| x.train.mean)}</td>
                            <td><output data-testid=format!("heldout-loss-{key}") data-value=raw(|x| x.heldout.mean)>{shown(|x| x.heldout.mean)}</output></td>
                            <td><output data-testid=format!("gen-gap-{key}") data-value=raw(|x| x.gap.mean)>{shown(|x| x.gap.mean)}</output></td>
                            <td>{range}</td>
                        </tr>
                    }
                })
                .collect_view(),
        )
    };
    view! {
        <div class="table-scroll">
            <table class="sim-table" data-testid="sim-gen-table">
                <thead>
                    <tr>
                        {move || strings().sim_gen().table_heads.iter().map(|h| view! { <th>{*h}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// What the current runs show about small against large batches (on a data set only).
#[component]
fn GenVerdict() -> impl IntoView {
    let state = expect_context::<AppState>();
    let ctx = expect_context::<SimCtx>();
    let engine = ctx.engine;
    let verdicts = move || {
        let s = texts(state.lang.get());
        let out = engine.runs.get()?;
        out.input.train_size()?;
        let lines = verdict_lines(s, state.lang.get(), &out);
        Some(
            lines
                .into_iter()
                .map(|l| view! { <p>{l}</p> })
                .collect_view(),
        )
    };
    view! {
        <div class="sim-gen-verdict" data-testid="gen-verdict">{verdicts}</div>
    }
}
