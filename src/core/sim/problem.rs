//! The interface every training problem offers the runner, the optimizers and the noise-scale
//! measurement: parameters, losses, a minibatch gradient and a curvature estimate for Sophia.

use super::rng::SimRng;

/// Which examples make up one minibatch.
#[derive(Debug, Clone, Copy)]
pub enum Batch<'a> {
    /// A batch of this many fresh examples from an unlimited stream (the noisy quadratic).
    Stream(usize),
    /// These example indices of a finite training set (drawn by [`super::sampler::EpochSampler`]).
    Examples(&'a [usize]),
}

impl Batch<'_> {
    /// The number of examples in the batch.
    pub fn len(&self) -> usize {
        match self {
            Batch::Stream(b) => *b,
            Batch::Examples(idx) => idx.len(),
        }
    }

    /// Whether the batch is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The gradient-noise statistics at one point, from per-example gradients
/// (McCandlish et al. 2018, arXiv:1812.06162, §2.2 and eqs. 2.8–2.9).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct NoiseStats {
    /// |G|², the squared norm of the mean gradient.
    pub grad_norm2: f64,
    /// tr Σ, the total variance of one example's gradient.
    pub trace_cov: f64,
    /// B_simple = tr Σ / |G|² (eq. 2.9); `None` when |G|² is zero.
    pub b_simple: Option<f64>,
    /// B_noise = tr(HΣ) / GᵀHG (eq. 2.8), only where the Hessian is known exactly.
    pub b_noise: Option<f64>,
    /// How many per-example gradients were averaged (0 when computed in closed form).
    pub samples: usize,
}

impl NoiseStats {
    /// Statistics from |G|² and tr Σ, with B_simple = tr Σ / |G|² when that is finite.
    pub fn from_parts(
        grad_norm2: f64,
        trace_cov: f64,
        b_noise: Option<f64>,
        samples: usize,
    ) -> Self {
        let ratio = trace_cov / grad_norm2;
        NoiseStats {
            grad_norm2,
            trace_cov,
            b_simple: (ratio.is_finite() && ratio >= 0.0).then_some(ratio),
            b_noise: b_noise.filter(|b| b.is_finite() && *b >= 0.0),
            samples,
        }
    }
}

/// A training problem: a parameter vector, its losses, and noisy gradients.
///
/// Implementations never panic on any parameter vector of length [`Problem::dim`]; they may
/// return non-finite losses for diverged parameters, which the runner catches.
pub trait Problem {
    /// The number of parameters.
    fn dim(&self) -> usize;

    /// The number of training examples, or `None` for an unlimited stream (no epochs).
    fn train_size(&self) -> Option<usize>;

    /// Fresh initial parameters drawn from `rng`.
    fn init(&self, rng: &mut SimRng) -> Vec<f64>;

    /// The loss on the whole training set (for the quadratic: the loss ½ θᵀHθ itself).
    fn loss(&self, params: &[f64]) -> f64;

    /// The loss on the held-out split (for the quadratic, equal to [`Problem::loss`]).
    fn heldout_loss(&self, params: &[f64]) -> f64;

    /// Writes the minibatch gradient (mean over the batch) into `grad` and returns the
    /// minibatch loss.
    fn gradient(&self, params: &[f64], batch: Batch<'_>, rng: &mut SimRng, grad: &mut [f64])
    -> f64;

    /// Writes Sophia's curvature estimate into `out`, on the scale of the official code's
    /// `update_hessian` (Liuhong99/Sophia `sophia.py`): the square ĝ⊙ĝ of a minibatch gradient
    /// of the loss on labels sampled from the model (Gauss–Newton–Bartlett), whose expectation is
    /// about diag(H)/B; Sophia multiplies by ρ·bs. Problems with a known Hessian diagonal write
    /// diag(H)/B exactly.
    fn curvature(&self, params: &[f64], batch: Batch<'_>, rng: &mut SimRng, out: &mut [f64]);

    /// Measures the gradient noise at `params` from up to `samples` per-example gradients.
    fn noise_stats(&self, params: &[f64], samples: usize, rng: &mut SimRng) -> NoiseStats;
}
