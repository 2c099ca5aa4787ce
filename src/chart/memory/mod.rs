//! Charts of the Memory view.

pub mod parts_bar;
