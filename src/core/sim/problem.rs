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

/// How Sophia estimates the Hessian diagonal (the `sophia_est` URL words).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum CurvatureEstimator {
    /// Gauss–Newton–Bartlett (Liu et al. 2023, Alg. 2; SophiaG in the official `sophia.py`): the
    /// square of a minibatch gradient of the loss on labels sampled from the model. Its
    /// expectation is the Gauss–Newton matrix's diagonal (the Fisher), over B.
    #[default]
    Gnb,
    /// Hutchinson (Liu et al. 2023, Alg. 1; the paper's Sophia-H): u ⊙ (Hu) with u ~ N(0, I), an
    /// unbiased estimate of the Hessian diagonal; divided by B here so that SophiaG's step rule
    /// ρ·bs·ĥ applies unchanged (ρ·B·ĥ = ρ·u⊙(Hu)).
    Hutchinson,
}

impl CurvatureEstimator {
    /// The URL words.
    pub const KEYS: &'static [&'static str] = &["gnb", "hutchinson"];

    /// The URL word.
    pub fn key(self) -> &'static str {
        match self {
            CurvatureEstimator::Gnb => "gnb",
            CurvatureEstimator::Hutchinson => "hutchinson",
        }
    }

    /// Reads a URL word.
    pub fn parse(text: &str, field: &'static str) -> Result<Self, crate::core::error::InputError> {
        match text.trim() {
            "gnb" => Ok(CurvatureEstimator::Gnb),
            "hutchinson" => Ok(CurvatureEstimator::Hutchinson),
            _ => Err(crate::core::error::InputError::new(
                field,
                crate::core::error::ErrorKind::NotOneOf(Self::KEYS),
            )),
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

    /// Writes Hutchinson's estimate u ⊙ (H_batch u)/B into `out`, u ~ N(0, I) (Liu et al. 2023,
    /// Alg. 1), on the scale of [`Problem::curvature`] (over B, for SophiaG's ρ·bs factor). The
    /// default takes the Hessian-vector product as a central difference of two minibatch
    /// gradients on the same examples, (∇L(θ + δu) − ∇L(θ − δu))/(2δ) (Pearlmutter 1994 gives it
    /// exactly; a difference suffices at δ = 10⁻⁴·(1 + |θ|∞)/|u|∞). Problems whose gradient on a
    /// [`Batch::Stream`] draws fresh noise must override it (the noisy quadratic does).
    fn hutchinson(&self, params: &[f64], batch: Batch<'_>, rng: &mut SimRng, out: &mut [f64]) {
        let d = params.len().min(out.len());
        let mut u = vec![0.0; d];
        rng.fill_normals(&mut u);
        let u_max = u.iter().fold(0.0_f64, |m, x| m.max(x.abs())).max(1e-12);
        let p_max = params.iter().fold(0.0_f64, |m, x| m.max(x.abs()));
        let delta = 1e-4 * (1.0 + p_max) / u_max;
        let shifted = |sign: f64| -> Vec<f64> {
            params
                .iter()
                .zip(&u)
                .map(|(p, ui)| p + sign * delta * ui)
                .collect()
        };
        let (mut gp, mut gm) = (vec![0.0; d], vec![0.0; d]);
        self.gradient(&shifted(1.0), batch, rng, &mut gp);
        self.gradient(&shifted(-1.0), batch, rng, &mut gm);
        let inv_b = 1.0 / batch.len().max(1) as f64;
        for (i, o) in out.iter_mut().enumerate().take(d) {
            let hu = (gp[i] - gm[i]) / (2.0 * delta);
            *o = u[i] * hu * inv_b;
        }
    }

    /// The estimate `est` asks for: [`Problem::curvature`] or [`Problem::hutchinson`].
    fn estimate_curvature(
        &self,
        est: CurvatureEstimator,
        params: &[f64],
        batch: Batch<'_>,
        rng: &mut SimRng,
        out: &mut [f64],
    ) {
        match est {
            CurvatureEstimator::Gnb => self.curvature(params, batch, rng, out),
            CurvatureEstimator::Hutchinson => self.hutchinson(params, batch, rng, out),
        }
    }

    /// Measures the gradient noise at `params` from up to `samples` per-example gradients.
    fn noise_stats(&self, params: &[f64], samples: usize, rng: &mut SimRng) -> NoiseStats;
}
