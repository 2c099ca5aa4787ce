//! Minibatches of a finite training set: without replacement, from a fresh seeded shuffle each
//! epoch, so an epoch is exactly ⌈n/B⌉ steps and the last batch holds the n mod B leftovers
//! (PyTorch `DataLoader(shuffle=True, drop_last=False)`, whose `len` is ⌈n/B⌉; the Steps view's
//! count in [`crate::core::steps`]).

use super::rng::SimRng;

/// Steps per epoch ⌈n/B⌉ (B = 0 is treated as 1).
pub fn steps_per_epoch(n: usize, batch: usize) -> usize {
    n.div_ceil(batch.max(1))
}

/// Hands out the example indices of successive minibatches.
#[derive(Debug, Clone)]
pub struct EpochSampler {
    order: Vec<usize>,
    batch: usize,
    cursor: usize,
    epoch: u64,
}

impl EpochSampler {
    /// A sampler over `n` examples in batches of `batch` (at least 1; at most n per batch).
    pub fn new(n: usize, batch: usize) -> Self {
        EpochSampler {
            order: (0..n).collect(),
            batch: batch.max(1),
            cursor: n,
            epoch: 0,
        }
    }

    /// The indices of the next minibatch; reshuffles with `rng` at the start of each epoch.
    pub fn next_batch(&mut self, rng: &mut SimRng) -> &[usize] {
        if self.cursor >= self.order.len() {
            rng.shuffle(&mut self.order);
            self.cursor = 0;
            self.epoch += 1;
        }
        let start = self.cursor;
        let end = (start + self.batch).min(self.order.len());
        self.cursor = end;
        &self.order[start..end]
    }

    /// Epochs started so far.
    pub fn epochs_started(&self) -> u64 {
        self.epoch
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_is_a_permutation_with_a_partial_last_batch() {
        // n = 10, B = 4 → ⌈10/4⌉ = 3 steps per epoch, sizes 4, 4, 2.
        assert_eq!(steps_per_epoch(10, 4), 3);
        assert_eq!(steps_per_epoch(10_000, 32), 313);
        let mut rng = SimRng::new(9);
        let mut s = EpochSampler::new(10, 4);
        let mut seen = Vec::new();
        let mut sizes = Vec::new();
        for _ in 0..3 {
            let b = s.next_batch(&mut rng);
            sizes.push(b.len());
            seen.extend_from_slice(b);
        }
        assert_eq!(sizes, vec![4, 4, 2]);
        seen.sort_unstable();
        assert_eq!(seen, (0..10).collect::<Vec<_>>());
        assert_eq!(s.epochs_started(), 1);
        s.next_batch(&mut rng);
        assert_eq!(s.epochs_started(), 2);
    }
}
