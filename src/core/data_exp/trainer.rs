//! Minibatch SGD of one shared softmax regression over several tasks, resumable in slices.
//!
//! The model is the simulator's [`SoftmaxRegression`] over the input `[x ⊗ onehot(task),
//! onehot(task)]`: each task's inputs occupy their own block of features and the task id is a
//! one-hot input (a per-task bias). The tasks share the model and, above all, the budget of
//! draws: what one task gets, the others do not. Each minibatch slot picks its task with the
//! mixing rates (categorical draw) and the task's next example from a per-task shuffle that is
//! redrawn at each pass over the task (data repeated epoch after epoch). Loss: cross-entropy;
//! update θ ← θ − η ∇ (plain SGD, constant η).

use super::world::{CLASSES, Examples, INPUT};
use crate::core::sim::classifier::Net;
use crate::core::sim::dataset::softmax_in_place;
use crate::core::sim::rng::SimRng;
use crate::core::sim::softmax::SoftmaxRegression;

/// Examples per minibatch.
pub const BATCH: usize = 10;
/// The SGD learning rate η.
pub const LR: f64 = 0.2;
/// Held-out evaluations per run (plus the one at step 0).
pub const EVALS: usize = 40;

/// One held-out evaluation.
#[derive(Debug, Clone, PartialEq)]
pub struct Eval {
    /// Optimizer steps so far.
    pub step: usize,
    /// Mean held-out cross-entropy per task (nats).
    pub heldout: Vec<f64>,
}

/// A training run in progress.
#[derive(Debug, Clone)]
pub struct Trainer {
    net: SoftmaxRegression,
    tasks: usize,
    params: Vec<f64>,
    grad: Vec<f64>,
    input: Vec<f64>,
    logits: Vec<f64>,
    train: Vec<Examples>,
    heldout: Vec<Examples>,
    rates: Vec<f64>,
    order: Vec<Vec<usize>>,
    cursor: Vec<usize>,
    rng: SimRng,
    step: usize,
    steps: usize,
    eval_every: usize,
    /// Draws of each task so far.
    pub drawn: Vec<u64>,
    /// The evaluations so far.
    pub evals: Vec<Eval>,
}

impl Trainer {
    /// A run of `steps` minibatches over `train` (one per task), sampled with `rates`, evaluated
    /// on `heldout`; `seed` sets the initial weights and the draws.
    pub fn new(
        train: Vec<Examples>,
        heldout: Vec<Examples>,
        rates: Vec<f64>,
        steps: usize,
        seed: u64,
    ) -> Self {
        let tasks = train.len();
        let net = SoftmaxRegression {
            features: tasks * INPUT + tasks,
            classes: CLASSES,
        };
        let mut rng = SimRng::derived(seed, 0x7A1E);
        let params = net.init(&mut rng);
        let order: Vec<Vec<usize>> = train.iter().map(|t| (0..t.len()).collect()).collect();
        let cursor = train.iter().map(Examples::len).collect();
        let mut t = Trainer {
            net,
            tasks,
            grad: vec![0.0; params.len()],
            params,
            input: vec![0.0; net.features],
            logits: vec![0.0; CLASSES],
            train,
            heldout,
            rates,
            order,
            cursor,
            rng,
            step: 0,
            steps,
            eval_every: (steps / EVALS).max(1),
            drawn: vec![0; tasks],
            evals: Vec::new(),
        };
        t.evaluate();
        t
    }

    /// Steps done.
    pub fn step(&self) -> usize {
        self.step
    }

    /// Steps in all.
    pub fn steps(&self) -> usize {
        self.steps
    }

    /// Whether the run is over.
    pub fn done(&self) -> bool {
        self.step >= self.steps
    }

    fn fill_input(&mut self, task: usize, x: &[f64]) {
        self.input.iter_mut().for_each(|v| *v = 0.0);
        if let Some(block) = self.input.get_mut(task * INPUT..(task + 1) * INPUT) {
            block.copy_from_slice(x.get(..INPUT).unwrap_or(&[0.0; INPUT]));
        }
        if let Some(one) = self.input.get_mut(self.tasks * INPUT + task) {
            *one = 1.0;
        }
    }

    /// Cross-entropy of (x, y) in task `task`; leaves the probabilities in `self.logits`.
    fn loss_of(&mut self, task: usize, x: &[f64], y: usize) -> f64 {
        self.fill_input(task, x);
        self.net
            .forward(&self.params, &self.input, &mut [], &mut self.logits);
        let max = self
            .logits
            .iter()
            .copied()
            .fold(f64::NEG_INFINITY, f64::max);
        let lse = max
            + crate::core::math::log(
                self.logits
                    .iter()
                    .map(|&z| crate::core::math::exp(z - max))
                    .sum::<f64>(),
            );
        let loss = lse - self.logits.get(y).copied().unwrap_or(0.0);
        softmax_in_place(&mut self.logits);
        loss
    }

    fn evaluate(&mut self) {
        let heldout = std::mem::take(&mut self.heldout);
        let losses = heldout
            .iter()
            .enumerate()
            .map(|(task, ex)| {
                let n = ex.len().max(1) as f64;
                (0..ex.len())
                    .map(|i| self.loss_of(task, ex.row(i), ex.y.get(i).copied().unwrap_or(0)))
                    .sum::<f64>()
                    / n
            })
            .collect();
        self.heldout = heldout;
        self.evals.push(Eval {
            step: self.step,
            heldout: losses,
        });
    }

    /// The next example index of `task` (a fresh shuffle at each pass).
    fn next_example(&mut self, task: usize) -> usize {
        let len = self.order.get(task).map_or(0, Vec::len);
        if self.cursor.get(task).copied().unwrap_or(0) >= len {
            if let Some(o) = self.order.get_mut(task) {
                self.rng.shuffle(o);
            }
            if let Some(c) = self.cursor.get_mut(task) {
                *c = 0;
            }
        }
        let c = self.cursor.get(task).copied().unwrap_or(0);
        if let Some(cc) = self.cursor.get_mut(task) {
            *cc += 1;
        }
        self.order
            .get(task)
            .and_then(|o| o.get(c))
            .copied()
            .unwrap_or(0)
    }

    /// Runs up to `n` more steps; returns how many ran.
    pub fn advance(&mut self, n: usize) -> usize {
        let mut ran = 0;
        while ran < n && !self.done() {
            self.grad.iter_mut().for_each(|g| *g = 0.0);
            let weight = 1.0 / BATCH as f64;
            for _ in 0..BATCH {
                let task = self.rng.categorical(&self.rates);
                if self.train.get(task).is_none_or(Examples::is_empty) {
                    continue;
                }
                let i = self.next_example(task);
                if let Some(d) = self.drawn.get_mut(task) {
                    *d += 1;
                }
                let (x, y) = {
                    let ex = &self.train[task];
                    (ex.row(i).to_vec(), ex.y.get(i).copied().unwrap_or(0))
                };
                self.loss_of(task, &x, y);
                if let Some(p) = self.logits.get_mut(y) {
                    *p -= 1.0;
                }
                self.net.backward(
                    &self.params,
                    &self.input,
                    &mut [],
                    &self.logits,
                    weight,
                    &mut self.grad,
                );
            }
            self.params
                .iter_mut()
                .zip(&self.grad)
                .for_each(|(p, g)| *p -= LR * g);
            self.step += 1;
            ran += 1;
            if self.step.is_multiple_of(self.eval_every) || self.done() {
                self.evaluate();
            }
        }
        ran
    }

    /// Runs to the end.
    pub fn finish(&mut self) {
        while !self.done() {
            self.advance(usize::MAX);
        }
    }

    /// Held-out loss of `task` at the last evaluation.
    pub fn last(&self, task: usize) -> f64 {
        self.evals
            .last()
            .and_then(|e| e.heldout.get(task))
            .copied()
            .unwrap_or(f64::NAN)
    }

    /// The lowest held-out loss of `task` over the evaluations.
    pub fn best(&self, task: usize) -> f64 {
        self.evals
            .iter()
            .filter_map(|e| e.heldout.get(task).copied())
            .fold(f64::INFINITY, f64::min)
    }

    /// Epochs over `task`'s training data so far (draws / examples).
    pub fn epochs(&self, task: usize) -> f64 {
        let n = self.train.get(task).map_or(0, Examples::len);
        self.drawn.get(task).copied().unwrap_or(0) as f64 / n.max(1) as f64
    }

    /// Number of tasks.
    pub fn tasks(&self) -> usize {
        self.tasks
    }
}
