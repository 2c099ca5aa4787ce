//! The Simulator's inputs.

use leptos::prelude::*;

use super::SimCtx;
use super::opts_field::OptsField;
use crate::core::params::ParamSpec;
use crate::core::params::sim as P;
use crate::core::schedule::ScheduleKind;
use crate::core::sim::config::Task;
use crate::core::sim::nqm::NoiseModel;
use crate::core::sim::optim::OptimizerKind;
use crate::core::sim::problem::CurvatureEstimator;
use crate::core::sim::seed_band::XAxis;
use crate::ui::components::choice_field::ChoiceField;
use crate::ui::components::num_field::NumField;
use crate::ui::i18n::{FieldText, Strings, texts};
use crate::ui::state::AppState;

/// The declaration of `kind`'s own rate, `lr_<kind>`.
fn lr_spec(kind: OptimizerKind) -> Option<&'static ParamSpec> {
    P::LR_OPT
        .iter()
        .find(|spec| spec.key.strip_prefix("lr_") == Some(kind.key()))
}

/// The texts of `kind`'s own rate field (a function, as [`NumField`] takes one).
fn lr_text(kind: OptimizerKind) -> fn(&'static Strings) -> &'static FieldText {
    match kind {
        OptimizerKind::Sgd => |s| &s.sim().lr_opt.sgd,
        OptimizerKind::Momentum => |s| &s.sim().lr_opt.momentum,
        OptimizerKind::Nesterov => |s| &s.sim().lr_opt.nesterov,
        OptimizerKind::Adam => |s| &s.sim().lr_opt.adam,
        OptimizerKind::AdamW => |s| &s.sim().lr_opt.adamw,
        OptimizerKind::Sophia => |s| &s.sim().lr_opt.sophia,
        OptimizerKind::Lion => |s| &s.sim().lr_opt.lion,
    }
}

/// The form on the left.
#[component]
pub fn SimControls() -> impl IntoView {
    let state = expect_context::<AppState>();
    let ctx = expect_context::<SimCtx>();
    let p = ctx.p;
    let strings = move || texts(state.lang.get());
    let e = move |spec: &'static ParamSpec| ctx.error(spec);
    // Per-optimizer rates, only for the optimizers chosen (or with a value set).
    let lr_fields = OptimizerKind::ALL
        .into_iter()
        .filter_map(|kind| {
            let spec = lr_spec(kind)?;
            let param = p.get(spec)?;
            let visible = move || {
                p.opts
                    .value
                    .with(|t| t.split(',').any(|w| w.trim() == kind.key()))
                    || !param.value.with(String::is_empty)
            };
            Some(view! {
                <Show when=visible>
                    <NumField param=param text=lr_text(kind) error=e(spec)/>
                </Show>
            })
        })
        .collect_view();
    // Copying the Steps view's schedule is a click: an event handler may write signals.
    let use_steps = move |_| {
        p.sched.value.set(state.steps.sched.value.get_untracked());
        p.warmup.value.set(state.steps.warmup.value.get_untracked());
    };
    let settings = [
        p.sophia_est,
        p.sophia_rho,
        p.sophia_k,
        p.sophia_b2,
        p.adamw_wd,
    ];
    view! {
        <form class="controls" aria-label=move || strings().shell().inputs on:submit=|ev| ev.prevent_default()>
            <ChoiceField param=p.task text=|s| &s.sim().task keys=Task::KEYS labels=|s| &s.sim().task_names error=e(&P::TASK)/>
            <OptsField/>
            <NumField param=p.bs text=|s| &s.sim().bs error=e(&P::BS)/>
            <NumField param=p.lr text=|s| &s.sim().lr error=e(&P::LR)/>
            <details class="lr-opt" open=move || p.lr_opt().iter().any(|q| !q.value.with(String::is_empty))>
                <summary>{move || strings().sim().lr_opt_summary}</summary>
                {lr_fields}
            </details>
            <NumField param=p.steps text=|s| &s.sim().steps error=e(&P::STEPS)/>
            <NumField param=p.epochs text=|s| &s.sim_gen().epochs error=e(&P::EPOCHS)/>
            <NumField param=p.n text=|s| &s.sim_gen().n error=e(&P::N)/>
            <NumField param=p.label_noise text=|s| &s.sim_gen().label_noise error=e(&P::LABEL_NOISE)/>
            <NumField param=p.target text=|s| &s.sim().target error=e(&P::TARGET)/>
            <NumField param=p.seeds text=|s| &s.sim().seeds error=e(&P::SEEDS)/>
            <NumField param=p.seed text=|s| &s.sim().seed error=e(&P::SEED)/>
            <ChoiceField param=p.x text=|s| &s.sim().x keys=XAxis::KEYS labels=|s| &s.sim().x_names error=e(&P::X)/>
            <ChoiceField param=p.sched text=|s| &s.sim().sched keys=ScheduleKind::KEYS labels=|s| &s.sim().sched_names error=e(&P::SCHED)/>
            <NumField param=p.warmup text=|s| &s.sim().warmup error=e(&P::WARMUP)/>
            <button type="button" class="link-button" data-testid="use-steps-schedule" on:click=use_steps>
                {move || strings().sim().use_steps_schedule}
            </button>
            <ChoiceField param=p.noise text=|s| &s.sim_divisor().noise keys=NoiseModel::KEYS labels=|s| &s.sim_divisor().noise_names error=e(&P::NOISE)/>
            <NumField param=p.div_t text=|s| &s.sim_divisor().div_t error=e(&P::DIV_T)/>
            <details class="lr-opt" open=move || settings.iter().any(|q| !q.is_default())>
                <summary>{move || strings().sim_divisor().settings_summary}</summary>
                <ChoiceField param=p.sophia_est text=|s| &s.sim_divisor().sophia_est keys=CurvatureEstimator::KEYS labels=|s| &s.sim_divisor().est_names error=e(&P::SOPHIA_EST)/>
                <NumField param=p.sophia_rho text=|s| &s.sim_divisor().sophia_rho error=e(&P::SOPHIA_RHO)/>
                <NumField param=p.sophia_k text=|s| &s.sim_divisor().sophia_k error=e(&P::SOPHIA_K)/>
                <NumField param=p.sophia_b2 text=|s| &s.sim_divisor().sophia_b2 error=e(&P::SOPHIA_B2)/>
                <NumField param=p.adamw_wd text=|s| &s.sim_divisor().adamw_wd error=e(&P::ADAMW_WD)/>
            </details>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::i18n::{EN, ZH};

    /// Each optimizer finds its own rate's declaration and texts, and every declared rate
    /// belongs to an optimizer: the fields follow the optimizers by name, whatever the order of
    /// either list.
    #[test]
    fn each_optimizer_has_its_own_rate_field() {
        let mut keys: Vec<&str> = OptimizerKind::ALL
            .into_iter()
            .map(|kind| lr_spec(kind).map_or("", |spec| spec.key))
            .collect();
        assert!(keys.iter().all(|k| !k.is_empty()), "{keys:?}");
        keys.sort_unstable();
        let mut declared: Vec<&str> = P::LR_OPT.iter().map(|spec| spec.key).collect();
        declared.sort_unstable();
        assert_eq!(keys, declared);
        for (i, kind) in OptimizerKind::ALL.into_iter().enumerate() {
            let name = EN.sim().opt_names[i];
            assert_eq!(lr_text(kind)(&EN).label, format!("{name} rate"));
            let zh = lr_text(kind)(&ZH).label;
            assert!(zh.ends_with(" 学习率"), "{zh}");
        }
        let labels: Vec<&str> = OptimizerKind::ALL
            .into_iter()
            .map(|kind| lr_text(kind)(&ZH).label)
            .collect();
        let mut distinct = labels.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), labels.len(), "{labels:?}");
    }
}
