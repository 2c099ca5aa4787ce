//! Hover (and tap) read-out: the data coordinates under the pointer and, for charts whose table
//! has one x column, the plotted values nearest to it. Pointer-only: the data table is the
//! accessible form of the same numbers.

use leptos::prelude::*;

use super::device_per_css;
use crate::chart::frame::{PlotFrame, Readout, readout};
use crate::chart::table::DataTable;

/// The pointer over a chart's canvas and what the read-out needs to place and fill its box.
#[derive(Clone, Copy)]
pub(super) struct Pointer {
    pub canvas_ref: NodeRef<leptos::html::Canvas>,
    /// Where the last screen drawing put its plot area (canvas pixels).
    pub frame: StoredValue<Option<PlotFrame>>,
    pub table: Memo<DataTable>,
    /// The pointer, in CSS pixels from the canvas's top-left corner, while over the plot area.
    pub at: RwSignal<Option<(f64, f64)>>,
}

impl Pointer {
    /// Follows a pointer event; `keep` keeps the last position when the event is outside the plot
    /// area (a tap).
    pub fn track(self, ev: web_sys::PointerEvent, keep: bool) {
        let Some(canvas) = self.canvas_ref.get_untracked() else {
            return;
        };
        let (x, y) = (f64::from(ev.offset_x()), f64::from(ev.offset_y()));
        let inside = self.frame.with_value(|f| {
            let k = device_per_css(&canvas);
            f.as_ref().and_then(|f| f.value_at(x * k, y * k)).is_some()
        });
        if inside {
            self.at.set(Some((x, y)));
        } else if !keep {
            self.at.set(None);
        }
    }

    /// The crosshair and the read-out box (`<testid>-readout`), or nothing.
    pub fn view(self, testid: &'static str) -> Option<impl IntoView + use<>> {
        let (x, y) = self.at.get()?;
        let canvas = self.canvas_ref.get_untracked()?;
        let k = device_per_css(&canvas);
        let width = f64::from(canvas.client_width());
        let (text, top, height) = self.frame.with_value(|f| {
            let f = f.as_ref()?;
            let (vx, vy) = f.value_at(x * k, y * k)?;
            let r: Readout = self.table.with(|t| readout(f, vx, vy, t));
            Some((
                r,
                f64::from(f.y_px.0) / k,
                f64::from(f.y_px.1 - f.y_px.0) / k,
            ))
        })?;
        let lines = text
            .lines
            .into_iter()
            .map(
                |(name, value)| view! { <div><span class="k">{name}</span>" "<b>{value}</b></div> },
            )
            .collect_view();
        // The box sits beside the pointer, on the side with more room.
        let (left, right) = if x > width / 2.0 {
            ("auto".to_string(), format!("{:.0}px", width - x + 10.0))
        } else {
            (format!("{:.0}px", x + 10.0), "auto".to_string())
        };
        Some(view! {
            <div class="crosshair" aria-hidden="true" style:left=format!("{x:.0}px")
                style:top=format!("{top:.0}px") style:height=format!("{height:.0}px")></div>
            <div class="readout" aria-hidden="true" data-testid=format!("{testid}-readout")
                style:left=left style:right=right style:top=format!("{:.0}px", top + 4.0)>
                {lines}
            </div>
        })
    }
}
