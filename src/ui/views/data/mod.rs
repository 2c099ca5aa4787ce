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

use crate::core::error::{ErrorKind, InputError};
use crate::core::mix::{
    MixKind, MixPlan, Mixing, TaskCells, TaskColumn, TaskRow, parse_draw, parse_tasks, plan,
    planned_draws, task_cells,
};
use crate::core::params::data as P;
use crate::core::steps;
use crate::ui::components::checked::Checked;
use crate::ui::components::choice_field::ChoiceField;
use crate::ui::components::later::later;
use crate::ui::components::num_field::NumField;
use crate::ui::i18n::texts;
pub use crate::ui::params::data::DataParams;
use crate::ui::params::steps::StepsParams;
use crate::ui::state::AppState;

use alpha_aside::AlphaAside;
use draw_source::DrawSource;
use exp::Experiments;
use guidance::Guidance;
use mix_chart::MixChart;
use task_table::TaskTable;

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
                        es.into_iter().next().unwrap_or_else(|| {
                            InputError::new(crate::core::params::steps::N.key, ErrorKind::Empty)
                        })
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
    /// The plan (or every error of the settings), the last good plan and its stale flag.
    pub plan: Checked<MixPlan>,
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
        let checked = Checked::new(move || {
            let errors = p.setting_errors();
            if !errors.is_empty() {
                return Err(errors);
            }
            let mixing = Mixing::parse(&p.mix.value.get(), &p.k.value.get(), &p.t.value.get())
                .map_err(|e| vec![e])?;
            rows.with(|r| plan(r, mixing, draws.with(Draws::total)))
                .map_err(|e| vec![e])
        });
        MixState {
            p,
            cells,
            draft,
            rows,
            draws,
            plan: checked,
        }
    }

    /// Loads a worked example into the inputs.
    pub fn load(self, ex: &examples::Example) {
        self.draft.set(None);
        let p = self.p;
        p.tasks.value.set(ex.tasks.to_string());
        p.mix.value.set(ex.mix.to_string());
        p.k.value.set(ex.k.to_string());
        p.t.value.set(ex.t.to_string());
        p.draw.value.set(ex.draw.to_string());
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
                            error=m.plan.error(&P::MIX)
                        />
                        <NumField param=p.k text=|s| &s.data().k error=m.plan.error(&P::K)/>
                        <NumField param=p.t text=|s| &s.data().t error=m.plan.error(&P::T)/>
                        <NumField param=p.draw text=|s| &s.data().draw error=m.plan.error(&P::DRAW)/>
                    </form>
                    <div class="results" aria-live="polite">
                        <p class="stale-badge" class:hidden=move || !m.plan.stale.get()>{move || strings().shell().stale}</p>
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
