//! The editable task table: name, examples and tokens per example per row, with each row's share,
//! examples drawn, epochs, token share, its error and its warnings.

use leptos::prelude::*;

use super::{Draft, MixState};
use crate::chart::Palette;
use crate::core::error::ErrorKind;
use crate::core::format::{fmt_int, fmt_number};
use crate::core::mix::{
    TaskCells, TaskColumn, TaskError, TaskOutcome, Warning, fresh_task_name, has_separator,
    join_task_cells,
};
use crate::core::params::data as P;
use crate::ui::components::checked::error_named;
use crate::ui::i18n::{Lang, Strings, error_message, fill, texts};
use crate::ui::state::AppState;

/// A share as a percentage for reading: 0.9009 → `90.09%`.
pub fn fmt_pct(share: f64) -> String {
    format!("{}%", fmt_number(share * 100.0))
}

/// The sentence for a row's error, in `lang`.
fn row_message(lang: Lang, e: &TaskError) -> String {
    let t = &texts(lang).data();
    match (e.column, &e.error.kind) {
        (TaskColumn::Name, ErrorKind::Malformed(_)) => t.bad_name_chars.into(),
        (TaskColumn::Count | TaskColumn::Seq, ErrorKind::Malformed(_)) => t.bad_number_chars.into(),
        (TaskColumn::Row, ErrorKind::Malformed(_)) => t.bad_row_shape.into(),
        (TaskColumn::Row, _) => error_message(lang, &e.error),
        (col, _) => {
            let i = match col {
                TaskColumn::Name => 0,
                TaskColumn::Count => 1,
                _ => 2,
            };
            let sep = if lang == Lang::Zh { "：" } else { ": " };
            format!(
                "{}{sep}{}",
                t.row_error_cols[i],
                error_message(lang, &e.error)
            )
        }
    }
}

/// The sentence for a warning, in `lang`.
fn warning_message(lang: Lang, w: &Warning) -> String {
    let t = &texts(lang).data();
    match *w {
        Warning::Repeated { epochs } => fill(t.warn_repeated, &[("epochs", &fmt_number(epochs))]),
        Warning::Starved { share } => fill(t.warn_starved, &[("share", &fmt_pct(share))]),
        Warning::Dominating { share, over_next } => fill(
            t.warn_dominating,
            &[
                ("share", &fmt_pct(share)),
                ("ratio", &fmt_number(over_next)),
            ],
        ),
    }
}

/// The URL-free word of a warning, listed in the warning's `data-value`.
fn warning_key(w: &Warning) -> &'static str {
    match w {
        Warning::Repeated { .. } => "repeated",
        Warning::Starved { .. } => "starved",
        Warning::Dominating { .. } => "dominating",
    }
}

/// Writes one cell into the `tasks` text (an event handler). A cell holding a separator is kept
/// as a draft, out of the URL, with its error on the row.
fn edit_cell(m: MixState, row: usize, column: TaskColumn, text: String) {
    if has_separator(&text) {
        m.draft.set(Some(Draft { row, column, text }));
        return;
    }
    if m.draft.with_untracked(|d| {
        d.as_ref()
            .is_some_and(|d| d.row == row && d.column == column)
    }) {
        m.draft.set(None);
    }
    let mut cells = m.cells.get_untracked();
    if let Some(c) = cells.get_mut(row) {
        match column {
            TaskColumn::Name => c.name = text,
            TaskColumn::Count => c.count = text,
            TaskColumn::Seq | TaskColumn::Row => c.seq = text,
        }
        m.p.tasks.value.set(join_task_cells(&cells));
    }
}

/// Removes a row (an event handler).
fn remove_row(m: MixState, row: usize) {
    let mut cells = m.cells.get_untracked();
    if row < cells.len() {
        cells.remove(row);
        m.draft.set(None);
        m.p.tasks.value.set(join_task_cells(&cells));
    }
}

/// Adds a row of 1,000 examples under a fresh name (an event handler).
fn add_row(m: MixState) {
    let mut cells = m.cells.get_untracked();
    let name = fresh_task_name(&cells);
    cells.push(TaskCells {
        name,
        count: "1000".into(),
        seq: String::new(),
    });
    m.p.tasks.value.set(join_task_cells(&cells));
}

/// A cell's text as shown (tracked): the draft if it is this cell's, else the cell. A name of the
/// default table or of a worked example shows in the reader's language (the link keeps it as it
/// is); a typed name shows as typed.
fn cell_text(m: MixState, lang: Lang, row: usize, column: TaskColumn) -> String {
    m.draft.with(|d| match d {
        Some(d) if d.row == row && d.column == column => d.text.clone(),
        _ => m.cells.with(|cells| {
            cells.get(row).map_or(String::new(), |c| match column {
                TaskColumn::Name => texts(lang).data().task_name(&c.name).into_owned(),
                TaskColumn::Count => c.count.clone(),
                TaskColumn::Seq | TaskColumn::Row => c.seq.clone(),
            })
        }),
    })
}

/// The task table.
#[component]
pub fn TaskTable(
    /// The view's state.
    m: MixState,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let strings = move || texts(state.lang.get());
    // Rows are rebuilt only when their number changes: each row reads its own cells.
    let row_count = Memo::new(move |_| m.cells.with(Vec::len));
    let list_error = move || {
        m.plan
            .result
            .with(|r| error_named(r, P::TASKS.key))
            .map(|e| error_message(state.lang.get(), &e))
    };
    let head = move || {
        let d = strings().data();
        let visible = [
            d.col_name,
            d.col_count,
            d.col_seq,
            d.col_rate,
            d.col_drawn,
            d.col_epochs,
            d.col_tokens,
        ];
        view! {
            <th><span class="vh">{d.col_colour}</span></th>
            {visible.map(|h| view! { <th>{h}</th> })}
            <th><span class="vh">{d.col_remove}</span></th>
        }
    };
    view! {
        <section class="mix-tasks" id="mix-tasks" data-testid="mix-tasks">
            <h3>{move || strings().data().tasks_title}</h3>
            <p class="hint">{move || strings().data().tasks_intro}</p>
            <table class="task-table">
                <thead>
                    <tr>{head}</tr>
                </thead>
                {move || (0..row_count.get()).map(|i| view! { <TaskRowView m i/> }).collect_view()}
            </table>
            <p class="error" role="alert" data-testid="error-tasks">{list_error}</p>
            <div class="table-actions">
                <button type="button" class="action" data-testid="mix-add" on:click=move |_| add_row(m)>
                    {move || strings().data().add_row}
                </button>
                <details class="why">
                    <summary>{move || strings().shell().why}</summary>
                    <p>{move || strings().data().table_why}</p>
                </details>
            </div>
        </section>
    }
}

/// One row: its colour, three editable cells, four computed cells, a remove button, and a line
/// of its error and warnings.
#[component]
fn TaskRowView(m: MixState, i: usize) -> impl IntoView {
    let state = expect_context::<AppState>();
    let strings = move || texts(state.lang.get());
    let error = Memo::new(move |_| m.rows.with(|r| r.get(i).and_then(|r| r.clone().err())));
    let outcome: Memo<Option<TaskOutcome>> = Memo::new(move |_| {
        if error.with(Option::is_some) {
            return None;
        }
        m.plan
            .shown
            .with(|p| p.as_ref().and_then(|p| p.rows.get(i).cloned().flatten()))
    });
    let swatch = move || {
        let c = Palette::for_theme(state.dark()).series[i % 7];
        format!("background: rgb({}, {}, {})", c.0, c.1, c.2)
    };
    let remove_label = move || {
        let name = cell_text(m, state.lang.get(), i, TaskColumn::Name);
        fill(strings().data().remove_row, &[("name", &name)])
    };
    let drawn = |o: &TaskOutcome| o.drawn.map(|d| d.round().max(0.0) as u128);
    view! {
        <tbody class="task-row" data-testid=format!("mix-row-{i}")>
            <tr>
                <td class="swatch-cell"><span class="swatch" style=swatch></span></td>
                <CellInput m i error column=TaskColumn::Name/>
                <CellInput m i error column=TaskColumn::Count/>
                <CellInput m i error column=TaskColumn::Seq/>
                <OutCell m outcome testid=format!("mix-rate-{i}") label=|s| s.data().col_rate
                    raw=|o| Some(o.rate.to_string()) text=|o| Some(fmt_pct(o.rate))/>
                <OutCell m outcome testid=format!("mix-examples-{i}") label=|s| s.data().col_drawn
                    raw=move |o| drawn(o).map(|d| d.to_string()) text=move |o| drawn(o).map(fmt_int)/>
                <OutCell m outcome testid=format!("mix-epochs-{i}") label=|s| s.data().col_epochs
                    raw=|o| o.epochs.map(|e| e.to_string()) text=|o| o.epochs.map(fmt_number)/>
                <OutCell m outcome testid=format!("mix-tokens-{i}") label=|s| s.data().col_tokens
                    raw=|o| o.token_share.map(|t| t.to_string()) text=|o| o.token_share.map(fmt_pct)/>
                <td class="remove-cell">
                    <button
                        type="button"
                        class="remove"
                        data-testid=format!("mix-remove-{i}")
                        aria-label=remove_label
                        title=remove_label
                        on:click=move |_| remove_row(m, i)
                    >
                        "×"
                    </button>
                </td>
            </tr>
            <RowMessages i error outcome/>
        </tbody>
    }
}

/// An editable cell of row `i`: the name, the examples or the tokens per example.
#[component]
fn CellInput(
    m: MixState,
    i: usize,
    error: Memo<Option<TaskError>>,
    column: TaskColumn,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let strings = move || texts(state.lang.get());
    let (label, testid, class): (fn(&'static Strings) -> &'static str, _, _) = match column {
        TaskColumn::Name => (|s| s.data().col_name, "mix-name", "cell-name"),
        TaskColumn::Count => (|s| s.data().col_count, "mix-count", "cell-num"),
        TaskColumn::Seq | TaskColumn::Row => (|s| s.data().col_seq, "mix-seq", "cell-num"),
    };
    let numeric = column != TaskColumn::Name;
    let placeholder = move || (column == TaskColumn::Seq).then(|| strings().data().seq_placeholder);
    let invalid = move || {
        let hit = error.with(|e| {
            e.as_ref()
                .is_some_and(|e| e.column == column || e.column == TaskColumn::Row)
        });
        if hit { "true" } else { "false" }
    };
    view! {
        <td data-label=move || label(strings())>
            <input
                type="text"
                inputmode=numeric.then_some("decimal")
                class=class
                autocomplete="off"
                spellcheck="false"
                aria-label=move || label(strings())
                placeholder=placeholder
                data-testid=format!("{testid}-{i}")
                aria-invalid=invalid
                prop:value=move || cell_text(m, state.lang.get(), i, column)
                on:input=move |ev| edit_cell(m, i, column, event_target_value(&ev))
            />
        </td>
    }
}

/// A computed cell of a row: `data-value` holds the raw number, the text is formatted.
#[component]
fn OutCell(
    m: MixState,
    outcome: Memo<Option<TaskOutcome>>,
    testid: String,
    label: fn(&'static Strings) -> &'static str,
    raw: impl Fn(&TaskOutcome) -> Option<String> + Copy + Send + Sync + 'static,
    text: impl Fn(&TaskOutcome) -> Option<String> + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <td data-label=move || label(texts(state.lang.get()))>
            <output
                data-testid=testid
                data-value=move || outcome.with(|o| o.as_ref().and_then(raw).unwrap_or_default())
                data-stale=move || m.plan.stale.get().to_string()
                class:stale=move || m.plan.stale.get()
            >
                {move || outcome.with(|o| o.as_ref().and_then(text).unwrap_or_else(|| "—".into()))}
            </output>
        </td>
    }
}

/// The line under a row: its error, or its warnings (hidden when there are none).
#[component]
fn RowMessages(
    i: usize,
    error: Memo<Option<TaskError>>,
    outcome: Memo<Option<TaskOutcome>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let warnings = move || {
        outcome.with(|o| {
            o.as_ref()
                .filter(|o| !o.warnings.is_empty())
                .map(|o| (o.warnings.clone(), state.lang.get()))
        })
    };
    let has_msgs = move || error.with(Option::is_some) || warnings().is_some();
    view! {
        <tr class="row-msgs" class:hidden=move || !has_msgs()>
            <td colspan="9">
                <p class="error" role="alert" data-testid=format!("mix-row-error-{i}")>
                    {move || error.get().map(|e| row_message(state.lang.get(), &e))}
                </p>
                {move || warnings().map(|(ws, lang)| {
                    let keys = ws.iter().map(warning_key).collect::<Vec<_>>().join(" ");
                    view! {
                        <ul class="warnings" data-testid=format!("mix-warning-{i}") data-value=keys>
                            {ws.iter().map(|w| view! { <li>{warning_message(lang, w)}</li> }).collect_view()}
                        </ul>
                    }
                })}
            </td>
        </tr>
    }
}
