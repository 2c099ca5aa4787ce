//! Charts of the Simulator view: loss curves ([`loss_curves`]), the learning-rate sweep
//! ([`lr_sweep`]), steps or examples to the target against the batch size ([`target_vs_batch`])
//! and what each optimizer divides the gradient by ([`divisor`]), drawn with log₁₀ values on
//! [`Axis::ticked`](crate::chart::axis::Axis::ticked) axes; training against held-out loss
//! ([`generalisation`]) on linear axes.

pub mod divisor;
pub mod generalisation;
pub mod loss_curves;
pub mod lr_sweep;
pub mod target_vs_batch;
