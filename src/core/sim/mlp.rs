//! A two-layer perceptron classifier: logits = W₂ tanh(W₁x + b₁) + b₂. Non-convex.
//! Parameters: W₁ (hidden × features), b₁ (hidden), W₂ (classes × hidden), b₂ (classes), row-major.
//! The layer products and tanh are the kernels of [`super::linalg`] (SIMD in WASM, bit-identical
//! scalar twins natively).

use super::classifier::{Net, linear_init};
use super::linalg::{matvec_bias, matvec_t_add, outer_add, tanh_in_place};
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

    /// The hidden activations, then room for ∂loss/∂(pre-activation) in back-propagation.
    fn scratch_len(&self) -> usize {
        2 * self.hidden
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
        let x = x.get(..f).unwrap_or(x);
        let (w1, rest) = params.split_at(o_b1.min(params.len()));
        let (b1, rest) = rest.split_at(h.min(rest.len()));
        let (w2, b2) = rest.split_at((o_b2 - o_w2).min(rest.len()));
        let Some(act) = scratch.get_mut(..h) else {
            return;
        };
        matvec_bias(w1, x, b1, act);
        tanh_in_place(act);
        matvec_bias(w2, act, b2, out);
    }

    fn backward(
        &self,
        params: &[f64],
        x: &[f64],
        scratch: &mut [f64],
        dlogits: &[f64],
        weight: f64,
        grad: &mut [f64],
    ) {
        let (f, h) = (self.features, self.hidden);
        let (o_b1, o_w2, o_b2) = self.offsets();
        let x = x.get(..f).unwrap_or(x);
        let w2 = params.get(o_w2..o_b2).unwrap_or(&[]);
        let Some((act, rest)) = scratch.split_at_mut_checked(h) else {
            return;
        };
        let Some(da) = rest.get_mut(..h) else {
            return;
        };
        let (g_w1, g_rest) = grad.split_at_mut(o_b1.min(grad.len()));
        let (g_b1, g_rest) = g_rest.split_at_mut(h.min(g_rest.len()));
        let (g_w2, g_b2) = g_rest.split_at_mut((o_b2 - o_w2).min(g_rest.len()));
        // ∂loss/∂a_j = Σ_c (weight · dz_c) W₂[c, j], summed over c in turn.
        da.iter_mut().for_each(|d| *d = 0.0);
        matvec_t_add(weight, dlogits, w2, da);
        // ∂/∂W₂[c, j] = (weight · dz_c) a_j; ∂/∂b₂ = weight · dz.
        outer_add(weight, dlogits, act, g_w2);
        for (g, &dz) in g_b2.iter_mut().zip(dlogits) {
            *g += weight * dz;
        }
        // Through tanh (tanh' = 1 − a²), then ∂/∂W₁[j, i] = dpre_j x_i and ∂/∂b₁ = dpre.
        for (d, &a) in da.iter_mut().zip(act.iter()) {
            *d *= 1.0 - a * a;
        }
        outer_add(1.0, da, x, g_w1);
        for (g, &d) in g_b1.iter_mut().zip(da.iter()) {
            *g += d;
        }
    }
}
