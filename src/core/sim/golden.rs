//! The cross-platform determinism check: a fixed small run whose final loss must have the same bit
//! pattern natively and in WASM (a wasm-bindgen test compares [`golden_final_loss`] with
//! [`GOLDEN_FINAL_LOSS_BITS`]).

use super::nqm::Nqm;
use super::optim::OptimizerKind;
use super::run::{RunSpec, run};
use crate::core::schedule::{Schedule, ScheduleKind};

/// `f64::to_bits` of [`golden_final_loss`], produced natively (x86-64, rustc 1.95). Any change to the
/// generator, the normal transform, the NQM or an optimizer's arithmetic changes it: update it
/// only together with such a deliberate change.
pub const GOLDEN_FINAL_LOSS_BITS: u64 = 0x3fe5_1c0e_e194_1f75;

/// The last loss of a fixed run that touches every kernel kind: NQM d = 100, AdamW at B = 8 with a
/// cosine schedule (libm `cos`, `pow`), 200 updates, seed 2024, then Sophia (Hessian refreshes) for
/// 50 more from the same seed; returns the sum of the two final losses.
pub fn golden_final_loss() -> f64 {
    let Ok(q) = Nqm::new(100) else {
        return f64::NAN;
    };
    let adamw = RunSpec {
        optimizer: OptimizerKind::AdamW.config(),
        batch_size: 8,
        schedule: Schedule {
            kind: ScheduleKind::Cosine,
            peak_lr: 0.05,
            warmup: 20,
            total: 200,
            min_lr_ratio: 0.0,
        },
        steps: 200,
        seed: 2024,
        eval_every: 0,
    };
    let sophia = RunSpec {
        optimizer: OptimizerKind::Sophia.config(),
        schedule: Schedule::constant(0.01, 50),
        steps: 50,
        ..adamw
    };
    let a = run(&q, &adamw).loss.last().copied().unwrap_or(f64::NAN);
    let s = run(&q, &sophia).loss.last().copied().unwrap_or(f64::NAN);
    a + s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn golden_value_is_reproduced() {
        let v = golden_final_loss();
        assert!(v.is_finite());
        assert_eq!(
            v.to_bits(),
            GOLDEN_FINAL_LOSS_BITS,
            "got {v:e} = {:#x}",
            v.to_bits()
        );
    }
}
