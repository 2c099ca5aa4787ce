//! The Data view.

use leptos::prelude::*;

use crate::core::error::InputError;
use crate::ui::i18n::texts;
use crate::ui::state::{AppState, Param, ParamSet, Query};

/// The Data view's URL parameters.
#[derive(Clone, Copy, Debug)]
pub struct DataParams {}

impl DataParams {
    /// Reads the parameters from the query.
    pub fn new(_q: &Query) -> Self {
        DataParams {}
    }
}

impl ParamSet for DataParams {
    fn params(&self) -> Vec<Param> {
        Vec::new()
    }

    fn field_errors(&self) -> Vec<InputError> {
        Vec::new()
    }
}

/// The Data view.
#[component]
pub fn DataView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let strings = move || texts(state.lang.get());
    view! {
        <section class="view" data-testid="view-data">
            <header class="view-head">
                <h2>{move || strings().data.title}</h2>
                <p class="lead">{move || strings().data.lead}</p>
            </header>
        </section>
    }
}
