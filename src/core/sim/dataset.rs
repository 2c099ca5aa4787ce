//! A seeded synthetic classification data set with features on very different scales.
//!
//! Each example has `features` inputs xⱼ = sⱼ·zⱼ, zⱼ ~ N(0, 1), with scales sⱼ spaced geometrically
//! from 0.1 to 10, so the loss curvature along the raw inputs spans four orders of magnitude: the
//! unevenness that Adam (per-coordinate variance) and Sophia (per-coordinate curvature) exploit.
//! Labels come from a fixed random "teacher": y ~ softmax(T z) with T ~ N(0, 9/p), so every feature
//! carries information and the Bayes loss is above zero. A held-out split is drawn the same way.
//!
//! Label noise ([`Dataset::generate_with`]): each training label is, with probability q, replaced by
//! one of the other classes chosen uniformly ("symmetric" noise, the corruption model of Zhang et al.
//! 2017, arXiv:1611.03530, and Rolnick et al. 2017, arXiv:1705.10694). The held-out split keeps
//! the teacher's labels, so its loss measures how well the model learnt the task, not the noise. The
//! flips draw from a stream of their own, so q = 0 gives exactly the data set of [`Dataset::generate`].

use super::rng::SimRng;
use crate::core::error::{ErrorKind, InputError};

/// The default number of training examples (the Steps view's default 10,000).
pub const DEFAULT_TRAIN_SIZE: usize = 10_000;
/// The largest training set accepted.
pub const MAX_TRAIN_SIZE: usize = 50_000;
/// The default held-out size.
pub const DEFAULT_HELDOUT_SIZE: usize = 2_000;
/// The smallest held-out split [`Dataset::generate_with`] draws (so a small training set still
/// has a held-out loss measured on enough examples: its standard error is about 1/√1000 of the
/// per-example spread).
pub const MIN_HELDOUT_SIZE: usize = 1_000;
/// The largest label-noise fraction accepted (at q = 3/4 with 4 classes the labels carry no
/// information; half keeps the true class the most frequent label).
pub const MAX_LABEL_NOISE: f64 = 0.5;
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
        Self::draw(n_train, (n_train / 5).max(1), seed)
    }

    /// The Simulator's data set: `n_train` training examples with a fraction `sim_label_noise`
    /// (0…[`MAX_LABEL_NOISE`], field `sim_label_noise`) of their labels flipped (see the module docs),
    /// and [`heldout_size`]`(n_train)` clean held-out examples. At q = 0 and n ≥ 5,000 it is
    /// exactly [`Dataset::generate`]'s set.
    pub fn generate_with(n_train: usize, label_noise: f64, seed: u64) -> Result<Self, InputError> {
        if !label_noise.is_finite() || label_noise < 0.0 {
            return Err(InputError::new("sim_label_noise", ErrorKind::BelowMin(0.0)));
        }
        if label_noise > MAX_LABEL_NOISE {
            return Err(InputError::new(
                "sim_label_noise",
                ErrorKind::AboveMax(MAX_LABEL_NOISE),
            ));
        }
        let mut data = Self::draw(n_train, heldout_size(n_train), seed)?;
        if label_noise > 0.0 {
            let mut rng = SimRng::derived(seed, 0x0015_E1AB);
            let k = data.classes as u64;
            for y in data.train.y.iter_mut() {
                if rng.uniform() < label_noise {
                    // One of the k − 1 other classes, uniformly.
                    let other = rng.below(k - 1) as usize;
                    *y = if other >= *y { other + 1 } else { other };
                }
            }
        }
        Ok(data)
    }

    fn draw(n_train: usize, n_heldout: usize, seed: u64) -> Result<Self, InputError> {
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
            .map(|j| crate::core::math::pow(10.0, -1.0 + 2.0 * j as f64 / (p - 1) as f64))
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
        let heldout = draw(n_heldout, &mut rng);
        Ok(Dataset {
            train,
            heldout,
            features: p,
            classes: k,
            scales,
        })
    }
}

/// The held-out examples drawn for `n_train` training examples: a fifth of them, at least
/// [`MIN_HELDOUT_SIZE`].
pub fn heldout_size(n_train: usize) -> usize {
    (n_train / 5).max(MIN_HELDOUT_SIZE)
}

/// Replaces logits by softmax probabilities (max-shifted, `crate::core::math::exp`).
pub fn softmax_in_place(v: &mut [f64]) {
    let max = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mut sum = 0.0;
    for x in v.iter_mut() {
        *x = crate::core::math::exp(*x - max);
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

    #[test]
    fn label_noise_flips_that_fraction_of_training_labels_only() {
        let clean = Dataset::generate_with(10_000, 0.0, 3).unwrap();
        assert_eq!(clean, Dataset::generate(10_000, 3).unwrap());
        let noisy = Dataset::generate_with(10_000, 0.3, 3).unwrap();
        assert_eq!(noisy.train.x, clean.train.x);
        assert_eq!(noisy.heldout, clean.heldout);
        let flipped = (noisy.train.y.iter().zip(&clean.train.y))
            .filter(|(a, b)| a != b)
            .count();
        // Binomial(10⁴, 0.3): sd ≈ 46, so ±200 is over 4 sd.
        assert!((flipped as i64 - 3_000).abs() < 200, "{flipped}");
        assert!(noisy.train.y.iter().all(|&y| y < CLASSES));
        let small = Dataset::generate_with(300, 0.1, 3).unwrap();
        assert_eq!(
            (small.train.len(), small.heldout.len()),
            (300, MIN_HELDOUT_SIZE)
        );
        for q in [-0.1, 0.51, f64::NAN] {
            assert_eq!(
                Dataset::generate_with(300, q, 3).unwrap_err().field,
                "sim_label_noise"
            );
        }
    }
}
