//! Input errors, worded for each language.

use super::Lang;
use crate::core::error::{ErrorKind, InputError};
use crate::core::format::fmt_number;

/// The sentence shown beside a field for `error`.
pub fn error_message(lang: Lang, error: &InputError) -> String {
    let n = |x: f64| fmt_number(x);
    match lang {
        Lang::En => match &error.kind {
            ErrorKind::Empty => "Enter a value.".into(),
            ErrorKind::NotANumber => "Not a number. Examples: 8, 1e-4, 10k, 7B.".into(),
            ErrorKind::NotFinite => "That number is too large to use.".into(),
            ErrorKind::TooSmall => "That number is too close to zero to compute with.".into(),
            ErrorKind::NotWhole => "Enter a whole number.".into(),
            ErrorKind::BelowMin(m) => format!("Must be at least {}.", n(*m)),
            ErrorKind::NotAbove(m) => format!("Must be greater than {}.", n(*m)),
            ErrorKind::AboveMax(m) => format!("Must be at most {}.", n(*m)),
            ErrorKind::NotBelow(m) => format!("Must be less than {}.", n(*m)),
            ErrorKind::NotOneOf(words) => format!("Choose one of: {}.", words.join(", ")),
            ErrorKind::Overflow => "This run would be too long to count exactly; use fewer epochs.".into(),
            ErrorKind::MustDiffer(other) => format!("Must differ from “{other}”."),
            ErrorKind::NoisyEstimate => {
                "The estimate came out zero or negative: the measured norms are too noisy. Average them over more steps before dividing.".into()
            }
            ErrorKind::Duplicate(name) => format!("“{name}” appears twice; names must be unique."),
            ErrorKind::EmptyList => "Add at least one entry.".into(),
            ErrorKind::MustDivide(other) => format!("Must divide “{other}” exactly."),
            ErrorKind::Malformed(detail) => format!("Could not read this: {detail}"),
            ErrorKind::Unsupported(what) => format!("Not supported: {what}."),
            ErrorKind::NoPublishedPeak(card) => format!(
                "The {card} has no published dense peak at this precision: enter its TFLOP/s per GPU here (from a benchmark or the vendor's sheet)."
            ),
        },
        Lang::Zh => match &error.kind {
            ErrorKind::Empty => "请输入数值。".into(),
            ErrorKind::NotANumber => "不是有效的数字。可以写成 8、1e-4、10k、7B 或 1万。".into(),
            ErrorKind::NotFinite => "数值过大，无法计算。".into(),
            ErrorKind::TooSmall => "数值太接近零，无法计算。".into(),
            ErrorKind::NotWhole => "请输入整数。".into(),
            ErrorKind::BelowMin(m) => format!("不能小于 {}。", n(*m)),
            ErrorKind::NotAbove(m) => format!("必须大于 {}。", n(*m)),
            ErrorKind::AboveMax(m) => format!("不能超过 {}。", n(*m)),
            ErrorKind::NotBelow(m) => format!("必须小于 {}。", n(*m)),
            ErrorKind::NotOneOf(words) => format!("只能取以下值之一：{}。", words.join("、")),
            ErrorKind::Overflow => "这样的训练步数太多，无法精确计数；请减少 epoch 数。".into(),
            ErrorKind::MustDiffer(other) => format!("不能与“{other}”相同。"),
            ErrorKind::NoisyEstimate => {
                "估计值为零或负数：测得的梯度范数噪声太大。请先对更多步取平均，再相除。".into()
            }
            ErrorKind::Duplicate(name) => format!("“{name}”重复了，名称必须唯一。"),
            ErrorKind::EmptyList => "至少需要一项。".into(),
            ErrorKind::MustDivide(other) => format!("必须能整除“{other}”。"),
            ErrorKind::Malformed(detail) => format!("无法解析：{detail}"),
            ErrorKind::Unsupported(what) => format!("暂不支持：{what}。"),
            ErrorKind::NoPublishedPeak(card) => format!(
                "{card} 在该精度下没有公开的稠密峰值算力：请在这里填写每卡 TFLOP/s（可取自实测或厂商规格表）。"
            ),
        },
    }
}
