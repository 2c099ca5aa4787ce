//! A labelled choice (a `<select>`) or a checkbox bound to a URL parameter.

use leptos::prelude::*;

use crate::core::error::InputError;
use crate::ui::i18n::FieldText;
use crate::ui::i18n::{Strings, error_message, texts};
use crate::ui::state::{AppState, Param};

/// A drop-down of fixed choices: URL values and their labels in the current language.
#[component]
pub fn ChoiceField(
    /// The parameter the field edits.
    param: Param,
    /// Picks the field's label and hint.
    text: fn(&'static Strings) -> &'static FieldText,
    /// The URL values, in order.
    keys: &'static [&'static str],
    /// Picks the option labels (same order as `keys`).
    labels: fn(&'static Strings) -> &'static [&'static str],
    /// The error to show beside the field, if any.
    #[prop(into)]
    error: Signal<Option<InputError>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let strings = move || texts(state.lang.get());
    let id = format!("f-{}", param.key);
    let hint_id = format!("h-{}", param.key);
    let err_id = format!("e-{}", param.key);
    let options = move || {
        let names = labels(strings());
        keys.iter()
            .enumerate()
            .map(|(i, key)| {
                let name = names.get(i).copied().unwrap_or(key);
                view! { <option value=*key selected=move || param.value.get() == *key>{name}</option> }
            })
            .collect_view()
    };
    view! {
        <div class="field">
            <label for=id.clone()>{move || text(strings()).label}</label>
            <select
                id=id
                data-testid=format!("input-{}", param.key)
                aria-describedby=format!("{hint_id} {err_id}")
                prop:value=move || param.value.get()
                on:change=move |ev| param.value.set(event_target_value(&ev))
            >
                {options}
            </select>
            <p class="hint" id=hint_id>{move || text(strings()).hint}</p>
            <p class="error" id=err_id role="alert" data-testid=format!("error-{}", param.key)>
                {move || error.get().map(|e| error_message(state.lang.get(), &e))}
            </p>
        </div>
    }
}

/// A checkbox stored as `0`/`1`.
#[component]
pub fn FlagField(
    /// The parameter the field edits.
    param: Param,
    /// Picks the field's label and hint.
    text: fn(&'static Strings) -> &'static FieldText,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let strings = move || texts(state.lang.get());
    let id = format!("f-{}", param.key);
    view! {
        <div class="field field-flag">
            <input
                id=id.clone()
                type="checkbox"
                data-testid=format!("input-{}", param.key)
                prop:checked=move || matches!(param.value.get().trim(), "1" | "true" | "yes" | "on")
                on:change=move |ev| param.value.set(if event_target_checked(&ev) { "1" } else { "0" }.into())
            />
            <label for=id>{move || text(strings()).label}</label>
            <p class="hint">{move || text(strings()).hint}</p>
        </div>
    }
}
