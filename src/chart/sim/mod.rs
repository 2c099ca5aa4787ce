//! Charts of the Simulator view: loss curves ([`loss_curves`]), the learning-rate sweep
//! ([`lr_sweep`]) and steps or examples to the target against the batch size ([`target_vs_batch`]),
//! drawn with log₁₀ values on [`Axis::ticked`](crate::chart::axis::Axis::ticked) axes; training
//! against held-out loss ([`generalisation`]) on linear axes.

pub mod generalisation;
pub mod loss_curves;
pub mod lr_sweep;
pub mod target_vs_batch;
