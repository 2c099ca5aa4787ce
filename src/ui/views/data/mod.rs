//! The Data view: a multi-task mixing calculator (shares, examples drawn, epochs per task, with
//! warnings) and guidance on fine-tuning and domain pre-training data.

mod alpha_aside;
mod draw_source;
mod examples;
mod exp;
mod guidance;
mod mix_chart;
mod task_table;

use leptos::prelude::*;

use crate::core::data_exp::settings::ExpSettings;
use crate::core::error::{ErrorKind, InputError};
use crate::core::mix::{
    MixKind, MixPlan, Mixing, TaskCells, TaskColumn, TaskRow, parse_draw, parse_tasks, plan,
    planned_draws, task_cells,
};
use crate::core::params::data_exp as exp_params;
use crate::core::steps;
use crate::ui::components::choice_field::ChoiceField;
use crate::ui::components::later::later;
use crate::ui::components::num_field::NumField;
use crate::ui::i18n::texts;
use crate::ui::params::steps::StepsParams;
use crate::ui::state::{AppState, Param, ParamSet, Query};

use alpha_aside::AlphaAside;
use draw_source::DrawSource;
use exp::Experiments;
use guidance::Guidance;
use mix_chart::MixChart;
use task_table::TaskTable;

/// The Data view's URL parameters.
#[derive(Clone, Copy, Debug)]
pub struct DataParams {
    /// `tasks`: `name:count[:seq],…`.
    pub tasks: Param,
    /// `mix`: `examples` or `equal`.
    pub mix: Param,
    /// `k`: the cap K (empty = none).
    pub k: Param,
    /// `t`: the temperature T.
    pub t: Param,
    /// `draw`: examples drawn in total (empty = from the Steps view).
    pub draw: Param,
    /// `label_noise`: the quality experiment's noise fraction p.
    pub label_noise: Param,
    /// `clean_n`: the quality experiment's clean examples n.
    pub clean_n: Param,
    /// `noisy_x`: the quality experiment's multiple k.
    pub noisy_x: Param,
    /// `coverage`: the diversity experiment's coverage.
    pub coverage: Param,
    /// `exp_seed`: the experiments' seed.
    pub exp_seed: Param,
}

impl DataParams {
    /// Reads the parameters from the query, with the defaults of [`examples::DEFAULT`].
    pub fn new(q: &Query) -> Self {
        let d = examples::DEFAULT;
        DataParams {
            tasks: Param::new("tasks", d.tasks, q),
            mix: Param::new("mix", d.mix, q),
            k: Param::new("k", d.k, q),
            t: Param::new("t", d.t, q),
            draw: Param::new("draw", d.draw, q),
            label_noise: Param::from_spec(&exp_params::LABEL_NOISE, q),
            clean_n: Param::from_spec(&exp_params::CLEAN_N, q),
            noisy_x: Param::from_spec(&exp_params::NOISY_X, q),
            coverage: Param::from_spec(&exp_params::COVERAGE, q),
            exp_seed: Param::from_spec(&exp_params::EXP_SEED, q),
        }
    }

    /// The experiments' settings (tracked), read under their declarations.
    fn exp_settings(&self) -> Result<ExpSettings, Vec<InputError>> {
        let texts: Vec<(&'static str, String)> = [
            self.label_noise,
            self.clean_n,
            self.noisy_x,
            self.coverage,
            self.exp_seed,
        ]
        .iter()
        .map(|p| (p.key, p.value.get()))
        .collect();
        ExpSettings::read(|spec| {
            texts
                .iter()
                .find(|(k, _)| *k == spec.key)
                .map_or("", |(_, v)| v.as_str())
        })
    }

    /// Errors of the single fields `mix`, `k`, `t` and `draw`, each on its own (tracked). The
    /// task list has per-row errors instead (see [`MixState::rows`]).
    fn setting_errors(&self) -> Vec<InputError> {
        let mix = self.mix.value.get();
        let k = self.k.value.get();
        let t = self.t.value.get();
        let draw = self.draw.value.get();
        let mut errors: Vec<InputError> = [
            Mixing::parse(&mix, "", ""),
            Mixing::parse("", &k, ""),
            Mixing::parse("", "", &t),
        ]
        .into_iter()
        .filter_map(Result::err)
        .collect();
        if !draw.trim().is_empty()
            && let Err(e) = parse_draw(&draw)
        {
            errors.push(e);
        }
        errors
    }

    /// Sets every input at once (a worked example); text as it would appear in the URL.
    fn load(&self, ex: &examples::Example) {
        self.tasks.value.set(ex.tasks.to_string());
        self.mix.value.set(ex.mix.to_string());
        self.k.value.set(ex.k.to_string());
        self.t.value.set(ex.t.to_string());
        self.draw.value.set(ex.draw.to_string());
    }
}

impl ParamSet for DataParams {
    fn params(&self) -> Vec<Param> {
        vec![
            self.tasks,
            self.mix,
            self.k,
            self.t,
            self.draw,
            self.label_noise,
            self.clean_n,
            self.noisy_x,
            self.coverage,
            self.exp_seed,
        ]
    }

    fn field_errors(&self) -> Vec<InputError> {
        untrack(|| {
            let mut errors = self.setting_errors();
            errors.extend(self.exp_settings().err().unwrap_or_default());
            errors
        })
    }
}

/// A cell typed with a `:` or `,`: it cannot go into the URL, so it is held here (set by the
/// input handler) and its row is set aside with an error until it is fixed.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// Row index.
    pub row: usize,
    /// Which cell.
    pub column: TaskColumn,
    /// The text as typed.
    pub text: String,
}

/// Where the examples drawn in total come from.
#[derive(Debug, Clone, PartialEq)]
pub enum Draws {
    /// Typed in `draw`.
    Typed(Result<f64, InputError>),
    /// The Steps view's run: (effective batch, total updates, product), or the first error of
    /// its inputs (shown, so that a reader learns which Steps value to fix).
    Steps(Result<(u64, u64, f64), InputError>),
}

impl Draws {
    /// The total, when known.
    pub fn total(&self) -> Option<f64> {
        match self {
            Draws::Typed(r) => r.as_ref().ok().copied(),
            Draws::Steps(s) => s.as_ref().ok().map(|(_, _, t)| *t),
        }
    }

    /// Reads `draw`, or the Steps view's scenario when it is empty
    /// (examples = effective batch × total updates; `core::mix::planned_draws`).
    fn read(draw: &str, steps_params: &StepsParams) -> Draws {
        if draw.trim().is_empty() {
            Draws::Steps(
                steps_params
                    .parse()
                    .map_err(|es| {
                        es.into_iter()
                            .next()
                            .unwrap_or_else(|| InputError::new("n", ErrorKind::Empty))
                    })
                    .and_then(|input| steps::plan(&input))
                    .and_then(|pl| {
                        planned_draws(pl.effective_batch, pl.total_updates)
                            .map(|t| (pl.effective_batch, pl.total_updates, t))
                    }),
            )
        } else {
            Draws::Typed(parse_draw(draw))
        }
    }
}

/// The view's derived state, shared by its parts.
#[derive(Clone, Copy)]
pub struct MixState {
    /// The inputs.
    pub p: DataParams,
    /// The table's cells, from the `tasks` text.
    pub cells: Memo<Vec<TaskCells>>,
    /// A cell held back from the URL (see [`Draft`]).
    pub draft: RwSignal<Option<Draft>>,
    /// One result per row.
    pub rows: Memo<Vec<TaskRow>>,
    /// The total draws and their source.
    pub draws: Memo<Draws>,
    /// The plan, or every error of the settings.
    pub result: Memo<Result<MixPlan, Vec<InputError>>>,
    /// The last good plan (shown, marked stale, while the input is invalid).
    pub shown: Memo<Option<MixPlan>>,
    /// Whether the shown plan is stale.
    pub stale: Signal<bool>,
}

impl MixState {
    fn new(p: DataParams, steps_params: StepsParams) -> Self {
        let cells = Memo::new(move |_| p.tasks.value.with(|t| task_cells(t)));
        let draft: RwSignal<Option<Draft>> = RwSignal::new(None);
        let rows = Memo::new(move |_| {
            let mut rows = p.tasks.value.with(|t| parse_tasks(t));
            if let Some(d) = draft.get()
                && let Some(row) = rows.get_mut(d.row)
            {
                *row = Err(crate::core::mix::separator_error(d.column));
            }
            rows
        });
        let draws = Memo::new(move |_| Draws::read(&p.draw.value.get(), &steps_params));
        let result = Memo::new(move |_| {
            let errors = p.setting_errors();
            if !errors.is_empty() {
                return Err(errors);
            }
            let mixing = Mixing::parse(&p.mix.value.get(), &p.k.value.get(), &p.t.value.get())
                .map_err(|e| vec![e])?;
            rows.with(|r| plan(r, mixing, draws.with(Draws::total)))
                .map_err(|e| vec![e])
        });
        let shown = Memo::new(move |prev: Option<&Option<MixPlan>>| match result.get() {
            Ok(plan) => Some(plan),
            Err(_) => prev.cloned().flatten(),
        });
        let stale = Signal::derive(move || result.with(Result::is_err));
        MixState {
            p,
            cells,
            draft,
            rows,
            draws,
            result,
            shown,
            stale,
        }
    }

    /// The error for `key`, if any.
    pub fn error_for(self, key: &'static str) -> Signal<Option<InputError>> {
        Signal::derive(move || {
            self.result.with(|r| {
                r.as_ref()
                    .err()
                    .and_then(|es| es.iter().find(|e| e.field == key).cloned())
            })
        })
    }

    /// Loads a worked example into the inputs.
    pub fn load(self, ex: &examples::Example) {
        self.draft.set(None);
        self.p.load(ex);
    }
}

/// The view as a page's content (see `ui::mount`).
pub fn page() -> AnyView {
    view! { <DataView/> }.into_any()
}

/// The Data view.
#[component]
pub fn DataView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let p = state.data;
    let strings = move || texts(state.lang.get());
    let m = MixState::new(p, state.steps);

    view! {
        <section class="view" data-testid="view-data">
            <header class="view-head">
                <h2>{move || strings().data().title}</h2>
                <p class="lead">{move || strings().data().lead}</p>
            </header>
            <TaskTable m=m/>
            {later(move || view! {
                <div class="view-body">
                    <form class="controls" aria-label=move || strings().shell().inputs on:submit=|ev| ev.prevent_default()>
                        <ChoiceField
                            param=p.mix
                            text=|s| &s.data().mix
                            keys=MixKind::KEYS
                            labels=|s| &s.data().mix_names
                            error=m.error_for("mix")
                        />
                        <NumField param=p.k text=|s| &s.data().k error=m.error_for("k")/>
                        <NumField param=p.t text=|s| &s.data().t error=m.error_for("t")/>
                        <NumField param=p.draw text=|s| &s.data().draw error=m.error_for("draw")/>
                    </form>
                    <div class="results" aria-live="polite">
                        <p class="stale-badge" class:hidden=move || !m.stale.get()>{move || strings().shell().stale}</p>
                        <DrawSource m=m/>
                        <MixChart m=m/>
                        <AlphaAside m=m/>
                    </div>
                </div>
            }.into_any())}
            {later(move || view! {
                <Guidance m=m/>
                <Experiments m=m/>
            }.into_any())}
        </section>
    }
}
