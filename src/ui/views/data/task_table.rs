//! The editable task table: name, examples and tokens per example per row, with each row's share,
//! examples drawn, epochs, token share, its error and its warnings.

use leptos::prelude::*;

use super::{Draft, MixState};
use crate::chart::Palette;
use crate::core::error::ErrorKind;
use crate::core::format::{fmt_int, fmt_number};
use crate::core::mix::{
    TaskColumn, TaskError, TaskOutcome, Warning, fresh_task_name, has_separator, join_task_cells,
};
use crate::ui::i18n::{Lang, error_message, fill, texts};
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

/// The task table.
#[component]
pub fn TaskTable(
    /// The view's state.
    m: MixState,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let strings = move || texts(state.lang.get());
    let tasks = m.p.tasks;

    // Writes one cell into the `tasks` text (event handler).
    let edit = move |row: usize, column: TaskColumn, text: String| {
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
            tasks.value.set(join_task_cells(&cells));
        }
    };
    let remove = move |row: usize| {
        let mut cells = m.cells.get_untracked();
        if row < cells.len() {
            cells.remove(row);
            m.draft.set(None);
            tasks.value.set(join_task_cells(&cells));
        }
    };
    let add = move |_| {
        let mut cells = m.cells.get_untracked();
        let name = fresh_task_name(&cells);
        cells.push(crate::core::mix::TaskCells {
            name,
            count: "1000".into(),
            seq: String::new(),
        });
        tasks.value.set(join_task_cells(&cells));
    };
    // A name of the default table or of a worked example shows in the reader's language (the
    // link keeps it as it is); a typed name shows as typed.
    let cell_text = move |row: usize, column: TaskColumn| {
        m.draft.with(|d| match d {
            Some(d) if d.row == row && d.column == column => d.text.clone(),
            _ => m.cells.with(|cells| {
                cells.get(row).map_or(String::new(), |c| match column {
                    TaskColumn::Name => strings().data().task_name(&c.name).into_owned(),
                    TaskColumn::Count => c.count.clone(),
                    TaskColumn::Seq | TaskColumn::Row => c.seq.clone(),
                })
            }),
        })
    };

    let row_view = move |i: usize| {
        let error = Memo::new(move |_| m.rows.with(|r| r.get(i).and_then(|r| r.clone().err())));
        let outcome: Memo<Option<TaskOutcome>> = Memo::new(move |_| {
            if error.with(Option::is_some) {
                return None;
            }
            m.shown
                .with(|p| p.as_ref().and_then(|p| p.rows.get(i).cloned().flatten()))
        });
        let bad = move |col: TaskColumn| {
            move || {
                let hit = error.with(|e| {
                    e.as_ref()
                        .is_some_and(|e| e.column == col || e.column == TaskColumn::Row)
                });
                if hit { "true" } else { "false" }
            }
        };
        let swatch = move || {
            let c = Palette::for_theme(state.dark()).series[i % 7];
            format!("background: rgb({}, {}, {})", c.0, c.1, c.2)
        };
        let name_for_label = move || {
            fill(
                strings().data().remove_row,
                &[("name", &cell_text(i, TaskColumn::Name))],
            )
        };
        let stale = move || m.stale.get().to_string();
        let out = move |testid: String,
                        label: fn(&'static crate::ui::i18n::Strings) -> &'static str,
                        raw: fn(&TaskOutcome) -> Option<String>,
                        text: fn(&TaskOutcome) -> Option<String>| {
            view! {
                <td data-label=move || label(strings())>
                    <output
                        data-testid=testid
                        data-value=move || outcome.with(|o| o.as_ref().and_then(raw).unwrap_or_default())
                        data-stale=stale
                        class:stale=move || m.stale.get()
                    >
                        {move || outcome.with(|o| o.as_ref().and_then(text).unwrap_or_else(|| "—".into()))}
                    </output>
                </td>
            }
        };
        let warnings = move || {
            outcome.with(|o| {
                o.as_ref()
                    .filter(|o| !o.warnings.is_empty())
                    .map(|o| (o.warnings.clone(), state.lang.get()))
            })
        };
        let has_msgs = move || error.with(Option::is_some) || warnings().is_some();
        view! {
            <tbody class="task-row" data-testid=format!("mix-row-{i}")>
                <tr>
                    <td class="swatch-cell"><span class="swatch" style=swatch></span></td>
                    <td data-label=move || strings().data().col_name>
                        <input
                            type="text"
                            class="cell-name"
                            autocomplete="off"
                            spellcheck="false"
                            aria-label=move || strings().data().col_name
                            data-testid=format!("mix-name-{i}")
                            aria-invalid=bad(TaskColumn::Name)
                            prop:value=move || cell_text(i, TaskColumn::Name)
                            on:input=move |ev| edit(i, TaskColumn::Name, event_target_value(&ev))
                        />
                    </td>
                    <td data-label=move || strings().data().col_count>
                        <input
                            type="text"
                            inputmode="decimal"
                            class="cell-num"
                            autocomplete="off"
                            spellcheck="false"
                            aria-label=move || strings().data().col_count
                            data-testid=format!("mix-count-{i}")
                            aria-invalid=bad(TaskColumn::Count)
                            prop:value=move || cell_text(i, TaskColumn::Count)
                            on:input=move |ev| edit(i, TaskColumn::Count, event_target_value(&ev))
                        />
                    </td>
                    <td data-label=move || strings().data().col_seq>
                        <input
                            type="text"
                            inputmode="decimal"
                            class="cell-num"
                            autocomplete="off"
                            spellcheck="false"
                            aria-label=move || strings().data().col_seq
                            placeholder=move || strings().data().seq_placeholder
                            data-testid=format!("mix-seq-{i}")
                            aria-invalid=bad(TaskColumn::Seq)
                            prop:value=move || cell_text(i, TaskColumn::Seq)
                            on:input=move |ev| edit(i, TaskColumn::Seq, event_target_value(&ev))
                        />
                    </td>
                    {out(format!("mix-rate-{i}"), |s| s.data().col_rate, |o| Some(o.rate.to_string()), |o| Some(fmt_pct(o.rate)))}
                    {out(
                        format!("mix-examples-{i}"),
                        |s| s.data().col_drawn,
                        |o| o.drawn.map(|d| (d.round().max(0.0) as u128).to_string()),
                        |o| o.drawn.map(|d| fmt_int(d.round().max(0.0) as u128)),
                    )}
                    {out(format!("mix-epochs-{i}"), |s| s.data().col_epochs, |o| o.epochs.map(|e| e.to_string()), |o| o.epochs.map(fmt_number))}
                    {out(format!("mix-tokens-{i}"), |s| s.data().col_tokens, |o| o.token_share.map(|t| t.to_string()), |o| o.token_share.map(fmt_pct))}
                    <td class="remove-cell">
                        <button
                            type="button"
                            class="remove"
                            data-testid=format!("mix-remove-{i}")
                            aria-label=name_for_label
                            title=name_for_label
                            on:click=move |_| remove(i)
                        >
                            "×"
                        </button>
                    </td>
                </tr>
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
            </tbody>
        }
    };

    // Rows are rebuilt only when their number changes: each row reads its own cells.
    let row_count = Memo::new(move |_| m.cells.with(Vec::len));
    let list_error = move || {
        m.result.with(|r| {
            r.as_ref()
                .err()
                .and_then(|es| es.iter().find(|e| e.field == "tasks").cloned())
                .map(|e| error_message(state.lang.get(), &e))
        })
    };

    view! {
        <section class="mix-tasks" id="mix-tasks" data-testid="mix-tasks">
            <h3>{move || strings().data().tasks_title}</h3>
            <p class="hint">{move || strings().data().tasks_intro}</p>
            <table class="task-table">
                <thead>
                    <tr>
                        <th><span class="vh">{move || strings().data().col_colour}</span></th>
                        <th>{move || strings().data().col_name}</th>
                        <th>{move || strings().data().col_count}</th>
                        <th>{move || strings().data().col_seq}</th>
                        <th>{move || strings().data().col_rate}</th>
                        <th>{move || strings().data().col_drawn}</th>
                        <th>{move || strings().data().col_epochs}</th>
                        <th>{move || strings().data().col_tokens}</th>
                        <th><span class="vh">{move || strings().data().col_remove}</span></th>
                    </tr>
                </thead>
                {move || (0..row_count.get()).map(row_view).collect_view()}
            </table>
            <p class="error" role="alert" data-testid="error-tasks">{list_error}</p>
            <div class="table-actions">
                <button type="button" class="action" data-testid="mix-add" on:click=add>
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
