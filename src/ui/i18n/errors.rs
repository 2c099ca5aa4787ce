//! Input errors, worded for each language.
//!
//! Core reports what is wrong as data ([`ErrorKind`], [`Syntax`], [`Found`]), never as prose; every
//! sentence here comes from one language's table, so English never shows inside Chinese text.

use super::{Lang, fill};
use crate::core::error::{ErrorKind, Found, InputError, Syntax, WorkCut};
use crate::core::format::fmt_number;

/// The sentences of input errors, one per kind (placeholders in braces).
pub struct Errors {
    /// Nothing entered.
    pub empty: &'static str,
    /// Not a number.
    pub not_a_number: &'static str,
    /// Infinite or too large.
    pub not_finite: &'static str,
    /// Too close to zero.
    pub too_small: &'static str,
    /// Not a whole number.
    pub not_whole: &'static str,
    /// Below the least value ({min}).
    pub below_min: &'static str,
    /// Not above a bound ({min}).
    pub not_above: &'static str,
    /// Above the largest value ({max}).
    pub above_max: &'static str,
    /// Not below a bound ({max}).
    pub not_below: &'static str,
    /// Not one of the allowed words ({words}).
    pub not_one_of: &'static str,
    /// Between the words of a list.
    pub list_sep: &'static str,
    /// Too many updates to count.
    pub overflow: &'static str,
    /// Equal to another field ({other}).
    pub must_differ: &'static str,
    /// A noisy estimate.
    pub noisy_estimate: &'static str,
    /// A duplicate entry ({name}).
    pub duplicate: &'static str,
    /// An empty list.
    pub empty_list: &'static str,
    /// Must divide another field ({other}).
    pub must_divide: &'static str,
    /// Not valid JSON ({line}, {column}).
    pub json: &'static str,
    /// JSON, but not an object.
    pub not_an_object: &'static str,
    /// A key whose value is not a whole number ({key}).
    pub key_not_whole: &'static str,
    /// A key whose value is not true/false ({key}).
    pub key_not_bool: &'static str,
    /// A missing key ({key}).
    pub key_missing: &'static str,
    /// A list of the wrong length ({found}, {expected}).
    pub count: &'static str,
    /// A task name holding a separator.
    pub separator_in_name: &'static str,
    /// A task entry of the wrong shape.
    pub row_shape: &'static str,
    /// A cell holding a separator.
    pub separator_in_cell: &'static str,
    /// An unsupported `model_type` ({value}).
    pub unsupported_type: &'static str,
    /// An unsupported architecture ({value}).
    pub unsupported_arch: &'static str,
    /// A config naming no model family.
    pub unsupported_none: &'static str,
    /// An accelerator with no published dense peak at this precision ({card}).
    pub no_published_peak: &'static str,
    /// Over the work caps, with the changes that fit ({cuts}).
    pub too_much_work: &'static str,
    /// Over the work caps, with changes that fit only together ({cuts}).
    pub too_much_work_together: &'static str,
    /// Between the changes of `too_much_work`.
    pub cut_sep: &'static str,
    /// Fewer updates ({to}, {from}).
    pub cut_updates: &'static str,
    /// The first optimizers only ({to}, {from}).
    pub cut_optimizers: &'static str,
    /// Only some batch sizes ({list}); one batch size ({list}).
    pub cut_batch_sizes: [&'static str; 2],
    /// Fewer seeds ({to}, {from}); down to one seed.
    pub cut_seeds: [&'static str; 2],
}

impl Errors {
    /// The sentence for `kind`.
    pub fn message(&self, kind: &ErrorKind) -> String {
        let n = |x: f64| fmt_number(x);
        match kind {
            ErrorKind::Empty => self.empty.into(),
            ErrorKind::NotANumber => self.not_a_number.into(),
            ErrorKind::NotFinite => self.not_finite.into(),
            ErrorKind::TooSmall => self.too_small.into(),
            ErrorKind::NotWhole => self.not_whole.into(),
            ErrorKind::BelowMin(m) => fill(self.below_min, &[("min", &n(*m))]),
            ErrorKind::NotAbove(m) => fill(self.not_above, &[("min", &n(*m))]),
            ErrorKind::AboveMax(m) => fill(self.above_max, &[("max", &n(*m))]),
            ErrorKind::NotBelow(m) => fill(self.not_below, &[("max", &n(*m))]),
            ErrorKind::NotOneOf(words) => {
                fill(self.not_one_of, &[("words", &words.join(self.list_sep))])
            }
            ErrorKind::Overflow => self.overflow.into(),
            ErrorKind::MustDiffer(other) => fill(self.must_differ, &[("other", other)]),
            ErrorKind::NoisyEstimate => self.noisy_estimate.into(),
            ErrorKind::Duplicate(name) => fill(self.duplicate, &[("name", name)]),
            ErrorKind::EmptyList => self.empty_list.into(),
            ErrorKind::MustDivide(other) => fill(self.must_divide, &[("other", other)]),
            ErrorKind::Malformed(syntax) => self.syntax(syntax),
            ErrorKind::Unsupported(Found::ModelType(v)) => {
                fill(self.unsupported_type, &[("value", v)])
            }
            ErrorKind::Unsupported(Found::Architecture(v)) => {
                fill(self.unsupported_arch, &[("value", v)])
            }
            ErrorKind::Unsupported(Found::Nothing) => self.unsupported_none.into(),
            ErrorKind::NoPublishedPeak(card) => fill(self.no_published_peak, &[("card", card)]),
            ErrorKind::TooMuchWork { cuts, together } => {
                let cuts: Vec<String> = cuts.iter().map(|c| self.cut(c)).collect();
                let template = if *together {
                    self.too_much_work_together
                } else {
                    self.too_much_work
                };
                fill(template, &[("cuts", &cuts.join(self.cut_sep))])
            }
        }
    }

    /// One change that fits the work caps.
    fn cut(&self, cut: &WorkCut) -> String {
        let n = |x: u64| fmt_number(x as f64);
        match cut {
            WorkCut::Updates { from, to } => {
                fill(self.cut_updates, &[("to", &n(*to)), ("from", &n(*from))])
            }
            WorkCut::Optimizers { from, to } => fill(
                self.cut_optimizers,
                &[("to", &n(*to as u64)), ("from", &n(*from as u64))],
            ),
            WorkCut::BatchSizes { keep, .. } => {
                let list: Vec<String> = keep.iter().map(|&b| n(b as u64)).collect();
                let one = usize::from(keep.len() == 1);
                let template = self.cut_batch_sizes.get(one).copied().unwrap_or("");
                fill(template, &[("list", &list.join(self.list_sep))])
            }
            WorkCut::Seeds { from, to } => {
                let one = usize::from(*to == 1);
                let template = self.cut_seeds.get(one).copied().unwrap_or("");
                fill(template, &[("to", &n(*to)), ("from", &n(*from))])
            }
        }
    }

    /// The sentence for malformed text.
    fn syntax(&self, syntax: &Syntax) -> String {
        match syntax {
            Syntax::Json { line, column } => fill(
                self.json,
                &[("line", &line.to_string()), ("column", &column.to_string())],
            ),
            Syntax::NotAnObject => self.not_an_object.into(),
            Syntax::NotWhole(key) => fill(self.key_not_whole, &[("key", key)]),
            Syntax::NotBool(key) => fill(self.key_not_bool, &[("key", key)]),
            Syntax::Missing(key) => fill(self.key_missing, &[("key", key)]),
            Syntax::Count { found, expected } => fill(
                self.count,
                &[
                    ("found", &found.to_string()),
                    ("expected", &expected.to_string()),
                ],
            ),
            Syntax::SeparatorInName => self.separator_in_name.into(),
            Syntax::RowShape => self.row_shape.into(),
            Syntax::SeparatorInCell => self.separator_in_cell.into(),
        }
    }
}

/// The sentence shown beside a field for `error`.
pub fn error_message(lang: Lang, error: &InputError) -> String {
    let table = match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    };
    table.message(&error.kind)
}

pub(super) static EN: Errors = Errors {
    empty: "Enter a value.",
    not_a_number: "Not a number. Examples: 8, 1e-4, 10k, 7B.",
    not_finite: "That number is too large to use.",
    too_small: "That number is too close to zero to compute with.",
    not_whole: "Enter a whole number.",
    below_min: "Must be at least {min}.",
    not_above: "Must be greater than {min}.",
    above_max: "Must be at most {max}.",
    not_below: "Must be less than {max}.",
    not_one_of: "Choose one of: {words}.",
    list_sep: ", ",
    overflow: "This run would be too long to count exactly; use fewer epochs.",
    must_differ: "Must differ from “{other}”.",
    noisy_estimate: "The estimate came out zero or negative: the measured norms are too noisy. Average them over more steps before dividing.",
    duplicate: "“{name}” appears twice; names must be unique.",
    empty_list: "Add at least one entry.",
    must_divide: "Must divide “{other}” exactly.",
    json: "Not valid JSON (line {line}, column {column}).",
    not_an_object: "Expected a JSON object.",
    key_not_whole: "“{key}” must be a whole number.",
    key_not_bool: "“{key}” must be true or false.",
    key_missing: "“{key}” is missing.",
    count: "{found} entries where {expected} are needed.",
    separator_in_name: "A name cannot contain “:” or “,”.",
    row_shape: "Write each entry as name:count or name:count:seq.",
    separator_in_cell: "“:” and “,” separate the task list; a cell cannot hold them.",
    unsupported_type: "Not supported: model_type “{value}”.",
    unsupported_arch: "Not supported: architecture “{value}”.",
    unsupported_none: "Not supported: the config names no model_type or architectures.",
    no_published_peak: "The {card} has no published dense peak at this precision: enter its TFLOP/s per GPU here (from a benchmark or the vendor's sheet).",
    too_much_work: "Too much to compute at once. Any one of these changes fits: {cuts}.",
    too_much_work_together: "Too much to compute at once. These changes together fit: {cuts}.",
    cut_sep: "; ",
    cut_updates: "at most {to} updates (now {from})",
    cut_optimizers: "only the first {to} of the {from} optimizers",
    cut_batch_sizes: ["only the batch sizes {list}", "only the batch size {list}"],
    cut_seeds: ["{to} seeds (now {from})", "{to} seed (now {from})"],
};

pub(super) static ZH: Errors = Errors {
    empty: "请输入数值。",
    not_a_number: "不是有效的数字。可以写成 8、1e-4、10k、7B 或 1万。",
    not_finite: "数值过大，无法计算。",
    too_small: "数值太接近零，无法计算。",
    not_whole: "请输入整数。",
    below_min: "不能小于 {min}。",
    not_above: "必须大于 {min}。",
    above_max: "不能超过 {max}。",
    not_below: "必须小于 {max}。",
    not_one_of: "只能取以下值之一：{words}。",
    list_sep: "、",
    overflow: "这样的训练步数太多，无法精确计数；请减少 epoch 数。",
    must_differ: "不能与“{other}”相同。",
    noisy_estimate: "估计值为零或负数：测得的梯度范数噪声太大。请先对更多步取平均，再相除。",
    duplicate: "“{name}”重复了，名称必须唯一。",
    empty_list: "至少需要一项。",
    must_divide: "必须能整除“{other}”。",
    json: "不是有效的 JSON（第 {line} 行，第 {column} 列）。",
    not_an_object: "应为 JSON 对象。",
    key_not_whole: "“{key}”必须是整数。",
    key_not_bool: "“{key}”必须是 true 或 false。",
    key_missing: "缺少“{key}”。",
    count: "有 {found} 项，应为 {expected} 项。",
    separator_in_name: "名称里不能有“:”或“,”。",
    row_shape: "每一项应写成 name:count 或 name:count:seq。",
    separator_in_cell: "“:”和“,”用于分隔任务列表，单元格里不能有。",
    unsupported_type: "暂不支持：model_type “{value}”。",
    unsupported_arch: "暂不支持：架构“{value}”。",
    unsupported_none: "暂不支持：配置中既没有 model_type，也没有 architectures。",
    no_published_peak: "{card} 在该精度下没有公开的稠密峰值算力：请在这里填写每卡 TFLOP/s（可取自实测或厂商规格表）。",
    too_much_work: "计算量超出上限。以下任选一项改动即可：{cuts}。",
    too_much_work_together: "计算量超出上限。需同时做以下改动：{cuts}。",
    cut_sep: "；",
    cut_updates: "更新步数减少到 {to}（现为 {from}）",
    cut_optimizers: "只保留前 {to} 个优化器（现有 {from} 个）",
    cut_batch_sizes: ["批量只保留 {list}", "批量只保留 {list}"],
    cut_seeds: [
        "随机种子减少到 {to} 个（现为 {from} 个）",
        "随机种子减少到 {to} 个（现为 {from} 个）",
    ],
};

#[cfg(test)]
mod tests {
    use super::{EN, Errors, ZH};
    use crate::core::error::{ErrorKind, Found, Syntax, WorkCut};

    /// One error of every kind, with values a reader could type.
    fn every_kind() -> Vec<ErrorKind> {
        let syntax = [
            Syntax::Json { line: 3, column: 7 },
            Syntax::NotAnObject,
            Syntax::NotWhole("hidden_size"),
            Syntax::NotBool("tie_word_embeddings"),
            Syntax::Missing("vocab_size"),
            Syntax::Count {
                found: 3,
                expected: 2,
            },
            Syntax::SeparatorInName,
            Syntax::RowShape,
            Syntax::SeparatorInCell,
        ];
        let mut all = vec![
            ErrorKind::Empty,
            ErrorKind::NotANumber,
            ErrorKind::NotFinite,
            ErrorKind::TooSmall,
            ErrorKind::NotWhole,
            ErrorKind::BelowMin(1.0),
            ErrorKind::NotAbove(0.0),
            ErrorKind::AboveMax(1e6),
            ErrorKind::NotBelow(1.0),
            ErrorKind::NotOneOf(&["adamw", "sgd"]),
            ErrorKind::Overflow,
            ErrorKind::MustDiffer("b_small"),
            ErrorKind::NoisyEstimate,
            ErrorKind::Duplicate("qa".into()),
            ErrorKind::EmptyList,
            ErrorKind::MustDivide("heads"),
            ErrorKind::Unsupported(Found::ModelType("t5".into())),
            ErrorKind::Unsupported(Found::Architecture("FalconForCausalLM".into())),
            ErrorKind::Unsupported(Found::Nothing),
            ErrorKind::NoPublishedPeak("A10G".into()),
            ErrorKind::TooMuchWork {
                cuts: vec![
                    WorkCut::Updates { from: 800, to: 707 },
                    WorkCut::Optimizers { from: 3, to: 2 },
                    WorkCut::BatchSizes {
                        from: 3,
                        keep: vec![16, 128],
                    },
                    WorkCut::Seeds { from: 2, to: 1 },
                ],
                together: false,
            },
            ErrorKind::TooMuchWork {
                cuts: vec![
                    WorkCut::Seeds { from: 16, to: 1 },
                    WorkCut::Updates {
                        from: 9000,
                        to: 700,
                    },
                ],
                together: true,
            },
        ];
        all.extend(syntax.into_iter().map(ErrorKind::Malformed));
        // Every variant is listed: a new kind fails to compile here until it is added above.
        let mut seen = [false; 31];
        for k in &all {
            let i = match k {
                ErrorKind::Empty => 0,
                ErrorKind::NotANumber => 1,
                ErrorKind::NotFinite => 2,
                ErrorKind::TooSmall => 3,
                ErrorKind::NotWhole => 4,
                ErrorKind::BelowMin(_) => 5,
                ErrorKind::NotAbove(_) => 6,
                ErrorKind::AboveMax(_) => 7,
                ErrorKind::NotBelow(_) => 8,
                ErrorKind::NotOneOf(_) => 9,
                ErrorKind::Overflow => 10,
                ErrorKind::MustDiffer(_) => 11,
                ErrorKind::NoisyEstimate => 12,
                ErrorKind::Duplicate(_) => 13,
                ErrorKind::EmptyList => 14,
                ErrorKind::MustDivide(_) => 15,
                ErrorKind::Unsupported(Found::ModelType(_)) => 16,
                ErrorKind::Unsupported(Found::Architecture(_)) => 17,
                ErrorKind::Unsupported(Found::Nothing) => 18,
                ErrorKind::NoPublishedPeak(_) => 28,
                ErrorKind::TooMuchWork {
                    together: false, ..
                } => 29,
                ErrorKind::TooMuchWork { together: true, .. } => 30,
                ErrorKind::Malformed(s) => match s {
                    Syntax::Json { .. } => 19,
                    Syntax::NotAnObject => 20,
                    Syntax::NotWhole(_) => 21,
                    Syntax::NotBool(_) => 22,
                    Syntax::Missing(_) => 23,
                    Syntax::Count { .. } => 24,
                    Syntax::SeparatorInName => 25,
                    Syntax::RowShape => 26,
                    Syntax::SeparatorInCell => 27,
                },
            };
            seen[i] = true;
        }
        assert!(seen.iter().all(|s| *s), "{seen:?}");
        all
    }

    /// The runs of ASCII letters (with `_`) in `s`.
    fn ascii_words(s: &str) -> Vec<&str> {
        s.split(|c: char| !(c.is_ascii_alphabetic() || c == '_'))
            .filter(|w| !w.is_empty())
            .collect()
    }

    #[test]
    fn every_error_kind_reads_in_chinese_without_english_words() {
        // Key names, values the reader typed, units and standard terms may stay in Latin letters.
        let allowed = [
            "e",
            "k",
            "B",
            "JSON",
            "epoch",
            "true",
            "false",
            "name",
            "count",
            "seq",
            "model_type",
            "architectures",
            "hidden_size",
            "tie_word_embeddings",
            "vocab_size",
            "adamw",
            "sgd",
            "b_small",
            "heads",
            "qa",
            "t",
            "FalconForCausalLM",
            // A card's name and the unit of a peak.
            "A",
            "G",
            "TFLOP",
            "s",
        ];
        for kind in every_kind() {
            let zh = ZH.message(&kind);
            assert!(
                zh.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)),
                "{zh}"
            );
            for w in ascii_words(&zh) {
                assert!(allowed.contains(&w), "English “{w}” in “{zh}” ({kind:?})");
            }
            let en = EN.message(&kind);
            assert!(!en.is_empty() && !en.contains('{'), "{en}");
            assert_ne!(en, zh);
        }
    }

    #[test]
    fn each_kind_has_its_own_sentence_with_its_values() {
        for table in [&EN, &ZH] {
            let table: &Errors = table;
            let all: Vec<String> = every_kind().iter().map(|k| table.message(k)).collect();
            for (i, m) in all.iter().enumerate() {
                assert!(!all[..i].contains(m), "“{m}” twice");
            }
            let json = table.message(&ErrorKind::Malformed(Syntax::Json { line: 3, column: 7 }));
            assert!(json.contains('3') && json.contains('7'), "{json}");
            let one_of = table.message(&ErrorKind::NotOneOf(&["adamw", "sgd"]));
            assert!(
                one_of.contains("adamw") && one_of.contains("sgd"),
                "{one_of}"
            );
        }
    }

    /// The work-cap message names every cut with its numbers, in each language's punctuation.
    #[test]
    fn too_much_work_names_each_cut() {
        let kind = ErrorKind::TooMuchWork {
            cuts: vec![
                WorkCut::Updates { from: 800, to: 707 },
                WorkCut::Optimizers { from: 3, to: 2 },
                WorkCut::BatchSizes {
                    from: 3,
                    keep: vec![16, 128],
                },
                WorkCut::Seeds { from: 2, to: 1 },
            ],
            together: false,
        };
        let en = EN.message(&kind);
        assert_eq!(
            en,
            "Too much to compute at once. Any one of these changes fits: at most 707 updates \
             (now 800); only the first 2 of the 3 optimizers; only the batch sizes 16, 128; \
             1 seed (now 2)."
        );
        let zh = ZH.message(&kind);
        assert_eq!(
            zh,
            "计算量超出上限。以下任选一项改动即可：更新步数减少到 707（现为 800）；只保留前 2 个优化器\
             （现有 3 个）；批量只保留 16、128；随机种子减少到 1 个（现为 2 个）。"
        );
        let one = ErrorKind::TooMuchWork {
            cuts: vec![
                WorkCut::BatchSizes {
                    from: 2,
                    keep: vec![64],
                },
                WorkCut::Seeds { from: 16, to: 5 },
            ],
            together: true,
        };
        assert_eq!(
            EN.message(&one),
            "Too much to compute at once. These changes together fit: only the batch size 64; \
             5 seeds (now 16)."
        );
        assert_eq!(
            ZH.message(&one),
            "计算量超出上限。需同时做以下改动：批量只保留 64；随机种子减少到 5 个（现为 16 个）。"
        );
    }
}
