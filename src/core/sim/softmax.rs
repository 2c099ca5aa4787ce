//! Softmax (multinomial logistic) regression: logits = W x + b. Convex in (W, b).
//! Parameters: W (classes × features, row-major), then b (classes).

use super::classifier::{Net, linear_init};
use super::linalg::{matvec_bias, outer_add};
use super::rng::SimRng;

/// A linear classifier with `features` inputs and `classes` outputs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SoftmaxRegression {
    /// Inputs.
    pub features: usize,
    /// Classes.
    pub classes: usize,
}

impl Net for SoftmaxRegression {
    fn dim(&self) -> usize {
        self.classes * (self.features + 1)
    }

    fn scratch_len(&self) -> usize {
        0
    }

    fn init(&self, rng: &mut SimRng) -> Vec<f64> {
        let mut p = Vec::with_capacity(self.dim());
        linear_init(rng, self.dim(), self.features, &mut p);
        p
    }

    fn forward(&self, params: &[f64], x: &[f64], _scratch: &mut [f64], out: &mut [f64]) {
        let (f, k) = (self.features, self.classes);
        let (w, b) = params.split_at(k * f);
        let x = x.get(..f).unwrap_or(x);
        let k = k.min(out.len());
        matvec_bias(w, x, b, &mut out[..k]);
    }

    fn backward(
        &self,
        _params: &[f64],
        x: &[f64],
        _scratch: &mut [f64],
        dlogits: &[f64],
        weight: f64,
        grad: &mut [f64],
    ) {
        let (f, k) = (self.features, self.classes);
        let (gw, gb) = grad.split_at_mut(k * f);
        let dlogits = dlogits.get(..k).unwrap_or(dlogits);
        let x = x.get(..f).unwrap_or(x);
        // ∂/∂W[c, j] = (weight · dz_c) · x_j, ∂/∂b_c = weight · dz_c.
        outer_add(weight, dlogits, x, gw);
        for (g, &dz) in gb.iter_mut().zip(dlogits) {
            *g += weight * dz;
        }
    }
}
