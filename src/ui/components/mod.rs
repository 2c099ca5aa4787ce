//! Reusable pieces of the views: inputs, figures, charts, notices.

pub mod chart_canvas;
pub mod checked;
pub mod choice_field;
pub mod figure;
pub mod later;
pub mod notice;
pub mod num_field;
pub mod share;
