//! "How close is this?": published measured peaks beside our estimate for the same set-up.

use leptos::prelude::*;

use super::Computed;
use crate::core::format::fmt_number;
use crate::core::memory::byte_unit::ByteUnit;
use crate::core::memory::measured;
use crate::ui::i18n::texts;
use crate::ui::state::AppState;

/// The comparison table (the rows do not depend on the inputs; the unit does).
#[component]
pub fn MeasuredTable(
    /// The estimate on screen (for the display unit).
    shown: Memo<Option<Computed>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let strings = move || texts(state.lang.get());
    let table = measured::table();
    let unit = Memo::new(move |_| shown.with(|c| c.as_ref().map_or(ByteUnit::Gb, |c| c.unit)));
    let rows = move || {
        let t = &strings().memory();
        let u = unit.get();
        let amount = move |b: u64| u.format(b as f64);
        table
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let words = t.measured_rows.get(i);
                let source = words.map_or(c.row.source, |w| w.source);
                let config = words.map_or(c.row.config, |w| w.config);
                let note = words.map_or(c.row.note, |w| w.note);
                let err = (c.error_pct * 10.0).round() / 10.0;
                let sign = if err > 0.0 { "+" } else { "" };
                let off = c.error_pct.abs() > 15.0;
                view! {
                    <tr data-testid=format!("measured-{i}") data-value=c.error_pct.to_string() class:mem-off=off>
                        <td><a href=c.row.url target="_blank" rel="noopener">{source}</a></td>
                        <td>{config}
                            {(!note.is_empty()).then(|| view! { <p class="mem-note">{note}</p> })}
                        </td>
                        <td>{amount(c.row.measured)}</td>
                        <td>{amount(c.ours)}</td>
                        <td>{format!("{sign}{} %", fmt_number(err))}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let head = move || {
        strings()
            .memory()
            .measured_cols
            .iter()
            .map(|h| view! { <th scope="col">{*h}</th> })
            .collect_view()
    };
    view! {
        <section class="mem-block mem-measured">
            <h3>{move || strings().memory().measured_title}</h3>
            <p class="lead-small">{move || strings().memory().measured_intro}</p>
            <div class="mem-scroll">
                <table class="mem-table" data-testid="measured-table">
                    <thead><tr>{head}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}
