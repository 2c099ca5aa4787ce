//! Section 4 of the Batch & LR view: rescaling the learning rate when the batch size changes.

use std::rc::Rc;

use leptos::prelude::*;

use super::chart_figure::LrChart;
use super::critical::regime;
use super::{fill, find_error, raw_real};
use crate::chart::AxisLabels;
use crate::chart::lr::lr_rules::{self, RuleCurve};
use crate::core::error::InputError;
use crate::core::format::{fmt_number, fmt_sci};
use crate::core::lr_scaling::{
    AdamHyper, FIELD_ADAM_EPS, FIELD_B0, FIELD_B1, FIELD_BETA1, FIELD_BETA2, FIELD_LR0, FIELD_OPT,
    LrScaling, LrScalingInputs, OptimizerFamily, Rule, ScaledBeta, batch_ratio, linear_lr,
    mccandlish_lr, sqrt_lr,
};
use crate::core::noise_scale::{log_grid, parse_b_noise};
use crate::ui::components::chart_canvas::{ChartFn, ChartJob};
use crate::ui::components::choice_field::ChoiceField;
use crate::ui::components::figure::Figure;
use crate::ui::components::num_field::NumField;
use crate::ui::i18n::texts;
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

/// A scaled β as advice, or nothing when the rule left its range.
fn usable(b: ScaledBeta) -> Option<f64> {
    (!b.out_of_range).then_some(b.value)
}

/// Section 4.
#[component]
pub fn ScalingSection() -> impl IntoView {
    let state = expect_context::<AppState>();
    let p = state.lr;
    let strings = move || texts(state.lang.get());
    let t = move || &strings().lr().scaling;
    let result: Memo<Result<Scaled, Vec<InputError>>> = Memo::new(move |_| {
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
    let shown: Memo<Option<Scaled>> =
        Memo::new(move |prev: Option<&Option<Scaled>>| match result.get() {
            Ok(r) => Some(r),
            Err(_) => prev.copied().flatten(),
        });
    let stale = Signal::derive(move || result.with(Result::is_err));
    let error_for = move |key: &'static str| {
        Signal::derive(move || result.with(|r| r.as_ref().err().and_then(|es| find_error(es, key))))
    };
    let is_adam = move || {
        shown
            .get()
            .is_some_and(|r| r.input.family == OptimizerFamily::Adam)
    };
    let fig = move |f: fn(&Scaled) -> Option<f64>, sci: bool| {
        (
            Signal::derive(move || {
                shown
                    .get()
                    .and_then(|r| f(&r))
                    .map_or(String::new(), raw_real)
            }),
            Signal::derive(move || {
                shown.get().and_then(|r| f(&r)).map_or("—".into(), |x| {
                    if sci && x < 1e-2 {
                        fmt_sci(x)
                    } else {
                        fmt_number(x)
                    }
                })
            }),
        )
    };
    let (k_raw, k_shown) = fig(|r| Some(r.out.kappa), false);
    let (lin_raw, lin_shown) = fig(|r| Some(r.out.linear), true);
    let (sq_raw, sq_shown) = fig(|r| Some(r.out.sqrt), true);
    let (mc_raw, _) = fig(|r| r.out.mccandlish, true);
    let mc_shown = Signal::derive(move || match shown.get() {
        None => "—".to_string(),
        Some(r) => r.out.mccandlish.map_or(t().no_b_noise.to_string(), |x| {
            if x < 1e-2 { fmt_sci(x) } else { fmt_number(x) }
        }),
    });
    let (b1_raw, b1_shown) = fig(|r| r.out.adam.and_then(|a| usable(a.beta1)), false);
    let (b2_raw, b2_shown) = fig(|r| r.out.adam.and_then(|a| usable(a.beta2)), false);
    let (eps_raw, eps_shown) = fig(|r| r.out.adam.map(|a| a.eps), true);
    let no_unit = Signal::derive(|| "");
    let suggested = move |rule: Rule| shown.get().is_some_and(|r| r.out.suggested == rule);
    let suggested_key =
        Signal::derive(move || shown.get().map_or("", |r| rule_key(r.out.suggested)));

    let notes = move || {
        let r = shown.get()?;
        let mut out = vec![match r.input.family {
            OptimizerFamily::Sgd => t().fits_sgd.to_string(),
            OptimizerFamily::Adam => t().fits_adam.to_string(),
        }];
        if let Some(a) = r.out.adam {
            for (name, b) in [("β₁", a.beta1), ("β₂", a.beta2)] {
                if b.out_of_range {
                    out.push(fill(
                        t().beta_out_of_range,
                        &[
                            ("which", name.to_string()),
                            ("value", fmt_number(1.0 - b.unclamped)),
                        ],
                    ));
                }
            }
        }
        // Where B1 sits against B_crit ≈ B_noise: well below, near (within 2×), well past.
        let critical = r.input.b_noise.map(|bn| {
            let pairs = [("b1", fmt_number(r.input.b1)), ("b_crit", fmt_number(bn))];
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
    };

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
            fill(
                t().chart_alt,
                &[
                    ("lr0", fmt_sci(r.input.lr0)),
                    ("b0", fmt_number(r.input.b0)),
                    ("b1", fmt_number(r.input.b1)),
                ],
            )
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

    let wrap = move |rule: Rule| move || suggested(rule);
    view! {
        <section class="lr-section" data-testid="lr-scaling">
            <h3>{move || t().heading}</h3>
            <p class="lr-intro">{move || t().intro}</p>
            <div class="view-body">
                <form class="controls" aria-label=move || format!("{} · {}", strings().shell().inputs, t().heading) on:submit=|ev| ev.prevent_default()>
                    <NumField param=p.lr0 text=|s| &s.lr().scaling.lr0 error=error_for(FIELD_LR0)/>
                    <NumField param=p.b0 text=|s| &s.lr().scaling.b0 error=error_for(FIELD_B0)/>
                    <NumField param=p.b1 text=|s| &s.lr().scaling.b1 error=error_for(FIELD_B1)/>
                    <ChoiceField
                        param=p.scale_opt
                        text=|s| &s.lr().scaling.family
                        keys=OptimizerFamily::KEYS
                        labels=|s| &s.lr().scaling.family_names
                        error=error_for(FIELD_OPT)
                    />
                    <Show when=move || p.scale_opt.value.with(|v| v.trim().eq_ignore_ascii_case("adam"))>
                        <NumField param=p.beta1 text=|s| &s.lr().scaling.beta1 error=error_for(FIELD_BETA1)/>
                        <NumField param=p.beta2 text=|s| &s.lr().scaling.beta2 error=error_for(FIELD_BETA2)/>
                        <NumField param=p.adam_eps text=|s| &s.lr().scaling.adam_eps error=error_for(FIELD_ADAM_EPS)/>
                    </Show>
                </form>
                <div class="results" aria-live="polite">
                    <p class="stale-badge" class:hidden=move || !stale.get()>{move || strings().shell().stale}</p>
                    <output class="hidden" data-testid="lr-suggested" data-value=suggested_key></output>
                    <div class="figures">
                        <Figure testid="kappa" raw=k_raw shown=k_shown unit=no_unit text=|s| &s.lr().scaling.kappa stale=stale/>
                        <div class="lr-fig" class:lr-suggested=wrap(Rule::Linear)>
                            <Figure testid="lr-linear" raw=lin_raw shown=lin_shown unit=no_unit text=|s| &s.lr().scaling.lr_linear stale=stale/>
                            <span class="lr-badge">{move || t().suggested_badge}</span>
                        </div>
                        <div class="lr-fig" class:lr-suggested=wrap(Rule::Sqrt)>
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
                    {notes}
                    <LrChart testid="chart-lr-rules" title=Signal::derive(move || t().chart_title.to_string()) alt=alt chart=chart key=key stale=stale/>
                </div>
            </div>
        </section>
    }
}
