//! Browser tests (wasm-bindgen-test in headless Chromium): components mounted in a real page, and
//! the simulation's cross-platform determinism.
//!
//! Run: `cargo test --target wasm32-unknown-unknown --test web` with `wasm-bindgen-test-runner` as the
//! target runner (see `.ci/test`).
#![cfg(target_arch = "wasm32")]

use batch_lab::core::sim::golden::{
    GOLDEN_CLASSIFIER_LOSS_BITS, GOLDEN_FINAL_LOSS_BITS, golden_classifier_loss, golden_final_loss,
};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The same seeded run gives bit-identical results in WASM and natively (golden value produced on x86-64).
#[wasm_bindgen_test]
fn simulation_is_bit_identical_to_native() {
    assert_eq!(golden_final_loss().to_bits(), GOLDEN_FINAL_LOSS_BITS);
}

/// The classifiers' kernels (SIMD in WASM, scalar natively) give the native bits too.
#[wasm_bindgen_test]
fn classifier_kernels_are_bit_identical_to_native() {
    assert_eq!(
        golden_classifier_loss().to_bits(),
        GOLDEN_CLASSIFIER_LOSS_BITS
    );
}

/// The Steps page, as `src/main.rs` mounts it.
fn steps_page() -> impl leptos::IntoView {
    use leptos::prelude::*;
    let page = batch_lab::ui::Page {
        view: batch_lab::ui::View::Steps,
        own: |s| vec![&s.steps],
    };
    view! { <batch_lab::ui::App page render=batch_lab::ui::views::steps::page/> }
}

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a document")
}

fn data_value(testid: &str) -> Option<String> {
    document()
        .query_selector(&format!("[data-testid=\"{testid}\"]"))
        .ok()
        .flatten()
        .and_then(|el| el.get_attribute("data-value"))
}

/// The whole app mounts, shows the Steps view with its default case (a typical fine-tuning set:
/// 10,000 examples at an effective batch of 100), and reacts to an edit.
#[wasm_bindgen_test]
async fn app_mounts_and_the_steps_view_reacts() {
    let host = document().create_element("div").expect("div");
    document()
        .body()
        .expect("body")
        .append_child(&host)
        .expect("append");
    let host: web_sys::HtmlElement = host.unchecked_into();
    let _handle = leptos::mount::mount_to(host, steps_page);
    leptos::task::tick().await;

    // Defaults: 10,000 examples, effective batch 4 × 25 × 1 = 100 → 100 updates per epoch, 3 epochs.
    assert_eq!(data_value("effective-batch").as_deref(), Some("100"));
    assert_eq!(data_value("updates-per-epoch").as_deref(), Some("100"));
    assert_eq!(data_value("total-updates").as_deref(), Some("300"));

    // Type a micro-batch of 8: the effective batch doubles and the updates halve
    // (⌈10,000/200⌉ = 50 updates per epoch).
    let input: web_sys::HtmlInputElement = document()
        .query_selector("[data-testid=\"input-mbs\"]")
        .ok()
        .flatten()
        .expect("the mbs field")
        .unchecked_into();
    input.set_value("8");
    input
        .dispatch_event(&web_sys::Event::new("input").expect("event"))
        .expect("dispatch");
    leptos::task::tick().await;
    assert_eq!(data_value("effective-batch").as_deref(), Some("200"));
    assert_eq!(data_value("updates-per-epoch").as_deref(), Some("50"));

    // Bad input: a message beside the field, the last result kept.
    input.set_value("zero");
    input
        .dispatch_event(&web_sys::Event::new("input").expect("event"))
        .expect("dispatch");
    leptos::task::tick().await;
    let error = document()
        .query_selector("[data-testid=\"error-mbs\"]")
        .ok()
        .flatten()
        .and_then(|e| e.text_content())
        .unwrap_or_default();
    assert!(!error.trim().is_empty(), "an error message is shown");
    assert_eq!(data_value("updates-per-epoch").as_deref(), Some("50"));
}

/// The figure component writes the raw number to data-value and the formatted one as text.
#[wasm_bindgen_test]
async fn number_formatting_in_figures() {
    let host = document().create_element("div").expect("div");
    document()
        .body()
        .expect("body")
        .append_child(&host)
        .expect("append");
    let host: web_sys::HtmlElement = host.unchecked_into();
    let _handle = leptos::mount::mount_to(host.clone(), steps_page);
    leptos::task::tick().await;
    let el = host
        .query_selector("[data-testid=\"examples-seen\"]")
        .ok()
        .flatten()
        .expect("examples-seen");
    assert_eq!(el.get_attribute("data-value").as_deref(), Some("30000"));
    assert_eq!(el.text_content().as_deref().map(str::trim), Some("30,000"));
}

/// `core::math` calls the standard library in WebAssembly (compiler-builtins' copy of libm) and
/// the `libm` crate natively: over many inputs in each function's working range, both give the
/// same bits here, so a calculation gives the same bits on both sides.
#[wasm_bindgen_test]
fn elementary_functions_give_libm_bits() {
    use batch_lab::core::math;
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    let mut uniform = move |lo: f64, hi: f64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        lo + (hi - lo) * ((state >> 11) as f64 / (1u64 << 53) as f64)
    };
    let mut differ: Vec<String> = Vec::new();
    for _ in 0..200_000 {
        let x = uniform(-60.0, 60.0);
        let p = uniform(1e-9, 1e4);
        let y = uniform(-6.0, 6.0);
        let cases = [
            ("exp", math::exp(x), libm::exp(x)),
            ("log", math::log(p), libm::log(p)),
            ("log10", math::log10(p), libm::log10(p)),
            ("pow", math::pow(p, y), libm::pow(p, y)),
            ("tanh", math::tanh(x / 4.0), libm::tanh(x / 4.0)),
            ("sin", math::sin(x * 20.0), libm::sin(x * 20.0)),
            ("cos", math::cos(x * 20.0), libm::cos(x * 20.0)),
        ];
        for (name, ours, theirs) in cases {
            if ours.to_bits() != theirs.to_bits() && !differ.iter().any(|d| d.starts_with(name)) {
                differ.push(format!("{name} ({x}, {p}, {y}): {ours} vs {theirs}"));
            }
        }
    }
    assert!(differ.is_empty(), "{differ:?}");
}
