//! Multi-task mixing rates and what a planned training run draws from each task.
//!
//! * Examples-proportional mixing with a cap K and a temperature T, as T5 describes it
//!   (Raffel et al. 2020, §3.5.2) and `google/seqio` 0.0.20 computes it (`seqio/utils.py`,
//!   `mixing_rate_num_examples`): rate_i = min(n_i, K)^(1/T), normalised over the tasks; the cap
//!   applies before the temperature. T = 1 without K is proportional mixing; T → ∞ is equal
//!   mixing (`mix=equal`).
//! * The multilingual form p_i ∝ n_i^α is the same rule with α = 1/T: mT5 uses α = 0.3 (seqio
//!   temperature 1/0.3, `multilingual_t5/tasks.py`), XLM-R α = 0.3 on p_i = n_i/Σn (the same
//!   thing after normalising), mBERT smooths with S = 0.7 (`google-research/bert`,
//!   `multilingual.md`).
//!
//! Given the examples drawn in total over training, each task gets rate_i × total draws, i.e.
//! draws/n_i epochs over its data, and warnings flag tasks repeated too often, starved, or
//! dominating the mix ([`Warning`]).

use super::error::{ErrorKind, InputError, Syntax};
use super::units::{parse_count, parse_number, parse_positive};

/// URL key of the task list `name:count[:seq],…`.
pub const FIELD_TASKS: &str = "tasks";
/// URL key of the cap K.
pub const FIELD_K: &str = "k";
/// URL key of the temperature T.
pub const FIELD_T: &str = "t";
/// URL key of the exponent α = 1/T (the multilingual name for the same knob).
pub const FIELD_ALPHA: &str = "alpha";
/// URL key of the mixing kind (`examples` or `equal`).
pub const FIELD_MIX: &str = "mix";
/// URL key of the examples drawn in total over training.
pub const FIELD_DRAW: &str = "draw";

/// Most examples per task accepted.
pub const MAX_EXAMPLES: u64 = 1_000_000_000_000_000;
/// Most tasks read from one list.
pub const MAX_TASKS: usize = 1000;
/// Largest tokens-per-example accepted.
pub const MAX_SEQ: f64 = 1e9;
/// Largest temperature accepted (use `mix=equal` for the limit T → ∞).
pub const MAX_TEMPERATURE: f64 = 1e6;
/// Most examples drawn in total.
pub const MAX_DRAW: f64 = 1e18;

/// A task is flagged as repeated beyond this many epochs: Muennighoff et al. 2023, "Scaling
/// Data-Constrained Language Models", found up to about 4 epochs of repeated data worth nearly
/// as much as fresh data, with returns falling off after that.
pub const REPEAT_EPOCHS: f64 = 4.0;
/// A task is flagged as starved below this share of the draws (1 %).
pub const STARVED_SHARE: f64 = 0.01;
/// A task is flagged as dominating when its share is above this (a majority of all draws)…
pub const DOMINANT_SHARE: f64 = 0.5;
/// …and more than this many times the next largest share. This app's choice: a majority alone
/// is normal under proportional mixing, but when every other task gets under a fifth of the
/// leader's draws the model mostly learns the big task (the imbalance T5's cap K is there to limit;
/// Raffel et al. 2020, §3.5.2). With two tasks it
/// fires above a 5 : 1 split (≈ 83 %).
pub const DOMINANT_RATIO: f64 = 5.0;

/// mT5's exponent α = 0.3 (Xue et al. 2021, §3; seqio temperature 1/0.3).
pub const MT5_ALPHA: f64 = 0.3;
/// XLM-R's exponent α = 0.3 (Conneau et al. 2020).
pub const XLMR_ALPHA: f64 = 0.3;
/// mBERT's smoothing exponent S = 0.7 (`google-research/bert`, `multilingual.md`).
pub const MBERT_S: f64 = 0.7;

/// One task: a name, its number of examples and optionally its mean tokens per example.
#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    /// Non-empty, unique within the list, without `:` or `,`.
    pub name: String,
    /// Number of examples, ≥ 1.
    pub examples: u64,
    /// Mean tokens per example (`seq`), for token shares.
    pub seq: Option<f64>,
}

/// Which cell of a task row is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskColumn {
    /// The name.
    Name,
    /// The number of examples.
    Count,
    /// The tokens per example.
    Seq,
    /// The row as a whole (wrong number of `:`-separated parts, or past [`MAX_TASKS`]).
    Row,
}

/// What is wrong with one task row; the error's field is `tasks`.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskError {
    /// The cell at fault.
    pub column: TaskColumn,
    /// The error (field `tasks`).
    pub error: InputError,
}

impl TaskError {
    fn new(column: TaskColumn, kind: ErrorKind) -> Self {
        Self {
            column,
            error: InputError::new(FIELD_TASKS, kind),
        }
    }
}

/// A row of the task table: a task or what is wrong with it.
pub type TaskRow = Result<Task, TaskError>;

/// Validates one row from its three cells as typed in the table (`seq` may be empty).
/// Duplicate names are checked across rows by [`mark_duplicates`].
pub fn task_from_cells(name: &str, count: &str, seq: &str) -> TaskRow {
    let name = name.trim();
    if name.is_empty() {
        return Err(TaskError::new(TaskColumn::Name, ErrorKind::Empty));
    }
    if name.contains([':', ',']) {
        return Err(TaskError::new(
            TaskColumn::Name,
            ErrorKind::Malformed(Syntax::SeparatorInName),
        ));
    }
    let examples = parse_count(count, FIELD_TASKS, 1, MAX_EXAMPLES)
        .map_err(|e| TaskError::new(TaskColumn::Count, e.kind))?;
    let seq = if seq.trim().is_empty() {
        None
    } else {
        Some(
            parse_positive(seq, FIELD_TASKS, MAX_SEQ)
                .map_err(|e| TaskError::new(TaskColumn::Seq, e.kind))?,
        )
    };
    Ok(Task {
        name: name.to_string(),
        examples,
        seq,
    })
}

/// Parses one `name:count[:seq]` entry.
pub fn parse_task(entry: &str) -> TaskRow {
    let parts: Vec<&str> = entry.split(':').collect();
    match parts.as_slice() {
        [name, count] => task_from_cells(name, count, ""),
        [name, count, seq] => task_from_cells(name, count, seq),
        _ => Err(TaskError::new(
            TaskColumn::Row,
            ErrorKind::Malformed(Syntax::RowShape),
        )),
    }
}

/// Marks every repeat of an earlier valid row's name as `Duplicate(name)` (column `Name`); the
/// first occurrence keeps working.
pub fn mark_duplicates(rows: Vec<TaskRow>) -> Vec<TaskRow> {
    let mut seen: Vec<String> = Vec::new();
    rows.into_iter()
        .map(|row| match row {
            Ok(task) if seen.contains(&task.name) => Err(TaskError::new(
                TaskColumn::Name,
                ErrorKind::Duplicate(task.name),
            )),
            Ok(task) => {
                seen.push(task.name.clone());
                Ok(task)
            }
            err => err,
        })
        .collect()
}

/// Parses the `tasks` URL value `name:count[:seq],name:count[:seq],…` into one result per row
/// (blank entries skipped), so a bad row does not stop the others. Counts cannot use `,` as a
/// thousands separator here (it separates rows); `10k`, `1e6`, `1万` work.
pub fn parse_tasks(text: &str) -> Vec<TaskRow> {
    let rows = text
        .split(',')
        .filter(|e| !e.trim().is_empty())
        .enumerate()
        .map(|(i, e)| {
            if i < MAX_TASKS {
                parse_task(e)
            } else {
                Err(TaskError::new(
                    TaskColumn::Row,
                    ErrorKind::AboveMax(MAX_TASKS as f64),
                ))
            }
        })
        .collect();
    mark_duplicates(rows)
}

/// The three cells of one task-table row, as typed (name, count, optional seq).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaskCells {
    /// The name as typed.
    pub name: String,
    /// The number of examples as typed.
    pub count: String,
    /// The tokens per example as typed (empty = not given).
    pub seq: String,
}

/// Splits the `tasks` text into table rows, one per entry that [`parse_tasks`] reads (blank
/// entries skipped, so row `i` here is row `i` there). An entry with more than three parts
/// keeps the rest in `seq`, so nothing typed is lost; [`parse_tasks`] reports it as a bad row.
pub fn task_cells(text: &str) -> Vec<TaskCells> {
    text.split(',')
        .filter(|e| !e.trim().is_empty())
        .map(|e| {
            let mut parts = e.splitn(3, ':');
            TaskCells {
                name: parts.next().unwrap_or_default().to_string(),
                count: parts.next().unwrap_or_default().to_string(),
                seq: parts.next().unwrap_or_default().to_string(),
            }
        })
        .collect()
}

/// Joins table rows back into the `tasks` text (`name:count`, or `name:count:seq` when `seq` is
/// not blank). Cells are kept as typed; a row of empty cells becomes `:` so it stays a row.
pub fn join_task_cells(rows: &[TaskCells]) -> String {
    rows.iter()
        .map(|r| {
            if r.seq.trim().is_empty() {
                format!("{}:{}", r.name, r.count)
            } else {
                format!("{}:{}:{}", r.name, r.count, r.seq)
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// Whether a cell's text would break the `tasks` text (`:` separates cells, `,` rows).
pub fn has_separator(cell: &str) -> bool {
    cell.contains([':', ','])
}

/// The error of a cell that holds a separator (`Malformed`, field `tasks`): such text cannot be
/// stored in the link, so the row is set aside until it is fixed.
pub fn separator_error(column: TaskColumn) -> TaskError {
    TaskError::new(column, ErrorKind::Malformed(Syntax::SeparatorInCell))
}

/// The first name `task1`, `task2`, … not used by any row, for a new row.
pub fn fresh_task_name(rows: &[TaskCells]) -> String {
    (1..=rows.len() + 1)
        .map(|i| format!("task{i}"))
        .find(|n| rows.iter().all(|r| r.name.trim() != n))
        .unwrap_or_else(|| "task".into())
}

/// Writes tasks back as the `tasks` URL value.
pub fn format_tasks(tasks: &[Task]) -> String {
    tasks
        .iter()
        .map(|t| match t.seq {
            Some(s) => format!("{}:{}:{}", t.name, t.examples, s),
            None => format!("{}:{}", t.name, t.examples),
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// The `mix` URL values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MixKind {
    /// Rates from example counts, with the cap and temperature (`examples`, the default).
    Examples,
    /// Every task the same rate (`equal`).
    Equal,
}

impl MixKind {
    /// The URL words.
    pub const KEYS: &'static [&'static str] = &["examples", "equal"];

    /// Reads `mix`; empty means `examples`.
    pub fn parse(text: &str) -> Result<Self, InputError> {
        match text.trim() {
            "" | "examples" => Ok(MixKind::Examples),
            "equal" => Ok(MixKind::Equal),
            _ => Err(InputError::new(FIELD_MIX, ErrorKind::NotOneOf(Self::KEYS))),
        }
    }

    /// The URL word.
    pub fn key(self) -> &'static str {
        match self {
            MixKind::Examples => "examples",
            MixKind::Equal => "equal",
        }
    }
}

/// Rates min(n_i, K)^(1/T) normalised to sum to 1 (seqio `mixing_rate_num_examples`, K before
/// T; Raffel et al. 2020, §3.5.2). Computed in log space, so tiny T and huge
/// counts neither overflow nor underflow to a 0/0. Tasks with n ≤ 0 (or non-finite) get 0. If
/// no task has examples, or the cap or temperature is not positive and finite, all rates are 0.
pub fn mixing_rates(examples: &[f64], cap: Option<f64>, temperature: f64) -> Vec<f64> {
    let cap_ok = cap.is_none_or(|k| k > 0.0 && k.is_finite());
    if !(temperature > 0.0 && temperature.is_finite() && cap_ok) {
        return vec![0.0; examples.len()];
    }
    let logs: Vec<Option<f64>> = examples
        .iter()
        .map(|&n| {
            (n > 0.0 && n.is_finite()).then(|| libm::log(cap.map_or(n, |k| n.min(k))) / temperature)
        })
        .collect();
    let top = logs
        .iter()
        .flatten()
        .copied()
        .fold(f64::NEG_INFINITY, f64::max);
    if !top.is_finite() {
        return vec![0.0; examples.len()];
    }
    let weights: Vec<f64> = logs
        .iter()
        .map(|l| l.map_or(0.0, |l| libm::exp(l - top)))
        .collect();
    // The largest weight is exactly 1, so the sum is ≥ 1.
    let sum: f64 = weights.iter().sum();
    weights.iter().map(|w| w / sum).collect()
}

/// Equal mixing, the T → ∞ limit: every task with examples gets the same rate.
pub fn equal_rates(examples: &[f64]) -> Vec<f64> {
    let live = examples
        .iter()
        .filter(|&&n| n > 0.0 && n.is_finite())
        .count();
    examples
        .iter()
        .map(|&n| {
            if live > 0 && n > 0.0 && n.is_finite() {
                1.0 / live as f64
            } else {
                0.0
            }
        })
        .collect()
}

/// The multilingual form (XLM-R, Conneau et al. 2020, arXiv:1911.02116, §3, α = 0.3, with the
/// sampling distribution of Lample & Conneau 2019): p_i = n_i/Σn, then
/// q_i = p_i^α/Σ p_j^α. Equal to [`mixing_rates`] with T = 1/α and no cap; kept separate to
/// show that the two names describe one rule. α must be positive.
pub fn multilingual_rates(examples: &[f64], alpha: f64) -> Vec<f64> {
    let total: f64 = examples.iter().filter(|n| n.is_finite() && **n > 0.0).sum();
    if !(total > 0.0 && total.is_finite() && alpha > 0.0 && alpha.is_finite()) {
        return vec![0.0; examples.len()];
    }
    let probs: Vec<f64> = examples.iter().map(|&n| n / total).collect();
    mixing_rates(&probs, None, 1.0 / alpha)
}

/// A mixing scheme, for labelling the comparison chart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scheme {
    /// Examples-proportional, no cap, T = 1.
    Proportional,
    /// Examples-proportional with the cap K, T = 1.
    Capped {
        /// K.
        k: f64,
    },
    /// Temperature T (with the cap K if set).
    Temperature {
        /// K, if set.
        k: Option<f64>,
        /// T.
        t: f64,
    },
    /// Equal rates.
    Equal,
}

/// Validated mixing settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mixing {
    /// Rates from examples, or equal.
    pub kind: MixKind,
    /// The cap K (> 0), if any.
    pub cap: Option<f64>,
    /// The temperature T ∈ (0, 10⁶].
    pub temperature: f64,
}

impl Mixing {
    /// Validates typed settings; K ≤ 0 → field `k`, T ≤ 0 → field `t`, both `NotAbove(0)`.
    pub fn new(kind: MixKind, cap: Option<f64>, temperature: f64) -> Result<Self, InputError> {
        if let Some(k) = cap {
            if k.is_nan() || k <= 0.0 {
                return Err(InputError::new(FIELD_K, ErrorKind::NotAbove(0.0)));
            }
            if !k.is_finite() {
                return Err(InputError::new(FIELD_K, ErrorKind::NotFinite));
            }
        }
        if temperature.is_nan() || temperature <= 0.0 {
            return Err(InputError::new(FIELD_T, ErrorKind::NotAbove(0.0)));
        }
        if !temperature.is_finite() {
            return Err(InputError::new(FIELD_T, ErrorKind::NotFinite));
        }
        if temperature > MAX_TEMPERATURE {
            return Err(InputError::new(
                FIELD_T,
                ErrorKind::AboveMax(MAX_TEMPERATURE),
            ));
        }
        Ok(Self {
            kind,
            cap,
            temperature,
        })
    }

    /// Examples-proportional mixing (no cap, T = 1).
    pub fn proportional() -> Self {
        Self {
            kind: MixKind::Examples,
            cap: None,
            temperature: 1.0,
        }
    }

    /// The multilingual form p ∝ n^α with an optional cap: T = 1/α (field `alpha` for α ≤ 0 or
    /// α < 10⁻⁶).
    pub fn from_alpha(alpha: f64, cap: Option<f64>) -> Result<Self, InputError> {
        if alpha.is_nan() || alpha <= 0.0 {
            return Err(InputError::new(FIELD_ALPHA, ErrorKind::NotAbove(0.0)));
        }
        let min = 1.0 / MAX_TEMPERATURE;
        if alpha < min {
            return Err(InputError::new(FIELD_ALPHA, ErrorKind::BelowMin(min)));
        }
        if !alpha.is_finite() {
            return Err(InputError::new(FIELD_ALPHA, ErrorKind::NotFinite));
        }
        Self::new(MixKind::Examples, cap, 1.0 / alpha)
    }

    /// Reads `mix`, `k` (empty = no cap) and `t` (empty = 1).
    pub fn parse(mix: &str, k: &str, t: &str) -> Result<Self, InputError> {
        let kind = MixKind::parse(mix)?;
        let cap = if k.trim().is_empty() {
            None
        } else {
            Some(parse_number(k, FIELD_K)?)
        };
        let temperature = if t.trim().is_empty() {
            1.0
        } else {
            parse_number(t, FIELD_T)?
        };
        Self::new(kind, cap, temperature)
    }

    /// α = 1/T, the multilingual name of the temperature (0 for equal mixing).
    pub fn alpha(&self) -> f64 {
        match self.kind {
            MixKind::Equal => 0.0,
            MixKind::Examples => 1.0 / self.temperature,
        }
    }

    /// The scheme these settings amount to.
    pub fn scheme(&self) -> Scheme {
        match (self.kind, self.cap) {
            (MixKind::Equal, _) => Scheme::Equal,
            (MixKind::Examples, k) if self.temperature != 1.0 => Scheme::Temperature {
                k,
                t: self.temperature,
            },
            (MixKind::Examples, Some(k)) => Scheme::Capped { k },
            (MixKind::Examples, None) => Scheme::Proportional,
        }
    }

    /// The rates for these example counts.
    pub fn rates(&self, examples: &[f64]) -> Vec<f64> {
        scheme_rates(self.scheme(), examples)
    }
}

/// The rates a scheme gives.
pub fn scheme_rates(scheme: Scheme, examples: &[f64]) -> Vec<f64> {
    match scheme {
        Scheme::Proportional => mixing_rates(examples, None, 1.0),
        Scheme::Capped { k } => mixing_rates(examples, Some(k), 1.0),
        Scheme::Temperature { k, t } => mixing_rates(examples, k, t),
        Scheme::Equal => equal_rates(examples),
    }
}

/// Reads `draw`, the examples drawn in total: a real number in (0, 10¹⁸].
pub fn parse_draw(text: &str) -> Result<f64, InputError> {
    parse_positive(text, FIELD_DRAW, MAX_DRAW)
}

/// Examples drawn in total = effective batch × total optimizer updates (from the Steps view's
/// scenario). `Overflow` (field `draw`) above 10¹⁸.
pub fn planned_draws(effective_batch: u64, updates: u64) -> Result<f64, InputError> {
    if effective_batch == 0 || updates == 0 {
        return Err(InputError::new(FIELD_DRAW, ErrorKind::NotAbove(0.0)));
    }
    let total = effective_batch as f64 * updates as f64;
    if total > MAX_DRAW {
        return Err(InputError::new(FIELD_DRAW, ErrorKind::Overflow));
    }
    Ok(total)
}

/// A per-task warning, with the numbers behind it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Warning {
    /// Drawn more than [`REPEAT_EPOCHS`] times over (Muennighoff et al. 2023).
    Repeated {
        /// Epochs over the task's data.
        epochs: f64,
    },
    /// Under [`STARVED_SHARE`] of the draws.
    Starved {
        /// The task's rate.
        share: f64,
    },
    /// Over [`DOMINANT_SHARE`] of the draws and over [`DOMINANT_RATIO`] × the next task.
    Dominating {
        /// The task's rate.
        share: f64,
        /// Its rate divided by the next largest rate.
        over_next: f64,
    },
}

/// What the plan gives one valid task (figures `mix-rate-<i>`, `mix-examples-<i>`,
/// `mix-epochs-<i>`, `mix-warning-<i>`).
#[derive(Debug, Clone, PartialEq)]
pub struct TaskOutcome {
    /// Share of the draws, in [0, 1].
    pub rate: f64,
    /// Examples drawn from it (expected), when the total is known.
    pub drawn: Option<f64>,
    /// Epochs over its data = drawn/examples, when the total is known.
    pub epochs: Option<f64>,
    /// Share of the tokens drawn, when every valid task has `seq`.
    pub token_share: Option<f64>,
    /// Warnings, possibly none.
    pub warnings: Vec<Warning>,
}

/// The shares one scheme gives, aligned with the rows (`None` for invalid rows).
#[derive(Debug, Clone, PartialEq)]
pub struct SchemeShares {
    /// Which scheme.
    pub scheme: Scheme,
    /// One share per row.
    pub shares: Vec<Option<f64>>,
}

/// Everything the mixing calculator shows.
#[derive(Debug, Clone, PartialEq)]
pub struct MixPlan {
    /// One entry per input row, `None` where the row has an error.
    pub rows: Vec<Option<TaskOutcome>>,
    /// α = 1/T of the chosen settings (0 for equal).
    pub alpha: f64,
    /// The comparison chart: proportional, capped (if K is set), temperature (if T ≠ 1) and
    /// equal.
    pub comparison: Vec<SchemeShares>,
    /// Index into `comparison` of the current settings.
    pub current: usize,
}

/// Plans a mix over the valid rows (invalid rows are skipped and stay `None`). `draw` is the
/// examples drawn in total, if known; it must be positive and finite (field `draw`). With no
/// valid row at all: field `tasks`, `EmptyList`.
pub fn plan(rows: &[TaskRow], mixing: Mixing, draw: Option<f64>) -> Result<MixPlan, InputError> {
    if let Some(d) = draw {
        if d.is_nan() || d <= 0.0 {
            return Err(InputError::new(FIELD_DRAW, ErrorKind::NotAbove(0.0)));
        }
        if d.is_nan() || d > MAX_DRAW {
            return Err(InputError::new(FIELD_DRAW, ErrorKind::AboveMax(MAX_DRAW)));
        }
    }
    let valid: Vec<&Task> = rows.iter().filter_map(|r| r.as_ref().ok()).collect();
    if valid.is_empty() {
        return Err(InputError::new(FIELD_TASKS, ErrorKind::EmptyList));
    }
    let counts: Vec<f64> = valid.iter().map(|t| t.examples as f64).collect();
    let rates = mixing.rates(&counts);
    let seqs: Option<Vec<f64>> = valid.iter().map(|t| t.seq).collect();
    let token_shares = seqs.and_then(|s| {
        let tokens: Vec<f64> = rates.iter().zip(&s).map(|(r, s)| r * s).collect();
        let total: f64 = tokens.iter().sum();
        (total > 0.0 && total.is_finite())
            .then(|| tokens.iter().map(|t| t / total).collect::<Vec<f64>>())
    });

    let outcomes: Vec<TaskOutcome> = rates
        .iter()
        .enumerate()
        .map(|(i, &rate)| {
            let drawn = draw.map(|d| rate * d);
            let epochs = drawn.map(|d| d / counts[i]);
            let mut warnings = Vec::new();
            if let Some(e) = epochs.filter(|&e| e > REPEAT_EPOCHS) {
                warnings.push(Warning::Repeated { epochs: e });
            }
            if rate < STARVED_SHARE {
                warnings.push(Warning::Starved { share: rate });
            }
            let next = rates
                .iter()
                .enumerate()
                .filter(|&(j, _)| j != i)
                .map(|(_, &r)| r)
                .fold(f64::NEG_INFINITY, f64::max);
            if next.is_finite() && rate > DOMINANT_SHARE && rate > DOMINANT_RATIO * next {
                let over_next = if next > 0.0 {
                    (rate / next).min(f64::MAX)
                } else {
                    f64::MAX
                };
                warnings.push(Warning::Dominating {
                    share: rate,
                    over_next,
                });
            }
            TaskOutcome {
                rate,
                drawn,
                epochs,
                token_share: token_shares.as_ref().map(|t| t[i]),
                warnings,
            }
        })
        .collect();

    let mut outcomes = outcomes.into_iter();
    let aligned: Vec<Option<TaskOutcome>> = rows
        .iter()
        .map(|r| if r.is_ok() { outcomes.next() } else { None })
        .collect();

    let mut schemes = vec![Scheme::Proportional];
    if let Some(k) = mixing.cap {
        schemes.push(Scheme::Capped { k });
    }
    if mixing.temperature != 1.0 {
        schemes.push(Scheme::Temperature {
            k: mixing.cap,
            t: mixing.temperature,
        });
    }
    schemes.push(Scheme::Equal);
    let current = schemes
        .iter()
        .position(|s| *s == mixing.scheme())
        .unwrap_or(0);
    let comparison = schemes
        .into_iter()
        .map(|scheme| {
            let mut shares = scheme_rates(scheme, &counts).into_iter();
            SchemeShares {
                scheme,
                shares: rows
                    .iter()
                    .map(|r| if r.is_ok() { shares.next() } else { None })
                    .collect(),
            }
        })
        .collect();

    Ok(MixPlan {
        rows: aligned,
        alpha: mixing.alpha(),
        comparison,
        current,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn near(got: &[f64], want: &[f64], tol: f64) -> bool {
        got.len() == want.len() && got.iter().zip(want).all(|(g, w)| (g - w).abs() <= tol)
    }

    const T5: [f64; 3] = [1e6, 1e5, 1e4];

    #[test]
    fn t5_table() {
        // e = (1e6, 1e5, 1e4) through seqio 0.0.20 `seqio/utils.py` `mixing_rate_num_examples`,
        // normalised: `python tests/reference/mix_rates.py`.
        // Proportional: (0.9009, 0.0901, 0.0090).
        assert!(near(
            &mixing_rates(&T5, None, 1.0),
            &[0.9009, 0.0901, 0.0090],
            5e-5
        ));
        // K = 2^16: (0.46456, 0.46456, 0.07089).
        let k16 = mixing_rates(&T5, Some(65536.0), 1.0);
        assert!(near(&k16, &[0.46456, 0.46456, 0.07089], 5e-6));
        // K = 2^21, T = 2: (0.70610, 0.22329, 0.07061).
        let k21 = mixing_rates(&T5, Some(2_097_152.0), 2.0);
        assert!(near(&k21, &[0.70610, 0.22329, 0.07061], 5e-6));
        // T → ∞: (1/3, 1/3, 1/3).
        let third = [1.0 / 3.0; 3];
        assert!(near(
            &mixing_rates(&T5, None, MAX_TEMPERATURE),
            &third,
            1e-5
        ));
        assert!(near(&equal_rates(&T5), &third, 1e-15));
        assert_eq!(
            Mixing::parse("equal", "", "").unwrap().rates(&T5),
            equal_rates(&T5)
        );
    }

    #[test]
    fn multilingual_alpha() {
        // n = (1e9, 1e7): `python tests/reference/mix_rates.py`.
        let n = [1e9, 1e7];
        // α = 1 (proportional): (0.9901, 0.0099).
        assert!(near(&mixing_rates(&n, None, 1.0), &[0.9901, 0.0099], 5e-5));
        // mBERT S = 0.7: (0.9617, 0.0383).
        let m = Mixing::from_alpha(MBERT_S, None).unwrap();
        assert!(near(&m.rates(&n), &[0.9617, 0.0383], 5e-5));
        // mT5 α = 0.3 (seqio temperature 1/0.3): (0.7992, 0.2008).
        let m = Mixing::from_alpha(MT5_ALPHA, None).unwrap();
        assert!(near(&m.rates(&n), &[0.7992, 0.2008], 5e-5));
        assert!((m.alpha() - 0.3).abs() < 1e-15);
        // XLM-R's form on probabilities is the same rule.
        assert!(near(
            &multilingual_rates(&n, XLMR_ALPHA),
            &m.rates(&n),
            1e-12
        ));
        // mBERT README: 1000× more data is sampled 1000^0.7 ≈ 125.9× more (google-research/bert
        // `multilingual.md` rounds it to 100×).
        let r = multilingual_rates(&[1000.0, 1.0], MBERT_S);
        assert!((r[0] / r[1] - 125.8925).abs() < 1e-3);
    }

    #[test]
    fn rows_parse_independently() {
        let rows = parse_tasks("qa:10k,sum:-5,:100,code:abc,qa:20,chat:1e4:512,x:1:2:3, ,med:3万");
        assert_eq!(rows.len(), 8);
        assert_eq!(rows[0].as_ref().unwrap().examples, 10_000);
        let err = |i: usize| rows[i].clone().unwrap_err();
        assert_eq!(
            (err(1).column, err(1).error.kind),
            (TaskColumn::Count, ErrorKind::BelowMin(1.0))
        );
        assert_eq!(
            (err(2).column, err(2).error.kind),
            (TaskColumn::Name, ErrorKind::Empty)
        );
        assert_eq!(
            (err(3).column, err(3).error.kind),
            (TaskColumn::Count, ErrorKind::NotANumber)
        );
        assert_eq!(
            (err(4).column, err(4).error.kind),
            (TaskColumn::Name, ErrorKind::Duplicate("qa".into()))
        );
        assert_eq!(err(4).error.field, "tasks");
        assert_eq!(rows[5].as_ref().unwrap().seq, Some(512.0));
        assert_eq!(err(6).column, TaskColumn::Row);
        assert_eq!(rows[7].as_ref().unwrap().examples, 30_000);
        assert_eq!(
            task_from_cells("a", "1", "0").unwrap_err().column,
            TaskColumn::Seq
        );
        assert_eq!(
            task_from_cells("a", "2.5", "").unwrap_err().error.kind,
            ErrorKind::NotWhole
        );
        // The good rows still make a plan, aligned with the row indices.
        let p = plan(&rows, Mixing::proportional(), None).unwrap();
        assert_eq!(p.rows.len(), 8);
        assert!(p.rows[0].is_some() && p.rows[1].is_none() && p.rows[7].is_some());
        let total: f64 = p.rows.iter().flatten().map(|o| o.rate).sum();
        assert!((total - 1.0).abs() < 1e-12);
        let ok: Vec<Task> = rows.into_iter().flatten().collect();
        assert_eq!(format_tasks(&ok), "qa:10000,chat:10000:512,med:30000");
        assert_eq!(
            parse_tasks(&format_tasks(&ok))
                .into_iter()
                .flatten()
                .collect::<Vec<_>>(),
            ok
        );
    }

    #[test]
    fn settings_errors() {
        assert_eq!(
            Mixing::parse("", "", "0").unwrap_err(),
            InputError::new("t", ErrorKind::NotAbove(0.0))
        );
        assert_eq!(
            Mixing::parse("", "-3", "").unwrap_err(),
            InputError::new("k", ErrorKind::NotAbove(0.0))
        );
        assert_eq!(Mixing::parse("", "0", "2").unwrap_err().field, "k");
        assert_eq!(Mixing::parse("", "", "-1").unwrap_err().field, "t");
        assert_eq!(Mixing::parse("uniform", "", "").unwrap_err().field, "mix");
        assert_eq!(Mixing::from_alpha(0.0, None).unwrap_err().field, "alpha");
        assert_eq!(parse_draw("0").unwrap_err().field, "draw");
        assert_eq!(planned_draws(64, 1000), Ok(64_000.0));
        assert_eq!(
            planned_draws(u64::MAX, u64::MAX).unwrap_err().kind,
            ErrorKind::Overflow
        );
        let rows = parse_tasks(":1,a:x");
        assert_eq!(
            plan(&rows, Mixing::proportional(), None).unwrap_err().kind,
            ErrorKind::EmptyList
        );
    }

    #[test]
    fn plan_warnings_epochs_and_tokens() {
        // T5 counts, proportional, 1e6 examples drawn in total.
        let rows = parse_tasks("big:1e6:100,mid:1e5:100,small:1e4:1000");
        let p = plan(&rows, Mixing::proportional(), Some(1e6)).unwrap();
        let o: Vec<&TaskOutcome> = p.rows.iter().flatten().collect();
        // Proportional draws give each task the same epochs: 1e6/1.11e6 = 0.9009.
        for t in &o {
            assert!((t.epochs.unwrap() - 1e6 / 1.11e6).abs() < 1e-12);
        }
        assert!((o[0].drawn.unwrap() - 1e12 / 1.11e6).abs() < 1e-6);
        // big: 0.9009 share and exactly 10× mid → dominating; small: 0.9 % → starved.
        assert!(matches!(o[0].warnings[..], [Warning::Dominating { .. }]));
        assert!(o[1].warnings.is_empty());
        assert!(matches!(o[2].warnings[..], [Warning::Starved { .. }]));
        // Token shares: rates × seq ∝ (1e6·100, 1e5·100, 1e4·1000) = (1e8, 1e7, 1e7), over 1.2e8.
        let tok: Vec<f64> = o.iter().map(|t| t.token_share.unwrap()).collect();
        assert!(near(&tok, &[1e8 / 1.2e8, 1e7 / 1.2e8, 1e7 / 1.2e8], 1e-12));
        // Equal mixing of the same tasks, 1e6 draws: small is seen 33.3 times → repeated.
        let p = plan(&rows, Mixing::parse("equal", "", "").unwrap(), Some(1e6)).unwrap();
        let small = p.rows[2].as_ref().unwrap();
        assert!(
            matches!(small.warnings[..], [Warning::Repeated { epochs }] if (epochs - 100.0 / 3.0).abs() < 1e-9)
        );
        assert_eq!(p.comparison[p.current].scheme, Scheme::Equal);
        // A missing seq on one row: no token shares at all.
        let rows = parse_tasks("a:10,b:20:5");
        let p = plan(&rows, Mixing::proportional(), None).unwrap();
        assert!(
            p.rows
                .iter()
                .flatten()
                .all(|o| o.token_share.is_none() && o.drawn.is_none())
        );
        // One task alone is never "dominating".
        let p = plan(&parse_tasks("only:5"), Mixing::proportional(), Some(10.0)).unwrap();
        assert!(p.rows[0].as_ref().unwrap().warnings.is_empty());
        // mT5-style α = 0.3: 0.7992 vs 0.2008 is under 5× → not dominating.
        let m = Mixing::from_alpha(MT5_ALPHA, None).unwrap();
        let p = plan(&parse_tasks("en:1e9,sw:1e7"), m, None).unwrap();
        assert!(p.rows.iter().flatten().all(|o| o.warnings.is_empty()));
    }

    #[test]
    fn comparison_chart() {
        let rows = parse_tasks("a:1e6,b:1e5,c:1e4");
        let m = Mixing::parse("", "65536", "2").unwrap();
        let p = plan(&rows, m, None).unwrap();
        let kinds: Vec<Scheme> = p.comparison.iter().map(|s| s.scheme).collect();
        assert_eq!(
            kinds,
            vec![
                Scheme::Proportional,
                Scheme::Capped { k: 65536.0 },
                Scheme::Temperature {
                    k: Some(65536.0),
                    t: 2.0
                },
                Scheme::Equal
            ]
        );
        assert_eq!(p.current, 2);
        assert!((p.alpha - 0.5).abs() < 1e-15);
        // The capped column is the K = 2^16 row of `t5_table` (tests/reference/mix_rates.py).
        let capped: Vec<f64> = p.comparison[1].shares.iter().flatten().copied().collect();
        assert!(near(&capped, &[0.46456, 0.46456, 0.07089], 5e-6));
        let p = plan(&rows, Mixing::proportional(), None).unwrap();
        assert_eq!(p.comparison.len(), 2);
        assert_eq!(p.current, 0);
    }

    #[test]
    fn random_mixes_are_distributions() {
        let mut rng = crate::core::sim::rng::SimRng::new(42);
        // Every case is checked (no case is skipped); count the outcomes checked too.
        let (mut cases, mut outcomes) = (0, 0);
        for _ in 0..500 {
            let n = 1 + rng.below(8) as usize;
            let counts: Vec<f64> = (0..n)
                .map(|_| libm::pow(10.0, rng.below(1500) as f64 / 100.0))
                .map(f64::floor)
                .collect();
            let t = libm::pow(10.0, rng.below(1200) as f64 / 100.0 - 6.0);
            let k = (rng.below(2) == 0).then(|| 1.0 + rng.below(100_000) as f64);
            let r = mixing_rates(&counts, k, t);
            let sum: f64 = r.iter().sum();
            assert!((sum - 1.0).abs() < 1e-9, "{counts:?} {k:?} {t}");
            assert!(r.iter().all(|x| x.is_finite() && *x >= 0.0));
            // More examples never means a smaller rate (the rule is monotone in n).
            for i in 0..n {
                for j in 0..n {
                    if counts[i] > counts[j] {
                        assert!(r[i] >= r[j]);
                    }
                }
            }
            let text: String = counts
                .iter()
                .enumerate()
                .map(|(i, c)| format!("t{i}:{c}"))
                .collect::<Vec<_>>()
                .join(",");
            let rows = parse_tasks(&text);
            let m = Mixing::new(MixKind::Examples, k, t.min(MAX_TEMPERATURE)).unwrap();
            let p = plan(&rows, m, Some(1e9)).unwrap();
            for o in p.rows.iter().flatten() {
                assert!(o.epochs.unwrap().is_finite() && o.drawn.unwrap().is_finite());
                outcomes += 1;
            }
            cases += 1;
        }
        assert_eq!(cases, 500);
        assert!(outcomes >= 500, "only {outcomes} task outcomes checked");
    }

    #[test]
    fn table_cells_round_trip() {
        let text = "qa:10k, ,sum:-5:300,x:1:2:3,:";
        let cells = task_cells(text);
        // Same rows as parse_tasks: the blank entry is skipped.
        assert_eq!(cells.len(), parse_tasks(text).len());
        assert_eq!(cells[1].seq, "300");
        assert_eq!(cells[2].seq, "2:3");
        assert_eq!(cells[3], TaskCells::default());
        assert_eq!(join_task_cells(&cells), "qa:10k,sum:-5:300,x:1:2:3,:");
        assert_eq!(task_cells(&join_task_cells(&cells)), cells);
        assert_eq!(join_task_cells(&[]), "");
        assert!(has_separator("10,000") && has_separator("a:b") && !has_separator("1万"));
        assert_eq!(separator_error(TaskColumn::Count).error.field, "tasks");
        assert_eq!(fresh_task_name(&cells), "task1");
        let named = task_cells("task1:1,task3:2, task2 :4");
        assert_eq!(fresh_task_name(&named), "task4");
    }

    #[test]
    fn edge_inputs_never_panic() {
        let weird = [
            0.0,
            -1.0,
            1e-320,
            1.0,
            1e300,
            f64::MAX,
            f64::NAN,
            f64::INFINITY,
        ];
        for &t in &weird {
            for &k in &weird {
                let r = mixing_rates(&weird, Some(k), t);
                assert!(r.iter().all(|x| x.is_finite()));
                assert!(multilingual_rates(&weird, t).iter().all(|x| x.is_finite()));
                let _ = Mixing::new(MixKind::Examples, Some(k), t);
                let _ = Mixing::from_alpha(t, Some(k));
            }
        }
        assert!(equal_rates(&weird).iter().all(|x| x.is_finite()));
        assert_eq!(mixing_rates(&[], None, 1.0), Vec::<f64>::new());
        for text in [
            "",
            ",",
            ":::",
            "a:",
            ":",
            "a:1:",
            "a:1:x",
            "é:1万,é:2",
            "a:1e400",
            "a:99999999999999999999",
        ] {
            let rows = parse_tasks(text);
            let _ = plan(&rows, Mixing::proportional(), Some(1.0));
        }
        let many: String = (0..1500)
            .map(|i| format!("t{i}:1"))
            .collect::<Vec<_>>()
            .join(",");
        let rows = parse_tasks(&many);
        assert_eq!(rows.len(), 1500);
        assert_eq!(rows[1200].clone().unwrap_err().column, TaskColumn::Row);
        let p = plan(&rows, Mixing::proportional(), Some(1e6)).unwrap();
        assert!(
            p.rows[0]
                .as_ref()
                .unwrap()
                .warnings
                .iter()
                .any(|w| matches!(w, Warning::Starved { .. }))
        );
    }
}
