//! Live data experiments for the Data view: a small model trained in the page on synthetic tasks,
//! so that the mixing arithmetic of [`crate::core::mix`] (rates, caps K, temperature T, epochs per
//! task), the value of clean labels and the value of diverse inputs can be watched, not only read.
//!
//! * [`world`]: the synthetic tasks. Each task has its own labelling rule (a random linear
//!   "teacher" on a latent meaning z, labels y ~ softmax(T z), so even a perfect model has a loss
//!   above zero) and its own input distribution: several "phrasings", each a different random
//!   linear embedding x = R_j z + noise of the same meaning (the diversity experiment trains on a
//!   subset of them and tests on all).
//! * [`trainer`]: one shared softmax regression ([`crate::core::sim::softmax::SoftmaxRegression`],
//!   called through the simulator's public [`crate::core::sim::classifier::Net`] API) over the
//!   input `[x ⊗ task one-hot, task one-hot]`, trained by minibatch SGD with cross-entropy. Each
//!   minibatch slot picks its task with the mixing rates the Data view computes
//!   ([`crate::core::mix::Mixing::rates`], seqio's rule) and the example from a per-task shuffle
//!   repeated epoch after epoch (how seqio repeats a task's data set). Resumable in slices.
//! * [`mixing`]: the multi-task experiment and the four-scheme comparison; [`quality`]: clean
//!   against noisy labels; [`diversity`]: coverage of phrasings.
//!
//! All randomness comes from [`crate::core::sim::rng::SimRng`] with fixed seeds, so every figure
//! is a deterministic function of the URL.

pub mod diversity;
pub mod mixing;
pub mod quality;
pub mod settings;
pub mod trainer;
pub mod world;

#[cfg(test)]
mod timing {
    use super::mixing::{SCHEMES, SEED, scheme_mixing, sim_size, trainer};
    use std::time::Instant;

    /// Wall time of each experiment's default (`cargo test --release --lib data_exp::timing --
    /// --ignored --nocapture`); ignored because timings depend on the machine.
    #[test]
    #[ignore]
    fn default_experiment_times() {
        let size = sim_size(&[24_000.0, 3_000.0, 250.0], 30_000.0).unwrap();
        let t0 = Instant::now();
        let mut one = trainer(&size, scheme_mixing("examples", &size, None, 1.0), SEED);
        one.finish();
        let single = t0.elapsed();
        let t1 = Instant::now();
        for w in SCHEMES {
            let mut t = trainer(&size, scheme_mixing(w, &size, None, 1.0), SEED);
            t.finish();
        }
        let cmp = t1.elapsed();
        let t2 = Instant::now();
        let q = super::quality::run(200, 4.0, 0.4, SEED);
        let quality = t2.elapsed();
        let t3 = Instant::now();
        for c in super::diversity::SWEEP {
            super::diversity::heldout(f64::from(c) / 100.0, SEED);
        }
        let diversity = t3.elapsed();
        eprintln!(
            "mix run {single:?}; comparison {cmp:?}; quality {quality:?} ({q:?}); diversity {diversity:?}"
        );
    }
}
