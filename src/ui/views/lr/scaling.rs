//! Section 4 of the Batch & LR view: rescaling the learning rate when the batch size changes.

use std::rc::Rc;

use leptos::prelude::*;

use super::chart_figure::LrChart;
use super::critical::regime;
use super::{SectionForm, StaleBadge, figure_pair};
use crate::chart::AxisLabels;
use crate::chart::lr::lr_rules::{self, RuleCurve};
use crate::core::format::{fmt_number, fmt_sci};
use crate::core::lr_scaling::{
    AdamHyper, LrScaling, LrScalingInputs, OptimizerFamily, Rule, ScaledBeta, batch_ratio,
    linear_lr, mccandlish_lr, sqrt_lr,
};
use crate::core::noise_scale::{log_grid, parse_b_noise};
use crate::core::params::lr as spec;
use crate::ui::components::chart_canvas::{ChartFn, ChartJob};
use crate::ui::components::checked::Checked;
use crate::ui::components::choice_field::ChoiceField;
use crate::ui::components::figure::Figure;
use crate::ui::components::num_field::NumField;
use crate::ui::i18n::{fill, texts};
use crate::ui::state::AppState;

/// Validated inputs and every rule's result.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Scaled {
    input: LrScalingInputs,
    out: LrScaling,
}

fn rule_key(rule: Rule) -> &'static str {
    match rule {
        Rule::Linear => "linear",
        Rule::Sqrt => "sqrt",
        Rule::McCandlish => "mccandlish",
    }
}

/// A rate for reading: scientific notation below 0.01.
fn fmt_rate(x: f64) -> String {
    if x < 1e-2 { fmt_sci(x) } else { fmt_number(x) }
}

/// A scaled β as advice, or nothing when the rule left its range.
fn usable(b: ScaledBeta) -> Option<f64> {
    (!b.out_of_range).then_some(b.value)
}

/// Section 4: the rate (and Adam's β and ε) at a new batch size under each rule, with the rule
/// the section suggests, where the new batch sits against B_crit, and a chart of the rules.
#[component]
pub fn ScalingSection() -> impl IntoView {
    let state = expect_context::<AppState>();
    let p = state.lr;
    let t = move || &texts(state.lang.get()).lr().scaling;
    let checked = Checked::new(move || {
        let errors = p.scaling_field_errors();
        if !errors.is_empty() {
            return Err(errors);
        }
        let family = p.family().map_err(|e| vec![e])?;
        let adam = match family {
            OptimizerFamily::Adam => p.adam()?,
            OptimizerFamily::Sgd => AdamHyper::default(),
        };
        // B_noise is section 2's input; if it does not read, the noise-scale rule is left out.
        let b_noise = p.b_noise.value.get();
        let b_noise = if parse_b_noise(&b_noise).is_ok() {
            b_noise
        } else {
            String::new()
        };
        let input = LrScalingInputs::parse(
            &p.lr0.value.get(),
            &p.b0.value.get(),
            &p.b1.value.get(),
            family.key(),
            adam,
            &b_noise,
        )
        .map_err(|e| vec![e])?;
        Ok(Scaled {
            out: input.scale(),
            input,
        })
    });
    let suggested_key = Signal::derive(move || {
        checked
            .shown
            .get()
            .map_or("", |r| rule_key(r.out.suggested))
    });
    view! {
        <section class="lr-section" data-testid="lr-scaling">
            <h3>{move || t().heading}</h3>
            <p class="lr-intro">{move || t().intro}</p>
            <div class="view-body">
                <SectionForm heading=Signal::derive(move || t().heading)>
                    <NumField param=p.lr0 text=|s| &s.lr().scaling.lr0 error=checked.error(&spec::LR0)/>
                    <NumField param=p.b0 text=|s| &s.lr().scaling.b0 error=checked.error(&spec::B0)/>
                    <NumField param=p.b1 text=|s| &s.lr().scaling.b1 error=checked.error(&spec::B1)/>
                    <ChoiceField
                        param=p.scale_opt
                        text=|s| &s.lr().scaling.family
                        keys=OptimizerFamily::KEYS
                        labels=|s| &s.lr().scaling.family_names
                        error=checked.error(&spec::SCALE_OPT)
                    />
                    <Show when=move || p.scale_opt.value.with(|v| v.trim().eq_ignore_ascii_case("adam"))>
                        <NumField param=p.beta1 text=|s| &s.lr().scaling.beta1 error=checked.error(&spec::BETA1)/>
                        <NumField param=p.beta2 text=|s| &s.lr().scaling.beta2 error=checked.error(&spec::BETA2)/>
                        <NumField param=p.adam_eps text=|s| &s.lr().scaling.adam_eps error=checked.error(&spec::ADAM_EPS)/>
                    </Show>
                </SectionForm>
                <div class="results" aria-live="polite">
                    <StaleBadge stale=checked.stale/>
                    <output class="hidden" data-testid="lr-suggested" data-value=suggested_key></output>
                    <ScalingFigures checked/>
                    <ScalingNotes checked/>
                    <ScalingChart checked/>
                </div>
            </div>
        </section>
    }
}

/// κ, the rate under each rule (the suggested one badged), and Adam's scaled β₁, β₂ and ε.
#[component]
fn ScalingFigures(checked: Checked<Scaled>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || &texts(state.lang.get()).lr().scaling;
    let shown = checked.shown;
    let (k_raw, k_shown) = figure_pair(shown, |r| Some(r.out.kappa), fmt_number);
    let (lin_raw, lin_shown) = figure_pair(shown, |r| Some(r.out.linear), fmt_rate);
    let (sq_raw, sq_shown) = figure_pair(shown, |r| Some(r.out.sqrt), fmt_rate);
    let (mc_raw, _) = figure_pair(shown, |r| r.out.mccandlish, fmt_rate);
    // Without B_noise the noise-scale rule says why it has no value.
    let mc_shown = Signal::derive(move || match shown.get() {
        None => "—".to_string(),
        Some(r) => r
            .out
            .mccandlish
            .map_or(t().no_b_noise.to_string(), fmt_rate),
    });
    let (b1_raw, b1_shown) = figure_pair(
        shown,
        |r| r.out.adam.and_then(|a| usable(a.beta1)),
        fmt_number,
    );
    let (b2_raw, b2_shown) = figure_pair(
        shown,
        |r| r.out.adam.and_then(|a| usable(a.beta2)),
        fmt_number,
    );
    let (eps_raw, eps_shown) = figure_pair(shown, |r| r.out.adam.map(|a| a.eps), fmt_rate);
    let is_adam = move || {
        shown
            .get()
            .is_some_and(|r| r.input.family == OptimizerFamily::Adam)
    };
    let suggested = move |rule: Rule| move || shown.get().is_some_and(|r| r.out.suggested == rule);
    let no_unit = Signal::derive(|| "");
    let stale = checked.stale;
    view! {
        <div class="figures">
            <Figure testid="kappa" raw=k_raw shown=k_shown unit=no_unit text=|s| &s.lr().scaling.kappa stale=stale/>
            <div class="lr-fig" class:lr-suggested=suggested(Rule::Linear)>
                <Figure testid="lr-linear" raw=lin_raw shown=lin_shown unit=no_unit text=|s| &s.lr().scaling.lr_linear stale=stale/>
                <span class="lr-badge">{move || t().suggested_badge}</span>
            </div>
            <div class="lr-fig" class:lr-suggested=suggested(Rule::Sqrt)>
                <Figure testid="lr-sqrt" raw=sq_raw shown=sq_shown unit=no_unit text=|s| &s.lr().scaling.lr_sqrt stale=stale/>
                <span class="lr-badge">{move || t().suggested_badge}</span>
            </div>
            <Figure testid="lr-mccandlish" raw=mc_raw shown=mc_shown unit=no_unit text=|s| &s.lr().scaling.lr_mccandlish stale=stale/>
            <Show when=is_adam>
                <Figure testid="beta1-new" raw=b1_raw shown=b1_shown unit=no_unit text=|s| &s.lr().scaling.beta1_new stale=stale/>
                <Figure testid="beta2-new" raw=b2_raw shown=b2_shown unit=no_unit text=|s| &s.lr().scaling.beta2_new stale=stale/>
                <Figure testid="adam-eps-new" raw=eps_raw shown=eps_shown unit=no_unit text=|s| &s.lr().scaling.adam_eps_new stale=stale/>
            </Show>
        </div>
    }
}

/// Where the new batch sits against B_crit (when B_noise is known), which rule fits the
/// optimizer, and any scaled β the rule pushed out of its range.
#[component]
fn ScalingNotes(checked: Checked<Scaled>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || &texts(state.lang.get()).lr().scaling;
    move || {
        let r = checked.shown.get()?;
        let mut out = vec![match r.input.family {
            OptimizerFamily::Sgd => t().fits_sgd.to_string(),
            OptimizerFamily::Adam => t().fits_adam.to_string(),
        }];
        if let Some(a) = r.out.adam {
            for (name, b) in [("β₁", a.beta1), ("β₂", a.beta2)] {
                if b.out_of_range {
                    let value = fmt_number(1.0 - b.unclamped);
                    out.push(fill(
                        t().beta_out_of_range,
                        &[("which", name), ("value", &value)],
                    ));
                }
            }
        }
        // Where B1 sits against B_crit ≈ B_noise: well below, near (within 2×), well past.
        let critical = r.input.b_noise.map(|bn| {
            let (b1, b_crit) = (fmt_number(r.input.b1), fmt_number(bn));
            let pairs = [("b1", b1.as_str()), ("b_crit", b_crit.as_str())];
            match regime(r.input.b1, bn) {
                0 => ("below", fill(t().below_critical, &pairs)),
                1 => ("near", fill(t().near_critical, &pairs)),
                _ => ("beyond", fill(t().beyond_critical, &pairs)),
            }
        });
        Some(view! {
            {critical.map(|(key, text)| view! {
                <p class="aside" class:lr-warn=key == "beyond" role="status" data-testid="critical-note" data-regime=key>{text}</p>
            })}
            {out.into_iter().map(|n| view! { <p class="aside">{n}</p> }).collect_view()}
        })
    }
}

/// The rate against the batch size under each rule, from (B₀, lr₀), with B₁ and B_crit marked.
#[component]
fn ScalingChart(checked: Checked<Scaled>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let p = state.lr;
    let strings = move || texts(state.lang.get());
    let t = move || &strings().lr().scaling;
    let shown = checked.shown;
    let curves = Memo::new(move |_| {
        shown.get().map(|r| {
            let (b0, b1) = (r.input.b0, r.input.b1);
            let bn = r.input.b_noise;
            let lo = b0.min(b1).min(bn.unwrap_or(b0)) / 4.0;
            let hi = b0.max(b1).max(bn.unwrap_or(b0)) * 4.0;
            let grid = log_grid(lo.max(1.0), hi.max(lo.max(1.0) * 10.0), 160);
            let lr0 = r.input.lr0;
            let map = |f: &dyn Fn(f64) -> f64| grid.iter().map(|&b| (b, f(b))).collect::<Vec<_>>();
            (
                map(&|b| linear_lr(lr0, batch_ratio(b0, b))),
                map(&|b| sqrt_lr(lr0, batch_ratio(b0, b))),
                bn.map(|bn| map(&|b| mccandlish_lr(lr0, b0, b, bn))),
            )
        })
    });
    let chart: ChartFn = Rc::new(move |job: ChartJob<'_, '_>| {
        let (Some(r), Some((lin, sq, mc))) = (shown.get(), curves.get()) else {
            return;
        };
        let names = t().rule_names;
        let mut rules = vec![
            RuleCurve {
                points: &lin,
                name: names[0],
                series: Some(0),
                suggested: r.out.suggested == Rule::Linear,
            },
            RuleCurve {
                points: &sq,
                name: names[1],
                series: Some(3),
                suggested: r.out.suggested == Rule::Sqrt,
            },
        ];
        if let Some(mc) = &mc {
            rules.push(RuleCurve {
                points: mc,
                name: names[2],
                series: None,
                suggested: false,
            });
        }
        let plot = lr_rules::LrRulesPlot {
            rules: &rules,
            start: (r.input.b0, r.input.lr0),
            b1: r.input.b1,
            b1_label: t().b1_label,
            b_crit: r.input.b_noise,
            b_crit_label: strings().lr().mark_b_crit,
            labels: AxisLabels {
                x: t().chart_x,
                y: t().chart_y,
            },
        };
        job.run(
            |root, style| lr_rules::draw(root, &plot, style),
            || lr_rules::table(&plot, strings().export().series),
        );
    });
    let alt = Signal::derive(move || {
        shown.get().map_or(String::new(), |r| {
            let (lr0, b0, b1) = (
                fmt_sci(r.input.lr0),
                fmt_number(r.input.b0),
                fmt_number(r.input.b1),
            );
            fill(t().chart_alt, &[("lr0", &lr0), ("b0", &b0), ("b1", &b1)])
        })
    });
    // Exported files: batch-lab_lr_lr-rules_lr1e-4_b0-256_b1-1024_adam.*
    let key = Signal::derive(move || {
        format!(
            "lr{}_b0-{}_b1-{}_{}",
            p.lr0.value.get().trim(),
            p.b0.value.get().trim(),
            p.b1.value.get().trim(),
            p.scale_opt.value.get().trim()
        )
    });
    view! {
        <LrChart testid="chart-lr-rules" title=Signal::derive(move || t().chart_title.to_string()) alt=alt chart=chart key=key stale=checked.stale/>
    }
}
