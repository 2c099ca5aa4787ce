//! The LoRA target modules as checkboxes. The URL holds them as text (`targets=q,v`; empty =
//! PEFT's default for the family); the boxes show what that text means for the current family.

use leptos::prelude::*;

use crate::core::error::InputError;
use crate::core::memory::lora::{LoraConfig, default_targets};
use crate::core::memory::model::{self, Family};
use crate::ui::i18n::{error_message, texts};
use crate::ui::state::AppState;

/// (URL word, PEFT module name) of the Llama/Mistral/Qwen2 modules.
const GATED: &[(&str, &str)] = &[
    ("q", "q_proj"),
    ("k", "k_proj"),
    ("v", "v_proj"),
    ("o", "o_proj"),
    ("gate", "gate_proj"),
    ("up", "up_proj"),
    ("down", "down_proj"),
];
/// (URL word, PEFT module name) of the GPT-2 modules.
const GPT2: &[(&str, &str)] = &[
    ("c_attn", "c_attn"),
    ("attn.c_proj", "attn.c_proj"),
    ("c_fc", "c_fc"),
    ("mlp.c_proj", "mlp.c_proj"),
];

/// Checkboxes for the adapted modules.
#[component]
pub fn TargetsField(
    /// The error to show under the boxes, if any.
    #[prop(into)]
    error: Signal<Option<InputError>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let p = state.memory;
    let strings = move || texts(state.lang.get());
    let family = Memo::new(move |_| {
        let model = p.model.value.get();
        if model.trim() == "custom" {
            Family::parse(&p.family.value.get(), "family").ok()
        } else {
            model::preset(&model).ok().map(|c| c.family)
        }
        .unwrap_or(Family::Llama)
    });
    let modules_of = |f: Family| if f == Family::Gpt2 { GPT2 } else { GATED };
    let chosen_of = move |text: &str, f: Family| {
        LoraConfig::parse_targets(text, f).unwrap_or_else(|_| default_targets(f))
    };
    let modules = move || modules_of(family.get());
    let chosen = move || chosen_of(&p.targets.value.get(), family.get());
    let boxes = move || {
        modules()
            .iter()
            .map(|&(word, name)| {
                let id = format!("f-target-{word}");
                let label_for = id.clone();
                view! {
                    <label class="mem-target" for=label_for>
                        <input
                            id=id
                            type="checkbox"
                            data-testid=format!("input-target-{word}")
                            prop:checked=move || chosen().contains(&name)
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                let f = family.get_untracked();
                                let mut now = chosen_of(&p.targets.value.get_untracked(), f);
                                now.retain(|n| *n != name);
                                if on {
                                    now.push(name);
                                }
                                let words: Vec<&str> = modules_of(f)
                                    .iter()
                                    .filter(|(_, n)| now.contains(n))
                                    .map(|(w, _)| *w)
                                    .collect();
                                if words.is_empty() {
                                    // At least one module must stay adapted: undo the click.
                                    event_target::<web_sys::HtmlInputElement>(&ev).set_checked(true);
                                } else {
                                    p.targets.value.set(words.join(","));
                                }
                            }
                        />
                        <code>{name}</code>
                    </label>
                }
            })
            .collect_view()
    };
    view! {
        <fieldset class="field mem-targets" class:invalid=move || error.with(Option::is_some)>
            <legend>{move || strings().memory().targets.label}</legend>
            <div class="mem-target-boxes">{boxes}</div>
            <p class="hint">{move || strings().memory().targets.hint}</p>
            <p class="error" role="alert" data-testid="error-targets">
                {move || error.get().map(|e| error_message(state.lang.get(), &e))}
            </p>
        </fieldset>
    }
}
