//! The browser UI: thin components over `core`, charts drawn by `chart`.
//!
//! Signals hold the inputs as typed (see [`state`]); views parse them and call `core` in memos;
//! effects only touch the outside world (canvas, URL, document attributes).

mod app;
mod browser;
pub mod components;
pub mod formulas;
pub mod i18n;
pub mod params;
#[cfg(test)]
mod prerender;
pub mod state;
pub mod views;

pub use app::App;

use leptos::prelude::*;

pub use state::{Page, View};

/// Mounts the page of one view on the document's body.
///
/// Every view is a page with a WebAssembly module of its own (`src/main.rs` for Steps, the default
/// page, and `src/bin/*.rs` for the others), so the first load fetches the shell and one view, not
/// all five. `public/boot.js` picks the module the URL's `view=` names. `page` names the view's
/// parameter set, which the page checks with its full parser at start-up.
pub fn mount(page: Page, render: fn() -> AnyView) {
    console_error_panic_hook::set_once();
    // The page is built in a task of its own, after the one that compiled and instantiated the
    // module: two shorter tasks instead of one long one (Lighthouse's Total Blocking Time counts
    // what each task runs past 50 ms). The first paint that index.html carries (`.boot`, see
    // `prerender`) goes in the same task, so the app replaces it in one frame.
    set_timeout(
        move || {
            browser::remove_boot_shell();
            leptos::mount::mount_to_body(move || view! { <App page render/> });
        },
        std::time::Duration::ZERO,
    );
}
