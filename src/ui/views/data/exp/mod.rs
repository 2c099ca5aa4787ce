//! The Data view's experiments: a small model trained in the page on synthetic tasks
//! (`core::data_exp`), in slices ([`runner`]), one section per experiment.
//!
//! Each section keeps its last finished result with the settings it ran with (a key of the URL
//! text); when the settings change, the result stays on screen marked stale until the reader
//! runs it again. Nothing runs until the reader asks: the first load computes nothing.

mod compare;
mod curves;
mod diversity;
mod mix_run;
mod quality;
mod run_bar;
mod runner;

use leptos::prelude::*;

use super::{DataParams, MixState};
use crate::core::data_exp::mixing::{MAX_SIM_TASKS, SimSize, sim_size};
use crate::core::data_exp::settings::ExpSettings;
use crate::core::error::InputError;
use crate::core::mix::Mixing;
use crate::core::params::ParamSpec;
use crate::core::params::data::exp as P;
use crate::ui::components::checked::error_named;
use crate::ui::components::num_field::NumField;
use crate::ui::i18n::texts;
use crate::ui::state::AppState;

use compare::CompareExp;
use diversity::DiversityExp;
use mix_run::MixExp;
use quality::QualityExp;

/// The multi-task experiment's input: the valid rows of the task table, scaled.
#[derive(Debug, Clone, PartialEq)]
pub struct MixInput {
    /// Task names as typed (shown in the reader's language).
    pub names: Vec<String>,
    /// The table row of each simulated task.
    pub rows: Vec<usize>,
    /// The simulation's sizes.
    pub size: SimSize,
    /// The view's mixing (unscaled cap).
    pub mixing: Mixing,
    /// The seed.
    pub seed: u64,
    /// The settings as URL text, to tell a stale result.
    pub key: String,
}

/// Why the multi-task experiment cannot run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Blocked {
    /// A row, a mixing setting, the total draws or the seed is invalid.
    Invalid,
    /// More tasks than the simulation takes.
    TooMany,
}

/// What the sections share.
#[derive(Clone, Copy)]
pub struct ExpCtx {
    /// The view's inputs.
    pub p: DataParams,
    /// The quality and diversity settings and the seed.
    pub settings: Memo<Result<ExpSettings, Vec<InputError>>>,
    /// The multi-task input.
    pub mix: Memo<Result<MixInput, Blocked>>,
}

impl ExpCtx {
    fn new(m: MixState) -> Self {
        let p = m.p;
        let settings = Memo::new(move |_| p.exp_settings());
        let mix = Memo::new(move |_| {
            let seed = settings.with(|s| s.as_ref().map(|s| s.seed).ok());
            let plan_ok = m.plan.result.with(Result::is_ok);
            let rows = m.rows.get();
            let (Some(seed), true) = (seed, plan_ok) else {
                return Err(Blocked::Invalid);
            };
            let tasks: Vec<_> = rows.iter().map(|r| r.as_ref().ok()).collect();
            if tasks.iter().any(Option::is_none) {
                return Err(Blocked::Invalid);
            }
            if tasks.len() > MAX_SIM_TASKS {
                return Err(Blocked::TooMany);
            }
            let counts: Vec<f64> = tasks.iter().flatten().map(|t| t.examples as f64).collect();
            let mixing = Mixing::parse(&p.mix.value.get(), &p.k.value.get(), &p.t.value.get())
                .map_err(|_| Blocked::Invalid)?;
            let draws = m.draws.with(super::Draws::total).ok_or(Blocked::Invalid)?;
            let size = sim_size(&counts, draws).ok_or(Blocked::Invalid)?;
            let key = format!(
                "{}|{}|{}|{}|{draws}|{seed}",
                p.tasks.value.get(),
                p.mix.value.get(),
                p.k.value.get(),
                p.t.value.get()
            );
            Ok(MixInput {
                names: tasks.iter().flatten().map(|t| t.name.clone()).collect(),
                rows: (0..tasks.len()).collect(),
                size,
                mixing,
                seed,
                key,
            })
        });
        ExpCtx { p, settings, mix }
    }

    /// The error of the experiment setting `spec` declares, if any.
    pub fn error(self, spec: &'static ParamSpec) -> Signal<Option<InputError>> {
        let settings = self.settings;
        Signal::derive(move || settings.with(|r| error_named(r, spec.key)))
    }
}

/// The experiments, below the calculator.
#[component]
pub fn Experiments(
    /// The view's state.
    m: MixState,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let strings = move || texts(state.lang.get());
    let ctx = ExpCtx::new(m);
    let p = ctx.p;
    view! {
        <section class="experiments" id="experiments" data-testid="experiments">
            <h3>{move || strings().data_exp().title}</h3>
            <p class="exp-intro" data-testid="exp-intro">{move || strings().data_exp().intro}</p>
            <form class="controls exp-seed" aria-label=move || strings().data_exp().seed.label on:submit=|ev| ev.prevent_default()>
                <NumField param=p.exp_seed text=|s| &s.data_exp().seed error=ctx.error(&P::EXP_SEED)/>
            </form>
            <MixExp ctx=ctx/>
            <CompareExp ctx=ctx/>
            <QualityExp ctx=ctx/>
            <DiversityExp ctx=ctx/>
        </section>
    }
}

/// A loss for reading: three decimals.
pub fn fmt_loss(x: f64) -> String {
    if x.is_finite() {
        crate::core::format::fmt_fixed(x, 3)
    } else {
        "—".into()
    }
}

/// A raw number for `data-value` (empty when not finite).
pub fn raw(x: f64) -> String {
    if x.is_finite() {
        x.to_string()
    } else {
        String::new()
    }
}

/// A "why?" note with the reasoning and a link to its entry on the formulas page.
#[component]
pub fn WhyNote(
    /// The note's text.
    text: fn(&'static crate::ui::i18n::Strings) -> &'static str,
    /// The formulas page entry.
    entry: &'static str,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let strings = move || texts(state.lang.get());
    let new_tab = state.embed;
    view! {
        <details class="why">
            <summary>{move || strings().data_exp().why}</summary>
            <p>{move || text(strings())}</p>
            <a
                class="formula-link"
                href=move || crate::ui::formulas::formula_href(state.lang.get(), entry)
                target=new_tab.then_some("_blank")
                rel=new_tab.then_some("noopener")
            >
                {move || strings().shell().formula_link}
            </a>
        </details>
    }
}
