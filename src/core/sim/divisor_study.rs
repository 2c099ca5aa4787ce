//! The divisor chart's numbers for the Simulator's current inputs ([`super::divisor`] run on the
//! quadratic the runs use): SGD, Adam and Sophia at the smallest batch size of the list, each at
//! the rate the runs give it, read at a chosen update; with Sophia's warm-up share and SGD's
//! noise-floor batch ([`super::critical_story::noise_floor_batch`]).

use super::config::Task;
use super::critical_story::{noise_floor_batch, stability_cap};
use super::divisor::{DivisorReading, DivisorRule, chart_coordinates, log_fit, reading};
use super::input::{SimInput, suggested_lr};
use super::nqm::{NoiseModel, Nqm};
use super::optim::OptimizerKind;
use super::options::OptimizerOptions;

/// The rules compared, in chart order.
pub const RULES: [DivisorRule; 3] = [DivisorRule::Sgd, DivisorRule::Adam, DivisorRule::Sophia];

/// The optimizer whose rate and colour a rule uses.
pub fn rule_kind(rule: DivisorRule) -> OptimizerKind {
    match rule {
        DivisorRule::Sgd => OptimizerKind::Sgd,
        DivisorRule::Adam => OptimizerKind::Adam,
        DivisorRule::Sophia => OptimizerKind::Sophia,
    }
}

/// The divisors of the three rules and what the page says about them.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DivisorStudy {
    /// The curvatures of the coordinates followed ([`chart_coordinates`]).
    pub h: Vec<f64>,
    /// One reading per rule of [`RULES`].
    pub readings: Vec<DivisorReading>,
    /// Each reading's least-squares line (slope, intercept), natural logs.
    pub fits: Vec<Option<(f64, f64)>>,
    /// The rate of each rule.
    pub lrs: Vec<f64>,
    /// The batch size.
    pub batch: usize,
    /// The update read.
    pub update: u64,
    /// The seed.
    pub seed: u64,
    /// Sophia's curvature refreshes so far, ⌊t/k⌋.
    pub refreshes: u64,
    /// Sophia's estimate as a share of its settled value, 1 − β₂ⁿ.
    pub warmth: f64,
}

/// The most coordinate updates per rule (≈ 30 ms of WASM time each, computed by a background
/// worker): 30,000 updates of 100 coordinates.
pub const MAX_DIVISOR_WORK: u64 = 3_000_000;

/// Everything that determines a study: what [`spec`] reads off the inputs (cheap), and what
/// [`run`] computes from it (the optimizer runs), so that the work can cross a worker boundary
/// as one cell.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DivisorSpec {
    /// The quadratic's dimension.
    pub dim: usize,
    /// Its gradient-noise model.
    pub noise: NoiseModel,
    /// The batch size (the smallest of the list).
    pub batch: usize,
    /// The rate of each rule of [`RULES`].
    pub lrs: Vec<f64>,
    /// The update read.
    pub update: u64,
    /// The seed.
    pub seed: u64,
    /// The optimizers' settings (Sophia's ρ, k, β₂ and estimator).
    pub optim: OptimizerOptions,
}

/// The study's spec for `input` at update `at` (blank: the last; capped at the run's length and
/// at [`MAX_DIVISOR_WORK`] coordinate updates per rule), or `None` off the quadratic or without
/// batch sizes.
pub fn spec(input: &SimInput, at: Option<u64>) -> Option<DivisorSpec> {
    let Task::Nqm { dim } = input.task else {
        return None;
    };
    let coords = chart_coordinates(dim).len();
    let batch = input.batch_sizes.iter().copied().min()?;
    let most = (MAX_DIVISOR_WORK / coords.max(1) as u64).max(1);
    let update = at
        .unwrap_or(input.steps)
        .clamp(1, input.steps.max(1))
        .min(most);
    let lrs = RULES
        .iter()
        .map(|&rule| {
            let kind = rule_kind(rule);
            input
                .lr_for(kind, batch, None)
                .unwrap_or_else(|| suggested_lr(input.task, kind))
        })
        .collect();
    Some(DivisorSpec {
        dim,
        noise: input.noise,
        batch,
        lrs,
        update,
        seed: input.seed,
        optim: input.optim,
    })
}

/// Runs the three rules of `spec` (the work of a worker cell); `None` if the quadratic cannot be
/// built.
pub fn run(spec: &DivisorSpec) -> Option<DivisorStudy> {
    let full = Nqm::with_noise(spec.dim, spec.noise).ok()?;
    let q = full.subset(&chart_coordinates(spec.dim));
    let sophia = spec.optim.sophia;
    let readings: Vec<DivisorReading> = RULES
        .iter()
        .zip(&spec.lrs)
        .map(|(&rule, &lr)| reading(&q, rule, spec.batch, lr, spec.update, spec.seed, &sophia))
        .collect();
    let fits = readings
        .iter()
        .map(|r| log_fit(q.curvatures(), &r.divisors))
        .collect();
    Some(DivisorStudy {
        h: q.curvatures().to_vec(),
        readings,
        fits,
        lrs: spec.lrs.clone(),
        batch: spec.batch,
        update: spec.update,
        seed: spec.seed,
        refreshes: spec.update / sophia.hessian_interval.max(1),
        warmth: spec.optim.sophia_warmth(spec.update),
    })
}

/// The study for `input` at update `at` ([`spec`], then [`run`]).
pub fn study(input: &SimInput, at: Option<u64>) -> Option<DivisorStudy> {
    run(&spec(input, at)?)
}

/// SGD's noise-floor batch on the quadratic of `input`: (2/h_max)·tr Σ/(4L), with tr Σ the trace
/// of one example's gradient covariance under the chosen noise model and L the target; `None`
/// off the quadratic.
pub fn sgd_noise_floor_batch(input: &SimInput) -> Option<f64> {
    let Task::Nqm { dim } = input.task else {
        return None;
    };
    let q = Nqm::with_noise(dim, input.noise).ok()?;
    let trace: f64 = q.noise_variances().iter().sum();
    let b = noise_floor_batch(input.target, trace, stability_cap(q.curvatures()));
    b.is_finite().then_some(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::sim::input::SimText;

    #[test]
    fn default_inputs_give_ordered_slopes() {
        let input = SimText::DEFAULT.parse().unwrap();
        let s = study(&input, None).unwrap();
        assert_eq!((s.batch, s.update, s.h.len()), (16, 800, 100));
        let slope = |i: usize| s.readings[i].slope.unwrap();
        assert!(slope(0).abs() < 1e-12);
        assert!(
            slope(1) > 0.3 && slope(1) < slope(2),
            "{} {}",
            slope(1),
            slope(2)
        );
        // 80 refreshes with β₂ = 0.99: 1 − 0.99⁸⁰.
        assert_eq!(s.refreshes, 80);
        assert!((s.warmth - 0.5525).abs() < 1e-3, "{}", s.warmth);
        // An update past the end reads the last one; the isotropic noise flattens Adam's slope.
        assert_eq!(study(&input, Some(10_000)).unwrap().update, 800);
        let mut long = input.clone();
        long.steps = 100_000;
        assert_eq!(study(&long, None).unwrap().update, 30_000);
        let mut t = SimText::DEFAULT;
        t.noise = "isotropic";
        let iso = study(&t.parse().unwrap(), None).unwrap();
        assert!(iso.readings[1].slope.unwrap() < slope(1) - 0.2);
        // d = 100, tr Σ = Σ 1/i ≈ 5.187, L = 0.02, cap 2: B× = 2·5.187/0.08 ≈ 129.7.
        let b = sgd_noise_floor_batch(&input).unwrap();
        assert!((b - 129.69).abs() < 0.05, "{b}");
        t.task = "softmax";
        t.noise = "hessian";
        let soft = t.parse_fields().unwrap();
        assert!(study(&soft, None).is_none() && sgd_noise_floor_batch(&soft).is_none());
    }
}
