//! Softmax (multinomial logistic) regression: logits = W x + b. Convex in (W, b).
//! Parameters: W (classes × features, row-major), then b (classes).

use super::classifier::{Net, linear_init};
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
        for (c, o) in out.iter_mut().enumerate().take(k) {
            let row = w.get(c * f..(c + 1) * f).unwrap_or(&[]);
            *o = row.iter().zip(x).map(|(a, b)| a * b).sum::<f64>()
                + b.get(c).copied().unwrap_or(0.0);
        }
    }

    fn backward(
        &self,
        _params: &[f64],
        x: &[f64],
        _scratch: &[f64],
        dlogits: &[f64],
        weight: f64,
        grad: &mut [f64],
    ) {
        let (f, k) = (self.features, self.classes);
        let (gw, gb) = grad.split_at_mut(k * f);
        for (c, &dz) in dlogits.iter().enumerate().take(k) {
            let s = weight * dz;
            if let Some(row) = gw.get_mut(c * f..(c + 1) * f) {
                row.iter_mut().zip(x).for_each(|(g, &xi)| *g += s * xi);
            }
            if let Some(g) = gb.get_mut(c) {
                *g += s;
            }
        }
    }
}
