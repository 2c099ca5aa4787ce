//! The dismissible notice listing URL parameters that were reset to their defaults.

use leptos::prelude::*;

use crate::ui::i18n::texts;
use crate::ui::state::AppState;

/// Names the link parameters that were invalid or out of range, as `key=value`; hidden once
/// dismissed or when there are none.
#[component]
pub fn BadParamsNotice() -> impl IntoView {
    let state = expect_context::<AppState>();
    let strings = move || texts(state.lang.get());
    move || {
        let entries = state.bad_params.get();
        (!entries.is_empty()).then(|| {
            view! {
                <div class="notice" role="status" data-testid="notice-bad-params">
                    <span>{strings().shell().notice_bad_params} " "</span>
                    <code>{entries.join(", ")}</code>
                    <button type="button" class="dismiss" on:click=move |_| state.bad_params.set(Vec::new())>
                        {strings().shell().dismiss}
                    </button>
                </div>
            }
        })
    }
}
