//! A two-layer perceptron classifier: logits = W₂ tanh(W₁x + b₁) + b₂. Non-convex.
//! Parameters: W₁ (hidden × features), b₁ (hidden), W₂ (classes × hidden), b₂ (classes), row-major.

use super::classifier::{Net, linear_init};
use super::rng::SimRng;

/// The default hidden width.
pub const DEFAULT_HIDDEN: usize = 32;

/// A one-hidden-layer tanh network.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mlp {
    /// Inputs.
    pub features: usize,
    /// Hidden units.
    pub hidden: usize,
    /// Classes.
    pub classes: usize,
}

impl Mlp {
    fn offsets(&self) -> (usize, usize, usize) {
        let (f, h, k) = (self.features, self.hidden, self.classes);
        (h * f, h * f + h, h * f + h + k * h)
    }
}

impl Net for Mlp {
    fn dim(&self) -> usize {
        self.offsets().2 + self.classes
    }

    fn scratch_len(&self) -> usize {
        self.hidden
    }

    fn init(&self, rng: &mut SimRng) -> Vec<f64> {
        let (f, h, k) = (self.features, self.hidden, self.classes);
        let mut p = Vec::with_capacity(self.dim());
        linear_init(rng, h * f, f, &mut p);
        linear_init(rng, h, f, &mut p);
        linear_init(rng, k * h, h, &mut p);
        linear_init(rng, k, h, &mut p);
        p
    }

    fn forward(&self, params: &[f64], x: &[f64], scratch: &mut [f64], out: &mut [f64]) {
        let (f, h) = (self.features, self.hidden);
        let (o_b1, o_w2, o_b2) = self.offsets();
        for (j, a) in scratch.iter_mut().enumerate().take(h) {
            let row = params.get(j * f..(j + 1) * f).unwrap_or(&[]);
            let pre = row.iter().zip(x).map(|(w, x)| w * x).sum::<f64>()
                + params.get(o_b1 + j).copied().unwrap_or(0.0);
            *a = libm::tanh(pre);
        }
        for (c, o) in out.iter_mut().enumerate() {
            let row = params.get(o_w2 + c * h..o_w2 + (c + 1) * h).unwrap_or(&[]);
            *o = row
                .iter()
                .zip(scratch.iter())
                .map(|(w, a)| w * a)
                .sum::<f64>()
                + params.get(o_b2 + c).copied().unwrap_or(0.0);
        }
    }

    fn backward(
        &self,
        params: &[f64],
        x: &[f64],
        scratch: &[f64],
        dlogits: &[f64],
        weight: f64,
        grad: &mut [f64],
    ) {
        let (f, h) = (self.features, self.hidden);
        let (o_b1, o_w2, o_b2) = self.offsets();
        for j in 0..h {
            let a = scratch.get(j).copied().unwrap_or(0.0);
            // ∂loss/∂a_j = Σ_c dz_c W₂[c, j]; tanh' = 1 − a².
            let mut da = 0.0;
            for (c, &dz) in dlogits.iter().enumerate() {
                let s = weight * dz;
                da += s * params.get(o_w2 + c * h + j).copied().unwrap_or(0.0);
                if let Some(g) = grad.get_mut(o_w2 + c * h + j) {
                    *g += s * a;
                }
            }
            let dpre = da * (1.0 - a * a);
            if let Some(row) = grad.get_mut(j * f..(j + 1) * f) {
                row.iter_mut().zip(x).for_each(|(g, &xi)| *g += dpre * xi);
            }
            if let Some(g) = grad.get_mut(o_b1 + j) {
                *g += dpre;
            }
        }
        for (c, &dz) in dlogits.iter().enumerate() {
            if let Some(g) = grad.get_mut(o_b2 + c) {
                *g += weight * dz;
            }
        }
    }
}
