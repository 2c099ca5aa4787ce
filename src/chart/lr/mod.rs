//! Charts of the Batch & LR view.
