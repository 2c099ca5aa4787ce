//! The noisy quadratic model (Zhang et al. 2019, "Which Algorithmic Choices Matter at Which Batch
//! Sizes? Insights From a Noisy Quadratic Model", arXiv:1907.04164; code: gd-zhang/
//! noisy-quadratic-model `nqm.ipynb`, “Setup and Details” and `toy_problem`).
//!
//! Loss ℓ(θ) = ½ Σᵢ hᵢ θᵢ² with hᵢ = 1/i (so h_max = 1 and plain SGD is stable below lr = 2).
//! One example's gradient is Hθ plus noise of covariance C = H; a batch of B has covariance H/B,
//! sampled exactly every step as ξᵢ = √(hᵢ/B)·zᵢ with zᵢ ~ N(0, 1) (diagonal H/B), which costs
//! O(d) whatever B is. The initial point is θ₀ ~ N(0, I), so E[ℓ(θ₀)] = ½ Σ hᵢ.
//!
//! **Noise models** ([`NoiseModel`]): the per-example covariance C is H (the notebook's choice,
//! the default) or σ²I with the same trace, σ² = Σhᵢ/d. Sophia's Gauss–Newton–Bartlett estimate
//! (the squared gradient of the loss on labels sampled from the model, Liu et al. 2023, Alg. 2)
//! has expectation diag(F)/B, the Fisher F being the covariance of one example's gradient when
//! the model's own labels are drawn; here that is C/B, so GNB measures the curvature only under
//! C = H. Hutchinson's u ⊙ (Hu) (Alg. 1) measures H whatever the noise.

use super::problem::{Batch, NoiseStats, Problem};
use super::rng::SimRng;
use crate::core::error::{ErrorKind, InputError};

/// The default dimension d (small enough for a sweep in the page; the notebook uses 10⁴).
pub const DEFAULT_NQM_DIM: usize = 100;
/// The largest dimension accepted (the notebook's d = 10⁴).
pub const MAX_NQM_DIM: usize = 10_000;

/// The covariance C of one example's gradient noise (the `sim_noise` URL words).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum NoiseModel {
    /// C = H (Zhang et al. 2019): the noise is largest along the steep directions.
    #[default]
    Hessian,
    /// C = σ²I with σ² = tr H/d: the same total variance, spread evenly.
    Isotropic,
}

impl NoiseModel {
    /// The URL words.
    pub const KEYS: &'static [&'static str] = &["hessian", "isotropic"];

    /// The URL word.
    pub fn key(self) -> &'static str {
        match self {
            NoiseModel::Hessian => "hessian",
            NoiseModel::Isotropic => "isotropic",
        }
    }

    /// Reads a URL word.
    pub fn parse(text: &str, field: &'static str) -> Result<Self, InputError> {
        match text.trim() {
            "hessian" => Ok(NoiseModel::Hessian),
            "isotropic" => Ok(NoiseModel::Isotropic),
            _ => Err(InputError::new(field, ErrorKind::NotOneOf(Self::KEYS))),
        }
    }
}

/// A noisy quadratic with curvatures hᵢ = 1/i, i = 1…d, and per-example gradient-noise
/// covariance C (diagonal: H, or σ²I, see [`NoiseModel`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Nqm {
    h: Vec<f64>,
    /// cᵢ, the per-example noise variance of coordinate i.
    c: Vec<f64>,
    /// √cᵢ.
    sqrt_c: Vec<f64>,
}

impl Nqm {
    /// The model of dimension `dim` (field `dim`), 1 ≤ dim ≤ [`MAX_NQM_DIM`], with C = H.
    pub fn new(dim: usize) -> Result<Self, InputError> {
        Self::with_noise(dim, NoiseModel::Hessian)
    }

    /// The model of dimension `dim` with the noise model `noise`.
    pub fn with_noise(dim: usize, noise: NoiseModel) -> Result<Self, InputError> {
        if dim == 0 {
            return Err(InputError::new("dim", ErrorKind::BelowMin(1.0)));
        }
        if dim > MAX_NQM_DIM {
            return Err(InputError::new(
                "dim",
                ErrorKind::AboveMax(MAX_NQM_DIM as f64),
            ));
        }
        let h: Vec<f64> = (1..=dim).map(|i| 1.0 / i as f64).collect();
        let c: Vec<f64> = match noise {
            NoiseModel::Hessian => h.clone(),
            NoiseModel::Isotropic => {
                let sigma2 = h.iter().sum::<f64>() / dim as f64;
                vec![sigma2; dim]
            }
        };
        let sqrt_c = c.iter().map(|x| x.sqrt()).collect();
        Ok(Nqm { h, c, sqrt_c })
    }

    /// The model restricted to the coordinates `idx` (0-based; out-of-range ones are skipped).
    /// Every coordinate of the quadratic is independent of the others, and so is each of SGD's,
    /// Adam's and Sophia's per-coordinate rules, so a subset behaves as those coordinates of the
    /// whole (with another random stream).
    pub fn subset(&self, idx: &[usize]) -> Nqm {
        let pick =
            |v: &[f64]| -> Vec<f64> { idx.iter().filter_map(|&i| v.get(i).copied()).collect() };
        Nqm {
            h: pick(&self.h),
            c: pick(&self.c),
            sqrt_c: pick(&self.sqrt_c),
        }
    }

    /// The per-example noise variances cᵢ (the diagonal of C).
    pub fn noise_variances(&self) -> &[f64] {
        &self.c
    }

    /// The curvatures h₁ ≥ h₂ ≥ … (the Hessian diagonal).
    pub fn curvatures(&self) -> &[f64] {
        &self.h
    }

    /// The largest curvature h₁ = 1; plain SGD diverges for lr > 2/h_max
    /// (the notebook's recurrence sᵢ ← (1 − αhᵢ)² sᵢ + α²hᵢ/B grows once |1 − αhᵢ| > 1).
    pub fn max_curvature(&self) -> f64 {
        self.h.first().copied().unwrap_or(0.0)
    }

    /// The expected initial loss ½ Σ hᵢ for θ₀ ~ N(0, I) (the notebook's `loss` = ½ Σ hᵢsᵢ at sᵢ = 1).
    pub fn expected_initial_loss(&self) -> f64 {
        0.5 * self.h.iter().sum::<f64>()
    }

    /// The exact noise statistics at `params`: |G|² = Σ (hᵢθᵢ)², tr Σ = Σ cᵢ,
    /// B_noise = tr(HΣ)/GᵀHG = Σ hᵢcᵢ / Σ hᵢ³θᵢ² (McCandlish et al. 2018, eqs. 2.8–2.9; with
    /// C = H, Σ hᵢ² / Σ hᵢ³θᵢ²).
    pub fn exact_noise_stats(&self, params: &[f64]) -> NoiseStats {
        let (mut g2, mut tr, mut tr_h_sigma, mut ghg) = (0.0, 0.0, 0.0, 0.0);
        for ((&h, &c), &t) in self.h.iter().zip(&self.c).zip(params) {
            let g = h * t;
            g2 += g * g;
            tr += c;
            tr_h_sigma += h * c;
            ghg += h * g * g;
        }
        NoiseStats::from_parts(g2, tr, Some(tr_h_sigma / ghg), 0)
    }
}

impl Problem for Nqm {
    fn dim(&self) -> usize {
        self.h.len()
    }

    fn train_size(&self) -> Option<usize> {
        None
    }

    fn init(&self, rng: &mut SimRng) -> Vec<f64> {
        let mut theta = vec![0.0; self.h.len()];
        rng.fill_normals(&mut theta);
        theta
    }

    fn loss(&self, params: &[f64]) -> f64 {
        0.5 * self
            .h
            .iter()
            .zip(params)
            .map(|(&h, &t)| h * t * t)
            .sum::<f64>()
    }

    fn heldout_loss(&self, params: &[f64]) -> f64 {
        self.loss(params)
    }

    fn gradient(
        &self,
        params: &[f64],
        batch: Batch<'_>,
        rng: &mut SimRng,
        grad: &mut [f64],
    ) -> f64 {
        let scale = 1.0 / (batch.len().max(1) as f64).sqrt();
        // The d draws first (one tight loop), then the arithmetic: the same values, in the same order.
        let n = grad.len().min(params.len()).min(self.h.len());
        let (grad, params) = (&mut grad[..n], &params[..n]);
        let (h, sqrt_c) = (&self.h[..n], &self.sqrt_c[..n]);
        rng.fill_normals(grad);
        let mut loss = 0.0;
        for i in 0..n {
            let ht = h[i] * params[i];
            loss += ht * params[i];
            grad[i] = ht + sqrt_c[i] * scale * grad[i];
        }
        0.5 * loss
    }

    /// The GNB estimate's expectation C/B (see the module docs): h/B under C = H.
    fn curvature(&self, _params: &[f64], batch: Batch<'_>, _rng: &mut SimRng, out: &mut [f64]) {
        let inv_b = 1.0 / batch.len().max(1) as f64;
        for (o, &c) in out.iter_mut().zip(&self.c) {
            *o = c * inv_b;
        }
    }

    /// Hutchinson exactly: H is diagonal and the same for every batch, so u ⊙ (Hu)/B = hᵢuᵢ²/B.
    fn hutchinson(&self, _params: &[f64], batch: Batch<'_>, rng: &mut SimRng, out: &mut [f64]) {
        let inv_b = 1.0 / batch.len().max(1) as f64;
        let n = out.len().min(self.h.len());
        rng.fill_normals(&mut out[..n]);
        for (o, &h) in out.iter_mut().zip(&self.h) {
            *o = h * *o * *o * inv_b;
        }
    }

    /// Measured from `samples` sampled per-example gradients hθ + √h·z (unbiased estimates of tr Σ
    /// and |G|², as McCandlish et al. 2018 App. A.1); `samples < 2` gives the exact values.
    /// B_noise is always the exact one, since H is known.
    fn noise_stats(&self, params: &[f64], samples: usize, rng: &mut SimRng) -> NoiseStats {
        let exact = self.exact_noise_stats(params);
        if samples < 2 {
            return exact;
        }
        let m = samples as f64;
        let (mut g2_mean, mut tr) = (0.0, 0.0);
        let mut z = [0.0; 256];
        for ((&h, &sh), &t) in self.h.iter().zip(&self.sqrt_c).zip(params) {
            let (mut sum, mut sum2) = (0.0, 0.0);
            let mut left = samples;
            while left > 0 {
                let chunk = &mut z[..left.min(256)];
                left -= chunk.len();
                rng.fill_normals(chunk);
                for &zk in chunk.iter() {
                    let g = h * t + sh * zk;
                    sum += g;
                    sum2 += g * g;
                }
            }
            let mean = sum / m;
            let var = ((sum2 - m * mean * mean) / (m - 1.0)).max(0.0);
            tr += var;
            g2_mean += mean * mean;
        }
        // E|ḡ|² = |G|² + tr Σ / m (McCandlish et al. 2018, eq. A.1), so subtract the bias.
        let g2 = g2_mean - tr / m;
        NoiseStats::from_parts(g2, tr, exact.b_noise, samples)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initial_loss_and_caps() {
        // For d = 10⁴, ½ Σ 1/i = 4.893803018022191 (`python tests/reference/nqm_exact.py`).
        let big = Nqm::new(10_000).unwrap();
        assert!((big.expected_initial_loss() - 4.893803018022191).abs() < 1e-12);
        assert_eq!(Nqm::new(0).unwrap_err().field, "dim");
        assert_eq!(
            Nqm::new(10_001).unwrap_err().kind,
            ErrorKind::AboveMax(10_000.0)
        );
        assert_eq!(Nqm::new(100).unwrap().max_curvature(), 1.0);
    }

    #[test]
    fn gradient_noise_has_covariance_h_over_b() {
        // Per-example noise covariance H (the notebook's “Setup and Details”), so a batch of B has
        // H/B. At θ = 0 the gradient is pure noise.
        let q = Nqm::new(4).unwrap();
        let mut rng = SimRng::new(11);
        let theta = [0.0; 4];
        let mut g = [0.0; 4];
        let mut var = [0.0; 4];
        let n = 40_000;
        for _ in 0..n {
            q.gradient(&theta, Batch::Stream(8), &mut rng, &mut g);
            for (v, x) in var.iter_mut().zip(g) {
                *v += x * x / n as f64;
            }
        }
        for (i, v) in var.iter().enumerate() {
            let want = q.curvatures()[i] / 8.0;
            assert!(
                (v / want - 1.0).abs() < 0.03,
                "coordinate {i}: {v} vs {want}"
            );
        }
    }

    #[test]
    fn isotropic_noise_keeps_the_trace_and_gnb_follows_the_noise() {
        let d = 50;
        let h = Nqm::new(d).unwrap();
        let iso = Nqm::with_noise(d, NoiseModel::Isotropic).unwrap();
        let tr = |q: &Nqm| q.noise_variances().iter().sum::<f64>();
        assert!((tr(&h) - tr(&iso)).abs() < 1e-12);
        let theta = vec![0.3; d];
        assert!((iso.exact_noise_stats(&theta).trace_cov - tr(&h)).abs() < 1e-12);
        // GNB's expectation is C/B: flat under isotropic noise, h/B under C = H.
        let mut rng = SimRng::new(1);
        let mut est = vec![0.0; d];
        iso.curvature(&theta, Batch::Stream(4), &mut rng, &mut est);
        assert!(
            est.iter()
                .all(|e| (e - tr(&h) / d as f64 / 4.0).abs() < 1e-15)
        );
        h.curvature(&theta, Batch::Stream(4), &mut rng, &mut est);
        assert!((est[1] - 0.5 / 4.0).abs() < 1e-15);
        // Hutchinson: mean of hᵢuᵢ²/B over many draws is hᵢ/B, whatever the noise model.
        let mut mean = vec![0.0; d];
        let n = 20_000;
        for _ in 0..n {
            iso.hutchinson(&theta, Batch::Stream(4), &mut rng, &mut est);
            for (m, e) in mean.iter_mut().zip(&est) {
                *m += e / n as f64;
            }
        }
        for (i, m) in mean.iter().enumerate() {
            let want = h.curvatures()[i] / 4.0;
            assert!((m / want - 1.0).abs() < 0.05, "{i}: {m} vs {want}");
        }
        assert_eq!(
            NoiseModel::parse(" isotropic", "sim_noise"),
            Ok(NoiseModel::Isotropic)
        );
        assert!(NoiseModel::parse("white", "sim_noise").is_err());
    }

    #[test]
    fn measured_noise_scale_matches_exact() {
        let q = Nqm::new(50).unwrap();
        let theta: Vec<f64> = (0..50)
            .map(|i| if i % 2 == 0 { 1.0 } else { -0.5 })
            .collect();
        let exact = q.exact_noise_stats(&theta);
        let measured = q.noise_stats(&theta, 4_000, &mut SimRng::new(5));
        let (be, bm) = (exact.b_simple.unwrap(), measured.b_simple.unwrap());
        assert!((bm / be - 1.0).abs() < 0.1, "{bm} vs {be}");
        // Σ = H makes B_noise = Σh²/Σh³θ²; check one hand value: d = 1, h = 1, θ = 2 → 1/4.
        let one = Nqm::new(1).unwrap().exact_noise_stats(&[2.0]);
        assert_eq!(one.b_noise, Some(0.25));
        assert_eq!(one.b_simple, Some(0.25));
    }
}
