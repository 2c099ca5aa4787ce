//! The Simulator view.

use leptos::prelude::*;

use crate::core::error::InputError;
use crate::ui::i18n::texts;
use crate::ui::state::{AppState, Param, ParamSet, Query};

/// The Simulator view's URL parameters.
#[derive(Clone, Copy, Debug)]
pub struct SimParams {}

impl SimParams {
    /// Reads the parameters from the query.
    pub fn new(_q: &Query) -> Self {
        SimParams {}
    }
}

impl ParamSet for SimParams {
    fn params(&self) -> Vec<Param> {
        Vec::new()
    }

    fn field_errors(&self) -> Vec<InputError> {
        Vec::new()
    }
}

/// The Simulator view.
#[component]
pub fn SimView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let strings = move || texts(state.lang.get());
    view! {
        <section class="view" data-testid="view-sim">
            <header class="view-head">
                <h2>{move || strings().sim.title}</h2>
                <p class="lead">{move || strings().sim.lead}</p>
            </header>
        </section>
    }
}
