//! The Simulator view's inputs as typed (URL text) → a validated [`SimInput`], and from it the
//! runs and the sweep to do.
//!
//! Learning rate per (optimizer, B), in order of precedence: `lr_<opt>` if given; else `sim_lr`
//! if it is a number; else, with `sim_lr = auto`, the best rate of the sweep's cell (optimizer, B);
//! else (blank) [`suggested_lr`], a rate that trains well on the task.
//!
//! Updates per run: `steps` for every batch size; or, with an epoch budget `sim_epochs` = E on a
//! data set, ⌈E·⌈n/B⌉⌉ for batch size B, so every batch size sees the same E·n examples (the
//! comparison of Keskar et al. 2017, arXiv:1609.04836, §2, and Hoffer et al. 2017,
//! arXiv:1705.08741, who train every batch size for the same number of epochs). The sweep keeps
//! `steps` updates per run.

use super::config::{
    DEFAULT_NQM_TARGET, MAX_BATCH, MAX_LR, MAX_RUN_WORK, MAX_RUNS_WORK, MAX_SWEEP_WORK, Task,
    WorkShape, run_work, sweep_work, too_much_work,
};
use super::nqm::{NoiseModel, Nqm};
use super::optim::OptimizerKind;
use super::options::{OptimizerOptions, OptionsText};
use super::problem::Problem;
use super::run::RunSpec;
use super::sampler::steps_per_epoch;
use super::seed_band::XAxis;
use super::sweep::{LrGrid, SweepResult, SweepSpec};
use crate::core::error::{Collector, ErrorKind, InputError};
use crate::core::params::{ParamSpec, sim as P};
use crate::core::schedule::{Schedule, ScheduleKind, Warmup};
use crate::core::units::{parse_count, parse_number};

/// The most seeds averaged per setting.
pub const MAX_SEEDS: u64 = 16;
/// The most batch sizes in the `bs` list.
pub const MAX_BATCH_SIZES: usize = 8;
/// The largest seed.
pub const MAX_SEED: u64 = 1_000_000_000;
/// The largest epoch budget `sim_epochs` (the work caps usually bind first).
pub const MAX_SIM_EPOCHS: f64 = 10_000.0;
/// The floor of the `cosine_min` schedule as a fraction of the peak (HF `min_lr_rate` = 0.1).
pub const SIM_MIN_LR_RATIO: f64 = 0.1;
/// The learning-rate grid of the sweep: 13 rates ×2.15 apart from 10⁻³ to 10, as in
/// [`super::config::default_sweep`].
pub const SWEEP_GRID: LrGrid = LrGrid {
    min: 1e-3,
    max: 10.0,
    points: 13,
};

/// The URL key of an optimizer's own rate.
pub fn lr_key(kind: OptimizerKind) -> &'static str {
    let i = OptimizerKind::ALL
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(0);
    P::LR_OPT.get(i).map_or(P::LR_SGD.key, |spec| spec.key)
}

/// A rate that trains well on `task` at mid-sized batches with a constant schedule: near the best
/// rate of the sweep grid [`SWEEP_GRID`] at B = 128 (seed 1), as a 1-2-5 value. Measured on the
/// quadratic over 800 updates (checked by the test `suggested_rates_are_stable_and_good`: stable
/// at B = 16…1024, within ×4 of the best) and on softmax regression over 300 updates; the MLP
/// uses the softmax values.
pub fn suggested_lr(task: Task, kind: OptimizerKind) -> f64 {
    use OptimizerKind as K;
    match task {
        Task::Nqm { .. } => match kind {
            K::Sgd => 0.5,
            K::Momentum | K::Nesterov => 0.02,
            K::Adam | K::AdamW => 0.01,
            K::Sophia | K::Lion => 0.005,
        },
        Task::Softmax { .. } | Task::Mlp { .. } => match kind {
            K::Sgd => 0.1,
            K::Momentum | K::Nesterov => 0.05,
            K::Adam | K::AdamW => 0.05,
            K::Sophia | K::Lion => 0.01,
        },
    }
}

/// The default target loss: [`DEFAULT_NQM_TARGET`] on the quadratic (≈ 1/130 of the initial
/// loss); on the data sets 0.8 nats (initial ≈ ln 4 = 1.39), which the good settings at B = 128
/// reach within 300 updates on softmax regression (best final losses 0.67–0.86 measured).
pub fn default_target(task: Task) -> f64 {
    match task {
        Task::Nqm { .. } => DEFAULT_NQM_TARGET,
        Task::Softmax { .. } | Task::Mlp { .. } => 0.8,
    }
}

/// Whole-set evaluations per run on a finite data set (the resolution of its curve and of its
/// steps-to-target).
pub const EVALS_PER_RUN: u64 = 25;

/// Per-example gradients for the noise measurement: many on the quadratic (cheap), fewer on the
/// data sets (each is a forward and backward pass).
pub fn noise_samples(task: Task) -> usize {
    match task {
        Task::Nqm { .. } => 10_000,
        _ => 2_000,
    }
}

/// The inputs as typed.
#[derive(Debug, Clone, Copy)]
pub struct SimText<'a> {
    /// `task`.
    pub task: &'a str,
    /// `opts`: comma list.
    pub opts: &'a str,
    /// `bs`: comma list.
    pub bs: &'a str,
    /// `sim_lr`: blank, a number, or `auto`.
    pub lr: &'a str,
    /// `lr_<opt>`: blank or a number, in [`OptimizerKind::ALL`] order.
    pub lr_opt: [&'a str; 7],
    /// `steps`.
    pub steps: &'a str,
    /// `seed`.
    pub seed: &'a str,
    /// `seeds`.
    pub seeds: &'a str,
    /// `x`.
    pub x: &'a str,
    /// `target`: blank or a number.
    pub target: &'a str,
    /// `sim_sched`.
    pub sched: &'a str,
    /// `sim_warmup`.
    pub warmup: &'a str,
    /// `sim_noise`: hessian or isotropic (the quadratic's noise model).
    pub noise: &'a str,
    /// Sophia's and AdamW's settings (`sophia_est`, `sophia_rho`, `sophia_k`, `sophia_b2`,
    /// `adamw_wd`).
    pub options: OptionsText<'a>,
    /// `sim_n`: training examples of the data sets.
    pub n: &'a str,
    /// `sim_label_noise`: the fraction of training labels flipped.
    pub label_noise: &'a str,
    /// `sim_epochs`: blank, or an epoch budget on the data sets.
    pub epochs: &'a str,
}

impl SimText<'static> {
    /// The defaults: the quadratic, SGD, momentum and Adam at B = 16, 128, 1024, 800 updates
    /// (enough for B = 16 to reach the target with SGD), 2 seeds, constant rate: 18 runs, under
    /// 100 ms of WASM compute.
    pub const DEFAULT: SimText<'static> = SimText {
        task: P::TASK.default,
        opts: P::OPTS.default,
        bs: P::BS.default,
        lr: P::LR.default,
        lr_opt: [
            P::LR_SGD.default,
            P::LR_MOMENTUM.default,
            P::LR_NESTEROV.default,
            P::LR_ADAM.default,
            P::LR_ADAMW.default,
            P::LR_SOPHIA.default,
            P::LR_LION.default,
        ],
        steps: P::STEPS.default,
        seed: P::SEED.default,
        seeds: P::SEEDS.default,
        x: P::X.default,
        target: P::TARGET.default,
        sched: P::SCHED.default,
        warmup: P::WARMUP.default,
        noise: P::NOISE.default,
        options: OptionsText {
            estimator: P::SOPHIA_EST.default,
            rho: P::SOPHIA_RHO.default,
            k: P::SOPHIA_K.default,
            beta2: P::SOPHIA_B2.default,
            adamw_wd: P::ADAMW_WD.default,
        },
        n: P::N.default,
        label_noise: P::LABEL_NOISE.default,
        epochs: P::EPOCHS.default,
    };
}

impl<'a> SimText<'a> {
    /// The inputs as typed, each read with `text` under its declaration in
    /// [`crate::core::params::sim`].
    pub fn read(mut text: impl FnMut(&'static ParamSpec) -> &'a str) -> SimText<'a> {
        SimText {
            task: text(&P::TASK),
            opts: text(&P::OPTS),
            bs: text(&P::BS),
            lr: text(&P::LR),
            lr_opt: [
                text(&P::LR_SGD),
                text(&P::LR_MOMENTUM),
                text(&P::LR_NESTEROV),
                text(&P::LR_ADAM),
                text(&P::LR_ADAMW),
                text(&P::LR_SOPHIA),
                text(&P::LR_LION),
            ],
            steps: text(&P::STEPS),
            seed: text(&P::SEED),
            seeds: text(&P::SEEDS),
            x: text(&P::X),
            target: text(&P::TARGET),
            sched: text(&P::SCHED),
            warmup: text(&P::WARMUP),
            noise: text(&P::NOISE),
            options: OptionsText {
                estimator: text(&P::SOPHIA_EST),
                rho: text(&P::SOPHIA_RHO),
                k: text(&P::SOPHIA_K),
                beta2: text(&P::SOPHIA_B2),
                adamw_wd: text(&P::ADAMW_WD),
            },
            n: text(&P::N),
            label_noise: text(&P::LABEL_NOISE),
            epochs: text(&P::EPOCHS),
        }
    }
}

/// How the rate is chosen when `lr_<opt>` is blank.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LrChoice {
    /// [`suggested_lr`].
    Suggested,
    /// The same rate for every optimizer.
    Fixed(f64),
    /// The sweep's best rate per (optimizer, B).
    Auto,
}

/// Validated inputs.
#[derive(Debug, Clone, PartialEq)]
pub struct SimInput {
    /// The problem.
    pub task: Task,
    /// Optimizers, in the order given.
    pub opts: Vec<OptimizerKind>,
    /// Batch sizes, in the order given.
    pub batch_sizes: Vec<usize>,
    /// The rate rule.
    pub lr: LrChoice,
    /// Per-optimizer rates (`lr_<opt>`), in [`OptimizerKind::ALL`] order.
    pub lr_opt: [Option<f64>; 7],
    /// Updates per run.
    pub steps: u64,
    /// The first seed (the sweep's seed).
    pub seed: u64,
    /// Seeds per setting: seed, seed + 1, …
    pub seeds: u64,
    /// The x axis of the loss chart.
    pub x: XAxis,
    /// The loss that counts as reached.
    pub target: f64,
    /// Schedule family.
    pub sched: ScheduleKind,
    /// Warmup.
    pub warmup: Warmup,
    /// The quadratic's gradient-noise model (ignored on the data sets).
    pub noise: NoiseModel,
    /// Sophia's and AdamW's settings.
    pub optim: OptimizerOptions,
    /// The epoch budget (data sets only; `None`: `steps` updates for every batch size).
    pub epochs: Option<f64>,
}

fn parse_list<T>(
    text: &str,
    field: &'static str,
    max: usize,
    item: impl Fn(&str) -> Result<T, InputError>,
) -> Result<Vec<T>, InputError>
where
    T: PartialEq + ToString,
{
    let mut out: Vec<T> = Vec::new();
    // The comma (ASCII or full-width) is the only separator: `16;128` or `16 128` is not a list
    // (a space inside a number is a thousands separator, see `units::parse_number`).
    for part in text.split([',', '，']).filter(|p| !p.trim().is_empty()) {
        let v = item(part)?;
        if out.contains(&v) {
            return Err(InputError::new(field, ErrorKind::Duplicate(v.to_string())));
        }
        out.push(v);
    }
    if out.is_empty() {
        return Err(InputError::new(field, ErrorKind::EmptyList));
    }
    if out.len() > max {
        return Err(InputError::new(field, ErrorKind::AboveMax(max as f64)));
    }
    Ok(out)
}

/// A learning rate in (0, [`MAX_LR`]].
fn parse_lr(text: &str, field: &'static str) -> Result<f64, InputError> {
    let x = parse_number(text, field)?;
    if x <= 0.0 {
        Err(InputError::new(field, ErrorKind::NotAbove(0.0)))
    } else if x > MAX_LR {
        Err(InputError::new(field, ErrorKind::AboveMax(MAX_LR)))
    } else {
        Ok(x)
    }
}

/// An optimizer's URL word as a displayable value (for duplicate messages).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Opt(OptimizerKind);

impl std::fmt::Display for Opt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.key())
    }
}

impl SimText<'_> {
    /// Validates every field, reporting all bad fields at once, then the combination (the total
    /// work of the runs, and each run's caps).
    pub fn parse(&self) -> Result<SimInput, Vec<InputError>> {
        let input = self.parse_fields()?;
        input.check_work().map_err(|e| vec![e])?;
        Ok(input)
    }

    /// Validates every field on its own (no combination checks), reporting all bad fields at once.
    pub fn parse_fields(&self) -> Result<SimInput, Vec<InputError>> {
        let mut errors = Vec::new();
        let mut c = Collector(&mut errors);
        let d = Task::Nqm { dim: 100 };
        let task = c.or(Task::parse(self.task, P::TASK.key), d);
        // The data set's size and noise, and the epoch budget, are read on every task (and used
        // on the data sets only), so a link never carries a value that was not checked. The size
        // is at most the default 10,000: the work caps allow every MLP run on that many (with its
        // 25 evaluations of the training and held-out sets), not on the data set's largest.
        let n = c.or(P::N.count(self.n), 10_000) as usize;
        let label_noise = c.or(P::LABEL_NOISE.real(self.label_noise), 0.0);
        let epochs = if self.epochs.trim().is_empty() {
            None
        } else {
            c.or(P::EPOCHS.real(self.epochs).map(Some), None)
        };
        let task = match task {
            Task::Softmax { .. } => Task::Softmax { n, label_noise },
            Task::Mlp { .. } => Task::Mlp { n, label_noise },
            nqm => nqm,
        };
        let opts = c.or(
            parse_list(self.opts, P::OPTS.key, OptimizerKind::ALL.len(), |p| {
                OptimizerKind::parse(p, P::OPTS.key).map(Opt)
            }),
            Vec::new(),
        );
        let batch_sizes = c.or(
            parse_list(self.bs, P::BS.key, MAX_BATCH_SIZES, |p| {
                parse_count(p, P::BS.key, 1, MAX_BATCH as u64)
            }),
            Vec::new(),
        );
        let lr = match self.lr.trim() {
            "" => LrChoice::Suggested,
            "auto" => LrChoice::Auto,
            t => c.or(
                parse_lr(t, P::LR.key).map(LrChoice::Fixed),
                LrChoice::Suggested,
            ),
        };
        let mut lr_opt = [None; 7];
        for ((slot, text), spec) in lr_opt.iter_mut().zip(self.lr_opt).zip(&P::LR_OPT) {
            if !text.trim().is_empty() {
                *slot = c.or(parse_lr(text, spec.key).map(Some), None);
            }
        }
        let steps = c.or(P::STEPS.count(self.steps), 1);
        let seed = c.or(P::SEED.count(self.seed), 0);
        let seeds = c.or(P::SEEDS.count(self.seeds), 1);
        let finite = !matches!(task, Task::Nqm { .. });
        let x = c.or(XAxis::parse(self.x, P::X.key, finite), XAxis::Steps);
        let target = if self.target.trim().is_empty() {
            default_target(task)
        } else {
            c.or(
                parse_number(self.target, P::TARGET.key).and_then(|t| {
                    if t > 0.0 {
                        Ok(t)
                    } else {
                        Err(InputError::new(P::TARGET.key, ErrorKind::NotAbove(0.0)))
                    }
                }),
                1.0,
            )
        };
        let sched = c.or(
            ScheduleKind::parse(self.sched, P::SCHED.key),
            ScheduleKind::Constant,
        );
        let warmup = c.or(Warmup::parse(self.warmup, P::WARMUP.key), Warmup::Steps(0));
        let noise = c.or(
            NoiseModel::parse(self.noise, P::NOISE.key),
            NoiseModel::Hessian,
        );
        let optim = self.options.parse_into(&mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(SimInput {
            task,
            opts: opts.into_iter().map(|o| o.0).collect(),
            batch_sizes: batch_sizes.into_iter().map(|b| b as usize).collect(),
            lr,
            lr_opt,
            steps,
            seed,
            seeds,
            x,
            target,
            sched,
            warmup,
            noise,
            optim,
            epochs: if finite { epochs } else { None },
        })
    }
}

/// The problem to train: `task`, with the noise model `noise` on the quadratic; the data sets
/// are drawn from `data_seed` (the page and its workers build it the same way).
pub fn problem_for(
    task: Task,
    noise: NoiseModel,
    data_seed: u64,
) -> Result<Box<dyn Problem>, InputError> {
    match task {
        Task::Nqm { dim } => Ok(Box::new(Nqm::with_noise(dim, noise)?)),
        t => t.build(data_seed),
    }
}

impl SimInput {
    /// The problem to train: the task, with the chosen noise model on the quadratic; the data
    /// sets are drawn from `data_seed`.
    pub fn problem(&self, data_seed: u64) -> Result<Box<dyn Problem>, InputError> {
        problem_for(self.task, self.noise, data_seed)
    }

    /// The schedule of a run at peak rate `lr`.
    pub fn schedule(&self, lr: f64) -> Schedule {
        self.schedule_over(lr, self.steps)
    }

    /// The schedule of a run at peak rate `lr` over `total` updates (warmup and decay follow the
    /// run's own length).
    pub fn schedule_over(&self, lr: f64, total: u64) -> Schedule {
        Schedule {
            kind: self.sched,
            peak_lr: lr,
            warmup: self.warmup.steps(total),
            total,
            min_lr_ratio: SIM_MIN_LR_RATIO,
        }
    }

    /// Whole-set evaluation interval: 0 on the stream, else about [`EVALS_PER_RUN`] per run.
    pub fn eval_every(&self) -> u64 {
        self.eval_every_over(self.steps)
    }

    /// The evaluation interval of a run of `steps` updates.
    pub fn eval_every_over(&self, steps: u64) -> u64 {
        match self.task {
            Task::Nqm { .. } => 0,
            _ => (steps / EVALS_PER_RUN).max(1),
        }
    }

    /// The training examples of the data set (`None` on the quadratic).
    pub fn train_size(&self) -> Option<usize> {
        match self.task {
            Task::Nqm { .. } => None,
            Task::Softmax { n, .. } | Task::Mlp { n, .. } => Some(n),
        }
    }

    /// Updates per run at batch size `batch`: ⌈E·⌈n/B⌉⌉ under an epoch budget E (at least 1),
    /// else `steps` (see the module docs).
    pub fn steps_for(&self, batch: usize) -> u64 {
        match (self.epochs, self.train_size()) {
            (Some(e), Some(n)) => {
                let spe = steps_per_epoch(n, batch) as f64;
                let s = (e * spe).ceil();
                if s >= u64::MAX as f64 {
                    u64::MAX
                } else {
                    (s as u64).max(1)
                }
            }
            _ => self.steps,
        }
    }

    /// The run of (optimizer, B) at rate `lr` and seed `seed`.
    fn run_spec(&self, kind: OptimizerKind, batch: usize, lr: f64, seed: u64) -> RunSpec {
        let steps = self.steps_for(batch);
        RunSpec {
            optimizer: self.optim.config(kind),
            batch_size: batch,
            schedule: self.schedule_over(lr, steps),
            steps,
            seed,
            eval_every: self.eval_every_over(steps),
        }
    }

    /// The peak rate of (optimizer, B) by the precedence in the module docs; `None` with `auto`
    /// while no sweep result is given, or when the sweep found no stable rate.
    pub fn lr_for(
        &self,
        kind: OptimizerKind,
        batch: usize,
        sweep: Option<&SweepResult>,
    ) -> Option<f64> {
        let i = OptimizerKind::ALL.iter().position(|k| *k == kind)?;
        if let Some(Some(lr)) = self.lr_opt.get(i) {
            return Some(*lr);
        }
        match self.lr {
            LrChoice::Fixed(lr) => Some(lr),
            LrChoice::Suggested => Some(suggested_lr(self.task, kind)),
            LrChoice::Auto => sweep?.cell(kind, batch)?.best_lr(),
        }
    }

    /// Whether the runs need the sweep first (some optimizer takes its rate from it).
    pub fn needs_sweep(&self) -> bool {
        self.lr == LrChoice::Auto && self.opts.iter().any(|&o| self.lr_for(o, 1, None).is_none())
    }

    /// The runs to draw: for each optimizer, batch size and seed, in that order; settings without
    /// a rate (auto without a usable sweep cell) are left out.
    pub fn run_specs(&self, sweep: Option<&SweepResult>) -> Vec<(OptimizerKind, usize, RunSpec)> {
        let mut out = Vec::new();
        for &o in &self.opts {
            for &b in &self.batch_sizes {
                let Some(lr) = self.lr_for(o, b, sweep) else {
                    continue;
                };
                for k in 0..self.seeds {
                    out.push((o, b, self.run_spec(o, b, lr, self.seed.wrapping_add(k))));
                }
            }
        }
        out
    }

    /// The sweep over the chosen optimizers and batch sizes on [`SWEEP_GRID`].
    pub fn sweep_spec(&self) -> SweepSpec {
        SweepSpec {
            optimizers: self.opts.clone(),
            batch_sizes: self.batch_sizes.clone(),
            grid: SWEEP_GRID,
            schedule: self.schedule(1.0),
            steps: self.steps,
            target: self.target,
            seed: self.seed,
            eval_every: self.eval_every(),
            noise_samples: noise_samples(self.task),
            options: self.optim,
            noise: self.noise,
        }
    }

    /// Checks the sweep against its cap: on `steps`, [`ErrorKind::TooMuchWork`] with what to cut
    /// (updates, optimizers, batch sizes), each cut keeping the runs valid too.
    pub fn check_sweep(&self) -> Result<(), InputError> {
        let fits = |s: &WorkShape| self.reshaped(s).sweep_fits();
        let shape = self.work_shape();
        if fits(&shape) {
            return Ok(());
        }
        Err(too_much_work(&shape, &|s: &WorkShape| {
            fits(s) && self.reshaped(s).runs_fit()
        }))
    }

    /// The inputs the work caps depend on.
    pub fn work_shape(&self) -> WorkShape {
        WorkShape {
            optimizers: self.opts.len(),
            batch_sizes: self.batch_sizes.clone(),
            seeds: Some(self.seeds),
            steps: self.steps,
        }
    }

    /// These inputs with the optimizers (the first ones), batch sizes, seeds and updates of `shape`.
    pub fn reshaped(&self, shape: &WorkShape) -> SimInput {
        SimInput {
            opts: self.opts.iter().copied().take(shape.optimizers).collect(),
            batch_sizes: shape.batch_sizes.clone(),
            seeds: shape.seeds.unwrap_or(self.seeds),
            steps: shape.steps,
            ..self.clone()
        }
    }

    /// Whether every run is within [`MAX_RUN_WORK`] and all of them together within
    /// [`MAX_RUNS_WORK`].
    fn runs_fit(&self) -> bool {
        let per_setting: Vec<f64> = self
            .batch_sizes
            .iter()
            .map(|&b| {
                let steps = self.steps_for(b);
                run_work(self.task, b, steps, self.eval_every_over(steps))
            })
            .collect();
        let total = per_setting.iter().sum::<f64>() * (self.opts.len() as f64) * self.seeds as f64;
        per_setting.iter().all(|&w| w <= MAX_RUN_WORK) && total <= MAX_RUNS_WORK
    }

    /// Whether the sweep is within [`MAX_SWEEP_WORK`].
    fn sweep_fits(&self) -> bool {
        sweep_work(
            self.task,
            self.opts.len(),
            &self.batch_sizes,
            SWEEP_GRID.points,
            self.steps,
            self.eval_every(),
        ) <= MAX_SWEEP_WORK
    }

    /// The largest budget, in hundredths of an epoch, at most `epochs`, whose runs fit the caps
    /// (bisection: the work grows with the budget); `None` if not even 0.01 epochs fit (the
    /// evaluations of many runs on a large set can exceed the caps by themselves).
    fn most_epochs(&self, epochs: f64) -> Option<f64> {
        let fits = |k: u64| {
            SimInput {
                epochs: Some(k as f64 / 100.0),
                ..self.clone()
            }
            .runs_fit()
        };
        let (mut lo, mut hi) = (0u64, (epochs * 100.0).ceil().max(1.0) as u64);
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if fits(mid) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        (lo > 0).then(|| lo as f64 / 100.0)
    }

    /// The work caps of the runs (and, with `auto`, of the sweep they need). Under an epoch
    /// budget whose runs alone are too long, the most epochs that fit, on `sim_epochs`;
    /// otherwise, on `steps`, [`ErrorKind::TooMuchWork`] with what to cut so that everything fits.
    fn check_work(&self) -> Result<(), InputError> {
        let auto = self.lr == LrChoice::Auto;
        let fits = |s: &WorkShape| {
            let i = self.reshaped(s);
            i.runs_fit() && (!auto || i.sweep_fits())
        };
        let shape = self.work_shape();
        if fits(&shape) {
            return Ok(());
        }
        if let Some(epochs) = self.epochs
            && !self.runs_fit()
            && (!auto || self.sweep_fits())
            && let Some(most) = self.most_epochs(epochs)
        {
            return Err(InputError::new(P::EPOCHS.key, ErrorKind::AboveMax(most)));
        }
        Err(too_much_work(&shape, &fits))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::error::WorkCut;
    use crate::core::sim::config::MAX_STEPS;
    use crate::core::sim::rng::SimRng;
    use crate::core::sim::sweep::sweep;

    fn text() -> SimText<'static> {
        SimText::DEFAULT
    }

    #[test]
    fn defaults_parse_and_give_18_runs() {
        let i = text().parse().unwrap();
        assert_eq!(i.task, Task::Nqm { dim: 100 });
        assert_eq!(i.opts.len(), 3);
        assert_eq!(i.batch_sizes, vec![16, 128, 1024]);
        assert_eq!(i.target, DEFAULT_NQM_TARGET);
        let specs = i.run_specs(None);
        assert_eq!(specs.len(), 3 * 3 * 2);
        assert_eq!(specs[1].2.seed, 2);
        assert_eq!(
            specs[0].2.schedule.peak_lr,
            suggested_lr(i.task, OptimizerKind::Sgd)
        );
        assert!(!i.needs_sweep());
        assert!(i.check_sweep().is_ok());
    }

    #[test]
    fn rate_precedence() {
        let mut t = text();
        t.lr = "0.3";
        t.lr_opt[3] = "1e-3";
        let i = t.parse().unwrap();
        assert_eq!(i.lr_for(OptimizerKind::Sgd, 16, None), Some(0.3));
        assert_eq!(i.lr_for(OptimizerKind::Adam, 16, None), Some(1e-3));
        t.lr = "auto";
        let i = t.parse().unwrap();
        assert!(i.needs_sweep());
        assert_eq!(i.lr_for(OptimizerKind::Sgd, 16, None), None);
        assert_eq!(i.lr_for(OptimizerKind::Adam, 16, None), Some(1e-3));
        assert_eq!(i.run_specs(None).len(), 3 * 2); // only Adam's runs have a rate yet
    }

    #[test]
    fn bad_fields_are_named_all_at_once() {
        let mut t = text();
        t.opts = "sgd,sgd";
        t.bs = "0,4";
        t.lr = "fast";
        t.lr_opt[0] = "-1";
        t.steps = "0";
        t.seeds = "100";
        t.x = "epochs"; // the quadratic has no epochs
        t.target = "0";
        t.sched = "step";
        t.warmup = "-1";
        let fields: Vec<&str> = t.parse().unwrap_err().iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            vec![
                "opts",
                "bs",
                "sim_lr",
                "lr_sgd",
                "steps",
                "seeds",
                "x",
                "target",
                "sim_sched",
                "sim_warmup"
            ]
        );
        let mut t = text();
        t.bs = "1,2,3,4,5,6,7,8,9";
        assert_eq!(t.parse().unwrap_err()[0].field, "bs");
        t.bs = "4096,1024";
        t.steps = "100000";
        t.seeds = "16";
        t.opts = "sgd,momentum,nesterov,adam,adamw,sophia,lion";
        let e = t.parse().unwrap_err();
        assert_eq!(e[0].field, "steps");
        t.task = "mlp";
        t.x = "epochs";
        t.bs = "64";
        t.steps = "100";
        t.seeds = "1";
        t.opts = "adam";
        assert!(t.parse().is_ok());
    }

    /// The data set's fields and the epoch budget: every batch size makes ⌈E·⌈n/B⌉⌉ updates and
    /// so sees E·n examples; the fields are checked on every task and used on the data sets only;
    /// a budget over the work caps is reported on `sim_epochs` with a budget that passes.
    #[test]
    fn epoch_budget_and_data_fields() {
        let mut t = text();
        t.task = "mlp";
        t.n = "300";
        t.label_noise = "0.2";
        t.epochs = "2.5";
        t.bs = "8,64,300,1000";
        let i = t.parse().unwrap();
        assert_eq!(
            i.task,
            Task::Mlp {
                n: 300,
                label_noise: 0.2
            }
        );
        // ⌈300/8⌉ = 38 → ⌈95⌉; ⌈300/64⌉ = 5 → ⌈12.5⌉ = 13; one batch per epoch → 3 (2.5 rounded up).
        let steps: Vec<u64> = [8, 64, 300, 1000].map(|b| i.steps_for(b)).to_vec();
        assert_eq!(steps, vec![95, 13, 3, 3]);
        let specs = i.run_specs(None);
        assert_eq!(specs[0].2.steps, 95);
        assert_eq!(specs[0].2.schedule.total, 95);
        assert_eq!(specs[0].2.eval_every, 3);
        // Without a budget every batch size makes `steps` updates.
        t.epochs = "";
        t.bs = "8,64";
        assert_eq!(t.parse().unwrap().steps_for(8), 800);
        // On the quadratic the data fields are checked but not used.
        let mut q = text();
        q.epochs = "3";
        q.n = "500";
        let i = q.parse().unwrap();
        assert_eq!((i.epochs, i.steps_for(16)), (None, 800));
        for (field, bad) in [
            ("sim_n", "0"),
            ("sim_label_noise", "0.6"),
            ("sim_epochs", "-1"),
        ] {
            let mut b = text();
            match field {
                "sim_n" => b.n = bad,
                "sim_label_noise" => b.label_noise = bad,
                _ => b.epochs = bad,
            }
            assert_eq!(b.parse().unwrap_err()[0].field, field, "{field}={bad}");
        }
        // Too many epochs for the caps: the message's budget passes.
        t.task = "mlp";
        t.n = "10000";
        t.epochs = "500";
        t.bs = "1";
        t.opts = "sgd";
        t.seeds = "1";
        let e = t.parse().unwrap_err();
        assert_eq!(e[0].field, "sim_epochs");
        let ErrorKind::AboveMax(most) = e[0].kind else {
            panic!("{e:?}")
        };
        assert!(most > 0.0 && most < 500.0, "{most}");
        let allowed = format!("{most}");
        t.epochs = &allowed;
        assert!(t.parse().is_ok(), "{most} epochs should pass");
    }

    #[test]
    fn only_commas_separate_list_items() {
        let mut t = text();
        t.bs = "16，128";
        assert_eq!(t.parse().map(|i| i.batch_sizes), Ok(vec![16, 128]));
        for bad in ["16;128", "16 128"] {
            t.bs = bad;
            assert_eq!(t.parse().unwrap_err()[0].field, "bs", "{bad}");
        }
        let mut t = text();
        t.opts = "sgd;adam";
        assert_eq!(t.parse().unwrap_err()[0].field, "opts");
    }

    /// Property: random texts never panic, and every accepted input has finite positive rates.
    #[test]
    fn random_texts_never_panic() {
        let words = [
            "",
            "0",
            "1",
            "-1",
            "1e9",
            "nan",
            "inf",
            "auto",
            "sgd",
            "adam,lion",
            "4,4",
            "2,8",
            "abc",
            "10k",
            "0.5",
            "epochs",
            "steps",
            "cosine",
            "1e-300",
        ];
        let mut r = SimRng::new(4);
        let mut pick = || words[r.below(words.len() as u64) as usize];
        for _ in 0..3000 {
            let t = SimText {
                task: ["nqm", "softmax", "mlp", "x"][(pick().len()) % 4],
                opts: pick(),
                bs: pick(),
                lr: pick(),
                lr_opt: [pick(), pick(), pick(), pick(), pick(), pick(), pick()],
                steps: pick(),
                seed: pick(),
                seeds: pick(),
                x: pick(),
                target: pick(),
                sched: pick(),
                warmup: pick(),
                noise: ["hessian", "isotropic", "x", ""][(pick().len()) % 4],
                options: OptionsText {
                    estimator: ["gnb", "hutchinson", "", "x"][(pick().len()) % 4],
                    rho: pick(),
                    k: pick(),
                    beta2: pick(),
                    adamw_wd: pick(),
                },
                n: pick(),
                label_noise: pick(),
                epochs: pick(),
            };
            if let Ok(i) = t.parse() {
                for (_, _, s) in i.run_specs(None) {
                    assert!(s.schedule.peak_lr.is_finite() && s.schedule.peak_lr > 0.0);
                }
            }
        }
    }

    /// The suggested rates: each is stable at every default batch size and within ×4 of the
    /// sweep's best rate at B = 128 (the doc comment of [`suggested_lr`]).
    #[test]
    fn suggested_rates_are_stable_and_good() {
        let task = Task::Nqm { dim: 100 };
        let p = task.build(1).unwrap();
        let spec = SweepSpec {
            optimizers: OptimizerKind::ALL.to_vec(),
            batch_sizes: vec![16, 128, 1024],
            noise_samples: 0,
            ..text().parse().unwrap().sweep_spec()
        };
        let r = sweep(p.as_ref(), spec);
        for o in OptimizerKind::ALL {
            let s = suggested_lr(task, o);
            for b in [16, 128, 1024] {
                let c = r.cell(o, b).unwrap();
                assert!(s <= c.max_stable_lr().unwrap(), "{o:?} B = {b}");
            }
            let best = r.cell(o, 128).unwrap().best_lr().unwrap();
            assert!(
                s >= best / 4.0 && s <= best * 4.0,
                "{o:?}: {s} vs best {best}"
            );
        }
    }

    /// The texts of a request, owned, for the cap properties below.
    #[derive(Clone)]
    struct Owned {
        task: &'static str,
        opts: String,
        bs: String,
        lr: &'static str,
        steps: String,
        seeds: String,
    }

    impl Owned {
        fn text(&self) -> SimText<'_> {
            SimText {
                task: self.task,
                opts: &self.opts,
                bs: &self.bs,
                lr: self.lr,
                steps: &self.steps,
                seeds: &self.seeds,
                x: "steps",
                ..SimText::DEFAULT
            }
        }

        /// The request with `cuts` applied as a reader would type them.
        fn apply_all(&self, cuts: &[WorkCut]) -> Owned {
            cuts.iter().fold(self.clone(), |o, c| o.apply(c))
        }

        /// The request with `cut` applied as a reader would type it.
        fn apply(&self, cut: &WorkCut) -> Owned {
            let join = |v: Vec<String>| v.join(",");
            let mut o = self.clone();
            match cut {
                WorkCut::Updates { to, .. } => o.steps = to.to_string(),
                WorkCut::Optimizers { to, .. } => {
                    o.opts = join(self.opts.split(',').take(*to).map(String::from).collect());
                }
                WorkCut::BatchSizes { keep, .. } => {
                    o.bs = join(keep.iter().map(|b| b.to_string()).collect());
                }
                WorkCut::Seeds { to, .. } => o.seeds = to.to_string(),
            }
            o
        }
    }

    fn random_request(r: &mut SimRng) -> Owned {
        let mut kinds = OptimizerKind::ALL.to_vec();
        r.shuffle(&mut kinds);
        kinds.truncate(1 + r.below(7) as usize);
        let mut bs: Vec<usize> = Vec::new();
        for _ in 0..1 + r.below(8) {
            let b = crate::core::math::pow(2.0, 12.0 * r.uniform()).round() as usize;
            if !bs.contains(&b) {
                bs.push(b.clamp(1, MAX_BATCH));
            }
        }
        bs.dedup();
        Owned {
            task: ["nqm", "softmax", "mlp"][r.below(3) as usize],
            opts: kinds.iter().map(|k| k.key()).collect::<Vec<_>>().join(","),
            bs: bs
                .iter()
                .map(|b| b.to_string())
                .collect::<Vec<_>>()
                .join(","),
            lr: ["", "auto", "0.01"][r.below(3) as usize],
            steps: (crate::core::math::pow(10.0, 5.0 * r.uniform()).round() as u64)
                .clamp(1, MAX_STEPS)
                .to_string(),
            seeds: (1 + r.below(MAX_SEEDS)).to_string(),
        }
    }

    /// The suggestions of a work-cap error: each a list of cuts to apply together.
    fn cuts_of(e: &InputError) -> Vec<Vec<WorkCut>> {
        assert_eq!(e.field, "steps", "{e:?}");
        match &e.kind {
            ErrorKind::TooMuchWork { cuts, together } => {
                assert!(!cuts.is_empty());
                if *together {
                    vec![cuts.clone()]
                } else {
                    cuts.iter().map(|c| vec![c.clone()]).collect()
                }
            }
            other => panic!("{other:?}"),
        }
    }

    /// Property: over many random requests over the caps, the error lists at least one change,
    /// and applying any one of them (as typed text) gives an accepted request. The same for the
    /// sweep's own cap (checked on the request with one seed, which the sweep does not use, so
    /// that its runs fit more often).
    #[test]
    fn every_suggested_cut_is_accepted() {
        let mut r = SimRng::new(17);
        let (mut runs_over, mut sweeps_over) = (0, 0);
        for _ in 0..600 {
            let req = random_request(&mut r);
            if let Err(errors) = req.text().parse() {
                runs_over += 1;
                for cuts in cuts_of(&errors[0]) {
                    let fixed = req.apply_all(&cuts);
                    assert!(fixed.text().parse().is_ok(), "{cuts:?} on {}", fixed.steps);
                }
            }
            let req = Owned {
                seeds: "1".into(),
                ..req
            };
            let Ok(input) = req.text().parse() else {
                continue;
            };
            if let Err(e) = input.check_sweep() {
                sweeps_over += 1;
                for cuts in cuts_of(&e) {
                    let fixed = req.apply_all(&cuts).text().parse();
                    let fixed = fixed.unwrap_or_else(|e| panic!("{cuts:?}: {e:?}"));
                    assert!(fixed.check_sweep().is_ok(), "{cuts:?}");
                }
            }
        }
        assert!(
            runs_over > 100 && sweeps_over > 20,
            "{runs_over} {sweeps_over}"
        );
    }

    /// The defaults of every task run as they are, runs and sweep; the updates suggested for an
    /// over-cap request are accepted and close to the most that fit, so following it never moves
    /// the limit.
    #[test]
    fn defaults_fit_and_the_updates_limit_is_exact() {
        for task in ["nqm", "softmax", "mlp"] {
            let t = SimText { task, ..text() };
            let input = t.parse().unwrap_or_else(|e| panic!("{task}: {e:?}"));
            assert!(
                input.check_sweep().is_ok(),
                "{task}: {:?}",
                input.check_sweep()
            );
        }
        let req = Owned {
            task: "mlp",
            opts: "sgd,momentum,nesterov,adam,adamw,sophia,lion".into(),
            bs: "1024,4096".into(),
            lr: "",
            steps: "5000".into(),
            seeds: "4".into(),
        };
        let e = req.text().parse().unwrap_err();
        let cuts = cuts_of(&e[0]);
        let Some(WorkCut::Updates { from: 5000, to }) =
            cuts.first().and_then(|c| c.first()).cloned()
        else {
            panic!("{cuts:?}")
        };
        let at = |steps: u64| {
            Owned {
                steps: steps.to_string(),
                ..req.apply_all(&cuts[0])
            }
            .text()
            .parse()
            .is_ok()
        };
        // Accepted, and within 2 % of the largest accepted count (the evaluation count steps by one
        // between nearby update counts, so the limit is not quite monotone).
        assert!(at(to) && !at(to + to / 50 + 1), "{to}");
    }
}
