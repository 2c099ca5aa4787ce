//! Charts of the Data view.
