//! Worked examples the Data view can load: every input as URL text. They are data, not prose;
//! the notes that explain them are in `ui/i18n/data.rs`.
//!
//! Task names here are the same in every language, so a link reads the same in both; the page
//! shows them in the reader's language (`ui::i18n::Data::task_names`).

use crate::core::params::data as P;

/// All the Data view's inputs as URL text.
#[derive(Debug, Clone, Copy)]
pub struct Example {
    /// `tasks`.
    pub tasks: &'static str,
    /// `mix`.
    pub mix: &'static str,
    /// `k`.
    pub k: &'static str,
    /// `t`.
    pub t: &'static str,
    /// `draw`.
    pub draw: &'static str,
}

/// The defaults: a classification set that dwarfs a generation set, trained for the Steps view's
/// default run (100 examples × 300 updates = 30,000 draws). Proportional mixing lets `classify`
/// dominate and starves `generate`; flattening the mix repeats `generate`.
pub const DEFAULT: Example = Example {
    tasks: P::TASKS.default,
    mix: P::MIX.default,
    k: P::K.default,
    t: P::T.default,
    draw: P::DRAW.default,
};

/// Representative medical data: common and rare clinical scenarios, T = 2 to lift the small ones.
pub const MEDICAL: Example = Example {
    tasks: "triage_qa:6000,medication:3000,discharge_notes:2000,radiology:1200,rare_disease:150",
    mix: "examples",
    k: "",
    t: "2",
    draw: "",
};

/// One task written in four prompt styles, one of which holds most of the examples.
pub const PROMPTS: Example = Example {
    tasks: "qa_question:5000,qa_instruction:2400,qa_chat:900,qa_few_shot:60",
    mix: "examples",
    k: "",
    t: "1",
    draw: "",
};

/// The default tasks with the largest capped at K = 3,000.
pub const BALANCED: Example = Example {
    tasks: DEFAULT.tasks,
    mix: "examples",
    k: "3000",
    t: "1",
    draw: "",
};

/// Domain pre-training sources with tokens per document: few long books and papers, many short
/// web pages and news items; two million documents drawn.
pub const PRETRAINING: Example = Example {
    tasks: "books:20000:60000,papers:80000:8000,domain_web:600000:1200,news:400000:600",
    mix: "examples",
    k: "",
    t: "1",
    draw: "2000000",
};

/// The examples behind the guidance notes, in note order.
pub const NOTES: [Example; 4] = [MEDICAL, PROMPTS, BALANCED, PRETRAINING];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::i18n::{EN, ZH};

    #[test]
    fn every_example_name_is_shown_in_chinese_and_as_is_in_english() {
        for ex in [DEFAULT, MEDICAL, PROMPTS, BALANCED, PRETRAINING] {
            for row in ex.tasks.split(',') {
                let name = row.split(':').next().unwrap_or(row);
                assert_eq!(EN.data().task_name(name), name);
                let zh = ZH.data().task_name(name);
                assert!(zh != name && !zh.contains([':', ',']), "{name} → {zh}");
            }
        }
    }
}
