//! A drop-down like `ChoiceField` that, after the user picks a value, calls back with the old
//! value, so the view can keep related fields consistent (an event handler, not an effect).

use leptos::prelude::*;

use crate::core::error::InputError;
use crate::ui::i18n::{FieldText, Strings, error_message, texts};
use crate::ui::state::{AppState, Param};

/// A drop-down of fixed choices with an after-change callback.
#[component]
pub fn WatchedChoice(
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
    /// Called with the previous value after the parameter was set.
    after: Callback<String>,
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
        <div class="field" class:invalid=move || error.with(Option::is_some)>
            <label for=id.clone()>{move || text(strings()).label}</label>
            <select
                id=id
                data-testid=format!("input-{}", param.key)
                aria-describedby=format!("{hint_id} {err_id}")
                prop:value=move || param.value.get()
                on:change=move |ev| {
                    let old = param.value.get_untracked();
                    param.value.set(event_target_value(&ev));
                    after.run(old);
                }
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
