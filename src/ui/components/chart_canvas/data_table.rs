//! A chart's plotted data as an on-page table, built only while its `<details>` is open.

use leptos::prelude::*;

use crate::chart::table::DataTable;
use crate::ui::i18n::{fill, texts};
use crate::ui::state::AppState;

/// Rows of the on-page data table at most (the exports hold every row).
const TABLE_ROWS: usize = 40;

/// The `<details>` with the chart's data: a sample of at most [`TABLE_ROWS`] rows and a note
/// when rows are left out.
#[component]
pub(super) fn DataTableView(
    /// The plotted data.
    table: Memo<DataTable>,
    /// The table's caption (the chart's summary).
    alt: Signal<String>,
    /// The table's `data-testid`.
    testid: String,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let strings = move || texts(state.lang.get());
    let open = RwSignal::new(false);
    let table_view = move || {
        if !open.get() {
            return None;
        }
        let testid = testid.clone();
        Some(table.with(|t| {
            let picked = t.sample(TABLE_ROWS);
            let note = (picked.len() < t.rows.len()).then(|| {
                fill(
                    strings().export().rows_shown,
                    &[
                        ("shown", &picked.len().to_string()),
                        ("total", &t.rows.len().to_string()),
                    ],
                )
            });
            let head = t
                .columns
                .iter()
                .map(|c| view! { <th scope="col">{c.name.clone()}</th> })
                .collect_view();
            let body = picked
                .into_iter()
                .map(|r| {
                    let cells = (0..t.columns.len())
                        .map(|c| view! { <td>{t.show(r, c)}</td> })
                        .collect_view();
                    view! { <tr>{cells}</tr> }
                })
                .collect_view();
            view! {
                <table data-testid=testid>
                    <caption>{move || alt.get()}</caption>
                    <thead><tr>{head}</tr></thead>
                    <tbody>{body}</tbody>
                </table>
                {note.map(|n| view! { <p class="hint">{n}</p> })}
            }
        }))
    };
    view! {
        <details class="data-table" on:toggle=move |ev| {
            open.set(crate::ui::browser::details_open(&ev))
        }>
            <summary>{move || strings().shell().show_data}</summary>
            {table_view}
        </details>
    }
}
