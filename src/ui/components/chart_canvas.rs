//! A canvas that a chart draws itself on, sharp on HiDPI screens and redrawn on resize and theme change.

use leptos::ev;
use leptos::prelude::*;
use web_sys::HtmlCanvasElement;

use crate::chart::ChartStyle;
use crate::ui::state::AppState;

/// A chart's canvas. `draw` is called with the canvas (sized in device pixels) and the style; it
/// reads whatever signals it needs, so the chart redraws when they change.
#[component]
pub fn ChartCanvas<F>(
    /// `data-testid` of the canvas.
    testid: &'static str,
    /// A one-line text alternative (the canvas's accessible name).
    #[prop(into)]
    alt: Signal<String>,
    /// Draws the chart.
    draw: F,
) -> impl IntoView
where
    F: Fn(&HtmlCanvasElement, &ChartStyle) + 'static,
{
    let state = expect_context::<AppState>();
    let canvas_ref = NodeRef::<leptos::html::Canvas>::new();
    let resized = RwSignal::new(0u32);
    let listener = window_event_listener(ev::resize, move |_| {
        resized.update(|n| *n = n.wrapping_add(1))
    });
    on_cleanup(move || listener.remove());
    Effect::new(move |_| {
        resized.track();
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        let dark = state.dark();
        let dpr = window().device_pixel_ratio().clamp(1.0, 4.0);
        let css_w = canvas
            .parent_element()
            .map_or(600, |p| p.client_width())
            .max(240) as f64;
        let css_h = (css_w * 0.58).clamp(220.0, 380.0);
        let _ = web_sys::HtmlElement::style(&canvas).set_property("height", &format!("{css_h}px"));
        canvas.set_width((css_w * dpr).round() as u32);
        canvas.set_height((css_h * dpr).round() as u32);
        draw(&canvas, &ChartStyle { scale: dpr, dark });
    });
    view! {
        <div class="chart-box">
            <canvas node_ref=canvas_ref role="img" aria-label=move || alt.get() data-testid=testid></canvas>
        </div>
    }
}
