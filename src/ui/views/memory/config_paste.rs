//! Paste or upload a Hugging Face `config.json`. A config that reads fills the custom-model
//! fields (so the link restores it exactly, in a few short keys); one that does not shows its
//! message here and leaves the fields, and so the estimate, as they were.

use crate::ui::i18n::fill;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::core::error::{ErrorKind, InputError};
use crate::core::format::fmt_int;
use crate::core::memory::hf_config::{self, FIELD, MAX_TEXT};
use crate::core::memory::model::Family;
use crate::ui::i18n::{Lang, error_message, texts};
use crate::ui::state::AppState;

/// What the last paste gave: the family and parameter count read, or the error.
type Status = Option<Result<(Family, u64), InputError>>;

/// The paste box and the upload button.
#[component]
pub fn ConfigPaste() -> impl IntoView {
    let state = expect_context::<AppState>();
    let p = state.memory;
    let strings = move || texts(state.lang.get());
    let text = RwSignal::new(String::new());
    let status = RwSignal::new(Status::None);
    let apply = move |t: String| {
        let result = (!t.trim().is_empty()).then(|| hf_config::parse(&t));
        text.set(t);
        if let Some(Ok(m)) = &result {
            p.set_custom(m);
        }
        status.set(result.map(|r| r.map(|m| (m.family, m.params_total()))));
    };
    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let file = js_sys::Reflect::get(&input, &JsValue::from_str("files"))
            .ok()
            .and_then(|files| js_sys::Reflect::get(&files, &JsValue::from(0)).ok())
            .filter(|f| f.is_object());
        let Some(file) = file else { return };
        let blob: web_sys::Blob = file.unchecked_into();
        if blob.size() > MAX_TEXT as f64 {
            status.set(Some(Err(InputError::new(
                FIELD,
                ErrorKind::AboveMax(MAX_TEXT as f64),
            ))));
            return;
        }
        let done = Closure::once_into_js(move |v: JsValue| {
            if let Some(s) = v.as_string() {
                apply(s);
            }
        });
        let promise = blob.text();
        if let Some(then) = js_sys::Reflect::get(&promise, &JsValue::from_str("then"))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        {
            let _ = then.call1(&promise, &done);
        }
    };
    let message = move || {
        let lang = state.lang.get();
        let t = &texts(lang).memory();
        status.get().map(|s| match s {
            Ok((family, params)) => view! {
                <p class="mem-config-ok" data-testid="config-status">
                    {fill(t.config_loaded, &[("family", family.key()), ("params", &fmt_int(u128::from(params)))])}
                </p>
            }
            .into_any(),
            Err(e) => {
                // Chinese sentences follow each other without a space; a colon is full-width.
                let (space, colon) = if lang == Lang::Zh { ("", "：") } else { (" ", ": ") };
                let supported = if matches!(e.kind, ErrorKind::Unsupported(_)) {
                    format!("{}{space}", t.config_supported)
                } else {
                    String::new()
                };
                let prefix = if e.field == FIELD {
                    String::new()
                } else {
                    format!("{}{colon}", e.field)
                };
                view! {
                    <p class="error" role="alert" data-testid="error-config">
                        {format!("{prefix}{}{space}{supported}{}", error_message(lang, &e), t.config_kept)}
                    </p>
                }
                .into_any()
            }
        })
    };
    let invalid = move || status.with(|s| matches!(s, Some(Err(_))));
    view! {
        <details class="field mem-config" class:invalid=invalid>
            <summary>{move || strings().memory().config.label}</summary>
            <textarea
                id="f-config"
                rows="5"
                spellcheck="false"
                autocomplete="off"
                data-testid="input-config"
                aria-label=move || strings().memory().config.label
                prop:value=move || text.get()
                on:input=move |ev| apply(event_target_value(&ev))
            ></textarea>
            <label class="mem-upload">
                <span>{move || strings().memory().config_file} " "</span>
                <input type="file" accept=".json,application/json" data-testid="input-config-file" on:change=on_file/>
            </label>
            <p class="hint">{move || strings().memory().config.hint}</p>
            {message}
        </details>
    }
}
