//! A seeded synthetic classification data set with features on very different scales.
//!
//! Each example has `features` inputs xⱼ = sⱼ·zⱼ, zⱼ ~ N(0, 1), with scales sⱼ spaced geometrically
//! from 0.1 to 10, so the loss curvature along the raw inputs spans four orders of magnitude: the
//! unevenness that Adam (per-coordinate variance) and Sophia (per-coordinate curvature) exploit.
//! Labels come from a fixed random "teacher": y ~ softmax(T z) with T ~ N(0, 9/p), so every feature
//! carries information and the Bayes loss is above zero. A held-out split is drawn the same way.

use super::rng::SimRng;
use crate::core::error::{ErrorKind, InputError};

/// The default number of training examples (the Steps view's default 10,000).
pub const DEFAULT_TRAIN_SIZE: usize = 10_000;
/// The largest training set accepted.
pub const MAX_TRAIN_SIZE: usize = 50_000;
/// The default held-out size.
pub const DEFAULT_HELDOUT_SIZE: usize = 2_000;
/// Input features.
pub const FEATURES: usize = 16;
/// Classes.
pub const CLASSES: usize = 4;

/// Examples and labels, row-major.
#[derive(Debug, Clone, PartialEq)]
pub struct Split {
    /// Inputs, `len × features`.
    pub x: Vec<f64>,
    /// Labels in `0..classes`.
    pub y: Vec<usize>,
}

impl Split {
    /// The number of examples.
    pub fn len(&self) -> usize {
        self.y.len()
    }

    /// Whether there are no examples.
    pub fn is_empty(&self) -> bool {
        self.y.is_empty()
    }
}

/// The data set: a training split, a held-out split and its shape.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    /// Training examples.
    pub train: Split,
    /// Held-out examples.
    pub heldout: Split,
    /// Inputs per example.
    pub features: usize,
    /// Number of classes.
    pub classes: usize,
    /// The input scales sⱼ.
    pub scales: Vec<f64>,
}

impl Dataset {
    /// Generates `n_train` (field `n`, 1…[`MAX_TRAIN_SIZE`]) training and `n_train / 5` held-out
    /// examples (at least 1) from `seed`.
    pub fn generate(n_train: usize, seed: u64) -> Result<Self, InputError> {
        if n_train == 0 {
            return Err(InputError::new("n", ErrorKind::BelowMin(1.0)));
        }
        if n_train > MAX_TRAIN_SIZE {
            return Err(InputError::new(
                "n",
                ErrorKind::AboveMax(MAX_TRAIN_SIZE as f64),
            ));
        }
        let (p, k) = (FEATURES, CLASSES);
        let scales: Vec<f64> = (0..p)
            .map(|j| libm::pow(10.0, -1.0 + 2.0 * j as f64 / (p - 1) as f64))
            .collect();
        let mut rng = SimRng::derived(seed, 0xDA7A);
        let t_scale = 3.0 / (p as f64).sqrt();
        let teacher: Vec<f64> = (0..k * p).map(|_| t_scale * rng.normal()).collect();
        let draw = |n: usize, rng: &mut SimRng| {
            let mut x = Vec::with_capacity(n * p);
            let mut y = Vec::with_capacity(n);
            let mut z = vec![0.0; p];
            let mut prob = vec![0.0; k];
            for _ in 0..n {
                rng.fill_normals(&mut z);
                x.extend(z.iter().zip(&scales).map(|(&zj, &s)| s * zj));
                for (c, pc) in prob.iter_mut().enumerate() {
                    *pc = teacher[c * p..(c + 1) * p]
                        .iter()
                        .zip(&z)
                        .map(|(t, z)| t * z)
                        .sum();
                }
                softmax_in_place(&mut prob);
                y.push(rng.categorical(&prob));
            }
            Split { x, y }
        };
        let train = draw(n_train, &mut rng);
        let heldout = draw((n_train / 5).max(1), &mut rng);
        Ok(Dataset {
            train,
            heldout,
            features: p,
            classes: k,
            scales,
        })
    }
}

/// Replaces logits by softmax probabilities (max-shifted, `libm::exp`).
pub fn softmax_in_place(v: &mut [f64]) {
    let max = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mut sum = 0.0;
    for x in v.iter_mut() {
        *x = libm::exp(*x - max);
        sum += *x;
    }
    for x in v.iter_mut() {
        *x /= sum;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_scales_and_determinism() {
        let a = Dataset::generate(1_000, 4).unwrap();
        assert_eq!(a.train.len(), 1_000);
        assert_eq!(a.heldout.len(), 200);
        assert_eq!(a.train.x.len(), 1_000 * FEATURES);
        assert_eq!(a, Dataset::generate(1_000, 4).unwrap());
        assert_ne!(a.train.y, Dataset::generate(1_000, 5).unwrap().train.y);
        // The last feature's spread is 100× the first's.
        let sd = |j: usize| {
            let v: f64 = (0..1_000)
                .map(|i| a.train.x[i * FEATURES + j].powi(2))
                .sum::<f64>()
                / 1_000.0;
            v.sqrt()
        };
        assert!((sd(FEATURES - 1) / sd(0) / 100.0 - 1.0).abs() < 0.2);
        // Every class occurs.
        for c in 0..CLASSES {
            assert!(a.train.y.iter().filter(|&&y| y == c).count() > 50);
        }
        assert_eq!(Dataset::generate(0, 1).unwrap_err().field, "n");
        assert!(Dataset::generate(MAX_TRAIN_SIZE + 1, 1).is_err());
    }
}
