//! The Memory view.

use leptos::prelude::*;

use crate::core::error::InputError;
use crate::ui::i18n::texts;
use crate::ui::state::{AppState, Param, ParamSet, Query};

/// The Memory view's URL parameters.
#[derive(Clone, Copy, Debug)]
pub struct MemoryParams {}

impl MemoryParams {
    /// Reads the parameters from the query.
    pub fn new(_q: &Query) -> Self {
        MemoryParams {}
    }
}

impl ParamSet for MemoryParams {
    fn params(&self) -> Vec<Param> {
        Vec::new()
    }

    fn field_errors(&self) -> Vec<InputError> {
        Vec::new()
    }
}

/// The Memory view.
#[component]
pub fn MemoryView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let strings = move || texts(state.lang.get());
    view! {
        <section class="view" data-testid="view-memory">
            <header class="view-head">
                <h2>{move || strings().memory.title}</h2>
                <p class="lead">{move || strings().memory.lead}</p>
            </header>
        </section>
    }
}
