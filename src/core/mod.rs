//! Pure calculations: no browser, no drawing. Every number the app shows comes from here,
//! and each formula's doc comment names its source.

pub mod compute;
pub mod data_exp;
pub mod error;
pub mod format;
pub mod lr_scaling;
pub mod math;
pub mod max_step;
pub mod memory;
pub mod mix;
pub mod noise_estimate;
pub mod noise_scale;
pub mod params;
pub mod schedule;
pub mod sim;
pub mod steps;
pub mod units;
