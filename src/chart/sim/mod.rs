//! Charts of the Simulator view.
