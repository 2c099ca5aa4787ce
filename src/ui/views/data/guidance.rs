//! Guidance notes on data for fine-tuning and domain pre-training, each with its reasoning and a
//! button that loads a worked example into the calculator.

use leptos::prelude::*;

use super::MixState;
use super::examples::NOTES;
use crate::ui::i18n::texts;
use crate::ui::state::AppState;

/// The experiment each note links to (`id` of its section below), in note order.
const EXP_ANCHORS: [Option<&str>; 4] = [
    Some("exp-quality"),
    Some("exp-diversity"),
    Some("exp-compare"),
    None,
];

/// The guidance section.
#[component]
pub fn Guidance(
    /// The view's state.
    m: MixState,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let strings = move || texts(state.lang.get());
    let note = move |i: usize| {
        let n = move || &strings().data().notes[i];
        let load = move |_| {
            if let Some(ex) = NOTES.get(i) {
                m.load(ex);
                // Bring the table into view: the example is loaded above.
                if let Some(el) = document().get_element_by_id("mix-tasks") {
                    el.scroll_into_view();
                }
            }
        };
        view! {
            <div class="note" data-testid=format!("mix-note-{i}")>
                <h4>{move || n().title}</h4>
                <p>{move || n().advice}</p>
                <p class="why-line"><strong>{move || strings().data().why_label}</strong>{move || n().why}</p>
                <button type="button" class="action" data-testid=format!("mix-example-{i}") on:click=load>
                    {move || n().action}
                </button>
                <p class="hint">{move || n().look}</p>
                {EXP_ANCHORS.get(i).copied().flatten().map(|anchor| view! {
                    <p class="exp-link">
                        <a href=format!("#{anchor}") data-testid=format!("mix-note-exp-{i}")>
                            {move || strings().data_exp().note_links[i]}
                        </a>
                    </p>
                })}
            </div>
        }
    };
    view! {
        <section class="notes">
            <h3>{move || strings().data().notes_title}</h3>
            <p class="notes-intro">{move || strings().data().notes_intro}</p>
            {(0..NOTES.len()).map(note).collect_view()}
        </section>
    }
}
