//! A labelled text field for a number, bound to a URL parameter, with its error beside it.

use leptos::prelude::*;

use crate::core::error::InputError;
use crate::ui::i18n::FieldText;
use crate::ui::i18n::{Strings, error_message, texts};
use crate::ui::state::{AppState, Param};

/// A number input. Accepts `1e-4`, `10k`, `7B`; the text is kept as typed and parsed by the view.
#[component]
pub fn NumField(
    /// The parameter the field edits.
    param: Param,
    /// Picks the field's label, unit and hint from the language table.
    text: fn(&'static Strings) -> &'static FieldText,
    /// The error to show beside the field, if any.
    #[prop(into)]
    error: Signal<Option<InputError>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || text(texts(state.lang.get()));
    let id = format!("f-{}", param.key);
    let err_id = format!("e-{}", param.key);
    let hint_id = format!("h-{}", param.key);
    let unit_id = format!("u-{}", param.key);
    let message = move || error.get().map(|e| error_message(state.lang.get(), &e));
    view! {
        <div class="field" class:invalid=move || error.with(Option::is_some)>
            <label for=id.clone()>{move || t().label}</label>
            <div class="field-row">
                <input
                    id=id
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    spellcheck="false"
                    data-testid=format!("input-{}", param.key)
                    aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                    aria-describedby=format!("{unit_id} {hint_id} {err_id}")
                    prop:value=move || param.value.get()
                    on:input=move |ev| param.value.set(event_target_value(&ev))
                />
                <span class="unit" id=unit_id>{move || t().unit}</span>
            </div>
            <p class="hint" id=hint_id>{move || t().hint}</p>
            <p class="error" id=err_id role="alert" data-testid=format!("error-{}", param.key)>
                {message}
            </p>
        </div>
    }
}
