//! Charts of the Data view.

pub mod exp;
pub mod mix_shares;
