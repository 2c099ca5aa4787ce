//! Batch Lab: the arithmetic of training and fine-tuning large language models, computed and
//! explained in the browser.
//!
//! * [`core`]: pure calculations and the simulation (no browser, natively tested);
//! * [`chart`]: plotters drawings, generic over the backend (canvas in the page, SVG in tests);
//! * [`ui`]: the Leptos components.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod chart;
pub mod core;
pub mod ui;
