//! Every user-visible string, one table per language.
//!
//! [`Strings`] is the table's shape; [`EN`] and [`ZH`] are the two tables. Each view's strings live in
//! a struct of their own (a file per view), so adding a string to one language without the other is a
//! compile error. Views never hold literal text: they read `texts(lang)`.

mod data;
mod errors;
mod export;
mod lr;
mod memory;
mod share;
mod shell;
mod sim;
mod steps;

#[cfg(test)]
mod zh_style;

pub use data::Data;
pub use errors::error_message;
pub use export::Export;
pub use lr::Lr;
pub use memory::Memory;
pub use share::Share;
pub use shell::Shell;
pub use sim::Sim;
pub use steps::Steps;

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
    /// The Memory view.
    memory: Memory;
    /// The Data view.
    data: Data;
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

/// `template` with every `{name}` replaced by its value from `args` (placeholders not in
/// `args` stay as written).
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    args.iter()
        .fold(template.to_string(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}
