//! Step arithmetic of a training run, exactly as Hugging Face `Trainer` counts it.
//!
//! Sources: transformers 5.24.0 `src/transformers/trainer.py` (`set_initial_training_values`,
//! `_inner_training_loop`, `_run_epoch`; the ceiling rule since 4.52, the floor rule up to 4.51.3),
//! `src/transformers/training_args.py` (`get_warmup_steps`) and accelerate 1.16.0
//! `src/accelerate/data_loader.py` (`BatchSamplerShard.__len__`, which with `even_batches=True`
//! makes every process see the same number of *full* batches by looping back to the first samples).
//! The tests' numbers are printed by a real `Trainer` run: `tests/reference/trainer_steps.py`.
//!
//! * effective (global) batch = per-device micro-batch × gradient accumulation × devices;
//! * per-device dataloader length: one device ⌈N/mbs⌉ (⌊N/mbs⌋ with `drop_last`); several devices
//!   ⌈⌈N/mbs⌉/dev⌉ (⌊⌊N/mbs⌋/dev⌋ with `drop_last`);
//! * updates per epoch = max(⌈len/GA⌉, 1) (≥ 4.52) or max(⌊len/GA⌋, 1) (≤ 4.51). Accumulation
//!   longer than an epoch (GA > len) is accepted: `_run_epoch` ends each update's window at the
//!   epoch's last micro-batch, so the epoch's len micro-batches make one update;
//! * total updates = `max_steps` if set, else ⌈epochs × updates per epoch⌉ (a float product, as
//!   Python computes it);
//! * "Num Epochs" in the Trainer's log (and the epoch loop's bound) = ⌈max_steps / updates per
//!   epoch⌉ with `max_steps`, else ⌈epochs⌉: a fractional epoch count starts one more epoch and
//!   stops inside it when the update count is reached;
//! * `state.epoch` after update u of epoch e (0-based) = e + (micro-batches of epoch e consumed) /
//!   len (`_run_epoch`: `epoch + (step + 1) / steps_in_epoch`); at the end of the run that is
//!   ⌊T / updates per epoch⌋ + (T mod updates per epoch) × GA / len, slightly off the `epochs`
//!   asked for (2.5 → 2.504 for N = 1000, micro-batch 8, GA 3);
//! * warmup = ⌊`warmup_steps`⌋ if ≥ 1 (Python's `int()`), else ⌈total × ratio⌉
//!   (`TrainingArguments.get_warmup_steps`).

use super::error::{Collector, ErrorKind, InputError};
use super::params::{ParamSpec, steps as P};
use super::schedule::{Schedule, ScheduleKind, Warmup};
use super::units::{check_range, parse_number};

/// Largest data set accepted: 10¹³ examples.
pub const MAX_EXAMPLES: u64 = 10_000_000_000_000;
/// Largest micro-batch or accumulation accepted: 10⁶ each (devices: the Memory view's
/// [`MAX_GPUS`](crate::core::memory::zero::MAX_GPUS), as the two views share the `gpus` key).
pub const MAX_FACTOR: u64 = 1_000_000;
/// Largest epoch count accepted.
pub const MAX_EPOCHS: f64 = 10_000.0;
/// Largest sequence length accepted (tokens per example).
pub const MAX_SEQ: u64 = 100_000_000;
/// Largest total update count accepted (explicit `max_steps`, or the one epochs imply).
pub const MAX_UPDATES: u64 = 1_000_000_000_000_000;
/// Largest peak learning rate accepted.
pub const MAX_LR: f64 = 100.0;

/// The Steps view's inputs, validated.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StepsInput {
    /// Examples in the data set (N).
    pub n: u64,
    /// Micro-batch per device (`per_device_train_batch_size`).
    pub mbs: u64,
    /// Gradient accumulation steps (GA).
    pub ga: u64,
    /// Data-parallel devices (processes); URL key `gpus`, shared with the Memory view.
    pub dev: u64,
    /// Epochs (`num_train_epochs`, fractional allowed).
    pub epochs: f64,
    /// Tokens per example (fixed-length or packed sequences).
    pub seq: u64,
    /// `dataloader_drop_last`.
    pub drop_last: bool,
    /// `max_steps` when set (> 0); overrides `epochs`.
    pub max_steps: Option<u64>,
    /// Peak learning rate.
    pub lr: f64,
    /// Warmup, as steps or as a ratio.
    pub warmup: Warmup,
    /// Schedule family.
    pub sched: ScheduleKind,
    /// Floor as a fraction of the peak for `cosine_min` (`min_lr_rate`).
    pub min_lr: f64,
}

impl Default for StepsInput {
    /// 10,000 examples at an effective batch of 100 (4 × 25 × 1), 3 epochs.
    fn default() -> Self {
        // The default texts are valid by construction (checked by a test).
        StepsText::DEFAULT.parse().unwrap_or(StepsInput {
            n: 10_000,
            mbs: 4,
            ga: 25,
            dev: 1,
            epochs: 3.0,
            seq: 512,
            drop_last: false,
            max_steps: None,
            lr: 5e-5,
            warmup: Warmup::Ratio(0.1),
            sched: ScheduleKind::Cosine,
            min_lr: 0.1,
        })
    }
}

/// The Steps view's inputs as typed (URL values or field text).
#[derive(Debug, Clone, Copy, Default)]
pub struct StepsText<'a> {
    /// `n`
    pub n: &'a str,
    /// `mbs`
    pub mbs: &'a str,
    /// `ga`
    pub ga: &'a str,
    /// `gpus` (data-parallel devices; `dev` is read as an alias)
    pub gpus: &'a str,
    /// `epochs`
    pub epochs: &'a str,
    /// `seq`
    pub seq: &'a str,
    /// `drop_last`
    pub drop_last: &'a str,
    /// `max_steps` (empty, 0 or −1 means not set, as the Trainer's default −1)
    pub max_steps: &'a str,
    /// `lr`
    pub lr: &'a str,
    /// `warmup`
    pub warmup: &'a str,
    /// `sched`
    pub sched: &'a str,
    /// `min_lr`
    pub min_lr: &'a str,
}

/// Reads `max_steps`: empty, 0 or a negative number means "not set" (the Trainer's default is −1).
pub fn parse_max_steps(text: &str, field: &'static str) -> Result<Option<u64>, InputError> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let x = parse_number(text, field)?;
    if x <= 0.0 {
        return Ok(None);
    }
    if x.fract() != 0.0 {
        return Err(InputError::new(field, ErrorKind::NotWhole));
    }
    check_range(x, field, 1.0, MAX_UPDATES as f64).map(|x| Some(x as u64))
}

impl StepsText<'static> {
    /// The default inputs as text: 10,000 examples at an effective batch of 100.
    pub const DEFAULT: StepsText<'static> = StepsText {
        n: P::N.default,
        mbs: P::MBS.default,
        ga: P::GA.default,
        gpus: P::GPUS.default,
        epochs: P::EPOCHS.default,
        seq: P::SEQ.default,
        drop_last: P::DROP_LAST.default,
        max_steps: P::MAX_STEPS.default,
        lr: P::LR.default,
        warmup: P::WARMUP.default,
        sched: P::SCHED.default,
        min_lr: P::MIN_LR.default,
    };
}

impl<'a> StepsText<'a> {
    /// The inputs as `text` gives them, each under its declaration (`core::params::steps`).
    pub fn read(mut text: impl FnMut(&'static ParamSpec) -> &'a str) -> StepsText<'a> {
        StepsText {
            n: text(&P::N),
            mbs: text(&P::MBS),
            ga: text(&P::GA),
            gpus: text(&P::GPUS),
            epochs: text(&P::EPOCHS),
            seq: text(&P::SEQ),
            drop_last: text(&P::DROP_LAST),
            max_steps: text(&P::MAX_STEPS),
            lr: text(&P::LR),
            warmup: text(&P::WARMUP),
            sched: text(&P::SCHED),
            min_lr: text(&P::MIN_LR),
        }
    }
}

impl StepsText<'_> {
    /// Validates every field; returns every error found (one per bad field), not just the first.
    pub fn parse(&self) -> Result<StepsInput, Vec<InputError>> {
        let mut errors = Vec::new();
        let mut keep = Collector(&mut errors);
        // Fallbacks only fill fields that already produced an error; the result is discarded then.
        let d = StepsInput {
            n: 1,
            mbs: 1,
            ga: 1,
            dev: 1,
            epochs: 1.0,
            seq: 1,
            drop_last: false,
            max_steps: None,
            lr: 1e-3,
            warmup: Warmup::Steps(0),
            sched: ScheduleKind::Constant,
            min_lr: 0.0,
        };
        let input = StepsInput {
            n: keep.or(P::N.count(self.n), d.n),
            mbs: keep.or(P::MBS.count(self.mbs), d.mbs),
            ga: keep.or(P::GA.count(self.ga), d.ga),
            dev: keep.or(P::GPUS.count(self.gpus), d.dev),
            epochs: keep.or(P::EPOCHS.real(self.epochs), d.epochs),
            seq: keep.or(P::SEQ.count(self.seq), d.seq),
            drop_last: keep.or(P::DROP_LAST.flag(self.drop_last), d.drop_last),
            max_steps: keep.or(
                parse_max_steps(self.max_steps, P::MAX_STEPS.key),
                d.max_steps,
            ),
            lr: keep.or(P::LR.real(self.lr), d.lr),
            warmup: keep.or(Warmup::parse(self.warmup, P::WARMUP.key), d.warmup),
            sched: keep.or(ScheduleKind::parse(self.sched, P::SCHED.key), d.sched),
            min_lr: keep.or(P::MIN_LR.real(self.min_lr), d.min_lr),
        };
        if errors.is_empty() {
            Ok(input)
        } else {
            Err(errors)
        }
    }
}

/// Counts under the older floor rule (transformers ≤ 4.51.3).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LegacyCounts {
    /// max(⌊len/GA⌋, 1).
    pub updates_per_epoch: u64,
    /// Total updates the older Trainer planned.
    pub total_updates: u64,
}

/// Everything the Steps view shows, computed from a [`StepsInput`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StepsPlan {
    /// Examples per optimizer update: mbs × GA × devices (`total_train_batch_size`).
    pub effective_batch: u64,
    /// Per-device dataloader length (micro-batches per device per epoch).
    pub batches_per_epoch: u64,
    /// Optimizer updates per epoch (≥ 4.52 ceiling rule).
    pub updates_per_epoch: u64,
    /// Gradient accumulation is longer than an epoch (GA > micro-batches per epoch): each epoch's
    /// micro-batches make a single update, smaller than the effective batch.
    pub accumulation_spans_epoch: bool,
    /// Total optimizer updates (the Trainer's `max_steps`), also the schedule length.
    pub total_updates: u64,
    /// "Num Epochs" as the Trainer logs it (and loops over): ⌈epochs⌉, or ⌈max_steps / updates
    /// per epoch⌉ when `max_steps` is set (transformers 5.24.0 `set_initial_training_values`).
    pub epochs_logged: u64,
    /// `state.epoch` when training ends: whole epochs done plus the fraction of the last epoch's
    /// micro-batches consumed (transformers 5.24.0 `_run_epoch`).
    pub epoch_final: f64,
    /// Examples processed over the run, summed over devices (padding repeats included).
    pub examples_seen: u128,
    /// Tokens processed: examples × tokens per example (an upper bound with padding).
    pub tokens_seen: u128,
    /// Examples processed in one full epoch, summed over devices.
    pub examples_per_epoch: u128,
    /// Warmup steps of the schedule.
    pub warmup_steps: u64,
    /// The same run counted by transformers ≤ 4.51.
    pub legacy: LegacyCounts,
    /// The learning-rate schedule over the run.
    pub schedule: Schedule,
}

/// Per-device dataloader length (accelerate `BatchSamplerShard.__len__` with `even_batches=True`).
pub fn dataloader_len(n: u64, mbs: u64, dev: u64, drop_last: bool) -> u64 {
    let (mbs, dev) = (mbs.max(1), dev.max(1));
    if drop_last {
        (n / mbs) / dev
    } else {
        n.div_ceil(mbs).div_ceil(dev)
    }
}

/// Examples in one full epoch, over all devices. One process sees each example once (the last
/// micro-batch may be partial); several processes get only full batches, the shortfall filled
/// by looping back to the first samples (accelerate `BatchSamplerShard`, `even_batches=True`).
fn examples_per_epoch(input: &StepsInput, len: u64) -> u128 {
    if input.dev == 1 && !input.drop_last {
        u128::from(input.n)
    } else {
        u128::from(len) * u128::from(input.mbs) * u128::from(input.dev)
    }
}

/// Computes the plan. Errors: an empty epoch under `drop_last`, or a run too long to count.
/// Gradient accumulation longer than an epoch is not an error: as in the Trainer (≥ 4.52), the
/// epoch's micro-batches then make one update.
pub fn plan(input: &StepsInput) -> Result<StepsPlan, InputError> {
    let effective_batch = input.mbs * input.ga * input.dev; // each ≤ 10⁶: ≤ 10¹⁸ < u64::MAX
    let len = dataloader_len(input.n, input.mbs, input.dev, input.drop_last);
    if len == 0 {
        // drop_last with fewer examples than one global micro-batch round: nothing to train on.
        return Err(InputError::new(
            "n",
            ErrorKind::BelowMin((input.mbs * input.dev) as f64),
        ));
    }
    let updates_per_epoch = len.div_ceil(input.ga).max(1);
    let legacy_per_epoch = (len / input.ga).max(1);
    let (total_updates, legacy_total, epochs_logged) = match input.max_steps {
        Some(steps) => (steps, steps, steps.div_ceil(updates_per_epoch)),
        None => {
            let total = (input.epochs * updates_per_epoch as f64).ceil();
            let legacy = (input.epochs * legacy_per_epoch as f64).ceil();
            if total > MAX_UPDATES as f64 {
                return Err(InputError::new(
                    crate::core::params::steps::EPOCHS.key,
                    ErrorKind::Overflow,
                ));
            }
            // epochs ≤ MAX_EPOCHS: the ceiling fits.
            (total as u64, legacy as u64, input.epochs.ceil() as u64)
        }
    };
    let per_epoch = examples_per_epoch(input, len);
    let full_epochs = total_updates / updates_per_epoch;
    let rest_updates = total_updates % updates_per_epoch;
    // rest_updates < updates_per_epoch, so rest_updates × GA < len: all full micro-batches.
    let rest_examples = u128::from(rest_updates)
        * u128::from(input.ga)
        * u128::from(input.mbs)
        * u128::from(input.dev);
    let examples_seen = u128::from(full_epochs) * per_epoch + rest_examples;
    // `epoch + (step + 1) / steps_in_epoch` after the last update, in the same float operations.
    let epoch_final = if rest_updates == 0 {
        full_epochs as f64
    } else {
        // rest_updates × GA < len ≤ 10¹³: exact in u64 and in f64.
        full_epochs as f64 + (rest_updates * input.ga) as f64 / len as f64
    };
    let warmup_steps = input.warmup.steps(total_updates);
    Ok(StepsPlan {
        effective_batch,
        batches_per_epoch: len,
        updates_per_epoch,
        accumulation_spans_epoch: input.ga > len,
        total_updates,
        epochs_logged,
        epoch_final,
        examples_seen,
        tokens_seen: examples_seen * u128::from(input.seq),
        examples_per_epoch: per_epoch,
        warmup_steps,
        legacy: LegacyCounts {
            updates_per_epoch: legacy_per_epoch,
            total_updates: legacy_total,
        },
        schedule: Schedule {
            kind: input.sched,
            peak_lr: input.lr,
            warmup: warmup_steps,
            total: total_updates,
            min_lr_ratio: input.min_lr,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::sim::rng::SimRng;

    fn input(n: u64, mbs: u64, ga: u64, dev: u64, epochs: f64) -> StepsInput {
        StepsInput {
            n,
            mbs,
            ga,
            dev,
            epochs,
            ..StepsInput::default()
        }
    }

    // Reference numbers: a real Hugging Face `Trainer` (transformers 5.24.0, accelerate 1.16.0,
    // torch 2.15.0) on a one-parameter model, printed by `tests/reference/trainer_steps.py`.
    // Regenerate with `python tests/reference/trainer_steps.py` (a Python with those packages);
    // each test names the case it copies.

    /// Cases `batch-100`, `batch-200`, `default`: 10,000 examples at an effective
    /// batch of 100 make 100 updates per epoch, at 200 make 50.
    #[test]
    fn ten_thousand_examples_at_batch_100_and_200() {
        let p = plan(&input(10_000, 100, 1, 1, 1.0)).unwrap();
        assert_eq!(
            (p.effective_batch, p.updates_per_epoch, p.total_updates),
            (100, 100, 100)
        );
        let p = plan(&input(10_000, 200, 1, 1, 1.0)).unwrap();
        assert_eq!(p.updates_per_epoch, 50);
        let p = plan(&StepsInput::default()).unwrap();
        assert_eq!(
            (p.effective_batch, p.batches_per_epoch, p.updates_per_epoch),
            (100, 2500, 100)
        );
        assert_eq!(
            (p.total_updates, p.examples_seen, p.warmup_steps),
            (300, 30_000, 30)
        );
        assert_eq!((p.epochs_logged, p.epoch_final), (3, 3.0));
    }

    /// Cases `hf-3-epochs`, `hf-drop-last`, `hf-max-steps`.
    #[test]
    fn hf_trainer_reference_runs() {
        // N=10000, mb=8, GA=4, 3 epochs: len 1250, 313/epoch, 939 steps; older: 312 / 936.
        let p = plan(&input(10_000, 8, 4, 1, 3.0)).unwrap();
        assert_eq!(
            (p.batches_per_epoch, p.updates_per_epoch, p.total_updates),
            (1250, 313, 939)
        );
        assert_eq!(
            (p.legacy.updates_per_epoch, p.legacy.total_updates),
            (312, 936)
        );
        assert_eq!(
            (p.epochs_logged, p.epoch_final, p.examples_seen),
            (3, 3.0, 30_000)
        );
        // N=10001 with drop_last: len 1250, 313, 939, 30,000 examples.
        let p = plan(&StepsInput {
            drop_last: true,
            ..input(10_001, 8, 4, 1, 3.0)
        })
        .unwrap();
        assert_eq!(
            (p.batches_per_epoch, p.updates_per_epoch, p.total_updates),
            (1250, 313, 939)
        );
        assert_eq!(p.examples_seen, 30_000);
        // max_steps = 500: 500 steps, "Num Epochs = 2", state.epoch = 1.5984, 15,984 examples.
        let p = plan(&StepsInput {
            max_steps: Some(500),
            ..input(10_000, 8, 4, 1, 3.0)
        })
        .unwrap();
        assert_eq!((p.total_updates, p.epochs_logged), (500, 2));
        assert_eq!((p.epoch_final, p.examples_seen), (1.5984, 15_984));
    }

    /// Cases `fractional-1.5` and `fractional-2.5`: the log says ⌈epochs⌉, `state.epoch` ends a
    /// little past the epochs asked for.
    #[test]
    fn fractional_epochs_as_the_trainer_reports_them() {
        // 1.5 × 313 = 469.5 → 470 updates: one epoch + 157 updates of 32 examples.
        let p = plan(&input(10_000, 8, 4, 1, 1.5)).unwrap();
        assert_eq!((p.total_updates, p.epochs_logged), (470, 2));
        assert_eq!((p.epoch_final, p.examples_seen), (1.5024, 15_024));
        // N=1000, mb=8, GA=3: len 125, 42/epoch, ⌈2.5 × 42⌉ = 105 updates.
        let p = plan(&input(1_000, 8, 3, 1, 2.5)).unwrap();
        assert_eq!(
            (p.batches_per_epoch, p.updates_per_epoch, p.total_updates),
            (125, 42, 105)
        );
        assert_eq!(p.epochs_logged, 3);
        assert_eq!((p.epoch_final, p.examples_seen), (2.504, 2_504));
    }

    /// Cases `three-devices` and `three-devices-drop-last` (accelerate `prepare_data_loader`
    /// shards, the Trainer's `set_initial_training_values`).
    #[test]
    fn multi_device_lengths_follow_accelerate() {
        // nb = ⌈10000/8⌉ = 1250, ⌈1250/3⌉ = 417 per device.
        assert_eq!(dataloader_len(10_000, 8, 3, false), 417);
        // drop_last: ⌊⌊10000/8⌋/3⌋ = 416.
        assert_eq!(dataloader_len(10_000, 8, 3, true), 416);
        let p = plan(&input(10_000, 8, 4, 3, 1.0)).unwrap();
        assert_eq!(p.updates_per_epoch, 105); // ⌈417/4⌉
        assert_eq!(p.examples_per_epoch, 10_008); // 417 × 8 × 3
        let p = plan(&StepsInput {
            drop_last: true,
            ..input(10_000, 8, 4, 3, 1.0)
        })
        .unwrap();
        assert_eq!((p.updates_per_epoch, p.examples_per_epoch), (104, 9_984));
    }

    #[test]
    fn examples_and_tokens() {
        // One device, no drop: every example once per epoch.
        let p = plan(&input(10_000, 8, 4, 1, 3.0)).unwrap();
        assert_eq!(p.examples_seen, 30_000);
        assert_eq!(p.tokens_seen, 30_000 * 512);
    }

    /// Case `hf-3-epochs`: `get_warmup_steps` gives ⌈939 × 0.1⌉ = 94.
    #[test]
    fn warmup_ratio_rounds_up() {
        let p = plan(&StepsInput {
            warmup: Warmup::Ratio(0.1),
            ..input(10_000, 8, 4, 1, 3.0)
        })
        .unwrap();
        assert_eq!(p.warmup_steps, 94);
    }

    /// Case `accumulation-longer-than-epoch`: N=50, mb=8 → 7 micro-batches per epoch, GA=16,
    /// 2 epochs. The Trainer makes 1 update per epoch, 2 in all, and sees 100 examples.
    #[test]
    fn accumulation_longer_than_an_epoch_makes_one_update_per_epoch() {
        let p = plan(&input(50, 8, 16, 1, 2.0)).unwrap();
        assert_eq!(
            (p.batches_per_epoch, p.updates_per_epoch, p.total_updates),
            (7, 1, 2)
        );
        assert!(p.accumulation_spans_epoch);
        assert_eq!(
            (p.epochs_logged, p.epoch_final, p.examples_seen),
            (2, 2.0, 100)
        );
        assert!(
            !plan(&input(50, 8, 7, 1, 2.0))
                .unwrap()
                .accumulation_spans_epoch
        );
        // An empty epoch under drop_last is still an error.
        let e = plan(&StepsInput {
            drop_last: true,
            ..input(5, 10, 1, 1, 1.0)
        })
        .unwrap_err();
        assert_eq!(e.field, "n");
    }

    /// `dev` became `gpus` (one key with the Memory view); its cap is the Memory view's.
    #[test]
    fn devices_are_read_from_gpus_with_the_memory_cap() {
        let text = StepsText {
            gpus: "4",
            ..StepsText::DEFAULT
        };
        assert_eq!(text.parse().unwrap().dev, 4);
        let text = StepsText {
            gpus: "100000",
            ..StepsText::DEFAULT
        };
        assert_eq!(text.parse().unwrap_err()[0].field, "gpus");
    }

    /// `warmup_steps = 2.5` is accepted and truncated by `int()` to 2 (case `warmup-2.5-linear`).
    #[test]
    fn real_warmup_is_truncated_like_the_trainer() {
        let text = StepsText {
            warmup: "2.5",
            ..StepsText::DEFAULT
        };
        let p = plan(&text.parse().unwrap()).unwrap();
        assert_eq!(p.warmup_steps, 2);
    }

    #[test]
    fn default_text_is_valid() {
        let d = StepsText::DEFAULT.parse().expect("defaults parse");
        assert_eq!(d, StepsInput::default());
        assert_eq!((d.n, d.mbs, d.ga, d.dev), (10_000, 4, 25, 1));
    }

    #[test]
    fn text_parsing_reports_every_bad_field() {
        let text = StepsText {
            n: "10k",
            mbs: "0",
            ga: "abc",
            gpus: "1",
            epochs: "NaN",
            seq: "512",
            drop_last: "0",
            max_steps: "",
            lr: "5e-5",
            warmup: "0.1",
            sched: "cosine",
            min_lr: "0",
        };
        let errors = text.parse().unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["mbs", "ga", "epochs"]);
    }

    /// The next 64 bits of the simulator's seeded generator (property tests only).
    fn next(rng: &mut SimRng) -> u64 {
        rng.next_u64()
    }

    fn pick(state: &mut SimRng, edges: &[u64], max: u64) -> u64 {
        let r = next(state);
        if r.is_multiple_of(3) {
            edges[(r / 3) as usize % edges.len()].clamp(1, max)
        } else {
            1 + (next(state) % max.min(1 << (1 + r % 40)))
        }
    }

    #[test]
    fn property_no_panic_and_sane_outputs() {
        const MIN_PLANNED: usize = 10_000;
        let mut s = SimRng::new(1);
        let edges = [1, 2, 3, 7, 8, 1000, MAX_FACTOR, MAX_EXAMPLES];
        let mut planned = 0;
        for _ in 0..20_000 {
            let inp = StepsInput {
                n: pick(&mut s, &edges, MAX_EXAMPLES),
                mbs: pick(&mut s, &edges, MAX_FACTOR),
                ga: pick(&mut s, &edges, MAX_FACTOR),
                dev: pick(&mut s, &edges, MAX_FACTOR),
                epochs: (next(&mut s) % 10_000) as f64 / 7.0 + 0.01,
                seq: pick(&mut s, &edges, MAX_SEQ),
                drop_last: next(&mut s).is_multiple_of(2),
                max_steps: if next(&mut s).is_multiple_of(4) {
                    Some(pick(&mut s, &edges, MAX_UPDATES))
                } else {
                    None
                },
                warmup: if next(&mut s).is_multiple_of(2) {
                    Warmup::Ratio(0.05)
                } else {
                    Warmup::Steps(10)
                },
                ..StepsInput::default()
            };
            if let Ok(p) = plan(&inp) {
                assert!(p.updates_per_epoch >= 1 && p.total_updates >= 1);
                assert!(p.epoch_final.is_finite() && p.epochs_logged >= 1);
                assert!(p.epoch_final <= p.epochs_logged as f64);
                assert!(p.schedule.lr_at_update(p.total_updates).is_finite());
                planned += 1;
            }
        }
        // The checks above ran on enough inputs that planned (not just on refused ones).
        assert!(
            planned >= MIN_PLANNED,
            "only {planned} of 20000 inputs planned"
        );
    }

    #[test]
    fn property_updates_per_epoch_never_grow_with_a_batch_factor() {
        const MIN_COMPARED: usize = 25_000;
        let mut s = SimRng::new(12345);
        let mut compared = 0;
        for _ in 0..5_000 {
            let base = input(
                1 + next(&mut s) % 1_000_000,
                1 + next(&mut s) % 64,
                1 + next(&mut s) % 16,
                1 + next(&mut s) % 16,
                1.0,
            );
            for drop_last in [false, true] {
                let base = StepsInput { drop_last, ..base };
                let Ok(p0) = plan(&base) else { continue };
                for grown in [
                    StepsInput {
                        mbs: base.mbs + 1,
                        ..base
                    },
                    StepsInput {
                        ga: base.ga + 1,
                        ..base
                    },
                    StepsInput {
                        dev: base.dev + 1,
                        ..base
                    },
                ] {
                    if let Ok(p1) = plan(&grown) {
                        assert!(
                            p1.updates_per_epoch <= p0.updates_per_epoch,
                            "{base:?} -> {grown:?}"
                        );
                        compared += 1;
                    }
                }
            }
        }
        assert!(
            compared >= MIN_COMPARED,
            "only {compared} of 30000 pairs compared"
        );
    }
}
