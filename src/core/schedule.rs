//! Learning-rate schedules with Hugging Face semantics.
//!
//! Source: transformers 5.24.0 `src/transformers/optimization.py` — `get_linear_schedule_with_warmup`,
//! `get_cosine_schedule_with_warmup` (num_cycles = 0.5), `get_cosine_with_min_lr_schedule_with_warmup`
//! (`min_lr_rate`), `get_constant_schedule` and `get_constant_schedule_with_warmup`; the warmup
//! count from `src/transformers/training_args.py` (`TrainingArguments.get_warmup_steps`). The
//! tests' rates are those a real `Trainer` ran with, printed by `tests/reference/trainer_steps.py`.
//! With W warmup steps and T = `num_training_steps` (= the Trainer's `max_steps`), the multiplier of
//! the peak learning rate at scheduler step k is
//!
//! * warmup (all but `constant`): λ(k) = k / max(1, W) for k < W;
//! * linear: λ(k) = max(0, (T − k) / max(1, T − W));
//! * cosine: p = (k − W) / max(1, T − W), λ(k) = max(0, ½(1 + cos(2π·0.5·p)));
//! * cosine with a floor: λ ← λ(1 − r) + r with r = `min_lr_rate`;
//! * constant: λ = 1 (warmup ignored); constant with warmup: λ = 1 after warmup.
//!
//! **Indexing.** The Trainer calls `optimizer.step()` and then `lr_scheduler.step()`, so optimizer
//! update u (1-based) runs with k = u − 1: with any warmup, the first update runs at lr = 0.
//!
//! The same code drives the Steps view's chart and the simulator's runs.

use super::error::{ErrorKind, InputError};
use super::units::parse_number;

/// The schedule families offered (the `sched` URL values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ScheduleKind {
    /// Linear warmup, then linear decay to 0 (HF's default `linear`).
    Linear,
    /// Linear warmup, then half a cosine down to 0 (`cosine`).
    Cosine,
    /// Cosine down to a floor `min_lr_rate × peak` (`cosine_with_min_lr`).
    CosineMin,
    /// A constant rate, no warmup (`constant`).
    Constant,
    /// Linear warmup, then constant (`constant_with_warmup`).
    ConstantWarmup,
}

impl ScheduleKind {
    /// All kinds, in the order the UI lists them.
    pub const ALL: [ScheduleKind; 5] = [
        ScheduleKind::Linear,
        ScheduleKind::Cosine,
        ScheduleKind::CosineMin,
        ScheduleKind::Constant,
        ScheduleKind::ConstantWarmup,
    ];
    /// The URL words, in the order of [`ScheduleKind::ALL`].
    pub const KEYS: &'static [&'static str] = &[
        "linear",
        "cosine",
        "cosine_min",
        "constant",
        "constant_warmup",
    ];

    /// The URL word for this kind.
    pub fn key(self) -> &'static str {
        match self {
            ScheduleKind::Linear => "linear",
            ScheduleKind::Cosine => "cosine",
            ScheduleKind::CosineMin => "cosine_min",
            ScheduleKind::Constant => "constant",
            ScheduleKind::ConstantWarmup => "constant_warmup",
        }
    }

    /// Reads a URL word.
    pub fn parse(text: &str, field: &'static str) -> Result<Self, InputError> {
        let t = text.trim();
        Self::ALL
            .into_iter()
            .find(|k| k.key() == t)
            .ok_or_else(|| InputError::new(field, ErrorKind::NotOneOf(Self::KEYS)))
    }

    /// Whether this kind has a warmup phase at all (HF's `constant` ignores warmup).
    pub fn uses_warmup(self) -> bool {
        !matches!(self, ScheduleKind::Constant)
    }
}

/// Warmup as the Trainer takes it: `warmup_steps ≥ 1` is a step count, a float in [0, 1) a ratio.
///
/// transformers 5.x types `warmup_steps` as a float: a value ≥ 1 becomes `int(warmup_steps)`
/// steps (truncated: 2.5 → 2) before the schedule sees it, so the schedule's W is always whole.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Warmup {
    /// A number of scheduler steps.
    Steps(u64),
    /// A fraction of the total, rounded up: ⌈T × ratio⌉ (transformers 5.24 `get_warmup_steps`).
    Ratio(f64),
}

/// The largest warmup step count accepted.
pub const MAX_WARMUP_STEPS: u64 = 1_000_000_000_000;

impl Warmup {
    /// Reads a warmup as `TrainingArguments.warmup_steps` takes it (transformers 5.24.0): a value
    /// in [0, 1) is a ratio; a real ≥ 1 is a step count, truncated toward zero as Python's `int()`
    /// in `get_warmup_steps` does (2.5 → 2 steps). The Steps view's `warmup`.
    pub fn parse(text: &str, field: &'static str) -> Result<Self, InputError> {
        let x = parse_number(text, field)?;
        if x < 0.0 {
            Err(InputError::new(field, ErrorKind::BelowMin(0.0)))
        } else if x < 1.0 {
            Ok(Warmup::Ratio(x))
        } else if x > MAX_WARMUP_STEPS as f64 {
            Err(InputError::new(
                field,
                ErrorKind::AboveMax(MAX_WARMUP_STEPS as f64),
            ))
        } else {
            // 1 ≤ x ≤ 10¹²: the truncating cast is exact.
            Ok(Warmup::Steps(x.trunc() as u64))
        }
    }

    /// Warmup steps for a run of `total` scheduler steps.
    pub fn steps(self, total: u64) -> u64 {
        match self {
            Warmup::Steps(w) => w,
            // total ≤ 10^18 and ratio < 1, so the product is finite and fits.
            Warmup::Ratio(r) => (total as f64 * r).ceil() as u64,
        }
    }
}

/// A learning-rate schedule over a run of `total` optimizer updates.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Schedule {
    /// The family.
    pub kind: ScheduleKind,
    /// The peak (base) learning rate.
    pub peak_lr: f64,
    /// Warmup scheduler steps W.
    pub warmup: u64,
    /// Total scheduler steps T (the Trainer's `max_steps`).
    pub total: u64,
    /// The floor as a fraction of the peak, for [`ScheduleKind::CosineMin`] (HF `min_lr_rate`).
    pub min_lr_ratio: f64,
}

impl Schedule {
    /// A constant learning rate with no warmup, for runs that want none.
    pub fn constant(lr: f64, total: u64) -> Self {
        Schedule {
            kind: ScheduleKind::Constant,
            peak_lr: lr,
            warmup: 0,
            total,
            min_lr_ratio: 0.0,
        }
    }

    /// The multiplier λ(k) of the peak rate at scheduler step `k` (0-based), as HF's lambdas.
    pub fn multiplier(&self, k: u64) -> f64 {
        let w = self.warmup;
        let t = self.total;
        if self.kind.uses_warmup() && k < w {
            return k as f64 / w.max(1) as f64;
        }
        let decay_len = t.saturating_sub(w).max(1) as f64;
        match self.kind {
            ScheduleKind::Constant | ScheduleKind::ConstantWarmup => 1.0,
            ScheduleKind::Linear => (t.saturating_sub(k) as f64 / decay_len).max(0.0),
            ScheduleKind::Cosine | ScheduleKind::CosineMin => {
                // HF computes p = (k − W)/max(1, T − W) without clamping; for k ≤ T, p ≤ 1.
                let p = (k - w) as f64 / decay_len;
                let cos =
                    0.5 * (1.0 + crate::core::math::cos(std::f64::consts::PI * 2.0 * 0.5 * p));
                if self.kind == ScheduleKind::CosineMin {
                    let r = self.min_lr_ratio;
                    (cos * (1.0 - r) + r).max(0.0)
                } else {
                    cos.max(0.0)
                }
            }
        }
    }

    /// The learning rate used by optimizer update `u` (1-based): the multiplier at k = u − 1.
    pub fn lr_at_update(&self, u: u64) -> f64 {
        self.peak_lr * self.multiplier(u.saturating_sub(1))
    }

    /// Points (update, lr) to draw the schedule over updates 1..=total with at most about
    /// `max_points` samples, keeping the corners (first update, warmup end, last update) exact.
    pub fn sample(&self, max_points: usize) -> Vec<(f64, f64)> {
        let total = self.total.max(1);
        let n = max_points.max(2) as u64;
        let mut us: Vec<u64> = (0..n).map(|i| 1 + (total - 1) * i / (n - 1)).collect();
        // The kinks: the first update after warmup runs at the peak (k = W → u = W + 1).
        for u in [self.warmup, self.warmup + 1, total] {
            if (1..=total).contains(&u) {
                us.push(u);
            }
        }
        us.sort_unstable();
        us.dedup();
        us.into_iter()
            .map(|u| (u as f64, self.lr_at_update(u)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sched(kind: ScheduleKind) -> Schedule {
        Schedule {
            kind,
            peak_lr: 1.0,
            warmup: 10,
            total: 100,
            min_lr_ratio: 0.0,
        }
    }

    // The learning rate each optimizer update of a real `Trainer` ran with (transformers 5.24.0,
    // peak 1, `warmup_steps` = 10, `max_steps` = 100), and the scheduler's rate after the last
    // update (k = 100), from `tests/reference/trainer_steps.py`, cases `schedule-<type>`.
    // Regenerate with `python tests/reference/trainer_steps.py`. Update u runs at k = u − 1.
    const UPDATES: [u64; 14] = [1, 2, 6, 10, 11, 12, 13, 26, 41, 56, 71, 99, 100, 101];

    fn check(s: &Schedule, want: [f64; 14], name: &str) {
        for (u, want) in UPDATES.into_iter().zip(want) {
            let got = s.lr_at_update(u);
            assert!(
                (got - want).abs() < 1e-12,
                "{name} update {u}: {got} vs {want}"
            );
        }
    }

    #[test]
    fn hf_trainer_learning_rates() {
        check(
            &sched(ScheduleKind::Linear),
            [
                0.0,
                0.1,
                0.5,
                0.9,
                1.0,
                0.9888888888888889,
                0.9777777777777777,
                0.8333333333333334,
                0.6666666666666666,
                0.5,
                0.3333333333333333,
                0.022222222222222223,
                0.011111111111111112,
                0.0,
            ],
            "linear",
        );
        check(
            &sched(ScheduleKind::Cosine),
            [
                0.0,
                0.1,
                0.5,
                0.9,
                1.0,
                0.9996954135095479,
                0.9987820251299121,
                0.9330127018922194,
                0.75,
                0.5,
                0.2500000000000001,
                0.0012179748700879012,
                0.00030458649045211894,
                0.0,
            ],
            "cosine",
        );
        let mut floor = sched(ScheduleKind::CosineMin);
        floor.min_lr_ratio = 0.1;
        check(
            &floor,
            [
                0.0,
                0.1,
                0.5,
                0.9,
                1.0,
                0.9997258721585931,
                0.9989038226169209,
                0.9397114317029974,
                0.775,
                0.55,
                0.3250000000000001,
                0.10109617738307912,
                0.10027412784140691,
                0.1,
            ],
            "cosine_with_min_lr",
        );
        check(&sched(ScheduleKind::Constant), [1.0; 14], "constant");
        check(
            &sched(ScheduleKind::ConstantWarmup),
            [
                0.0, 0.1, 0.5, 0.9, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0,
            ],
            "constant_with_warmup",
        );
    }

    /// Cases `warmup-2.5-linear` and `warmup-2.5-cosine`: `warmup_steps` = 2.5 over 10 updates
    /// runs as a 2-step warmup (`int(2.5)`); every update's rate, then k = 10.
    #[test]
    fn hf_trainer_real_warmup() {
        let warmup = Warmup::parse("2.5", "warmup").unwrap();
        assert_eq!(warmup, Warmup::Steps(2));
        let linear = Schedule {
            kind: ScheduleKind::Linear,
            peak_lr: 1.0,
            warmup: warmup.steps(10),
            total: 10,
            min_lr_ratio: 0.0,
        };
        let want = [
            0.0, 0.5, 1.0, 0.875, 0.75, 0.625, 0.5, 0.375, 0.25, 0.125, 0.0,
        ];
        for (u, want) in (1..=11).zip(want) {
            assert!((linear.lr_at_update(u) - want).abs() < 1e-12, "linear {u}");
        }
        let cosine = Schedule {
            kind: ScheduleKind::Cosine,
            ..linear
        };
        let want = [
            0.0,
            0.5,
            1.0,
            0.9619397662556434,
            0.8535533905932737,
            0.6913417161825449,
            0.5,
            0.30865828381745514,
            0.14644660940672627,
            0.03806023374435663,
            0.0,
        ];
        for (u, want) in (1..=11).zip(want) {
            assert!((cosine.lr_at_update(u) - want).abs() < 1e-12, "cosine {u}");
        }
    }

    #[test]
    fn first_update_runs_at_zero_with_warmup() {
        let s = sched(ScheduleKind::Linear);
        assert_eq!(s.lr_at_update(1), 0.0);
        assert_eq!(s.lr_at_update(11), 1.0);
    }

    #[test]
    fn floor_and_constants() {
        let mut s = sched(ScheduleKind::CosineMin);
        s.min_lr_ratio = 0.1;
        assert!((s.multiplier(100) - 0.1).abs() < 1e-12);
        assert!((s.multiplier(55) - 0.55).abs() < 1e-12);
        assert_eq!(sched(ScheduleKind::Constant).multiplier(0), 1.0);
        assert_eq!(sched(ScheduleKind::ConstantWarmup).multiplier(5), 0.5);
        assert_eq!(sched(ScheduleKind::ConstantWarmup).multiplier(50), 1.0);
    }

    #[test]
    fn warmup_parsing_follows_the_trainer() {
        assert_eq!(Warmup::parse("0", "warmup"), Ok(Warmup::Ratio(0.0)));
        // The Trainer's reading: a real ≥ 1 is truncated, like int() in get_warmup_steps.
        assert_eq!(Warmup::parse("2.5", "warmup"), Ok(Warmup::Steps(2)));
        assert_eq!(Warmup::parse("10", "warmup"), Ok(Warmup::Steps(10)));
        assert_eq!(Warmup::parse("0.1", "warmup"), Ok(Warmup::Ratio(0.1)));
        assert!(Warmup::parse("-1", "warmup").is_err());
        assert!(Warmup::parse("1e13", "warmup").is_err());
        // ⌈939 × 0.1⌉ = 94 (transformers 5.24 get_warmup_steps rounds up).
        assert_eq!(Warmup::Ratio(0.1).steps(939), 94);
    }

    #[test]
    fn multiplier_is_finite_and_bounded_everywhere() {
        for kind in ScheduleKind::ALL {
            for (w, t) in [(0, 0), (0, 1), (5, 3), (10, 100), (1000, 1000)] {
                let s = Schedule {
                    kind,
                    peak_lr: 1.0,
                    warmup: w,
                    total: t,
                    min_lr_ratio: 0.2,
                };
                for k in 0..=t + 2 {
                    let m = s.multiplier(k);
                    assert!(
                        m.is_finite() && (0.0..=1.0).contains(&m),
                        "{kind:?} w={w} t={t} k={k}: {m}"
                    );
                }
            }
        }
    }
}
