//! The browser UI: thin components over `core`, charts drawn by `chart`.
//!
//! Signals hold the inputs as typed (see [`state`]); views parse them and call `core` in memos;
//! effects only touch the outside world (canvas, URL, document attributes).

mod app;
mod browser;
pub mod components;
pub mod i18n;
pub mod state;
pub mod views;

pub use app::App;
