//! A classifier trained with cross-entropy on the synthetic [`Dataset`]: the [`Problem`] shared by
//! the linear (softmax regression) and the non-linear (MLP) model, which differ only in their
//! [`Net`] (forward pass and back-propagation).
//!
//! Sophia's curvature estimate is the Gauss–Newton–Bartlett one of the official training loop
//! (Liuhong99/Sophia at a7e1572, README and `train_sophiag.py`: `Categorical(logits=logits)
//! .sample()`, cross-entropy on the sampled labels, `update_hessian`): labels ŷ ~ softmax(logits)
//! are sampled from the model, ĝ is the mean gradient of the loss on (x, ŷ) over the batch, and the
//! estimate is ĝ⊙ĝ (Liu et al. 2023, arXiv:2305.14342, the GNB estimator without its factor B,
//! which `sophia.py` applies as ρ·bs in `step`).

use std::borrow::Cow;

use super::dataset::{Dataset, Split};
use super::problem::{Batch, NoiseStats, Problem};
use super::rng::SimRng;

/// A differentiable model from one input row to class logits.
pub trait Net {
    /// The number of parameters.
    fn dim(&self) -> usize;
    /// The length of the scratch buffer the forward pass fills (hidden activations).
    fn scratch_len(&self) -> usize;
    /// Initial parameters (PyTorch `nn.Linear` default: U(−1/√fan_in, 1/√fan_in) for weights and biases).
    fn init(&self, rng: &mut SimRng) -> Vec<f64>;
    /// Writes the logits of input `x` into `out`, keeping what back-propagation needs in `scratch`.
    fn forward(&self, params: &[f64], x: &[f64], scratch: &mut [f64], out: &mut [f64]);
    /// Adds `weight` × ∂(loss)/∂params into `grad`, given ∂(loss)/∂logits and the forward's
    /// `scratch` (which it may use for its own intermediate values past what the forward wrote).
    fn backward(
        &self,
        params: &[f64],
        x: &[f64],
        scratch: &mut [f64],
        dlogits: &[f64],
        weight: f64,
        grad: &mut [f64],
    );
}

/// Uniform initialisation in (−1/√fan_in, 1/√fan_in) (PyTorch `nn.Linear.reset_parameters`).
pub fn linear_init(rng: &mut SimRng, count: usize, fan_in: usize, out: &mut Vec<f64>) {
    let bound = 1.0 / (fan_in.max(1) as f64).sqrt();
    out.extend((0..count).map(|_| bound * (2.0 * rng.uniform() - 1.0)));
}

/// Cross-entropy training of a [`Net`] on a [`Dataset`].
#[derive(Debug, Clone)]
pub struct Classifier<N> {
    net: N,
    data: Dataset,
}

/// The examples whose forward passes and cross-entropies are computed together: the logits of a
/// block go through the exponential and the logarithm kernels of [`super::linalg`] as one vector
/// each (two lanes per instruction in WebAssembly) instead of a few values per call.
const BLOCK: usize = 32;

/// Work buffers for one block of examples.
struct Work {
    /// Per example of the block, what the net's forward pass keeps for back-propagation.
    scratch: Vec<f64>,
    /// Per example of the block, its logits z, then exp(z − max z), then (if asked for) the
    /// probabilities softmax(z).
    logits: Vec<f64>,
    /// Per example: z_y − max z (y its label).
    zy: Vec<f64>,
    /// Per example: Σ exp(z − max z), then its logarithm.
    lse: Vec<f64>,
}

impl<N: Net> Classifier<N> {
    /// The problem of training `net` on `data`.
    pub fn new(net: N, data: Dataset) -> Self {
        Classifier { net, data }
    }

    /// The data set.
    pub fn data(&self) -> &Dataset {
        &self.data
    }

    fn work(&self) -> Work {
        Work {
            scratch: vec![0.0; BLOCK * self.net.scratch_len()],
            logits: vec![0.0; BLOCK * self.data.classes],
            zy: vec![0.0; BLOCK],
            lse: vec![0.0; BLOCK],
        }
    }

    fn row<'a>(&self, split: &'a Split, i: usize) -> &'a [f64] {
        let p = self.data.features;
        split.x.get(i * p..(i + 1) * p).unwrap_or(&[])
    }

    /// The forward pass and the cross-entropy of the examples `rows` of `split` (at most
    /// [`BLOCK`]): example j's loss is `w.lse[j] − w.zy[j]` = ln Σ exp(z − max) − (z_y − max), the
    /// log-sum-exp with its largest term factored out. With `probs`, `w.logits` then holds each
    /// example's probabilities (for back-propagation, ∂loss/∂z = p − e_y); without, only
    /// exponentials that nobody reads.
    fn forward_block(
        &self,
        params: &[f64],
        split: &Split,
        rows: &[usize],
        w: &mut Work,
        probs: bool,
    ) {
        let k = self.data.classes.max(1);
        let s = self.net.scratch_len();
        let n = rows.len().min(BLOCK);
        for ((j, &i), z) in rows
            .iter()
            .take(n)
            .enumerate()
            .zip(w.logits.chunks_exact_mut(k))
        {
            let sc = w.scratch.get_mut(j * s..(j + 1) * s).unwrap_or(&mut []);
            self.net.forward(params, self.row(split, i), sc, z);
            // The largest logit (a NaN never replaces it; −∞ when all are NaN).
            let max = z
                .iter()
                .fold(f64::NEG_INFINITY, |m, &v| if v > m { v } else { m });
            z.iter_mut().for_each(|v| *v -= max);
            let y = split.y.get(i).copied().unwrap_or(0);
            if let Some(zy) = w.zy.get_mut(j) {
                *zy = z.get(y).copied().unwrap_or(0.0);
            }
        }
        let logits = &mut w.logits[..n * k];
        super::linalg::exp_in_place(logits);
        for (sum, e) in w.lse.iter_mut().zip(logits.chunks_exact_mut(k)) {
            *sum = e.iter().sum::<f64>();
            if probs {
                e.iter_mut().for_each(|p| *p /= *sum);
            }
        }
        super::linalg::ln_in_place(&mut w.lse[..n]);
    }

    /// Example j's cross-entropy after [`Self::forward_block`].
    fn block_loss(w: &Work, j: usize) -> f64 {
        w.lse.get(j).copied().unwrap_or(0.0) - w.zy.get(j).copied().unwrap_or(0.0)
    }

    /// Mean cross-entropy over a split (an evaluation: no probabilities needed).
    fn mean_loss(&self, params: &[f64], split: &Split) -> f64 {
        let mut w = self.work();
        let n = split.len();
        let mut rows = [0usize; BLOCK];
        let mut total = 0.0;
        for start in (0..n).step_by(BLOCK) {
            let m = (n - start).min(BLOCK);
            for (j, r) in rows.iter_mut().take(m).enumerate() {
                *r = start + j;
            }
            self.forward_block(params, split, &rows[..m], &mut w, false);
            for j in 0..m {
                total += Self::block_loss(&w, j);
            }
        }
        total / n.max(1) as f64
    }

    /// Adds weight × the gradient of training example `i` (example j of the block just
    /// forwarded with probabilities) for label `y` to `grad` (∂loss/∂logits = p − e_y).
    #[allow(clippy::too_many_arguments)]
    fn backprop_example(
        &self,
        params: &[f64],
        i: usize,
        j: usize,
        y: usize,
        weight: f64,
        w: &mut Work,
        grad: &mut [f64],
    ) {
        let k = self.data.classes.max(1);
        let s = self.net.scratch_len();
        let Some(p) = w.logits.get_mut(j * k..(j + 1) * k) else {
            return;
        };
        if let Some(py) = p.get_mut(y) {
            *py -= 1.0;
        }
        let sc = w.scratch.get_mut(j * s..(j + 1) * s).unwrap_or(&mut []);
        let x = self.row(&self.data.train, i);
        self.net.backward(params, x, sc, p, weight, grad);
    }

    fn batch_indices<'b>(&self, batch: Batch<'b>, rng: &mut SimRng) -> Cow<'b, [usize]> {
        match batch {
            Batch::Examples(idx) => Cow::Borrowed(idx),
            // An unlimited stream over a finite set: draw with replacement.
            Batch::Stream(b) => Cow::Owned(
                (0..b)
                    .map(|_| rng.below(self.data.train.len() as u64) as usize)
                    .collect(),
            ),
        }
    }
}

impl<N: Net> Problem for Classifier<N> {
    fn dim(&self) -> usize {
        self.net.dim()
    }

    fn train_size(&self) -> Option<usize> {
        Some(self.data.train.len())
    }

    fn init(&self, rng: &mut SimRng) -> Vec<f64> {
        self.net.init(rng)
    }

    fn loss(&self, params: &[f64]) -> f64 {
        self.mean_loss(params, &self.data.train)
    }

    fn heldout_loss(&self, params: &[f64]) -> f64 {
        self.mean_loss(params, &self.data.heldout)
    }

    fn gradient(
        &self,
        params: &[f64],
        batch: Batch<'_>,
        rng: &mut SimRng,
        grad: &mut [f64],
    ) -> f64 {
        grad.iter_mut().for_each(|g| *g = 0.0);
        let idx = self.batch_indices(batch, rng);
        let weight = 1.0 / idx.len().max(1) as f64;
        let mut w = self.work();
        let mut loss = 0.0;
        for rows in idx.chunks(BLOCK) {
            self.forward_block(params, &self.data.train, rows, &mut w, true);
            for (j, &i) in rows.iter().enumerate() {
                loss += Self::block_loss(&w, j);
                let y = self.data.train.y.get(i).copied().unwrap_or(0);
                self.backprop_example(params, i, j, y, weight, &mut w, grad);
            }
        }
        loss * weight
    }

    fn curvature(&self, params: &[f64], batch: Batch<'_>, rng: &mut SimRng, out: &mut [f64]) {
        out.iter_mut().for_each(|g| *g = 0.0);
        let idx = self.batch_indices(batch, rng);
        let weight = 1.0 / idx.len().max(1) as f64;
        let mut w = self.work();
        let k = self.data.classes.max(1);
        for rows in idx.chunks(BLOCK) {
            self.forward_block(params, &self.data.train, rows, &mut w, true);
            for (j, &i) in rows.iter().enumerate() {
                let p = w.logits.get(j * k..(j + 1) * k).unwrap_or(&[]);
                let sampled = rng.categorical(p);
                self.backprop_example(params, i, j, sampled, weight, &mut w, out);
            }
        }
        out.iter_mut().for_each(|g| *g *= *g);
    }

    /// From per-example gradients: all training examples when `samples ≥ n` (exact population
    /// values), otherwise `samples` drawn without replacement (unbiased tr Σ and |G|², McCandlish
    /// et al. 2018 App. A.1). B_noise is not available (H unknown).
    fn noise_stats(&self, params: &[f64], samples: usize, rng: &mut SimRng) -> NoiseStats {
        let n = self.data.train.len();
        let mut idx: Vec<usize> = (0..n).collect();
        let m = samples.clamp(2, n.max(2)).min(n);
        if m < n {
            rng.shuffle(&mut idx);
            idx.truncate(m);
        }
        let d = self.net.dim();
        let mut mean = vec![0.0; d];
        let mut g = vec![0.0; d];
        let mut sq = 0.0;
        let mut w = self.work();
        for rows in idx.chunks(BLOCK) {
            self.forward_block(params, &self.data.train, rows, &mut w, true);
            for (j, &i) in rows.iter().enumerate() {
                g.iter_mut().for_each(|x| *x = 0.0);
                let y = self.data.train.y.get(i).copied().unwrap_or(0);
                self.backprop_example(params, i, j, y, 1.0, &mut w, &mut g);
                sq += g.iter().map(|x| x * x).sum::<f64>();
                mean.iter_mut().zip(&g).for_each(|(a, b)| *a += b);
            }
        }
        let mf = m.max(1) as f64;
        let mean2 = mean.iter().map(|x| x * x).sum::<f64>() / (mf * mf);
        let pop_var = (sq / mf - mean2).max(0.0);
        if m >= n {
            NoiseStats::from_parts(mean2, pop_var, None, m)
        } else {
            let tr = pop_var * mf / (mf - 1.0);
            NoiseStats::from_parts(mean2 - tr / mf, tr, None, m)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::schedule::Schedule;
    use crate::core::sim::dataset::{CLASSES, FEATURES};
    use crate::core::sim::mlp::Mlp;
    use crate::core::sim::optim::OptimizerKind;
    use crate::core::sim::run::{RunSpec, run};
    use crate::core::sim::softmax::SoftmaxRegression;

    /// Central finite differences of the minibatch loss against the analytic gradient.
    fn check_gradient<N: Net + Clone>(net: N) {
        let p = Classifier::new(net, Dataset::generate(30, 2).unwrap());
        let mut rng = SimRng::new(1);
        let params = p.init(&mut rng);
        let idx: Vec<usize> = (0..7).collect();
        let mut g = vec![0.0; p.dim()];
        p.gradient(&params, Batch::Examples(&idx), &mut rng, &mut g);
        let mut scratch = vec![0.0; p.dim()];
        for k in (0..p.dim()).step_by(3) {
            let h = 1e-6;
            let mut plus = params.clone();
            plus[k] += h;
            let mut minus = params.clone();
            minus[k] -= h;
            let lp = p.gradient(&plus, Batch::Examples(&idx), &mut rng, &mut scratch);
            let lm = p.gradient(&minus, Batch::Examples(&idx), &mut rng, &mut scratch);
            let fd = (lp - lm) / (2.0 * h);
            assert!(
                (fd - g[k]).abs() < 1e-6 * (1.0 + g[k].abs()),
                "param {k}: {fd} vs {}",
                g[k]
            );
        }
    }

    #[test]
    fn gradients_match_finite_differences() {
        check_gradient(SoftmaxRegression {
            features: FEATURES,
            classes: CLASSES,
        });
        check_gradient(Mlp {
            features: FEATURES,
            hidden: 5,
            classes: CLASSES,
        });
    }

    #[test]
    fn gnb_curvature_is_a_squared_gradient_and_noise_stats_are_sane() {
        let p = Classifier::new(
            SoftmaxRegression {
                features: FEATURES,
                classes: CLASSES,
            },
            Dataset::generate(200, 2).unwrap(),
        );
        let mut rng = SimRng::new(4);
        let params = p.init(&mut rng);
        let idx: Vec<usize> = (0..50).collect();
        let mut h = vec![0.0; p.dim()];
        p.curvature(&params, Batch::Examples(&idx), &mut rng, &mut h);
        assert!(h.iter().all(|&x| x >= 0.0) && h.iter().any(|&x| x > 0.0));
        // Population values over all 200 examples: tr Σ and |G|² positive, B_simple finite.
        let all = p.noise_stats(&params, 10_000, &mut rng);
        assert_eq!(all.samples, 200);
        assert!(
            all.trace_cov > 0.0
                && all.grad_norm2 > 0.0
                && all.b_simple.is_some()
                && all.b_noise.is_none()
        );
    }

    #[test]
    fn the_mlp_learns() {
        let p = Classifier::new(
            Mlp {
                features: FEATURES,
                hidden: 16,
                classes: CLASSES,
            },
            Dataset::generate(2_000, 3).unwrap(),
        );
        let spec = RunSpec {
            optimizer: OptimizerKind::AdamW.config(),
            batch_size: 32,
            schedule: Schedule::constant(3e-3, 300),
            steps: 300,
            seed: 5,
            eval_every: 100,
        };
        let t = run(&p, &spec);
        let (first, last) = (t.evals.first().unwrap(), t.evals.last().unwrap());
        assert!(
            last.train_loss < 0.8 * first.train_loss,
            "{first:?} → {last:?}"
        );
    }
}
