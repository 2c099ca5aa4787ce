//! Charts of the Data view.

pub mod mix_shares;
