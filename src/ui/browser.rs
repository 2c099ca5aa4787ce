//! The few places the UI talks to the browser directly: the URL, the language, the colour scheme.

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// The current query string as it stands in the address (`?view=lr&…`), undecoded; the state
/// reads it with `state::parse_search`, which tells a key without `=` from an empty value.
pub fn search() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// Replaces the query string in place (no navigation, no history entry).
pub fn replace_query(pairs: &[(&'static str, String)]) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(params) = web_sys::UrlSearchParams::new() else {
        return;
    };
    for (k, v) in pairs {
        params.append(k, v);
    }
    let query = String::from(params.to_string());
    let url = format!("?{query}{}", window.location().hash().unwrap_or_default());
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// The URL of this page with the given query (for links that keep the state).
pub fn href_with(pairs: &[(&'static str, String)]) -> String {
    let Ok(params) = web_sys::UrlSearchParams::new() else {
        return "?".into();
    };
    for (k, v) in pairs {
        params.append(k, v);
    }
    format!("?{}", String::from(params.to_string()))
}

/// Loads another page of the app (each view is a page of its own: see `ui::mount`).
pub fn navigate(href: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().assign(href);
    }
}

/// A value kept in the tab's session storage (it outlives a move to another view, not the tab).
/// `None` where storage is unavailable (a sandboxed frame, privacy settings).
pub fn session_get(key: &str) -> Option<String> {
    let storage = web_sys::window()?.session_storage().ok()??;
    storage.get_item(key).ok()?
}

/// Stores a value for [`session_get`]; does nothing where storage is unavailable.
pub fn session_set(key: &str, value: &str) {
    if let Some(Ok(Some(storage))) = web_sys::window().map(|w| w.session_storage()) {
        let _ = storage.set_item(key, value);
    }
}

/// Calls `f` once `el` comes within 300 px of the viewport (at once where IntersectionObserver is
/// missing). The charts use it to draw when they are about to be seen, not while the page starts.
pub fn when_near_viewport(el: &web_sys::Element, f: impl FnOnce() + 'static) {
    let f = std::rc::Rc::new(std::cell::Cell::new(Some(f)));
    let pending = f.clone();
    let callback = Closure::<dyn FnMut(js_sys::Array, web_sys::IntersectionObserver)>::new(
        move |entries: js_sys::Array, observer: web_sys::IntersectionObserver| {
            let near = entries.iter().any(|e| {
                e.unchecked_into::<web_sys::IntersectionObserverEntry>()
                    .is_intersecting()
            });
            if near {
                observer.disconnect();
                if let Some(f) = pending.take() {
                    f();
                }
            }
        },
    );
    let init = web_sys::IntersectionObserverInit::new();
    init.set_root_margin("300px 0px");
    match web_sys::IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &init)
    {
        Ok(observer) => {
            observer.observe(el);
            // The observer holds the callback for the page's life (one per chart).
            callback.forget();
        }
        Err(_) => {
            if let Some(f) = f.take() {
                f();
            }
        }
    }
}

/// The browser's preferred language tag (`navigator.language`).
pub fn browser_language() -> String {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .unwrap_or_default()
}

/// Whether the system prefers a dark colour scheme, and a hook to hear when that changes.
pub fn watch_dark_scheme(on_change: impl Fn(bool) + 'static) -> bool {
    let Some(mql) = web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
    else {
        return false;
    };
    let listener = Closure::<dyn Fn(web_sys::MediaQueryListEvent)>::new(
        move |ev: web_sys::MediaQueryListEvent| on_change(ev.matches()),
    );
    let _ = mql.add_event_listener_with_callback("change", listener.as_ref().unchecked_ref());
    // The listener lives as long as the page.
    listener.forget();
    mql.matches()
}

/// Sets `<html lang>` and `data-theme` (the theme's CSS custom properties key off it).
pub fn set_document_attrs(lang: &str, theme: &str) {
    if let Some(html) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = html.set_attribute("lang", lang);
        let _ = html.set_attribute("data-theme", theme);
    }
}

/// Removes the first paint that `index.html` carries (`<div class="boot">`) once the app is built.
pub fn remove_boot_shell() {
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(".boot").ok().flatten())
    {
        boot.remove();
    }
}

/// Marks `<html>` for an embed: `data-embed` when `embed`, and `data-hide` with the `hide=` words
/// separated by spaces (the stylesheet matches them with `[data-hide~="word"]`).
pub fn set_embed_attrs(embed: bool, hide_words: &str) {
    if let Some(html) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        if embed {
            let _ = html.set_attribute("data-embed", "");
        }
        if !hide_words.is_empty() {
            let _ = html.set_attribute("data-hide", hide_words);
        }
    }
}

/// Whether the `<details>` that sent `ev` (its `toggle` event) is open.
pub fn details_open(ev: &web_sys::Event) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
        .is_some_and(|d| d.open())
}
