//! Charts of the Memory view.
