//! An experiment's chart: held-out loss curves (`chart::data::exp`) on the shared chart canvas,
//! with its export bar and data table. Before the experiment has run, the canvas says so in its
//! text alternative and draws nothing.

use std::rc::Rc;

use leptos::prelude::*;

use crate::chart::AxisLabels;
use crate::chart::data::exp::{self as exp_chart, Curve, ExpPlot};
use crate::ui::components::chart_canvas::{ChartCanvas, ChartFn, ChartJob};
use crate::ui::i18n::{Strings, texts};
use crate::ui::state::AppState;

/// What a chart plots.
#[derive(Debug, Clone, PartialEq)]
pub struct CurvesData {
    /// The curves.
    pub curves: Vec<Curve>,
    /// A dashed reference line: label and value.
    pub reference: Option<(String, f64)>,
    /// The one-line summary.
    pub alt: String,
}

/// The figure with its caption.
#[component]
pub fn CurvesFigure(
    /// Canvas `data-testid`.
    testid: &'static str,
    /// Suffix of the export buttons' test ids.
    suffix: &'static str,
    /// Caption.
    caption: fn(&'static Strings) -> &'static str,
    /// The plotted data (none before the first run).
    #[prop(into)]
    data: Signal<Option<CurvesData>>,
    /// Logarithmic x.
    log_x: bool,
    /// Axis titles.
    x_label: fn(&'static Strings) -> &'static str,
    /// Vertical axis title.
    y_label: fn(&'static Strings) -> &'static str,
    /// Export file stem.
    #[prop(into)]
    file: Signal<String>,
    /// Whether the data came from other settings.
    #[prop(into)]
    stale: Signal<bool>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let strings = move || texts(state.lang.get());
    let alt = Signal::derive(move || {
        data.with(|d| {
            d.as_ref().map_or_else(
                || strings().data_exp().chart_empty.to_string(),
                |d| d.alt.clone(),
            )
        })
    });
    let chart: ChartFn = Rc::new(move |job: ChartJob<'_, '_>| {
        let s = strings();
        let Some(d) = data.get() else { return };
        let plot = ExpPlot {
            curves: &d.curves,
            reference: d.reference.as_ref().map(|(l, y)| (l.as_str(), *y)),
            log_x,
            labels: AxisLabels {
                x: x_label(s),
                y: y_label(s),
            },
        };
        job.run(
            |root, style| exp_chart::draw(root, &plot, style),
            || exp_chart::table(&plot),
        );
    });
    view! {
        <figure class="chart" class:stale=move || stale.get()>
            <figcaption>{move || caption(strings())}</figcaption>
            <p class="hint exp-empty" class:hidden=move || data.with(Option::is_some)>{move || strings().data_exp().chart_empty}</p>
            <ChartCanvas testid=testid alt=alt chart=chart file=file suffix=suffix/>
        </figure>
    }
}
