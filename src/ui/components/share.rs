//! The Share panel shown above every view: the link to the page, an `<iframe>` snippet for a course
//! page with a choice of `hide=` flags, and a live preview of the embed.
//!
//! Nothing here changes the app's state: the panel only reads it ([`AppState::full_pairs`],
//! [`AppState::embed_pairs`]) and keeps its own hide choice in a local signal. The clipboard is
//! written with `navigator.clipboard.writeText` (W3C Clipboard API §8.2.2); where that is missing or
//! refused (insecure context, no permission) the text is selected for the reader to copy.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use crate::ui::i18n::texts;
use crate::ui::state::{AppState, Hide, View, hide_flags_for};

/// How a copy went: nothing yet, copied, or the text was selected for a manual copy.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CopyState {
    Idle,
    Copied,
    Manual,
}

/// The height, in CSS pixels, that shows `view` embedded 800 px wide without an inner scroll bar:
/// the page's height measured in headless Chromium on the default inputs, in English, for each
/// choice of `controls` and `text` (index: controls hidden + 2 × text hidden), less the measured
/// height of each hidden extra part, never below the height with every extra hidden (`floor`:
/// controls shown, controls hidden), plus 10 % and 60 px of margin (the table is a measurement: re-measure when a view grows). `tests/e2e/embed.test.mjs` checks the result
/// against the real page. The Simulator's sweep charts, drawn only after a sweep, are not counted.
pub fn frame_height(view: View, hide: u16) -> u32 {
    let on = |h: Hide| h.is_in(hide);
    // (part, height it saves)
    let (table, floor, extras): ([u32; 4], [u32; 2], &[(Hide, u32)]) = match view {
        View::Steps => ([1805, 1457, 875, 798], [875, 550], &[(Hide::Figures, 248)]),
        View::Lr => (
            [6420, 5218, 4930, 3849],
            [200, 200],
            &[
                (Hide::Figures, 629),
                (Hide::MaxStep, 1120),
                (Hide::Critical, 1039),
                (Hide::Estimator, 728),
                (Hide::Scaling, 869),
            ],
        ),
        View::Sim => (
            [4588, 4066, 2519, 2073],
            [1564, 1589],
            &[(Hide::Cells, 376), (Hide::Sweep, 108)],
        ),
        View::Memory => (
            [3755, 3598, 2440, 2332],
            [1484, 628],
            &[
                (Hide::Figures, 433),
                (Hide::Parts, 469),
                (Hide::Gpus, 372),
                (Hide::Measured, 432),
            ],
        ),
        // The experiments save 2,081 px with controls and text hidden and up to 3,273 px with both
        // shown; the smaller saving keeps every frame tall enough.
        View::Data => (
            [6617, 5779, 3698, 3024],
            [1123, 731],
            &[(Hide::Figures, 287), (Hide::Experiments, 2081)],
        ),
        // With the controls shown their column is the taller one, so hiding figures saves nothing.
        View::Compute => (
            [3101, 2857, 1993, 1995],
            [1993, 1400],
            &[(Hide::Figures, 290)],
        ),
    };
    let controls_hidden = usize::from(on(Hide::Controls));
    let mut h = table[controls_hidden + 2 * usize::from(on(Hide::Text))];
    for &(part, saves) in extras {
        if on(part) {
            h = h.saturating_sub(saves);
        }
    }
    (h.max(floor[controls_hidden]) * 11 / 10 + 60).div_ceil(10) * 10
}

/// `text` made safe inside a double-quoted HTML attribute.
pub fn attr_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\'', "&#39;")
}

/// What an embedded frame may do: run the app (same origin, for its own module and WebAssembly) and
/// open the full app in a new tab; no top-level navigation, forms or pop-ups that inherit the sandbox.
pub const SANDBOX: &str =
    "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox";

/// The `<iframe>` snippet for `url`.
pub fn iframe_snippet(url: &str, title: &str, height: u32) -> String {
    format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"{height}\" style=\"max-width:800px;border:0\" loading=\"lazy\" sandbox=\"{SANDBOX}\"></iframe>",
        attr_escape(url),
        attr_escape(title),
    )
}

/// This page's address without query or fragment (where links to the app point).
fn page_base() -> String {
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let end = href.find(['?', '#']).unwrap_or(href.len());
    href[..end].to_string()
}

/// Writes `text` to the clipboard; `done` hears `true` once written, `false` when the API is
/// missing or refuses. A refusal is handled, so it never reaches the console.
fn copy_text(text: &str, done: Callback<bool>) {
    let get = |target: &JsValue, key: &str| {
        js_sys::Reflect::get(target, &JsValue::from_str(key))
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())
    };
    let promise = web_sys::window()
        .and_then(|w| get(&w.navigator(), "clipboard"))
        .and_then(|clip| {
            let write = get(&clip, "writeText")?
                .dyn_into::<js_sys::Function>()
                .ok()?;
            write.call1(&clip, &JsValue::from_str(text)).ok()
        });
    let then = promise
        .as_ref()
        .and_then(|p| Some((p, get(p, "then")?.dyn_into::<js_sys::Function>().ok()?)));
    match then {
        Some((p, then)) => {
            let ok = wasm_bindgen::closure::Closure::once_into_js(move |_: JsValue| done.run(true));
            let err =
                wasm_bindgen::closure::Closure::once_into_js(move |_: JsValue| done.run(false));
            if then.call2(p, &ok, &err).is_err() {
                done.run(false);
            }
        }
        None => done.run(false),
    }
}

/// A read-only text with its label and a Copy button. Not generic: one copy of the code serves both
/// the link and the snippet. Copying selects the text first (the fallback, and a sign of what was
/// copied), then tries the clipboard.
fn copy_field(
    label: &'static str,
    copy: &'static str,
    name: &'static str,
    rows: &'static str,
    value: Memo<String>,
    status: RwSignal<CopyState>,
) -> AnyView {
    let field = NodeRef::<html::Textarea>::new();
    let on_copied = Callback::new(move |ok: bool| {
        status.set(if ok {
            CopyState::Copied
        } else {
            CopyState::Manual
        });
    });
    let on_click = move |_| {
        if let Some(el) = field.get_untracked() {
            let _ = el.focus();
            el.select();
        }
        copy_text(&value.get_untracked(), on_copied);
    };
    view! {
        <div class="share-field">
            <label for=name>{label}</label>
            <div class="share-row">
                <textarea id=name readonly rows=rows spellcheck="false" node_ref=field data-testid=name prop:value=value></textarea>
                <button type="button" class="action" data-testid=format!("{name}-copy") on:click=on_click>{copy}</button>
            </div>
        </div>
    }
    .into_any()
}

/// One `hide=` checkbox of the panel.
fn hide_box(word: &'static str, label: &'static str, bit: u16, hide: RwSignal<u16>) -> AnyView {
    view! {
        <label class="share-flag">
            <input
                type="checkbox"
                data-testid=format!("share-hide-{word}")
                checked=untrack(move || hide.get() & bit != 0)
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    hide.update(|h| if on { *h |= bit } else { *h &= !bit });
                }
            />
            {label}
        </label>
    }
    .into_any()
}

/// The Share disclosure of the current view. Its panel is built only while open, and rebuilt when
/// the language or the view changes (its labels are plain text, not one reactive node each).
#[component]
pub fn Share() -> impl IntoView {
    let state = expect_context::<AppState>();
    let open = RwSignal::new(false);
    let preview_open = RwSignal::new(false);
    let hide = RwSignal::new(0u16);
    let status = RwSignal::new(CopyState::Idle);
    let base = StoredValue::new(page_base());

    let link = Memo::new(move |_| {
        format!(
            "{}{}",
            base.get_value(),
            crate::ui::browser::href_with(&state.full_pairs())
        )
    });
    // The flags chosen that mean something on this view.
    let chosen = move || hide.get() & hide_flags_for(state.view);
    let embed_url = Memo::new(move |_| {
        format!(
            "{}{}",
            base.get_value(),
            crate::ui::browser::href_with(&state.embed_pairs(chosen()))
        )
    });
    let height = Memo::new(move |_| frame_height(state.view, chosen()));
    let title = Memo::new(move |_| {
        let s = texts(state.lang.get());
        let name = match state.view {
            View::Steps => s.shell().nav_steps,
            View::Lr => s.shell().nav_lr,
            View::Sim => s.shell().nav_sim,
            View::Memory => s.shell().nav_memory,
            View::Data => s.shell().nav_data,
            View::Compute => s.shell().nav_compute,
        };
        format!("{}{name}", s.share().frame_title)
    });
    let snippet = Memo::new(move |_| iframe_snippet(&embed_url.get(), &title.get(), height.get()));

    let panel = move || {
        let t = texts(state.lang.get()).share();
        let offered = hide_flags_for(state.view);
        let boxes = Hide::ALL
            .into_iter()
            .enumerate()
            .filter(|(_, h)| h.is_in(offered))
            .map(|(i, h)| {
                hide_box(
                    h.word(),
                    t.hide_names.get(i).copied().unwrap_or(h.word()),
                    h.bit(),
                    hide,
                )
            })
            .collect::<Vec<_>>();
        view! {
            <div class="share-panel">
                {copy_field(t.link, t.copy, "share-link", "2", link, status)}
                {copy_field(t.iframe, t.copy, "share-iframe", "4", snippet, status)}
                <p class="hint">{t.iframe_hint}</p>
                <p
                    class="share-status"
                    role="status"
                    data-testid="share-status"
                    data-value=move || match status.get() {
                        CopyState::Idle => "",
                        CopyState::Copied => "copied",
                        CopyState::Manual => "manual",
                    }
                >
                    {move || match status.get() {
                        CopyState::Idle => "",
                        CopyState::Copied => t.copied,
                        CopyState::Manual => t.copy_manual,
                    }}
                </p>
                <div class="share-hide" role="group" aria-label=t.hide_title>
                    <span class="share-hide-title">{t.hide_title}</span>
                    {boxes}
                </div>
                <details
                    class="share-preview"
                    data-testid="share-preview"
                    open=untrack(move || preview_open.get())
                    on:toggle=move |ev| preview_open.set(crate::ui::browser::details_open(&ev))
                >
                    <summary>{t.preview}</summary>
                    {move || preview_open.get().then(|| view! {
                        <iframe data-testid="share-preview-frame" src=embed_url title=title height=height sandbox=SANDBOX></iframe>
                    })}
                </details>
            </div>
        }
        .into_any()
    };

    view! {
        <details
            class="share"
            on:toggle=move |ev| {
                let now = crate::ui::browser::details_open(&ev);
                open.set(now);
                if !now {
                    preview_open.set(false);
                }
                status.set(CopyState::Idle);
            }
        >
            <summary data-testid="share">{move || texts(state.lang.get()).share().share}</summary>
            {move || open.get().then(panel)}
        </details>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_escape_what_they_quote() {
        let s = iframe_snippet("https://x.test/a?b=1&c=\"<script>\"", "T'<b>", 600);
        assert!(
            s.starts_with("<iframe src=\"https://x.test/a?b=1&amp;c=&quot;&lt;script&gt;&quot;\"")
        );
        assert!(s.contains("title=\"T&#39;&lt;b&gt;\""));
        assert!(s.contains("height=\"600\""));
        assert!(s.contains("sandbox=\""));
        assert!(!s.contains("allow-top-navigation"));
        assert_eq!(s.matches('<').count(), 2);
    }

    #[test]
    fn heights_shrink_as_parts_are_hidden() {
        use crate::ui::state::parse_hide;
        for v in View::ALL {
            let full = frame_height(v, 0);
            let bare = frame_height(v, parse_hide("controls,text").0);
            assert!(bare < full, "{v:?}");
            assert!((300..=6000).contains(&bare), "{v:?}");
        }
    }
}
