//! What a planned run draws from each task: draws, epochs, token shares and warnings, and the
//! same draws under the other schemes for comparison.

use super::*;
use crate::core::error::{ErrorKind, InputError};
use crate::core::units::parse_positive;

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
