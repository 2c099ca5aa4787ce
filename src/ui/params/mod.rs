//! The views' inputs as signals, built from the declarations in `core::params`.
//!
//! Each view's set is a struct of [`Param`]s (one named field per declared parameter, made by
//! [`param_struct!`]) and a [`ParamSet`] implementation: how its fields are parsed and which
//! single-field errors reset a link's value. `ui::state` holds one of each; the views only read
//! them, so the state does not depend on any view.

pub mod compute;
pub mod data;
pub mod lr;
pub mod memory;
pub mod sim;
pub mod steps;

use leptos::prelude::*;

use crate::core::error::InputError;
use crate::core::params::ParamSpec;
use crate::ui::state::Param;

/// Declares a view's parameter struct: one `Param` field per declaration, `new` (reads the
/// query), `all` (every field, in this order) and `get` (the field of a declaration).
macro_rules! param_struct {
    (
        $(#[$meta:meta])*
        $name:ident { $( $(#[$fmeta:meta])* $field:ident : $spec:path ),* $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug)]
        pub struct $name {
            $( $(#[$fmeta])* pub $field: $crate::ui::state::Param, )*
        }

        impl $name {
            /// Reads every parameter from the query (else its declared default).
            pub fn new(q: &$crate::ui::state::Query) -> Self {
                $name { $( $field: $crate::ui::state::Param::from_spec(&$spec, q), )* }
            }

            /// Every parameter, in declaration order.
            pub fn all(&self) -> Vec<$crate::ui::state::Param> {
                vec![$( self.$field ),*]
            }

            /// The parameter of a declaration (`None` if it is not one of this set's).
            pub fn get(
                &self,
                spec: &$crate::core::params::ParamSpec,
            ) -> Option<$crate::ui::state::Param> {
                self.all().into_iter().find(|p| p.key == spec.key)
            }
        }
    };
}
pub(crate) use param_struct;

/// The current texts of `params` (tracked), for a core parser that reads by declaration.
pub fn texts(params: &[Param]) -> Vec<(&'static str, String)> {
    params.iter().map(|p| (p.key, p.value.get())).collect()
}

/// The text of `spec` among `texts` (empty if absent).
pub fn text_of<'a>(texts: &'a [(&'static str, String)], spec: &ParamSpec) -> &'a str {
    texts
        .iter()
        .find(|(k, _)| *k == spec.key)
        .map_or("", |(_, v)| v.as_str())
}

/// The error among `errors` that names `spec`'s key, if any.
pub fn error_of(errors: &[InputError], spec: &ParamSpec) -> Option<InputError> {
    errors.iter().find(|e| e.field == spec.key).cloned()
}

/// Test check shared by the views' parameter sets: `params` holds exactly one field per
/// declaration of `specs`, under its key, with its default.
#[cfg(test)]
pub(crate) fn assert_one_field_per_declaration(params: &[Param], specs: &[ParamSpec]) {
    assert_eq!(params.len(), specs.len());
    for spec in specs {
        let param = params.iter().find(|p| p.key == spec.key);
        assert_eq!(
            param.map(|p| (p.key, p.default)),
            Some((spec.key, spec.default))
        );
    }
}
