//! The cross-platform determinism check: a fixed small run whose final loss must have the same bit
//! pattern natively and in WASM (a wasm-bindgen test compares [`golden_final_loss`] with
//! [`GOLDEN_FINAL_LOSS_BITS`]).

use super::classifier::Classifier;
use super::dataset::{CLASSES, Dataset, FEATURES};
use super::mlp::{DEFAULT_HIDDEN, Mlp};
use super::nqm::Nqm;
use super::optim::OptimizerKind;
use super::run::{RunSpec, run};
use super::softmax::SoftmaxRegression;
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

/// `f64::to_bits` of [`golden_classifier_loss`], produced natively (x86-64, rustc 1.95). It pins
/// the classifier kernels of [`super::linalg`] (the two-lane dot products, the tanh, exp and ln
/// kernels), which
/// run as SIMD code in WASM and as their scalar twins natively: the two must agree bit for bit.
pub const GOLDEN_CLASSIFIER_LOSS_BITS: u64 = 0x4010_9afe_4b3a_1cb4;

/// The sum of the last whole-set training and held-out losses of two fixed runs on a synthetic
/// data set of 600 examples (seed 7): the MLP (16 inputs, 32 hidden units, 4 classes) with AdamW
/// at B = 32 for 60 updates, and
/// softmax regression with Sophia (curvature refreshes, sampled labels) at B = 16 for 60 updates.
pub fn golden_classifier_loss() -> f64 {
    let Ok(data) = Dataset::generate(600, 7) else {
        return f64::NAN;
    };
    let spec = |kind: OptimizerKind, b: usize, lr: f64| RunSpec {
        optimizer: kind.config(),
        batch_size: b,
        schedule: Schedule::constant(lr, 60),
        steps: 60,
        seed: 11,
        eval_every: 20,
    };
    let mlp = Classifier::new(
        Mlp {
            features: FEATURES,
            hidden: DEFAULT_HIDDEN,
            classes: CLASSES,
        },
        data.clone(),
    );
    let softmax = Classifier::new(
        SoftmaxRegression {
            features: FEATURES,
            classes: CLASSES,
        },
        data,
    );
    let last = |t: super::run::Trajectory| {
        t.evals
            .last()
            .map_or(f64::NAN, |e| e.train_loss + e.heldout_loss)
    };
    last(run(&mlp, &spec(OptimizerKind::AdamW, 32, 0.01)))
        + last(run(&softmax, &spec(OptimizerKind::Sophia, 16, 0.01)))
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

    #[test]
    fn golden_classifier_value_is_reproduced() {
        let v = golden_classifier_loss();
        assert!(v.is_finite());
        assert_eq!(
            v.to_bits(),
            GOLDEN_CLASSIFIER_LOSS_BITS,
            "got {v:e} = {:#x}",
            v.to_bits()
        );
    }
}
