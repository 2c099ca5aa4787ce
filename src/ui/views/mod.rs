//! One module per view.

pub mod compute;
pub mod data;
pub mod lr;
pub mod memory;
pub mod sim;
pub mod steps;
