//! Input errors as values.
//!
//! Every calculation in [`crate::core`] validates its inputs into a `Result<_, InputError>`.
//! An error names the field (the URL key of the input) and says what is wrong in a
//! structured way, so the UI can word it in each language and show it beside the field.

use std::fmt;

/// What is wrong with one input. The UI turns each kind into a sentence per language.
#[derive(Debug, Clone, PartialEq)]
pub enum ErrorKind {
    /// Nothing was entered.
    Empty,
    /// The text is not a number (letters, stray symbols).
    NotANumber,
    /// The number is NaN or infinite, or too large to represent.
    NotFinite,
    /// The number is not zero but closer to zero than the smallest normal `f64` (about
    /// 2.2 × 10⁻³⁰⁸): it has lost precision, and its reciprocal is infinite.
    TooSmall,
    /// A whole number was required.
    NotWhole,
    /// The value is below the smallest allowed value.
    BelowMin(f64),
    /// The value must be strictly greater than this.
    NotAbove(f64),
    /// The value is above the largest allowed value (a documented cap).
    AboveMax(f64),
    /// The value must be strictly less than this.
    NotBelow(f64),
    /// The text is not one of the allowed words (listed).
    NotOneOf(&'static [&'static str]),
    /// A result would be too large to count exactly (for example more than 10¹⁸ updates).
    Overflow,
    /// Two inputs that must differ are equal (the other field's key).
    MustDiffer(&'static str),
    /// An estimate came out negative or zero: the measurements are too noisy to divide.
    NoisyEstimate,
    /// A list has a duplicate entry (the entry).
    Duplicate(String),
    /// A list must have at least one entry.
    EmptyList,
    /// A divisibility rule: this value must divide the other field's value.
    MustDivide(&'static str),
    /// Malformed structured text (JSON or a list): what is wrong with it.
    Malformed(Syntax),
    /// A model family or format this app does not support (what was found).
    Unsupported(Found),
    /// The chosen accelerator (named) has no published peak at the chosen precision, so the peak
    /// must be entered by hand.
    NoPublishedPeak(String),
    /// The total computation asked for is over a documented cap. The list is never empty.
    TooMuchWork {
        /// The changes that fit.
        cuts: Vec<WorkCut>,
        /// False: each change, applied on its own (the other inputs unchanged), brings the work
        /// under every cap. True: no single change does, and all of them together do.
        together: bool,
    },
}

/// One change that brings a simulation under its work caps, as data (each language words it).
#[derive(Debug, Clone, PartialEq)]
pub enum WorkCut {
    /// At most `to` updates per run instead of `from`.
    Updates {
        /// Updates asked for.
        from: u64,
        /// The most that fit.
        to: u64,
    },
    /// Only the first `to` of the `from` optimizers listed.
    Optimizers {
        /// Optimizers listed.
        from: usize,
        /// The most that fit.
        to: usize,
    },
    /// Only these batch sizes of the list (the smallest ones, which cost least), in its order.
    BatchSizes {
        /// Batch sizes listed.
        from: usize,
        /// The batch sizes to keep.
        keep: Vec<usize>,
    },
    /// `to` seeds per setting instead of `from`.
    Seeds {
        /// Seeds asked for.
        from: u64,
        /// The most that fit.
        to: u64,
    },
}

/// What is wrong with a piece of structured text, as data (never as English prose), so that each
/// language words it from its own table.
#[derive(Debug, Clone, PartialEq)]
pub enum Syntax {
    /// Not valid JSON: the 1-based line and column where reading stopped.
    Json {
        /// Line, from 1.
        line: usize,
        /// Column, from 1.
        column: usize,
    },
    /// Valid JSON, but not an object.
    NotAnObject,
    /// The value of this key is not a whole number.
    NotWhole(&'static str),
    /// The value of this key is not `true` or `false`.
    NotBool(&'static str),
    /// This required key is missing.
    Missing(&'static str),
    /// A list with `found` entries where `expected` are needed.
    Count {
        /// Entries given.
        found: usize,
        /// Entries needed.
        expected: usize,
    },
    /// A task name holds `:` or `,`, which separate the task list.
    SeparatorInName,
    /// A task entry is not `name:count` or `name:count:seq`.
    RowShape,
    /// A cell holds `:` or `,`, which separate the task list.
    SeparatorInCell,
}

/// What a pasted model config names that this app does not support.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    /// This `model_type`.
    ModelType(String),
    /// This `architectures[0]`, with no `model_type`.
    Architecture(String),
    /// Neither `model_type` nor `architectures`.
    Nothing,
}

/// An input that cannot be used: which field, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct InputError {
    /// The URL key of the input at fault, for example `"ga"`.
    pub field: &'static str,
    /// What is wrong.
    pub kind: ErrorKind,
}

impl InputError {
    /// An error for `field`.
    pub fn new(field: &'static str, kind: ErrorKind) -> Self {
        Self { field, kind }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {:?}", self.field, self.kind)
    }
}

impl std::error::Error for InputError {}

/// Gathers every field error while falling back to defaults, so all bad fields are reported at once.
pub struct Collector<'a>(pub &'a mut Vec<InputError>);

impl Collector<'_> {
    /// The value, or `fallback` after recording the error.
    pub fn or<T>(&mut self, result: Result<T, InputError>, fallback: T) -> T {
        result.unwrap_or_else(|e| {
            self.0.push(e);
            fallback
        })
    }
}
