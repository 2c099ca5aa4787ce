//! Every user-visible string, one table per language.
//!
//! [`Strings`] is the table's shape; [`EN`] and [`ZH`] are the two tables. Each view's strings live in
//! a struct of their own (a file per view), so adding a string to one language without the other is a
//! compile error. Views never hold literal text: they read `texts(lang)`.

mod compute;
mod data;
mod data_exp;
mod errors;
mod export;
mod lr;
mod memory;
mod share;
mod shell;
mod sim;
mod sim_divisor;
mod sim_gen;
mod steps;

#[cfg(test)]
mod zh_style;

pub use compute::Compute;
pub use data::Data;
pub use data_exp::DataExp;
pub use errors::error_message;
pub use export::Export;
pub use lr::Lr;
pub use memory::Memory;
pub use share::Share;
pub use shell::Shell;
pub use sim::{LrOpt, Sim};
pub use sim_divisor::SimDivisor;
pub use sim_gen::SimGen;
pub use steps::Steps;

/// `template` with each `{name}` placeholder replaced by the value paired with `name` in `args`.
///
/// The one way text tables take values: a placeholder is `{` + lower-case ASCII letters, digits or
/// `_` + `}`; any other brace is kept as written. The template is read once, left to right, so a
/// value that itself contains `{name}` (a task typed by the reader) is never filled again. In debug
/// builds and tests, a placeholder without a value, or a value without its placeholder, panics:
/// a table and its caller that disagree are a bug, not something to show.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut used = vec![false; args.len()];
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let name_len = after
            .find(|c: char| !is_placeholder_char(c))
            .unwrap_or(after.len());
        let name = &after[..name_len];
        if name_len > 0 && after[name_len..].starts_with('}') {
            match args.iter().position(|(k, _)| *k == name) {
                Some(i) => {
                    out.push_str(args[i].1);
                    used[i] = true;
                }
                None => {
                    debug_assert!(false, "no value for {{{name}}} in “{template}”");
                    out.push_str(&rest[open..open + name_len + 2]);
                }
            }
            rest = &after[name_len + 1..];
        } else {
            out.push('{');
            rest = after;
        }
    }
    out.push_str(rest);
    if let Some(i) = used.iter().position(|u| !u) {
        debug_assert!(false, "“{template}” has no {{{}}}", args[i].0);
    }
    out
}

/// A character allowed in a placeholder's name.
fn is_placeholder_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'
}

/// A labelled input: label, unit, and a one-line hint.
pub struct FieldText {
    /// Label.
    pub label: &'static str,
    /// Unit or kind of value, shown after the field.
    pub unit: &'static str,
    /// Short hint under the field.
    pub hint: &'static str,
}

/// A result figure: label and the text of its "why?" note.
pub struct FigureText {
    /// One-line label.
    pub label: &'static str,
    /// Formula and source.
    pub why: &'static str,
}

/// A language the app speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// English.
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// Every language, in switch order.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// The URL value and the `<html lang>` tag.
    pub fn key(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// The language's name on its own switch button, written in that language.
    pub fn switch_label(self) -> &'static str {
        match self {
            Lang::En => "EN",
            Lang::Zh => "中文",
        }
    }

    /// Reads a URL value.
    pub fn parse(text: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.key() == text)
    }

    /// The language a browser asks for: Chinese for any `zh*` tag, English otherwise.
    pub fn from_browser(tag: &str) -> Lang {
        if tag.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }
}

/// The table of all strings of one language: one section per view plus the shared ones.
///
/// Each section is a `static` of its own, reached through a method, so a build that renders a
/// single view (one WebAssembly module per view, see `ui::mount`) links only the sections it
/// reads: the linker drops the other views' text in both languages.
pub struct Strings(Lang);

/// Picks one language's copy of a section.
macro_rules! section {
    ($(#[$doc:meta] $name:ident: $ty:ident;)*) => {
        impl Strings {
            $(
                #[$doc]
                pub fn $name(&self) -> &'static $ty {
                    match self.0 {
                        Lang::En => &$name::EN,
                        Lang::Zh => &$name::ZH,
                    }
                }
            )*
        }
    };
}

section! {
    /// The page shell: header, navigation, footer, notices, shared labels.
    shell: Shell;
    /// The Steps view.
    steps: Steps;
    /// The Batch & LR view.
    lr: Lr;
    /// The Simulator view.
    sim: Sim;
    /// The Simulator's divisor section and optimizer settings.
    sim_divisor: SimDivisor;
    /// The Simulator's held-out loss section.
    sim_gen: SimGen;
    /// The Memory view.
    memory: Memory;
    /// The Data view.
    data: Data;
    /// The Data view's experiments.
    data_exp: DataExp;
    /// The Time & cost view.
    compute: Compute;
    /// Chart export buttons and data tables (every view).
    export: Export;
    /// The Share panel and the embed's link to the full app.
    share: Share;
}

/// English.
pub static EN: Strings = Strings(Lang::En);
/// 简体中文.
pub static ZH: Strings = Strings(Lang::Zh);

/// The table for `lang`.
pub fn texts(lang: Lang) -> &'static Strings {
    match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    }
}

#[cfg(test)]
mod tests {
    use super::{EN, ZH, fill};
    use crate::core::lr_scaling::OptimizerFamily;
    use crate::core::memory::Method;
    use crate::core::memory::activations::{Attention, Checkpointing};
    use crate::core::memory::byte_unit::ByteUnit;
    use crate::core::memory::model::Family;
    use crate::core::memory::optimizer_state::Optimizer;
    use crate::core::memory::precision::Precision;
    use crate::core::mix::MixKind;
    use crate::core::schedule::ScheduleKind;
    use crate::core::sim::config::Task;
    use crate::core::sim::optim::OptimizerKind;
    use crate::core::sim::seed_band::XAxis;
    use crate::ui::state::HIDE_FLAGS;
    use crate::ui::views::memory::MODEL_KEYS;

    /// Label arrays read by position follow a list of keys: each is exactly as long as its list
    /// (in both languages), so a key added to core without its label fails here, not on screen.
    #[test]
    fn label_arrays_are_as_long_as_the_keys_they_follow() {
        for s in [&EN, &ZH] {
            let lens = [
                ("sim.task_names", s.sim().task_names.len(), Task::KEYS.len()),
                (
                    "sim.opt_names",
                    s.sim().opt_names.len(),
                    OptimizerKind::ALL.len(),
                ),
                ("sim.x_names", s.sim().x_names.len(), XAxis::KEYS.len()),
                ("sim.loss_x", s.sim().loss_x.len(), XAxis::KEYS.len()),
                (
                    "sim.sched_names",
                    s.sim().sched_names.len(),
                    ScheduleKind::ALL.len(),
                ),
                (
                    "steps.sched_names",
                    s.steps().sched_names.len(),
                    ScheduleKind::ALL.len(),
                ),
                (
                    "lr.family_names",
                    s.lr().scaling.family_names.len(),
                    OptimizerFamily::ALL.len(),
                ),
                (
                    "data.mix_names",
                    s.data().mix_names.len(),
                    MixKind::KEYS.len(),
                ),
                (
                    "memory.model_names",
                    s.memory().model_names.len(),
                    MODEL_KEYS.len(),
                ),
                (
                    "memory.family_names",
                    s.memory().family_names.len(),
                    Family::KEYS.len(),
                ),
                (
                    "memory.method_names",
                    s.memory().method_names.len(),
                    Method::KEYS.len(),
                ),
                (
                    "memory.prec_names",
                    s.memory().prec_names.len(),
                    Precision::KEYS.len(),
                ),
                (
                    "memory.prec_sources",
                    s.memory().prec_sources.len(),
                    Precision::KEYS.len(),
                ),
                (
                    "memory.opt_names",
                    s.memory().opt_names.len(),
                    Optimizer::KEYS.len(),
                ),
                (
                    "memory.opt_sources",
                    s.memory().opt_sources.len(),
                    Optimizer::KEYS.len(),
                ),
                (
                    "memory.attn_names",
                    s.memory().attn_names.len(),
                    Attention::KEYS.len(),
                ),
                (
                    "memory.ckpt_names",
                    s.memory().ckpt_names.len(),
                    Checkpointing::KEYS.len(),
                ),
                (
                    "memory.unit_names",
                    s.memory().unit_names.len(),
                    ByteUnit::KEYS.len(),
                ),
                (
                    "share.hide_names",
                    s.share().hide_names.len(),
                    HIDE_FLAGS.len(),
                ),
            ];
            for (name, got, want) in lens {
                assert_eq!(got, want, "{name}");
            }
        }
    }

    #[test]
    fn fill_replaces_each_placeholder_once_and_keeps_other_braces() {
        assert_eq!(
            fill("{n} of {total}", &[("n", "3"), ("total", "7")]),
            "3 of 7"
        );
        assert_eq!(fill("{a}{a}", &[("a", "x")]), "xx");
        // A value holding a placeholder is not filled again; stray braces stay.
        assert_eq!(fill("“{name}” {", &[("name", "{k}")]), "“{k}” {");
        assert_eq!(fill("{Not} {} {a-b}", &[]), "{Not} {} {a-b}");
        assert_eq!(fill("无占位符", &[]), "无占位符");
    }

    #[test]
    #[should_panic(expected = "no value for {k}")]
    fn fill_panics_in_tests_on_a_missing_value() {
        let _ = fill("cap {k}", &[]);
    }

    #[test]
    #[should_panic(expected = "has no {t}")]
    fn fill_panics_in_tests_on_an_unused_value() {
        let _ = fill("cap {k}", &[("k", "1"), ("t", "2")]);
    }
}
