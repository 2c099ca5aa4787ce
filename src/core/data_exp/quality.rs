//! Quality over quantity: one synthetic task learned from n clean examples or from m examples of
//! which a fraction p of labels were replaced by random classes, for the same number of draws,
//! each scored on the same clean held-out set. The break-even is the smallest m on a grid whose
//! noisy run ends no worse than the clean one.

use super::trainer::{BATCH, Trainer};
use super::world::{PHRASINGS, TaskGen};
use crate::core::sim::rng::SimRng;

/// Default clean examples n.
pub const DEFAULT_N: usize = 200;
/// Default multiple k (the noisy set has k·n examples).
pub const DEFAULT_K: f64 = 4.0;
/// Default label-noise fraction p.
pub const DEFAULT_NOISE: f64 = 0.4;
/// Draws per run (the same for every data set).
pub const DRAWS: usize = 3_000;
/// Clean held-out examples.
pub const HELDOUT: usize = 1_000;
/// Multiples of n tried for the break-even.
pub const GRID: [f64; 9] = [1.0, 1.5, 2.0, 3.0, 4.0, 6.0, 8.0, 12.0, 16.0];
/// Largest noisy set simulated.
pub const MAX_EXAMPLES: usize = 20_000;
/// Largest clean set n the page accepts.
pub const MAX_CLEAN: usize = 1_000;
/// Largest multiple k the page accepts (so k·n ≤ [`MAX_EXAMPLES`]).
pub const MAX_MULTIPLE: f64 = 20.0;

/// The lowest held-out loss over a run on `n` examples with label noise `noise` (seeded): the
/// loss with early stopping, so that a small clean set is not judged by how far it overfits.
pub fn heldout(n: usize, noise: f64, seed: u64) -> f64 {
    trainer(n, noise, seed).map_or(f64::NAN, |mut t| {
        t.finish();
        t.best(0)
    })
}

/// The run on `n` examples with noise `noise`, ready to advance; `None` for n = 0 or above
/// [`MAX_EXAMPLES`]. The task, its held-out set and the clean labels' inputs come from `seed`;
/// the noisy set's labels are corrupted independently of its size.
pub fn trainer(n: usize, noise: f64, seed: u64) -> Option<Trainer> {
    if n == 0 || n > MAX_EXAMPLES || !(0.0..=1.0).contains(&noise) {
        return None;
    }
    let g = TaskGen::new(seed, 100);
    let held = g.draw(HELDOUT, PHRASINGS, 0.0, &mut SimRng::derived(seed, 0x0E1D));
    let train = g.draw(n, PHRASINGS, noise, &mut SimRng::derived(seed, 0x7EA1));
    Some(Trainer::new(
        vec![train],
        vec![held],
        vec![1.0],
        DRAWS / BATCH,
        seed,
    ))
}

/// The quality experiment's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Quality {
    /// Held-out loss after n clean examples.
    pub clean: f64,
    /// Held-out loss after k·n noisy examples.
    pub noisy: f64,
    /// The smallest multiple of n on [`GRID`] whose noisy run is no worse than the clean one.
    pub break_even: Option<f64>,
}

/// The smallest multiple on the grid whose noisy run's held-out loss (`(multiple, loss)`, in
/// grid order) is no worse than `clean`; `None` when no multiple on the grid gets there.
pub fn break_even(clean: f64, grid: &[(f64, f64)]) -> Option<f64> {
    grid.iter().find(|(_, l)| *l <= clean).map(|(m, _)| *m)
}

/// The noisy set's size for `n` clean examples and multiple `k`: ⌊k·n⌉, at least 1.
pub fn noisy_size(n: usize, k: f64) -> usize {
    ((n as f64 * k).round() as usize).max(1)
}

/// Runs the comparison and the break-even search (all at once; the page slices by calling
/// [`heldout`] per run).
pub fn run(n: usize, k: f64, noise: f64, seed: u64) -> Quality {
    let clean = heldout(n, 0.0, seed);
    let noisy = heldout(noisy_size(n, k), noise, seed);
    let grid: Vec<(f64, f64)> = GRID
        .iter()
        .map(|&g| (g, heldout(noisy_size(n, g), noise, seed)))
        .collect();
    let break_even = break_even(clean, &grid);
    Quality {
        clean,
        noisy,
        break_even,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// With 40 % of labels random, as many noisy examples as clean ones are clearly worse, and
    /// the break-even, if any, lies above 1 × n.
    #[test]
    fn clean_beats_the_same_count_noisy() {
        let q = run(DEFAULT_N, DEFAULT_K, DEFAULT_NOISE, 1);
        let same = heldout(DEFAULT_N, DEFAULT_NOISE, 1);
        eprintln!("{q:?} same-size noisy {same}");
        assert!(same > q.clean + 0.05, "{same} vs {}", q.clean);
        assert!(q.break_even.is_none_or(|b| b > 1.0));
        assert_eq!(q, run(DEFAULT_N, DEFAULT_K, DEFAULT_NOISE, 1));
    }
}
