//! Every card with whether the peak fits, the room left, and the largest micro-batch it takes.
//! Clicking a card's name makes it the chosen card.

use leptos::prelude::*;

use super::Computed;
use crate::core::memory::gpu::GPUS;
use crate::ui::i18n::texts;
use crate::ui::state::AppState;

/// One card's verdict.
#[derive(Debug, Clone, PartialEq)]
struct CardFit {
    key: &'static str,
    name: &'static str,
    bytes: u64,
    fits: bool,
    max_mbs: u64,
}

/// The list of cards.
#[component]
pub fn GpuList(
    /// The estimate on screen.
    shown: Memo<Option<Computed>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let p = state.memory;
    let strings = move || texts(state.lang.get());
    let fits: Memo<Vec<CardFit>> = Memo::new(move |_| {
        shown.with(|c| {
            c.as_ref().map_or(Vec::new(), |c| {
                GPUS.iter()
                    .map(|g| CardFit {
                        key: g.key,
                        name: g.name,
                        bytes: g.bytes(),
                        fits: c.est.fits(g),
                        max_mbs: c.input.max_mbs(g.bytes()),
                    })
                    .collect()
            })
        })
    });
    let rows = move || {
        let t = &strings().memory();
        let Some(c) = shown.get() else {
            return Vec::new().collect_view();
        };
        let amount = move |b: f64| c.unit.format(b);
        fits.get()
            .into_iter()
            .map(|g| {
                let chosen = g.key == c.gpu.key;
                let room = g.bytes as f64 - c.est.total as f64;
                let verdict = if g.fits { t.fits[0] } else { t.fits[1] };
                let key = g.key;
                view! {
                    <tr class:mem-chosen=chosen class:mem-nofit=!g.fits>
                        <th scope="row">
                            <button type="button" class="mem-card" aria-pressed=chosen.to_string() on:click=move |_| p.gpu.value.set(key.to_string())>
                                {g.name}
                            </button>
                        </th>
                        <td>{amount(g.bytes as f64)}</td>
                        <td data-testid=format!("gpu-fit-{}", g.key) data-value=if g.fits { "1" } else { "0" }>
                            {if g.fits { "✓ " } else { "✗ " }} {verdict}
                        </td>
                        <td>{amount(room)}</td>
                        <td>{g.max_mbs}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let head = move || {
        strings()
            .memory()
            .gpu_cols
            .iter()
            .map(|h| view! { <th scope="col">{*h}</th> })
            .collect_view()
    };
    view! {
        <section class="mem-block">
            <h3>{move || strings().memory().gpu_title}</h3>
            <div class="mem-scroll">
                <table class="mem-table" data-testid="gpu-list">
                    <thead><tr>{head}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}
