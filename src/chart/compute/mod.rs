//! Charts of the Time & cost view: time to finish against the number of GPUs, and the FLOPs
//! per token by term.

pub mod breakdown;
pub mod gpus;
