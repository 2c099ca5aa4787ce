//! The Batch & LR view.

use leptos::prelude::*;

use crate::core::error::InputError;
use crate::ui::i18n::texts;
use crate::ui::state::{AppState, Param, ParamSet, Query};

/// The Batch & LR view's URL parameters.
#[derive(Clone, Copy, Debug)]
pub struct LrParams {}

impl LrParams {
    /// Reads the parameters from the query.
    pub fn new(_q: &Query) -> Self {
        LrParams {}
    }
}

impl ParamSet for LrParams {
    fn params(&self) -> Vec<Param> {
        Vec::new()
    }

    fn field_errors(&self) -> Vec<InputError> {
        Vec::new()
    }
}

/// The Batch & LR view.
#[component]
pub fn LrView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let strings = move || texts(state.lang.get());
    view! {
        <section class="view" data-testid="view-lr">
            <header class="view-head">
                <h2>{move || strings().lr.title}</h2>
                <p class="lead">{move || strings().lr.lead}</p>
            </header>
        </section>
    }
}
