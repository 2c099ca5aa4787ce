//! One checked result per view: the value computed from the inputs, the last good value (shown
//! while the input is invalid), whether what is shown is stale, and the error of each field.
//!
//! Every view follows the same rule: bad input never blanks the page; the figures keep the
//! last good result, marked stale, and each field shows its own error. [`Checked`] is that rule
//! once; [`keep_last`] and [`error_named`] are its pure parts.

use leptos::prelude::*;

use crate::core::error::InputError;
use crate::core::params::ParamSpec;

/// A result of parsing and computing: the value, or every field error found.
pub type Outcome<T> = Result<T, Vec<InputError>>;

/// What to show after `result`: the new value if it is good, else the previous shown value.
pub fn keep_last<T: Clone>(previous: Option<&Option<T>>, result: &Outcome<T>) -> Option<T> {
    match result {
        Ok(value) => Some(value.clone()),
        Err(_) => previous.cloned().flatten(),
    }
}

/// The error in `result` that names `key`, if any.
pub fn error_named<T>(result: &Outcome<T>, key: &str) -> Option<InputError> {
    result
        .as_ref()
        .err()
        .and_then(|errors| errors.iter().find(|e| e.field == key).cloned())
}

/// A view's checked result, reactive: `result` recomputes when an input changes, `shown` keeps
/// the last good value, `stale` says the shown value is not the inputs' own. Cheap to copy.
pub struct Checked<T: Send + Sync + 'static> {
    /// The inputs' own result.
    pub result: Memo<Outcome<T>>,
    /// The last good value (`None` until the first one).
    pub shown: Memo<Option<T>>,
    /// Whether the inputs are invalid, so `shown` is an older value.
    pub stale: Signal<bool>,
}

impl<T: Send + Sync + 'static> Clone for Checked<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Checked<T> {}

impl<T: Clone + PartialEq + Send + Sync + 'static> Checked<T> {
    /// Checks `compute` (a parse and a calculation, reading signals) in a memo.
    pub fn new(compute: impl Fn() -> Outcome<T> + Send + Sync + 'static) -> Self {
        let result: Memo<Outcome<T>> = Memo::new(move |_| compute());
        let shown = Memo::new(move |prev: Option<&Option<T>>| result.with(|r| keep_last(prev, r)));
        let stale = Signal::derive(move || result.with(Result::is_err));
        Checked {
            result,
            shown,
            stale,
        }
    }

    /// The error of the field `spec` declares (for its field's error line).
    pub fn error(&self, spec: &'static ParamSpec) -> Signal<Option<InputError>> {
        let result = self.result;
        Signal::derive(move || result.with(|r| error_named(r, spec.key)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::error::ErrorKind;

    fn bad(key: &'static str) -> Outcome<u32> {
        Err(vec![InputError::new(key, ErrorKind::Empty)])
    }

    #[test]
    fn the_last_good_value_stays_while_the_input_is_bad() {
        assert_eq!(keep_last(None, &Ok(1)), Some(1));
        assert_eq!(keep_last(None, &bad("n")), None);
        assert_eq!(keep_last(Some(&Some(1)), &bad("n")), Some(1));
        assert_eq!(keep_last(Some(&Some(1)), &Ok(2)), Some(2));
        assert_eq!(error_named(&bad("n"), "n").map(|e| e.field), Some("n"));
        assert_eq!(error_named(&bad("n"), "mbs"), None);
        assert_eq!(error_named(&Ok(1), "n"), None);
    }

    #[test]
    fn the_reactive_wrapper_marks_stale_and_names_the_field() {
        let owner = Owner::new();
        owner.with(|| {
            let input = RwSignal::new(1u32);
            let checked = Checked::new(move || {
                let v = input.get();
                if v == 0 { bad("n") } else { Ok(v) }
            });
            let error = checked.error(&crate::core::params::steps::N);
            assert_eq!(checked.shown.get_untracked(), Some(1));
            assert!(!checked.stale.get_untracked());
            input.set(0);
            assert_eq!(
                checked.shown.get_untracked(),
                Some(1),
                "last good value kept"
            );
            assert!(checked.stale.get_untracked());
            assert!(error.get_untracked().is_some());
            input.set(3);
            assert_eq!(checked.shown.get_untracked(), Some(3));
            assert!(error.get_untracked().is_none());
        });
    }
}
