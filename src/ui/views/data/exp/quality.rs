//! Experiment 2: n clean examples against k·n examples with a fraction p of random labels, and
//! the break-even the simulation finds on a grid of multiples.

use leptos::prelude::*;

use super::curves::{CurvesData, CurvesFigure};
use super::run_bar::RunBar;
use super::runner::{Build, Runner};
use super::{ExpCtx, fmt_loss, raw};
use crate::chart::data::exp::Curve;
use crate::core::data_exp::quality::{self as q, GRID, break_even, noisy_size};
use crate::core::data_exp::trainer::{BATCH, Trainer};
use crate::core::format::{fmt_int, fmt_number};
use crate::core::params::data::exp as P;
use crate::ui::components::figure::Figure;
use crate::ui::components::num_field::NumField;
use crate::ui::i18n::{Strings, fill, texts};
use crate::ui::state::AppState;

/// What a quality run ran with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QMeta {
    /// Clean examples n.
    pub n: usize,
    /// Multiple k.
    pub k: f64,
    /// Label noise p.
    pub p: f64,
    /// Seed.
    pub seed: u64,
}

/// The figures of a finished run: clean, noisy, the grid's (multiple, loss), the break-even.
#[derive(Debug, Clone, PartialEq)]
struct QOut {
    clean: f64,
    noisy: f64,
    grid: Vec<(f64, f64)>,
    break_even: Option<f64>,
}

fn outcome(runs: &[Trainer]) -> Option<QOut> {
    if runs.len() != 2 + GRID.len() {
        return None;
    }
    let best = |i: usize| runs.get(i).map_or(f64::NAN, |t| t.best(0));
    let grid: Vec<(f64, f64)> = GRID
        .iter()
        .enumerate()
        .map(|(j, &g)| (g, best(2 + j)))
        .collect();
    let clean = best(0);
    Some(QOut {
        clean,
        noisy: best(1),
        break_even: break_even(clean, &grid),
        grid,
    })
}

/// The sentences under the figures.
fn sentences(s: &Strings, m: &QMeta, o: &QOut) -> Vec<String> {
    let t = s.data_exp();
    let size = noisy_size(m.n, m.k);
    let args = [
        ("m", fmt_int(size as u128)),
        ("k", fmt_number(m.k)),
        ("noisy", fmt_loss(o.noisy)),
        ("clean", fmt_loss(o.clean)),
        ("n", fmt_int(m.n as u128)),
    ];
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let first = fill(
        if o.noisy > o.clean {
            t.q_clean_wins
        } else {
            t.q_noisy_wins
        },
        &args,
    );
    let second = match o.break_even {
        Some(x) => fill(
            t.q_found,
            &[
                ("x", &fmt_number(x)),
                ("m", &fmt_int(noisy_size(m.n, x) as u128)),
                ("n", &fmt_int(m.n as u128)),
            ],
        ),
        None => fill(
            t.q_none,
            &[
                ("max", &fmt_number(GRID[GRID.len() - 1])),
                ("p", &fmt_number(m.p)),
            ],
        ),
    };
    vec![first, second]
}

/// The chart: the lowest held-out loss of each noisy set against its size, the clean run dashed.
fn chart_data(s: &Strings, m: &QMeta, o: &QOut) -> CurvesData {
    let p = fmt_number(m.p);
    let n = fmt_int(m.n as u128);
    let mut points: Vec<(f64, f64)> = o
        .grid
        .iter()
        .map(|&(g, l)| (noisy_size(m.n, g) as f64, l))
        .collect();
    points.push((noisy_size(m.n, m.k) as f64, o.noisy));
    points.sort_by(|a, b| a.0.total_cmp(&b.0));
    points.dedup_by(|a, b| a.0 == b.0);
    let t = s.data_exp();
    CurvesData {
        curves: vec![Curve {
            label: fill(t.q_curve, &[("p", &p)]),
            series: 4,
            points,
        }],
        reference: Some((fill(t.q_reference, &[("n", &n)]), o.clean)),
        alt: fill(
            t.q_alt,
            &[("n", &n), ("p", &p), ("clean", &fmt_loss(o.clean))],
        ),
    }
}

/// The quality section.
#[component]
pub fn QualityExp(
    /// The experiments' shared state.
    ctx: ExpCtx,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let strings = move || texts(state.lang.get());
    let runner: Runner<QMeta> = Runner::new();
    on_cleanup(move || runner.cancel());
    let current = move || {
        ctx.settings.with(|s| {
            s.as_ref().ok().map(|s| QMeta {
                n: s.clean_n,
                k: s.noisy_x,
                p: s.label_noise,
                seed: s.seed,
            })
        })
    };
    let run = Callback::new(move |()| {
        let Some(m) = untrack(current) else {
            return;
        };
        let mut sets = vec![(m.n, 0.0), (noisy_size(m.n, m.k), m.p)];
        sets.extend(GRID.iter().map(|&g| (noisy_size(m.n, g), m.p)));
        let builds: Vec<Build> = sets
            .into_iter()
            .map(|(n, p)| Box::new(move || q::trainer(n, p, m.seed)) as Build)
            .collect();
        runner.start(m, builds, q::DRAWS / BATCH);
    });
    let stale =
        Signal::derive(move || runner.with_result(|r| r.is_some_and(|r| current() != Some(*r.0))));
    // Recomputed from the runs when read (cheap): a memo of its own would cost a reactive type.
    let out = move || runner.with_result(|r| r.and_then(|r| outcome(r.1).map(|o| (*r.0, o))));
    let fig = move |f: fn(&QOut) -> Option<f64>, shown: fn(f64) -> String| {
        let value = move || out().and_then(|(_, o)| f(&o));
        (
            Signal::derive(move || value().map_or(String::new(), raw)),
            Signal::derive(move || value().map_or("—".into(), shown)),
        )
    };
    let (clean_raw, clean_shown) = fig(|o| Some(o.clean), fmt_loss);
    let (noisy_raw, noisy_shown) = fig(|o| Some(o.noisy), fmt_loss);
    let (be_raw, be_shown) = fig(|o| o.break_even, fmt_number);
    let nats = Signal::derive(move || strings().data_exp().unit_nats);
    let times = Signal::derive(move || strings().data_exp().q_unit_times);
    let data = Signal::derive(move || out().map(|(m, o)| chart_data(strings(), &m, &o)));
    let lines = move || {
        out().map(|(m, o)| {
            sentences(strings(), &m, &o)
                .into_iter()
                .map(|l| view! { <li>{l}</li> })
                .collect_view()
        })
    };
    let about = move || {
        let grid = GRID
            .iter()
            .map(|g| fmt_number(*g))
            .collect::<Vec<_>>()
            .join(", ");
        fill(
            strings().data_exp().q_about,
            &[
                ("draws", &fmt_int(q::DRAWS as u128)),
                ("heldout", &fmt_int(q::HELDOUT as u128)),
                ("grid", &grid),
            ],
        )
    };
    let file = Signal::derive(move || {
        current().map_or("data_exp_quality".into(), |m| {
            format!("data_exp_quality_n{}_k{}_p{}", m.n, m.k, m.p)
        })
    });
    let p = ctx.p;
    view! {
        <section class="exp" id="exp-quality" data-testid="exp-quality">
            <h4>{move || strings().data_exp().q_title}</h4>
            <p class="exp-about">{about}</p>
            <form class="controls exp-controls" aria-label=move || strings().data_exp().q_title on:submit=|ev| ev.prevent_default()>
                <NumField param=p.clean_n text=|s| &s.data_exp().clean_n error=ctx.error(&P::CLEAN_N)/>
                <NumField param=p.noisy_x text=|s| &s.data_exp().noisy_x error=ctx.error(&P::NOISY_X)/>
                <NumField param=p.label_noise text=|s| &s.data_exp().label_noise error=ctx.error(&P::LABEL_NOISE)/>
            </form>
            <RunBar
                prefix="quality"
                status=runner.status
                label=|s| s.data_exp().run
                disabled=Signal::derive(move || current().is_none())
                run=run
                cancel=Callback::new(move |()| runner.cancel())
            />
            <p class="stale-badge" class:hidden=move || !stale.get()>{move || strings().data_exp().stale}</p>
            <div class="figures">
                <Figure testid="quality-heldout-clean" raw=clean_raw shown=clean_shown unit=nats text=|s| &s.data_exp().q_clean stale=stale/>
                <Figure testid="quality-heldout-noisy" raw=noisy_raw shown=noisy_shown unit=nats text=|s| &s.data_exp().q_noisy stale=stale/>
                <Figure testid="quality-break-even" raw=be_raw shown=be_shown unit=times text=|s| &s.data_exp().q_break_even stale=stale/>
            </div>
            <ul class="findings" data-testid="quality-findings">{lines}</ul>
            <CurvesFigure
                testid="chart-quality"
                suffix="quality"
                caption=|s| s.data_exp().q_chart
                data=data
                log_x=true
                x_label=|s| s.data_exp().q_x
                y_label=|s| s.data_exp().q_y
                file=file
                stale=stale
            />
        </section>
    }
}
