//! Diversity: one synthetic task whose inputs come in [`PHRASINGS`] phrasings (random linear
//! embeddings of the same meaning); training sees only a fraction `coverage` of them, the
//! held-out set all of them.

use super::trainer::{BATCH, Trainer};
use super::world::{PHRASINGS, TaskGen};
use crate::core::sim::rng::SimRng;

/// Training examples.
pub const EXAMPLES: usize = 400;
/// Draws per run.
pub const DRAWS: usize = 4_000;
/// Held-out examples (all phrasings).
pub const HELDOUT: usize = 1_000;
/// The coverages of the sweep, in percent of the phrasings.
pub const SWEEP: [u32; 4] = [25, 50, 75, 100];

/// The coverages run: the sweep and `chosen` (a fraction in (0, 1]), as fractions in increasing
/// order, without repeats (compared in whole percent).
pub fn coverages(chosen: f64) -> Vec<f64> {
    let mut pct: Vec<u32> = SWEEP.to_vec();
    if chosen.is_finite() && chosen > 0.0 {
        pct.push(percent(chosen));
    }
    pct.sort_unstable();
    pct.dedup();
    pct.into_iter().map(|p| f64::from(p) / 100.0).collect()
}

/// A coverage in whole percent (at least 1), as the figures name it.
pub fn percent(coverage: f64) -> u32 {
    ((coverage * 100.0).round() as u32).clamp(1, 100)
}

/// Phrasings present in training for `coverage` in (0, 1]: ⌈coverage·P⌉, at least 1.
pub fn phrasings(coverage: f64) -> usize {
    ((coverage * PHRASINGS as f64).ceil() as usize).clamp(1, PHRASINGS)
}

/// The run at `coverage`, ready to advance.
pub fn trainer(coverage: f64, seed: u64) -> Trainer {
    let g = TaskGen::new(seed, 200);
    let held = g.draw(HELDOUT, PHRASINGS, 0.0, &mut SimRng::derived(seed, 0xD1E5));
    let train = g.draw(
        EXAMPLES,
        phrasings(coverage),
        0.0,
        &mut SimRng::derived(seed, 0xD1E6),
    );
    Trainer::new(vec![train], vec![held], vec![1.0], DRAWS / BATCH, seed)
}

/// Final held-out loss at `coverage`.
pub fn heldout(coverage: f64, seed: u64) -> f64 {
    let mut t = trainer(coverage, seed);
    t.finish();
    t.last(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Held-out loss falls as coverage rises, and full coverage beats a quarter by a wide margin.
    #[test]
    fn coverage_lowers_heldout_loss() {
        let losses: Vec<f64> = SWEEP
            .iter()
            .map(|&c| heldout(f64::from(c) / 100.0, 1))
            .collect();
        eprintln!("{losses:?}");
        assert!(losses.windows(2).all(|w| w[1] < w[0]), "{losses:?}");
        assert!(losses[0] > losses[3] + 0.2, "{losses:?}");
        assert_eq!(phrasings(0.01), 1);
        assert_eq!(phrasings(1.0), PHRASINGS);
        assert_eq!(coverages(0.25), vec![0.25, 0.5, 0.75, 1.0]);
        assert_eq!(coverages(0.1), vec![0.1, 0.25, 0.5, 0.75, 1.0]);
        assert_eq!(percent(0.004), 1);
    }
}
