//! Every chart drawn from degenerate input (no points, NaN and infinities, zero and reversed
//! ranges, single points, values near the ends of `f64`), in both themes at 1× and 2×, and on
//! a 20×10 canvas: nothing panics, each drawing on a normal canvas succeeds, and every
//! rendering is a complete SVG document without `NaN` or `inf` in it.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::compute::{breakdown, gpus};
use super::dash::Dash;
use super::data::{exp, mix_shares};
use super::legend::Marker;
use super::lr::clip::Frame;
use super::lr::{
    eps_fraction, loss_steps, lr_rules, norm_fit, path, step_sweep, steps_examples, tradeoff,
};
use super::memory::parts_bar;
use super::sim::{divisor, generalisation, loss_curves, lr_sweep, target_vs_batch};
use super::{AxisLabels, ChartStyle, lr_schedule, render_svg_sized};
use crate::core::sim::critical_batch::CriticalBatchFit;
use crate::core::sim::seed_band::{DivergedMark, SeedBand};
use crate::core::sim::sweep::LrPoint;

type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// How one drawing went: `Err` carries plotters' error.
type Drawn = Result<(), String>;

/// Case `i` of a chart's degenerate inputs drawn on an area; `None` past the last case.
type Draw = fn(usize, &Area<'_>, &ChartStyle) -> Option<Drawn>;

fn done<T, E: std::fmt::Display>(r: Result<T, E>) -> Drawn {
    r.map(|_| ()).map_err(|e| e.to_string())
}

const XY: AxisLabels<'static> = AxisLabels { x: "x", y: "y" };
const NONE: AxisLabels<'static> = AxisLabels { x: "", y: "" };

/// One chart: its name, its canvas at 1× (CSS pixels) and its cases.
struct Chart {
    name: &'static str,
    size: (u32, u32),
    draw: Draw,
}

const CHARTS: &[Chart] = &[
    Chart {
        name: "compute::breakdown",
        size: (640, 380),
        draw: breakdown,
    },
    Chart {
        name: "compute::gpus",
        size: (640, 380),
        draw: gpus,
    },
    Chart {
        name: "data::exp",
        size: (640, 360),
        draw: exp,
    },
    Chart {
        name: "data::mix_shares",
        size: (640, 360),
        draw: mix_shares,
    },
    Chart {
        name: "lr::eps_fraction",
        size: (640, 380),
        draw: eps_fraction,
    },
    Chart {
        name: "lr::loss_steps",
        size: (640, 380),
        draw: loss_steps,
    },
    Chart {
        name: "lr::lr_rules",
        size: (640, 380),
        draw: lr_rules,
    },
    Chart {
        name: "lr::norm_fit",
        size: (640, 380),
        draw: norm_fit,
    },
    Chart {
        name: "lr::path",
        size: (640, 380),
        draw: path,
    },
    Chart {
        name: "lr::step_sweep",
        size: (640, 380),
        draw: step_sweep,
    },
    Chart {
        name: "lr::steps_examples",
        size: (640, 380),
        draw: steps_examples,
    },
    Chart {
        name: "lr::tradeoff",
        size: (640, 380),
        draw: tradeoff,
    },
    Chart {
        name: "lr_schedule",
        size: (640, 360),
        draw: lr_schedule,
    },
    Chart {
        name: "memory::parts_bar",
        size: (640, 360),
        draw: parts_bar,
    },
    Chart {
        name: "sim::divisor",
        size: (300, 300),
        draw: divisor,
    },
    Chart {
        name: "sim::generalisation",
        size: (720, 420),
        draw: generalisation,
    },
    Chart {
        name: "sim::loss_curves",
        size: (720, 400),
        draw: loss_curves,
    },
    Chart {
        name: "sim::lr_sweep",
        size: (720, 400),
        draw: lr_sweep,
    },
    Chart {
        name: "sim::target_vs_batch",
        size: (720, 400),
        draw: target_vs_batch,
    },
];

/// The themes and scales every case is drawn at.
const STYLES: [ChartStyle; 4] = [
    ChartStyle {
        scale: 1.0,
        dark: false,
    },
    ChartStyle {
        scale: 1.0,
        dark: true,
    },
    ChartStyle {
        scale: 2.0,
        dark: false,
    },
    ChartStyle {
        scale: 2.0,
        dark: true,
    },
];

fn assert_valid(svg: &str, what: &str) {
    let svg = svg.trim();
    assert!(svg.starts_with("<svg"), "{what}: not an SVG document");
    assert!(svg.ends_with("</svg>"), "{what}: the SVG is not closed");
    assert!(svg.len() > "<svg></svg>".len(), "{what}: empty SVG");
    assert_eq!(
        svg.matches("<text").count(),
        svg.matches("</text>").count(),
        "{what}: unclosed text"
    );
    for word in ["NaN", "inf\"", "=\"inf", "=\"-inf"] {
        assert!(!svg.contains(word), "{what}: the SVG holds {word}");
    }
}

#[test]
fn every_chart_draws_degenerate_input() {
    let mut cases = 0;
    for chart in CHARTS {
        let mut inputs = 0;
        'inputs: for i in 0.. {
            for style in STYLES {
                let k = style.scale as u32;
                let (w, h) = chart.size;
                let what = format!(
                    "{} case {i} at {}× {}",
                    chart.name,
                    style.scale,
                    if style.dark { "dark" } else { "light" }
                );
                let mut drawn = None;
                let svg = render_svg_sized((w * k, h * k), |root| {
                    drawn = (chart.draw)(i, root, &style);
                });
                let Some(drawn) = drawn else {
                    break 'inputs;
                };
                if let Err(e) = drawn {
                    panic!("{what}: {e}");
                }
                assert_valid(&svg, &what);
                // The tiny canvas may refuse to draw, but must not panic.
                let tiny = render_svg_sized((20, 10), |root| {
                    let _ = (chart.draw)(i, root, &style);
                });
                assert_valid(&tiny, &format!("{what} on 20×10"));
                cases += 2;
            }
            inputs += 1;
        }
        assert!(inputs >= 2, "{}: {inputs} inputs", chart.name);
    }
    // 19 charts, 83 inputs, 4 styles, normal and tiny canvas.
    assert_eq!(cases, 83 * 4 * 2, "{cases} cases");
}

fn breakdown(i: usize, root: &Area<'_>, style: &ChartStyle) -> Option<Drawn> {
    let values = [
        [0.0; breakdown::TERMS],
        [f64::NAN, f64::INFINITY, -1.0, 1e300],
    ];
    let plot = breakdown::BreakdownPlot {
        names: ["forward", "backward", "recompute", "attention"],
        values: *values.get(i)?,
        labels: AxisLabels {
            x: "",
            y: "GFLOPs per token",
        },
    };
    Some(done(breakdown::draw(root, &plot, style)))
}

fn gpus(i: usize, root: &Area<'_>, style: &ChartStyle) -> Option<Drawn> {
    let curves = [
        vec![],
        vec![(1.0, 1.0)],
        vec![(0.0, f64::NAN), (f64::INFINITY, 2.0), (1.0, -1.0)],
    ];
    let currents = [(f64::NAN, 0.0), (1e300, 1e300)];
    let curve = curves.get(i / currents.len())?;
    let plot = gpus::GpusPlot {
        curve,
        limit: (100.0, "limit 100"),
        current: (currents[i % currents.len()], "1 GPU"),
        labels: AxisLabels {
            x: "GPUs",
            y: "hours",
        },
    };
    Some(done(gpus::draw(root, &plot, style)))
}

fn exp(i: usize, root: &Area<'_>, style: &ChartStyle) -> Option<Drawn> {
    let bad = [exp::Curve {
        label: String::new(),
        series: 9,
        points: vec![(f64::NAN, 1.0), (1.0, f64::INFINITY), (0.0, 0.0)],
    }];
    let curves = [&[][..], &bad[..]];
    let plot = exp::ExpPlot {
        curves: curves.get(i / 2)?,
        reference: Some(("r", f64::NAN)),
        log_x: i % 2 == 1,
        labels: XY,
    };
    Some(done(exp::draw(root, &plot, style)))
}

fn mix_shares(i: usize, root: &Area<'_>, style: &ChartStyle) -> Option<Drawn> {
    let many: Vec<String> = (0..200)
        .map(|i| format!("a-very-long-task-name-{i}"))
        .collect();
    let many_shares = vec![vec![Some(1.0 / 200.0); 200]; 2];
    let schemes: Vec<String> = [
        "proportional",
        "cap\nK = 65,536",
        "K = 65,536\nT = 2",
        "equal",
    ]
    .map(String::from)
    .to_vec();
    type Case = (Vec<String>, Vec<Vec<Option<f64>>>);
    let cases: Vec<Case> = vec![
        (vec![], vec![]),
        (vec!["a".into()], vec![vec![None]]),
        (
            vec!["a".into()],
            vec![vec![Some(f64::NAN)], vec![Some(-1.0)]],
        ),
        (
            vec!["a".into(), "b".into()],
            vec![vec![Some(1e300), Some(1e-300)]],
        ),
        (many, many_shares),
    ];
    let (tasks, shares) = cases.get(i / 2)?;
    let plot = mix_shares::MixSharesPlot {
        schemes: &schemes,
        shares,
        tasks,
        current: [0, 9][i % 2],
        current_label: "",
        y_label: "",
    };
    Some(done(mix_shares::draw(root, &plot, style)))
}

fn eps_fraction(i: usize, root: &Area<'_>, style: &ChartStyle) -> Option<Drawn> {
    let curves = [
        vec![],
        vec![(1.0, 0.5)],
        vec![(0.0, f64::NAN), (f64::INFINITY, 1.0)],
    ];
    let plot = eps_fraction::EpsFractionPlot {
        curve: curves.get(i)?,
        b_noise: f64::NAN,
        b_noise_label: "B",
        current: (f64::NAN, 0.0),
        labels: XY,
    };
    Some(done(eps_fraction::draw(root, &plot, style)))
}

fn loss_steps(i: usize, root: &Area<'_>, style: &ChartStyle) -> Option<Drawn> {
    let points = [
        vec![],
        vec![(0.0, 0.0)],
        vec![(0.0, 1.0)],
        vec![
            (0.0, f64::NAN),
            (1.0, f64::INFINITY),
            (2.0, 1e-300),
            (3.0, 1e300),
        ],
    ];
    let plot = loss_steps::LossStepsPlot {
        points: points.get(i)?,
        series: 7,
        stopped: Some("x"),
        labels: XY,
    };
    Some(done(loss_steps::draw(root, &plot, style)))
}

fn lr_rules(i: usize, root: &Area<'_>, style: &ChartStyle) -> Option<Drawn> {
    let bad = [(0.0, f64::NAN), (f64::INFINITY, 1.0)];
    let rules = [lr_rules::RuleCurve {
        points: &bad,
        name: "r",
        series: Some(42),
        suggested: true,
    }];
    let cases = [&rules[..], &[]];
    let plot = lr_rules::LrRulesPlot {
        rules: cases.get(i)?,
        start: (f64::NAN, 0.0),
        b1: f64::NAN,
        b1_label: "b",
        b_crit: Some(-1.0),
        b_crit_label: "c",
        labels: XY,
    };
    Some(done(lr_rules::draw(root, &plot, style)))
}

fn norm_fit(i: usize, root: &Area<'_>, style: &ChartStyle) -> Option<Drawn> {
    let curves = [
        vec![],
        vec![(1.0, 1.0)],
        vec![(0.0, f64::NAN), (f64::INFINITY, 2.0)],
    ];
    let plot = norm_fit::NormFitPlot {
        curve: curves.get(i)?,
        signal: f64::NAN,
        signal_label: "s",
        b_simple: -1.0,
        b_simple_label: "b",
        measured: [(0.0, 0.0), (f64::NAN, 1.0)],
        labels: XY,
    };
    Some(done(norm_fit::draw(root, &plot, style)))
}

fn path(i: usize, root: &Area<'_>, style: &ChartStyle) -> Option<Drawn> {
    let pts = [(f64::NAN, 1.0), (1e300, -1e300), (0.0, 0.0)];
    let contours = [vec![], vec![(0.0, 0.0)]];
    let square = Frame {
        x: (-1.0, 1.0),
        y: (-1.0, 1.0),
    };
    let cases = [
        (
            &pts[..],
            &contours[..],
            Frame {
                x: (1.0, -1.0),
                y: (0.0, 0.0),
            },
            99,
        ),
        (&pts[..], &contours[..], square, 99),
        (&[], &[], square, 0),
    ];
    let &(iterates, contours, frame, series) = cases.get(i)?;
    let plot = path::PathPlot {
        iterates,
        contours,
        frame,
        series,
        diverged: true,
        labels: XY,
    };
    Some(done(path::draw(root, &plot, style)))
}

fn step_sweep(i: usize, root: &Area<'_>, style: &ChartStyle) -> Option<Drawn> {
    let points = [
        vec![],
        vec![(0.0, 0.0)],
        vec![(f64::NAN, 1.0), (1.0, f64::INFINITY)],
    ];
    let currents = [(0.0, 0.0), (f64::NAN, 1.0), (1e300, 1e300)];
    let plot = step_sweep::StepSweepPlot {
        points: points.get(i / currents.len())?,
        threshold: f64::NAN,
        threshold_label: "t",
        current: currents[i % currents.len()],
        series: 9,
        labels: XY,
    };
    Some(done(step_sweep::draw(root, &plot, style)))
}

fn steps_examples(i: usize, root: &Area<'_>, style: &ChartStyle) -> Option<Drawn> {
    let points = [
        vec![],
        vec![(1.0, 2.0)],
        vec![(0.0, f64::NAN), (f64::INFINITY, 1.0)],
    ];
    let pts = points.get(i)?;
    let plot = steps_examples::StepsExamplesPlot {
        steps: pts,
        examples: pts,
        names: ("a", "b"),
        b_crit: f64::NAN,
        b_crit_label: "B",
        current: f64::NAN,
        labels: XY,
    };
    Some(done(steps_examples::draw(root, &plot, style)))
}

fn tradeoff(i: usize, root: &Area<'_>, style: &ChartStyle) -> Option<Drawn> {
    let curves = [
        vec![],
        vec![(1.0, 1.0)],
        vec![(0.0, f64::NAN), (f64::INFINITY, 2.0)],
    ];
    let plot = tradeoff::TradeoffPlot {
        curve: curves.get(i)?,
        b_crit_point: (f64::NAN, 2.0),
        b_crit_label: "B",
        current: (1e300, 1e300),
        current_label: "c",
        labels: XY,
    };
    Some(done(tradeoff::draw(root, &plot, style)))
}

fn lr_schedule(i: usize, root: &Area<'_>, style: &ChartStyle) -> Option<Drawn> {
    let points = [vec![], vec![(1.0, 0.0)], vec![(1.0, 1e-300), (2.0, 1e300)]];
    let plot = lr_schedule::LrSchedulePlot {
        points: points.get(i)?,
        epoch_ends: &[],
        total: 1.0,
        labels: XY,
    };
    Some(done(lr_schedule::draw(root, &plot, style)))
}

fn parts_bar(i: usize, root: &Area<'_>, style: &ChartStyle) -> Option<Drawn> {
    use parts_bar::{Bar, PARTS};
    let cases: [&[Bar<'_>]; 3] = [
        &[],
        &[Bar {
            name: "",
            parts: [0.0; PARTS],
        }],
        &[Bar {
            name: "x",
            parts: [f64::NAN, f64::INFINITY, -1.0, 1e300, 0.0, 1e-300],
        }],
    ];
    let capacities = [None, Some(("c", 0.0)), Some(("c", f64::NAN))];
    let plot = parts_bar::PartsBarPlot {
        bars: cases.get(i / capacities.len())?,
        part_names: [
            "weights",
            "gradients",
            "optimizer",
            "activations",
            "logits",
            "overhead",
        ],
        peak: 5,
        peak_word: "peak",
        capacity: capacities[i % capacities.len()],
        unit: "",
        labels: NONE,
    };
    Some(done(parts_bar::draw(root, &plot, style)))
}

fn divisor(i: usize, root: &Area<'_>, style: &ChartStyle) -> Option<Drawn> {
    let h = [0.0, f64::NAN, 1.0];
    let d = [f64::INFINITY, -1.0, 0.0];
    let series = [divisor::DivisorSeries {
        series: 99,
        marker: Marker::Square,
        label: String::new(),
        divisors: &d,
        fit: Some((f64::NAN, 1.0)),
    }];
    let cases = [&series[..], &[]];
    let plot = divisor::DivisorPlot {
        h: &h,
        series: cases.get(i)?,
        labels: NONE,
        fit_label: "",
    };
    Some(done(divisor::draw(root, &plot, style)))
}

fn generalisation(i: usize, root: &Area<'_>, style: &ChartStyle) -> Option<Drawn> {
    let empty = SeedBand::default();
    let nan = SeedBand {
        x: vec![0.0, f64::NAN],
        mean: vec![f64::NAN, 1.0],
        lo: vec![f64::INFINITY, 1.0],
        hi: vec![1.0, 1.0],
        diverged: Vec::new(),
    };
    let pairs = [(&empty, &empty), (&nan, &empty), (&nan, &nan)];
    let curves: Vec<generalisation::GapCurve<'_>> = match pairs.get(i) {
        Some(&(train, heldout)) => vec![generalisation::GapCurve {
            series: 99,
            shade: 1.0,
            label: String::new(),
            train,
            heldout,
        }],
        None if i == pairs.len() => Vec::new(),
        None => return None,
    };
    let plot = generalisation::GapPlot {
        curves: &curves,
        labels: NONE,
        kinds: ["", ""],
    };
    Some(done(generalisation::draw(root, &plot, style)))
}

fn loss_curves(i: usize, root: &Area<'_>, style: &ChartStyle) -> Option<Drawn> {
    let empty = SeedBand::default();
    let weird = SeedBand {
        x: vec![0.0, f64::NAN, 1.0],
        mean: vec![0.0, -1.0, f64::INFINITY],
        lo: vec![0.0, -1.0, f64::INFINITY],
        hi: vec![0.0, -1.0, f64::INFINITY],
        diverged: vec![DivergedMark {
            x: f64::NAN,
            loss: 0.0,
            step: 0,
        }],
    };
    let bands = [&empty, &weird];
    let (curves, log_x, target) = match bands.get(i / 2) {
        Some(band) => (
            vec![loss_curves::LossCurve {
                series: 9,
                shade: 2.0,
                label: String::new(),
                opt_name: String::new(),
                batch_name: String::new(),
                dash: Dash::Solid,
                band,
                exact: Some(&[]),
            }],
            i % 2 == 1,
            Some(-1.0),
        ),
        None if i == 2 * bands.len() => (Vec::new(), false, None),
        None => return None,
    };
    let plot = loss_curves::LossPlot {
        curves: &curves,
        log_x,
        target,
        labels: XY,
        step_word: "",
        exact_label: "",
        target_label: "",
    };
    Some(done(loss_curves::draw(root, &plot, style)))
}

fn lr_sweep(i: usize, root: &Area<'_>, style: &ChartStyle) -> Option<Drawn> {
    let all_diverged: Vec<LrPoint> = [0.0, f64::NAN, 1.0]
        .into_iter()
        .map(|lr| LrPoint {
            lr,
            final_loss: None,
            diverged_at: Some(1),
            steps_to_target: None,
        })
        .collect();
    let cases = [&all_diverged[..], &[]];
    let lines = [lr_sweep::SweepLine {
        shade: 1.0,
        label: String::new(),
        dash: Dash::Solid,
        points: cases.get(i)?,
        best_lr: Some(f64::NAN),
        max_stable_lr: None,
        theory_lr: Some(-1.0),
    }];
    let plot = lr_sweep::SweepPlot {
        series: 99,
        lines: &lines,
        labels: NONE,
        legend: ["", "", "", ""],
    };
    Some(done(lr_sweep::draw(root, &plot, style)))
}

fn target_vs_batch(i: usize, root: &Area<'_>, style: &ChartStyle) -> Option<Drawn> {
    let bad = [(0.0, 1.0), (f64::NAN, 2.0), (4.0, f64::INFINITY)];
    let cases = [&bad[..], &[], &[(8.0, 10.0)]];
    let series = [target_vs_batch::TargetSeries {
        series: 42,
        label: String::new(),
        points: cases.get(i / 2)?,
        fit: Some(CriticalBatchFit {
            s_min: 0.0,
            e_min: 1.0,
            b_crit: f64::INFINITY,
        }),
    }];
    let plot = target_vs_batch::TargetPlot {
        series: &series,
        examples: i % 2 == 1,
        labels: NONE,
        fit_label: "",
        bcrit_label: "",
    };
    Some(done(target_vs_batch::draw(root, &plot, style)))
}
